"""The decision (批复) in the layout of GB/T 9704-2012 党政机关公文格式.

A4; text block 156 × 225 mm at 28 mm from the left and 37 mm from the top; 22 lines of 28 characters
of 3号 (16 pt) 仿宋. The issuer mark (发文机关标志) in red 小标宋 has its top 35 mm below the top of the
text block; the document number sits two blank lines below it in 3号仿宋, a red rule 4 mm below the
number spans the text block; the title in 2号 (22 pt) 小标宋 follows two blank lines below the rule,
the addressee one blank line below the title, then the body (first lines indented two characters;
一、 黑体, （一） 楷体, no one-character last lines). Signature and date (see `_signature`), never alone
on a page; the closing block (抄送, 印发机关 and 印发日期 in 4号仿宋 between rules) at the bottom of the
last page, which is even (a blank page added where needed); page numbers "— 1 —" in 4号宋体 7 mm
below the text block, odd pages right, even pages left. The title breaks only between words.

All body lines sit on the 22-line grid, so every full page holds exactly 22 lines.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from io import BytesIO

from reportlab.lib.units import mm

from bianzhi_desktop.documents.pdf.drawing import (
    RED,
    Offset,
    Sheet,
    Target,
    break_lines,
    cn_date,
    make_canvas,
)
from bianzhi_desktop.documents.pdf.fonts import FontSet, Role, fonts
from bianzhi_desktop.documents.pdf.printable import check_printable
from bianzhi_desktop.documents.pdf.titles import break_title

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
    """A body paragraph; level 1 is a 一、 heading (黑体), level 2 a （一） heading (楷体), 0 plain text.

    A plain paragraph that opens with a numbered heading ("一、…。正文…", "（二）…。") sets its
    heading sentence, up to the first 。, in the level's face and the rest in the body face;
    1. and （1） headings stay in 仿宋."""

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
    keep_whole: tuple[str, ...] = ()  # names the title must not break inside (units, people)


def band_top(index: int) -> float:
    """Top of grid line `index` (0-based) in millimetres from the top of the sheet."""
    return TOP_MM + index * LINE_MM


LEVEL_ONE = re.compile(r"^[一二三四五六七八九十]+、")
LEVEL_TWO = re.compile(r"^（[一二三四五六七八九十]+）")


def heading_role(level: int) -> Role:
    """一、 黑体; （一） 楷体; 1. and （1） 仿宋 like the body."""
    return {1: Role.HEI, 2: Role.KAI}.get(level, Role.BODY)


def heading_split(paragraph: Paragraph) -> tuple[Role, int]:
    """The face of the paragraph's heading and how many of its characters it covers."""
    if paragraph.level:
        return heading_role(paragraph.level), len(paragraph.text)
    text = paragraph.text
    for level, pattern in ((1, LEVEL_ONE), (2, LEVEL_TWO)):
        if pattern.match(text):
            stop = text.find("。")
            return heading_role(level), len(text) if stop < 0 else stop + 1
    return Role.BODY, 0


@dataclass(frozen=True)
class _Line:
    """One body line: its text in (face, text) segments, first-line indent, whether it is justified."""

    segments: tuple[tuple[Role, str], ...]
    indent_chars: int
    justify: bool


def _segments(text: str, start: int, head_role: Role, head_len: int) -> tuple[tuple[Role, str], ...]:
    cut = max(0, min(len(text), head_len - start))
    parts = ((head_role, text[:cut]), (Role.BODY, text[cut:]))
    return tuple((role, part) for role, part in parts if part)


def _body_lines(sheet: Sheet, paragraphs: tuple[Paragraph, ...]) -> list[_Line]:
    lines: list[_Line] = []
    for paragraph in paragraphs:
        head_role, head_len = heading_split(paragraph)
        role = head_role if head_len == len(paragraph.text) else Role.BODY
        texts = break_lines(
            sheet, role, paragraph.text, BODY_PT, BLOCK_W_MM, 2 * CHAR_MM, GRID_SPACE, squeeze=True
        )
        start = 0
        for index, text in enumerate(texts):
            last = index == len(texts) - 1
            over = sheet.width_mm(role, text, BODY_PT, GRID_SPACE) + (2 * CHAR_MM if index == 0 else 0)
            justify = not last or over > BLOCK_W_MM + 0.2  # a squeezed last line is set tighter too
            lines.append(_Line(_segments(text, start, head_role, head_len), 2 if index == 0 else 0, justify))
            start += len(text)
    return lines


class _Writer:
    def __init__(self, sheet: Sheet) -> None:
        self.sheet = sheet
        self.page = 0
        self.band = 0

    # -- pages --------------------------------------------------------------------------------------
    def new_page(self, numbered: bool = True) -> None:
        if self.page:
            self.end_page(numbered)
        self.page += 1
        self.band = 0
        self.sheet.start_page()

    def end_page(self, numbered: bool = True) -> None:
        if numbered:
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

    # -- lines on the grid --------------------------------------------------------------------------
    def grid_line(
        self,
        role: Role,
        text: str,
        *,
        indent_chars: float = 0.0,
        size: float = BODY_PT,
        align: str = "left",
        x_mm: float | None = None,
        color=None,
    ) -> None:  # type: ignore[no-untyped-def]
        sheet = self.sheet
        baseline = sheet.baseline_centred(role, size, band_top(self.band), LINE_MM)
        space = GRID_SPACE if size == BODY_PT else 0.0
        x = LEFT_MM + indent_chars * CHAR_MM if x_mm is None else x_mm
        extra = {"color": color} if color is not None else {}
        sheet.text(role, size, x, baseline, text, align=align, char_space=space, **extra)
        self.band += 1

    def body_line(self, line: _Line) -> None:
        """A body line on the grid, its segments side by side; justified lines fill the text block."""
        sheet = self.sheet
        x = LEFT_MM + line.indent_chars * CHAR_MM
        count = sum(len(text) for _role, text in line.segments)
        space = GRID_SPACE
        if line.justify and count > 1:
            natural = sum(sheet.fonts.width(role, text, BODY_PT) for role, text in line.segments)
            space = ((LEFT_MM + BLOCK_W_MM - x) * mm - natural) / (count - 1)
        for role, text in line.segments:
            baseline = sheet.baseline_centred(role, BODY_PT, band_top(self.band), LINE_MM)
            sheet.text(role, BODY_PT, x, baseline, text, char_space=space)
            x += (sheet.fonts.width(role, text, BODY_PT) + space * len(text)) / mm
        self.band += 1


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


