"""One staffing matter (机构编制事项): what it decides, in words; its state and document number; the
history of its steps (who, when, opinion); its printed papers (批复 and notices, opened in the print
preview); and the steps the signed-in user may take now — each asks for an opinion first. A refused
step (not your matter to approve, the vacancy gone since submission…) is shown as a message with the
reason and figures, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.domain.matters import MatterState, StepAction
from bianzhi_desktop.gui import print_actions
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.models.rows import Column, RowsModel
from bianzhi_desktop.gui.tasks import show_error
from bianzhi_desktop.services import matters
from bianzhi_desktop.services.matters import PaperRef
from bianzhi_desktop.services.register import may_see_id_numbers

STATE_COLOURS = {
    MatterState.DRAFT: "#566573",
    MatterState.SUBMITTED: "#b9770e",
    MatterState.REVIEWED: "#1f618d",
    MatterState.APPROVED: "#1e8449",
    MatterState.REJECTED: "#c0392b",
    MatterState.WITHDRAWN: "#7f8c8d",
}
# The buttons, in the order shown, with what they say
ACTIONS = (
    (StepAction.EDIT, "修改…"),
    (StepAction.SUBMIT, "提交审核…"),
    (StepAction.WITHDRAW, "撤回…"),
    (StepAction.REVIEW, "审核通过…"),
    (StepAction.RETURN, "退回修改…"),
    (StepAction.APPROVE, "批准…"),
    (StepAction.REJECT, "不予批准…"),
)
SERVICE: dict[StepAction, Callable[..., object]] = {
    StepAction.SUBMIT: matters.submit,
    StepAction.WITHDRAW: matters.withdraw,
    StepAction.REVIEW: matters.review,
    StepAction.RETURN: matters.return_matter,
    StepAction.APPROVE: matters.approve,
    StepAction.REJECT: matters.reject,
}
STEP_COLUMNS = (
    Column("时间", lambda s: s.at.strftime("%Y-%m-%d %H:%M")),
    Column("环节", lambda s: s.action.label),
    Column("办理人", lambda s: s.user),
    Column("办理后状态", lambda s: s.to_state.label),
    Column("意见", lambda s: s.opinion),
)


class OpinionDialog(QDialog):
    """The opinion of one step; required for 退回修改 and 不予批准 (the message says so beside it)."""

    def __init__(self, action: StepAction, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("opinionDialog")
        self.action = action
        self.required = action in matters.OPINION_REQUIRED
        self.setWindowTitle(self.tr("{0}：{1}").format(action.label, title))
        self.edit = QPlainTextEdit()
        self.edit.setObjectName("opinionEdit")
        self.edit.setTabChangesFocus(True)
        if action in (StepAction.REVIEW, StepAction.APPROVE):
            self.edit.setPlainText(self.tr("同意。"))
            self.edit.selectAll()
        self.edit.setPlaceholderText(self.tr("必须写明理由") if self.required else self.tr("选填"))
        self.message = QLabel()
        self.message.setObjectName("opinionMessage")
        self.message.setStyleSheet("color: #c0392b;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(action.label)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        prompt = self.tr("{0}意见（Ctrl+Enter 确定）：").format(action.label)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, activated=self.accept)
        self.edit.textChanged.connect(self._check)
        self._check()
        self.resize(460, 240)

    def _check(self) -> None:
        missing = self.required and not self.opinion()
        self.message.setText(self.tr("{0}时须写明理由").format(self.action.label) if missing else "")
        self.ok.setEnabled(not missing)

    def opinion(self) -> str:
        return self.edit.toPlainText().strip()

    def accept(self) -> None:
        if self.ok.isEnabled():
            super().accept()


class MatterView(QWidget):
    """The matter's page (shown inside the matters page, see matters_inbox.MattersPage)."""

    changed = Signal(int)  # a step was taken on the matter
    back_requested = Signal()
    unit_requested = Signal(int)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.matter_id: int | None = None
        self.detail: matters.MatterDetail | None = None
        self.allowed: tuple[StepAction, ...] = ()
        self.setObjectName("matterView")
        self.back = QPushButton(self.tr("← 返回列表"))
        self.back.setObjectName("backButton")
        self.back.setToolTip(self.tr("返回事项列表（Alt+←）"))
        self.back.clicked.connect(self.back_requested.emit)
        QShortcut(QKeySequence("Alt+Left"), self, activated=self.back_requested.emit)
        self.title = QLabel()
        self.title.setObjectName("matterTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.status = QLabel()
        self.status.setObjectName("matterStatus")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(self.back, 0, Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.addWidget(self.title)
        heading.addWidget(self.status)
        top.addLayout(heading, 1)

        self.content_box = QGroupBox(self.tr("事项内容"))
        self.content_form = QFormLayout()
        self.content_form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.content_form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        holder = QWidget()
        holder.setLayout(self.content_form)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(holder)
        QVBoxLayout(self.content_box).addWidget(scroll)
        self.figures_title = QLabel(self.tr("批准后将变动的数字（变动前 → 变动后）："))
        self.figures = QTableWidget()
        self.figures.setObjectName("figuresTable")
        self.figures.verticalHeader().hide()
        self.figures.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.figures.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.figures.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.figures_note = QLabel()
        self.figures_note.setObjectName("figuresNote")
        self.figures_note.setWordWrap(True)
        for widget in (self.figures_title, self.figures, self.figures_note):
            self.content_box.layout().addWidget(widget)
        self.units_label = QLabel()
        self.units_label.setObjectName("matterUnits")
        self.units_label.setWordWrap(True)
        self.units_label.linkActivated.connect(lambda link: self.unit_requested.emit(int(link)))
        self.content_box.layout().addWidget(self.units_label)

        self.steps_model = RowsModel(STEP_COLUMNS, parent=self)
        self.steps = QTableView()
        self.steps.setObjectName("stepsTable")
        self.steps.setModel(self.steps_model)
        self.steps.verticalHeader().hide()
        self.steps.setWordWrap(True)
        self.steps.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.steps.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.steps.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        steps_box = QGroupBox(self.tr("办理过程"))
        QVBoxLayout(steps_box).addWidget(self.steps)

        self.papers = QListWidget()
        self.papers.setObjectName("papersList")
        self.papers.itemActivated.connect(self.open_paper)
        self.preview_button = QPushButton(self.tr("预览、打印…"))
        self.preview_button.setObjectName("previewPaperButton")
        self.preview_button.clicked.connect(lambda: self.open_paper(self.papers.currentItem()))
        self.papers_note = QLabel()
        self.papers_note.setWordWrap(True)
        self.papers_note.setStyleSheet("color: #566573;")
        papers_box = QGroupBox(self.tr("文书"))
        papers_layout = QVBoxLayout(papers_box)
        papers_layout.addWidget(self.papers_note)
        papers_layout.addWidget(self.papers)
        papers_layout.addWidget(self.preview_button, 0, Qt.AlignmentFlag.AlignRight)

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(steps_box)
        right.addWidget(papers_box)
        right.setSizes([320, 180])
        body = QSplitter()
        body.setObjectName("matterSplitter")
        body.addWidget(self.content_box)
        body.addWidget(right)
        body.setSizes([600, 420])

        self.action_buttons: dict[StepAction, QPushButton] = {}
        bar = QHBoxLayout()
        self.hint = QLabel()
        self.hint.setObjectName("actionHint")
        self.hint.setStyleSheet("color: #566573;")
        bar.addWidget(self.hint, 1)
        for action, text in ACTIONS:
            button = QPushButton(self.tr(text))
            button.setObjectName(f"action_{action.value}")
            button.clicked.connect(lambda _checked=False, a=action: self.ask(a))
            self.action_buttons[action] = button
            bar.addWidget(button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(body, 1)
        layout.addLayout(bar)

    # -- showing ---------------------------------------------------------------------------------------
    def show_matter(self, matter_id: int) -> None:
        with self.ctx.read() as uow:
            detail = matters.matter_detail(uow, matter_id)
            lines = matters.describe(uow, detail.content, show_ids=may_see_id_numbers(self.ctx.actor))
            self.allowed = matters.allowed_actions(uow, self.ctx.actor, matter_id)
            papers = matters.matter_papers(uow, matter_id)
        self.matter_id, self.detail = matter_id, detail
        row = detail.row
        self.title.setText(row.title)
        colour = STATE_COLOURS[row.state]
        parts = [
            f'<span style="color:{colour}; font-weight:bold;">{row.state.label}</span>',
            self.tr("类型：{0}").format(row.kind.label),
            self.tr("起草人：{0}").format(row.drafter),
        ]
        if row.effective_on:
            parts.append(self.tr("生效日期：{0}").format(row.effective_on.isoformat()))
        if row.document_number:
            parts.append(self.tr("文号：<b>{0}</b>（{1}批准）").format(row.document_number, row.decided_on))
        if row.self_approval:
            parts.append(self.tr("按本办设置由经办人审核、批准本人起草的事项"))
        self.status.setText("　·　".join(parts))
        while self.content_form.rowCount():
            self.content_form.removeRow(0)
        for label, text in lines:
            value = QLabel(text)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.content_form.addRow(label + "：", value)
        links = "、".join(f'<a href="{uid}">{name}</a>' for uid, name in detail.units)
        self.units_label.setText(self.tr("涉及单位：{0}").format(links) if links else "")
        self._show_figures(detail)
        self.steps_model.set_rows(detail.steps)
        self.steps.resizeRowsToContents()
        self.papers.clear()
        for paper in papers:
            item = QListWidgetItem(paper.label)
            item.setData(Qt.ItemDataRole.UserRole, paper)
            self.papers.addItem(item)
        if papers:
            self.papers.setCurrentRow(0)
            self.papers_note.setText(self.tr("双击或按 Enter 预览，可打印或另存为 PDF。"))
        else:
            self.papers_note.setText(self.tr("事项批准后生成批复和通知单。"))
        self.preview_button.setEnabled(bool(papers))
        for action, button in self.action_buttons.items():
            button.setVisible(action in self.allowed)
        self.hint.setText(self._hint(row.state))

    def _show_figures(self, detail: matters.MatterDetail) -> None:
        """For an open matter, what approving it today would change (or why it would be refused)."""
        from bianzhi_desktop.gui.dialogs.matter_forms.base import PREVIEW_COLUMNS, preview_rows

        open_matter = not detail.row.state.is_closed
        for widget in (self.figures_title, self.figures, self.figures_note):
            widget.setVisible(open_matter)
        if not open_matter:
            return
        try:
            with self.ctx.read() as uow:
                result = matters.preview(uow, self.ctx.actor, detail.content)
        except BianzhiError as error:
            self.figures.hide()
            self.figures_note.setText(self.tr("按现有数字不能批准：{0}").format(error))
            self.figures_note.setStyleSheet("color: #c0392b;")
            return
        rows = preview_rows(result)
        self.figures.setColumnCount(len(PREVIEW_COLUMNS))
        self.figures.setHorizontalHeaderLabels([self.tr(title) for title in PREVIEW_COLUMNS])
        self.figures.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.figures.setItem(r, c, QTableWidgetItem(value))
        header = self.figures.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.figures.setFixedHeight(
            header.height() + sum(self.figures.rowHeight(r) for r in range(len(rows))) + 4
        )
        self.figures.setVisible(bool(rows))
        people = [
            self.tr("入编{0}人").format(result.people_in) if result.people_in else "",
            self.tr("出编{0}人").format(result.people_out) if result.people_out else "",
        ]
        self.figures_note.setText("；".join([p for p in people if p] + list(result.warnings)))
        self.figures_note.setStyleSheet("color: #566573;")

    def _hint(self, state: MatterState) -> str:
        if self.allowed:
            return ""
        if state.is_closed:
            return self.tr("本事项已办结。")
        waiting = {
            MatterState.DRAFT: self.tr("草稿，待起草人提交。"),
            MatterState.SUBMITTED: self.tr("待审核（须由起草人以外的审核人员办理）。"),
            MatterState.REVIEWED: self.tr("待批准（须由起草人以外的批准人办理）。"),
        }
        return waiting.get(state, "")

    # -- steps -----------------------------------------------------------------------------------------
    def ask(self, action: StepAction) -> QDialog | None:
        """Open the opinion dialog (or the form, for 修改); the step is taken when it is accepted."""
        if self.detail is None:
            return None
        if action is StepAction.EDIT:
            return self.edit()
        dialog = OpinionDialog(action, self.detail.row.title, self)
        dialog.accepted.connect(lambda: self.take(action, dialog.opinion()))
        self.opinion_dialog = dialog
        dialog.open()
        return dialog

    def take(self, action: StepAction, opinion: str) -> bool:
        """Take the step in one transaction; a refusal is shown and nothing is written."""
        assert self.matter_id is not None
        try:
            with self.ctx.write() as uow:
                SERVICE[action](uow, self.ctx.actor, self.matter_id, opinion=opinion)
                uow.commit()
        except BianzhiError as error:
            show_error(self, self.tr("不能{0}").format(action.label), error)
            self.show_matter(self.matter_id)
            return False
        self.show_matter(self.matter_id)
        self.changed.emit(self.matter_id)
        return True

    def edit(self) -> QDialog | None:
        from bianzhi_desktop.gui.dialogs.matter_forms import form_for

        assert self.detail is not None and self.matter_id is not None
        dialog = form_for(
            self.ctx, self.detail.row.kind, self, matter_id=self.matter_id, content=self.detail.content
        )
        if dialog is None:
            show_error(
                self,
                self.tr("修改事项"),
                BianzhiError(
                    self.tr(
                        "本事项（{0}）没有向导表单，或内容超出向导表单能显示的范围，不能在程序中修改；可撤回后重新起草。"
                    ).format(self.detail.row.kind.label)
                ),
            )
            return None
        matter_id = self.matter_id
        dialog.saved.connect(lambda _id: (self.show_matter(matter_id), self.changed.emit(matter_id)))
        self.form_dialog = dialog
        dialog.open()
        return dialog

    # -- papers ----------------------------------------------------------------------------------------
    def open_paper(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        paper: PaperRef = item.data(Qt.ItemDataRole.UserRole)
        ctx = self.ctx

        def build(_progress) -> bytes:  # type: ignore[no-untyped-def]
            from bianzhi_desktop.documents.pdf.decision import render_decision
            from bianzhi_desktop.documents.pdf.notices import render_notices
            from bianzhi_desktop.services import paperwork

            with ctx.read() as uow:
                if paper.kind == "decision":
                    return render_decision(paperwork.decision(uow, paper.record_id)) or b""
                notice = {
                    "hiring": paperwork.hiring_notice,
                    "enrollment": paperwork.enrollment_notice,
                    "removal": paperwork.removal_notice,
                }[paper.kind](uow, paper.record_id)
            return render_notices([notice], title=paper.label) or b""

        def record() -> None:  # a notice printed or saved: its next print is 补打
            from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
            from bianzhi_desktop.services import paperwork

            try:
                with ctx.write() as uow:
                    paperwork.record_printed(uow, ctx.actor, NoticeKind(paper.kind), [paper.record_id])
                    uow.commit()
            except BianzhiError as error:
                show_error(self, self.tr("记录打印"), error)

        self.print_task = print_actions.run_print(
            self,
            paper.label,
            build,
            f"{paper.label}.pdf",
            on_printed=None if paper.kind == "decision" else record,
        )
