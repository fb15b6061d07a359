"""A workbook of leavers (退休 lists, 调出 lists …) after go-live: one draft 出编 matter.

    preview = preview_removals(uow, actor, path)       # every line checked, nothing written
    if preview.ok: matter_id = draft_removals(uow, actor, preview); uow.commit()

Each line names a person on the register by ID number (the name must agree), the date they left and
why (a 出编原因 column, or the batch's reason: 退休 by default, noted on each line). Each line is checked
as the matter's rules check it — an active enrollment, a date not before the 入编 date, nobody twice —
and the whole matter once more by applying it in a savepoint that is rolled back. The draft is then
reviewed and approved as any other matter.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from bianzhi_desktop.documents.excel import cells
from bianzhi_desktop.documents.excel.headers import FieldSpec, HeaderMatch
from bianzhi_desktop.documents.excel.layouts import pick
from bianzhi_desktop.documents.excel.reader import MAX_BYTES, SheetData, read_workbook
from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import RemovalReason, Role
from bianzhi_desktop.domain.errors import BianzhiError, ValidationError
from bianzhi_desktop.domain.idnumber import parse_id_number
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Enrollment, Person
from bianzhi_desktop.services.context import Actor, require
from bianzhi_desktop.services.exchange.common import (
    Lookups,
    Problem,
    ProblemList,
    ProblemsSplit,
    Severity,
    best_sheet,
    is_total_row,
)
from bianzhi_desktop.services.exchange.common import missing_column_problems as _missing
from bianzhi_desktop.services.matters import workflow as matters

LEAVER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "姓名", ("人员姓名",), required=True),
    FieldSpec("id_number", "公民身份号码", ("身份证号", "身份证号码", "身份证", "证件号码"), required=True),
    FieldSpec("unit", "单位", ("单位名称", "所在单位", "工作单位")),
    FieldSpec(
        "end_on",
        "出编时间",
        ("出编日期", "退休时间", "退休日期", "离职时间", "调出时间", "离开时间", "减员时间"),
        required=True,
    ),
    FieldSpec("reason", "出编原因", ("原因", "出编类型", "减员原因", "减少原因")),
)
REASON_ALIASES = {
    "退": RemovalReason.RETIRED,
    "到龄退休": RemovalReason.RETIRED,
    "调离": RemovalReason.TRANSFERRED_OUT,
}


@dataclass
class RemovalPreview(ProblemsSplit):
    file_name: str
    sheet: SheetData
    match: HeaderMatch
    reason: RemovalReason
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    removals: list[m.Removal] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.removals)

    def as_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def preview_removals(
    uow: UnitOfWork,
    actor: Actor,
    path: str | Path,
    *,
    reason: RemovalReason = RemovalReason.RETIRED,
    max_bytes: int = MAX_BYTES,
) -> RemovalPreview:
    """Read and check every line; `reason` is the batch's 出编原因 for lines without one."""
    require(actor, Role.CLERK, action="起草出编事项")
    sheet, match = best_sheet(read_workbook(path, max_bytes=max_bytes), LEAVER_FIELDS)
    preview = RemovalPreview(Path(path).name, sheet, match, reason)
    if match.missing:
        preview.problems = _missing(sheet, match)
        return preview
    _Lines(uow, actor, preview).run()
    return preview


