"""Finding the header row of a sheet and matching its columns to the fields a layout expects.

Office workbooks put one or more title rows above the header (“云溪县2025年实名制花名册”, “填报单位：…”),
merge header cells across two rows (“编制情况” over “编制类型 | 入编时间”) and name the same column in
several ways (公民身份号码 / 身份证号 / 身份证号码). The header is the row among the first rows that
names the most known fields, reading a merged cell's text into every cell it covers; data starts below
the last row of the header's merged cells.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from bianzhi_desktop.documents.excel.reader import SheetData, column_letter
from bianzhi_desktop.domain.textnorm import strip_spaces, to_halfwidth

SCAN_ROWS = 30  # the header is among the first rows
_NOISE = re.compile(r"[（(\[【].*?[）)\]】]|[*＊:：※]")


@dataclass(frozen=True)
class FieldSpec:
    """A field of a layout: its key, the header it is written under, the other names it goes by."""

    key: str
    header: str
    synonyms: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.header, *self.synonyms)


def normalise_header(value: object) -> str:
    """Header text without spaces, line breaks, brackets (“出生日期(年月日)”) or markers (“*姓名”)."""
    if value is None:
        return ""
    text = strip_spaces(to_halfwidth(str(value)))
    return _NOISE.sub("", text)


@dataclass
class HeaderMatch:
    """Where the header is and which column holds which field."""

    header_row: int  # 0-based row index of the header
    data_start: int  # 0-based row index of the first data row
    headers: list[str]  # the header text of every column (merged text filled in)
    columns: dict[str, int] = field(default_factory=dict)  # field key → 0-based column index
    missing: list[FieldSpec] = field(default_factory=list)  # required fields without a column
    unused: list[int] = field(default_factory=list)  # columns that match no field

    def header_of(self, index: int) -> str:
        return self.headers[index] if index < len(self.headers) else ""

    def label(self, index: int) -> str:
        """“C列（公民身份号码）”: where a cell is, in the words of the sheet."""
        header = self.header_of(index)
        return f"{column_letter(index)}列（{header}）" if header else f"{column_letter(index)}列"


def _filled_row(sheet: SheetData, row: int) -> list[str]:
    """The row's text, with each merged cell's text in every column it covers."""
    values = [str(v) if v not in (None, "") else "" for v in sheet.rows[row]]
    for (top, left), (bottom, right) in sheet.merged:
        if top <= row <= bottom and top < len(sheet.rows) and left < len(sheet.rows[top]):
            text = sheet.rows[top][left]
            for col in range(left, min(right + 1, len(values))):
                if not values[col]:
                    values[col] = str(text) if text not in (None, "") else ""
    return values


@lru_cache(maxsize=16)
def _lookup(specs: tuple[FieldSpec, ...]) -> dict[str, str]:
    """Normalised name → field key of a layout (a layout is a constant tuple: built once)."""
    table: dict[str, str] = {}
    for spec in specs:
        for name in spec.names():
            table.setdefault(normalise_header(name), spec.key)
    return table


def match_field(text: str, specs: Sequence[FieldSpec]) -> str | None:
    """The key of the field a header names: exactly a known name, else the longest known name the
    header contains (“所在单位名称” → 单位); None when it names none."""
    normal = normalise_header(text)
    if not normal:
        return None
    table = _lookup(tuple(specs))
    if normal in table:
        return table[normal]
    best = max((name for name in table if len(name) >= 2 and name in normal), key=len, default=None)
    return table[best] if best else None


def _match_columns(headers: Sequence[str], specs: Sequence[FieldSpec]) -> dict[str, int]:
    """Field key → column: exact names first (so “职务” is not taken by “领导职务级别” on its left),
    then headers that contain a known name, each field in its leftmost column."""
    table = _lookup(tuple(specs))
    columns: dict[str, int] = {}
    for index, text in enumerate(headers):
        key = table.get(text) if text else None
        if key is not None and key not in columns:
            columns[key] = index
    taken = set(columns.values())
    for index, text in enumerate(headers):
        if index in taken:
            continue
        key = match_field(text, specs)
        if key is not None and key not in columns:
            columns[key] = index
    return columns


def _stacked(upper: list[str], lower: list[str]) -> list[str]:
    """A header written over two rows (“出生” above “年月”, “编制情况” above “编制类型”): each column's
    two texts joined, a text merged down both rows (“姓名”) taken once."""
    return [a if not b or a == b else (b if not a else a + b) for a, b in zip(upper, lower, strict=False)]


def _data_start(sheet: SheetData, header_row: int, specs: Sequence[FieldSpec]) -> int:
    """The first row below the header: past the rows the header's merged cells reach into, as long as
    those rows are part of the header (their own cells empty or naming fields, like 编制类型 | 入编时间
    under a merged 编制情况). A row that holds anything else is data, even when a header cell was merged
    down into it by mistake: it is never skipped."""
    reach = header_row
    for (top, _left), (bottom, _right) in sheet.merged:
        if top <= header_row <= bottom:
            reach = max(reach, bottom)
    row = header_row + 1
    while row <= reach and row < len(sheet.rows) and _is_header_row(sheet, row, specs):
        row += 1
    return row


def _is_header_row(sheet: SheetData, row: int, specs: Sequence[FieldSpec]) -> bool:
    covered = {
        col
        for (top, left), (bottom, right) in sheet.merged
        if top < row <= bottom
        for col in range(left, right + 1)
    }
    own = [
        value
        for col, value in enumerate(sheet.rows[row])
        if col not in covered and value is not None and not (isinstance(value, str) and not value.strip())
    ]
    if any(not isinstance(value, str) for value in own):  # numbers and dates are data, not headers
        return False
    named = sum(match_field(text, specs) is not None for text in own)  # type: ignore[arg-type]
    return named * 2 > len(own) or not own


def find_header(
    sheet: SheetData, specs: Sequence[FieldSpec], mapping: Mapping[str, int] | None = None
) -> HeaderMatch:
    """Locate the header and match columns to fields; `mapping` (field key → column) overrides."""
    best_row, best_score, best_texts, best_rows = 0, -1, [""], 1
    scan = min(SCAN_ROWS, len(sheet.rows))
    filled = [_filled_row(sheet, row) for row in range(min(scan + 1, len(sheet.rows)))]
    scores = [len({match_field(text, specs) for text in texts} - {None}) for texts in filled]
    for row in range(scan):
        texts = filled[row]
        if scores[row] > best_score:
            best_row, best_score, best_texts, best_rows = row, scores[row], texts, 1
        # two rows read as one only when that names more than either row, and the upper one is a row of
        # headers (a title line or “单位：…” above the header fills every column with one text)
        if row + 1 < len(filled) and len({text for text in texts if text}) >= 2:
            stacked = _stacked(texts, filled[row + 1])
            stacked_score = len({match_field(text, specs) for text in stacked} - {None})
            if stacked_score > max(scores[row], scores[row + 1], best_score):
                best_row, best_score, best_texts, best_rows = row, stacked_score, stacked, 2
    headers = [normalise_header(text) for text in best_texts]
    # past the rows the header's merged cells reach into, as long as they are part of the header
    data_start = _data_start(sheet, best_row + best_rows - 1, specs)
    columns = _match_columns(headers, specs)
    if mapping:
        for key, index in mapping.items():
            columns = {k: v for k, v in columns.items() if v != index}
            columns[key] = index
    used = set(columns.values())
    return HeaderMatch(
        header_row=best_row,
        data_start=data_start,
        headers=headers,
        columns=columns,
        missing=[spec for spec in specs if spec.required and spec.key not in columns],
        unused=[i for i, text in enumerate(headers) if text and i not in used],
    )
