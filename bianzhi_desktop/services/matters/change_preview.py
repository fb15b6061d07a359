"""The figures a matter will change, before → after, for the guided forms (nothing is kept)."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass

from sqlalchemy import select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import LeaderTier
from bianzhi_desktop.domain.quota import LeaderPostFigures, QuotaFigures
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import QuotaKind, Unit
from bianzhi_desktop.services.context import Actor
from bianzhi_desktop.services.ledger import pool as quota_pool
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.matters.apply import apply_content
from bianzhi_desktop.services.org.documents import DocumentRef


@dataclass(frozen=True)
class QuotaChangeLine:
    unit_name: str
    kind_name: str
    as_of: dt.date
    before: QuotaFigures
    after: QuotaFigures
    unit_id: int | None  # None: a unit the matter itself creates


@dataclass(frozen=True)
class LeaderChangeLine:
    unit_name: str
    tier: LeaderTier
    before: LeaderPostFigures
    after: LeaderPostFigures


@dataclass(frozen=True)
class PoolChangeLine:
    kind_name: str
    before: int
    after: int


@dataclass(frozen=True)
class Preview:
    quotas: tuple[QuotaChangeLine, ...]
    leader_posts: tuple[LeaderChangeLine, ...]
    pool: tuple[PoolChangeLine, ...]
    people_in: int
    people_out: int
    warnings: tuple[str, ...]


def _leader(uow: UnitOfWork, unit_id: int, on: dt.date) -> dict[LeaderTier, LeaderPostFigures]:
    return {line.tier: line.figures for line in quota.leader_posts(uow, unit_id, on)}


def preview(uow: UnitOfWork, actor: Actor, content: m.Content, decided_on: dt.date | None = None) -> Preview:
    """Apply in a savepoint, read the figures after, roll back, read them before.

    Refusals surface exactly as on approval (RuleViolation / ValidationError with the figures).
    """
    on = content.effective or decided_on or dt.date.today()
    savepoint = uow.session.begin_nested()
    try:
        applied = apply_content(
            uow, actor, content, DocumentRef(f"（预览{uuid.uuid4().hex[:12]}）"), decided_on or on
        )
        kinds = dict(uow.session.execute(select(QuotaKind.id, QuotaKind.name)).all())
        names = {
            unit_id: uow.session.get(Unit, unit_id).name  # type: ignore[union-attr]
            for unit_id in {p[0] for p in applied.quota_pairs} | applied.leader_units
        }
        after = {pair: quota.figures(uow, pair[0], pair[1], pair[2]) for pair in applied.quota_pairs}
        leader_after = {unit_id: _leader(uow, unit_id, on) for unit_id in applied.leader_units}
        pool_after = {kind: quota_pool.balance(uow, kind, on) for kind in applied.pool_kinds}
    finally:
        savepoint.rollback()
    created = set(applied.created_units)
    quotas = []
    for pair in sorted(after, key=lambda p: (p[2], p[0] in created, p[0], p[1])):
        unit_id, kind_id, day = pair
        before = QuotaFigures() if unit_id in created else quota.figures(uow, unit_id, kind_id, day)
        if before != after[pair]:
            quotas.append(
                QuotaChangeLine(
                    names[unit_id],
                    kinds[kind_id],
                    day,
                    before,
                    after[pair],
                    None if unit_id in created else unit_id,
                )
            )
    leaders = []
    for unit_id in sorted(leader_after):
        before_posts = {} if unit_id in created else _leader(uow, unit_id, on)
        for tier in LeaderTier:
            old = before_posts.get(tier, LeaderPostFigures())
            new = leader_after[unit_id].get(tier, LeaderPostFigures())
            if old != new:
                leaders.append(LeaderChangeLine(names[unit_id], tier, old, new))
    pool = tuple(
        PoolChangeLine(kinds[kind], quota_pool.balance(uow, kind, on), value)
        for kind, value in sorted(pool_after.items())
    )
    return Preview(
        tuple(quotas),
        tuple(leaders),
        pool,
        people_in=len(applied.started),
        people_out=len(applied.ended),
        warnings=tuple(applied.warnings),
    )
