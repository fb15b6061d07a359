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
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import select

from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
from bianzhi_desktop.domain.docnumber import format_doc_number
from bianzhi_desktop.domain.notices import notice_prefix
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.bulk_load import in_chunks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Enrollment, FrozenNotice, HiringPlan
from bianzhi_desktop.services.admin.settings import office_settings
from bianzhi_desktop.services.context import now
from bianzhi_desktop.services.ledger import quota
from bianzhi_desktop.services.org.documents import next_in_series
from bianzhi_desktop.services.paperwork.frozen import encode
from bianzhi_desktop.services.paperwork.papers import notices_from_records


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
    lines: Sequence[tuple[str, int]],
    figures_before: Mapping[tuple[int, int, dt.date], QuotaFigures],
) -> list[FrozenNotice]:
    """Number and store the notices of what an approval just applied (inside its transaction).

    `lines` are the lines with a notice in the order applied, and `figures_before` the figures of each
    unit, kind and day just before the first of them (both kept by the matter's applier): each notice
    shows its own line's before → after, walking forward from there. What else the approval changed
    in the same unit (a quota withdrawn after the people left, say) is not on these notices."""
    records = _lines(uow, lines)
    if not records:
        return []
    prefix_of = {kind: notice_prefix(office_settings(uow).doc_prefix, kind.value) for kind in NoticeKind}
    built = {
        kind: notices_from_records(uow, kind, [line.source_id for line in records if line.kind is kind])
        for kind in NoticeKind
    }
    running = dict(figures_before)
    stamp = now()
    frozen = []
    for line in records:
        key = (line.unit_id, line.kind_id, line.day)
        before = running.get(key) or quota.figures(uow, line.unit_id, line.kind_id, line.day)
        after = before + line.effect
        running[key] = after
        serial = format_doc_number(
            prefix_of[line.kind], decided_on.year, next_in_series(uow, prefix_of[line.kind], decided_on.year)
        )
        live = built[line.kind][line.source_id]
        header = dataclasses.replace(live.header, serial=serial, before=before, after=after)
        record = FrozenNotice(
            kind=line.kind.value,
            source_id=line.source_id,
            matter_id=matter_id,
            serial=serial,
            content=encode(dataclasses.replace(live, header=header)),
            frozen_at=stamp,
        )
        uow.session.add(record)
        frozen.append(record)
    uow.flush()
    return frozen


def _lines(uow: UnitOfWork, lines: Sequence[tuple[str, int]]) -> list[_Line]:
    plans = {p.id: p for p in _load(uow, HiringPlan, [i for k, i in lines if k == "hiring"])}
    enrollments = {e.id: e for e in _load(uow, Enrollment, [i for k, i in lines if k != "hiring"])}
    records = []
    for kind, source_id in lines:
        if kind == "hiring":
            plan = plans[source_id]
            effect = QuotaFigures(0, 0, plan.seats)
            records.append(
                _Line(NoticeKind.HIRING, plan.id, plan.unit_id, plan.kind_id, plan.approved_on, effect)
            )
        elif kind == "removal":
            e = enrollments[source_id]
            assert e.end_on is not None  # (just ended by the approval)
            records.append(
                _Line(NoticeKind.REMOVAL, e.id, e.unit_id, e.kind_id, e.end_on, QuotaFigures(0, -1, 0))
            )
        else:
            e = enrollments[source_id]
            effect = QuotaFigures(0, 1, -1 if e.hiring_plan_id else 0)  # a plan's seat is filled
            records.append(_Line(NoticeKind.ENROLLMENT, e.id, e.unit_id, e.kind_id, e.start_on, effect))
    return records


def _load(uow: UnitOfWork, model: type[Any], ids: Iterable[int]) -> list[Any]:
    return [
        row
        for chunk in in_chunks(ids)
        for row in uow.session.scalars(select(model).where(model.id.in_(chunk)))
    ]
