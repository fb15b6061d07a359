"""Opening the database: SQLite (default, a file in the user's data directory) or PostgreSQL.

Nothing here runs at import time. `open_database(url)` connects, refuses files that are not ours or
come from a newer program, backs the file up and runs the shipped migrations, and returns a
`Database` whose units of work are the only way the services touch the data.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bianzhi_desktop.persistence import migrate
from bianzhi_desktop.persistence.audit_chain import chain_audit_records, lock_head
from bianzhi_desktop.persistence.backup import (
    BackupRefused,
    RestoreReport,
    backup_sqlite_file,
    restore_sqlite_file,
    sqlite_uri,
)
from bianzhi_desktop.persistence.errors import DatabaseFault, DatabaseProblem, reraise
from bianzhi_desktop.persistence.limits import guard_row_sizes
from bianzhi_desktop.persistence.models import add_postgresql_predicates
from bianzhi_desktop.persistence.protection import restore_triggers

DEFAULT_FILENAME = "bianzhi.sqlite3"
BUSY_TIMEOUT_MS = 5000
POSTGRESQL_BACKUP = (
    "服务器数据库（PostgreSQL）不能由本程序备份或恢复。请由数据库管理员用 PostgreSQL 自带的工具备份，"
    "例如 pg_dump -Fc -f 备份文件.dump 数据库名；恢复用 pg_restore。"
)


def default_database_path() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("bianzhi", appauthor=False)) / DEFAULT_FILENAME


def sqlite_url(path: str | Path) -> str:
    """The URL of a SQLite file, its path quoted: a '#', '?' or '%41' in a folder name stays itself."""
    return "sqlite:///" + urllib.parse.quote(str(Path(path).expanduser().resolve()), safe="/:\\")


def normalise_url(url_or_path: str | Path | None) -> str:
    """Accept a URL, a plain file path, or None (the default file)."""
    if url_or_path is None:
        return sqlite_url(default_database_path())
    text = str(url_or_path)
    if "://" in text:
        return text
    return sqlite_url(text)


class UnitOfWork:
    """One transaction: commits on `commit()`, rolls back otherwise (cosmicpython)."""

    def __init__(self, session: Session, where: str) -> None:
        self.session = session
        self._where = where
        self._committed = False

    def commit(self) -> None:
        try:
            self.session.commit()
        except sa_exc.SQLAlchemyError as error:
            self.session.rollback()
            reraise(error, self._where)
        self._committed = True

    def flush(self) -> None:
        try:
            self.session.flush()
        except sa_exc.SQLAlchemyError as error:
            reraise(error, self._where)


@dataclass
class Database:
    url: str
    engine: Engine
    _write_sessions: sessionmaker[Session]
    _read_sessions: sessionmaker[Session]
    # What opening the database had to repair (in Chinese, for the status bar and the console).
    repaired: list[str] = field(default_factory=list)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def location(self) -> str:
        """Where the data lives, for the status bar and messages (no password)."""
        url = make_url(self.url)
        if url.drivername.startswith("sqlite"):
            return url.database or ":memory:"
        return url.render_as_string(hide_password=True)

    @contextmanager
    def write(self) -> Iterator[UnitOfWork]:
        """A writing transaction (BEGIN IMMEDIATE on SQLite, so writers queue instead of failing)."""
        with self._unit(self._write_sessions) as uow:
            if not self.is_sqlite:
                # Writers queue on the audit chain's head from their start, as SQLite's do on BEGIN
                # IMMEDIATE: taken first by everyone, the lock can never close a cycle (a deadlock).
                lock_head(uow.session.connection())
            yield uow

    @contextmanager
    def read(self) -> Iterator[UnitOfWork]:
        with self._unit(self._read_sessions) as uow:
            yield uow

    @contextmanager
    def _unit(self, factory: sessionmaker[Session]) -> Iterator[UnitOfWork]:
        session = factory()
        uow = UnitOfWork(session, self.location)
        try:
            yield uow
        except sa_exc.SQLAlchemyError as error:
            session.rollback()
            reraise(error, self.location)
        except BaseException:
            session.rollback()
            raise
        else:
            if not uow._committed:
                session.rollback()
        finally:
            session.close()

    def backup(self, target: str | Path) -> Path:
        """Online backup of a SQLite database (never a file copy of a live database), written beside the
        target and renamed over it only once complete and checked."""
        if not self.is_sqlite:
            raise BackupRefused(POSTGRESQL_BACKUP)
        return backup_sqlite_file(Path(self.location), Path(target))

    def close(self) -> None:
        self.engine.dispose()


def _configure_sqlite(engine: Engine, *, read_only: bool = False) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # type: ignore[no-untyped-def]
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")  # a second lock: no statement may write
        else:  # switching to WAL rewrites the file's header: never for a file only read
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # type: ignore[no-untyped-def]
        mode = "IMMEDIATE" if conn.get_execution_options().get("bianzhi_write") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")


def _precheck_sqlite_file(path: Path) -> None:
    """Refuse what we must not touch before SQLAlchemy or Alembic writes anything."""
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise DatabaseProblem(DatabaseFault.READ_ONLY, where=str(path)) from error
        return
    if path.is_dir():
        raise DatabaseProblem(DatabaseFault.NOT_OURS, where=str(path))
    with path.open("rb") as handle:
        header = handle.read(16)
    if header and not header.startswith(b"SQLite format 3\x00"):
        raise DatabaseProblem(DatabaseFault.CORRUPT, where=str(path))


def open_database(
    url_or_path: str | Path | None = None, *, migrate_schema: bool = True, read_only: bool = False
) -> Database:
    """Open (and create or upgrade) the database at a URL or file path; None means the default file.

    `read_only` opens an existing database of the current schema for reading only: nothing is created,
    migrated or changed (a missing file, an empty or foreign one, or an older schema is refused)."""
    url = normalise_url(url_or_path)
    parsed = make_url(url)
    is_sqlite = parsed.drivername.startswith("sqlite")
    where = parsed.database or "" if is_sqlite else parsed.render_as_string(hide_password=True)
    if is_sqlite and parsed.database and parsed.database != ":memory:":
        if read_only and not Path(parsed.database).is_file():
            raise DatabaseProblem(DatabaseFault.CANNOT_OPEN, where=where)
        _precheck_sqlite_file(Path(parsed.database))
    try:
        if is_sqlite:
            if read_only and parsed.database and parsed.database != ":memory:":
                # SQLite's own URI (mode=ro), quoted by us and handed to the driver as it is: a URL would be
                # unquoted on the way (a '#' or '%41' in a folder name would name another file)
                uri = sqlite_uri(Path(parsed.database), "mode=ro")
                engine = create_engine(
                    "sqlite://",
                    creator=lambda: sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000),
                )
            else:
                engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            _configure_sqlite(engine, read_only=read_only)
        else:
            options = {"options": "-c default_transaction_read_only=on"} if read_only else {}
            engine = create_engine(url, pool_pre_ping=True, connect_args=options)
            add_postgresql_predicates()
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
        if read_only:
            migrate.check_current(engine, tables, where)
        elif migrate_schema:
            migrate.check_ours(tables, where)
            migrate.upgrade(engine, where, backup=_backup_before_upgrade if is_sqlite else None)
    except DatabaseProblem:
        raise
    except (sa_exc.SQLAlchemyError, sqlite3.Error, OSError) as error:
        reraise(error, where)
    repaired = [] if read_only or not migrate_schema else _restore_protection(engine, where)
    write_engine = engine.execution_options(bianzhi_write=True)
    write_sessions = sessionmaker(write_engine, expire_on_commit=False)
    guard_row_sizes(write_sessions)
    chain_audit_records(write_sessions)
    return Database(
        url=url,
        engine=engine,
        _write_sessions=write_sessions,
        _read_sessions=sessionmaker(engine, expire_on_commit=False),
        repaired=repaired,
    )


def _restore_protection(engine: Engine, where: str) -> list[str]:
    """Put back the audit log's append-only triggers if someone dropped them; say so (crash log and
    `Database.repaired`)."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("audit_log"):
                return []
            restored = restore_triggers(conn)
            conn.commit()
    except (sa_exc.SQLAlchemyError, sqlite3.Error) as error:
        reraise(error, where)
    if not restored:
        return []
    from bianzhi_desktop.crashlog import logger

    logger().warning("audit log triggers missing in %s, restored: %s", where, ", ".join(restored))
    return [
        f"审计日志的防篡改保护（触发器 {'、'.join(restored)}）已被删除，现已恢复。"
        "删除期间的记录可能被改动，请运行体检核对审计记录。"
    ]


def _backup_before_upgrade(engine: Engine, from_revision: str) -> Path:
    path = Path(engine.url.database or "")
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.stem}.before-{from_revision}-{stamp}{path.suffix}.bak")
    backup_sqlite_file(path, target)
    return target


def restore_database(backup: str | Path, url_or_path: str | Path | None) -> RestoreReport:
    """Restore a checked backup over the database at a URL or file path (see backup.restore_sqlite_file).
    Nothing may have the database open for writing meanwhile."""
    parsed = make_url(normalise_url(url_or_path))
    if not parsed.drivername.startswith("sqlite") or not parsed.database or parsed.database == ":memory:":
        raise BackupRefused(POSTGRESQL_BACKUP)
    return restore_sqlite_file(Path(backup), Path(parsed.database))
