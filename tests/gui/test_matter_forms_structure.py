"""The guided forms of the structural matters (撤销机构, 县内调动, 机构整合组建, 内设机构调整, 三定规定)
used as a clerk uses them: fill the form, see the figures before → after, submit; a reviewer and the
approver (other users) take it through the services; the database then holds the change."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import UnitStatus
from bianzhi_desktop.domain.matters import MatterKind, MatterState
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.matter_forms import FORMS, MISSING, AbolishUnitForm, TransferForm, form_for
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.persistence.models import Enrollment, Unit
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.matters import queries as matter_queries
from bianzhi_desktop.services.matters import views as matter_views
from bianzhi_desktop.services.matters import workflow as matters
from bianzhi_desktop.services.org import units

from .test_matters_pages import choose, sign_in

TODAY = dt.date.today()


def render(widget: QWidget, name: str) -> None:
    """Save the filled form to PNG when BIANZHI_FORM_SHOTS names a folder (to look at it)."""
    folder = os.environ.get("BIANZHI_FORM_SHOTS")
    if folder:
        widget.show()  # laid out as the user sees it (a hidden dialog's layout is not enforced)
        QApplication.processEvents()  # the pending layout requests
        widget.grab().save(str(Path(folder) / f"{name}.png"))


def approve_as_others(db: Database, matter_id: int) -> str:
    """Review (王建国) and approve (赵志刚): the steps the form's drafter may not take."""
    with db.write() as uow:
        matters.review(uow, sign_in(db, "wangjianguo").actor, matter_id, opinion="拟同意。")
        uow.commit()
    with db.write() as uow:
        number = matters.approve(uow, sign_in(db, "zhaozhigang").actor, matter_id, opinion="同意。")
        uow.commit()
    return number


def submitted(qtbot: QtBot, form) -> int:  # type: ignore[no-untyped-def]
    assert form.errors() == [], [form.messages[name].text() for name in form.errors()]
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted, form.ui.formError.text()
    matter_id = form.result_value
    with form.ctx.read() as uow:
        assert matter_queries.matter_detail(uow, matter_id).row.state is MatterState.SUBMITTED
    return matter_id


def people_by_kind(ctx: AppContext, unit_id: int) -> dict[str, int]:
    counts: dict[str, int] = {}
    with ctx.read() as uow:
        for person in matter_views.people_on_quota(uow, unit_id):
            counts[person.kind_name] = counts.get(person.kind_name, 0) + 1
    return counts


def unit_pair(ctx: AppContext, least: int, most: int) -> tuple[int, int]:
    """(a small unit with `least`..`most` people, a unit with room of every kind for them all)."""
    with ctx.read() as uow:
        lines = quota.summary(uow)
        names = {u.id: u.name for u in units.list_units(uow)}
    vacancy: dict[int, dict[str, int]] = {}
    enrolled: dict[int, int] = {}
    for line in lines:
        vacancy.setdefault(line.unit_id, {})[line.kind_name] = line.figures.vacancy
        enrolled[line.unit_id] = enrolled.get(line.unit_id, 0) + line.figures.enrolled
    for source in sorted(enrolled, key=lambda u: (enrolled[u], u)):
        if not least <= enrolled[source] <= most:
            continue
        need = people_by_kind(ctx, source)
        for target, room in vacancy.items():
            if target != source and target in names and all(room.get(k, 0) >= n for k, n in need.items()):
                return source, target
    raise AssertionError("no unit pair in the demo county")


def name_of(ctx: AppContext, unit_id: int) -> str:
    with ctx.read() as uow:
        return units.get_unit(uow, unit_id).name


def test_the_chooser_offers_the_new_kinds() -> None:
    assert MISSING == ()
    for kind in (MatterKind.UNIT_ABOLISH, MatterKind.TRANSFER, MatterKind.UNIT_MERGE):
        assert kind in FORMS and kind not in MISSING


