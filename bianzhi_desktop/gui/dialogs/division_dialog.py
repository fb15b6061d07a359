"""新增 / 修改内设机构, and 登记三定规定 (a new charter version)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.common import ERROR, NOTE, FormDialog, check_date, check_document, date_text
from bianzhi_desktop.gui.forms.ui_charter_form import Ui_CharterForm
from bianzhi_desktop.gui.forms.ui_division_form import Ui_DivisionForm
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services import admin, org
from bianzhi_desktop.services.org import DocumentRef

RENAME_TIP = "初始化录入已关闭：内设机构更名须办理“内设机构调整”事项；职责和排序仍可在此修改。"


class DivisionDialog(FormDialog):
    """Add a division to a unit (division None) or edit one."""

    def __init__(
        self,
        ctx: AppContext,
        unit_id: int,
        division: org.DivisionInfo | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(ctx, Ui_DivisionForm(), parent)
        ui = self.ui
        self.unit_id = unit_id
        self.division = division
        self.founded_on: dt.date | None = None
        with ctx.read() as uow:
            unit = org.get_unit(uow, unit_id)
            existing = org.list_divisions(uow, unit_id)
            initialisation = admin.office_settings(uow).initialisation
        self.taken = {d.name for d in existing if division is None or d.id != division.id}
        self.setWindowTitle(self.tr("新增内设机构") if division is None else self.tr("修改内设机构"))
        ui.unitValue.setText(self.tr("所属机构：{0}").format(unit.name))
        self.field("内设机构名称", ui.nameMessage, ui.nameEdit)
        self.field("设立日期", ui.foundedMessage, ui.foundedEdit)
        ui.positionSpin.setValue(len(existing) + 1)
        if division is not None:
            ui.nameEdit.setText(division.name)
            ui.dutiesEdit.setPlainText(division.duties)
            ui.positionSpin.setValue(max(1, division.position))
            ui.foundedEdit.setText(date_text(division.founded_on))
            ui.foundedEdit.setEnabled(False)  # the service keeps the founding date of an existing division
            if not initialisation:  # a new name is a matter (内设机构调整) once initialisation has ended
                ui.nameEdit.setEnabled(False)
                ui.nameEdit.setToolTip(self.tr(RENAME_TIP))
        ui.nameEdit.textChanged.connect(self.check_name)
        ui.foundedEdit.textChanged.connect(self.check_founded)

    def check_name(self) -> None:
        name = self.ui.nameEdit.text().strip()
        if not name:
            self.say("内设机构名称", self.tr("必填"))
        elif name in self.taken:
            self.say("内设机构名称", self.tr("本单位已有“{0}”").format(name))
        else:
            self.say("内设机构名称", "")

    def check_founded(self) -> None:
        self.founded_on, problem = check_date(self.ui.foundedEdit.text(), required=False)
        self.say("设立日期", problem)

    def check(self) -> None:
        self.check_name()
        self.check_founded()

    def save(self, uow: UnitOfWork) -> org.DivisionInfo:
        ui = self.ui
        if self.division is None:
            return org.add_division(
                uow,
                self.ctx.actor,
                self.unit_id,
                ui.nameEdit.text(),
                duties=ui.dutiesEdit.toPlainText(),
                position=ui.positionSpin.value(),
                founded_on=self.founded_on,
            )
        return org.update_division(
            uow,
            self.ctx.actor,
            self.division.id,
            name=ui.nameEdit.text(),
            duties=ui.dutiesEdit.toPlainText(),
            position=ui.positionSpin.value(),
        )


def duty_lines(text: str) -> list[str]:
    """One duty per line; blank lines and list numbers typed by hand (“1.” “（一）”) are dropped."""
    import re

    lines = []
    for line in text.splitlines():
        line = re.sub(
            r"^\s*(\d+[.、．)]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、)\s*", "", line
        )
        if line.strip():
            lines.append(line.strip())
    return lines


class CharterDialog(FormDialog):
    """Record a new version of a unit's charter (三定规定); it supersedes the version in force."""

    def __init__(self, ctx: AppContext, unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, Ui_CharterForm(), parent)
        ui = self.ui
        self.unit_id = unit_id
        self.effective_on: dt.date | None = None
        self.document = ""
        with ctx.read() as uow:
            unit = org.get_unit(uow, unit_id)
            versions = org.charter_versions(uow, unit_id)
        self.latest = versions[0] if versions else None
        if self.latest is None:
            ui.versionValue.setText(self.tr("{0}：将登记为第1版三定规定。").format(unit.name))
        else:
            ui.versionValue.setText(
                self.tr("{0}：将登记为第{1}版，取代现行第{2}版（{3}，{4}施行）。").format(
                    unit.name,
                    self.latest.version + 1,
                    self.latest.version,
                    self.latest.document_number,
                    self.latest.effective_on.isoformat(),
                )
            )
            ui.dutiesEdit.setPlainText("\n".join(self.latest.duties))
        self.field("三定规定文号", ui.documentMessage, ui.documentEdit)
        self.field("施行日期", ui.effectiveMessage, ui.effectiveEdit)
        self.field("主要职责", ui.dutiesMessage, ui.dutiesEdit)
        ui.documentEdit.textChanged.connect(self.check_document)
        ui.effectiveEdit.textChanged.connect(self.check_effective)
        ui.dutiesEdit.textChanged.connect(self.check_duties)
        self.check_duties()

    def check_document(self) -> None:
        self.document, problem, note = check_document(self.ui.documentEdit.text())
        self.say("三定规定文号", problem or note, ERROR if problem else NOTE)

    def check_effective(self) -> None:
        self.effective_on, problem = check_date(self.ui.effectiveEdit.text(), required=True, not_future=False)
        if self.effective_on and self.latest and self.effective_on < self.latest.effective_on:
            problem = self.tr("不能早于现行第{0}版的施行日期 {1}").format(
                self.latest.version, self.latest.effective_on.isoformat()
            )
            self.effective_on = None
        self.say("施行日期", problem)

    def check_duties(self) -> None:
        count = len(duty_lines(self.ui.dutiesEdit.toPlainText()))
        if count:
            self.say("主要职责", self.tr("共{0}项职责（每行一项）").format(count), NOTE)
        else:
            self.say("主要职责", self.tr("至少填写一项职责，每行一项"))

    def check(self) -> None:
        self.check_document()
        self.check_effective()
        self.check_duties()

    def save(self, uow: UnitOfWork) -> org.CharterInfo:
        ui = self.ui
        assert self.effective_on is not None
        return org.issue_charter(
            uow,
            self.ctx.actor,
            self.unit_id,
            document=DocumentRef(self.document, title=ui.titleEdit.text()),
            effective_on=self.effective_on,
            duties=duty_lines(ui.dutiesEdit.toPlainText()),
            summary=ui.summaryEdit.text(),
        )
