"""Importing a roster (实名制花名册) from a workbook: read → preview with every problem → all or nothing.

    preview = preview_roster(uow, actor, path)            # nothing written
    if preview.ok: commit_roster(uow, actor, preview); uow.commit()

The preview finds the header (below title rows and merged cells), matches columns by name and synonym
(or by the `mapping` the user gave: field key → column index), cleans every value, and checks every
row: the ID number, duplicates inside the file and against the register (一人多编), unit, division and
kind, dates; over quota is a warning (the past may be 超编: flagged, never corrected). The preview keeps
the validated values; the commit (register.bulk.register_checked, all or nothing) re-checks only what the
database may have changed in between — people registered meanwhile, units abolished, kinds stopped — and
adds one audit record for the import.

An office's own roster leaves things out that the rest of the row decides: roster_inference fills them
in (the women's retirement category, 事业编制's funding, 入编时间 from 进入时间, the batch's basis without
入编文号, divisions the unit lacks) and notes each on its row; `BatchChoices` carries the answers asked
once for the batch. A roster kept as one sheet per unit is read as one (roster_sheets).
"""

from __future__ import annotations

import datetime as dt
import operator
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bianzhi_desktop.documents.excel import cells
from bianzhi_desktop.documents.excel.headers import FieldSpec, HeaderMatch, find_header
from bianzhi_desktop.documents.excel.hidden import Hidden, hidden_cells
from bianzhi_desktop.documents.excel.layouts import ROSTER_IMPORT_FIELDS as ROSTER_FIELDS
from bianzhi_desktop.documents.excel.layouts import START_FALLBACKS, pick
from bianzhi_desktop.documents.excel.reader import MAX_BYTES, SheetData, column_letter, read_workbook
from bianzhi_desktop.domain import pinyin
from bianzhi_desktop.domain.enums import (
    Education,
    LeaderTier,
    PoliticalStatus,
    Rank,
    RetirementCategory,
    Role,
    Sex,
)
from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.domain.limits import TEXT_LIMITS
from bianzhi_desktop.persistence.collector import pauses_collector
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services.admin.settings import require_initialisation
from bianzhi_desktop.services.context import Actor, audit, require
from bianzhi_desktop.services.exchange.common import (
    Lookups,
    Problem,
    ProblemList,
    ProblemsSplit,
    Severity,
    best_sheet,
    missing_column_problems,
)
from bianzhi_desktop.services.exchange.import_choices import BatchChoices
from bianzhi_desktop.services.exchange.roster_inference import RowInference, title_unit
from bianzhi_desktop.services.exchange.roster_sheets import SheetPart, combine
from bianzhi_desktop.services.ledger import quota
from bianzhi_desktop.services.register import bulk
from bianzhi_desktop.services.register.persons import PersonInput

Progress = Callable[[int, int, str], None]
TOTAL_ROWS = ("合计", "总计", "小计", "共计")
# Sheet names that say their people are not on quota: not read as part of the roster (with a warning).
OFF_QUOTA_SHEETS = ("退休", "离退", "编外", "减员", "调出", "离职", "死亡", "历史", "说明")

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
class RosterPreview(ProblemsSplit):
    """What the import would do, row by row. Nothing has been written."""

    file_name: str
    sheet: SheetData
    match: HeaderMatch
    rows: int = 0  # data rows read (blank rows and 合计 rows left out)
    problems: list[Problem] = field(default_factory=list)
    register_rows: list[bulk.PersonEnrollmentRow] = field(default_factory=list)
    # the clean rows with their validated values, so the commit need not validate every person again
    checked: bulk.CheckedRows | None = None
    choices: BatchChoices = field(default_factory=BatchChoices)
    # divisions the units lack, to be created by the commit: (unit id, name) → indexes in register_rows
    new_divisions: dict[tuple[int, str], list[int]] = field(default_factory=dict)
    sheet_unit: str = ""  # the unit named in the sheet's title lines, for a sheet without a unit column
    # a roster kept as one sheet per unit: each sheet with its header (problems name their sheet)
    parts: list[tuple[SheetData, HeaderMatch]] = field(default_factory=list)
    row_label: Callable[[int], str] | None = None  # how a message names another row (“第3行”)
    skipped_sheets: list[str] = field(default_factory=list)  # sheets of people not on quota, not read
    basis_rows: int = 0  # rows recorded against the batch's basis (no 入编文号)

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


