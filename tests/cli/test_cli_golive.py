"""bianzhi-cli go-live, reopen and status as a script user sees them (issue 12, item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bianzhi_desktop.persistence import migrate
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.persistence.models import AuditRecord, Person
from tests.excel.conftest import build
from tests.excel.test_cli_excel import db_path, good_rows
from tests.excel.workbooks import save_messy_roster

from .test_cli import run


@pytest.fixture
def county(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = str(tmp_path / "qh.sqlite")
    code, _, _ = run(capsys, "init", "--db", path, "--county", "清河县", "--office", "清河县编办",
                     "--prefix", "清编办发", "--admin-password", "secret123")  # fmt: skip
    assert code == 0
    return path


def status(capsys: pytest.CaptureFixture[str], path: str) -> dict[str, object]:
    code, out, err = run(capsys, "status", "--db", path, "--format", "json")
    assert (code, err) == (0, "")
    return json.loads(out)  # type: ignore[no-any-return]


def test_go_live_prints_the_checklist_and_exits_1_while_open(county: str, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "go-live", "--db", county)
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == "✗ 机构及其三定规定：还没有录入任何机构。"
    assert lines[2] == "✗ 实名制人员已录入：还没有任何在编人员。"
    assert lines[4].startswith("✗ 经办、审核、批准由不同人员担任：没有启用的“经办”“审核”“批准”用户")
    assert "还有5项未完成，初始化录入未结束" in err and "--force" in err
    assert status(capsys, county)["mode"] == "initialisation"


def test_forced_go_live_then_reopen_then_status(county: str, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(capsys, "go-live", "--db", county, "--force", "先行上线，机构下月补录")
    assert code == 0 and "已结束初始化录入（强制结束，5项未完成，理由已记录）" in out
    report = status(capsys, county)
    assert report | {"live_since": None} == {
        "county": "清河县",
        "office": "清河县编办",
        "mode": "live",
        "live_since": None,
        "reopened_reason": None,
        "schema_revision": migrate.head_revision(),
        "units": 0,
        "people": 0,
        "open_matters": 0,
    }
    assert report["live_since"]
    code, _, err = run(capsys, "go-live", "--db", county)
    assert code == 1 and "初始化录入已于" in err
    code, _, err = run(capsys, "reopen", "--db", county, "--reason", " ")
    assert code == 1 and "须写明理由" in err
    code, out, _ = run(capsys, "reopen", "--db", county, "--reason", "补录城关镇")
    assert code == 0 and "已重新打开初始化录入（理由：补录城关镇）" in out
    assert status(capsys, county)["reopened_reason"] == "补录城关镇"
    code, out, _ = run(capsys, "status", "--db", county)
    assert code == 0
    assert "状态：初始化录入（上线后重新打开，理由：补录城关镇）" in out
    assert "机构：0个　在编人员：0名　未办结事项：0件" in out
    assert f"数据库结构版本：{migrate.head_revision()}" in out


def test_status_reads_only(county: str, capsys) -> None:  # type: ignore[no-untyped-def]
    before = Path(county).read_bytes()
    assert status(capsys, county)["mode"] == "initialisation"
    assert Path(county).read_bytes() == before


def test_after_go_live_a_roster_import_is_refused_and_writes_nothing(
    sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xc = build(sqlite_db)
    code, _, _ = run(capsys, "go-live", "--db", db_path(xc), "--force", "测试")
    assert code == 0
    path = save_messy_roster(tmp_path / "花名册.xlsx", good_rows())
    with xc.db.read() as uow:
        audit_before = uow.session.scalar(select(func.count(AuditRecord.id)))
    code, _, err = run(capsys, "import-roster", "--db", db_path(xc), str(path))
    assert code == 1 and "初始化录入已关闭，不能直接导入花名册" in err
    with xc.db.read() as uow:
        assert uow.session.scalar(select(func.count(Person.id))) == 0
        assert uow.session.scalar(select(func.count(AuditRecord.id))) == audit_before


def test_the_commands_are_listed_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and all(name in out for name in ("go-live", "reopen", "status"))
