"""A read-only table model over a short list of plain rows (frozen dataclasses from the services).

    model = RowsModel([Column("单位", lambda r: r.unit_name), Column("核定", lambda r: r.approved, RIGHT)])
    model.set_rows(lines)

For the register's 40,000 people use `RegisterModel` instead (ids only, rows fetched lazily).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
ROW = Qt.ItemDataRole.UserRole  # the row object itself
RED, GREY, ORANGE = QColor("#c0392b"), QColor("#7f8c8d"), QColor("#b9770e")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else str(value)


@dataclass(frozen=True)
class Column:
    title: str  # source text, translated in the "RowsModel" context
    value: Callable[[Any], Any]
    align: int = LEFT
    colour: Callable[[Any], QColor | None] | None = None


class RowsModel(QAbstractTableModel):
    def __init__(
        self,
        columns: Sequence[Column],
        rows: Sequence[Any] = (),
        parent: QWidget | None = None,
        *,
        bold: Callable[[Any], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._cells: list[tuple[str, ...]] = []
        self._bold = bold
        self._bold_font = QFont()
        self._bold_font.setBold(True)
        self.set_rows(rows)

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._cells = [tuple(cell_text(column.value(row)) for column in self.columns) for row in self.rows]
        self.endResetModel()

    def row(self, index: int) -> Any:
        return self.rows[index]

    @property
    def cells(self) -> list[tuple[str, ...]]:
        """Every row's cell texts, as shown."""
        return self._cells

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(self.columns):
            return QCoreApplication.translate("RowsModel", self.columns[section].title)
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        column = self.columns[index.column()]
        if role == DISPLAY:
            return self._cells[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            text = self._cells[index.row()][index.column()]
            return text if len(text) > 20 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.ForegroundRole and column.colour is not None:
            colour = column.colour(self.rows[index.row()])
            return QBrush(colour) if colour is not None else None
        if role == Qt.ItemDataRole.FontRole and self._bold is not None and self._bold(self.rows[index.row()]):
            return self._bold_font
        if role == ROW:
            return self.rows[index.row()]
        return None
