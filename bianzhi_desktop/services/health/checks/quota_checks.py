"""Checks on the quota and leader-post ledgers: 超编, 超职数, expired reservations, quota of abolished
units, long-unused vacancies (沉睡编制). Set-based: one grouped query per figure, details only for the
few unit/kind pairs that are flagged."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from sqlalchemy import func, select

from bianzhi_desktop.domain.defaults import SettingKey
from bianzhi_desktop.domain.enums import LeaderTier
from bianzhi_desktop.domain.health import FindingCode, months_between
from bianzhi_desktop.domain.quota import LeaderPostFigures, QuotaFigures
from bianzhi_desktop.domain.retirement import add_months
from bianzhi_desktop.persistence.models import Document, Enrollment, HiringPlan, LeaderPostEntry, QuotaEntry
from bianzhi_desktop.services.health.checks.base import CheckContext, HealthFinding, ids
from bianzhi_desktop.services.ledger.quota import enrollment_active_on, plan_live_on


def _behind(ctx: CheckContext, unit_id: int, kind_id: int) -> dict[str, tuple[int, ...]]:
    """The ledger entries, people and live plans behind one unit's figures of one kind."""
    session, day = ctx.session, ctx.day
    entries = session.scalars(
        select(QuotaEntry.id).where(
            QuotaEntry.unit_id == unit_id, QuotaEntry.kind_id == kind_id, QuotaEntry.effective_on <= day
        )
    )
    people = session.execute(
        select(Enrollment.person_id, Enrollment.id).where(
            Enrollment.unit_id == unit_id, Enrollment.kind_id == kind_id, enrollment_active_on(day)
        )
    ).all()
    plans = session.scalars(
        select(HiringPlan.id).where(
            HiringPlan.unit_id == unit_id, HiringPlan.kind_id == kind_id, plan_live_on(day)
        )
    )
    return {
        "quota_entry": ids(entries),
        "person": ids(row[0] for row in people),
        "enrollment": ids(row[1] for row in people),
        "plan": ids(plans),
    }


def _figures(figures: QuotaFigures) -> dict[str, int | str]:
    return {
        "approved": figures.approved,
        "enrolled": figures.enrolled,
        "reserved": figures.reserved,
        "vacancy": figures.vacancy,
    }


def over_quota(ctx: CheckContext) -> list[HealthFinding]:
    findings = []
    for (unit_id, kind_id), figures in ctx.figures.items():
        if figures.vacancy >= 0:
            continue
        unit, kind = ctx.unit_name(unit_id), ctx.kinds[kind_id]
        findings.append(
            HealthFinding(
                FindingCode.OVER_QUOTA,
                f"unit:{unit_id}/kind:{kind_id}",
                unit_id,
                unit,
                f"{unit}{kind}超编{figures.over_quota}名（核定{figures.approved}，在编{figures.enrolled}，"
                f"已核准未入编{figures.reserved}）",
                {**_figures(figures), "kind": kind, "over": figures.over_quota},
                _behind(ctx, unit_id, kind_id),
            )
        )
    return findings


