"""Applying an approved matter: every change of its content, in the caller's one transaction, through
the ledger, unit, charter and division code paths, each entry citing the matter's document.

This is the one path that may call the ledger after initialisation is closed. The same code runs as a
dry run (inside a savepoint that is rolled back) to check a matter at submission and to preview it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from sqlalchemy import select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import RemovalReason, Role
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.idnumber import parse_id_number
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Division, Enrollment, HiringPlan, Person, QuotaKind, Unit
from bianzhi_desktop.services.context import Actor, created, get_or_fail, now
from bianzhi_desktop.services.ledger import batch as ledger_batch
from bianzhi_desktop.services.ledger import entries as ledger
from bianzhi_desktop.services.ledger import pool as quota_pool
from bianzhi_desktop.services.ledger.entries import EnrollmentInput, HiringPlanInput
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.matters import apply_units as matter_units
from bianzhi_desktop.services.matters import rules as matter_rules
from bianzhi_desktop.services.org import charters, divisions
from bianzhi_desktop.services.org.documents import DocumentRef
from bianzhi_desktop.services.register import persons


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


class Applier:
    """Applies one content. `actor` is the approver; approval grants the clerk's authority for the
    record-keeping services it calls, and every audit record names the approver."""

    def __init__(self, uow: UnitOfWork, actor: Actor, document: DocumentRef, decided_on: dt.date) -> None:
        self.uow = uow
        self.actor = replace(actor, roles=actor.roles | {Role.CLERK})
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
        batch = batch or ledger_batch.Removals(self.uow, self.actor, self.doc)
        batch.end(enrollment, on, reason)
        if alone:
            batch.finish()
        self.out.ended.append(enrollment.id)
        self.out.quota_pairs.add((enrollment.unit_id, enrollment.kind_id, on))

    def start(self, data: EnrollmentInput) -> int:
        result = ledger.enrol(self.uow, self.actor, data)
        self.out.started.append(result.enrollment_id)
        self.out.warnings += result.warnings
        self.out.quota_pairs.add((data.unit_id, self.kind(data.kind).id, data.start_on))
        return result.enrollment_id

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
            matter_rules.check_vacancy_for_enrolment(self.uow, target, kind, on, 1)
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

    # -- the kinds --------------------------------------------------------------------------------
    def apply(self, content: m.Content) -> Applied:
        handler = getattr(self, f"_{content.KIND.value}")
        handler(content)
        self.uow.flush()
        return self.out

    def _unit_create(self, c: m.CreateUnit) -> None:
        matter_units.create(
            self, c.unit, c.effective_on, cap_document=c.cap_document, raised_cap=c.raised_cap
        )
        unit_id = self.out.created_units[-1]
        matter_units.staff_new_unit(self, unit_id, c)

    def _unit_abolish(self, c: m.AbolishUnit) -> None:
        matter_units.abolish(self, c)

    def _unit_amend(self, c: m.AmendUnit) -> None:
        matter_units.amend(self, c)

    def _unit_merge(self, c: m.MergeUnits) -> None:
        matter_units.merge(self, c)

    def _quota_change(self, c: m.QuotaChange) -> None:
        for move in c.moves:
            kind = self.kind(move.kind)
            reason = f"{c.reason}（{move.direction}）"
            if move.from_unit_id is not None:
                self.quota(move.from_unit_id, kind, -move.amount, c.effective_on, reason)
                matter_rules.check_not_short(
                    self.uow, self.unit(move.from_unit_id), kind, c.effective_on, "核减"
                )
            elif move.from_pool:
                self.pool(
                    kind, -move.amount, c.effective_on, reason, unit_id=move.to_unit_id, due_on=move.due_on
                )
            if move.to_unit_id is not None:
                self.quota(move.to_unit_id, kind, move.amount, c.effective_on, reason)
            elif move.to_pool:
                self.pool(kind, move.amount, c.effective_on, reason, unit_id=move.from_unit_id)

    def _leader_posts(self, c: m.LeaderPostsChange) -> None:
        for change in c.changes:
            self.leader(c.unit_id, change, c.effective_on, c.reason)

    def _divisions(self, c: m.DivisionsChange) -> None:
        unit = self.unit(c.unit_id)
        for division_id in c.abolish:
            self._own_division(unit, division_id)
            divisions.abolish_division(self.uow, self.actor, division_id, c.effective_on)
        for rename in c.rename:
            division = self._own_division(unit, rename.division_id)
            divisions.update_division(
                self.uow,
                self.actor,
                division.id,
                name=rename.name,
                duties=division.duties,
                position=division.position,
            )
        for new in c.add:
            divisions.add_division(
                self.uow, self.actor, unit.id, new.name, duties=new.duties, founded_on=c.effective_on
            )

    def _own_division(self, unit: Unit, division_id: int) -> Division:
        division = get_or_fail(self.uow.session, Division, division_id, "内设机构")
        if division.unit_id != unit.id:
            raise ValidationError("内设机构", f"“{division.name}”不是“{unit.name}”的内设机构")
        return division

    def _charter(self, c: m.CharterChange) -> None:
        charters.issue_charter(
            self.uow,
            self.actor,
            c.unit_id,
            document=self.doc,
            effective_on=c.effective_on,
            duties=list(c.duties),
            summary=c.summary,
        )

    def _hiring_plan(self, c: m.HiringPlanRequest) -> None:
        unit = self.unit(c.unit_id)
        if c.valid_until < self.decided_on:
            raise RuleViolation(f"用编计划有效期至{c.valid_until.isoformat()}，批准时已过期。")
        matter_rules.check_no_late_removals(self.uow, unit, c.valid_from)
        plan_id = ledger.add_hiring_plan(
            self.uow,
            self.actor,
            HiringPlanInput(
                unit_id=unit.id,
                kind=c.kind,
                seats=c.seats,
                method=c.method,
                approved_on=c.valid_from,
                valid_until=c.valid_until,
                document=self.doc,
            ),
            within_vacancy=True,
        )
        self.out.plan_ids.append(plan_id)
        self.out.quota_pairs.add((unit.id, self.kind(c.kind).id, c.valid_from))

    def _enrollment(self, c: m.EnrollmentRequest) -> None:
        """All hires of the matter in one batch: each checked in turn as if enrolled one by one."""
        unit = self.unit(c.unit_id)
        kind = self.kind(c.kind)
        if c.plan_id is None:
            matter_rules.check_vacancy_for_enrolment(self.uow, unit, kind, c.start_on, len(c.hires))
        else:
            plan = get_or_fail(self.uow.session, HiringPlan, c.plan_id, "用编计划")
            if plan.unit_id != unit.id or plan.kind_id != kind.id:
                raise ValidationError("用编计划", f"所选计划不是{unit.name}的{kind.name}用编计划")
        batch = ledger_batch.Enrolments(self.uow, self.actor)
        batch.prefetch(
            (hire.person_id for hire in c.hires if hire.person_id is not None),
            (hire.division_id for hire in c.hires if hire.division_id is not None),
        )
        register = _Registrar(self, batch.audits, [h.person for h in c.hires if h.person_id is None])
        for hire in c.hires:
            person = register(hire.person) if hire.person_id is None else None
            batch.add(
                EnrollmentInput(
                    person_id=hire.person_id or 0,  # a new person is passed as the record itself
                    unit_id=unit.id,
                    kind=kind.id,
                    start_on=c.start_on,
                    document=self.doc,
                    division_id=hire.division_id,
                    post_title=hire.post_title,
                    hiring_plan_id=c.plan_id,
                ),
                person=person,
            )
        for result in batch.finish():
            self.out.started.append(result.enrollment_id)
            self.out.warnings += result.warnings
        if c.hires:
            self.out.quota_pairs.add((unit.id, kind.id, c.start_on))

    def _removal(self, c: m.RemovalRequest) -> None:
        """All removals of the matter in one batch, each checked in turn as if removed one by one."""
        batch = self.removals([removal.enrollment_id for removal in c.removals])
        for removal in c.removals:
            self.end(
                self.enrollment(removal.enrollment_id, "再次出编"), removal.end_on, removal.reason, batch
            )
        batch.finish()

    def _transfer(self, c: m.TransferRequest) -> None:
        for move in c.moves:
            self.move(move, c.effective_on, what="调动")


class _Registrar:
    """People registered by an enrollment matter, validated one by one as persons.validate does, their
    records and audit records written with the batch. The duplicate check asks the database only for
    numbers it may hold (looked up for the whole matter at once) or that an earlier hire already has."""

    def __init__(
        self, ap: Applier, audits: ledger_batch.AuditQueue, people: list[m.PersonParticulars | None]
    ) -> None:
        self.ap = ap
        self.audits = audits
        numbers = {n for n in (_parsed_number(p.id_number) for p in people if p is not None) if n}
        self.on_record: set[str] = set()
        for chunk in ledger_batch.chunks(numbers):
            self.on_record.update(
                ap.uow.session.scalars(select(Person.id_number).where(Person.id_number.in_(chunk)))
            )
        self.registered: set[str] = set()

    def __call__(self, particulars: m.PersonParticulars | None) -> Person:
        assert particulars is not None
        number = _parsed_number(particulars.id_number)
        if number in self.registered:
            self.ap.uow.session.flush()  # the earlier hire is then found by the duplicate check
        values, _warnings = persons.validate(
            self.ap.uow,
            persons.PersonInput(
                name=particulars.name,
                id_number=particulars.id_number,
                retirement_category=particulars.retirement_category,  # type: ignore[arg-type]
                ethnicity=particulars.ethnicity,
                education=particulars.education,  # type: ignore[arg-type]
                political_status=particulars.political_status,  # type: ignore[arg-type]
            ),
            None,
            check_duplicates=number is None or number in self.on_record or number in self.registered,
        )
        person = Person(**values, created_at=now())
        self.ap.uow.session.add(person)
        self.registered.add(person.id_number)
        summary = f"登记人员 {person.name}（入编事项）"
        changes = created(person, persons.PERSON_FIELDS)
        self.audits.add(lambda: ("person.create", person, summary, changes))
        return person


def _parsed_number(raw: str) -> str | None:
    try:
        return parse_id_number(raw).number
    except ValidationError:
        return None


def apply_content(
    uow: UnitOfWork, actor: Actor, content: m.Content, document: DocumentRef, decided_on: dt.date
) -> Applied:
    return Applier(uow, actor, document, decided_on).apply(content)


def live_plans(uow: UnitOfWork, unit_id: int, on: dt.date) -> list[HiringPlan]:
    return list(
        uow.session.scalars(
            select(HiringPlan).where(
                HiringPlan.unit_id == unit_id,
                HiringPlan.valid_until >= on,
                HiringPlan.cancelled_on.is_(None),
            )
        )
    )
