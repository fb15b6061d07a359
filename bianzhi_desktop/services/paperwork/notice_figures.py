"""Quota figures of many (unit, kind, day) at once, for a batch of notices.

The arithmetic is that of `services.ledger.quota` (approved = Σ ledger entries in force; enrolled = active
enrollments; reserved = unfilled seats of live hiring plans), done in memory over the ledger rows of
the units concerned, read in four set-based queries: a batch of a thousand notices costs a few queries
instead of several per notice. Each distinct (unit, kind, day) is worked out once.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import accumulate

from sqlalchemy import select

from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.bulk_load import in_chunks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Enrollment, HiringPlan, QuotaEntry

Key = tuple[int, int]  # (unit id, kind id)


@dataclass
class _Plan:
    seats: int
    approved_on: dt.date
    valid_until: dt.date
    cancelled_on: dt.date | None
    used_from: list[dt.date] = field(default_factory=list)  # start days of its enrollments, sorted

    def live_on(self, day: dt.date) -> bool:
        return (
            self.approved_on <= day
            and self.valid_until >= day
            and (self.cancelled_on is None or self.cancelled_on > day)
        )

    def remaining_on(self, day: dt.date) -> int:
        return max(self.seats - bisect_right(self.used_from, day), 0)


@dataclass
class _Ledger:
    """One unit's rows of one kind, sorted by day for counting with bisection."""

    entry_days: list[dt.date] = field(default_factory=list)
    entry_totals: list[int] = field(default_factory=list)  # running sums of the deltas
    starts: list[dt.date] = field(default_factory=list)
    ends: list[dt.date] = field(default_factory=list)
    plans: list[_Plan] = field(default_factory=list)

    def figures(self, day: dt.date) -> QuotaFigures:
        entries = bisect_right(self.entry_days, day)
        approved = self.entry_totals[entries - 1] if entries else 0
        # end_on >= start_on always, so an enrollment ended by the day also started by it
        enrolled = bisect_right(self.starts, day) - bisect_right(self.ends, day)
        reserved = sum(plan.remaining_on(day) for plan in self.plans if plan.live_on(day))
        return QuotaFigures(approved, enrolled, reserved)


class BatchFigures:
    """Figures of the units given, as of any day, from their ledger rows read once."""

    def __init__(self, uow: UnitOfWork, unit_ids: Iterable[int]) -> None:
        self._ledgers: dict[Key, _Ledger] = defaultdict(_Ledger)
        self._cache: dict[tuple[int, int, dt.date], QuotaFigures] = {}
        session = uow.session
        entries: dict[Key, list[tuple[dt.date, int]]] = defaultdict(list)
        plans: dict[int, _Plan] = {}
        for ids in in_chunks(unit_ids):
            for unit, kind, day, delta in session.execute(
                select(
                    QuotaEntry.unit_id, QuotaEntry.kind_id, QuotaEntry.effective_on, QuotaEntry.delta
                ).where(QuotaEntry.unit_id.in_(ids))
            ):
                entries[(unit, kind)].append((day, int(delta)))
            for unit, kind, start, end in session.execute(
                select(Enrollment.unit_id, Enrollment.kind_id, Enrollment.start_on, Enrollment.end_on).where(
                    Enrollment.unit_id.in_(ids)
                )
            ):
                ledger = self._ledgers[(unit, kind)]
                ledger.starts.append(start)
                if end is not None:
                    ledger.ends.append(end)
            for row in session.execute(
                select(
                    HiringPlan.id,
                    HiringPlan.unit_id,
                    HiringPlan.kind_id,
                    HiringPlan.seats,
                    HiringPlan.approved_on,
                    HiringPlan.valid_until,
                    HiringPlan.cancelled_on,
                ).where(HiringPlan.unit_id.in_(ids))
            ):
                plan = plans[row.id] = _Plan(row.seats, row.approved_on, row.valid_until, row.cancelled_on)
                self._ledgers[(row.unit_id, row.kind_id)].plans.append(plan)
        for ids in in_chunks(plans):  # a plan's seats are used by its enrollments, wherever they sit
            for plan_id, start in session.execute(
                select(Enrollment.hiring_plan_id, Enrollment.start_on).where(
                    Enrollment.hiring_plan_id.in_(ids)
                )
            ):
                if plan_id is not None:  # (the IN filter excludes NULL; for the type checker)
                    plans[plan_id].used_from.append(start)
        for plan in plans.values():
            plan.used_from.sort()
        for key, rows in entries.items():
            rows.sort()
            ledger = self._ledgers[key]
            ledger.entry_days = [day for day, _ in rows]
            ledger.entry_totals = list(accumulate(delta for _, delta in rows))
        for ledger in self._ledgers.values():
            ledger.starts.sort()
            ledger.ends.sort()

    def figures(self, unit_id: int, kind_id: int, day: dt.date) -> QuotaFigures:
        key = (unit_id, kind_id, day)
        if key not in self._cache:
            ledger = self._ledgers.get((unit_id, kind_id))
            self._cache[key] = ledger.figures(day) if ledger else QuotaFigures()
        return self._cache[key]