def test_abolishing_a_unit_moves_its_people_and_releases_its_quotas(qtbot: QtBot, demo_db: Database) -> None:
    clerk = sign_in(demo_db, "lina")
    source, target = unit_pair(clerk, 2, 6)
    source_name, target_name = name_of(clerk, source), name_of(clerk, target)
    with clerk.read() as uow:
        people = matter_views.people_on_quota(uow, source)
        held = dict(matter_views.approved_quotas(uow, source))
    form = AbolishUnitForm(clerk)
    qtbot.addWidget(form)
    choose(form.unit, source_name)
    assert form.people.rowCount() == len(people) and form.quotas.rowCount() == len(held)
    assert "须选择接收单位" in form.messages["人员去向"].text()
    assert form.ui.previewTable.rowCount() == 0
    choose(form.default_target, target_name)
    qtbot.mouseClick(form.apply_target, Qt.MouseButton.LeftButton)
    # the last person leaves instead (出编, 辞职); the first kind of quota goes back to the pool
    last = form.people.rowCount() - 1
    choose(form.people.cellWidget(last, 1), "出编")
    choose(form.people.cellWidget(last, 3), "辞职")
    choose(form.quotas.cellWidget(0, 2), "交回编制周转池")
    assert form.messages["人员去向"].text() == f"共{len(people)}人：转隶{len(people) - 1}人，出编1人"
    assert form.ui.previewNote.text().startswith(f"入编{len(people) - 1}人；出编{len(people)}人")
    table = form.ui.previewTable
    rows = {(table.item(r, 0).text(), table.item(r, 1).text()): r for r in range(table.rowCount())}
    pooled_kind = form.quotas.item(0, 0).text()
    row = rows[(source_name, pooled_kind)]
    assert table.item(row, 2).text() == f"{held[pooled_kind]} → 0"
    assert ("编制周转池", pooled_kind) in rows
    render(form, "abolish")
    matter_id = submitted(qtbot, form)

    number = approve_as_others(demo_db, matter_id)
    assert number
    with demo_db.read() as uow:
        assert uow.session.get(Unit, source).status == UnitStatus.ABOLISHED.value
        assert matter_views.people_on_quota(uow, source) == []
        assert matter_views.approved_quotas(uow, source) == []
        moved = {p.name for p in matter_views.people_on_quota(uow, target)}
        assert {p.name for p in people[:-1]} <= moved
        gone = uow.session.scalar(select(Enrollment).where(Enrollment.id == people[-1].enrollment_id))
        assert gone.end_on == TODAY and gone.end_reason == "resigned"
        after = dict(matter_views.approved_quotas(uow, target))
    for kind, amount in held.items():
        if kind != pooled_kind:
            assert after[kind] >= amount


def test_a_transfer_of_two_people_inside_the_county(qtbot: QtBot, demo_db: Database) -> None:
    clerk = sign_in(demo_db, "chenxiao")
    source, target = unit_pair(clerk, 3, 40)
    source_name, target_name = name_of(clerk, source), name_of(clerk, target)
    with clerk.read() as uow:
        people = matter_views.people_on_quota(uow, source)
    before = people_by_kind(clerk, target)
    form = TransferForm(clerk)
    qtbot.addWidget(form)
    choose(form.source, source_name)
    assert form.people.list.count() == len(people)
    assert form.messages["调动人员"].text() == "至少勾选一人"
    moving = people[:2]
    for person in moving:
        assert form.people.set_checked(person.enrollment_id)
    assert form.messages["调动人员"].text() == "已选2人"
    choose(form.target, source_name)
    assert "不能是调出单位本身" in form.messages["调入单位"].text()
    choose(form.target, target_name)
    form.post.setText("科员")
    assert form.ui.previewNote.text().startswith("入编2人；出编2人")
    table = form.ui.previewTable
    units_shown = {table.item(r, 0).text() for r in range(table.rowCount())}
    assert units_shown == {source_name, target_name}
    render(form, "transfer")
    matter_id = submitted(qtbot, form)

    # the draft reopens whole in the form
    with clerk.read() as uow:
        content = matter_queries.matter_detail(uow, matter_id).content
    again = form_for(clerk, MatterKind.TRANSFER, matter_id=matter_id, content=content)
    assert again is not None
    qtbot.addWidget(again)
    assert again.people.checked() == [p.enrollment_id for p in moving] and again.post.text() == "科员"

    approve_as_others(demo_db, matter_id)
    with demo_db.read() as uow:
        there = {p.enrollment_id: p for p in matter_views.people_on_quota(uow, target)}
        names = [p.name for p in there.values() if p.post_title == "科员"]
        left = {p.enrollment_id for p in matter_views.people_on_quota(uow, source)}
    assert all(p.name in names for p in moving)
    assert not left & {p.enrollment_id for p in moving}
    after = people_by_kind(clerk, target)
    assert sum(after.values()) == sum(before.values()) + 2
    assert isinstance(content, m.TransferRequest) and len(content.moves) == 2


