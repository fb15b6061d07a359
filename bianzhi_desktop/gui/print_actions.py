"""Printing from the program: the unit page's 打印 button (机构编制情况表, 实名制公示表) and the File
menu's 批量打印通知单… (all notices of one kind in one month as one PDF). The PDF is built on the
task runner, then shown in the print preview (print, save as PDF).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMainWindow,
    QMenu,
    QToolButton,
    QWidget,
)

from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.print_preview import PrintPreviewDialog
from bianzhi_desktop.gui.tasks import Task, run_task, show_error


def _tr(text: str) -> str:
    return QCoreApplication.translate("print", text)


def show_preview(parent: QWidget, pdf: bytes, title: str, file_name: str) -> PrintPreviewDialog:
    from bianzhi_desktop.documents.pdf.fonts import font_report

    dialog = PrintPreviewDialog(pdf, title, parent, file_name=file_name, fonts=font_report())
    parent.print_preview = dialog  # type: ignore[attr-defined]  # the last preview (tests look at it)
    dialog.open()
    return dialog


def run_print(
    parent: QWidget,
    title: str,
    build: Callable[[Callable[[int, int, str], None]], bytes],
    file_name: str,
    *,
    on_printed: Callable[[], None] | None = None,
) -> Task:
    """Build the PDF on the task runner, then open the preview (`on_printed` once it is printed or saved)."""

    def work(progress, _cancelled) -> Any:  # type: ignore[no-untyped-def]
        return build(progress)

    def preview(pdf: bytes) -> None:
        dialog = show_preview(parent, pdf, title, file_name)
        if on_printed is not None:
            dialog.printed.connect(on_printed)

    return run_task(parent, title, work, preview, label=_tr("正在生成 {0} ……").format(title))


# -- the unit page ----------------------------------------------------------------------------------
def print_unit_sheet(page: QWidget, ctx: AppContext, unit_id: int, unit_name: str) -> Task:
    from bianzhi_desktop.documents.pdf.sheets import render_unit_sheet
    from bianzhi_desktop.services import paperwork

    def build(_progress) -> bytes:  # type: ignore[no-untyped-def]
        with ctx.read() as uow:
            data = paperwork.unit_sheet(uow, unit_id)
        return render_unit_sheet(data) or b""

    return run_print(
        page,
        _tr("{0}机构编制情况表").format(unit_name),
        build,
        _tr("{0}机构编制情况表.pdf").format(unit_name),
    )


def print_public_roster(page: QWidget, ctx: AppContext, unit_id: int, unit_name: str) -> Task:
    from bianzhi_desktop.documents.pdf.sheets import render_public_roster
    from bianzhi_desktop.services import paperwork

    def build(progress) -> bytes:  # type: ignore[no-untyped-def]
        with ctx.read() as uow:
            data = paperwork.public_roster(uow, unit_id)
        return render_public_roster(data, progress=progress) or b""

    return run_print(
        page, _tr("{0}实名制公示表").format(unit_name), build, _tr("{0}实名制公示表.pdf").format(unit_name)
    )


def unit_print_button(page: QWidget) -> QToolButton:
    """The unit page's 打印 button with its two sheets (the hook in UnitPage._build_buttons)."""
    button = QToolButton(page)
    button.setObjectName("unitPrintButton")
    button.setText(_tr("打印"))
    button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
    menu = QMenu(button)

    def current() -> tuple[AppContext, int, str] | None:
        unit = getattr(page, "unit", None)
        return (page.ctx, unit.id, unit.name) if unit is not None else None  # type: ignore[attr-defined]

    sheet = menu.addAction(_tr("打印机构编制情况表…"))
    sheet.setObjectName("printUnitSheetAction")
    sheet.triggered.connect(lambda: (args := current()) and print_unit_sheet(page, *args))
    roster = menu.addAction(_tr("打印实名制公示表…"))
    roster.setObjectName("printPublicRosterAction")
    roster.triggered.connect(lambda: (args := current()) and print_public_roster(page, *args))
    button.setMenu(menu)
    return button


# -- batches of notices ------------------------------------------------------------------------------
KINDS = (("enrollment", "入编通知单"), ("removal", "出编通知单"), ("hiring", "用编核准通知单"))


class NoticeBatchDialog(QDialog):
    """Which notices (kind and month) to print as one PDF."""

    def __init__(self, parent: QWidget | None = None, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBatchDialog")
        self.setWindowTitle(_tr("批量打印通知单"))
        self.kind = QComboBox()
        self.kind.setObjectName("noticeKind")
        for code, label in KINDS:
            self.kind.addItem(_tr(label), code)
        self.month = QDateEdit()
        self.month.setObjectName("noticeMonth")
        self.month.setDisplayFormat("yyyy年M月")
        self.month.setCalendarPopup(True)
        day = today or dt.date.today()
        self.month.setDate(QDate(day.year, day.month, 1))
        form = QFormLayout(self)
        form.addRow(_tr("通知单种类"), self.kind)
        form.addRow(_tr("月份"), self.month)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_tr("生成并预览"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.setMinimumWidth(360)

    def period(self) -> tuple[dt.date, dt.date]:
        first = self.month.date().toPython().replace(day=1)
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first, following - dt.timedelta(days=1)

    def kind_code(self) -> str:
        return str(self.kind.currentData())


def print_notice_batch(
    parent: QWidget, ctx: AppContext, kind_code: str, since: dt.date, until: dt.date
) -> Task:
    from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
    from bianzhi_desktop.documents.pdf.notices import render_notices
    from bianzhi_desktop.services import paperwork

    kind = NoticeKind(kind_code)
    month = f"{since.year}年{since.month}月"

    ids: list[int] = []

    def build(progress) -> bytes:  # type: ignore[no-untyped-def]
        with ctx.read() as uow:
            ids[:] = paperwork.notice_ids(uow, kind, since=since, until=until)
            items = paperwork.notices(uow, kind, since=since, until=until, progress=progress)
        if not items:
            raise BianzhiError(_tr("{0}没有{1}。").format(month, kind.label))
        return render_notices(items, title=f"{month}{kind.label}", progress=progress) or b""

    def record() -> None:  # printed or saved: the next print of these notices is 补打
        try:
            with ctx.write() as uow:
                paperwork.record_printed(uow, ctx.actor, kind, ids)
                uow.commit()
        except BianzhiError as error:
            show_error(parent, _tr("记录打印"), error)

    return run_print(parent, f"{month}{kind.label}", build, f"{month}{kind.label}.pdf", on_printed=record)


def ask_notice_batch(window: QWidget, ctx: AppContext) -> NoticeBatchDialog:
    dialog = NoticeBatchDialog(window)
    window.notice_batch_dialog = dialog  # type: ignore[attr-defined]
    dialog.accepted.connect(lambda: print_notice_batch(window, ctx, dialog.kind_code(), *dialog.period()))
    dialog.open()
    return dialog


def install_print_menu(window: QMainWindow, file_menu: QMenu) -> QAction:
    """文件 → 批量打印通知单… (the hook in MainWindow._build_actions)."""
    ctx: AppContext = window.ctx  # type: ignore[attr-defined]
    action = QAction(_tr("批量打印通知单…"), window)
    action.setObjectName("printNoticeBatchAction")
    action.setShortcut("Ctrl+P")
    action.triggered.connect(lambda: ask_notice_batch(window, ctx))
    file_menu.addAction(action)
    return action
