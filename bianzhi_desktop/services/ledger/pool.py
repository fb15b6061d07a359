"""The county quota pool (编制周转池): quota returned by units or granted from above, lent back out.

Only approved matters write here (see matters.apply). The balance of a kind never goes below zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from bianzhi_desktop.domain.errors import RuleViolation
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Document, QuotaKind, QuotaPoolEntry, Unit
from bianzhi_desktop.services.context import Actor
from bianzhi_desktop.services.ledger.entries import write_ledger_row
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.org.documents import DocumentRef, cite


@dataclass(frozen=True)
class PoolLine:
    entry_id: int
    kind_name: str
    effective_on: dt.date
    delta: int
    unit_name: str
    due_on: dt.date | None
    reason: str
    document_number: str


def balance(uow: UnitOfWork, kind_id: int, as_of: dt.date | None = None) -> int:
    day = as_of or dt.date.today()
    total = uow.session.scalar(
        select(func.sum(QuotaPoolEntry.delta)).where(
            QuotaPoolEntry.kind_id == kind_id, QuotaPoolEntry.effective_on <= day
        )
    )
    return int(total or 0)


def balances(uow: UnitOfWork, as_of: dt.date | None = None) -> dict[int, int]:
    """Pool balance per quota kind id (kinds with entries only)."""
    day = as_of or dt.date.today()
    rows = uow.session.execute(
        select(QuotaPoolEntry.kind_id, func.sum(QuotaPoolEntry.delta))
        .where(QuotaPoolEntry.effective_on <= day)
        .group_by(QuotaPoolEntry.kind_id)
    )
    return {kind: int(total or 0) for kind, total in rows}


def add_pool_entry(
    uow: UnitOfWork,
    actor: Actor,
    kind: int | str,
    delta: int,
    effective_on: dt.date,
    document: DocumentRef | str,
    reason: str,
    *,
    unit_id: int | None = None,
    due_on: dt.date | None = None,
) -> int:
    quota_kind = resolve_kind(uow, kind)
    history = list(
        uow.session.execute(
            select(QuotaPoolEntry.effective_on, QuotaPoolEntry.delta).where(
                QuotaPoolEntry.kind_id == quota_kind.id
            )
        )
    )
    total = 0
    for day, amount in sorted([*history, (effective_on, delta)]):
        total += amount
        if total < 0:
            have = balance(uow, quota_kind.id, effective_on)
            raise RuleViolation(
                f"编制周转池的{quota_kind.name}在{day.isoformat()}只有{have}名，不能调出{-delta}名。"
            )
    doc = cite(uow, actor, document)
    entry = QuotaPoolEntry(
        kind_id=quota_kind.id,
        delta=delta,
        effective_on=effective_on,
        unit_id=unit_id,
        due_on=due_on,
        reason=reason,
        document_id=doc.id,
    )
    return write_ledger_row(
        uow,
        actor,
        entry,
        "quota_pool.entry",
        f"编制周转池 {quota_kind.name} {delta:+d}（{doc.number}，{reason}）",
        ("kind_id", "delta", "effective_on", "unit_id", "due_on"),
    )


def pool_entries(uow: UnitOfWork, kind_id: int | None = None) -> list[PoolLine]:
    query = (
        select(
            QuotaPoolEntry.id,
            QuotaKind.name,
            QuotaPoolEntry.effective_on,
            QuotaPoolEntry.delta,
            func.coalesce(Unit.name, ""),
            QuotaPoolEntry.due_on,
            QuotaPoolEntry.reason,
            Document.number,
        )
        .join(QuotaKind, QuotaKind.id == QuotaPoolEntry.kind_id)
        .join(Document, Document.id == QuotaPoolEntry.document_id)
        .outerjoin(Unit, Unit.id == QuotaPoolEntry.unit_id)
        .order_by(QuotaPoolEntry.effective_on, QuotaPoolEntry.id)
    )
    if kind_id is not None:
        query = query.where(QuotaPoolEntry.kind_id == kind_id)
    return [PoolLine(*row) for row in uow.session.execute(query)]
