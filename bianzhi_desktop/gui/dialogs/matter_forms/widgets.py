"""Pieces the forms that carry lists share: a compact table whose cells hold pick lists, unit pick
lists built from one read, and a checkable list with a filter."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.gui.dialogs.common import fill_combo, make_searchable


def unit_cell_combo(choices: list[tuple[str, int]], *, blank: str | None = None) -> QComboBox:
    """A unit pick list (searchable by any part of the name) for a table cell."""
    combo = QComboBox()
    fill_combo(combo, choices, blank=blank)
    make_searchable(combo)
    combo.setCurrentIndex(0 if blank is not None else -1)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText("输入单位名称选择")
    return combo


class LineTable(QTableWidget):
    """A table of lines (people, quota kinds, divisions) as tall as its rows, up to `visible` rows."""

    def __init__(self, object_name: str, headers: tuple[str, ...], stretch: int, visible: int = 6) -> None:
        super().__init__(0, len(headers))
        self.setObjectName(object_name)
        self.visible = visible
        self.setHorizontalHeaderLabels(list(headers))
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(30)
        self.fit()

    def fit(self) -> None:
        """Height for the rows (at least one, at most `visible`); more rows scroll."""
        rows = min(max(self.rowCount(), 1), self.visible)
        height = (
            self.horizontalHeader().sizeHint().height() + rows * self.verticalHeader().defaultSectionSize()
        )
        self.setFixedHeight(height + 2 * self.frameWidth() + 2)

    def set_text(self, row: int, column: int, text: str, data: Any = None) -> None:
        item = self.item(row, column) or QTableWidgetItem()
        item.setText(text)
        item.setToolTip(text)
        if data is not None:
            item.setData(Qt.ItemDataRole.UserRole, data)
        self.setItem(row, column, item)


class CheckList(QWidget):
    """A checkable list with a filter line above it (checked items stay checked while filtering)."""

    def __init__(self, object_name: str, placeholder: str, visible: int = 6) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.filter = QLineEdit()
        self.filter.setObjectName(f"{object_name}Filter")
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setObjectName(f"{object_name}List")
        self.list.setFixedHeight(visible * 24 + 6)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self.filter.textChanged.connect(self._filter)

    def fill(self, items: list[tuple[str, Any]]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for text, data in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, data)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._filter(self.filter.text())

    def _filter(self, text: str) -> None:
        text = text.strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text) and text not in item.text())

    def items(self) -> list[QListWidgetItem]:
        return [self.list.item(row) for row in range(self.list.count())]

    def set_checked(self, data: Any, checked: bool = True) -> bool:
        for item in self.items():
            if item.data(Qt.ItemDataRole.UserRole) == data:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
                return True
        return False

    def checked(self) -> list[Any]:
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in self.items()
            if item.checkState() == Qt.CheckState.Checked
        ]
