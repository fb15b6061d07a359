"""The findings list for export: the rectification ledger's open and closed problems together with
the notices of the latest run, as plain lines for `documents.excel.findings`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from bianzhi_desktop.documents.excel.findings import FindingLine, write_findings
from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services.admin.settings import office_settings
from bianzhi_desktop.services.context import Actor, audit, require
from bianzhi_desktop.services.health.checks.base import HealthFinding
from bianzhi_desktop.services.health.rectification import LedgerEntry, list_entries
from bianzhi_desktop.services.health.run import READERS


def lines(entries: Iterable[LedgerEntry], notices: Iterable[HealthFinding] = ()) -> list[FindingLine]:
    """Ledger entries (in code order, then as entered) followed by the notices not on the ledger."""
    order = {code: index for index, code in enumerate(FindingCode)}
    result = [
        FindingLine(
            entry.code.label,
            entry.code.severity.label,
            entry.unit_name,
            entry.message if entry.present else entry.message + "（最近一次体检已未发现）",
            entry.state.label,
            entry.first_seen,
            entry.last_seen,
            entry.closed_on,
            entry.document_number,
        )
        for entry in sorted(entries, key=lambda e: (order[e.code], e.id))
    ]
    result += [
        FindingLine(
            finding.code.label,
            finding.severity.label,
            finding.unit_name,
            finding.message,
            "",
            None,
            None,
            None,
            "",
        )
        for finding in notices
        if not finding.code.tracked
    ]
    return result


def export_findings(
    uow: UnitOfWork,
    actor: Actor,
    path: Path | str,
    notices: Iterable[HealthFinding] = (),
    *,
    as_of: dt.date | None = None,
) -> Path:
    """Write the rectification ledger (and the given notices) to an .xlsx workbook."""
    require(actor, *READERS, action="导出体检问题清单")
    county = office_settings(uow).county_name
    day = as_of or dt.date.today()
    target = write_findings(
        path,
        lines(list_entries(uow), notices),
        title=f"{county}机构编制体检问题清单",
        subtitle=f"导出日期：{day.year}年{day.month}月{day.day}日",
    )
    audit(uow, actor, "health.export", summary=f"导出体检问题清单 {Path(path).name}", table_name="finding")
    return target
