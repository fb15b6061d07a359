"""Guided forms for the people side: 用编计划 (hiring plan), 入编 (enrollment under a plan or as a
transfer in) and 出编 (removal)."""

from __future__ import annotations

import datetime as dt
import re

from PySide6.QtWidgets import QComboBox, QPlainTextEdit

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import HiringMethod, RemovalReason, RetirementCategory, Sex
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.idnumber import parse_id_number
from bianzhi_desktop.gui.dialogs.common import NOTE, combo_choice, fill_combo, select_data
from bianzhi_desktop.gui.dialogs.matter_forms.base import MatterFormDialog
from bianzhi_desktop.services import ledger, matters

TRANSFER_IN = -1  # the plan combo's choice for an enrollment without a plan (调入)


class HiringPlanForm(MatterFormDialog):
    KIND = m.MatterKind.HIRING_PLAN
    HINT = "用编计划只能在该单位同一编制类型的空编内核准；批准后名额计入“已核准未入编”，到期未用的自动释放。"

    def build(self) -> None:
        self.unit = self.row(self.tr("用人单位"), self.unit_combo("unitCombo"), "用人单位")
        self.kind = self.row(self.tr("编制类型"), self.kind_combo("kindCombo"), "编制类型")
        self.seats = self.row(self.tr("计划名额"), self.spin("seatsSpin", 1, 999, 1), "计划名额")
        self.method = self.row(self.tr("补充方式"), self.enum_combo("methodCombo", HiringMethod))
        today = dt.date.today()
        self.valid_from = self.row(self.tr("有效期自"), self.date_edit("validFromEdit", today), "有效期自")
        until = today.replace(year=today.year + 1) - dt.timedelta(days=1) if today.month != 2 else today
        self.valid_until = self.row(self.tr("有效期至"), self.date_edit("validUntilEdit", until), "有效期至")
        self.posts = self.row(
            self.tr("拟补充岗位"), self.line_edit("postsEdit", self.tr("选填，如：语文教师2名、数学教师1名"))
        )
        self.aliases = {"有效期": "有效期至", "机构": "用人单位"}
        self.unit_id: int | None = None
        self.start: dt.date | None = None
        self.end: dt.date | None = None

    def check(self) -> None:
        self.unit_id = self.check_unit("用人单位", self.unit)
        self.say("编制类型", "" if self.kind.currentData() else self.tr("必选"))
        self.say("计划名额", "")
        self.start = self.check_day("有效期自", self.valid_from)
        self.end = self.check_day("有效期至", self.valid_until)
        if self.start and self.end and self.end < self.start:
            self.say("有效期至", self.tr("截止日期早于起始日期 {0}").format(self.start.isoformat()))

    def content(self) -> m.HiringPlanRequest:
        assert self.unit_id is not None and self.start is not None and self.end is not None
        return m.HiringPlanRequest(
            unit_id=self.unit_id,
            kind=self.kind.currentData(),
            seats=self.seats.value(),
            method=self.method.currentData(),
            valid_from=self.start,
            valid_until=self.end,
            posts=self.posts.text().strip(),
        )

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.HiringPlanRequest)
        select_data(self.unit, content.unit_id)
        select_data(self.kind, content.kind)
        self.seats.setValue(content.seats)
        select_data(self.method, content.method)
        self.valid_from.setText(content.valid_from.isoformat())
        self.valid_until.setText(content.valid_until.isoformat())
        self.posts.setText(content.posts)


_LINE = re.compile(r"^\s*(\S+?)[\s,，、]+(\S+?)(?:[\s,，、]+(\S+))?\s*$")
WOMEN = {
    "干部": RetirementCategory.FEMALE_55,
    "管理": RetirementCategory.FEMALE_55,
    "工人": RetirementCategory.FEMALE_50,
}


