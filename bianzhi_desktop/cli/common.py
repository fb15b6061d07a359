"""What every console command shares: exit codes, the acting user, argument types, opening the
database, progress, and plain-text tables that line up with Chinese characters."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import secrets
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from bianzhi_desktop.domain.dates import parse_day
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.services.context import Actor

if TYPE_CHECKING:
    from bianzhi_desktop.persistence.database import Database

CLI_ACTOR = Actor(user_id=None, username="bianzhi-cli", display_name="命令行", roles=frozenset({Role.ADMIN}))

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


def db_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n请运行 {self.prog} --help 查看说明。\n")


def date_argument(text: str) -> dt.date:
    try:
        return parse_day(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期：{error}（如 2026-12-31）") from None


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"“{text}”必须大于0")
    return value


def open_database_at(path: str, *, read_only: bool = False) -> Database:
    from bianzhi_desktop.persistence.database import open_database

    db = open_database(path, read_only=read_only)
    for line in db.repaired:  # e.g. protective triggers someone dropped, restored on this open
        print(f"警告：{line}", file=sys.stderr)
    return db


def open_existing(path: str, *, read_only: bool = False) -> Database:
    """An existing county's database; `read_only` for commands that only read: then nothing is created,
    migrated or changed in the file."""
    if "://" not in path and not Path(path).exists():
        raise BianzhiError(f"数据库文件“{path}”不存在。请先用 bianzhi-cli init 或 bianzhi-cli demo 建立。")
    db = open_database_at(path, read_only=read_only)
    from bianzhi_desktop.services.county import is_initialised

    if not is_initialised(db):
        db.close()
        raise BianzhiError(f"数据库“{path}”还没有初始化县（市、区）信息。请先运行 bianzhi-cli init。")
    return db


def ask_password(*, generate: bool) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != first:
            raise BianzhiError("两次输入的密码不一致。")
        return first
    if generate:
        return secrets.token_urlsafe(9)
    raise BianzhiError("请用 --password 指定密码（当前没有可交互的终端）。")


def progress_printer(args: argparse.Namespace) -> Callable[[int, int, str], None] | None:
    """Progress on one rewritten line of stderr, unless --quiet or stderr is not a terminal."""
    if args.quiet or not sys.stderr.isatty():
        return None

    def show(done: int, total: int, label: str) -> None:
        print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return show


def display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def render_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A plain-text table whose columns line up with Chinese characters (two cells wide)."""
    cells = [[str(value) for value in row] for row in [headers, *rows]]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    numeric = [all(isinstance(row[i], int) for row in rows) and bool(rows) for i in range(len(headers))]

    def fmt(row: list[str]) -> str:
        parts = []
        for i, value in enumerate(row):
            pad = " " * (widths[i] - display_width(value))
            parts.append(pad + value if numeric[i] else value + pad)
        return "  ".join(parts).rstrip()

    lines = [fmt(cells[0]), "  ".join("-" * w for w in widths)]
    lines += [fmt(row) for row in cells[1:]]
    return "\n".join(lines)
