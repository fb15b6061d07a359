"""bianzhi-cli import-roster / import-ledger / export-roster: exit codes, JSON, nothing written on error."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bianzhi_desktop.cli import main
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.models import Person

from .conftest import ExcelCounty
from .workbooks import save_messy_roster

D = dt.date


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def persons(xc: ExcelCounty) -> int:
    with xc.db.read() as uow:
        return uow.session.scalar(select(func.count(Person.id))) or 0


def good_rows() -> list[list[object]]:
    return [
        ["王喆", make_id_number("320102", D(1985, 6, 1), 11), "男", "清河县教育局", "行政编制", "2019.03", "清编〔2019〕3号", "办公室"],
        ["张赟", make_id_number("320102", D(1987, 8, 3), 15), "男", "清河县第一中学", "全额拨款", "20190301", "清编〔2019〕5号", ""],
    ]  # fmt: skip


def db_path(xc: ExcelCounty) -> str:
    return xc.db.url.removeprefix("sqlite:///")


def test_dry_run_then_import(xc: ExcelCounty, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = save_messy_roster(tmp_path / "花名册.xlsx", good_rows())
    code, out, _ = run(
        capsys, "import-roster", "--db", db_path(xc), str(path), "--dry-run", "--format", "json"
    )
    assert code == 0
    assert json.loads(out) == {"rows": 2, "errors": [], "warnings": [], "groups": []}
    assert persons(xc) == 0
    code, out, _ = run(capsys, "import-roster", "--db", db_path(xc), str(path))
    assert code == 0 and "已导入2人" in out
    assert persons(xc) == 2


def test_any_error_exits_1_and_writes_nothing(
    xc: ExcelCounty, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = good_rows()
    rows.append(["李堃", rows[0][1], "男", "清河县教育局", "行政编制", "2019.03", "清编〔2019〕3号", ""])
    path = save_messy_roster(tmp_path / "花名册.xlsx", rows)
    report = tmp_path / "错误报告.xlsx"
    code, out, _ = run(
        capsys,
        "import-roster",
        "--db",
        db_path(xc),
        str(path),
        "--format",
        "json",
        "--error-report",
        str(report),
    )
    assert code == 1
    payload = json.loads(out)
    assert payload["rows"] == 3
    assert [(e["row"], e["column"]) for e in payload["errors"]] == [(7, "C")]
    assert "一人多编" in payload["errors"][0]["message"]
    assert persons(xc) == 0
    assert report.exists()


def test_an_unreadable_file_exits_1_with_a_message(
    xc: ExcelCounty, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "坏.xlsx"
    bad.write_text("not a workbook", encoding="utf-8")
    code, out, _ = run(capsys, "import-roster", "--db", db_path(xc), str(bad), "--format", "json")
    assert code == 1
    assert "不是Excel工作簿" in json.loads(out)["errors"][0]["message"]
    code, _, err = run(capsys, "import-roster", "--db", db_path(xc), str(bad))
    assert code == 1 and "坏.xlsx" in err


def test_column_mapping_on_the_command_line(
    xc: ExcelCounty, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from .workbooks import save_plain

    number = make_id_number("320102", D(1985, 6, 1), 11)
    path = save_plain(
        tmp_path / "a.xlsx",
        [
            ["姓名", "号码", "单位", "编制类型", "入编时间", "入编文号"],
            ["王喆", number, "清河县教育局", "行政编制", "2019-03-01", "清编〔2019〕3号"],
        ],
    )
    code, out, _ = run(capsys, "import-roster", "--db", db_path(xc), str(path), "--format", "json")
    assert code == 1 and "找不到“公民身份号码”列" in out
    code, _, _ = run(capsys, "import-roster", "--db", db_path(xc), str(path), "--column", "身份证号=B")
    assert code == 0 and persons(xc) == 1


def test_export_roster_and_ledger_then_import_ledger_dry_run(
    xc: ExcelCounty, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(
        capsys, "import-roster", "--db", db_path(xc), str(save_messy_roster(tmp_path / "r.xlsx", good_rows()))
    )
    out_file = tmp_path / "教育局.xlsx"
    code, out, _ = run(
        capsys, "export-roster", "--db", db_path(xc), "--out", str(out_file), "--unit", "清河县教育局"
    )
    assert code == 0 and "1人" in out and out_file.exists()
    code, _, err = run(
        capsys, "export-roster", "--db", db_path(xc), "--out", str(out_file), "--unit", "没有这个局"
    )
    assert code == 1 and "没有名为“没有这个局”的机构" in err
    ledger = tmp_path / "台账.xlsx"
    assert run(capsys, "export-ledger", "--db", db_path(xc), "--out", str(ledger))[0] == 0
    code, out, _ = run(
        capsys, "import-ledger", "--db", db_path(xc), str(ledger), "--dry-run", "--format", "json"
    )
    # every unit already exists (warnings); the same ledger lines again are fine arithmetically
    payload = json.loads(out)
    assert code == 0 and payload["errors"] == [] and len(payload["warnings"]) >= 2


def test_an_office_roster_imports_with_only_warnings_and_the_batch_options(
    xc: ExcelCounty, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bianzhi_desktop.persistence.models import Document

    from .workbooks import save_plain

    header = ["姓名", "身份证号", "出生年月", "单位", "编制类型", "入编时间"]
    woman = make_id_number("320102", D(1990, 4, 12), 22)
    path = save_plain(
        tmp_path / "a.xlsx", [header, ["王芳", woman, "1990.04", "清河县第一中学", "事业编制", "2012.09"]]
    )
    bad = save_plain(
        tmp_path / "b.xlsx", [header, ["李娜", woman, "1990.05", "清河县第一中学", "事业编制", "2012.09"]]
    )
    code, out, _ = run(capsys, "import-roster", "--db", db_path(xc), str(bad))
    assert code == 1 and "出生年月1990年5月与身份证号" in out and persons(xc) == 0
    code, out, _ = run(
        capsys, "import-roster", "--db", db_path(xc), str(path),
        "--basis", "实名制信息初始化（2026年12月）", "--female-retirement", "50",
    )  # fmt: skip
    assert code == 0, out
    assert "提醒 1行：未填写原法定退休年龄类别，已按本批默认类别设定（第2行）" in out
    assert "按本批依据“实名制信息初始化（2026年12月）”登记" in out
    with xc.db.read() as uow:
        assert uow.session.scalar(select(Person.retirement_category)) == "female_50"
        assert uow.session.scalar(select(func.count(Document.id)).where(Document.number == "实名制信息初始化（2026年12月）")) == 1  # fmt: skip


@pytest.mark.parametrize(
    ("number", "message"),
    [
        ("清编〔2019〕" + "9" * 200 + "号", "入编文号过长"),  # would overflow or exceed the column
        ("清编〔2019〕3号" + "附" * 130, "入编文号过长"),
    ],
)
def test_a_dry_run_refuses_what_the_real_run_would(  # issue 15, item 4
    xc: ExcelCounty, tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str, message: str
) -> None:
    rows = good_rows()
    rows[1][6] = number
    path = save_messy_roster(tmp_path / "花名册.xlsx", rows)
    for extra in (["--dry-run"], []):
        code, out, _ = run(
            capsys, "import-roster", "--db", db_path(xc), str(path), "--format", "json", *extra
        )
        assert code == 1
        assert any(message in error["message"] for error in json.loads(out)["errors"])
    assert persons(xc) == 0


def test_a_sequence_no_office_reaches_is_kept_as_typed() -> None:
    from bianzhi_desktop.domain.docnumber import canonical_doc_number, parse_doc_number

    text = "清编〔2019〕12345678901234567890号"
    assert parse_doc_number(text) is None  # not a number of the series: no 64-bit overflow at commit
    assert canonical_doc_number(text) == text


def test_an_exported_workbook_has_the_usual_permissions(
    xc: ExcelCounty, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Written through a private temporary file, the workbook still gets the mode a new file would."""
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    target = tmp_path / "花名册.xlsx"
    code, _, _ = run(capsys, "export-roster", "--db", db_path(xc), "--out", str(target))
    assert code == 0
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask
