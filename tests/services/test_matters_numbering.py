"""Approval numbering: gap-free per prefix and year, never twice even when two approvals race; a refused
approval keeps nothing and uses no number. The preview shows the figures before → after."""

from __future__ import annotations

import threading
import time

import pytest

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import HiringMethod, LeaderTier, Rank, UnitCategory, UnitSystem
from bianzhi_desktop.domain.errors import RuleViolation
from bianzhi_desktop.domain.matters import MatterState
from bianzhi_desktop.domain.quota import LeaderPostFigures, QuotaFigures
from bianzhi_desktop.services.context import SYSTEM_ACTOR
from bianzhi_desktop.services.matters import change_preview as matter_preview
from bianzhi_desktop.services.matters import queries as matter_queries
from bianzhi_desktop.services.matters import workflow as matters
from bianzhi_desktop.services.matters.inbox import MatterQuery, find_matters

from ..conftest import County
from .helpers import add_person, add_quota, add_unit, enroll
from .matter_helpers import D, at, carry, close_initialisation, draft


def reviewed(qh: County, content: m.Content) -> int:
    matter_id = draft(qh, content)
    with qh.db.write() as uow:
        matters.submit(uow, qh.clerk, matter_id, at=at(D(2026, 5, 6)))
        matters.review(uow, qh.reviewer, matter_id, opinion="同意")
        uow.commit()
    return matter_id


def test_two_approvals_at_the_same_moment_get_consecutive_numbers(qh: County) -> None:
    units = [add_unit(qh.db, qh.clerk, name) for name in ("清河县财政局", "清河县审计局")]
    for unit in units:
        add_quota(qh.db, qh.clerk, unit, "行政编制", 4)
    close_initialisation(qh)
    ids = [
        reviewed(
            qh, m.HiringPlanRequest(u, "行政编制", 2, HiringMethod.CIVIL_EXAM, D(2026, 5, 6), D(2026, 12, 31))
        )
        for u in units
    ]
    start = threading.Barrier(2)
    numbers: dict[int, str] = {}
    errors: list[BaseException] = []

    def approve(matter_id: int) -> None:
        try:
            start.wait(timeout=10)
            with qh.db.write() as uow:
                numbers[matter_id] = matters.approve(uow, qh.approver, matter_id, at=at(D(2026, 5, 6)))
                time.sleep(0.3)  # hold the number while the other approval tries to take one
                uow.commit()
        except BaseException as error:  # reported by the main thread
            errors.append(error)

    threads = [threading.Thread(target=approve, args=(i,)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    assert sorted(numbers.values()) == ["清编办发〔2026〕1号", "清编办发〔2026〕2号"]
    with qh.db.read() as uow:
        rows = {r.id: r for r in find_matters(uow, SYSTEM_ACTOR, MatterQuery(limit=None))}
    assert {rows[i].document_number for i in ids} == set(numbers.values())
    assert all(rows[i].state == MatterState.APPROVED for i in ids)


def test_a_refused_approval_keeps_nothing_and_uses_no_number(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 4)
    close_initialisation(qh)
    first = reviewed(
        qh, m.HiringPlanRequest(unit, "行政编制", 3, HiringMethod.CIVIL_EXAM, D(2026, 5, 6), D(2026, 12, 31))
    )
    second = reviewed(
        qh, m.HiringPlanRequest(unit, "行政编制", 3, HiringMethod.CIVIL_EXAM, D(2026, 5, 6), D(2026, 12, 31))
    )
    with qh.db.write() as uow:
        assert matters.approve(uow, qh.approver, first, at=at(D(2026, 5, 6))) == "清编办发〔2026〕1号"
        uow.commit()
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="空编1，不能核准3名用编计划"):
        matters.approve(uow, qh.approver, second, at=at(D(2026, 5, 7)))
    with qh.db.read() as uow:
        assert matter_queries.matter_detail(uow, second).row.state == MatterState.REVIEWED
    with qh.db.write() as uow:
        matters.return_matter(uow, qh.approver, second, opinion="空编不足，请核减名额")
        matters.edit_draft(
            uow,
            qh.clerk,
            second,
            m.HiringPlanRequest(unit, "行政编制", 1, HiringMethod.CIVIL_EXAM, D(2026, 5, 7), D(2026, 12, 31)),
        )
        uow.commit()
    with qh.db.write() as uow:
        matters.submit(uow, qh.clerk, second, at=at(D(2026, 5, 7)))
        matters.review(uow, qh.reviewer, second)
        assert matters.approve(uow, qh.approver, second, at=at(D(2026, 5, 7))) == "清编办发〔2026〕2号"
        uow.commit()
    # A new year starts a new series.
    content = m.HiringPlanRequest(
        unit, "行政编制", 0 + 1, HiringMethod.CIVIL_EXAM, D(2027, 1, 4), D(2027, 6, 30)
    )
    assert carry(qh, content, D(2027, 1, 4)) == "清编办发〔2027〕1号"


def test_preview_shows_the_figures_before_and_after(qh: County) -> None:
    source = add_unit(qh.db, qh.clerk, "清河县财政局")
    target = add_unit(qh.db, qh.clerk, "清河县审计局")
    add_quota(qh.db, qh.clerk, source, "行政编制", 6)
    add_quota(qh.db, qh.clerk, target, "行政编制", 2)
    close_initialisation(qh)
    content = m.QuotaChange(
        D(2026, 6, 1),
        (
            m.QuotaMove("行政编制", 2, from_unit_id=source, to_unit_id=target),
            m.QuotaMove("行政编制", 1, from_unit_id=source, to_pool=True),
        ),
        "统筹调剂",
    )
    with qh.db.write() as uow:
        shown = matter_preview.preview(uow, qh.clerk, content)
    assert [(x.unit_name, x.kind_name, x.before, x.after) for x in shown.quotas] == [
        ("清河县财政局", "行政编制", QuotaFigures(6, 0, 0), QuotaFigures(3, 0, 0)),
        ("清河县审计局", "行政编制", QuotaFigures(2, 0, 0), QuotaFigures(4, 0, 0)),
    ]
    assert [(p.kind_name, p.before, p.after) for p in shown.pool] == [("行政编制", 0, 1)]
    new_unit = m.CreateUnit(
        m.UnitInput("清河县数据局", UnitCategory.GOV_DEPARTMENT, Rank.ZHENG_KE, UnitSystem.GOVERNMENT),
        D(2026, 6, 1),
        ("负责数据工作。",),
        quotas=(m.QuotaGrant("行政编制", 2, from_unit_id=source),),
        leader_posts=(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, Rank.ZHENG_KE, 1),),
    )
    with qh.db.write() as uow:
        shown = matter_preview.preview(uow, qh.clerk, new_unit)
    assert [(x.unit_name, x.unit_id, x.before, x.after) for x in shown.quotas] == [
        ("清河县财政局", source, QuotaFigures(6, 0, 0), QuotaFigures(4, 0, 0)),
        ("清河县数据局", None, QuotaFigures(), QuotaFigures(2, 0, 0)),
    ]
    assert [(x.unit_name, x.tier, x.before, x.after) for x in shown.leader_posts] == [
        ("清河县数据局", LeaderTier.UNIT_HEAD, LeaderPostFigures(), LeaderPostFigures(1, 0))
    ]
    with qh.db.read() as uow:  # nothing was kept
        assert find_matters(uow, SYSTEM_ACTOR, MatterQuery(limit=None)) == []
        from bianzhi_desktop.services.org import units

        assert units.find_unit_by_name(uow, "清河县数据局") is None


