"""Invalid ID numbers on the register: wrong check character, birth date or sex disagreeing with the
number, illegal characters, legacy 15-digit numbers.

SQL screens every number in one scan: the first 17 digits are read as one integer and the GB 11643
checksum is integer arithmetic on its digits (far cheaper than 17 substrings per row). The few numbers
it flags are then worded by the domain validator."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from ...domain.enums import Sex
from ...domain.errors import ValidationError
from ...domain.health import FindingCode
from ...domain.idnumber import check_consistency, parse_id_number, upgrade_legacy
from ...persistence.models import Enrollment, Person
from ..quota import enrollment_active_on
from .base import CheckContext, Finding

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECKSUM = " + ".join(f"((n / {10 ** (16 - i)}) % 10) * {w}" for i, w in enumerate(_WEIGHTS))

# One scan of the person table. {n}: the first 17 characters as an integer, NULL (PostgreSQL) or below
# 10^16 (SQLite, whose CAST stops at the first non-digit) when they are not 17 digits (area codes never
# start with 0); {birth}: the stored birth date as YYYYMMDD; {keep}: stops SQLite from flattening the
# subquery, which would recompute n for every digit.
_SCREEN = """
SELECT id FROM (
    SELECT id, id_number, birth_date, sex, id_legacy, {n} AS n FROM person {keep}
) AS p
WHERE id_legacy
   OR n IS NULL OR n < 10000000000000000 OR length(id_number) <> 18
   OR substr(CAST('10X98765432' AS TEXT), CAST(({checksum}) % 11 AS INTEGER) + 1, 1)
      <> substr(id_number, 18, 1)
   OR substr(id_number, 7, 8) <> {birth}
   OR (n % 2 = 1) <> (sex = :male)
"""
_DIALECT = {
    "sqlite": {
        "n": "CAST(substr(id_number, 1, 17) AS INTEGER)",
        "birth": "replace(birth_date, '-', '')",
        "keep": "LIMIT -1",
    },
    "postgresql": {
        "n": "CASE WHEN id_number ~ '^[0-9]{17}' THEN CAST(substr(id_number, 1, 17) AS BIGINT) END",
        "birth": "to_char(birth_date, 'YYYYMMDD')",
        "keep": "OFFSET 0",
    },
}


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
    parts = _DIALECT.get(session.get_bind().dialect.name, _DIALECT["postgresql"])
    screen = text(_SCREEN.format(checksum=_CHECKSUM, **parts))
    suspicious = [row[0] for row in session.execute(screen, {"male": Sex.MALE.value})]
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
