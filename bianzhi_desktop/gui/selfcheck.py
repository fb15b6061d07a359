"""What `bianzhi --smoke-test` checks beyond opening every page: the parts of the program that a frozen
build (PyInstaller) can lose without any page noticing — reportlab's fonts, QtPdf and the print path,
openpyxl/calamine, the health check's modules, Alembic and its migration scripts.

    run_selfcheck(ctx, folder, strict=True) -> list of lines for the console

1. every kind of paperwork (批复, 用编核准/入编/出编通知单, 机构编制情况表, 实名制公示表) is rendered to PDF,
   opened in the print preview (QtPdf) and printed through Qt's printer into a PDF file;
2. the county's ledger and roster are exported to workbooks and imported into a new, empty county;
3. the health check (体检) runs over the county;
4. a copy of the database is put back to the oldest shipped schema (revision 0001, what the first
   builds wrote) and opened again, which must back it up and migrate it to the current schema with
   every person kept.

Everything is written into `folder` (a temporary folder); the database itself is only read, and steps
2 and 4 work on an online backup of it. A step that fails raises `SelfCheckFailed` with a Chinese
message; with `strict=False` (a database given with --db) a document kind without any record to print
is reported, not failed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.gui.context import AppContext

OLDEST_REVISION = "0001"


class SelfCheckFailed(Exception):
    """A step of the self-check did not give what it must."""


def run_selfcheck(ctx: AppContext, folder: Path, *, strict: bool = True) -> list[str]:
    """Run every step; returns one line per step saying what it did."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [print_documents(ctx, folder / "documents", strict=strict)]
    if ctx.db.is_sqlite:
        copy = ctx.db.backup(folder / "copy.sqlite3")
        lines.append(workbook_round_trip(ctx, copy, folder / "workbooks"))
        lines.append(health_check(ctx))
        lines.append(migrate_old_copy(copy, folder / "old.sqlite3"))
    else:
        lines.append(health_check(ctx))
        lines.append("服务器数据库：跳过 Excel 往返和结构升级检查（只对数据库文件的副本进行）。")
    return lines


# -- 1. paperwork ------------------------------------------------------------------------------------------
def _document_builders(ctx: AppContext, strict: bool) -> list[tuple[str, Callable[[], bytes | None]]]:
    """(name, build) for every kind of paperwork, from the newest record of each kind."""
    from bianzhi_desktop.documents.pdf.decision import render_decision
    from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
    from bianzhi_desktop.documents.pdf.notices import render_notices
    from bianzhi_desktop.documents.pdf.sheets import render_public_roster, render_unit_sheet
    from bianzhi_desktop.gui.app import _busiest_unit
    from bianzhi_desktop.services import paperwork

    unit_id = _busiest_unit(ctx)
    builders: list[tuple[str, Callable[[], bytes | None]]] = []
    with ctx.read() as uow:
        try:
            decision = paperwork.decision(uow, paperwork.latest_decision_document(uow))
        except BianzhiError:
            if strict:
                raise
        else:
            builders.append(("批复", lambda: render_decision(decision)))
        notice_builders = {
            NoticeKind.HIRING: paperwork.hiring_notice,
            NoticeKind.ENROLLMENT: paperwork.enrollment_notice,
            NoticeKind.REMOVAL: paperwork.removal_notice,
        }
        for kind, build in notice_builders.items():
            ids = paperwork.notice_ids(uow, kind)
            if not ids:
                if strict:
                    raise SelfCheckFailed(f"演示数据中没有可打印{kind.label}的记录。")
                continue
            data = [build(uow, ids[-1])]
            builders.append((kind.label, lambda data=data, kind=kind: render_notices(data, title=kind.label)))
        if unit_id is not None:
            sheet = paperwork.unit_sheet(uow, unit_id, dt.date.today())
            roster = paperwork.public_roster(uow, unit_id, dt.date.today())
            builders.append(("机构编制情况表", lambda: render_unit_sheet(sheet)))
            builders.append(("实名制公示表", lambda: render_public_roster(roster)))
        elif strict:
            raise SelfCheckFailed("演示数据中没有在编人员，无法打印情况表和公示表。")
    return builders


def print_documents(ctx: AppContext, folder: Path, *, strict: bool = True) -> str:
    """Render each kind, show it in the print preview, print it through QPrinter into a PDF file."""
    from PySide6.QtPrintSupport import QPrinter

    from bianzhi_desktop.gui.print_preview import PrintPreviewDialog

    folder.mkdir(parents=True, exist_ok=True)
    printed = []
    pages = 0
    for number, (name, build) in enumerate(_document_builders(ctx, strict), start=1):
        pdf = build() or b""
        preview = PrintPreviewDialog(pdf, name)
        try:
            if preview.page_count() < 1:
                raise SelfCheckFailed(f"{name}：打印预览打不开生成的 PDF。")
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            target = folder / f"{number:02d}-{name}.pdf"
            printer.setOutputFileName(str(target))
            sent = preview.render_to(printer)
        finally:
            preview.deleteLater()
        if sent != preview.page_count() or not target.is_file() or target.stat().st_size == 0:
            raise SelfCheckFailed(f"{name}：打印到 PDF 文件失败（{target}）。")
        printed.append(name)
        pages += sent
    return f"文书：{len(printed)} 种已打印为 PDF（共 {pages} 页）：" + "、".join(printed)


