"""The health check page (体检) used like a person: the check runs, the codes show their counts, a
finding opens its unit and people, is rectified and closed with a document, and the list is exported."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.gui import main_window
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.main_window import MainWindow
from bianzhi_desktop.gui.pages import health
from bianzhi_desktop.gui.pages.health import HealthPage
from bianzhi_desktop.gui.settings import Settings

from .keyboard import type_text

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(scope="module")
def page(qapp, demo_ctx: AppContext) -> Iterator[HealthPage]:  # type: ignore[no-untyped-def]
    widget = HealthPage(demo_ctx)
    widget.resize(1280, 760)
    widget.show()
    yield widget
    widget.close()
    widget.deleteLater()


@pytest.fixture
def checked(qtbot, page: HealthPage) -> HealthPage:  # type: ignore[no-untyped-def]
    if page.last_run is None:
        with qtbot.waitSignal(page.checked, timeout=60000):
            pass
    return page


def click_code(qtbot, page: HealthPage, code: FindingCode) -> None:  # type: ignore[no-untyped-def]
    item = page.codes.item(list(FindingCode).index(code) + 1)
    qtbot.mouseClick(page.codes.viewport(), LEFT, pos=page.codes.visualItemRect(item).center())


def test_the_check_runs_on_opening_and_counts_each_code(qtbot, checked: HealthPage) -> None:  # type: ignore[no-untyped-def]
    texts = [checked.codes.item(row).text() for row in range(checked.codes.count())]
    assert texts[0].startswith("全部（")
    assert "超编（3）" in texts and "超职数（1）" in texts and "到龄未出编（4）" in texts
    assert "用编计划过期未核销（1）" in texts and "一人多编（0）" in texts
    assert checked.summary.text().startswith("未销号 ")
    click_code(qtbot, checked, FindingCode.OVER_QUOTA)
    assert checked.model.rowCount() == 3
    assert {checked.model.index(r, 0).data() for r in range(3)} == {"超编"}
    assert "云溪县人民医院" in {checked.model.index(r, 1).data() for r in range(3)}


def test_filter_by_unit_text(qtbot, checked: HealthPage) -> None:  # type: ignore[no-untyped-def]
    click_code(qtbot, checked, FindingCode.OVER_QUOTA)
    type_text(qtbot, checked.search, "医院")
    assert checked.model.rowCount() == 1
    checked.search.clear()
    assert checked.model.rowCount() == 3


def test_a_finding_opens_its_people_and_its_unit(qtbot, checked: HealthPage) -> None:  # type: ignore[no-untyped-def]
    click_code(qtbot, checked, FindingCode.PAST_RETIREMENT)
    checked.table.selectRow(0)
    row = checked.current()
    assert row is not None and row.code is FindingCode.PAST_RETIREMENT
    assert "法定退休日期" in checked.detail.text()
    assert checked.people_model.rowCount() == 1
    name = checked.people_model.index(0, 0).data()
    assert row.message.startswith(name)
    rect = checked.people_table.visualRect(checked.people_model.index(0, 0))
    qtbot.mouseClick(checked.people_table.viewport(), LEFT, pos=rect.center())
    qtbot.mouseDClick(checked.people_table.viewport(), LEFT, pos=rect.center())
    qtbot.waitUntil(lambda: bool(checked.windows))
    window = checked.windows[-1]
    assert window.windowTitle() == f"人员：{name}"
    window.close()
    with qtbot.waitSignal(checked.unit_requested) as blocker:
        qtbot.mouseClick(checked.unit_button, LEFT)
    assert blocker.args == [row.unit_id]


def test_rectify_then_close_with_a_document(qtbot, checked: HealthPage) -> None:  # type: ignore[no-untyped-def]
    click_code(qtbot, checked, FindingCode.OVER_LEADER_POSTS)
    checked.table.selectRow(0)
    assert checked.rectify_button.isEnabled() and checked.close_button.isEnabled()
    qtbot.mouseClick(checked.rectify_button, LEFT)
    dialog = checked.findChild(health.RectifyDialog, "rectifyDialog")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, LEFT)  # no measures: refused, stays open
    assert "整改措施" in dialog.message.text() and dialog.isVisible()
    type_text(qtbot, dialog.note, "免去一名副局长职务")
    qtbot.mouseClick(ok, LEFT)
    assert not dialog.isVisible()
    assert checked.model.index(0, 3).data() == "整改中"
    assert "免去一名副局长职务" in checked.history.toPlainText()

    qtbot.mouseClick(checked.close_button, LEFT)
    dialog = checked.findChild(health.CloseDialog, "closeDialog")
    assert "仍发现" in dialog.message.text()
    type_text(qtbot, dialog.document, "云编办发〔2026〕99号")
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), LEFT)
    assert not dialog.isVisible()
    assert checked.model.rowCount() == 0  # 未销号 only
    checked.state_combo.setCurrentIndex(4)  # 已销号
    assert checked.model.rowCount() == 1 and checked.model.index(0, 3).data() == "已销号（仍发现）"
    checked.table.selectRow(0)
    assert "依据：云编办发〔2026〕99号" in checked.history.toPlainText()
    assert not checked.close_button.isEnabled() and not checked.rectify_button.isEnabled()
    checked.state_combo.setCurrentIndex(0)


def test_export_writes_the_findings_workbook(
    qtbot,
    checked: HealthPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    target = tmp_path / "体检问题清单.xlsx"
    monkeypatch.setattr(health, "ask_export_file", lambda parent, suggested: str(target))
    qtbot.mouseClick(checked.export_button, LEFT)
    with qtbot.waitSignal(checked.export_task.finished, timeout=30000):
        pass
    sheet = load_workbook(target).active
    assert sheet["A1"].value == "云溪县机构编制体检问题清单"
    header = [cell.value for cell in sheet[3]]
    assert header[:5] == ["序号", "问题类别", "性质", "单位", "问题说明"]
    kinds = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert kinds.count("超编") == 3 and "即将到龄" in kinds
    assert sheet.freeze_panes == "A4"


def test_the_main_window_has_the_page(qtbot, demo_ctx: AppContext, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ctx, Settings(tmp_path / "bianzhi.ini"))
    qtbot.addWidget(window)
    window.show()
    assert "health" in [spec.key for spec in window.specs]
    action = window.page_actions["health"]
    assert action.text() == main_window._tr("体检") and action.shortcut().toString() == "Ctrl+4"
    action.trigger()
    page = window.pages["health"]
    assert isinstance(page, HealthPage) and window.current_page_key() == "health"
    with qtbot.waitSignal(page.checked, timeout=60000):
        pass
    click_code(qtbot, page, FindingCode.OVER_QUOTA)
    page.table.selectRow(0)
    qtbot.mouseClick(page.unit_button, LEFT)
    assert window.current_page_key() == "unit"
