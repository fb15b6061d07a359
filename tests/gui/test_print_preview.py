"""Print preview (QtPdf), printing through an injected printer dialog, save as PDF, and the print
entry points: the unit page's 打印 button and the batch of notices of a month."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog, QWidget

from bianzhi_desktop.documents.pdf.notices import render_notices
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.print_actions import ask_notice_batch, print_unit_sheet, unit_print_button
from bianzhi_desktop.gui.print_preview import PrintPreviewDialog
from bianzhi_desktop.gui.tasks import error_boxes
from bianzhi_desktop.persistence.database import open_database
from tests.conftest import make_county
from tests.pdf.samples import NAMES, enrollment
from tests.pdf.test_paperwork_service import build_school


@pytest.fixture(scope="module")
def pdf() -> bytes:
    data = render_notices(
        [enrollment(name, serial=f"清编入〔2026〕{i}号") for i, name in enumerate(NAMES[:3], 1)]
    )
    assert data is not None
    return data


@pytest.fixture(scope="module")
def school_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppContext, dict[str, int]]]:
    database = open_database(tmp_path_factory.mktemp("print") / "county.sqlite3")
    county = make_county(database)
    ids = build_school(county)
    yield AppContext(database, county.admin), ids
    database.close()


class FakePrintDialog(QDialog):
    """Stands in for QPrintDialog: prints into a PDF file, or is cancelled."""

    def __init__(self, printer: QPrinter, parent: QWidget, out: Path | None, pages: tuple[int, int]) -> None:
        super().__init__(parent)
        self.printer, self.out = printer, out
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out or ""))
        printer.setFromTo(*pages)

    def exec(self) -> int:  # type: ignore[override]
        return int(QDialog.DialogCode.Accepted if self.out else QDialog.DialogCode.Rejected)


def test_preview_shows_every_page_and_saves_as_pdf(qtbot, pdf: bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    asked: list[str] = []

    def ask(_parent, suggested: str) -> str:  # type: ignore[no-untyped-def]
        asked.append(suggested)
        return str(tmp_path / "saved")

    dialog = PrintPreviewDialog(
        pdf,
        "入编通知单",
        file_name="入编通知单.pdf",
        ask_save_path=ask,
        fonts=["正文（仿宋）：AR PL UMing（本机未安装仿宋_GB2312、仿宋，以此字体代替）"],
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.page_count() == 3
    assert dialog.info.text().startswith("共 3 页")
    assert "替代字体" in dialog.info.text() and "AR PL UMing" in dialog.info.toolTip()
    saved = dialog.save_as()
    assert asked == ["入编通知单.pdf"]
    assert saved == tmp_path / "saved.pdf" and saved.read_bytes() == pdf
    dialog.grab().save(str(tmp_path / "preview.png"))


def test_save_as_cancelled_writes_nothing(qtbot, pdf: bytes) -> None:  # type: ignore[no-untyped-def]
    dialog = PrintPreviewDialog(pdf, "入编通知单", ask_save_path=lambda _parent, _name: "")
    qtbot.addWidget(dialog)
    assert dialog.save_as() is None


def test_print_sends_the_chosen_pages_to_the_printer(qtbot, pdf: bytes, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "printed.pdf"
    dialog = PrintPreviewDialog(
        pdf, "入编通知单", print_dialog=lambda printer, parent: FakePrintDialog(printer, parent, out, (2, 3))
    )
    qtbot.addWidget(dialog)
    assert dialog.print_document() == 2
    with pdfplumber.open(out) as printed:
        assert len(printed.pages) == 2
        assert printed.pages[0].width / 72 * 25.4 == pytest.approx(210, abs=1)
    cancelled = PrintPreviewDialog(
        pdf, "入编通知单", print_dialog=lambda printer, parent: FakePrintDialog(printer, parent, None, (1, 1))
    )
    qtbot.addWidget(cancelled)
    assert cancelled.print_document() == 0


def test_unit_page_print_button_opens_the_unit_sheet(qtbot, school_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx, ids = school_ctx
    page = QWidget()
    qtbot.addWidget(page)
    button = unit_print_button(page)
    labels = [action.text() for action in button.menu().actions()]
    assert labels == ["打印机构编制情况表…", "打印实名制公示表…"]
    task = print_unit_sheet(page, ctx, ids["unit"], "清河县教育局")
    qtbot.waitUntil(lambda: task.done, timeout=20000)
    preview = page.print_preview  # type: ignore[attr-defined]
    assert preview.windowTitle() == "清河县教育局机构编制情况表"
    assert preview.page_count() == 1
    preview.close()


def test_batch_of_a_month_previews_every_notice_and_an_empty_month_says_so(qtbot, school_ctx) -> None:  # type: ignore[no-untyped-def]
    ctx, _ids = school_ctx
    window = QWidget()
    qtbot.addWidget(window)
    dialog = ask_notice_batch(window, ctx)
    dialog.kind.setCurrentIndex(dialog.kind.findData("enrollment"))
    dialog.month.setDate(dt.date(2021, 4, 15))
    assert dialog.period() == (dt.date(2021, 4, 1), dt.date(2021, 4, 30))
    dialog.accept()
    qtbot.waitUntil(lambda: hasattr(window, "print_preview"), timeout=20000)
    assert window.print_preview.page_count() == 1  # type: ignore[attr-defined]
    assert window.print_preview.windowTitle() == "2021年4月入编通知单"  # type: ignore[attr-defined]
    window.print_preview.close()  # type: ignore[attr-defined]

    empty = ask_notice_batch(window, ctx)
    empty.kind.setCurrentIndex(empty.kind.findData("removal"))
    empty.month.setDate(dt.date(2021, 1, 1))
    empty.accept()
    qtbot.waitUntil(lambda: bool(error_boxes()), timeout=20000)
    box = error_boxes()[0]
    assert box.text() == "2021年1月没有出编通知单。"
    box.close()
