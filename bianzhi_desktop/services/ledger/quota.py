"""Quota arithmetic over the ledger, as of any date, for one unit or the whole county.

approved = Σ ledger entries in force; enrolled = active enrollments; reserved = unfilled seats of live
hiring plans; vacancy = approved − enrolled − reserved. Every figure can list what stands behind it.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import Select, and_, case, func, or_, select

from bianzhi_desktop.domain.enums import LeaderTier, Rank, UnitCategory, UnitStatus
from bianzhi_desktop.domain.quota import LeaderPostFigures, QuotaFigures, remaining_seats
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import (
    Division,
    Document,
    Enrollment,
    HiringPlan,
    LeaderPostEntry,
    Person,
    QuotaEntry,
    QuotaKind,
    Unit,
)


@dataclass(frozen=True)
class QuotaLine:
    """One row of the summary: one unit and one quota kind."""

    unit_id: int
    unit_name: str
    category: UnitCategory
    kind_id: int
    kind_code: str
    kind_name: str
    figures: QuotaFigures

    @property
    def approved(self) -> int:
        return self.figures.approved

    @property
    def enrolled(self) -> int:
        return self.figures.enrolled

    @property
    def reserved(self) -> int:
        return self.figures.reserved

    @property
    def vacancy(self) -> int:
        return self.figures.vacancy


@dataclass(frozen=True)
class LedgerLine:
    entry_id: int
    effective_on: dt.date
    delta: int
    running_total: int
    reason: str
    document_number: str
    document_title: str


@dataclass(frozen=True)
class EnrolledLine:
    enrollment_id: int
    person_id: int
    name: str
    sex: str
    id_number: str
    birth_date: dt.date
    division: str
    post_title: str
    start_on: dt.date
    document_number: str


@dataclass(frozen=True)
class ReservedLine:
    plan_id: int
    seats: int
    used: int
    remaining: int
    approved_on: dt.date
    valid_until: dt.date
    method: str
    document_number: str


@dataclass(frozen=True)
class LeaderPostLine:
    tier: LeaderTier
    figures: LeaderPostFigures
    holders: tuple[str, ...]  # "姓名（职务）"


def _today(as_of: dt.date | None) -> dt.date:
    return as_of or dt.date.today()


def enrollment_active_on(day: dt.date):  # type: ignore[no-untyped-def]
    return and_(Enrollment.start_on <= day, or_(Enrollment.end_on.is_(None), Enrollment.end_on > day))


def plan_live_on(day: dt.date):  # type: ignore[no-untyped-def]
    return and_(
        HiringPlan.approved_on <= day,
        HiringPlan.valid_until >= day,
        or_(HiringPlan.cancelled_on.is_(None), HiringPlan.cancelled_on > day),
    )


def _approved_query(day: dt.date) -> Select:
    return (
        select(QuotaEntry.unit_id, QuotaEntry.kind_id, func.sum(QuotaEntry.delta))
        .where(QuotaEntry.effective_on <= day)
        .group_by(QuotaEntry.unit_id, QuotaEntry.kind_id)
    )


def _enrolled_query(day: dt.date) -> Select:
    return (
        select(Enrollment.unit_id, Enrollment.kind_id, func.count())
        .where(enrollment_active_on(day))
        .group_by(Enrollment.unit_id, Enrollment.kind_id)
    )


def _plan_usage(day: dt.date):  # type: ignore[no-untyped-def]
    return (
        select(Enrollment.hiring_plan_id.label("plan_id"), func.count().label("used"))
        .where(Enrollment.hiring_plan_id.is_not(None), Enrollment.start_on <= day)
        .group_by(Enrollment.hiring_plan_id)
        .subquery()
    )


def _reserved_query(day: dt.date) -> Select:
    usage = _plan_usage(day)
    left = HiringPlan.seats - func.coalesce(usage.c.used, 0)
    return (
        select(HiringPlan.unit_id, HiringPlan.kind_id, func.sum(case((left > 0, left), else_=0)))
        .outerjoin(usage, usage.c.plan_id == HiringPlan.id)
        .where(plan_live_on(day))
        .group_by(HiringPlan.unit_id, HiringPlan.kind_id)
    )


def figures_by_unit_kind(
    uow: UnitOfWork, as_of: dt.date | None = None, unit_id: int | None = None
) -> dict[tuple[int, int], QuotaFigures]:
    day = _today(as_of)
    queries = [_approved_query(day), _enrolled_query(day), _reserved_query(day)]
    if unit_id is not None:
        queries[0] = queries[0].where(QuotaEntry.unit_id == unit_id)
        queries[1] = queries[1].where(Enrollment.unit_id == unit_id)
        queries[2] = queries[2].where(HiringPlan.unit_id == unit_id)
    parts: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0, 0, 0])
    for index, query in enumerate(queries):
        for unit, kind, value in uow.session.execute(query):
            parts[(unit, kind)][index] = int(value or 0)
    return {key: QuotaFigures(*values) for key, values in parts.items()}


def figures(uow: UnitOfWork, unit_id: int, kind_id: int, as_of: dt.date | None = None) -> QuotaFigures:
    return figures_by_unit_kind(uow, as_of, unit_id).get((unit_id, kind_id), QuotaFigures())


def summary(uow: UnitOfWork, as_of: dt.date | None = None, unit_id: int | None = None) -> list[QuotaLine]:
    """One line per unit and quota kind that has any figure, in the county's usual order."""
    data = figures_by_unit_kind(uow, as_of, unit_id)
    if not data:
        return []
    units = {
        row.id: row
        for row in uow.session.execute(
            select(Unit.id, Unit.name, Unit.category, Unit.position).where(
                Unit.id.in_({unit for unit, _ in data})
            )
        )
    }
    kinds = {
        row.id: row
        for row in uow.session.execute(
            select(QuotaKind.id, QuotaKind.code, QuotaKind.name, QuotaKind.position)
        )
    }
    category_order = {category.value: index for index, category in enumerate(UnitCategory)}
    lines = [
        QuotaLine(
            unit,
            units[unit].name,
            UnitCategory(units[unit].category),
            kind,
            kinds[kind].code,
            kinds[kind].name,
            value,
        )
        for (unit, kind), value in data.items()
    ]
    lines.sort(
        key=lambda line: (
            category_order[line.category.value],
            units[line.unit_id].position,
            line.unit_id,
            kinds[line.kind_id].position,
            line.kind_id,
        )
    )
    return lines


