"""Reading one sheet of a workbook with python-calamine (.xlsx .xlsm .xls .xlsb .ods, and WPS .et).

The file is read once into memory (after a size check); a zip workbook's limits are checked without
reading a cell (guard.py: inflated size, DOCTYPE/entities, rows, columns, cells); then calamine reads
it in a separate process with a memory and time cap (worker.py), so no file can take the program
down. Calamine finds the format from the content, not the name: a WPS .et file is an .xls or .xlsx
container and reads the same way. Every failure becomes a `WorkbookError` whose Chinese message names
the file and says what to do; nothing is written anywhere.
"""

from __future__ import annotations

import io
import marshal
from collections.abc import Sequence
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path

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


def _checked_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's content once it is known to be a workbook container we may hand to the reader."""
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
    return data


def _open_book(path: Path, data: bytes):  # type: ignore[no-untyped-def]
    import python_calamine as calamine

    name = path.name
    try:
        return calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except calamine.PasswordError:
        raise WorkbookError(f"工作簿“{name}”设有密码，无法读取。请在Excel中取消密码后另存再导入。") from None
    except Exception as error:  # calamine raises many kinds for a broken file
        raise WorkbookError(
            f"“{name}”已损坏或不是Excel工作簿，无法读取（{type(error).__name__}）。"
        ) from None


def _load(path: Path, names: list[str], chosen) -> SheetData:  # type: ignore[no-untyped-def]
    try:
        rows = _trim(chosen.to_python(skip_empty_area=False))
        merged = list(chosen.merged_cell_ranges or [])
    except Exception as error:
        raise WorkbookError(
            f"“{path.name}”的工作表“{chosen.name}”已损坏，无法读取（{type(error).__name__}）。"
        ) from None
    return SheetData(path, chosen.name, names, rows, merged)


def read_sheet(path: str | Path, sheet: str | int | None = None, *, max_bytes: int = MAX_BYTES) -> SheetData:
    """Read one sheet (by name or index; default: the first visible sheet with data)."""
    path = Path(path)
    result: SheetData = _read_isolated(path, _checked_bytes(path, max_bytes), "sheet", sheet)
    return result


def read_workbook(path: str | Path, *, max_bytes: int = MAX_BYTES) -> list[SheetData]:
    """Every visible sheet that holds data, in workbook order. An empty workbook is refused."""
    path = Path(path)
    result: list[SheetData] = _read_isolated(path, _checked_bytes(path, max_bytes), "workbook", None)
    return result


def _read_isolated(path: Path, data: bytes, operation: str, sheet: str | int | None):  # type: ignore[no-untyped-def]
    """Check the file's limits while a reading process starts, then let that process read it."""
    from bianzhi_desktop.documents.excel import guard, worker

    try:
        run = worker.WorkerRun()
    except OSError as error:
        raise WorkbookError(
            f"无法启动读取“{path.name}”的后台进程（{error.strerror or error}），请重启程序后重试。"
        ) from None
    extents: list[guard.SheetExtent] = []
    try:
        if data.startswith(_ZIP_MAGIC):
            extents = guard.check_zip_workbook(data, path.name)
    except guard.WorkbookRefused as refused:
        run.cancel()
        raise WorkbookError(refused.message) from None
    except BaseException:
        run.cancel()
        raise
    try:
        kind, value = run.run({"operation": operation, "path": str(path), "data": data, "sheet": sheet})
    except worker.WorkerFailed as failed:
        raise WorkbookError(_failure_message(path.name, failed.reason)) from None
    if kind != "ok":
        raise WorkbookError(str(value))
    result = _unpack(value)
    uncomputed = {extent.sheet_name: extent.uncomputed for extent in extents if extent.uncomputed}
    for sheet in [result] if isinstance(result, SheetData) else result:
        sheet.uncomputed = uncomputed.get(sheet.sheet_name, set())
    return result


_PLAIN = frozenset({str, float, int, bool, type(None)})


