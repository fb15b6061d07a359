"""The audit log page (操作日志) used by an administrator: who changed what, when, from what to what."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate

from bianzhi_desktop.domain.errors import PermissionDenied
from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.pages.audit import AuditPage, changes_text
from bianzhi_desktop.services.admin import audit_log, users
from bianzhi_desktop.services.org import divisions, units

from .keyboard import type_text


@pytest.fixture(scope="module")
def renamed(demo_ctx: AppContext) -> str:
    """A change the log must show: a division renamed by the administrator."""
    with demo_ctx.write() as uow:
        unit = units.find_unit_by_name(uow, "云溪县教育局")
        division = divisions.list_divisions(uow, unit.id)[0]
        divisions.update_division(
            uow,
            demo_ctx.actor,
            division.id,
            name="综合办公室",
            duties=division.duties,
            position=division.position,
        )
        uow.commit()
    return division.name


@pytest.fixture
def page(qtbot, demo_ctx: AppContext, renamed: str) -> AuditPage:  # type: ignore[no-untyped-def]
    widget = AuditPage(demo_ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    return widget


def test_the_newest_change_comes_first_with_old_and_new(page: AuditPage, renamed: str, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(page.model)
    model = page.model
    assert model.index(0, 1).data() == "admin"
    assert model.index(0, 2).data() == "修改内设机构"
    assert model.index(0, 4).data() == f"名称：{renamed} → 综合办公室"
    assert page.count_label.text().startswith(("共", "显示最近"))


def test_selecting_a_record_shows_every_change(page: AuditPage, renamed: str) -> None:
    page.table.selectRow(0)
    details = page.details.toPlainText()
    assert "操作：修改内设机构" in details and f"名称：{renamed} → 综合办公室" in details


def test_text_filter_after_a_pause(qtbot, page: AuditPage) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, page.text_edit, "综合办公室")
    qtbot.waitUntil(lambda: not page.timer.isActive())
    rows = page.model.rows
    assert rows and all("综合办公室" in row.summary for row in rows)
    assert page.count_label.text() == f"共{len(rows)}条记录"


def test_user_and_date_filters(qtbot, page: AuditPage) -> None:  # type: ignore[no-untyped-def]
    page.user_combo.setCurrentIndex(page.user_combo.findData("lina"))
    assert page.model.rows and {row.username for row in page.model.rows} == {"lina"}
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    page.since_edit.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    assert page.model.rowCount() == 0 and page.count_label.text() == "共0条记录"
    page.clear_filters()
    assert page.model.rowCount() > 0 and page.since_edit.text() == "不限"


def test_changes_are_written_as_old_to_new() -> None:
    line = audit_log.AuditLine(
        1,
        dt.datetime(2026, 1, 1),
        "admin",
        "person.update",
        "person",
        5,
        "修改",
        {"name": ["王芳", "王芳芳"], "education": [None, "bachelor"]},
    )
    assert changes_text(line) == "姓名：王芳 → 王芳芳；学历：（空） → 大学本科"


def test_an_import_shows_the_ids_it_created_as_runs() -> None:
    changes = {
        "file": [None, "花名册.xlsx"],
        "rows": [None, 4],
        "persons": [None, 4],
        "person_ids": [None, [[3, 5], [9, 9]]],
        "enrollment_ids": [None, [[10, 13]]],
    }
    line = audit_log.AuditLine(
        1, dt.datetime(2026, 1, 1), "admin", "import.roster", "person", None, "导入花名册4人", changes
    )
    assert changes_text(line) == (
        "文件：（空） → 花名册.xlsx；行数：（空） → 4；人数：（空） → 4；"
        "登记的人员（编号）：（空） → 3–5、9；入编记录（编号）：（空） → 10–13"
    )


def test_only_administrators_read_the_log(demo_db) -> None:  # type: ignore[no-untyped-def]
    with demo_db.write() as uow:
        clerk = users.authenticate(uow, "lina", "demo1234")
    with demo_db.read() as uow, pytest.raises(PermissionDenied):
        audit_log.list_audit(uow, clerk)
