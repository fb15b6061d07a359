"""What the roster and ledger imports share: problems located in the spreadsheet, and looking up
units, divisions and quota kinds by the names offices write."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select

from bianzhi_desktop.documents.excel.headers import FieldSpec, HeaderMatch, find_header
from bianzhi_desktop.documents.excel.reader import SheetData, column_letter
from bianzhi_desktop.domain.enums import DivisionStatus, UnitStatus
from bianzhi_desktop.domain.textnorm import clean_cell_text, strip_spaces, to_halfwidth
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Division, QuotaKind, Unit, UnitName


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


# Not frozen, with slots: an initialisation import notes a hundred thousand assumptions, and a frozen
# dataclass takes five times as long to make (treat a Problem as a value all the same).
@dataclass(slots=True)
class Problem:
    """One problem, where the spreadsheet shows it: row number as Excel shows it, column letter."""

    row: int
    column: str  # "A", "B", …; "" when it concerns the whole row or file
    header: str
    message: str
    severity: Severity = Severity.ERROR
    sheet: str = ""
    # what the problem is, without the row's own values: problems of one group are shown together
    # (“24 行：未填写原法定退休年龄类别，已按编制类型设定”); "" groups by header and message
    group: str = ""

    @property
    def is_error(self) -> bool:
        return self.severity == Severity.ERROR

    def as_dict(self) -> dict[str, object]:
        return {"row": self.row, "column": self.column, "header": self.header, "message": self.message}

    def text(self) -> str:
        where = f"第{self.row}行" + (f" {self.column}列（{self.header}）" if self.column else "")
        return f"{where}：{self.message}"


class ProblemList:
    """Problems collected while reading one sheet, each located by field key or column index."""

    def __init__(self, sheet: SheetData, match: HeaderMatch, specs: tuple[FieldSpec, ...] = ()) -> None:
        self.sheet = sheet
        self.match = match
        self.items: list[Problem] = []
        self.error_count = 0
        self.labels = {spec.key: spec.header for spec in specs}  # for fields without a column
        self._places: dict[str | None, tuple[str, str]] = {}

    def add(
        self,
        row_index: int,
        key: str | None,
        message: str,
        severity: Severity = Severity.ERROR,
        group: str = "",
    ) -> None:
        place = self._places.get(key)
        if place is None:  # where a field's problems go, worked out once per field
            column = self.match.columns.get(key) if key else None
            place = self._places[key] = (
                column_letter(column) if column is not None else "",
                self.match.header_of(column) if column is not None else self.labels.get(key or "", ""),
            )
        if severity is Severity.ERROR:
            self.error_count += 1
        self.items.append(
            Problem(row_index + 1, place[0], place[1], message, severity, self.sheet.sheet_name, group)
        )


class ProblemsSplit:
    """A preview's `problems` split into errors (the import is refused) and warnings."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


def best_sheet(sheets: list[SheetData], specs: tuple[FieldSpec, ...]) -> tuple[SheetData, HeaderMatch]:
    """The sheet whose header names the most of the layout's fields (the first one on a tie)."""
    scored: list[tuple[int, int, SheetData, HeaderMatch]] = []
    for sheet in sheets:
        match = find_header(sheet, specs)
        scored.append((len(match.columns) - len(match.missing), -len(scored), sheet, match))
    _, _, sheet, match = max(scored, key=lambda item: item[:2])
    return sheet, match


def missing_column_problems(sheet: SheetData, match: HeaderMatch) -> list[Problem]:
    return [
        Problem(
            row=match.header_row + 1,
            column="",
            header=spec.header,
            message=(
                f"找不到“{spec.header}”列"
                + (f"（也可写作：{'、'.join(spec.synonyms[:4])}）" if spec.synonyms else "")
                + "，请在“列对应”中指定该列"
            ),
            sheet=sheet.sheet_name,
        )
        for spec in match.missing
    ]


_UNIT_LABEL = re.compile(r"(?:填报单位|单位名称|单位|所在单位|机构名称)[:：]\s*([^\s:：（(]+)")
TOTAL_WORDS = ("合计", "总计", "小计", "共计")


def is_total_row(text: str) -> bool:
    """A 合计/小计 line (“合计”, “小计：”, “教育局小计”), which an import skips."""
    cleaned = strip_spaces(text).rstrip(":：")
    return any(cleaned == word or cleaned.endswith(word) for word in TOTAL_WORDS)


def find_title_unit(
    sheet: SheetData, header_row: int, names: Iterable[str], known: Callable[[str], bool]
) -> str:
    """The unit a sheet without a unit column is about: named after “单位：” in its title lines, or the
    longest known name that a title line (“清河县教育局在编人员花名册”) or the sheet's name contains;
    "" when none names a known unit."""
    texts = [
        clean_cell_text(value)
        for row in sheet.rows[:header_row]
        for value in row
        if isinstance(value, str) and value.strip()
    ]
    texts.append(clean_cell_text(sheet.sheet_name))
    for text in texts:
        for found in _UNIT_LABEL.findall(text):
            if known(found):
                return str(found)
    ordered = sorted((name for name in names if len(name) >= 2), key=len, reverse=True)
    for text in texts:
        for name in ordered:
            if name in text and known(name):
                return name
    return ""


