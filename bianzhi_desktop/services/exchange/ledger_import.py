"""Importing units with their quota and leader-post ledgers (台账) from a workbook, all or nothing.

A workbook may hold three kinds of sheet, recognised by their headers (names do not matter):
units (机构名称, 机构类别, 机构规格, 所属系统, 经费形式, 主管部门 …), quota ledger lines (单位, 编制类型,
核定数, 生效日期, 依据文号 …) and leader-post ledger lines (单位, 职数层级, 职级, 职数, 生效日期, 依据文号 …).
Every line cites its document. Units of the file are created first (supervisors before the units
they supervise); a unit that already exists is used as it is, with a warning. Initialisation mode only.
The offices' own shapes — one sheet giving units and their quota lines together, kinds side by side,
one sheet per unit — are recognised by ledger_sheet; 所属系统 left out follows from the category, the
name or the supervisor, and a plain 事业编制 from the funding form, each noted on its row.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select

from bianzhi_desktop.documents.excel import cells
from bianzhi_desktop.documents.excel.headers import HeaderMatch
from bianzhi_desktop.documents.excel.layouts import pick
from bianzhi_desktop.documents.excel.reader import MAX_BYTES, SheetData, read_workbook
from bianzhi_desktop.domain.credit_code import check_credit_code
from bianzhi_desktop.domain.enums import Funding, LeaderTier, Rank, Role, UnitCategory, UnitSystem
from bianzhi_desktop.domain.errors import BianzhiError, ValidationError
from bianzhi_desktop.domain.onboarding import (
    funding_from_text,
    infer_system,
    is_unqualified_pi_kind,
    pi_kind_for_funding,
)
from bianzhi_desktop.domain.textnorm import clean_cell_text
from bianzhi_desktop.domain.units import funding_problem
from bianzhi_desktop.persistence.collector import pauses_collector
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import LeaderPostEntry, QuotaEntry
from bianzhi_desktop.services.admin.settings import require_initialisation
from bianzhi_desktop.services.context import Actor, audit, require
from bianzhi_desktop.services.exchange.common import (
    Lookups,
    Problem,
    ProblemList,
    ProblemsSplit,
    Severity,
    find_title_unit,
    is_total_row,
)
from bianzhi_desktop.services.exchange.ledger_sheet import LAYOUTS, LedgerPart, classify, near_miss
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.org import divisions, units
from bianzhi_desktop.services.org.documents import DocumentRef

Progress = Callable[[int, int, str], None]

CATEGORY_ALIASES = {
    "公益一类事业单位": UnitCategory.PI_PUBLIC1,
    "公益二类事业单位": UnitCategory.PI_PUBLIC2,
    "承担行政职能事业单位": UnitCategory.PI_ADMIN,
    "行政类事业单位": UnitCategory.PI_ADMIN,
    "生产经营类事业单位": UnitCategory.PI_BUSINESS,
    "经营类事业单位": UnitCategory.PI_BUSINESS,
    "党委部门": UnitCategory.PARTY_ORGAN,
    "政府部门": UnitCategory.GOV_DEPARTMENT,
}
TIER_ALIASES = {"正职": LeaderTier.UNIT_HEAD, "副职": LeaderTier.UNIT_DEPUTY}


@dataclass(frozen=True)
class UnitRow:
    row: int
    data: units.UnitInput
    supervisor: str


@dataclass(frozen=True)
class DivisionRow:
    row: int
    unit: str
    name: str
    duties: str


@dataclass(frozen=True)
class EntryRow:
    row: int
    unit: str  # clean name (a unit of the file or of the register)
    kind_id: int | None
    tier: LeaderTier | None
    rank: Rank | None
    delta: int
    effective_on: dt.date
    document: DocumentRef
    reason: str


@dataclass
class LedgerPreview(ProblemsSplit):
    file_name: str
    sheets: dict[str, tuple[SheetData, HeaderMatch]] = field(default_factory=dict)  # by sheet name
    parts: list[LedgerPart] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    new_units: list[UnitRow] = field(default_factory=list)
    divisions: list[DivisionRow] = field(default_factory=list)
    quota_rows: list[EntryRow] = field(default_factory=list)
    leader_rows: list[EntryRow] = field(default_factory=list)
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors and bool(
            self.new_units or self.divisions or self.quota_rows or self.leader_rows
        )

    def as_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "errors": [{**p.as_dict(), "sheet": p.sheet} for p in self.errors],
            "warnings": [{**p.as_dict(), "sheet": p.sheet} for p in self.warnings],
        }


@pauses_collector
def preview_ledger(
    uow: UnitOfWork, actor: Actor, path: str | Path, *, max_bytes: int = MAX_BYTES
) -> LedgerPreview:
    require(actor, Role.CLERK, Role.ADMIN, action="导入台账")
    preview = LedgerPreview(Path(path).name)
    lookups = Lookups(uow)
    for sheet in read_workbook(path, max_bytes=max_bytes):
        parts = classify(sheet, lookups)
        if not parts:
            why = near_miss(sheet)
            preview.problems.append(
                Problem(
                    1,
                    "",
                    "",
                    f"工作表“{sheet.sheet_name}”{why}，未导入"
                    if why
                    else f"工作表“{sheet.sheet_name}”不是机构、编制台账或领导职数台账，已跳过",
                    Severity.ERROR if why else Severity.WARNING,
                    sheet.sheet_name,
                )
            )
            continue
        preview.parts += parts
        preview.sheets[sheet.sheet_name] = (sheet, parts[-1].match)
    if not preview.parts:
        preview.problems.append(
            Problem(1, "", "", "没有找到机构、编制台账或领导职数台账工作表（请核对表头）", Severity.ERROR)
        )
        return preview
    _Reader(uow, preview, lookups).run()
    return preview


class _Reader:
    def __init__(self, uow: UnitOfWork, preview: LedgerPreview, lookups: Lookups) -> None:
        self.uow = uow
        self.preview = preview
        self.lookups = lookups
        self.file_units: dict[str, int] = {}  # clean name → row
        self.file_divisions: dict[tuple[str, str], int] = {}
        self.part: LedgerPart | None = None
        self.sheet_unit = ""
        self.inferred_systems: dict[
            str, tuple[int, str]
        ] = {}  # unit → (row index, why), noted after ordering
        self.unit_problems: dict[str, ProblemList] = {}
        self.unit_attributes: dict[str, tuple[int, object, object, object]] = {}  # name → its first row's

    def run(self) -> None:
        order = ("units", "divisions", "quota", "leaders")
        counted: set[tuple[str, int]] = set()
        for kind in order:
            lists: list[ProblemList] = []
            for part in (p for p in self.preview.parts if p.kind == kind):
                sheet, match = part.sheet, part.match
                self.part = part
                problems = ProblemList(sheet, match, LAYOUTS[kind])
                lists.append(problems)
                self.sheet_unit = ""
                if part.unit_from_title:
                    self.sheet_unit = self._title_unit(part)
                    if not self.sheet_unit:
                        problems.add(
                            match.header_row,
                            "unit",
                            f"工作表“{sheet.sheet_name}”没有“单位”列，标题中也没有写明是哪个机构的台账",
                        )
                        continue
                for index in range(match.data_start, len(sheet.rows)):
                    row = sheet.rows[index]
                    if all(cells.is_blank(v) for v in row) or self._total_row(row, match):
                        continue
                    if (sheet.sheet_name, index) not in counted:
                        counted.add((sheet.sheet_name, index))
                        self.preview.rows += 1
                    getattr(self, f"_{kind}")(problems, index, row, match)
            if kind == "units":
                self._order_units()
            if kind in ("quota", "leaders"):
                for problems in lists:
                    self._running_totals(problems, kind)
            for problems in lists:
                self.preview.problems += problems.items

    def _title_unit(self, part: LedgerPart) -> str:
        names = [*self.lookups.unit_names, *self.file_units]
        return find_title_unit(
            part.sheet,
            part.match.header_row,
            names,
            lambda name: name in self.file_units or self.lookups.unit(name)[0] is not None,
        )

    @staticmethod
    def _total_row(row: list[object], match: HeaderMatch) -> bool:
        """A 小计/合计 line: its first text cells say so (序号 or the name column)."""
        texts = [v for v in row[:4] if isinstance(v, str) and v.strip()]
        return bool(texts) and is_total_row(texts[0])

    @staticmethod
    def _get(problems: ProblemList, index: int, row: list[object], match: HeaderMatch, key: str, reader):  # type: ignore[no-untyped-def]
        column = match.columns.get(key)
        value = row[column] if column is not None and column < len(row) else None
        try:
            return reader(value)
        except cells.CellError as error:
            problems.add(index, key, str(error))
            return None

    def _choice(self, problems, index, row, match, key, enum, aliases, required=True):  # type: ignore[no-untyped-def]
        raw = self._get(problems, index, row, match, key, cells.text) or ""
        if not raw:
            if required:
                problems.add(index, key, f"{problems.labels.get(key, '')}不能为空")
            return None
        member = pick(enum, raw, aliases)
        if member is None:
            problems.add(index, key, f"“{raw}”不是可选值（可选：{'、'.join(m.label for m in enum)}）")
        return member

    def _units(self, problems: ProblemList, index: int, row: list[object], match: HeaderMatch) -> None:
        before = len(problems.items)
        name = self._get(problems, index, row, match, "name", cells.text) or ""
        if not name:
            problems.add(index, "name", "机构名称不能为空")
        category = self._choice(problems, index, row, match, "category", UnitCategory, CATEGORY_ALIASES)
        rank = self._choice(problems, index, row, match, "rank", Rank, None)
        # 所属系统 may be left out: it follows from the category or the supervisor (see _order_units)
        system = self._choice(problems, index, row, match, "system", UnitSystem, None, required=False)
        funding = self._choice(problems, index, row, match, "funding", Funding, None, required=False)
        if self.part is not None and self.part.combined and name in self.file_units:
            # a one-sheet ledger gives a unit once per kind: its first row made it
            first = self.unit_attributes.get(name)
            if first is not None and first[1:] != (category, rank, funding):
                problems.add(
                    index,
                    "category",
                    f"“{name}”的机构类别、规格或经费形式与第{first[0]}行不同，按第{first[0]}行",
                    Severity.WARNING,
                    "同一机构各行的类别、规格或经费形式不一致，按其第一行",
                )
            return
        self.unit_attributes[name] = (index + 1, category, rank, funding)
        if category is not None and (problem := funding_problem(category, funding)):
            problems.add(index, "funding", problem)
        credit = self._get(problems, index, row, match, "credit_code", cells.text) or ""
        if credit:
            try:
                for warning in check_credit_code(credit).warnings:
                    problems.add(index, "credit_code", warning, Severity.WARNING)
            except ValidationError as error:
                problems.add(index, "credit_code", error.rule)
        founded = self._get(problems, index, row, match, "founded_on", cells.date)
        if founded is not None and founded.value > dt.date.today():
            problems.add(index, "founded_on", "成立日期不能晚于今天")
        if name in self.file_units:
            problems.add(index, "name", f"与第{self.file_units[name]}行重复")
            return
        if name:
            self.file_units[name] = index + 1
        if name and self.lookups.unit(name)[0] is not None:
            problems.add(index, "name", f"机构“{name}”已存在，沿用现有机构，不再新建", Severity.WARNING)
            return
        if any(p.is_error for p in problems.items[before:]):
            return
        self.unit_problems[name] = problems
        self.preview.new_units.append(
            UnitRow(
                index + 1,
                units.UnitInput(
                    name=name,
                    short_name=self._get(problems, index, row, match, "short_name", cells.text) or "",
                    category=category,
                    rank=rank,
                    system=system,
                    funding=funding,
                    credit_code=credit or None,
                    founded_on=founded.value if founded else None,
                    position=index,
                ),
                self._get(problems, index, row, match, "supervisor", cells.text) or "",
            )
        )

    def _order_units(self) -> None:
        """Supervisors first; a supervisor neither in the file nor in the register is an error. A unit
        without 所属系统 takes it from its category or its supervisor, noted on its row."""
        pending = {u.data.name: u for u in self.preview.new_units}
        ordered: list[UnitRow] = []
        placed: dict[str, UnitSystem | None] = {}
        while pending:
            ready = [
                u
                for u in pending.values()
                if not u.supervisor or u.supervisor in placed or u.supervisor not in pending
            ]
            if not ready:
                for unit in pending.values():
                    self.unit_problems[unit.data.name].add(unit.row - 1, "supervisor", "主管部门关系循环")
                break
            for unit in ready:
                problems = self.unit_problems[unit.data.name]
                del pending[unit.data.name]
                if (
                    unit.supervisor
                    and unit.supervisor not in placed
                    and self.lookups.unit(unit.supervisor)[0] is None
                ):
                    problems.add(
                        unit.row - 1, "supervisor", f"主管部门“{unit.supervisor}”既不在本文件中，也未登记"
                    )
                if unit.data.system is None:
                    unit = self._with_system(problems, unit, placed)
                placed[unit.data.name] = unit.data.system
                ordered.append(unit)
        self.preview.new_units = ordered

    def _with_system(
        self, problems: ProblemList, unit: UnitRow, placed: dict[str, UnitSystem | None]
    ) -> UnitRow:
        supervisor_system = placed.get(unit.supervisor) if unit.supervisor in placed else None
        if supervisor_system is None and unit.supervisor:
            found = self.lookups.unit(unit.supervisor)[0]
            if found is not None:
                supervisor_system = self._register_systems().get(found)
        system, why = infer_system(unit.data.category, unit.data.name, supervisor_system)
        if system is None:
            problems.add(
                unit.row - 1,
                "system",
                f"所属系统不能为空：{why}，请填写“所属系统”（{'、'.join(m.label for m in UnitSystem)}）",
            )
            return unit
        problems.add(
            unit.row - 1,
            "system",
            f"未填写所属系统，{why}为“{system.label}”",
            Severity.WARNING,
            "未填写所属系统，已按机构类别或主管部门设定",
        )
        return UnitRow(unit.row, replace(unit.data, system=system), unit.supervisor)

    def _register_systems(self) -> dict[int, UnitSystem]:
        from bianzhi_desktop.persistence.models import Unit

        return {
            unit_id: UnitSystem(system)
            for unit_id, system in self.uow.session.execute(select(Unit.id, Unit.system))
        }

    def _unit_problem(self, unit: str) -> str:
        """Why ledger lines of this unit cannot go in ("" when they can)."""
        if not unit:
            return "单位不能为空"
        if self.lookups.unit(unit)[0] is not None:
            return ""
        if unit not in self.file_units:
            return f"没有名为“{unit}”的机构（本文件的机构表中也没有）"
        if not any(u.data.name == unit for u in self.preview.new_units):
            return f"机构“{unit}”在机构表中有错误，其台账无法导入"
        return ""

    def _divisions(self, problems: ProblemList, index: int, row: list[object], match: HeaderMatch) -> None:
        before = len(problems.items)
        unit = self._get(problems, index, row, match, "unit", cells.text) or ""
        message = self._unit_problem(unit)
        if message:
            problems.add(index, "unit", message)
        name = self._get(problems, index, row, match, "name", cells.text) or ""
        if not name:
            problems.add(index, "name", "内设机构名称不能为空")
        key = (unit, name)
        if key in self.file_divisions:
            problems.add(index, "name", f"与第{self.file_divisions[key]}行重复")
        self.file_divisions.setdefault(key, index + 1)
        unit_id = self.lookups.unit(unit)[0] if unit else None
        if unit_id is not None and name and self.lookups.division(unit_id, name)[0] is not None:
            problems.add(index, "name", f"“{unit}”已有内设机构“{name}”，不再新建", Severity.WARNING)
            return
        if any(p.is_error for p in problems.items[before:]):
            return
        duties = self._get(problems, index, row, match, "duties", cells.text) or ""
        self.preview.divisions.append(DivisionRow(index + 1, clean_cell_text(unit), name, duties))

    def _entry(self, problems, index, row, match, *, leader: bool) -> None:  # type: ignore[no-untyped-def]
        before = len(problems.items)
        part = self.part
        combined = part is not None and part.combined
        if self.sheet_unit:
            unit = self.sheet_unit
        else:
            unit = self._get(problems, index, row, match, "unit", cells.text) or ""
            message = self._unit_problem(unit)
            if message:
                problems.add(index, "unit", message)
        # (kind id, figure, column of the figure) of each line the row gives
        lines: list[tuple[int | None, int, int | None]] = []
        tier = rank = None
        if leader:
            tier = self._choice(problems, index, row, match, "tier", LeaderTier, TIER_ALIASES)
            rank = self._choice(problems, index, row, match, "rank", Rank, None)
        elif part is not None and part.wide:
            for column, kind_name in part.wide.items():
                value = row[column] if column < len(row) else None
                try:
                    figure = cells.integer(value)
                except cells.CellError as error:
                    self._add_at(problems, index, column, f"{kind_name}：{error}")
                    continue
                if not figure:
                    continue  # an empty or 0 cell: the unit has none of that kind
                lines.append((self._kind(problems, index, row, unit, kind_name, column), figure, column))
            if not lines:
                return  # a unit without quota (议事协调机构 …)
        else:
            kind_text = self._get(problems, index, row, match, "kind", cells.text) or ""
            if combined and not kind_text and cells.is_blank(row[match.columns["delta"]]):
                return  # a unit row of a one-sheet ledger without a quota line
            if not kind_text:
                problems.add(index, "kind", "编制类型不能为空")
        if not lines:
            delta = self._get(problems, index, row, match, "delta", cells.integer)
            if combined and not delta and not leader:
                return  # 0 approved: no ledger line
            if delta is None and not any(p.row == index + 1 for p in problems.items[before:]):
                problems.add(index, "delta", "核定数不能为空")
            elif delta == 0:
                problems.add(index, "delta", "核定数不能为0（增加写正数，核减写负数）")
            kind_id = None
            if not leader and kind_text:
                kind_id = self._kind(problems, index, row, unit, kind_text, match.columns.get("kind"))
            lines.append((kind_id, delta or 0, None))
        day = self._get(problems, index, row, match, "effective_on", cells.date)
        if (
            day is None
            and "effective_on" in match.columns
            and not any(p.row == index + 1 and p.column for p in problems.items[before:])
        ):
            problems.add(index, "effective_on", "生效日期（批准日期）不能为空")
        elif day is not None and day.value > dt.date.today():
            problems.add(index, "effective_on", "生效日期晚于今天，现状录入只能登记已经发生的事")
        number = self._get(problems, index, row, match, "document_number", cells.text) or ""
        if not number:
            problems.add(index, "document_number", "依据文号（批准文号）不能为空，每个数字都要有据可查")
        title = self._get(problems, index, row, match, "document_title", cells.text) or ""
        reason = self._get(problems, index, row, match, "reason", cells.text) or "初始核定"
        if any(p.is_error for p in problems.items[before:]):
            return
        for kind_id, delta, _column in lines:
            entry = EntryRow(
                index + 1,
                clean_cell_text(unit),
                kind_id,
                tier,
                rank,
                int(delta),
                day.value if day else dt.date.min,  # (a row without a date has an error and stops above)
                DocumentRef(number, title=title),
                reason,
            )
            (self.preview.leader_rows if leader else self.preview.quota_rows).append(entry)

    @staticmethod
    def _add_at(
        problems: ProblemList,
        index: int,
        column: int,
        message: str,
        severity: Severity = Severity.ERROR,
        group: str = "",
    ) -> None:
        from bianzhi_desktop.documents.excel.reader import column_letter

        if severity is Severity.ERROR:
            problems.error_count += 1
        problems.items.append(
            Problem(
                index + 1,
                column_letter(column),
                problems.match.header_of(column),
                message,
                severity,
                problems.sheet.sheet_name,
                group,
            )
        )

    def _kind(self, problems, index, row, unit: str, text: str, column: int | None) -> int | None:  # type: ignore[no-untyped-def]
        """A quota kind by name; a plain 事业编制 takes its funding from the row's 经费形式 or the unit's."""

        def say(message: str, severity: Severity = Severity.ERROR, group: str = "") -> None:
            if column is not None:  # a kind named by its column's header (kinds side by side)
                self._add_at(problems, index, column, message, severity, group)
            else:
                problems.add(index, "kind", message, severity, group)

        name = clean_cell_text(text)
        if is_unqualified_pi_kind(name):
            funding, civil = None, False
            part = self.part
            if part is not None and part.funding_column is not None and part.funding_column < len(row):
                with contextlib.suppress(cells.CellError):  # a broken cell is reported as the unit's funding
                    funding, civil = funding_from_text(cells.text(row[part.funding_column]))
            reason = "本行经费形式"
            if funding is None and not civil:
                funding, reason = self._unit_funding(unit), "该单位的经费形式"
            if funding is None and not civil:
                say(
                    f"“{name}”未说明经费形式，无法确定是哪一种事业编制：请填写该单位的经费形式，"
                    "或写明如“事业编制（全额拨款）”"
                )
                return None
            qualified = "事业编制（参照公务员法管理）" if civil else pi_kind_for_funding(funding)  # type: ignore[arg-type]
            say(
                f"“{name}”按{reason}定为“{qualified}”", Severity.WARNING, "编制类型“事业编制”已按经费形式确定"
            )
            text = qualified
        kind_id, message = self.lookups.kind(text)
        if message:
            say(message)
        return kind_id

    def _unit_funding(self, unit: str) -> Funding | None:
        for row in self.preview.new_units:
            if row.data.name == unit:
                return row.data.funding
        found = self.lookups.unit(unit)[0] if unit else None
        if found is None:
            return None
        from bianzhi_desktop.persistence.models import Unit

        funding = self.uow.session.scalar(select(Unit.funding).where(Unit.id == found))
        return Funding(funding) if funding else None

    def _quota(self, problems, index, row, match) -> None:  # type: ignore[no-untyped-def]
        self._entry(problems, index, row, match, leader=False)

    def _leaders(self, problems, index, row, match) -> None:  # type: ignore[no-untyped-def]
        self._entry(problems, index, row, match, leader=True)

    def _running_totals(self, problems: ProblemList, kind: str) -> None:
        """The approved figure may never go below zero (register's entries counted too)."""
        leader = kind == "leaders"
        rows = self.preview.leader_rows if leader else self.preview.quota_rows
        history: dict[tuple[str, object], list[tuple[dt.date, int, int]]] = defaultdict(list)
        for entry in rows:
            key = (entry.unit, entry.tier.value if leader and entry.tier else entry.kind_id)
            history[key].append((entry.effective_on, entry.delta, entry.row))
        for (unit, sub), lines in history.items():
            unit_id = self.lookups.unit(unit)[0]
            if unit_id is not None:
                if leader:
                    existing = select(LeaderPostEntry.effective_on, LeaderPostEntry.delta).where(
                        LeaderPostEntry.unit_id == unit_id, LeaderPostEntry.tier == sub
                    )
                else:
                    existing = select(QuotaEntry.effective_on, QuotaEntry.delta).where(
                        QuotaEntry.unit_id == unit_id, QuotaEntry.kind_id == sub
                    )
                lines = lines + [(d, n, 0) for d, n in self.uow.session.execute(existing)]
            total = 0
            for day, delta, row_number in sorted(lines):
                total += delta
                if total < 0 and row_number:
                    problems.add(
                        row_number - 1, "delta", f"到{day.isoformat()}核定数将变为{total}，不能为负数"
                    )
                    break


@pauses_collector
def commit_ledger(
    uow: UnitOfWork, actor: Actor, preview: LedgerPreview, *, progress: Progress | None = None
) -> tuple[int, int, int, int]:
    """Create the units and add the ledger lines, all in the caller's transaction (all or nothing)."""
    require(actor, Role.CLERK, Role.ADMIN, action="导入台账")
    require_initialisation(uow, "导入台账")
    if preview.errors:
        raise BianzhiError(f"“{preview.file_name}”有{len(preview.errors)}处错误，未写入任何数据。")
    total = (
        len(preview.new_units) + len(preview.divisions) + len(preview.quota_rows) + len(preview.leader_rows)
    )
    done = 0
    ids: dict[str, int] = {}
    lookups = Lookups(uow)

    def unit_id(name: str) -> int:
        if name not in ids:
            found = lookups.unit(name)[0]
            if found is None:
                raise BianzhiError(f"机构“{name}”不存在")
            ids[name] = found
        return ids[name]

    def step(label: str, row: int, work: Callable[[], object]) -> None:
        nonlocal done
        try:
            work()
        except BianzhiError as error:
            raise BianzhiError(f"{label}第{row}行：{error}。未写入任何数据。") from None
        done += 1
        if progress and done % 50 == 0:
            progress(done, total, "写入台账")

    for unit in preview.new_units:
        supervisor = ids.get(unit.supervisor) or (
            lookups.unit(unit.supervisor)[0] if unit.supervisor else None
        )
        data = units.UnitInput(**{**unit.data.__dict__, "supervisor_id": supervisor})

        def create(data: units.UnitInput = data) -> None:  # role and mode were checked once above
            ids[data.name] = units.write_unit(uow, actor, data).id

        step("机构表", unit.row, create)
    for division in preview.divisions:

        def add_division(d: DivisionRow = division) -> None:
            divisions.write_division(uow, actor, unit_id(d.unit), d.name, duties=d.duties, position=d.row)

        step("内设机构表", division.row, add_division)
    for entry in preview.quota_rows:

        def add_quota(e: EntryRow = entry) -> None:
            if e.kind_id is None:  # (rows without a kind have errors and never get here)
                return
            initialisation.record_quota(
                uow, actor, unit_id(e.unit), e.kind_id, e.delta, e.effective_on, e.document, e.reason
            )

        step("编制台账", entry.row, add_quota)
    for entry in preview.leader_rows:

        def add_posts(e: EntryRow = entry) -> None:
            if e.tier is None or e.rank is None:  # (rows without them have errors and never get here)
                return
            initialisation.record_leader_posts(
                uow, actor, unit_id(e.unit), e.tier, e.rank, e.delta, e.effective_on, e.document, e.reason
            )

        step("领导职数台账", entry.row, add_posts)
    counts = (
        len(preview.new_units),
        len(preview.divisions),
        len(preview.quota_rows),
        len(preview.leader_rows),
    )
    audit(
        uow,
        actor,
        "import.ledger",
        summary=(
            f"从“{preview.file_name}”导入台账：新建机构{counts[0]}个，内设机构{counts[1]}个，"
            f"编制台账{counts[2]}条，领导职数台账{counts[3]}条"
        ),
        changes={"file": (None, preview.file_name)},
        table_name="quota_entry",
    )
    return counts
