"""The register's table model, backed by person ids (after Anki's browser).

The model holds the ids of the people the filter selects and builds a row the first time the view asks
for it, a block of `BLOCK` rows at a time through one query, caching the cells. Filtering and sorting
re-query the ids in SQL (services.register); nothing is sorted here. A keystroke reads only the count
and the first block of ids (`first_page`); the rest of the ids (40,000 ints is nothing) are read once,
when the view first asks for a row beyond the first block.
ID numbers come masked from the service for users who may not see them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QWidget

from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.services.register import (
    RegisterFilter,
    RegisterRow,
    RegisterStatus,
    SortKey,
    first_page,
    may_see_id_numbers,
    register_ids,
    register_rows,
)

Index = QModelIndex | QPersistentModelIndex
DISPLAY = Qt.ItemDataRole.DisplayRole
PERSON_ID = Qt.ItemDataRole.UserRole
BLOCK = 100
MAX_BLOCKS = 100  # cached blocks before the cache starts over (10,000 rows)
GREY = QColor("#7f8c8d")


@dataclass(frozen=True)
class RegisterColumn:
    title: str  # source text, translated in the "RegisterModel" context
    key: SortKey
    chars: int  # a sensible width in characters of the table's font


COLUMNS: tuple[RegisterColumn, ...] = (
    RegisterColumn("姓名", SortKey.NAME, 5),
    RegisterColumn("性别", SortKey.SEX, 3),
    RegisterColumn("出生日期", SortKey.BIRTH, 7),
    RegisterColumn("身份证号", SortKey.ID_NUMBER, 13),
    RegisterColumn("单位", SortKey.UNIT, 13),
    RegisterColumn("内设机构", SortKey.DIVISION, 7),
    RegisterColumn("编制类型", SortKey.KIND, 11),
    RegisterColumn("岗位/职务", SortKey.POST, 6),
    RegisterColumn("入编时间", SortKey.START, 7),
    RegisterColumn("状态", SortKey.STATUS, 6),
    RegisterColumn("法定退休日期", SortKey.RETIREMENT, 7),
)


def row_cells(row: RegisterRow) -> tuple[str, ...]:
    return (
        row.name,
        row.sex.label,
        row.birth_date.isoformat(),
        row.id_number,
        row.unit_name,
        row.division_name,
        row.kind_name,
        row.post_title,
        row.start_on.isoformat() if row.start_on else "",
        row.status_label,
        row.retirement_date.isoformat(),
    )


class RegisterModel(QAbstractTableModel):
    count_changed = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.masked = not may_see_id_numbers(ctx.actor)
        self.filter = RegisterFilter()
        self.sort_column = COLUMNS.index(next(c for c in COLUMNS if c.key == SortKey.NAME))
        self.descending = False
        self.ids: list[int] = []  # the first block only, until the view scrolls further
        self.total = 0
        self._cells: dict[int, tuple[str, ...]] = {}  # person id → cells
        self._removed: set[int] = set()  # person ids of cached rows no longer on quota
        self._blocks: set[int] = set()
        self.fetches = 0  # blocks fetched since the last reset (for tests and benchmarks)
        self._grey = QBrush(GREY)

    # -- querying -------------------------------------------------------------------------------------
    def set_filter(self, f: RegisterFilter) -> None:
        self.filter = f
        self.refresh()

    def refresh(self) -> None:
        """Query again (filter, sort) and forget the cached rows.

        Only the first block of ids and the count are read now; the other ids are read the first time
        the view asks for a row beyond the first block (see `_complete`)."""
        with self.ctx.read() as uow:
            page = first_page(uow, self.filter, self.sort_key, self.descending, BLOCK)
        self.beginResetModel()
        self.ids = page.ids
        self.total = page.total
        self._forget()
        self.endResetModel()
        self.count_changed.emit(self.total)

    @property
    def sort_key(self) -> SortKey:
        return COLUMNS[self.sort_column].key

    def _complete(self) -> None:
        """Read every id of the result (once per query)."""
        if len(self.ids) >= self.total:
            return
        with self.ctx.read() as uow:
            ids = register_ids(uow, self.filter, self.sort_key, self.descending)
        self.ids = ids
        if len(ids) != self.total:  # the register changed in between: show it as it is now
            QTimer.singleShot(0, self.refresh)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.sort_column = column
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.refresh()

    def _forget(self) -> None:
        self._cells.clear()
        self._removed.clear()
        self._blocks.clear()
        self.fetches = 0

    def _fetch_block(self, block: int) -> None:
        if len(self._blocks) >= MAX_BLOCKS:
            self._cells.clear()
            self._removed.clear()
            self._blocks.clear()
        ids = self.ids[block * BLOCK : (block + 1) * BLOCK]
        with self.ctx.read() as uow:
            rows = register_rows(uow, ids, masked=self.masked)
        for row in rows:
            self._cells[row.person_id] = row_cells(row)
            if row.status != RegisterStatus.ACTIVE:
                self._removed.add(row.person_id)
        self._blocks.add(block)
        self.fetches += 1

    def cells(self, row: int) -> tuple[str, ...] | None:
        """The cells of a row, fetching its block on first use (None: the person is gone)."""
        person_id = self.person_id(row)
        if person_id is None:
            return None
        cells = self._cells.get(person_id)
        if cells is None and row // BLOCK not in self._blocks:
            self._fetch_block(row // BLOCK)
            cells = self._cells.get(person_id)
        return cells

    def person_id(self, row: int) -> int | None:
        if row >= len(self.ids):
            self._complete()
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def row_of(self, person_id: int) -> int | None:
        self._complete()
        try:
            return self.ids.index(person_id)
        except ValueError:
            return None

    # -- the model interface --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == DISPLAY and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("RegisterModel", COLUMNS[section].title)
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        if not index.isValid() or index.row() >= self.total:
            return None
        if role == DISPLAY or role == Qt.ItemDataRole.ToolTipRole:
            cells = self.cells(index.row())
            if cells is None:
                return None
            text = cells[index.column()]
            return text if role == DISPLAY or len(text) > 12 else None
        if role == PERSON_ID:
            return self.person_id(index.row())
        if role == Qt.ItemDataRole.ForegroundRole:
            self.cells(index.row())
            return self._grey if self.person_id(index.row()) in self._removed else None
        return None
