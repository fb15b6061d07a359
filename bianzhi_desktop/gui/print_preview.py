"""Print preview of a generated PDF: view it (QtPdf), print it through the system printer dialog, or
save it as a PDF file. QtPdf is imported when the dialog opens, not at program start.

The printer dialog and the save-file question are injectable (`print_dialog`, `ask_save_path`) so
tests never open real system dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

PrintDialogFactory = Callable[[QPrinter, QWidget], QDialog]
SavePathAsker = Callable[[QWidget, str], str]
PRINT_DPI = 300


def _default_print_dialog(printer: QPrinter, parent: QWidget) -> QDialog:
    return QPrintDialog(printer, parent)


def _default_save_path(parent: QWidget, suggested: str) -> str:
    path, _filter = QFileDialog.getSaveFileName(
        parent, parent.tr("另存为 PDF"), suggested, "PDF 文件 (*.pdf)"
    )
    return path


class PrintPreviewDialog(QDialog):
    """Shows one PDF (bytes) with 打印… / 另存为 PDF… / 关闭. `printed` is emitted once pages went to a
    printer or the PDF was saved (notices then count as printed: the next print of one is 补打)."""

    printed = Signal()

    def __init__(
        self,
        pdf: bytes,
        title: str,
        parent: QWidget | None = None,
        *,
        file_name: str = "文书.pdf",
        fonts: list[str] | None = None,
        print_dialog: PrintDialogFactory = _default_print_dialog,
        ask_save_path: SavePathAsker = _default_save_path,
    ) -> None:
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView

        self.setObjectName("printPreview")
        self.setWindowTitle(title)
        self.pdf = pdf
        self.file_name = file_name
        self._print_dialog = print_dialog
        self._ask_save_path = ask_save_path
        self._bytes = QByteArray(pdf)
        self._buffer = QBuffer(self._bytes, self)
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.info = QLabel(self.tr("共 {0} 页").format(self.document.pageCount()))
        self.info.setObjectName("pageCount")
        if fonts:
            self.info.setToolTip("\n".join(fonts))
            substitutes = sum("代替" in line for line in fonts)
            if substitutes:
                self.info.setText(
                    self.info.text()
                    + self.tr("　（{0} 种公文字体本机未安装，已用替代字体，详见提示）").format(substitutes)
                )
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setObjectName("printButton")
        self.print_button.clicked.connect(lambda _checked=False: self.print_document())
        self.save_button = QPushButton(self.tr("另存为 PDF…"))
        self.save_button.setObjectName("savePdfButton")
        self.save_button.clicked.connect(lambda _checked=False: self.save_as())
        close = QPushButton(self.tr("关闭"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.info, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(820, 960)

    def page_count(self) -> int:
        return self.document.pageCount()

    def save_as(self) -> Path | None:
        """Ask where, then write the PDF there; returns the path written (None when cancelled)."""
        chosen = self._ask_save_path(self, self.file_name)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        try:
            path.write_bytes(self.pdf)
        except OSError as error:
            QMessageBox.warning(
                self,
                self.windowTitle(),
                self.tr("无法保存到“{0}”：{1}").format(str(path), error.strerror or str(error)),
            )
            return None
        self.printed.emit()
        return path

    def print_document(self) -> int:
        """Ask for a printer (and pages), then print; returns the number of pages sent (0 when cancelled)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.windowTitle())
        printer.setFromTo(1, self.page_count())
        dialog = self._print_dialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return 0
        pages = self.render_to(printer)
        if pages:
            self.printed.emit()
        return pages

    def render_to(self, printer: QPrinter) -> int:
        """Render the chosen pages into the printer at 300 dpi, each page fitted to the paper."""
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0:
            first, last = 1, self.page_count()
        painter = QPainter()
        if not painter.begin(printer):
            QMessageBox.warning(self, self.windowTitle(), self.tr("无法开始打印，请检查打印机。"))
            return 0
        printed = 0
        try:
            for number in range(first, last + 1):
                index = number - 1
                points = self.document.pagePointSize(index)
                size = QSize(round(points.width() / 72 * PRINT_DPI), round(points.height() / 72 * PRINT_DPI))
                image = self.document.render(index, size)
                target = painter.viewport()
                scaled = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
                painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
                painter.setWindow(image.rect())
                painter.drawImage(0, 0, image)
                painter.setViewport(target)
                printed += 1
                if number < last:
                    printer.newPage()
        finally:
            painter.end()
        return printed
