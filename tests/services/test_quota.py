"""Quota arithmetic exactly as DOMAIN.md defines it, as of any date, explaining every figure."""

from __future__ import annotations

import datetime as dt

import pytest

from bianzhi_desktop.domain.enums import HiringMethod, LeaderTier, Rank, RemovalReason
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.entries import HiringPlanInput

from ..conftest import County
from .helpers import D, add_person, add_quota, add_unit, enroll


def kind_id(county: County, name: str) -> int:
    from bianzhi_desktop.services.ledger.kinds import resolve_kind

    with county.db.read() as uow:
        return resolve_kind(uow, name).id


def test_figures_follow_ledger_enrollments_and_plans(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 5, D(2019, 1, 1), "清编〔2019〕3号")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 2, D(2022, 7, 1), "清编〔2022〕8号")
    people = [
        add_person(qh.db, qh.clerk, name, seq=2 * i + 1) for i, name in enumerate(["张三", "李四", "王五"])
    ]
    enroll(qh.db, qh.clerk, people[0], unit, on=D(2019, 5, 1))
    enroll(qh.db, qh.clerk, people[1], unit, on=D(2020, 5, 1))
    third = enroll(qh.db, qh.clerk, people[2], unit, on=D(2023, 1, 10))
    with qh.db.write() as uow:
        initialisation.record_hiring_plan(
            uow,
            qh.clerk,
            HiringPlanInput(
                unit_id=unit,
                kind="行政编制",
                seats=2,
                method=HiringMethod.CIVIL_EXAM,
                approved_on=D(2023, 3, 1),
                valid_until=D(2023, 12, 31),
                document="清编用〔2023〕4号",
            ),
        )
        initialisation.record_removal(
            uow, qh.clerk, third, D(2024, 2, 1), RemovalReason.TRANSFERRED_OUT, "清编出〔2024〕2号"
        )
        uow.commit()
    admin = kind_id(qh, "行政编制")
    with qh.db.read() as uow:
        assert quota.figures(uow, unit, admin, D(2018, 12, 31)) == QuotaFigures(0, 0, 0)
        assert quota.figures(uow, unit, admin, D(2020, 6, 1)) == QuotaFigures(5, 2, 0)
        assert quota.figures(uow, unit, admin, D(2023, 6, 1)) == QuotaFigures(7, 3, 2)
        assert quota.figures(uow, unit, admin, D(2023, 6, 1)).vacancy == 2
        # The plan expired at the end of 2023: its seats are released.
        assert quota.figures(uow, unit, admin, D(2024, 1, 1)) == QuotaFigures(7, 3, 0)
        # The removal frees the quota on its date.
        assert quota.figures(uow, unit, admin, D(2024, 2, 1)) == QuotaFigures(7, 2, 0)
        lines = quota.approved_entries(uow, unit, admin, D(2024, 2, 1))
        assert [(line.delta, line.running_total, line.document_number) for line in lines] == [
            (5, 5, "清编〔2019〕3号"),
            (2, 7, "清编〔2022〕8号"),
        ]
        names = [line.name for line in quota.enrolled_people(uow, unit, admin, D(2023, 6, 1))]
        assert names == ["张三", "李四", "王五"]
        plans = quota.reserved_plans(uow, unit, admin, D(2023, 6, 1))
        assert [(p.seats, p.used, p.remaining, p.document_number) for p in plans] == [
            (2, 0, 2, "清编用〔2023〕4号")
        ]
        summary = quota.summary(uow, D(2023, 6, 1))
        assert [
            (s.unit_name, s.kind_name, s.approved, s.enrolled, s.reserved, s.vacancy) for s in summary
        ] == [("清河县财政局", "行政编制", 7, 3, 2, 2)]


def test_enrollment_under_plan_consumes_a_seat(qh: County) -> None:
    unit = add_unit(
        qh.db,
        qh.clerk,
        "清河县第一中学",
        category=__import__(
            "bianzhi_desktop.domain.enums", fromlist=["UnitCategory"]
        ).UnitCategory.PI_PUBLIC1,
    )
    add_quota(qh.db, qh.clerk, unit, "事业编制（全额拨款）", 10)
    with qh.db.write() as uow:
        plan = initialisation.record_hiring_plan(
            uow,
            qh.clerk,
            HiringPlanInput(
                unit_id=unit,
                kind="事业编制（全额拨款）",
                seats=3,
                method=HiringMethod.OPEN_RECRUITMENT,
                approved_on=D(2021, 1, 1),
                valid_until=D(2021, 12, 31),
                document="清编用〔2021〕1号",
            ),
        )
        uow.commit()
    teacher = add_person(qh.db, qh.clerk, "刘喆", seq=13)
    enroll(qh.db, qh.clerk, teacher, unit, kind="事业编制（全额拨款）", on=D(2021, 9, 1), hiring_plan_id=plan)
    kid = kind_id(qh, "事业编制（全额拨款）")
    with qh.db.read() as uow:
        assert quota.figures(uow, unit, kid, D(2021, 8, 31)) == QuotaFigures(10, 0, 3)
        assert quota.figures(uow, unit, kid, D(2021, 9, 1)) == QuotaFigures(10, 1, 2)
        assert quota.figures(uow, unit, kid, D(2022, 1, 1)) == QuotaFigures(10, 1, 0)


