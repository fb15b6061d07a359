"""Matter contents validate themselves and round-trip through JSON; the state machine allows only its steps."""

from __future__ import annotations

import datetime as dt

import pytest

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import (
    Funding,
    HiringMethod,
    LeaderTier,
    NameKind,
    Rank,
    RemovalReason,
    Role,
    UnitCategory,
    UnitSystem,
)
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.matters import MatterKind, MatterState, StepAction

D = dt.date
SPEC = m.UnitInput("云溪县数据局", UnitCategory.GOV_DEPARTMENT, Rank.ZHENG_KE, UnitSystem.GOVERNMENT)
SAMPLES: list[m.Content] = [
    m.CreateUnit(
        SPEC,
        D(2026, 1, 5),
        ("负责数据工作。",),
        divisions=(m.NewDivision("综合股", "负责综合事务。"),),
        quotas=(m.QuotaGrant("admin", 3), m.QuotaGrant("admin", 1, from_pool=True)),
        leader_posts=(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, Rank.ZHENG_KE, 1),),
        cap_document="云编委〔2026〕1号",
        raised_cap=39,
    ),
    m.AbolishUnit(
        7,
        D(2026, 2, 1),
        transfers=(m.Move(11, 8, "admin", None, "科员"),),
        removals=(m.Removal(12, D(2026, 1, 31), RemovalReason.RETIRED),),
        quotas=(m.QuotaRelease("admin", 2, to_pool=True),),
    ),
    m.AmendUnit(
        7, D(2026, 3, 1), new_name="云溪县数据资源局", new_rank=Rank.FU_CHU, nameplates=("云溪县大数据中心",)
    ),
    m.MergeUnits((3, 4), D(2026, 4, 1), ("负责教育工作。",), new_unit=SPEC),
    m.QuotaChange(
        D(2026, 5, 1), (m.QuotaMove("admin", 2, from_pool=True, to_unit_id=3, due_on=D(2027, 5, 1)),), "借用"
    ),
    m.LeaderPostsChange(
        3, D(2026, 5, 1), (m.LeaderPostDelta(LeaderTier.UNIT_DEPUTY, Rank.FU_KE, -1),), "精简"
    ),
    m.DivisionsChange(
        3,
        D(2026, 5, 1),
        add=(m.NewDivision("法规股"),),
        rename=(m.DivisionRename(5, "综合办公室"),),
        abolish=(6,),
    ),
    m.CharterChange(3, D(2026, 6, 1), ("一", "二"), "修订"),
    m.HiringPlanRequest(
        3, "pi_full", 5, HiringMethod.OPEN_RECRUITMENT, D(2026, 3, 1), D(2027, 2, 28), "教师"
    ),
    m.EnrollmentRequest(
        3,
        "pi_full",
        D(2026, 8, 1),
        (
            m.Hire(person=m.PersonParticulars("王喆", "110101199003071234", education="bachelor")),
            m.Hire(person_id=9),
        ),
        plan_id=4,
    ),
    m.RemovalRequest((m.Removal(12, D(2026, 9, 1), RemovalReason.DECEASED),)),
    m.TransferRequest(D(2026, 10, 1), (m.Move(12, 5),)),
]


@pytest.mark.parametrize("content", SAMPLES, ids=lambda c: c.KIND.value)
def test_every_kind_round_trips_through_json(content: m.Content) -> None:
    text = content.to_json()
    assert m.content_from_json(content.KIND, text) == content
    assert "\\u" not in text  # Chinese stays readable in the database


def test_every_kind_has_a_content_type() -> None:
    assert set(m.CONTENT_TYPES) == set(MatterKind)
    assert {c.KIND for c in SAMPLES} == set(MatterKind)