def small_units(ctx: AppContext, count: int, *, skip: set[int]) -> list[int]:
    """`count` live units with 1..6 people on quota and some divisions, smallest first."""
    with ctx.read() as uow:
        enrolled: dict[int, int] = {}
        for line in quota.summary(uow):
            enrolled[line.unit_id] = enrolled.get(line.unit_id, 0) + line.figures.enrolled
        live = {u.id for u in units.list_units(uow)}
        found = [
            unit_id
            for unit_id in sorted(enrolled, key=lambda u: (enrolled[u], u))
            if unit_id in live and unit_id not in skip and 1 <= enrolled[unit_id] <= 6
        ]
    return found[:count]


def test_merging_two_units_into_a_third_carries_quotas_divisions_and_people(
    qtbot: QtBot, demo_db: Database
) -> None:
    from bianzhi_desktop.services.org import charters, divisions

    clerk = sign_in(demo_db, "lina")
    target = small_units(clerk, 1, skip=set())[0]
    sources = small_units(clerk, 2, skip={target})
    target_name = name_of(clerk, target)
    with clerk.read() as uow:
        held = {u: dict(matter_views.approved_quotas(uow, u)) for u in (target, *sources)}
        people = {p.name for u in sources for p in matter_views.people_on_quota(uow, u)}
        source_divisions = {d.name for u in sources for d in divisions.list_divisions(uow, u)}
        old_duties = charters.charter_in_force(uow, target).duties
    form = FORMS[MatterKind.UNIT_MERGE](clerk)
    qtbot.addWidget(form)
    assert "至少勾选1个机构" in form.messages["被整合机构"].text()
    for unit_id in sources:
        assert form.sources.set_checked(unit_id)
    choose(form.target, target_name)
    assert form.duties.toPlainText().splitlines() == list(old_duties)  # the charter in force starts it
    duties = ["统筹全县综合服务工作", "承担整合后的政务服务职责", "完成县委、县政府交办的其他任务"]
    form.duties.setPlainText("\n".join(duties))
    assert form.messages["主要职责"].text() == "共3项职责"
    table = form.ui.previewTable
    rows = {(table.item(r, 0).text(), table.item(r, 1).text()): r for r in range(table.rowCount())}
    for unit_id in sources:
        for kind, amount in held[unit_id].items():
            assert table.item(rows[(name_of(clerk, unit_id), kind)], 2).text() == f"{amount} → 0"
    assert form.ui.previewNote.text().startswith(f"入编{len(people)}人；出编{len(people)}人")

    # a new unit instead: its row says 新设 (then back to the existing target)
    choose(form.mode, "新设机构（整合组建）")
    assert "必填" in form.messages["新机构名称"].text()
    form.name.setText("云溪县综合服务中心")
    choose(form.category, "事业单位（公益一类）")
    assert "须选择经费形式" in form.messages["经费形式"].text()
    choose(form.funding, "全额拨款")
    assert any("（新设）" in table.item(r, 0).text() for r in range(table.rowCount()))
    render(form, "merge_new")
    choose(form.mode, "并入现有机构")
    render(form, "merge")
    matter_id = submitted(qtbot, form)

    approve_as_others(demo_db, matter_id)
    with demo_db.read() as uow:
        for unit_id in sources:
            assert uow.session.get(Unit, unit_id).status == UnitStatus.ABOLISHED.value
            assert matter_views.approved_quotas(uow, unit_id) == []
        after = dict(matter_views.approved_quotas(uow, target))
        names = {p.name for p in matter_views.people_on_quota(uow, target)}
        target_divisions = {d.name for d in divisions.list_divisions(uow, target)}
        charter = charters.charter_in_force(uow, target)
    for kind in after:
        assert after[kind] == sum(held[u].get(kind, 0) for u in held)
    assert people <= names
    assert source_divisions <= target_divisions
    assert charter is not None and list(charter.duties) == duties


