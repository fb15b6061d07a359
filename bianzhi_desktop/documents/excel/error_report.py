"""The error report (错误报告): the rows of an import that have problems, as the user wrote them, with
the offending cells filled red (errors) or yellow (warnings) and commented, and a column saying in
Chinese what is wrong. The user corrects the original file with it open beside.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment

from bianzhi_desktop.documents.excel.reader import SheetData
from bianzhi_desktop.documents.excel.style import (
    BODY_FONT,
    BORDER,
    DATE_FORMAT,
    ERROR_FILL,
    TEXT_FORMAT,
    WARNING_FILL,
    Column,
    SheetWriter,
    text_cell,
)


@dataclass(frozen=True)
class CellProblem:
    row: int  # spreadsheet row number
    column: int | None  # 0-based column index; None: the whole row
    message: str
    is_error: bool = True


def write_error_report(
    path: Path,
    sheet: SheetData,
    header_row: int,
    headers: Sequence[str],
    problems: Sequence[CellProblem],
    *,
    author: str = "机构编制管理",
) -> Path:
    """Write the report; `header_row` is the 0-based index of the header in `sheet.rows`."""
    from openpyxl import Workbook

    from bianzhi_desktop.documents.excel.export import _save

    by_row: dict[int, list[CellProblem]] = defaultdict(list)
    for problem in problems:
        by_row[problem.row].append(problem)
    width = max(len(headers), max((len(r) for r in sheet.rows), default=0))
    original = list(sheet.rows[header_row]) + [""] * (width - len(sheet.rows[header_row]))
    columns = [Column("原行号", 8)] + [
        Column(str(headers[i] if i < len(headers) and headers[i] else original[i] or f"列{i + 1}"), None)
        for i in range(width)
    ]
    columns.append(Column("问题说明", 60))
    errors = sum(1 for p in problems if p.is_error)
    book = Workbook(write_only=True)
    sample = [sheet.rows[n - 1] for n in list(by_row)[:200] if 0 < n <= len(sheet.rows)]
    writer = SheetWriter(
        book,
        "错误报告",
        title=f"导入错误报告：{sheet.file_name}（工作表“{sheet.sheet_name}”）",
        subtitle=f"共{len(by_row)}行有问题：错误{errors}处（红色），提醒{len(problems) - errors}处（黄色）",
        columns=columns,
        sample_rows=[["", *row] for row in sample],
    )
    out = writer.sheet
    for number in sorted(by_row):
        row_problems = by_row[number]
        values = list(sheet.rows[number - 1]) if 0 < number <= len(sheet.rows) else []
        values += [""] * (width - len(values))
        marked: dict[int, list[CellProblem]] = defaultdict(list)
        for problem in row_problems:
            if problem.column is not None:
                marked[problem.column].append(problem)
        cells = [_cell(out, number, None)]
        for index, value in enumerate(values[:width]):
            cell = _cell(out, value, None)
            if index in marked:
                bad = any(p.is_error for p in marked[index])
                cell.fill = ERROR_FILL if bad else WARNING_FILL
                cell.comment = Comment(
                    "\n".join(p.message for p in marked[index]), author, width=300, height=100
                )
            cells.append(cell)
        text = "；".join(
            (f"{columns[p.column + 1].header}：" if p.column is not None else "") + p.message
            for p in row_problems
        )
        note = _cell(out, text, None)
        note.fill = ERROR_FILL if any(p.is_error for p in row_problems) else WARNING_FILL
        cells.append(note)
        out.append(cells)
    return _save(book, path)


def _cell(sheet, value: object, _unused: object) -> WriteOnlyCell:  # type: ignore[no-untyped-def]
    cell = text_cell(sheet, value)
    cell.font = BODY_FONT
    cell.border = BORDER
    if isinstance(value, dt.date):
        cell.number_format = DATE_FORMAT
    elif isinstance(value, str):
        cell.number_format = TEXT_FORMAT
    return cell
