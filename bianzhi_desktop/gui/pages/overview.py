"""总览: the county on one screen.

Totals by unit category and quota kind (核定 approved, 在编 enrolled, 已核准未入编 reserved, 空编
vacancy; a negative vacancy is shown red as 超编), the Party/government institution count against its
cap (机构限额), two QtCharts bar charts (quota use by category and by kind) and the people who reach
their statutory retirement date in the next 12 months. Double-clicking a category row asks the main
window to show only that category in the navigation tree (`category_requested`); double-clicking a
person asks for their unit's page (`unit_requested`). QtCharts is imported only when this page is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import CAPPED_CATEGORIES, UnitCategory
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.models.rows import RED, RIGHT, ROW, Column, RowsModel
from bianzhi_desktop.services import admin, ledger, org


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def vacancy_text(vacancy: int) -> str:
    return f"超编 {-vacancy}" if vacancy < 0 else str(vacancy)


@dataclass(frozen=True)
class TotalsRow:
    category: UnitCategory | None  # None: the county total
    label: str  # first column: category label on a group's first row and on totals
    kind: str  # second column: quota kind, or 合计
    figures: QuotaFigures
    total: bool = False


def totals_rows(
    totals: dict[tuple[UnitCategory, str], QuotaFigures], kind_order: list[str]
) -> list[TotalsRow]:
    """The table's rows: per category its kinds (and a subtotal when it has several), then the county."""
    rank = {name: index for index, name in enumerate(kind_order)}
    rows: list[TotalsRow] = []
    county = QuotaFigures()
    for category in UnitCategory:
        kinds = sorted((kind for cat, kind in totals if cat == category), key=lambda k: (rank.get(k, 99), k))
        subtotal = QuotaFigures()
        for position, kind in enumerate(kinds):
            figures = totals[(category, kind)]
            subtotal += figures
            rows.append(TotalsRow(category, category.label if position == 0 else "", kind, figures))
        if len(kinds) > 1:
            rows.append(TotalsRow(category, "", "小计", subtotal, total=True))
        county += subtotal
    rows.append(TotalsRow(None, "全县合计", "", county, total=True))
    return rows


class TotalsModel(RowsModel):
    """The totals table: figures right-aligned, 超编 in red, subtotal and county rows in bold."""

    COLUMNS = (
        Column("机构类别", lambda row: row.label),
        Column("编制类型", lambda row: row.kind),
        Column("核定", lambda row: row.figures.approved, RIGHT),
        Column("在编", lambda row: row.figures.enrolled, RIGHT),
        Column("已核准未入编", lambda row: row.figures.reserved, RIGHT),
        Column(
            "空编",
            lambda row: vacancy_text(row.figures.vacancy),
            RIGHT,
            colour=lambda row: RED if row.figures.vacancy < 0 else None,
        ),
    )

    def __init__(self, rows: list[TotalsRow], parent: QWidget | None = None) -> None:
        super().__init__(self.COLUMNS, rows, parent, bold=lambda row: row.total)


class RetirementModel(RowsModel):
    COLUMNS = (
        Column("姓名", lambda line: line.name),
        Column("性别", lambda line: line.sex),
        Column("出生日期", lambda line: line.birth_date),
        Column("单位", lambda line: line.unit_name),
        Column("编制类型", lambda line: line.kind_name),
        Column("职务", lambda line: line.post_title),
        Column("法定退休日期", lambda line: line.retirement_date),
    )

    def __init__(self, rows: list[ledger.RetirementLine], parent: QWidget | None = None) -> None:
        super().__init__(self.COLUMNS, rows, parent)


def _card(title: str, value: str, note: str = "", alert: bool = False) -> QFrame:
    frame = QFrame()
    frame.setObjectName("card")
    frame.setFrameShape(QFrame.Shape.StyledPanel)
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(14, 10, 14, 10)
    caption = QLabel(title)
    caption.setStyleSheet("color: palette(dark);")
    figure = QLabel(value)
    figure.setObjectName("cardValue")
    font = figure.font()
    font.setPointSizeF(font.pointSizeF() * 1.8)
    font.setBold(True)
    figure.setFont(font)
    if alert:
        figure.setStyleSheet(f"color: {RED.name()};")
    layout.addWidget(caption)
    layout.addWidget(figure)
    if note:
        hint = QLabel(note)
        hint.setStyleSheet("color: palette(dark);")
        layout.addWidget(hint)
    return frame


