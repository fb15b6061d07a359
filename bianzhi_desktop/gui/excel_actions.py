"""Excel in and out from the program: the 数据 menu of the main window, the export button of the unit
page. The work runs on the task runner; file names are asked with `ask_save_file` / `ask_open_file`,
which tests replace."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QMessageBox, QToolButton, QWidget

from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.tasks import Task, run_task, show_error

XLSX_FILTER = "Excel 工作簿 (*.xlsx)"
OPEN_FILTER = "Excel 工作簿 (*.xlsx *.xlsm *.xls *.xlsb *.et *.ods);;所有文件 (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("excel", text)


def ask_save_file(parent: QWidget, title: str, suggested: str) -> str | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(folder) / suggested), _tr(XLSX_FILTER))
    if path and not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    return path or None


def ask_open_file(parent: QWidget, title: str) -> str | None:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, _tr(OPEN_FILTER))
    return path or None


def _done(parent: QWidget, title: str, text: str) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("exportDoneBox")
    box.open()
    return box


def run_export(
    parent: QWidget,
    ctx: AppContext,
    title: str,
    suggested: str,
    export: Callable[..., Any],
    describe: Callable[[Any, str], str],
    **kwargs: object,
) -> Task | None:
    """Ask for the file, then write it on the task runner (the export leaves an audit record)."""
    path = ask_save_file(parent, title, suggested)
    if not path:
        return None

    def work(progress, _cancelled):  # type: ignore[no-untyped-def]
        with ctx.write() as uow:
            if "progress" in kwargs:
                kwargs["progress"] = progress
            result = export(uow, ctx.actor, path, **kwargs)
            uow.commit()
        return result

    return run_task(
        parent,
        title,
        work,
        lambda result: _done(parent, title, describe(result, path)),
        lambda error: show_error(parent, title, error),
        label=_tr("正在写入 {0} ……").format(Path(path).name),
    )


def _stamp() -> str:
    return dt.date.today().strftime("%Y%m%d")


def export_county_roster(parent: QWidget, ctx: AppContext) -> Task | None:
    from bianzhi_desktop.services import exchange  # openpyxl is loaded only when an export is asked for

    return run_export(
        parent,
        ctx,
        _tr("导出全县花名册"),
        _tr("全县实名制花名册-{0}.xlsx").format(_stamp()),
        exchange.export_roster,
        lambda count, path: _tr("已导出{0}人：\n{1}").format(count, path),
        progress=None,
    )


def export_summary(parent: QWidget, ctx: AppContext) -> Task | None:
    from bianzhi_desktop.services import exchange

    return run_export(
        parent,
        ctx,
        _tr("导出编制使用情况汇总表"),
        _tr("编制使用情况汇总表-{0}.xlsx").format(_stamp()),
        exchange.export_summary,
        lambda count, path: _tr("已导出{0}行：\n{1}").format(count, path),
    )


def export_ledger(parent: QWidget, ctx: AppContext) -> Task | None:
    from bianzhi_desktop.services import exchange

    return run_export(
        parent,
        ctx,
        _tr("导出机构编制台账"),
        _tr("机构编制台账-{0}.xlsx").format(_stamp()),
        exchange.export_ledger,
        lambda counts, path: _tr(
            "已导出机构{0}个、内设机构{1}个、编制台账{2}条、领导职数台账{3}条：\n{4}"
        ).format(*counts, path),
    )


def export_unit_roster(parent: QWidget, ctx: AppContext, unit_id: int, unit_name: str) -> Task | None:
    from bianzhi_desktop.services import exchange

    return run_export(
        parent,
        ctx,
        _tr("导出本单位花名册"),
        _tr("{0}花名册-{1}.xlsx").format(unit_name, _stamp()),
        exchange.export_roster,
        lambda count, path: _tr("已导出{0}人：\n{1}").format(count, path),
        unit_id=unit_id,
        progress=None,
    )


def export_unit_posting(parent: QWidget, ctx: AppContext, unit_id: int, unit_name: str) -> Task | None:
    from bianzhi_desktop.services import exchange

    return run_export(
        parent,
        ctx,
        _tr("导出实名制公示表"),
        _tr("{0}实名制公示表-{1}.xlsx").format(unit_name, _stamp()),
        exchange.export_posting,
        lambda count, path: _tr("已导出{0}人：\n{1}").format(count, path),
        unit_id=unit_id,
    )


def open_import(parent: QWidget, ctx: AppContext, kind: str, on_imported: Callable[[], None] | None = None):  # type: ignore[no-untyped-def]
    from bianzhi_desktop.gui.dialogs.import_wizard import ImportWizard

    wizard = ImportWizard(ctx, kind, parent)
    if on_imported is not None:
        wizard.imported.connect(on_imported)
    wizard.open()
    return wizard


def install_data_menu(window: QMainWindow) -> QMenu:
    """The 数据 menu: imports and county-wide exports (the hook in MainWindow._build_actions)."""
    ctx: AppContext = window.ctx  # type: ignore[attr-defined]
    menu = QMenu(_tr("数据(&D)"), window)
    menu.setObjectName("dataMenu")
    refresh = getattr(window, "refresh", None)
    for text, name, slot in (
        (_tr("导入花名册…"), "importRosterAction", lambda: open_import(window, ctx, "roster", refresh)),
        (_tr("导入机构编制台账…"), "importLedgerAction", lambda: open_import(window, ctx, "ledger", refresh)),
        (
            _tr("从名单起草出编事项…"),
            "draftRemovalsAction",
            lambda: open_import(window, ctx, "removals", refresh),
        ),
        (None, "", None),
        (_tr("导出全县花名册…"), "exportCountyRosterAction", lambda: export_county_roster(window, ctx)),
        (_tr("导出编制使用情况汇总表…"), "exportSummaryAction", lambda: export_summary(window, ctx)),
        (_tr("导出机构编制台账…"), "exportLedgerAction", lambda: export_ledger(window, ctx)),
    ):
        if text is None:
            menu.addSeparator()
            continue
        action = menu.addAction(text)
        action.setObjectName(name)
        action.triggered.connect(lambda _checked=False, slot=slot: slot())
    help_menu = next((a for a in window.menuBar().actions() if a.text().startswith(_tr("帮助"))), None)
    if help_menu is not None:
        window.menuBar().insertMenu(help_menu, menu)
    else:
        window.menuBar().addMenu(menu)
    return menu


def unit_export_button(page: QWidget) -> QToolButton:
    """The unit page's 导出 button: the unit's roster or its public posting (公示表)."""
    button = QToolButton(page)
    button.setObjectName("unitExportButton")
    button.setText(_tr("导出"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)

    def current() -> tuple[int, str] | None:
        unit = getattr(page, "unit", None)
        return (unit.id, unit.name) if unit is not None else None

    roster = menu.addAction(_tr("本单位花名册…"))
    roster.setObjectName("exportUnitRosterAction")
    roster.triggered.connect(
        lambda _checked=False: (u := current()) and export_unit_roster(page, page.ctx, *u)  # type: ignore[attr-defined]
    )
    posting = menu.addAction(_tr("实名制公示表…"))
    posting.setObjectName("exportPostingAction")
    posting.triggered.connect(
        lambda _checked=False: (u := current()) and export_unit_posting(page, page.ctx, *u)  # type: ignore[attr-defined]
    )
    button.setMenu(menu)
    return button
