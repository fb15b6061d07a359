"""Shared drawing helpers: millimetres, the print offset, text in runs of fonts, line breaking.

Coordinates given in millimetres from the top-left corner of the sheet (as a clerk measures a form);
`Sheet` converts to reportlab's points from the bottom-left and applies the per-form offset.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from bianzhi_desktop.documents.pdf.fonts import FontSet, Role, fonts

# Binary (zlib only) streams: ASCII85 on top makes a batch of a thousand notices ~40 % slower to write.
rl_config.useA85 = 0

PAGE_W_MM, PAGE_H_MM = A4[0] / mm, A4[1] / mm
RED = Color(0.85, 0.0, 0.0)  # 公文红
BLACK = Color(0, 0, 0)
GREY = Color(0.45, 0.45, 0.45)

# Characters that may not start a line (避头) and may not end one (避尾).
NO_START = set("，。、；：？！）》」』”’〕】…—％·,.;:?!)]}%")
NO_END = set("（《「『“‘〔【([{")

Progress = Callable[[int, int, str], None]
Target = str | Path | BinaryIO


@dataclass(frozen=True)
class Offset:
    """Shift of the whole print for pre-printed paper, in millimetres (right and down are positive)."""

    x_mm: float = 0.0
    y_mm: float = 0.0


def cn_date(day: dt.date | None) -> str:
    """2026年11月22日 (Arabic numerals, no leading zeros, as GB/T 9704 wants)."""
    return f"{day.year}年{day.month}月{day.day}日" if day else "　　年　　月　　日"


def make_canvas(target: Target, title: str, author: str = "") -> Canvas:
    canvas = Canvas(
        target if isinstance(target, str) else str(target) if isinstance(target, Path) else target,
        pagesize=A4,
        pageCompression=1,
    )
    canvas.setTitle(title)
    canvas.setAuthor(author)
    canvas.setCreator("机构编制管理 bianzhi_desktop")
    return canvas


def _rgb(color: Color) -> str:
    return fp_str(color.red, color.green, color.blue)


def _pen(width_pt: float, color: Color, dash: tuple[float, ...] | None) -> str:
    """Stroke colour, width and dash pattern, set explicitly for each rule (PDF operators)."""
    pattern = f"[{' '.join(fp_str(d) for d in dash)}] 0 d " if dash else "[] 0 d "
    return f"{_rgb(color)} RG {fp_str(width_pt)} w {pattern}"


_FRESH_STATE = (0.0, 100.0, BLACK)  # char space, horizontal scale, fill colour of a new page


class Sheet:
    """A canvas seen in millimetres from the top-left, with the form offset applied on every page.

    Layers, for forms printed by the thousand: drawing calls marked `static` (rules, labels, fixed
    wording) can be kept apart from the others. In mode "dynamic" only the other calls draw and the
    static ones are noted in `geometry` (what they would draw, cheaply); in mode "static" only the
    static ones draw. A batch draws each page's static part once as a PDF form XObject, reused by
    every page whose geometry is the same (notices.py). Mode "all", the default, draws everything.
    """

    def __init__(self, canvas: Canvas, offset: Offset = Offset(), font_set: FontSet | None = None) -> None:
        self.canvas = canvas
        self.offset = offset
        self.fonts = font_set or fonts()
        self._page_started = False
        self._state = _FRESH_STATE
        self._encodings: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self.layouts: dict[tuple[object, ...], object] = {}  # text set to fit a box, per document
        self.mode = "all"
        self.geometry: list[object] = []
        self._descents: dict[Role, float] = {}

    def skip(self, static: bool, *what: object) -> bool:
        """Whether a drawing call stays out of the current layer (a skipped static call is noted)."""
        if self.mode == "all":
            return False
        if self.mode == "dynamic":
            if static:
                self.geometry.append(what)
                return True
            return False
        return not static

    def fresh_state(self) -> None:
        """The text state of a fresh page or form stream."""
        self._state = _FRESH_STATE

    def start_page(self) -> None:
        self._state = _FRESH_STATE
        if self.offset.x_mm or self.offset.y_mm:
            self.canvas.translate(self.offset.x_mm * mm, -self.offset.y_mm * mm)
        self._page_started = True

    def end_page(self) -> None:
        self.canvas.showPage()
        self._page_started = False

    @staticmethod
    def y(top_mm: float) -> float:
        return (PAGE_H_MM - top_mm) * mm

    def baseline_for_box(self, role: Role, size: float, box_top_mm: float) -> float:
        """The baseline (points) that puts the em box of `size` with its top at `box_top_mm`."""
        descent = self._descents.get(role)
        if descent is None:
            descent = self._descents[role] = self.fonts.choice(role).font.font.face.descent / 1000.0
        return (PAGE_H_MM - box_top_mm) * mm - size * (1.0 + descent)

    def baseline_centred(self, role: Role, size: float, top_mm: float, height_mm: float) -> float:
        """Baseline that centres the em box vertically in a band."""
        return self.baseline_for_box(role, size, top_mm + height_mm / 2 - size / mm / 2)

    def width_mm(self, role: Role, text: str, size: float, char_space: float = 0.0) -> float:
        return (self.fonts.width(role, text, size) + char_space * max(len(text) - 1, 0)) / mm

    def text(
        self,
        role: Role,
        size: float,
        x_mm: float,
        baseline: float,
        text: str,
        *,
        align: str = "left",
        char_space: float = 0.0,
        color: Color = BLACK,
        embolden: bool | None = None,
        hscale: float = 100.0,
        static: bool = False,
    ) -> None:
        """Draw one line; `align` is left/centre/right about `x_mm`; baseline in points."""
        if not text or (self.mode != "all" and self.skip(static, role, size, x_mm, baseline, text, align)):
            return
        if align != "left":
            width = self.width_mm(role, text, size, char_space) * hscale / 100.0
            x_mm = x_mm - width / 2 if align == "centre" else x_mm - width
        bold = self.fonts.choice(role).embolden if embolden is None else embolden
        # Written as PDF operators straight into the page (reportlab's text object costs ~0.1 ms a call
        # and a batch of notices draws ~70 texts a page). Character spacing, horizontal scale and fill
        # colour live in the graphics state and carry over: emitted only when they change. Emboldened
        # text (fill and a thin outline) is wrapped in q/Q, which undoes its outline and colours.
        ops: list[str] = []
        saved = self._state
        if bold:
            ops.append(f"q {fp_str(size * 0.035)} w {_rgb(color)} RG")
        ops.append(f"BT 1 0 0 1 {fp_str(x_mm * mm)} {fp_str(baseline)} Tm")
        if char_space != self._state[0]:
            ops.append(f"{fp_str(char_space)} Tc")
        if hscale != self._state[1]:
            ops.append(f"{fp_str(hscale)} Tz")
        if color is not self._state[2] and color != self._state[2]:  # Color.__eq__ is slow
            ops.append(f"{_rgb(color)} rg")
        self._state = (char_space, hscale, color)
        if bold:
            ops.append("2 Tr")
        size_text = fp_str(size)
        for name, part in self.fonts.runs(role, text):
            for internal, escaped in self._encoded(name, part):
                ops.append(f"{internal} {size_text} Tf ({escaped}) Tj")
        ops.append("ET")
        if bold:
            ops.append("Q")
            self._state = saved
        self.canvas._code.append(" ".join(ops))

    def _encoded(self, name: str, text: str) -> list[tuple[str, str]]:
        """(subset font name, escaped bytes) chunks of `text` in this document, cached per text."""
        key = (name, text)
        cached = self._encodings.get(key)
        if cached is None:
            font = pdfmetrics.getFont(name)
            doc = self.canvas._doc
            escape = self.canvas._escape
            cached = [
                (font.getSubsetInternalName(subset, doc), escape(chunk))
                for subset, chunk in font.splitString(text, doc)
            ]
            self._encodings[key] = cached
        return cached

    def line(
        self,
        x1_mm: float,
        top1_mm: float,
        x2_mm: float,
        top2_mm: float,
        width_pt: float = 0.6,
        color: Color = BLACK,
        dash: tuple[float, ...] | None = None,
        static: bool = False,
    ) -> None:
        if self.mode != "all" and self.skip(static, x1_mm, top1_mm, x2_mm, top2_mm, width_pt):
            return
        self.canvas._code.append(
            f"{_pen(width_pt, color, dash)}{fp_str(x1_mm * mm)} {fp_str(self.y(top1_mm))} m "
            f"{fp_str(x2_mm * mm)} {fp_str(self.y(top2_mm))} l S"
        )

    def rect(
        self,
        x_mm: float,
        top_mm: float,
        w_mm: float,
        h_mm: float,
        width_pt: float = 0.6,
        color: Color = BLACK,
        dash: tuple[float, ...] | None = None,
        static: bool = False,
    ) -> None:
        if self.mode != "all" and self.skip(static, x_mm, top_mm, w_mm, h_mm, width_pt):
            return
        self.canvas._code.append(
            f"{_pen(width_pt, color, dash)}{fp_str(x_mm * mm)} {fp_str(self.y(top_mm + h_mm))} "
            f"{fp_str(w_mm * mm)} {fp_str(h_mm * mm)} re S"
        )

    def circle(
        self,
        x_mm: float,
        top_mm: float,
        r_mm: float,
        width_pt: float = 0.3,
        color: Color = BLACK,
        dash: tuple[float, ...] | None = None,
        static: bool = False,
    ) -> None:
        if self.mode != "all" and self.skip(static, x_mm, top_mm, r_mm):
            return
        canvas = self.canvas
        canvas.saveState()
        canvas.setStrokeColor(color)
        canvas.setLineWidth(width_pt)
        canvas.setDash(*dash) if dash else canvas.setDash()
        canvas.circle(x_mm * mm, self.y(top_mm), r_mm * mm, stroke=1, fill=0)
        canvas.restoreState()


def _word(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char in ".,%")


def break_lines(
    sheet: Sheet,
    role: Role,
    text: str,
    size: float,
    width_mm: float,
    first_indent_mm: float = 0.0,
    char_space: float = 0.0,
    squeeze: bool = False,
) -> list[str]:
    """Break text into lines no wider than `width_mm` (CJK: any character may break), keeping
    closing punctuation off the start of a line and opening punctuation off its end.

    With `squeeze` (the decision, whose lines are justified), a line may take one character more than
    fits, set tighter (GB/T 9704 allows adjusting the character spacing): closing punctuation that
    would otherwise drag the last character down with it stays on its line, and a paragraph never
    ends with a line of one character (with or without its 。)."""
    lines: list[str] = []
    current: list[str] = []
    used = first_indent_mm * mm
    limit = width_mm * mm + 0.5  # 28 characters of 16 pt on a 156 mm line overrun it by 0.2 pt
    widths = sheet.fonts.width
    one_more = size + char_space  # what a squeezed line may hold beyond the limit
    for char in text:
        advance = widths(role, char, size)
        if current and used + advance > limit:
            if (
                squeeze
                and char in NO_START
                and used + advance <= limit + one_more
                and current[-1] not in NO_START
            ):
                current.append(char)  # set the line a little tighter instead of carrying a character
                lines.append("".join(current))
                current, used = [], 0.0
                continue
            carry: list[str] = []
            if char in NO_START and len(current) > 1:
                carry = [current.pop()]
            elif _word(char):  # keep numbers and Latin words whole: 2026 never splits as 20/26
                run = 0
                while run < len(current) and _word(current[-1 - run]):
                    run += 1
                if run < len(current) and run < 12:
                    carry, current = current[len(current) - run :], current[: len(current) - run]
            while len(current) > 1 and current[-1] in NO_END:
                carry.insert(0, current.pop())
            lines.append("".join(current))
            current = carry
            used = sum(widths(role, c, size) + char_space for c in current)
        current.append(char)
        used += advance + char_space
    if current or not lines:
        lines.append("".join(current))
    if squeeze and len(lines) > 1 and is_orphan(lines[-1]):
        lines = _mend_orphan(sheet, role, lines, size, limit, char_space, first_indent_mm * mm)
    return lines


def is_orphan(line: str) -> bool:
    """A last line of one character, alone or with its closing punctuation (孤字)."""
    return len(line.rstrip("".join(NO_START))) <= 1


def _mend_orphan(
    sheet: Sheet, role: Role, lines: list[str], size: float, limit: float, char_space: float, indent: float
) -> list[str]:
    """Pull the lone character back onto the line before (set tighter) when one character more fits
    there; otherwise push one more character down to keep it company."""
    before, last = lines[-2], lines[-1]
    start = indent if len(lines) == 2 else 0.0
    merged = before + last
    width = start + sheet.fonts.width(role, merged, size) + char_space * (len(merged) - 1)
    if width <= limit + size + char_space:
        return [*lines[:-2], merged]
    if len(before) > 2 and before[-1] not in NO_END and before[-1] not in NO_START:
        return [*lines[:-2], before[:-1], before[-1] + last]
    return lines