def _pack(result: SheetData | list[SheetData]) -> object:
    """Sheets for the trip to the parent: the rows as `marshal` bytes (four times faster both ways than
    pickle for 800,000 cells), the few cells marshal cannot carry (dates, times) beside them."""
    if isinstance(result, SheetData):
        return ("one", _pack_sheet(result))
    return ("many", [_pack_sheet(sheet) for sheet in result])


def _pack_sheet(sheet: SheetData) -> tuple[SheetData, bytes, list[tuple[int, int, Cell]]]:
    special: list[tuple[int, int, Cell]] = []
    plain = _PLAIN
    rows = sheet.rows
    width = len(rows[0]) if rows else 0  # _trim gave every row the same width
    for j in range(width):  # the types of a column at C speed; only a column with dates is walked
        if set(map(type, map(itemgetter(j), rows))) <= plain:
            continue
        for i, row in enumerate(rows):
            value = row[j]
            if value.__class__ not in plain:
                special.append((i, j, value))
                row[j] = None
    packed = marshal.dumps(rows)
    sheet.rows = []
    return sheet, packed, special


def _unpack_sheet(packed: tuple[SheetData, bytes, list[tuple[int, int, Cell]]]) -> SheetData:
    sheet, rows, special = packed
    sheet.rows = marshal.loads(rows)
    for i, j, value in special:
        sheet.rows[i][j] = value
    return sheet


def _unpack(packed: object) -> SheetData | list[SheetData]:
    kind, content = packed  # type: ignore[misc]
    if kind == "one":
        return _unpack_sheet(content)
    return [_unpack_sheet(item) for item in content]


def _failure_message(name: str, reason: str) -> str:
    from bianzhi_desktop.documents.excel import guard, worker

    if reason == "memory":
        return (
            f"读取“{name}”所需的内存超过了{worker.MEMORY_CAP_BYTES // 1024 // 1024} MB的上限，已停止读取，"
            "程序和数据库都未受影响。文件中的行列或格式过多，或文件已损坏。"
            f"导入的上限是每个工作表{guard.MAX_ROWS:,}行、{guard.MAX_COLUMNS}列、共{guard.MAX_AREA:,}个单元格；"
            "请删去多余的行列和格式后另存再导入。"
        )
    if reason == "time":
        return (
            f"读取“{name}”超过{worker.TIME_CAP_SECONDS}秒仍未完成，已停止读取，程序和数据库都未受影响。"
            "请删去多余的工作表、行列和格式后另存再导入。"
        )
    return (
        f"“{name}”已损坏，读取时出错，已停止读取，程序和数据库都未受影响。"
        "请在Excel或WPS中打开该文件并另存为.xlsx后再导入。"
    )


def handle_request(request: dict[str, object]) -> tuple[str, object]:
    """The reading process's side (see worker.py): read what was asked, or say in Chinese why not."""
    path = Path(str(request["path"]))
    data = request["data"]
    assert isinstance(data, bytes)
    try:
        if request["operation"] == "sheet":
            sheet = request["sheet"]
            assert sheet is None or isinstance(sheet, str | int)
            return "ok", _pack(_read_sheet_here(path, data, sheet))
        return "ok", _pack(_read_workbook_here(path, data))
    except WorkbookError as error:
        return "refused", error.message
    except MemoryError:
        raise
    except BaseException as error:
        return (
            "refused",
            f"“{path.name}”已损坏，无法读取（{type(error).__name__}）。请在Excel中打开并另存后再导入。",
        )


def _read_sheet_here(path: Path, data: bytes, sheet: str | int | None) -> SheetData:
    book = _open_book(path, data)
    try:
        names = list(book.sheet_names)
        result = _load(path, names, _choose_sheet(book, names, sheet, path.name))
    finally:
        book.close()
    if not result.rows:
        raise WorkbookError(f"“{path.name}”的工作表“{result.sheet_name}”是空的，没有可导入的数据。")
    return result


def _read_workbook_here(path: Path, data: bytes) -> list[SheetData]:
    book = _open_book(path, data)
    try:
        names = list(book.sheet_names)
        visible = [
            m.name for m in book.sheets_metadata if str(m.visible).endswith("Visible") and m.name in names
        ]
        sheets = [_load(path, names, book.get_sheet_by_name(name)) for name in visible]
    finally:
        book.close()
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
