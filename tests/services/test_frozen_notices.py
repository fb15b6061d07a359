"""Notices frozen at approval (issue 13, item 1): each notice its own serial and its own figures, and a
reprint — after later matters of the same day and a removal — the same notice."""

from __future__ import annotations

from sqlalchemy import select

from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import HiringMethod, RemovalReason
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.models import Enrollment, HiringPlan
from bianzhi_desktop.services.paperwork import papers
from bianzhi_desktop.services.paperwork.frozen import encode

from ..conftest import County
from .helpers import add_quota, add_unit
from .matter_helpers import D, carry, close_initialisation


def hire(name: str, seq: int) -> m.Hire:
    return m.Hire(
        person=m.PersonParticulars(name=name, id_number=make_id_number("320102", D(1996, 3, 4), seq))
    )


def test_each_notice_keeps_its_own_number_and_figures(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 12)
    close_initialisation(qh)
    carry(
        qh,
        m.HiringPlanRequest(unit, "行政编制", 3, HiringMethod.CIVIL_EXAM, D(2026, 4, 1), D(2026, 12, 31)),
        D(2026, 4, 1),
    )
    with qh.db.read() as uow:
        plan_id = uow.session.scalar(select(HiringPlan.id))
        hiring = papers.hiring_notice(uow, plan_id)
    assert hiring.header.serial == "清编核〔2026〕1号"
    assert (hiring.header.before, hiring.header.after) == (QuotaFigures(12, 0, 0), QuotaFigures(12, 0, 3))

    carry(
        qh,
        m.EnrollmentRequest(
            unit, "行政编制", D(2026, 8, 3), (hire("陈一", 11), hire("林二", 13)), plan_id=plan_id
        ),
        D(2026, 8, 3),
    )
    with qh.db.read() as uow:
        first_id, second_id = uow.session.scalars(select(Enrollment.id).order_by(Enrollment.id))
        first, second = (papers.enrollment_notice(uow, i) for i in (first_id, second_id))
    assert (first.header.serial, second.header.serial) == ("清编入〔2026〕1号", "清编入〔2026〕2号")
    assert (first.header.before, first.header.after) == (QuotaFigures(12, 0, 3), QuotaFigures(12, 1, 2))
    assert (second.header.before, second.header.after) == (QuotaFigures(12, 1, 2), QuotaFigures(12, 2, 1))
    assert first.person.name == "陈一" and second.person.name == "林二"

    # Later the same day another matter of the unit, and later a removal: the notices print the same.
    carry(
        qh,
        m.HiringPlanRequest(unit, "行政编制", 2, HiringMethod.CIVIL_EXAM, D(2026, 8, 3), D(2026, 12, 31)),
        D(2026, 8, 3),
    )
    carry(
        qh,
        m.RemovalRequest((m.Removal(first_id, D(2026, 9, 1), RemovalReason.TRANSFERRED_OUT),)),
        D(2026, 9, 1),
    )
    with qh.db.read() as uow:
        assert encode(papers.hiring_notice(uow, plan_id)) == encode(hiring)
        assert encode(papers.enrollment_notice(uow, first_id)) == encode(first)
        assert encode(papers.enrollment_notice(uow, second_id)) == encode(second)
        removal = papers.removal_notice(uow, first_id)
        batch = papers.notices(uow, NoticeKind.ENROLLMENT)
    assert removal.header.serial == "清编出〔2026〕1号"
    assert removal.header.after.enrolled == removal.header.before.enrolled - 1
    assert [encode(n) for n in batch] == [encode(first), encode(second)]


def test_a_notice_printed_again_says_so(qh: County) -> None:
    """The first print is the notice as approved; once printed, a later print carries 补打 and its day,
    and nothing else changes."""
    unit = add_unit(qh.db, qh.clerk, "清河县审计局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 5)
    close_initialisation(qh)
    carry(
        qh,
        m.HiringPlanRequest(unit, "行政编制", 2, HiringMethod.CIVIL_EXAM, D(2026, 4, 1), D(2026, 12, 31)),
        D(2026, 4, 1),
    )
    with qh.db.read() as uow:
        plan_id = uow.session.scalar(select(HiringPlan.id))
        first = papers.hiring_notice(uow, plan_id)
    assert first.header.reprint == ""
    with qh.db.write() as uow:
        assert papers.notice_ids(uow, NoticeKind.HIRING) == [plan_id]
        from bianzhi_desktop.services.paperwork import record_printed

        assert record_printed(uow, qh.clerk, NoticeKind.HIRING, [plan_id], on=D(2026, 4, 2)) == 1
        assert record_printed(uow, qh.clerk, NoticeKind.HIRING, [plan_id], on=D(2026, 4, 3)) == 0
        uow.commit()
    with qh.db.read() as uow:
        again = papers.hiring_notice(uow, plan_id)
        from bianzhi_desktop.services.paperwork.frozen import stored_notices

        on_day = stored_notices(uow, NoticeKind.HIRING, [plan_id], today=D(2026, 5, 6))[plan_id]
    assert on_day.header.reprint == "补打 2026年5月6日"
    assert again.header.reprint.startswith("补打 ")
    assert again.header.serial == first.header.serial and again.header.after == first.header.after