def quota_chart(title: str, groups: list[tuple[str, QuotaFigures]]) -> QWidget:
    """A horizontal bar chart of approved, enrolled and reserved per group (QtCharts, imported here)."""
    from PySide6.QtCharts import (
        QBarCategoryAxis,
        QBarSet,
        QChart,
        QChartView,
        QHorizontalBarSeries,
        QValueAxis,
    )
    from PySide6.QtGui import QPainter
    from PySide6.QtWidgets import QApplication

    font = QApplication.font()
    series = QHorizontalBarSeries()
    names = [name for name, _ in groups][::-1]  # the first group at the top
    values = [figures for _, figures in groups][::-1]
    colours = (
        ("核定", "#5b8ff9", "approved"),
        ("在编", "#5ad8a6", "enrolled"),
        ("已核准未入编", "#f6bd16", "reserved"),
    )
    for label, colour, field in colours:
        bar_set = QBarSet(QApplication.translate("OverviewPage", label))
        bar_set.setColor(QColor(colour))
        bar_set.setBorderColor(QColor(colour))
        bar_set.append([float(getattr(figures, field)) for figures in values])
        series.append(bar_set)
    series.setBarWidth(0.8)
    chart = QChart()
    chart.setTitle(title)
    title_font = QFont(font)
    title_font.setBold(True)
    chart.setTitleFont(title_font)
    chart.addSeries(series)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    axis_y = QBarCategoryAxis()
    axis_y.append(names)
    axis_y.setLabelsFont(font)
    axis_x = QValueAxis()
    axis_x.setLabelFormat("%d")
    axis_x.setLabelsFont(font)
    top = max((max(f.approved, f.enrolled, f.reserved) for f in values), default=0)
    axis_x.setRange(0, max(10, top * 1.05))
    axis_x.applyNiceNumbers()
    chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
    chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
    series.attachAxis(axis_y)
    series.attachAxis(axis_x)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.legend().setFont(font)
    chart.layout().setContentsMargins(0, 0, 0, 0)
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(max(300, 34 * len(groups) + 120))
    return view


def _compact_rows(table: QTableView) -> None:
    """No row numbers, rows one text line high plus a little air."""
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.setAlternatingRowColors(True)


def _fit_columns(table: QTableView, cells: list[tuple[str, ...]], stretch: int) -> None:
    """Column widths from the distinct texts (cheap, unlike ResizeToContents over every row)."""
    metrics = table.fontMetrics()
    header = table.horizontalHeader()
    model = table.model()
    for column in range(model.columnCount()):
        texts = {str(row[column]) for row in cells[:2000]}
        texts.add(str(model.headerData(column, Qt.Orientation.Horizontal)))
        header.resizeSection(column, max(metrics.horizontalAdvance(text) for text in texts) + 24)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _fit_height(table: QTableView) -> None:
    """Tall enough for every row: the page scrolls, not the table."""
    rows = table.model().rowCount()
    height = table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
    table.setFixedHeight(height + rows * table.verticalHeader().defaultSectionSize() + 2)


