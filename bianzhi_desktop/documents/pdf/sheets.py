"""A unit's sheets: 机构编制情况表 (what the 机构编制管理证 shows) and 实名制公示表 (the public posting of
its register, grouped by division; rows of post and name, no ID numbers). Bordered tables, A4, as
many pages as the unit needs, page numbers "第 n 页".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from bianzhi_desktop.documents.pdf.drawing import Offset, Progress, Sheet, Target, cn_date
from bianzhi_desktop.documents.pdf.fonts import FontSet, Role, fonts
from bianzhi_desktop.documents.pdf.printable import check_printable
from bianzhi_desktop.domain.wording import kind_phrase

HEADER_BG = Color(0.93, 0.93, 0.93)


@dataclass(frozen=True)
class QuotaRow:
    kind_name: str
    approved: int
    enrolled: int
    reserved: int

    @property
    def vacancy(self) -> int:
        return self.approved - self.enrolled - self.reserved


@dataclass(frozen=True)
class LeaderRow:
    tier: str  # 单位正职 …
    approved: int
    filled: int


@dataclass(frozen=True)
class UnitSheetInput:
    office_name: str
    unit_name: str
    as_of: dt.date
    short_name: str = ""
    other_names: tuple[str, ...] = ()  # 加挂牌子 / 合署办公
    category: str = ""
    rank: str = ""
    system: str = ""
    funding: str = ""
    supervisor: str = ""
    credit_code: str = ""
    founded_on: dt.date | None = None
    charter_number: str = ""  # 三定规定文号
    duties: tuple[str, ...] = ()
    divisions: tuple[str, ...] = ()
    quotas: tuple[QuotaRow, ...] = ()
    leader_posts: tuple[LeaderRow, ...] = ()
    offset: Offset = field(default_factory=Offset)


@dataclass(frozen=True)
class RosterEntry:
    post: str
    name: str


@dataclass(frozen=True)
class RosterGroup:
    """One division's people, in the order they are posted (leaders first); `kinds` counts them by
    the quota kind they occupy, e.g. (("行政编制", 3),)."""

    division: str  # 内设机构 (or 单位本级)
    entries: tuple[RosterEntry, ...]
    kinds: tuple[tuple[str, int], ...] = ()

    @property
    def heading(self) -> str:
        """办公室（行政编制3名，实有3名）: each kind's count, then everyone (kinds never netted)."""
        counts = [f"{kind_phrase(kind)}{count}名" for kind, count in self.kinds if count]
        return f"{self.division}（{'，'.join([*counts, f'实有{len(self.entries)}名'])}）"


@dataclass(frozen=True)
class RosterKindLine:
    kind_name: str
    approved: int
    actual: int


@dataclass(frozen=True)
class PublicRosterInput:
    office_name: str
    unit_name: str
    as_of: dt.date
    kinds: tuple[RosterKindLine, ...]
    groups: tuple[RosterGroup, ...]
    offset: Offset = field(default_factory=Offset)