@pauses_collector
def preview_roster(
    uow: UnitOfWork,
    actor: Actor,
    path: str | Path,
    *,
    mapping: Mapping[str, int] | None = None,
    sheet_name: str | None = None,
    progress: Progress | None = None,
    max_bytes: int = MAX_BYTES,
    choices: BatchChoices | None = None,
) -> RosterPreview:
    """Read and check every row (raises WorkbookError when the file cannot be read at all). `choices`
    answers the batch's questions (basis without 入编文号, default retirement category…)."""
    require(actor, Role.CLERK, Role.ADMIN, action="导入花名册")
    # the name initials need pinyin's dictionaries: loaded while calamine reads (it releases the GIL)
    threading.Thread(target=pinyin.preload, name="pinyin-preload", daemon=True).start()
    # hidden rows and columns, looked for in the .xlsx while calamine reads it
    scan = ThreadPoolExecutor(1, "hidden-scan")
    try:
        hidden = scan.submit(hidden_cells, path)
        preview = _preview(uow, path, mapping, sheet_name, progress, max_bytes, choices)
        _layout_notes(preview, hidden.result())
    finally:
        scan.shutdown(wait=False, cancel_futures=True)
    return preview


def _preview(
    uow: UnitOfWork,
    path: str | Path,
    mapping: Mapping[str, int] | None,
    sheet_name: str | None,
    progress: Progress | None,
    max_bytes: int,
    choices: BatchChoices | None,
) -> RosterPreview:
    sheets = read_workbook(path, max_bytes=max_bytes)
    skipped: list[str] = []
    if sheet_name is None:  # sheets of people not on quota (退休人员, 编外人员 …) are no part of the roster
        kept = [s for s in sheets if not any(word in s.sheet_name for word in OFF_QUOTA_SHEETS)]
        if kept and len(kept) < len(sheets):
            skipped = [s.sheet_name for s in sheets if s not in kept]
            sheets = kept
    preview = _preview_of(uow, path, sheets, mapping, sheet_name, progress, choices)
    preview.skipped_sheets = skipped
    return preview


def _preview_of(
    uow: UnitOfWork,
    path: str | Path,
    sheets: list[SheetData],
    mapping: Mapping[str, int] | None,
    sheet_name: str | None,
    progress: Progress | None,
    choices: BatchChoices | None,
) -> RosterPreview:
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
    lookups = Lookups(uow)
    if sheet_name is None and not mapping and len(sheets) > 1:
        parts = roster_parts(sheets, lookups)
        if len(parts) > 1:  # one sheet per unit: read as one roster
            return _preview_sheets(uow, Path(path).name, parts, choices or BatchChoices(), progress, lookups)
    preview = RosterPreview(Path(path).name, sheet, match, choices=choices or BatchChoices())
    if any(spec.key == "unit" for spec in match.missing):
        preview.sheet_unit = title_unit(sheet, match, lookups)
        if preview.sheet_unit:  # one sheet per unit: the unit is named above the header
            match.missing = [spec for spec in match.missing if spec.key != "unit"]
    if match.missing:
        preview.problems = missing_column_problems(sheet, match)
        return preview
    if not any(key in match.columns for key in ("start_on", *START_FALLBACKS)):
        preview.problems = [
            Problem(
                match.header_row + 1,
                "",
                "入编时间",
                "找不到“入编时间”列（也可写作：进编时间、入编日期；没有时可用“进入时间”或"
                "“参加工作时间”列代替），请在“列对应”中指定该列",
                sheet=sheet.sheet_name,
            )
        ]
        return preview
    _RowReader(uow, preview, progress, lookups).run()
    return preview


