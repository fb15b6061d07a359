"""One look for every workbook the program writes: a title row, a bold framed header row that stays
frozen and repeats on every printed page, column widths from the content, ID numbers as text, A4
landscape fitted to the page width.

Use with openpyxl write-only workbooks (fast for 40,000 rows) through `SheetWriter`:

    book = Workbook(write_only=True)
    sheet = SheetWriter(book, "花名册", title="云溪县实名制花名册", columns=[
        Column("姓名", 10), Column("公民身份号码", 20, text=True), Column("入编时间", 12, date=True)])
    for row in rows:
        sheet.append(row)
    book.save(path)

Print set-up (A4 landscape, title and header rows repeated) is set when the sheet is made, because a
write-only sheet writes its properties with its first row.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

FONT_NAME = "宋体"
TITLE_FONT = Font(name=FONT_NAME, size=16, bold=True)
HEADER_FONT = Font(name=FONT_NAME, size=11, bold=True)
BODY_FONT = Font(name=FONT_NAME, size=11)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's own "bad" red
WARNING_FILL = PatternFill("solid", fgColor="FFEB9C")  # Excel's own "neutral" yellow
_THIN = Side(style="thin", color="808080")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center")
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"


@dataclass(frozen=True)
class Column:
    """One column: its header, width in characters (None: from the content), and how cells look."""

    header: str
    width: float | None = None
    text: bool = False  # stored as text, shown as typed (ID numbers, document numbers)
    date: bool = False
    number: bool = False


def display_width(value: object) -> int:
    """Width of a value in Excel's character units (a Chinese character counts two)."""
    if value is None:
        return 0
    if isinstance(value, dt.date):
        return 10
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in str(value))


class SheetWriter:
    """A styled sheet of a write-only workbook: title row, header row, body rows."""

    def __init__(
        self,
        book: Workbook,
        name: str,
        *,
        title: str,
        columns: Sequence[Column],
        subtitle: str = "",
        sample_rows: Iterable[Sequence[object]] = (),
    ) -> None:
        self.sheet: Worksheet = book.create_sheet(title=name[:31])
        self.columns = list(columns)
        self.rows_written = 0
        # Widths must be set before the first row of a write-only sheet.
        widths = [max(display_width(c.header) + 2, 6) for c in self.columns]
        for row in sample_rows:
            for i, value in enumerate(row[: len(widths)]):
                widths[i] = max(widths[i], min(display_width(value) + 2, 60))
        for i, column in enumerate(self.columns, start=1):
            self.sheet.column_dimensions[get_column_letter(i)].width = column.width or widths[i - 1]
        self.header_row = 2 if not subtitle else 3
        self.sheet.freeze_panes = f"A{self.header_row + 1}"
        # A write-only sheet writes its properties with the first row: print set-up goes first.
        setup_print(self.sheet, self.header_row)
        self._append_title(title, subtitle)
        self._append_header()

    def _append_title(self, title: str, subtitle: str) -> None:
        last = get_column_letter(max(len(self.columns), 1))
        cell = WriteOnlyCell(self.sheet, value=title)
        cell.font = TITLE_FONT
        cell.alignment = CENTER
        self.sheet.row_dimensions[1].height = 30
        self.sheet.append([cell])
        self.sheet.merged_cells.add(f"A1:{last}1")
        if subtitle:
            cell = WriteOnlyCell(self.sheet, value=subtitle)
            cell.font = BODY_FONT
            cell.alignment = Alignment(horizontal="right", vertical="center")
            self.sheet.append([cell])
            self.sheet.merged_cells.add(f"A2:{last}2")

    def _append_header(self) -> None:
        cells = []
        for column in self.columns:
            cell = WriteOnlyCell(self.sheet, value=column.header)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = CENTER
            cells.append(cell)
        self.sheet.row_dimensions[self.header_row].height = 22
        self.sheet.append(cells)

    def append(self, values: Sequence[object]) -> None:
        cells = []
        for column, value in zip(self.columns, values, strict=True):
            if column.text and value is not None and not isinstance(value, str):
                value = str(value)
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.font = BODY_FONT
            cell.border = BORDER
            if column.text:
                cell.number_format = TEXT_FORMAT
            elif column.date and isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
                cell.alignment = LEFT
            cells.append(cell)
        self.sheet.append(cells)
        self.rows_written += 1

    def append_total(self, values: Sequence[object]) -> None:
        """A bold closing row (合计)."""
        cells = []
        for value in values:
            cell = WriteOnlyCell(self.sheet, value=value)
            cell.font = HEADER_FONT
            cell.border = BORDER
            cells.append(cell)
        self.sheet.append(cells)


def setup_print(sheet: Worksheet, header_row: int) -> None:
    """A4 landscape, one page wide, rows 1..header_row repeated on every printed page, page numbers."""
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"1:{header_row}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
