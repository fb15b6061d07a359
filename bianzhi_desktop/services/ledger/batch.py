"""入编 and 出编 for one person or many: the register's rules checked item by item, in order, exactly as
one call at a time would check them; then one flush, the quota figures worked out once per unit and
kind, and every audit record written with one insert.

`ledger.enroll` and `ledger.end_enrollment` are batches of one. Approving a matter with hundreds of
removals or hires uses one batch for all of them, so the cost no longer grows with a query, a flush and
an audit flush per person. Nothing is committed here: a refusal part-way leaves the caller's
transaction to be rolled back, as before.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select

from bianzhi_desktop.domain.enums import LeaderTier, Rank, RemovalReason, UnitStatus
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.audit_chain import link_rows
from bianzhi_desktop.persistence.bulk_load import in_chunks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import (
    AuditRecord,
    Base,
    Division,
    Document,
    Enrollment,
    HiringPlan,
    Person,
    Unit,
)
from bianzhi_desktop.services.context import Actor, created, get_or_fail, now
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.org.documents import DocumentRef, cite


def live_unit(uow: UnitOfWork, unit_id: int, what: str) -> Unit:
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    if unit.status != UnitStatus.ACTIVE.value:
        raise RuleViolation(f"机构“{unit.name}”已于{unit.abolished_on}撤销，不能{what}。")
    return unit


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date | dt.datetime) else value


class AuditQueue:
    """Audit records of a batch, kept in the order the one-at-a-time path would write them. Each entry
    is read when written, after the flush that gives the records their ids."""

    def __init__(self, uow: UnitOfWork, actor: Actor) -> None:
        self.uow = uow
        self.actor = actor
        self.entries: list[Callable[[], tuple[str, Base, str, dict[str, tuple[Any, Any]]]]] = []

    def add(self, entry: Callable[[], tuple[str, Base, str, dict[str, tuple[Any, Any]]]]) -> None:
        self.entries.append(entry)

    def write(self) -> None:
        self.uow.session.flush()
        stamp = now()
        rows = []
        for entry in self.entries:
            action, record, summary, changes = entry()
            payload = {key: [_plain(old), _plain(new)] for key, (old, new) in changes.items()}
            rows.append(
                {
                    "at": stamp,
                    "user_id": self.actor.user_id,
                    "username": self.actor.username,
                    "action": action,
                    "table_name": record.__tablename__,
                    "record_id": getattr(record, "id", None),
                    "summary": summary,
                    "changes": json.dumps(payload, ensure_ascii=False),
                    "row_seal": getattr(record, "seal", None),
                }
            )
        if rows:
            link_rows(self.uow.session, rows)  # each record's hash, chained in this order
            self.uow.session.execute(insert(AuditRecord), rows)
        self.entries = []


class _Citations:
    """`cite` once per distinct reference in a batch (the first citation may register the document)."""

    def __init__(self, uow: UnitOfWork, actor: Actor) -> None:
        self.uow, self.actor = uow, actor
        self.found: dict[tuple[DocumentRef | str, str], Document] = {}

    def __call__(self, ref: DocumentRef | str | None, field: str) -> Document:
        if ref is None:
            return cite(self.uow, self.actor, ref, field=field)
        key = (ref, field)
        if key not in self.found:
            self.found[key] = cite(self.uow, self.actor, ref, field=field)
        return self.found[key]


@dataclass(frozen=True)
class EnrollmentInput:
    person_id: int
    unit_id: int
    kind: int | str
    start_on: dt.date
    document: DocumentRef | str | None
    division_id: int | None = None
    post_title: str = ""
    leader_tier: LeaderTier | None = None
    leader_rank: Rank | None = None
    counts_against_posts: bool = True
    hiring_plan_id: int | None = None


@dataclass(frozen=True)
class EnrollmentResult:
    enrollment_id: int
    figures_after: QuotaFigures
    warnings: tuple[str, ...]


@dataclass
class _Hire:
    data: EnrollmentInput
    person: Person
    unit: Unit
    kind_id: int
    kind_name: str
    document: Document
    enrollment: Enrollment | None = None


ENROLLMENT_AUDIT_FIELDS = ("person_id", "unit_id", "kind_id", "division_id", "start_on", "leader_tier")


class Enrollments:
    """入编 of one or more people. `add` checks one enrollment against the register as it stands with the
    earlier ones of the batch in it; `finish` writes them all and returns each one's figures after it.

    A person may be a new, not yet flushed record (registered in the same matter)."""

    def __init__(self, uow: UnitOfWork, actor: Actor, audits: AuditQueue | None = None) -> None:
        self.uow = uow
        self.actor = actor
        self.audits = audits or AuditQueue(uow, actor)
        self.cite = _Citations(uow, actor)
        self.hires: list[_Hire] = []
        self.holders: dict[int, int | None] = {}  # person → unit of the active enrollment (prefetched)
        self.last_ends: dict[int, dt.date | None] = {}
        self.in_batch: dict[Person, Unit] = {}
        self.plan_used: dict[int, int] = {}
        self.kinds: dict[int | str, tuple[int, str]] = {}
        self.loaded: list[Base] = []  # prefetched records, held while the batch lives

    def prefetch(self, person_ids: Iterable[int], division_ids: Iterable[int] = ()) -> None:
        """Load the people, their active enrollments and their last end dates, and the divisions, in a
        few queries. The records are held here: the session keeps only weak references to clean ones."""
        session = self.uow.session
        for chunk in in_chunks(division_ids):
            self.loaded += session.scalars(select(Division).where(Division.id.in_(chunk)))
        for chunk in in_chunks(person_ids):
            self.loaded += session.scalars(select(Person).where(Person.id.in_(chunk)))
            self.holders.update(dict.fromkeys(chunk))
            self.holders.update(
                session.execute(
                    select(Enrollment.person_id, Enrollment.unit_id).where(
                        Enrollment.person_id.in_(chunk), Enrollment.end_on.is_(None)
                    )
                ).all()
            )
            self.last_ends.update(dict.fromkeys(chunk))
            self.last_ends.update(
                session.execute(
                    select(Enrollment.person_id, func.max(Enrollment.end_on))
                    .where(Enrollment.person_id.in_(chunk))
                    .group_by(Enrollment.person_id)
                ).all()
            )

    def _kind(self, kind: int | str) -> tuple[int, str]:
        if kind not in self.kinds:
            found = resolve_kind(self.uow, kind)
            self.kinds[kind] = (found.id, found.name)
        return self.kinds[kind]

    def _active(self, person: Person) -> tuple[bool, Unit | None]:
        """Whether the person holds an active enrollment (counting this batch), and in which unit."""
        if person in self.in_batch:
            return True, self.in_batch[person]
        if person.id is None:
            return False, None
        if person.id in self.holders:
            unit_id = self.holders[person.id]
        else:
            current = self.uow.session.scalar(
                select(Enrollment).where(Enrollment.person_id == person.id, Enrollment.end_on.is_(None))
            )
            unit_id = None if current is None else current.unit_id
        if unit_id is None:
            return False, None
        return True, self.uow.session.get(Unit, unit_id)

    def _last_end(self, person: Person) -> dt.date | None:
        if person.id is None:
            return None
        if person.id in self.last_ends:
            return self.last_ends[person.id]
        return self.uow.session.scalar(
            select(func.max(Enrollment.end_on)).where(Enrollment.person_id == person.id)
        )

    def add(self, data: EnrollmentInput, person: Person | None = None) -> None:
        """Check one enrollment (one active enrollment per person; past 超编 is flagged, not blocked)."""
        unit = live_unit(self.uow, data.unit_id, "入编")
        if person is None:
            person = get_or_fail(self.uow.session, Person, data.person_id, "人员")
        kind_id, kind_name = self._kind(data.kind)
        active, holder = self._active(person)
        if active:
            raise RuleViolation(
                f"{person.name}（{person.id_number}）已在“{holder.name if holder else ''}”在编，"
                "同一人不能同时占用两个编制（一人多编）。请先办理出编或调动。"
            )
        last_end = self._last_end(person)
        if last_end is not None and data.start_on < last_end:
            raise ValidationError(
                "入编时间",
                f"{person.name}此前的在编记录到{last_end.isoformat()}才结束，"
                f"新的入编时间{data.start_on.isoformat()}不能早于该日期（同一时段不能占用两个编制）",
            )
        if data.start_on < person.birth_date + dt.timedelta(days=16 * 365):
            raise ValidationError("入编时间", f"{data.start_on.isoformat()} 时{person.name}未满16周岁")
        if data.division_id is not None:
            division = get_or_fail(self.uow.session, Division, data.division_id, "内设机构")
            if division.unit_id != unit.id:
                raise ValidationError("内设机构", f"“{division.name}”不是“{unit.name}”的内设机构")
        if (data.leader_tier is None) != (data.leader_rank is None):
            raise ValidationError("领导职务", "担任领导职务时须同时填写层级和职级")
        if data.hiring_plan_id is not None:
            self._check_plan_seat(data, unit, kind_id)
        doc = self.cite(data.document, "入编文号")
        hire = _Hire(data, person, unit, kind_id, kind_name, doc)
        self.hires.append(hire)
        self.in_batch[person] = unit
        if data.hiring_plan_id is not None:
            self.plan_used[data.hiring_plan_id] += 1
        self.audits.add(lambda: self._audit(hire))

    def _check_plan_seat(self, data: EnrollmentInput, unit: Unit, kind_id: int) -> None:
        plan = get_or_fail(self.uow.session, HiringPlan, data.hiring_plan_id or 0, "用编计划")
        if plan.unit_id != unit.id or plan.kind_id != kind_id:
            raise ValidationError("用编计划", "计划的单位或编制类型与本次入编不一致")
        if not (plan.approved_on <= data.start_on <= plan.valid_until) or (
            plan.cancelled_on is not None and plan.cancelled_on <= data.start_on
        ):
            raise RuleViolation(
                f"用编计划有效期为{plan.approved_on}至{plan.valid_until}，"
                f"{data.start_on}不在有效期内（或计划已撤销）。"
            )
        if plan.id not in self.plan_used:
            self.plan_used[plan.id] = (
                self.uow.session.scalar(
                    select(func.count(Enrollment.id)).where(Enrollment.hiring_plan_id == plan.id)
                )
                or 0
            )
        if self.plan_used[plan.id] >= plan.seats:
            raise RuleViolation(f"用编计划的{plan.seats}个名额已全部使用。")

    def _audit(self, hire: _Hire) -> tuple[str, Base, str, dict[str, tuple[Any, Any]]]:
        enrollment = hire.enrollment
        assert enrollment is not None
        return (
            "enrollment.start",
            enrollment,
            f"{hire.person.name} 入编 {hire.unit.name}（{hire.kind_name}，{hire.document.number}）",
            created(enrollment, ENROLLMENT_AUDIT_FIELDS),
        )

    def finish(self) -> list[EnrollmentResult]:
        """Write every enrollment, then the audit records; each result carries the figures of its unit
        and kind on its start date right after it, as a call for that one person would report them."""
        self.uow.session.flush()  # people registered in the same matter get their ids
        for hire in self.hires:
            data = hire.data
            hire.enrollment = Enrollment(
                person_id=hire.person.id,
                unit_id=hire.unit.id,
                division_id=data.division_id,
                kind_id=hire.kind_id,
                post_title=data.post_title.strip(),
                leader_tier=LeaderTier(data.leader_tier).value if data.leader_tier else None,
                leader_rank=Rank(data.leader_rank).value if data.leader_rank else None,
                counts_against_posts=data.counts_against_posts,
                hiring_plan_id=data.hiring_plan_id,
                start_on=data.start_on,
                start_document_id=hire.document.id,
            )
        self.uow.session.add_all([hire.enrollment for hire in self.hires if hire.enrollment is not None])
        self.uow.session.flush()
        results = self._results()
        self.audits.write()
        return results

    def _results(self) -> list[EnrollmentResult]:
        """Figures after each hire: the figures after the whole batch (one query per unit, kind and
        date) less what the later hires of the batch add to them."""
        final = {
            key: quota.figures(self.uow, key[0], key[1], key[2])
            for key in dict.fromkeys((h.unit.id, h.kind_id, h.data.start_on) for h in self.hires)
        }
        plans = {
            plan_id: self.uow.session.get(HiringPlan, plan_id)
            for plan_id in {h.data.hiring_plan_id for h in self.hires} - {None}
        }
        used_on: dict[tuple[int, dt.date], int] = {}
        later: dict[tuple[int, int], dict[tuple[dt.date, int | None], int]] = defaultdict(
            lambda: defaultdict(int)
        )
        results: list[EnrollmentResult] = []
        for hire in reversed(self.hires):
            day = hire.data.start_on
            base = final[(hire.unit.id, hire.kind_id, day)]
            enrolled, reserved = base.enrolled, base.reserved
            by_plan: dict[int, int] = defaultdict(int)
            for (start, plan_id), count in later[(hire.unit.id, hire.kind_id)].items():
                if start <= day:
                    enrolled -= count
                    if plan_id is not None:
                        by_plan[plan_id] += count
            for plan_id, count in by_plan.items():
                plan = plans[plan_id]
                if plan is None or not _live_on(plan, day):
                    continue
                if (plan.id, day) not in used_on:
                    used_on[(plan.id, day)] = (
                        self.uow.session.scalar(
                            select(func.count(Enrollment.id)).where(
                                Enrollment.hiring_plan_id == plan.id, Enrollment.start_on <= day
                            )
                        )
                        or 0
                    )
                left = plan.seats - used_on[(plan.id, day)]
                reserved += max(left + count, 0) - max(left, 0)
            after = QuotaFigures(base.approved, enrolled, reserved)
            warnings = []
            if after.vacancy < 0:
                warnings.append(
                    f"{hire.unit.name}的{hire.kind_name}入编后超编{after.over_quota}名（核定{after.approved}，"
                    f"在编{after.enrolled}，已核准未入编{after.reserved}），将列入体检问题。"
                )
            assert hire.enrollment is not None
            results.append(EnrollmentResult(hire.enrollment.id, after, tuple(warnings)))
            later[(hire.unit.id, hire.kind_id)][(day, hire.data.hiring_plan_id)] += 1
        results.reverse()
        return results


def _live_on(plan: HiringPlan, day: dt.date) -> bool:
    """The same test as quota.plan_live_on, for a plan in hand."""
    return plan.approved_on <= day <= plan.valid_until and (
        plan.cancelled_on is None or plan.cancelled_on > day
    )


class Removals:
    """出编 of one or more enrollments: `end` checks and records one (the quota is free from the end
    date), `finish` flushes them all and writes their audit records."""

    def __init__(self, uow: UnitOfWork, actor: Actor, document: DocumentRef | str | None) -> None:
        self.uow = uow
        self.actor = actor
        self.document = document
        self.audits = AuditQueue(uow, actor)
        self.cite = _Citations(uow, actor)
        self.loaded: list[Base] = []  # prefetched records, held while the batch lives

    def prefetch(self, enrollment_ids: Iterable[int]) -> None:
        """Load the enrollments and their people in two queries per thousand. The records are held
        here: the session keeps only weak references to clean ones."""
        session = self.uow.session
        for chunk in in_chunks(enrollment_ids):
            enrollments = list(session.scalars(select(Enrollment).where(Enrollment.id.in_(chunk))))
            self.loaded += enrollments
            for people in in_chunks(e.person_id for e in enrollments):
                self.loaded += session.scalars(select(Person).where(Person.id.in_(people)))

    def end(self, enrollment: Enrollment, end_on: dt.date, reason: RemovalReason) -> None:
        person = self.uow.session.get(Person, enrollment.person_id)
        assert person is not None
        if enrollment.end_on is not None:
            raise RuleViolation(f"{person.name}已于{enrollment.end_on}出编。")
        if end_on < enrollment.start_on:
            raise ValidationError("出编时间", f"不能早于入编时间{enrollment.start_on.isoformat()}")
        doc = self.cite(self.document, "出编文号")
        enrollment.end_on = end_on
        enrollment.end_reason = RemovalReason(reason).value
        enrollment.end_document_id = doc.id
        summary = f"{person.name} 出编（{RemovalReason(reason).label}，{doc.number}）"
        changes: dict[str, tuple[Any, Any]] = {
            "end_on": (None, end_on),
            "end_reason": (None, enrollment.end_reason),
        }
        self.audits.add(lambda: ("enrollment.end", enrollment, summary, changes))

    def finish(self) -> None:
        self.audits.write()