def test_stored_content_is_validated_again_when_read() -> None:
    with pytest.raises(ValidationError, match="计划名额：必须是正整数（现为0）"):
        m.content_from_json(
            "hiring_plan",
            '{"unit_id": 1, "kind": "admin", "seats": 0, "method": "civil_exam", '
            '"valid_from": "2026-01-01", "valid_until": "2026-12-31"}',
        )
    with pytest.raises(ValidationError, match="method：“lottery”不是可选值"):
        m.content_from_json(
            "hiring_plan",
            '{"unit_id": 1, "kind": "admin", "seats": 1, "method": "lottery", '
            '"valid_from": "2026-01-01", "valid_until": "2026-12-31"}',
        )
    with pytest.raises(ValidationError, match="事项内容：缺少必填项"):
        m.content_from_json("removal", "{}")
    with pytest.raises(ValidationError, match="valid_from：“2026-02-30”不是日期"):
        m.content_from_json(
            "hiring_plan",
            '{"unit_id": 1, "kind": "admin", "seats": 1, "method": "civil_exam", '
            '"valid_from": "2026-02-30", "valid_until": "2026-12-31"}',
        )


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: m.QuotaMove("admin", 1), "编制调整：每一行至少要涉及一个单位"),
        (lambda: m.QuotaMove("admin", 1, from_unit_id=2, to_unit_id=2), "调出和调入不能是同一单位"),
        (lambda: m.QuotaMove("admin", -1, to_unit_id=2), "编制数：必须是正整数（现为-1）"),
        (
            lambda: m.QuotaMove("admin", 1, to_unit_id=2, due_on=D(2027, 1, 1)),
            "只有从周转池借用的编制才有归还日期",
        ),
        (lambda: m.Hire(), "须选择已登记的人员或填写新人员信息"),
        (lambda: m.RemovalRequest(()), "出编人员：至少一人"),
        (
            lambda: m.RemovalRequest(
                (
                    m.Removal(1, D(2026, 1, 1), RemovalReason.RETIRED),
                    m.Removal(1, D(2026, 1, 2), RemovalReason.RETIRED),
                )
            ),
            "同一人不能在一个事项中出编两次",
        ),
        (lambda: m.MergeUnits((3,), D(2026, 1, 1), ("x",), new_unit=SPEC), "被整合机构：至少选择2个机构"),
        (lambda: m.MergeUnits((3, 4), D(2026, 1, 1), ("x",)), "须选择一个现有机构或新设一个机构"),
        (lambda: m.AmendUnit(3, D(2026, 1, 1)), "须至少填写新名称、新规格或加挂牌子中的一项"),
        (
            lambda: m.UnitInput("云溪县第九小学", UnitCategory.PI_PUBLIC1, Rank.FU_KE, UnitSystem.GOVERNMENT),
            "事业单位必须选择经费形式",
        ),
        (
            lambda: m.CreateUnit(SPEC, D(2026, 1, 1), ("x",), cap_document="云编委〔2026〕1号"),
            "须同时填写调整后的限额",
        ),
        (
            lambda: m.QuotaChange(D(2026, 1, 1), (m.QuotaMove("admin", 1, to_unit_id=2),), " "),
            "调整事由：不能为空",
        ),
    ],
)
def test_bad_contents_are_refused_with_the_field(build, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError, match=message):
        build()


def test_public_institution_with_funding_is_fine() -> None:
    spec = m.UnitInput(
        "云溪县第九小学", UnitCategory.PI_PUBLIC1, Rank.FU_KE, UnitSystem.GOVERNMENT, funding=Funding.FULL
    )
    assert (
        m.content_from_json(
            "unit_amend", m.AmendUnit(3, D(2026, 1, 1), nameplates=("x",)).to_json()
        ).nameplate_kind
        == NameKind.NAMEPLATE
    )
    assert spec.funding == Funding.FULL


def test_the_state_machine() -> None:
    assert m.transition_for(StepAction.SUBMIT, MatterState.DRAFT).target == MatterState.SUBMITTED
    assert m.transition_for(StepAction.REVIEW, MatterState.SUBMITTED).target == MatterState.REVIEWED
    assert m.transition_for(StepAction.RETURN, MatterState.REVIEWED).target == MatterState.DRAFT
    assert m.transition_for(StepAction.APPROVE, MatterState.REVIEWED).target == MatterState.APPROVED
    assert m.TRANSITIONS[StepAction.APPROVE].roles == (Role.APPROVER,)
    assert m.TRANSITIONS[StepAction.REVIEW].not_drafter and m.TRANSITIONS[StepAction.SUBMIT].drafter_only
    with pytest.raises(
        RuleViolation, match="事项当前为“已批准”，不能撤回（只有草稿、已提交待审核、已审核待批准的事项可以）"
    ):
        m.transition_for(StepAction.WITHDRAW, MatterState.APPROVED)
    with pytest.raises(RuleViolation, match="事项当前为“已提交待审核”，不能批准"):
        m.transition_for(StepAction.APPROVE, MatterState.SUBMITTED)
    assert all(s.is_closed for s in (MatterState.APPROVED, MatterState.REJECTED, MatterState.WITHDRAWN))
    assert not MatterState.DRAFT.is_closed
