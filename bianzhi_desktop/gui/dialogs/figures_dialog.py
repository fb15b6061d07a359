"""录入编制 and 录入领导职数 in initialisation mode: one ledger entry citing its document."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QWidget

from bianzhi_desktop.domain.enums import LeaderTier, Rank
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.common import (
    ERROR,
    NOTE,
    FormDialog,
    check_date,
    check_document,
    fill_combo,
    select_data,
)
from bianzhi_desktop.gui.forms.ui_leader_form import Ui_LeaderForm
from bianzhi_desktop.gui.forms.ui_quota_form import Ui_QuotaForm
from bianzhi_desktop.gui.hooks import require_hooks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services import ledger, org


class _EntryDialog(FormDialog):
    """What both forms share: an amount (not zero, the figure never below zero), a date, a document."""

    amount_field = "编制数"
    _partial = True
    current: Callable[[], int]  # the approved figure now (hook of each subclass, gui.hooks)

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        require_hooks(cls, "current")

    def __init__(self, ctx: AppContext, ui: object, unit_id: int, parent: QWidget | None) -> None:
        super().__init__(ctx, ui, parent)
        self.unit_id = unit_id
        self.effective_on: dt.date | None = None
        self.document = ""
        with ctx.read() as uow:
            self.unit = org.get_unit(uow, unit_id)
        self.ui.unitValue.setText(self.tr("机构：{0}").format(self.unit.name))
        self.field(self.amount_field, self.ui.amountMessage, self.ui.amountSpin)
        self.field("生效日期", self.ui.effectiveMessage, self.ui.effectiveEdit)
        self.field("依据文号", self.ui.documentMessage, self.ui.documentEdit)
        self.field("事由", self.ui.reasonMessage, self.ui.reasonEdit)
        self.aliases.update({"职数": self.amount_field, "编制数": self.amount_field})
        self.ui.amountSpin.valueChanged.connect(self.check_amount)
        self.ui.effectiveEdit.textChanged.connect(self.check_effective)
        self.ui.documentEdit.textChanged.connect(self.check_document)
        self.ui.reasonEdit.textChanged.connect(self.check_reason)

    def check_amount(self) -> None:
        amount = self.ui.amountSpin.value()
        now = self.current()
        if amount == 0:
            self.say(self.amount_field, self.tr("不能为0：增加填正数，核减填负数"))
        elif now + amount < 0:
            self.say(self.amount_field, self.tr("现核定{0}名，核减后不能为负数").format(now))
        else:
            self.say(self.amount_field, self.tr("现核定{0}名，录入后{1}名").format(now, now + amount), NOTE)

    def check_effective(self) -> None:
        self.effective_on, problem = check_date(self.ui.effectiveEdit.text(), required=True)
        self.say("生效日期", problem)

    def check_document(self) -> None:
        self.document, problem, note = check_document(self.ui.documentEdit.text())
        self.say("依据文号", problem or note, ERROR if problem else NOTE)

    def check_reason(self) -> None:
        self.say("事由", "" if self.ui.reasonEdit.text().strip() else self.tr("必填"))

    def check(self) -> None:
        self.check_amount()
        self.check_effective()
        self.check_document()
        self.check_reason()


class QuotaDialog(_EntryDialog):
    """录入核定编制: an opening (or historical) figure of one quota kind."""

    def __init__(
        self, ctx: AppContext, unit_id: int, kind_id: int | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, Ui_QuotaForm(), unit_id, parent)
        self.field("编制类型", self.ui.kindMessage, self.ui.kindCombo)
        with ctx.read() as uow:
            kinds = ledger.list_kinds(uow)
        fill_combo(self.ui.kindCombo, [(k.name, k.id) for k in kinds])
        if kind_id is not None:
            select_data(self.ui.kindCombo, kind_id)
        self.ui.kindCombo.currentIndexChanged.connect(self.check_kind)
        self.check_kind()

    def current(self) -> int:
        kind_id = self.ui.kindCombo.currentData()
        if kind_id is None:
            return 0
        with self.ctx.read() as uow:
            return ledger.figures(uow, self.unit_id, kind_id).approved

    def check_kind(self) -> None:
        kind_id = self.ui.kindCombo.currentData()
        if kind_id is None:
            self.say("编制类型", self.tr("必填"))
            return
        with self.ctx.read() as uow:
            figures = ledger.figures(uow, self.unit_id, kind_id)
        self.say(
            "编制类型",
            self.tr("核定{0}，在编{1}，已核准未入编{2}，空编{3}").format(
                figures.approved, figures.enrolled, figures.reserved, figures.vacancy
            ),
            NOTE,
        )
        if self.ui.amountSpin.value():
            self.check_amount()

    def save(self, uow: UnitOfWork) -> int:
        assert self.effective_on is not None
        return ledger.record_quota(
            uow,
            self.ctx.actor,
            self.unit_id,
            int(self.ui.kindCombo.currentData()),
            self.ui.amountSpin.value(),
            self.effective_on,
            self.document,
            self.ui.reasonEdit.text(),
        )


class LeaderPostEntryDialog(_EntryDialog):
    """录入领导职数: approved leader posts of one tier."""

    amount_field = "领导职数"

    def __init__(self, ctx: AppContext, unit_id: int, parent: QWidget | None = None) -> None:
        super().__init__(ctx, Ui_LeaderForm(), unit_id, parent)
        self.field("层级", self.ui.tierMessage, self.ui.tierCombo)
        fill_combo(self.ui.tierCombo, [(t.label, t) for t in LeaderTier])
        fill_combo(self.ui.rankCombo, [(r.label, r) for r in Rank])
        select_data(self.ui.rankCombo, self.unit.rank)
        self.ui.tierCombo.currentIndexChanged.connect(self.check_tier)
        self.check_tier()

    def _line(self) -> ledger.LeaderPostLine | None:
        tier = self.ui.tierCombo.currentData()
        with self.ctx.read() as uow:
            return next((line for line in ledger.leader_posts(uow, self.unit_id) if line.tier == tier), None)

    def current(self) -> int:
        line = self._line()
        return line.figures.approved if line else 0

    def check_tier(self) -> None:
        line = self._line()
        approved, filled = (line.figures.approved, line.figures.filled) if line else (0, 0)
        self.say("层级", self.tr("核定{0}名，实配{1}名").format(approved, filled), NOTE)
        if self.ui.amountSpin.value():
            self.check_amount()

    def save(self, uow: UnitOfWork) -> int:
        assert self.effective_on is not None
        return ledger.record_leader_posts(
            uow,
            self.ctx.actor,
            self.unit_id,
            self.ui.tierCombo.currentData(),
            self.ui.rankCombo.currentData(),
            self.ui.amountSpin.value(),
            self.effective_on,
            self.document,
            self.ui.reasonEdit.text(),
        )
