"""机构编制事项: the matters inbox and, on double-click, the matter's own page (matter_page.MatterView).

The inbox shows what waits for the signed-in user (待我办理: their drafts as a clerk, submitted matters as a
reviewer, reviewed ones as the approver, never their own to review or approve) or every matter, filtered
by state and kind and searched by title, unit or document number (in SQL, as you type). 新建事项… asks for the kind and opens its guided form; the new draft opens when it is saved.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.matters import MatterKind, MatterState
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.models.rows import GREY, ROW, Column, RowsModel
from bianzhi_desktop.gui.pages.matter_page import MatterView
from bianzhi_desktop.services import matters
from bianzhi_desktop.services.matters import ALL, WAITING, MatterQuery

COLUMNS = (
    Column("状态", lambda r: r.state.label, colour=lambda r: GREY if r.state.is_closed else None),
    Column("类型", lambda r: r.kind.label),
    Column("标题", lambda r: r.title),
    Column("主要单位", lambda r: r.unit_name),
    Column("起草人", lambda r: r.drafter),
    Column("文号", lambda r: r.document_number),
    Column("更新时间", lambda r: r.updated_at.strftime("%Y-%m-%d %H:%M")),
)


class MattersInbox(QWidget):
    """The list of matters with its filters."""

    open_requested = Signal(int)
    new_requested = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.scope = QComboBox()
        self.scope.setObjectName("scopeCombo")
        self.scope.addItem(self.tr("待我办理"), WAITING)
        self.scope.addItem(self.tr("全部事项"), ALL)
        self.state = QComboBox()
        self.state.setObjectName("stateCombo")
        self.state.addItem(self.tr("全部状态"), None)
        for state in MatterState:
            self.state.addItem(state.label, state)
        self.kind = QComboBox()
        self.kind.setObjectName("kindCombo")
        self.kind.addItem(self.tr("全部类型"), None)
        for kind in MatterKind:
            self.kind.addItem(kind.label, kind)
        self.search = QLineEdit()
        self.search.setObjectName("matterSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("搜索：标题、单位名称或文号"))
        self.new_button = QPushButton(self.tr("新建事项…"))
        self.new_button.setObjectName("newMatterButton")
        self.new_button.setToolTip(self.tr("起草新的机构编制事项"))
        self.new_button.setVisible(ctx.actor.has(Role.CLERK))
        self.new_button.clicked.connect(self.new_requested.emit)
        bar = QHBoxLayout()
        for caption, widget in (
            (self.tr("范围"), self.scope),
            (self.tr("状态"), self.state),
            (self.tr("类型"), self.kind),
        ):
            label = QLabel(caption)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addWidget(self.search, 1)
        bar.addWidget(self.new_button)
        self.heading = QLabel()
        self.heading.setObjectName("inboxHeading")
        self.heading.setStyleSheet("font-size: 13pt; font-weight: bold;")
        self.count = QLabel()
        self.count.setObjectName("inboxCount")
        self.count.setStyleSheet("color: #566573;")
        heading = QHBoxLayout()
        heading.addWidget(self.heading)
        heading.addStretch(1)
        heading.addWidget(self.count)
        self.model = RowsModel(COLUMNS, parent=self)
        self.table = QTableView()
        self.table.setObjectName("mattersTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.doubleClicked.connect(self._open)
        self.table.activated.connect(self._open)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        for combo in (self.scope, self.state, self.kind):
            combo.currentIndexChanged.connect(self.reload)
        self.search.textChanged.connect(self.reload)
        self.search.returnPressed.connect(self._open_first)
        self.reload()

    def query(self) -> MatterQuery:
        state, kind = self.state.currentData(), self.kind.currentData()
        return MatterQuery(
            scope=self.scope.currentData(),
            states=(MatterState(state),) if state else (),
            kinds=(MatterKind(kind),) if kind else (),
            text=self.search.text(),
        )

    def reload(self) -> None:
        query = self.query()
        with self.ctx.read() as uow:
            rows = matters.find_matters(uow, self.ctx.actor, query)
            waiting = matters.waiting_count(uow, self.ctx.actor)
        self.model.set_rows(rows)
        self.heading.setText(
            self.tr("待我办理（{0}件）").format(waiting) if query.scope == WAITING else self.tr("全部事项")
        )
        shown = self.tr("显示{0}件").format(len(rows))
        if len(rows) >= query.limit:
            shown += self.tr("（只显示最近{0}件，请用筛选或搜索缩小范围）").format(query.limit)
        self.count.setText(shown)

    def titles(self) -> list[str]:
        return [row.title for row in self.model.rows]

    def _open(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ROW).id)

    def _open_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)
            self.open_requested.emit(self.model.row(0).id)


class MattersPage(QWidget):
    """The inbox, and the matter opened from it, in one place of the main window."""

    unit_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mattersPage")
        self.inbox = MattersInbox(ctx)
        self.view = MatterView(ctx)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.inbox)
        self.stack.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.stack)
        self.inbox.open_requested.connect(self.open_matter)
        self.inbox.new_requested.connect(self.new_matter)
        self.view.back_requested.connect(self.show_inbox)
        self.view.changed.connect(lambda _id: self.inbox.reload())
        self.view.unit_requested.connect(self.unit_requested.emit)

    def refresh(self) -> None:
        self.inbox.reload()
        if self.stack.currentWidget() is self.view and self.view.matter_id is not None:
            self.view.show_matter(self.view.matter_id)

    def open_matter(self, matter_id: int) -> None:
        self.view.show_matter(matter_id)
        self.stack.setCurrentWidget(self.view)

    def show_inbox(self) -> None:
        self.inbox.reload()
        self.stack.setCurrentWidget(self.inbox)
        self.inbox.table.setFocus()

    def new_matter(self):  # type: ignore[no-untyped-def]
        """Ask for the kind, then open its guided form (returns the chooser)."""
        from bianzhi_desktop.gui.dialogs.matter_forms import KindChooser

        if not self.ctx.actor.has(Role.CLERK):
            return None
        chooser = KindChooser(self)
        chooser.accepted.connect(lambda: self.open_form(chooser.kind()))
        self.kind_chooser = chooser
        chooser.open()
        return chooser

    def open_form(self, kind: MatterKind | None):  # type: ignore[no-untyped-def]
        from bianzhi_desktop.gui.dialogs.matter_forms import form_for

        if kind is None:
            return None
        form = form_for(self.ctx, kind, self)
        if form is None:
            return None
        form.saved.connect(self._saved)
        self.form_dialog = form
        form.open()
        return form

    def _saved(self, matter_id: int) -> None:
        self.inbox.reload()
        self.open_matter(matter_id)
