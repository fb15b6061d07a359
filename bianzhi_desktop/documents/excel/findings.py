"""The findings list of a health check (体检问题清单) as a workbook to print and send on."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from bianzhi_desktop.documents.excel.style import Column, SheetWriter, save_book
from bianzhi_desktop.domain.errors import BianzhiError


@dataclass(frozen=True)
class FindingLine:
    kind: str  # 超编, 到龄未出编 …
    severity: str  # 问题 / 提示 / 预告
    unit: str
    message: str
    state: str  # 待整改 / 整改中 / 已销号, or "" for what the ledger does not track
    first_seen: dt.date | None
    last_seen: dt.date | None
    closed_on: dt.date | None
    document_number: str


COLUMNS = (
    Column("序号", 6, number=True),
    Column("问题类别", 16),
    Column("性质", 6),
    Column("单位", 30),
    Column("问题说明", 70),
    Column("整改状态", 10),
    Column("首次发现", 12, date=True),
    Column("最近发现", 12, date=True),
    Column("销号日期", 12, date=True),
    Column("销号文号", 24, text=True),
)


def write_findings(path: Path | str, lines: Sequence[FindingLine], *, title: str, subtitle: str = "") -> Path:
    """Write the findings list (A4 landscape, frozen header, header repeated on every page)."""
    book = Workbook(write_only=True)
    sheet = SheetWriter(book, "体检问题清单", title=title, subtitle=subtitle, columns=COLUMNS)
    for number, line in enumerate(lines, start=1):
        sheet.append(
            (
                number,
                line.kind,
                line.severity,
                line.unit,
                line.message,
                line.state,
                line.first_seen,
                line.last_seen,
                line.closed_on,
                line.document_number,
            )
        )
    target = Path(path)
    try:
        save_book(book, target, [sheet])
    except PermissionError:
        raise BianzhiError(
            f"无法写入“{target.name}”：文件正被其他程序（如 Excel 或 WPS）打开，或没有写入权限，请关闭后重试。"
        ) from None
    except OSError as error:
        raise BianzhiError(f"无法写入“{target}”：{error.strerror or error}") from None
    return target
