"""Checks on the register of people: 一人多编, same name and birth date, past and near retirement,
overdue removals. Retirement is compared in SQL as a birth-date cutoff per retirement category."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from bianzhi_desktop.domain.defaults import SettingKey
from bianzhi_desktop.domain.enums import RetirementCategory
from bianzhi_desktop.domain.health import FindingCode, add_working_days, latest_birth_retired_by
from bianzhi_desktop.domain.idnumber import upgrade_legacy
from bianzhi_desktop.domain.retirement import add_months, statutory_retirement_date
from bianzhi_desktop.persistence.models import Enrollment, Person
from bianzhi_desktop.services.health.checks.base import CheckContext, HealthFinding, ids
from bianzhi_desktop.services.ledger.quota import enrollment_active_on


def multiple_enrollment(ctx: CheckContext) -> list[HealthFinding]:
    """One person (one ID number) holding two quotas at once, including a legacy 15-digit number and
    its 18-digit form registered as two people."""
    session, day = ctx.session, ctx.day
    # The database keeps at most one open enrollment (no end date) per person, so two enrollments
    # active on the same day need one with an end date still to come: start from those few.
    later = aliased(Enrollment)
    ending = (
        select(Enrollment.person_id)
        .where(Enrollment.end_on > day, Enrollment.start_on <= day)
        .where(
            select(later.id)
            .where(
                later.person_id == Enrollment.person_id,
                later.id != Enrollment.id,
                later.start_on <= day,
                or_(later.end_on.is_(None), later.end_on > day),
            )
            .exists()
        )
    )
    twice = ending
    groups: dict[str, set[int]] = defaultdict(set)
    numbers: dict[int, str] = {}
    for person_id, number in session.execute(select(Person.id, Person.id_number).where(Person.id.in_(twice))):
        groups[number].add(person_id)
        numbers[person_id] = number
    legacy = session.execute(
        select(Person.id, Person.id_number)
        .join(Enrollment, Enrollment.person_id == Person.id)
        .where(Person.id_legacy.is_(True), enrollment_active_on(day))
    ).all()
    if legacy:
        converted = {upgrade_legacy(number): person_id for person_id, number in legacy if len(number) == 15}
        for person_id, number in session.execute(
            select(Person.id, Person.id_number)
            .join(Enrollment, Enrollment.person_id == Person.id)
            .where(Person.id_number.in_(converted), enrollment_active_on(day))
        ):
            groups[number].update({person_id, converted[number]})
    findings = []
    for number, people in groups.items():
        rows = session.execute(
            select(Enrollment.id, Enrollment.person_id, Enrollment.unit_id, Enrollment.start_on, Person.name)
            .join(Person, Person.id == Enrollment.person_id)
            .where(Enrollment.person_id.in_(people), enrollment_active_on(day))
            .order_by(Enrollment.start_on, Enrollment.id)
        ).all()
        if len(rows) < 2:
            continue
        latest = rows[-1]
        places = "、".join(f"{ctx.unit_name(row.unit_id)}（{row.start_on.isoformat()}入编）" for row in rows)
        findings.append(
            HealthFinding(
                FindingCode.MULTIPLE_ENROLLMENT,
                f"id:{number}",
                latest.unit_id,
                ctx.unit_name(latest.unit_id),
                f"{latest.name}（{number}）同时在{len(rows)}处在编：{places}",
                {"enrollments": len(rows), "id_number": number},
                {
                    "person": ids(row.person_id for row in rows),
                    "enrollment": ids(row.id for row in rows),
                    "unit": ids(row.unit_id for row in rows),
                },
            )
        )
    return findings


def duplicate_person(ctx: CheckContext) -> list[HealthFinding]:
    """Two people on quota with the same name and birth date (a warning: possibly one person twice)."""
    session, day = ctx.session, ctx.day
    # Grouping the person table walks the (name, birth date) index; the few pairs are then checked
    # against the register.
    pairs = (
        select(Person.name, Person.birth_date)
        .group_by(Person.name, Person.birth_date)
        .having(func.count() > 1)
        .subquery()
    )
    rows = session.execute(
        select(Person.id, Person.name, Person.birth_date, Person.id_number, Enrollment.unit_id, Enrollment.id)
        .join(pairs, and_(pairs.c.name == Person.name, pairs.c.birth_date == Person.birth_date))
        .join(Enrollment, Enrollment.person_id == Person.id)
        .where(enrollment_active_on(day))
        .order_by(Person.name, Person.birth_date, Person.id)
    ).all()
    grouped: dict[tuple[str, dt.date], list] = defaultdict(list)
    for row in rows:
        grouped[(row.name, row.birth_date)].append(row)
    findings = []
    for (name, birth), members in grouped.items():
        if len({row.id for row in members}) < 2:
            continue
        places = "、".join(f"{ctx.unit_name(row.unit_id)}（{row.id_number}）" for row in members)
        first = members[0]
        findings.append(
            HealthFinding(
                FindingCode.DUPLICATE_PERSON,
                f"name:{name}/birth:{birth.isoformat()}",
                first.unit_id,
                ctx.unit_name(first.unit_id),
                f"{name}（{birth.isoformat()}出生）在{len(members)}处登记：{places}，请核实是否同一人",
                {"people": len({row.id for row in members}), "birth_date": birth.isoformat()},
                {
                    "person": ids(row.id for row in members),
                    "enrollment": ids(row[5] for row in members),
                    "unit": ids(row.unit_id for row in members),
                },
            )
        )
    return findings


@dataclass(frozen=True)
class _Retiree:
    enrollment_id: int
    person_id: int
    name: str
    unit_id: int
    retires_on: dt.date


class _Retirement:
    """People on quota whose statutory retirement date falls on or before a day, found by birth-date
    cutoffs (one per category) so SQL does the filtering on the indexed birth date."""

    def __init__(self, ctx: CheckContext) -> None:
        self.ctx = ctx

    def due_by(self, until: dt.date, after: dt.date | None = None) -> list[_Retiree]:
        conditions, highest, lowest = [], [], []
        for category in RetirementCategory:
            cutoff = latest_birth_retired_by(until, category)
            highest.append(cutoff)
            condition = and_(Person.retirement_category == category.value, Person.birth_date <= cutoff)
            if after is not None:
                floor = latest_birth_retired_by(after, category)
                lowest.append(floor)
                condition = and_(condition, Person.birth_date > floor)
            conditions.append(condition)
        bounds = [Person.birth_date <= max(highest)]  # lets the birth-date index bound the scan
        if lowest:
            bounds.append(Person.birth_date > min(lowest))
        rows = self.ctx.session.execute(
            select(
                Enrollment.id,
                Person.id,
                Person.name,
                Enrollment.unit_id,
                Person.birth_date,
                Person.retirement_category,
            )
            .join(Person, Person.id == Enrollment.person_id)
            .where(*bounds, or_(*conditions), enrollment_active_on(self.ctx.day))
            .order_by(Person.birth_date, Person.id)
        )
        return [
            _Retiree(
                enrollment, person, name, unit, statutory_retirement_date(birth, RetirementCategory(cat))
            )
            for enrollment, person, name, unit, birth, cat in rows
        ]

    @cached_property
    def past(self) -> list[_Retiree]:
        return self.due_by(self.ctx.day)


def _retirement(ctx: CheckContext) -> _Retirement:
    """Shared by past_retirement and overdue_removal within one run."""
    cached = ctx.cache.get("retirement")
    if not isinstance(cached, _Retirement):
        cached = ctx.cache["retirement"] = _Retirement(ctx)
    return cached


def past_retirement(ctx: CheckContext) -> list[HealthFinding]:
    findings = []
    for person in _retirement(ctx).past:
        unit = ctx.unit_name(person.unit_id)
        days = (ctx.day - person.retires_on).days
        findings.append(
            HealthFinding(
                FindingCode.PAST_RETIREMENT,
                f"person:{person.person_id}",
                person.unit_id,
                unit,
                f"{person.name}（{unit}）法定退休日期为{person.retires_on.isoformat()}，已到龄{days}天仍在编",
                {"retires_on": person.retires_on.isoformat(), "days_past": days},
                {"person": (person.person_id,), "enrollment": (person.enrollment_id,)},
            )
        )
    return findings


def retiring_soon(ctx: CheckContext) -> list[HealthFinding]:
    months = ctx.setting_int(SettingKey.RETIRING_SOON_MONTHS)
    if months <= 0:
        return []
    until = add_months(ctx.day, months)
    findings = []
    for person in _retirement(ctx).due_by(until, after=ctx.day):
        unit = ctx.unit_name(person.unit_id)
        findings.append(
            HealthFinding(
                FindingCode.RETIRING_SOON,
                f"person:{person.person_id}",
                person.unit_id,
                unit,
                f"{person.name}（{unit}）将于{person.retires_on.isoformat()}到达法定退休年龄",
                {
                    "retires_on": person.retires_on.isoformat(),
                    "days_left": (person.retires_on - ctx.day).days,
                },
                {"person": (person.person_id,), "enrollment": (person.enrollment_id,)},
            )
        )
    return findings


def overdue_removal(ctx: CheckContext) -> list[HealthFinding]:
    """Units that have not removed people within the office's limit (working days) after they left.

    The register knows the day a person leaves in advance only for retirement: a person who reached
    the statutory age more than the limit ago and is still on quota is an overdue removal, and the
    unit is late with removals (which can block its new hiring plans)."""
    limit = ctx.setting_int(SettingKey.REMOVAL_LIMIT_DAYS)
    late: dict[int, list[tuple[_Retiree, dt.date]]] = defaultdict(list)
    for person in _retirement(ctx).past:
        deadline = add_working_days(person.retires_on, limit)
        if deadline < ctx.day:
            late[person.unit_id].append((person, deadline))
    findings = []
    for unit_id, people in late.items():
        unit = ctx.unit_name(unit_id)
        names = "、".join(f"{person.name}（应于{deadline.isoformat()}前出编）" for person, deadline in people)
        findings.append(
            HealthFinding(
                FindingCode.OVERDUE_REMOVAL,
                f"unit:{unit_id}",
                unit_id,
                unit,
                f"{unit}有{len(people)}名人员超过{limit}个工作日未办理出编：{names}",
                {
                    "people": len(people),
                    "limit_days": limit,
                    "earliest_deadline": min(deadline for _, deadline in people).isoformat(),
                },
                {
                    "person": ids(person.person_id for person, _ in people),
                    "enrollment": ids(person.enrollment_id for person, _ in people),
                },
            )
        )
    return findings
