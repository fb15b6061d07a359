"""Importing a roster (实名制花名册) from a workbook: read → preview with every problem → all or nothing.

    preview = preview_roster(uow, actor, path)            # nothing written
    if preview.ok: commit_roster(uow, actor, preview); uow.commit()

The preview finds the header (below title rows and merged cells), matches columns by name and synonym
(or by the `mapping` the user gave: field key → column index), cleans every value, and checks every
row: the ID number, duplicates inside the file and against the register (一人多编), unit, division and
kind, dates; over quota is a warning (the past may be 超编: flagged, never corrected). The preview keeps
the validated values; the commit (services.bulk.register_checked, all or nothing) re-checks only what the
database may have changed in between — people registered meanwhile, units abolished, kinds stopped — and
adds one audit record for the import.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..documents.excel import cells
from ..documents.excel.headers import FieldSpec, HeaderMatch, find_header
from ..documents.excel.layouts import ROSTER_FIELDS, pick
from ..documents.excel.reader import MAX_BYTES, SheetData, read_workbook
from ..domain.enums import (
    Education,
    LeaderTier,
    PoliticalStatus,
    Rank,
    RetirementCategory,
    Role,
    Sex,
)
from ..domain.errors import BianzhiError
from ..persistence.database import UnitOfWork
from . import bulk, quota
from .context import Actor, audit, require
from .import_common import Lookups, Problem, ProblemList, Severity, best_sheet, missing_column_problems
from .persons import PersonInput
from .settings import require_initialisation

Progress = Callable[[int, int, str], None]
TOTAL_ROWS = ("合计", "总计", "小计", "共计")

RETIREMENT_ALIASES = {
    "55": RetirementCategory.FEMALE_55,
    "55岁": RetirementCategory.FEMALE_55,
    "干部": RetirementCategory.FEMALE_55,
    "管理岗位": RetirementCategory.FEMALE_55,
    "女干部": RetirementCategory.FEMALE_55,
    "50": RetirementCategory.FEMALE_50,
    "50岁": RetirementCategory.FEMALE_50,
    "工人": RetirementCategory.FEMALE_50,
    "工人岗位": RetirementCategory.FEMALE_50,
    "女工人": RetirementCategory.FEMALE_50,
    "60": RetirementCategory.MALE_60,
    "60岁": RetirementCategory.MALE_60,
    "男": RetirementCategory.MALE_60,
}
EDUCATION_ALIASES = {
    "本科": Education.BACHELOR,
    "大学": Education.BACHELOR,
    "大专": Education.COLLEGE,
    "专科": Education.COLLEGE,
    "研究生": Education.MASTER,
    "硕士": Education.MASTER,
    "博士": Education.DOCTOR,
    "中专": Education.SECONDARY,
    "高中": Education.HIGH_SCHOOL,
}
POLITICAL_ALIASES = {
    "党员": PoliticalStatus.CPC,
    "中共党员": PoliticalStatus.CPC,
    "预备党员": PoliticalStatus.CPC_PROBATIONARY,
    "团员": PoliticalStatus.CYL,
    "共青团员": PoliticalStatus.CYL,
    "无党派": PoliticalStatus.NONE,
    "无党派人士": PoliticalStatus.NONE,
}
SEX_ALIASES = {"男性": Sex.MALE, "女性": Sex.FEMALE}

# bulk's field labels → the roster field whose column they concern
_BULK_FIELDS = {
    "姓名": "name",
    "身份证号": "id_number",
    "出生日期": "birth_date",
    "退休类别": "retirement_category",
    "单位": "unit",
    "内设机构": "division",
    "编制类型": "kind",
    "入编时间": "start_on",
}


@dataclass
class RosterPreview:
    """What the import would do, row by row. Nothing has been written."""

    file_name: str
    sheet: SheetData
    match: HeaderMatch
    rows: int = 0  # data rows read (blank rows and 合计 rows left out)
    problems: list[Problem] = field(default_factory=list)
    register_rows: list[bulk.RegisterRow] = field(default_factory=list)
    # the clean rows with their validated values, so the commit need not validate every person again
    checked: bulk.CheckedRows | None = None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def needs_mapping(self) -> bool:
        return bool(self.match.missing)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.register_rows)

    @property
    def data_rows(self) -> range:
        """0-based indexes of the sheet rows below the header."""
        return range(self.match.data_start, len(self.sheet.rows))

    def as_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def roster_fields() -> tuple[FieldSpec, ...]:
    return ROSTER_FIELDS


def preview_roster(
    uow: UnitOfWork,
    actor: Actor,
    path: str | Path,
    *,
    mapping: Mapping[str, int] | None = None,
    sheet_name: str | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
) -> RosterPreview:
    """Read and check every row (raises WorkbookError when the file cannot be read at all)."""
    require(actor, Role.CLERK, Role.ADMIN, action="导入花名册")
    sheets = read_workbook(path, max_bytes=max_bytes)
    if sheet_name is not None:
        chosen = [s for s in sheets if s.sheet_name == sheet_name]
        if not chosen:
            raise BianzhiError(f"“{Path(path).name}”中没有名为“{sheet_name}”的工作表。")
        sheet, match = chosen[0], find_header(chosen[0], ROSTER_FIELDS, mapping)
    elif mapping:
        sheet = best_sheet(sheets, ROSTER_FIELDS)[0]
        match = find_header(sheet, ROSTER_FIELDS, mapping)
    else:
        sheet, match = best_sheet(sheets, ROSTER_FIELDS)
    preview = RosterPreview(Path(path).name, sheet, match)
    if match.missing:
        preview.problems = missing_column_problems(sheet, match)
        return preview
    _RowReader(uow, preview, progress).run()
    return preview


class _RowReader:
    def __init__(self, uow: UnitOfWork, preview: RosterPreview, progress: Progress | None) -> None:
        self.uow = uow
        self.preview = preview
        self.progress = progress
        self.lookups = Lookups(uow)
        self.problems = ProblemList(preview.sheet, preview.match, ROSTER_FIELDS)
        self.columns = preview.match.columns
        self.row_index_of: dict[int, int] = {}
        self.choices: dict[tuple[str, str], object] = {}  # the same pick-list texts recur on every row

    def cell(self, row: list[object], key: str) -> object:
        index = self.columns.get(key)
        return row[index] if index is not None and index < len(row) else None

    def run(self) -> None:
        sheet, preview = self.preview.sheet, self.preview
        total = len(sheet.rows) - preview.match.data_start
        for count, index in enumerate(preview.data_rows, start=1):
            row = sheet.rows[index]
            if self._skip(row):
                continue
            preview.rows += 1
            parsed = self._parse(index, row)
            if parsed is not None:
                preview.register_rows.append(parsed)
                self.row_index_of[index + 1] = index
            if self.progress and count % 2000 == 0:
                self.progress(count, total * 2, "读取")
        self._check_against_register()
        self._check_quota()
        preview.problems = sorted(self.problems.items, key=lambda p: (p.row, p.column))

    def _skip(self, row: list[object]) -> bool:
        if all(cells.is_blank(self.cell(row, key)) for key in self.columns):
            return True  # blank, or only a serial number (序号) left over
        name = cells.text(self.cell(row, "name")) if not isinstance(self.cell(row, "name"), float) else ""
        return name.replace(" ", "") in TOTAL_ROWS and cells.is_blank(self.cell(row, "id_number"))

    def _formula_problem(self, index: int, row: list[object]) -> None:
        for key, column in self.columns.items():
            if (index, column) in self.preview.sheet.uncomputed and cells.is_blank(row[column]):
                self.problems.add(
                    index, key, "是公式但没有计算结果（文件由其他程序生成），请在Excel中打开、保存后再导入"
                )

    def _parse(self, index: int, row: list[object]) -> bulk.RegisterRow | None:
        add = self.problems.add
        before = len(self.problems.items)
        if self.preview.sheet.uncomputed:
            self._formula_problem(index, row)

        def get(key: str, reader: Callable[[object], object]) -> object:
            try:
                return reader(self.cell(row, key))
            except cells.CellError as error:
                add(index, key, str(error))
                return None

        name = get("name", cells.text) or ""
        if not name:
            add(index, "name", "姓名不能为空")
        id_result = get("id_number", cells.id_number)
        id_number = ""
        if isinstance(id_result, tuple):
            id_number, id_warning = id_result
            if id_warning:
                add(index, "id_number", id_warning, Severity.WARNING)
            if not id_number:
                add(index, "id_number", "身份证号不能为空")
        sex = self._choice(index, row, "sex", Sex, SEX_ALIASES)
        birth = self._date(index, row, "birth_date")
        category = self._choice(index, row, "retirement_category", RetirementCategory, RETIREMENT_ALIASES)
        education = self._choice(index, row, "education", Education, EDUCATION_ALIASES)
        political = self._choice(index, row, "political_status", PoliticalStatus, POLITICAL_ALIASES)
        ethnicity = get("ethnicity", cells.text) or "汉族"
        if isinstance(ethnicity, str) and ethnicity and not ethnicity.endswith("族"):
            ethnicity += "族"  # 汉 → 汉族

        unit_id = kind_id = division_id = None
        unit_text = get("unit", cells.text) or ""
        unit_id, message = self.lookups.unit(str(unit_text))
        if message:
            add(index, "unit", message if unit_text else "单位不能为空")
        division_text = get("division", cells.text) or ""
        if division_text and unit_id is not None:
            division_id, message = self.lookups.division(unit_id, str(division_text))
            if message:
                add(index, "division", message)
        kind_text = get("kind", cells.text) or ""
        if not kind_text:
            add(index, "kind", "编制类型不能为空")
        else:
            kind_id, message = self.lookups.kind(str(kind_text))
            if message:
                add(index, "kind", message)
        start = self._date(index, row, "start_on")
        if (
            start is None
            and "start_on" in self.columns
            and not any(
                p.row == index + 1 and p.header == self.preview.match.header_of(self.columns["start_on"])
                for p in self.problems.items[before:]
            )
        ):
            add(index, "start_on", "入编时间不能为空")
        document = get("document_number", cells.text) or ""
        if not document:
            add(index, "document_number", "入编文号不能为空（每个在编人员都要有入编依据）")
        tier = self._choice(index, row, "leader_tier", LeaderTier, {"正职": LeaderTier.UNIT_HEAD})
        rank = self._choice(index, row, "leader_rank", Rank, None)
        if (tier is None) != (rank is None):
            add(
                index,
                "leader_tier" if tier is None else "leader_rank",
                "担任领导职务时须同时填写职数层级和职级",
            )
        counts = get("counts_against_posts", cells.yes_no)

        if len(self.problems.items) > before and any(p.is_error for p in self.problems.items[before:]):
            return None
        assert unit_id is not None and kind_id is not None and start is not None
        return bulk.RegisterRow(
            person=PersonInput(
                name=str(name),
                id_number=id_number,
                sex=sex,
                birth_date=birth,
                retirement_category=category,
                ethnicity=str(ethnicity),
                education=education,
                political_status=political,
            ),
            unit_id=unit_id,
            kind_id=kind_id,
            start_on=start,
            document_number=str(document),
            division_id=division_id,
            post_title=str(get("post_title", cells.text) or ""),
            leader_tier=tier,
            leader_rank=rank,
            counts_against_posts=True if counts is None else bool(counts),
            source_row=index + 1,
        )

    def _date(self, index: int, row: list[object], key: str) -> dt.date | None:
        try:
            parsed = cells.date(self.cell(row, key))
        except cells.CellError as error:
            self.problems.add(index, key, str(error))
            return None
        if parsed is None:
            return None
        if parsed.warning:
            self.problems.add(index, key, parsed.warning, Severity.WARNING)
        return parsed.value

    def _choice(self, index, row, key, enum, aliases):  # type: ignore[no-untyped-def]
        value = self.cell(row, key)
        cache_key = (key, value if isinstance(value, str) else repr(value))
        if cache_key in self.choices:
            member = self.choices[cache_key]
            if member is not None:
                return member
        try:
            raw = cells.text(value)
        except cells.CellError as error:
            self.problems.add(index, key, str(error))
            return None
        if not raw:
            return None
        member = pick(enum, raw, aliases)
        self.choices[cache_key] = member
        if member is None:
            options = "、".join(m.label for m in enum)
            self.problems.add(index, key, f"“{raw}”不是可选值（可选：{options}）")
        return member

    def _check_against_register(self) -> None:
        checked = bulk.validate_rows(self.uow, self.preview.register_rows)
        problems, warnings = checked.problems, checked.warnings
        for problem, severity in [(p, Severity.ERROR) for p in problems] + [
            (w, Severity.WARNING) for w in warnings
        ]:
            message = problem.message
            if "已登记为" in message:
                message += "，同一人不能重复登记（一人多编）"
            self.problems.add(problem.row - 1, _BULK_FIELDS.get(problem.field), message, severity)
        self.preview.register_rows = list(checked.rows)
        self.preview.checked = checked

    def _check_quota(self) -> None:
        """Warn at the first row that takes a unit's kind beyond its approved figure."""
        figures = quota.figures_by_unit_kind(self.uow)
        seen: Counter[tuple[int, int]] = Counter()
        first_over: dict[tuple[int, int], int] = {}
        for row in self.preview.register_rows:
            key = (row.unit_id, row.kind_id)
            seen[key] += 1
            current = figures.get(key)
            approved = current.approved if current else 0
            used = (current.enrolled + current.reserved) if current else 0
            if used + seen[key] > approved and key not in first_over:
                first_over[key] = row.source_row or 0
        over: dict[tuple[int, int], int] = defaultdict(int)
        for key, count in seen.items():
            current = figures.get(key)
            approved = current.approved if current else 0
            used = (current.enrolled + current.reserved) if current else 0
            over[key] = used + count - approved
        for key, row_number in first_over.items():
            current = figures.get(key)
            unit_name = self.lookups.units[key[0]][0]
            kind_name = self.lookups.kind_names[key[1]]
            self.problems.add(
                row_number - 1,
                "kind",
                f"导入后“{unit_name}”{kind_name}超编{over[key]}名：核定{current.approved if current else 0}名，"
                f"已在编{current.enrolled if current else 0}名，已核准未入编{current.reserved if current else 0}名，"
                f"本次导入{seen[key]}名（自此行起超出核定数）",
                Severity.WARNING,
            )


def commit_roster(
    uow: UnitOfWork, actor: Actor, preview: RosterPreview, *, progress: Progress | None = None
) -> bulk.BulkResult:
    """Write every row of a clean preview, or nothing (raises when any row has an error)."""
    require(actor, Role.CLERK, Role.ADMIN, action="导入花名册")
    require_initialisation(uow, "导入花名册")
    if preview.errors:
        raise bulk.BulkValidationError(
            [bulk.RowProblem(p.row, p.header or p.column, p.message) for p in preview.errors]
        )
    if not preview.register_rows:
        raise BianzhiError(f"“{preview.file_name}”中没有可导入的人员。")
    checked = preview.checked
    if checked is not None and checked.rows == tuple(preview.register_rows):
        # validated by the preview: only what the database may have changed since is checked again
        result = bulk.register_checked(uow, actor, checked, progress=progress)
    else:
        result = bulk.register_people(uow, actor, preview.register_rows, progress=progress)
    audit(
        uow,
        actor,
        "import.roster",
        summary=f"从“{preview.file_name}”（工作表“{preview.sheet.sheet_name}”）导入花名册{result.persons}人",
        changes={"file": (None, preview.file_name), "persons": (None, result.persons)},
        table_name="person",
    )
    return result