def _key(text: str) -> str:
    return strip_spaces(to_halfwidth(text, punctuation=True)).replace("(", "（").replace(")", "）")


class NameIndex:
    """Names → ids with the fallbacks clerks rely on: exact; else the single known name that starts
    with, contains or is contained in the text (“行政” → 行政编制)."""

    def __init__(self, pairs: list[tuple[str, int]]) -> None:
        self.exact: dict[str, set[int]] = defaultdict(set)
        for name, ident in pairs:
            if name:
                self.exact[_key(name)].add(ident)
        self._cache: dict[str, set[int]] = {}

    def find(self, raw: str) -> set[int]:
        text = _key(raw)
        if not text:
            return set()
        if text in self.exact:
            return self.exact[text]
        if text not in self._cache:
            found: set[int] = set()
            for name, ids in self.exact.items():
                if name.startswith(text) or (len(name) >= 2 and name in text) or text in name:
                    found |= ids
            self._cache[text] = found
        return self._cache[text]


class Lookups:
    """Units (by full name, short name, nameplate), their divisions, and quota kinds, loaded once."""

    def __init__(self, uow: UnitOfWork) -> None:
        session = uow.session
        self.units: dict[int, tuple[str, str]] = {}
        exact: dict[str, list[int]] = defaultdict(list)
        for unit_id, name, short, status in session.execute(
            select(Unit.id, Unit.name, Unit.short_name, Unit.status).order_by(Unit.id)
        ):
            self.units[unit_id] = (name, status)
            exact[clean_cell_text(name)].append(unit_id)
            if short:
                exact[clean_cell_text(short)].append(unit_id)
        for unit_id, name in session.execute(select(UnitName.unit_id, UnitName.name)):
            exact[clean_cell_text(name)].append(unit_id)
        self.unit_names = exact
        self.divisions: dict[tuple[int, str], int] = {
            (unit_id, clean_cell_text(name)): division_id
            for division_id, unit_id, name in session.execute(
                select(Division.id, Division.unit_id, Division.name).where(
                    Division.status == DivisionStatus.ACTIVE.value
                )
            )
        }
        kinds = list(session.execute(select(QuotaKind.id, QuotaKind.code, QuotaKind.name, QuotaKind.active)))
        self.kind_names = {kind_id: name for kind_id, _, name, _ in kinds}
        self.kind_active = {kind_id: active for kind_id, _, _, active in kinds}
        self.kinds = NameIndex(
            [(name, i) for i, _, name, _ in kinds] + [(code, i) for i, code, _, _ in kinds]
        )

    def unit(self, raw: str) -> tuple[int | None, str]:
        """(unit id, problem): an existing unit is preferred to an abolished one of the same name."""
        name = clean_cell_text(raw)
        if not name:
            return None, "不能为空"
        ids = self.unit_names.get(name, [])
        if not ids:
            return None, f"没有名为“{name}”的机构（请核对名称，或先导入机构台账）"
        active = [i for i in dict.fromkeys(ids) if self.units[i][1] == UnitStatus.ACTIVE.value]
        if len(set(active)) > 1:
            return None, f"“{name}”对应多个机构，请写全称"
        return (active[0] if active else ids[0]), ""

    def division(self, unit_id: int, raw: str) -> tuple[int | None, str]:
        name = clean_cell_text(raw)
        found = self.divisions.get((unit_id, name))
        if found is None:
            return None, f"“{self.units[unit_id][0]}”没有内设机构“{name}”"
        return found, ""

    def kind(self, raw: str) -> tuple[int | None, str]:
        ids = self.kinds.find(raw)
        options = "、".join(name for i, name in self.kind_names.items() if self.kind_active[i])
        if not ids:
            return None, f"没有“{clean_cell_text(raw)}”这一编制类型（可选：{options}）"
        if len(ids) > 1:
            names = "、".join(self.kind_names[i] for i in sorted(ids))
            return None, f"“{clean_cell_text(raw)}”不明确，可能是：{names}"
        kind_id = next(iter(ids))
        if not self.kind_active[kind_id]:
            return None, f"编制类型“{self.kind_names[kind_id]}”已停用"
        return kind_id, ""


def write_error_report(
    path: str | Path, sheet: SheetData, match: HeaderMatch, problems: list[Problem]
) -> Path:
    """The error report of one sheet's problems (see documents.excel.error_report)."""
    from bianzhi_desktop.documents.excel.error_report import CellProblem
    from bianzhi_desktop.documents.excel.error_report import write_error_report as write
    from bianzhi_desktop.documents.excel.reader import column_index

    mine = [p for p in problems if p.sheet in ("", sheet.sheet_name)]
    # with errors, the rows to correct (with every note of theirs); an import that only made
    # assumptions lists the rows they were made on
    error_rows = {p.row for p in mine if p.is_error}
    if error_rows:
        mine = [p for p in mine if p.row in error_rows]
    located = [
        CellProblem(p.row, column_index(p.column) if p.column else None, p.message, p.is_error) for p in mine
    ]
    return write(Path(path), sheet, match.header_row, match.headers, located)
