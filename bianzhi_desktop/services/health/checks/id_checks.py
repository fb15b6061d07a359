"""Invalid ID numbers on the register: wrong check character, birth date or sex disagreeing with the
number, illegal characters, legacy 15-digit numbers, birth dates before 1900 or after the day.

Every number on the register is screened in Python (`may_be_invalid`, a few string operations per
person, ~70 ms for 40,000 people), whatever wrote it — the program, an import, legacy data, plain SQL.
The screen never misses an invalid number; the domain validator then words (or clears) the few it
lets through. (The screen used to be a partial index, which cost every insert its predicate.)"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bianzhi_desktop.domain.enums import Sex
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.domain.idnumber import check_consistency, parse_id_number, upgrade_legacy
from bianzhi_desktop.persistence.models import Enrollment, Person
from bianzhi_desktop.services.health.checks.base import CheckContext, HealthFinding
from bianzhi_desktop.services.ledger.quota import enrollment_active_on

_EARLIEST_BIRTH = dt.date(1900, 1, 1)  # parse_id_number refuses earlier birth dates
_CHECK_CHARS = "10X98765432"
_MALE = Sex.MALE.value
_ODD = frozenset("13579")


def may_be_invalid(number: str, birth: dt.date | str, sex: str, legacy: bool) -> bool:
    """False only for a well-formed 18-character number whose check character, birth date (a date or
    its ISO text) and sex agree with the stored particulars (a birth date out of range on the day is
    checked apart).

    The GB 11643 weights are 2^(17-i) mod 11 and 13 ≡ 2 (mod 11), so the weighted digit sum is
    congruent to twice the 17 digits read in base 13: one int() in C instead of 17 multiplications."""
    if legacy or len(number) != 18:
        return True
    first17 = number[:17]
    if not (first17.isascii() and first17.isdigit()) or first17[0] == "0":
        return True
    if _CHECK_CHARS[2 * int(first17, 13) % 11] != number[17]:
        return True
    iso = birth if birth.__class__ is str else birth.isoformat()  # type: ignore[union-attr]
    if iso != f"{number[6:10]}-{number[10:12]}-{number[12:14]}":
        return True
    return (number[16] in _ODD) != (sex == _MALE)


def _suspects(ctx: CheckContext) -> list[int]:
    """Ids of the people whose number may be invalid: those the screen lets through, and those born
    before 1900 or after the day (which the number may state consistently). The register is read with
    the driver's own rows (no per-row result processing): SQLite gives the birth date as ISO text,
    PostgreSQL as a date, and ISO text compares as the date does."""
    rows = ctx.session.connection().exec_driver_sql(
        "SELECT id, id_number, birth_date, sex, id_legacy FROM person"
    )
    earliest, latest = _EARLIEST_BIRTH.isoformat(), ctx.day.isoformat()
    found = []
    for person_id, number, birth, sex, legacy in rows.cursor.fetchall():
        iso = birth if birth.__class__ is str else birth.isoformat()
        if iso < earliest or iso > latest or may_be_invalid(number, iso, sex, legacy):
            found.append(person_id)
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


def invalid_id(ctx: CheckContext) -> list[HealthFinding]:
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
            HealthFinding(
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
