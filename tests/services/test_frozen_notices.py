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


def test_each_line_shows_its_own_moment_in_a_swap_and_an_abolition(qh: County) -> None:
    """Lines are frozen in the order applied (a swap alternates out and in), and what an approval does
    after its people leave (the quota withdrawn) is not put on their notices."""
    from bianzhi_desktop.domain.enums import RemovalReason

    from .helpers import add_person, enroll

    a = add_unit(qh.db, qh.clerk, "清河县甲局")
    b = add_unit(qh.db, qh.clerk, "清河县乙局")
    add_quota(qh.db, qh.clerk, a, "行政编制", 2)
    add_quota(qh.db, qh.clerk, b, "行政编制", 3)
    chen = enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "陈一", seq=11), a)
    lin = enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "林二", seq=13), b)
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "黄三", seq=15), b, on=D(2021, 3, 1))
    close_initialisation(qh)
    day = D(2026, 6, 1)
    carry(qh, m.TransferRequest(day, (m.Move(chen, b), m.Move(lin, a))), day)
    with qh.db.read() as uow:
        into_b = uow.session.scalar(
            select(Enrollment.id).where(Enrollment.unit_id == b, Enrollment.start_on == day)
        )
        chen_in, lin_out = papers.enrollment_notice(uow, into_b), papers.removal_notice(uow, lin)
    # 乙局 (林二, 黄三): 陈一 came in first (2 → 3), then 林二 left (3 → 2); never counted down first.
    assert (chen_in.header.before.enrolled, chen_in.header.after.enrolled) == (2, 3)
    assert (lin_out.header.before.enrolled, lin_out.header.after.enrolled) == (3, 2)
    with qh.db.read() as uow:
        people = list(
            uow.session.scalars(
                select(Enrollment.id).where(Enrollment.unit_id == b, Enrollment.end_on.is_(None))
            )
        )
    later = D(2026, 7, 1)
    removals = tuple(m.Removal(e, later, RemovalReason.TRANSFERRED_OUT) for e in people)
    carry(qh, m.AbolishUnit(b, later, removals=removals, quotas=(m.QuotaRelease("行政编制", 3),)), later)
    with qh.db.read() as uow:
        notices = [papers.removal_notice(uow, e) for e in people]
    # 核定 3 stays on the removal notices: it is withdrawn after the people left.
    assert [(n.header.before, n.header.after) for n in notices] == [
        (QuotaFigures(3, 2, 0), QuotaFigures(3, 1, 0)),
        (QuotaFigures(3, 1, 0), QuotaFigures(3, 0, 0)),
    ]
