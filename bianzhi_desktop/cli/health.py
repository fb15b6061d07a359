"""bianzhi-cli check: the county health check (体检) from the console.

Exit 0 whatever it finds (problems are data, not failures); 1 only when the database cannot be used.
`--format json` prints a list of findings, each with code, label, severity, unit, message, figures and
records; the default is a table. `--record` also enters the run on the rectification ledger (整改台账),
`--out FILE.xlsx` writes the findings list as a workbook.
"""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK = 0


def cmd_check(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, open_existing, render_table
    from bianzhi_desktop.domain.health import FindingCode
    from bianzhi_desktop.services import health

    db = open_existing(args.db, read_only=not (args.record or args.out))
    try:
        checkup = health.check_county(
            db, CLI_ACTOR, args.as_of, record=bool(args.record), export_to=args.out or None
        )
    finally:
        db.close()
    findings, recorded = checkup.findings, checkup.recorded
    if args.format == "json":
        json.dump([finding.as_dict() for finding in findings], sys.stdout, ensure_ascii=False, indent=1)
        print()
        return EXIT_OK
    rows = [(f.code.label, f.severity.label, f.unit_name or "（全县）", f.message) for f in findings]
    if rows:
        print(render_table(("类别", "性质", "单位", "说明"), rows))
    counts = health.counts_by_code(findings)
    summary = "，".join(f"{code.label}{counts[code]}项" for code in FindingCode if counts[code])
    print(f"体检完成：共{len(findings)}项" + (f"（{summary}）。" if summary else "，未发现问题。"))
    if recorded is not None:
        print(
            f"已登记整改台账：新发现{recorded.new}项，仍存在{recorded.seen_again}项，"
            f"重新打开{recorded.reopened}项，已消失{recorded.gone}项。"
        )
    if args.out:
        print(f"问题清单已导出：{args.out}")
    return EXIT_OK


def register(sub) -> None:  # type: ignore[no-untyped-def]
    """Add `check` to bianzhi-cli's subparsers."""
    from bianzhi_desktop.cli.common import date_argument

    p = sub.add_parser("check", help="体检：查找超编、超职数、一人多编、到龄未出编等问题")
    p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")
    p.add_argument("--as-of", type=date_argument, help="体检日期（默认今天），如 2025-12-31")
    p.add_argument("--format", choices=("table", "json"), default="table", help="输出格式")
    p.add_argument("--record", action="store_true", help="同时登记到整改台账")
    p.add_argument("--out", metavar="FILE.xlsx", help="同时导出问题清单（并登记整改台账）")
    p.set_defaults(handler=cmd_check)