def over_leader_posts(ctx: CheckContext) -> list[HealthFinding]:
    session, day = ctx.session, ctx.day
    approved = {
        (unit, tier): int(total or 0)
        for unit, tier, total in session.execute(
            select(LeaderPostEntry.unit_id, LeaderPostEntry.tier, func.sum(LeaderPostEntry.delta))
            .where(LeaderPostEntry.effective_on <= day)
            .group_by(LeaderPostEntry.unit_id, LeaderPostEntry.tier)
        )
    }
    filled = {
        (unit, tier): int(count)
        for unit, tier, count in session.execute(
            select(Enrollment.unit_id, Enrollment.leader_tier, func.count())
            .where(
                Enrollment.leader_tier.is_not(None),
                Enrollment.counts_against_posts.is_(True),
                enrollment_active_on(day),
            )
            .group_by(Enrollment.unit_id, Enrollment.leader_tier)
        )
    }
    findings = []
    for (unit_id, tier_code), holders in filled.items():
        if tier_code is None:  # (filtered by the query; for the type checker)
            continue
        posts = LeaderPostFigures(approved.get((unit_id, tier_code), 0), holders)
        if not posts.over:
            continue
        tier = LeaderTier(tier_code)
        people = session.execute(
            select(Enrollment.person_id, Enrollment.id).where(
                Enrollment.unit_id == unit_id,
                Enrollment.leader_tier == tier_code,
                Enrollment.counts_against_posts.is_(True),
                enrollment_active_on(day),
            )
        ).all()
        entries = session.scalars(
            select(LeaderPostEntry.id).where(
                LeaderPostEntry.unit_id == unit_id,
                LeaderPostEntry.tier == tier_code,
                LeaderPostEntry.effective_on <= day,
            )
        )
        unit = ctx.unit_name(unit_id)
        findings.append(
            HealthFinding(
                FindingCode.OVER_LEADER_POSTS,
                f"unit:{unit_id}/tier:{tier_code}",
                unit_id,
                unit,
                f"{unit}{tier.label}核定{posts.approved}名，实配{posts.filled}名，超职数{posts.over}名",
                {"tier": tier.label, "approved": posts.approved, "filled": posts.filled, "over": posts.over},
                {
                    "person": ids(row[0] for row in people),
                    "enrollment": ids(row[1] for row in people),
                    "leader_post_entry": ids(entries),
                },
            )
        )
    return findings


def expired_reservation(ctx: CheckContext) -> list[HealthFinding]:
    """Hiring plans past their validity with seats never used and never cancelled (to be written off)."""
    session, day = ctx.session, ctx.day
    used = (
        select(Enrollment.hiring_plan_id.label("plan_id"), func.count().label("used"))
        .where(Enrollment.hiring_plan_id.is_not(None))
        .group_by(Enrollment.hiring_plan_id)
        .subquery()
    )
    used_count = func.coalesce(used.c.used, 0)
    rows = session.execute(
        select(
            HiringPlan.id,
            HiringPlan.unit_id,
            HiringPlan.kind_id,
            HiringPlan.seats,
            used_count,
            HiringPlan.valid_until,
            Document.number,
        )
        .join(Document, Document.id == HiringPlan.document_id)
        .outerjoin(used, used.c.plan_id == HiringPlan.id)
        .where(
            HiringPlan.valid_until < day,
            HiringPlan.cancelled_on.is_(None) | (HiringPlan.cancelled_on > HiringPlan.valid_until),
            HiringPlan.seats > used_count,
        )
    ).all()
    findings = []
    for plan_id, unit_id, kind_id, seats, count, valid_until, number in rows:
        unit, kind = ctx.unit_name(unit_id), ctx.kinds[kind_id]
        left = seats - count
        people = session.scalars(select(Enrollment.person_id).where(Enrollment.hiring_plan_id == plan_id))
        findings.append(
            HealthFinding(
                FindingCode.EXPIRED_RESERVATION,
                f"plan:{plan_id}",
                unit_id,
                unit,
                f"{unit}用编计划（{number}，{kind}）{seats}名，已于{valid_until.isoformat()}到期，"
                f"尚有{left}名未使用，应予核销",
                {
                    "kind": kind,
                    "seats": seats,
                    "used": count,
                    "remaining": left,
                    "valid_until": valid_until.isoformat(),
                    "document": number,
                },
                {"plan": (plan_id,), "person": ids(people)},
            )
        )
    return findings


def abolished_unit_quota(ctx: CheckContext) -> list[HealthFinding]:
    findings = []
    for (unit_id, kind_id), figures in ctx.figures.items():
        row = ctx.units[unit_id]
        if ctx.unit_active(unit_id) or row.abolished_on is None or row.abolished_on > ctx.day:
            continue
        if figures.approved <= 0 and figures.enrolled <= 0:
            continue
        unit, kind = row.name, ctx.kinds[kind_id]
        left = f"{kind}核定{figures.approved}名未收回" if figures.approved > 0 else ""
        if figures.enrolled > 0:
            left += ("，" if left else "") + f"仍有{figures.enrolled}名在编"
        findings.append(
            HealthFinding(
                FindingCode.ABOLISHED_UNIT_QUOTA,
                f"unit:{unit_id}/kind:{kind_id}",
                unit_id,
                unit,
                f"{unit}已于{row.abolished_on.isoformat()}撤销，{left}",
                {**_figures(figures), "kind": kind, "abolished_on": row.abolished_on.isoformat()},
                _behind(ctx, unit_id, kind_id),
            )
        )
    return findings


