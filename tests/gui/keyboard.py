"""Typing the way a person does, for the page and form tests."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:  # type: ignore[no-untyped-def]
    """ASCII on the keyboard; Chinese committed by the input method, as an IME does (QTest cannot press
    keys for characters outside ASCII)."""
    widget.setFocus()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            event = QInputMethodEvent("", [])
            event.setCommitString(char)
            QApplication.sendEvent(widget, event)


def retype(qtbot, widget: QLineEdit, text: str) -> None:  # type: ignore[no-untyped-def]
    """Select everything in a line edit, delete it, and type the new text."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    type_text(qtbot, widget, text)
