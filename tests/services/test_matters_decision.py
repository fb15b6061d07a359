"""The decision (批复) of an approved matter: its structural changes, then the ledger lines, numbered."""

from __future__ import annotations

import pytest

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import LeaderTier, Rank, UnitCategory, UnitSystem
from bianzhi_desktop.domain.errors import RuleViolation
from bianzhi_desktop.services.paperwork import matter_decision as matter_decision

from ..conftest import County
from .helpers import add_quota, add_unit
from .matter_helpers import D, carry, close_initialisation, draft


def test_decision_of_a_new_unit_names_it_and_its_quota(qh: County) -> None:
    source = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, source, "行政编制", 6)
    close_initialisation(qh)
    content = m.CreateUnit(
        m.UnitInput("清河县数据局", UnitCategory.GOV_DEPARTMENT, Rank.ZHENG_KE, UnitSystem.GOVERNMENT),
        D(2026, 6, 1),
        ("负责数据工作。",),
        divisions=(m.NewDivision("综合股"), m.NewDivision("数据资源股")),
        quotas=(m.QuotaGrant("行政编制", 2, from_unit_id=source),),
        leader_posts=(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, Rank.ZHENG_KE, 1),),
    )
    assert carry(qh, content, D(2026, 6, 1)) == "清编办发〔2026〕1号"
    with qh.db.read() as uow:
        matter_id = matter_decision.latest_approved(uow)
        assert matter_id is not None
        decision = matter_decision.decision_for_matter(uow, matter_id)
    texts = [p.text for p in decision.paragraphs]
    assert decision.doc_number == "清编办发〔2026〕1号" and decision.title == "关于设立清河县数据局的批复"
    assert texts[0] == "你单位关于设立清河县数据局的请示收悉。经研究，现批复如下："
    assert texts[1] == "一、同意设立清河县数据局，为政府工作部门，机构规格为正科级，自2026年6月1日起设立。"
    assert texts[2] == "二、清河县数据局设综合股、数据资源股。"
    assert texts[4].startswith("四、核减清河县财政局行政编制2名")
    assert texts[5].startswith("五、核增清河县数据局行政编制2名")
    assert texts[6].startswith("六、核增清河县数据局单位正职职数1名")
    assert texts[-1] == "此复。"
    pending = draft(qh, m.CharterChange(source, D(2026, 7, 1), ("负责财政工作。",)))
    with qh.db.read() as uow, pytest.raises(RuleViolation, match="尚未批准，没有批复可以打印"):
        matter_decision.decision_for_matter(uow, pending)