def test_changing_divisions_renames_adds_and_abolishes(qtbot: QtBot, demo_db: Database) -> None:
    from bianzhi_desktop.services.org import divisions

    clerk = sign_in(demo_db, "chenxiao")
    with clerk.read() as uow:
        unit_id, empty, other = next(
            (u.id, empty, other)
            for u in units.list_units(uow)
            for staffed in [{p.division for p in matter_views.people_on_quota(uow, u.id)}]
            for found in [divisions.list_divisions(uow, u.id)]
            if len(found) >= 2
            for empty in [next((d for d in found if d.name not in staffed), None)]
            if empty is not None
            for other in [next(d for d in found if d.id != empty.id)]
        )
    form = FORMS[MatterKind.DIVISIONS](clerk)
    qtbot.addWidget(form)
    choose(form.unit, name_of(clerk, unit_id))
    assert "至少填写一项" in form.messages["内设机构调整"].text()
    rows = {form.table.item(r, 0).text(): r for r in range(form.table.rowCount())}
    form.table.item(rows[empty.name], 3).setCheckState(Qt.CheckState.Checked)
    form.table.cellWidget(rows[other.name], 2).setText(other.name + "（更名）")
    form.add.setText("法规股、审批服务股")
    assert form.errors() == []
    assert form.ui.previewNote.text() == "本事项不改变编制和领导职数的数字。"
    render(form, "divisions")
    matter_id = submitted(qtbot, form)

    approve_as_others(demo_db, matter_id)
    with demo_db.read() as uow:
        names = {d.name for d in divisions.list_divisions(uow, unit_id)}
    assert empty.name not in names and other.name not in names
    assert {other.name + "（更名）", "法规股", "审批服务股"} <= names


def test_revising_a_charter_keeps_the_duties_in_their_order(qtbot: QtBot, demo_db: Database) -> None:
    from bianzhi_desktop.services.org import charters

    from .keyboard import type_text

    clerk = sign_in(demo_db, "lina")
    with clerk.read() as uow:
        unit_id, old = next(
            (u.id, c.duties)
            for u in units.list_units(uow)
            for c in [charters.charter_in_force(uow, u.id)]
            if c is not None and len(c.duties) >= 3
        )
    form = FORMS[MatterKind.CHARTER](clerk)
    qtbot.addWidget(form)
    form.show()
    choose(form.unit, name_of(clerk, unit_id))
    duties = form.duties
    assert duties.items() == old
    assert "现行三定规定" in form.basis.text() and "核定编制" in form.basis.text()
    # the last duty moves up one place, the first goes, a new one is typed at the end
    duties.table.setCurrentCell(len(old) - 1, 0)
    qtbot.mouseClick(duties.buttons["up"], Qt.MouseButton.LeftButton)
    duties.table.setCurrentCell(0, 0)
    qtbot.mouseClick(duties.buttons["remove"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(duties.buttons["add"], Qt.MouseButton.LeftButton)
    editor = next(e for e in duties.table.viewport().findChildren(QLineEdit) if e.isVisible())
    type_text(qtbot, editor, "负责本系统安全生产监督管理")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits in a queued call
    expected = (*old[1:-2], old[-1], old[-2], "负责本系统安全生产监督管理")
    qtbot.waitUntil(lambda: duties.items() == expected, timeout=2000)
    assert form.messages["主要职责"].text() == f"共{len(expected)}项职责"
    form.summary.setText("根据机构改革方案修订")
    render(form, "charter")
    matter_id = submitted(qtbot, form)

    approve_as_others(demo_db, matter_id)
    with demo_db.read() as uow:
        charter = charters.charter_in_force(uow, unit_id)
    assert charter is not None and charter.duties == expected and charter.summary == "根据机构改革方案修订"