class _Title(Flowable):
    """The sheet's title in the title font, emboldened like the issuer mark when it is a stand-in."""

    def __init__(self, text: str, font_set: FontSet, size: float = 22.0) -> None:
        super().__init__()
        self.text, self.fonts, self.size = text, font_set, size

    def wrap(self, available_width: float, _available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, self.size * 1.4

    def draw(self) -> None:
        sheet = Sheet(self.canv, Offset(), self.fonts)
        sheet._state = (None, None, None)  # inside platypus: set spacing, scale and colour explicitly
        width = self.fonts.width(Role.TITLE, self.text, self.size)
        descent = self.fonts.choice(Role.TITLE).font.font.face.descent / 1000.0
        baseline = self.size * 0.2 - descent * self.size
        sheet.text(Role.TITLE, self.size, (self.width - width) / 2 / mm, baseline, self.text)


class _Styles:
    def __init__(self, font_set: FontSet) -> None:
        self.fonts = font_set
        body = font_set.choice(Role.BODY).font.name
        hei = font_set.choice(Role.HEI).font.name
        title = font_set.choice(Role.TITLE).font.name
        self.title = ParagraphStyle("title", fontName=title, fontSize=22, leading=30, alignment=TA_CENTER)
        self.sub = ParagraphStyle("sub", fontName=body, fontSize=12, leading=18, alignment=TA_CENTER)
        self.cell = ParagraphStyle("cell", fontName=body, fontSize=11, leading=15, wordWrap="CJK")
        self.centre = ParagraphStyle("centre", parent=self.cell, alignment=TA_CENTER)
        self.label = ParagraphStyle("label", fontName=hei, fontSize=11, leading=15, alignment=TA_CENTER)
        self.group = ParagraphStyle("group", fontName=hei, fontSize=12, leading=16)

    def para(self, text: str, style: ParagraphStyle, role: Role = Role.BODY) -> Paragraph:
        """A paragraph whose characters missing from the style's font are drawn by a fallback font."""
        parts = []
        for name, part in self.fonts.runs(role, text):
            safe = escape(part).replace("\n", "<br/>")
            parts.append(safe if name == style.fontName else f'<font face="{name}">{safe}</font>')
        return Paragraph("".join(parts), style)


def _grid_style(extra: Sequence[tuple] = ()) -> TableStyle:  # type: ignore[type-arg]
    return TableStyle(
        [
            ("BOX", (0, 0), (-1, -1), 1.0, Color(0, 0, 0)),
            ("INNERGRID", (0, 0), (-1, -1), 0.5, Color(0, 0, 0)),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            *extra,
        ]
    )


def _page_decorator(sheet_offset: Offset, font_set: FontSet, footer: str):  # type: ignore[no-untyped-def]
    def decorate(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        if sheet_offset.x_mm or sheet_offset.y_mm:
            canvas.translate(sheet_offset.x_mm * mm, -sheet_offset.y_mm * mm)
        sheet = Sheet(canvas, Offset(), font_set)
        sheet._state = (None, None, None)  # platypus leaves its own state: set everything explicitly
        text = f"{footer}　第 {doc.page} 页"
        sheet.text(
            Role.SONG, 9, 105, sheet.baseline_for_box(Role.SONG, 9, 285), text, align="centre", embolden=False
        )

    return decorate


def _build(
    target: Target | None,
    title: str,
    story: list,
    offset: Offset,
    font_set: FontSet,  # type: ignore[type-arg]
    footer: str,
) -> bytes | None:
    buffer = BytesIO() if target is None else None
    out = buffer if buffer is not None else (str(target) if not hasattr(target, "write") else target)
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=20 * mm,
        title=title,
        creator="机构编制管理 bianzhi_desktop",
    )
    decorate = _page_decorator(offset, font_set, footer)
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue() if buffer is not None else None


def render_unit_sheet(
    data: UnitSheetInput, target: Target | None = None, *, font_set: FontSet | None = None
) -> bytes | None:
    """机构编制情况表 of one unit; returns the PDF bytes when no target is given."""
    font_set = font_set or fonts()
    check_printable(font_set, [("机构编制情况表", data)], "机构编制情况表")
    s = _Styles(font_set)
    p, lab = s.para, (lambda text: s.para(text, s.label, Role.HEI))
    story: list = [
        _Title("机构编制情况表", font_set),
        Spacer(0, 2 * mm),  # type: ignore[type-arg]
        p(f"填报单位：{data.office_name}　　　截至{cn_date(data.as_of)}", s.sub),
        Spacer(0, 4 * mm),
    ]
    col = (26 * mm, 59 * mm, 26 * mm, 59 * mm)
    names = "；".join(data.other_names) or "—"
    rows = [
        [lab("机构名称"), p(data.unit_name, s.cell), "", ""],
        [lab("规范简称"), p(data.short_name or "—", s.cell), lab("加挂牌子"), p(names, s.cell)],
        [lab("机构类别"), p(data.category, s.cell), lab("机构规格"), p(data.rank, s.cell)],
        [lab("所属系统"), p(data.system, s.cell), lab("经费形式"), p(data.funding or "—", s.cell)],
        [
            lab("主管部门"),
            p(data.supervisor or "—", s.cell),
            lab("成立日期"),
            p(cn_date(data.founded_on) if data.founded_on else "—", s.cell),
        ],
        [
            lab("统一社会\n信用代码"),
            p(data.credit_code or "—", s.cell),
            lab("三定规定"),
            p(data.charter_number or "未录入", s.cell),
        ],
        [
            lab("主要职责"),
            p("\n".join(f"{i}. {d}" for i, d in enumerate(data.duties, 1)) or "未录入", s.cell),
            "",
            "",
        ],
        [
            lab("内设机构"),
            p(
                "、".join(data.divisions) + (f"（共{len(data.divisions)}个）" if data.divisions else "无"),
                s.cell,
            ),
            "",
            "",
        ],
    ]
    spans = [
        ("SPAN", (1, 0), (3, 0)),
        ("SPAN", (1, 6), (3, 6)),
        ("SPAN", (1, 7), (3, 7)),
        ("BACKGROUND", (0, 0), (0, -1), HEADER_BG),
        ("BACKGROUND", (2, 1), (2, 5), HEADER_BG),
    ]
    story.append(Table(rows, colWidths=col, style=_grid_style(spans)))
    story.append(Spacer(0, 5 * mm))
    story.append(p("编制及实有人员", s.group, Role.HEI))
    story.append(Spacer(0, 2 * mm))
    head = [lab(t) for t in ("编制类型", "核定编制", "在编人数", "已核准未入编", "空编")]
    quota_rows = [head] + [
        [
            p(q.kind_name, s.cell),
            p(str(q.approved), s.centre),
            p(str(q.enrolled), s.centre),
            p(str(q.reserved), s.centre),
            p(str(q.vacancy) if q.vacancy >= 0 else f"超编{-q.vacancy}", s.centre),
        ]
        for q in data.quotas
    ]
    if data.quotas:
        total = [sum(getattr(q, f) for q in data.quotas) for f in ("approved", "enrolled", "reserved")]
        shown = [str(v) for v in total] + [vacancy_total(data.quotas)]
        quota_rows.append([lab("合计")] + [p(v, s.centre) for v in shown])
    else:
        quota_rows.append([p("未核定编制", s.centre), "", "", "", ""])
    story.append(
        Table(
            quota_rows,
            colWidths=(58 * mm, 28 * mm, 28 * mm, 28 * mm, 28 * mm),
            style=_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)]),
            repeatRows=1,
        )
    )
    story.append(Spacer(0, 5 * mm))
    story.append(p("领导职数", s.group, Role.HEI))
    story.append(Spacer(0, 2 * mm))
    leader_rows = [[lab(t) for t in ("层级", "核定职数", "实配", "空缺/超配")]] + [
        [
            p(r.tier, s.cell),
            p(str(r.approved), s.centre),
            p(str(r.filled), s.centre),
            p(
                f"超配{r.filled - r.approved}" if r.filled > r.approved else str(r.approved - r.filled),
                s.centre,
            ),
        ]
        for r in data.leader_posts
    ]
    if not data.leader_posts:
        leader_rows.append([p("未核定领导职数", s.centre), "", "", ""])
    story.append(
        Table(
            leader_rows,
            colWidths=(68 * mm, 34 * mm, 34 * mm, 34 * mm),
            style=_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)]),
        )
    )
    return _build(target, f"{data.unit_name}机构编制情况表", story, data.offset, font_set, data.unit_name)