def _last_movement(ctx: CheckContext) -> dict[tuple[int, int], dt.date]:
    """The latest day anything moved a unit's seats of one kind: a person in or out, a plan, a ledger
    entry. The vacancy has stood unused at least since then.

    Only pairs with ledger entries in force are looked at (a vacancy needs approved seats); for each, the
    latest enrollment start and end are single index seeks rather than a pass over every enrollment."""
    session, day = ctx.session, ctx.day
    latest: dict[tuple[int, int], dt.date] = {}

    def note(key: tuple[int, int], *days: dt.date | None) -> None:
        for value in days:
            if value is not None and (key not in latest or value > latest[key]):
                latest[key] = value

    same_pair = (Enrollment.unit_id == QuotaEntry.unit_id, Enrollment.kind_id == QuotaEntry.kind_id)
    started = select(func.max(Enrollment.start_on)).where(*same_pair, Enrollment.start_on <= day)
    # end_on >= start_on always: an enrollment that ended by the day had started by it
    ended = select(func.max(Enrollment.end_on)).where(*same_pair, Enrollment.end_on <= day)
    for unit, kind, effective_on, start, end in session.execute(
        select(
            QuotaEntry.unit_id,
            QuotaEntry.kind_id,
            func.max(QuotaEntry.effective_on),
            started.scalar_subquery(),
            ended.scalar_subquery(),
        )
        .where(QuotaEntry.effective_on <= day)
        .group_by(QuotaEntry.unit_id, QuotaEntry.kind_id)
    ):
        note((unit, kind), effective_on, start, end)
    for unit, kind, approved_on in session.execute(
        select(HiringPlan.unit_id, HiringPlan.kind_id, func.max(HiringPlan.approved_on))
        .where(HiringPlan.approved_on <= day)
        .group_by(HiringPlan.unit_id, HiringPlan.kind_id)
    ):
        note((unit, kind), approved_on)
    return latest


def dormant_vacancy(ctx: CheckContext) -> list[HealthFinding]:
    """Vacancies nobody has used for the office's number of months (沉睡编制)."""
    months = ctx.setting_int(SettingKey.DORMANT_VACANCY_MONTHS)
    if months <= 0:
        return []
    threshold = add_months(ctx.day, -months)
    candidates = {
        key: figures
        for key, figures in ctx.figures.items()
        if figures.vacancy > 0 and ctx.unit_active(key[0])
    }
    if not candidates:
        return []
    latest = _last_movement(ctx)
    entries: dict[tuple[int, int], list[int]] = defaultdict(list)
    for entry_id, unit_id, kind_id in ctx.session.execute(
        select(QuotaEntry.id, QuotaEntry.unit_id, QuotaEntry.kind_id)
        .where(QuotaEntry.effective_on <= ctx.day)
        .order_by(QuotaEntry.id)
    ):
        entries[(unit_id, kind_id)].append(entry_id)
    findings = []
    for (unit_id, kind_id), figures in candidates.items():
        since = latest.get((unit_id, kind_id))
        if since is None or since > threshold:
            continue
        unit, kind = ctx.unit_name(unit_id), ctx.kinds[kind_id]
        idle = months_between(since, ctx.day)
        findings.append(
            HealthFinding(
                FindingCode.DORMANT_VACANCY,
                f"unit:{unit_id}/kind:{kind_id}",
                unit_id,
                unit,
                f"{unit}{kind}空编{figures.vacancy}名，自{since.isoformat()}以来{idle}个月无人员进出或用编计划",
                {**_figures(figures), "kind": kind, "since": since.isoformat(), "months": idle},
                {"quota_entry": tuple(entries.get((unit_id, kind_id), ()))},
            )
        )
    return findings
