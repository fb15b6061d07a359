"""The name-by-name register (实名制) as one searchable table of up to 40,000 people.

The GUI's table holds only person ids (after Anki's browser): `register_ids` filters and sorts the whole
register in SQL and returns the ids; `register_rows` builds the visible rows for a block of ids.

Each person is shown with one enrollment: the active one (在编); for someone no longer on quota, the
latest ended one (已出编); a person registered but never enrolled has none (未入编).

The search text is read by its shape (one box for everything a clerk types):
- Chinese characters (or anything mixed): the name contains the text;
- Latin letters only: the pinyin initials start with the text (zs → 张三, Person.initials);
- digits, optionally ending in X: the ID number ends with them, or starts with them when there are at
  least ID_PREFIX_MIN (the first six are the area code most of a county shares); 18 characters: exactly.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Integer, Select, and_, bindparam, case, cast, exists, extract, func, or_, select
from sqlalchemy.orm import aliased
from sqlalchemy.sql.elements import ColumnElement, SQLCoreOperations

from bianzhi_desktop.domain.enums import RemovalReason, RetirementCategory, Role, Sex, UnitCategory
from bianzhi_desktop.domain.idnumber import mask_id_number, normalize_id_number
from bianzhi_desktop.domain.retirement import statutory_retirement_date
from bianzhi_desktop.domain.textnorm import strip_spaces, to_halfwidth
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Division, Enrollment, Person, QuotaKind, Unit
from bianzhi_desktop.services.context import Actor

# Roles that see ID numbers in full; everyone else sees them masked (3201**********1234).
ID_NUMBER_ROLES = frozenset({Role.ADMIN, Role.CLERK})


def may_see_id_numbers(actor: Actor) -> bool:
    """Administrators and clerks (经办) see full ID numbers; reviewers and approvers see them masked."""
    return any(role in actor.roles for role in ID_NUMBER_ROLES)


class RegisterStatus(StrEnum):
    ACTIVE = "active"  # 在编
    REMOVED = "removed"  # 已出编
    NEVER = "never"  # 未入编
    ALL = "all"  # 全部

    @property
    def label(self) -> str:
        return {"active": "在编", "removed": "已出编", "never": "未入编", "all": "全部"}[self.value]


class SortKey(StrEnum):
    """Columns the register can be sorted by (each a SQL ordering)."""

    NAME = "name"
    SEX = "sex"
    BIRTH = "birth"
    ID_NUMBER = "id_number"
    UNIT = "unit"
    DIVISION = "division"
    KIND = "kind"
    POST = "post"
    START = "start"
    STATUS = "status"
    RETIREMENT = "retirement"


@dataclass(frozen=True)
class RegisterFilter:
    text: str = ""
    unit_id: int | None = None
    kind_id: int | None = None
    status: RegisterStatus = RegisterStatus.ACTIVE


@dataclass(frozen=True)
class RegisterRow:
    person_id: int
    name: str
    sex: Sex
    birth_date: dt.date
    id_number: str  # masked when asked for
    unit_id: int | None
    unit_name: str
    division_name: str
    kind_name: str
    post_title: str
    start_on: dt.date | None
    end_on: dt.date | None
    end_reason: RemovalReason | None
    retirement_date: dt.date

    @property
    def status(self) -> RegisterStatus:
        if self.start_on is None:
            return RegisterStatus.NEVER
        return RegisterStatus.ACTIVE if self.end_on is None else RegisterStatus.REMOVED

    @property
    def status_label(self) -> str:
        if self.end_reason is not None:
            return f"已出编（{self.end_reason.label}）"
        return self.status.label


# -- the search text ---------------------------------------------------------------------------------
_ID_TEXT = re.compile(r"[0-9]+X?")
# A shorter start of an ID number is the county's area code (and the century): it tells nobody apart.
ID_PREFIX_MIN = 10


def _prefix_range(column: SQLCoreOperations[str], prefix: str) -> ColumnElement[bool]:
    """`column` starts with `prefix`, as a range an index can serve, plus LIKE for exactness."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(column >= prefix, column < upper, column.startswith(prefix, autoescape=True))


