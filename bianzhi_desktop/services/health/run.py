"""The county health check (体检): every check of DOMAIN.md in one service that returns findings, each
with its code, unit, figures and the records behind it. The checks live in `health.checks`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services.context import Actor, require
from bianzhi_desktop.services.health.checks import (
    audit_checks,
    document_checks,
    id_checks,
    people_checks,
    quota_checks,
    unit_checks,
)
from bianzhi_desktop.services.health.checks.base import CheckContext, HealthFinding

Check = Callable[[CheckContext], list[HealthFinding]]

CHECKS: dict[FindingCode, Check] = {
    FindingCode.OVER_QUOTA: quota_checks.over_quota,
    FindingCode.OVER_LEADER_POSTS: quota_checks.over_leader_posts,
    FindingCode.MULTIPLE_ENROLLMENT: people_checks.multiple_enrollment,
    FindingCode.INVALID_ID: id_checks.invalid_id,
    FindingCode.DUPLICATE_PERSON: people_checks.duplicate_person,
    FindingCode.PAST_RETIREMENT: people_checks.past_retirement,
    FindingCode.RETIRING_SOON: people_checks.retiring_soon,
    FindingCode.EXPIRED_RESERVATION: quota_checks.expired_reservation,
    FindingCode.OVERDUE_REMOVAL: people_checks.overdue_removal,
    FindingCode.OVER_UNIT_CAP: unit_checks.over_unit_cap,
    FindingCode.NO_CHARTER: unit_checks.no_charter,
    FindingCode.ABOLISHED_UNIT_QUOTA: quota_checks.abolished_unit_quota,
    FindingCode.DORMANT_VACANCY: quota_checks.dormant_vacancy,
    FindingCode.DOC_NUMBER_AHEAD: document_checks.doc_number_ahead,
    FindingCode.AUDIT_CHAIN_BROKEN: audit_checks.audit_chain_broken,
}

READERS = (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.ADMIN)


def run_health_check(
    uow: UnitOfWork,
    actor: Actor,
    as_of: dt.date | None = None,
    *,
    codes: Iterable[FindingCode] | None = None,
) -> list[HealthFinding]:
    """Run the checks (all, or only ``codes``) as of a day (today by default). Reads only.

    Findings come in the order of `FindingCode`, then by the county's order of units."""
    require(actor, *READERS, action="运行体检")
    ctx = CheckContext(uow, as_of or dt.date.today())
    wanted = set(codes) if codes is not None else set(CHECKS)
    findings: list[HealthFinding] = []
    for code, check in CHECKS.items():
        if code in wanted:
            findings += check(ctx)
    order = {code: index for index, code in enumerate(FindingCode)}

    def position(finding: HealthFinding) -> tuple[int, int, int, str]:
        unit = ctx.units.get(finding.unit_id) if finding.unit_id is not None else None
        return (order[finding.code], unit.position if unit else -1, finding.unit_id or 0, finding.subject)

    findings.sort(key=position)
    return findings


def counts_by_code(findings: Iterable[HealthFinding]) -> dict[FindingCode, int]:
    """How many findings of each code (every code present, zero where none)."""
    counts = dict.fromkeys(FindingCode, 0)
    for finding in findings:
        counts[finding.code] += 1
    return counts
