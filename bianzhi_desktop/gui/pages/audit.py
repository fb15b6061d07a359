"""操作日志 (administrators): who changed what, when, from what to what; filtered by user, text and dates.

The newest `LIMIT` records that match are shown; the details below the table list every changed field
as old → new.
"""

from __future__ import annotations

import datetime as dt
import json

from PySide6.QtCore import QDate, QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import (
    Education,
    Funding,
    Labelled,
    LeaderTier,
    NameKind,
    PoliticalStatus,
    Rank,
    RemovalReason,
    RetirementCategory,
    Role,
    Sex,
    UnitCategory,
    UnitStatus,
    UnitSystem,
)
from bianzhi_desktop.domain.health import FindingState
from bianzhi_desktop.domain.matters import MatterState, StepAction
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.models.rows import Column, RowsModel
from bianzhi_desktop.gui.pages.drilldown import make_table
from bianzhi_desktop.services import admin
from bianzhi_desktop.services.admin import AuditLine

LIMIT = 500
DEBOUNCE_MS = 200
EARLIEST = QDate(2000, 1, 1)  # shown as “不限”

ACTIONS = {
    "unit.create": "新建机构",
    "unit.update": "修改机构",
    "unit.abolish": "撤销机构",
    "unit.add_name": "加挂牌子",
    "division.add": "设内设机构",
    "division.update": "修改内设机构",
    "division.abolish": "撤销内设机构",
    "charter.issue": "登记三定规定",
    "quota.entry": "核定编制",
    "leader_posts.entry": "核定领导职数",
    "person.create": "登记人员",
    "person.register": "批量登记人员",
    "person.update": "修改人员",
    "enrollment.start": "入编",
    "enrollment.end": "出编",
    "hiring_plan.add": "用编计划",
    "document.register": "登记文件",
    "document.issue": "编发文号",
    "setting.change": "修改设置",
    "initialisation.close": "结束初始化录入",
    "initialisation.reopen": "重新打开初始化录入",
    "user.add": "添加用户",
    "user.roles": "修改角色",
    "user.reset_password": "重设密码",
    "user.sign_in": "登录",
    "user.locked": "锁定账户",
    "quota_kind.add": "添加编制类型",
    "unit.amend": "调整机构",
    "division.move": "调整内设机构",
    "hiring_plan.cancel": "作废用编计划",
    "hiring_plan.move": "转移用编计划",
    "quota_pool.entry": "编制周转池",
    "import.roster": "导入人员名册",
    "import.ledger": "导入编制台账",
    "export.roster": "导出人员名册",
    "export.ledger": "导出编制台账",
    "export.summary": "导出汇总表",
    "export.posting": "导出公示表",
    "health.record": "体检",
    "health.export": "导出体检结果",
    "finding.rectify": "整改",
    "finding.close": "整改销号",
}
# 机构编制事项: "matter.<step>" with the step's label (起草, 提交, 审核通过, 批准 …).
MATTER_PREFIX = "matter."
# Fields whose stored values are codes of a labelled enum, by table: shown by their Chinese label.
CODED_VALUES: dict[tuple[str, str], type[Labelled]] = {
    ("matter", "state"): MatterState,
    ("finding", "state"): FindingState,
    ("person", "sex"): Sex,
    ("person", "education"): Education,
    ("person", "political_status"): PoliticalStatus,
    ("person", "retirement_category"): RetirementCategory,
    ("unit", "category"): UnitCategory,
    ("unit", "rank"): Rank,
    ("unit", "system"): UnitSystem,
    ("unit", "funding"): Funding,
    ("unit", "status"): UnitStatus,
    ("unit_name", "kind"): NameKind,
    ("enrollment", "end_reason"): RemovalReason,
    ("enrollment", "leader_tier"): LeaderTier,
    ("leader_post_entry", "tier"): LeaderTier,
    ("leader_post_entry", "rank"): Rank,
    ("app_user", "roles"): Role,
}

FIELDS = {
    "name": "名称",
    "short_name": "简称",
    "category": "类别",
    "rank": "规格",
    "system": "系统",
    "funding": "经费形式",
    "supervisor_id": "主管部门",
    "credit_code": "统一社会信用代码",
    "founded_on": "成立日期",
    "abolished_on": "撤销日期",
    "status": "状态",
    "position": "排序号",
    "initials": "拼音首字母",
    "duties": "职责",
    "sex": "性别",
    "id_number": "身份证号",
    "id_legacy": "旧号码",
    "birth_date": "出生日期",
    "ethnicity": "民族",
    "education": "学历",
    "political_status": "政治面貌",
    "retirement_category": "退休类别",
    "unit_id": "单位",
    "kind_id": "编制类型",
    "division_id": "内设机构",
    "delta": "变动数",
    "effective_on": "生效日期",
    "reason": "事由",
    "start_on": "入编时间",
    "end_on": "出编时间",
    "end_reason": "出编原因",
    "person_id": "人员",
    "leader_tier": "领导职务层级",
    "tier": "层级",
    "seats": "名额",
    "approved_on": "核准日期",
    "valid_until": "有效期至",
    "version": "版本",
    "document": "文号",
    "number": "文号",
    "title": "标题",
    "state": "状态",
    "username": "用户名",
    "display_name": "姓名",
    "roles": "角色",
    "active": "启用",
    "kind": "类型",
    "new": "新发现",
    "reopened": "重新出现",
    "gone": "已消除",
    "closed_on": "销号日期",
    "institution_cap": "机构限额",
    "file": "文件",
    "rows": "行数",
    "persons": "人数",
    "person_ids": "登记的人员（编号）",
    "enrollment_ids": "入编记录（编号）",
}


def action_label(action: str) -> str:
    if action.startswith(MATTER_PREFIX):
        step = _label(StepAction, action.removeprefix(MATTER_PREFIX))
        return f"事项{step}" if step is not None else action
    return ACTIONS.get(action, action)


def _label(enum: type[Labelled], code: object) -> str | None:
    try:
        return enum(code).label
    except ValueError:
        return None


def _value(value: object, coded: type[Labelled] | None = None) -> str:
    if value is None or value == "":
        return "（空）"
    if coded is not None and isinstance(value, str) and "," in value:  # several codes: a user's roles
        value = value.split(",")
    if coded is not None and isinstance(value, list):
        return "、".join(_label(coded, code) or str(code) for code in value)
    if coded is not None and (label := _label(coded, value)) is not None:
        return label
    if _is_id_ranges(value):  # an import's records as [first, last] runs of ids
        return "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in value)  # type: ignore[attr-defined]
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def _is_id_ranges(value: object) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(
            isinstance(run, list) and len(run) == 2 and all(isinstance(n, int) for n in run) for run in value
        )
    )


def field_label(table: str, field: str) -> str:
    if table == "person" and field == "name":
        return "姓名"
    return FIELDS.get(field, field)


def changes_text(line: AuditLine, separator: str = "；") -> str:
    """“名称：旧 → 新；规格：…”."""
    parts = []
    for field, pair in line.changes.items():
        old, new = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        coded = CODED_VALUES.get((line.table_name, field))
        parts.append(f"{field_label(line.table_name, field)}：{_value(old, coded)} → {_value(new, coded)}")
    return separator.join(parts)


AUDIT_COLUMNS = (
    Column("时间", lambda r: r.at),
    Column("用户", lambda r: r.username),
    Column("操作", lambda r: action_label(r.action)),
    Column("摘要", lambda r: r.summary),
    Column("变更（原值 → 新值）", changes_text),
)


