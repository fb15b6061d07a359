"""Initialisation mode (初始化录入): the office enters the status quo from its existing documents.

Opening quota and leader-post figures, approved hiring plans not yet filled, current enrollments (and
corrections: ending an enrollment). Each entry cites its document. When the office turns
initialisation off, these are refused: from then on only approved matters change the figures.
"""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.domain.enums import LeaderTier, Rank, RemovalReason, Role
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.services.admin.settings import require_initialisation
from bianzhi_desktop.services.context import Actor, require
from bianzhi_desktop.services.ledger import entries as ledger
from bianzhi_desktop.services.ledger.entries import EnrollmentInput, EnrollmentResult, HiringPlanInput
from bianzhi_desktop.services.org.documents import DocumentRef

EDITORS = (Role.CLERK, Role.ADMIN)


def _guard(uow: UnitOfWork, actor: Actor, what: str) -> None:
    require(actor, *EDITORS, action=what)
    require_initialisation(uow, what)


def _not_future(day: dt.date, field: str) -> None:
    if day > dt.date.today():
        raise ValidationError(field, f"{day.isoformat()} 晚于今天，现状录入只能登记已经发生的事")


def record_quota(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    kind: int | str,
    amount: int,
    effective_on: dt.date,
    document: DocumentRef | str | None,
    reason: str = "初始核定",
) -> int:
    """An opening (or historical) quota figure of one kind, as a ledger entry citing its document."""
    _guard(uow, actor, "录入核定编制")
    _not_future(effective_on, "生效日期")
    return ledger.add_quota_entry(uow, actor, unit_id, kind, amount, effective_on, document, reason)


def record_leader_posts(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    tier: LeaderTier,
    rank: Rank,
    amount: int,
    effective_on: dt.date,
    document: DocumentRef | str | None,
    reason: str = "初始核定",
) -> int:
    _guard(uow, actor, "录入领导职数")
    _not_future(effective_on, "生效日期")
    return ledger.add_leader_post_entry(
        uow, actor, unit_id, tier, rank, amount, effective_on, document, reason
    )


def record_enrollment(uow: UnitOfWork, actor: Actor, data: EnrollmentInput) -> EnrollmentResult:
    _guard(uow, actor, "录入在编人员")
    _not_future(data.start_on, "入编时间")
    return ledger.enroll(uow, actor, data)


def record_removal(
    uow: UnitOfWork,
    actor: Actor,
    enrollment_id: int,
    end_on: dt.date,
    reason: RemovalReason,
    document: DocumentRef | str | None,
) -> QuotaFigures:
    _guard(uow, actor, "登记出编")
    _not_future(end_on, "出编时间")
    return ledger.end_enrollment(uow, actor, enrollment_id, end_on, reason, document)


def record_hiring_plan(uow: UnitOfWork, actor: Actor, data: HiringPlanInput) -> int:
    """An approved plan still open when the office starts using the program (超编 is flagged later)."""
    _guard(uow, actor, "录入用编计划")
    _not_future(data.approved_on, "核准日期")
    return ledger.add_hiring_plan(uow, actor, data, within_vacancy=False)