def _title(writer: _Writer, data: DecisionInput) -> None:
    sheet = writer.sheet
    lines = break_title(
        data.title,
        lambda text: sheet.width_mm(Role.TITLE, text, TITLE_PT),
        BLOCK_W_MM - 2 * CHAR_MM,
        (*data.keep_whole, data.addressee),
    )
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


def _place(first_band: int, count: int, gap: int) -> tuple[list[tuple[int, int]], int, int, bool]:
    """(page, band) of each of `count` body lines from `first_band` of page 1, the page and band of
    the signature, and whether body lines were pulled over to its page. The signature and date never stand alone on a page: the
    blank lines above them shrink to one, and if that is not enough the last two body lines go over
    to the signature's page."""
    places: list[tuple[int, int]] = []
    page, band = 1, first_band
    for _ in range(count):
        if band >= LINES:
            page, band = page + 1, 0
        places.append((page, band))
        band += 1
    for blank in range(gap, 0, -1):
        if band + blank + SIGNATURE_ROWS <= LINES:
            return places, page, band + blank, False
    on_page = [i for i, (p, _b) in enumerate(places) if p == page]
    moved = on_page[-2:] if len(on_page) >= 2 else on_page
    for offset, index in enumerate(moved):
        places[index] = (page + 1, offset)
    return places, page + 1, len(moved) + gap, True


SIGNATURE_ROWS = 2


def _signature(writer: _Writer, data: DecisionInput) -> None:
    """署名 over 成文日期. Sealed: the signature centred over a date right-indented four characters,
    or, when the signature is the longer, right-indented two characters with the date centred under
    it. Unsealed: the signature right-indented two characters, the date's first character two to the
    right of the signature's (the date right-indented two when it is the longer)."""
    sheet = writer.sheet
    date_text = cn_date(data.signed_on)
    date_w = sheet.width_mm(Role.BODY, date_text, BODY_PT, GRID_SPACE)
    sign_w = sheet.width_mm(Role.BODY, data.signature, BODY_PT, GRID_SPACE)
    block_right = LEFT_MM + BLOCK_W_MM
    if data.sealed:
        if sign_w > date_w:
            sign_right = block_right - 2 * CHAR_MM
            centre = sign_right - sign_w / 2
            date_left = centre - date_w / 2
        else:
            date_left = block_right - 4 * CHAR_MM - date_w
            sign_right = date_left + date_w / 2 + sign_w / 2
    else:
        if date_w + 2 * CHAR_MM > sign_w:
            date_left = block_right - 2 * CHAR_MM - date_w
            sign_right = date_left - 2 * CHAR_MM + sign_w
        else:
            sign_right = block_right - 2 * CHAR_MM
            date_left = sign_right - sign_w + 2 * CHAR_MM
    writer.grid_line(Role.BODY, data.signature, x_mm=sign_right - sign_w)
    writer.grid_line(Role.BODY, date_text, x_mm=date_left)


def draw_decision(sheet: Sheet, data: DecisionInput) -> int:
    """Draw one decision on the sheet's canvas; returns the number of pages (blank ones included)."""
    writer = _Writer(sheet)
    writer.new_page()
    _header(writer, data)
    _title(writer, data)
    writer.band += 1
    writer.grid_line(Role.BODY, f"{data.addressee.rstrip('：:')}：")
    lines = _body_lines(sheet, data.paragraphs)
    # Signature and date: blank lines above them leave room for the seal over both.
    places, sign_page, sign_band, _pulled = _place(writer.band, len(lines), 3 if data.sealed else 1)
    for line, (page, band) in zip(lines, places, strict=True):
        while writer.page < page:
            writer.new_page()
        writer.band = band
        writer.body_line(line)
    while writer.page < sign_page:
        writer.new_page()
    writer.band = sign_band
    _signature(writer, data)
    copies = _closing_lines(sheet, data)
    closing_rows = len(copies) + (1 if data.printed_by else 0)
    if closing_rows:
        # 版记 at the foot of the last page, which is an even page (the back of the last sheet): on
        # the signature's page when that is even and has room, else on the next even page, with a
        # blank page before it where needed (neither numbered, GB/T 9704 7.5).
        fits = writer.band + 1 + closing_rows <= LINES
        if not (writer.page % 2 == 0 and fits):
            numbered_closing = writer.page % 2 == 1
            writer.new_page()
            if writer.page % 2:
                writer.new_page(numbered=False)
            _closing_block(writer, data, copies)
            writer.end_page(numbered=numbered_closing)
            return writer.page
        _closing_block(writer, data, copies)
    writer.end_page()
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
