"""Reading one sheet of a workbook with python-calamine (.xlsx .xlsm .xls .xlsb .ods, and WPS .et).

The file is read once into memory (after a size check) and handed to calamine, which finds the format
from the content, not the name: a WPS .et file is an .xls or .xlsx container and reads the same way.
Every failure becomes a `WorkbookError` whose Chinese message names the file and says what to do;
nothing is written anywhere.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from bianzhi_desktop.domain.errors import BianzhiError

MAX_BYTES = 50 * 1024 * 1024  # a 40,000-row roster is ~3 MB as .xlsx and ~10 MB as .xls
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".et")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")

Cell = object  # str | int | float | bool | date | datetime | time | timedelta


class WorkbookError(BianzhiError):
    """The file cannot be read as a workbook (message in Chinese, with the file name)."""


@dataclass
class SheetData:
    """The cells of one sheet, from A1: ``rows[i][j]`` is spreadsheet row i+1, column j (0 = A)."""

    path: Path
    sheet_name: str
    sheet_names: list[str]
    rows: list[list[Cell]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # (row index, column index) of formula cells that carry no computed value
    uncomputed: set[tuple[int, int]] = field(default_factory=set)

    @property
    def file_name(self) -> str:
        return self.path.name


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letter: str) -> int:
    """A → 0, AA → 26 (inverse of column_letter)."""
    text = letter.strip().upper()
    if not text or not text.isascii() or not text.isalpha():
        raise ValueError(f"“{letter}”不是列号（应为 A、B、…、AA 这样的字母）")
    value = 0
    for ch in text:
        value = value * 26 + ord(ch) - 64
    return value - 1


def read_file_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The file's content, refusing a missing, oversized or locked file with a clear message."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise WorkbookError(f"找不到文件“{path}”。") from None
    except OSError as error:
        raise WorkbookError(f"无法读取文件“{name}”：{error.strerror or error}。") from None
    if path.is_dir():
        raise WorkbookError(f"“{name}”是文件夹，不是Excel文件。")
    if size > max_bytes:
        raise WorkbookError(
            f"文件“{name}”有{size / 1024 / 1024:.0f} MB，超过了{max_bytes / 1024 / 1024:.0f} MB的上限。"
            "请只保留需要导入的工作表和数据（删去图片、多余的工作表和空白格式）后另存再导入。"
        )
    if size == 0:
        raise WorkbookError(f"文件“{name}”是空文件（0字节），不是Excel工作簿。")
    try:
        with path.open("rb") as handle:
            return handle.read()
    except PermissionError:
        raise WorkbookError(
            f"文件“{name}”正被其他程序（如 Excel 或 WPS）占用，无法读取。请先关闭该文件后重试。"
        ) from None
    except OSError as error:
        raise WorkbookError(f"无法读取文件“{name}”：{error.strerror or error}。") from None


def _looks_encrypted(data: bytes) -> bool:
    """An Office file protected by a password is an OLE container with an EncryptedPackage stream."""
    return data.startswith(_OLE_MAGIC) and _ENCRYPTED_STREAM in data


def _open_book(path: Path, max_bytes: int):  # type: ignore[no-untyped-def]
    import python_calamine as calamine

    name = path.name
    data = read_file_bytes(path, max_bytes)
    if _looks_encrypted(data):
        raise WorkbookError(
            f"工作簿“{name}”设有打开密码，无法读取。"
            "请在Excel中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后另存再导入。"
        )
    if not (data.startswith(_OLE_MAGIC) or data.startswith(_ZIP_MAGIC)):
        raise WorkbookError(
            f"“{name}”不是Excel工作簿（支持 {'、'.join(SUFFIXES)}）。"
            "如是CSV或文本文件，请先用Excel另存为.xlsx。"
        )
    try:
        return data, calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise WorkbookError(f"工作簿“{name}”设有密码，无法读取。请在Excel中取消密码后另存再导入。") from None
    except Exception as error:  # calamine raises many kinds for a broken file
        raise WorkbookError(
            f"“{name}”已损坏或不是Excel工作簿，无法读取（{type(error).__name__}）。"
        ) from None


def _load(path: Path, book, names: list[str], chosen, formulas: _FormulaScan) -> SheetData:  # type: ignore[no-untyped-def]
    try:
        rows = _trim(chosen.to_python(skip_empty_area=False))
        merged = list(chosen.merged_cell_ranges or [])
    except Exception as error:
        raise WorkbookError(
            f"“{path.name}”的工作表“{chosen.name}”已损坏，无法读取（{type(error).__name__}）。"
        ) from None
    uncomputed = formulas.result(names.index(chosen.name)) if rows else set()
    return SheetData(path, chosen.name, names, rows, merged, uncomputed)


class _FormulaScan:
    """Formula cells without a computed value in the sheets of an .xlsx, looked for in a worker thread
    while calamine reads the cells: calamine's parser and zlib's inflate both release the GIL, so on
    two cores the scan (~0.25 s for a 40,000-row sheet) costs no time. Other formats have no scan."""

    def __init__(self, data: bytes, indexes: Sequence[int]) -> None:
        self._executor = ThreadPoolExecutor(1, "formula-scan") if data.startswith(_ZIP_MAGIC) else None
        self._scans: dict[int, Future[set[tuple[int, int]]]] = {}
        if self._executor is not None:
            self._scans = {i: self._executor.submit(_uncomputed_formulas, data, i) for i in indexes}

    def result(self, index: int) -> set[tuple[int, int]]:
        scan = self._scans.get(index)
        return scan.result() if scan is not None else set()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)


def read_sheet(path: str | Path, sheet: str | int | None = None, *, max_bytes: int = MAX_BYTES) -> SheetData:
    """Read one sheet (by name or index; default: the first visible sheet with data)."""
    path = Path(path)
    data, book = _open_book(path, max_bytes)
    formulas = None
    try:
        names = list(book.sheet_names)
        chosen = _choose_sheet(book, names, sheet, path.name)
        formulas = _FormulaScan(data, [names.index(chosen.name)])
        result = _load(path, book, names, chosen, formulas)
    finally:
        book.close()
        if formulas is not None:
            formulas.close()
    if not result.rows:
        raise WorkbookError(f"“{path.name}”的工作表“{result.sheet_name}”是空的，没有可导入的数据。")
    return result


def read_workbook(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[SheetData]:
    """Every visible sheet that holds data, in workbook order. An empty workbook is refused."""
    path = Path(path)
    data, book = _open_book(path, max_bytes)
    formulas = None
    try:
        names = list(book.sheet_names)
        visible = [
            m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible") and m.name in names
        ]
        formulas = _FormulaScan(data, [names.index(name) for name in visible])
        sheets = [_load(path, book, names, book.get_sheet_by_name(name), formulas) for name in visible]
    finally:
        book.close()
        if formulas is not None:
            formulas.close()
    sheets = [sheet for sheet in sheets if sheet.rows]
    if not sheets:
        raise WorkbookError(f"“{path.name}”中所有工作表都是空的，没有可导入的数据。")
    return sheets


def _choose_sheet(book, names: Sequence[str], sheet: str | int | None, file_name: str):  # type: ignore[no-untyped-def]
    if not names:
        raise WorkbookError(f"“{file_name}”中没有工作表。")
    if isinstance(sheet, int):
        if not 0 <= sheet < len(names):
            raise WorkbookError(f"“{file_name}”只有{len(names)}个工作表，没有第{sheet + 1}个。")
        return book.get_sheet_by_index(sheet)
    if isinstance(sheet, str):
        if sheet not in names:
            raise WorkbookError(f"“{file_name}”中没有名为“{sheet}”的工作表（有：{'、'.join(names)}）。")
        return book.get_sheet_by_name(sheet)
    visible = [
        meta.name for meta in book.sheets_metadata if str(meta.visible).endswith("Visible") and meta.name
    ] or list(names)
    for candidate in visible:
        found = book.get_sheet_by_name(candidate)
        if found.height:
            return found
    return book.get_sheet_by_name(visible[0])


def _is_blank(value: Cell) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _trim(rows: list[list[Cell]]) -> list[list[Cell]]:
    """Drop trailing rows and columns that hold nothing but blanks."""
    end = len(rows)
    while end and all(_is_blank(v) for v in rows[end - 1]):
        end -= 1
    rows = rows[:end]
    width = 0
    for row in rows:  # each row's last non-blank cell, looked for from the right
        for i in range(len(row) - 1, width - 1, -1):
            if not _is_blank(row[i]):
                width = i + 1
                break
    return [
        row if len(row) == width else row[:width] if len(row) > width else [*row, *[""] * (width - len(row))]
        for row in rows
    ]


# -- formulas without a computed value (written by a program, never opened in Excel) ------------------
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_FORMULA_CELL = re.compile(
    rb'<c r="([A-Z]+)(\d+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v></v>)?\s*</c>'
)


def _sheet_part(archive: zipfile.ZipFile, index: int) -> str | None:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    sheets = workbook.findall("m:sheets/m:sheet", _NS)
    if index >= len(sheets):
        return None
    rel_id = sheets[index].get(f"{{{_NS['r']}}}id")
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.findall("rel:Relationship", _NS):
        if rel.get("Id") == rel_id:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else "xl/" + target
    return None


def _uncomputed_formulas(data: bytes, index: int) -> set[tuple[int, int]]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            part = _sheet_part(archive, index)
            if part is None or part not in archive.namelist():
                return set()
            xml = archive.read(part)
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError):
        return set()
    # one pass over the sheet: a sheet with any formula has a </f> (a shared formula's cells write only
    # <f t="shared" si="0"/>, but its first cell carries the formula's text)
    if b"</f>" not in xml:
        return set()
    return {(int(match[2]) - 1, column_index(match[1].decode())) for match in _FORMULA_CELL.finditer(xml)}
