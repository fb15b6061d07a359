"""Going live in the window (issue 12, items 1 and 6): the checklist dialog and its switch, the banner of
a reopened initialisation, and the empty county's first page with its ways in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt

from bianzhi_desktop.domain.enums import Rank, UnitCategory, UnitSystem
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.golive_dialog import GoLiveDialog
from bianzhi_desktop.gui.dialogs.unit_dialog import UnitDialog
from bianzhi_desktop.gui.main_window import MainWindow
from bianzhi_desktop.gui.pages.audit import action_label
from bianzhi_desktop.gui.pages.empty_county import EmptyCountyPage
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services import admin
from bianzhi_desktop.services.org import units
from tests.conftest import County, make_county
from tests.gui.keyboard import type_text


@pytest.fixture
def qh(sqlite_db: Database) -> County:
    return make_county(sqlite_db)


def window_for(qtbot, county: County, actor, gui_settings) -> MainWindow:  # type: ignore[no-untyped-def]
    window = MainWindow(AppContext(county.db, actor), gui_settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    return window


def test_the_checklist_shows_ticks_and_the_switch_needs_a_reason_while_open(qtbot, qh: County) -> None:  # type: ignore[no-untyped-def]
    dialog = GoLiveDialog(AppContext(qh.db, qh.admin))
    qtbot.addWidget(dialog)
    dialog.show()
    marks = {key: dialog.findChild(type(dialog.summary), f"mark_{key}").text() for key in
             ("charters", "ledger", "register", "health", "users")}  # fmt: skip
    assert marks == {"charters": "✗", "ledger": "✗", "register": "✗", "health": "✗", "users": "✓"}
    assert dialog.findChild(type(dialog.summary), "detail_charters").text() == "还没有录入任何机构。"
    assert dialog.summary.text() == "共5项，已完成1项，未完成4项。"
    assert not dialog.go_live_button.isEnabled()
    assert dialog.why.text() == "尚有4项未完成：请先完成，或填写强制结束的理由。"
    type_text(qtbot, dialog.reason_edit, "先上线，机构随后补录")
    assert dialog.go_live_button.isEnabled() and dialog.why.text() == ""
    asked: list[str] = []
    dialog.confirm = lambda _parent, _title, text, _yes: asked.append(text) or True
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.go_live_button, Qt.MouseButton.LeftButton)
    assert "尚有4项未完成，将连同理由记入操作日志" in asked[0]
    assert dialog.state_label.text().startswith("当前：正式运行（")
    assert not dialog.go_live_button.isVisible() and dialog.reopen_button.isVisible()
    assert not dialog.reopen_button.isEnabled() and dialog.why.text() == "请先填写重新打开的理由。"
    type_text(qtbot, dialog.reopen_edit, "补录城关镇")
    with qtbot.waitSignal(dialog.changed):
        qtbot.mouseClick(dialog.reopen_button, Qt.MouseButton.LeftButton)
    assert dialog.state_label.text() == "当前：初始化录入（上线后重新打开，理由：补录城关镇）"
    with qh.db.read() as uow:
        assert admin.initialisation_state(uow).reopened_reason == "补录城关镇"
        lines = admin.list_audit(uow, qh.admin)
    shown = [(action_label(line.action), line.summary) for line in lines[:2]]
    assert shown == [
        ("重新打开初始化录入", "重新打开初始化录入（理由：补录城关镇）"),
        (
            "结束初始化录入",
            "结束初始化录入，正式运行（强制结束，未完成：机构及其三定规定、编制台账有据可查、实名制人员已录入、已运行体检；理由：先上线，机构随后补录）",
        ),
    ]


def test_someone_not_an_administrator_sees_the_switch_greyed_with_the_reason(qtbot, qh: County) -> None:  # type: ignore[no-untyped-def]
    dialog = GoLiveDialog(AppContext(qh.db, qh.clerk))
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.go_live_button.isEnabled() and not dialog.reason_edit.isEnabled()
    assert dialog.why.isVisible() and dialog.why.text() == "需要“管理员”角色：请管理员登录后办理。"


def test_a_refusal_is_shown_in_the_dialog_and_nothing_changes(qtbot, qh: County) -> None:  # type: ignore[no-untyped-def]
    dialog = GoLiveDialog(AppContext(qh.db, qh.admin))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reason_edit.setText("x" * 501)
    dialog.confirm = lambda *_args: True
    assert not dialog.go_live()
    assert dialog.error.isVisible() and "过长" in dialog.error.text()
    with qh.db.read() as uow:
        assert admin.initialisation_state(uow).initialisation


def test_an_empty_county_opens_on_its_first_page_and_leaves_it_once_a_unit_exists(  # type: ignore[no-untyped-def]
    qtbot, qh: County, gui_settings
) -> None:
    window = window_for(qtbot, qh, qh.clerk, gui_settings)
    page = window.stack.currentWidget()
    assert isinstance(page, EmptyCountyPage)
    assert page.findChild(type(page.why), "emptyTitle").text() == "清河县还没有机构"
    assert page.new_button.isEnabled() and page.import_button.isEnabled() and not page.why.isVisible()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    dialog = window.pending_dialog
    assert isinstance(dialog, UnitDialog) and dialog.isVisible()
    type_text(qtbot, dialog.ui.nameEdit, "清河县科学技术局")
    dialog.accept()
    assert window.stack.currentWidget() is window.page("unit")
    assert window.page("unit").title.text() == "清河县科学技术局"
    assert window.navigation.visible_unit_names() == ["清河县科学技术局"]


def test_the_import_button_opens_the_ledger_import(qtbot, qh: County, gui_settings) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, qh, qh.clerk, gui_settings)
    wizard = window.import_ledger()
    qtbot.addWidget(wizard)
    assert wizard.isVisible() and wizard.kind == "ledger"
    wizard.reject()


def test_a_reviewer_or_a_live_county_greys_the_ways_in_and_says_why(qtbot, qh: County, gui_settings) -> None:  # type: ignore[no-untyped-def]
    window = window_for(qtbot, qh, qh.reviewer, gui_settings)
    page = window.stack.currentWidget()
    assert not page.new_button.isEnabled() and page.why.text() == "需要“经办”或“管理员”角色。"
    assert page.demo_button.isEnabled()
    menu = window.navigation.context_menu(QPoint(5, 5))
    assert menu.actions()[0].text() == "新建机构…（需要“经办”或“管理员”角色）"
    with qh.db.write() as uow:
        admin.go_live(uow, qh.admin, force_reason="测试")
        uow.commit()
    clerk_window = window_for(qtbot, qh, qh.clerk, gui_settings)
    page = clerk_window.stack.currentWidget()
    assert not page.import_button.isEnabled() and "设立机构" in page.why.text()
    assert "新建机构…" not in [a.text() for a in clerk_window.navigation.context_menu(QPoint(5, 5)).actions()]


def test_the_tree_offers_a_new_unit_in_the_category_right_clicked(qtbot, qh: County, gui_settings) -> None:  # type: ignore[no-untyped-def]
    with qh.db.write() as uow:
        units.create_unit(
            uow,
            qh.clerk,
            units.UnitInput(name="清河县城关镇", category=UnitCategory.TOWNSHIP, rank=Rank.ZHENG_KE,
                            system=UnitSystem.PARTY),
        )  # fmt: skip
        uow.commit()
    window = window_for(qtbot, qh, qh.clerk, gui_settings)
    tree = window.navigation.tree
    group = tree.visualRect(tree.model().index(0, 0)).center()
    menu = window.navigation.context_menu(group)
    action = menu.actions()[0]
    assert action.objectName() == "treeNewUnitAction" and action.isEnabled()
    action.trigger()
    dialog = window.pending_dialog
    assert (
        isinstance(dialog, UnitDialog)
        and dialog.ui.categoryCombo.currentData() == UnitCategory.TOWNSHIP.value
    )
    dialog.reject()


def test_a_reopened_initialisation_shows_its_reason_on_every_page_until_closed(
    qtbot, demo_db, gui_settings
) -> None:  # type: ignore[no-untyped-def]
    with demo_db.write() as uow:
        from bianzhi_desktop.services.admin import users

        administrator = users.authenticate(uow, "admin", "demo1234")
        uow.commit()
    window = MainWindow(AppContext(demo_db, administrator), gui_settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.banner.isVisible()  # the copy was reopened without a reason by the fixture
    with demo_db.write() as uow:
        admin.go_live(uow, administrator, force_reason="测试")
        uow.commit()
    window.refresh()
    assert window.go_live_action.text() == "重新打开初始化录入…"
    dialog = window.open_go_live()
    dialog.confirm = lambda *_args: True
    dialog.reopen_edit.setText("补录2019年以前的编制台账")
    dialog.reopen()
    for key in ("overview", "register", "health"):
        window.show_page(key)
        assert window.banner.isVisible()
        assert window.banner.text() == "初始化录入已重新打开：补录2019年以前的编制台账"
    assert window.go_live_action.text() == "结束初始化录入…"
    dialog.reason_edit.setText("补录完毕")
    dialog.go_live()
    assert not window.banner.isVisible()
    with demo_db.write() as uow:  # leave the module's copy as the fixture made it
        from bianzhi_desktop.services.admin import settings as office

        office.set_initialisation(uow, administrator, True)
        uow.commit()


def test_open_demo_signs_in_to_the_demo_county_in_place_of_the_empty_one(  # type: ignore[no-untyped-def]
    qtbot, qh: County, gui_settings, demo_template: Path, tmp_path: Path
) -> None:
    shutil.copyfile(demo_template, tmp_path / "demo-yunxi.sqlite3")
    window = window_for(qtbot, qh, qh.clerk, gui_settings)
    window.data_dir = tmp_path
    with qtbot.waitSignal(window.context_replaced) as replaced:
        qtbot.mouseClick(window.stack.currentWidget().demo_button, Qt.MouseButton.LeftButton)
    ctx = replaced.args[0]
    try:
        with ctx.read() as uow:
            assert admin.office_settings(uow).county_name == "云溪县"
        assert ctx.actor.username == "admin"
        assert gui_settings.last_database == str(tmp_path / "demo-yunxi.sqlite3")
    finally:
        ctx.db.close()
