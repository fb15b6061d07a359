"""bianzhi-cli: the console entry for batch jobs, scripting and checks.

Exit codes: 0 success, 1 a user error (bad input, refused operation, unusable database), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from bianzhi_desktop.cli import exchange, golive, health, matters, paperwork
from bianzhi_desktop.cli.common import (
    CLI_ACTOR,
    EXIT_OK,
    EXIT_USER_ERROR,
    ChineseArgumentParser,
    ask_password,
    date_argument,
    open_database_at,
    open_existing,
    positive_int,
    progress_printer,
    render_table,
)
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import BianzhiError


def cmd_init(args: argparse.Namespace) -> int:
    from bianzhi_desktop.services.county import create_county

    password = args.admin_password or ask_password(generate=True)
    db = open_database_at(args.db)
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


def cmd_demo(args: argparse.Namespace) -> int:
    from bianzhi_desktop.demo import build_demo_county

    if "://" not in args.db and Path(args.db).exists() and not args.force:
        raise BianzhiError(f"“{args.db}”已存在。演示数据只能建在新文件中；如要覆盖请加 --force。")
    started = dt.datetime.now()
    if "://" in args.db:  # a server database is built in place
        db = open_database_at(args.db)
        try:
            report = build_demo_county(
                db, persons=args.persons, seed=args.seed, progress=progress_printer(args)
            )
        finally:
            db.close()
    else:  # built beside the target and renamed over it when whole: a failure leaves no half-built file
        target = Path(args.db)
        building = target.with_name(f".{target.name}.building")
        _remove_sqlite_files(building)
        db = open_database_at(str(building))
        try:
            report = build_demo_county(
                db, persons=args.persons, seed=args.seed, progress=progress_printer(args)
            )
            db.close()
            if args.force:
                _remove_sqlite_files(target)
            building.replace(target)
        finally:
            db.close()
            _remove_sqlite_files(building)
    seconds = (dt.datetime.now() - started).total_seconds()
    print(
        f"演示县“{report.county_name}”已建成：{report.units}个机构，{report.persons}名在编人员，"
        f"用时{seconds:.1f}秒。数据库：{args.db}"
    )
    print(f"可用账户（密码均为 {report.password}）：" + "、".join(report.usernames))
    return EXIT_OK


def _remove_sqlite_files(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


SUMMARY_COLUMNS = ("unit", "kind", "approved", "enrolled", "reserved", "vacancy")
SUMMARY_HEADERS = ("单位", "编制类型", "核定", "在编", "已核准未入编", "空编")


def cmd_summary(args: argparse.Namespace) -> int:
    from bianzhi_desktop.services import ledger

    db = open_existing(args.db, read_only=True)
    try:
        with db.read() as uow:
            lines = ledger.summary(uow, args.as_of)
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
        from bianzhi_desktop.documents.csv_safe import write_csv

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


def cmd_backup(args: argparse.Namespace) -> int:
    db = open_existing(args.db)
    try:
        target = db.backup(args.out)
    finally:
        db.close()
    print(f"已备份到 {target}（{target.stat().st_size / 1024 / 1024:.1f} MB）")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from bianzhi_desktop.persistence.database import restore_database

    report = restore_database(args.source, args.db)
    if report.previous_saved_as is not None:
        print(f"恢复前的数据库已另存为 {report.previous_saved_as}")
    print(f"已从 {report.restored_from} 恢复到 {report.database}（结构版本 {report.revision}）")
    return EXIT_OK


def cmd_user_add(args: argparse.Namespace) -> int:
    from bianzhi_desktop.services import admin

    roles = {_role(code) for code in args.roles.split(",") if code.strip()}
    password = args.password or ask_password(generate=False)
    db = open_existing(args.db)
    try:
        with db.write() as uow:
            admin.add_user(
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
    from bianzhi_desktop.services import admin

    db = open_existing(args.db, read_only=True)
    try:
        with db.read() as uow:
            infos = admin.list_users(uow)
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
    from bianzhi_desktop.services import admin

    password = args.password or ask_password(generate=False)
    db = open_existing(args.db)
    try:
        with db.write() as uow:
            admin.reset_password(uow, CLI_ACTOR, args.username, password)
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
    p.add_argument("--persons", type=positive_int, default=8000, help="在编人数（默认 8000）")
    p.add_argument("--seed", type=int, default=2026, help="随机种子（相同种子生成相同数据）")
    p.add_argument("--force", action="store_true", help="覆盖已存在的文件")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(handler=cmd_demo)

    p = sub.add_parser("summary", help="编制使用情况汇总（每个单位每种编制一行）")
    db_arg(p)
    p.add_argument("--as-of", type=date_argument, help="统计日期（默认今天），如 2025-12-31")
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
    # The other areas' commands live in their own modules.
    exchange.register(sub)  # Excel in and out
    health.register(sub)  # health check
    matters.register(sub)  # staffing matters
    paperwork.register(sub)  # paperwork PDFs
    golive.register(sub)  # going live, reopening, status
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
    except BrokenPipeError:  # `bianzhi-cli summary | head`: the reader has gone; say nothing more to it
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        print("输出已被截断（接收输出的程序提前关闭）。", file=sys.stderr)
        return EXIT_USER_ERROR
    except OSError as error:  # a full disk, a folder that cannot be written, a vanished file
        what = f"“{error.filename}”" if error.filename else "文件"
        print(f"错误：无法读写{what}：{error.strerror or error}。本次操作未完成。", file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as error:  # a bug: its traceback goes to the crash log, never to the clerk
        from bianzhi_desktop import crashlog

        log = crashlog.log_exception(error, f"bianzhi-cli {args.command}")
        where = f"详细信息已写入日志 {log}，请将日志发给技术支持。" if log else "日志无法写入。"
        print(f"程序内部错误，本次操作未完成（{type(error).__name__}）。{where}", file=sys.stderr)
        return EXIT_USER_ERROR


if __name__ == "__main__":
    sys.exit(main())