def text_condition(raw: str) -> ColumnElement[bool] | None:
    """The condition a search text stands for (None: no text)."""
    text = strip_spaces(to_halfwidth(raw))
    if not text:
        return None
    number = normalize_id_number(text)
    if _ID_TEXT.fullmatch(number):
        if len(number) == 18:
            return Person.id_number == number
        # The last digits: one scan of the ID number's own (covering) index, far cheaper than reading
        # every person's row.
        other = aliased(Person)
        suffix = Person.id.in_(select(other.id).where(other.id_number.endswith(number, autoescape=True)))
        if len(number) < ID_PREFIX_MIN:
            return suffix
        return or_(_prefix_range(Person.id_number, number), suffix)
    if text.isascii() and text.isalpha():
        return _prefix_range(Person.initials, text.lower())
    return Person.name.contains(text, autoescape=True)


# -- which enrollment stands for a person ---------------------------------------------------------
def _latest_enrollment_id() -> ColumnElement[int]:
    """Correlated: the person's active enrollment, else their latest one."""
    inner = aliased(Enrollment)
    return (
        select(inner.id)
        .where(inner.person_id == Person.id)
        .order_by(inner.end_on.is_(None).desc(), inner.start_on.desc(), inner.id.desc())
        .limit(1)
        .correlate(Person)
        .scalar_subquery()
    )


def _base(query: Select, f: RegisterFilter) -> Select:
    """Join the enrollment that stands for each person and apply the filter."""
    status = RegisterStatus(f.status)
    query = query.select_from(Person)
    if status == RegisterStatus.ACTIVE:
        query = query.join(Enrollment, and_(Enrollment.person_id == Person.id, Enrollment.end_on.is_(None)))
    elif status == RegisterStatus.NEVER:
        query = query.outerjoin(Enrollment, Enrollment.id == _latest_enrollment_id()).where(
            Enrollment.id.is_(None)
        )
    else:
        joined = query.outerjoin if status == RegisterStatus.ALL else query.join
        query = joined(Enrollment, Enrollment.id == _latest_enrollment_id())
        if status == RegisterStatus.REMOVED:
            query = query.where(Enrollment.end_on.is_not(None))
    if f.unit_id is not None:
        query = query.where(Enrollment.unit_id == f.unit_id)
    if f.kind_id is not None:
        query = query.where(Enrollment.kind_id == f.kind_id)
    condition = text_condition(f.text)
    if condition is not None:
        query = query.where(condition)
    return query


def _whole_register(f: RegisterFilter) -> bool:
    """Everyone on quota, unfiltered: the view the register opens with and returns to when the search
    box is cleared, worth its own cheaper queries."""
    return (
        RegisterStatus(f.status) == RegisterStatus.ACTIVE
        and f.unit_id is None
        and f.kind_id is None
        and text_condition(f.text) is None
    )


def count_register(uow: UnitOfWork, f: RegisterFilter) -> int:
    if _whole_register(f):  # one active enrollment per person (a unique index holds it): ~3× faster
        active = select(func.count()).select_from(Enrollment).where(Enrollment.end_on.is_(None))
        return uow.session.scalar(active) or 0
    return uow.session.scalar(_base(select(func.count(Person.id)), f)) or 0


@dataclass(frozen=True)
class FirstPage:
    """The first ids of a filter's result and how many there are in all."""

    ids: list[int]
    total: int

    @property
    def complete(self) -> bool:
        return len(self.ids) >= self.total


def first_page(
    uow: UnitOfWork,
    f: RegisterFilter,
    sort_key: SortKey = SortKey.NAME,
    descending: bool = False,
    size: int = 100,
) -> FirstPage:
    """What a view needs to show a filter's result at once: a narrow filter costs one query, a broad
    one a LIMIT query (served by the sort's index) and a COUNT; the other ids wait until scrolled to."""
    text = strip_spaces(to_halfwidth(f.text))
    by_name_index = SortKey(sort_key) == SortKey.NAME and (not text or (text.isascii() and text.isalpha()))
    if by_name_index or _whole_register(f) or SortKey(sort_key) in _NEEDS:
        ids = register_ids(uow, f, sort_key, descending, limit=size + 1)
        if len(ids) <= size:
            return FirstPage(ids, len(ids))
        return FirstPage(ids[:size], count_register(uow, f))
    # Unless the name index serves both the order and the filter (pinyin initials), a filtered result
    # is read whole to be sorted anyway: count it in the same pass (a window count) instead of filtering
    # the register a second time (“张” or an ID number's start at 40,000 people: ~20 → ~11 ms).
    query = _base(select(Person.id, func.count().over()), f).order_by(*_order(SortKey(sort_key), descending))
    rows = uow.session.execute(query.limit(size)).all()
    return FirstPage([row[0] for row in rows], rows[0][1] if rows else 0)