def test_a_number_typed_ahead_of_the_series_is_stepped_over_and_reported(qh: County) -> None:
    """After the program has issued 清编办发〔2026〕1号, an initialisation entry cites 〔2026〕5号: the next
    approval takes 6号 instead of failing when the counter reaches 5号, and the health check reports the
    number typed ahead until the series has passed it (issue 15, item 2)."""
    from bianzhi_desktop.domain.health import FindingCode
    from bianzhi_desktop.services.health.run import run_health_check
    from bianzhi_desktop.services.org.documents import issue_number

    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 4)
    with qh.db.write() as uow:
        first = issue_number(uow, qh.clerk, "清编办发", 2026, title="", issuer="", issued_on=D(2026, 1, 5))
        uow.commit()
    assert first.number == "清编办发〔2026〕1号"
    person = add_person(qh.db, qh.clerk, "张三")
    enroll(qh.db, qh.clerk, person, unit, on=D(2026, 2, 1), doc="清编办发〔2026〕5号")
    with qh.db.read() as uow:
        [ahead] = run_health_check(uow, qh.clerk, D(2026, 5, 1), codes=[FindingCode.DOC_NUMBER_AHEAD])
    assert "清编办发〔2026〕5号" in ahead.message and ahead.figures["issued"] == 1
    close_initialisation(qh)
    matter = reviewed(
        qh, m.HiringPlanRequest(unit, "行政编制", 1, HiringMethod.CIVIL_EXAM, D(2026, 5, 6), D(2026, 12, 31))
    )
    with qh.db.write() as uow:
        assert matters.approve(uow, qh.approver, matter, at=at(D(2026, 5, 6))) == "清编办发〔2026〕6号"
        uow.commit()
    with qh.db.read() as uow:
        assert run_health_check(uow, qh.clerk, D(2026, 5, 7), codes=[FindingCode.DOC_NUMBER_AHEAD]) == []
