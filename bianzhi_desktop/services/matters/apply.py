"""Applying an approved matter: every change of its content, in the caller's one transaction, through
the ledger, unit, charter and division code paths, each entry citing the matter's document.

This is the one path that may call the ledger after initialisation is closed. The same code runs as a
dry run (inside a savepoint that is rolled back) to check a matter at submission and to preview it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.idnumber import parse_id_number
from bianzhi_desktop.persistence.bulk_load import in_chunks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Division, HiringPlan, Person, Unit
from bianzhi_desktop.services.context import Actor, created, get_or_fail, now
from bianzhi_desktop.services.ledger import batch as ledger_batch
from bianzhi_desktop.services.ledger import entries as ledger
from bianzhi_desktop.services.ledger.entries import EnrollmentInput, HiringPlanInput
from bianzhi_desktop.services.matters import apply_units as matter_units
from bianzhi_desktop.services.matters import rules as matter_rules
from bianzhi_desktop.services.matters.applier import Applied, Applier
from bianzhi_desktop.services.org import charters, divisions
from bianzhi_desktop.services.org.documents import DocumentRef
from bianzhi_desktop.services.register import persons


class _ContentApplier(Applier):
    """Dispatches each kind of content to the record operations that carry it out."""

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
            divisions.write_division_abolition(self.uow, self.actor, division_id, c.effective_on)
        for rename in c.rename:
            division = self._own_division(unit, rename.division_id)
            divisions.write_division_change(
                self.uow,
                self.actor,
                division.id,
                name=rename.name,
                duties=division.duties,
                position=division.position,
            )
        for new in c.add:
            divisions.write_division(
                self.uow, self.actor, unit.id, new.name, duties=new.duties, founded_on=c.effective_on
            )

    def _own_division(self, unit: Unit, division_id: int) -> Division:
        division = get_or_fail(self.uow.session, Division, division_id, "内设机构")
        if division.unit_id != unit.id:
            raise ValidationError("内设机构", f"“{division.name}”不是“{unit.name}”的内设机构")
        return division

    def _charter(self, c: m.CharterChange) -> None:
        charters.write_charter(
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
        self.before_notice(unit.id, self.kind(c.kind).id, c.valid_from)
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
        self.out.notice_lines.append(("hiring", plan_id))
        self.out.quota_pairs.add((unit.id, self.kind(c.kind).id, c.valid_from))

    def _enrollment(self, c: m.EnrollmentRequest) -> None:
        """All hires of the matter in one batch: each checked in turn as if enrolled one by one."""
        unit = self.unit(c.unit_id)
        kind = self.kind(c.kind)
        if c.plan_id is None:
            matter_rules.check_vacancy_for_enrollment(self.uow, unit, kind, c.start_on, len(c.hires))
        else:
            plan = get_or_fail(self.uow.session, HiringPlan, c.plan_id, "用编计划")
            if plan.unit_id != unit.id or plan.kind_id != kind.id:
                raise ValidationError("用编计划", f"所选计划不是{unit.name}的{kind.name}用编计划")
        self.before_notice(unit.id, kind.id, c.start_on)
        batch = ledger_batch.Enrollments(self.uow, self.actor)
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
            self.out.notice_lines.append(("enrollment", result.enrollment_id))
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
        for chunk in in_chunks(numbers):
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
    return _ContentApplier(uow, actor, document, decided_on).apply(content)


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
