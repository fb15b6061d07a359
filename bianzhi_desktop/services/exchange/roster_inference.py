"""What a roster import fills in from the rest of the row, each time with a note on the row.

A county's own roster says 事业编制 without its funding, gives 出生年月 to the month, leaves out the
women's retirement category, 入编文号 and sometimes 入编时间, and names divisions the register does not
have yet. `RowInference` decides each of these from the row, the unit or the batch's answers
(`BatchChoices`), records every assumption as a grouped warning, and reports as errors only what
nothing decides. It also reports what the row-by-row reading alone would miss on a refused row: the
person's own particulars and a duplicated ID number (一人多编).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from bianzhi_desktop.domain.dates import ParsedDate
from bianzhi_desktop.domain.docnumber import canonical_doc_number
from bianzhi_desktop.domain.enums import Funding, LeaderTier, Rank, RetirementCategory, Sex
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.onboarding import (
    PERSON_CLASS_TIERS,
    PI_CIVIL_KIND,
    birth_from_id,
    female_retirement_for_kind,
    funding_from_text,
    is_unqualified_pi_kind,
    pi_kind_for_funding,
    sex_from_id,
)
from bianzhi_desktop.domain.textnorm import clean_cell_text
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import QuotaEntry, QuotaKind, Unit
from bianzhi_desktop.services.exchange.common import Lookups, ProblemList, Severity, find_title_unit
from bianzhi_desktop.services.register import bulk
from bianzhi_desktop.services.register.persons import PersonInput, validate

if TYPE_CHECKING:
    from bianzhi_desktop.documents.excel.headers import HeaderMatch
    from bianzhi_desktop.documents.excel.reader import SheetData
    from bianzhi_desktop.services.exchange.roster_import import RosterPreview

WARN = Severity.WARNING
# the person's fields as persons.validate names them → the roster field whose column they concern
_PERSON_FIELDS = {
    "姓名": "name",
    "身份证号": "id_number",
    "出生日期": "birth_date",
    "退休类别": "retirement_category",
}


def title_unit(sheet: SheetData, match: HeaderMatch, lookups: Lookups) -> str:
    """The registered unit a sheet without a unit column is about (see import_common.find_title_unit)."""
    return find_title_unit(
        sheet, match.header_row, lookups.unit_names, lambda n: lookups.unit(n)[0] is not None
    )


class RowInference:
    """The roster reader's helper for one preview: fills in, notes, and reports (see module doc)."""

    def __init__(
        self, uow: UnitOfWork, preview: RosterPreview, lookups: Lookups, problems: ProblemList
    ) -> None:
        self.uow = uow
        self.preview = preview
        self.lookups = lookups
        self.problems = problems
        self.choices = preview.choices
        self.basis = self.choices.basis()
        self._basis_note = f"未填写入编文号，按本批依据“{self.basis}”登记"  # one text for every such row
        self._retirement_notes: dict[int, tuple[RetirementCategory, str]] = {}
        self.seen_ids: dict[str, int] = {}  # ID number → the first row that has it
        self._months: dict[ParsedDate, str] = {}
        self.row_label = preview.row_label or (lambda number: f"第{number}行")
        self.refused_ids: dict[str, int] = {}  # ID number → row index, of rows refused for another problem
        self.kinds: dict[tuple[str, int | None, str], tuple[int | None, str, str]] = {}
        self._unit_pi_kinds: dict[int, list[str]] | None = None
        self._unit_funding: dict[int, str | None] | None = None
        self._divisions: dict[tuple[int, str], tuple[int | None, str, str, str]] = {}

    # -- ID numbers and births ---------------------------------------------------------------------
    def duplicate_in_file(self, index: int, position: int, id_number: str) -> None:
        """A number seen on an earlier row is 一人多编, whatever else is wrong with either row."""
        first = self.seen_ids.setdefault(id_number, index + 1)
        if first != index + 1:
            self.problems.add(
                index,
                "id_number",
                f"{id_number} 与{self.row_label(first)}重复，同一人不能重复登记（一人多编）",
                group="身份证号与前面的行重复（一人多编）",
            )

    def birth(self, index: int, parsed: object, id_number: str) -> dt.date | None:
        """The birth date to check against the ID number: a value given to the month agrees with an ID
        whose birth date falls in that month (the ID's date is then kept)."""
        if not isinstance(parsed, ParsedDate):
            return None
        if parsed.warning:
            self.problems.add(index, "birth_date", parsed.warning, WARN)
        if not parsed.to_month:
            return parsed.value
        month = self._months.get(parsed)
        if month is None:  # “199804” of each distinct value (one ParsedDate is shared by its equal cells)
            month = self._months[parsed] = (
                f"{parsed.value.year:04d}{parsed.value.month:02d}"
                if parsed.precision == "month"
                else f"{parsed.value.year:04d}"
            )
        if len(id_number) == 18 and id_number[6 : 6 + len(month)] == month:
            return None  # the usual row: the ID number's birth date is in that month
        stated = birth_from_id(id_number)
        if stated is None or parsed.agrees_with(stated):
            return None  # to the month and agreeing: the ID number gives the day
        self.problems.add(
            index,
            "birth_date",
            f"出生{'年份' if parsed.precision == 'year' else '年月'}{parsed.shown()}与身份证号中的出生日期"
            f"{stated.year}年{stated.month}月{stated.day}日不一致",
            group="出生年月与身份证号中的出生日期不一致",
        )
        return None

    # -- unit, division, kind --------------------------------------------------------------------
    def division(self, index: int, unit_id: int, text: str) -> tuple[int | None, str]:
        """(division id, name of a division to create). 所在机构 that is the unit's own name means the
        unit's leadership; a division the unit lacks is created by the commit or left empty."""
        key = (unit_id, text)
        found = self._divisions.get(key)
        if found is None:
            name = clean_cell_text(text)
            unit_name = self.lookups.units[unit_id][0]
            if unit_id in self.lookups.unit_names.get(name, ()):
                found = (
                    None,
                    "",
                    "所在机构为单位本身，按单位领导处理（不属任何内设机构）",
                    f"所在机构“{name}”即本单位",
                )
            else:
                division_id, _ = self.lookups.division(unit_id, name)
                if division_id is not None:
                    found = (division_id, "", "", "")
                elif self.choices.create_divisions:
                    found = (
                        None,
                        name,
                        "内设机构尚未登记，导入时新建",
                        f"“{unit_name}”还没有内设机构“{name}”，导入时新建",
                    )
                else:
                    found = (
                        None,
                        "",
                        "内设机构尚未登记，该人员的内设机构留空",
                        f"“{unit_name}”没有内设机构“{name}”，内设机构留空",
                    )
            self._divisions[key] = found
        division_id, create, group, message = found
        if group:
            self.problems.add(index, "division", message, WARN, group)
        return division_id, create

    def kind(self, index: int, text: str, unit_id: int | None, funding_text: str) -> int | None:
        """The quota kind: as written, or 事业编制 qualified by the row's 编制经费形式, the unit's
        approved 事业 kind or the unit's funding form (noted on the row)."""
        key = (text, unit_id, funding_text)
        found = self.kinds.get(key)
        if found is None:
            found = self.kinds[key] = self._kind(text, unit_id, funding_text)
        kind_id, message, group = found
        if kind_id is None:
            self.problems.add(index, "kind", message)
        elif message:
            self.problems.add(index, "kind", message, WARN, group)
        return kind_id

    def _kind(self, text: str, unit_id: int | None, funding_text: str) -> tuple[int | None, str, str]:
        name = clean_cell_text(text)
        if not is_unqualified_pi_kind(name):
            kind_id, message = self.lookups.kind(text)
            return kind_id, message, ""
        funding, civil = funding_from_text(clean_cell_text(funding_text))
        reason = "本行编制经费形式"
        qualified = PI_CIVIL_KIND if civil else pi_kind_for_funding(funding) if funding else ""
        if not qualified and unit_id is not None:
            approved = self.unit_pi_kinds().get(unit_id, [])
            if len(approved) == 1:
                qualified, reason = approved[0], "该单位核定的事业编制"
            elif (unit_funding := self.unit_funding().get(unit_id)) is not None:
                qualified, reason = pi_kind_for_funding(Funding(unit_funding)), "该单位的经费形式"
        if not qualified and self.choices.pi_funding is not None:
            qualified, reason = pi_kind_for_funding(self.choices.pi_funding), "本批设定的经费形式"
        if not qualified:
            return (
                None,
                f"“{name}”未说明经费形式，无法确定是哪一种事业编制：请填写“编制经费形式”列（全额拨款、差额拨款、"
                "自收自支），或写明如“事业编制（全额拨款）”",
                "",
            )
        kind_id, message = self.lookups.kind(qualified)
        if kind_id is None:
            return None, message, ""
        return kind_id, f"“{name}”按{reason}定为“{qualified}”", f"编制类型“{name}”已按经费形式确定"

    def unit_pi_kinds(self) -> dict[int, list[str]]:
        """Unit → the 事业编制 kinds it has an approved figure of."""
        if self._unit_pi_kinds is None:
            rows = self.uow.session.execute(
                select(QuotaEntry.unit_id, QuotaKind.name)
                .join(QuotaKind, QuotaKind.id == QuotaEntry.kind_id)
                .where(QuotaKind.name.like("事业编制%"))
                .group_by(QuotaEntry.unit_id, QuotaKind.name)
                .having(func.sum(QuotaEntry.delta) > 0)
            )
            found: dict[int, list[str]] = {}
            for unit_id, name in rows:
                found.setdefault(unit_id, []).append(name)
            self._unit_pi_kinds = found
        return self._unit_pi_kinds

    def unit_funding(self) -> dict[int, str | None]:
        if self._unit_funding is None:
            self._unit_funding = dict(self.uow.session.execute(select(Unit.id, Unit.funding)).all())
        return self._unit_funding

    # -- dates, basis, leader posts, retirement ----------------------------------------------------
    def start(self, index: int, start: dt.date | None, entry: object, work: object) -> dt.date | None:
        """入编时间, or when empty 进入时间, else 参加工作时间 (noted)."""
        if start is not None:
            return start
        for parsed, label in ((entry, "进入时间"), (work, "参加工作时间")):
            if isinstance(parsed, ParsedDate):
                self.problems.add(
                    index,
                    "start_on",
                    f"入编时间为空，按{label}{parsed.shown()}登记",
                    WARN,
                    f"入编时间为空，已按{label}登记",
                )
                return parsed.value
        return None

    def document(self, index: int, document: str, control_number: str) -> str:
        """入编文号, or 控编单编号, or the batch's basis (noted)."""
        if document:
            try:  # the limits the commit would hit, found in the preview (a dry run refuses what a run would)
                canonical_doc_number(document)
            except ValidationError as error:
                self.problems.add(index, "document_number", f"入编文号{error.rule}")
            return document
        if control_number:
            self.problems.add(
                index,
                "document_number",
                f"未填写入编文号，按控编单编号{control_number}登记",
                WARN,
                "未填写入编文号，已按控编单编号登记",
            )
            return control_number
        self.preview.basis_rows += 1
        self.problems.add(index, "document_number", self._basis_note, WARN, self._basis_note)
        return self.basis

    def tier_from_class(self, index: int, text: str, rank: Rank | None) -> LeaderTier | None:
        """人员分类 (部门正职领导, 内设机构副职领导 …) as the leader-post tier, when a rank is given."""
        name = clean_cell_text(text)
        tier = PERSON_CLASS_TIERS.get(name)
        if tier is None:
            return None
        if rank is None:
            self.problems.add(
                index,
                "person_class",
                f"人员分类为“{name}”，但未填写领导职务级别，未计入领导职数",
                WARN,
                "人员分类为领导，但未填写领导职务级别，未计入领导职数",
            )
            return None
        self.problems.add(
            index,
            "person_class",
            f"按人员分类“{name}”登记为{tier.label}",
            WARN,
            "已按人员分类设定领导职数层级",
        )
        return tier

    def retirement(
        self, index: int, sex: Sex | None, id_number: str, kind_id: int
    ) -> RetirementCategory | None:
        """A woman without the original retirement category: the batch's default, else 50 for 工勤编制
        and 55 for other kinds (noted); None for men."""
        if (sex or sex_from_id(id_number)) != Sex.FEMALE:
            return None
        chosen = self.choices.female_retirement
        if chosen is not None:
            self.problems.add(
                index,
                "retirement_category",
                f"未填写原法定退休年龄类别，按本批默认设为“{chosen.label}”",
                WARN,
                "未填写原法定退休年龄类别，已按本批默认类别设定",
            )
            return chosen
        found = self._retirement_notes.get(kind_id)
        if found is None:  # the category and its note once per kind
            kind_name = self.lookups.kind_names[kind_id]
            category = female_retirement_for_kind(kind_name)
            found = self._retirement_notes[kind_id] = (
                category,
                f"未填写原法定退休年龄类别，按{kind_name}设为“{category.label}”",
            )
        self.problems.add(
            index,
            "retirement_category",
            found[1],
            WARN,
            "未填写原法定退休年龄类别，已按编制类型设定（工勤编制为原50岁，其他为原55岁）",
        )
        return found[0]

    # -- what a refused row must still be told ---------------------------------------------------
    def refused_row(self, index: int, person: PersonInput) -> None:
        """A row refused for some problem is still checked for the person's own particulars, and its ID
        number against the register after all rows are read."""
        if not person.id_number:
            return
        self.refused_ids.setdefault(person.id_number, index)
        if not person.name:
            return
        if person.retirement_category is None and (person.sex or sex_from_id(person.id_number)) == Sex.FEMALE:
            # the category follows from the kind once the row's other problems are put right
            person = person._replace(retirement_category=RetirementCategory.FEMALE_55)
        try:
            validate(self.uow, person, None, check_duplicates=False)
        except ValidationError as error:
            message = f"{error.field}：{error.rule}"
            row = index + 1
            if not any(p.row == row and p.message == message for p in self.problems.items[-20:]):
                self.problems.add(index, _PERSON_FIELDS.get(error.field), message)

    def check_refused_rows_against_register(self) -> None:
        if not self.refused_ids:
            return
        known = bulk.registered_names(self.uow, list(self.refused_ids))
        for number, name in known.items():
            self.problems.add(
                self.refused_ids[number],
                "id_number",
                f"{number} 已登记为“{name}”，同一人不能重复登记（一人多编）",
                group="身份证号已在实名制中登记（一人多编）",
            )
