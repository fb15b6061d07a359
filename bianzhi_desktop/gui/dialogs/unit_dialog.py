"""新建机构 / 编辑机构信息, and 撤销机构 (with a confirmation)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QMessageBox, QWidget

from bianzhi_desktop.domain.credit_code import check_credit_code
from bianzhi_desktop.domain.enums import Funding, Rank, UnitCategory, UnitStatus, UnitSystem
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.units import funding_problem
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
    date_text,
    fill_combo,
    make_searchable,
    select_data,
)
from bianzhi_desktop.gui.forms.ui_abolish_form import Ui_AbolishForm
from bianzhi_desktop.gui.forms.ui_unit_form import Ui_UnitForm
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services import admin, org

CLOSED_TIP = "初始化录入已关闭：机构名称、类别、规格、系统和经费形式的变动须通过审批的机构编制事项办理。"


class UnitDialog(FormDialog):
    """Create a unit (unit_id None, initialisation mode only) or edit its particulars."""

    def __init__(self, ctx: AppContext, unit_id: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, Ui_UnitForm(), parent)
        ui = self.ui
        self.unit_id = unit_id
        self.founded_on: dt.date | None = None
        self.credit_code: str | None = None
        self.setWindowTitle(self.tr("新建机构") if unit_id is None else self.tr("编辑机构信息"))
        self.field("机构名称", ui.nameMessage, ui.nameEdit)
        self.field("经费形式", ui.fundingMessage, ui.fundingCombo)
        self.field("主管部门", ui.supervisorMessage, ui.supervisorCombo)
        self.field("统一社会信用代码", ui.creditCodeMessage, ui.creditCodeEdit)
        self.field("成立日期", ui.foundedMessage, ui.foundedEdit)
        with ctx.read() as uow:
            others = [u for u in org.list_units(uow) if u.id != unit_id]
            current = org.get_unit(uow, unit_id) if unit_id is not None else None
            initialisation = admin.office_settings(uow).initialisation
        fill_combo(ui.categoryCombo, [(c.label, c) for c in UnitCategory])
        fill_combo(ui.rankCombo, [(r.label, r) for r in Rank])
        fill_combo(ui.systemCombo, [(s.label, s) for s in UnitSystem])
        fill_combo(ui.fundingCombo, [(f.label, f) for f in Funding], blank=self.tr("（不适用）"))
        fill_combo(ui.supervisorCombo, [(u.name, u.id) for u in others], blank=self.tr("（无）"))
        make_searchable(ui.supervisorCombo)
        select_data(ui.rankCombo, Rank.ZHENG_KE)
        select_data(ui.systemCombo, UnitSystem.GOVERNMENT)
        select_data(ui.categoryCombo, UnitCategory.GOV_DEPARTMENT)
        if current is not None:
            self._load(current)
        ui.structuralNote.setStyleSheet("color: #9c640c;")
        ui.structuralNote.setVisible(not initialisation)
        if not initialisation:
            ui.structuralNote.setText(self.tr(CLOSED_TIP))
            for widget in (ui.nameEdit, ui.categoryCombo, ui.rankCombo, ui.systemCombo, ui.fundingCombo):
                widget.setEnabled(False)
                widget.setToolTip(self.tr(CLOSED_TIP))
        ui.nameEdit.textChanged.connect(self.check_name)
        ui.categoryCombo.currentIndexChanged.connect(self.check_funding)
        ui.fundingCombo.currentIndexChanged.connect(self.check_funding)
        ui.supervisorCombo.currentTextChanged.connect(self.check_supervisor)
        ui.creditCodeEdit.textChanged.connect(self.check_credit_code)
        ui.foundedEdit.textChanged.connect(self.check_founded)

    def _load(self, unit: org.UnitInfo) -> None:
        ui = self.ui
        ui.nameEdit.setText(unit.name)
        ui.shortNameEdit.setText(unit.short_name)
        select_data(ui.categoryCombo, unit.category)
        select_data(ui.rankCombo, unit.rank)
        select_data(ui.systemCombo, unit.system)
        select_data(ui.fundingCombo, unit.funding)
        select_data(ui.supervisorCombo, unit.supervisor_id)
        ui.creditCodeEdit.setText(unit.credit_code or "")
        ui.foundedEdit.setText(date_text(unit.founded_on))
        ui.positionSpin.setValue(unit.position)
        self.founded_on = unit.founded_on
        self.credit_code = unit.credit_code

    # -- checks ---------------------------------------------------------------------------------------
    def check_name(self) -> None:
        name = self.ui.nameEdit.text().strip()
        if not name:
            self.say("机构名称", self.tr("必填"))
            return
        with self.ctx.read() as uow:
            same = org.find_unit_by_name(uow, name)
        if (
            same is not None
            and same.id != self.unit_id
            and same.name == name
            and same.status == UnitStatus.ACTIVE
        ):
            self.say("机构名称", self.tr("已有同名的存续机构"))
        else:
            self.say("机构名称", "")

    def check_funding(self) -> None:
        data = self.ui.categoryCombo.currentData()  # Qt hands enum members back as plain str
        problem = funding_problem(data, self.ui.fundingCombo.currentData()) if data is not None else None
        self.say("经费形式", problem or "")

    def check_supervisor(self) -> None:
        text = self.ui.supervisorCombo.currentText().strip()
        known = self.ui.supervisorCombo.findText(text) >= 0
        self.say("主管部门", "" if known else self.tr("请从列表中选择，或选“（无）”"))

    def check_credit_code(self) -> None:
        text = self.ui.creditCodeEdit.text().strip()
        self.credit_code = None
        if not text:
            self.say("统一社会信用代码", "")
            return
        try:
            result = check_credit_code(text)
        except ValidationError as error:
            self.say("统一社会信用代码", error.rule)
            return
        self.credit_code = result.code
        if result.warnings:
            self.say("统一社会信用代码", "；".join(result.warnings), WARNING)
        else:
            self.say("统一社会信用代码", self.tr("校验通过"), OK)

    def check_founded(self) -> None:
        self.founded_on, problem = check_date(self.ui.foundedEdit.text(), required=False)
        self.say("成立日期", problem)

    def check(self) -> None:
        self.check_name()
        self.check_funding()
        self.check_supervisor()
        self.check_credit_code()
        self.check_founded()

    def save(self, uow: UnitOfWork) -> org.UnitInfo:
        ui = self.ui
        data = org.UnitInput(
            name=ui.nameEdit.text(),
            short_name=ui.shortNameEdit.text(),
            category=ui.categoryCombo.currentData(),
            rank=ui.rankCombo.currentData(),
            system=ui.systemCombo.currentData(),
            funding=ui.fundingCombo.currentData(),
            supervisor_id=combo_choice(ui.supervisorCombo),
            credit_code=self.credit_code,
            founded_on=self.founded_on,
            position=ui.positionSpin.value(),
        )
        if self.unit_id is None:
            return org.create_unit(uow, self.ctx.actor, data)
        return org.update_unit(uow, self.ctx.actor, self.unit_id, data)


class AbolishDialog(FormDialog):
    """撤销: the date (and for a unit the document), then a confirmation, then the service call.

    `abolish(uow, day, document)` does the writing; `what` names the thing in the messages.
    """

    def __init__(
        self,
        ctx: AppContext,
        what: str,
        abolish,
        *,
        needs_document: bool,  # type: ignore[no-untyped-def]
        warning: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, Ui_AbolishForm(), parent)
        ui = self.ui
        self.what = what
        self.abolish = abolish
        self.needs_document = needs_document
        self.day: dt.date | None = dt.date.today()
        self.document = ""
        self.confirm = confirm_abolition  # tests may replace it
        self.setWindowTitle(self.tr("撤销{0}").format(what))
        ui.warningLabel.setText(
            warning or self.tr("撤销后“{0}”不再出现在机构列表中，此操作会记入操作日志。").format(what)
        )
        ui.warningLabel.setStyleSheet("color: #9c640c;")
        self.field("撤销日期", ui.dateMessage, ui.dateEdit)
        self.field("依据文号", ui.documentMessage, ui.documentEdit)
        ui.dateEdit.setText(dt.date.today().isoformat())
        ui.documentEdit.setVisible(needs_document)
        ui.documentLabel.setVisible(needs_document)
        ui.documentMessage.setVisible(needs_document)
        ui.dateEdit.textChanged.connect(self.check_day)
        ui.documentEdit.textChanged.connect(self.check_document)
        self.save_button.setText(self.tr("撤销"))

    def check_day(self) -> None:
        self.day, problem = check_date(self.ui.dateEdit.text(), required=True)
        self.say("撤销日期", problem)

    def check_document(self) -> None:
        if not self.needs_document:
            return
        self.document, problem, note = check_document(self.ui.documentEdit.text())
        self.say("依据文号", problem or note, ERROR if problem else NOTE)

    def check(self) -> None:
        self.check_day()
        self.check_document()

    def accept(self) -> None:
        self.check()
        if not self.errors() and not self.confirm(self, self.what):
            return
        super().accept()

    def save(self, uow: UnitOfWork) -> object:
        return self.abolish(uow, self.day, self.document)


def confirm_abolition(parent: QWidget, what: str) -> bool:
    answer = QMessageBox.question(
        parent,
        parent.tr("确认撤销"),
        parent.tr("确定撤销“{0}”吗？撤销会记入操作日志。").format(what),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes
