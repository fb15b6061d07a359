"""The register (实名制): the SQL query behind it, its lazy id-backed model, and the page used by a clerk."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from sqlalchemy import Date, String, literal, select

from bianzhi_desktop.domain.enums import RetirementCategory, Role
from bianzhi_desktop.domain.retirement import statutory_retirement_date
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.models.register_model import BLOCK, COLUMNS, RegisterModel
from bianzhi_desktop.gui.pages.person import PersonWindow
from bianzhi_desktop.gui.pages.register import DEBOUNCE_MS, RegisterPage
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.persistence.models import Person
from bianzhi_desktop.services.admin import users
from bianzhi_desktop.services.context import Actor
from bianzhi_desktop.services.register import persons
from bianzhi_desktop.services.register.search import (
    RegisterFilter,
    RegisterStatus,
    SortKey,
    count_register,
    first_page,
    may_see_id_numbers,
    register_ids,
    register_rows,
    retirement_month_index,
)

from .keyboard import retype, type_text

NAME_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == SortKey.NAME)
ID_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == SortKey.ID_NUMBER)
BIRTH_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == SortKey.BIRTH)


@pytest.fixture(scope="module")
def everyone(demo_db: Database) -> list[persons.PersonInfo]:
    with demo_db.read() as uow:
        ids = register_ids(uow, RegisterFilter(status=RegisterStatus.ALL))
        return [persons.get_person(uow, person_id) for person_id in ids]


def actor_for(db: Database, username: str) -> Actor:
    with db.write() as uow:
        return users.authenticate(uow, username, "demo1234")


# -- the query ------------------------------------------------------------------------------------
def test_ids_come_back_in_the_order_sql_sorted_them(demo_db: Database) -> None:
    """The one-string transfer of ids keeps the ordered subquery's order (checked against the plain query)."""
    with demo_db.read() as uow:
        for key in SortKey:
            for descending in (False, True):
                f = RegisterFilter(status=RegisterStatus.ALL)
                fast = register_ids(uow, f, key, descending)
                plain = register_ids(uow, f, key, descending, limit=10**6)
                assert fast == plain, key
                assert len(fast) == count_register(uow, f)


def test_the_whole_register_first_page_and_count_take_the_short_way_to_the_same_answer(
    demo_db: Database,
) -> None:
    """Unfiltered, on quota, by name: the index walk and the enrollment count agree with the full query."""
    with demo_db.read() as uow:
        f = RegisterFilter()
        for descending in (False, True):
            everyone = register_ids(uow, f, SortKey.NAME, descending)  # the general query, every id
            assert register_ids(uow, f, SortKey.NAME, descending, limit=BLOCK + 1) == everyone[: BLOCK + 1]
        assert count_register(uow, f) == len(everyone)
        assert count_register(uow, RegisterFilter(status=RegisterStatus.ALL)) > len(everyone)
        for text in ("", "张", "z", "4312", "1234"):  # every path of first_page agrees with the general one
            for key in SortKey:
                f = RegisterFilter(text=text)
                page = first_page(uow, f, key, size=BLOCK)
                assert page.ids == register_ids(uow, f, key)[:BLOCK], (text, key)
                assert page.total == count_register(uow, f), (text, key)


def test_text_finds_by_name_initials_and_id_number(demo_db: Database, everyone) -> None:  # type: ignore[no-untyped-def]
    someone = everyone[0]
    with demo_db.read() as uow:
        initials = uow.session.scalar(select(Person.initials).where(Person.id == someone.id))

        def found(text: str) -> set[int]:
            return set(register_ids(uow, RegisterFilter(text=text, status=RegisterStatus.ALL)))

        by_surname = found(someone.name[0])
        assert someone.id in by_surname
        assert all(p.name.find(someone.name[0]) >= 0 for p in everyone if p.id in by_surname)
        assert someone.id in found(initials[:2].upper())  # initials are matched in any case
        assert all(
            uow.session.scalar(select(Person.initials).where(Person.id == pid)).startswith(initials[:2])
            for pid in found(initials[:2])
        )
        assert found(someone.id_number) == {someone.id}
        assert found(someone.id_number.lower()) == {someone.id}
        assert someone.id in found(someone.id_number[:10])
        assert someone.id in found(someone.id_number[-6:])
        assert found("不存在的名字") == set()


def test_status_selects_who_is_on_quota(demo_db: Database) -> None:
    with demo_db.read() as uow:
        active = set(register_ids(uow, RegisterFilter(status=RegisterStatus.ACTIVE)))
        removed = set(register_ids(uow, RegisterFilter(status=RegisterStatus.REMOVED)))
        never = set(register_ids(uow, RegisterFilter(status=RegisterStatus.NEVER)))
        everyone = set(register_ids(uow, RegisterFilter(status=RegisterStatus.ALL)))
        assert active and removed
        assert active | removed | never == everyone
        assert not (active & removed) and not (active & never) and not (removed & never)
        rows = register_rows(uow, sorted(removed)[:20])
    assert all(row.status == RegisterStatus.REMOVED and row.end_on and row.end_reason for row in rows)
    assert all(row.status_label.startswith("已出编（") for row in rows)


def test_unit_and_kind_filters_narrow_the_register(demo_db: Database) -> None:
    with demo_db.read() as uow:
        some = register_rows(uow, register_ids(uow, RegisterFilter())[:1])[0]
        ids = register_ids(uow, RegisterFilter(unit_id=some.unit_id))
        rows = register_rows(uow, ids)
    assert some.person_id in ids
    assert {row.unit_name for row in rows} == {some.unit_name}


def test_sql_retirement_order_is_the_domain_rule(demo_db: Database, everyone) -> None:  # type: ignore[no-untyped-def]
    """The retirement month computed in SQL equals the domain's, for every person and some edge births."""
    with demo_db.read() as uow:
        months = dict(uow.session.execute(select(Person.id, retirement_month_index())).all())
        for person in everyone:
            retires = person.retirement_date
            assert months[person.id] == retires.year * 12 + retires.month, person
        ids = register_ids(uow, RegisterFilter(status=RegisterStatus.ALL), SortKey.RETIREMENT)
    by_id = {p.id: p for p in everyone}
    dates = [by_id[i].retirement_date for i in ids]
    assert dates == sorted(dates)


def test_sql_retirement_month_at_the_rule_edges(demo_db: Database) -> None:
    """The check points of the 2025 rule, and the months around them, computed by SQL and by the domain."""
    births = [
        dt.date(year, month, day)
        for year in (1964, 1965, 1970, 1976, 1981, 1984, 1990)
        for month in range(1, 13)
        for day in (1, 28)
    ]
    with demo_db.read() as uow:
        for birth in births:
            for category in RetirementCategory:
                expression = retirement_month_index(literal(birth, Date), literal(category.value, String))
                retires = statutory_retirement_date(birth, category)
                assert uow.session.scalar(select(expression)) == retires.year * 12 + retires.month, (
                    birth,
                    category,
                )


def test_first_page_reads_one_block_and_the_count(demo_db: Database) -> None:
    with demo_db.read() as uow:
        total = count_register(uow, RegisterFilter())
        page = first_page(uow, RegisterFilter(), size=50)
        small = first_page(uow, RegisterFilter(text="不存在"), size=50)
    assert total > 50 and page.total == total and len(page.ids) == 50 and not page.complete
    assert small.ids == [] and small.total == 0 and small.complete


def test_id_numbers_are_masked_for_roles_not_allowed(demo_db: Database) -> None:
    roles = {name: actor_for(demo_db, name) for name in ("admin", "lina", "wangjianguo", "zhaozhigang")}
    assert may_see_id_numbers(roles["admin"]) and may_see_id_numbers(roles["lina"])
    assert not may_see_id_numbers(roles["wangjianguo"]) and not may_see_id_numbers(roles["zhaozhigang"])
    assert Role.REVIEWER in roles["wangjianguo"].roles
    with demo_db.read() as uow:
        ids = register_ids(uow, RegisterFilter())[:3]
        masked = register_rows(uow, ids, masked=True)
        full = register_rows(uow, ids)
    for hidden, shown in zip(masked, full, strict=True):
        assert hidden.id_number == shown.id_number[:4] + "*" * 10 + shown.id_number[-4:]


# -- the model ------------------------------------------------------------------------------------
def test_model_passes_the_model_tester_and_fetches_lazily(qtmodeltester, demo_ctx: AppContext) -> None:  # type: ignore[no-untyped-def]
    model = RegisterModel(demo_ctx)
    model.refresh()
    assert model.rowCount() > BLOCK
    assert len(model.ids) == BLOCK and model.fetches == 0  # nothing built until asked
    assert model.index(0, NAME_COLUMN).data()
    assert model.fetches == 1
    last = model.rowCount() - 1
    assert model.index(last, NAME_COLUMN).data()  # far down: every id is read, then that block
    assert len(model.ids) == model.rowCount() and model.fetches == 2
    qtmodeltester.check(model)
    model.set_filter(RegisterFilter(text="不存在的名字"))
    assert model.rowCount() == 0
    qtmodeltester.check(model)


def test_model_masks_id_numbers_for_a_reviewer(demo_db: Database, demo_ctx: AppContext) -> None:
    reviewer = AppContext(demo_db, actor_for(demo_db, "wangjianguo"))
    masked, full = RegisterModel(reviewer), RegisterModel(demo_ctx)
    masked.refresh()
    full.refresh()
    shown, real = masked.index(0, ID_COLUMN).data(), full.index(0, ID_COLUMN).data()
    assert "*" * 10 in shown and "*" not in real and shown[-4:] == real[-4:]