# -- 2. workbooks ------------------------------------------------------------------------------------------
def workbook_round_trip(ctx: AppContext, copy: Path, folder: Path) -> str:
    """Export the ledger and the roster of a copy of the county, import both into a new county."""
    from bianzhi_desktop.persistence.database import open_database
    from bianzhi_desktop.services import county, exchange

    folder.mkdir(parents=True, exist_ok=True)
    ledger_file, roster_file = folder / "台账.xlsx", folder / "花名册.xlsx"
    source = open_database(copy)
    try:
        with source.write() as uow:
            exchange.export_ledger(uow, ctx.actor, ledger_file)
            exported = exchange.export_roster(uow, ctx.actor, roster_file)
            uow.commit()
    finally:
        source.close()
    target = open_database(folder / "imported.sqlite3")
    try:
        admin = county.create_county(
            target,
            county_name="自检县",
            office_name="中共自检县委机构编制委员会办公室",
            doc_prefix="自编办发",
            admin_username="selfcheck",
            admin_password="selfcheck-only",
        )
        with target.write() as uow:
            ledger = exchange.preview_ledger(uow, admin, ledger_file)
            if not ledger.ok:
                raise SelfCheckFailed(f"导入台账失败：{ledger.errors[0].text()}")
            exchange.commit_ledger(uow, admin, ledger)
            uow.commit()
        with target.write() as uow:
            roster = exchange.preview_roster(uow, admin, roster_file)
            if roster.errors or not roster.register_rows:
                first = roster.errors[0].text() if roster.errors else "没有可导入的人员"
                raise SelfCheckFailed(f"导入花名册失败：{first}")
            result = exchange.commit_roster(uow, admin, roster)
            uow.commit()
    finally:
        target.close()
    if result.persons != exported:
        raise SelfCheckFailed(f"花名册导出 {exported} 人，导入后只有 {result.persons} 人。")
    return f"Excel：台账和花名册已导出并导入新建的县（{len(ledger.new_units)} 个机构，{result.persons} 人）。"


# -- 3. health check ---------------------------------------------------------------------------------------
def health_check(ctx: AppContext) -> str:
    from bianzhi_desktop.services.health import counts_by_code, run_health_check

    with ctx.read() as uow:
        findings = run_health_check(uow, ctx.actor)
    kinds = counts_by_code(findings)
    return f"体检：{len(findings)} 个问题，{len(kinds)} 类。"


# -- 4. upgrading a database of an older release --------------------------------------------------------
def migrate_old_copy(copy: Path, old: Path) -> str:
    """Put a copy back to the oldest shipped schema, then open it as the program does on start."""
    import shutil

    from alembic import command
    from sqlalchemy import create_engine, text

    from bianzhi_desktop.persistence import migrate
    from bianzhi_desktop.persistence.database import open_database, sqlite_url

    shutil.copyfile(copy, old)
    engine = create_engine(sqlite_url(old))
    try:
        command.downgrade(migrate.alembic_config(engine), OLDEST_REVISION)
        if migrate.current_revision(engine) != OLDEST_REVISION:
            raise SelfCheckFailed(f"无法把副本退回到结构版本 {OLDEST_REVISION}。")
        with engine.connect() as conn:
            persons = conn.execute(text("SELECT count(*) FROM person")).scalar_one()
    finally:
        engine.dispose()
    database = open_database(old)
    try:
        revision = migrate.current_revision(database.engine)
        with database.read() as uow:
            after = uow.session.execute(text("SELECT count(*) FROM person")).scalar_one()
    finally:
        database.close()
    backups = list(old.parent.glob(f"{old.stem}.before-{OLDEST_REVISION}-*{old.suffix}.bak"))
    if revision != migrate.head_revision():
        raise SelfCheckFailed(f"升级后结构版本为 {revision}，应为 {migrate.head_revision()}。")
    if not backups:
        raise SelfCheckFailed("升级旧数据库前没有留下备份。")
    if after != persons:
        raise SelfCheckFailed(f"升级前有 {persons} 人，升级后只有 {after} 人。")
    return (
        f"升级：结构版本 {OLDEST_REVISION} 的数据库已备份（{backups[0].name}）"
        f"并升级到 {revision}，{after} 人无一丢失。"
    )
