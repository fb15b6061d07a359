"""Histories (read-only): a person's enrollments with their documents, and a unit's history in date order.

`unit_history` gathers, for one unit: its founding and abolition, nameplates, divisions set up and
abolished, charter versions, quota and leader-post ledger entries, hiring plans, and enrollments and
removals summarised per day, kind and document ("入编 3人：张三、李四、王五").
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import aliased

from bianzhi_desktop.domain.enums import LeaderTier, NameKind, Rank, RemovalReason
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import (
    Charter,
    Division,
    Document,
    Enrollment,
    HiringPlan,
    LeaderPostEntry,
    Person,
    QuotaEntry,
    QuotaKind,
    Unit,
    UnitName,
)
from bianzhi_desktop.services.context import get_or_fail

NAMES_SHOWN = 5  # names listed in a summarised enrollment line before "等N人"


@dataclass(frozen=True)
class EnrollmentLine:
    """One enrollment of a person (在编记录), with the documents of its start and end."""

    enrollment_id: int
    unit_id: int
    unit_name: str
    division_name: str
    kind_name: str
    post_title: str
    leader_tier: LeaderTier | None
    leader_rank: Rank | None
    counts_against_posts: bool
    start_on: dt.date
    start_document: str
    start_document_title: str
    end_on: dt.date | None
    end_reason: RemovalReason | None
    end_document: str
    end_document_title: str

    @property
    def active(self) -> bool:
        return self.end_on is None


def person_history(uow: UnitOfWork, person_id: int) -> list[EnrollmentLine]:
    """Every enrollment of the person, oldest first."""
    get_or_fail(uow.session, Person, person_id, "人员")
    start_doc, end_doc = aliased(Document), aliased(Document)
    rows = uow.session.execute(
        select(
            Enrollment,
            Unit.name,
            Division.name,
            QuotaKind.name,
            start_doc.number,
            start_doc.title,
            end_doc.number,
            end_doc.title,
        )
        .join(Unit, Unit.id == Enrollment.unit_id)
        .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
        .join(start_doc, start_doc.id == Enrollment.start_document_id)
        .outerjoin(end_doc, end_doc.id == Enrollment.end_document_id)
        .outerjoin(Division, Division.id == Enrollment.division_id)
        .where(Enrollment.person_id == person_id)
        .order_by(Enrollment.start_on, Enrollment.id)
    )
    return [
        EnrollmentLine(
            enrollment_id=e.id,
            unit_id=e.unit_id,
            unit_name=unit_name,
            division_name=division or "",
            kind_name=kind,
            post_title=e.post_title or "",
            leader_tier=LeaderTier(e.leader_tier) if e.leader_tier else None,
            leader_rank=Rank(e.leader_rank) if e.leader_rank else None,
            counts_against_posts=bool(e.counts_against_posts),
            start_on=e.start_on,
            start_document=start_number,
            start_document_title=start_title or "",
            end_on=e.end_on,
            end_reason=RemovalReason(e.end_reason) if e.end_reason else None,
            end_document=end_number or "",
            end_document_title=end_title or "",
        )
        for e, unit_name, division, kind, start_number, start_title, end_number, end_title in rows
    ]


@dataclass(frozen=True)
class HistoryEvent:
    """One line of a unit's history."""

    day: dt.date
    what: str  # 机构, 牌子, 内设机构, 三定规定, 编制, 领导职数, 用编计划, 入编, 出编
    text: str
    document: str = ""


def _names(names: list[str]) -> str:
    shown = "、".join(names[:NAMES_SHOWN])
    return shown + (f"等{len(names)}人" if len(names) > NAMES_SHOWN else "")


