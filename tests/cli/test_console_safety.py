"""The console never changes what it only reads, and never shows a traceback (issue 15, item 8)."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bianzhi_desktop import cli

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:  # argparse usage errors
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def county(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "county.sqlite3"
    shutil.copyfile(demo_template, path)
    return path


READING = (  # DB stands for the database's path
    ("summary", "--db", "DB"),
    ("summary", "--db", "DB", "--format", "csv"),
    ("user", "list", "--db", "DB"),
    ("matters", "list", "--db", "DB"),
    ("check", "--db", "DB"),
)


@pytest.mark.parametrize("command", READING, ids=" ".join)
def test_reading_commands_leave_the_file_as_it_was(
    county: Path, command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    before = digest(county)
    code, out, err = run(capsys, *(str(county) if arg == "DB" else arg for arg in command))
    assert (code, err) == (0, "")
    assert out
    assert digest(county) == before


def test_an_empty_file_stays_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.sqlite3"
    empty.touch()
    code, _, err = run(capsys, "summary", "--db", str(empty))
    assert code == 1 and "还不是本程序的数据库" in err and "Traceback" not in err
    assert empty.stat().st_size == 0


def test_a_foreign_database_is_refused_and_not_touched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE notes (body TEXT)")
        conn.execute("INSERT INTO notes VALUES ('mine')")
    before = digest(foreign)
    for command in ("summary", "check"):
        code, _, err = run(capsys, command, "--db", str(foreign))
        assert code == 1 and "不是本程序的数据库" in err
    assert digest(foreign) == before


def test_an_impossible_date_is_a_usage_error(county: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "check", "--db", str(county), "--as-of", "9999-12-31")
    assert code == 2 and "年份9999不合理" in err and "Traceback" not in err


def test_a_full_disk_is_a_message_and_nothing_is_left_behind(
    county: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    code, _, err = run(capsys, "export-roster", "--db", str(county), "--out", "/dev/full")
    assert code == 1 and "/dev/full" in err and "Traceback" not in err


def test_a_closed_pipe_ends_quietly(demo_template: Path) -> None:
    """`bianzhi-cli summary | head`: the reader has gone before the table is written; no traceback, exit 1."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone: every write fails with EPIPE
    try:
        writer = subprocess.run(
            [sys.executable, "-m", "bianzhi_desktop.cli", "summary", "--db", str(demo_template)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
            check=False,
        )
    finally:
        os.close(write_end)
    assert writer.returncode == 1, writer.stderr
    assert "Traceback" not in writer.stderr and "输出已被截断" in writer.stderr


def test_a_failed_demo_leaves_no_half_built_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import bianzhi_desktop.demo as demo

    def fails(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(demo, "build_demo_county", fails)
    target = tmp_path / "demo.sqlite3"
    code, _, err = run(capsys, "demo", "--db", str(target), "--persons", "100", "--quiet")
    assert code == 1 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == []


@pytest.mark.parametrize("persons", [10, 60])
def test_small_demos_build(tmp_path: Path, persons: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "demo", "--db", str(tmp_path / "small.sqlite3"), "--persons", str(persons), "--quiet"
    )
    assert (code, err) == (0, "") and "演示县" in out


def test_a_folder_name_with_uri_characters_is_read_as_itself(
    county: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "编办#备份%41?"
    folder.mkdir()
    moved = shutil.copyfile(county, folder / "county.sqlite3")
    code, out, err = run(capsys, "summary", "--db", str(moved))
    assert (code, err) == (0, "") and "截至" in out
