"""bianzhi-cli: the console entry for batch jobs, scripting and checks.

Exit codes: 0 success, 1 a user error (bad input, refused operation, unusable database), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import io
import json
import secrets
import sys
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

from .domain.enums import Role
from .domain.errors import BianzhiError
from .services.context import Actor

CLI_ACTOR = Actor(user_id=None, username="bianzhi-cli", display_name="命令行", roles=frozenset({Role.ADMIN}))

EXIT_OK, EXIT_USER_ERROR, EXIT_USAGE = 0, 1, 2


class ChineseArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"用法错误：{message}\n请运行 {self.prog} --help 查看说明。\n")


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是有效日期，请写成 2026-12-31 的形式") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"“{text}”必须大于0")
    return value


def _open(path: str):  # type: ignore[no-untyped-def]
    from .persistence.database import open_database

    return open_database(path)


def _open_existing(path: str):  # type: ignore[no-untyped-def]
    if "://" not in path and not Path(path).exists():
        raise BianzhiError(f"数据库文件“{path}”不存在。请先用 bianzhi-cli init 或 bianzhi-cli demo 建立。")
    db = _open(path)
    from .services.county import is_initialised

    if not is_initialised(db):
        db.close()
        raise BianzhiError(f"数据库“{path}”还没有初始化县（市、区）信息。请先运行 bianzhi-cli init。")
    return db


def cmd_init(args: argparse.Namespace) -> int:
    from .services.county import create_county

    password = args.admin_password or _ask_password(generate=True)
    db = _open(args.db)
    try:
        create_county(
            db,
            county_name=args.county,
            office_name=args.office,
            doc_prefix=args.prefix,
            admin_username=args.admin,
            admin_password=password,
            institution_cap=args.cap,
        )
    finally:
        db.close()
    print(f"已建立“{args.county}”的数据库：{args.db}")
    if not args.admin_password:
        print(f"管理员用户名：{args.admin}　初始密码：{password}　（请登录后立即修改）")
    return EXIT_OK


def _ask_password(*, generate: bool) -> str:
    if sys.stdin is not None and sys.stdin.isatty():
        first = getpass.getpass("密码：")
        if getpass.getpass("再输入一次：") != first:
            raise BianzhiError("两次输入的密码不一致。")
        return first
    if generate:
        return secrets.token_urlsafe(9)
    raise BianzhiError("请用 --password 指定密码（当前没有可交互的终端）。")


def cmd_demo(args: argparse.Namespace) -> int:
    from .services.demo import build_demo_county

    if "://" not in args.db and Path(args.db).exists() and not args.force:
        raise BianzhiError(f"“{args.db}”已存在。演示数据只能建在新文件中；如要覆盖请加 --force。")
    if args.force and "://" not in args.db:
        for suffix in ("", "-wal", "-shm"):
            Path(args.db + suffix).unlink(missing_ok=True)
    db = _open(args.db)
    started = dt.datetime.now()
    try:
        report = build_demo_county(db, persons=args.persons, seed=args.seed, progress=progress_printer(args))
    finally:
        db.close()
    seconds = (dt.datetime.now() - started).total_seconds()
    print(
        f"演示县“{report.county_name}”已建成：{report.units}个机构，{report.persons}名在编人员，"
        f"用时{seconds:.1f}秒。数据库：{args.db}"
    )
    print(f"可用账户（密码均为 {report.password}）：" + "、".join(report.usernames))
    return EXIT_OK


def progress_printer(args: argparse.Namespace) -> Callable[[int, int, str], None] | None:
    """Progress on one rewritten line of stderr, unless --quiet or stderr is not a terminal."""
    if args.quiet or not sys.stderr.isatty():
        return None

    def show(done: int, total: int, label: str) -> None:
        print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)
        if done >= total:
            print(file=sys.stderr)

    return show


SUMMARY_COLUMNS = ("unit", "kind", "approved", "enrolled", "reserved", "vacancy")
SUMMARY_HEADERS = ("单位", "编制类型", "核定", "在编", "已核准未入编", "空编")


def cmd_summary(args: argparse.Namespace) -> int:
    from .services import quota

    db = _open_existing(args.db)
    try:
        with db.read() as uow:
            lines = quota.summary(uow, args.as_of)
    finally:
        db.close()
    rows = [(ln.unit_name, ln.kind_name, ln.approved, ln.enrolled, ln.reserved, ln.vacancy) for ln in lines]
    if args.format == "json":
        json.dump(
            [dict(zip(SUMMARY_COLUMNS, row, strict=True)) for row in rows],
            sys.stdout,
            ensure_ascii=False,
            indent=1,
        )
        print()
    elif args.format == "csv":
        from .documents.csv_safe import write_csv

        buffer = io.StringIO()
        write_csv(buffer, SUMMARY_COLUMNS, rows)  # unit names beginning with = + - @ are not formulas
        sys.stdout.write(buffer.getvalue())
    else:
        print(render_table(SUMMARY_HEADERS, rows))
        as_of = (args.as_of or dt.date.today()).isoformat()
        totals = [sum(int(row[i]) for row in rows) for i in range(2, 6)]
        print(
            f"截至{as_of}，共{len({r[0] for r in rows})}个单位：核定{totals[0]}，在编{totals[1]}，"
            f"已核准未入编{totals[2]}，空编{totals[3]}。"
        )
    return EXIT_OK


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


def cmd_backup(args: argparse.Namespace) -> int:
    db = _open_existing(args.db)
    try:
        target = db.backup(args.out)
    finally:
        db.close()
    print(f"已备份到 {target}（{target.stat().st_size / 1024 / 1024:.1f} MB）")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from .persistence.database import restore_database

    report = restore_database(args.source, args.db)
    if report.previous_saved_as is not None:
        print(f"恢复前的数据库已另存为 {report.previous_saved_as}")
    print(f"已从 {report.restored_from} 恢复到 {report.database}（结构版本 {report.revision}）")
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    from .services import users

    roles = {_role(code) for code in args.roles.split(",") if code.strip()}
    password = args.password or _ask_password(generate=False)
    db = _open_existing(args.db)
    try:
        with db.write() as uow:
            users.add_user(
                uow, CLI_ACTOR, username=args.username, display_name=args.name, password=password, roles=roles
            )
            uow.commit()
    finally:
        db.close()
    print(f"已添加用户 {args.username}（{'、'.join(r.label for r in Role if r in roles)}）")
    return EXIT_OK


def _role(text: str) -> Role:
    role = Role.from_label(text.strip())
    if role is None:
        raise BianzhiError(
            f"没有“{text}”这一角色，可选：" + "、".join(f"{r.value}（{r.label}）" for r in Role)
        )
    return Role(role)


def cmd_user_list(args: argparse.Namespace) -> int:
    from .services import users

    db = _open_existing(args.db)
    try:
        with db.read() as uow:
            infos = users.list_users(uow)
    finally:
        db.close()
    rows = [
        (
            u.username,
            u.display_name,
            "、".join(r.label for r in Role if r in u.roles),
            "启用" if u.active else "停用",
        )
        for u in infos
    ]
    print(render_table(("用户名", "姓名", "角色", "状态"), rows))
    return EXIT_OK


def cmd_user_reset(args: argparse.Namespace) -> int:
    from .services import users

    password = args.password or _ask_password(generate=False)
    db = _open_existing(args.db)
    try:
        with db.write() as uow:
            users.reset_password(uow, CLI_ACTOR, args.username, password)
            uow.commit()
    finally:
        db.close()
    print(f"已重置用户 {args.username} 的密码，并解除锁定。")
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = ChineseArgumentParser(prog="bianzhi-cli", description="机构编制管理 命令行工具")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="命令", parser_class=ChineseArgumentParser
    )

    def db_arg(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")

    p = sub.add_parser("init", help="新建一个县（市、区）的空数据库")
    db_arg(p)
    p.add_argument("--county", required=True, help="县（市、区）名称")
    p.add_argument("--office", required=True, help="编办全称")
    p.add_argument("--prefix", required=True, help="发文字号前缀，如 清编办发")
    p.add_argument("--admin", default="admin", help="管理员用户名（默认 admin）")
    p.add_argument("--admin-password", help="管理员密码（不填则交互输入或自动生成）")
    p.add_argument("--cap", type=int, default=0, help="党政机构限额")
    p.set_defaults(handler=cmd_init)

    p = sub.add_parser("demo", help="生成演示县数据")
    db_arg(p)
    p.add_argument("--persons", type=_positive, default=8000, help="在编人数（默认 8000）")
    p.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子生成相同数据）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("summary", help="编制使用情况汇总（每个单位每种编制一行）")
    db_arg(p)
    p.add_argument("--as-of", type=_date, help="统计日期（默认今天），如 2025-12-31")
    p.add_argument("--format", choices=("table", "csv", "json"), default="table", help="输出格式")
    p.set_defaults(handler=cmd_summary)

    p = sub.add_parser("backup", help="在线备份数据库（可在程序运行时进行）")
    db_arg(p)
    p.add_argument("--out", required=True, help="备份文件路径")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser("restore", help="从备份恢复数据库（先校验备份，并先另存被替换的数据库）")
    db_arg(p)
    p.add_argument("--from", dest="source", required=True, help="备份文件路径")
    p.set_defaults(handler=cmd_restore)

    user = sub.add_parser("user", help="用户管理")
    user_sub = user.add_subparsers(
        dest="user_command", required=True, metavar="操作", parser_class=ChineseArgumentParser
    )
    p = user_sub.add_parser("add", help="添加用户")
    db_arg(p)
    p.add_argument("username", help="用户名")
    p.add_argument("--name", required=True, help="姓名")
    p.add_argument(
        "--roles",
        required=True,
        help="角色，逗号分隔：clerk/经办, reviewer/审核, approver/批准, admin/管理员",
    )
    p.add_argument("--password", help="密码（不填则交互输入）")
    p.set_defaults(handler=cmd_user_add)
    p = user_sub.add_parser("list", help="列出用户")
    db_arg(p)
    p.set_defaults(handler=cmd_user_list)
    p = user_sub.add_parser("reset-password", help="重置密码并解除锁定")
    db_arg(p)
    p.add_argument("username", help="用户名")
    p.add_argument("--password", help="新密码（不填则交互输入）")
    p.set_defaults(handler=cmd_user_reset)
    # The other areas' commands live in their own modules, which import helpers from this one.
    from . import cli_check, cli_documents, cli_excel, cli_matters

    cli_excel.register(sub)  # Excel in and out
    cli_check.register(sub)  # health check
    cli_matters.register(sub)  # staffing matters
    cli_documents.register(sub)  # paperwork PDFs
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except BianzhiError as error:
        print(f"错误：{error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
