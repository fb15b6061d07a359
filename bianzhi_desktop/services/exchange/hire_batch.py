"""A workbook of new hires after go-live (a year's recruited teachers …): draft 入编 matters.

    preview = preview_hires(uow, actor, path)          # every line checked, nothing written
    if preview.ok: ids = draft_hires(uow, actor, preview); uow.commit()

An 入编 matter enrols people into one unit and one kind on one date under one hiring plan (or none: a
transfer into a vacancy), so the lines become one matter per unit, kind, date and plan — one matter
when the list is for one plan, as a recruitment usually is. Each line is checked as the matter's rules
check it (a valid ID number agreeing with the person's particulars, nobody on quota already (一人多编) or
twice in the list, the unit, division and kind, the plan of that unit and kind), the women's original
retirement category filled in from the kind with a note, and each matter applied in a savepoint
before anything is drafted. The drafts are reviewed and approved as any other matter.
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
from bianzhi_desktop.domain.docnumber import canonical_doc_number
from bianzhi_desktop.domain.enums import Education, PoliticalStatus, RetirementCategory, Role, Sex
from bianzhi_desktop.domain.errors import BianzhiError, ValidationError
from bianzhi_desktop.domain.idnumber import parse_id_number
from bianzhi_desktop.domain.onboarding import female_retirement_for_kind
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Document, Enrollment, HiringPlan, Person
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
from bianzhi_desktop.services.exchange.roster_import import (
    EDUCATION_ALIASES,
    POLITICAL_ALIASES,
    RETIREMENT_ALIASES,
)
from bianzhi_desktop.services.matters import workflow as matters
from bianzhi_desktop.services.register.persons import PersonInput, validate

HIRE_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "姓名", ("人员姓名",), required=True),
    FieldSpec("id_number", "公民身份号码", ("身份证号", "身份证号码", "身份证", "证件号码"), required=True),
    FieldSpec("unit", "单位", ("单位名称", "所在单位", "招聘单位", "用人单位", "拟聘单位"), required=True),
    FieldSpec("division", "内设机构", ("科室", "所在机构", "股室")),
    FieldSpec("kind", "编制类型", ("编制类别", "编制性质", "使用编制类型"), required=True),
    FieldSpec("start_on", "入编时间", ("进编时间", "报到时间", "聘用时间", "入编日期"), required=True),
    FieldSpec("plan", "用编计划文号", ("用编计划", "用编核准文号", "控编单编号", "用编通知单号")),
    FieldSpec("post_title", "职务", ("岗位", "岗位名称", "拟聘岗位")),
    FieldSpec("retirement_category", "退休类别", ("法定退休年龄类别", "原退休年龄")),
    FieldSpec("ethnicity", "民族"),
    FieldSpec("education", "学历", ("文化程度", "最高学历")),
    FieldSpec("political_status", "政治面貌"),
)


@dataclass
class HireGroup:
    """The lines of one draft 入编 matter."""

    first_row: int
    unit_id: int
    kind: str
    start_on: dt.date
    plan_id: int | None
    hires: list[m.Hire] = field(default_factory=list)

    def content(self) -> m.EnrollmentRequest:
        return m.EnrollmentRequest(self.unit_id, self.kind, self.start_on, tuple(self.hires), self.plan_id)


@dataclass
class HirePreview(ProblemsSplit):
    file_name: str
    sheet: SheetData
    match: HeaderMatch
    rows: int = 0
    problems: list[Problem] = field(default_factory=list)
    groups: list[HireGroup] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.groups)

    @property
    def hires(self) -> int:
        return sum(len(group.hires) for group in self.groups)

    def as_dict(self) -> dict[str, object]:
        return {
            "rows": self.rows,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
        }


def preview_hires(
    uow: UnitOfWork, actor: Actor, path: str | Path, *, max_bytes: int = MAX_BYTES
) -> HirePreview:
    require(actor, Role.CLERK, action="起草入编事项")
    sheet, match = best_sheet(read_workbook(path, max_bytes=max_bytes), HIRE_FIELDS)
    preview = HirePreview(Path(path).name, sheet, match)
    if match.missing:
        preview.problems = _missing(sheet, match)
        return preview
    _Lines(uow, actor, preview).run()
    return preview


class _Lines:
    def __init__(self, uow: UnitOfWork, actor: Actor, preview: HirePreview) -> None:
        self.uow = uow
        self.actor = actor
        self.preview = preview
        self.problems = ProblemList(preview.sheet, preview.match, HIRE_FIELDS)
        self.lookups = Lookups(uow)
        self.seen: dict[str, int] = {}
        self.groups: dict[tuple[int, str, dt.date, int | None], HireGroup] = {}

    def cell(self, row: list[object], key: str) -> object:
        column = self.preview.match.columns.get(key)
        return row[column] if column is not None and column < len(row) else None

    def text(self, row: list[object], key: str) -> str:
        try:
            return cells.text(self.cell(row, key))
        except cells.CellError:
            return ""

    def run(self) -> None:
        sheet, match = self.preview.sheet, self.preview.match
        for index in range(match.data_start, len(sheet.rows)):
            row = sheet.rows[index]
            if all(cells.is_blank(value) for value in row) or is_total_row(self.text(row, "name")):
                continue
            self.preview.rows += 1
            self._line(index, row)
        self.preview.groups = list(self.groups.values())
        if self.preview.groups and not self.problems.error_count:
            for group in self.preview.groups:
                self._check(group)
        self.preview.problems = sorted(self.problems.items, key=lambda p: (p.row, p.column))

    def _line(self, index: int, row: list[object]) -> None:
        add = self.problems.add
        errors = self.problems.error_count
        name = self.text(row, "name")
        if not name:
            add(index, "name", "姓名不能为空")
        number = ""
        try:
            parsed = parse_id_number(cells.id_number(self.cell(row, "id_number"))[0])
            number = parsed.number
        except cells.CellError as error:
            add(index, "id_number", str(error))
        except ValidationError as error:
            add(index, "id_number", f"身份证号{error.rule}")
        if number in self.seen:
            add(index, "id_number", f"与第{self.seen[number]}行重复，同一人不能入编两次")
        elif number:
            self.seen[number] = index + 1
        unit_text = self.text(row, "unit")
        unit_id, message = self.lookups.unit(unit_text)
        if message:
            add(index, "unit", message if unit_text else "单位不能为空")
        kind_text = self.text(row, "kind")
        kind_id, message = self.lookups.kind(kind_text) if kind_text else (None, "编制类型不能为空")
        if message:
            add(index, "kind", message)
        division_id = None
        division = self.text(row, "division")
        if division and unit_id is not None:
            division_id, message = self.lookups.division(unit_id, division)
            if message:
                add(index, "division", message + "（新设内设机构须先办理内设机构事项）")
        start = None
        try:
            read = cells.date(self.cell(row, "start_on"))
            start = read.value if read else None
            if start is None:
                add(index, "start_on", "入编时间不能为空")
        except cells.CellError as error:
            add(index, "start_on", f"入编时间{error}")
        plan_id = self._plan(index, row, unit_id, kind_id, start) if unit_id and kind_id and start else None
        hire = self._hire(index, row, name, number, kind_id, division_id) if number and name else None
        if self.problems.error_count > errors or hire is None:
            return
        assert unit_id is not None and kind_id is not None and start is not None
        key = (unit_id, self.lookups.kind_names[kind_id], start, plan_id)
        group = self.groups.get(key)
        if group is None:
            group = self.groups[key] = HireGroup(index + 1, *key)
        group.hires.append(hire)

    def _hire(
        self,
        index: int,
        row: list[object],
        name: str,
        number: str,
        kind_id: int | None,
        division_id: int | None,
    ) -> m.Hire | None:
        """The line's person: someone registered before (no active enrollment) or new particulars."""
        found = self.uow.session.execute(
            select(Person.id, Person.name).where(Person.id_number == number)
        ).first()
        post = self.text(row, "post_title")
        if found is not None:
            active = self.uow.session.scalar(
                select(Enrollment.id).where(Enrollment.person_id == found.id, Enrollment.end_on.is_(None))
            )
            if active is not None:
                self.problems.add(
                    index,
                    "id_number",
                    f"{number} 已登记为“{found.name}”且在编，同一人不能重复入编（一人多编）",
                )
                return None
            if found.name != name:
                self.problems.add(index, "name", f"姓名“{name}”与实名制中登记的“{found.name}”不一致")
                return None
            self.problems.add(
                index, "id_number", "此人曾在实名制中登记（已出编），按原登记信息入编", Severity.WARNING,
                "曾登记的人员，按原登记信息入编",
            )  # fmt: skip
            return m.Hire(person_id=found.id, division_id=division_id, post_title=post)
        category = self._choice(index, row, "retirement_category", RetirementCategory, RETIREMENT_ALIASES)
        person = PersonInput(
            name,
            number,
            retirement_category=category,
            ethnicity=self.text(row, "ethnicity") or "汉族",
            education=self._choice(index, row, "education", Education, EDUCATION_ALIASES),
            political_status=self._choice(index, row, "political_status", PoliticalStatus, POLITICAL_ALIASES),
        )
        if category is None and kind_id is not None and parse_id_number(number).sex == Sex.FEMALE:
            kind_name = self.lookups.kind_names[kind_id]
            category = female_retirement_for_kind(kind_name)
            person = person._replace(retirement_category=category)
            self.problems.add(
                index, "retirement_category", f"未填写原法定退休年龄类别，按{kind_name}设为“{category.label}”",
                Severity.WARNING, "未填写原法定退休年龄类别，已按编制类型设定（工勤编制为原50岁，其他为原55岁）",
            )  # fmt: skip
        try:
            values, _ = validate(self.uow, person, None, check_duplicates=False)
        except ValidationError as error:
            self.problems.add(index, None, f"{error.field}：{error.rule}")
            return None
        return m.Hire(
            person=m.PersonParticulars(
                name=str(values["name"]),
                id_number=number,
                retirement_category=str(values["retirement_category"]),
                ethnicity=str(values["ethnicity"]),
                education=values["education"],  # type: ignore[arg-type]
                political_status=values["political_status"],  # type: ignore[arg-type]
            ),
            division_id=division_id,
            post_title=post,
        )

    def _choice(self, index: int, row: list[object], key: str, enum, aliases):  # type: ignore[no-untyped-def]
        raw = self.text(row, key)
        if not raw:
            return None
        member = pick(enum, raw, aliases)
        if member is None:
            self.problems.add(index, key, f"“{raw}”不是可选值（可选：{'、'.join(m.label for m in enum)}）")
        return member

    def _plan(self, index: int, row: list[object], unit_id: int, kind_id: int, start: dt.date) -> int | None:
        """The hiring plan named on the line, or the one live plan of the unit and kind; none when
        the unit has none (a transfer into a vacancy, noted)."""
        raw = self.text(row, "plan")
        query = select(HiringPlan.id, HiringPlan.unit_id, HiringPlan.kind_id).join(
            Document, Document.id == HiringPlan.document_id
        )
        if raw:
            try:
                number = canonical_doc_number(raw)
            except ValidationError:
                number = raw
            found = self.uow.session.execute(query.where(Document.number == number)).all()
            if not found:
                self.problems.add(index, "plan", f"没有文号为“{raw}”的用编计划")
                return None
            plan = found[0]
            if (plan.unit_id, plan.kind_id) != (unit_id, kind_id):
                self.problems.add(index, "plan", f"用编计划“{raw}”不是该单位该编制类型的计划")
                return None
            return int(plan.id)
        live = self.uow.session.execute(
            query.where(
                HiringPlan.unit_id == unit_id,
                HiringPlan.kind_id == kind_id,
                HiringPlan.approved_on <= start,
                HiringPlan.valid_until >= start,
                (HiringPlan.cancelled_on.is_(None)) | (HiringPlan.cancelled_on > start),
            )
        ).all()
        if len(live) > 1:
            self.problems.add(index, "plan", "该单位该编制类型有多个有效的用编计划，请在“用编计划文号”列写明")
            return None
        if live:
            self.problems.add(
                index, "plan", "未填写用编计划，按该单位该编制类型唯一有效的用编计划入编", Severity.WARNING,
                "未填写用编计划，按唯一有效的用编计划入编",
            )  # fmt: skip
            return int(live[0].id)
        self.problems.add(
            index, "plan", "该单位该编制类型没有有效的用编计划，按调入办理（须有空编）", Severity.WARNING,
            "没有用编计划，按调入办理（须有空编）",
        )  # fmt: skip
        return None

    def _check(self, group: HireGroup) -> None:
        """The matter applied in a savepoint and rolled back: what the approval would refuse."""
        try:
            matters.check(self.uow, self.actor, group.content())
        except BianzhiError as error:
            self.problems.add(group.first_row - 1, "unit", f"此行起的入编事项无法办理：{error}")


def draft_hires(uow: UnitOfWork, actor: Actor, preview: HirePreview) -> list[int]:
    """One draft 入编 matter per unit, kind, date and plan (raises when the preview has errors)."""
    require(actor, Role.CLERK, action="起草入编事项")
    if not preview.ok:
        raise BianzhiError(f"“{preview.file_name}”有{len(preview.errors)}处错误，未起草事项。")
    ids = []
    for group in preview.groups:
        ids.append(
            matters.create_draft(
                uow,
                actor,
                group.content(),
                opinion=f"由“{preview.file_name}”批量起草（{len(group.hires)}人）",
            )
        )
    return ids
