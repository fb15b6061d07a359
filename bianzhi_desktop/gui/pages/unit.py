"""The unit page (机构): particulars and nameplates, the quota table by kind and the leader posts (each
figure opens what stands behind it), divisions, the charter in force and earlier versions, and the
unit's history in date order. In initialisation mode an editor records the status quo from here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import Role, UnitStatus
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.excel_actions import unit_export_button
from bianzhi_desktop.gui.models.rows import RED, RIGHT, Column, RowsModel
from bianzhi_desktop.gui.pages.drilldown import APPROVED, FiguresDialog, LeaderPostsDialog, make_table
from bianzhi_desktop.gui.pages.unit_sections import (
    CHARTER_COLUMNS,
    DIVISION_COLUMNS,
    HISTORY_COLUMNS,
    QuotaRow,
    duties_html,
    quota_rows,
)
from bianzhi_desktop.gui.print_actions import unit_print_button
from bianzhi_desktop.services import admin, ledger, org

CLOSED_TIP = (
    "初始化录入已关闭：此后编制、领导职数、机构、内设机构和三定规定的变动须通过审批的机构编制事项办理。"
)
NO_ROLE_TIP = "需要“经办”或“管理员”角色。"
PARTICULARS = (
    "全称",
    "规范简称",
    "加挂牌子",
    "机构类别",
    "机构规格",
    "所属系统",
    "经费形式",
    "主管部门",
    "统一社会信用代码",
    "成立日期",
    "状态",
)


def _vacancy(row: QuotaRow) -> str:
    return f"超编 {-row.figures.vacancy}" if row.figures.vacancy < 0 else str(row.figures.vacancy)


QUOTA_COLUMNS = (
    Column("编制类型", lambda r: r.kind_name),
    Column("核定", lambda r: r.figures.approved, RIGHT),
    Column("在编", lambda r: r.figures.enrolled, RIGHT),
    Column("已核准未入编", lambda r: r.figures.reserved, RIGHT),
    Column("空编", _vacancy, RIGHT, lambda r: RED if r.figures.vacancy < 0 else None),
)
LEADER_COLUMNS = (
    Column("层级", lambda r: r.tier.label),
    Column("核定", lambda r: r.figures.approved, RIGHT),
    Column("实配", lambda r: r.figures.filled, RIGHT),
    Column(
        "空缺/超配",
        lambda r: f"超配 {r.figures.over}" if r.figures.over else str(r.figures.free),
        RIGHT,
        lambda r: RED if r.figures.over else None,
    ),
    Column("在任人员（占职数）", lambda r: "、".join(r.holders)),
)


class UnitPage(QWidget):
    unit_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("unitPage")
        self.unit: org.UnitInfo | None = None
        self.windows: list[QWidget] = []
        self.pending: QDialog | None = None  # the dialog opened last (tests look at it)
        self.title = QLabel()
        self.title.setObjectName("unitTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.subtitle = QLabel()
        self.subtitle.setObjectName("unitSubtitle")
        self.subtitle.setStyleSheet("color: #566573;")
        self.buttons = self._build_buttons()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("unitTabs")
        self.tabs.addTab(self._build_overview(), self.tr("概况与编制"))
        self.tabs.addTab(self._build_divisions(), self.tr("内设机构"))
        self.tabs.addTab(self._build_charters(), self.tr("三定规定"))
        self.tabs.addTab(self._build_history(), self.tr("沿革"))
        self.tabs.currentChanged.connect(lambda _index: self._load_history_if_shown())
        self.empty = QLabel(self.tr("请在左侧机构列表中选择一个机构。"))
        self.empty.setObjectName("unitEmpty")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setStyleSheet("color: #7f8c8d;")
        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addLayout(self.buttons)
        layout.addWidget(self.tabs, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        self._history_loaded = False

    # -- building -------------------------------------------------------------------------------------
    def _button(self, text: str, name: str, slot) -> QPushButton:  # type: ignore[no-untyped-def]
        button = QPushButton(self.tr(text))
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build_buttons(self) -> QHBoxLayout:
        self.edit_button = self._button("编辑", "editUnitButton", self.edit_unit)
        self.division_button = self._button("新增内设机构", "addDivisionButton", self.add_division)
        self.charter_button = self._button("登记三定规定", "issueCharterButton", self.issue_charter)
        self.quota_button = self._button("录入编制", "recordQuotaButton", self.record_quota)
        self.leader_button = self._button("录入领导职数", "recordLeaderPostsButton", self.record_leader_posts)
        self.enroll_button = self._button("入编登记", "unitEnrolButton", self.enroll)
        self.abolish_button = self._button("撤销机构", "abolishUnitButton", self.abolish_unit)
        self.new_unit_button = self._button("新建机构", "newUnitButton", self.new_unit)
        row = QHBoxLayout()
        for button in (
            self.edit_button,
            self.division_button,
            self.charter_button,
            self.quota_button,
            self.leader_button,
            self.enroll_button,
            self.abolish_button,
        ):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(unit_export_button(self))
        row.addWidget(unit_print_button(self))
        row.addWidget(self.new_unit_button)
        return row

    def _build_overview(self) -> QWidget:
        particulars = QGroupBox(self.tr("基本情况"))
        grid = QGridLayout(particulars)
        grid.setHorizontalSpacing(10)
        self.values: dict[str, QLabel] = {}
        for row, name in enumerate(PARTICULARS):
            label = QLabel(self.tr(name) + "：")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            value = QLabel()
            value.setObjectName(f"unit_{name}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[name] = value
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(PARTICULARS), 1)
        self.values["主管部门"].setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.values["主管部门"].linkActivated.connect(lambda link: self.unit_requested.emit(int(link)))

        self.quota_model = RowsModel(QUOTA_COLUMNS, parent=self, bold=lambda r: r.kind_id is None)
        self.quota_table = make_table(self.quota_model, "quotaTable")
        self.quota_table.doubleClicked.connect(self.open_figure)
        self.quota_table.setToolTip(self.tr("双击数字，查看其背后的台账、人员或用编计划"))
        self.leader_model = RowsModel(LEADER_COLUMNS, parent=self)
        self.leader_table = make_table(self.leader_model, "leaderTable")
        self.leader_table.doubleClicked.connect(self.open_leader_posts)
        self.leader_table.setToolTip(self.tr("双击查看领导职数台账和在任人员"))
        quota_box = QGroupBox(self.tr("编制（双击数字查看依据和名单）"))
        QVBoxLayout(quota_box).addWidget(self.quota_table)
        leader_box = QGroupBox(self.tr("领导职数"))
        QVBoxLayout(leader_box).addWidget(self.leader_table)
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(quota_box)
        right.addWidget(leader_box)
        splitter = QSplitter()
        splitter.setObjectName("unitOverviewSplitter")
        splitter.addWidget(particulars)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([380, 600])
        return splitter

    def _build_divisions(self) -> QWidget:
        self.division_model = RowsModel(DIVISION_COLUMNS, parent=self)
        self.division_table = make_table(self.division_model, "divisionTable")
        self.division_table.doubleClicked.connect(lambda _index: self.edit_division())
        self.edit_division_button = self._button("修改", "editDivisionButton", self.edit_division)
        self.abolish_division_button = self._button("撤销", "abolishDivisionButton", self.abolish_division)
        bar = QHBoxLayout()
        bar.addStretch(1)
        bar.addWidget(self.edit_division_button)
        bar.addWidget(self.abolish_division_button)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.division_table, 1)
        layout.addLayout(bar)
        return page

    def _build_charters(self) -> QWidget:
        self.charter_model = RowsModel(CHARTER_COLUMNS, parent=self, bold=lambda r: r.superseded_on is None)
        self.charter_table = make_table(self.charter_model, "charterTable")
        self.charter_table.selectionModel().currentRowChanged.connect(self._charter_selected)
        self.duties = QTextBrowser()
        self.duties.setObjectName("charterDuties")
        self.duties.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.charter_table)
        splitter.addWidget(self.duties)
        splitter.setSizes([150, 400])
        return splitter

    def _build_history(self) -> QWidget:
        self.history_model = RowsModel(HISTORY_COLUMNS, parent=self)
        self.history_table = make_table(self.history_model, "historyTable")
        return self.history_table

    # -- showing a unit -------------------------------------------------------------------------------
    def show_unit(self, unit_id: int) -> None:
        with self.ctx.read() as uow:
            unit = org.get_unit(uow, unit_id)
            supervisor = org.get_unit(uow, unit.supervisor_id) if unit.supervisor_id else None
            lines = ledger.summary(uow, unit_id=unit_id)
            posts = ledger.leader_posts(uow, unit_id)
            division_list = org.list_divisions(uow, unit_id, include_abolished=True)
            versions = org.charter_versions(uow, unit_id)
            initialisation = admin.office_settings(uow).initialisation
        self.unit = unit
        self.title.setText(unit.name)
        parts = [unit.category.label, unit.rank.label, unit.system.label]
        if unit.funding:
            parts.append(unit.funding.label)
        if unit.status == UnitStatus.ABOLISHED:
            parts.append(self.tr("已于{0}撤销").format(unit.abolished_on or ""))
        self.subtitle.setText(" · ".join(parts))
        self._fill_particulars(unit, supervisor)
        self.quota_model.set_rows(quota_rows(lines))
        self.leader_model.set_rows(posts)
        self.division_model.set_rows(division_list)
        self.charter_model.set_rows(versions)
        if versions:
            self.charter_table.selectRow(0)
        else:
            self.duties.setHtml(duties_html(None))
        for table in (self.division_table, self.charter_table):
            table.resizeColumnsToContents()
        self._size_figure_columns()
        self._history_loaded = False
        self._load_history_if_shown()
        self._update_buttons(initialisation)
        self.stack.setCurrentIndex(1)

    def _size_figure_columns(self) -> None:
        """Figures in equal, readable columns; the kind (or the holders) takes the rest of the width."""
        metrics = self.quota_table.fontMetrics()
        figure = metrics.horizontalAdvance("已核准未入编") + 24
        quota_header = self.quota_table.horizontalHeader()
        quota_header.setStretchLastSection(False)
        quota_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(QUOTA_COLUMNS)):
            self.quota_table.setColumnWidth(column, figure)
        self.leader_table.setColumnWidth(0, metrics.horizontalAdvance("内设机构副职") + 24)
        for column in (1, 2):
            self.leader_table.setColumnWidth(column, metrics.horizontalAdvance("核定") + 40)
        self.leader_table.setColumnWidth(3, metrics.horizontalAdvance("空缺/超配") + 24)

    def _fill_particulars(self, unit: org.UnitInfo, supervisor: org.UnitInfo | None) -> None:
        plates = "；".join(f"{name}（{kind.label}）" for name, kind in unit.nameplates)
        values = {
            "全称": unit.name,
            "规范简称": unit.short_name or "—",
            "加挂牌子": plates or "—",
            "机构类别": unit.category.label,
            "机构规格": unit.rank.label,
            "所属系统": unit.system.label,
            "经费形式": unit.funding.label if unit.funding else "—",
            "统一社会信用代码": unit.credit_code or "—",
            "成立日期": unit.founded_on.isoformat() if unit.founded_on else "—",
            "状态": unit.status.label,
        }
        for name, text in values.items():
            self.values[name].setTextFormat(Qt.TextFormat.PlainText)
            self.values[name].setText(text)
        label = self.values["主管部门"]
        if supervisor is None:
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setText("—")
        else:
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setText(f'<a href="{supervisor.id}">{supervisor.name}</a>')

    def _charter_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.duties.setHtml(duties_html(self.charter_model.row(current.row())))

    def _load_history_if_shown(self) -> None:
        if self.unit is None or self._history_loaded or self.tabs.currentIndex() != 3:
            return
        with self.ctx.read() as uow:
            events = org.unit_history(uow, self.unit.id)
        self.history_model.set_rows(events)
        self.history_table.resizeColumnsToContents()
        self._history_loaded = True

    def show_division(self, division_id: int) -> None:
        for row, division in enumerate(self.division_model.rows):
            if division.id == division_id:
                self.tabs.setCurrentIndex(1)
                self.division_table.selectRow(row)

    def refresh(self) -> None:
        if self.unit is not None:
            self.show_unit(self.unit.id)
        else:
            with self.ctx.read() as uow:
                self._update_buttons(admin.office_settings(uow).initialisation)

    def _update_buttons(self, initialisation: bool) -> None:
        editor = self.ctx.actor.has(Role.CLERK)
        live = self.unit is not None and self.unit.status == UnitStatus.ACTIVE
        closed = self.tr(CLOSED_TIP)
        no_role = self.tr(NO_ROLE_TIP)
        figures = (
            self.quota_button,
            self.leader_button,
            self.enroll_button,
            self.abolish_button,
            self.new_unit_button,
            self.division_button,
            self.charter_button,
            self.abolish_division_button,
        )
        for button in (self.edit_button, self.edit_division_button):
            button.setEnabled(editor and live)
            button.setToolTip("" if editor else no_role)
        for button in figures:
            needs_unit = button is not self.new_unit_button
            button.setEnabled(editor and initialisation and (live or not needs_unit))
            button.setToolTip(no_role if not editor else ("" if initialisation else closed))

    # -- drill-downs ----------------------------------------------------------------------------------
    def open_figure(self, index: QModelIndex) -> QDialog | None:
        if not index.isValid() or self.unit is None:
            return None
        row: QuotaRow = self.quota_model.row(index.row())
        if row.kind_id is None:
            return None
        which = max(APPROVED, index.column() - 1)
        dialog = FiguresDialog(
            self.ctx, self.unit.id, self.unit.name, row.kind_id, row.kind_name, row.figures, which, self
        )
        dialog.person_requested.connect(self.open_person)
        dialog.show()
        self.pending = dialog
        return dialog

    def extra_views(self) -> list[tuple[str, QWidget]]:
        """What --smoke-test and --screenshots show beyond the page: the people behind a figure."""
        rows = [row for row in range(self.quota_model.rowCount()) if self.quota_model.row(row).kind_id]
        dialog = self.open_figure(self.quota_model.index(rows[0], 2)) if rows else None
        return [("figures", dialog)] if dialog is not None else []

    def open_leader_posts(self, index: QModelIndex) -> QDialog | None:
        if not index.isValid() or self.unit is None:
            return None
        dialog = LeaderPostsDialog(
            self.ctx, self.unit.id, self.unit.name, self.leader_model.row(index.row()), self
        )
        dialog.show()
        self.pending = dialog
        return dialog

    def open_person(self, person_id: int) -> QWidget:
        from bianzhi_desktop.gui.pages.person import PersonWindow

        window = PersonWindow(self.ctx, person_id, self)
        window.unit_requested.connect(self.unit_requested)
        window.changed.connect(self._records_changed)
        window.show()
        self.pending = window
        return window

    # -- editing --------------------------------------------------------------------------------------
    def _open(self, dialog: QDialog) -> QDialog:
        dialog.saved.connect(self._records_changed)  # type: ignore[attr-defined]
        dialog.open()
        self.pending = dialog
        return dialog

    def _records_changed(self, _result: object = None) -> None:
        window = self.window()
        if window is not self and hasattr(window, "refresh"):
            window.refresh()  # the navigation tree and every page
        else:
            self.refresh()

    def edit_unit(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.unit_dialog import UnitDialog

        return self._open(UnitDialog(self.ctx, self.unit.id, self)) if self.unit else None

    def new_unit(self) -> QDialog:
        from bianzhi_desktop.gui.dialogs.unit_dialog import UnitDialog

        dialog = UnitDialog(self.ctx, None, self)
        dialog.saved.connect(lambda info: self.show_unit(info.id))
        return self._open(dialog)

    def add_division(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.division_dialog import DivisionDialog

        return self._open(DivisionDialog(self.ctx, self.unit.id, None, self)) if self.unit else None

    def selected_division(self) -> org.DivisionInfo | None:
        index = self.division_table.currentIndex()
        return self.division_model.row(index.row()) if index.isValid() else None

    def edit_division(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.division_dialog import DivisionDialog

        division = self.selected_division()
        if self.unit is None or division is None:
            return None
        return self._open(DivisionDialog(self.ctx, self.unit.id, division, self))

    def abolish_division(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.unit_dialog import AbolishDialog

        division = self.selected_division()
        if division is None:
            return None
        actor = self.ctx.actor

        def abolish(uow, day: dt.date, _document: str) -> None:  # type: ignore[no-untyped-def]
            org.abolish_division(uow, actor, division.id, day)

        return self._open(AbolishDialog(self.ctx, division.name, abolish, needs_document=False, parent=self))

    def abolish_unit(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.unit_dialog import AbolishDialog

        if self.unit is None:
            return None
        unit_id, actor = self.unit.id, self.ctx.actor

        def abolish(uow, day: dt.date, document: str) -> None:  # type: ignore[no-untyped-def]
            org.abolish_unit(uow, actor, unit_id, day, document)

        warning = self.tr("撤销机构前，须先将在编人员全部转隶或出编。撤销后该机构不再出现在机构列表中。")
        return self._open(
            AbolishDialog(
                self.ctx, self.unit.name, abolish, needs_document=True, warning=warning, parent=self
            )
        )

    def issue_charter(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.division_dialog import CharterDialog

        return self._open(CharterDialog(self.ctx, self.unit.id, self)) if self.unit else None

    def record_quota(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.figures_dialog import QuotaDialog

        if self.unit is None:
            return None
        index = self.quota_table.currentIndex()
        kind_id = self.quota_model.row(index.row()).kind_id if index.isValid() else None
        return self._open(QuotaDialog(self.ctx, self.unit.id, kind_id, self))

    def record_leader_posts(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.figures_dialog import LeaderPostEntryDialog

        return self._open(LeaderPostEntryDialog(self.ctx, self.unit.id, self)) if self.unit else None

    def enroll(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.enrollment_dialog import EnrollmentDialog

        return (
            self._open(EnrollmentDialog(self.ctx, unit_id=self.unit.id, parent=self)) if self.unit else None
        )
