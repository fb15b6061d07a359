"""bianzhi-cli commands for Excel: import-roster, import-ledger, export-roster, export-summary, export-ledger.

Imports exit 0 when every row is clean and (without --dry-run) imported; 1 when any row has an error,
and then nothing is written. `--format json` prints {"rows": N, "errors": [...], "warnings": [...]},
each entry with `row` (the row number as the spreadsheet shows it), `column` (letter) and `message`.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .domain.errors import BianzhiError

EXIT_OK, EXIT_USER_ERROR = 0, 1


def _column_mapping(pairs: list[str] | None) -> dict[str, int]:
    """`公民身份号码=C` pairs → {field key: column index}."""
    from .documents.excel.headers import match_field
    from .documents.excel.layouts import ROSTER_FIELDS
    from .documents.excel.reader import column_index

    mapping: dict[str, int] = {}
    for pair in pairs or []:
        name, sep, letter = pair.partition("=")
        key = match_field(name, ROSTER_FIELDS)
        if not sep or key is None:
            fields = "、".join(spec.header for spec in ROSTER_FIELDS)
            raise BianzhiError(f"--column “{pair}”应写作 字段=列字母，如 公民身份号码=C；字段可为：{fields}")
        try:
            mapping[key] = column_index(letter)
        except ValueError as error:
            raise BianzhiError(f"--column “{pair}”：{error}") from None
    return mapping


def _print_result(args: argparse.Namespace, payload: dict[str, object], lines: list[str]) -> None:
    if args.format == "json":
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for line in lines:
            print(line)


def _file_error(args: argparse.Namespace, error: BianzhiError) -> int:
    if args.format == "json":
        payload = {"rows": 0, "errors": [{"row": 0, "column": "", "message": str(error)}], "warnings": []}
        json.dump(payload, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print(f"错误：{error}", file=sys.stderr)
    return EXIT_USER_ERROR


def _problem_lines(preview) -> list[str]:  # type: ignore[no-untyped-def]
    lines = [("错误 " if p.is_error else "提醒 ") + p.text() for p in preview.problems]
    return lines


def cmd_import_roster(args: argparse.Namespace) -> int:
    from .cli import CLI_ACTOR, _open_existing
    from .services import import_common, roster_import

    mapping = _column_mapping(args.column)
    db = _open_existing(args.db)
    try:
        with db.write() as uow:
            try:
                preview = roster_import.preview_roster(
                    uow, CLI_ACTOR, args.file, mapping=mapping or None, sheet_name=args.sheet
                )
            except BianzhiError as error:
                return _file_error(args, error)
            if args.error_report and preview.problems:
                import_common.write_error_report(
                    args.error_report, preview.sheet, preview.match, preview.problems
                )
            lines = _problem_lines(preview)
            if preview.errors or not preview.register_rows:
                if not preview.register_rows and not preview.errors:
                    lines.append("没有可导入的人员。")
                lines.append(f"共{preview.rows}行，{len(preview.errors)}处错误：未写入任何数据。")
                _print_result(args, preview.as_dict(), lines)
                return EXIT_USER_ERROR
            if args.dry_run:
                lines.append(f"共{preview.rows}行，全部通过校验（试运行，未写入）。")
            else:
                result = roster_import.commit_roster(uow, CLI_ACTOR, preview)
                uow.commit()
                lines.append(
                    f"读到{preview.rows}行数据，已导入{result.persons}人（{Path(args.file).name}）。"
                )
            _print_result(args, preview.as_dict(), lines)
            return EXIT_OK
    finally:
        db.close()


def cmd_import_ledger(args: argparse.Namespace) -> int:
    from .cli import CLI_ACTOR, _open_existing
    from .services import ledger_import

    db = _open_existing(args.db)
    try:
        with db.write() as uow:
            try:
                preview = ledger_import.preview_ledger(uow, CLI_ACTOR, args.file)
            except BianzhiError as error:
                return _file_error(args, error)
            lines = [
                ("错误 " if p.is_error else "提醒 ") + (f"[{p.sheet}] " if p.sheet else "") + p.text()
                for p in preview.problems
            ]
            if not preview.ok:
                lines.append(f"共{preview.rows}行，{len(preview.errors)}处错误：未写入任何数据。")
                _print_result(args, preview.as_dict(), lines)
                return EXIT_USER_ERROR
            counts = (
                len(preview.new_units),
                len(preview.divisions),
                len(preview.quota_rows),
                len(preview.leader_rows),
            )
            what = f"新建机构{counts[0]}个，内设机构{counts[1]}个，编制台账{counts[2]}条，领导职数台账{counts[3]}条"
            if args.dry_run:
                lines.append(f"共{preview.rows}行，全部通过校验（试运行，未写入）：将{what}。")
            else:
                ledger_import.commit_ledger(uow, CLI_ACTOR, preview)
                uow.commit()
                lines.append(f"已导入：{what}。")
            _print_result(args, preview.as_dict(), lines)
            return EXIT_OK
    finally:
        db.close()


def _unit_id(uow, name: str | None) -> int | None:  # type: ignore[no-untyped-def]
    if not name:
        return None
    from .services import units

    found = units.find_unit_by_name(uow, name)
    if found is None:
        raise BianzhiError(f"没有名为“{name}”的机构（可写全称、规范简称或加挂的牌子）。")
    return found.id


def cmd_export_roster(args: argparse.Namespace) -> int:
    from .cli import CLI_ACTOR, _open_existing
    from .services import excel_export

    db = _open_existing(args.db)
    try:
        with db.write() as uow:
            count = excel_export.export_roster(uow, CLI_ACTOR, args.out, unit_id=_unit_id(uow, args.unit))
            uow.commit()
    finally:
        db.close()
    print(f"已导出花名册{count}人：{args.out}")
    return EXIT_OK


def cmd_export_summary(args: argparse.Namespace) -> int:
    from .cli import CLI_ACTOR, _open_existing
    from .services import excel_export

    db = _open_existing(args.db)
    try:
        with db.write() as uow:
            count = excel_export.export_summary(uow, CLI_ACTOR, args.out, args.as_of)
            uow.commit()
    finally:
        db.close()
    print(f"已导出汇总表{count}行：{args.out}")
    return EXIT_OK


def cmd_export_ledger(args: argparse.Namespace) -> int:
    from .cli import CLI_ACTOR, _open_existing
    from .services import excel_export

    db = _open_existing(args.db)
    try:
        with db.write() as uow:
            counts = excel_export.export_ledger(uow, CLI_ACTOR, args.out)
            uow.commit()
    finally:
        db.close()
    print(
        f"已导出台账：机构{counts[0]}个，内设机构{counts[1]}个，编制台账{counts[2]}条，"
        f"领导职数台账{counts[3]}条：{args.out}"
    )
    return EXIT_OK


def register(sub) -> None:  # type: ignore[no-untyped-def]
    """Add the Excel commands to bianzhi-cli's subparsers."""
    from .cli import _date

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")

    p = sub.add_parser("import-roster", help="从Excel导入实名制花名册（全部成功或全部不写入）")
    common(p)
    p.add_argument("file", help="工作簿（.xlsx .xls .et .ods …）")
    p.add_argument("--dry-run", action="store_true", help="只校验，不写入")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    p.add_argument("--sheet", help="工作表名称（默认自动识别）")
    p.add_argument(
        "--column", action="append", metavar="字段=列", help="指定列对应，如 公民身份号码=C（可多次使用）"
    )
    p.add_argument("--error-report", metavar="FILE.xlsx", help="有问题时写出错误报告工作簿")
    p.set_defaults(handler=cmd_import_roster)

    p = sub.add_parser("import-ledger", help="从Excel导入机构、内设机构、编制台账和领导职数台账")
    common(p)
    p.add_argument("file", help="工作簿（.xlsx .xls .et .ods …）")
    p.add_argument("--dry-run", action="store_true", help="只校验，不写入")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出格式")
    p.set_defaults(handler=cmd_import_ledger)

    p = sub.add_parser("export-roster", help="导出花名册（全县或一个单位）到Excel")
    common(p)
    p.add_argument("--out", required=True, help="输出文件 .xlsx")
    p.add_argument("--unit", help="单位名称（不填则导出全县）")
    p.set_defaults(handler=cmd_export_roster)

    p = sub.add_parser("export-summary", help="导出全县编制使用情况汇总表到Excel")
    common(p)
    p.add_argument("--out", required=True, help="输出文件 .xlsx")
    p.add_argument("--as-of", type=_date, help="统计日期（默认今天）")
    p.set_defaults(handler=cmd_export_summary)

    p = sub.add_parser("export-ledger", help="导出机构编制台账（可用 import-ledger 导回）")
    common(p)
    p.add_argument("--out", required=True, help="输出文件 .xlsx")
    p.set_defaults(handler=cmd_export_ledger)
