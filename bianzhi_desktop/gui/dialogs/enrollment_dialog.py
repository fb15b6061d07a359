"""入编登记 and 出编登记 in initialisation mode (services.initialisation.record_enrollment / record_removal).

The enrollment form finds the person by ID number, shows the quota figures of the chosen unit and kind
as they stand (核定, 在编, 已核准未入编, 空编) and warns before an enrollment that would go over quota:
the status quo is recorded as it is, and the health check flags it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from bianzhi_desktop.domain.enums import LeaderTier, Rank, RemovalReason
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.idnumber import parse_id_number
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.common import (
    ERROR,
    NOTE,
    OK,
    WARNING,
    FormDialog,
    check_date,
    check_document,
    combo_choice,
    confirm,
    fill_combo,
    make_searchable,
    select_data,
)
from bianzhi_desktop.gui.forms.ui_enrollment_form import Ui_EnrollmentForm
from bianzhi_desktop.gui.forms.ui_removal_form import Ui_RemovalForm
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services import ledger, org, register
from bianzhi_desktop.services.ledger import EnrollmentInput, EnrollmentResult


class EnrollmentDialog(FormDialog):
    """Record that a registered person is on quota (入编登记)."""

    def __init__(
        self,
        ctx: AppContext,
        *,
        person_id: int | None = None,
        unit_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, Ui_EnrollmentForm(), parent)
        ui = self.ui
        self.person: register.PersonInfo | None = None
        self.start_on: dt.date | None = None
        self.document = ""
        self.field("人员", ui.personMessage, ui.personEdit)
        self.field("单位", ui.unitMessage, ui.unitCombo)
        self.field("编制类型", ui.kindMessage, ui.kindCombo)
        self.field("入编时间", ui.startMessage, ui.startEdit)
        self.field("入编文号", ui.documentMessage, ui.documentEdit)
        self.aliases.update({"身份证号": "人员", "内设机构": "单位", "用编计划": "编制类型"})
        with ctx.read() as uow:
            unit_list = org.list_units(uow)
            kinds = ledger.list_kinds(uow)
            person = register.get_person(uow, person_id) if person_id is not None else None
        fill_combo(ui.unitCombo, [(u.name, u.id) for u in unit_list])
        make_searchable(ui.unitCombo)
        ui.unitCombo.setCurrentIndex(-1)
        fill_combo(ui.kindCombo, [(k.name, k.id) for k in kinds])
        fill_combo(ui.tierCombo, [(t.label, t) for t in LeaderTier])
        fill_combo(ui.rankCombo, [(r.label, r) for r in Rank])
        ui.leaderCheck.toggled.connect(self._leader_toggled)
        self._leader_toggled(False)
        ui.personEdit.textChanged.connect(self.check_person)
        ui.unitCombo.currentTextChanged.connect(self.unit_changed)
        ui.kindCombo.currentIndexChanged.connect(self.check_kind)
        ui.startEdit.textChanged.connect(self.check_start)
        ui.documentEdit.textChanged.connect(self.check_document)
        if person is not None:
            ui.personEdit.setText(person.id_number)
        if unit_id is not None:
            select_data(ui.unitCombo, unit_id)
        self.unit_changed()

    def _leader_toggled(self, on: bool) -> None:
        for widget in (
            self.ui.tierCombo,
            self.ui.rankCombo,
            self.ui.countsCheck,
            self.ui.tierLabel,
            self.ui.rankLabel,
        ):
            widget.setEnabled(on)

    def unit_id(self) -> int | None:
        return combo_choice(self.ui.unitCombo)

    # -- checks ---------------------------------------------------------------------------------------
    def check_person(self) -> None:
        text = self.ui.personEdit.text()
        self.person = None
        if not text.strip():
            self.say("人员", self.tr("必填：输入身份证号查找已登记的人员"))
            return
        try:
            number = parse_id_number(text).number
        except ValidationError as error:
            self.say("人员", error.rule)
            return
        with self.ctx.read() as uow:
            person = register.find_by_id_number(uow, number)
            active = [line for line in org.person_history(uow, person.id) if line.active] if person else []
        if person is None:
            self.say("人员", self.tr("没有登记这个身份证号的人员，请先“新增人员”"))
        elif active:
            self.say(
                "人员",
                self.tr("{0}已在“{1}”在编，同一人不能同时占用两个编制").format(
                    person.name, active[0].unit_name
                ),
            )
        else:
            self.person = person
            self.say(
                "人员",
                self.tr("{0}，{1}，{2}出生").format(
                    person.name, person.sex.label, person.birth_date.isoformat()
                ),
                OK,
            )

    def unit_changed(self) -> None:
        unit_id = self.unit_id()
        items: list[tuple[str, object]] = []
        if unit_id is None:
            text = self.ui.unitCombo.currentText().strip()
            self.say("单位", self.tr("请从列表中选择单位") if text else self.tr("必填"))
        else:
            self.say("单位", "")
            with self.ctx.read() as uow:
                items = [(d.name, d.id) for d in org.list_divisions(uow, unit_id)]
        fill_combo(self.ui.divisionCombo, items, blank=self.tr("（不分内设机构）"))
        self.check_kind()

    def check_kind(self) -> None:
        unit_id, kind_id = self.unit_id(), self.ui.kindCombo.currentData()
        if unit_id is None or kind_id is None:
            self.say("编制类型", "")
            return
        with self.ctx.read() as uow:
            figures = ledger.figures(uow, unit_id, kind_id)
        text = self.tr("核定{0}，在编{1}，已核准未入编{2}，空编{3}").format(
            figures.approved, figures.enrolled, figures.reserved, figures.vacancy
        )
        if figures.vacancy <= 0:
            self.say("编制类型", text + self.tr("；入编后将超编，体检时会列为问题"), WARNING)
        else:
            self.say("编制类型", text, NOTE)

    def check_start(self) -> None:
        self.start_on, problem = check_date(self.ui.startEdit.text(), required=True)
        self.say("入编时间", problem)

    def check_document(self) -> None:
        self.document, problem, note = check_document(self.ui.documentEdit.text())
        self.say("入编文号", problem or note, ERROR if problem else NOTE)

    def check(self) -> None:
        self.check_person()
        self.unit_changed()
        self.check_start()
        self.check_document()

    def save(self, uow: UnitOfWork) -> EnrollmentResult:
        ui = self.ui
        assert self.person is not None and self.start_on is not None
        leader = ui.leaderCheck.isChecked()
        return ledger.record_enrollment(
            uow,
            self.ctx.actor,
            EnrollmentInput(
                person_id=self.person.id,
                unit_id=self.unit_id() or 0,
                kind=int(ui.kindCombo.currentData()),
                start_on=self.start_on,
                document=self.document,
                division_id=ui.divisionCombo.currentData(),
                post_title=ui.postEdit.text(),
                leader_tier=ui.tierCombo.currentData() if leader else None,
                leader_rank=ui.rankCombo.currentData() if leader else None,
                counts_against_posts=ui.countsCheck.isChecked() if leader else True,
            ),
        )


class RemovalDialog(FormDialog):
    """Record that a person left quota (出编登记)."""

    def __init__(
        self, ctx: AppContext, person_name: str, line: org.EnrollmentLine, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, Ui_RemovalForm(), parent)
        ui = self.ui
        self.line = line
        self.end_on: dt.date | None = None
        self.document = ""
        self.confirm = confirm  # tests may replace it
        ui.personValue.setText(
            self.tr("{0}：{1}，{2}，{3}入编（{4}）").format(
                person_name, line.unit_name, line.kind_name, line.start_on.isoformat(), line.start_document
            )
        )
        self.field("出编时间", ui.endMessage, ui.endEdit)
        self.field("出编文号", ui.documentMessage, ui.documentEdit)
        fill_combo(ui.reasonCombo, [(r.label, r) for r in RemovalReason])
        ui.endEdit.textChanged.connect(self.check_end)
        ui.documentEdit.textChanged.connect(self.check_document)

    def check_end(self) -> None:
        self.end_on, problem = check_date(self.ui.endEdit.text(), required=True)
        if self.end_on is not None and self.end_on < self.line.start_on:
            self.end_on, problem = None, self.tr("不能早于入编时间{0}").format(self.line.start_on.isoformat())
        self.say("出编时间", problem)

    def check_document(self) -> None:
        self.document, problem, note = check_document(self.ui.documentEdit.text())
        self.say("出编文号", problem or note, ERROR if problem else NOTE)

    def check(self) -> None:
        self.check_end()
        self.check_document()

    def accept(self) -> None:
        self.check()
        if not self.errors() and not self.confirm(
            self,
            self.tr("确认出编"),
            self.tr("确定办理出编吗？\n{0}\n出编后此人不再占用编制，此操作会记入操作日志。").format(
                self.ui.personValue.text()
            ),
            self.tr("出编"),
        ):
            return
        super().accept()

    def save(self, uow: UnitOfWork) -> object:
        assert self.end_on is not None
        return ledger.record_removal(
            uow,
            self.ctx.actor,
            self.line.enrollment_id,
            self.end_on,
            self.ui.reasonCombo.currentData(),
            self.document,
        )