class _Lines:
    def __init__(self, uow: UnitOfWork, actor: Actor, preview: RemovalPreview) -> None:
        self.uow = uow
        self.actor = actor
        self.preview = preview
        self.problems = ProblemList(preview.sheet, preview.match, LEAVER_FIELDS)
        self.lookups = Lookups(uow)
        self.seen: dict[str, int] = {}

    def cell(self, row: list[object], key: str) -> object:
        column = self.preview.match.columns.get(key)
        return row[column] if column is not None and column < len(row) else None

    def run(self) -> None:
        sheet, match = self.preview.sheet, self.preview.match
        lines = []
        for index in range(match.data_start, len(sheet.rows)):
            row = sheet.rows[index]
            if all(cells.is_blank(value) for value in row):
                continue
            name = self.cell(row, "name")
            if isinstance(name, str) and is_total_row(name):
                continue
            self.preview.rows += 1
            lines.append((index, row))
        people = self._people(lines)
        for index, row in lines:
            self._line(index, row, people)
        if self.preview.removals and not self.problems.error_count:
            self._check_matter()
        self.preview.problems = sorted(self.problems.items, key=lambda p: (p.row, p.column))

    def _people(self, lines: list[tuple[int, list[object]]]) -> dict[str, tuple[str, int, int, dt.date]]:
        """ID number → (name, enrollment id, unit id, 入编 date) of the active enrollments the lines name."""
        numbers = set()
        for _, row in lines:
            try:
                numbers.add(parse_id_number(cells.id_number(self.cell(row, "id_number"))[0]).number)
            except (cells.CellError, ValidationError):
                continue
        found: dict[str, tuple[str, int, int, dt.date]] = {}
        ordered = sorted(numbers)
        for start in range(0, len(ordered), 500):
            query = (
                select(Person.id_number, Person.name, Enrollment.id, Enrollment.unit_id, Enrollment.start_on)
                .join(Enrollment, Enrollment.person_id == Person.id)
                .where(Person.id_number.in_(ordered[start : start + 500]), Enrollment.end_on.is_(None))
            )
            for number, name, enrollment_id, unit_id, start_on in self.uow.session.execute(query):
                found[number] = (name, enrollment_id, unit_id, start_on)
        return found

    def _line(self, index: int, row: list[object], people: dict[str, tuple[str, int, int, dt.date]]) -> None:
        add = self.problems.add
        errors = self.problems.error_count
        name = cells.text(self.cell(row, "name"))
        number = ""
        try:
            number = parse_id_number(cells.id_number(self.cell(row, "id_number"))[0]).number
        except cells.CellError as error:
            add(index, "id_number", str(error))
        except ValidationError as error:
            add(index, "id_number", f"身份证号{error.rule}")
        if number and number in self.seen:
            add(index, "id_number", f"与第{self.seen[number]}行重复，同一人不能出编两次")
        elif number:
            self.seen[number] = index + 1
        end = None
        try:
            parsed = cells.date(self.cell(row, "end_on"))
            end = parsed.value if parsed else None
            if end is None:
                add(index, "end_on", "出编时间不能为空")
        except cells.CellError as error:
            add(index, "end_on", f"出编时间{error}")
        reason = self._reason(index, row)
        record = people.get(number) if number else None
        if number and record is None:
            add(index, "id_number", f"{number} 不在编（实名制中没有此人，或已出编）")
        if record is not None:
            registered, enrollment_id, unit_id, start_on = record
            if name and name != registered:
                add(index, "name", f"姓名“{name}”与实名制中登记的“{registered}”不一致")
            unit_text = cells.text(self.cell(row, "unit"))
            if unit_text:
                found, _ = self.lookups.unit(unit_text)
                if found is not None and found != unit_id:
                    add(
                        index,
                        "unit",
                        f"实名制中此人在“{self.lookups.units[unit_id][0]}”在编，不在“{unit_text}”",
                    )
            if end is not None and end < start_on:
                add(index, "end_on", f"出编时间早于入编时间{start_on.isoformat()}")
            if end is not None and end > dt.date.today():
                add(index, "end_on", "出编时间晚于今天：人员离开后再办理出编")
            if self.problems.error_count == errors and end is not None and reason is not None:
                self.preview.removals.append(m.Removal(enrollment_id, end, reason))

    def _reason(self, index: int, row: list[object]) -> RemovalReason | None:
        raw = cells.text(self.cell(row, "reason"))
        if not raw:
            reason = self.preview.reason
            self.problems.add(
                index,
                "reason",
                f"未填写出编原因，按本批出编原因“{reason.label}”办理",
                Severity.WARNING,
                f"未填写出编原因，按本批出编原因“{reason.label}”办理",
            )
            return reason
        member = pick(RemovalReason, raw, REASON_ALIASES)
        if member is None:
            options = "、".join(m.label for m in RemovalReason)
            self.problems.add(index, "reason", f"出编原因“{raw}”不是可选值（可选：{options}）")
        return member

    def _check_matter(self) -> None:
        """The whole matter applied in a savepoint and rolled back: what the approval would refuse."""
        try:
            matters.check(self.uow, self.actor, m.RemovalRequest(tuple(self.preview.removals)))
        except BianzhiError as error:
            self.problems.items.append(
                Problem(self.preview.match.header_row + 1, "", "", f"出编事项无法办理：{error}", Severity.ERROR,
                        self.preview.sheet.sheet_name)
            )  # fmt: skip
            self.problems.error_count += 1


def draft_removals(uow: UnitOfWork, actor: Actor, preview: RemovalPreview, *, title: str = "") -> int:
    """One draft 出编 matter holding every line (raises when the preview has errors). Returns its id."""
    require(actor, Role.CLERK, action="起草出编事项")
    if not preview.ok:
        raise BianzhiError(f"“{preview.file_name}”有{len(preview.errors)}处错误，未起草事项。")
    return matters.create_draft(
        uow,
        actor,
        m.RemovalRequest(tuple(preview.removals)),
        title=title,
        opinion=f"由“{preview.file_name}”批量起草（{len(preview.removals)}人）",
    )
