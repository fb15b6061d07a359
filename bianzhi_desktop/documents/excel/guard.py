"""Limits a workbook must keep before any of its cells is read (hostile or broken files refused cheaply).

A workbook is a zip of XML parts (.xlsx, .xlsm, .ods) or an OLE container (.xls). Before the reader
sees a zip, this module checks, by streaming each part once:

- the uncompressed size of all parts together (a 6 KB file can inflate to gigabytes);
- that no XML part declares a DOCTYPE or entities (entity expansion, external entities);
- for every worksheet of an .xlsx: its declared dimension, the highest row and the furthest column any
  cell names, the number of cells and of values, against the limits below.

The reader itself then runs in a separate process with a memory and time cap (see worker.py), so what
these checks cannot foresee still cannot take the program down.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from bianzhi_desktop.domain.errors import BianzhiError

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024  # all parts together, inflated
MAX_COLUMNS = 500  # up to column SF
MAX_ROWS = 200_000  # rows that hold values; taller sheets only when they hold few values
MAX_SHEET_ROWS = 1_048_576  # Excel's own limit: formatting may reach it, values may not (see MAX_ROWS)
MAX_AREA = 5_000_000  # rows × columns of the rectangle the reader builds
MAX_CELLS = 5_000_000  # <c> elements written in one sheet (empty formatted cells included)
_CHUNK = 1024 * 1024
_PROLOG_BYTES = 64 * 1024  # a DOCTYPE may only stand before the root element, at the start of a part

_DIMENSION = re.compile(rb'<dimension\s+ref="([A-Za-z]{0,4})(\d{0,8})(?::([A-Za-z]{0,4})(\d{0,8}))?"')
_ROW_R = re.compile(rb'<row\b[^>]{0,200}?\sr="(\d+)"')
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]{1,3})(\d{1,7})"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>'
)
_REF = re.compile(rb"([A-Za-z]{0,8})(\d{0,12})")
_MARKUP_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


class WorkbookRefused(BianzhiError):
    """A workbook outside the limits (message in Chinese, names the file and the limit)."""


@dataclass
class SheetExtent:
    """What a worksheet part says about its size, counted without reading a cell."""

    part: str
    max_row: int = 0
    max_column: int = 0  # 1-based: A = 1
    cells: int = 0
    values: int = 0  # cells with a value (an upper bound: see _count)
    declared_rows: int = 0
    declared_columns: int = 0
    sheet_name: str = ""
    # (row, column), 0-based, of formula cells without a computed value (written by a program, never
    # opened in Excel): the import reports them instead of reading them as empty
    uncomputed: set[tuple[int, int]] = field(default_factory=set)


def column_number(letters: bytes | str) -> int:
    """A → 1, Z → 26, AA → 27 (0 for no letters)."""
    text = letters.decode("ascii") if isinstance(letters, bytes) else letters
    value = 0
    for ch in text.upper():
        value = value * 26 + ord(ch) - 64
    return value


def _fmt(number: int) -> str:
    return f"{number:,}"


def check_zip_workbook(data: bytes, file_name: str) -> list[SheetExtent]:
    """Refuse a zip workbook that breaks a limit; return the extents of its .xlsx worksheets."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))  # BytesIO shares the bytes until written
    except Exception:  # BadZipFile, ValueError, OSError… for a damaged archive
        raise WorkbookRefused(f"“{file_name}”已损坏或不是Excel工作簿，无法读取（压缩包结构无效）。") from None
    with archive:
        members = archive.infolist()
        declared = sum(member.file_size for member in members)
        if declared > MAX_UNCOMPRESSED_BYTES:
            raise WorkbookRefused(_too_big(file_name, declared))
        names = _sheet_names(archive)
        extents = []
        inflated = 0
        for member in members:
            lower = member.filename.lower()
            if not (lower.endswith(".xml") or lower.endswith(".rels") or lower.endswith(".vml")):
                continue
            is_sheet = lower.startswith("xl/worksheets/") and lower.endswith(".xml")
            extent = SheetExtent(member.filename) if is_sheet else None
            inflated = _scan_part(archive, member, file_name, extent, inflated)
            if extent is not None:
                extent.sheet_name = names.get(member.filename, "")
                _check_extent(extent, file_name, extent.sheet_name or member.filename)
                extents.append(extent)
        return extents


