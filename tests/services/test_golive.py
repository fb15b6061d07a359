"""Going live (结束初始化录入): the checklist, the audited switch, reopening, and what is refused after."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bianzhi_desktop.domain.enums import NameKind, Role, UnitCategory
from bianzhi_desktop.domain.errors import PermissionDenied, RuleViolation, ValidationError
from bianzhi_desktop.persistence import migrate
from bianzhi_desktop.persistence.models import AuditRecord
from bianzhi_desktop.services import admin
from bianzhi_desktop.services.admin import users
from bianzhi_desktop.services.health import checkup
from bianzhi_desktop.services.org import charters, divisions, units

from ..conftest import County
from .helpers import D, add_person, add_quota, add_unit, enroll


def items(qh: County) -> dict[str, admin.CheckItem]:
    with qh.db.read() as uow:
        return {item.key: item for item in admin.checklist(uow).items}


def books_in(qh: County) -> tuple[int, int]:
    """Two units (one coordinating body, which keeps no books), one with charter, quota and a person."""
    unit = add_unit(qh.db, qh.clerk, "清河县农业农村局")
    add_unit(qh.db, qh.clerk, "清河县乡村振兴领导小组", category=UnitCategory.COORDINATING)
    with qh.db.write() as uow:
        charters.issue_charter(
            uow, qh.clerk, unit, document="清办发〔2019〕3号", effective_on=D(2019, 3, 1), duties=["农业。"]
        )
        uow.commit()
    add_quota(qh.db, qh.clerk, unit, "行政编制", 5)
    person = add_person(qh.db, qh.clerk, "黄堃", seq=41)
    enroll(qh.db, qh.clerk, person, unit)
    return unit, person


def test_an_empty_county_has_every_item_open_but_the_users(qh: County) -> None:
    found = items(qh)
    assert [key for key, item in found.items() if not item.done] == [
        "charters",
        "ledger",
        "register",
        "health",
    ]
    assert found["charters"].detail == "还没有录入任何机构。"
    assert found["register"].counts == {"people": 0, "units": 0}
    assert "还没有运行体检" in found["health"].detail
    assert found["users"].done and "经办：李经办；审核：王审核；批准：赵主任" in found["users"].detail


def test_the_checklist_names_what_is_missing_and_counts_it(qh: County) -> None:
    unit, _person = books_in(qh)
    bare = add_unit(qh.db, qh.clerk, "清河县林业局")
    found = items(qh)
    assert not found["charters"].done
    assert found["charters"].detail == "2个机构中有1个没有现行三定规定：清河县林业局。"
    assert found["charters"].counts == {"units": 2, "with_charter": 1, "without_charter": 1}
    assert not found["ledger"].done and "1个机构没有核定编制记录：清河县林业局" in found["ledger"].detail
    assert found["ledger"].counts["quota_entries"] == 1 and found["ledger"].counts["uncited"] == 0
    assert found["register"].done and found["register"].detail == "在编人员1名，分布在1个机构。"
    with qh.db.write() as uow:
        charters.issue_charter(
            uow, qh.clerk, bare, document="清办发〔2020〕9号", effective_on=D(2020, 1, 1), duties=["林业。"]
        )
        uow.commit()
    add_quota(qh.db, qh.clerk, bare, "行政编制", 2)
    checkup.check_county(qh.db, qh.clerk, record=True)
    found = items(qh)
    assert all(item.done for item in found.values()), [i.detail for i in found.values() if not i.done]
    assert found["ledger"].detail == "编制台账2条、领导职数台账0条，引用文件1份，每条均引用依据文件。"
    assert (
        found["health"].detail.startswith("最近一次体检于")
        and "由clerk登记整改台账" in found["health"].detail
    )
    assert unit


def test_three_roles_need_three_people_unless_the_relaxation_is_recorded(qh: County) -> None:
    with qh.db.write() as uow:
        users.set_roles(uow, qh.admin, "approver", {Role.APPROVER, Role.REVIEWER})
        users.set_roles(uow, qh.admin, "reviewer", {Role.CLERK})
        uow.commit()
    item = items(qh)["users"]
    assert not item.done and "这三个角色须由三位不同的人员担任" in item.detail
    assert item.counts == {"clerk": 2, "reviewer": 1, "approver": 1}
    with qh.db.write() as uow, pytest.raises(ValidationError, match="须写明理由"):
        admin.set_self_approval(uow, qh.admin, True)
    with qh.db.write() as uow:
        admin.set_self_approval(uow, qh.admin, True, "编办只有两名工作人员")
        uow.commit()
    item = items(qh)["users"]
    assert item.done and item.relaxed and item.detail.endswith("理由：编办只有两名工作人员")
    with qh.db.write() as uow:
        users.set_roles(uow, qh.admin, "approver", {Role.REVIEWER})
        uow.commit()
    item = items(qh)["users"]  # nobody approves: the relaxation does not help
    assert not item.done and "没有启用的“批准”用户（管理员不代替这些角色" in item.detail


def test_going_live_is_for_administrators_refused_while_open_and_forced_with_a_reason(qh: County) -> None:
    books_in(qh)
    with qh.db.write() as uow, pytest.raises(PermissionDenied, match="管理员"):
        admin.go_live(uow, qh.clerk)
    with qh.db.write() as uow, pytest.raises(RuleViolation, match=r"还有1项未完成.*已运行体检"):
        admin.go_live(uow, qh.admin)
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="强制结束的理由"):
        admin.go_live(uow, qh.admin, force_reason="  ")
    with qh.db.write() as uow:
        result = admin.go_live(uow, qh.admin, force_reason="体检下周由县委巡察组统一进行")
        uow.commit()
    assert [item.key for item in result.open_items] == ["health"]
    with qh.db.read() as uow:
        state = admin.initialisation_state(uow)
        username, summary = uow.session.execute(
            select(AuditRecord.username, AuditRecord.summary).where(
                AuditRecord.action == "initialisation.close"
            )
        ).one()
    assert state.mode == "live" and not state.reopened and state.live_since is not None
    assert username == "admin"
    assert (
        summary
        == "结束初始化录入，正式运行（强制结束，未完成：已运行体检；理由：体检下周由县委巡察组统一进行）"
    )
    with qh.db.write() as uow, pytest.raises(RuleViolation, match=r"初始化录入已于.*结束"):
        admin.go_live(uow, qh.admin)


def test_after_going_live_the_books_change_only_through_matters(qh: County) -> None:
    unit, _person = books_in(qh)
    checkup.check_county(qh.db, qh.clerk, record=True)
    with qh.db.write() as uow:
        office = divisions.add_division(uow, qh.clerk, unit, "办公室")
        admin.go_live(uow, qh.admin)
        uow.commit()
    refused = {
        "增设内设机构": lambda uow: divisions.add_division(uow, qh.clerk, unit, "种植业股"),
        "更改内设机构名称": lambda uow: divisions.update_division(
            uow, qh.clerk, office.id, name="综合股", duties="", position=1
        ),
        "撤销内设机构": lambda uow: divisions.abolish_division(uow, qh.clerk, office.id, D(2025, 1, 1)),
        "登记三定规定": lambda uow: charters.issue_charter(
            uow, qh.clerk, unit, document="清办发〔2025〕1号", effective_on=D(2025, 1, 1), duties=["农业。"]
        ),
        "加挂牌子": lambda uow: units.add_name(uow, qh.clerk, unit, "清河县乡村振兴局", NameKind.NAMEPLATE),
        "撤销机构": lambda uow: units.abolish_unit(uow, qh.clerk, unit, D(2025, 1, 1), "清办发〔2025〕2号"),
    }
    for what, call in refused.items():
        with qh.db.write() as uow, pytest.raises(RuleViolation, match=f"初始化录入已关闭，不能直接{what}"):
            call(uow)
    with qh.db.write() as uow:  # a division's duties and order are particulars, not structure
        changed = divisions.update_division(
            uow, qh.clerk, office.id, name="办公室", duties="文秘。", position=2
        )
        uow.commit()
    assert (changed.duties, changed.position) == ("文秘。", 2)


def test_reopening_takes_an_administrator_and_a_reason_and_is_audited(qh: County) -> None:
    books_in(qh)
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="仍在初始化录入中"):
        admin.reopen_initialisation(uow, qh.admin, "补录")
    with qh.db.write() as uow:
        admin.go_live(uow, qh.admin, force_reason="先行上线")
        uow.commit()
    with qh.db.write() as uow, pytest.raises(PermissionDenied, match="管理员"):
        admin.reopen_initialisation(uow, qh.approver, "补录")
    with qh.db.write() as uow, pytest.raises(ValidationError, match="须写明理由"):
        admin.reopen_initialisation(uow, qh.admin, " ")
    with qh.db.write() as uow:
        admin.reopen_initialisation(uow, qh.admin, "补录城关镇2019年的三定规定")
        uow.commit()
    with qh.db.read() as uow:
        state = admin.initialisation_state(uow)
        actions = list(
            uow.session.scalars(
                select(AuditRecord.summary).where(AuditRecord.action.like("initialisation.%"))
            )
        )
    assert state.reopened and state.reopened_reason == "补录城关镇2019年的三定规定"
    assert actions[-1] == "重新打开初始化录入（理由：补录城关镇2019年的三定规定）"
    add_unit(qh.db, qh.clerk, "清河县城关镇", category=UnitCategory.TOWNSHIP)  # direct entry works again
    with qh.db.write() as uow:
        admin.go_live(uow, qh.admin, force_reason="补录完毕")
        uow.commit()
    with qh.db.read() as uow:
        assert not admin.initialisation_state(uow).reopened


def test_status_counts_units_people_and_open_matters(qh: County) -> None:
    books_in(qh)
    status = admin.county_status(qh.db)
    assert status.as_dict() | {"schema_revision": "x"} == {
        "county": "清河县",
        "office": status.office_name,
        "mode": "initialisation",
        "live_since": None,
        "reopened_reason": None,
        "schema_revision": "x",
        "units": 2,
        "people": 1,
        "open_matters": 0,
    }
    assert status.revision == migrate.head_revision()
