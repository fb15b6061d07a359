"""The guided forms of the structural matters (撤销机构, 县内调动, 机构整合组建, 内设机构调整, 三定规定)
used as a clerk uses them: fill the form, see the figures before → after, submit; a reviewer and the
approver (other users) take it through the services; the database then holds the change."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import UnitStatus
from bianzhi_desktop.domain.matters import MatterKind, MatterState
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.matter_forms import FORMS, MISSING, AbolishUnitForm, TransferForm, form_for
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.persistence.models import Enrollment, Unit
from bianzhi_desktop.services import matter_queries, matter_views, matters, quota, units

from .test_matters_pages import choose, sign_in

TODAY = dt.date.today()


def render(widget: QWidget, name: str) -> None:
    """Save the filled form to PNG when BIANZHI_FORM_SHOTS names a folder (to look at it)."""
    folder = os.environ.get("BIANZHI_FORM_SHOTS")
    if folder:
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
    for kind in (MatterKind.UNIT_ABOLISH, MatterKind.TRANSFER):
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
