"""bianzhi-cli as a script user sees it: exit codes 0/1/2, Chinese messages, output formats."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from bianzhi_desktop import cli
from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.services.admin import users
from bianzhi_desktop.services.ledger import quota as quota
from tests.conftest import DEMO_PERSONS, DEMO_SEED

PASSWORD = "secret123"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # argparse usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_file(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    shutil.copyfile(demo_template, path)
    return path


def test_demo_command_builds_the_same_county_for_the_same_seed(  # type: ignore[no-untyped-def]
    demo_file: Path, tmp_path: Path, capsys
) -> None:
    path = tmp_path / "again.sqlite"
    code, out, err = run(capsys, "demo", "--db", str(path), "--persons", str(DEMO_PERSONS),
                         "--seed", str(DEMO_SEED), "--quiet")  # fmt: skip
    assert (code, err) == (0, "")
    assert out.startswith("演示县“云溪县”已建成")
    assert "admin" in out and "demo1234" in out
    _, built, _ = run(capsys, "summary", "--db", str(path), "--format", "json")
    _, template, _ = run(capsys, "summary", "--db", str(demo_file), "--format", "json")
    assert built == template


def test_init_creates_an_empty_county(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "qh.sqlite"
    code, out, err = run(
        capsys, "init", "--db", str(path), "--county", "清河县", "--office", "中共清河县委机构编制委员会办公室",
        "--prefix", "清编办发", "--admin-password", PASSWORD,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "已建立“清河县”的数据库" in out
    db = open_database(path)
    try:
        with db.read() as uow:
            assert [u.username for u in users.list_users(uow)] == ["admin"]
        assert users_can_sign_in(db, "admin", PASSWORD)
    finally:
        db.close()


def users_can_sign_in(db, username: str, password: str) -> bool:  # type: ignore[no-untyped-def]
    with db.write() as uow:
        actor = users.authenticate(uow, username, password)
        uow.commit()
    return actor.username == username


def test_init_without_password_generates_one_and_says_so(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "qh.sqlite"
    code, out, _ = run(
        capsys, "init", "--db", str(path), "--county", "清河县", "--office", "编办", "--prefix", "清编"
    )
    assert code == 0
    generated = out.split("初始密码：")[1].split("　")[0]
    assert len(generated) >= 8
    db = open_database(path)
    try:
        assert users_can_sign_in(db, "admin", generated)
    finally:
        db.close()


def test_demo_summary_in_three_formats_agrees_with_the_service(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "summary", "--db", str(demo_file), "--format", "json")
    assert (code, err) == (0, "")
    rows = json.loads(out)
    db = open_database(demo_file)
    try:
        with db.read() as uow:
            expected = quota.summary(uow, None)
    finally:
        db.close()
    assert len(rows) == len(expected) > 50
    assert rows[0] == {
        "unit": expected[0].unit_name, "kind": expected[0].kind_name, "approved": expected[0].approved,
        "enrolled": expected[0].enrolled, "reserved": expected[0].reserved, "vacancy": expected[0].vacancy,
    }  # fmt: skip
    assert all(r["vacancy"] == r["approved"] - r["enrolled"] - r["reserved"] for r in rows)

    code, out, _ = run(capsys, "summary", "--db", str(demo_file), "--format", "csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(table) == len(rows)
    assert [int(r["approved"]) for r in table] == [r["approved"] for r in rows]

    code, out, _ = run(capsys, "summary", "--db", str(demo_file))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["单位", "编制类型", "核定", "在编", "已核准未入编", "空编"]
    total = sum(r["approved"] for r in rows)
    assert f"核定{total}" in lines[-1] and lines[-1].startswith("截至")


def test_summary_as_of_an_earlier_date_counts_fewer_people(demo_file: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _, now, _ = run(capsys, "summary", "--db", str(demo_file), "--format", "json")
    _, then, _ = run(capsys, "summary", "--db", str(demo_file), "--format", "json", "--as-of", "2000-01-01")
    assert sum(r["enrolled"] for r in json.loads(then)) < sum(r["enrolled"] for r in json.loads(now))


def test_backup_is_a_working_copy(demo_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "copy.sqlite"
    code, out, _ = run(capsys, "backup", "--db", str(demo_file), "--out", str(target))
    assert code == 0 and "已备份到" in out
    _, original, _ = run(capsys, "summary", "--db", str(demo_file), "--format", "json")
    _, copied, _ = run(capsys, "summary", "--db", str(target), "--format", "json")
    assert copied == original


def test_user_add_list_and_reset(demo_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "u.sqlite"
    run(capsys, "init", "--db", str(path), "--county", "清河县", "--office", "编办", "--prefix", "清编",
        "--admin-password", PASSWORD)  # fmt: skip
    code, out, _ = run(capsys, "user", "add", "--db", str(path), "liuyun", "--name", "刘赟",
                       "--roles", "clerk,审核", "--password", "first-pass")  # fmt: skip
    assert code == 0 and "已添加用户 liuyun（经办、审核）" in out
    code, out, _ = run(capsys, "user", "list", "--db", str(path))
    assert code == 0
    row = next(line for line in out.splitlines() if line.startswith("liuyun"))
    assert row.split() == ["liuyun", "刘赟", "经办、审核", "启用"]
    code, out, _ = run(
        capsys, "user", "reset-password", "--db", str(path), "liuyun", "--password", "second-pass"
    )
    assert code == 0
    db = open_database(path)
    try:
        assert users_can_sign_in(db, "liuyun", "second-pass")
    finally:
        db.close()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["summary", "--db", "{missing}"], "不存在"),
        (
            [
                "user",
                "add",
                "--db",
                "{demo}",
                "x1",
                "--name",
                "某",
                "--roles",
                "boss",
                "--password",
                "abcdef1",
            ],
            "没有“boss”这一角色",
        ),
        (
            ["user", "add", "--db", "{demo}", "x2", "--name", "某", "--roles", "clerk", "--password", "123"],
            "密码",
        ),
        (
            [
                "user",
                "add",
                "--db",
                "{demo}",
                "admin",
                "--name",
                "某",
                "--roles",
                "clerk",
                "--password",
                "abcdef1",
            ],
            "admin",
        ),
        (["demo", "--db", "{demo}", "--quiet"], "已存在"),
        (["summary", "--db", "{garbage}"], "不是"),
    ],
)
def test_user_errors_exit_1_with_a_chinese_message(  # type: ignore[no-untyped-def]
    demo_file: Path, tmp_path: Path, capsys, args: list[str], message: str
) -> None:
    garbage = tmp_path / "notes.sqlite"
    garbage.write_bytes(b"this is not a database at all" * 100)
    places = {"{missing}": str(tmp_path / "none.sqlite"), "{demo}": str(demo_file), "{garbage}": str(garbage)}
    code, _out, err = run(capsys, *[places.get(a, a) for a in args])
    assert code == 1
    assert err.startswith("错误：") and message in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["frobnicate"],
        ["summary"],
        ["summary", "--db", "x.sqlite", "--as-of", "2026-13-01"],
        ["demo", "--db", "x.sqlite", "--persons", "-5"],
    ],
)
def test_bad_usage_exits_2(capsys, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(capsys, *args)
    assert code == 2
    assert "用法错误" in err


def test_a_bug_reaches_the_log_not_the_clerk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An unexpected error prints a Chinese message naming the log; the traceback is in the log."""
    from bianzhi_desktop.cli import console as cli_main

    def broken(_args: object) -> int:
        raise RuntimeError("something the program did not foresee")

    monkeypatch.setenv("BIANZHI_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(cli_main, "cmd_summary", broken)
    code = cli.main(["summary", "--db", str(tmp_path / "x.sqlite3")])
    err = capsys.readouterr().err
    assert code == 1
    assert "程序内部错误" in err and "Traceback" not in err
    assert str(tmp_path / "logs" / "bianzhi.log") in err
    log = (tmp_path / "logs" / "bianzhi.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "something the program did not foresee" in log
