"""体检: the county health check and its rectification ledger (整改台账).

The check runs on the task runner when the page opens and on 运行体检; each run is entered on the
ledger. Left: the codes with their counts; right: the findings (filter by state and by unit or text),
and below the selected finding its figures, the people behind it (double-click opens the person), its
history, and the buttons to open the unit, start rectifying, close (销号) and export the list to Excel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QStandardPaths, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.health import FindingCode, FindingState, Severity
from bianzhi_desktop.domain.idnumber import mask_id_number
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.finding_dialogs import CloseDialog, RectifyDialog
from bianzhi_desktop.gui.models.rows import GREY, ORANGE, RED, Column, RowsModel
from bianzhi_desktop.gui.pages.drilldown import make_table
from bianzhi_desktop.gui.tasks import run_task, show_error
from bianzhi_desktop.services import health
from bianzhi_desktop.services.health import HealthFinding
from bianzhi_desktop.services.register import may_see_id_numbers

SEVERITY_COLOURS = {Severity.PROBLEM: RED, Severity.WARNING: ORANGE, Severity.NOTICE: QColor("#2471a3")}
STATE_FILTERS = (
    ("未销号", (FindingState.FOUND, FindingState.RECTIFYING, None)),
    ("全部", (FindingState.FOUND, FindingState.RECTIFYING, FindingState.CLOSED, None)),
    ("待整改", (FindingState.FOUND,)),
    ("整改中", (FindingState.RECTIFYING,)),
    ("已销号", (FindingState.CLOSED,)),
)


@dataclass(frozen=True)
class Row:
    """One line of the page: a ledger entry, or a notice of the latest run (not on the ledger)."""

    code: FindingCode
    unit_id: int | None
    unit_name: str
    message: str
    figures: dict[str, Any]
    records: dict[str, Any]
    entry: health.LedgerEntry | None

    @property
    def state(self) -> FindingState | None:
        return self.entry.state if self.entry else None

    @property
    def present(self) -> bool:
        return self.entry.present if self.entry else True


def state_text(row: Row) -> str:
    if row.entry is None:
        return "预告（不列入台账）"
    text = row.entry.state.label
    if not row.entry.present:
        return text + "（已未发现）"
    if row.entry.state is FindingState.CLOSED:
        return text + "（仍发现）"
    return text


COLUMNS = (
    Column("类别", lambda r: r.code.label, colour=lambda r: SEVERITY_COLOURS[r.code.severity]),
    Column("单位", lambda r: r.unit_name or "（全县）"),
    Column("说明", lambda r: r.message),
    Column("状态", state_text, colour=lambda r: GREY if r.state is FindingState.CLOSED else None),
    Column("首次发现", lambda r: r.entry.first_seen if r.entry else None),
    Column("最近发现", lambda r: r.entry.last_seen if r.entry else None),
)
PEOPLE_COLUMNS = (
    Column("姓名", lambda p: p.name),
    Column("身份证号", lambda p: p.id_number),
    Column("出生日期", lambda p: p.birth_date),
    Column("单位", lambda p: p.unit_name),
)
FIGURE_NAMES = {
    "approved": "核定",
    "enrolled": "在编",
    "reserved": "已核准未入编",
    "vacancy": "空编",
    "over": "超出",
    "kind": "编制类型",
    "tier": "职数层级",
    "filled": "实配",
    "seats": "名额",
    "used": "已使用",
    "remaining": "尚余",
    "valid_until": "有效期至",
    "document": "文号",
    "retires_on": "法定退休日期",
    "days_past": "已到龄天数",
    "days_left": "距到龄天数",
    "people": "人数",
    "limit_days": "时限（工作日）",
    "earliest_deadline": "最早应出编日期",
    "count": "党政机构数",
    "cap": "机构限额",
    "since": "最近变动",
    "months": "闲置月数",
    "id_number": "身份证号",
    "problems": "问题",
    "enrollments": "在编记录数",
    "birth_date": "出生日期",
    "category": "机构类别",
    "abolished_on": "撤销日期",
    "audit_id": "审计记录编号",
    "at": "时间",
    "action": "操作",
    "checked": "已核对审计记录",
    "rows": "不符行数",
}


def run_and_record(ctx: AppContext, as_of: dt.date | None = None) -> list[HealthFinding]:
    """Run the check and enter it on the ledger (one transaction); returns every finding."""
    return health.check_county(ctx.db, ctx.actor, as_of).findings


class HealthPage(QWidget):
    unit_requested = Signal(int)
    checked = Signal()  # a run finished and the page shows it

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, run_now: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("healthPage")
        self.ctx = ctx
        self.rows: list[Row] = []
        self.notices: list[HealthFinding] = []
        self.last_run: dt.datetime | None = None
        self.task = None
        self.windows: list[QWidget] = []
        self.masked = not may_see_id_numbers(ctx.actor)
        self._build()
        self.reload()
        if run_now:
            self.run_check()

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        self.title = QLabel(self.tr("体检与整改台账"))
        self.title.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.summary = QLabel()
        self.summary.setObjectName("healthSummary")
        self.run_button = QPushButton(self.tr("运行体检"))
        self.run_button.setObjectName("runCheckButton")
        self.export_button = QPushButton(self.tr("导出Excel…"))
        self.export_button.setObjectName("exportFindingsButton")
        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.summary, 1)
        top.addWidget(self.run_button)
        top.addWidget(self.export_button)

        self.codes = QListWidget()
        self.codes.setObjectName("codeList")
        self.codes.setMinimumWidth(150)
        self.codes.setMaximumWidth(210)
        self.state_combo = QComboBox()
        self.state_combo.setObjectName("stateCombo")
        for label, _states in STATE_FILTERS:
            self.state_combo.addItem(self.tr(label))
        self.search = QLineEdit()
        self.search.setObjectName("findingSearch")
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("按单位或说明筛选"))
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("状态")))
        filters.addWidget(self.state_combo)
        filters.addWidget(self.search, 1)

        self.model = RowsModel(COLUMNS, [], self)
        self.table = make_table(self.model, "findingsTable")
        header = self.table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, width in enumerate((124, 170, 300, 96, 84, 84)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.detail = QLabel()
        self.detail.setObjectName("findingDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.people_model = RowsModel(PEOPLE_COLUMNS, [], self)
        self.people_table = make_table(self.people_model, "peopleBehindTable")
        self.history = QPlainTextEdit()
        self.history.setObjectName("findingHistory")
        self.history.setReadOnly(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.people_table, self.tr("涉及人员"))
        self.tabs.addTab(self.history, self.tr("整改记录"))
        self.unit_button = QPushButton(self.tr("打开单位"))
        self.unit_button.setObjectName("openUnitButton")
        self.rectify_button = QPushButton(self.tr("开始整改…"))
        self.rectify_button.setObjectName("rectifyButton")
        self.close_button = QPushButton(self.tr("销号…"))
        self.close_button.setObjectName("closeFindingButton")
        actions = QHBoxLayout()
        actions.addWidget(self.unit_button)
        actions.addStretch(1)
        actions.addWidget(self.rectify_button)
        actions.addWidget(self.close_button)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.detail)
        lower_layout.addWidget(self.tabs, 1)
        lower_layout.addLayout(actions)

        right = QSplitter(Qt.Orientation.Vertical)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addLayout(filters)
        upper_layout.addWidget(self.table, 1)
        right.addWidget(upper)
        right.addWidget(lower)
        right.setSizes([420, 300])
        body = QSplitter()
        body.addWidget(self.codes)
        body.addWidget(right)
        body.setStretchFactor(0, 0)
        body.setStretchFactor(1, 1)
        body.setSizes([190, 10_000])  # the list as narrow as its labels, the findings take the rest
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)

        self.run_button.clicked.connect(self.run_check)
        self.export_button.clicked.connect(self.export)
        self.codes.currentRowChanged.connect(lambda _row: self.apply_filter())
        self.state_combo.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.search.textChanged.connect(lambda _text: self.apply_filter())
        self.table.selectionModel().currentRowChanged.connect(lambda _current, _previous: self.show_current())
        self.people_table.doubleClicked.connect(self._open_person)
        self.unit_button.clicked.connect(self._open_unit)
        self.rectify_button.clicked.connect(self.rectify)
        self.close_button.clicked.connect(self.close_finding)
        self.show_current()

    # -- data -------------------------------------------------------------------------------------
    def run_check(self) -> None:
        """Run the check on the task runner and enter it on the ledger."""
        if self.task is not None:
            return
        self.run_button.setEnabled(False)
        self.summary.setText(self.tr("正在体检……"))
        ctx = self.ctx
        self.task = run_task(
            self,
            self.tr("体检"),
            lambda _progress, _cancelled: run_and_record(ctx),
            self._checked,
            self._failed,
            label=self.tr("正在检查全县的机构、编制和人员……"),
            cancellable=False,
        )

    def _checked(self, findings: list[HealthFinding]) -> None:
        self.task = None
        self.run_button.setEnabled(True)
        self.notices = [finding for finding in findings if not finding.code.tracked]
        self.last_run = dt.datetime.now()
        self.reload()
        self.checked.emit()

    def _failed(self, error: BaseException) -> None:
        self.task = None
        self.run_button.setEnabled(True)
        self.summary.setText(self.tr("体检未完成"))
        show_error(self, self.tr("体检"), error)

    def reload(self) -> None:
        with self.ctx.read() as uow:
            entries = health.list_entries(uow)
        rows = [Row(e.code, e.unit_id, e.unit_name, e.message, e.figures, e.records, e) for e in entries]
        rows += [
            Row(f.code, f.unit_id, f.unit_name, f.message, f.figures, dict(f.records), None)
            for f in self.notices
        ]
        order = {code: index for index, code in enumerate(FindingCode)}
        rows.sort(key=lambda r: (order[r.code], r.state is FindingState.CLOSED, r.unit_name))
        self.rows = rows
        self._fill_codes()
        self.apply_filter()
        open_rows = [r for r in rows if r.state is not FindingState.CLOSED]
        problems = sum(1 for r in open_rows if r.code.severity is Severity.PROBLEM)
        when = self.tr("，体检时间 {0}").format(self.last_run.strftime("%H:%M")) if self.last_run else ""
        self.summary.setText(
            self.tr("未销号 {0} 项，其中问题 {1} 项{2}").format(len(open_rows), problems, when)
        )

    def refresh(self) -> None:
        self.run_check()

    def _fill_codes(self) -> None:
        current = self.selected_code()
        counts = {code: 0 for code in FindingCode}
        for row in self.rows:
            if row.state is not FindingState.CLOSED:
                counts[row.code] += 1
        self.codes.blockSignals(True)
        self.codes.clear()
        total = QListWidgetItem(self.tr("全部（{0}）").format(sum(counts.values())))
        self.codes.addItem(total)
        for code in FindingCode:
            item = QListWidgetItem(f"{code.label}（{counts[code]}）")
            item.setData(Qt.ItemDataRole.UserRole, code.value)
            item.setToolTip(code.severity.label)
            colour = SEVERITY_COLOURS[code.severity] if counts[code] else QColor("#95a5a6")
            item.setForeground(QBrush(colour))
            self.codes.addItem(item)
        row = 0 if current is None else list(FindingCode).index(current) + 1
        self.codes.setCurrentRow(row)
        self.codes.blockSignals(False)

    def selected_code(self) -> FindingCode | None:
        item = self.codes.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return FindingCode(value) if value else None

    def select_code(self, code: FindingCode | None) -> None:
        self.codes.setCurrentRow(0 if code is None else list(FindingCode).index(code) + 1)

    def apply_filter(self) -> None:
        code = self.selected_code()
        states = STATE_FILTERS[max(self.state_combo.currentIndex(), 0)][1]
        text = self.search.text().strip()
        shown = [
            row
            for row in self.rows
            if (code is None or row.code is code)
            and row.state in states
            and (not text or text in row.unit_name or text in row.message)
        ]
        self.model.set_rows(shown)
        if shown:
            self.table.selectRow(0)
        self.show_current()

    # -- the selected finding ---------------------------------------------------------------------
    def current(self) -> Row | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() and index.row() < len(self.model.rows) else None

    def show_current(self) -> None:
        row = self.current()
        can_rectify = self.ctx.actor.has(Role.CLERK)
        can_close = self.ctx.actor.has(Role.REVIEWER) or self.ctx.actor.has(Role.APPROVER)
        self.unit_button.setEnabled(bool(row and row.unit_id))
        self.rectify_button.setEnabled(bool(row and row.state is FindingState.FOUND and can_rectify))
        self.close_button.setEnabled(
            bool(row and row.state in (FindingState.FOUND, FindingState.RECTIFYING) and can_close)
        )
        if row is None:
            self.detail.setText(self.tr("选择一项查看详情。"))
            self.people_model.set_rows([])
            self.history.setPlainText("")
            return
        figures = "；".join(f"{FIGURE_NAMES.get(k, k)} {v}" for k, v in row.figures.items())
        self.detail.setText(
            f"<b>{row.code.label}</b>（{row.code.severity.label}）：{row.message}<br>{figures}"
        )
        people_ids = row.records.get("person", [])
        with self.ctx.read() as uow:
            people = health.people_behind(uow, people_ids)
            steps = health.steps(uow, row.entry.id) if row.entry else []
        if self.masked:
            people = [replace(p, id_number=mask_id_number(p.id_number)) for p in people]
        self.people_model.set_rows(people)
        self.people_table.resizeColumnsToContents()
        shown = len(people_ids) if len(people_ids) <= len(people) else f"{len(people)}/{len(people_ids)}"
        self.tabs.setTabText(0, self.tr("涉及人员（{0}）").format(shown))
        self.history.setPlainText(
            "\n".join(
                f"{s.at:%Y-%m-%d %H:%M}  {s.username}  "
                f"{s.from_state.label if s.from_state else '—'} → {s.to_state.label}"
                f"{'  ' + s.note if s.note else ''}{'  依据：' + s.document_number if s.document_number else ''}"
                for s in steps
            )
            or self.tr("（预告类，不列入整改台账）")
        )

    def _open_unit(self) -> None:
        row = self.current()
        if row is not None and row.unit_id:
            self.unit_requested.emit(row.unit_id)

    def _open_person(self, index: QModelIndex) -> QWidget | None:
        from bianzhi_desktop.gui.pages.person import PersonWindow

        if not index.isValid():
            return None
        window = PersonWindow(self.ctx, self.people_model.row(index.row()).id, self)
        window.unit_requested.connect(self.unit_requested)
        window.finished.connect(
            lambda _result: self.windows.remove(window) if window in self.windows else None
        )
        self.windows.append(window)
        window.show()
        return window

    def rectify(self) -> RectifyDialog | None:
        row = self.current()
        if row is None or row.entry is None:
            return None
        dialog = RectifyDialog(self.ctx, row.entry, self)
        dialog.saved.connect(lambda _entry: self._after_step(row.entry.id if row.entry else None))
        dialog.open()
        return dialog

    def close_finding(self) -> CloseDialog | None:
        row = self.current()
        if row is None or row.entry is None:
            return None
        dialog = CloseDialog(self.ctx, row.entry, self)
        dialog.saved.connect(lambda _entry: self._after_step(row.entry.id if row.entry else None))
        dialog.open()
        return dialog

    def _after_step(self, entry_id: int | None) -> None:
        self.reload()
        for number, row in enumerate(self.model.rows):
            if row.entry is not None and row.entry.id == entry_id:
                self.table.selectRow(number)
                break

    # -- export -----------------------------------------------------------------------------------
    def export(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / self.tr("体检问题清单-{0}.xlsx").format(dt.date.today().isoformat()))
        path = ask_export_file(self, suggested)
        if not path:
            return
        ctx, notices = self.ctx, list(self.notices)

        def work(_progress, _cancelled) -> Path:  # type: ignore[no-untyped-def]
            with ctx.write() as uow:
                target = health.export_findings(uow, ctx.actor, path, notices)
                uow.commit()
            return target

        self.export_task = run_task(
            self,
            self.tr("导出体检问题清单"),
            work,
            lambda target: self.summary.setText(self.tr("已导出：{0}").format(target)),
            lambda error: show_error(self, self.tr("导出体检问题清单"), error),
            cancellable=False,
        )


def ask_export_file(parent: QWidget, suggested: str) -> str | None:
    """The file dialog for the export target (tests replace this function)."""
    path, _ = QFileDialog.getSaveFileName(
        parent, parent.tr("导出体检问题清单"), suggested, parent.tr("Excel 工作簿 (*.xlsx)")
    )
    return path or None
