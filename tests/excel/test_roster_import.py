"""Importing messy rosters: header below titles and merged cells, values cleaned, every row checked,
all or nothing."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.models import AuditRecord, Document, Enrollment, Person
from bianzhi_desktop.services.exchange import common as import_common
from bianzhi_desktop.services.exchange import roster_import
from bianzhi_desktop.services.org import units
from bianzhi_desktop.services.register import bulk, persons
from bianzhi_desktop.services.register.bulk import BulkValidationError

from .conftest import ExcelCounty
from .workbooks import fullwidth, id_ending_in_x, save_messy_roster, save_plain

D = dt.date
BUREAU, SCHOOL = "清河县教育局", "清河县第一中学"
ADMIN, FULL = "行政编制", "事业编制（全额拨款）"


def clean_rows() -> list[list[object]]:
    """Rare name characters, every date style, full-width digits, a lowercase x, stray spaces."""
    x_id = id_ending_in_x("320102", D(1990, 5, 6), female=True)
    return [
        ["王　喆", make_id_number("320102", D(1985, 6, 1), 11), "男", BUREAU, "行政", "2019.03", "清编〔2019〕3号", "办公室"],
        ["李堃 ", fullwidth(make_id_number("320102", D(1986, 7, 2), 13)), "男", f" {BUREAU}", ADMIN, "2019年3月", "清编〔2019〕4号", ""],
        ["张赟", make_id_number("320102", D(1987, 8, 3), 15), "男", SCHOOL, "全额拨款", "2019-3-1", "清编〔2019〕5号", ""],
        ["赵珺", make_id_number("320102", D(1988, 9, 4), 17), "男", SCHOOL, FULL, 20190301, "清编〔2019〕6号", ""],
        ["钱玥", x_id.lower(), "女", SCHOOL, FULL, D(2020, 1, 2), "清编〔2020〕1号", ""],
        ["孙一", make_id_number("320102", D(1989, 10, 5), 19), "", SCHOOL, FULL, 43525, "清编〔2019〕7号", ""],
    ]  # fmt: skip


def preview(xc: ExcelCounty, path: Path, **kwargs: object) -> roster_import.RosterPreview:
    with xc.db.read() as uow:
        return roster_import.preview_roster(uow, xc.county.clerk, path, **kwargs)  # type: ignore[arg-type]


def test_a_messy_but_clean_roster_previews_without_errors(xc: ExcelCounty, tmp_path: Path) -> None:
    rows = clean_rows()
    rows[4][0] = "钱玥"
    path = save_messy_roster(tmp_path / "花名册.xlsx", rows)
    result = preview(xc, path)
    assert result.match.header_row == 3 and result.match.data_start == 4  # header on row 4, data from 5
    assert result.match.columns["id_number"] == 2 and result.match.columns["kind"] == 5
    # 钱玥 is a woman without a retirement category: inferred from her kind and noted, not an error
    assert result.errors == []
    noted = [p for p in result.warnings if p.header == "退休类别"]
    assert [(p.row, p.column) for p in noted] == [(9, "")] and "原55岁" in noted[0].message
    names = [r.person.name for r in result.register_rows]
    assert names == ["王喆", "李堃", "张赟", "赵珺", "钱玥", "孙一"]  # padding spaces removed
    assert result.register_rows[0].start_on == D(2019, 3, 1)
    assert {r.start_on for r in result.register_rows[:4]} == {D(2019, 3, 1)}
    assert result.register_rows[0].division_id == xc.office


def test_commit_is_one_operation_and_cleans_values(xc_any: ExcelCounty, tmp_path: Path) -> None:
    xc = xc_any
    rows = clean_rows()
    del rows[4]  # the woman without a category
    path = save_messy_roster(tmp_path / "花名册.xlsx", rows)
    with xc.db.write() as uow:
        result = roster_import.preview_roster(uow, xc.county.clerk, path)
        assert result.ok, result.problems
        roster_import.commit_roster(uow, xc.county.clerk, result)
        uow.commit()
    with xc.db.read() as uow:
        people = dict(uow.session.execute(select(Person.name, Person.id_number)).all())
        assert set(people) == {"王喆", "李堃", "张赟", "赵珺", "孙一"}
        assert people["李堃"] == make_id_number("320102", D(1986, 7, 2), 13)  # full-width digits made ASCII
        assert uow.session.scalar(select(func.count(Enrollment.id))) == 5
        audits = uow.session.scalars(
            select(AuditRecord.summary).where(AuditRecord.action == "import.roster")
        ).all()
        assert len(audits) == 1 and "导入花名册5人" in audits[0]
        [changes] = uow.session.scalars(
            select(AuditRecord.changes).where(AuditRecord.action == "import.roster")
        ).all()
        runs = json.loads(changes)
        created = {n for first, last in runs["person_ids"][1] for n in range(first, last + 1)}
        assert created == set(uow.session.scalars(select(Person.id)))
        enrolled = {n for first, last in runs["enrollment_ids"][1] for n in range(first, last + 1)}
        assert enrolled == set(uow.session.scalars(select(Enrollment.id)))
        assert runs["rows"] == [None, 5]


def test_bad_rows_are_reported_where_the_sheet_shows_them_and_nothing_is_written(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    good = make_id_number("320102", D(1985, 6, 1), 11)
    bad_check = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows = [
        ["王喆", good, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],
        ["李堃", good, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],  # duplicate in the file
        ["张赟", bad_check, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],
        ["赵珺", make_id_number("320102", D(1988, 9, 4), 17), "男", "清河县不存在局", ADMIN, "2019.03", "清编〔2019〕3号", ""],
        ["钱玥", make_id_number("320102", D(1988, 9, 4), 19), "男", BUREAU, "临时编制", "2019.02.30", "", "财务科"],
    ]  # fmt: skip
    path = save_messy_roster(tmp_path / "花名册.xlsx", rows)
    result = preview(xc, path)
    found = {(p.row, p.column) for p in result.errors}
    assert (6, "C") in found and "一人多编" in next(p.message for p in result.errors if p.row == 6)
    assert (7, "C") in found and "校验位" in next(p.message for p in result.errors if p.row == 7)
    assert (8, "E") in found
    assert {(9, "F"), (9, "G")} <= found  # kind, date
    # no 入编文号: the batch's basis; a division the unit lacks: created by the commit (both noted)
    noted = {(p.row, p.column) for p in result.warnings}
    assert {(9, "H"), (9, "I")} <= noted
    with xc.db.write() as uow, pytest.raises(BulkValidationError):
        roster_import.commit_roster(uow, xc.county.clerk, result)
    with xc.db.read() as uow:
        assert uow.session.scalar(select(func.count(Person.id))) == 0


def test_a_person_already_on_the_register_is_one_person_on_two_quotas(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    number = make_id_number("320102", D(1985, 6, 1), 11)
    path = save_messy_roster(
        tmp_path / "a.xlsx", [["王喆", number, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""]]
    )
    with xc.db.write() as uow:
        roster_import.commit_roster(
            uow, xc.county.clerk, roster_import.preview_roster(uow, xc.county.clerk, path)
        )
        uow.commit()
    again = save_messy_roster(
        tmp_path / "b.xlsx", [["王喆", number, "男", SCHOOL, FULL, "2020.03", "清编〔2020〕3号", ""]]
    )
    result = preview(xc, again)
    assert [p.row for p in result.errors] == [5]
    assert "一人多编" in result.errors[0].message and result.errors[0].column == "C"


def test_an_id_number_stored_as_a_number_has_lost_digits(xc: ExcelCounty, tmp_path: Path) -> None:
    number = make_id_number("320102", D(1985, 6, 1), 11)
    path = save_messy_roster(
        tmp_path / "a.xlsx", [["王喆", int(number), "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""]]
    )
    result = preview(xc, path)
    assert len(result.errors) == 1
    assert result.errors[0].column == "C" and "丢失" in result.errors[0].message


def test_over_quota_is_a_warning_at_the_first_row_beyond_the_approved_figure(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    rows = [
        [
            f"王{n}",
            make_id_number("320102", D(1985, 6, 1), 11 + 2 * n),
            "男",
            BUREAU,
            ADMIN,
            "2019.03",
            "清编〔2019〕3号",
            "",
        ]
        for n in range(5)
    ]
    result = preview(
        xc,
        save_messy_roster(
            tmp_path / "a.xlsx",
            [
                [
                    r[0]
                    .replace("0", "零")
                    .replace("1", "一")
                    .replace("2", "二")
                    .replace("3", "三")
                    .replace("4", "四"),
                    *r[1:],
                ]
                for r in rows
            ],
        ),
    )
    assert not result.errors
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert warning.row == 8 and warning.column == "F"  # the fourth person exceeds 核定 3
    assert "超编2名" in warning.message and "核定3名" in warning.message


def test_unmatched_headers_need_a_column_mapping(xc: ExcelCounty, tmp_path: Path) -> None:
    number = make_id_number("320102", D(1985, 6, 1), 11)
    path = save_plain(
        tmp_path / "a.xlsx",
        [
            ["姓名", "号码", "单位", "编制类型", "入编时间", "入编文号"],
            ["王喆", number, BUREAU, ADMIN, "2019-03-01", "清编〔2019〕3号"],
        ],
    )
    result = preview(xc, path)
    assert result.needs_mapping and not result.register_rows
    assert [p.header for p in result.errors] == ["公民身份号码"]
    assert "找不到“公民身份号码”列" in result.errors[0].message
    mapped = preview(xc, path, mapping={"id_number": 1})
    assert mapped.ok and mapped.register_rows[0].person.id_number == number


def test_the_error_report_highlights_cells_and_says_what_is_wrong(xc: ExcelCounty, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    good = make_id_number("320102", D(1985, 6, 1), 11)
    rows = [
        ["王喆", good, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],
        ["李堃", good, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],
        [
            "张赟",
            make_id_number("320102", D(1987, 8, 3), 15),
            "男",
            BUREAU,
            ADMIN,
            "2019.13",
            "清编〔2019〕3号",
            "",
        ],
    ]
    result = preview(xc, save_messy_roster(tmp_path / "a.xlsx", rows))
    report = import_common.write_error_report(
        tmp_path / "错误报告.xlsx", result.sheet, result.match, result.problems
    )
    sheet = load_workbook(report).active
    assert sheet["A3"].value == "原行号" and sheet["K3"].value == "问题说明"
    assert sheet["A4"].value == 6 and sheet["C4"].value == "李堃"  # only the row with problems
    assert sheet["D4"].fill.fgColor.rgb.endswith("FFC7CE") and "一人多编" in sheet["D4"].comment.text
    assert "身份证号码" in sheet["K4"].value and "一人多编" in sheet["K4"].value
    assert sheet["A5"].value == 7 and sheet["H5"].fill.fgColor.rgb.endswith("FFC7CE")  # 进编时间 2019.13
    assert "进编时间" in sheet["K5"].value and "不是真实日期" in sheet["K5"].value
    assert sheet["C4"].fill.fgColor.rgb == "00000000"  # a clean cell stays white
    assert sheet.max_row == 5


def test_total_rows_and_blank_rows_are_not_people(xc: ExcelCounty, tmp_path: Path) -> None:
    rows = [
        [
            "王喆",
            make_id_number("320102", D(1985, 6, 1), 11),
            "男",
            BUREAU,
            ADMIN,
            "2019.03",
            "清编〔2019〕3号",
            "",
        ],
        ["", "", "", "", "", "", "", ""],
        ["合 计", "", "", "", "", "", "", ""],
    ]
    result = preview(xc, save_messy_roster(tmp_path / "a.xlsx", rows))
    assert result.rows == 1 and result.ok


def test_commit_refuses_a_preview_with_errors_even_when_asked(xc: ExcelCounty, tmp_path: Path) -> None:
    path = save_plain(tmp_path / "a.xlsx", [["甲", "乙"], ["1", "2"]])
    result = preview(xc, path)
    with xc.db.write() as uow, pytest.raises(BianzhiError):
        roster_import.commit_roster(uow, xc.county.clerk, result)


def test_the_commit_catches_what_changed_in_the_register_since_the_preview(
    xc_any: ExcelCounty, tmp_path: Path
) -> None:
    """The commit does not validate every person again, but a person registered meanwhile (一人多编) or
    a unit abolished meanwhile is still refused, and nothing of the import is written."""
    xc = xc_any
    first, second = make_id_number("320102", D(1985, 6, 1), 11), make_id_number("320102", D(1986, 7, 2), 13)
    path = save_messy_roster(
        tmp_path / "a.xlsx",
        [
            ["王喆", first, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],
            ["李堃", second, "男", SCHOOL, FULL, "2019.03", "清编〔2019〕4号", ""],
        ],
    )
    result = preview(xc, path)
    assert result.ok and result.checked is not None
    with xc.db.write() as uow:  # someone registers 李堃 and abolishes the bureau in between
        persons.create_person(uow, xc.county.clerk, persons.PersonInput(name="李堃", id_number=second))
        units.abolish_unit(uow, xc.county.clerk, xc.bureau, D(2024, 1, 1), "清编〔2024〕1号")
        uow.commit()
    with xc.db.write() as uow, pytest.raises(BulkValidationError) as raised:
        roster_import.commit_roster(uow, xc.county.clerk, result)
    assert {(p.row, p.field) for p in raised.value.problems} == {(5, "单位"), (6, "身份证号")}
    assert (
        "已撤销" in raised.value.problems[0].message and "已登记为“李堃”" in raised.value.problems[1].message
    )
    with xc.db.read() as uow:
        assert uow.session.scalar(select(func.count(Person.id))) == 1
        assert uow.session.scalar(select(func.count(Enrollment.id))) == 0
        assert not uow.session.scalar(
            select(func.count(AuditRecord.id)).where(AuditRecord.action == "import.roster")
        )


def test_the_commit_catches_a_unit_abolished_since_the_preview_alone(xc: ExcelCounty, tmp_path: Path) -> None:
    """No one registered meanwhile: the commit's quick test per distinct unit still sees the abolition."""
    number = make_id_number("320102", D(1985, 6, 1), 11)
    path = save_messy_roster(
        tmp_path / "a.xlsx", [["王喆", number, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""]]
    )
    result = preview(xc, path)
    assert result.ok
    with xc.db.write() as uow:
        units.abolish_unit(uow, xc.county.clerk, xc.bureau, D(2024, 1, 1), "清编〔2024〕1号")
        uow.commit()
    with xc.db.write() as uow, pytest.raises(BulkValidationError) as raised:
        roster_import.commit_roster(uow, xc.county.clerk, result)
    assert [(p.row, p.field) for p in raised.value.problems] == [(5, "单位")]