# -- the page -------------------------------------------------------------------------------------
@pytest.fixture
def page(qtbot, demo_ctx: AppContext) -> RegisterPage:  # type: ignore[no-untyped-def]
    widget = RegisterPage(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def visible_names(page: RegisterPage, rows: int = 10) -> list[str]:
    model = page.model
    return [model.index(row, NAME_COLUMN).data() for row in range(min(rows, model.rowCount()))]


def test_page_counts_everyone_on_quota(page: RegisterPage, demo_db: Database) -> None:
    with demo_db.read() as uow:
        total = count_register(uow, RegisterFilter())
    assert page.count_label.text() == f"共{total}人"
    assert page.model.rowCount() == total


def test_typing_filters_after_a_pause(qtbot, page: RegisterPage, everyone) -> None:  # type: ignore[no-untyped-def]
    someone = everyone[0]
    before = page.count_label.text()
    type_text(qtbot, page.search, someone.name)
    assert page.count_label.text() == before  # debounced: nothing re-queried per keystroke
    assert page.timer.isActive() and page.timer.interval() == DEBOUNCE_MS
    qtbot.waitUntil(lambda: page.count_label.text() != before)
    names = visible_names(page, 50)
    assert someone.name in names and all(someone.name in name for name in names)
    retype(qtbot, page.search, someone.id_number[-8:])
    qtbot.waitUntil(lambda: visible_names(page) == [someone.name] or someone.name in visible_names(page))
    assert someone.name in visible_names(page)


def test_pinyin_initials_find_people(qtbot, page: RegisterPage, demo_db: Database, everyone) -> None:  # type: ignore[no-untyped-def]
    someone = everyone[0]
    with demo_db.read() as uow:
        initials = uow.session.scalar(select(Person.initials).where(Person.id == someone.id))
    type_text(qtbot, page.search, initials)
    qtbot.waitUntil(lambda: not page.timer.isActive())
    assert someone.name in visible_names(page, page.model.rowCount())


def test_status_combo_shows_people_no_longer_on_quota(qtbot, page: RegisterPage) -> None:  # type: ignore[no-untyped-def]
    active = page.model.rowCount()
    page.status_combo.setCurrentIndex(page.status_combo.findData(RegisterStatus.REMOVED))
    assert 0 < page.model.rowCount() < active
    status_column = next(i for i, c in enumerate(COLUMNS) if c.key == SortKey.STATUS)
    assert page.model.index(0, status_column).data().startswith("已出编")
    assert page.model.index(0, status_column).data(Qt.ItemDataRole.ForegroundRole) is not None


def test_unit_combo_narrows_to_one_unit(qtbot, page: RegisterPage) -> None:  # type: ignore[no-untyped-def]
    unit_column = next(i for i, c in enumerate(COLUMNS) if c.key == SortKey.UNIT)
    unit_name = page.model.index(0, unit_column).data()
    page.unit_combo.setCurrentIndex(page.unit_combo.findText(unit_name))
    units = {page.model.index(row, unit_column).data() for row in range(page.model.rowCount())}
    assert units == {unit_name}
    assert page.count_label.text() == f"共{page.model.rowCount()}人"


def test_header_click_sorts_in_sql(qtbot, page: RegisterPage) -> None:  # type: ignore[no-untyped-def]
    header = page.table.horizontalHeader()
    x = header.sectionViewportPosition(BIRTH_COLUMN) + header.sectionSize(BIRTH_COLUMN) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.sort_key == SortKey.BIRTH and not page.model.descending
    births = [page.model.index(row, BIRTH_COLUMN).data() for row in range(30)]
    assert births == sorted(births)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert page.model.descending
    births = [page.model.index(row, BIRTH_COLUMN).data() for row in range(30)]
    assert births == sorted(births, reverse=True)


def test_double_click_opens_the_person(qtbot, page: RegisterPage, everyone) -> None:  # type: ignore[no-untyped-def]
    model = page.model
    name = model.index(0, NAME_COLUMN).data()
    rect = page.table.visualRect(model.index(0, NAME_COLUMN))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: bool(page.windows))
    window = page.windows[-1]
    assert isinstance(window, PersonWindow)
    assert window.view.title.text() == name
    assert window.view.history_model.rowCount() >= 1
    window.close()


def test_enter_in_the_search_box_opens_a_single_match(qtbot, page: RegisterPage, everyone) -> None:  # type: ignore[no-untyped-def]
    someone = everyone[1]
    type_text(qtbot, page.search, someone.id_number)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(page.windows))
    assert page.windows[-1].view.title.text() == someone.name
    page.windows[-1].close()
