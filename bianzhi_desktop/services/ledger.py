"""Changes to the ledgers and the register, with every invariant checked before anything is written.

These are the building blocks; who may call them when is decided above them: the initialisation
services (status quo entry) now, approved matters later.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from ..domain.enums import HiringMethod, LeaderTier, Rank, RemovalReason, UnitStatus
from ..domain.errors import RuleViolation, ValidationError
from ..domain.quota import QuotaFigures
from ..persistence.database import UnitOfWork
from ..persistence.models import (
    Division,
    Enrollment,
    HiringPlan,
    LeaderPostEntry,
    Person,
    QuotaEntry,
    Unit,
    User,
)
from . import quota
from .context import Actor, audit, created, get_or_fail, now
from .documents import DocumentRef, cite
from .quota_kinds import resolve_kind


def _live_unit(uow: UnitOfWork, unit_id: int, what: str) -> Unit:
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    if unit.status != UnitStatus.ACTIVE.value:
        raise RuleViolation(f"机构“{unit.name}”已于{unit.abolished_on}撤销，不能{what}。")
    return unit


def _running_totals_stay_non_negative(amounts: list[tuple[dt.date, int]], field: str, subject: str) -> None:
    total = 0
    for day, delta in sorted(amounts):
        total += delta
        if total < 0:
            raise RuleViolation(f"{field}：{subject}在{day.isoformat()}将变为{total}，核定数不能为负数。")


def _check_change(
    uow: UnitOfWork,
    entries: Select,  # type: ignore[type-arg]
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
    unit = _live_unit(uow, unit_id, "核定编制")
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
        created_by=actor.user_id or _system_user(uow),
        created_at=now(),
    )
    uow.session.add(entry)
    audit(
        uow,
        actor,
        "quota.entry",
        entry,
        summary=f"{unit.name} {quota_kind.name} {delta:+d}（{doc.number}，{reason.strip()}）",
        changes=created(entry, ("unit_id", "kind_id", "delta", "effective_on", "reason")),
    )
    return entry.id


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
    unit = _live_unit(uow, unit_id, "核定领导职数")
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
        created_by=actor.user_id or _system_user(uow),
        created_at=now(),
    )
    uow.session.add(entry)
    audit(
        uow,
        actor,
        "leader_posts.entry",
        entry,
        summary=f"{unit.name} {tier.label}（{rank.label}）{delta:+d}（{doc.number}）",
        changes=created(entry, ("unit_id", "tier", "rank", "delta", "effective_on")),
    )
    return entry.id


@dataclass(frozen=True)
class EnrollmentInput:
    person_id: int
    unit_id: int
    kind: int | str
    start_on: dt.date
    document: DocumentRef | str | None
    division_id: int | None = None
    post_title: str = ""
    leader_tier: LeaderTier | None = None
    leader_rank: Rank | None = None
    counts_against_posts: bool = True
    hiring_plan_id: int | None = None


@dataclass(frozen=True)
class EnrollmentResult:
    enrollment_id: int
    figures_after: QuotaFigures
    warnings: tuple[str, ...]


def enrol(uow: UnitOfWork, actor: Actor, data: EnrollmentInput) -> EnrollmentResult:
    """入编: put a person on one quota.

    One active enrollment per person; past 超编 is flagged, not blocked.
    """
    unit = _live_unit(uow, data.unit_id, "入编")
    person = get_or_fail(uow.session, Person, data.person_id, "人员")
    kind = resolve_kind(uow, data.kind)
    current = uow.session.scalar(
        select(Enrollment).where(Enrollment.person_id == person.id, Enrollment.end_on.is_(None))
    )
    if current is not None:
        holder = uow.session.get(Unit, current.unit_id)
        raise RuleViolation(
            f"{person.name}（{person.id_number}）已在“{holder.name if holder else ''}”在编，"
            "同一人不能同时占用两个编制（一人多编）。请先办理出编或调动。"
        )
    last_end = uow.session.scalar(
        select(func.max(Enrollment.end_on)).where(Enrollment.person_id == person.id)
    )
    if last_end is not None and data.start_on < last_end:
        raise ValidationError(
            "入编时间",
            f"{person.name}此前的在编记录到{last_end.isoformat()}才结束，"
            f"新的入编时间{data.start_on.isoformat()}不能早于该日期（同一时段不能占用两个编制）",
        )
    if data.start_on < person.birth_date + dt.timedelta(days=16 * 365):
        raise ValidationError("入编时间", f"{data.start_on.isoformat()} 时{person.name}未满16周岁")
    if data.division_id is not None:
        division = get_or_fail(uow.session, Division, data.division_id, "内设机构")
        if division.unit_id != unit.id:
            raise ValidationError("内设机构", f"“{division.name}”不是“{unit.name}”的内设机构")
    if (data.leader_tier is None) != (data.leader_rank is None):
        raise ValidationError("领导职务", "担任领导职务时须同时填写层级和职级")
    if data.hiring_plan_id is not None:
        _check_plan_seat(uow, data, unit, kind.id)
    doc = cite(uow, actor, data.document, field="入编文号")
    enrollment = Enrollment(
        person_id=person.id,
        unit_id=unit.id,
        division_id=data.division_id,
        kind_id=kind.id,
        post_title=data.post_title.strip(),
        leader_tier=LeaderTier(data.leader_tier).value if data.leader_tier else None,
        leader_rank=Rank(data.leader_rank).value if data.leader_rank else None,
        counts_against_posts=data.counts_against_posts,
        hiring_plan_id=data.hiring_plan_id,
        start_on=data.start_on,
        start_document_id=doc.id,
    )
    uow.session.add(enrollment)
    uow.flush()
    after = quota.figures(uow, unit.id, kind.id, data.start_on)
    warnings = []
    if after.vacancy < 0:
        warnings.append(
            f"{unit.name}的{kind.name}入编后超编{after.over_quota}名（核定{after.approved}，"
            f"在编{after.enrolled}，已核准未入编{after.reserved}），将列入体检问题。"
        )
    audit(
        uow,
        actor,
        "enrollment.start",
        enrollment,
        summary=f"{person.name} 入编 {unit.name}（{kind.name}，{doc.number}）",
        changes=created(
            enrollment, ("person_id", "unit_id", "kind_id", "division_id", "start_on", "leader_tier")
        ),
    )
    return EnrollmentResult(enrollment.id, after, tuple(warnings))


def _check_plan_seat(uow: UnitOfWork, data: EnrollmentInput, unit: Unit, kind_id: int) -> None:
    plan = get_or_fail(uow.session, HiringPlan, data.hiring_plan_id or 0, "用编计划")
    if plan.unit_id != unit.id or plan.kind_id != kind_id:
        raise ValidationError("用编计划", "计划的单位或编制类型与本次入编不一致")
    if not (plan.approved_on <= data.start_on <= plan.valid_until) or (
        plan.cancelled_on is not None and plan.cancelled_on <= data.start_on
    ):
        raise RuleViolation(
            f"用编计划有效期为{plan.approved_on}至{plan.valid_until}，"
            f"{data.start_on}不在有效期内（或计划已撤销）。"
        )
    used = len(list(uow.session.scalars(select(Enrollment.id).where(Enrollment.hiring_plan_id == plan.id))))
    if used >= plan.seats:
        raise RuleViolation(f"用编计划的{plan.seats}个名额已全部使用。")


def end_enrollment(
    uow: UnitOfWork,
    actor: Actor,
    enrollment_id: int,
    end_on: dt.date,
    reason: RemovalReason,
    document: DocumentRef | str | None,
) -> QuotaFigures:
    """出编: the quota is free from the end date."""
    enrollment = get_or_fail(uow.session, Enrollment, enrollment_id, "在编记录")
    person = uow.session.get(Person, enrollment.person_id)
    assert person is not None
    if enrollment.end_on is not None:
        raise RuleViolation(f"{person.name}已于{enrollment.end_on}出编。")
    if end_on < enrollment.start_on:
        raise ValidationError("出编时间", f"不能早于入编时间{enrollment.start_on.isoformat()}")
    doc = cite(uow, actor, document, field="出编文号")
    enrollment.end_on = end_on
    enrollment.end_reason = RemovalReason(reason).value
    enrollment.end_document_id = doc.id
    uow.flush()
    audit(
        uow,
        actor,
        "enrollment.end",
        enrollment,
        summary=f"{person.name} 出编（{RemovalReason(reason).label}，{doc.number}）",
        changes={"end_on": (None, end_on), "end_reason": (None, enrollment.end_reason)},
    )
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
    unit = _live_unit(uow, data.unit_id, "核准用编计划")
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
        created_by=actor.user_id or _system_user(uow),
        created_at=now(),
    )
    uow.session.add(plan)
    audit(
        uow,
        actor,
        "hiring_plan.add",
        plan,
        summary=f"{unit.name} {kind.name} 用编计划{data.seats}名（{doc.number}）",
        changes=created(plan, ("unit_id", "kind_id", "seats", "approved_on", "valid_until")),
    )
    return plan.id


def _system_user(uow: UnitOfWork) -> int:
    """Ledger rows name a user; console maintenance runs as the first administrator."""
    user_id = uow.session.scalar(select(User.id).order_by(User.id).limit(1))
    if user_id is None:
        raise RuleViolation("数据库中还没有用户，请先创建管理员。")
    return user_id