def _too_big(file_name: str, size: int) -> str:
    return (
        f"“{file_name}”解压后超过{MAX_UNCOMPRESSED_BYTES // 1024 // 1024} MB（至少{size / 1024 / 1024:,.0f} MB），"
        "超出了导入的上限。正常的花名册解压后只有几十MB；请只保留需要导入的工作表和数据后另存再导入。"
    )


def _scan_part(
    archive: zipfile.ZipFile,
    member: zipfile.ZipInfo,
    file_name: str,
    extent: SheetExtent | None,
    inflated: int,
) -> int:
    """Stream one part: count what it inflates to, refuse declarations, count a sheet's extent."""
    carry = b""
    seen = 0
    try:
        with archive.open(member) as stream:
            while True:
                chunk = stream.read(_CHUNK)
                if not chunk:
                    break
                inflated += len(chunk)
                if inflated > MAX_UNCOMPRESSED_BYTES:
                    raise WorkbookRefused(_too_big(file_name, inflated))
                if seen < _PROLOG_BYTES and _MARKUP_DECLARATION.search((carry + chunk)[: _PROLOG_BYTES + 16]):
                    raise WorkbookRefused(
                        f"“{file_name}”的内部文件“{member.filename}”含有DOCTYPE或实体声明。"
                        "正常的Excel文件不会有这种内容，它可能被人为构造用来攻击程序，已拒绝读取。"
                    )
                seen += len(chunk)
                if extent is not None:
                    # a row cut at the chunk's end is read whole with the next chunk
                    cut = chunk.rfind(b"</row>")
                    cut = cut + 6 if cut >= 0 else chunk.rfind(b"<")
                    text, carry = carry + chunk[:cut], chunk[cut:]
                    _count(extent, text)
                elif seen >= _PROLOG_BYTES:
                    # beyond the prolog only the size matters, and Python's zipfile never inflates a
                    # part past the size its header declares (checked above); a reader that would is
                    # held by the memory cap of the reading process
                    inflated += max(0, member.file_size - seen)
                    break
            if extent is not None and carry:
                _count(extent, carry)
    except WorkbookRefused:
        raise
    except Exception:  # zipfile raises many kinds for a damaged part (BadZipFile, ValueError, zlib.error…)
        raise WorkbookRefused(
            f"“{file_name}”已损坏，无法读取（内部文件“{member.filename}”解压失败）。"
            "请在Excel中打开并另存为.xlsx后再导入。"
        ) from None
    return inflated


def _count(extent: SheetExtent, text: bytes) -> None:
    """Count cells and find the sheet's extent from the last row and the last cell of each chunk of
    about a megabyte (rows are written top to bottom, cells left to right, and rows are alike in
    width). A file that breaks that order to hide its size is stopped by the memory cap of the
    reading process instead."""
    if not extent.cells:  # the dimension stands before the sheet's data, in the first chunk
        found = _DIMENSION.search(text, 0, text.find(b"<sheetData") % (len(text) + 1))
        if found is not None:
            last_col, last_row = (found[3], found[4]) if found[3] is not None else (found[1], found[2])
            extent.declared_rows = int(last_row or 0)
            extent.declared_columns = column_number(last_col or b"")
    cells = text.count(b"<c ")
    extent.cells += cells
    if b"</f>" in text:  # a sheet with any formula has one (a shared formula's first cell has its text)
        extent.uncomputed.update(
            (int(found[2]) - 1, column_number(found[1]) - 1) for found in _FORMULA_CELL.finditer(text)
        )
    # values matter only for a sheet taller than MAX_ROWS: until a sheet is half that tall its cells
    # stand in for its values (an upper bound that costs nothing), then the values are counted
    if extent.max_row > MAX_ROWS // 2:
        extent.values += text.count(b"<v>") + text.count(b"<is>")
    else:
        extent.values += cells
    # the last row of the chunk, and the last cell of that row
    row_at = text.rfind(b"<row")
    if row_at >= 0:
        found = _ROW_R.match(text, row_at)
        if found is not None:
            extent.max_row = max(extent.max_row, int(found[1][:9]))
    cell_at = text.rfind(b' r="')
    if cell_at > row_at >= 0 or (cell_at >= 0 and row_at < 0):
        found = _REF.match(text, cell_at + 4)
        if found is not None:
            if found[1]:
                column = column_number(found[1]) if len(found[1]) <= 3 else MAX_COLUMNS + 1
                extent.max_column = max(extent.max_column, column)
            if found[2]:
                extent.max_row = max(extent.max_row, int(found[2][:9]))


