"""The tamper-evident record (审计记录防篡改): the audit chain and the seals of ledger and register rows
recomputed (persistence/audit_chain.py). A record edited or deleted behind the program's back breaks
the chain at the first record that no longer follows; a ledger row changed by plain SQL no longer
matches its seal."""

from __future__ import annotations

from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.persistence.audit_chain import verify_chain, verify_seals
from bianzhi_desktop.services.health.checks.base import CheckContext, HealthFinding

_TABLES = {
    "quota_entry": "编制台账",
    "leader_post_entry": "领导职数台账",
    "hiring_plan": "用编计划",
    "enrollment": "在编记录",
}


def audit_chain_broken(ctx: CheckContext) -> list[HealthFinding]:
    connection = ctx.session.connection()
    findings = []
    broken, checked = verify_chain(connection)
    if broken is not None and broken.audit_id is not None:
        at = broken.at
        findings.append(
            HealthFinding(
                FindingCode.AUDIT_CHAIN_BROKEN,
                "audit_log",
                None,
                "",
                f"第{broken.audit_id}号审计记录（{at}，{broken.action}）与记录链不符：它或它之前的记录"
                "在本程序之外被改动或删除，此前的记录核对无误",
                {"audit_id": broken.audit_id, "at": at, "action": broken.action, "checked": checked},
                {"audit_log": (broken.audit_id,)},
            )
        )
    elif broken is not None:
        findings.append(
            HealthFinding(
                FindingCode.AUDIT_CHAIN_BROKEN,
                "audit_log",
                None,
                "",
                "审计记录链的末尾与记录不符：最后的审计记录可能在本程序之外被删除",
                {"checked": checked},
                {},
            )
        )
    for sealed in verify_seals(connection):
        label = _TABLES.get(sealed.table, sealed.table)
        shown = "、".join(str(row_id) for row_id in sealed.row_ids[:5])
        findings.append(
            HealthFinding(
                FindingCode.AUDIT_CHAIN_BROKEN,
                f"seal:{sealed.table}",
                None,
                "",
                f"{label}第{shown}号等{len(sealed.row_ids)}行的内容与写入时的校验值不符："
                "这些记录在本程序之外被改动",
                {"rows": len(sealed.row_ids)},
                {sealed.table: sealed.row_ids},
            )
        )
    return findings
