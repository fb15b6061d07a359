"""Backups and restores that never destroy what they replace (issue 15, item 1)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from bianzhi_desktop.persistence import backup as backup_module
from bianzhi_desktop.persistence.backup import BackupRefused, check_backup_file
from bianzhi_desktop.persistence.database import Database, open_database, restore_database

from ..cli.test_cli import run

ROOT = Path(__file__).resolve().parents[2]


def count_users(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM app_user").fetchone()[0]
    finally:
        conn.close()


def execute(path: Path, sql: str) -> Path:
    conn = sqlite3.connect(path)
    try:
        conn.execute(sql)
        conn.commit()
    finally:
        conn.close()
    return path


def add_user_row(db: Database, name: str) -> None:
    with db.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO app_user (username, display_name, password_hash, roles, active, failed_logins, "
                "created_at) VALUES (:n, :n, 'x', 'clerk', 1, 0, '2026-01-01')"
            ),
            {"n": name},
        )


def test_backup_to_the_database_or_its_journal_files_is_refused(sqlite_db: Database) -> None:
    live = Path(sqlite_db.location)
    add_user_row(sqlite_db, "keep")
    for target in (live, Path(f"{live}-wal"), Path(f"{live}-shm"), Path(f"{live}-journal")):
        with pytest.raises(BackupRefused, match="会毁掉数据库"):
            sqlite_db.backup(target)
    # the same file reached through another spelling of its path
    with pytest.raises(BackupRefused, match="数据库文件本身"):
        sqlite_db.backup(live.parent / "." / live.name)
    assert count_users(live) == 1


def test_a_failed_backup_leaves_the_previous_one_whole(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backup.sqlite3"
    add_user_row(sqlite_db, "first")
    sqlite_db.backup(target)
    add_user_row(sqlite_db, "second")

    def disk_full(source: sqlite3.Connection, destination: sqlite3.Connection) -> None:
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = 13  # type: ignore[attr-defined]  # SQLITE_FULL, as SQLite raises it
        raise error

    monkeypatch.setattr(backup_module, "_copy_pages", disk_full)
    with pytest.raises(Exception, match="磁盘空间已满"):
        sqlite_db.backup(target)
    assert count_users(target) == 1  # the old backup, untouched
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
    monkeypatch.undo()
    sqlite_db.backup(target)
    assert count_users(target) == 2
    assert check_backup_file(target)  # one self-contained file: no -wal beside it
    assert not Path(f"{target}-wal").exists()


def test_a_copy_that_fails_its_check_is_not_renamed_over_the_backup(
    sqlite_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "backup.sqlite3"
    sqlite_db.backup(target)
    before = target.read_bytes()
    monkeypatch.setattr(backup_module, "_integrity_ok", lambda conn: False)
    with pytest.raises(BackupRefused, match="校验未通过"):
        sqlite_db.backup(target)
    assert target.read_bytes() == before


def test_backup_on_postgresql_says_to_use_pg_dump(db: Database, tmp_path: Path) -> None:
    if db.is_sqlite:
        pytest.skip("the PostgreSQL case")
    with pytest.raises(BackupRefused) as caught:
        db.backup(tmp_path / "x.sqlite3")
    assert "pg_dump" in str(caught.value) and "未预料" not in str(caught.value)
    with pytest.raises(BackupRefused, match="pg_dump"):
        restore_database(tmp_path / "x.sqlite3", db.url)


def test_restore_checks_the_backup_and_saves_what_it_replaces(sqlite_db: Database, tmp_path: Path) -> None:
    live = Path(sqlite_db.location)
    add_user_row(sqlite_db, "old")
    good = sqlite_db.backup(tmp_path / "good.sqlite3")
    add_user_row(sqlite_db, "after-backup")
    sqlite_db.close()

    report = restore_database(good, live)
    assert count_users(live) == 1
    assert report.previous_saved_as is not None and count_users(report.previous_saved_as) == 2
    reopened = open_database(live)  # the program opens the restored file as usual
    reopened.close()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"hello, not a database", "不是SQLite数据库"),
        (b"SQLite format 3\x00" + b"\x00" * 500, "损坏"),
    ],
)
def test_restore_refuses_what_is_not_a_good_backup(
    sqlite_db: Database, tmp_path: Path, content: bytes, words: str
) -> None:
    live = Path(sqlite_db.location)
    add_user_row(sqlite_db, "keep")
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(content)
    with pytest.raises(BackupRefused, match=words):
        restore_database(bad, live)
    assert count_users(live) == 1


def test_restore_refuses_a_foreign_or_newer_database(sqlite_db: Database, tmp_path: Path) -> None:
    live = Path(sqlite_db.location)
    foreign = execute(tmp_path / "foreign.sqlite3", "CREATE TABLE t (x)")
    with pytest.raises(BackupRefused, match="不是本程序的数据库备份"):
        restore_database(foreign, live)
    newer = execute(
        sqlite_db.backup(tmp_path / "newer.sqlite3"), "UPDATE alembic_version SET version_num = '9999'"
    )
    with pytest.raises(BackupRefused, match="更新版本"):
        restore_database(newer, live)
    with pytest.raises(BackupRefused, match="会毁掉数据库"):
        restore_database(live, live)


def test_console_restore(sqlite_db: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    live = Path(sqlite_db.location)
    good = sqlite_db.backup(tmp_path / "good.sqlite3")
    add_user_row(sqlite_db, "later")
    sqlite_db.close()
    code, out, _ = run(capsys, "restore", "--db", str(live), "--from", str(good))
    assert code == 0 and "已从" in out and "另存为" in out
    assert count_users(live) == 0
    code, _, err = run(capsys, "restore", "--db", str(live), "--from", str(tmp_path / "missing.sqlite3"))
    assert code == 1 and "不存在" in err


KILLER = """
import sys
from pathlib import Path
from bianzhi_desktop.persistence.backup import backup_sqlite_file
source, target = Path(sys.argv[1]), Path(sys.argv[2])
print("ready", flush=True)
while True:
    backup_sqlite_file(source, target)
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kill -9 is POSIX")
def test_kill_during_backup_never_loses_the_backup(sqlite_db: Database, tmp_path: Path) -> None:
    live = Path(sqlite_db.location)
    filler = sqlite3.connect(live)  # some megabytes, so kills land inside the copy
    filler.execute("CREATE TABLE filler (x BLOB)")
    filler.executemany("INSERT INTO filler VALUES (randomblob(4000))", [()] * 1500)
    filler.commit()
    filler.close()
    target = tmp_path / "backup.sqlite3"
    sqlite_db.backup(target)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for round_ in range(5):
        with subprocess.Popen(
            [sys.executable, "-c", KILLER, str(live), str(target)], env=env, stdout=subprocess.PIPE
        ) as child:
            assert child.stdout is not None and child.stdout.readline() == b"ready\n"
            time.sleep(0.05 + 0.037 * round_)
            child.send_signal(signal.SIGKILL)
            child.wait()
        assert check_backup_file(target)  # whole, intact, ours
    killed = [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]
    for stale in killed:  # what the kills left is removed by a later backup once it is old
        os.utime(stale, (time.time() - 3600, time.time() - 3600))
    sqlite_db.backup(target)
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []
