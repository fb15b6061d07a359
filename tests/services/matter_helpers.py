"""Builders for matter tests: a county with initialisation closed, and a matter carried through its steps."""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services.admin import settings
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.matters import workflow as matters

from ..conftest import County

D = dt.date


def close_initialisation(qh: County) -> None:
    with qh.db.write() as uow:
        settings.set_initialisation(uow, qh.admin, False)
        uow.commit()


def at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10, 0))


def draft(qh: County, content: m.Content, day: dt.date | None = None) -> int:
    with qh.db.write() as uow:
        matter_id = matters.create_draft(uow, qh.clerk, content, at=at(day) if day else None)
        uow.commit()
    return matter_id


def carry(qh: County, content: m.Content, day: dt.date) -> str:
    """Draft, submit, review and approve on `day`; returns the decision's document number."""
    matter_id = draft(qh, content, day)
    with qh.db.write() as uow:
        matters.submit(uow, qh.clerk, matter_id, at=at(day))
        uow.commit()
    with qh.db.write() as uow:
        matters.review(uow, qh.reviewer, matter_id, opinion="同意", at=at(day))
        uow.commit()
    with qh.db.write() as uow:
        number = matters.approve(uow, qh.approver, matter_id, opinion="同意", at=at(day))
        uow.commit()
    return number


def figures(db: Database, unit_id: int, kind: str, day: dt.date) -> tuple[int, int, int, int]:
    """(approved, enrolled, reserved, vacancy) of one unit and kind on a day."""
    with db.read() as uow:
        value: QuotaFigures = quota.figures(uow, unit_id, resolve_kind(uow, kind).id, day)
    return (value.approved, value.enrolled, value.reserved, value.vacancy)
