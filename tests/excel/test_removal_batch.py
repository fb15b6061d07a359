"""After go-live: a workbook of leavers becomes one draft 出编 matter, each line checked first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bianzhi_desktop.domain.enums import RemovalReason
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.models import Enrollment, Matter, Person
from bianzhi_desktop.services.exchange import removal_batch, roster_import
from bianzhi_desktop.services.matters import workflow as matters

from .conftest import ExcelCounty
from .workbooks import save_plain

D = dt.date
OLD = make_id_number("320102", D(1964, 3, 5), 11)
YOUNG = make_id_number("320102", D(1990, 6, 6), 13)


def register(xc: ExcelCounty, tmp_path: Path) -> None:
    path = save_plain(
        tmp_path / "花名册.xlsx",
        [["姓名", "身份证号", "单位", "编制类型", "入编时间", "入编文号"],
         ["王老", OLD, "清河县教育局", "行政编制", "1990-08-01", "清编〔1990〕1号"],
         ["李青", YOUNG, "清河县第一中学", "事业编制（全额拨款）", "2015-08-01", "清编〔2015〕1号"]],
    )  # fmt: skip
    with xc.db.write() as uow:
        preview = roster_import.preview_roster(uow, xc.county.clerk, path)
        roster_import.commit_roster(uow, xc.county.clerk, preview)
        uow.commit()


def test_a_leavers_workbook_becomes_one_draft_removal_matter(xc: ExcelCounty, tmp_path: Path) -> None:
    register(xc, tmp_path)
    header = ["序号", "姓名", "身份证号", "单位", "退休时间", "出编原因"]
    bad = save_plain(
        tmp_path / "退休名单.xlsx",
        [header,
         [1, "王老", OLD, "清河县教育局", "2024-03-31", ""],
         [2, "李清", YOUNG, "清河县教育局", "2014-01-01", "跳槽"],
         [3, "赵无", make_id_number("320102", D(1970, 1, 1), 15), "", "2024-01-01", "退休"]],
    )  # fmt: skip
    with xc.db.read() as uow:
        preview = removal_batch.preview_removals(uow, xc.county.clerk, bad)
    found = {(p.row, p.column) for p in preview.errors}
    # every problem of line 3: the name, the unit, a date before 入编, an unknown reason
    assert {(3, "B"), (3, "D"), (3, "E"), (3, "F"), (4, "C")} <= found
    assert any(
        p.message == "未填写出编原因，按本批出编原因“退休”办理" for p in preview.warnings if p.row == 2
    )

    good = save_plain(
        tmp_path / "名单.xlsx",
        [
            header,
            [1, "王老", OLD, "清河县教育局", "2024-03-31", ""],
            [2, "李青", YOUNG, "", "2024-06-30", "调出"],
        ],
    )
    with xc.db.write() as uow:
        preview = removal_batch.preview_removals(uow, xc.county.clerk, good)
        assert preview.ok, preview.errors
        matter_id = removal_batch.draft_removals(uow, xc.county.clerk, preview)
        uow.commit()
    county = xc.county
    with xc.db.write() as uow:  # reviewed and approved as any other matter
        matters.submit(uow, county.clerk, matter_id)
        matters.review(uow, county.reviewer, matter_id)
        matters.approve(uow, county.approver, matter_id)
        uow.commit()
    with xc.db.read() as uow:
        assert uow.session.get(Matter, matter_id).state == "approved"
        ended = dict(
            uow.session.execute(
                select(Person.name, Enrollment.end_reason).join(Enrollment, Enrollment.person_id == Person.id)
            ).all()
        )
    assert ended == {"王老": RemovalReason.RETIRED.value, "李青": RemovalReason.TRANSFERRED_OUT.value}


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_wizard_drafts_the_removal_matter(xc: ExcelCounty, qtbot: QtBot, tmp_path: Path) -> None:
    from bianzhi_desktop.gui.context import AppContext
    from bianzhi_desktop.gui.dialogs.import_wizard import ImportWizard

    register(xc, tmp_path)
    path = save_plain(tmp_path / "名单.xlsx", [["姓名", "身份证号", "退休时间"], ["王老", OLD, "2024-03-31"]])
    wizard = ImportWizard(AppContext(xc.db, xc.county.clerk), "removals")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.path_edit.setText(str(path))
    wizard.reason_combo.setCurrentIndex(wizard.reason_combo.findText("死亡"))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=20000)
    assert "死亡" in wizard.groups.item(0).text() and wizard.import_button.text() == "起草出编事项"
    wizard.grab().save(str(tmp_path / "removals.png"))
    with qtbot.waitSignal(wizard.imported, timeout=20000):
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    wizard.done_box.accept()
    with xc.db.read() as uow:
        matter = uow.session.scalars(select(Matter)).one()
        assert (matter.kind, matter.state) == ("removal", "draft")
        content = matters.content_of(matter)
    assert [r.reason for r in content.removals] == [RemovalReason.DECEASED]  # type: ignore[attr-defined]