def test_past_over_quota_is_flagged_not_blocked(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县审计局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 1)
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "甲一", seq=1), unit)
    from bianzhi_desktop.services.ledger.entries import EnrollmentInput

    second = add_person(qh.db, qh.clerk, "乙二", seq=3)
    with qh.db.write() as uow:
        result = initialisation.record_enrollment(
            uow,
            qh.clerk,
            EnrollmentInput(
                person_id=second,
                unit_id=unit,
                kind="行政编制",
                start_on=D(2021, 4, 1),
                document="清编入〔2021〕2号",
            ),
        )
        uow.commit()
    assert result.figures_after == QuotaFigures(1, 2, 0)
    assert "超编1名" in result.warnings[0]


def test_approved_never_negative(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县统计局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 3, D(2020, 1, 1))
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="核定数不能为负数"):
        initialisation.record_quota(
            uow, qh.clerk, unit, "行政编制", -4, D(2021, 1, 1), "清编〔2021〕9号", "核减"
        )
    # A reduction dated before the figure existed would make the past negative too.
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="2019-06-01将变为-1"):
        initialisation.record_quota(
            uow, qh.clerk, unit, "行政编制", -1, D(2019, 6, 1), "清编〔2019〕9号", "核减"
        )
    with qh.db.read() as uow:
        assert quota.figures(uow, unit, kind_id(qh, "行政编制")).approved == 3


def test_unknown_kind_and_missing_document_are_refused(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县民政局")
    with qh.db.write() as uow, pytest.raises(ValidationError, match=r"编制类型.*没有“编外编制”"):
        initialisation.record_quota(uow, qh.clerk, unit, "编外编制", 3, D(2020, 1, 1), "清编〔2020〕1号")
    with qh.db.write() as uow, pytest.raises(ValidationError, match="依据文号"):
        initialisation.record_quota(uow, qh.clerk, unit, "行政编制", 3, D(2020, 1, 1), "  ")


def test_leader_posts_against_holders(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县教育局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 10)
    with qh.db.write() as uow:
        initialisation.record_leader_posts(
            uow, qh.clerk, unit, LeaderTier.UNIT_HEAD, Rank.ZHENG_KE, 1, D(2020, 1, 1), "清编〔2020〕2号"
        )
        initialisation.record_leader_posts(
            uow, qh.clerk, unit, LeaderTier.UNIT_DEPUTY, Rank.FU_KE, 2, D(2020, 1, 1), "清编〔2020〕2号"
        )
        uow.commit()
    head = add_person(qh.db, qh.clerk, "欧阳明", seq=21)
    deputies = [
        add_person(qh.db, qh.clerk, n, seq=23 + 2 * i) for i, n in enumerate(["单伟", "曾强", "覃军"])
    ]
    enroll(
        qh.db,
        qh.clerk,
        head,
        unit,
        post_title="局长",
        leader_tier=LeaderTier.UNIT_HEAD,
        leader_rank=Rank.ZHENG_KE,
    )
    for person in deputies[:2]:
        enroll(
            qh.db,
            qh.clerk,
            person,
            unit,
            post_title="副局长",
            leader_tier=LeaderTier.UNIT_DEPUTY,
            leader_rank=Rank.FU_KE,
        )
    # A concurrent post does not count against the approved posts (不占职数).
    enroll(
        qh.db,
        qh.clerk,
        deputies[2],
        unit,
        post_title="副局长（兼）",
        leader_tier=LeaderTier.UNIT_DEPUTY,
        leader_rank=Rank.FU_KE,
        counts_against_posts=False,
    )
    with qh.db.read() as uow:
        lines = {line.tier: line for line in quota.leader_posts(uow, unit)}
    assert (lines[LeaderTier.UNIT_HEAD].figures.approved, lines[LeaderTier.UNIT_HEAD].figures.filled) == (
        1,
        1,
    )
    assert lines[LeaderTier.UNIT_DEPUTY].figures.filled == 2
    assert lines[LeaderTier.UNIT_DEPUTY].holders == ("单伟（副局长）", "曾强（副局长）")
    assert lines[LeaderTier.UNIT_DEPUTY].figures.over == 0


def test_county_totals_by_category_and_kind(qh: County) -> None:
    from bianzhi_desktop.domain.enums import UnitCategory

    a = add_unit(qh.db, qh.clerk, "清河县司法局")
    b = add_unit(qh.db, qh.clerk, "清河县水利局")
    c = add_unit(qh.db, qh.clerk, "清河县人民医院", category=UnitCategory.PI_PUBLIC2)
    add_quota(qh.db, qh.clerk, a, "行政编制", 4)
    add_quota(qh.db, qh.clerk, b, "行政编制", 6)
    add_quota(qh.db, qh.clerk, c, "事业编制（差额拨款）", 100)
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "孙七", seq=31), b)
    with qh.db.read() as uow:
        totals = quota.county_totals(uow)
    assert totals[(UnitCategory.GOV_DEPARTMENT, "行政编制")] == QuotaFigures(10, 1, 0)
    assert totals[(UnitCategory.PI_PUBLIC2, "事业编制（差额拨款）")] == QuotaFigures(100, 0, 0)


def test_as_of_dates_are_inclusive_of_start_and_exclusive_of_end(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县林业局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 2, D(2020, 3, 1))
    kid = kind_id(qh, "行政编制")
    with qh.db.read() as uow:
        assert quota.figures(uow, unit, kid, D(2020, 2, 29)).approved == 0
        assert quota.figures(uow, unit, kid, D(2020, 3, 1)).approved == 2
        assert quota.figures(uow, unit, kid, dt.date.today()).approved == 2