# -- sorting ---------------------------------------------------------------------------------------
_RULES = {  # original age, months per step of delay, maximum delay (see domain.retirement)
    RetirementCategory.MALE_60: (60, 4, 36),
    RetirementCategory.FEMALE_55: (55, 4, 36),
    RetirementCategory.FEMALE_50: (50, 2, 60),
}


def retirement_month_index(
    birth: SQLCoreOperations[dt.date] | None = None, category: SQLCoreOperations[str] | None = None
) -> ColumnElement[int]:
    """year·12 + month of the statutory retirement date, in SQL (exactly domain.retirement's rule), of
    the person's birth date and category (or of the columns given).

    With the day of birth it orders people by retirement date: the retirement day is the birth day of
    the month, clamped to the month's end, which keeps the order.
    """
    birth_column = Person.birth_date if birth is None else birth
    category_column = Person.retirement_category if category is None else category
    year = cast(extract("year", birth_column), Integer)
    month = cast(extract("month", birth_column), Integer)
    whens: list[tuple[ColumnElement[bool], ColumnElement[int]]] = []
    for member, (age, step, cap) in _RULES.items():
        m = (year + age - 2025) * 12 + month
        delay = case((m <= 0, 0), (m >= cap * step, cap), else_=(m + step - 1) // step)
        whens.append((category_column == member.value, year * 12 + month + age * 12 + delay))
    return case(*whens, else_=year * 12 + month + 60 * 12)


def _category_order() -> ColumnElement[int]:
    return case(
        {category.value: index for index, category in enumerate(UnitCategory)},
        value=Unit.category,
        else_=len(UnitCategory),
    )


def _order(sort_key: SortKey, descending: bool) -> list[ColumnElement[Any]]:
    def d(column: SQLCoreOperations[Any]) -> ColumnElement[Any]:
        return column.desc() if descending else column.asc()

    key = SortKey(sort_key)
    by_name = [d(Person.initials), d(Person.name), d(Person.id)]
    if key == SortKey.NAME:
        return by_name
    if key == SortKey.SEX:
        return [d(Person.sex), *by_name]
    if key == SortKey.BIRTH:
        return [d(Person.birth_date), d(Person.id)]
    if key == SortKey.ID_NUMBER:
        return [d(Person.id_number)]
    if key == SortKey.UNIT:
        return [
            d(_category_order()),
            d(Unit.position),
            d(Unit.id),
            d(func.coalesce(Division.position, 0)),
            *by_name,
        ]
    if key == SortKey.DIVISION:
        return [d(func.coalesce(Division.name, "")), *by_name]
    if key == SortKey.KIND:
        return [d(QuotaKind.position), *by_name]
    if key == SortKey.POST:
        return [d(func.coalesce(Enrollment.post_title, "")), *by_name]
    if key == SortKey.START:
        return [d(Enrollment.start_on), *by_name]
    if key == SortKey.STATUS:
        return [d(Enrollment.end_on.is_(None)), d(Enrollment.end_on), *by_name]
    # the retirement day is the birth day of the month (clamped to the month's end: order kept)
    return [d(retirement_month_index()), d(extract("day", Person.birth_date)), d(Person.id)]


_NEEDS = {
    SortKey.UNIT: ("unit", "division"),
    SortKey.DIVISION: ("division",),
    SortKey.KIND: ("kind",),
}


def register_ids(
    uow: UnitOfWork,
    f: RegisterFilter,
    sort_key: SortKey = SortKey.NAME,
    descending: bool = False,
    *,
    limit: int | None = None,
) -> list[int]:
    """The ids of the people the filter selects, in the order asked for (sorted in SQL); with `limit`
    only the first ones (what a view shows first)."""
    if limit is not None and SortKey(sort_key) == SortKey.NAME and _whole_register(f):
        # Walk the name index and stop after `limit` people on quota (~0.5 ms at 40,000 people); the
        # join SQLite otherwise picks sorts every active enrollment first (~20 ms).
        on_quota = exists().where(Enrollment.person_id == Person.id, Enrollment.end_on.is_(None))
        fast = select(Person.id).where(on_quota).order_by(*_order(SortKey.NAME, descending)).limit(limit)
        return list(uow.session.scalars(fast))
    query = _base(select(Person.id), f)
    needs = _NEEDS.get(SortKey(sort_key), ())
    if "unit" in needs:
        query = query.outerjoin(Unit, Unit.id == Enrollment.unit_id)
    if "division" in needs:
        query = query.outerjoin(Division, Division.id == Enrollment.division_id)
    if "kind" in needs:
        query = query.outerjoin(QuotaKind, QuotaKind.id == Enrollment.kind_id)
    query = query.order_by(*_order(SortKey(sort_key), descending))
    if limit is not None:
        return list(uow.session.scalars(query.limit(limit)))
    if uow.session.get_bind().dialect.name != "sqlite":
        return list(uow.session.scalars(query))
    # SQLite hands rows to Python one by one (~0.7 µs each here); one string of 40,000 ids is far
    # cheaper. The aggregate reads the ordered subquery in order (SQLite never flattens an ordered
    # subquery into an aggregate), which tests/gui/test_register.py checks against the plain query.
    inner = query.subquery()
    text = uow.session.scalar(select(func.group_concat(inner.c.id, ",")))
    return list(map(int, text.split(","))) if text else []


# -- the rows --------------------------------------------------------------------------------------
@cache
def _rows_statement() -> Select:
    """Built once: building the correlated subquery costs more than running it for 200 rows."""
    return (
        select(
            Person.id,
            Person.name,
            Person.sex,
            Person.birth_date,
            Person.id_number,
            Person.retirement_category,
            Unit.id,
            Unit.name,
            Division.name,
            QuotaKind.name,
            Enrollment.post_title,
            Enrollment.start_on,
            Enrollment.end_on,
            Enrollment.end_reason,
        )
        .select_from(Person)
        .outerjoin(Enrollment, Enrollment.id == _latest_enrollment_id())
        .outerjoin(Unit, Unit.id == Enrollment.unit_id)
        .outerjoin(Division, Division.id == Enrollment.division_id)
        .outerjoin(QuotaKind, QuotaKind.id == Enrollment.kind_id)
        .where(Person.id.in_(bindparam("ids", expanding=True)))
    )


@lru_cache(maxsize=65536)
def _retirement(birth: dt.date, category: str) -> dt.date:
    return statutory_retirement_date(birth, RetirementCategory(category))


def register_rows(uow: UnitOfWork, ids: Sequence[int], *, masked: bool = False) -> list[RegisterRow]:
    """The rows of the given people, in the order of `ids` (ids no longer there are left out)."""
    if not ids:
        return []
    found: dict[int, RegisterRow] = {}
    for (
        person_id,
        name,
        sex,
        birth,
        number,
        category,
        unit_id,
        unit_name,
        division,
        kind,
        post,
        start,
        end,
        reason,
    ) in uow.session.execute(_rows_statement(), {"ids": list(ids)}):
        found[person_id] = RegisterRow(
            person_id=person_id,
            name=name,
            sex=Sex(sex),
            birth_date=birth,
            id_number=mask_id_number(number) if masked else number,
            unit_id=unit_id,
            unit_name=unit_name or "",
            division_name=division or "",
            kind_name=kind or "",
            post_title=post or "",
            start_on=start,
            end_on=end,
            end_reason=RemovalReason(reason) if reason else None,
            retirement_date=_retirement(birth, category),
        )
    return [found[person_id] for person_id in ids if person_id in found]