def test_the_commit_writes_the_checked_values_with_one_audit_record_for_the_import(
    xc_any: ExcelCounty, tmp_path: Path
) -> None:
    xc = xc_any
    number = make_id_number("320102", D(1985, 6, 1), 11)
    path = save_messy_roster(
        tmp_path / "a.xlsx",
        [["单　雄信", number, "男", BUREAU, "行政", "2019.03", "清编〔2019〕03号", "办公室"]],
    )
    with xc.db.write() as uow:
        result = roster_import.preview_roster(uow, xc.county.clerk, path)
        assert result.ok, result.problems
        roster_import.commit_roster(uow, xc.county.clerk, result)
        uow.commit()
    with xc.db.read() as uow:
        person = uow.session.scalars(select(Person)).one()
        assert (person.name, person.initials, person.sex, person.birth_date) == (
            "单雄信",
            "sxx",
            "male",
            D(1985, 6, 1),
        )
        enrollment = uow.session.scalars(select(Enrollment)).one()
        assert (enrollment.person_id, enrollment.unit_id, enrollment.division_id) == (
            person.id,
            xc.bureau,
            xc.office,
        )
        assert enrollment.start_on == D(2019, 3, 1) and enrollment.end_on is None
        assert uow.session.get(Document, enrollment.start_document_id).number == "清编〔2019〕3号"
        # the import is one audited operation: no record per person, one naming what it created
        assert not uow.session.scalars(
            select(AuditRecord).where(AuditRecord.action == "person.register")
        ).all()
        record = uow.session.scalars(select(AuditRecord).where(AuditRecord.action == "import.roster")).one()
        assert record.summary.endswith("导入花名册1人")
        assert json.loads(record.changes) == {
            "file": [None, "a.xlsx"],
            "rows": [None, 1],
            "persons": [None, 1],
            "person_ids": [None, [[person.id, person.id]]],
            "enrollment_ids": [None, [[enrollment.id, enrollment.id]]],
        }