class AuditPage(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("auditPage")
        self.user_combo = QComboBox()
        self.user_combo.setObjectName("auditUser")
        self.user_combo.setMinimumWidth(160)
        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("auditText")
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setPlaceholderText(self.tr("摘要中包含的文字，如机构名称、姓名、文号"))
        self.since_edit = self._date_edit("auditSince")
        self.until_edit = self._date_edit("auditUntil")
        self.clear_button = QPushButton(self.tr("清除条件"))
        self.clear_button.setObjectName("auditClear")
        self.count_label = QLabel()
        self.count_label.setObjectName("auditCount")
        self.model = RowsModel(AUDIT_COLUMNS, parent=self)
        self.table = make_table(self.model, "auditTable")
        self.table.selectionModel().currentRowChanged.connect(self._show_details)
        self.details = QPlainTextEdit()
        self.details.setObjectName("auditDetails")
        self.details.setReadOnly(True)
        self.details.setPlaceholderText(self.tr("选中一条记录，在此查看全部变更。"))

        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("用户：")))
        filters.addWidget(self.user_combo)
        filters.addWidget(QLabel(self.tr("内容：")))
        filters.addWidget(self.text_edit, 1)
        filters.addWidget(QLabel(self.tr("日期：")))
        filters.addWidget(self.since_edit)
        filters.addWidget(QLabel(self.tr("至")))
        filters.addWidget(self.until_edit)
        filters.addWidget(self.clear_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(splitter, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.apply_filter)
        self.text_edit.textChanged.connect(lambda _text: self.timer.start())
        self.user_combo.currentIndexChanged.connect(lambda _index: self.apply_filter())
        self.since_edit.dateChanged.connect(lambda _date: self.apply_filter())
        self.until_edit.dateChanged.connect(lambda _date: self.apply_filter())
        self.clear_button.clicked.connect(self.clear_filters)
        self._fill_users()
        self.apply_filter()

    def _date_edit(self, name: str) -> QDateEdit:
        edit = QDateEdit()
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setMinimumDate(EARLIEST)
        edit.setSpecialValueText(self.tr("不限"))
        edit.setDate(EARLIEST)
        edit.setMinimumWidth(120)
        return edit

    def _fill_users(self) -> None:
        with self.ctx.read() as uow:
            people = admin.list_users(uow)
        self.user_combo.blockSignals(True)
        self.user_combo.clear()
        self.user_combo.addItem(self.tr("全部用户"), None)
        for user in people:
            self.user_combo.addItem(f"{user.display_name}（{user.username}）", user.username)
        self.user_combo.blockSignals(False)

    @staticmethod
    def _day(edit: QDateEdit) -> dt.date | None:
        date = edit.date()
        return None if date == EARLIEST else dt.date(date.year(), date.month(), date.day())

    def apply_filter(self) -> None:
        self.timer.stop()
        with self.ctx.read() as uow:
            lines = admin.list_audit(
                uow,
                self.ctx.actor,
                username=self.user_combo.currentData(),
                text=self.text_edit.text().strip() or None,
                since=self._day(self.since_edit),
                until=self._day(self.until_edit),
                limit=LIMIT,
            )
        self.model.set_rows(lines)
        self.table.resizeColumnsToContents()
        for column in (3, 4):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 420))
        if len(lines) >= LIMIT:
            self.count_label.setText(self.tr("显示最近的{0}条记录（请缩小条件查看更早的记录）").format(LIMIT))
        else:
            self.count_label.setText(self.tr("共{0}条记录").format(len(lines)))
        self.details.clear()

    def clear_filters(self) -> None:
        for widget in (self.user_combo, self.since_edit, self.until_edit, self.text_edit):
            widget.blockSignals(True)
        self.user_combo.setCurrentIndex(0)
        self.since_edit.setDate(EARLIEST)
        self.until_edit.setDate(EARLIEST)
        self.text_edit.clear()
        for widget in (self.user_combo, self.since_edit, self.until_edit, self.text_edit):
            widget.blockSignals(False)
        self.apply_filter()

    def _show_details(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        line: AuditLine = self.model.row(current.row())
        target = f"{line.table_name} #{line.record_id}" if line.record_id is not None else line.table_name
        text = [
            self.tr("时间：{0}").format(line.at.strftime("%Y-%m-%d %H:%M:%S")),
            self.tr("用户：{0}").format(line.username),
            self.tr("操作：{0}（{1}）").format(action_label(line.action), target),
            self.tr("摘要：{0}").format(line.summary),
            self.tr("变更："),
            changes_text(line, "\n") or self.tr("（无字段变更）"),
        ]
        self.details.setPlainText("\n".join(text))

    def refresh(self) -> None:
        self._fill_users()
        self.apply_filter()
