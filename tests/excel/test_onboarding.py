"""A new county brings in the workbooks it already keeps: ledgers and rosters in the offices' shapes,
with every assumption noted on its rows and only what nothing decides refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from sqlalchemy import select

from bianzhi_desktop.domain.enums import RetirementCategory, UnitSystem
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.persistence.models import (
    Division,
    Document,
    Enrollment,
    Person,
    QuotaEntry,
    QuotaKind,
    Unit,
)
from bianzhi_desktop.services.exchange import ledger_import, roster_import
from bianzhi_desktop.services.exchange.import_choices import BatchChoices, group_problems
from bianzhi_desktop.services.ledger import quota
from tests.conftest import County

from .conftest import ExcelCounty

D = dt.date
LEDGER_HEADER = ["序号", "机构名称", "规范简称", "机构类别", "机构规格", "经费形式", "主管部门", "编制类型", "核定编制数", "批准文号", "批准日期"]  # fmt: skip


def save(
    path: Path, sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None
) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))
        for cells in (merged or {}).get(title, []):
            sheet.merge_cells(cells)
    book.save(path)
    return path


def ledger(db: Database, actor, path: Path) -> ledger_import.LedgerPreview:  # type: ignore[no-untyped-def]
    with db.read() as uow:
        return ledger_import.preview_ledger(uow, actor, path)


def commit_ledger(db: Database, actor, path: Path) -> ledger_import.LedgerPreview:  # type: ignore[no-untyped-def]
    with db.write() as uow:
        preview = ledger_import.preview_ledger(uow, actor, path)
        assert preview.ok, preview.errors
        ledger_import.commit_ledger(uow, actor, preview)
        uow.commit()
    return preview


def approved(db: Database) -> dict[tuple[str, str], int]:
    with db.read() as uow:
        rows = uow.session.execute(
            select(Unit.name, QuotaKind.name, QuotaEntry.delta)
            .join(Unit, Unit.id == QuotaEntry.unit_id)
            .join(QuotaKind, QuotaKind.id == QuotaEntry.kind_id)
        )
        totals: dict[tuple[str, str], int] = {}
        for unit, kind, delta in rows:
            totals[(unit, kind)] = totals.get((unit, kind), 0) + delta
        return totals


# -- ledgers -------------------------------------------------------------------------------------
def test_a_one_sheet_ledger_creates_units_and_their_quota_lines_from_the_same_rows(
    qh: County, tmp_path: Path
) -> None:
    path = save(
        tmp_path / "台账.xlsx",
        {
            "机构编制台账": [
                ["清河县机构编制台账（2025年）"],
                LEDGER_HEADER,
                [1, "中共清河县委组织部", "县委组织部", "党委工作机关", "正科", "", "", "行政编制", 12, "清编〔2019〕1号", "2019-03-01"],
                [2, "清河县教育局", "教育局", "政府工作部门", "正科", "", "", "行政编制", 9, "清编〔2019〕2号", "2019-03-01"],
                [3, "清河县教育局", "教育局", "政府工作部门", "正科", "", "", "工勤编制", 2, "清编〔2019〕2号", "2019-03-01"],
                [4, "清河县第一中学", "", "公益一类", "正股", "全额拨款", "清河县教育局", "事业编制", 80, "清编〔2019〕3号", "2019-03-01"],
                ["小计", "", "", "", "", "", "", "", 103, "", ""],
                ["合计", "", "", "", "", "", "", "", 103, "", ""],
            ]
        },
        {"机构编制台账": ["A1:K1"]},
    )  # fmt: skip
    preview = commit_ledger(qh.db, qh.clerk, path)
    assert preview.rows == 4  # 小计 and 合计 skipped
    assert approved(qh.db) == {
        ("中共清河县委组织部", "行政编制"): 12,
        ("清河县教育局", "行政编制"): 9,
        ("清河县教育局", "工勤编制"): 2,
        ("清河县第一中学", "事业编制（全额拨款）"): 80,
    }
    with qh.db.read() as uow:
        systems = dict(uow.session.execute(select(Unit.name, Unit.system)).all())
    # 所属系统 from the category, and for the school from its supervisor: each noted on its row
    assert systems == {
        "中共清河县委组织部": "party",
        "清河县教育局": "government",
        "清河县第一中学": "government",
    }
    noted = [p for p in preview.warnings if p.header == "所属系统"]
    assert {p.row for p in noted} == {3, 4, 6} and "主管部门" in next(p.message for p in noted if p.row == 6)
    funding = [p for p in preview.warnings if "事业编制（全额拨款）" in p.message]
    assert [p.row for p in funding] == [6]


def test_kinds_side_by_side_and_an_existing_unit_matched_by_short_name(qh: County, tmp_path: Path) -> None:
    from tests.services.helpers import add_unit

    add_unit(qh.db, qh.clerk, "清河县财政局")
    with qh.db.write() as uow:
        uow.session.execute(Unit.__table__.update().values(short_name="财政局"))
        uow.commit()
    path = save(
        tmp_path / "台账.xlsx",
        {
            "台账": [
                ["序号", "机构名称", "机构类别", "机构规格", "经费形式", "主管部门", "行政编制", "事业编制", "工勤编制", "批准文号", "批准日期"],
                [1, "财政局", "政府工作部门", "正科", "", "", 10, "", 1, "清编〔2018〕5号", "2018.05"],
                [2, "清河县疾控中心", "公益一类", "正股", "差额拨款", "财政局", "", 20, "", "清编〔2018〕6号", "2018-06-01"],
            ]
        },
    )  # fmt: skip
    preview = commit_ledger(qh.db, qh.clerk, path)
    assert any("已存在" in p.message and p.row == 2 for p in preview.warnings)
    assert approved(qh.db) == {
        ("清河县财政局", "行政编制"): 10,
        ("清河县财政局", "工勤编制"): 1,
        ("清河县疾控中心", "事业编制（差额拨款）"): 20,
    }
    with qh.db.read() as uow:
        assert uow.session.scalar(select(Unit.id).where(Unit.name == "财政局")) is None  # not duplicated


def test_per_unit_sheets_name_their_unit_in_the_title(qh: County, tmp_path: Path) -> None:
    path = save(
        tmp_path / "台账.xlsx",
        {
            "机构": [["机构名称", "机构类别", "机构规格", "所属系统"], ["清河县教育局", "政府工作部门", "正科", "政府"],
                     ["清河县财政局", "政府工作部门", "正科", "政府"]],
            "教育局": [["清河县教育局编制台账"], ["编制类型", "核定数", "批准日期", "批准文号"],
                       ["行政编制", 9, "2019-01-01", "清编〔2019〕1号"]],
            "财政局": [["单位：清河县财政局"], ["编制类型", "核定数", "批准日期", "批准文号"],
                       ["行政编制", 7, "2019-01-01", "清编〔2019〕1号"], ["工勤编制", 1, "2019-01-01", "清编〔2019〕1号"]],
        },
    )  # fmt: skip
    commit_ledger(qh.db, qh.clerk, path)
    assert approved(qh.db) == {
        ("清河县教育局", "行政编制"): 9,
        ("清河县财政局", "行政编制"): 7,
        ("清河县财政局", "工勤编制"): 1,
    }


def test_a_system_nothing_decides_is_refused_naming_the_field(qh: County, tmp_path: Path) -> None:
    path = save(
        tmp_path / "台账.xlsx",
        {"机构": [["机构名称", "机构类别", "机构规格"], ["清河县城关镇", "乡镇", "正科"]]},
    )
    preview = ledger(qh.db, qh.clerk, path)
    assert [(p.row, p.header) for p in preview.errors] == [(2, "所属系统")]
    assert "所属系统不能为空" in preview.errors[0].message


# -- rosters -------------------------------------------------------------------------------------
def woman(birth: dt.date, seq: int = 2) -> str:
    return make_id_number("320102", birth, seq)


def man(birth: dt.date, seq: int = 1) -> str:
    return make_id_number("320102", birth, seq)


def roster(xc: ExcelCounty, path: Path, choices: BatchChoices | None = None) -> roster_import.RosterPreview:
    with xc.db.read() as uow:
        return roster_import.preview_roster(uow, xc.county.clerk, path, choices=choices)


def commit(xc: ExcelCounty, path: Path, choices: BatchChoices | None = None) -> roster_import.RosterPreview:
    with xc.db.write() as uow:
        preview = roster_import.preview_roster(uow, xc.county.clerk, path, choices=choices)
        assert preview.ok, preview.errors
        roster_import.commit_roster(uow, xc.county.clerk, preview)
        uow.commit()
    return preview


OFFICE_HEADER = ["序号", "姓名", "性别", "身份证号", "出生年月", "单位", "编制类型", "入编时间"]


def test_an_office_shaped_roster_imports_with_its_assumptions_listed(xc: ExcelCounty, tmp_path: Path) -> None:
    """Year-month births, no retirement column, no 入编文号, 事业编制 unqualified."""
    path = save(
        tmp_path / "花名册.xlsx",
        {
            "花名册": [
                OFFICE_HEADER,
                [1, "王芳", "女", woman(D(1990, 4, 12)), "1990.04", "清河县第一中学", "事业编制", "2012.09"],
                [2, "李娜", "女", woman(D(1985, 11, 3), 4), "1985年11月", "清河县教育局", "工勤编制", "2010-07-01"],
                [3, "张伟", "男", man(D(1980, 1, 20)), 198001, "清河县教育局", "行政编制", "2005-08-01"],
            ]
        },
    )  # fmt: skip
    preview = commit(xc, path)
    groups = {g.text: g.count for g in group_problems(preview.warnings)}
    assert groups["未填写入编文号，按本批依据“" + BatchChoices().basis() + "”登记"] == 3
    assert groups["未填写原法定退休年龄类别，已按编制类型设定（工勤编制为原50岁，其他为原55岁）"] == 2
    assert groups["编制类型“事业编制”已按经费形式确定"] == 1
    with xc.db.read() as uow:
        people = {
            name: (birth, category, kind, number)
            for name, birth, category, kind, number in uow.session.execute(
                select(
                    Person.name,
                    Person.birth_date,
                    Person.retirement_category,
                    QuotaKind.name,
                    Document.number,
                )
                .join(Enrollment, Enrollment.person_id == Person.id)
                .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
                .join(Document, Document.id == Enrollment.start_document_id)
            )
        }
        basis = BatchChoices().basis()
        assert people == {
            "王芳": (D(1990, 4, 12), RetirementCategory.FEMALE_55.value, "事业编制（全额拨款）", basis),
            "李娜": (D(1985, 11, 3), RetirementCategory.FEMALE_50.value, "工勤编制", basis),
            "张伟": (D(1980, 1, 20), RetirementCategory.MALE_60.value, "行政编制", basis),
        }
        # the basis is shown in the drill-down behind the unit's 在编 figure
        assert {line.document_number for line in quota.enrolled_people(uow, xc.school)} == {basis}
        assert uow.session.scalar(select(Document.title).where(Document.number == basis)) == basis


def test_batch_answers_name_the_basis_and_the_default_retirement_category(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    path = save(
        tmp_path / "a.xlsx",
        {"a": [OFFICE_HEADER, [1, "李娜", "女", woman(D(1985, 11, 3)), "1985.11", "清河县教育局", "工勤编制", "2010-07"]]},
    )  # fmt: skip
    choices = BatchChoices("实名制信息初始化（2026年12月）", RetirementCategory.FEMALE_55)
    preview = commit(xc, path, choices)
    assert any("本批默认" in p.message for p in preview.warnings)
    with xc.db.read() as uow:
        assert uow.session.scalar(select(Person.retirement_category)) == RetirementCategory.FEMALE_55.value
        assert uow.session.scalar(select(Document.number).join(Enrollment, Enrollment.start_document_id == Document.id)) == "实名制信息初始化（2026年12月）"  # fmt: skip


def test_a_birth_month_that_disagrees_with_the_id_number_is_refused(xc: ExcelCounty, tmp_path: Path) -> None:
    path = save(
        tmp_path / "a.xlsx",
        {"a": [OFFICE_HEADER, [1, "张伟", "男", man(D(1980, 1, 20)), "1980.02", "清河县教育局", "行政编制", "2005-08-01"]]},
    )  # fmt: skip
    preview = roster(xc, path)
    assert [(p.row, p.column) for p in preview.errors] == [(2, "E")]
    assert "1980年2月" in preview.errors[0].message and "1980年1月20日" in preview.errors[0].message


def test_every_problem_of_a_row_is_reported_and_a_duplicate_id_on_a_bad_row_too(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    number = man(D(1980, 1, 20))
    path = save(
        tmp_path / "a.xlsx",
        {"a": [OFFICE_HEADER,
               [1, "张伟", "男", number, "1980.01", "清河县教育局", "行政编制", "2005-08-01"],
               [2, "张伟", "女", number, "1980.01", "清河县不存在局", "临时编制", "2005-08-01"]]},
    )  # fmt: skip
    preview = roster(xc, path)
    row3 = {(p.column, p.header) for p in preview.errors if p.row == 3}
    # the duplicate, the unit, the kind and the sex that disagrees with the number: all of them
    assert {("D", "身份证号"), ("F", "单位"), ("G", "编制类型")} <= row3
    assert any("一人多编" in p.message for p in preview.errors if p.row == 3)
    assert any("性别" in p.message for p in preview.errors if p.row == 3)


def test_a_missing_start_date_falls_back_to_the_entry_date(xc: ExcelCounty, tmp_path: Path) -> None:
    path = save(
        tmp_path / "a.xlsx",
        {"a": [["姓名", "身份证号", "单位", "编制类型", "入编时间", "进入时间", "参加工作时间"],
               ["张伟", man(D(1980, 1, 20)), "清河县教育局", "行政编制", "", "2006-03-01", "2004-07-01"],
               ["赵强", man(D(1981, 1, 20)), "清河县教育局", "行政编制", "", "", "2004-07-01"]]},
    )  # fmt: skip
    preview = roster(xc, path)
    assert preview.ok, preview.errors
    assert [r.start_on for r in preview.register_rows] == [D(2006, 3, 1), D(2004, 7, 1)]
    assert {g.text for g in group_problems(preview.warnings)} >= {
        "入编时间为空，已按进入时间登记",
        "入编时间为空，已按参加工作时间登记",
    }


def test_the_provincial_template_with_leaders_and_new_divisions(xc: ExcelCounty, tmp_path: Path) -> None:
    header = [
        "所在单位",
        "所在机构",
        "姓名",
        "性别",
        "身份证号",
        "人员分类",
        "编制类别",
        "编制经费形式",
        "人员状态",
        "进入形式",
        "进入时间",
        "领导职务级别",
        "非领导职务级别",
        "职务",
        "出生日期",
        "入编时间",
        "入编文号",
        "参加工作时间",
        "民族",
        "籍贯",
    ]
    rows = [
        ["清河县教育局", "清河县教育局", "王局", "男", man(D(1970, 5, 5)), "部门正职领导", "行政编制", "", "在职", "调入",
         "2010-01-01", "正科", "", "局长", "1970-05-05", "2010-01-01", "清编〔2010〕1号", "1992-07-01", "汉族", "江苏南京"],
        ["清河县教育局", "财务股", "钱会", "女", woman(D(1988, 8, 8)), "非领导人员", "行政编制", "", "在职", "公务员考试",
         "2012-01-01", "", "", "科员", "1988-08-08", "2012-01-01", "清编〔2012〕1号", "2012-01-01", "汉族", "江苏"],
    ]  # fmt: skip
    path = save(tmp_path / "人员信息表.xlsx", {"人员信息表": [header, *rows]})
    preview = commit(xc, path)
    assert preview.match.columns["post_title"] == 13  # 职务, not 领导职务级别
    with xc.db.read() as uow:
        found = dict(
            uow.session.execute(
                select(Person.name, Enrollment.leader_tier).join(
                    Enrollment, Enrollment.person_id == Person.id
                )
            ).all()
        )
        assert found == {"王局": "unit_head", "钱会": None}
        divisions = set(uow.session.scalars(select(Division.name).where(Division.unit_id == xc.bureau)))
        assert divisions == {"办公室", "财务股"}  # created by the import, as its note said
    assert any("即本单位" in p.message for p in preview.warnings if p.row == 2)
    assert any("导入时新建" in p.message for p in preview.warnings if p.row == 3)


def test_two_row_headers_apostrophe_ids_line_breaks_and_a_sheet_per_unit(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    path = save(
        tmp_path / "a.xlsx",
        {
            "教育局": [
                ["清河县教育局在编人员花名册"],
                ["姓名", "身份证号", "出生", "编制类型", "入编时间"],
                ["", "", "年月", "", ""],
                ["张\n伟", "'" + man(D(1980, 1, 20)), "1980.01", "行政编制", "2005-08-01"],
                ["合计", "", "", "", ""],
            ]
        },
        {"教育局": ["A1:E1", "A2:A3", "B2:B3", "D2:D3", "E2:E3"]},
    )
    preview = roster(xc, path)
    assert preview.ok, preview.errors
    assert preview.match.columns["birth_date"] == 2 and preview.sheet_unit == "清河县教育局"
    (row,) = preview.register_rows
    assert (row.person.name, row.unit_id, row.person.id_number) == ("张伟", xc.bureau, man(D(1980, 1, 20)))


def test_the_ledger_names_missing_system_in_a_one_sheet_ledger_as_well(qh: County, tmp_path: Path) -> None:
    path = save(
        tmp_path / "台账.xlsx",
        {"台账": [LEDGER_HEADER[1:], ["清河县人民法院", "", "人大、政协、法院、检察院及群团机关", "正科", "", "", "政法专项编制", 30, "清编〔2019〕1号", "2019-01-01"]]},
    )  # fmt: skip
    commit_ledger(qh.db, qh.clerk, path)
    with qh.db.read() as uow:
        assert uow.session.scalar(select(Unit.system)) == UnitSystem.COURT.value


def test_one_sheet_per_unit_reads_as_one_roster_with_problems_on_their_own_sheets(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    number = man(D(1980, 1, 20))
    path = save(
        tmp_path / "a.xlsx",
        {
            "教育局": [["清河县教育局花名册"], ["姓名", "身份证号", "编制类型", "入编时间"],
                       ["张伟", number, "行政编制", "2005-08-01"]],
            "一中": [["单位：清河县第一中学"], ["序号", "入编时间", "姓名", "身份证号", "编制类型"],
                     [1, "2006-09-01", "李强", man(D(1982, 3, 3)), "事业编制（全额拨款）"],
                     [2, "2006-09-01", "张伟", number, "事业编制（全额拨款）"]],
        },
    )  # fmt: skip
    preview = roster(xc, path)
    assert [(p.sheet, p.row, p.column) for p in preview.errors] == [("一中", 4, "D")], preview.errors
    assert "一人多编" in preview.errors[0].message and "工作表“教育局”第3行" in preview.errors[0].message
    assert [sheet.sheet_name for sheet, _ in preview.parts] == ["教育局", "一中"]
    ok = save(tmp_path / "b.xlsx", {name: rows[:-1] if name == "一中" else rows for name, rows in {
        "教育局": [["清河县教育局花名册"], ["姓名", "身份证号", "编制类型", "入编时间"], ["张伟", number, "行政编制", "2005-08-01"]],
        "一中": [["单位：清河县第一中学"], ["序号", "入编时间", "姓名", "身份证号", "编制类型"],
                 [1, "2006-09-01", "李强", man(D(1982, 3, 3)), "事业编制（全额拨款）"], [2, "", "", "", ""]],
    }.items()})  # fmt: skip
    commit(xc, ok)
    with xc.db.read() as uow:
        units = dict(
            uow.session.execute(select(Person.name, Enrollment.unit_id).join(Enrollment, Enrollment.person_id == Person.id)).all()
        )  # fmt: skip
    assert units == {"张伟": xc.bureau, "李强": xc.school}


def test_hidden_rows_and_columns_are_read_with_a_warning_and_extra_columns_named(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    path = tmp_path / "a.xlsx"
    book = Workbook()
    sheet = book.active
    for row in [["姓名", "身份证号", "单位", "编制类型", "入编时间", "籍贯"],
                ["张伟", man(D(1980, 1, 20)), "清河县教育局", "行政编制", "2005-08-01", "江苏"],
                ["赵强", man(D(1981, 1, 20)), "清河县教育局", "行政编制", "2005-08-01", "江苏"]]:  # fmt: skip
        sheet.append(row)
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["B"].hidden = True
    book.save(path)
    preview = roster(xc, path)
    assert preview.ok and len(preview.register_rows) == 2  # the hidden row is imported
    notes = {(p.row, p.column, p.group) for p in preview.warnings}
    assert (3, "", "隐藏的行，已照常读取") in notes and (1, "B", "隐藏的列，已照常读取") in notes
    assert any("未导入：籍贯" in p.message for p in preview.warnings)


def test_office_rosters_as_xls_and_ods(xc: ExcelCounty, tmp_path: Path) -> None:
    import xlwt

    from .workbooks import save_ods

    rows = [
        ["序号", "姓名", "身份证号", "出生年月", "单位", "编制类型", "入编时间"],
        ["1", "王芳", woman(D(1990, 4, 12)), "1990.04", "清河县第一中学", "事业编制", "2012-09-01"],
    ]
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("花名册")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(tmp_path / "a.xls"))
    for path in (tmp_path / "a.xls", save_ods(tmp_path / "a.ods", rows)):
        preview = roster(xc, path)
        assert preview.ok, (path.suffix, preview.errors)
        (row,) = preview.register_rows
        assert row.person.retirement_category == RetirementCategory.FEMALE_55


def ledger_lines(db: Database) -> set[tuple[object, ...]]:
    from bianzhi_desktop.persistence.models import LeaderPostEntry

    with db.read() as uow:
        quota_lines = uow.session.execute(
            select(Unit.name, QuotaKind.name, QuotaEntry.delta, QuotaEntry.effective_on, Document.number)
            .join(Unit, Unit.id == QuotaEntry.unit_id)
            .join(QuotaKind, QuotaKind.id == QuotaEntry.kind_id)
            .join(Document, Document.id == QuotaEntry.document_id)
            .where(Unit.status == "active")
        ).all()
        leader_lines = uow.session.execute(
            select(Unit.name, LeaderPostEntry.tier, LeaderPostEntry.rank, LeaderPostEntry.delta, LeaderPostEntry.effective_on)
            .join(Unit, Unit.id == LeaderPostEntry.unit_id)
            .where(Unit.status == "active")
        ).all()  # fmt: skip
        units = uow.session.execute(
            select(Unit.name, Unit.short_name, Unit.category, Unit.rank, Unit.system, Unit.funding).where(
                Unit.status == "active"
            )
        ).all()
    return (
        {("quota", *line) for line in quota_lines}
        | {("leader", *line) for line in leader_lines}
        | {("unit", *unit) for unit in units}
    )


def test_the_demo_county_exported_and_imported_into_a_new_county_is_the_same(
    demo_template: Path, tmp_path: Path
) -> None:
    import shutil

    from bianzhi_desktop.persistence.database import open_database
    from bianzhi_desktop.services.context import SYSTEM_ACTOR
    from bianzhi_desktop.services.exchange import export as excel_export
    from tests.conftest import make_county

    from .test_round_trip import snapshot

    shutil.copyfile(demo_template, tmp_path / "demo.sqlite3")
    demo = open_database(tmp_path / "demo.sqlite3")
    fresh = open_database(tmp_path / "fresh.sqlite3")
    try:
        with demo.write() as uow:
            excel_export.export_ledger(uow, SYSTEM_ACTOR, tmp_path / "台账.xlsx")
            excel_export.export_roster(uow, SYSTEM_ACTOR, tmp_path / "花名册.xlsx")
            uow.commit()
        county = make_county(fresh)
        commit_ledger(fresh, county.clerk, tmp_path / "台账.xlsx")
        with fresh.write() as uow:
            preview = roster_import.preview_roster(uow, county.clerk, tmp_path / "花名册.xlsx")
            assert preview.ok, preview.errors[:3]
            assert not [p for p in preview.warnings if p.group], preview.warnings[:3]  # nothing assumed
            roster_import.commit_roster(uow, county.clerk, preview)
            uow.commit()
        assert ledger_lines(fresh) == ledger_lines(demo)
        with demo.read() as uow:  # the roster is of the people on quota today: ended enrollments left out
            ended = set(
                uow.session.execute(
                    select(Person.id_number, Enrollment.start_on, Unit.name)
                    .join(Enrollment, Enrollment.person_id == Person.id)
                    .join(Unit, Unit.id == Enrollment.unit_id)
                    .where(Enrollment.end_on.is_not(None))
                ).all()
            )
        expected = {row for row in snapshot(demo) if (row[2], row[15], row[8]) not in ended}
        assert snapshot(fresh) == expected and len(expected) > 250
    finally:
        demo.close()
        fresh.close()


def test_a_ledger_sheet_missing_a_column_says_which(qh: County, tmp_path: Path) -> None:
    path = save(
        tmp_path / "台账.xlsx",
        {"机构": [["机构名称", "机构类别", "所属系统"], ["清河县教育局", "政府工作部门", "政府"]]},
    )
    preview = ledger(qh.db, qh.clerk, path)
    assert preview.errors[0].message.startswith(
        "工作表“机构”像是机构，但找不到“机构规格”（也可写作：规格、级别、机构级别）列"
    )


def test_a_birth_given_to_the_year_is_compared_with_the_id_numbers_year(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    path = save(
        tmp_path / "a.xlsx",
        {"a": [OFFICE_HEADER,
               [1, "张伟", "男", man(D(1980, 1, 20)), 1980, "清河县教育局", "行政编制", "2005-08-01"],
               [2, "赵强", "男", man(D(1981, 1, 20)), "1982年", "清河县教育局", "行政编制", "2005-08-01"]]},
    )  # fmt: skip
    preview = roster(xc, path)
    assert [(p.row, p.column) for p in preview.errors] == [(3, "E")]
    assert "出生年份1982年" in preview.errors[0].message
    assert preview.register_rows[0].person.birth_date is None  # the ID number's date is kept


def test_rows_of_one_unit_that_disagree_keep_the_first_with_a_warning(qh: County, tmp_path: Path) -> None:
    path = save(
        tmp_path / "台账.xlsx",
        {"台账": [LEDGER_HEADER,
                  [1, "清河县教育局", "", "政府工作部门", "正科", "", "", "行政编制", 9, "清编〔2019〕2号", "2019-03-01"],
                  [2, "清河县教育局", "", "政府工作部门", "副科", "", "", "工勤编制", 2, "清编〔2019〕2号", "2019-03-01"]]},
    )  # fmt: skip
    preview = commit_ledger(qh.db, qh.clerk, path)
    assert any("与第2行不同，按第2行" in p.message for p in preview.warnings if p.row == 3)
    with qh.db.read() as uow:
        assert uow.session.scalar(select(Unit.rank)) == "zheng_ke"


def test_a_sheet_of_retired_people_is_not_read_as_part_of_the_roster(xc: ExcelCounty, tmp_path: Path) -> None:
    header = ["姓名", "身份证号", "单位", "编制类型", "入编时间"]
    path = save(
        tmp_path / "a.xlsx",
        {"在编人员": [header, ["张伟", man(D(1980, 1, 20)), "清河县教育局", "行政编制", "2005-08-01"]],
         "退休人员": [header, ["赵老", man(D(1960, 1, 20)), "清河县教育局", "行政编制", "1985-08-01"]]},
    )  # fmt: skip
    preview = roster(xc, path)
    assert preview.ok and [r.person.name for r in preview.register_rows] == ["张伟"]
    assert any(p.sheet == "退休人员" and "未导入" in p.message for p in preview.warnings)


def test_a_plain_public_institution_kind_nothing_decides_takes_the_batch_funding(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    from bianzhi_desktop.domain.enums import Funding

    # 教育局 has no 事业 figure and no funding form: the row alone cannot say which 事业编制
    path = save(
        tmp_path / "a.xlsx",
        {"a": [OFFICE_HEADER, [1, "张伟", "男", man(D(1980, 1, 20)), "1980.01", "清河县教育局", "事业编制", "2005-08-01"]]},
    )  # fmt: skip
    refused = roster(xc, path)
    assert [(p.row, p.header) for p in refused.errors] == [(2, "编制类型")] and "经费形式" in refused.errors[
        0
    ].message
    answered = roster(xc, path, BatchChoices(pi_funding=Funding.SELF))
    assert answered.ok and any("本批设定的经费形式" in p.message for p in answered.warnings)


def test_a_wps_et_file_is_read_like_the_workbook_it_contains(xc: ExcelCounty, tmp_path: Path) -> None:
    path = save(
        tmp_path / "花名册.et",
        {"a": [OFFICE_HEADER, [1, "张伟", "男", man(D(1980, 1, 20)), "1980.01", "清河县教育局", "行政编制", "2005-08-01"]]},
    )  # fmt: skip
    assert roster(xc, path).ok
