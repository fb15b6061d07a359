"""Classify database failures into messages a clerk can act on (after qutebrowser's approach)."""

from __future__ import annotations

import os
import sqlite3
from enum import StrEnum
from pathlib import Path

from sqlalchemy import exc as sa_exc

from bianzhi_desktop.domain.errors import BianzhiError


class Problem(StrEnum):
    LOCKED = "locked"
    READ_ONLY = "read_only"
    DISK_FULL = "disk_full"
    CORRUPT = "corrupt"
    NOT_OURS = "not_ours"
    TOO_NEW = "too_new"
    UNREACHABLE = "unreachable"
    CANNOT_OPEN = "cannot_open"
    CONFLICT = "conflict"
    OTHER = "other"


_MESSAGES = {
    Problem.LOCKED: (
        "数据库正被其他程序或其他用户占用，请稍后重试；如持续出现，请关闭其他正在使用该数据库的程序。"
    ),
    Problem.READ_ONLY: (
        "数据库文件或其所在文件夹是只读的，无法保存修改。请检查文件权限，或将数据库复制到可写的位置。"
    ),
    Problem.DISK_FULL: "磁盘空间已满，修改未能保存。请清理磁盘后重试，本次操作未写入任何数据。",
    Problem.CORRUPT: "数据库文件已损坏或不是有效的数据库文件。请从备份恢复，或联系技术支持。",
    Problem.NOT_OURS: "该文件不是本程序的数据库（其中有其他程序的数据表）。为避免破坏数据，程序不会打开它。",
    Problem.UNREACHABLE: "无法连接数据库服务器，请检查网络、服务器地址、用户名和密码。",
    Problem.CANNOT_OPEN: "无法打开数据库文件。请检查文件及其所在文件夹是否存在，以及是否有读写权限。",
    Problem.CONFLICT: "数据冲突，本次修改未保存：",
    Problem.OTHER: "数据库出现未预料的错误，本次修改未保存：",
}


class DatabaseProblem(BianzhiError):
    """A database failure with a user-facing Chinese message and a machine-readable kind."""

    def __init__(self, problem: Problem, detail: str = "", where: str = "") -> None:
        message = _MESSAGES.get(problem, "")
        if problem in (Problem.CONFLICT, Problem.OTHER):
            message += detail
        if where:
            message = f"{message}（数据库：{where}）"
        super().__init__(message)
        self.problem = problem
        self.detail = detail


class DatabaseTooNew(DatabaseProblem):
    def __init__(self, revision: str, where: str = "") -> None:
        super().__init__(Problem.TOO_NEW, where=where)
        self.message = (
            f"该数据库由更新版本的程序创建（结构版本 {revision}），当前程序无法安全打开。"
            "请升级本程序后再打开。" + (f"（数据库：{where}）" if where else "")
        )
        self.args = (self.message,)


def classify(error: BaseException) -> Problem:
    """Map a DB-API or SQLAlchemy error to the problem a user can act on."""
    original = getattr(error, "orig", None) or error
    text = str(original).lower()
    if isinstance(error, sa_exc.IntegrityError) or isinstance(original, sqlite3.IntegrityError):
        return Problem.CONFLICT
    if "locked" in text or "busy" in text:
        return Problem.LOCKED
    if "readonly" in text or "read-only" in text or "read only" in text:
        return Problem.READ_ONLY
    if "disk is full" in text or "database or disk is full" in text or "no space left" in text:
        return Problem.DISK_FULL
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return Problem.CORRUPT
    if "unable to open database" in text:
        return Problem.CANNOT_OPEN
    if "connection refused" in text or "could not connect" in text:
        return Problem.UNREACHABLE
    if "password authentication failed" in text or ("does not exist" in text and "database" in text):
        return Problem.UNREACHABLE
    return Problem.OTHER


def _unwritable(path: Path) -> bool:
    return path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def translate(error: BaseException, where: str = "") -> DatabaseProblem:
    if isinstance(error, DatabaseProblem):
        return error
    problem = classify(error)
    if problem is Problem.CANNOT_OPEN and where and _unwritable(Path(where)):
        # SQLite in WAL mode must write beside the file even to read it.
        problem = Problem.READ_ONLY
    detail = str(getattr(error, "orig", None) or error).splitlines()[0][:200]
    return DatabaseProblem(problem, detail=detail, where=where)
