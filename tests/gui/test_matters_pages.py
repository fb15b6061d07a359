"""The matters pages used as the office uses them: a clerk drafts a hiring plan in the guided form and
submits it, a reviewer reviews it, the approver approves it; the inbox, the unit's figures and the
matter's page follow; a clerk never sees the approver's buttons; refusals show and write nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import HiringMethod
from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.domain.matters import MatterKind, MatterState, StepAction
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.matter_forms import FORMS, EnrollmentForm, HiringPlanForm, RemovalForm
from bianzhi_desktop.gui.pages.matters_inbox import MattersPage
from bianzhi_desktop.gui.tasks import error_boxes
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services.admin import users
from bianzhi_desktop.services.context import SYSTEM_ACTOR
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.matters import change_preview as matter_preview
from bianzhi_desktop.services.matters import queries as matter_queries
from bianzhi_desktop.services.matters import workflow as matters
from bianzhi_desktop.services.matters.inbox import MatterQuery, find_matters

from .keyboard import type_text


def sign_in(db: Database, username: str) -> AppContext:
    with db.write() as uow:
        actor = users.authenticate(uow, username, "demo1234")
        uow.commit()
    return AppContext(db, actor)


def page_for(qtbot: QtBot, ctx: AppContext) -> MattersPage:
    page = MattersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    QAbstractItemModelTester(page.inbox.model, QAbstractItemModelTester.FailureReportingMode.Fatal, page)
    return page


def plannable(ctx: AppContext) -> tuple[int, str, str, int, int]:
    """(unit id, unit name, kind name, reserved, vacancy) of a unit where a one-seat plan passes today."""
    with ctx.read() as uow:
        lines = [line for line in quota.summary(uow) if line.figures.vacancy >= 2]
        for line in lines:
            request = m.HiringPlanRequest(
                line.unit_id,
                line.kind_name,
                1,
                HiringMethod.OPEN_RECRUITMENT,
                dt.date.today(),
                dt.date.today() + dt.timedelta(days=364),
            )
            try:
                matter_preview.preview(uow, ctx.actor, request)
            except BianzhiError:
                continue
            return line.unit_id, line.unit_name, line.kind_name, line.figures.reserved, line.figures.vacancy
    raise AssertionError("the demo county has no unit where a hiring plan can pass")


def figures_of(ctx: AppContext, unit_id: int, kind: str) -> tuple[int, int, int, int]:
    with ctx.read() as uow:
        value = quota.figures(uow, unit_id, resolve_kind(uow, kind).id)
    return value.approved, value.enrolled, value.reserved, value.vacancy


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def visible_actions(page: MattersPage) -> set[StepAction]:
    return {action for action, button in page.view.action_buttons.items() if not button.isHidden()}


def take_step(qtbot: QtBot, page: MattersPage, action: StepAction, opinion: str) -> None:
    qtbot.mouseClick(page.view.action_buttons[action], Qt.MouseButton.LeftButton)
    dialog = page.view.opinion_dialog
    dialog.edit.clear()
    type_text(qtbot, dialog.edit, opinion)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def test_the_inbox_shows_what_waits_for_each_role_and_filters(qtbot: QtBot, demo_db: Database) -> None:
    reviewer = page_for(qtbot, sign_in(demo_db, "wangjianguo"))
    rows = reviewer.inbox.model.rows
    assert rows and {row.state for row in rows} == {MatterState.SUBMITTED}
    assert all(row.drafter != "王建国" for row in rows)
    assert reviewer.inbox.heading.text() == f"待我办理（{len(rows)}件）"
    approver = page_for(qtbot, sign_in(demo_db, "zhaozhigang"))
    assert {row.state for row in approver.inbox.model.rows} == {MatterState.REVIEWED}

    inbox = approver.inbox
    choose(inbox.scope, "全部事项")
    with demo_db.read() as uow:
        total = len(find_matters(uow, SYSTEM_ACTOR, MatterQuery(limit=None)))
    assert inbox.model.rowCount() == total
    choose(inbox.state, "已批准")
    approved = inbox.model.rows
    assert approved and all(row.state is MatterState.APPROVED and row.document_number for row in approved)
    choose(inbox.kind, "出编")
    assert inbox.model.rows and all(row.kind is MatterKind.REMOVAL for row in inbox.model.rows)
    choose(inbox.kind, "全部类型")
    number = approved[0].document_number
    type_text(qtbot, inbox.search, number)
    assert [row.document_number for row in inbox.model.rows] == [number]
    inbox.search.clear()
    choose(inbox.state, "全部状态")
    unit_name = next(row.unit_name for row in approved if row.unit_name)
    type_text(qtbot, inbox.search, unit_name)
    assert inbox.model.rows and all(
        unit_name in row.title or unit_name == row.unit_name for row in inbox.model.rows
    )
    # double-click opens the matter's page
    index = inbox.model.index(0, 2)
    inbox.table.doubleClicked.emit(index)
    assert approver.stack.currentWidget() is approver.view
    assert approver.view.title.text() == inbox.model.rows[0].title
    qtbot.mouseClick(approver.view.back, Qt.MouseButton.LeftButton)
    assert approver.stack.currentWidget() is approver.inbox


def test_a_hiring_plan_from_draft_to_approval_by_three_people(
    qtbot: QtBot, demo_db: Database, tmp_path: Path
) -> None:
    clerk = sign_in(demo_db, "lina")
    unit_id, unit_name, kind, reserved, vacancy = plannable(clerk)
    approved, enrolled, _, _ = figures_of(clerk, unit_id, kind)

    # 1. The clerk drafts it in the guided form and sees the figures change before submitting.
    page = page_for(qtbot, clerk)
    chooser = page.new_matter()
    assert chooser is not None
    chooser.list.setCurrentRow(list(FORMS).index(MatterKind.HIRING_PLAN))
    chooser.accept()
    form = page.form_dialog
    assert isinstance(form, HiringPlanForm)
    assert "必选" in form.messages["用人单位"].text()
    choose(form.unit, unit_name)
    choose(form.kind, kind)
    assert form.errors() == []
    table = form.ui.previewTable
    assert table.rowCount() == 1
    assert table.item(0, 0).text() == unit_name
    assert table.item(0, 4).text() == f"{reserved} → {reserved + 1}"
    assert table.item(0, 5).text() == f"{vacancy} → {vacancy - 1}"
    form.valid_until.setText("2020-01-01")
    assert "早于" in form.messages["有效期至"].text() and table.rowCount() == 0
    form.valid_until.setText((dt.date.today() + dt.timedelta(days=364)).isoformat())
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.result() == form.DialogCode.Accepted
    view = page.view
    matter_id = view.matter_id
    assert matter_id is not None and page.stack.currentWidget() is view
    assert view.detail is not None and view.detail.row.state is MatterState.SUBMITTED
    assert visible_actions(page) == {StepAction.WITHDRAW}  # a clerk never sees review or approve
    assert figures_of(clerk, unit_id, kind) == (approved, enrolled, reserved, vacancy)

    # 2. The reviewer finds it waiting and reviews it.
    reviewer = page_for(qtbot, sign_in(demo_db, "wangjianguo"))
    assert matter_id in [row.id for row in reviewer.inbox.model.rows]
    reviewer.open_matter(matter_id)
    assert visible_actions(reviewer) == {StepAction.REVIEW, StepAction.RETURN}
    assert (
        reviewer.view.figures.item(0, 5).text() == f"{vacancy} → {vacancy - 1}"
    )  # what approval would change
    take_step(qtbot, reviewer, StepAction.REVIEW, "材料齐全，拟同意。")
    assert reviewer.view.detail.row.state is MatterState.REVIEWED
    assert matter_id not in [row.id for row in reviewer.inbox.model.rows]

    # 3. The approver approves: the number is taken, the figures change, the papers are there.
    approver = page_for(qtbot, sign_in(demo_db, "zhaozhigang"))
    assert matter_id in [row.id for row in approver.inbox.model.rows]
    approver.open_matter(matter_id)
    assert visible_actions(approver) == {StepAction.APPROVE, StepAction.REJECT, StepAction.RETURN}
    take_step(qtbot, approver, StepAction.APPROVE, "同意。")
    detail = approver.view.detail
    assert detail.row.state is MatterState.APPROVED
    number = detail.row.document_number
    assert number.startswith("云编办发〔") and number in approver.view.status.text()
    assert matter_id not in [row.id for row in approver.inbox.model.rows]
    assert figures_of(clerk, unit_id, kind) == (approved, enrolled, reserved + 1, vacancy - 1)
    steps = [(s.action, s.user, s.opinion) for s in detail.steps]
    assert steps == [
        (StepAction.CREATE, "李娜", ""),
        (StepAction.SUBMIT, "李娜", ""),
        (StepAction.REVIEW, "王建国", "材料齐全，拟同意。"),
        (StepAction.APPROVE, "赵志刚", "同意。"),
    ]
    model = approver.view.steps_model
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal, approver)
    assert model.index(2, 4).data() == "材料齐全，拟同意。"
    papers = [approver.view.papers.item(i).text() for i in range(approver.view.papers.count())]
    assert papers == [f"批复 {number}", f"用编核准通知单（{unit_name}，1名）"]
    assert visible_actions(approver) == set()
    assert approver.view.hint.text() == "本事项已办结。"

    # 4. The decision opens in the print preview.
    approver.view.open_paper(approver.view.papers.item(0))
    qtbot.waitUntil(lambda: getattr(approver.view, "print_preview", None) is not None, timeout=20000)
    preview = approver.view.print_preview
    assert preview.document.pageCount() >= 1
    preview.close()

    # 5. The notice, frozen at approval, opens with its own serial; once saved, it opens again as 补打.
    def open_notice():  # type: ignore[no-untyped-def]
        approver.view.print_preview = None
        approver.view.open_paper(approver.view.papers.item(1))
        qtbot.waitUntil(lambda: getattr(approver.view, "print_preview", None) is not None, timeout=20000)
        return approver.view.print_preview

    def serial_line(pdf: bytes) -> str:
        import io

        import pdfplumber

        with pdfplumber.open(io.BytesIO(pdf)) as document:
            text = document.pages[0].extract_text() or ""
        return next(line for line in text.splitlines() if line.startswith("编号："))

    notice = open_notice()
    first = serial_line(notice.pdf)
    assert first.startswith("编号：云编核〔") and "补打" not in first
    notice._ask_save_path = lambda _parent, _suggested: str(tmp_path / "notice.pdf")
    assert notice.save_as() == tmp_path / "notice.pdf"
    notice.close()
    again = open_notice()
    assert (
        serial_line(again.pdf)
        == f"{first}（补打 {dt.date.today().year}年{dt.date.today().month}月{dt.date.today().day}日）"
    )
    again.close()


def test_refusals_are_shown_and_nothing_is_written(qtbot: QtBot, demo_db: Database) -> None:
    admin = sign_in(demo_db, "admin")
    _unit, unit_name, kind, _reserved, vacancy = plannable(admin)

    # Over the vacancy: the form says so with the figures before anything is saved.
    page = page_for(qtbot, admin)
    form = page.open_form(MatterKind.HIRING_PLAN)
    choose(form.unit, unit_name)
    choose(form.kind, kind)
    form.seats.setValue(vacancy + 5)
    assert form.ui.previewTable.rowCount() == 0
    assert form.refusal and str(vacancy) in form.refusal
    assert form.ui.previewNote.text().startswith("不能办理：")
    with demo_db.read() as uow:
        before = len(find_matters(uow, SYSTEM_ACTOR, MatterQuery(limit=None)))
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    assert form.isVisible() and form.ui.formError.isVisible()
    with demo_db.read() as uow:
        assert len(find_matters(uow, SYSTEM_ACTOR, MatterQuery(limit=None))) == before

    # One's own matter: no review button, and the step taken anyway is refused with a message.
    form.seats.setValue(1)
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    matter_id = page.view.matter_id
    assert page.view.detail.row.state is MatterState.DRAFT
    assert visible_actions(page) == {StepAction.EDIT, StepAction.SUBMIT, StepAction.WITHDRAW}
    take_step(qtbot, page, StepAction.SUBMIT, "")
    assert page.view.detail.row.state is MatterState.SUBMITTED
    assert StepAction.REVIEW not in visible_actions(page)
    assert page.view.take(StepAction.REVIEW, "同意") is False
    box = next(b for b in error_boxes() if "本人起草" in b.text())
    box.close()
    with demo_db.read() as uow:
        assert matter_queries.matter_detail(uow, matter_id).row.state is MatterState.SUBMITTED

    # A stale page: the drafter withdrew it meanwhile; the reviewer's click is refused, nothing kept.
    reviewer = page_for(qtbot, sign_in(demo_db, "wangjianguo"))
    reviewer.open_matter(matter_id)
    with demo_db.write() as uow:
        matters.withdraw(uow, admin.actor, matter_id, opinion="暂缓")
        uow.commit()
    take_step(qtbot, reviewer, StepAction.REVIEW, "同意")
    box = next(b for b in error_boxes() if "已撤回" in b.text())
    box.close()
    assert reviewer.view.detail.row.state is MatterState.WITHDRAWN
    assert visible_actions(reviewer) == set()


def test_return_needs_an_opinion_and_the_drafter_edits_the_draft(qtbot: QtBot, demo_db: Database) -> None:
    clerk = sign_in(demo_db, "chenxiao")
    _unit, unit_name, kind, _reserved, _vacancy = plannable(clerk)
    page = page_for(qtbot, clerk)
    form = page.open_form(MatterKind.HIRING_PLAN)
    choose(form.unit, unit_name)
    choose(form.kind, kind)
    qtbot.mouseClick(form.submit_button, Qt.MouseButton.LeftButton)
    matter_id = page.view.matter_id

    reviewer = page_for(qtbot, sign_in(demo_db, "wangjianguo"))
    reviewer.open_matter(matter_id)
    qtbot.mouseClick(reviewer.view.action_buttons[StepAction.RETURN], Qt.MouseButton.LeftButton)
    dialog = reviewer.view.opinion_dialog
    assert not dialog.ok.isEnabled() and "须写明理由" in dialog.message.text()
    type_text(qtbot, dialog.edit, "请补充岗位说明。")
    assert dialog.ok.isEnabled()
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    assert reviewer.view.detail.row.state is MatterState.DRAFT

    page.refresh()
    assert page.view.detail.row.state is MatterState.DRAFT
    assert matter_id in [row.id for row in page.inbox.model.rows]
    edit = page.view.ask(StepAction.EDIT)
    assert edit is not None and edit.unit.currentText() == unit_name
    type_text(qtbot, edit.posts, "综合文字岗1名")
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    content = page.view.detail.content
    assert isinstance(content, m.HiringPlanRequest) and content.posts == "综合文字岗1名"
    assert ("拟补充岗位", "综合文字岗1名") in [
        (
            page.view.content_form.itemAt(i, page.view.content_form.ItemRole.LabelRole).widget().text()[:-1],
            page.view.content_form.itemAt(i, page.view.content_form.ItemRole.FieldRole).widget().text(),
        )
        for i in range(page.view.content_form.rowCount())
    ]


@pytest.mark.parametrize("kind", list(FORMS))
def test_every_form_opens_and_checks_its_fields(qtbot: QtBot, demo_db: Database, kind: MatterKind) -> None:
    ctx = sign_in(demo_db, "lina")
    form = FORMS[kind](ctx)
    qtbot.addWidget(form)
    assert form.windowTitle() == f"新建机构编制事项：{kind.label}"
    assert form.errors(), "an empty form shows what is missing"
    assert form.ui.previewNote.text() == "填写完整后，这里显示批准后将变动的数字。"


def test_enrollment_and_removal_forms_show_people_and_figures(qtbot: QtBot, demo_db: Database) -> None:
    from bianzhi_desktop.domain.idnumber import make_id_number

    ctx = sign_in(demo_db, "lina")
    unit_id, unit_name, kind, _reserved, vacancy = plannable(ctx)
    _approved, enrolled, _r, _v = figures_of(ctx, unit_id, kind)
    form = EnrollmentForm(ctx)
    qtbot.addWidget(form)
    choose(form.unit, unit_name)
    choose(form.kind, kind)
    woman = make_id_number("320102", dt.date(1997, 5, 6), 12)
    form.people.setPlainText(f"张伟 {make_id_number('320102', dt.date(1996, 3, 4), 11)}\n王芳 {woman}")
    assert "第2行（王芳）为女性" in form.messages["入编人员"].text()
    assert form.ui.previewTable.rowCount() == 0
    form.people.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, form.people, " 干部")
    assert form.messages["入编人员"].text() == "共2人"
    assert form.ui.previewTable.item(0, 3).text() == f"{enrolled} → {enrolled + 2}"
    assert form.ui.previewTable.item(0, 5).text() == f"{vacancy} → {vacancy - 2}"
    assert form.ui.previewNote.text() == "入编2人"

    removal = RemovalForm(ctx)
    qtbot.addWidget(removal)
    with ctx.read() as uow:
        people = quota.enrolled_people(uow, unit_id)
    choose(removal.unit, unit_name)
    assert removal.person.count() == len(people)
    assert removal.person.currentData() == people[0].enrollment_id
    assert removal.ui.previewNote.text() == "出编1人"


def test_a_draft_the_form_cannot_show_whole_is_not_opened_in_it(qtbot: QtBot, demo_db: Database) -> None:
    from bianzhi_desktop.domain.enums import RemovalReason

    ctx = sign_in(demo_db, "lina")
    with ctx.read() as uow:
        unit_id = next(line.unit_id for line in quota.summary(uow) if line.figures.enrolled >= 2)
        people = quota.enrolled_people(uow, unit_id)[:2]
    content = m.RemovalRequest(
        tuple(m.Removal(p.enrollment_id, dt.date.today(), RemovalReason.RETIRED) for p in people)
    )
    with ctx.write() as uow:
        matter_id = matters.create_draft(uow, ctx.actor, content)
        uow.commit()
    page = page_for(qtbot, ctx)
    page.open_matter(matter_id)
    assert StepAction.EDIT in visible_actions(page)
    assert page.view.ask(StepAction.EDIT) is None
    box = next(b for b in error_boxes() if "超出向导表单" in b.text())
    box.close()
    assert [label for label, _text in matter_views_lines(ctx, matter_id)].count("出编人员1") == 1


def matter_views_lines(ctx: AppContext, matter_id: int) -> list[tuple[str, str]]:
    from bianzhi_desktop.services.matters import views as matter_views

    with ctx.read() as uow:
        return matter_views.describe(uow, matter_queries.matter_detail(uow, matter_id).content)
