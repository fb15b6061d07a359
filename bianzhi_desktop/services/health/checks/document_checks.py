"""Checks on the office's own document numbers (文号): a number recorded ahead of the series.

A number of the office's own prefix that was typed in (an import, an initialisation entry) above the
last one the program has issued in that year is most often a typing error; numbering steps over it so approvals go on
(`org.documents.issue_number`), and the office should look at it.
"""

from __future__ import annotations

from sqlalchemy import select

from bianzhi_desktop.domain.defaults import SettingKey
from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.persistence.models import DocCounter, Document
from bianzhi_desktop.services.health.checks.base import CheckContext, HealthFinding


def doc_number_ahead(ctx: CheckContext) -> list[HealthFinding]:
    prefix = ctx.settings.get(SettingKey.DOC_PREFIX, "").strip()
    if not prefix:
        return []
    issued = {
        year: last
        for year, last in ctx.uow.session.execute(
            select(DocCounter.year, DocCounter.last_seq).where(DocCounter.prefix == prefix)
        )
    }
    findings = []
    rows = list(
        ctx.uow.session.execute(
            select(Document.id, Document.number, Document.year, Document.seq)
            .where(Document.prefix == prefix, Document.seq.is_not(None), Document.year.is_not(None))
            .order_by(Document.year, Document.seq)
        )
    )
    highest: dict[int, int] = {}  # the highest number recorded in each year: the next one is above it
    for _id, _number, year, seq in rows:
        if year is not None and seq is not None:
            highest[year] = max(highest.get(year, 0), seq)
    for document_id, number, year, seq in rows:
        if year is None or seq is None:  # (filtered above; for the type checker)
            continue
        if year not in issued:  # the program has issued nothing in that year: it will start above them
            continue
        last = issued[year]
        if seq <= last:
            continue
        following = max(highest.get(year, 0), last) + 1
        findings.append(
            HealthFinding(
                FindingCode.DOC_NUMBER_AHEAD,
                f"document:{document_id}",
                None,
                "",
                f"文号“{number}”超前于本办{year}年已编发的{last}号；"
                f"如为录入错误请更正，新编文号会跳过它（下一个为{following}号）",
                {"number": number, "issued": last, "ahead_by": seq - last},
                {"document": (document_id,)},
            )
        )
    return findings