def _check_extent(extent: SheetExtent, file_name: str, sheet: str) -> None:
    where = f"“{file_name}”的工作表“{sheet}”"
    rows = extent.max_row
    columns = extent.max_column
    if extent.declared_rows * max(extent.declared_columns, 1) > MAX_AREA * 4:
        # calamine sizes its buffers from the declared dimension: a false one must not be believed
        raise WorkbookRefused(
            f"{where}声明的区域（{_fmt(extent.declared_rows)}行×{_fmt(extent.declared_columns)}列）"
            f"远超导入的上限（{_fmt(MAX_AREA)}个单元格），文件可能已损坏或被人为构造。请在Excel中打开并另存后再导入。"
        )
    advice = "请删去多余的行、列和格式（选中空白行列后“删除”，而不是“清除内容”），只保留需要导入的数据后另存再导入。"
    if columns > MAX_COLUMNS:
        raise WorkbookRefused(
            f"{where}用到了第{_fmt(columns)}列，超过了{MAX_COLUMNS}列（SF列）的上限。{advice}"
        )
    if rows > MAX_SHEET_ROWS:
        raise WorkbookRefused(
            f"{where}有{_fmt(rows)}行，超过了Excel的{_fmt(MAX_SHEET_ROWS)}行上限，文件已损坏。"
        )
    if extent.cells > MAX_CELLS:
        raise WorkbookRefused(
            f"{where}有{_fmt(extent.cells)}个单元格，超过了{_fmt(MAX_CELLS)}个的上限。{advice}"
        )
    if rows * max(columns, 1) > MAX_AREA:
        raise WorkbookRefused(
            f"{where}的数据区域有{_fmt(rows)}行×{_fmt(columns)}列，共{_fmt(rows * columns)}个单元格，"
            f"超过了{_fmt(MAX_AREA)}个的上限。{advice}"
        )
    if rows > MAX_ROWS and extent.values > MAX_ROWS:
        raise WorkbookRefused(
            f"{where}有{_fmt(rows)}行数据，超过了{_fmt(MAX_ROWS)}行的上限"
            f"（超过{_fmt(MAX_ROWS)}行的工作表只能是带格式的空行，其中的数据不得多于{_fmt(MAX_ROWS)}个）。{advice}"
        )


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet part → the sheet's name, for messages (best effort: {} when the parts are odd)."""
    ns = {
        "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
        "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    }
    rid = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
    try:
        workbook = archive.getinfo("xl/workbook.xml")
        rels = archive.getinfo("xl/_rels/workbook.xml.rels")
        if workbook.file_size > 8 * 1024 * 1024 or rels.file_size > 8 * 1024 * 1024:
            return {}
        book_xml, rels_xml = archive.read(workbook), archive.read(rels)
        if _MARKUP_DECLARATION.search(book_xml) or _MARKUP_DECLARATION.search(rels_xml):
            return {}
        targets = {}
        for rel in ElementTree.fromstring(rels_xml).findall("rel:Relationship", ns):
            target = rel.get("Target", "")
            targets[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
        return {
            targets[sheet.get(rid)]: sheet.get("name", "")
            for sheet in ElementTree.fromstring(book_xml).findall("m:sheets/m:sheet", ns)
            if sheet.get(rid) in targets
        }
    except Exception:  # a damaged part: the names only serve the messages
        return {}
