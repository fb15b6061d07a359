"""Notices frozen at approval: each notice of an approved matter gets its own serial number in its
kind's series and its own before/after figures, worked out once inside the approval's transaction and
stored (`FrozenNotice`). Printing reads what was stored, so a reprint — after later matters of the same
day, or a removal — is the same notice.

Notices of matters approved before this was in place have no stored copy; they are built from the
records when printed, as before.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select

from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
from bianzhi_desktop.domain.docnumber import format_doc_number
from bianzhi_desktop.domain.notices import notice_prefix, running_figures
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.bulk_load import in_chunks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Enrollment, FrozenNotice, HiringPlan
from bianzhi_desktop.services.admin.settings import office_settings
from bianzhi_desktop.services.context import now
from bianzhi_desktop.services.ledger import quota
from bianzhi_desktop.services.org.documents import next_in_series
from bianzhi_desktop.services.paperwork.frozen import encode
from bianzhi_desktop.services.paperwork.papers import notice_from_records


@dataclasses.dataclass(frozen=True)
class _Line:
    kind: NoticeKind
    source_id: int
    unit_id: int
    kind_id: int
    day: dt.date
    effect: QuotaFigures


def freeze_notices(
    uow: UnitOfWork,
    matter_id: int,
    decided_on: dt.date,
    *,
    plan_ids: Sequence[int],
    ended: Sequence[int],
    started: Sequence[int],
) -> list[FrozenNotice]:
    """Number and store the notices of what an approval just applied (inside its transaction)."""
    lines = _lines(uow, plan_ids, ended, started)
    if not lines:
        return []
    frozen_figures = _figures_per_line(uow, lines)
    prefix_of = {kind: notice_prefix(office_settings(uow).doc_prefix, kind.value) for kind in NoticeKind}
    stamp = now()
    frozen = []
    for line, (before, after) in zip(lines, frozen_figures, strict=True):
        serial = format_doc_number(
            prefix_of[line.kind], decided_on.year, next_in_series(uow, prefix_of[line.kind], decided_on.year)
        )
        live = notice_from_records(uow, line.kind, line.source_id)
        header = dataclasses.replace(live.header, serial=serial, before=before, after=after)
        notice = dataclasses.replace(live, header=header)
        record = FrozenNotice(
            kind=line.kind.value,
            source_id=line.source_id,
            matter_id=matter_id,
            serial=serial,
            content=encode(notice),
            frozen_at=stamp,
        )
        uow.session.add(record)
        frozen.append(record)
    uow.flush()
    return frozen


def _lines(
    uow: UnitOfWork, plan_ids: Sequence[int], ended: Sequence[int], started: Sequence[int]
) -> list[_Line]:
    plans = {p.id: p for p in _load(uow, HiringPlan, plan_ids)}
    enrollments = {e.id: e for e in _load(uow, Enrollment, [*ended, *started])}
    lines = [
        _Line(
            NoticeKind.HIRING,
            p,
            plans[p].unit_id,
            plans[p].kind_id,
            plans[p].approved_on,
            QuotaFigures(0, 0, plans[p].seats),
        )
        for p in plan_ids
    ]
    for enrollment_id in ended:
        e = enrollments[enrollment_id]
        assert e.end_on is not None  # (just ended by the approval)
        lines.append(_Line(NoticeKind.REMOVAL, e.id, e.unit_id, e.kind_id, e.end_on, QuotaFigures(0, -1, 0)))
    for enrollment_id in started:
        e = enrollments[enrollment_id]
        effect = QuotaFigures(0, 1, -1 if e.hiring_plan_id else 0)  # a plan's seat is filled
        lines.append(_Line(NoticeKind.ENROLLMENT, e.id, e.unit_id, e.kind_id, e.start_on, effect))
    return lines


def _figures_per_line(uow: UnitOfWork, lines: list[_Line]) -> list[tuple[QuotaFigures, QuotaFigures]]:
    """Each line's own before/after: the figures after the whole approval, walked back line by line in
    each unit, kind and day (the order the lines were applied)."""
    groups: dict[tuple[int, int, dt.date], list[int]] = {}
    for index, line in enumerate(lines):
        groups.setdefault((line.unit_id, line.kind_id, line.day), []).append(index)
    result: list[tuple[QuotaFigures, QuotaFigures]] = [(QuotaFigures(), QuotaFigures())] * len(lines)
    for (unit_id, kind_id, day), indexes in groups.items():
        after_all = quota.figures(uow, unit_id, kind_id, day)
        for index, pair in zip(
            indexes, running_figures(after_all, [lines[i].effect for i in indexes]), strict=True
        ):
            result[index] = pair
    return result


def _load(uow: UnitOfWork, model: type[Any], ids: Iterable[int]) -> list[Any]:
    return [
        row
        for chunk in in_chunks(ids)
        for row in uow.session.scalars(select(model).where(model.id.in_(chunk)))
    ]
