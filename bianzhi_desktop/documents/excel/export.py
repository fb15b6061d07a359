"""Workbooks to print and send on: roster (花名册), county summary, ledger (台账), public posting (公示).

Plain data in, file out; written with openpyxl's write-only mode (40,000 rows in a few seconds). The
roster and ledger use the headers of `layouts`, so they read back through the importers unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from bianzhi_desktop.documents.excel.layouts import (
    DIVISION_FIELDS,
    DIVISION_SHEET,
    LEADER_FIELDS,
    LEADER_SHEET,
    QUOTA_FIELDS,
    QUOTA_SHEET,
    ROSTER_FIELDS,
    UNIT_FIELDS,
    UNIT_SHEET,
)
from bianzhi_desktop.documents.excel.style import Column, SheetWriter, save_book

Progress = Callable[[int, int, str], None]
_TEXT_KEYS = {"id_number", "document_number", "credit_code"}
_DATE_KEYS = {"birth_date", "start_on", "founded_on", "effective_on"}
_NUMBER_KEYS = {"delta"}


def _columns(fields, widths: dict[str, float] | None = None) -> list[Column]:  # type: ignore[no-untyped-def]
    widths = widths or {}
    return [
        Column(
            spec.header,
            widths.get(spec.key),
            text=spec.key in _TEXT_KEYS,
            date=spec.key in _DATE_KEYS,
            number=spec.key in _NUMBER_KEYS,
        )
        for spec in fields
    ]


def _new_book():  # type: ignore[no-untyped-def]
    from openpyxl import Workbook

    return Workbook(write_only=True)


def _save(book, path: Path, writers: Sequence[SheetWriter] = ()) -> Path:  # type: ignore[no-untyped-def]
    from bianzhi_desktop.domain.errors import BianzhiError

    path = Path(path)
    try:
        save_book(book, path, writers)
    except PermissionError:
        raise BianzhiError(
            f"无法写入“{path.name}”：文件正被其他程序（如 Excel 或 WPS）打开，请关闭后重试。"
        ) from None
    except OSError as error:
        raise BianzhiError(f"无法写入“{path}”：{error.strerror or error}。") from None
    return path


ROSTER_WIDTHS = {
    "name": 10,
    "sex": 6,
    "id_number": 21,
    "birth_date": 12,
    "ethnicity": 8,
    "education": 12,
    "political_status": 12,
    "retirement_category": 14,
    "unit": 28,
    "division": 16,
    "kind": 16,
    "post_title": 14,
    "leader_tier": 12,
    "leader_rank": 10,
    "counts_against_posts": 8,
    "start_on": 12,
    "document_number": 22,
}


def write_roster(
    path: Path,
    title: str,
    subtitle: str,
    rows: Sequence[Sequence[object]],
    *,
    progress: Progress | None = None,
) -> Path:
    """A roster: 序号 and the fields of ROSTER_FIELDS, one person a row."""
    book = _new_book()
    columns = [Column("序号", 7, number=True), *_columns(ROSTER_FIELDS, ROSTER_WIDTHS)]
    sheet = SheetWriter(book, "花名册", title=title, subtitle=subtitle, columns=columns)
    total = len(rows)
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
        if progress and number % 2000 == 0:
            progress(number, total, "写入花名册")
    if progress:
        progress(total, total, "保存文件")
    return _save(book, path, [sheet])


@dataclass(frozen=True)
class SummaryLine:
    unit: str
    kind: str
    approved: int
    enrolled: int
    reserved: int
    vacancy: int


def write_summary(path: Path, title: str, subtitle: str, lines: Iterable[SummaryLine]) -> Path:
    """The county summary: unit × kind with approved, enrolled, reserved and vacancy, and totals."""
    lines = list(lines)
    book = _new_book()
    columns = [
        Column("序号", 7, number=True),
        Column("单位", 32),
        Column("编制类型", 24),
        Column("核定", 9, number=True),
        Column("在编", 9, number=True),
        Column("已核准未入编", 14, number=True),
        Column("空编（负数为超编）", 20, number=True),
    ]
    sheet = SheetWriter(book, "编制使用情况汇总", title=title, subtitle=subtitle, columns=columns)
    for number, line in enumerate(lines, start=1):
        sheet.append(
            [number, line.unit, line.kind, line.approved, line.enrolled, line.reserved, line.vacancy]
        )
    sheet.append_total(
        [
            "合计",
            f"{len({line.unit for line in lines})}个单位",
            "",
            sum(line.approved for line in lines),
            sum(line.enrolled for line in lines),
            sum(line.reserved for line in lines),
            sum(line.vacancy for line in lines),
        ]
    )
    return _save(book, path, [sheet])


def write_ledger(
    path: Path,
    title: str,
    subtitle: str,
    units: Sequence[Sequence[object]],
    divisions: Sequence[Sequence[object]],
    quota_lines: Sequence[Sequence[object]],
    leader_lines: Sequence[Sequence[object]],
) -> Path:
    """The ledger in four sheets (机构 / 内设机构 / 编制台账 / 领导职数台账), every figure with its document."""
    book = _new_book()
    writers = []
    for name, fields, rows, widths in (
        (UNIT_SHEET, UNIT_FIELDS, units, {"name": 32, "category": 24, "supervisor": 28, "credit_code": 22}),
        (DIVISION_SHEET, DIVISION_FIELDS, divisions, {"unit": 32, "name": 20, "duties": 60}),
        (QUOTA_SHEET, QUOTA_FIELDS, quota_lines, {"unit": 32, "kind": 24, "document_number": 24}),
        (LEADER_SHEET, LEADER_FIELDS, leader_lines, {"unit": 32, "document_number": 24}),
    ):
        sheet = SheetWriter(
            book, name, title=f"{title}（{name}）", subtitle=subtitle, columns=_columns(fields, widths)
        )
        for row in rows:
            sheet.append(row)
        writers.append(sheet)
    return _save(book, path, writers)


@dataclass(frozen=True)
class PostingGroup:
    heading: str  # “办公室（实有3名）”
    rows: Sequence[tuple[str, str]]  # (post, name)


def write_posting(path: Path, title: str, subtitle: str, groups: Sequence[PostingGroup]) -> Path:
    """实名制公示表: grouped by division, post and name only (no ID numbers)."""
    book = _new_book()
    columns = [Column("序号", 7, number=True), Column("内设机构", 28), Column("职务", 24), Column("姓名", 14)]
    sheet = SheetWriter(book, "实名制公示", title=title, subtitle=subtitle, columns=columns)
    number = 0
    for group in groups:
        sheet.append_total(["", group.heading, "", ""])
        for post, name in group.rows:
            number += 1
            sheet.append([number, "", post, name])
    return _save(book, path, [sheet])
