"""What stands behind a figure: the ledger entries, the people and the hiring plans (opened by
double-clicking a figure on the unit page). A count that cannot explain itself is a bug."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import LeaderTier
from bianzhi_desktop.domain.idnumber import mask_id_number
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.models.rows import RED, RIGHT, Column, RowsModel
from bianzhi_desktop.services import ledger
from bianzhi_desktop.services.register import may_see_id_numbers

APPROVED, ENROLLED, RESERVED, VACANCY = range(4)

LEDGER_COLUMNS = (
    Column("生效日期", lambda r: r.effective_on),
    Column("变动", lambda r: f"{r.delta:+d}", RIGHT, lambda r: RED if r.delta < 0 else None),
    Column("累计", lambda r: r.running_total, RIGHT),
    Column("事由", lambda r: r.reason),
    Column("文号", lambda r: r.document_number),
    Column("文件标题", lambda r: r.document_title),
)
PLAN_COLUMNS = (
    Column("核准日期", lambda r: r.approved_on),
    Column("有效期至", lambda r: r.valid_until),
    Column("方式", lambda r: _method(r.method)),
    Column("名额", lambda r: r.seats, RIGHT),
    Column("已入编", lambda r: r.used, RIGHT),
    Column("尚余", lambda r: r.remaining, RIGHT),
    Column("文号", lambda r: r.document_number),
)


def _method(code: str) -> str:
    from bianzhi_desktop.domain.enums import HiringMethod

    try:
        return HiringMethod(code).label
    except ValueError:
        return code


def people_columns(masked: bool) -> tuple[Column, ...]:
    return (
        Column("姓名", lambda r: r.name),
        Column("性别", lambda r: "男" if r.sex == "male" else "女"),
        Column("身份证号", lambda r: mask_id_number(r.id_number) if masked else r.id_number),
        Column("出生日期", lambda r: r.birth_date),
        Column("内设机构", lambda r: r.division),
        Column("岗位/职务", lambda r: r.post_title),
        Column("入编时间", lambda r: r.start_on),
        Column("入编文号", lambda r: r.document_number),
    )


def make_table(model: RowsModel, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setResizeContentsPrecision(100)  # fitting columns reads 100 rows, not all
    table.resizeColumnsToContents()
    for column in range(model.columnCount()):
        table.setColumnWidth(column, max(table.columnWidth(column), 64))
    return table


def arithmetic(figures: QuotaFigures) -> str:
    """“空编 = 核定 10 − 在编 8 − 已核准未入编 1 = 1” (超编 when negative)."""
    vacancy = figures.vacancy
    result = f"超编 {-vacancy}" if vacancy < 0 else str(vacancy)
    return (
        f"空编 = 核定 {figures.approved} − 在编 {figures.enrolled} − 已核准未入编 {figures.reserved}"
        f" = {result}"
    )


class FiguresDialog(QDialog):
    """The ledger entries, people and plans behind one unit's figures of one quota kind."""

    person_requested = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        unit_id: int,
        unit_name: str,
        kind_id: int,
        kind_name: str,
        figures: QuotaFigures,
        which: int = APPROVED,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("figuresDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("{0} · {1}").format(unit_name, kind_name))
        with ctx.read() as uow:
            entries = ledger.approved_entries(uow, unit_id, kind_id)
            people = ledger.enrolled_people(uow, unit_id, kind_id)
            plans = ledger.reserved_plans(uow, unit_id, kind_id)
        self.summary = QLabel(arithmetic(figures))
        self.summary.setObjectName("figuresSummary")
        self.summary.setStyleSheet("font-weight: bold;" + (" color: #c0392b;" if figures.vacancy < 0 else ""))
        self.ledger_model = RowsModel(LEDGER_COLUMNS, entries, self)
        self.people_model = RowsModel(people_columns(not may_see_id_numbers(ctx.actor)), people, self)
        self.plans_model = RowsModel(PLAN_COLUMNS, plans, self)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("figuresTabs")
        self.tabs.addTab(
            make_table(self.ledger_model, "ledgerTable"),
            self.tr("核定 {0}：台账 {1} 条").format(figures.approved, len(entries)),
        )
        people_table = make_table(self.people_model, "peopleTable")
        people_table.doubleClicked.connect(self._open_person)
        self.tabs.addTab(people_table, self.tr("在编 {0}：人员名单").format(figures.enrolled))
        self.tabs.addTab(
            make_table(self.plans_model, "plansTable"),
            self.tr("已核准未入编 {0}：用编计划").format(figures.reserved),
        )
        self.tabs.setCurrentIndex({ENROLLED: 1, RESERVED: 2}.get(which, 0))
        hint = QLabel(self.tr("在编人员可双击打开人员页面。"))
        hint.setStyleSheet("color: #566573;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(900, 520)

    def _open_person(self, index: QModelIndex) -> None:
        if index.isValid():
            self.person_requested.emit(self.people_model.row(index.row()).person_id)


class LeaderPostsDialog(QDialog):
    """The leader-post ledger of one tier and the people holding those posts."""

    def __init__(
        self,
        ctx: AppContext,
        unit_id: int,
        unit_name: str,
        line: ledger.LeaderPostLine,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("leaderPostsDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        tier = LeaderTier(line.tier)
        self.setWindowTitle(self.tr("{0} · {1}").format(unit_name, tier.label))
        with ctx.read() as uow:
            entries = ledger.leader_post_entries(uow, unit_id, tier)
        figures = line.figures
        text = self.tr("核定 {0} 名，实配 {1} 名").format(figures.approved, figures.filled)
        if figures.over:
            text += self.tr("，超职数 {0} 名").format(figures.over)
        summary = QLabel(text)
        summary.setObjectName("leaderSummary")
        summary.setStyleSheet("font-weight: bold;" + (" color: #c0392b;" if figures.over else ""))
        self.ledger_model = RowsModel(LEDGER_COLUMNS, entries, self)
        holders = QLabel(self.tr("在任（占职数）：{0}").format("、".join(line.holders) or self.tr("无")))
        holders.setObjectName("leaderHolders")
        holders.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(make_table(self.ledger_model, "leaderLedgerTable"), 1)
        layout.addWidget(holders)
        layout.addWidget(buttons)
        self.resize(820, 420)
        self.findChild(QTableView).horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
