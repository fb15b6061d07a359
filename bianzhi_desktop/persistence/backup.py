"""Backups and restores of a SQLite database that never destroy what they replace.

A backup is written with SQLite's online backup API into a temporary file beside the target, synced,
checked (`PRAGMA integrity_check` and the schema revision), and only then renamed over the target, so
a kill or a full disk at any moment leaves the previous backup as it was. A target that is the database
itself or one of its journal files is refused before anything is touched.

A restore checks the backup first (a SQLite file, intact, our schema, not from a newer program), backs
up the database it replaces, and copies the backup into the database through the same backup API: the
destination is rewritten inside one SQLite transaction, so a kill leaves either the old or the restored
content, and other connections of the program see one or the other, never a mix.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import glob
import os
import shutil
import sqlite3
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.persistence import migrate
from bianzhi_desktop.persistence.errors import reraise

BUSY_TIMEOUT_S = 5.0
SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
_URI_SAFE = "/:\\"


class BackupRefused(BianzhiError):
    """A backup or restore that would destroy data, or whose file is not a usable backup."""


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    database: Path
    revision: str
    # the copy of the database as it was before the restore (None when there was no database yet)
    previous_saved_as: Path | None


def _same_place(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def refuse_own_files(database: Path, other: Path, what: str) -> None:
    """Refuse `other` when it is the database file itself or one of its journal files."""
    for suffix in ("", *JOURNAL_SUFFIXES):
        own = Path(str(database) + suffix)
        if _same_place(own, other):
            kind = "数据库文件本身" if not suffix else f"数据库的日志文件（{suffix[1:]}）"
            raise BackupRefused(
                f"{what}“{other}”就是{kind}，这样做会毁掉数据库，已拒绝。请另选一个文件名或文件夹。"
            )


def _revision(conn: sqlite3.Connection) -> str | None:
    has_table = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (migrate.VERSION_TABLE,)
    ).fetchone()
    if not has_table:
        return None
    rows = [row[0] for row in conn.execute(f"SELECT version_num FROM {migrate.VERSION_TABLE}")]
    return ",".join(sorted(rows)) if rows else None


def _open_still(path: Path) -> sqlite3.Connection:
    """A reading connection to a file nobody writes (a backup): creates no -wal or -shm beside it."""
    return sqlite3.connect(sqlite_uri(path, "immutable=1"), uri=True)


def sqlite_uri(path: Path, query: str) -> str:
    """A `file:` URI of the path for SQLite's URI filenames, quoted."""
    # '?', '#' and '%' in a file name must not be read as parts of the URI
    quoted = urllib.parse.quote(str(path), safe=_URI_SAFE)
    return f"file:{quoted}?{query}"


def _integrity_ok(conn: sqlite3.Connection) -> bool:
    rows = conn.execute("PRAGMA integrity_check").fetchall()
    return rows == [("ok",)]


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # Windows cannot open a folder for syncing; NTFS logs the rename itself
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


STALE_PARTIAL_SECONDS = 15 * 60  # a backup being written keeps writing to its file


def _remove_stale_partials(target: Path) -> None:
    """Temporary files of backups that were killed (a running backup's file is younger)."""
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.partial"):
        with contextlib.suppress(OSError):
            if stale.stat().st_mtime < cutoff:
                stale.unlink()