class OverviewPage(QWidget):
    category_requested = Signal(str)
    unit_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("overviewPage")
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.scroll)
        self.refresh()

    def refresh(self) -> None:
        """Read the figures again and rebuild the page."""
        today = dt.date.today()
        with self.ctx.read() as uow:
            info = admin.office_settings(uow)
            self.totals = ledger.county_totals(uow, today)
            kind_order = [kind.name for kind in ledger.list_kinds(uow)]
            self.capped = org.capped_unit_count(uow, frozenset(c.value for c in CAPPED_CATEGORIES))
            self.retiring = ledger.retiring_within(uow, 12, today)
        self.cap = info.institution_cap
        self.rows = totals_rows(self.totals, kind_order)
        self.county_total = self.rows[-1].figures
        self.kind_order = kind_order

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(12)
        title = QLabel(self.tr("{0}机构编制总览").format(info.county_name))
        title.setObjectName("overviewTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        heading = QHBoxLayout()
        heading.addWidget(title)
        heading.addStretch(1)
        heading.addWidget(QLabel(self.tr("截至{0}").format(chinese_date(today))))
        layout.addLayout(heading)
        layout.addLayout(self._cards())
        layout.addWidget(self._totals_box())
        layout.addLayout(self._charts())
        layout.addWidget(self._retirement_box())
        old = self.scroll.takeWidget()
        self.scroll.setWidget(content)
        if old is not None:
            old.deleteLater()

    def _cards(self) -> QGridLayout:
        total = self.county_total
        grid = QGridLayout()
        grid.setSpacing(10)
        vacancy_title = self.tr("超编") if total.vacancy < 0 else self.tr("空编")
        cap_value = f"{self.capped} / {self.cap}" if self.cap else str(self.capped)
        cap_note = (
            self.tr("超出限额 {0} 个").format(self.capped - self.cap)
            if self.cap and self.capped > self.cap
            else (self.tr("未设置机构限额") if not self.cap else self.tr("在限额以内"))
        )
        self.cap_card = _card(
            self.tr("党政机构数 / 限额"), cap_value, cap_note, alert=bool(self.cap) and self.capped > self.cap
        )
        self.cap_card.setObjectName("capCard")
        cards = [
            _card(self.tr("核定编制"), str(total.approved)),
            _card(self.tr("在编人数"), str(total.enrolled)),
            _card(self.tr("已核准未入编"), str(total.reserved)),
            _card(vacancy_title, str(abs(total.vacancy)), alert=total.vacancy < 0),
            self.cap_card,
        ]
        for column, card in enumerate(cards):
            grid.addWidget(card, 0, column)
            grid.setColumnStretch(column, 1)
        return grid

    def _totals_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("按机构类别和编制类型汇总（双击一行，在左侧只显示该类机构）"))
        self.totals_model = TotalsModel(self.rows, self)
        self.totals_view = table = QTableView()
        table.setObjectName("totalsTable")
        table.setModel(self.totals_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        _compact_rows(table)
        table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        table.resizeColumnsToContents()  # once: ResizeToContents would ask again on every layout
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column in (0, 1):
            table.horizontalHeader().setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.doubleClicked.connect(self._category_clicked)
        _fit_height(table)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        return box

    def _category_clicked(self, index: QModelIndex) -> None:
        row: TotalsRow = index.data(ROW)
        if row.category is not None:
            self.category_requested.emit(row.category.value)

    def _charts(self) -> QHBoxLayout:
        by_category: dict[str, QuotaFigures] = {}
        by_kind: dict[str, QuotaFigures] = {}
        for (category, kind), figures in self.totals.items():
            by_category[category.label] = by_category.get(category.label, QuotaFigures()) + figures
            by_kind[kind] = by_kind.get(kind, QuotaFigures()) + figures
        categories = [c.label for c in UnitCategory if c.label in by_category]
        kinds = sorted(by_kind, key=lambda k: self.kind_order.index(k) if k in self.kind_order else 99)
        row = QHBoxLayout()
        row.setSpacing(12)
        self.category_chart = quota_chart(
            self.tr("各类机构编制使用情况"), [(name, by_category[name]) for name in categories]
        )
        self.kind_chart = quota_chart(self.tr("各类编制使用情况"), [(name, by_kind[name]) for name in kinds])
        row.addWidget(self.category_chart, 1)
        row.addWidget(self.kind_chart, 1)
        return row

    def _retirement_box(self) -> QGroupBox:
        box = QGroupBox(
            self.tr("今后12个月内到达法定退休年龄的在编人员：{0}人（双击打开所在单位）").format(
                len(self.retiring)
            )
        )
        box.setObjectName("retirementBox")
        self.retirement_model = RetirementModel(self.retiring, self)
        self.retirement_view = table = QTableView()
        table.setObjectName("retirementTable")
        table.setModel(self.retirement_model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        _compact_rows(table)
        _fit_columns(table, self.retirement_model.cells, stretch=3)
        rows = min(max(len(self.retiring), 3), 12)
        table.setFixedHeight(
            table.horizontalHeader().sizeHint().height()
            + 2 * table.frameWidth()
            + 2
            + rows * table.verticalHeader().defaultSectionSize()
        )
        table.doubleClicked.connect(lambda index: self.unit_requested.emit(index.data(ROW).unit_id))
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        return box
