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

from bianzhi_desktop.domain.errors import BianzhiError

EXIT_OK, EXIT_USER_ERROR = 0, 1


def _column_mapping(pairs: list[str] | None) -> dict[str, int]:
    """`公民身份号码=C` pairs → {field key: column index}."""
    from bianzhi_desktop.documents.excel.headers import match_field
    from bianzhi_desktop.documents.excel.layouts import ROSTER_IMPORT_FIELDS as ROSTER_FIELDS
    from bianzhi_desktop.documents.excel.reader import column_index

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
    """Every error where the sheet shows it, then the warnings (the assumptions made) grouped by kind
    with their counts and rows."""
    from bianzhi_desktop.services.exchange import group_problems

    several = len({p.sheet for p in preview.problems}) > 1  # name the sheet only when there are several
    errors = ["错误 " + (f"[{p.sheet}] " if p.sheet and several else "") + p.text() for p in preview.errors]
    return errors + ["提醒 " + g.line(several) for g in group_problems(preview.warnings)]


def _with_groups(preview) -> dict[str, object]:  # type: ignore[no-untyped-def]
    from bianzhi_desktop.services.exchange import group_problems

    payload = preview.as_dict()
    payload["groups"] = [
        {"severity": "error" if g.is_error else "warning", "text": g.text, "sheet": g.sheet, "count": g.count,
         "rows": g.rows}
        for g in group_problems(preview.problems)
    ]  # fmt: skip
    return payload


def _choices(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The batch's answers from the options (the questions the window asks once)."""
    from bianzhi_desktop.domain.enums import RetirementCategory
    from bianzhi_desktop.services.exchange import BatchChoices

    female = {"55": RetirementCategory.FEMALE_55, "50": RetirementCategory.FEMALE_50}.get(
        args.female_retirement
    )
    return BatchChoices(
        basis_title=args.basis or "", female_retirement=female, create_divisions=not args.no_new_divisions
    )


def cmd_import_roster(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, open_existing
    from bianzhi_desktop.services import exchange

    mapping = _column_mapping(args.column)
    db = open_existing(args.db)
    try:
        with db.write() as uow:
            try:
                preview = exchange.preview_roster(
                    uow,
                    CLI_ACTOR,
                    args.file,
                    mapping=mapping or None,
                    sheet_name=args.sheet,
                    choices=_choices(args),
                )
            except BianzhiError as error:
                return _file_error(args, error)
            if args.error_report and preview.problems:
                exchange.write_error_report(args.error_report, preview.sheet, preview.match, preview.problems)
            lines = _problem_lines(preview)
            if preview.errors or not preview.register_rows:
                if not preview.register_rows and not preview.errors:
                    lines.append("没有可导入的人员。")
                lines.append(f"共{preview.rows}行，{len(preview.errors)}处错误：未写入任何数据。")
                _print_result(args, _with_groups(preview), lines)
                return EXIT_USER_ERROR
            if args.dry_run:
                lines.append(f"共{preview.rows}行，全部通过校验（试运行，未写入）。")
            else:
                result = exchange.commit_roster(uow, CLI_ACTOR, preview)
                uow.commit()
                lines.append(
                    f"读到{preview.rows}行数据，已导入{result.persons}人（{Path(args.file).name}）。"
                )
            _print_result(args, _with_groups(preview), lines)
            return EXIT_OK
    finally:
        db.close()


def cmd_import_ledger(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, open_existing
    from bianzhi_desktop.services import exchange

    db = open_existing(args.db)
    try:
        with db.write() as uow:
            try:
                preview = exchange.preview_ledger(uow, CLI_ACTOR, args.file)
            except BianzhiError as error:
                return _file_error(args, error)
            lines = _problem_lines(preview)
            if not preview.ok:
                lines.append(f"共{preview.rows}行，{len(preview.errors)}处错误：未写入任何数据。")
                _print_result(args, _with_groups(preview), lines)
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
                exchange.commit_ledger(uow, CLI_ACTOR, preview)
                uow.commit()
                lines.append(f"已导入：{what}。")
            _print_result(args, _with_groups(preview), lines)
            return EXIT_OK
    finally:
        db.close()


def _unit_id(uow, name: str | None) -> int | None:  # type: ignore[no-untyped-def]
    if not name:
        return None
    from bianzhi_desktop.services import org

    found = org.find_unit_by_name(uow, name)
    if found is None:
        raise BianzhiError(f"没有名为“{name}”的机构（可写全称、规范简称或加挂的牌子）。")
    return found.id


def cmd_export_roster(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, open_existing
    from bianzhi_desktop.services import exchange

    db = open_existing(args.db)
    try:
        with db.write() as uow:
            count = exchange.export_roster(uow, CLI_ACTOR, args.out, unit_id=_unit_id(uow, args.unit))
            uow.commit()
    finally:
        db.close()
    print(f"已导出花名册{count}人：{args.out}")
    return EXIT_OK


def cmd_export_summary(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, open_existing
    from bianzhi_desktop.services import exchange

    db = open_existing(args.db)
    try:
        with db.write() as uow:
            count = exchange.export_summary(uow, CLI_ACTOR, args.out, args.as_of)
            uow.commit()
    finally:
        db.close()
    print(f"已导出汇总表{count}行：{args.out}")
    return EXIT_OK


def cmd_export_ledger(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import CLI_ACTOR, open_existing
    from bianzhi_desktop.services import exchange

    db = open_existing(args.db)
    try:
        with db.write() as uow:
            counts = exchange.export_ledger(uow, CLI_ACTOR, args.out)
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
    from bianzhi_desktop.cli.common import date_argument

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
    p.add_argument(
        "--basis",
        metavar="依据",
        help="没有入编文号的行登记的本批依据（默认“实名制信息初始化（YYYY年M月）”）",
    )
    p.add_argument(
        "--female-retirement",
        choices=("auto", "55", "50"),
        default="auto",
        help="女性未填原法定退休年龄类别时：auto 按编制类型（工勤编制50岁，其他55岁），或一律55、50",
    )
    p.add_argument(
        "--no-new-divisions", action="store_true", help="单位尚无的内设机构不新建，该人员内设机构留空"
    )
    p.add_argument(
        "--pi-funding",
        choices=("全额", "差额", "自收自支"),
        help="“事业编制”未注明经费形式、本行和单位也不能确定时按此经费形式（默认报错）",
    )
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
    p.add_argument("--as-of", type=date_argument, help="统计日期（默认今天）")
    p.set_defaults(handler=cmd_export_summary)

    p = sub.add_parser("export-ledger", help="导出机构编制台账（可用 import-ledger 导回）")
    common(p)
    p.add_argument("--out", required=True, help="输出文件 .xlsx")
    p.set_defaults(handler=cmd_export_ledger)
