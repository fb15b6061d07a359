"""A person's page: particulars, statutory retirement date, and every enrollment with its documents.

`PersonView` is the page; `PersonWindow` shows it in a window of its own (opened from the register,
the unit page and the drill-downs). In initialisation mode an editor can correct the particulars and
record an enrollment or a removal from here.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.idnumber import mask_id_number
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.person_dialog import retirement_text
from bianzhi_desktop.gui.models.rows import GREY, Column, RowsModel
from bianzhi_desktop.services import admin, org, register
from bianzhi_desktop.services.register import may_see_id_numbers

CLOSED_TIP = "初始化录入已关闭：此后人员的入编、出编须通过审批的机构编制事项办理。"


def _leader(line: org.EnrollmentLine) -> str:
    if line.leader_tier is None:
        return ""
    text = f"{line.leader_tier.label}（{line.leader_rank.label if line.leader_rank else ''}）"
    return text if line.counts_against_posts else text + "，不占职数"


HISTORY_COLUMNS = (
    Column("单位", lambda r: r.unit_name),
    Column("内设机构", lambda r: r.division_name),
    Column("编制类型", lambda r: r.kind_name),
    Column("岗位/职务", lambda r: r.post_title),
    Column("领导职务", _leader),
    Column("入编时间", lambda r: r.start_on),
    Column("入编文号", lambda r: r.start_document),
    Column("出编时间", lambda r: r.end_on),
    Column("出编原因", lambda r: r.end_reason),
    Column("出编文号", lambda r: r.end_document),
)


class PersonView(QWidget):
    unit_requested = Signal(int)
    changed = Signal()

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.person_id = person_id
        self.setObjectName("personView")
        self.title = QLabel()
        self.title.setObjectName("personTitle")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)
        self.status = QLabel()
        self.status.setObjectName("personStatus")
        self.alert = QLabel()
        self.alert.setObjectName("personAlert")
        self.alert.setStyleSheet("color: #c0392b;")
        self.alert.setWordWrap(True)
        self.values: dict[str, QLabel] = {}
        particulars = QGroupBox(self.tr("基本信息"))
        grid = QGridLayout(particulars)
        grid.setHorizontalSpacing(12)
        fields = (
            ("性别", "民族"),
            ("出生日期", "身份证号"),
            ("学历", "政治面貌"),
            ("退休类别", "法定退休日期"),
        )
        for row, pair in enumerate(fields):
            for column, name in enumerate(pair):
                label = QLabel(self.tr(name) + "：")
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value = QLabel()
                value.setObjectName(f"value_{name}")
                value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                self.values[name] = value
                grid.addWidget(label, row, column * 2)
                grid.addWidget(value, row, column * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 2)

        self.history_model = RowsModel(
            [
                Column(c.title, c.value, c.align, (lambda r: None if r.active else GREY))
                for c in HISTORY_COLUMNS
            ],
            parent=self,
            bold=lambda r: r.active,
        )
        self.history_table = QTableView()
        self.history_table.setObjectName("personHistory")
        self.history_table.setModel(self.history_model)
        self.history_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history_table.verticalHeader().hide()
        self.history_table.setWordWrap(False)
        self.history_table.horizontalHeader().setStretchLastSection(True)
        self.history_table.doubleClicked.connect(self._open_unit_of)
        history_box = QGroupBox(self.tr("在编记录（双击打开所在单位）"))
        QVBoxLayout(history_box).addWidget(self.history_table)

        self.edit_button = QPushButton(self.tr("修改信息"))
        self.edit_button.setObjectName("editPersonButton")
        self.enroll_button = QPushButton(self.tr("入编登记"))
        self.enroll_button.setObjectName("personEnrolButton")
        self.remove_button = QPushButton(self.tr("出编登记"))
        self.remove_button.setObjectName("personRemoveButton")
        self.unit_button = QPushButton(self.tr("打开所在单位"))
        self.unit_button.setObjectName("personUnitButton")
        self.edit_button.clicked.connect(self.edit)
        self.enroll_button.clicked.connect(self.enroll)
        self.remove_button.clicked.connect(self.remove)
        self.unit_button.clicked.connect(self._open_current_unit)

        heading = QHBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.status)
        heading.addStretch(1)
        for button in (self.unit_button, self.edit_button, self.enroll_button, self.remove_button):
            heading.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(heading)
        layout.addWidget(self.alert)
        layout.addWidget(particulars)
        layout.addWidget(history_box, 1)
        self.refresh()

    def refresh(self) -> None:
        with self.ctx.read() as uow:
            info = register.get_person(uow, self.person_id)
            lines = org.person_history(uow, self.person_id)
            initialisation = admin.office_settings(uow).initialisation
        self.info, self.lines = info, lines
        self.active = next((line for line in lines if line.active), None)
        self.title.setText(info.name)
        if self.active is not None:
            self.status.setText(
                self.tr("在编 · {0} · {1}").format(self.active.unit_name, self.active.kind_name)
            )
        elif lines:
            self.status.setText(self.tr("已出编"))
        else:
            self.status.setText(self.tr("未入编"))
        self.status.setStyleSheet("color: #1e8449;" if self.active else "color: #7f8c8d;")
        number = info.id_number if may_see_id_numbers(self.ctx.actor) else mask_id_number(info.id_number)
        values = {
            "性别": info.sex.label,
            "民族": info.ethnicity,
            "出生日期": info.birth_date.isoformat(),
            "身份证号": number + (self.tr("（15位旧号码）") if info.id_legacy else ""),
            "学历": info.education.label if info.education else "—",
            "政治面貌": info.political_status.label if info.political_status else "—",
            "退休类别": info.retirement_category.label,
            "法定退休日期": retirement_text(info.birth_date, info.retirement_category),
        }
        for name, text in values.items():
            self.values[name].setText(text)
        past = info.retirement_date <= dt.date.today()
        self.alert.setText(
            self.tr("已到法定退休年龄仍在编（到龄未出编），请办理出编。") if past and self.active else ""
        )
        self.alert.setVisible(bool(self.alert.text()))
        self.history_model.set_rows(lines)
        self.history_table.resizeColumnsToContents()
        editor = self.ctx.actor.has(Role.CLERK)
        self.edit_button.setVisible(editor)
        self.enroll_button.setVisible(editor and self.active is None)
        self.remove_button.setVisible(editor and self.active is not None)
        for button in (self.enroll_button, self.remove_button):
            button.setEnabled(initialisation)
            button.setToolTip("" if initialisation else self.tr(CLOSED_TIP))
        self.unit_button.setEnabled(bool(lines))

    # -- actions --------------------------------------------------------------------------------------
    def _open_unit_of(self, index) -> None:  # type: ignore[no-untyped-def]
        if index.isValid():
            self.unit_requested.emit(self.history_model.row(index.row()).unit_id)

    def _open_current_unit(self) -> None:
        line = self.active or (self.lines[-1] if self.lines else None)
        if line is not None:
            self.unit_requested.emit(line.unit_id)

    def _changed(self, _result: object = None) -> None:
        self.refresh()
        self.changed.emit()

    def edit(self) -> QDialog:
        from bianzhi_desktop.gui.dialogs.person_dialog import PersonDialog

        dialog = PersonDialog(self.ctx, self.person_id, self)
        dialog.saved.connect(self._changed)
        dialog.open()
        return dialog

    def enroll(self) -> QDialog:
        from bianzhi_desktop.gui.dialogs.enrollment_dialog import EnrollmentDialog

        dialog = EnrollmentDialog(self.ctx, person_id=self.person_id, parent=self)
        dialog.saved.connect(self._changed)
        dialog.open()
        return dialog

    def remove(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.enrollment_dialog import RemovalDialog

        if self.active is None:
            return None
        dialog = RemovalDialog(self.ctx, self.info.name, self.active, self)
        dialog.saved.connect(self._changed)
        dialog.open()
        return dialog


class PersonWindow(QDialog):
    """The person's page in a window of its own (not modal: several can be open)."""

    unit_requested = Signal(int)
    changed = Signal()

    def __init__(self, ctx: AppContext, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personWindow")
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.view = PersonView(ctx, person_id, self)
        self.setWindowTitle(self.tr("人员：{0}").format(self.view.info.name))
        self.view.unit_requested.connect(self.unit_requested)
        self.view.unit_requested.connect(lambda _unit: self.close())
        self.view.changed.connect(self.changed)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)
        self.resize(980, 560)
        header = self.view.history_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
