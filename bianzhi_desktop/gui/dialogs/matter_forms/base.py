"""The guided form every kind of matter shares (shell designed in ui/matter_form.ui): the kind's own
fields in a grid (label, input, message beside it), and below them the figures the matter will change,
before → after, recomputed as the user types (matters.change_preview applies the matter in a
savepoint and rolls it back). A refusal (over the vacancy, expired plan…) shows there with its figures
before anything is saved.

保存草稿 (Enter) keeps a draft; 保存并提交 also submits it, all in one transaction: a refused submission
keeps nothing and the form stays open with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.errors import BianzhiError, ValidationError
from bianzhi_desktop.domain.quota import LeaderPostFigures, QuotaFigures
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.common import (
    COLOURS,
    ERROR,
    NOTE,
    OK,
    FormDialog,
    check_date,
    combo_choice,
    fill_combo,
    make_searchable,
)
from bianzhi_desktop.gui.forms.ui_matter_form import Ui_MatterForm
from bianzhi_desktop.gui.hooks import require_hooks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services import ledger, matters, org

PREVIEW_COLUMNS = ("单位", "项目", "核定", "在编（实配）", "已核准未入编", "空编")


def _arrow(before: int, after: int) -> str:
    return f"{before} → {after}" if before != after else str(after)


class EnumCombo(QComboBox):
    """A pick list of a Labelled enum whose data comes back as the enum member (Qt keeps plain str)."""

    def __init__(self, labelled: Any) -> None:
        super().__init__()
        self.labelled = labelled

    def currentData(self, role: int = Qt.ItemDataRole.UserRole) -> Any:
        value = super().currentData(role)
        return self.labelled(value) if value is not None else None


class MatterFormDialog(FormDialog):
    """Base of the guided forms: subclasses set KIND and HINT, add rows in `build()`, check them in
    `check()`, return the content in `content()` and fill the fields from a draft in `load()`."""

    KIND: m.MatterKind
    HINT = ""
    # Hooks of each kind's form (gui.hooks), besides FormDialog's `check`: add the rows with `row()`;
    # the content from the fields (called only when no field shows an error); fill the fields from a draft.
    _partial = True
    build: Callable[[], None]
    content: Callable[[], m.Content]
    load: Callable[[m.Content], None]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        require_hooks(cls, "build", "content", "load")

    def __init__(
        self,
        ctx: AppContext,
        parent: QWidget | None = None,
        *,
        matter_id: int | None = None,
        content: m.Content | None = None,
    ) -> None:
        super().__init__(ctx, Ui_MatterForm(), parent)
        self.setObjectName(f"matterForm_{self.KIND.value}")
        self.matter_id = matter_id
        self.submit_after_save = False
        self.preview_result: matters.Preview | None = None
        self.refusal = ""
        ui = self.ui
        verb = self.tr("修改") if matter_id else self.tr("新建")
        self.setWindowTitle(self.tr("{0}机构编制事项：{1}").format(verb, self.KIND.label))
        ui.headerLabel.setText(self.KIND.label)
        ui.hintLabel.setText(self.HINT)
        ui.hintLabel.setVisible(bool(self.HINT))
        # The fields scroll when the screen is too short for them all (a 768-pixel laptop): the
        # figures and the buttons below stay in view.
        host = QVBoxLayout(ui.fieldsHost)
        host.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea()
        self.scroll.setObjectName("fieldsScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fields = QWidget()
        fields.setObjectName("fields")
        self.scroll.setWidget(fields)
        host.addWidget(self.scroll)
        ui.fieldsHost.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        ui.mainLayout.setStretchFactor(ui.fieldsHost, 3)
        ui.mainLayout.setStretchFactor(ui.previewGroup, 2)
        self.grid = QGridLayout(fields)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(8)
        self.grid.setColumnStretch(1, 3)
        self.grid.setColumnStretch(2, 2)
        self.save_button.setText(self.tr("保存草稿"))
        self.save_button.setToolTip(self.tr("保存为草稿，以后再提交（Enter）"))
        self.submit_button: QPushButton = ui.buttonBox.addButton(
            self.tr("保存并提交"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.submit_button.setObjectName("saveAndSubmitButton")
        self.submit_button.setToolTip(self.tr("保存并提交审核（提交时按现有数字检查，不符合规定的不能提交）"))
        self.submit_button.clicked.connect(self.save_and_submit)
        table = ui.previewTable
        table.setColumnCount(len(PREVIEW_COLUMNS))
        table.setHorizontalHeaderLabels([self.tr(title) for title in PREVIEW_COLUMNS])
        table.verticalHeader().hide()
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(64)
        self._building = True  # no checks while the fields are being made and filled
        self.build()
        if content is not None:
            self.load(content)
        self._building = False
        self.changed()
        self.resize(max(self.width(), 880), 600)
        self.fit_height()

    def fit_height(self) -> None:
        """Tall enough to show every field without scrolling, where the screen allows it."""
        fields = self.scroll.widget()
        fields.layout().activate()
        needed = fields.sizeHint().height() + 4
        self.scroll.setMinimumHeight(min(needed, 260))
        rest = self.sizeHint().height() - self.scroll.sizeHint().height()
        screen = self.screen().availableGeometry().height() if self.screen() else 1000
        height = min(max(needed + rest, 600), screen - 60)
        if self.height() < height:
            self.resize(self.width(), height)

    # -- building the fields ---------------------------------------------------------------------------

    def row(self, label: str, widget: QWidget, name: str | None = None) -> QWidget:
        """One row: label, input, message beside it (registered under the Chinese field name)."""
        line = self.grid.rowCount()
        caption = QLabel(label + "：")
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        caption.setBuddy(widget)
        self.grid.addWidget(caption, line, 0)
        self.grid.addWidget(widget, line, 1)
        if name is not None:
            message = QLabel()
            message.setWordWrap(True)
            message.setMinimumWidth(240)
            message.setObjectName(f"message_{widget.objectName()}")
            self.grid.addWidget(message, line, 2)
            self.field(name, message, widget)
        self.watch(widget)
        return widget

    def wide_row(self, label: str, widget: QWidget, name: str | None = None) -> QWidget:
        """A row for a table or list: the input spans the input and message columns, its message
        (when named) on the line below."""
        line = self.grid.rowCount()
        caption = QLabel(label + "：")
        caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        caption.setBuddy(widget)
        self.grid.addWidget(caption, line, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(widget, line, 1, 1, 2)
        if name is not None:
            message = QLabel()
            message.setWordWrap(True)
            message.setObjectName(f"message_{widget.objectName()}")
            self.grid.addWidget(message, line + 1, 1, 1, 2)
            self.field(name, message, widget)
        self.watch(widget)
        return widget

    def show_row(self, widget: QWidget, visible: bool) -> None:
        """Show or hide a row: its caption, its input and its message."""
        message = next((self.messages[n] for n, w in self._focus.items() if w is widget), None)
        for index in range(self.grid.count()):
            item = self.grid.itemAt(index).widget()
            if item is widget or item is message or (isinstance(item, QLabel) and item.buddy() is widget):
                item.setVisible(visible)

    def watch(self, widget: QWidget) -> None:
        """Recheck and recompute the preview whenever the widget changes."""
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self.changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self.changed)
            if widget.isEditable():
                widget.editTextChanged.connect(self.changed)
        elif isinstance(widget, QSpinBox):
            widget.valueChanged.connect(self.changed)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self.changed)

    def line_edit(self, object_name: str, placeholder: str = "", text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.setObjectName(object_name)
        edit.setPlaceholderText(placeholder)
        return edit

    def date_edit(self, object_name: str, day: dt.date | None = None) -> QLineEdit:
        return self.line_edit(object_name, self.tr("如：2026-12-01"), (day or dt.date.today()).isoformat())

    def spin(self, object_name: str, low: int, high: int, value: int) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(object_name)
        box.setRange(low, high)
        box.setValue(value)
        return box

    def unit_combo(self, object_name: str, *, blank: str | None = None) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(object_name)
        with self.ctx.read() as uow:
            choices = [(u.name, u.id) for u in org.list_units(uow)]
        fill_combo(combo, choices, blank=blank)
        make_searchable(combo)
        combo.setCurrentIndex(-1 if blank is None else 0)
        combo.lineEdit().setPlaceholderText(self.tr("输入单位名称的任意部分选择"))
        return combo

    def kind_combo(self, object_name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(object_name)
        with self.ctx.read() as uow:
            fill_combo(combo, [(k.name, k.name) for k in ledger.list_kinds(uow)])
        return combo

    def enum_combo(self, object_name: str, labelled: Any, *, blank: str | None = None) -> QComboBox:
        combo = EnumCombo(labelled)
        combo.setObjectName(object_name)
        fill_combo(combo, [(item.label, item) for item in labelled], blank=blank)
        return combo

    # -- checking ------------------------------------------------------------------------------------
    def check_unit(self, name: str, combo: QComboBox, *, required: bool = True) -> int | None:
        unit_id = combo_choice(combo) if combo.isEditable() else combo.currentData()
        if unit_id is None and (required or combo.currentText().strip()):
            text = combo.currentText().strip()
            self.say(
                name, self.tr("没有名为“{0}”的单位，请从列表中选择").format(text) if text else self.tr("必选")
            )
            return None
        self.say(name, "")
        return unit_id

    def check_day(self, name: str, edit: QLineEdit, *, required: bool = True) -> dt.date | None:
        day, problem = check_date(edit.text(), required=required, not_future=False)
        self.say(name, problem)
        return day

    def check_text(self, name: str, edit: QLineEdit | QPlainTextEdit) -> str:
        text = edit.toPlainText() if isinstance(edit, QPlainTextEdit) else edit.text()
        self.say(name, "" if text.strip() else self.tr("必填"))
        return text.strip()

    # -- the content and the figures -------------------------------------------------------------------

    @classmethod
    def fits(cls, content: m.Content) -> bool:
        """Whether the form can show all of a draft's content (a form keeps one line of each list)."""
        return True

    def changed(self) -> None:
        if self._building:
            return
        self.check()
        self.update_preview()

    def _note(self, text: str, level: str) -> None:
        self.ui.previewNote.setText(text)
        self.ui.previewNote.setStyleSheet(f"color: {COLOURS[level]};")

    def update_preview(self) -> None:
        table = self.ui.previewTable
        self.preview_result, self.refusal = None, ""
        if self.errors():
            table.setRowCount(0)
            self._note(self.tr("填写完整后，这里显示批准后将变动的数字。"), NOTE)
            return
        try:
            content = self.content()
            with self.ctx.read() as uow:
                result = matters.preview(uow, self.ctx.actor, content)
        except BianzhiError as error:
            table.setRowCount(0)
            field = getattr(error, "field", None)
            field = self.aliases.get(field, field) if field else None
            if field in self.messages and isinstance(error, ValidationError):
                self.say(field, error.rule)
            self.refusal = str(error)
            self._note(self.tr("不能办理：{0}").format(error), ERROR)
            return
        self.preview_result = result
        self._fill(result)

    def _fill(self, result: matters.Preview) -> None:
        rows = preview_rows(result)
        table = self.ui.previewTable
        table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if "→" in value:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                if c == 5 and value.split("→")[-1].strip().startswith("-"):
                    item.setForeground(Qt.GlobalColor.red)
                table.setItem(r, c, item)
        people = []
        if result.people_in:
            people.append(self.tr("入编{0}人").format(result.people_in))
        if result.people_out:
            people.append(self.tr("出编{0}人").format(result.people_out))
        text = "；".join(people + list(result.warnings))
        if not rows and not text:
            text = self.tr("本事项不改变编制和领导职数的数字。")
        self._note(text or self.tr("可以提交。"), OK if not result.warnings else NOTE)

    # -- saving --------------------------------------------------------------------------------------
    def save_and_submit(self) -> None:
        self.submit_after_save = True
        try:
            self.accept()
        finally:
            self.submit_after_save = False

    def save(self, uow: UnitOfWork) -> int:
        content = self.content()
        if self.matter_id is None:
            matter_id = matters.create_draft(uow, self.ctx.actor, content)
        else:
            matters.edit_draft(uow, self.ctx.actor, self.matter_id, content)
            matter_id = self.matter_id
        if self.submit_after_save:
            matters.submit(uow, self.ctx.actor, matter_id)
        return matter_id


