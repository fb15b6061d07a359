"""Invalid ID numbers on the register: wrong check character, birth date or sex disagreeing with the
number, illegal characters, legacy 15-digit numbers, birth dates before 1900 or after the day.

The database screens every number when it is written, whatever wrote it (the program, an import,
legacy data, plain SQL): the rows that may be invalid sit in a partial index (see
`persistence.id_screen`), so the check reads only those few, plus the birth dates out of range on the
day of the check, and lets the domain validator word (or clear) each of them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import or_, select, text

from ...domain.enums import Sex
from ...domain.errors import ValidationError
from ...domain.health import FindingCode
from ...domain.idnumber import check_consistency, parse_id_number, upgrade_legacy
from ...persistence import id_screen
from ...persistence.models import Enrollment, Person
from ..quota import enrollment_active_on
from .base import CheckContext, Finding

_EARLIEST_BIRTH = dt.date(1900, 1, 1)  # parse_id_number refuses earlier birth dates


def _suspects(ctx: CheckContext) -> list[int]:
    """Ids of the people whose number may be invalid: the screened rows (read through their index),
    and those born before 1900 or after the day (which the number may state consistently)."""
    dialect = ctx.session.get_bind().dialect.name
    hint = f" INDEXED BY {id_screen.INDEX_NAME}" if dialect == "sqlite" else ""
    screened = text(f"SELECT id FROM person{hint} WHERE {id_screen.condition(dialect)}")
    out_of_range = select(Person.id).where(
        or_(Person.birth_date < _EARLIEST_BIRTH, Person.birth_date > ctx.day)
    )
    found = set(ctx.session.scalars(screened)) | set(ctx.session.scalars(out_of_range))
    return sorted(found)


def _problems(number: str, birth: dt.date, sex: str, legacy: bool, day: dt.date) -> list[str]:
    try:
        info = parse_id_number(number, today=day)
    except ValidationError as error:
        return [error.rule]
    problems = check_consistency(info, birth, Sex(sex))
    if info.is_legacy or legacy:
        problems.append(f"为15位旧号码，应换为18位：{upgrade_legacy(info.number)}")
    return problems


def invalid_id(ctx: CheckContext) -> list[Finding]:
    session, day = ctx.session, ctx.day
    suspicious = _suspects(ctx)
    if not suspicious:
        return []
    rows = session.execute(
        select(
            Person.id,
            Person.name,
            Person.id_number,
            Person.birth_date,
            Person.sex,
            Person.id_legacy,
            Enrollment.id,
            Enrollment.unit_id,
        )
        .join(Enrollment, Enrollment.person_id == Person.id)
        .where(Person.id.in_(suspicious), enrollment_active_on(day))
        .order_by(Person.id)
    ).all()
    findings = []
    for person_id, name, number, birth, sex, legacy, enrollment_id, unit_id in rows:
        problems = _problems(number, birth, sex, legacy, day)
        if not problems:
            continue
        unit = ctx.unit_name(unit_id)
        findings.append(
            Finding(
                FindingCode.INVALID_ID,
                f"person:{person_id}",
                unit_id,
                unit,
                f"{name}（{unit}）身份证号{number}：{'；'.join(problems)}",
                {"id_number": number, "problems": "；".join(problems)},
                {"person": (person_id,), "enrollment": (enrollment_id,)},
            )
        )
    return findings