def _layout_notes(preview: RosterPreview, hidden: dict[str, Hidden]) -> None:
    """Warnings about the sheet itself: hidden rows and columns (read all the same) and columns that
    are no field of the roster (not imported)."""
    notes: list[Problem] = [
        Problem(1, "", "", f"工作表“{name}”看来不是在编人员名单，未导入（如需导入，请指定该工作表）",
                Severity.WARNING, name, "不是在编人员的工作表，未导入")
        for name in preview.skipped_sheets
    ]  # fmt: skip
    if preview.match.missing:
        preview.problems += notes
        return
    for sheet, match in preview.parts or [(preview.sheet, preview.match)]:
        name = sheet.sheet_name
        found = hidden.get(name)
        if found is not None:
            used = set(match.columns.values())
            for column in sorted(found.columns & used):
                notes.append(
                    Problem(match.header_row + 1, column_letter(column), match.header_of(column),
                            "此列在Excel中被隐藏，已照常读取", Severity.WARNING, name, "隐藏的列，已照常读取")
                )  # fmt: skip
            for row in sorted(r for r in found.rows if match.data_start <= r < len(sheet.rows)):
                if any(not cells.is_blank(value) for value in sheet.rows[row]):
                    notes.append(
                        Problem(row + 1, "", "", "此行在Excel中被隐藏，已照常读取", Severity.WARNING, name,
                                "隐藏的行，已照常读取")
                    )  # fmt: skip
        extra = [match.header_of(i) for i in match.unused if match.header_of(i) not in ("序号", "编号")]
        if extra:
            notes.append(
                Problem(match.header_row + 1, "", "", f"这些列不是花名册的字段，未导入：{'、'.join(extra)}",
                        Severity.WARNING, name, "表中有未导入的列")
            )  # fmt: skip
    if notes:
        preview.problems = sorted([*preview.problems, *notes], key=lambda p: (p.sheet, p.row, p.column))


def roster_parts(sheets: list[SheetData], lookups: Lookups) -> list[SheetPart]:
    """The sheets that are rosters on their own: every required field found (the unit perhaps only in
    the title lines) and a date of enrollment or a column standing in for it."""
    parts = []
    for sheet in sheets:
        match = find_header(sheet, ROSTER_FIELDS)
        unit = ""
        if [spec.key for spec in match.missing] == ["unit"]:
            unit = title_unit(sheet, match, lookups)
            if unit:
                match.missing = []
        if match.missing or not any(key in match.columns for key in ("start_on", *START_FALLBACKS)):
            continue
        parts.append(SheetPart(sheet, match, unit))
    return parts


def _preview_sheets(
    uow: UnitOfWork,
    file_name: str,
    parts: list[SheetPart],
    choices: BatchChoices,
    progress: Progress | None,
    lookups: Lookups,
) -> RosterPreview:
    """Several sheets checked as one roster, every problem then shown on its own sheet and row."""
    combined = combine(parts, ROSTER_FIELDS)
    preview = RosterPreview(file_name, combined.sheet, combined.match, choices=choices)
    preview.row_label = combined.row_label
    _RowReader(uow, preview, progress, lookups).run()
    preview.problems = sorted(combined.relocate(preview.problems), key=lambda p: (p.sheet, p.row, p.column))
    preview.parts = [(part.sheet, part.match) for part in parts]
    preview.sheet, preview.match = parts[0].sheet, parts[0].match
    return preview


Reader = Callable[[object], object]


