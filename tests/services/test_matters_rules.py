"""Every refusal of a matter, with its message and figures, and nothing changed after it."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import (
    HiringMethod,
    Rank,
    RemovalReason,
    RetirementCategory,
    UnitCategory,
    UnitSystem,
)
from bianzhi_desktop.domain.errors import PermissionDenied, RuleViolation, ValidationError
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.domain.matters import MatterState
from bianzhi_desktop.persistence.models import HiringPlan
from bianzhi_desktop.services.admin import settings
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.matters import queries as matter_queries
from bianzhi_desktop.services.matters import workflow as matters
from bianzhi_desktop.services.matters.inbox import WAITING, MatterQuery, find_matters

from ..conftest import County
from .helpers import add_person, add_quota, add_unit, enroll
from .matter_helpers import D, at, carry, close_initialisation, draft, figures

MARCH, YEAR_END = D(2026, 3, 2), D(2026, 12, 31)


@pytest.fixture
def bureau(qh: County) -> int:
    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 5)
    add_quota(qh.db, qh.clerk, unit, "工勤编制", 2)
    for seq, name in ((11, "张一"), (13, "张二"), (15, "张三")):
        enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, name, seq=seq), unit)
    close_initialisation(qh)
    return unit


def plan(
    unit: int, seats: int, kind: str = "行政编制", start: dt.date = MARCH, end: dt.date = YEAR_END
) -> m.HiringPlanRequest:
    return m.HiringPlanRequest(unit, kind, seats, HiringMethod.CIVIL_EXAM, start, end)


def only_plan(qh: County) -> int:
    with qh.db.read() as uow:
        return uow.session.scalars(select(HiringPlan.id)).one()


def submit(qh: County, matter_id: int, day: dt.date = MARCH) -> None:
    with qh.db.write() as uow:
        matters.submit(uow, qh.clerk, matter_id, at=at(day))
        uow.commit()


def test_hiring_plan_over_vacancy_is_refused_at_submission_with_the_figures(qh: County, bureau: int) -> None:
    matter_id = draft(qh, plan(bureau, 3))
    with pytest.raises(RuleViolation) as refused:
        submit(qh, matter_id)
    assert str(refused.value) == (
        "清河县财政局的行政编制空编不足：核定5，在编3，已核准未入编0，空编2，不能核准3名用编计划。"
    )
    with qh.db.read() as uow:
        assert matter_queries.matter_detail(uow, matter_id).row.state == MatterState.DRAFT
    assert figures(qh.db, bureau, "行政编制", D(2026, 3, 2)) == (5, 3, 0, 2)


def test_hiring_plan_of_another_kind_does_not_use_this_kinds_vacancy(qh: County, bureau: int) -> None:
    carry(qh, plan(bureau, 2, "工勤编制"), D(2026, 3, 2))
    assert figures(qh.db, bureau, "工勤编制", D(2026, 3, 2)) == (2, 0, 2, 0)
    with pytest.raises(RuleViolation, match="工勤编制空编不足：核定2，在编0，已核准未入编2，空编0"):
        submit(qh, draft(qh, plan(bureau, 1, "工勤编制")))
    assert figures(qh.db, bureau, "行政编制", D(2026, 3, 2)) == (5, 3, 0, 2)


def test_zero_seats_and_an_end_before_the_start_are_bad_input() -> None:
    with pytest.raises(ValidationError, match="计划名额：必须是正整数（现为0）"):
        plan(1, 0)
    with pytest.raises(ValidationError, match="有效期：截止日期2026-01-01早于起始日期2026-03-02"):
        plan(1, 1, end=D(2026, 1, 1))


def test_drafter_may_not_review_or_approve_own_matter_unless_relaxed(qh: County, bureau: int) -> None:
    own = draft(qh, plan(bureau, 1))
    submit(qh, own)
    clerk_reviewer = qh.clerk.__class__(
        qh.clerk.user_id, qh.clerk.username, qh.clerk.display_name, qh.clerk.roles | {m.Role.REVIEWER}
    )
    with qh.db.write() as uow, pytest.raises(PermissionDenied, match="不能审核通过本人起草的事项"):
        matters.review(uow, clerk_reviewer, own)
    with qh.db.write() as uow, pytest.raises(PermissionDenied, match="没有“审核”角色"):
        matters.review(uow, qh.approver.__class__(qh.clerk.user_id, "x", "李经办", qh.clerk.roles), own)
    with qh.db.write() as uow:
        settings.write_setting(uow, qh.admin, "allow_self_approval", "1")
        uow.commit()
    with qh.db.write() as uow:
        matters.review(uow, clerk_reviewer, own, opinion="同意")
        uow.commit()
    with qh.db.read() as uow:
        detail = matter_queries.matter_detail(uow, own)
    assert detail.row.self_approval and detail.row.state == MatterState.REVIEWED
    assert detail.steps[-1].opinion == "同意（按本办设置，经办人审核、批准本人起草的事项）"


def test_enrollment_under_an_expired_plan_is_refused(qh: County, bureau: int) -> None:
    carry(qh, plan(bureau, 1, end=D(2026, 6, 30)), D(2026, 3, 2))
    plan_id = only_plan(qh)
    late = m.EnrollmentRequest(
        bureau,
        "行政编制",
        D(2026, 7, 1),
        (m.Hire(person=m.PersonParticulars("刘晚", make_id_number("320102", D(1998, 1, 2), 17))),),
        plan_id=plan_id,
    )
    with pytest.raises(RuleViolation, match="用编计划有效期为2026-03-02至2026-06-30，2026-07-01不在有效期内"):
        submit(qh, draft(qh, late), D(2026, 7, 1))
    # Its seat was released at its end: the reservation no longer counts.
    assert figures(qh.db, bureau, "行政编制", D(2026, 6, 30)) == (5, 3, 1, 1)
    assert figures(qh.db, bureau, "行政编制", D(2026, 7, 1)) == (5, 3, 0, 2)


def test_each_enrollment_uses_a_seat_of_its_plan(qh: County, bureau: int) -> None:
    carry(qh, plan(bureau, 1), D(2026, 3, 2))
    plan_id = only_plan(qh)
    two = m.EnrollmentRequest(
        bureau,
        "行政编制",
        D(2026, 7, 1),
        tuple(
            m.Hire(person=m.PersonParticulars(name, make_id_number("320102", D(1998, 1, 2), seq)))
            for name, seq in (("刘一", 17), ("刘二", 19))
        ),
        plan_id=plan_id,
    )
    with pytest.raises(RuleViolation, match="用编计划的1个名额已全部使用"):
        submit(qh, draft(qh, two), D(2026, 7, 1))


def test_units_late_with_removals_get_no_new_hiring_plan(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县水利局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 6)
    old = add_person(
        qh.db, qh.clerk, "孙老", birth=D(1962, 5, 10), seq=21, category=RetirementCategory.MALE_60
    )
    enrollment = enroll(qh.db, qh.clerk, old, unit, on=D(1990, 3, 1))
    close_initialisation(qh)
    with pytest.raises(RuleViolation) as refused:
        submit(qh, draft(qh, plan(unit, 1)))
    assert str(refused.value) == (
        "清河县水利局有1人到龄超过15个工作日仍未办理出编：孙老（2022-05-10到龄）。须先办理出编，才能核准新的用编计划。"
    )
    carry(
        qh, m.RemovalRequest((m.Removal(enrollment, D(2022, 5, 10), RemovalReason.RETIRED),)), D(2026, 3, 2)
    )
    carry(qh, plan(unit, 1), D(2026, 3, 2))
    assert figures(qh.db, unit, "行政编制", D(2026, 3, 2)) == (6, 0, 1, 5)


def test_abolishing_needs_people_moved_and_quotas_withdrawn(qh: County, bureau: int) -> None:
    with pytest.raises(RuleViolation, match="还有3名在编人员（张一、张二、张三），撤销前须全部转隶或出编"):
        submit(qh, draft(qh, m.AbolishUnit(bureau, D(2026, 3, 2))))
    with qh.db.read() as uow:
        people = [line.enrollment_id for line in quota.enrolled_people(uow, bureau)]
    out = tuple(m.Removal(e, D(2026, 3, 2), RemovalReason.TRANSFERRED_OUT) for e in people)
    with pytest.raises(RuleViolation, match="还有行政编制核定编制5名，撤销前须全部划转、收回或交回周转池"):
        submit(qh, draft(qh, m.AbolishUnit(bureau, D(2026, 3, 2), removals=out)))
    assert figures(qh.db, bureau, "行政编制", D(2026, 3, 2)) == (5, 3, 0, 2)


def test_abolishing_into_a_full_unit_that_receives_the_quota_too(qh: County, bureau: int) -> None:
    """People and quota go to the same unit on the same day: the unit is never over quota."""
    with qh.db.write() as uow:
        settings.set_initialisation(uow, qh.admin, True)
        uow.commit()
    audit_office = add_unit(qh.db, qh.clerk, "清河县审计局")
    add_quota(qh.db, qh.clerk, audit_office, "行政编制", 1)
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "李满", seq=17), audit_office)
    close_initialisation(qh)
    with qh.db.read() as uow:
        people = [line.enrollment_id for line in quota.enrolled_people(uow, bureau)]
    day = D(2026, 3, 2)
    carry(
        qh,
        m.AbolishUnit(
            bureau,
            day,
            transfers=tuple(m.Move(e, audit_office) for e in people),
            quotas=(
                m.QuotaRelease("行政编制", 5, to_unit_id=audit_office),
                m.QuotaRelease("工勤编制", 2, to_pool=True),
            ),
        ),
        day,
    )
    assert figures(qh.db, audit_office, "行政编制", day) == (6, 4, 0, 2)
    assert figures(qh.db, bureau, "行政编制", day) == (0, 0, 0, 0)


def test_a_reduction_that_would_leave_the_unit_over_quota_is_refused(qh: County, bureau: int) -> None:
    cut = m.QuotaChange(D(2026, 3, 2), (m.QuotaMove("行政编制", 3, from_unit_id=bureau),), "精简")
    with pytest.raises(
        RuleViolation, match="核减后清河县财政局的行政编制核定2名，少于在编3名加已核准未入编0名"
    ):
        submit(qh, draft(qh, cut))


def test_creating_a_party_government_body_over_the_cap(qh: County, bureau: int) -> None:
    with qh.db.write() as uow:
        settings.set_institution_cap(uow, qh.admin, 1)
        uow.commit()
    spec = m.UnitInput("清河县数据局", UnitCategory.GOV_DEPARTMENT, Rank.ZHENG_KE, UnitSystem.GOVERNMENT)
    content = m.CreateUnit(spec, D(2026, 3, 2), ("负责数据工作。",))
    with pytest.raises(RuleViolation) as refused:
        submit(qh, draft(qh, content))
    assert str(refused.value) == (
        "党政机构限额为1个，现有1个，设立“清河县数据局”后将达到2个，超出限额。如上级已调整限额，请在事项中引用调整限额的文件。"
    )
    cited = m.CreateUnit(
        spec, D(2026, 3, 2), ("负责数据工作。",), cap_document="清编委〔2026〕3号", raised_cap=2
    )
    carry(qh, cited, D(2026, 3, 2))
    with qh.db.read() as uow:
        assert settings.office_settings(uow).institution_cap == 2


def test_a_unit_without_a_charter_is_bad_input() -> None:
    spec = m.UnitInput("清河县数据局", UnitCategory.GOV_DEPARTMENT, Rank.ZHENG_KE, UnitSystem.GOVERNMENT)
    with pytest.raises(ValidationError, match="主要职责：至少填写一项职责"):
        m.CreateUnit(spec, D(2026, 3, 2), ())


def test_a_person_enrolled_twice_is_refused(qh: County, bureau: int) -> None:
    with qh.db.write() as uow:
        settings.set_initialisation(uow, qh.admin, True)
        uow.commit()
    other = add_unit(qh.db, qh.clerk, "清河县审计局")
    with qh.db.read() as uow:
        someone = quota.enrolled_people(uow, bureau)[0]
        assert someone.name == "张一"
    add_quota(qh.db, qh.clerk, other, "行政编制", 3)
    close_initialisation(qh)
    again = m.EnrollmentRequest(other, "行政编制", D(2026, 3, 2), (m.Hire(person_id=someone.person_id),))
    with pytest.raises(RuleViolation, match=r"张一（.*）已在“清河县财政局”在编，同一人不能同时占用两个编制"):
        submit(qh, draft(qh, again))


def test_steps_need_the_right_role_and_state(qh: County, bureau: int) -> None:
    matter_id = draft(qh, plan(bureau, 1))
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="事项当前为“草稿”，不能批准"):
        matters.approve(uow, qh.approver, matter_id)
    submit(qh, matter_id)
    with qh.db.write() as uow, pytest.raises(PermissionDenied, match="没有“批准”角色"):
        matters.approve(uow, qh.reviewer, matter_id)
    with qh.db.write() as uow, pytest.raises(ValidationError, match="意见：退回修改时须写明理由"):
        matters.return_matter(uow, qh.reviewer, matter_id, opinion=" ")
    with qh.db.write() as uow:
        matters.return_matter(uow, qh.reviewer, matter_id, opinion="请补充岗位说明")
        uow.commit()
    with qh.db.read() as uow:
        assert [r.id for r in find_matters(uow, qh.clerk, MatterQuery(scope=WAITING))] == [matter_id]
        assert find_matters(uow, qh.reviewer, MatterQuery(scope=WAITING)) == []
    with qh.db.write() as uow:
        matters.edit_draft(uow, qh.clerk, matter_id, plan(bureau, 2))
        uow.commit()
    submit(qh, matter_id)
    with qh.db.read() as uow:
        assert [r.id for r in find_matters(uow, qh.reviewer, MatterQuery(scope=WAITING))] == [matter_id]
    with qh.db.write() as uow:
        matters.review(uow, qh.reviewer, matter_id, opinion="拟同意")
        uow.commit()
    with qh.db.write() as uow:
        matters.reject(uow, qh.approver, matter_id, opinion="暂缓招录")
        uow.commit()
    with qh.db.read() as uow:
        detail = matter_queries.matter_detail(uow, matter_id)
    assert detail.row.state == MatterState.REJECTED and detail.row.document_number == ""
    assert [(s.action.label, s.user, s.opinion) for s in detail.steps] == [
        ("起草", "李经办", ""),
        ("提交", "李经办", ""),
        ("退回修改", "王审核", "请补充岗位说明"),
        ("修改", "李经办", ""),
        ("提交", "李经办", ""),
        ("审核通过", "王审核", "拟同意"),
        ("不予批准", "赵主任", "暂缓招录"),
    ]
    assert figures(qh.db, bureau, "行政编制", D(2026, 3, 2)) == (5, 3, 0, 2)
    withdrawn = draft(qh, plan(bureau, 1))
    with qh.db.write() as uow, pytest.raises(PermissionDenied, match="只有起草人才能撤回本事项"):
        other_clerk = qh.clerk.__class__(qh.reviewer.user_id, "r", "王审核", frozenset({m.Role.CLERK}))
        matters.withdraw(uow, other_clerk, withdrawn)
    with qh.db.write() as uow:
        matters.withdraw(uow, qh.clerk, withdrawn, opinion="不再需要")
        uow.commit()
    with qh.db.read() as uow:
        rows = find_matters(uow, qh.admin, MatterQuery(states=(MatterState.WITHDRAWN,)))
    assert [r.id for r in rows] == [withdrawn]
