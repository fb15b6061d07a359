"""结束初始化录入: the go-live checklist with ticks, the switch, and reopening (系统 menu).

Only an administrator may end or reopen initialisation; anyone else sees the checklist with the buttons
greyed and the reason beside them. With an item still open, ending takes a reason (recorded with the
open items). Reopening takes a reason, shown on every page of the window until initialisation ends again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs import common
from bianzhi_desktop.services import admin

GREEN, RED, AMBER, GREY = "#1e8449", "#c0392b", "#9c640c", "#566573"
NO_ADMIN = "需要“管理员”角色：请管理员登录后办理。"


class GoLiveDialog(QDialog):
    """The checklist and the switch; `changed` after initialisation was ended or reopened."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.confirm = common.confirm  # tests answer for the clerk
        self.setObjectName("goLiveDialog")
        self.setWindowTitle(self.tr("结束初始化录入"))
        self.state_label = QLabel()
        self.state_label.setObjectName("goLiveState")
        self.state_label.setWordWrap(True)
        font = self.state_label.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.state_label.setFont(font)
        intro = QLabel(
            self.tr(
                "初始化录入期间可直接录入机构、三定规定、编制台账和实名制人员。结束后，机构、编制、"
                "领导职数和人员的每一项变动都须作为机构编制事项，由经办起草、审核、批准后生效。"
            )
        )
        intro.setWordWrap(True)
        intro.setStyleSheet(f"color: {GREY};")
        self.items_frame = QFrame()
        self.items_frame.setObjectName("checklist")
        self.items_frame.setFrameShape(QFrame.Shape.StyledPanel)
        self.grid = QGridLayout(self.items_frame)
        self.grid.setColumnStretch(2, 1)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(8)
        self.summary = QLabel()
        self.summary.setObjectName("checklistSummary")

        self.reason_label = QLabel(self.tr("强制结束的理由（尚有未完成项时必填，记入操作日志）："))
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("forceReasonEdit")
        self.reason_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.go_live_button = QPushButton(self.tr("结束初始化录入"))
        self.go_live_button.setObjectName("goLiveButton")
        self.go_live_button.clicked.connect(self.go_live)
        self.reopen_label = QLabel(self.tr("重新打开的理由（必填，记入操作日志，并显示在每一页上方）："))
        self.reopen_edit = QLineEdit()
        self.reopen_edit.setObjectName("reopenReasonEdit")
        self.reopen_edit.textChanged.connect(lambda _text: self._update_buttons())
        self.reopen_button = QPushButton(self.tr("重新打开初始化录入"))
        self.reopen_button.setObjectName("reopenButton")
        self.reopen_button.clicked.connect(self.reopen)
        self.why = QLabel()
        self.why.setObjectName("switchWhy")
        self.why.setWordWrap(True)
        self.why.setStyleSheet(f"color: {AMBER};")
        self.error = QLabel()
        self.error.setObjectName("goLiveError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(f"color: {RED};")
        self.error.hide()

        switch_row = QHBoxLayout()
        switch_row.addWidget(self.go_live_button)
        switch_row.addWidget(self.reopen_button)
        switch_row.addWidget(self.why, 1)
        buttons = QDialogButtonBox()
        close = buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        close.setAutoDefault(False)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(intro)
        layout.addWidget(self.items_frame)
        layout.addWidget(self.summary)
        for widget in (self.reason_label, self.reason_edit, self.reopen_label, self.reopen_edit):
            layout.addWidget(widget)
        layout.addLayout(switch_row)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(buttons)
        self.resize(760, 560)
        self.load()

    # -- showing --------------------------------------------------------------------------------------
    def load(self) -> None:
        with self.ctx.read() as uow:
            self.state = admin.initialisation_state(uow)
            self.result = admin.checklist(uow)
        state = self.state
        if not state.initialisation:
            since = f"{state.live_since:%Y-%m-%d %H:%M}" if state.live_since else ""
            self.state_label.setText(self.tr("当前：正式运行（已于{0}结束初始化录入）").format(since))
        elif state.reopened:
            self.state_label.setText(
                self.tr("当前：初始化录入（上线后重新打开，理由：{0}）").format(state.reopened_reason)
            )
        else:
            self.state_label.setText(self.tr("当前：初始化录入"))
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        for row, check in enumerate(self.result.items):
            mark = QLabel("✓" if check.done else "✗")
            mark.setObjectName(f"mark_{check.key}")
            colour = AMBER if check.relaxed else (GREEN if check.done else RED)
            mark.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: 16pt;")
            mark.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
            title = QLabel(check.label + (self.tr("（已放宽）") if check.relaxed else ""))
            title.setObjectName(f"label_{check.key}")
            title.setStyleSheet("font-weight: bold;")
            title.setAlignment(Qt.AlignmentFlag.AlignTop)
            detail = QLabel(check.detail)
            detail.setObjectName(f"detail_{check.key}")
            detail.setWordWrap(True)
            detail.setTextFormat(Qt.TextFormat.PlainText)
            detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.grid.addWidget(mark, row, 0)
            self.grid.addWidget(title, row, 1)
            self.grid.addWidget(detail, row, 2)
        total, done = len(self.result.items), len(self.result.items) - len(self.result.open_items)
        self.summary.setText(self.tr("共{0}项，已完成{1}项，未完成{2}项。").format(total, done, total - done))
        initialising = state.initialisation
        for widget in (self.reason_label, self.reason_edit):
            widget.setVisible(initialising and not self.result.ready)
        self.go_live_button.setVisible(initialising)
        for widget in (self.reopen_label, self.reopen_edit, self.reopen_button):
            widget.setVisible(not initialising)
        self._update_buttons()

    def _update_buttons(self) -> None:
        is_admin = Role.ADMIN in self.ctx.actor.roles
        if not is_admin:
            why = self.tr(NO_ADMIN)
        elif self.state.initialisation and not self.result.ready and not self.reason_edit.text().strip():
            why = self.tr("尚有{0}项未完成：请先完成，或填写强制结束的理由。").format(
                len(self.result.open_items)
            )
        elif not self.state.initialisation and not self.reopen_edit.text().strip():
            why = self.tr("请先填写重新打开的理由。")
        else:
            why = ""
        self.go_live_button.setEnabled(is_admin and not why)
        self.reopen_button.setEnabled(is_admin and not why)
        for field in (self.reason_edit, self.reopen_edit):
            field.setEnabled(is_admin)
        self.why.setText(why)

    # -- switching ------------------------------------------------------------------------------------
    def _run(self, work) -> bool:  # type: ignore[no-untyped-def]
        try:
            with self.ctx.write() as uow:
                work(uow)
                uow.commit()
        except BianzhiError as error:
            self.error.setText(str(error))
            self.error.show()
            return False
        self.error.hide()
        self.reason_edit.clear()
        self.reopen_edit.clear()
        self.load()
        self.changed.emit()
        return True

    def go_live(self) -> bool:
        reason = self.reason_edit.text().strip() or None
        text = self.tr("结束初始化录入后，机构、编制、领导职数和人员的变动只能通过审批的机构编制事项办理。")
        if not self.result.ready:
            text += self.tr("\n\n尚有{0}项未完成，将连同理由记入操作日志：{1}").format(
                len(self.result.open_items), "、".join(item.label for item in self.result.open_items)
            )
        if not self.confirm(self, self.tr("结束初始化录入"), text, self.tr("结束初始化录入")):
            return False
        actor = self.ctx.actor
        return self._run(lambda uow: admin.go_live(uow, actor, force_reason=reason))

    def reopen(self) -> bool:
        reason = self.reopen_edit.text()
        text = self.tr("重新打开后可再直接录入现状；在再次结束之前，每一页上方都会显示重新打开的理由。")
        if not self.confirm(self, self.tr("重新打开初始化录入"), text, self.tr("重新打开")):
            return False
        actor = self.ctx.actor
        return self._run(lambda uow: admin.reopen_initialisation(uow, actor, reason))
