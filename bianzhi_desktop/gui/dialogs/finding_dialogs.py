"""The two steps a clerk takes on a finding of the rectification ledger: start rectifying (with the
measures) and close it (销号, citing the document that closed it). Each saves through one service call;
a refusal is shown in the dialog and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.errors import BianzhiError, ValidationError
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.common import COLOURS, ERROR, NOTE, check_document
from bianzhi_desktop.gui.hooks import require_hooks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services import health
from bianzhi_desktop.services.health import LedgerEntry


class _FindingDialog(QDialog):
    saved = Signal(object)  # the LedgerEntry after the step
    _partial = True
    step: Callable[[UnitOfWork], LedgerEntry]  # the ledger step (hook of each subclass)

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        require_hooks(cls, "step")

    def __init__(self, ctx: AppContext, entry: LedgerEntry, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry = entry
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self.about = QLabel(entry.message)
        self.about.setWordWrap(True)
        self.about.setStyleSheet("font-weight: bold;")
        self.form = QFormLayout()
        self.message = QLabel()
        self.message.setObjectName("dialogMessage")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.about)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def say(self, text: str, kind: str = ERROR) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {COLOURS[kind]};")

    def save(self) -> None:
        try:
            with self.ctx.write() as uow:
                entry = self.step(uow)
                uow.commit()
        except BianzhiError as error:
            self.say(str(error))
            return
        self.saved.emit(entry)
        self.accept()


class RectifyDialog(_FindingDialog):
    """待整改 → 整改中."""

    def __init__(self, ctx: AppContext, entry: LedgerEntry, parent: QWidget | None = None) -> None:
        super().__init__(ctx, entry, "开始整改", parent)
        self.setObjectName("rectifyDialog")
        self.note = QPlainTextEdit()
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(self.tr("整改措施，如：办理张三出编手续；申请核增编制"))
        self.note.setFixedHeight(90)
        self.form.addRow(self.tr("整改措施"), self.note)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("开始整改"))

    def step(self, uow) -> LedgerEntry:  # type: ignore[no-untyped-def]
        return health.start_rectifying(uow, self.ctx.actor, self.entry.id, self.note.toPlainText())


class CloseDialog(_FindingDialog):
    """→ 已销号, citing the document."""

    def __init__(self, ctx: AppContext, entry: LedgerEntry, parent: QWidget | None = None) -> None:
        super().__init__(ctx, entry, "销号", parent)
        self.setObjectName("closeDialog")
        self.document = QLineEdit()
        self.document.setObjectName("documentEdit")
        self.document.setPlaceholderText(self.tr("如：云编办发〔2026〕12号"))
        self.note = QLineEdit()
        self.note.setObjectName("noteEdit")
        self.note.setPlaceholderText(self.tr("整改结果（可不填）"))
        self.form.addRow(self.tr("销号依据文号"), self.document)
        self.form.addRow(self.tr("整改结果"), self.note)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("销号"))
        self.document.textChanged.connect(self.check)
        self.reminder = (
            self.tr("注意：最近一次体检仍发现该问题。销号后，问题消失又再次出现时会重新打开。")
            if entry.present
            else ""
        )
        self.say(self.reminder, NOTE)

    def check(self) -> None:
        _number, error, note = check_document(self.document.text())
        self.say(error or note or self.reminder, ERROR if error else NOTE)

    def step(self, uow) -> LedgerEntry:  # type: ignore[no-untyped-def]
        number, error, _note = check_document(self.document.text())
        if error:
            raise ValidationError("销号依据文号", error)
        return health.close(uow, self.ctx.actor, self.entry.id, number, self.note.text())
