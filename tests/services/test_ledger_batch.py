"""Batches of 入编 and 出编 (used by matter approval) give exactly what one call at a time gives: the same
figures after each person, the same warnings, the same refusals, the same audit records."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from bianzhi_desktop.domain.enums import HiringMethod, RemovalReason
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.persistence.models import AuditRecord, Enrollment, Person
from bianzhi_desktop.services.ledger import entries as ledger
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.ledger.batch import Enrollments, Removals
from bianzhi_desktop.services.ledger.entries import EnrollmentInput, HiringPlanInput
from tests.conftest import County
from tests.services.helpers import add_person, add_quota, add_unit, enroll

D = dt.date
DOC = "清编入〔2022〕3号"


def _audits(uow, after_id: int) -> list[tuple[str, str, int | None, str, dict]]:  # type: ignore[no-untyped-def]
    rows = uow.session.scalars(select(AuditRecord).where(AuditRecord.id > after_id).order_by(AuditRecord.id))
    return [(r.action, r.table_name, r.record_id, r.summary, json.loads(r.changes)) for r in rows]


def _county(qh: County) -> tuple[int, int, list[int]]:
    """A unit with 3 行政编制 (one held), a 2-seat plan, and five people to enroll."""
    unit = add_unit(qh.db, qh.admin, "清河县财政局")
    add_quota(qh.db, qh.admin, unit, "行政编制", 3)
    enroll(qh.db, qh.admin, add_person(qh.db, qh.admin, "张三", seq=1), unit)
    with qh.db.write() as uow:
        plan = initialisation.record_hiring_plan(
            uow,
            qh.admin,
            HiringPlanInput(
                unit, "行政编制", 2, HiringMethod.CIVIL_EXAM, D(2022, 1, 1), D(2022, 12, 31), DOC
            ),
        )
        uow.commit()
    people = [add_person(qh.db, qh.admin, f"李{n}", seq=13 + 2 * i) for i, n in enumerate("一二三四五")]
    return unit, plan, people


def test_a_batch_reports_the_figures_and_warnings_of_one_at_a_time(qh: County) -> None:
    unit, plan, people = _county(qh)
    # two under the plan on different days, then three more without it: the unit goes over quota
    items = [
        EnrollmentInput(people[0], unit, "行政编制", D(2022, 3, 1), DOC, hiring_plan_id=plan),
        EnrollmentInput(people[1], unit, "行政编制", D(2022, 2, 1), DOC, hiring_plan_id=plan),
        EnrollmentInput(people[2], unit, "行政编制", D(2022, 3, 1), DOC),
        EnrollmentInput(people[3], unit, "行政编制", D(2022, 1, 15), DOC),
        EnrollmentInput(people[4], unit, "行政编制", D(2022, 3, 1), DOC),
    ]
    with qh.db.write() as uow:
        first = uow.session.scalar(select(AuditRecord.id).order_by(AuditRecord.id.desc()).limit(1)) or 0
        savepoint = uow.session.begin_nested()
        one_by_one = [ledger.enroll(uow, qh.admin, item) for item in items]
        audits_one_by_one = _audits(uow, first)
        savepoint.rollback()
        batch = Enrollments(uow, qh.admin)
        batch.prefetch(people)
        for item in items:
            batch.add(item)
        together = batch.finish()
        audits_together = _audits(uow, first)
        uow.commit()
    assert [(r.figures_after, r.warnings) for r in together] == [
        (r.figures_after, r.warnings) for r in one_by_one
    ]
    assert [r.figures_after.vacancy for r in together] == [0, 0, -1, -1, -3]
    assert sum(1 for r in together if r.warnings) == 3
    assert "超编1名（核定3，在编4，已核准未入编0）" in together[2].warnings[0]

    def without_ids(audits):  # type: ignore[no-untyped-def]
        return [(a, t, s, {k: v for k, v in c.items()}) for a, t, _id, s, c in audits]

    assert without_ids(audits_together) == without_ids(audits_one_by_one)
    assert [a[2] for a in audits_together] == [r.enrollment_id for r in together]


def test_a_batch_refuses_what_one_at_a_time_refuses_and_keeps_nothing(qh: County) -> None:
    unit, plan, people = _county(qh)
    cases = [
        (
            [(people[0], None), (people[0], None)],
            RuleViolation,
            "李一（{}）已在“清河县财政局”在编，同一人不能同时占用两个编制",
        ),
        (
            [(people[0], plan), (people[1], plan), (people[2], plan)],
            RuleViolation,
            "用编计划的2个名额已全部使用",
        ),
    ]
    for pairs, error, message in cases:
        with qh.db.write() as uow:
            number = uow.session.get(Person, people[0]).id_number  # type: ignore[union-attr]
            batch = Enrollments(uow, qh.admin)
            batch.prefetch(p for p, _ in pairs)
            with pytest.raises(error, match=message.format(number)):
                for person, plan_id in pairs:
                    batch.add(
                        EnrollmentInput(person, unit, "行政编制", D(2022, 3, 1), DOC, hiring_plan_id=plan_id)
                    )
                batch.finish()
        with qh.db.read() as uow:
            assert len(list(uow.session.scalars(select(Enrollment.id)))) == 1


def test_removals_in_a_batch_are_checked_in_turn(qh: County) -> None:
    unit, _plan, people = _county(qh)
    ids = [enroll(qh.db, qh.admin, person, unit, on=D(2021, 3, 1)) for person in people[:2]]
    with qh.db.write() as uow:
        batch = Removals(uow, qh.admin, "清编出〔2022〕1号")
        batch.prefetch(ids)
        with pytest.raises(ValidationError, match="出编时间：不能早于入编时间2021-03-01"):
            batch.end(uow.session.get(Enrollment, ids[0]), D(2022, 1, 1), RemovalReason.RETIRED)
            batch.end(uow.session.get(Enrollment, ids[1]), D(2020, 1, 1), RemovalReason.RETIRED)
    with qh.db.write() as uow:
        batch = Removals(uow, qh.admin, "清编出〔2022〕1号")
        enrollment = uow.session.get(Enrollment, ids[0])
        batch.end(enrollment, D(2022, 1, 1), RemovalReason.RETIRED)
        with pytest.raises(RuleViolation, match="李一已于2022-01-01出编。"):
            batch.end(enrollment, D(2022, 2, 1), RemovalReason.RETIRED)
    with qh.db.write() as uow:
        batch = Removals(uow, qh.admin, "清编出〔2022〕1号")
        batch.prefetch(ids)
        for enrollment_id in ids:
            batch.end(uow.session.get(Enrollment, enrollment_id), D(2022, 1, 1), RemovalReason.RESIGNED)
        batch.finish()
        uow.commit()
    with qh.db.read() as uow:
        ended = uow.session.scalars(select(Enrollment).where(Enrollment.id.in_(ids))).all()
        assert {(e.end_on, e.end_reason) for e in ended} == {(D(2022, 1, 1), "resigned")}
        audits = _audits(uow, 0)
    ends = [a for a in audits if a[0] == "enrollment.end"]
    assert [a[2] for a in ends] == ids
    assert ends[0][3] == "李一 出编（辞职，清编出〔2022〕1号）"
    assert ends[0][4] == {"end_on": [None, "2022-01-01"], "end_reason": [None, "resigned"]}