class _RowReader:
    """Reads the rows one by one. Each field's cells are first read column by column, once per distinct
    value (unit, kind, sex, dates… repeat on thousands of rows); the rows then take their results."""

    def __init__(
        self, uow: UnitOfWork, preview: RosterPreview, progress: Progress | None, lookups: Lookups
    ) -> None:
        self.uow = uow
        self.preview = preview
        self.progress = progress
        self.lookups = lookups
        self.problems = ProblemList(preview.sheet, preview.match, ROSTER_FIELDS)
        self.columns = preview.match.columns
        self.row_index_of: dict[int, int] = {}
        # field → row position → why the field's reader refused the cell
        self.refusals: dict[str, dict[int, str]] = {}
        self.bad_positions: set[int] = set()  # rows with a cell some field's reader refused
        self.sheet_columns: list[tuple[object, ...]] = []  # the data rows' cells, column by column
        self.row_values: list[tuple[object, ...]] = []
        self.names: Sequence[object] = ()  # the name and ID number cells of every row
        self.id_cells: Sequence[object] = ()
        self.found: dict[str, dict[object, tuple[int | None, str]]] = defaultdict(dict)
        self.has_start_column = "start_on" in self.columns
        self.infer = RowInference(uow, preview, lookups, self.problems)
        self.last_column = max(self.columns.values(), default=0)
        # the required fields are all mapped (or the preview stops before reading rows): several columns
        self.pick_cells = operator.itemgetter(*self.columns.values())

    def column(self, key: str) -> Sequence[object]:
        """The cells of a field's column, or None for each row when no column holds the field."""
        column = self.columns.get(key)
        return self.sheet_columns[column] if column is not None else (None,) * len(self.sheet_columns[0])

    def run(self) -> None:
        sheet, preview = self.preview.sheet, self.preview
        total = len(sheet.rows) - preview.match.data_start
        width = self.last_column + 1
        rows = [sheet.rows[index] for index in preview.data_rows]
        rows = [row if len(row) >= width else [*row, *[None] * (width - len(row))] for row in rows]
        self.sheet_columns = list(zip(*rows, strict=True)) if rows else [()] * width  # rows are padded
        self._read_columns()
        self.names, self.id_cells = self.column("name"), self.column("id_number")
        for count, (index, row) in enumerate(zip(preview.data_rows, rows, strict=True), start=1):
            position = count - 1
            if self._skip(row, position):
                continue
            preview.rows += 1
            parsed = self._parse(index, position, row)
            if parsed is not None:
                preview.register_rows.append(parsed)
                self.row_index_of[index + 1] = index
            if self.progress and count % 2000 == 0:
                self.progress(count, total * 2, "读取")
        self.infer.check_refused_rows_against_register()
        self._check_against_register()
        self._check_quota()
        preview.problems = sorted(self.problems.items, key=lambda p: (p.row, p.column))

    def _skip(self, row: list[object], position: int) -> bool:
        name = self.names[position]
        if not (name.__class__ is str and name.strip()):  # a named row is not blank
            if all(cells.is_blank(value) for value in self.pick_cells(row)):
                return True  # blank, or only a serial number (序号) left over
            if not isinstance(name, str):
                return False
        if position in self.refusals["name"]:
            return False
        text = self.row_values[position][0]  # cells.text of the name, read beforehand
        total_row = text.replace(" ", "") in TOTAL_ROWS
        return total_row and cells.is_blank(self.id_cells[position])

    def _formula_problem(self, index: int, row: list[object]) -> None:
        for key, column in self.columns.items():
            if (index, column) in self.preview.sheet.uncomputed and cells.is_blank(row[column]):
                self.problems.add(
                    index, key, "是公式但没有计算结果（文件由其他程序生成），请在Excel中打开、保存后再导入"
                )

    def _read_columns(self) -> None:
        """Each field's reader applied once per distinct cell value; a CellError becomes the problem."""
        choice = self._chooser
        readers: dict[str, Reader] = {
            "name": cells.text,
            "sex": choice("sex", Sex, SEX_ALIASES),
            "birth_date": cells.birth,
            "retirement_category": choice("retirement_category", RetirementCategory, RETIREMENT_ALIASES),
            "education": choice("education", Education, EDUCATION_ALIASES),
            "political_status": choice("political_status", PoliticalStatus, POLITICAL_ALIASES),
            "ethnicity": cells.text,
            "unit": cells.text,
            "division": cells.text,
            "kind": cells.text,
            "start_on": cells.date,
            "document_number": cells.text,
            "leader_tier": choice("leader_tier", LeaderTier, {"正职": LeaderTier.UNIT_HEAD}),
            "leader_rank": choice("leader_rank", Rank, None),
            "counts_against_posts": cells.yes_no,
            "post_title": cells.text,
            "funding": cells.text,
            "entry_on": cells.date,
            "work_start": cells.date,
            "person_class": cells.text,
            "control_number": cells.text,
        }
        values: list[list[object]] = []
        for key, reader in readers.items():
            refused: dict[int, str] = {}
            cells_of = self.column(key)
            distinct = set(cells_of)
            kinds = set(map(type, distinct))
            # values that compare equal across types (1.0 == 1 == True) need their type in the key
            if bool in kinds or (float in kinds and int in kinds):
                keys: list[object] = [
                    value if value.__class__ is str else (value.__class__, value) for value in cells_of
                ]
                distinct_keys = dict(zip(keys, cells_of, strict=True))  # one cell of each distinct key
                memo = {key_: self._read(reader, value) for key_, value in distinct_keys.items()}
            else:
                keys = cells_of
                try:  # the usual column: every value readable
                    memo = {value: (reader(value), "") for value in distinct}
                except cells.CellError:  # read again, keeping each refusal as the cell's problem
                    memo = {value: self._read(reader, value) for value in distinct}
            bad = {key_ for key_, (_, problem) in memo.items() if problem}
            if bad:
                refused = {i: memo[key_][1] for i, key_ in enumerate(keys) if key_ in bad}
                self.bad_positions.update(refused)
            self.refusals[key] = refused
            read = {key_: value for key_, (value, _) in memo.items()}
            values.append(list(map(read.__getitem__, keys)))
        # every field's value of each row in one tuple, in the order _parse unpacks them
        self.row_values = list(zip(*values, strict=True))

    @staticmethod
    def _read(reader: Reader, value: object) -> tuple[object, str]:
        try:
            return (reader(value), "")
        except cells.CellError as error:
            return (None, str(error))

    def report_refusals(self, index: int, position: int) -> None:
        """Report at the row each of its cells that a field's reader refused."""
        for key, refused in self.refusals.items():
            if position in refused:
                self.problems.add(index, key, refused[position])

    def _parse(self, index: int, position: int, row: list[object]) -> bulk.PersonEnrollmentRow | None:
        """One row's values, every problem of the row reported (not only the first), the values that
        follow from the rest of the row filled in and noted; None when the row has an error."""
        add = self.problems.add
        infer = self.infer
        before = len(self.problems.items)
        errors_before = self.problems.error_count
        if self.preview.sheet.uncomputed:
            self._formula_problem(index, row)
        if position in self.bad_positions:
            self.report_refusals(index, position)
        (
            name,
            sex,
            birth_read,
            category,
            education,
            political,
            ethnicity,
            unit_text,
            division_text,
            kind_text,
            start_read,
            document,
            tier,
            rank,
            counts,
            post_title,
            funding_text,
            entry_read,
            work_read,
            person_class,
            control_number,
        ) = self.row_values[position]

        name = name or ""
        if not name:
            add(index, "name", "姓名不能为空")
        id_number = ""
        raw_id = self.id_cells[position]
        try:
            id_number, id_warning = cells.id_number(raw_id)
        except cells.CellError as error:
            add(index, "id_number", str(error))
        else:
            if id_warning:
                add(index, "id_number", id_warning, Severity.WARNING)
            if not id_number:
                add(index, "id_number", "身份证号不能为空")
            else:
                infer.duplicate_in_file(index, position, id_number)
        birth = infer.birth(index, birth_read, id_number)
        ethnicity = ethnicity or "汉族"
        if not ethnicity.endswith("族"):  # type: ignore[attr-defined]
            ethnicity += "族"  # type: ignore[operator]  # 汉 → 汉族

        unit_id = kind_id = division_id = None
        unit_text = unit_text or self.preview.sheet_unit or ""
        unit_id, message = self._lookup("unit", unit_text, self.lookups.unit)
        if message:
            add(index, "unit", message if unit_text else "单位不能为空（所在单位）")
        pending_division = ""
        division_text = division_text or ""
        if division_text and unit_id is not None:
            division_id, pending_division = infer.division(index, unit_id, division_text)
        kind_text = kind_text or ""
        if not kind_text:
            add(index, "kind", "编制类型不能为空（编制类别）")
        else:
            kind_id = infer.kind(index, kind_text, unit_id, funding_text or "")
        start = infer.start(index, self._date(index, "start_on", start_read), entry_read, work_read)
        if start is None and not self._reported(before, index, "start_on"):
            add(index, "start_on", "入编时间不能为空（也没有进入时间或参加工作时间可代替）")
        document = infer.document(index, document or "", control_number or "")
        if tier is None and person_class:
            tier = infer.tier_from_class(index, str(person_class), rank)
        if (tier is None) != (rank is None):
            add(
                index,
                "leader_tier" if tier is None else "leader_rank",
                "担任领导职务时须同时填写职数层级和职级",
            )
        post_title = post_title or ""
        if len(str(post_title)) > TEXT_LIMITS["岗位/职务"]:
            add(index, "post_title", f"岗位/职务过长（最多{TEXT_LIMITS['岗位/职务']}个字符）")
        if category is None and kind_id is not None:
            category = infer.retirement(index, sex, id_number, kind_id)
        person = PersonInput(
            name=str(name),
            id_number=id_number,
            sex=sex,
            birth_date=birth,
            retirement_category=category,
            ethnicity=str(ethnicity),
            education=education,
            political_status=political,
        )
        if self.problems.error_count > errors_before:
            infer.refused_row(index, person)
            return None
        assert unit_id is not None and kind_id is not None and start is not None
        if pending_division:
            self.preview.new_divisions.setdefault((unit_id, pending_division), []).append(
                len(self.preview.register_rows)
            )
        return bulk.PersonEnrollmentRow(
            person=person,
            unit_id=unit_id,
            kind_id=kind_id,
            start_on=start,
            document_number=str(document),
            division_id=division_id,
            post_title=str(post_title),
            leader_tier=tier,
            leader_rank=rank,
            counts_against_posts=True if counts is None else bool(counts),
            source_row=index + 1,
        )

    def _reported(self, before: int, index: int, key: str) -> bool:
        """Whether a problem of this row was already reported in the field's column."""
        if key not in self.columns:
            return False
        header = self.preview.match.header_of(self.columns[key])
        return any(p.row == index + 1 and p.header == header for p in self.problems.items[before:])

    def _lookup(
        self, what: str, key: object, find: Callable[[Any], tuple[int | None, str]]
    ) -> tuple[int | None, str]:
        """A unit, division or kind found once per distinct text."""
        found = self.found[what].get(key)
        if found is None:
            found = self.found[what][key] = find(key)
        return found

    def _date(self, index: int, key: str, parsed: object) -> dt.date | None:
        if parsed is None:
            return None
        if parsed.warning:  # type: ignore[attr-defined]
            self.problems.add(index, key, parsed.warning, Severity.WARNING)  # type: ignore[attr-defined]
        return parsed.value

    @staticmethod
    def _chooser(key: str, enum, aliases) -> Reader:  # type: ignore[no-untyped-def]
        """A reader of a pick-list cell: the member it names, or a CellError listing the choices."""

        def choose(value: object) -> object:
            raw = cells.text(value)
            if not raw:
                return None
            member = pick(enum, raw, aliases)
            if member is None:
                options = "、".join(m.label for m in enum)
                raise cells.CellError(f"“{raw}”不是可选值（可选：{options}）")
            return member

        return choose

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