def test_id_ranges() -> None:
    assert roster_import.id_ranges([]) == []
    assert roster_import.id_ranges([9, 3, 5, 4]) == [[3, 5], [9, 9]]


def test_large_batches_look_up_the_register_by_reading_it_whole(
    xc: ExcelCounty, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above a few thousand rows the register's id numbers and document numbers are read whole rather
    than bound as parameters; the same duplicates are found and the same documents reused."""
    monkeypatch.setattr(bulk, "_CHUNK", 1)
    first, second = make_id_number("320102", D(1985, 6, 1), 11), make_id_number("320102", D(1986, 7, 2), 13)
    third = make_id_number("320102", D(1987, 8, 3), 15)
    rows = [
        ["王喆", first, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],
        ["李堃", second, "男", SCHOOL, FULL, "2019.03", "清编〔2019〕4号", ""],
    ]
    with xc.db.write() as uow:
        result = roster_import.preview_roster(
            uow, xc.county.clerk, save_messy_roster(tmp_path / "a.xlsx", rows)
        )
        roster_import.commit_roster(uow, xc.county.clerk, result)
        uow.commit()
    again = [
        ["王喆", first, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],
        ["张赟", third, "男", SCHOOL, FULL, "2020.03", "清编〔2019〕4号", ""],
    ]
    refused = preview(xc, save_messy_roster(tmp_path / "b.xlsx", again))
    assert [(p.row, p.column) for p in refused.errors] == [(5, "C")]
    with xc.db.write() as uow:
        result = roster_import.preview_roster(
            uow, xc.county.clerk, save_messy_roster(tmp_path / "c.xlsx", again[1:])
        )
        roster_import.commit_roster(uow, xc.county.clerk, result)
        uow.commit()
    with xc.db.read() as uow:
        documents = dict(
            uow.session.execute(
                select(Person.name, Document.number)
                .join(Enrollment, Enrollment.person_id == Person.id)
                .join(Document, Document.id == Enrollment.start_document_id)
            ).all()
        )
        assert documents == {"王喆": "清编〔2019〕3号", "李堃": "清编〔2019〕4号", "张赟": "清编〔2019〕4号"}
        assert (
            uow.session.scalar(select(func.count(Document.id)).where(Document.number.like("清编〔2019〕%")))
            == 2
        )


def test_total_rows_and_blank_rows_are_skipped_but_a_named_row_with_a_number_is_read(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    number = make_id_number("320102", D(1985, 6, 1), 11)
    other = make_id_number("320102", D(1986, 7, 2), 13)
    path = save_messy_roster(
        tmp_path / "a.xlsx",
        [
            ["王喆", number, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕3号", ""],
            ["", "", "", "", "", "", "", ""],
            ["合 计", "", "", "", "", "", "", ""],  # the sheet's total line: not a person
            ["合计", other, "男", BUREAU, ADMIN, "2019.03", "清编〔2019〕4号", ""],  # has a number: a person
        ],
    )
    result = preview(xc, path)
    assert result.rows == 2 and result.ok, result.problems
    assert [row.person.name for row in result.register_rows] == ["王喆", "合计"]


def test_a_column_mixing_true_and_numbers_reads_each_cell_by_its_type(
    xc: ExcelCounty, tmp_path: Path
) -> None:
    """TRUE and 1 compare equal in Python: each cell is still read once per value and type, and a bad
    cell is reported on its own row only."""
    header = ["姓名", "公民身份号码", "单位", "编制类型", "入编时间", "入编文号", "是否占职数"]
    rows = [
        ["王喆", make_id_number("320102", D(1985, 6, 1), 11), BUREAU, ADMIN, D(2019, 3, 1), "清编〔2019〕3号", True],
        ["李堃", make_id_number("320102", D(1986, 7, 2), 13), BUREAU, ADMIN, D(2019, 3, 1), "清编〔2019〕3号", 0],
        ["张赟", make_id_number("320102", D(1987, 8, 3), 15), SCHOOL, FULL, D(2019, 3, 1), "清编〔2019〕3号", "否"],
        ["赵珺", make_id_number("320102", D(1988, 9, 4), 17), SCHOOL, FULL, D(2019, 3, 1), "清编〔2019〕3号", 7],
        ["孙一", make_id_number("320102", D(1989, 10, 5), 19), SCHOOL, FULL, D(2019, 3, 1), "清编〔2019〕3号", 1],
    ]  # fmt: skip
    result = preview(xc, save_plain(tmp_path / "占职数.xlsx", [header, *rows]))
    assert [(p.row, p.header) for p in result.errors] == [(5, "是否占职数")]
    assert "应为“是”或“否”" in result.errors[0].message
    counts = {r.person.name: r.counts_against_posts for r in result.register_rows}
    assert counts == {"王喆": True, "李堃": False, "张赟": False, "孙一": True}


def test_a_header_cell_merged_into_the_first_data_row_keeps_that_row(xc: ExcelCounty, tmp_path: Path) -> None:
    """The header's 序号 cell merged down over the first person by mistake: that person is still read
    (issue 15: the row vanished and 9 of 10 were imported under 全部通过校验)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(
        ["序号", "姓名", "身份证号码", "性别", "所在单位", "编制性质", "进编时间", "入编文号", "科室"]
    )
    for number, row in enumerate(clean_rows()[:4], start=1):
        sheet.append([number, *row])
    sheet.merge_cells("A1:A2")  # reaches into the first data row
    path = tmp_path / "合并.xlsx"
    book.save(path)
    result = preview(xc, path)
    assert result.match.data_start == 1
    assert result.rows == 4
    assert [r.person.name for r in result.register_rows] == ["王喆", "李堃", "张赟", "赵珺"]


def test_a_two_row_header_is_still_skipped_whole(xc: ExcelCounty, tmp_path: Path) -> None:
    path = save_messy_roster(tmp_path / "花名册.xlsx", clean_rows()[:2])
    result = preview(xc, path)
    assert result.match.data_start == 4 and result.rows == 2
