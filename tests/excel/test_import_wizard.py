"""The import wizard used as a clerk would: pick the file, read the preview, export the error report,
fix the file, import all; match columns when the headers are not recognised."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.gui import excel_actions
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.import_wizard import ERROR_BRUSH, ImportWizard
from bianzhi_desktop.persistence.models import AuditRecord, Person
from tests.gui.keyboard import type_text

from .conftest import ExcelCounty
from .workbooks import save_messy_roster, save_plain

D = dt.date
# The offscreen platform warns whenever a top-level window is shown (no window manager).
pytestmark = pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")


def rows(duplicate: bool) -> list[list[object]]:
    first = make_id_number("320102", D(1985, 6, 1), 11)
    second = first if duplicate else make_id_number("320102", D(1986, 7, 2), 13)
    return [
        ["王喆", first, "男", "清河县教育局", "行政编制", "2019.03", "清编〔2019〕3号", "办公室"],
        ["李堃", second, "男", "清河县教育局", "行政编制", "2019年3月", "清编〔2019〕4号", ""],
    ]


def persons(xc: ExcelCounty) -> int:
    with xc.db.read() as uow:
        return uow.session.scalar(select(func.count(Person.id))) or 0


def wait_task(qtbot: QtBot, wizard: ImportWizard) -> None:
    qtbot.waitUntil(lambda: wizard.task is not None and wizard.task.done, timeout=20000)


@pytest.fixture
def wizard(xc: ExcelCounty, qtbot: QtBot) -> ImportWizard:
    dialog = ImportWizard(AppContext(xc.db, xc.county.clerk), "roster")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_preview_errors_report_fix_and_import(
    xc: ExcelCounty, wizard: ImportWizard, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = save_messy_roster(tmp_path / "花名册.xlsx", rows(duplicate=True))
    type_text(qtbot, wizard.path_edit, str(path))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_task(qtbot, wizard)
    assert wizard.pages.currentIndex() == 2
    assert "1处错误" in wizard.summary.text()
    assert not wizard.import_button.isEnabled()
    model = wizard.model
    assert model.rowCount() == 2
    second = model.index(1, 4)  # 行号, 问题, 序号, 姓名, 身份证号码
    assert model.headerData(4, Qt.Orientation.Horizontal) == "身份证号码"
    assert model.data(second, Qt.ItemDataRole.BackgroundRole) == ERROR_BRUSH
    assert "一人多编" in model.data(model.index(1, 1))
    wizard.grab().save(str(tmp_path / "wizard.png"))

    report = tmp_path / "错误报告.xlsx"
    monkeypatch.setattr(excel_actions, "ask_save_file", lambda *_args: str(report))
    monkeypatch.setattr("PySide6.QtWidgets.QMessageBox.information", lambda *_args: None)
    qtbot.mouseClick(wizard.report_button, Qt.MouseButton.LeftButton)
    assert load_workbook(report).active["A4"].value == 6

    save_messy_roster(path, rows(duplicate=False))  # the clerk fixes the file and reads it again
    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_task(qtbot, wizard)
    assert wizard.import_button.isEnabled()
    with qtbot.waitSignal(wizard.imported, timeout=20000):
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.result_text == "已导入2人。"
    assert persons(xc) == 2
    with xc.db.read() as uow:
        assert uow.session.scalar(select(func.count()).where(AuditRecord.action == "import.roster")) == 1
    wizard.done_box.accept()


def test_unknown_headers_are_matched_by_hand(
    xc: ExcelCounty, wizard: ImportWizard, qtbot: QtBot, tmp_path: Path
) -> None:
    number = make_id_number("320102", D(1985, 6, 1), 11)
    path = save_plain(
        tmp_path / "a.xlsx",
        [
            ["姓名", "号码", "单位", "编制类型", "入编时间", "入编文号"],
            ["王喆", number, "清河县教育局", "行政编制", "2019-03-01", "清编〔2019〕3号"],
        ],
    )
    wizard.path_edit.setText(str(path))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_task(qtbot, wizard)
    assert wizard.pages.currentIndex() == 1
    assert "公民身份号码" in wizard.mapping_intro.text()
    box = wizard.mapping_boxes["id_number"]
    box.setCurrentIndex(box.findText("B列 号码"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_task(qtbot, wizard)
    assert wizard.pages.currentIndex() == 2 and wizard.import_button.isEnabled()


def test_an_unreadable_file_shows_a_message_and_the_wizard_stays(
    xc: ExcelCounty, wizard: ImportWizard, qtbot: QtBot, tmp_path: Path
) -> None:
    from bianzhi_desktop.gui.tasks import error_boxes

    bad = tmp_path / "坏文件.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    wizard.path_edit.setText(str(bad))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_task(qtbot, wizard)
    boxes = error_boxes()
    assert any("坏文件.xlsx" in box.text() and "不是Excel工作簿" in box.text() for box in boxes)
    assert wizard.pages.currentIndex() == 0 and wizard.isVisible()
    for box in boxes:
        box.close()
    assert persons(xc) == 0


def test_export_from_the_data_menu_and_the_unit_page(
    xc: ExcelCounty, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bianzhi_desktop.gui.main_window import MainWindow
    from bianzhi_desktop.gui.pages.unit import UnitPage
    from bianzhi_desktop.gui.settings import Settings

    ctx = AppContext(xc.db, xc.county.clerk)
    window = MainWindow(ctx, Settings(tmp_path / "bianzhi.ini"))
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert "数据(&D)" in menus and menus.index("数据(&D)") < menus.index("帮助(&H)")
    target = tmp_path / "汇总.xlsx"
    monkeypatch.setattr(excel_actions, "ask_save_file", lambda *_args: str(target))
    summary = window.findChild(type(window.menuBar().actions()[0]), "exportSummaryAction")
    summary.trigger()
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "exportDoneBox") is not None, timeout=20000)
    assert load_workbook(target).active["A1"].value == "清河县机构编制使用情况汇总表"

    page = UnitPage(ctx)
    qtbot.addWidget(page)
    page.show_unit(xc.bureau)
    roster = tmp_path / "教育局.xlsx"
    monkeypatch.setattr(excel_actions, "ask_save_file", lambda *_args: str(roster))
    button = page.findChild(type(page.findChild(object, "unitExportButton")), "unitExportButton")
    button.menu().actions()[0].trigger()
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, "exportDoneBox") is not None, timeout=20000)
    assert load_workbook(roster).active["A1"].value == "清河县教育局实名制人员花名册"
    for box in page.findChildren(QMessageBox) + window.findChildren(QMessageBox):
        box.close()


def test_assumptions_are_grouped_and_the_batch_questions_asked_once(
    xc: ExcelCounty, wizard: ImportWizard, qtbot: QtBot, tmp_path: Path
) -> None:
    women = [make_id_number("320102", D(1990, 4, 12), 2 * n) for n in range(1, 4)]
    path = save_plain(
        tmp_path / "花名册.xlsx",
        [["姓名", "身份证号", "出生年月", "单位", "编制类型", "入编时间"]]
        + [[f"王芳{'一二三'[n]}", number, "1990.04", "清河县第一中学", "事业编制", "2012.09"] for n, number in enumerate(women)],
    )  # fmt: skip
    type_text(qtbot, wizard.path_edit, str(path))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wait_task(qtbot, wizard)
    texts = [wizard.groups.item(i).text() for i in range(wizard.groups.count())]
    assert (
        "【提醒】3行：未填写原法定退休年龄类别，已按编制类型设定（工勤编制为原50岁，其他为原55岁）（第2、3、4行）"
        in texts
    )
    assert wizard.import_button.isEnabled()
    wizard.grab().save(str(tmp_path / "wizard-assumptions.png"))
    # the clerk answers once for the batch: a basis title of their own and women's category 50
    wizard.basis_edit.clear()
    type_text(qtbot, wizard.basis_edit, "实名制信息初始化（2026年12月）")
    wizard.retirement_combo.setCurrentIndex(2)
    first = wizard.task
    qtbot.mouseClick(wizard.recheck_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.task is not first and wizard.task.done, timeout=20000)

    def answered() -> bool:
        texts = [wizard.groups.item(i).text() for i in range(wizard.groups.count())]
        return any("已按本批默认类别设定" in text for text in texts)

    qtbot.waitUntil(answered, timeout=20000)
    # double-clicking a group shows only its rows
    wizard._show_group(wizard.groups.item(0))
    assert wizard.model.rowCount() == 3
    with qtbot.waitSignal(wizard.imported, timeout=20000):
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    wizard.done_box.accept()
    with xc.db.read() as uow:
        assert set(uow.session.scalars(select(Person.retirement_category))) == {"female_50"}
