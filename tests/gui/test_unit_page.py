"""The unit page: particulars, every figure opening what stands behind it, divisions, charters, history,
and the status quo recorded from it in initialisation mode."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from bianzhi_desktop.domain.enums import DivisionStatus
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.division_dialog import CharterDialog, DivisionDialog
from bianzhi_desktop.gui.dialogs.figures_dialog import QuotaDialog
from bianzhi_desktop.gui.dialogs.unit_dialog import AbolishDialog, UnitDialog
from bianzhi_desktop.gui.pages.drilldown import FiguresDialog, LeaderPostsDialog
from bianzhi_desktop.gui.pages.person import PersonWindow
from bianzhi_desktop.gui.pages.unit import UnitPage
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services.admin import settings as office
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.org import charters, divisions, history, units

from .keyboard import retype, type_text

KIND, APPROVED, ENROLLED, RESERVED, VACANCY = range(5)


@pytest.fixture(scope="module")
def busy_unit(demo_db: Database) -> units.UnitInfo:
    """A unit with a live hiring plan, leader posts, divisions and a charter."""
    with demo_db.read() as uow:
        reserved = {line.unit_id for line in quota.summary(uow) if line.reserved > 0}
        for unit_id in sorted(reserved):
            if quota.leader_posts(uow, unit_id) and divisions.list_divisions(uow, unit_id):
                return units.get_unit(uow, unit_id)
    pytest.fail("the demo county has no unit with a plan, leader posts and divisions")


@pytest.fixture
def page(qtbot, demo_ctx: AppContext, busy_unit: units.UnitInfo) -> Iterator[UnitPage]:  # type: ignore[no-untyped-def]
    widget = UnitPage(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    widget.show_unit(busy_unit.id)
    yield widget
    if widget.pending is not None:
        widget.pending.close()


def double_click(qtbot, table: QTableView, row: int, column: int) -> None:  # type: ignore[no-untyped-def]
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def kind_row(page: UnitPage, predicate) -> int:  # type: ignore[no-untyped-def]
    return next(row for row, line in enumerate(page.quota_model.rows) if line.kind_id and predicate(line))


def test_page_shows_the_particulars_and_figures(
    page: UnitPage, demo_db: Database, busy_unit, qtmodeltester
) -> None:  # type: ignore[no-untyped-def]
    assert page.title.text() == busy_unit.name
    assert busy_unit.category.label in page.subtitle.text()
    assert page.values["全称"].text() == busy_unit.name
    with demo_db.read() as uow:
        lines = quota.summary(uow, unit_id=busy_unit.id)
    model = page.quota_model
    for row, line in enumerate(lines):
        cells = [model.index(row, column).data() for column in range(model.columnCount())]
        assert cells[:4] == [line.kind_name, str(line.approved), str(line.enrolled), str(line.reserved)]
    if len(lines) > 1:
        total = [model.index(len(lines), column).data() for column in range(model.columnCount())]
        assert total[0] == "合计" and total[1] == str(sum(line.approved for line in lines))
    for each in (page.quota_model, page.leader_model, page.division_model, page.charter_model):
        qtmodeltester.check(each)


def test_double_clicking_approved_opens_the_ledger(
    qtbot, page: UnitPage, demo_db: Database, busy_unit
) -> None:  # type: ignore[no-untyped-def]
    row = kind_row(page, lambda line: line.figures.approved > 0)
    line = page.quota_model.rows[row]
    double_click(qtbot, page.quota_table, row, APPROVED)
    dialog = page.pending
    assert isinstance(dialog, FiguresDialog) and dialog.tabs.currentIndex() == 0
    entries = dialog.ledger_model.rows
    assert sum(entry.delta for entry in entries) == line.figures.approved
    assert entries[-1].running_total == line.figures.approved
    assert all(entry.document_number for entry in entries)
    assert f"核定 {line.figures.approved}" in dialog.summary.text()


def test_double_clicking_enrolled_lists_the_people(qtbot, page: UnitPage, busy_unit) -> None:  # type: ignore[no-untyped-def]
    row = kind_row(page, lambda line: line.figures.enrolled > 0)
    line = page.quota_model.rows[row]
    double_click(qtbot, page.quota_table, row, ENROLLED)
    dialog = page.pending
    assert isinstance(dialog, FiguresDialog) and dialog.tabs.currentIndex() == 1
    assert dialog.people_model.rowCount() == line.figures.enrolled
    table = dialog.tabs.currentWidget()
    name = dialog.people_model.index(0, 0).data()
    double_click(qtbot, table, 0, 0)
    qtbot.waitUntil(lambda: isinstance(page.pending, PersonWindow))
    assert page.pending.view.title.text() == name


def test_double_clicking_reserved_lists_the_plans(qtbot, page: UnitPage) -> None:  # type: ignore[no-untyped-def]
    row = kind_row(page, lambda line: line.figures.reserved > 0)
    line = page.quota_model.rows[row]
    double_click(qtbot, page.quota_table, row, RESERVED)
    dialog = page.pending
    assert isinstance(dialog, FiguresDialog) and dialog.tabs.currentIndex() == 2
    assert sum(plan.remaining for plan in dialog.plans_model.rows) == line.figures.reserved


def test_vacancy_explains_its_arithmetic(qtbot, page: UnitPage) -> None:  # type: ignore[no-untyped-def]
    row = kind_row(page, lambda line: True)
    figures = page.quota_model.rows[row].figures
    double_click(qtbot, page.quota_table, row, VACANCY)
    text = page.pending.summary.text()
    assert text.startswith("空编 = 核定") and text.endswith(
        f"= {figures.vacancy}" if figures.vacancy >= 0 else f"= 超编 {-figures.vacancy}"
    )


def test_leader_posts_show_holders_and_open_their_ledger(qtbot, page: UnitPage, demo_db, busy_unit) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as uow:
        posts = quota.leader_posts(uow, busy_unit.id)
    model = page.leader_model
    assert model.rowCount() == len(posts)
    assert model.index(0, 0).data() == posts[0].tier.label
    assert model.index(0, 4).data() == "、".join(posts[0].holders)
    double_click(qtbot, page.leader_table, 0, 1)
    dialog = page.pending
    assert isinstance(dialog, LeaderPostsDialog)
    assert sum(entry.delta for entry in dialog.ledger_model.rows) == posts[0].figures.approved


def test_charter_tab_shows_the_duties_in_force(page: UnitPage, demo_db, busy_unit) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as uow:
        current = charters.charter_in_force(uow, busy_unit.id)
    assert current is not None
    page.tabs.setCurrentIndex(2)
    assert page.charter_model.index(0, 1).data() == current.document_number
    assert current.duties[0] in page.duties.toPlainText()


def test_history_tab_loads_when_opened_in_date_order(page: UnitPage, demo_db, busy_unit) -> None:  # type: ignore[no-untyped-def]
    assert page.history_model.rowCount() == 0  # not read until the tab is opened
    page.tabs.setCurrentIndex(3)
    with demo_db.read() as uow:
        events = history.unit_history(uow, busy_unit.id)
    assert page.history_model.rowCount() == len(events) > 0
    days = [event.day for event in page.history_model.rows]
    assert days == sorted(days)
    kinds = {event.what for event in events}
    assert {"编制", "入编", "三定规定"} <= kinds


# -- editing in initialisation mode ---------------------------------------------------------------
def test_adding_a_division(qtbot, page: UnitPage, demo_db, busy_unit) -> None:  # type: ignore[no-untyped-def]
    dialog = page.add_division()
    assert isinstance(dialog, DivisionDialog)
    type_text(qtbot, dialog.ui.nameEdit, "档案室")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with demo_db.read() as uow:
        names = [d.name for d in divisions.list_divisions(uow, busy_unit.id)]
    assert "档案室" in names
    assert "档案室" in [page.division_model.index(r, 1).data() for r in range(page.division_model.rowCount())]


def test_a_duplicate_division_name_is_refused_beside_the_field(
    qtbot, page: UnitPage, demo_db, busy_unit
) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as uow:
        before = divisions.list_divisions(uow, busy_unit.id)
    dialog = page.add_division()
    type_text(qtbot, dialog.ui.nameEdit, before[0].name)
    assert "已有" in dialog.ui.nameMessage.text()
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible()
    with demo_db.read() as uow:
        assert len(divisions.list_divisions(uow, busy_unit.id)) == len(before)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_abolishing_a_division_asks_first(qtbot, page: UnitPage, demo_db, busy_unit) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r, d in enumerate(page.division_model.rows) if d.name == "档案室")
    page.tabs.setCurrentIndex(1)
    page.division_table.selectRow(row)
    dialog = page.abolish_division()
    assert isinstance(dialog, AbolishDialog)
    asked: list[str] = []
    dialog.confirm = lambda _parent, what: asked.append(what) or False  # the clerk says no
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert asked == ["档案室"] and dialog.isVisible()
    with demo_db.read() as uow:
        assert any(d.name == "档案室" for d in divisions.list_divisions(uow, busy_unit.id))
    dialog.confirm = lambda _parent, what: True  # and now yes
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with demo_db.read() as uow:
        gone = [
            d
            for d in divisions.list_divisions(uow, busy_unit.id, include_abolished=True)
            if d.name == "档案室"
        ]
    assert gone[0].status == DivisionStatus.ABOLISHED


def test_recording_quota_changes_the_figure(qtbot, page: UnitPage, demo_db, busy_unit) -> None:  # type: ignore[no-untyped-def]
    row = kind_row(page, lambda line: True)
    line = page.quota_model.rows[row]
    page.quota_table.selectRow(row)
    dialog = page.record_quota()
    assert isinstance(dialog, QuotaDialog) and dialog.ui.kindCombo.currentData() == line.kind_id
    dialog.ui.amountSpin.setValue(2)
    assert f"录入后{line.figures.approved + 2}名" in dialog.ui.amountMessage.text()
    type_text(qtbot, dialog.ui.effectiveEdit, "2024-01-02")
    type_text(qtbot, dialog.ui.documentEdit, "云编办发[2024]7号")
    assert "云编办发〔2024〕7号" in dialog.ui.documentMessage.text()
    qtbot.keyClick(dialog.ui.documentEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    with demo_db.read() as uow:
        assert quota.figures(uow, busy_unit.id, line.kind_id).approved == line.figures.approved + 2
    assert page.quota_model.rows[row].figures.approved == line.figures.approved + 2


def test_issuing_a_charter_supersedes_the_one_in_force(qtbot, page: UnitPage, demo_db, busy_unit) -> None:  # type: ignore[no-untyped-def]
    dialog = page.issue_charter()
    assert isinstance(dialog, CharterDialog)
    type_text(qtbot, dialog.ui.documentEdit, "云办发〔2025〕3号")
    type_text(qtbot, dialog.ui.effectiveEdit, "2025-02-01")
    dialog.ui.dutiesEdit.setPlainText("1. 负责全县档案工作。\n2、统筹协调有关事务。")
    assert "共2项职责" in dialog.ui.dutiesMessage.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    with demo_db.read() as uow:
        current = charters.charter_in_force(uow, busy_unit.id)
    assert current is not None and current.duties == ("负责全县档案工作。", "统筹协调有关事务。")
    assert page.charter_model.index(0, 3).data() == "现行"


def test_editing_the_unit_keeps_its_history(qtbot, page: UnitPage, demo_db, busy_unit) -> None:  # type: ignore[no-untyped-def]
    dialog = page.edit_unit()
    assert isinstance(dialog, UnitDialog)
    assert dialog.ui.nameEdit.text() == busy_unit.name
    retype(qtbot, dialog.ui.shortNameEdit, "测试简称")
    qtbot.keyClick(dialog.ui.shortNameEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert page.values["规范简称"].text() == "测试简称"


def test_figure_buttons_are_disabled_once_initialisation_is_closed(qtbot, page: UnitPage, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    with demo_ctx.write() as uow:
        office.set_initialisation(uow, demo_ctx.actor, False)
        uow.commit()
    try:
        page.refresh()
        for button in (
            page.quota_button,
            page.leader_button,
            page.enroll_button,
            page.abolish_button,
            page.new_unit_button,
            page.division_button,
            page.charter_button,
            page.abolish_division_button,
        ):
            assert not button.isEnabled()
            assert "审批的机构编制事项" in button.toolTip()
        assert page.edit_button.isEnabled() and page.edit_division_button.isEnabled()
        dialog = page.edit_unit()
        assert not dialog.ui.nameEdit.isEnabled() and dialog.ui.structuralNote.isVisible()
        dialog.reject()
    finally:
        with demo_ctx.write() as uow:
            office.set_initialisation(uow, demo_ctx.actor, True)
            uow.commit()


def test_abolishing_a_unit_asks_first_and_needs_its_document(
    qtbot, page: UnitPage, demo_ctx, demo_db
) -> None:  # type: ignore[no-untyped-def]
    from bianzhi_desktop.domain.enums import Rank, UnitCategory, UnitStatus, UnitSystem

    with demo_ctx.write() as uow:
        empty = units.create_unit(
            uow,
            demo_ctx.actor,
            units.UnitInput(
                name="云溪县临时工作专班",
                category=UnitCategory.COORDINATING,
                rank=Rank.UNRANKED,
                system=UnitSystem.PARTY,
            ),
        )
        uow.commit()
    page.show_unit(empty.id)
    dialog = page.abolish_unit()
    assert isinstance(dialog, AbolishDialog)
    asked: list[str] = []
    dialog.confirm = lambda _parent, what: asked.append(what) or True
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and asked == []  # no document yet: nothing asked, nothing written
    assert "必填" in dialog.ui.documentMessage.text()
    type_text(qtbot, dialog.ui.documentEdit, "云编发〔2026〕5号")
    qtbot.keyClick(dialog.ui.documentEdit, Qt.Key.Key_Return)
    assert asked == ["云溪县临时工作专班"] and not dialog.isVisible()
    with demo_db.read() as uow:
        assert units.get_unit(uow, empty.id).status == UnitStatus.ABOLISHED
    assert "已于" in page.subtitle.text() and not page.quota_button.isEnabled()


def test_drill_down_models_pass_the_model_tester(qtbot, page: UnitPage, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    row = kind_row(page, lambda line: line.figures.enrolled > 0)
    dialog = page.open_figure(page.quota_model.index(row, ENROLLED))
    for model in (dialog.ledger_model, dialog.people_model, dialog.plans_model):
        qtmodeltester.check(model)
