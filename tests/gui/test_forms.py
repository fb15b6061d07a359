"""The editing forms used from the keyboard: messages beside the fields as the user types, Enter saves,
Esc cancels, and a refusal (by the form or by a service) writes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from bianzhi_desktop.domain.dates import parse_day
from bianzhi_desktop.domain.enums import Funding, RetirementCategory, UnitCategory
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.dialogs.common import check_date, check_document
from bianzhi_desktop.gui.dialogs.enrollment_dialog import EnrollmentDialog, RemovalDialog
from bianzhi_desktop.gui.dialogs.person_dialog import PersonDialog
from bianzhi_desktop.gui.dialogs.unit_dialog import UnitDialog
from bianzhi_desktop.gui.pages.register import RegisterPage
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.persistence.models import AuditRecord, Person
from bianzhi_desktop.services.admin import settings as office
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.org import history, units
from bianzhi_desktop.services.register import persons

from .keyboard import retype, type_text

NEW_WOMAN = make_id_number("431228", dt.date(1990, 3, 15), 242)
NEW_MAN = make_id_number("431228", dt.date(1995, 7, 1), 317)
CHILD = make_id_number("431228", dt.date.today().replace(day=1) - dt.timedelta(days=365 * 10), 519)


def person_count(db: Database) -> int:
    with db.read() as uow:
        return uow.session.scalar(select(func.count(Person.id))) or 0


def audit_count(db: Database) -> int:
    with db.read() as uow:
        return uow.session.scalar(select(func.count(AuditRecord.id))) or 0


@pytest.fixture
def person_form(qtbot, demo_ctx: AppContext) -> PersonDialog:  # type: ignore[no-untyped-def]
    dialog = PersonDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


# -- small pieces ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["2019-03-01", "2019.3.1", "2019/3/1", "20190301", "2019年3月1日", "２０１９-０３-０１"]
)
def test_dates_are_read_as_clerks_type_them(text: str) -> None:
    assert parse_day(text) == dt.date(2019, 3, 1)
    assert check_date(text, required=True) == (dt.date(2019, 3, 1), "")


@pytest.mark.parametrize(
    "text", ["2019-02-30", "2019-13-01", "3月1日", "abc", "2019.03", "43525", "1850-01-01"]
)
def test_impossible_or_partial_dates_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_day(text)
    value, message = check_date(text, required=True)
    assert value is None and message


def test_document_numbers_are_shown_as_they_will_be_stored() -> None:
    assert check_document("云编办发[2024]07号") == ("云编办发〔2024〕7号", "", "将登记为 云编办发〔2024〕7号")
    assert check_document("")[1].startswith("必填")


# -- the person form ------------------------------------------------------------------------------
def test_an_invalid_id_number_is_shown_beside_the_field_and_nothing_is_written(  # type: ignore[no-untyped-def]
    qtbot, person_form: PersonDialog, demo_db: Database
) -> None:
    before, logged = person_count(demo_db), audit_count(demo_db)
    type_text(qtbot, person_form.ui.nameEdit, "林晓")
    wrong = NEW_WOMAN[:-1] + ("0" if NEW_WOMAN[-1] != "0" else "1")
    type_text(qtbot, person_form.ui.idNumberEdit, wrong)
    message = person_form.ui.idNumberMessage.text()
    assert "校验位应为" in message and NEW_WOMAN[-1] in message
    assert person_form.ui.idNumberMessage.property("level") == "error"
    assert person_form.ui.sexValue.text() == "—"
    qtbot.keyClick(person_form.ui.idNumberEdit, Qt.Key.Key_Return)  # Enter tries to save
    assert person_form.isVisible()
    assert "身份证号" in person_form.ui.formError.text()
    assert person_form.focusWidget() is person_form.ui.idNumberEdit
    assert person_count(demo_db) == before and audit_count(demo_db) == logged


def test_the_message_follows_the_typing(qtbot, person_form: PersonDialog) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, person_form.ui.nameEdit, "林晓")
    type_text(qtbot, person_form.ui.idNumberEdit, NEW_WOMAN[:10])
    assert "应为18位" in person_form.ui.idNumberMessage.text()
    type_text(qtbot, person_form.ui.idNumberEdit, NEW_WOMAN[10:])
    assert person_form.ui.idNumberMessage.text() == "有效：女，1990-03-15出生"
    assert person_form.ui.sexValue.text() == "女" and person_form.ui.birthValue.text() == "1990-03-15"
    assert "女性须选择" in person_form.ui.categoryMessage.text()  # a woman's category is not guessed


def test_a_lowercase_x_and_full_width_digits_are_accepted(qtbot, person_form: PersonDialog) -> None:  # type: ignore[no-untyped-def]
    number = make_id_number("431228", dt.date(1988, 8, 8), 0)
    while not number.endswith("X"):
        number = make_id_number("431228", dt.date(1988, 8, 8), int(number[14:17]) + 2)
    wide = number[:6].translate(str.maketrans("0123456789", "０１２３４５６７８９")) + number[6:-1] + "x"
    type_text(qtbot, person_form.ui.idNumberEdit, wide)
    assert person_form.ui.idNumberMessage.text().startswith("有效")


def test_saving_a_new_person(qtbot, person_form: PersonDialog, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, person_form.ui.nameEdit, "林晓")
    type_text(qtbot, person_form.ui.idNumberEdit, NEW_WOMAN)
    person_form.ui.categoryCombo.setCurrentIndex(
        person_form.ui.categoryCombo.findData(RetirementCategory.FEMALE_55)
    )
    assert person_form.ui.categoryMessage.text() == ""
    assert person_form.ui.retirementValue.text().startswith("2048-")
    qtbot.keyClick(person_form.ui.nameEdit, Qt.Key.Key_Return)
    assert not person_form.isVisible()
    with demo_db.read() as uow:
        saved = persons.find_by_id_number(uow, NEW_WOMAN)
    assert (
        saved is not None
        and saved.name == "林晓"
        and saved.retirement_category == RetirementCategory.FEMALE_55
    )


def test_the_same_id_number_cannot_be_registered_twice(qtbot, person_form: PersonDialog) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, person_form.ui.idNumberEdit, NEW_WOMAN)
    assert "已登记为“林晓”" in person_form.ui.idNumberMessage.text()


def test_a_man_gets_the_male_category_and_escape_cancels(qtbot, person_form: PersonDialog, demo_db) -> None:  # type: ignore[no-untyped-def]
    before = person_count(demo_db)
    type_text(qtbot, person_form.ui.nameEdit, "周明")
    type_text(qtbot, person_form.ui.idNumberEdit, NEW_MAN)
    assert person_form.ui.categoryCombo.currentData() == RetirementCategory.MALE_60
    assert not person_form.ui.categoryCombo.isEnabled()
    qtbot.keyClick(person_form, Qt.Key.Key_Escape)
    assert not person_form.isVisible() and person_count(demo_db) == before


def test_tab_goes_through_the_fields_in_order(person_form: PersonDialog) -> None:
    ui = person_form.ui
    order, widget = [], ui.nameEdit
    while len(order) < 6:
        if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.isEnabled() and widget.objectName():
            order.append(widget)
        widget = widget.nextInFocusChain()
    assert order == [
        ui.nameEdit,
        ui.idNumberEdit,
        ui.categoryCombo,
        ui.ethnicityCombo,
        ui.educationCombo,
        ui.politicalCombo,
    ]
    assert ui.nameLabel.buddy() is ui.nameEdit and ui.idNumberLabel.buddy() is ui.idNumberEdit


# -- enrollment and removal -----------------------------------------------------------------------
def test_enrolling_the_new_person(qtbot, demo_ctx: AppContext, demo_db: Database) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as uow:
        unit = next(u for u in units.list_units(uow) if u.name == "云溪县教育局")
        person = persons.find_by_id_number(uow, NEW_WOMAN)
    dialog = EnrollmentDialog(demo_ctx, unit_id=unit.id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.ui.personEdit, NEW_WOMAN)
    assert dialog.ui.personMessage.text().startswith("林晓，女，1990-03-15")
    assert dialog.ui.unitCombo.currentText() == unit.name
    assert dialog.ui.kindMessage.text().startswith("核定")
    type_text(qtbot, dialog.ui.postEdit, "科员")
    type_text(qtbot, dialog.ui.startEdit, "2024-13-01")
    assert "“2024-13-01”不是真实日期" in dialog.ui.startMessage.text()
    retype(qtbot, dialog.ui.startEdit, "2024-09-01")
    assert dialog.ui.startMessage.text() == ""
    type_text(qtbot, dialog.ui.documentEdit, "云编入〔2024〕31号")
    qtbot.keyClick(dialog.ui.documentEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible(), dialog.ui.formError.text()
    with demo_db.read() as uow:
        lines = history.person_history(uow, person.id)
    assert [(line.unit_name, line.post_title, line.start_on, line.start_document) for line in lines] == [
        (unit.name, "科员", dt.date(2024, 9, 1), "云编入〔2024〕31号")
    ]


def test_a_service_refusal_shows_in_the_form_and_writes_nothing(qtbot, demo_ctx, demo_db) -> None:  # type: ignore[no-untyped-def]
    """A ten-year-old cannot be put on quota: the service says so beside 入编时间; nothing is written."""
    with demo_db.write() as uow:
        child = persons.create_person(uow, demo_ctx.actor, persons.PersonInput(name="小明", id_number=CHILD))
        uow.commit()
        unit = units.find_unit_by_name(uow, "云溪县教育局")
    logged = audit_count(demo_db)
    dialog = EnrollmentDialog(demo_ctx, person_id=child.id, unit_id=unit.id)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.ui.startEdit, "2024-09-01")
    type_text(qtbot, dialog.ui.documentEdit, "云编入〔2024〕99号")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert "未满16周岁" in dialog.ui.startMessage.text()
    assert "未满16周岁" in dialog.ui.formError.text()
    with demo_db.read() as uow:
        assert history.person_history(uow, child.id) == []
    assert audit_count(demo_db) == logged  # not even the document was registered


def test_someone_already_on_quota_cannot_be_enrolled_again(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = EnrollmentDialog(demo_ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.ui.personEdit, NEW_WOMAN)
    assert "已在“云溪县教育局”在编" in dialog.ui.personMessage.text()
    assert dialog.person is None


def test_removal_ends_the_enrollment(qtbot, demo_ctx, demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.read() as uow:
        person = persons.find_by_id_number(uow, NEW_WOMAN)
        line = next(line for line in history.person_history(uow, person.id) if line.active)
        before = quota.figures(uow, line.unit_id, quota.summary(uow, unit_id=line.unit_id)[0].kind_id)
    dialog = RemovalDialog(demo_ctx, person.name, line)
    qtbot.addWidget(dialog)
    asked: list[str] = []
    answers = iter([False, True])  # the first time the clerk thinks again, the second time confirms
    dialog.confirm = lambda parent, title, text, yes: asked.append(text) or next(answers)
    dialog.show()
    assert "林晓" in dialog.ui.personValue.text()
    type_text(qtbot, dialog.ui.endEdit, "2024-08-01")
    assert "不能早于入编时间" in dialog.ui.endMessage.text()
    retype(qtbot, dialog.ui.endEdit, "2025-06-30")
    type_text(qtbot, dialog.ui.documentEdit, "云编出〔2025〕4号")
    qtbot.keyClick(dialog.ui.documentEdit, Qt.Key.Key_Return)
    assert dialog.isVisible() and len(asked) == 1 and "林晓" in asked[0]
    with demo_db.read() as uow:
        assert next(line for line in history.person_history(uow, person.id) if line.active)
    qtbot.keyClick(dialog.ui.documentEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible() and len(asked) == 2
    with demo_db.read() as uow:
        ended = history.person_history(uow, person.id)[0]
        after = quota.figures(uow, line.unit_id, quota.summary(uow, unit_id=line.unit_id)[0].kind_id)
    assert ended.end_on == dt.date(2025, 6, 30) and ended.end_document == "云编出〔2025〕4号"
    assert after.enrolled == before.enrolled - 1


# -- the unit form --------------------------------------------------------------------------------
def test_creating_a_public_institution_needs_its_funding(qtbot, demo_ctx, demo_db) -> None:  # type: ignore[no-untyped-def]
    dialog = UnitDialog(demo_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.ui.nameEdit, "云溪县数据资源服务中心")
    dialog.ui.categoryCombo.setCurrentIndex(dialog.ui.categoryCombo.findData(UnitCategory.PI_PUBLIC1))
    assert "须选择经费形式" in dialog.ui.fundingMessage.text()
    type_text(qtbot, dialog.ui.creditCodeEdit, "12431228MB1234567X")
    assert dialog.ui.creditCodeMessage.property("level") == "warning"  # a wrong check digit only warns
    type_text(qtbot, dialog.ui.foundedEdit, "1985-06-01")
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert dialog.isVisible() and "经费形式" in dialog.ui.formError.text()
    dialog.ui.fundingCombo.setCurrentIndex(dialog.ui.fundingCombo.findData(Funding.FULL))
    qtbot.keyClick(dialog.ui.nameEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible(), dialog.ui.formError.text()
    with demo_db.read() as uow:
        unit = units.find_unit_by_name(uow, "云溪县数据资源服务中心")
    assert unit is not None and unit.funding == Funding.FULL and unit.founded_on == dt.date(1985, 6, 1)
    assert unit.credit_code == "12431228MB1234567X"


def test_a_second_unit_of_the_same_name_is_refused(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    dialog = UnitDialog(demo_ctx)
    qtbot.addWidget(dialog)
    type_text(qtbot, dialog.ui.nameEdit, "云溪县数据资源服务中心")
    assert "已有同名" in dialog.ui.nameMessage.text()


# -- the register's buttons -----------------------------------------------------------------------
def test_register_buttons_follow_initialisation_mode(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    page = RegisterPage(demo_ctx)
    qtbot.addWidget(page)
    assert page.enroll_button.isEnabled() and page.new_person_button.isEnabled()
    with demo_ctx.write() as uow:
        office.set_initialisation(uow, demo_ctx.actor, False)
        uow.commit()
    try:
        page.refresh()
        assert not page.enroll_button.isEnabled()
        assert "审批的机构编制事项" in page.enroll_button.toolTip()
        assert page.new_person_button.isEnabled()
    finally:
        with demo_ctx.write() as uow:
            office.set_initialisation(uow, demo_ctx.actor, True)
            uow.commit()


def test_new_person_from_the_register_shows_them(qtbot, demo_ctx) -> None:  # type: ignore[no-untyped-def]
    page = RegisterPage(demo_ctx)
    qtbot.addWidget(page)
    dialog = page.new_person()
    number = make_id_number("431228", dt.date(1992, 1, 9), 771)
    type_text(qtbot, dialog.ui.nameEdit, "郑一")
    type_text(qtbot, dialog.ui.idNumberEdit, number)
    qtbot.keyClick(dialog.ui.idNumberEdit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert page.count_label.text() == "共1人"
    assert page.model.index(0, 0).data() == "郑一"
    assert page.model.index(0, 9).data() == "未入编"
