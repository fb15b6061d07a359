"""Opening, migrating, refusing and backing up databases; invariants the database holds itself."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from bianzhi_desktop.persistence import migrate
from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.persistence.errors import DatabaseFault, DatabaseProblem, DatabaseTooNew
from bianzhi_desktop.persistence.models import Base

from ..conftest import County, make_county
from ..services.helpers import D, add_person, add_quota, add_unit, enroll


def test_new_database_is_at_head_and_matches_the_models(db) -> None:  # type: ignore[no-untyped-def]
    assert migrate.current_revision(db.engine) == migrate.head_revision()
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []


def test_sqlite_pragmas(sqlite_db) -> None:  # type: ignore[no-untyped-def]
    with sqlite_db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL


def test_upgrade_from_first_schema_keeps_data_and_backs_up(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    migrate.upgrade(engine, str(path), target="0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO app_user (username, display_name, password_hash, roles, active, "
                "failed_logins, created_at) VALUES ('old', '老用户', 'x', 'admin', 1, 0, '2020-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO audit_log (at, username, action, table_name, summary, changes) "
                "VALUES ('2020-01-01', 'old', 'x', 'y', 'z', '{}')"
            )
        )
    engine.dispose()
    database = open_database(path)
    assert migrate.current_revision(database.engine) == migrate.head_revision()
    with database.engine.connect() as conn:
        assert conn.execute(text("SELECT display_name FROM app_user")).scalar() == "老用户"
    backups = list(tmp_path.glob("old.before-0001-*.sqlite3.bak"))
    assert len(backups) == 1
    assert sqlite3.connect(backups[0]).execute("SELECT username FROM app_user").fetchone() == ("old",)
    database.close()


def test_database_from_a_newer_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.sqlite3"
    open_database(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseTooNew, match="更新版本的程序创建（结构版本 9999）"):
        open_database(path)


def test_files_that_are_not_ours(tmp_path: Path) -> None:
    text_file = tmp_path / "notes.sqlite3"
    text_file.write_text("这不是数据库" * 100, encoding="utf-8")
    with pytest.raises(DatabaseProblem, match="损坏或不是有效的数据库") as caught:
        open_database(text_file)
    assert caught.value.fault == DatabaseFault.CORRUPT
    foreign = tmp_path / "other.sqlite3"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    with pytest.raises(DatabaseProblem, match="不是本程序的数据库"):
        open_database(foreign)
    assert sqlite3.connect(foreign).execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]


def test_truncated_database_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "broken.sqlite3"
    county = make_county(open_database(path))
    add_unit(county.db, county.clerk, "清河县财政局")
    county.db.close()
    data = path.read_bytes()
    path.write_bytes(data[:100] + b"\x00" * 4000 + data[4100:8192])
    with pytest.raises(DatabaseProblem) as caught:
        open_database(path)
    assert caught.value.fault in (DatabaseFault.CORRUPT, DatabaseFault.NOT_OURS)


def _make_read_only(*paths: Path) -> Callable[[], None]:
    """Make files and folders unwritable; returns the undo. Root ignores permission bits, so as root
    the immutable attribute is used (which root must respect); skips when neither is possible."""
    if os.geteuid() != 0:
        modes = [(path, path.stat().st_mode) for path in paths]
        for path in paths:
            path.chmod(0o555 if path.is_dir() else 0o444)
        return lambda: [path.chmod(mode) for path, mode in modes] and None
    chattr = shutil.which("chattr")
    if chattr is None or subprocess.run([chattr, "+i", *map(str, paths)], capture_output=True).returncode:
        pytest.skip("running as root and cannot set the immutable attribute (chattr +i)")
    return lambda: subprocess.run([chattr, "-i", *map(str, paths)], check=True) and None


def test_read_only_database(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "ro.sqlite3"
    make_county(open_database(path)).db.close()
    undo = _make_read_only(path, folder)
    try:
        # SQLite in WAL mode cannot even read without writing beside the file, so opening is refused.
        with pytest.raises(DatabaseProblem, match="只读") as refused:
            open_database(path).close()
        assert refused.value.fault is DatabaseFault.READ_ONLY
    finally:
        undo()
    reopened = open_database(path)  # and it opens again once writable
    reopened.close()


def test_locked_database_gives_a_clear_message(qh: County, monkeypatch: pytest.MonkeyPatch) -> None:
    if not qh.db.is_sqlite:
        pytest.skip("SQLite file locking")
    from bianzhi_desktop.persistence import database as database_module

    monkeypatch.setattr(database_module, "BUSY_TIMEOUT_MS", 100)
    other = sqlite3.connect(qh.db.location, timeout=0.1)
    other.execute("BEGIN EXCLUSIVE")
    try:
        qh.db.engine.dispose()  # new connections pick up the short busy timeout
        with pytest.raises(DatabaseProblem, match="正被其他程序或其他用户占用"):
            add_unit(qh.db, qh.clerk, "清河县档案馆")
    finally:
        other.rollback()
        other.close()


def _sqlite_error(tmp_path: Path, make) -> sqlite3.Error:  # type: ignore[no-untyped-def]
    with pytest.raises(sqlite3.Error) as caught:
        make(tmp_path)
    return caught.value


def _disk_full(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "full.sqlite3")
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 3")  # a "disk" of three pages
    conn.execute("INSERT INTO t SELECT hex(randomblob(4000)) FROM (SELECT 1 UNION SELECT 2)")


def _read_only(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / "ro.sqlite3").execute("CREATE TABLE t (x)").connection.commit()
    sqlite3.connect(f"file:{tmp_path / 'ro.sqlite3'}?mode=ro", uri=True).execute("INSERT INTO t VALUES (1)")


def _not_a_database(tmp_path: Path) -> None:
    (tmp_path / "notes.sqlite3").write_bytes(b"these are not the pages you are looking for" * 100)
    sqlite3.connect(tmp_path / "notes.sqlite3").execute("SELECT * FROM sqlite_master")


def _locked(tmp_path: Path) -> None:
    first = sqlite3.connect(tmp_path / "busy.sqlite3", isolation_level=None)
    first.execute("BEGIN EXCLUSIVE")
    sqlite3.connect(tmp_path / "busy.sqlite3", timeout=0).execute("SELECT * FROM sqlite_master")


def _constraint(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "unique.sqlite3")
    conn.execute("CREATE TABLE t (x UNIQUE)")
    conn.execute("INSERT INTO t VALUES (1), (1)")


def _cannot_open(tmp_path: Path) -> None:
    sqlite3.connect(f"file:{tmp_path / 'missing' / 'x.sqlite3'}?mode=rw", uri=True)


@pytest.mark.parametrize(
    ("make", "fault"),
    [
        (_disk_full, DatabaseFault.DISK_FULL),
        (_read_only, DatabaseFault.READ_ONLY),
        (_not_a_database, DatabaseFault.CORRUPT),
        (_locked, DatabaseFault.LOCKED),
        (_constraint, DatabaseFault.CONFLICT),
        (_cannot_open, DatabaseFault.CANNOT_OPEN),
    ],
)
def test_sqlite_failures_are_classified_by_their_result_code(tmp_path: Path, make, fault) -> None:  # type: ignore[no-untyped-def]
    from bianzhi_desktop.persistence.errors import classify, problem_for

    error = _sqlite_error(tmp_path, make)
    assert classify(error) is fault
    problem = problem_for(error, "x.sqlite3")
    assert problem is not None and problem.fault is fault and "x.sqlite3" in str(problem)


def test_classification_does_not_read_the_message() -> None:
    """A message that merely looks like a known failure is not one: only codes count."""
    from bianzhi_desktop.persistence.errors import classify

    assert classify(sqlite3.OperationalError("database or disk is full")) is None
    assert classify(ValueError("database is locked")) is None


def test_an_unclassified_database_error_keeps_its_traceback() -> None:
    """A bug is not dressed up as a user error: the original exception comes out, not a DatabaseProblem."""
    from bianzhi_desktop.persistence.errors import reraise

    error = sqlite3.ProgrammingError("Cannot operate on a closed database.")
    with pytest.raises(sqlite3.ProgrammingError) as caught:
        reraise(error, "x.sqlite3")
    assert caught.value is error


def test_postgresql_failures_are_classified_by_sqlstate() -> None:
    from bianzhi_desktop.persistence.errors import classify

    class FakePgError(Exception):
        def __init__(self, sqlstate: str) -> None:
            super().__init__("...")
            self.sqlstate = sqlstate

    assert classify(FakePgError("40001")) is DatabaseFault.SERIALIZATION
    assert classify(FakePgError("40P01")) is DatabaseFault.SERIALIZATION
    assert classify(FakePgError("23505")) is DatabaseFault.CONFLICT
    assert classify(FakePgError("25006")) is DatabaseFault.READ_ONLY
    assert classify(FakePgError("53100")) is DatabaseFault.DISK_FULL
    assert classify(FakePgError("XX001")) is DatabaseFault.CORRUPT
    assert classify(FakePgError("28P01")) is DatabaseFault.UNREACHABLE
    assert classify(FakePgError("08006")) is DatabaseFault.UNREACHABLE
    assert classify(FakePgError("42P01")) is None  # undefined_table: a bug in the program


def test_database_holds_its_invariants(qh: County) -> None:
    """Even writes that bypass the services cannot break these."""
    unit = add_unit(qh.db, qh.clerk, "清河县卫生健康局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 3)
    person = add_person(qh.db, qh.clerk, "上官珺", seq=71)
    enroll(qh.db, qh.clerk, person, unit)
    statements = [
        # a second active enrollment of the same person
        "INSERT INTO enrollment (person_id, unit_id, kind_id, post_title, counts_against_posts, start_on, "
        f"start_document_id) SELECT person_id, unit_id, kind_id, '', true, start_on, start_document_id "
        f"FROM enrollment WHERE person_id = {person}",
        # a ledger line pointing nowhere (foreign keys on)
        "INSERT INTO quota_entry (unit_id, kind_id, delta, effective_on, reason, document_id, created_by, "
        "created_at) VALUES (99999, 1, 1, '2020-01-01', 'x', 1, 1, '2020-01-01')",
        # the same document number twice
        "INSERT INTO document (number, title, issuer, created_at) "
        "SELECT number, '', '', created_at FROM document LIMIT 1",
        # a hiring plan with no seats
        "INSERT INTO hiring_plan (unit_id, kind_id, seats, method, approved_on, valid_until, "
        "document_id, created_by, created_at) "
        f"VALUES ({unit}, 1, 0, 'other', '2020-01-01', '2020-12-31', 1, 1, '2020-01-01')",
        # editing or deleting the audit trail
        "UPDATE audit_log SET summary = 'changed'",
        "DELETE FROM audit_log",
    ]
    for statement in statements:
        with pytest.raises(Exception), qh.db.engine.begin() as conn:  # noqa: B017 - any refusal will do
            conn.exec_driver_sql(statement)


def test_online_backup(qh: County, tmp_path: Path) -> None:
    if not qh.db.is_sqlite:
        pytest.skip("SQLite online backup")
    add_unit(qh.db, qh.clerk, "清河县退役军人事务局")
    target = qh.db.backup(tmp_path / "usb" / "backup.sqlite3")
    copy = open_database(target)
    with copy.read() as uow:
        from bianzhi_desktop.services.org import units

        assert [u.name for u in units.list_units(uow)] == ["清河县退役军人事务局"]
    copy.close()


def test_nothing_is_opened_at_import_time(tmp_path: Path) -> None:
    """Importing the whole core creates no database file anywhere (the default path is not touched)."""
    import subprocess
    import sys

    code = (
        "import bianzhi_desktop.services.county, bianzhi_desktop.services.ledger.quota, bianzhi_desktop.cli; "
        "import gc; from sqlalchemy import Engine; "
        "print(sum(isinstance(o, Engine) for o in gc.get_objects()))"
    )
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.strip() == "0"
    assert not (tmp_path / "data").exists()


def test_dates_round_trip(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县医疗保障局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 2, D(2020, 2, 29))
    with qh.db.engine.connect() as conn:
        value = conn.execute(text("SELECT effective_on FROM quota_entry")).scalar()
    assert str(value) == "2020-02-29"


def test_a_row_too_large_for_its_column_is_refused_on_every_database(qh: County) -> None:
    """The last guard: what a validator missed is refused at flush, the same on SQLite and PostgreSQL."""
    from bianzhi_desktop.domain.errors import ValidationError
    from bianzhi_desktop.persistence.models import DocCounter

    with qh.db.write() as uow, pytest.raises(ValidationError, match=r"doc_counter\.prefix.*过长"):
        uow.session.add(DocCounter(prefix="清" * 65, year=2026, last_seq=0))
        uow.flush()
    with qh.db.write() as uow, pytest.raises(ValidationError, match=r"doc_counter\.last_seq.*超出范围"):
        uow.session.add(DocCounter(prefix="清编办发", year=2026, last_seq=2**40))
        uow.flush()


def test_a_row_stored_too_long_by_an_older_version_can_still_be_changed_elsewhere(qh: County) -> None:
    """The flush guard checks what changes, not values nobody touched."""
    from sqlalchemy import text

    from bianzhi_desktop.persistence.models import DocCounter

    if not qh.db.is_sqlite:
        pytest.skip("PostgreSQL never stored it")
    with qh.db.engine.begin() as conn:  # as an older version on SQLite might have stored it
        conn.execute(
            text("INSERT INTO doc_counter (prefix, year, last_seq) VALUES (:p, 2026, 0)"), {"p": "清" * 65}
        )
    with qh.db.write() as uow:
        counter = uow.session.get(DocCounter, ("清" * 65, 2026))
        assert counter is not None
        counter.last_seq = 1
        uow.commit()
