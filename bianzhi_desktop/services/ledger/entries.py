"""Changes to the ledgers and the register, with every invariant checked before anything is written.

These are the building blocks; who may call them when is decided above them: the initialisation
services (status quo entry) now, approved matters later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, select

from bianzhi_desktop.domain.enums import HiringMethod, LeaderTier, Rank, RemovalReason
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import (
    Enrollment,
    HiringPlan,
    LeaderPostEntry,
    QuotaEntry,
    QuotaPoolEntry,
    User,
)
from bianzhi_desktop.services.context import Actor, audit, created, get_or_fail, now
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.batch import (
    EnrollmentInput,
    EnrollmentResult,
    Enrollments,
    Removals,
    live_unit,
)
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.org.documents import DocumentRef, cite

LedgerRow = QuotaEntry | LeaderPostEntry | HiringPlan | QuotaPoolEntry  # rows that name their author


def _running_totals_stay_non_negative(amounts: list[tuple[dt.date, int]], field: str, subject: str) -> None:
    total = 0
    for day, delta in sorted(amounts):
        total += delta
        if total < 0:
            raise RuleViolation(f"{field}：{subject}在{day.isoformat()}将变为{total}，核定数不能为负数。")


def _check_change(
    uow: UnitOfWork,
    entries: Select,
    change: tuple[dt.date, int],
    reason: str,
    field: str,
    subject: str,
) -> None:
    """A ledger change is a non-zero whole number with a reason, and keeps every running total ≥ 0.
    `entries` selects the (effective_on, delta) pairs already in the same ledger."""
    delta = change[1]
    if not isinstance(delta, int) or isinstance(delta, bool) or delta == 0:
        raise ValidationError(field, "必须是不为零的整数（增加为正，核减为负）")
    if not reason.strip():
        raise ValidationError("事由", "不能为空")
    history = [(day, amount) for day, amount in uow.session.execute(entries)]
    _running_totals_stay_non_negative([*history, change], field, subject)


def add_quota_entry(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    kind: int | str,
    delta: int,
    effective_on: dt.date,
    document: DocumentRef | str | None,
    reason: str,
) -> int:
    """Add one ledger entry (signed change of 核定). The approved figure may never go below zero."""
    unit = live_unit(uow, unit_id, "核定编制")
    quota_kind = resolve_kind(uow, kind)
    same_ledger = select(QuotaEntry.effective_on, QuotaEntry.delta).where(
        QuotaEntry.unit_id == unit_id, QuotaEntry.kind_id == quota_kind.id
    )
    _check_change(
        uow, same_ledger, (effective_on, delta), reason, "编制数", f"{unit.name}的{quota_kind.name}"
    )
    doc = cite(uow, actor, document)
    entry = QuotaEntry(
        unit_id=unit_id,
        kind_id=quota_kind.id,
        delta=delta,
        effective_on=effective_on,
        reason=reason.strip(),
        document_id=doc.id,
    )
    return write_ledger_row(
        uow,
        actor,
        entry,
        "quota.entry",
        f"{unit.name} {quota_kind.name} {delta:+d}（{doc.number}，{reason.strip()}）",
        ("unit_id", "kind_id", "delta", "effective_on", "reason"),
    )


def add_leader_post_entry(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    tier: LeaderTier,
    rank: Rank,
    delta: int,
    effective_on: dt.date,
    document: DocumentRef | str | None,
    reason: str,
) -> int:
    unit = live_unit(uow, unit_id, "核定领导职数")
    tier, rank = LeaderTier(tier), Rank(rank)
    same_ledger = select(LeaderPostEntry.effective_on, LeaderPostEntry.delta).where(
        LeaderPostEntry.unit_id == unit_id, LeaderPostEntry.tier == tier.value
    )
    _check_change(uow, same_ledger, (effective_on, delta), reason, "领导职数", f"{unit.name}的{tier.label}")
    doc = cite(uow, actor, document)
    entry = LeaderPostEntry(
        unit_id=unit_id,
        tier=tier.value,
        rank=rank.value,
        delta=delta,
        effective_on=effective_on,
        reason=reason.strip(),
        document_id=doc.id,
    )
    return write_ledger_row(
        uow,
        actor,
        entry,
        "leader_posts.entry",
        f"{unit.name} {tier.label}（{rank.label}）{delta:+d}（{doc.number}）",
        ("unit_id", "tier", "rank", "delta", "effective_on"),
    )


def enroll(uow: UnitOfWork, actor: Actor, data: EnrollmentInput) -> EnrollmentResult:
    """入编: put a person on one quota.

    One active enrollment per person; past 超编 is flagged, not blocked. Many at once: Enrollments.
    """
    batch = Enrollments(uow, actor)
    batch.add(data)
    return batch.finish()[0]


def end_enrollment(
    uow: UnitOfWork,
    actor: Actor,
    enrollment_id: int,
    end_on: dt.date,
    reason: RemovalReason,
    document: DocumentRef | str | None,
) -> QuotaFigures:
    """出编: the quota is free from the end date. Many at once: Removals."""
    enrollment = get_or_fail(uow.session, Enrollment, enrollment_id, "在编记录")
    batch = Removals(uow, actor, document)
    batch.end(enrollment, end_on, reason)
    batch.finish()
    return quota.figures(uow, enrollment.unit_id, enrollment.kind_id, end_on)


@dataclass(frozen=True)
class HiringPlanInput:
    unit_id: int
    kind: int | str
    seats: int
    method: HiringMethod
    approved_on: dt.date
    valid_until: dt.date
    document: DocumentRef | str | None


def add_hiring_plan(uow: UnitOfWork, actor: Actor, data: HiringPlanInput, *, within_vacancy: bool) -> int:
    """Book seats for a hiring plan. A new plan must fit the vacancy of that exact kind."""
    unit = live_unit(uow, data.unit_id, "核准用编计划")
    kind = resolve_kind(uow, data.kind)
    if not isinstance(data.seats, int) or data.seats <= 0:
        raise ValidationError("计划名额", "必须是正整数")
    if data.valid_until < data.approved_on:
        raise ValidationError("有效期", f"截止日期{data.valid_until}早于核准日期{data.approved_on}")
    before = quota.figures(uow, unit.id, kind.id, data.approved_on)
    if within_vacancy and data.seats > before.vacancy:
        raise RuleViolation(
            f"{unit.name}的{kind.name}空编不足：核定{before.approved}，在编{before.enrolled}，"
            f"已核准未入编{before.reserved}，空编{before.vacancy}，不能核准{data.seats}名用编计划。"
        )
    doc = cite(uow, actor, data.document, field="用编核准文号")
    plan = HiringPlan(
        unit_id=unit.id,
        kind_id=kind.id,
        seats=data.seats,
        method=HiringMethod(data.method).value,
        approved_on=data.approved_on,
        valid_until=data.valid_until,
        document_id=doc.id,
    )
    return write_ledger_row(
        uow,
        actor,
        plan,
        "hiring_plan.add",
        f"{unit.name} {kind.name} 用编计划{data.seats}名（{doc.number}）",
        ("unit_id", "kind_id", "seats", "approved_on", "valid_until"),
    )


def write_ledger_row(
    uow: UnitOfWork, actor: Actor, row: LedgerRow, action: str, summary: str, fields: tuple[str, ...]
) -> int:
    """Write a ledger row (its document already cited) with who made it and when, and audit it; its id."""
    row.created_by = actor.user_id or _system_user(uow)
    row.created_at = now()
    uow.session.add(row)
    audit(uow, actor, action, row, summary=summary, changes=created(row, fields))
    return row.id


def _system_user(uow: UnitOfWork) -> int:
    """Ledger rows name a user; console maintenance runs as the first administrator."""
    user_id = uow.session.scalar(select(User.id).order_by(User.id).limit(1))
    if user_id is None:
        raise RuleViolation("数据库中还没有用户，请先创建管理员。")
    return user_id