def county_totals(
    uow: UnitOfWork, as_of: dt.date | None = None
) -> dict[tuple[UnitCategory, str], QuotaFigures]:
    """Totals by unit category and quota kind name (the county on one screen)."""
    totals: dict[tuple[UnitCategory, str], QuotaFigures] = defaultdict(QuotaFigures)
    for line in summary(uow, as_of):
        totals[(line.category, line.kind_name)] += line.figures
    return dict(totals)


def approved_entries(
    uow: UnitOfWork, unit_id: int, kind_id: int, as_of: dt.date | None = None
) -> list[LedgerLine]:
    """The ledger entries behind 核定, oldest first, with the running total."""
    rows = uow.session.execute(
        select(
            QuotaEntry.id,
            QuotaEntry.effective_on,
            QuotaEntry.delta,
            QuotaEntry.reason,
            Document.number,
            Document.title,
        )
        .join(Document, Document.id == QuotaEntry.document_id)
        .where(
            QuotaEntry.unit_id == unit_id,
            QuotaEntry.kind_id == kind_id,
            QuotaEntry.effective_on <= _today(as_of),
        )
        .order_by(QuotaEntry.effective_on, QuotaEntry.id)
    )
    lines, total = [], 0
    for entry_id, day, delta, reason, number, title in rows:
        total += delta
        lines.append(LedgerLine(entry_id, day, delta, total, reason, number, title))
    return lines


def enrolled_people(
    uow: UnitOfWork, unit_id: int, kind_id: int | None = None, as_of: dt.date | None = None
) -> list[EnrolledLine]:
    """The people behind 在编."""
    query = (
        select(
            Enrollment.id,
            Person.id,
            Person.name,
            Person.sex,
            Person.id_number,
            Person.birth_date,
            func.coalesce(Division.name, ""),
            Enrollment.post_title,
            Enrollment.start_on,
            Document.number,
        )
        .join(Person, Person.id == Enrollment.person_id)
        .join(Document, Document.id == Enrollment.start_document_id)
        .outerjoin(Division, Division.id == Enrollment.division_id)
        .where(Enrollment.unit_id == unit_id, enrollment_active_on(_today(as_of)))
        .order_by(Division.position, Enrollment.start_on, Person.id)
    )
    if kind_id is not None:
        query = query.where(Enrollment.kind_id == kind_id)
    return [EnrolledLine(*tuple(row)) for row in uow.session.execute(query)]


