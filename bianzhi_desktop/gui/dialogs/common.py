"""What every editing dialog shares: messages beside the fields, saving through one service call.

A dialog composes a generated form (`self.ui = Ui_X(); self.ui.setupUi(self)`), says which message
label belongs to which field (`self.messages`, keyed by the Chinese field name the services use in
`ValidationError.field`), checks its fields as the user types (`check()`), and writes in `save(uow)`.

Enter saves (the Save button is the default button), Esc cancels, Ctrl+Enter saves from a multi-line
field. On save the fields are checked again; a service's `BianzhiError` is shown beside its field (or
under the form) and the transaction rolls back, so nothing is written and the dialog stays open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from bianzhi_desktop.domain.dates import parse_day
from bianzhi_desktop.domain.docnumber import canonical_doc_number, parse_doc_number
from bianzhi_desktop.domain.errors import BianzhiError, ValidationError
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.hooks import require_hooks
from bianzhi_desktop.persistence.database import UnitOfWork

ERROR, WARNING, OK, NOTE = "error", "warning", "ok", "note"
COLOURS = {ERROR: "#c0392b", WARNING: "#b9770e", OK: "#1e8449", NOTE: "#566573"}


def date_text(day: dt.date | None) -> str:
    return day.isoformat() if day else ""


def check_date(text: str, *, required: bool, not_future: bool = True) -> tuple[dt.date | None, str]:
    """(the date or None, an error message or "")."""
    if not text.strip():
        return None, ("必填" if required else "")
    try:
        value = parse_day(text)
    except ValueError as error:
        return None, str(error)
    if not_future and value > dt.date.today():
        return None, f"{value.isoformat()} 晚于今天"
    return value, ""


def check_document(text: str) -> tuple[str, str, str]:
    """(the canonical number, error, note) for a document number field."""
    if not text.strip():
        return "", "必填：每个数字都要有据可查", ""
    try:
        number = canonical_doc_number(text)
    except ValidationError as error:
        return "", error.rule, ""
    if parse_doc_number(number) is None:
        return number, "", "文号不是“X编办发〔2026〕12号”的格式，将按原样登记"
    return number, "", (f"将登记为 {number}" if number != text.strip() else "")


def fill_combo(combo: QComboBox, items: list[tuple[str, Any]], *, blank: str | None = None) -> None:
    """Fill a combo with (text, data) pairs, optionally led by a blank choice with data None."""
    combo.blockSignals(True)
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for text, data in items:
        combo.addItem(text, data)
    combo.blockSignals(False)


def select_data(combo: QComboBox, data: Any) -> None:
    index = combo.findData(data)
    if index >= 0:
        combo.setCurrentIndex(index)


def make_searchable(combo: QComboBox) -> None:
    """An editable combo whose completer matches anywhere in the text (for long lists of units)."""
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    completer = combo.completer()
    if completer is not None:
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(completer.CompletionMode.PopupCompletion)


def combo_choice(combo: QComboBox) -> Any:
    """The data of the item whose text is in an editable combo (None when the text matches none)."""
    text = combo.currentText().strip()
    index = combo.findText(text, Qt.MatchFlag.MatchExactly)
    return combo.itemData(index) if index >= 0 else None


def confirm(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """Ask before something that cannot simply be undone; 取消 is the default answer."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("confirmBox")
    proceed = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(parent.tr("取消"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is proceed


class FormDialog(QDialog):
    """Base of the editing dialogs (see the module docstring)."""

    saved = Signal(object)  # what the service returned

    # Hooks of every concrete form (gui.hooks): show every field's message; call the service
    # (raise BianzhiError to refuse).
    _partial = True
    check: Callable[[], None]
    save: Callable[[UnitOfWork], Any]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        require_hooks(cls, "check", "save")

    def __init__(self, ctx: AppContext, ui: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui = ui
        self.ui.setupUi(self)
        self.result_value: Any = None
        self.messages: dict[str, QLabel] = {}  # Chinese field name → its message label
        self._focus: dict[str, QWidget] = {}  # Chinese field name → its input widget
        self.aliases: dict[str, str] = {}  # a service's name for a field → the name registered here
        buttons: QDialogButtonBox = self.ui.buttonBox
        for standard, text in (
            (QDialogButtonBox.StandardButton.Save, self.tr("保存")),
            (QDialogButtonBox.StandardButton.Ok, self.tr("确定")),
            (QDialogButtonBox.StandardButton.Cancel, self.tr("取消")),
        ):
            button = buttons.button(standard)
            if button is not None:
                button.setText(text)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save) or buttons.button(
            QDialogButtonBox.StandardButton.Ok
        )
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("保存（Enter）"))
        self.ui.formError.setStyleSheet(f"color: {COLOURS[ERROR]};")
        self.ui.formError.hide()
        if not self.findChildren(QPlainTextEdit):  # no room to grow into: as tall as the fields need
            self.resize(self.width(), self.sizeHint().height())
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, activated=self.accept)

    # -- fields and their messages ------------------------------------------------------------------
    def field(self, name: str, message: QLabel, widget: QWidget) -> None:
        """Register a field: its Chinese name (as the services say it), message label and input."""
        self.messages[name] = message
        self._focus[name] = widget
        message.setTextFormat(Qt.TextFormat.PlainText)

    def say(self, name: str, text: str, level: str = ERROR) -> None:
        """Show a message beside a field ("" clears it)."""
        label = self.messages[name]
        label.setText(text)
        label.setStyleSheet(f"color: {COLOURS.get(level, COLOURS[NOTE])};")
        label.setProperty("level", level if text else "")
        label.setToolTip(text if len(text) > 40 else "")

    def errors(self) -> list[str]:
        """The fields whose message is an error, in the order they were registered."""
        return [name for name, label in self.messages.items() if label.property("level") == ERROR]

    # -- saving --------------------------------------------------------------------------------------

    def show_form_error(self, text: str) -> None:
        self.ui.formError.setText(text)
        self.ui.formError.setVisible(bool(text))

    def accept(self) -> None:
        self.check()
        wrong = self.errors()
        if wrong:
            self.show_form_error(self.tr("请先改正标红的项目：{0}").format("、".join(wrong)))
            self._focus[wrong[0]].setFocus()
            return
        try:
            with self.ctx.write() as uow:
                result = self.save(uow)
                uow.commit()
        except BianzhiError as error:
            field = getattr(error, "field", None)
            field = self.aliases.get(field, field) if field else None
            if field in self.messages:
                self.say(field, error.rule)  # type: ignore[attr-defined]
                self._focus[field].setFocus()
            self.show_form_error(str(error))
            return
        self.show_form_error("")
        self.result_value = result
        self.saved.emit(result)
        super().accept()
