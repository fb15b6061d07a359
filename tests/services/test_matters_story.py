"""A whole story through matters, every figure asserted at every step: create a unit → charter → hiring
plan → enroll three → remove one → transfer one → merge two units → abolish one."""

from __future__ import annotations

from sqlalchemy import select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import (
    HiringMethod,
    LeaderTier,
    Rank,
    RemovalReason,
    UnitCategory,
    UnitStatus,
    UnitSystem,
)
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.models import Enrollment, HiringPlan, LeaderPostEntry, QuotaEntry
from bianzhi_desktop.services.ledger import pool as quota_pool
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.org import charters, divisions, units

from ..conftest import County
from .helpers import add_person, add_quota, add_unit, enroll
from .matter_helpers import D, carry, close_initialisation, figures


def hire(name: str, seq: int) -> m.Hire:
    return m.Hire(
        person=m.PersonParticulars(name=name, id_number=make_id_number("320102", D(1996, 3, 4), seq))
    )


def active(qh: County, unit_id: int) -> dict[str, int]:
    """Name → enrollment id of the unit's people on quota today."""
    with qh.db.read() as uow:
        return {line.name: line.enrollment_id for line in quota.enrolled_people(uow, unit_id)}


def test_story_from_a_new_unit_to_an_abolition(qh: County) -> None:
    education = add_unit(qh.db, qh.clerk, "清河县教育局")
    archive = add_unit(qh.db, qh.clerk, "清河县档案馆", UnitCategory.PI_PUBLIC1)
    add_quota(qh.db, qh.clerk, education, "行政编制", 10)
    add_quota(qh.db, qh.clerk, archive, "事业编制（全额拨款）", 4)
    veteran = enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "周老师", seq=31), education)
    keeper = enroll(
        qh.db, qh.clerk, add_person(qh.db, qh.clerk, "吴馆员", seq=33), archive, kind="事业编制（全额拨款）"
    )
    close_initialisation(qh)
    assert figures(qh.db, education, "行政编制", D(2026, 1, 1)) == (10, 1, 0, 9)

    # 1. A new unit: charter v1, two divisions, 5 quota from above and 2 from the education bureau.
    number = carry(
        qh,
        m.CreateUnit(
            unit=m.UnitInput(
                "清河县数据局", UnitCategory.GOV_DEPARTMENT, Rank.ZHENG_KE, UnitSystem.GOVERNMENT
            ),
            effective_on=D(2026, 2, 2),
            duties=("负责全县数据资源管理。", "统筹数字政府建设。"),
            divisions=(m.NewDivision("综合股"), m.NewDivision("数据资源股")),
            quotas=(m.QuotaGrant("行政编制", 5), m.QuotaGrant("行政编制", 2, from_unit_id=education)),
            leader_posts=(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, Rank.ZHENG_KE, 1),),
        ),
        D(2026, 2, 2),
    )
    assert number == "清编办发〔2026〕1号"
    with qh.db.read() as uow:
        data = units.find_unit_by_name(uow, "清河县数据局")
        assert data is not None and data.founded_on == D(2026, 2, 2)
        assert [d.name for d in divisions.list_divisions(uow, data.id)] == ["综合股", "数据资源股"]
        charter = charters.charter_in_force(uow, data.id)
        assert charter is not None and charter.version == 1 and charter.document_number == number
        entries = uow.session.scalars(select(QuotaEntry).where(QuotaEntry.unit_id == data.id)).all()
        assert {e.document_id for e in entries} == {charter_doc_id(uow, number)}
    assert figures(qh.db, data.id, "行政编制", D(2026, 2, 2)) == (7, 0, 0, 7)
    assert figures(qh.db, education, "行政编制", D(2026, 2, 2)) == (8, 1, 0, 7)
    assert figures(qh.db, education, "行政编制", D(2026, 2, 1)) == (10, 1, 0, 9)

    # 2. The charter is revised: version 2 supersedes version 1.
    number = carry(
        qh,
        m.CharterChange(
            data.id, D(2026, 3, 2), ("负责全县数据资源管理。", "统筹数字政府建设。", "推进数据要素市场化。")
        ),
        D(2026, 3, 2),
    )
    assert number == "清编办发〔2026〕2号"
    with qh.db.read() as uow:
        versions = charters.charter_versions(uow, data.id)
    assert [(v.version, v.document_number, len(v.duties)) for v in versions] == [
        (2, "清编办发〔2026〕2号", 3),
        (1, "清编办发〔2026〕1号", 2),
    ]

    # 3. A hiring plan of 3 seats books 3 of the 7 vacancies.
    carry(
        qh,
        m.HiringPlanRequest(data.id, "行政编制", 3, HiringMethod.CIVIL_EXAM, D(2026, 4, 1), D(2026, 12, 31)),
        D(2026, 4, 1),
    )
    assert figures(qh.db, data.id, "行政编制", D(2026, 4, 1)) == (7, 0, 3, 4)
    with qh.db.read() as uow:
        plan_id = uow.session.scalars(select(HiringPlan.id).where(HiringPlan.unit_id == data.id)).one()

    # 4. Three new civil servants enrolled under the plan: reserved → enrolled, the vacancy stays 4.
    with qh.db.read() as uow:
        division = divisions.list_divisions(uow, data.id)[1].id
    carry(
        qh,
        m.EnrollmentRequest(
            data.id,
            "行政编制",
            D(2026, 8, 3),
            (
                hire("陈一", 11),
                hire("林二", 13),
                m.Hire(person=hire("黄三", 15).person, division_id=division),
            ),
            plan_id=plan_id,
        ),
        D(2026, 8, 3),
    )
    assert figures(qh.db, data.id, "行政编制", D(2026, 8, 3)) == (7, 3, 0, 4)
    assert figures(qh.db, data.id, "行政编制", D(2026, 8, 2)) == (7, 0, 3, 4)
    people = active(qh, data.id)
    assert sorted(people) == ["林二", "陈一", "黄三"]

    # 5. One resigns: the quota is free from the removal date.
    carry(
        qh,
        m.RemovalRequest((m.Removal(people["林二"], D(2026, 9, 1), RemovalReason.RESIGNED),)),
        D(2026, 9, 2),
    )
    assert figures(qh.db, data.id, "行政编制", D(2026, 8, 31)) == (7, 3, 0, 4)
    assert figures(qh.db, data.id, "行政编制", D(2026, 9, 1)) == (7, 2, 0, 5)

    # 6. One moves to the education bureau (县内调动): one out, one in.
    carry(qh, m.TransferRequest(D(2026, 9, 15), (m.Move(people["陈一"], education),)), D(2026, 9, 15))
    assert figures(qh.db, data.id, "行政编制", D(2026, 9, 15)) == (7, 1, 0, 6)
    assert figures(qh.db, education, "行政编制", D(2026, 9, 15)) == (8, 2, 0, 6)
    assert sorted(active(qh, education)) == ["周老师", "陈一"]

    # 7. The two merge into a new bureau: quotas, divisions and people carried across.
    number = carry(
        qh,
        m.MergeUnits(
            source_unit_ids=(education, data.id),
            effective_on=D(2026, 10, 8),
            duties=("负责全县教育和数据工作。",),
            new_unit=m.UnitInput(
                "清河县教育和数据局", UnitCategory.GOV_DEPARTMENT, Rank.ZHENG_KE, UnitSystem.GOVERNMENT
            ),
            leader_posts=(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, Rank.ZHENG_KE, 1),),
        ),
        D(2026, 10, 8),
    )
    with qh.db.read() as uow:
        merged = units.find_unit_by_name(uow, "清河县教育和数据局")
        assert merged is not None
        assert units.get_unit(uow, education).status == UnitStatus.ABOLISHED
        assert units.get_unit(uow, data.id).status == UnitStatus.ABOLISHED
        assert [d.name for d in divisions.list_divisions(uow, merged.id)] == ["综合股", "数据资源股"]
        head = quota.leader_posts(uow, merged.id)
        assert [(x.tier, x.figures.approved) for x in head] == [(LeaderTier.UNIT_HEAD, 1)]
        assert quota.leader_posts(uow, data.id) == []
        moved = uow.session.scalars(select(Enrollment).where(Enrollment.unit_id == merged.id)).all()
        assert {e.start_document_id for e in moved} == {charter_doc_id(uow, number)}
        gone = uow.session.scalars(
            select(LeaderPostEntry).where(LeaderPostEntry.unit_id == data.id, LeaderPostEntry.delta < 0)
        ).all()
        assert [e.delta for e in gone] == [-1]
    assert figures(qh.db, merged.id, "行政编制", D(2026, 10, 8)) == (15, 3, 0, 12)
    assert figures(qh.db, education, "行政编制", D(2026, 10, 8)) == (0, 0, 0, 0)
    assert figures(qh.db, data.id, "行政编制", D(2026, 10, 8)) == (0, 0, 0, 0)
    assert sorted(active(qh, merged.id)) == ["周老师", "陈一", "黄三"]
    assert veteran not in active(qh, merged.id).values()

    # 8. The archive is abolished: its keeper moves to the new bureau (转隶, as 行政编制 there), one
    #    quota follows her, the other three go back to the county pool.
    carry(
        qh,
        m.AbolishUnit(
            archive,
            D(2026, 11, 2),
            transfers=(m.Move(keeper, merged.id, to_kind="行政编制"),),
            quotas=(
                m.QuotaRelease("事业编制（全额拨款）", 3, to_pool=True),
                m.QuotaRelease("事业编制（全额拨款）", 1),
            ),
        ),
        D(2026, 11, 2),
    )
    assert figures(qh.db, archive, "事业编制（全额拨款）", D(2026, 11, 2)) == (0, 0, 0, 0)
    assert figures(qh.db, merged.id, "行政编制", D(2026, 11, 2)) == (15, 4, 0, 11)
    with qh.db.read() as uow:
        assert units.get_unit(uow, archive).status == UnitStatus.ABOLISHED
        assert quota_pool.balance(uow, resolve_kind(uow, "事业编制（全额拨款）").id) == 3
        assert sorted(active(qh, merged.id)) == ["吴馆员", "周老师", "陈一", "黄三"]


def charter_doc_id(uow, number: str) -> int:  # type: ignore[no-untyped-def]
    from bianzhi_desktop.services.org.documents import find

    return find(uow, number).id