@pauses_collector
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
    created = _create_divisions(uow, actor, preview)
    checked = preview.checked
    if checked is not None and checked.rows == tuple(preview.register_rows):
        # validated by the preview: only what the database may have changed since is checked again
        result = bulk.register_checked(uow, actor, checked, progress=progress, audit_each=False)
    else:
        result = bulk.register_people(uow, actor, preview.register_rows, progress=progress, audit_each=False)
    if preview.basis_rows:
        _title_basis(uow, preview.choices.basis())
    audit(  # the import is one audited operation: one record naming everything it created
        uow,
        actor,
        "import.roster",
        summary=f"从“{preview.file_name}”（工作表“{preview.sheet.sheet_name}”）导入花名册{result.persons}人",
        changes={
            "file": (None, preview.file_name),
            "rows": (None, preview.rows),
            "persons": (None, result.persons),
            "person_ids": (None, id_ranges(result.person_ids)),
            "enrollment_ids": (None, id_ranges(result.enrollment_ids)),
            **({"basis": (None, preview.choices.basis())} if preview.basis_rows else {}),
            **({"new_divisions": (None, created)} if created else {}),
        },
        table_name="person",
    )
    return result


def _create_divisions(uow: UnitOfWork, actor: Actor, preview: RosterPreview) -> list[str]:
    """The divisions the rows name that their units lack, created (initialisation only) and given to
    the rows; the preview's validated rows are updated alike, so the commit stays on its fast path."""
    if not preview.new_divisions:
        return []
    from dataclasses import replace

    from bianzhi_desktop.services.org import divisions

    rows = list(preview.register_rows)
    for (unit_id, name), positions in preview.new_divisions.items():
        division_id = divisions.add_division(uow, actor, unit_id, name).id
        for position in positions:
            rows[position] = rows[position]._replace(division_id=division_id)
    unchanged = preview.checked is not None and preview.checked.rows == tuple(preview.register_rows)
    preview.register_rows = rows
    if unchanged and preview.checked is not None:
        preview.checked = replace(preview.checked, rows=tuple(rows))
    created = [f"{uow_unit_name(uow, unit_id)}/{name}" for unit_id, name in preview.new_divisions]
    preview.new_divisions = {}
    return created


def uow_unit_name(uow: UnitOfWork, unit_id: int) -> str:
    from bianzhi_desktop.persistence.models import Unit

    return uow.session.get(Unit, unit_id).name  # type: ignore[union-attr]


def _title_basis(uow: UnitOfWork, basis: str) -> None:
    """The batch's basis is a document without a number: its text is also its title."""
    from sqlalchemy import update

    from bianzhi_desktop.persistence.models import Document

    uow.session.execute(
        update(Document).where(Document.number == basis, Document.title == "").values(title=basis)
    )


def id_ranges(ids: Sequence[int]) -> list[list[int]]:
    """Ids as sorted [first, last] runs: a batch's ids are mostly consecutive, so 40,000 ids take a few
    pairs in the audit record instead of 40,000 numbers. [3, 4, 5, 9] → [[3, 5], [9, 9]]."""
    runs: list[list[int]] = []
    for number in sorted(ids):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return runs