def reserved_plans(
    uow: UnitOfWork, unit_id: int, kind_id: int, as_of: dt.date | None = None
) -> list[ReservedLine]:
    """The live hiring plans behind 已核准未入编, with the seats each still books."""
    day = _today(as_of)
    usage = _plan_usage(day)
    rows = uow.session.execute(
        select(
            HiringPlan.id,
            HiringPlan.seats,
            func.coalesce(usage.c.used, 0),
            HiringPlan.approved_on,
            HiringPlan.valid_until,
            HiringPlan.method,
            Document.number,
        )
        .join(Document, Document.id == HiringPlan.document_id)
        .outerjoin(usage, usage.c.plan_id == HiringPlan.id)
        .where(HiringPlan.unit_id == unit_id, HiringPlan.kind_id == kind_id, plan_live_on(day))
        .order_by(HiringPlan.approved_on, HiringPlan.id)
    )
    lines = []
    for plan_id, seats, used, approved_on, valid_until, method, number in rows:
        left = remaining_seats(seats, used)
        if left:
            lines.append(ReservedLine(plan_id, seats, used, left, approved_on, valid_until, method, number))
    return lines


def leader_posts(uow: UnitOfWork, unit_id: int, as_of: dt.date | None = None) -> list[LeaderPostLine]:
    """Approved posts per tier against the holders (only posts that count, 占职数)."""
    day = _today(as_of)
    approved = dict(
        uow.session.execute(
            select(LeaderPostEntry.tier, func.sum(LeaderPostEntry.delta))
            .where(LeaderPostEntry.unit_id == unit_id, LeaderPostEntry.effective_on <= day)
            .group_by(LeaderPostEntry.tier)
        ).all()
    )
    holders: dict[str, list[str]] = defaultdict(list)
    for tier, name, title in uow.session.execute(
        select(Enrollment.leader_tier, Person.name, Enrollment.post_title)
        .join(Person, Person.id == Enrollment.person_id)
        .where(
            Enrollment.unit_id == unit_id,
            Enrollment.leader_tier.is_not(None),
            Enrollment.counts_against_posts.is_(True),
            enrollment_active_on(day),
        )
        .order_by(Enrollment.start_on, Person.id)
    ):
        if tier is not None:  # (filtered above; for the type checker)
            holders[tier].append(f"{name}（{title}）" if title else name)
    return [
        LeaderPostLine(
            tier,
            LeaderPostFigures(int(approved.get(tier.value) or 0), len(holders[tier.value])),
            tuple(holders[tier.value]),
        )
        for tier in LeaderTier
        if approved.get(tier.value) or holders[tier.value]
    ]


def leader_post_entries(
    uow: UnitOfWork, unit_id: int, tier: LeaderTier, as_of: dt.date | None = None
) -> list[LedgerLine]:
    rows = uow.session.execute(
        select(
            LeaderPostEntry.id,
            LeaderPostEntry.effective_on,
            LeaderPostEntry.delta,
            LeaderPostEntry.reason,
            LeaderPostEntry.rank,
            Document.number,
            Document.title,
        )
        .join(Document, Document.id == LeaderPostEntry.document_id)
        .where(
            LeaderPostEntry.unit_id == unit_id,
            LeaderPostEntry.tier == tier.value,
            LeaderPostEntry.effective_on <= _today(as_of),
        )
        .order_by(LeaderPostEntry.effective_on, LeaderPostEntry.id)
    )
    lines, total = [], 0
    for entry_id, day, delta, reason, rank, number, title in rows:
        total += delta
        lines.append(
            LedgerLine(entry_id, day, delta, total, f"{reason}（{Rank(rank).label}）", number, title)
        )
    return lines


def abolished_unit_ids(uow: UnitOfWork) -> set[int]:
    return set(uow.session.scalars(select(Unit.id).where(Unit.status == UnitStatus.ABOLISHED.value)))


def largest_unit_id(uow: UnitOfWork) -> int | None:
    """The unit with the most people on quota today (for sample paperwork), or None in an empty county."""
    unit_id = uow.session.scalar(
        select(Enrollment.unit_id)
        .where(Enrollment.end_on.is_(None))
        .group_by(Enrollment.unit_id)
        .order_by(func.count().desc(), Enrollment.unit_id)
        .limit(1)
    )
    return None if unit_id is None else int(unit_id)
