"""The unit page's tables: quota rows with a total, divisions, charter versions, history; and the
charter's duties as HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass

from bianzhi_desktop.domain.enums import DivisionStatus
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.gui.models.rows import GREY, RIGHT, Column
from bianzhi_desktop.services.ledger import QuotaLine
from bianzhi_desktop.services.org import CharterInfo


@dataclass(frozen=True)
class QuotaRow:
    kind_id: int | None  # None: the unit's total
    kind_name: str
    figures: QuotaFigures


def quota_rows(lines: list[QuotaLine]) -> list[QuotaRow]:
    rows = [QuotaRow(line.kind_id, line.kind_name, line.figures) for line in lines]
    if len(rows) > 1:
        total = QuotaFigures()
        for row in rows:
            total += row.figures
        rows.append(QuotaRow(None, "合计", total))
    return rows


def _abolished_grey(division) -> object:  # type: ignore[no-untyped-def]
    return GREY if division.status == DivisionStatus.ABOLISHED else None


DIVISION_COLUMNS = (
    Column("序号", lambda d: d.position, RIGHT, _abolished_grey),
    Column("名称", lambda d: d.name, colour=_abolished_grey),
    Column(
        "状态",
        lambda d: d.status.label if d.status == DivisionStatus.ABOLISHED else "存续",
        colour=_abolished_grey,
    ),
    Column("设立日期", lambda d: d.founded_on, colour=_abolished_grey),
    Column("撤销日期", lambda d: d.abolished_on, colour=_abolished_grey),
    Column("主要职责", lambda d: d.duties.replace("\n", " "), colour=_abolished_grey),
)

CHARTER_COLUMNS = (
    Column("版本", lambda c: f"第{c.version}版"),
    Column("文号", lambda c: c.document_number),
    Column("施行日期", lambda c: c.effective_on),
    Column("废止日期", lambda c: c.superseded_on or "现行"),
    Column("职责", lambda c: f"{len(c.duties)}项", RIGHT),
    Column("文件标题", lambda c: c.document_title),
)

HISTORY_COLUMNS = (
    Column("日期", lambda e: e.day),
    Column("类别", lambda e: e.what),
    Column("内容", lambda e: e.text),
    Column("文号", lambda e: e.document),
)


def duties_html(charter: CharterInfo | None) -> str:
    if charter is None:
        return "<p style='color:#7f8c8d'>尚未登记三定规定。</p>"
    state = "现行" if charter.superseded_on is None else f"已于{charter.superseded_on.isoformat()}被取代"
    head = (
        f"<h3>第{charter.version}版三定规定（{state}）</h3>"
        f"<p>{html.escape(charter.document_number)}"
        f"{('　' + html.escape(charter.document_title)) if charter.document_title else ''}"
        f"　{charter.effective_on.isoformat()}施行</p>"
    )
    summary = f"<p>{html.escape(charter.summary)}</p>" if charter.summary else ""
    items = "".join(f"<li>{html.escape(duty)}</li>" for duty in charter.duties)
    return f"{head}{summary}<p><b>主要职责</b></p><ol>{items}</ol>"
