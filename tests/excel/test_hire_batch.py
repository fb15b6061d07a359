"""After go-live: a list of new hires becomes draft 入编 matters, one per hiring plan, each line checked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from bianzhi_desktop.domain.enums import HiringMethod
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.models import Enrollment, Matter, Person
from bianzhi_desktop.services.exchange import hire_batch
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.ledger.entries import HiringPlanInput
from bianzhi_desktop.services.matters import workflow as matters

from .conftest import ExcelCounty
from .workbooks import save_plain

D = dt.date
HEADER = ["序号", "姓名", "身份证号", "招聘单位", "编制类型", "报到时间", "岗位"]


def plan(xc: ExcelCounty) -> None:
    with xc.db.write() as uow:
        initialisation.record_hiring_plan(
            uow,
            xc.county.clerk,
            HiringPlanInput(xc.school, "事业编制（全额拨款）", 3, HiringMethod.OPEN_RECRUITMENT,
                            D(2024, 5, 1), D(2025, 12, 31), "清编用〔2024〕7号"),
        )  # fmt: skip
        uow.commit()


def test_a_list_of_recruited_teachers_becomes_one_draft_enrollment_matter(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    plan(xc)
    teachers = [make_id_number("320102", D(2000, 1, n), 2 * n) for n in range(1, 4)]
    bad = save_plain(
        tmp_path / "招聘.xlsx",
        [HEADER,
         [1, "王芳", teachers[0], "清河县第一中学", "事业编制（全额拨款）", "2024-09-01", "教师"],
         [2, "王芳", teachers[0], "清河县第二中学", "临时编制", "2024-09-01", "教师"]],
    )  # fmt: skip
    with xc.db.read() as uow:
        preview = hire_batch.preview_hires(uow, xc.county.clerk, bad)
    assert {(3, "C"), (3, "D"), (3, "E")} <= {(p.row, p.column) for p in preview.errors}

    good = save_plain(
        tmp_path / "招聘2.xlsx",
        [HEADER] + [[n + 1, f"教师{'甲乙丙'[n]}", number, "清河县第一中学", "事业编制（全额拨款）", "2024-09-01", "教师"]
                    for n, number in enumerate(teachers)],
    )  # fmt: skip
    with xc.db.write() as uow:
        preview = hire_batch.preview_hires(uow, xc.county.clerk, good)
        assert preview.ok, preview.errors
        assert len(preview.groups) == 1 and preview.hires == 3
        assert any("唯一有效的用编计划" in p.message for p in preview.warnings)
        assert sum("原55岁" in p.message for p in preview.warnings) == 3  # women: category from the kind
        (matter_id,) = hire_batch.draft_hires(uow, xc.county.clerk, preview)
        uow.commit()
    county = xc.county
    with xc.db.write() as uow:
        matters.submit(uow, county.clerk, matter_id)
        matters.review(uow, county.reviewer, matter_id)
        matters.approve(uow, county.approver, matter_id)
        uow.commit()
    with xc.db.read() as uow:
        assert uow.session.get(Matter, matter_id).state == "approved"
        names = set(
            uow.session.scalars(
                select(Person.name).join(Enrollment, Enrollment.person_id == Person.id).where(Enrollment.hiring_plan_id.is_not(None))
            )
        )  # fmt: skip
    assert names == {"教师甲", "教师乙", "教师丙"}


@pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)")
def test_the_wizard_drafts_the_enrollment_matter(xc: ExcelCounty, qtbot: QtBot, tmp_path: Path) -> None:
    from bianzhi_desktop.gui.context import AppContext
    from bianzhi_desktop.gui.dialogs.import_wizard import ImportWizard

    plan(xc)
    path = save_plain(
        tmp_path / "名单.xlsx",
        [HEADER, [1, "教师甲", make_id_number("320102", D(2000, 1, 1), 1), "清河县第一中学", "事业编制（全额拨款）", "2024-09-01", "教师"]],
    )  # fmt: skip
    wizard = ImportWizard(AppContext(xc.db, xc.county.clerk), "hires")
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.path_edit.setText(str(path))
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.pages.currentIndex() == 2, timeout=20000)
    assert "共1个事项" in wizard.summary.text() and wizard.import_button.text() == "起草入编事项"
    with qtbot.waitSignal(wizard.imported, timeout=20000):
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.result_text == "已起草入编事项1个（1人），请在“事项”页提交审核。"
    wizard.done_box.accept()
    with xc.db.read() as uow:
        assert [(m.kind, m.state) for m in uow.session.scalars(select(Matter))] == [("enrollment", "draft")]
