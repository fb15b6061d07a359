"""The applier of an approved matter: its transaction, its document and date, and the record operations
of the ledger and the register it may call, each citing the matter's document.

Approval is the authority: the approver's roles were checked once by the approval use case
(`matters.workflow.approve`), so the applier calls record operations directly and widens nobody's roles.
Every audit record names the approver.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import RemovalReason
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Division, Enrollment, Person, QuotaKind, Unit
from bianzhi_desktop.services.context import Actor, get_or_fail
from bianzhi_desktop.services.ledger import batch as ledger_batch
from bianzhi_desktop.services.ledger import entries as ledger
from bianzhi_desktop.services.ledger import pool as quota_pool
from bianzhi_desktop.services.ledger import quota
from bianzhi_desktop.services.ledger.entries import EnrollmentInput
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.matters import rules as matter_rules
from bianzhi_desktop.services.org.documents import DocumentRef


@dataclass
class Applied:
    """What an application touched: for the preview and the paperwork."""

    quota_pairs: set[tuple[int, int, dt.date]] = field(default_factory=set)  # (unit, kind, as of)
    leader_units: set[int] = field(default_factory=set)
    pool_kinds: set[int] = field(default_factory=set)
    created_units: list[int] = field(default_factory=list)
    plan_ids: list[int] = field(default_factory=list)
    started: list[int] = field(default_factory=list)  # enrollment ids
    ended: list[int] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The lines that get a notice, in the order applied: ("hiring", plan id), ("removal" | "enrollment",
    # enrollment id); and the figures of each unit, kind and day just before the first of them touched it.
    notice_lines: list[tuple[str, int]] = field(default_factory=list)
    figures_before: dict[tuple[int, int, dt.date], QuotaFigures] = field(default_factory=dict)


class Applier:
    """Applies one content. `actor` is the approver, named by every audit record it writes."""

    def __init__(self, uow: UnitOfWork, actor: Actor, document: DocumentRef, decided_on: dt.date) -> None:
        self.uow = uow
        self.actor = actor
        self.doc = document
        self.decided_on = decided_on
        self.out = Applied()

    # -- ledger helpers ---------------------------------------------------------------------------
    def kind(self, kind: str | int) -> QuotaKind:
        return resolve_kind(self.uow, kind)

    def unit(self, unit_id: int) -> Unit:
        return get_or_fail(self.uow.session, Unit, unit_id, "机构")

    def quota(self, unit_id: int, kind: QuotaKind, delta: int, on: dt.date, reason: str) -> None:
        ledger.add_quota_entry(self.uow, self.actor, unit_id, kind.id, delta, on, self.doc, reason)
        self.out.quota_pairs.add((unit_id, kind.id, on))

    def pool(self, kind: QuotaKind, delta: int, on: dt.date, reason: str, **extra: object) -> None:
        quota_pool.add_pool_entry(self.uow, self.actor, kind.id, delta, on, self.doc, reason, **extra)  # type: ignore[arg-type]
        self.out.pool_kinds.add(kind.id)

    def leader(self, unit_id: int, change: m.LeaderPostDelta, on: dt.date, reason: str) -> None:
        ledger.add_leader_post_entry(
            self.uow, self.actor, unit_id, change.tier, change.rank, change.delta, on, self.doc, reason
        )
        self.out.leader_units.add(unit_id)
        if change.delta < 0:
            line = next(
                (x for x in ledger.quota.leader_posts(self.uow, unit_id, on) if x.tier == change.tier), None
            )
            if line is not None and line.figures.free < 0:
                raise RuleViolation(
                    f"{self.unit(unit_id).name}的{change.tier.label}核减后核定{line.figures.approved}名，"
                    f"少于实配{line.figures.filled}名，不能核减。"
                )

    def removals(self, enrollment_ids: list[int]) -> ledger_batch.Removals:
        """A batch for several removals citing this matter's document; the caller finishes it."""
        batch = ledger_batch.Removals(self.uow, self.actor, self.doc)
        batch.prefetch(enrollment_ids)
        return batch

    def end(
        self,
        enrollment: Enrollment,
        on: dt.date,
        reason: RemovalReason,
        batch: ledger_batch.Removals | None = None,
    ) -> None:
        """出编 citing the matter's document; alone (a batch of one) or as part of the caller's batch."""
        alone = batch is None
        self.before_notice(enrollment.unit_id, enrollment.kind_id, on)
        batch = batch or ledger_batch.Removals(self.uow, self.actor, self.doc)
        batch.end(enrollment, on, reason)
        if alone:
            batch.finish()
        self.out.ended.append(enrollment.id)
        self.out.notice_lines.append(("removal", enrollment.id))
        self.out.quota_pairs.add((enrollment.unit_id, enrollment.kind_id, on))

    def start(self, data: EnrollmentInput) -> int:
        self.before_notice(data.unit_id, self.kind(data.kind).id, data.start_on)
        result = ledger.enroll(self.uow, self.actor, data)
        self.out.started.append(result.enrollment_id)
        self.out.notice_lines.append(("enrollment", result.enrollment_id))
        self.out.warnings += result.warnings
        self.out.quota_pairs.add((data.unit_id, self.kind(data.kind).id, data.start_on))
        return result.enrollment_id

    def before_notice(self, unit_id: int, kind_id: int, day: dt.date) -> None:
        """Keep the figures of a unit, kind and day before the first line with a notice changes them
        (each notice then shows its own line's before → after, in the order applied)."""
        key = (unit_id, kind_id, day)
        if key not in self.out.figures_before:
            self.out.figures_before[key] = quota.figures(self.uow, unit_id, kind_id, day)

    def enrollment(self, enrollment_id: int, what: str) -> Enrollment:
        enrollment = get_or_fail(self.uow.session, Enrollment, enrollment_id, "在编记录")
        if enrollment.end_on is not None:
            person = self.uow.session.get(Person, enrollment.person_id)
            raise RuleViolation(f"{person.name if person else ''}已于{enrollment.end_on}出编，不能{what}。")
        return enrollment

    def move(self, move: m.Move, on: dt.date, *, what: str, plan_free: bool = True) -> int:
        """One removal plus one enrollment (县内调动, 转隶): the target needs a vacancy of that kind."""
        old = self.enrollment(move.enrollment_id, what)
        target = self.unit(move.to_unit_id)
        kind = self.kind(move.to_kind or old.kind_id)
        if move.division_id is not None:
            division = get_or_fail(self.uow.session, Division, move.division_id, "内设机构")
            if division.unit_id != target.id:
                raise ValidationError("内设机构", f"“{division.name}”不是“{target.name}”的内设机构")
        self.end(old, on, RemovalReason.TRANSFERRED_IN_COUNTY)
        if plan_free:
            matter_rules.check_vacancy_for_enrollment(self.uow, target, kind, on, 1)
        return self.start(
            EnrollmentInput(
                person_id=old.person_id,
                unit_id=target.id,
                kind=kind.id,
                start_on=on,
                document=self.doc,
                division_id=move.division_id,
                post_title=move.post_title or old.post_title,
            )
        )
