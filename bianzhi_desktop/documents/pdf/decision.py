"""The decision (批复) in the layout of GB/T 9704-2012 党政机关公文格式.

A4; text block 156 × 225 mm at 28 mm from the left and 37 mm from the top; 22 lines of 28 characters
of 3号 (16 pt) 仿宋. The issuer mark (发文机关标志) in red 小标宋 has its top 35 mm below the top of the
text block; the document number sits two blank lines below it in 3号仿宋, a red rule 4 mm below the
number spans the text block; the title in 2号 (22 pt) 小标宋 follows two blank lines below the rule,
the addressee one blank line below the title, then the body (first lines indented two characters;
一、 黑体, （一） 楷体). Signature and date (right-indented four characters, seal over both), the closing
block (抄送, 印发机关 and 印发日期 in 4号仿宋 between rules) at the bottom of the last page, page numbers
"— 1 —" in 4号宋体 7 mm below the text block, odd pages right, even pages left.

All body lines sit on the 22-line grid, so every full page holds exactly 22 lines.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.lib.units import mm

from .drawing import RED, Offset, Sheet, Target, break_lines, cn_date, make_canvas
from .fonts import FontSet, Role, fonts
from .printable import check_printable

TOP_MM, LEFT_MM = 37.0, 28.0
BLOCK_W_MM, BLOCK_H_MM = 156.0, 225.0
LINES, CHARS = 22, 28
LINE_MM = BLOCK_H_MM / LINES
CHAR_MM = BLOCK_W_MM / CHARS
BODY_PT, TITLE_PT, SMALL_PT, MARK_PT = 16.0, 22.0, 14.0, 42.0
GRID_SPACE = CHAR_MM * mm - BODY_PT  # character spacing that puts 28 characters on a line
MARK_TOP_MM = TOP_MM + 35.0
RULE_BELOW_NUMBER_MM = 4.0
PAGE_NUMBER_GAP_MM = 7.0
MARK_MAX_W_MM = 150.0


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph; level 1 is a 一、 heading (黑体), level 2 a （一） heading (楷体), 0 plain text."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class DecisionInput:
    issuer_mark: str  # 发文机关标志, e.g. 中共云溪县委机构编制委员会办公室文件
    doc_number: str  # 云编办发〔2026〕12号
    title: str
    addressee: str  # 主送机关 (the full-width colon is added)
    paragraphs: tuple[Paragraph, ...]
    signature: str  # 发文机关署名
    signed_on: dt.date  # 成文日期
    copies_to: tuple[str, ...] = ()  # 抄送
    printed_by: str = ""  # 印发机关
    printed_on: dt.date | None = None  # 印发日期
    sealed: bool = True
    offset: Offset = field(default_factory=Offset)


def band_top(index: int) -> float:
    """Top of grid line `index` (0-based) in millimetres from the top of the sheet."""
    return TOP_MM + index * LINE_MM


class _Writer:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.page = 0
        self.band = 0

    # -- pages --------------------------------------------------------------------------------------
    def new_page(self) -> None:
        if self.page:
            self._page_number()
            self.sheet.end_page()
        self.page += 1
        self.band = 0
        self.sheet.start_page()

    def finish(self) -> None:
        self._page_number()
        self.sheet.end_page()

    def _page_number(self) -> None:
        sheet = self.sheet
        text = f"— {self.page} —"
        top = TOP_MM + BLOCK_H_MM + PAGE_NUMBER_GAP_MM
        baseline = sheet.baseline_for_box(Role.SONG, SMALL_PT, top)
        one_char = SMALL_PT / mm
        if self.page % 2:
            sheet.text(
                Role.SONG,
                SMALL_PT,
                LEFT_MM + BLOCK_W_MM - one_char,
                baseline,
                text,
                align="right",
                embolden=False,
            )
        else:
            sheet.text(Role.SONG, SMALL_PT, LEFT_MM + one_char, baseline, text, embolden=False)

    def need(self, bands: int, reserve: int = 0) -> None:
        """Start a new page unless `bands` lines (plus `reserve` kept free at the bottom) still fit."""
        if self.band + bands > LINES - reserve:
            self.new_page()

    # -- lines on the grid --------------------------------------------------------------------------
    def grid_line(
        self,
        role: Role,
        text: str,
        *,
        indent_chars: float = 0.0,
        justify: bool = False,
        size: float = BODY_PT,
        align: str = "left",
        x_mm: float | None = None,
        color=None,
    ) -> None:  # type: ignore[no-untyped-def]
        sheet = self.sheet
        baseline = sheet.baseline_centred(role, size, band_top(self.band), LINE_MM)
        space = GRID_SPACE if size == BODY_PT else 0.0
        x = LEFT_MM + indent_chars * CHAR_MM if x_mm is None else x_mm
        if justify and len(text) > 1:
            natural = sheet.fonts.width(role, text, size)
            space = ((LEFT_MM + BLOCK_W_MM - x) * mm - natural) / (len(text) - 1)
        extra = {"color": color} if color is not None else {}
        sheet.text(role, size, x, baseline, text, align=align, char_space=space, **extra)
        self.band += 1


def _heading_role(paragraph: Paragraph) -> Role:
    return {1: Role.HEI, 2: Role.KAI}.get(paragraph.level, Role.BODY)


def _header(writer: _Writer, data: DecisionInput) -> None:
    sheet = writer.sheet
    # Issuer mark: red, centred, compressed sideways to fit the text block when it is long.
    natural = sheet.width_mm(Role.TITLE, data.issuer_mark, MARK_PT)
    scale = min(100.0, MARK_MAX_W_MM / natural * 100.0) if natural else 100.0
    baseline = sheet.baseline_for_box(Role.TITLE, MARK_PT, MARK_TOP_MM)
    sheet.text(
        Role.TITLE,
        MARK_PT,
        LEFT_MM + BLOCK_W_MM / 2,
        baseline,
        data.issuer_mark,
        align="centre",
        color=RED,
        hscale=scale,
        embolden=True,
    )
    mark_bottom = MARK_TOP_MM + MARK_PT / mm
    # Document number two blank lines below the mark, on the grid.
    writer.band = math.ceil((mark_bottom - TOP_MM) / LINE_MM - 1e-6) + 2
    number_band = writer.band
    writer.grid_line(Role.BODY, data.doc_number, align="centre", x_mm=LEFT_MM + BLOCK_W_MM / 2)
    number_bottom = band_top(number_band) + LINE_MM / 2 + BODY_PT / mm / 2
    rule = number_bottom + RULE_BELOW_NUMBER_MM
    sheet.line(LEFT_MM, rule, LEFT_MM + BLOCK_W_MM, rule, width_pt=1.5, color=RED)
    rule_band = int((rule - TOP_MM) // LINE_MM)
    writer.band = rule_band + 3  # two blank lines below the band of the rule


def _title(writer: _Writer, title: str) -> None:
    sheet = writer.sheet
    natural = sheet.width_mm(Role.TITLE, title, TITLE_PT)
    count = max(1, math.ceil(natural / (BLOCK_W_MM - 2 * CHAR_MM)))
    per_line = math.ceil(len(title) / count)
    lines = [title[i : i + per_line] for i in range(0, len(title), per_line)]
    for line in lines:
        writer.grid_line(Role.TITLE, line, size=TITLE_PT, align="centre", x_mm=LEFT_MM + BLOCK_W_MM / 2)


def _closing_lines(sheet: Sheet, data: DecisionInput) -> list[str]:
    if not data.copies_to:
        return []
    text = "抄送：" + "，".join(data.copies_to) + "。"
    return break_lines(sheet, Role.BODY, text, SMALL_PT, BLOCK_W_MM - 2 * CHAR_MM)


def _closing_block(writer: _Writer, data: DecisionInput, copies: list[str]) -> None:
    """版记 at the bottom of the page: its last rule on the bottom edge of the text block."""
    sheet = writer.sheet
    rows = len(copies) + (1 if data.printed_by else 0)
    if not rows:
        return
    first = LINES - rows
    sheet.line(LEFT_MM, band_top(first), LEFT_MM + BLOCK_W_MM, band_top(first), width_pt=1.0)
    writer.band = first
    one = SMALL_PT / mm
    for index, line in enumerate(copies):
        x = LEFT_MM + one if index == 0 else LEFT_MM + one + 3 * one
        writer.grid_line(Role.BODY, line, size=SMALL_PT, x_mm=x)
    if data.printed_by:
        if copies:
            sheet.line(
                LEFT_MM, band_top(writer.band), LEFT_MM + BLOCK_W_MM, band_top(writer.band), width_pt=0.7
            )
        baseline = sheet.baseline_centred(Role.BODY, SMALL_PT, band_top(writer.band), LINE_MM)
        sheet.text(Role.BODY, SMALL_PT, LEFT_MM + one, baseline, data.printed_by)
        printed = f"{cn_date(data.printed_on or data.signed_on)}印发"
        sheet.text(Role.BODY, SMALL_PT, LEFT_MM + BLOCK_W_MM - one, baseline, printed, align="right")
        writer.band += 1
    bottom = TOP_MM + BLOCK_H_MM
    sheet.line(LEFT_MM, bottom, LEFT_MM + BLOCK_W_MM, bottom, width_pt=1.0)


def draw_decision(sheet: Sheet, data: DecisionInput) -> int:
    """Draw one decision on the sheet's canvas; returns the number of pages."""
    writer = _Writer(sheet)
    writer.new_page()
    _header(writer, data)
    _title(writer, data.title)
    writer.band += 1
    writer.grid_line(Role.BODY, f"{data.addressee.rstrip('：:')}：")
    for paragraph in data.paragraphs:
        role = _heading_role(paragraph)
        lines = break_lines(sheet, role, paragraph.text, BODY_PT, BLOCK_W_MM, 2 * CHAR_MM, GRID_SPACE)
        for index, line in enumerate(lines):
            writer.need(1)
            last = index == len(lines) - 1
            writer.grid_line(role, line, indent_chars=2 if index == 0 else 0, justify=not last)
    copies = _closing_lines(sheet, data)
    closing_rows = len(copies) + (1 if data.printed_by else 0)
    # Signature and date: three blank lines leave room for the seal over both.
    gap = 3 if data.sealed else 1
    writer.need(gap + 2, reserve=closing_rows + (1 if closing_rows else 0))
    writer.band += gap
    date_text = cn_date(data.signed_on)
    right = LEFT_MM + BLOCK_W_MM - (4 if data.sealed else 2) * CHAR_MM
    date_width = sheet.width_mm(Role.BODY, date_text, BODY_PT, GRID_SPACE)
    if data.sealed:
        centre = right - date_width / 2
        writer.grid_line(Role.BODY, data.signature, align="centre", x_mm=centre)
        writer.grid_line(Role.BODY, date_text, x_mm=right - date_width)
    else:
        sign_width = sheet.width_mm(Role.BODY, data.signature, BODY_PT, GRID_SPACE)
        writer.grid_line(Role.BODY, data.signature, x_mm=right - sign_width)
        writer.grid_line(Role.BODY, date_text, x_mm=right - sign_width + 2 * CHAR_MM)
    _closing_block(writer, data, copies)
    writer.finish()
    return writer.page


def render_decision(
    data: DecisionInput, target: Target | None = None, font_set: FontSet | None = None
) -> bytes | None:
    """Write the decision to `target` (path or binary file); with no target, return the PDF bytes."""
    font_set = font_set or fonts()
    check_printable(font_set, [("批复", data)], "批复")
    buffer = BytesIO() if target is None else None
    canvas = make_canvas(buffer if buffer is not None else target, data.title)  # type: ignore[arg-type]
    draw_decision(Sheet(canvas, data.offset, font_set), data)
    canvas.save()
    return buffer.getvalue() if buffer is not None else None