def unit_history(uow: UnitOfWork, unit_id: int) -> list[HistoryEvent]:
    """The unit's history in date order (same day: the order things are usually done)."""
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    events: list[tuple[int, HistoryEvent]] = []  # (order within a day, event)

    def add(order: int, event: HistoryEvent) -> None:
        events.append((order, event))

    if unit.founded_on:
        add(0, HistoryEvent(unit.founded_on, "机构", f"设立{unit.name}"))
    for name, kind, since, number in uow.session.execute(
        select(UnitName.name, UnitName.kind, UnitName.since, Document.number)
        .outerjoin(Document, Document.id == UnitName.document_id)
        .where(UnitName.unit_id == unit_id, UnitName.since.is_not(None))
    ):
        if since is not None:  # (the query leaves out plates without a date; this tells the type checker)
            add(1, HistoryEvent(since, "牌子", f"{NameKind(kind).label}“{name}”", number or ""))
    for name, founded, abolished in uow.session.execute(
        select(Division.name, Division.founded_on, Division.abolished_on).where(Division.unit_id == unit_id)
    ):
        if founded:
            add(2, HistoryEvent(founded, "内设机构", f"设{name}"))
        if abolished:
            add(8, HistoryEvent(abolished, "内设机构", f"撤销{name}"))
    for version, effective, number, title in uow.session.execute(
        select(Charter.version, Charter.effective_on, Document.number, Document.title)
        .join(Document, Document.id == Charter.document_id)
        .where(Charter.unit_id == unit_id)
    ):
        text = f"三定规定第{version}版施行" + (f"（{title}）" if title else "")
        add(3, HistoryEvent(effective, "三定规定", text, number))
    for day, delta, reason, kind, number in uow.session.execute(
        select(QuotaEntry.effective_on, QuotaEntry.delta, QuotaEntry.reason, QuotaKind.name, Document.number)
        .join(QuotaKind, QuotaKind.id == QuotaEntry.kind_id)
        .join(Document, Document.id == QuotaEntry.document_id)
        .where(QuotaEntry.unit_id == unit_id)
    ):
        add(4, HistoryEvent(day, "编制", f"{kind} {delta:+d}（{reason}）", number))
    for day, tier, rank, delta, reason, number in uow.session.execute(
        select(
            LeaderPostEntry.effective_on,
            LeaderPostEntry.tier,
            LeaderPostEntry.rank,
            LeaderPostEntry.delta,
            LeaderPostEntry.reason,
            Document.number,
        )
        .join(Document, Document.id == LeaderPostEntry.document_id)
        .where(LeaderPostEntry.unit_id == unit_id)
    ):
        text = f"{LeaderTier(tier).label}（{Rank(rank).label}）{delta:+d}（{reason}）"
        add(5, HistoryEvent(day, "领导职数", text, number))
    for day, seats, kind, until, number in uow.session.execute(
        select(
            HiringPlan.approved_on, HiringPlan.seats, QuotaKind.name, HiringPlan.valid_until, Document.number
        )
        .join(QuotaKind, QuotaKind.id == HiringPlan.kind_id)
        .join(Document, Document.id == HiringPlan.document_id)
        .where(HiringPlan.unit_id == unit_id)
    ):
        add(
            6,
            HistoryEvent(
                day, "用编计划", f"核准{kind}用编计划{seats}名，有效期至{until.isoformat()}", number
            ),
        )
    _enrollment_events(uow, unit_id, add)
    if unit.abolished_on:
        add(9, HistoryEvent(unit.abolished_on, "机构", f"撤销{unit.name}"))
    events.sort(key=lambda pair: (pair[1].day, pair[0]))
    return [event for _, event in events]


def _enrollment_events(uow: UnitOfWork, unit_id: int, add) -> None:  # type: ignore[no-untyped-def]
    start_doc, end_doc = aliased(Document), aliased(Document)
    starts: dict[tuple[dt.date, str, str], list[str]] = defaultdict(list)
    ends: dict[tuple[dt.date, str, str, str], list[str]] = defaultdict(list)
    for name, kind, start, start_number, end, reason, end_number in uow.session.execute(
        select(
            Person.name,
            QuotaKind.name,
            Enrollment.start_on,
            start_doc.number,
            Enrollment.end_on,
            Enrollment.end_reason,
            end_doc.number,
        )
        .join(Person, Person.id == Enrollment.person_id)
        .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
        .join(start_doc, start_doc.id == Enrollment.start_document_id)
        .outerjoin(end_doc, end_doc.id == Enrollment.end_document_id)
        .where(Enrollment.unit_id == unit_id)
        .order_by(Enrollment.start_on, Person.id)
    ):
        starts[(start, kind, start_number)].append(name)
        if end is not None and reason is not None:
            ends[(end, kind, RemovalReason(reason).label, end_number or "")].append(name)
    for (day, kind, number), names in starts.items():
        add(7, HistoryEvent(day, "入编", f"{kind}入编{len(names)}人：{_names(names)}", number))
    for (day, kind, reason, number), names in ends.items():
        add(7, HistoryEvent(day, "出编", f"{kind}出编{len(names)}人（{reason}）：{_names(names)}", number))
