"""bianzhi-cli go-live, reopen and status: ending initialisation (结束初始化录入) from the console.

`go-live` prints the checklist and exits 1 while an item is open, unless `--force REASON` (the reason is
recorded with the open items); `reopen --reason TEXT` reopens initialisation; `status [--format json]`
reads only and reports the mode, the schema revision and the counts of units, people and open matters.
The console acts as an administrator, like every console command run by whoever holds the file.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_USER_ERROR = 0, 1


def _print_checklist(items) -> None:  # type: ignore[no-untyped-def]
    for item in items:
        mark = "✓" if item.done else "✗"
        extra = "（已放宽）" if item.relaxed else ""
        print(f"{mark} {item.label}{extra}：{item.detail}")


def cmd_go_live(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, open_existing
    from bianzhi_desktop.services import admin

    db = open_existing(args.db)
    try:
        with db.write() as uow:
            if not admin.initialisation_state(uow).initialisation:
                admin.go_live(uow, CLI_ACTOR)  # refused with the date it went live
            result = admin.checklist(uow)
            _print_checklist(result.items)
            open_items = result.open_items
            if open_items and args.force is None:
                print(
                    f"还有{len(open_items)}项未完成，初始化录入未结束。完成后再运行本命令，"
                    "或用 --force 理由 强制结束（理由记入操作日志）。",
                    file=sys.stderr,
                )
                return EXIT_USER_ERROR
            admin.go_live(uow, CLI_ACTOR, force_reason=args.force)
            uow.commit()
    finally:
        db.close()
    forced = f"（强制结束，{len(open_items)}项未完成，理由已记录）" if open_items else ""
    print(f"已结束初始化录入{forced}。此后机构、编制、领导职数和人员的变动须通过审批的机构编制事项办理。")
    return EXIT_OK


def cmd_reopen(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, open_existing
    from bianzhi_desktop.services import admin

    db = open_existing(args.db)
    try:
        with db.write() as uow:
            admin.reopen_initialisation(uow, CLI_ACTOR, args.reason)
            uow.commit()
    finally:
        db.close()
    print(f"已重新打开初始化录入（理由：{args.reason.strip()}）。补录完毕后请运行 bianzhi-cli go-live。")
    return EXIT_OK


MODE_LABELS = {"initialisation": "初始化录入", "live": "正式运行"}


def cmd_status(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import open_existing
    from bianzhi_desktop.services import admin

    db = open_existing(args.db, read_only=True)
    try:
        status = admin.county_status(db)
    finally:
        db.close()
    if args.format == "json":
        json.dump(status.as_dict(), sys.stdout, ensure_ascii=False, indent=1)
        print()
        return EXIT_OK
    state = status.state
    mode = MODE_LABELS[state.mode]
    if state.mode == "live" and state.live_since is not None:
        mode += f"（{state.live_since:%Y-%m-%d %H:%M}起）"
    elif state.reopened:
        mode += f"（上线后重新打开，理由：{state.reopened_reason}）"
    print(f"{status.county_name}　{status.office_name}")
    print(f"状态：{mode}")
    print(f"数据库结构版本：{status.revision}")
    print(f"机构：{status.units}个　在编人员：{status.people}名　未办结事项：{status.open_matters}件")
    return EXIT_OK


def register(sub) -> None:  # type: ignore[no-untyped-def]
    """Add `go-live`, `reopen` and `status` to bianzhi-cli's subparsers."""
    p = sub.add_parser(
        "go-live", help="结束初始化录入：列出检查清单，全部完成（或用 --force 说明理由）后转入正式运行"
    )
    p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")
    p.add_argument("--force", metavar="理由", help="仍有未完成项时强制结束，理由记入操作日志")
    p.set_defaults(handler=cmd_go_live)

    p = sub.add_parser("reopen", help="重新打开初始化录入（须写明理由，记入操作日志）")
    p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")
    p.add_argument("--reason", required=True, help="重新打开的理由")
    p.set_defaults(handler=cmd_reopen)

    p = sub.add_parser(
        "status", help="本县概况：初始化录入或正式运行、数据库结构版本、机构和人员数、未办结事项"
    )
    p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")
    p.add_argument("--format", choices=("table", "json"), default="table", help="输出格式")
    p.set_defaults(handler=cmd_status)
