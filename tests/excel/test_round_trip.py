"""An exported roster and ledger import back into an empty county as exactly the same register."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from bianzhi_desktop.domain.enums import LeaderTier, Rank, RetirementCategory
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.database import Database, open_database
from bianzhi_desktop.persistence.models import Division, Document, Enrollment, Person, QuotaKind, Unit
from bianzhi_desktop.services.exchange import export as excel_export
from bianzhi_desktop.services.exchange import ledger_import, roster_import
from bianzhi_desktop.services.register.bulk import PersonEnrollmentRow, register_people
from bianzhi_desktop.services.register.persons import PersonInput
from tests.conftest import make_county

from .conftest import ExcelCounty

D = dt.date


def register(xc: ExcelCounty) -> None:
    """Three people with every field filled, rare characters among them."""
    admin_kind = 1
    with xc.db.write() as uow:
        kinds = dict(uow.session.execute(select(QuotaKind.name, QuotaKind.id)).all())
        admin_kind = kinds["行政编制"]
        rows = [
            PersonEnrollmentRow(
                PersonInput("王喆", make_id_number("320102", D(1975, 3, 9), 11), education="master",  # type: ignore[arg-type]
                            political_status="cpc", ethnicity="回族"),  # type: ignore[arg-type]
                xc.bureau, admin_kind, D(2001, 7, 1), "清编〔2001〕8号", division_id=xc.office,
                post_title="局长", leader_tier=LeaderTier.UNIT_HEAD, leader_rank=Rank.ZHENG_KE,
            ),
            PersonEnrollmentRow(
                PersonInput("钱玥", make_id_number("320102", D(1990, 12, 31), 22),
                            retirement_category=RetirementCategory.FEMALE_55),
                xc.bureau, admin_kind, D(2015, 1, 5), "清编〔2015〕1号", post_title="副局长",
                leader_tier=LeaderTier.UNIT_DEPUTY, leader_rank=Rank.FU_KE, counts_against_posts=False,
            ),
            PersonEnrollmentRow(
                PersonInput("张赟", make_id_number("320102", D(1988, 2, 29), 33)),
                xc.school, kinds["事业编制（全额拨款）"], D(2012, 9, 1), "清编〔2012〕9号",
            ),
        ]  # fmt: skip
        register_people(uow, xc.county.clerk, rows)
        uow.commit()


def snapshot(db: Database) -> set[tuple[object, ...]]:
    with db.read() as uow:
        return set(
            uow.session.execute(
                select(
                    Person.name,
                    Person.sex,
                    Person.id_number,
                    Person.birth_date,
                    Person.ethnicity,
                    Person.education,
                    Person.political_status,
                    Person.retirement_category,
                    Unit.name,
                    Division.name,
                    QuotaKind.name,
                    Enrollment.post_title,
                    Enrollment.leader_tier,
                    Enrollment.leader_rank,
                    Enrollment.counts_against_posts,
                    Enrollment.start_on,
                    Document.number,
                )
                .join(Enrollment, Enrollment.person_id == Person.id)
                .join(Unit, Unit.id == Enrollment.unit_id)
                .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
                .join(Document, Document.id == Enrollment.start_document_id)
                .outerjoin(Division, Division.id == Enrollment.division_id)
            ).all()
        )


def test_export_then_import_gives_the_same_register(xc: ExcelCounty, tmp_path: Path) -> None:
    register(xc)
    with xc.db.write() as uow:
        excel_export.export_ledger(uow, xc.county.admin, tmp_path / "台账.xlsx")
        assert excel_export.export_roster(uow, xc.county.admin, tmp_path / "花名册.xlsx") == 3
        uow.commit()

    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        county = make_county(fresh)
        with fresh.write() as uow:
            ledger = ledger_import.preview_ledger(uow, county.clerk, tmp_path / "台账.xlsx")
            assert ledger.ok, ledger.problems
            assert ledger_import.commit_ledger(uow, county.clerk, ledger) == (2, 1, 2, 0)
            uow.commit()
        with fresh.write() as uow:
            roster = roster_import.preview_roster(uow, county.clerk, tmp_path / "花名册.xlsx")
            assert roster.ok and not roster.warnings, roster.problems
            roster_import.commit_roster(uow, county.clerk, roster)
            uow.commit()
        assert snapshot(fresh) == snapshot(xc.db)
        assert len(snapshot(fresh)) == 3
    finally:
        fresh.close()


def test_the_exported_roster_is_ready_to_print(xc: ExcelCounty, tmp_path: Path) -> None:
    register(xc)
    with xc.db.write() as uow:
        excel_export.export_roster(uow, xc.county.admin, tmp_path / "r.xlsx", unit_id=xc.bureau)
        excel_export.export_summary(uow, xc.county.admin, tmp_path / "s.xlsx")
        uow.commit()
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert sheet["A1"].value == "清河县教育局实名制人员花名册"
    assert sheet.freeze_panes == "A4" and sheet.print_title_rows == "$1:$3"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert (
        sheet["D3"].value == "公民身份号码"
        and sheet["D4"].data_type == "s"
        and sheet["D4"].number_format == "@"
    )
    assert [sheet.cell(row=r, column=2).value for r in (4, 5)] == ["钱玥", "王喆"]  # no division first
    assert sheet.max_row == 5  # only the unit's people
    summary = load_workbook(tmp_path / "s.xlsx").active
    rows = [r for r in summary.iter_rows(min_row=4, values_only=True)]
    assert rows[0][1:] == ("清河县教育局", "行政编制", 3, 2, 0, 1)
    assert rows[-1][0] == "合计" and rows[-1][3:] == (8, 3, 0, 5)


def test_a_masked_export_for_readers_who_may_not_see_id_numbers(xc: ExcelCounty, tmp_path: Path) -> None:
    register(xc)
    with xc.db.write() as uow:
        excel_export.export_roster(uow, xc.county.reviewer, tmp_path / "r.xlsx")
        uow.commit()
    sheet = load_workbook(tmp_path / "r.xlsx").active
    assert "*" in sheet["D4"].value and "已部分隐藏" in sheet["A2"].value
