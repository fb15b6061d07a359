"""Classify database failures into messages a clerk can act on (after qutebrowser's approach).

Failures are classified by code, never by message text: SQLite's result code (`sqlite_errorcode`, whose
low byte is the primary code) and PostgreSQL's SQLSTATE (`sqlstate`). What is not classified here is a
bug: `translate` leaves it alone, so it keeps its traceback for the log instead of being dressed up as a
user error.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from enum import StrEnum
from pathlib import Path
from typing import NoReturn

from sqlalchemy import exc as sa_exc

from bianzhi_desktop.domain.errors import BianzhiError


class DatabaseFault(StrEnum):
    LOCKED = "locked"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    CORRUPT = "corrupt"
    NOT_OURS = "not_ours"
    TOO_NEW = "too_new"
    UNREACHABLE = "unreachable"
    CANNOT_OPEN = "cannot_open"
    CONFLICT = "conflict"
    SERIALIZATION = "serialization"
    SERVER_ONLY = "server_only"
    IO_ERROR = "io_error"
    NOT_INITIALISED = "not_initialised"
    NEEDS_UPGRADE = "needs_upgrade"


_MESSAGES = {
    DatabaseFault.LOCKED: (
        "数据库正被其他程序或其他用户占用，请稍后重试；如持续出现，请关闭其他正在使用该数据库的程序。"
    ),
    DatabaseFault.READ_ONLY: (
        "数据库文件或其所在文件夹是只读的，无法保存修改。请检查文件权限，或将数据库复制到可写的位置。"
    ),
    DatabaseFault.DISK_FULL: "磁盘空间已满，修改未能保存。请清理磁盘后重试，本次操作未写入任何数据。",
    DatabaseFault.CORRUPT: "数据库文件已损坏或不是有效的数据库文件。请从备份恢复，或联系技术支持。",
    DatabaseFault.NOT_OURS: (
        "该文件不是本程序的数据库（其中有其他程序的数据表）。为避免破坏数据，程序不会打开它。"
    ),
    DatabaseFault.UNREACHABLE: "无法连接数据库服务器，请检查网络、服务器地址、用户名和密码。",
    DatabaseFault.CANNOT_OPEN: "无法打开数据库文件。请检查文件及其所在文件夹是否存在，以及是否有读写权限。",
    DatabaseFault.CONFLICT: "数据冲突，本次修改未保存：",
    DatabaseFault.SERIALIZATION: "其他用户同时修改了相同的数据，本次修改未保存。请重试。",
    DatabaseFault.SERVER_ONLY: "",
    DatabaseFault.IO_ERROR: (
        "读写数据库文件时出错（磁盘、U盘或网络共享故障），本次修改未保存。请检查存储设备或网络连接后重试。"
    ),
    DatabaseFault.NOT_INITIALISED: "该文件还不是本程序的数据库（没有任何数据表）。请先用 bianzhi-cli init 或 demo 建立。",
    DatabaseFault.NEEDS_UPGRADE: (
        "数据库结构版本较旧，只读方式不能升级。请先用本程序（或任一会修改数据的命令）打开一次，"
        "程序会先备份再升级。"
    ),
}

# SQLite primary result codes (https://sqlite.org/rescode.html): the low byte of the extended code.
_SQLITE = {
    3: DatabaseFault.READ_ONLY,  # SQLITE_PERM
    5: DatabaseFault.LOCKED,  # SQLITE_BUSY
    6: DatabaseFault.LOCKED,  # SQLITE_LOCKED
    8: DatabaseFault.READ_ONLY,  # SQLITE_READONLY
    10: DatabaseFault.IO_ERROR,  # SQLITE_IOERR (a failing disk, a pulled USB drive, a lost share)
    11: DatabaseFault.CORRUPT,  # SQLITE_CORRUPT
    13: DatabaseFault.DISK_FULL,  # SQLITE_FULL
    14: DatabaseFault.CANNOT_OPEN,  # SQLITE_CANTOPEN
    19: DatabaseFault.CONFLICT,  # SQLITE_CONSTRAINT
    15: DatabaseFault.LOCKED,  # SQLITE_PROTOCOL (a locking race on the WAL)
    26: DatabaseFault.CORRUPT,  # SQLITE_NOTADB
}

# PostgreSQL SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html).
_SQLSTATE = {
    "40001": DatabaseFault.SERIALIZATION,  # serialization_failure
    "40P01": DatabaseFault.SERIALIZATION,  # deadlock_detected
    "55P03": DatabaseFault.LOCKED,  # lock_not_available
    "25006": DatabaseFault.READ_ONLY,  # read_only_sql_transaction
    "53100": DatabaseFault.DISK_FULL,  # disk_full
    "XX001": DatabaseFault.CORRUPT,  # data_corrupted
    "XX002": DatabaseFault.CORRUPT,  # index_corrupted
    "3D000": DatabaseFault.UNREACHABLE,  # invalid_catalog_name: the database does not exist
    "57P01": DatabaseFault.UNREACHABLE,  # admin_shutdown
    "57P03": DatabaseFault.UNREACHABLE,  # cannot_connect_now
    "53300": DatabaseFault.UNREACHABLE,  # too_many_connections
}
_SQLSTATE_CLASSES = {
    "23": DatabaseFault.CONFLICT,  # integrity constraint violation
    "08": DatabaseFault.UNREACHABLE,  # connection exception
    "28": DatabaseFault.UNREACHABLE,  # invalid authorization (wrong user or password)
}


# A file the database lives in (or its folder) that the system refuses: an environment failure.
_OS_ERRORS = {
    errno.EACCES: DatabaseFault.READ_ONLY,
    errno.EPERM: DatabaseFault.READ_ONLY,
    errno.EROFS: DatabaseFault.READ_ONLY,
    errno.ENOSPC: DatabaseFault.DISK_FULL,
}


class DatabaseProblem(BianzhiError):
    """A database failure with a user-facing Chinese message and a machine-readable kind."""

    def __init__(self, fault: DatabaseFault, detail: str = "", where: str = "") -> None:
        message = _MESSAGES.get(fault, "")
        if fault is DatabaseFault.CONFLICT or not message:
            message += detail
        if where:
            message = f"{message}（数据库：{where}）"
        super().__init__(message)
        self.fault = fault
        self.detail = detail


class DatabaseTooNew(DatabaseProblem):
    def __init__(self, revision: str, where: str = "") -> None:
        super().__init__(DatabaseFault.TOO_NEW, where=where)
        self.message = (
            f"该数据库由更新版本的程序创建（结构版本 {revision}），当前程序无法安全打开。"
            "请升级本程序后再打开。" + (f"（数据库：{where}）" if where else "")
        )
        self.args = (self.message,)


def _driver_error(error: BaseException) -> BaseException:
    return getattr(error, "orig", None) or error


def classify(error: BaseException) -> DatabaseFault | None:
    """The fault a user can act on, from the driver's code; None for anything else (a bug)."""
    original = _driver_error(error)
    code = getattr(original, "sqlite_errorcode", None)
    if isinstance(original, sqlite3.Error) and code is not None:
        return _SQLITE.get(code & 0xFF)
    sqlstate = getattr(original, "sqlstate", None)
    if isinstance(sqlstate, str) and sqlstate:
        return _SQLSTATE.get(sqlstate) or _SQLSTATE_CLASSES.get(sqlstate[:2])
    if isinstance(original, OSError):
        return _OS_ERRORS.get(original.errno or 0, DatabaseFault.CANNOT_OPEN)
    if _is_psycopg_operational(original):
        return DatabaseFault.UNREACHABLE  # no SQLSTATE: the server was never reached
    if isinstance(error, sa_exc.IntegrityError):
        return DatabaseFault.CONFLICT
    return None


def _is_psycopg_operational(error: BaseException) -> bool:
    kind = type(error)
    return kind.__module__.startswith("psycopg") and any(
        base.__name__ == "OperationalError" for base in kind.__mro__
    )


def _unwritable(path: Path) -> bool:
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def problem_for(error: BaseException, where: str = "") -> DatabaseProblem | None:
    """The `DatabaseProblem` a clerk can act on, or None when the failure is not classified (a bug)."""
    if isinstance(error, DatabaseProblem):
        return error
    fault = classify(error)
    if fault is None:
        return None
    if fault is DatabaseFault.CANNOT_OPEN and where and _unwritable(Path(where)):
        # SQLite in WAL mode must write beside the file even to read it.
        fault = DatabaseFault.READ_ONLY
    detail = str(_driver_error(error)).splitlines()[0][:200] if str(_driver_error(error)) else ""
    return DatabaseProblem(fault, detail=detail, where=where)


def reraise(error: BaseException, where: str = "") -> NoReturn:
    """Raise the `DatabaseProblem` for a classified failure, or else the error itself: an unclassified
    failure is a bug and keeps its traceback for the crash log."""
    problem = problem_for(error, where)
    if problem is None or problem is error:
        raise error
    raise problem from error
