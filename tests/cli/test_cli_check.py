"""bianzhi-cli check: the health check from the console (JSON and table), the ledger and the export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bianzhi_desktop import cli
from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.services.health import rectification


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # argparse usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_file(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("check") / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


def test_json_lists_findings_with_code_unit_and_message(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "check", "--db", str(demo_file), "--format", "json")
    assert code == 0 and err == ""
    findings = json.loads(out)
    assert all({"code", "unit", "message", "figures", "records"} <= set(f) for f in findings)
    over = [f for f in findings if f["code"] == "over_quota"]
    assert len(over) == 3 and all(f["figures"]["vacancy"] < 0 for f in over)
    assert {f["code"] for f in findings} >= {"over_leader_posts", "past_retirement", "expired_reservation"}


def test_table_output_ends_with_the_counts(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "check", "--db", str(demo_file))
    assert code == 0
    assert "超编" in out and "云溪县人民医院" in out
    assert out.strip().splitlines()[-1].startswith("体检完成：共") and "超编3项" in out


def test_out_records_the_ledger_and_writes_the_workbook(demo_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "体检问题清单.xlsx"
    code, out, _ = run(capsys, "check", "--db", str(demo_file), "--out", str(target))
    assert code == 0 and "已登记整改台账：新发现" in out
    db = open_database(demo_file)
    try:
        with db.read() as uow:
            entries = rectification.list_entries(uow)
    finally:
        db.close()
    assert sum(1 for e in entries if e.code.value == "over_quota") == 3
    rows = list(load_workbook(target).active.iter_rows(min_row=4, values_only=True))
    assert len(rows) >= len(entries) and sum(1 for row in rows if row[1] == "超编") == 3
    code, out, _ = run(capsys, "check", "--db", str(demo_file), "--record")
    assert "新发现0项" in out


def test_a_missing_database_is_a_clear_error(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, "check", "--db", str(tmp_path / "无.sqlite3"))
    assert code == 1 and "不存在" in err
