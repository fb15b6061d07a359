"""One look for every workbook the program writes: a title row, a bold framed header row that stays
frozen and repeats on every printed page, column widths from the content, ID numbers as text, A4
landscape fitted to the page width.

Use with openpyxl write-only workbooks (fast for 40,000 rows) through `SheetWriter`:

    book = Workbook(write_only=True)
    sheet = SheetWriter(book, "花名册", title="云溪县实名制花名册", columns=[
        Column("姓名", 10), Column("公民身份号码", 20, text=True), Column("入编时间", 12, date=True)])
    for row in rows:
        sheet.append(row)
    save_book(book, path, [sheet])   # NOT book.save(): the body rows go in here

Body rows are kept as sheet XML and written by `save_book` (openpyxl's per-cell objects cost ~1 s per
5,000 rows; this ~0.1 s). Print set-up (A4 landscape, title and header rows repeated) is set when the sheet is made, because a
write-only sheet writes its properties with its first row.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

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
        self.book = book
        self.index = len(book.worksheets) - 1
        self._styles: list[int] | None = None
        self._bold: int | None = None
        # body rows as UTF-8 sheet XML in a temporary file: a 40,000-row roster's XML (~100 MB as a
        # Python string) never sits in memory, and is streamed into the zip by `save_book`
        self._body: BinaryIO | None = None
        self._body_rows = 0
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
        cell = text_cell(self.sheet, title)
        cell.font = TITLE_FONT
        cell.alignment = CENTER
        self.sheet.row_dimensions[1].height = 30
        self.sheet.append([cell])
        self.sheet.merged_cells.add(f"A1:{last}1")
        if subtitle:
            cell = text_cell(self.sheet, subtitle)
            cell.font = BODY_FONT
            cell.alignment = Alignment(horizontal="right", vertical="center")
            self.sheet.append([cell])
            self.sheet.merged_cells.add(f"A2:{last}2")

    def _append_header(self) -> None:
        cells = []
        for column in self.columns:
            cell = text_cell(self.sheet, column.header)
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
            cell.border = BORDER
            cell.alignment = CENTER
            cells.append(cell)
        self.sheet.row_dimensions[self.header_row].height = 22
        self.sheet.append(cells)

    def _style_id(self, column: Column | None, *, bold: bool = False) -> int:
        cell = text_cell(self.sheet, None)
        cell.font = HEADER_FONT if bold else BODY_FONT
        cell.border = BORDER
        if column is not None and column.text:
            cell.number_format = TEXT_FORMAT
        elif column is not None and column.date:
            cell.number_format = DATE_FORMAT
            cell.alignment = LEFT
        return self.book._cell_styles.add(cell._style)

    def append(self, values: Sequence[object]) -> None:
        """One body row, kept as sheet XML and put into the file by `save_book` (openpyxl's per-cell
        objects would take most of the time of a 40,000-row export)."""
        if self._styles is None:
            self._styles = [self._style_id(column) for column in self.columns]
        self._write(_row_xml(self.header_row + 1 + self._body_rows, values, self._styles))
        self.rows_written += 1

    def append_total(self, values: Sequence[object]) -> None:
        """A bold row (合计, a group heading)."""
        if self._bold is None:
            self._bold = self._style_id(None, bold=True)
        self._write(_row_xml(self.header_row + 1 + self._body_rows, values, [self._bold] * len(values)))

    def _write(self, xml: str) -> None:
        if self._body is None:
            self._body = tempfile.TemporaryFile()  # noqa: SIM115  # closed by save_book (or when collected)
        self._body.write(xml.encode("utf-8"))
        self._body_rows += 1

    @property
    def has_body(self) -> bool:
        return self._body_rows > 0

    def copy_body(self, target: BinaryIO) -> None:
        """Write the body rows into `target` and let the temporary file go."""
        if self._body is None:
            return
        self._body.seek(0)
        shutil.copyfileobj(self._body, target, 1 << 20)
        self._body.close()
        self._body = None


def text_cell(sheet: object, value: object) -> WriteOnlyCell:
    """A write-only cell whose text stays text. openpyxl writes a string beginning with '=' as a
    formula, so a name or a header read from an imported file (=HYPERLINK(…), =WEBSERVICE(…)) would
    become a live formula in the workbook we write; body rows (`_row_xml`) are inline text anyway."""
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_EPOCH = dt.date(1899, 12, 30)


def _row_xml(number: int, values: Sequence[object], styles: Sequence[int]) -> str:
    parts = [f'<row r="{number}">']
    for index, (value, style) in enumerate(zip(values, styles, strict=False)):
        ref = f"{get_column_letter(index + 1)}{number}"
        if value is None or value == "":
            parts.append(f'<c r="{ref}" s="{style}"/>')
        elif isinstance(value, bool):
            parts.append(f'<c r="{ref}" s="{style}" t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            parts.append(f'<c r="{ref}" s="{style}"><v>{value}</v></c>')
        elif isinstance(value, dt.date):
            day = value.date() if isinstance(value, dt.datetime) else value
            parts.append(f'<c r="{ref}" s="{style}"><v>{(day - _EPOCH).days}</v></c>')
        else:
            text = _ILLEGAL_XML.sub("", escape(str(value)))
            space = ' xml:space="preserve"' if text != text.strip() else ""
            parts.append(f'<c r="{ref}" s="{style}" t="inlineStr"><is><t{space}>{text}</t></is></c>')
    parts.append("</row>")
    return "".join(parts)


def save_book(book: Workbook, path: Path, writers: Sequence[SheetWriter]) -> Path:
    """Save the workbook, then put each writer's body rows into its sheet (one rewrite of the zip, the
    rows streamed from their temporary file into the compressed entry).

    Written beside the target, synced and renamed over it when whole, so a full disk or a killed program
    leaves the old file, never half a workbook; a device or other special file is written at the end."""
    path = Path(path)
    special = path.exists() and not path.is_file()  # /dev/null, a named pipe …
    folder = Path(tempfile.gettempdir()) if special else path.parent
    saved = _part_file(folder, path.name)
    finished = _part_file(folder, path.name)
    try:
        book.save(saved)
        bodies = {f"xl/worksheets/sheet{w.index + 1}.xml": w for w in writers if w.has_body}
        if bodies:
            _put_bodies(saved, finished, bodies)
        else:
            saved.replace(finished)
        with finished.open("rb+") as handle:
            os.fsync(handle.fileno())
        if special:
            with finished.open("rb") as source, path.open("wb") as target:
                shutil.copyfileobj(source, target)
        else:
            finished.chmod(_mode_for(path))  # a temporary file is private; the workbook is not
            finished.replace(path)
    finally:
        saved.unlink(missing_ok=True)
        finished.unlink(missing_ok=True)
    return path


def _mode_for(path: Path) -> int:
    """The permissions of the file being replaced, or those a new file gets (the umask applied)."""
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _part_file(folder: Path, name: str) -> Path:
    handle, part = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".part")
    os.close(handle)
    return Path(part)


def _put_bodies(saved: Path, finished: Path, bodies: dict[str, SheetWriter]) -> None:
    with (
        zipfile.ZipFile(saved) as source,
        zipfile.ZipFile(finished, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target,
    ):
        for info in source.infolist():
            data = source.read(info.filename)
            writer = bodies.get(info.filename)
            if writer is None:
                target.writestr(info.filename, data, compresslevel=1)
                continue
            xml = data.decode("utf-8")
            if "</sheetData>" in xml:
                head, _, tail = xml.partition("</sheetData>")
                tail = "</sheetData>" + tail
            else:
                head, _, tail = xml.partition("<sheetData/>")
                head, tail = head + "<sheetData>", "</sheetData>" + tail
            with target.open(info.filename, "w", force_zip64=True) as stream:
                stream.write(head.encode("utf-8"))
                writer.copy_body(stream)
                stream.write(tail.encode("utf-8"))


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
