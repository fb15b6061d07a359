"""A bordered table drawn straight on the canvas (fast enough for a thousand forms a second).

Text stays inside its cell: it is set at the table's size when it fits, else a little smaller, but
never below 9 pt; what still does not fit wraps onto more lines and the row grows to hold them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.units import mm

from bianzhi_desktop.documents.pdf.drawing import Sheet, break_lines
from bianzhi_desktop.documents.pdf.fonts import Role

MIN_PT = 9.0  # the smallest size a clerk can still read on a stamped form
PAD_MM = 1.5
LEADING = 1.2


@dataclass(frozen=True)
class Cell:
    text: str
    span: int = 1  # columns this cell covers
    align: str = "left"  # left / centre / right
    role: Role = Role.BODY
    label: bool = False  # a label cell: centred, 黑体


def fit_size(
    sheet: Sheet, role: Role, text: str, size: float, width_mm: float, min_pt: float = MIN_PT
) -> float:
    """The largest size ≤ `size` at which `text` fits `width_mm` on one line (never below `min_pt`)."""
    natural = sheet.fonts.width(role, text, size) / mm
    if natural <= width_mm or natural == 0:
        return size
    return max(min_pt, size * width_mm / natural)


def fit_text(
    sheet: Sheet, role: Role, text: str, size: float, width_mm: float, min_pt: float = MIN_PT
) -> tuple[float, list[str]]:
    """(size, lines) that set `text` within `width_mm`: one line, shrunk down to `min_pt` if need be,
    else wrapped at the largest size (down to `min_pt`) that needs no more than two lines, else at
    `min_pt` on as many lines as it takes."""
    key = (role, text, size, width_mm, min_pt)
    cached = sheet.layouts.get(key)
    if cached is None:
        cached = sheet.layouts[key] = _fit_text(sheet, role, text, size, width_mm, min_pt)
    return cached  # type: ignore[return-value]


def _fit_text(
    sheet: Sheet, role: Role, text: str, size: float, width_mm: float, min_pt: float
) -> tuple[float, list[str]]:
    fitted = fit_size(sheet, role, text, size, width_mm, min_pt)
    if sheet.fonts.width(role, text, fitted) / mm <= width_mm + 0.05:
        return fitted, [text]
    step = size
    while step >= min_pt:
        lines = break_lines(sheet, role, text, step, width_mm)
        if len(lines) <= 2:
            return step, lines
        step -= 0.5
    return min_pt, break_lines(sheet, role, text, min_pt, width_mm)


@dataclass(frozen=True)
class _Placed:
    cell: Cell
    x: float
    width: float
    size: float
    lines: list[str]


def _layout_row(
    sheet: Sheet, row: Sequence[Cell | str], x_mm: float, widths: Sequence[float], size: float
) -> tuple[list[_Placed], float]:
    """The cells of a row with their text set, and the height the row needs (mm)."""
    placed: list[_Placed] = []
    column, x, needed = 0, x_mm, 0.0
    for item in row:
        cell = item if isinstance(item, Cell) else Cell(item)
        width = sum(widths[column : column + cell.span])
        role = Role.HEI if cell.label else cell.role
        fitted, lines = (
            fit_text(sheet, role, cell.text, size, width - 2 * PAD_MM) if cell.text else (size, [])
        )
        placed.append(_Placed(cell, x, width, fitted, lines))
        if len(lines) > 1:
            needed = max(needed, len(lines) * fitted * LEADING / mm + 2 * PAD_MM * 0.6)
        x += width
        column += cell.span
    return placed, needed


def draw_grid(
    sheet: Sheet,
    x_mm: float,
    top_mm: float,
    widths: Sequence[float],
    row_mm: float,
    rows: Sequence[Sequence[Cell | str]],
    size: float = 10.5,
    outer_pt: float = 1.0,
    inner_pt: float = 0.5,
) -> float:
    """Draw `rows` (cells spanning columns) with borders; returns the bottom in millimetres. A row is
    `row_mm` high, or higher when a cell's text wraps."""
    total = sum(widths)
    top = top_mm
    for row in rows:
        placed, needed = _layout_row(sheet, row, x_mm, widths, size)
        height = max(row_mm, needed)
        for cell in placed:
            if cell.x != x_mm:
                sheet.line(cell.x, top, cell.x, top + height, width_pt=inner_pt, static=True)
            _cell_text(sheet, cell, top, height)
        if top != top_mm:
            sheet.line(x_mm, top, x_mm + total, top, width_pt=inner_pt, static=True)
        top += height
    sheet.rect(x_mm, top_mm, total, top - top_mm, width_pt=outer_pt, static=True)
    return top


def _cell_text(sheet: Sheet, placed: _Placed, top: float, height: float) -> None:
    cell = placed.cell
    if not placed.lines:
        return
    if sheet.mode != "all" and sheet.skip(cell.label, placed.x, top, height, cell.text):
        return  # the cell is in the other layer (the layer's text calls would all be skipped)
    role = Role.HEI if cell.label else cell.role
    align = "centre" if cell.label else cell.align
    x, width, size = placed.x, placed.width, placed.size
    anchor = {"left": x + PAD_MM, "centre": x + width / 2, "right": x + width - PAD_MM}[align]
    pitch = size * LEADING / mm
    first = top + (height - pitch * len(placed.lines)) / 2 + (pitch - size / mm) / 2
    for index, line in enumerate(placed.lines):
        baseline = sheet.baseline_for_box(role, size, first + index * pitch)
        sheet.text(role, size, anchor, baseline, line, align=align, embolden=False, static=cell.label)
