"""实名制: every person on quota in one table that stays smooth at 40,000 rows.

One search box reads a name (张), pinyin initials (zs → 张三) or an ID number (its last digits, or its
first ten or more); three combos narrow by unit, quota kind and status. Typing is debounced
(`DEBOUNCE_MS`), then the ids are queried again in SQL and the view shows the first rows at once
(RegisterModel). Clicking a header sorts in SQL. Double-click (or Enter) opens the person's page.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.common import combo_choice, make_searchable
from bianzhi_desktop.gui.models.register_model import COLUMNS, RegisterModel
from bianzhi_desktop.services import admin, ledger, org
from bianzhi_desktop.services.register import RegisterFilter, RegisterStatus

DEBOUNCE_MS = 150
CLOSED_TIP = "初始化录入已关闭：此后人员的入编、出编须通过审批的机构编制事项办理。"
NO_ROLE_TIP = "需要“经办”或“管理员”角色。"


class RegisterPage(QWidget):
    unit_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("registerPage")
        self.windows: list[QWidget] = []  # person windows kept alive while open
        self.search = QLineEdit()
        self.search.setObjectName("registerSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(
            self.tr("搜索：姓名、拼音首字母（如 zs）或身份证号（后几位或前10位以上）")
        )
        self.search.setMinimumWidth(280)
        self.unit_combo = QComboBox()
        self.unit_combo.setObjectName("registerUnit")
        self.unit_combo.setMinimumWidth(240)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("registerKind")
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("registerStatus")
        for status in (
            RegisterStatus.ACTIVE,
            RegisterStatus.REMOVED,
            RegisterStatus.NEVER,
            RegisterStatus.ALL,
        ):
            self.status_combo.addItem(self.tr(status.label), status)
        self.count_label = QLabel()
        self.count_label.setObjectName("registerCount")
        self.new_person_button = QPushButton(self.tr("新增人员"))
        self.new_person_button.setObjectName("newPersonButton")
        self.enroll_button = QPushButton(self.tr("入编登记"))
        self.enroll_button.setObjectName("enrolButton")
        self.open_button = QPushButton(self.tr("查看人员"))
        self.open_button.setObjectName("openPersonButton")

        self.model = RegisterModel(ctx, self)
        self.table = QTableView()
        self.table.setObjectName("registerTable")
        self.table.setModel(self.model)
        self._set_up_table()

        filters = QHBoxLayout()
        filters.addWidget(self.search, 3)
        filters.addWidget(self.unit_combo, 2)
        filters.addWidget(self.kind_combo, 1)
        filters.addWidget(self.status_combo)
        actions = QHBoxLayout()
        actions.addWidget(self.count_label, 1)
        actions.addWidget(self.open_button)
        actions.addWidget(self.new_person_button)
        actions.addWidget(self.enroll_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(self.table, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(lambda _text: self.timer.start())
        self.search.returnPressed.connect(self._search_entered)
        self.unit_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.status_combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.model.count_changed.connect(self._show_count)
        self.table.doubleClicked.connect(self._open_index)
        QShortcut(
            QKeySequence(Qt.Key.Key_Return),
            self.table,
            activated=self.open_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.open_button.clicked.connect(self.open_current)
        self.new_person_button.clicked.connect(self.new_person)
        self.enroll_button.clicked.connect(self.enroll)
        self._fill_combos()
        self.update_actions()
        self.apply_filter()

    def _set_up_table(self) -> None:
        table = self.table
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        metrics = QFontMetrics(table.font())
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(metrics.height() + 8)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        wide = metrics.horizontalAdvance("国")
        digit = metrics.horizontalAdvance("0")
        for column, spec in enumerate(COLUMNS):
            width = spec.chars * wide + 16
            if spec.title == "身份证号":
                width = 18 * digit + 24
            elif spec.title in ("出生日期", "入编时间", "法定退休日期"):
                width = max(10 * digit + 24, metrics.horizontalAdvance(spec.title) + 28)
            table.setColumnWidth(column, width)
        header.setSortIndicator(self.model.sort_column, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(self.model.sort)

    def _fill_combos(self) -> None:
        with self.ctx.read() as uow:
            unit_list = org.list_units(uow)
            kinds = ledger.list_kinds(uow)
        for combo in (self.unit_combo, self.kind_combo):
            combo.blockSignals(True)
            combo.clear()
        self.unit_combo.addItem(self.tr("全部单位"), None)
        for unit in unit_list:
            self.unit_combo.addItem(unit.name, unit.id)
        make_searchable(self.unit_combo)
        self.unit_combo.lineEdit().setPlaceholderText(self.tr("全部单位"))
        self.kind_combo.addItem(self.tr("全部编制类型"), None)
        for kind in kinds:
            self.kind_combo.addItem(kind.name, kind.id)
        for combo in (self.unit_combo, self.kind_combo):
            combo.blockSignals(False)

    # -- filtering ------------------------------------------------------------------------------------
    def current_filter(self) -> RegisterFilter:
        return RegisterFilter(
            text=self.search.text(),
            unit_id=combo_choice(self.unit_combo),
            kind_id=self.kind_combo.currentData(),
            status=self.status_combo.currentData() or RegisterStatus.ACTIVE,
        )

    def apply_filter(self) -> None:
        self.timer.stop()
        self.model.set_filter(self.current_filter())
        if self.model.rowCount():
            self.table.scrollToTop()

    def _search_entered(self) -> None:
        self.apply_filter()
        if self.model.rowCount() == 1:
            self.open_person(self.model.person_id(0))
        elif self.model.rowCount():
            self.table.setFocus()
            self.table.selectRow(0)

    def _show_count(self, count: int) -> None:
        self.count_label.setText(self.tr("共{0}人").format(count))

    def show_unit_filter(self, unit_id: int | None) -> None:
        """Narrow the register to one unit (None: every unit)."""
        index = self.unit_combo.findData(unit_id)
        self.unit_combo.setCurrentIndex(max(index, 0))

    def refresh(self) -> None:
        self._fill_combos()
        self.update_actions()
        self.apply_filter()

    def update_actions(self) -> None:
        with self.ctx.read() as uow:
            initialisation = admin.office_settings(uow).initialisation
        editor = self.ctx.actor.has(Role.CLERK)
        self.new_person_button.setEnabled(editor)
        self.new_person_button.setToolTip("" if editor else self.tr(NO_ROLE_TIP))
        self.enroll_button.setEnabled(editor and initialisation)
        if not editor:
            self.enroll_button.setToolTip(self.tr(NO_ROLE_TIP))
        else:
            self.enroll_button.setToolTip("" if initialisation else self.tr(CLOSED_TIP))

    # -- opening and editing --------------------------------------------------------------------------
    def selected_person(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.person_id(index.row()) if index.isValid() else None

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_person(self.model.person_id(index.row()))

    def open_current(self) -> None:
        person_id = self.selected_person()
        if person_id is not None:
            self.open_person(person_id)

    def open_person(self, person_id: int | None) -> QWidget | None:
        from bianzhi_desktop.gui.pages.person import PersonWindow

        if person_id is None:
            return None
        window = PersonWindow(self.ctx, person_id, self)
        window.unit_requested.connect(self.unit_requested)
        window.changed.connect(self.model.refresh)
        window.finished.connect(
            lambda _result: self.windows.remove(window) if window in self.windows else None
        )
        self.windows.append(window)
        window.show()
        return window

    def extra_views(self) -> list[tuple[str, QWidget]]:
        """What --smoke-test and --screenshots show beyond the page: the first person's page."""
        window = self.open_person(self.model.person_id(0)) if self.model.rowCount() else None
        return [("person", window)] if window is not None else []

    def new_person(self) -> QWidget:
        from bianzhi_desktop.gui.dialogs.person_dialog import PersonDialog

        dialog = PersonDialog(self.ctx, parent=self)
        dialog.saved.connect(self._person_saved)
        dialog.open()
        return dialog

    def _person_saved(self, info: object) -> None:
        person_id = getattr(info, "id", None)
        self.status_combo.setCurrentIndex(self.status_combo.findData(RegisterStatus.ALL))
        self.search.setText(getattr(info, "id_number", ""))
        self.apply_filter()
        row = self.model.row_of(person_id) if person_id is not None else None
        if row is not None:
            self.table.selectRow(row)

    def enroll(self) -> QWidget:
        from bianzhi_desktop.gui.dialogs.enrollment_dialog import EnrollmentDialog

        dialog = EnrollmentDialog(self.ctx, person_id=self.selected_person(), parent=self)
        dialog.saved.connect(lambda _result: self.model.refresh())
        dialog.open()
        return dialog