def _temp_beside(target: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    return Path(name)


def _copy_pages(source: sqlite3.Connection, destination: sqlite3.Connection) -> None:
    # One step: on a WAL database it reads one snapshot without holding writers up; in steps, every
    # write by another connection between two steps would start the copy over (a busy database
    # could starve it). The copy keeps the source's journal mode (WAL), so the program opens it
    # without changing a byte; closing the destination leaves one self-contained file.
    source.backup(destination)


def backup_sqlite_file(source: Path, target: Path) -> Path:
    """Online backup of the SQLite database `source` into `target`, replacing it only when complete."""
    source, target = Path(source), Path(target)
    refuse_own_files(source, target, "备份文件")
    if target.is_dir():
        raise BackupRefused(f"备份文件“{target}”是一个文件夹。请在文件夹中另起一个文件名。")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_partials(target)
        partial = _temp_beside(target)
    except OSError as error:
        reraise(error, str(target))
    try:
        src = sqlite3.connect(sqlite_uri(source, "mode=ro"), uri=True, timeout=BUSY_TIMEOUT_S)
        try:
            dst = sqlite3.connect(partial)
            try:
                _copy_pages(src, dst)
            finally:
                dst.close()
            expected = _revision(src)
        finally:
            src.close()
        _fsync_file(partial)
        _check_copy(partial, expected, target)
        os.replace(partial, target)
        _fsync_dir(target.parent)
    except BaseException as error:
        partial.unlink(missing_ok=True)
        if isinstance(error, sqlite3.Error | OSError):
            reraise(error, str(target))
        raise
    return target


def _check_copy(path: Path, expected_revision: str | None, target: Path) -> None:
    check = _open_still(path)
    try:
        intact = _integrity_ok(check)
        revision = _revision(check)
    finally:
        check.close()
    if not intact or revision != expected_revision:
        raise BackupRefused(
            f"备份“{target}”写完后校验未通过（完整性检查{'通过' if intact else '未通过'}，"
            f"结构版本 {revision or '无'}，应为 {expected_revision or '无'}）。原有的备份文件未被改动；"
            "请检查磁盘后重试。"
        )


def check_backup_file(path: Path) -> str:
    """The schema revision of a backup that can be restored; refuses anything else in Chinese."""
    path = Path(path)
    name = str(path)
    if not path.exists():
        raise BackupRefused(f"备份文件“{name}”不存在。")
    if path.is_dir():
        raise BackupRefused(f"“{name}”是文件夹，不是备份文件。")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise BackupRefused(f"无法读取备份文件“{name}”：{error.strerror or error}。") from None
    if header != SQLITE_HEADER:
        raise BackupRefused(f"“{name}”不是本程序的备份文件（不是SQLite数据库文件），不能用来恢复。")
    wal = Path(f"{path}-wal")
    if wal.exists() and wal.stat().st_size:
        raise BackupRefused(
            f"备份文件“{name}”旁有尚未写入的日志文件“{wal.name}”，说明它是一个正在使用的数据库而不是备份。"
            "请用本程序的“备份数据库”另做一份备份后再恢复。"
        )
    try:
        conn = _open_still(path)
        try:
            intact = _integrity_ok(conn)
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = _revision(conn) if intact else None
        finally:
            conn.close()
    except sqlite3.Error as error:
        raise BackupRefused(
            f"备份文件“{name}”已损坏，无法读取（{str(error).splitlines()[0][:120]}），不能用来恢复。"
        ) from None
    if not intact:
        raise BackupRefused(f"备份文件“{name}”未通过完整性检查（文件已损坏），不能用来恢复。请换一个备份。")
    if migrate.VERSION_TABLE not in tables or migrate.MARKER_TABLE not in tables or revision is None:
        raise BackupRefused(f"“{name}”不是本程序的数据库备份（其中没有本程序的数据表），不能用来恢复。")
    if revision not in migrate.known_revisions():
        raise BackupRefused(
            f"备份文件“{name}”由更新版本的程序创建（结构版本 {revision}），当前程序无法使用。请升级本程序后再恢复。"
        )
    return revision


def restore_sqlite_file(backup: Path, database: Path) -> RestoreReport:
    """Replace the database at `database` with the checked content of `backup`.

    The database as it was is first saved beside it as `<name>.before-restore-<time>.bak`. The program
    must not be writing to the database meanwhile; a writer holding it makes this wait, then fail with
    the "database in use" message, changing nothing."""
    backup, database = Path(backup), Path(database)
    refuse_own_files(database, backup, "备份文件")
    revision = check_backup_file(backup)
    previous = _save_previous(database)
    try:
        database.parent.mkdir(parents=True, exist_ok=True)
        src = _open_still(backup)
        try:
            dst = sqlite3.connect(database, timeout=BUSY_TIMEOUT_S)
            try:
                # one call: the destination is rewritten inside a single transaction
                src.backup(dst)
                intact = _integrity_ok(dst)
                restored = _revision(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (sqlite3.Error, OSError) as error:
        reraise(error, str(database))
    if not intact or restored != revision:
        saved = f"恢复前的数据库已另存为“{previous}”。" if previous else ""
        raise BackupRefused(f"恢复到“{database}”后校验未通过，请勿继续使用该文件。{saved}")
    return RestoreReport(backup, database, revision, previous)


def _save_previous(database: Path) -> Path | None:
    if not database.exists() or database.stat().st_size == 0:
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    saved = database.with_name(f"{database.stem}.before-restore-{stamp}{database.suffix}.bak")
    try:
        with database.open("rb") as handle:
            ours = handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError as error:
        reraise(error, str(database))
    if not ours:
        raise BackupRefused(
            f"“{database}”不是SQLite数据库文件，恢复会覆盖它，已拒绝。请另选要恢复到的数据库文件。"
        )
    try:
        backup_sqlite_file(database, saved)
    except BianzhiError:
        # a damaged database (the usual reason to restore) is kept byte for byte instead
        _copy_raw(database, saved)
    return saved


def _copy_raw(database: Path, saved: Path) -> None:
    try:
        for suffix in ("", "-wal"):
            source = Path(str(database) + suffix)
            if not source.exists():
                continue
            target = Path(str(saved) + suffix)
            partial = _temp_beside(target)
            try:
                shutil.copyfile(source, partial)
                _fsync_file(partial)
                os.replace(partial, target)
            finally:
                partial.unlink(missing_ok=True)
        _fsync_dir(saved.parent)
    except OSError as error:
        raise BackupRefused(
            f"恢复前无法先保存现有数据库“{database}”（{error.strerror or error}），为免丢失数据未做恢复。"
        ) from None
