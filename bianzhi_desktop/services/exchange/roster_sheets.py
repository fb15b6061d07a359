"""A roster kept as one sheet per unit: the sheets read as one, each problem put back where it is.

Each sheet may have its own title lines, header row and column order, and may name its unit only in
its title (“清河县教育局在编人员花名册”). The rows of every sheet are laid into one sheet whose columns
are the fields (the unit filled in from the title where the sheet has no unit column), read and checked
as a single roster — so a person on two sheets is found (一人多编) — and every problem is then moved
back to its own sheet, row and column.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bianzhi_desktop.documents.excel.headers import FieldSpec, HeaderMatch, find_header
from bianzhi_desktop.documents.excel.reader import SheetData, column_letter
from bianzhi_desktop.services.exchange.common import Problem


@dataclass(frozen=True)
class SheetPart:
    sheet: SheetData
    match: HeaderMatch
    unit: str  # the unit named in the title, for a sheet without a unit column ("" otherwise)


@dataclass
class Combined:
    sheet: SheetData
    match: HeaderMatch
    keys: list[str]  # field key of each column of the combined sheet
    origin: list[tuple[int, int]]  # combined row index → (part index, row index in that sheet)
    parts: list[SheetPart]

    def row_label(self, number: int) -> str:
        """A row of the combined sheet as the clerk finds it: 工作表“教育局”第3行."""
        part_index, row_index = self.origin[number - 1]
        return f"工作表“{self.parts[part_index].sheet.sheet_name}”第{row_index + 1}行"

    def relocate(self, problems: list[Problem]) -> list[Problem]:
        """Each problem at its own sheet, row and column."""
        moved = []
        for problem in problems:
            index = problem.row - 1
            if not 0 <= index < len(self.origin) or index < self.match.data_start:
                moved.append(problem)
                continue
            part_index, row_index = self.origin[index]
            part = self.parts[part_index]
            column, header = "", problem.header
            if problem.column:
                key = self.keys[_column_number(problem.column)]
                original = part.match.columns.get(key)
                if original is not None:
                    column, header = column_letter(original), part.match.header_of(original)
            moved.append(
                replace(problem, row=row_index + 1, column=column, header=header, sheet=part.sheet.sheet_name)
            )
        return moved


def _column_number(letter: str) -> int:
    from bianzhi_desktop.documents.excel.reader import column_index

    return column_index(letter)


def combine(parts: list[SheetPart], specs: tuple[FieldSpec, ...]) -> Combined:
    """One sheet from several: a header of the fields found, then every sheet's data rows."""
    keys = [
        spec.key
        for spec in specs
        if any(spec.key in p.match.columns or (spec.key == "unit" and p.unit) for p in parts)
    ]
    header_of = {spec.key: spec.header for spec in specs}
    rows: list[list[object]] = [[header_of[key] for key in keys]]
    origin: list[tuple[int, int]] = [(0, parts[0].match.header_row)]
    uncomputed: set[tuple[int, int]] = set()
    for part_index, part in enumerate(parts):
        picks = [part.match.columns.get(key) for key in keys]
        for row_index in range(part.match.data_start, len(part.sheet.rows)):
            row = part.sheet.rows[row_index]
            values: list[object] = []
            for position, (key, column) in enumerate(zip(keys, picks, strict=True)):
                if column is None:
                    values.append(part.unit if key == "unit" else None)
                    continue
                values.append(row[column] if column < len(row) else None)
                if (row_index, column) in part.sheet.uncomputed:
                    uncomputed.add((len(rows), position))
            rows.append(values)
            origin.append((part_index, row_index))
    first = parts[0].sheet
    sheet = SheetData(
        first.path, "、".join(p.sheet.sheet_name for p in parts), first.sheet_names, rows, [], uncomputed
    )
    # the header is the first row, each column its field's
    match = find_header(sheet, specs, {key: index for index, key in enumerate(keys)})
    match.header_row, match.data_start = 0, 1
    return Combined(sheet, match, keys, origin, parts)