def parse_hires(text: str) -> tuple[list[m.PersonParticulars], str]:
    """One person per line, “姓名 身份证号”, women followed by 干部 (原55岁) or 工人 (原50岁):
    (the people, the first problem with its line number)."""
    people: list[m.PersonParticulars] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        if not match:
            return people, f"第{number}行应为“姓名 身份证号”（中间空一格）"
        name, id_text, post_kind = match.groups()
        try:
            info = parse_id_number(id_text)
        except ValidationError as error:
            return people, f"第{number}行（{name}）身份证号{error.rule}"
        category = RetirementCategory.MALE_60
        if info.sex is Sex.FEMALE:
            if post_kind not in WOMEN:
                return (
                    people,
                    f"第{number}行（{name}）为女性，请在身份证号后注明“干部”（原55岁退休）或“工人”（原50岁）",
                )
            category = WOMEN[post_kind]
        elif post_kind:
            return people, f"第{number}行（{name}）为男性，身份证号后不需要注明岗位类别"
        people.append(
            m.PersonParticulars(name=name, id_number=info.number18, retirement_category=category.value)
        )
    if not people:
        return people, "至少填写一人：每行“姓名 身份证号”"
    return people, ""


class EnrollmentForm(MatterFormDialog):
    KIND = m.MatterKind.ENROLLMENT
    HINT = "入编须使用该单位同一编制类型的有效用编计划（每人占用一个名额），调入人员可不使用用编计划。"

    def build(self) -> None:
        self.unit = self.row(self.tr("入编单位"), self.unit_combo("unitCombo"), "入编单位")
        self.kind = self.row(self.tr("编制类型"), self.kind_combo("kindCombo"), "编制类型")
        self.plan = self.row(self.tr("用编计划"), QComboBox(), "用编计划")
        self.plan.setObjectName("planCombo")
        self.start = self.row(self.tr("入编日期"), self.date_edit("startEdit"), "入编日期")
        self.people = QPlainTextEdit()
        self.people.setObjectName("peopleEdit")
        self.people.setPlaceholderText(
            self.tr("每行一人：姓名 身份证号（女性再注明“干部”或“工人”）\n例如：张伟 320102199603041234")
        )
        self.people.setTabChangesFocus(True)
        self.people.setFixedHeight(90)
        self.row(self.tr("入编人员"), self.people, "入编人员")
        self.post = self.row(self.tr("岗位"), self.line_edit("postEdit", self.tr("选填，如：教师")))
        self.aliases = {
            "身份证号": "入编人员",
            "姓名": "入编人员",
            "机构": "入编单位",
            "用编计划名额": "用编计划",
        }
        self.unit.currentIndexChanged.connect(self.reload_plans)
        self.unit.editTextChanged.connect(self.reload_plans)
        self.kind.currentIndexChanged.connect(self.reload_plans)
        self.unit_id: int | None = None
        self.start_on: dt.date | None = None
        self.hires: list[m.PersonParticulars] = []
        self._plans_for: tuple[int | None, str] | None = None
        self.reload_plans()

    def reload_plans(self) -> None:
        """The unit's live plans of the chosen kind, with the seats each has left."""
        key = (combo_choice(self.unit), self.kind.currentData())
        if key == self._plans_for:
            return
        self._plans_for = key
        choices = []
        unit_id, kind = key
        if unit_id is not None and kind:
            with self.ctx.read() as uow:
                kind_id = ledger.resolve_kind(uow, kind).id
                for plan in ledger.reserved_plans(uow, unit_id, kind_id):
                    text = self.tr("{0}（尚余{1}名，有效期至{2}）").format(
                        plan.document_number, plan.remaining, plan.valid_until.isoformat()
                    )
                    choices.append((text, plan.plan_id))
        previous = self.plan.currentData()
        self.plan.blockSignals(True)
        fill_combo(self.plan, choices)
        self.plan.addItem(self.tr("不使用用编计划（调入）"), TRANSFER_IN)
        select_data(self.plan, previous)
        self.plan.blockSignals(False)

    def check(self) -> None:
        self.reload_plans()
        self.unit_id = self.check_unit("入编单位", self.unit)
        self.say("编制类型", "" if self.kind.currentData() else self.tr("必选"))
        if self.unit_id is not None and self.plan.count() == 1:
            self.say("用编计划", self.tr("该单位此类编制没有有效的用编计划，只能按调入办理"), NOTE)
        else:
            self.say("用编计划", "")
        self.start_on = self.check_day("入编日期", self.start)
        self.hires, problem = parse_hires(self.people.toPlainText())
        if problem:
            self.say("入编人员", problem)
        else:
            self.say("入编人员", self.tr("共{0}人").format(len(self.hires)), NOTE)

    def content(self) -> m.EnrollmentRequest:
        assert self.unit_id is not None and self.start_on is not None
        plan = self.plan.currentData()
        post = self.post.text().strip()
        return m.EnrollmentRequest(
            unit_id=self.unit_id,
            kind=self.kind.currentData(),
            start_on=self.start_on,
            hires=tuple(m.Hire(person=p, post_title=post) for p in self.hires),
            plan_id=None if plan in (None, TRANSFER_IN) else plan,
        )

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        hires = content.hires if isinstance(content, m.EnrollmentRequest) else ()
        return all(h.person is not None and h.division_id is None for h in hires)

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.EnrollmentRequest)
        select_data(self.unit, content.unit_id)
        select_data(self.kind, content.kind)
        self.reload_plans()
        select_data(self.plan, content.plan_id if content.plan_id is not None else TRANSFER_IN)
        self.start.setText(content.start_on.isoformat())
        kinds = {RetirementCategory.FEMALE_55.value: " 干部", RetirementCategory.FEMALE_50.value: " 工人"}
        lines = [
            f"{h.person.name} {h.person.id_number}{kinds.get(h.person.retirement_category or '', '')}"
            for h in content.hires
            if h.person is not None
        ]
        self.people.setPlainText("\n".join(lines))
        self.post.setText(next((h.post_title for h in content.hires if h.post_title), ""))


