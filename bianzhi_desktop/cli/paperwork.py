"""bianzhi-cli commands for the printed paperwork.

    bianzhi-cli sample-documents --db PATH --out DIR [--unit NAME] [--as-of DATE]
        writes decision.pdf, hiring-notice.pdf, enrollment-notice.pdf, removal-notice.pdf,
        unit-sheet.pdf and public-roster.pdf from the data (the newest of each);
    bianzhi-cli notices --db PATH --kind enrollment|removal|hiring [--since DATE] [--until DATE]
        [--limit N] --out FILE.pdf
        writes every notice of a kind in the period into one PDF.

Exit codes: 0 done, 1 a user error (no data, unwritable file …), 2 bad usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from bianzhi_desktop.cli.common import CLI_ACTOR, date_argument, positive_int, progress_printer
from bianzhi_desktop.domain.errors import BianzhiError

if TYPE_CHECKING:
    from bianzhi_desktop.persistence.database import UnitOfWork

EXIT_OK, EXIT_USER_ERROR = 0, 1

KIND_NAMES = {"enrollment": "入编通知单", "removal": "出编通知单", "hiring": "用编核准通知单"}


def _print_fonts() -> None:
    from bianzhi_desktop.documents.pdf.fonts import font_report

    print("使用字体：")
    for line in font_report():
        print(f"　{line}")


def _write(path: Path, render: Callable[[Path], object]) -> None:
    try:
        render(path)
    except OSError as error:
        raise BianzhiError(f"无法写入“{path}”：{error.strerror or error}") from None


def _pick_unit(uow: UnitOfWork, name: str | None) -> int:
    from bianzhi_desktop.services import ledger, org

    if name:
        found = org.find_unit_by_name(uow, name)
        if found is None:
            raise BianzhiError(f"找不到名为“{name}”的机构。")
        return found.id
    unit_id = ledger.largest_unit_id(uow)
    if unit_id is None:
        raise BianzhiError("数据库中还没有在编人员，无法生成机构编制情况表和实名制公示表。")
    return int(unit_id)


def cmd_sample_documents(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import open_existing
    from bianzhi_desktop.documents.pdf.decision import render_decision
    from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
    from bianzhi_desktop.documents.pdf.notices import render_notices
    from bianzhi_desktop.documents.pdf.sheets import render_public_roster, render_unit_sheet
    from bianzhi_desktop.services import paperwork

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BianzhiError(f"无法建立输出目录“{out}”：{error.strerror or error}") from None
    db = open_existing(args.db, read_only=True)
    written: list[str] = []
    missing: list[str] = []
    started = time.perf_counter()
    try:
        with db.read() as uow:

            def decision() -> Callable[[Path], object]:
                data = paperwork.decision(uow, paperwork.latest_decision_document(uow))
                return lambda path: render_decision(data, path)

            def notice(kind: NoticeKind) -> Callable[[], Callable[[Path], object]]:
                def build() -> Callable[[Path], object]:
                    ids = paperwork.notice_ids(uow, kind, until=args.as_of)
                    if not ids:
                        raise BianzhiError(f"数据库中还没有可打印{kind.label}的记录。")
                    builders = {
                        NoticeKind.HIRING: paperwork.hiring_notice,
                        NoticeKind.ENROLLMENT: paperwork.enrollment_notice,
                        NoticeKind.REMOVAL: paperwork.removal_notice,
                    }
                    data = [builders[kind](uow, ids[-1])]
                    return lambda path: render_notices(data, path, title=kind.label)

                return build

            unit_id = _pick_unit(uow, args.unit)
            as_of = args.as_of or dt.date.today()
            sheet = paperwork.unit_sheet(uow, unit_id, as_of)
            roster = paperwork.public_roster(uow, unit_id, as_of)
            jobs = [
                ("decision.pdf", decision),
                ("hiring-notice.pdf", notice(NoticeKind.HIRING)),
                ("enrollment-notice.pdf", notice(NoticeKind.ENROLLMENT)),
                ("removal-notice.pdf", notice(NoticeKind.REMOVAL)),
                ("unit-sheet.pdf", lambda: lambda path: render_unit_sheet(sheet, path)),
                ("public-roster.pdf", lambda: lambda path: render_public_roster(roster, path)),
            ]
            for name, build in jobs:
                try:
                    render = build()
                except BianzhiError as error:
                    missing.append(f"{name}：{error}")
                    continue
                _write(out / name, render)
                written.append(name)
    finally:
        db.close()
    seconds = time.perf_counter() - started
    print(f"已在“{out}”生成 {len(written)} 份文书（用时{seconds:.1f}秒）：" + "、".join(written))
    _print_fonts()
    for line in missing:
        print(f"未生成 {line}", file=sys.stderr)
    return EXIT_USER_ERROR if missing else EXIT_OK


def cmd_notices(args: argparse.Namespace) -> int:
    from bianzhi_desktop.cli.common import open_existing
    from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
    from bianzhi_desktop.documents.pdf.notices import render_notices
    from bianzhi_desktop.services import paperwork

    if args.since and args.until and args.until < args.since:
        raise BianzhiError(f"截止日期 {args.until} 早于起始日期 {args.since}。")
    kind = NoticeKind(args.kind)
    out = Path(args.out)
    if out.suffix.lower() != ".pdf":
        raise BianzhiError(f"输出文件“{out}”应以 .pdf 结尾。")
    if not out.parent.exists():
        raise BianzhiError(f"输出目录“{out.parent}”不存在。")
    progress = progress_printer(args)
    started = time.perf_counter()
    db = open_existing(args.db)  # writes which notices were printed: the next print of one is 补打
    try:
        with db.read() as uow:
            ids = paperwork.notice_ids(uow, kind, since=args.since, until=args.until, limit=args.limit)
            items = paperwork.notices(
                uow, kind, since=args.since, until=args.until, limit=args.limit, progress=progress
            )
        if not items:
            period = f"{args.since or '最早'} 至 {args.until or '今天'}"
            raise BianzhiError(f"{period}期间没有{kind.label}。")
        _write(out, lambda path: render_notices(items, path, title=kind.label, progress=progress))
        try:
            with db.write() as uow:
                paperwork.record_printed(uow, CLI_ACTOR, kind, ids)
                uow.commit()
        except BianzhiError as error:  # the file is written all the same: say what was not recorded
            print(
                f"提醒：通知单已写入“{out}”，但未能记录打印（下次打印不会标“补打”）：{error}", file=sys.stderr
            )
    finally:
        db.close()
    seconds = time.perf_counter() - started
    print(f"已将 {len(items)} 份{kind.label}写入“{out}”（用时{seconds:.1f}秒）。")
    return EXIT_OK


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser(
        "sample-documents", help="按数据库中的数据各生成一份文书（批复、通知单、情况表、公示表）"
    )
    p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")
    p.add_argument("--out", required=True, help="输出目录")
    p.add_argument("--unit", help="情况表和公示表所用机构的全称（默认在编人数最多的机构）")
    p.add_argument("--as-of", type=date_argument, help="统计日期（默认今天），如 2026-12-31")
    p.set_defaults(handler=cmd_sample_documents)

    p = sub.add_parser("notices", help="把一段时间内的某类通知单批量写入一个 PDF")
    p.add_argument("--db", required=True, help="数据库文件路径，或 postgresql+psycopg://… 地址")
    p.add_argument(
        "--kind",
        required=True,
        choices=tuple(KIND_NAMES),
        help="enrollment 入编通知单 / removal 出编通知单 / hiring 用编核准通知单",
    )
    p.add_argument("--since", type=date_argument, help="起始日期（含），如 2026-03-01")
    p.add_argument("--until", type=date_argument, help="截止日期（含），如 2026-03-31")
    p.add_argument("--limit", type=positive_int, help="最多多少份")
    p.add_argument("--out", required=True, help="输出 PDF 文件")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(handler=cmd_notices)
