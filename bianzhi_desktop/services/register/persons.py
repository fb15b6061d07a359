"""Persons of the name-by-name register (实名制人员): particulars, validated against the ID number."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import NamedTuple

from sqlalchemy import select

from bianzhi_desktop.domain.enums import Education, Labelled, PoliticalStatus, RetirementCategory, Role, Sex
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.idnumber import check_consistency, parse_id_number
from bianzhi_desktop.domain.limits import check_length
from bianzhi_desktop.domain.pinyin import person_initials
from bianzhi_desktop.domain.retirement import statutory_retirement_date
from bianzhi_desktop.domain.textnorm import check_plain_text, strip_spaces
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Person
from bianzhi_desktop.services.context import Actor, apply_changes, audit, created, get_or_fail, now, require

EDITORS = (Role.CLERK, Role.ADMIN)
PERSON_FIELDS = (
    "name",
    "sex",
    "id_number",
    "id_legacy",
    "birth_date",
    "ethnicity",
    "education",
    "political_status",
    "retirement_category",
)


class PersonInput(NamedTuple):
    """A person's particulars as entered or imported (a named tuple: an import makes one per row)."""

    name: str
    id_number: str
    sex: Sex | None = None  # taken from the ID number when not given
    birth_date: dt.date | None = None  # taken from the ID number when not given
    retirement_category: RetirementCategory | None = None  # required for women
    ethnicity: str = "汉族"
    education: Education | None = None
    political_status: PoliticalStatus | None = None


@dataclass(frozen=True)
class PersonInfo:
    id: int
    name: str
    sex: Sex
    id_number: str
    id_legacy: bool
    birth_date: dt.date
    ethnicity: str
    education: Education | None
    political_status: PoliticalStatus | None
    retirement_category: RetirementCategory
    retirement_date: dt.date
    warnings: tuple[str, ...] = ()


def person_info(person: Person, warnings: tuple[str, ...] = ()) -> PersonInfo:
    category = RetirementCategory(person.retirement_category)
    return PersonInfo(
        id=person.id,
        name=person.name,
        sex=Sex(person.sex),
        id_number=person.id_number,
        id_legacy=person.id_legacy,
        birth_date=person.birth_date,
        ethnicity=person.ethnicity,
        education=Education(person.education) if person.education else None,
        political_status=PoliticalStatus(person.political_status) if person.political_status else None,
        retirement_category=category,
        retirement_date=statutory_retirement_date(person.birth_date, category),
        warnings=warnings,
    )


def clean_name(raw: str) -> str:
    """Names have no spaces (rosters pad two-character names: “王  芳” is 王芳)."""
    if raw.isalpha() and len(raw) <= 30:  # the usual name: no space, digit or other mark to look at
        return raw
    name = strip_spaces(raw)
    if not name:
        raise ValidationError("姓名", "不能为空")
    if len(name) > 30:
        raise ValidationError("姓名", f"“{name}”过长（最多30个字）")
    if any(ch.isdigit() for ch in name):
        raise ValidationError("姓名", f"“{name}”含有数字")
    return check_plain_text(name, "姓名")


def _code(enum: type[Labelled], value: object) -> str:
    """The stored code of a pick-list value given as a member or as its code."""
    member = value if isinstance(value, enum) else enum(str(value))
    return str(member._value_)


def validate(
    uow: UnitOfWork,
    data: PersonInput,
    person_id: int | None,
    *,
    check_duplicates: bool = True,
    today: dt.date | None = None,
) -> tuple[dict[str, object], tuple[str, ...]]:
    """The person's values as stored, and the ID number's warnings; raises ValidationError. A batch
    passes `today` once (and checks duplicates against the register itself)."""
    name = clean_name(data.name)
    today = today or dt.date.today()
    parsed = parse_id_number(data.id_number, today=today)
    sex = _code(Sex, data.sex) if data.sex else parsed.sex._value_
    birth = data.birth_date or parsed.birth_date
    if birth != parsed.birth_date or sex != parsed.sex:
        raise ValidationError("身份证号", "；".join(check_consistency(parsed, birth, Sex(sex))))
    if birth > today:
        raise ValidationError("出生日期", "不能晚于今天")
    if check_duplicates:
        clash = select(Person).where(Person.id_number == parsed.number)
        if person_id is not None:
            clash = clash.where(Person.id != person_id)
        other = uow.session.scalar(clash)
        if other is not None:
            raise ValidationError("身份证号", f"{parsed.number} 已登记为“{other.name}”，同一人不能登记两次")
    values: dict[str, object] = {
        "name": name,
        "sex": sex,
        "id_number": parsed.number,
        "id_legacy": parsed.is_legacy,
        "birth_date": birth,
        "ethnicity": check_length("民族", strip_spaces(data.ethnicity)) or "汉族",
        "education": _code(Education, data.education) if data.education else None,
        "political_status": _code(PoliticalStatus, data.political_status) if data.political_status else None,
        "retirement_category": _retirement_category(sex, data.retirement_category),
        "initials": person_initials(name),
    }
    return values, parsed.warnings


def _retirement_category(sex: str, given: RetirementCategory | None) -> str:
    male = RetirementCategory.MALE_60._value_
    if given is None:
        if sex == Sex.MALE:
            return male
        raise ValidationError("退休类别", "女性须选择原法定退休年龄类别（55岁干部/管理岗位，或50岁工人岗位）")
    category = _code(RetirementCategory, given)
    if sex == Sex.MALE and category != male:
        raise ValidationError("退休类别", "男性的退休类别只能是“男（原60岁）”")
    if sex == Sex.FEMALE and category == male:
        raise ValidationError("退休类别", "女性须选择55岁或50岁类别")
    return category


def create_person(uow: UnitOfWork, actor: Actor, data: PersonInput) -> PersonInfo:
    require(actor, *EDITORS, action="登记人员信息")
    values, warnings = validate(uow, data, None)
    person = Person(**values, created_at=now())
    uow.session.add(person)
    audit(
        uow,
        actor,
        "person.create",
        person,
        summary=f"登记人员 {person.name}",
        changes=created(person, PERSON_FIELDS),
    )
    return person_info(person, warnings)


def update_person(uow: UnitOfWork, actor: Actor, person_id: int, data: PersonInput) -> PersonInfo:
    require(actor, *EDITORS, action="修改人员信息")
    person = get_or_fail(uow.session, Person, person_id, "人员")
    values, warnings = validate(uow, data, person_id)
    changes = apply_changes(person, values)
    changes.pop("initials", None)
    if changes:
        audit(uow, actor, "person.update", person, summary=f"修改人员 {person.name} 的信息", changes=changes)
    return person_info(person, warnings)


def get_person(uow: UnitOfWork, person_id: int) -> PersonInfo:
    return person_info(get_or_fail(uow.session, Person, person_id, "人员"))


def find_by_id_number(uow: UnitOfWork, raw: str) -> PersonInfo | None:
    number = parse_id_number(raw).number
    person = uow.session.scalar(select(Person).where(Person.id_number == number))
    return person_info(person) if person else None