class RemovalForm(MatterFormDialog):
    KIND = m.MatterKind.REMOVAL
    HINT = (
        "出编应在人员离开之日起15个工作日内办理；出编日起空出编制。逾期未办出编的单位不能核准新的用编计划。"
    )

    def build(self) -> None:
        self.unit = self.row(self.tr("所在单位"), self.unit_combo("unitCombo"), "所在单位")
        self.person = self.row(self.tr("出编人员"), QComboBox(), "出编人员")
        self.person.setObjectName("personCombo")
        self.reason = self.row(self.tr("出编原因"), self.enum_combo("reasonCombo", RemovalReason))
        self.end = self.row(self.tr("出编日期"), self.date_edit("endEdit"), "出编日期")
        self.aliases = {"出编时间": "出编日期"}
        self.unit.currentIndexChanged.connect(self.reload_people)
        self.unit.editTextChanged.connect(self.reload_people)
        self.unit_id: int | None = None
        self.end_on: dt.date | None = None
        self._people_for: int | None = None
        self.reload_people()

    def reload_people(self) -> None:
        unit_id = combo_choice(self.unit)
        if unit_id == self._people_for and self.person.count():
            return
        self._people_for = unit_id
        choices = []
        if unit_id is not None:
            with self.ctx.read() as uow:
                for line in ledger.enrolled_people(uow, unit_id):
                    post = "，".join(x for x in (line.division, line.post_title) if x)
                    text = f"{line.name}（{post}，{line.start_on.isoformat()}入编）" if post else line.name
                    choices.append((text, line.enrollment_id))
        previous = self.person.currentData()
        self.person.blockSignals(True)
        fill_combo(self.person, choices)
        select_data(self.person, previous)
        self.person.blockSignals(False)

    def check(self) -> None:
        self.reload_people()
        self.unit_id = self.check_unit("所在单位", self.unit)
        if self.unit_id is not None and self.person.count() == 0:
            self.say("出编人员", self.tr("该单位没有在编人员"))
        else:
            self.say("出编人员", "" if self.person.currentData() is not None else self.tr("必选"))
        self.end_on = self.check_day("出编日期", self.end)

    def content(self) -> m.RemovalRequest:
        assert self.end_on is not None
        return m.RemovalRequest(
            removals=(m.Removal(self.person.currentData(), self.end_on, self.reason.currentData()),)
        )

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        return isinstance(content, m.RemovalRequest) and len(content.removals) == 1

    def load(self, content: m.Content) -> None:
        assert isinstance(content, m.RemovalRequest)
        removal = content.removals[0]
        with self.ctx.read() as uow:
            select_data(self.unit, matters.enrollment_unit(uow, removal.enrollment_id))
        self.reload_people()
        select_data(self.person, removal.enrollment_id)
        select_data(self.reason, removal.reason)
        self.end.setText(removal.end_on.isoformat())