def preview_rows(result: matters.Preview) -> list[tuple[str, ...]]:
    """The preview as table rows: quotas, leader posts, the county pool (PREVIEW_COLUMNS)."""
    rows: list[tuple[str, ...]] = []
    for line in result.quotas:
        rows.append(_quota_row(line.unit_name + ("（新设）" if line.unit_id is None else ""), line))
    created = {line.unit_name for line in result.quotas if line.unit_id is None}
    for line in result.leader_posts:
        unit = line.unit_name + ("（新设）" if line.unit_name in created else "")
        rows.append(_leader_row(unit, line.tier.label, line.before, line.after))
    for line in result.pool:
        rows.append(("编制周转池", line.kind_name, _arrow(line.before, line.after), "", "", ""))
    return rows


def _quota_row(unit: str, line: matters.QuotaChangeLine) -> tuple[str, ...]:
    b: QuotaFigures = line.before
    a: QuotaFigures = line.after
    return (
        unit,
        line.kind_name,
        _arrow(b.approved, a.approved),
        _arrow(b.enrolled, a.enrolled),
        _arrow(b.reserved, a.reserved),
        _arrow(b.vacancy, a.vacancy),
    )


def _leader_row(unit: str, tier: str, b: LeaderPostFigures, a: LeaderPostFigures) -> tuple[str, ...]:
    return (unit, "领导职数：" + tier, _arrow(b.approved, a.approved), _arrow(b.filled, a.filled), "", "")