def vacancy_total(quotas: Sequence[QuotaRow]) -> str:
    """The 合计 of 空编: kinds never offset each other, so vacancies and over-quota add up apart."""
    vacant = sum(q.vacancy for q in quotas if q.vacancy > 0)
    over = sum(-q.vacancy for q in quotas if q.vacancy < 0)
    if not over:
        return str(vacant)
    return f"空编{vacant}，超编{over}" if vacant else f"超编{over}"


PAIRS_PER_ROW = 3
KEEP_WITH_HEADING = 40 * mm  # a heading starts a new page unless its first rows fit below it


def render_public_roster(
    data: PublicRosterInput,
    target: Target | None = None,
    *,
    font_set: FontSet | None = None,
    progress: Progress | None = None,
) -> bytes | None:
    """实名制公示表: per division a heading with its count, then rows of (post, name) pairs."""
    font_set = font_set or fonts()
    check_printable(font_set, [("实名制公示表", data)], "实名制公示表")
    s = _Styles(font_set)
    p, lab = s.para, (lambda text: s.para(text, s.label, Role.HEI))
    summary = (
        "；".join(f"{kind_phrase(k.kind_name)}{k.approved}名，实有{k.actual}名" for k in data.kinds)
        or "未核定编制"
    )
    story: list = [
        _Title(f"{data.unit_name}机构编制实名制公示表", font_set),
        Spacer(0, 2 * mm),  # type: ignore[type-arg]
        p(f"（{summary}）", s.sub),
        p(f"截至{cn_date(data.as_of)}", s.sub),
        Spacer(0, 4 * mm),
    ]
    col = [22 * mm, 34.6 * mm] * PAIRS_PER_ROW
    head = [lab(t) for _ in range(PAIRS_PER_ROW) for t in ("职务", "姓名")]
    total = len(data.groups)
    for index, group in enumerate(data.groups, 1):
        story.append(CondPageBreak(KEEP_WITH_HEADING))
        story.append(p(group.heading, s.group, Role.HEI))
        story.append(Spacer(0, 1.5 * mm))
        rows = [head]
        entries = list(group.entries)
        for start in range(0, max(len(entries), 1), PAIRS_PER_ROW):
            row = []
            for entry in entries[start : start + PAIRS_PER_ROW]:
                row += [p(entry.post or "—", s.centre), p(entry.name, s.centre)]
            row += [""] * (2 * PAIRS_PER_ROW - len(row))
            rows.append(row)
        story.append(
            Table(
                rows,
                colWidths=col,
                repeatRows=1,
                style=_grid_style([("BACKGROUND", (0, 0), (-1, 0), HEADER_BG)]),
            )
        )
        story.append(Spacer(0, 4 * mm))
        if progress is not None:
            progress(index, total, "正在排版公示表")
    story.append(p(f"公示单位：{data.unit_name}　　　审核：{data.office_name}", s.sub))
    return _build(
        target, f"{data.unit_name}实名制公示表", story, data.offset, font_set, f"{data.unit_name}实名制公示表"
    )
