"""Reading matters for the inbox, the matter's page and the paperwork: plain frozen dataclasses."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select
from sqlalchemy.orm import aliased

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.matters import MatterKind, MatterState, StepAction
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Document, Matter, MatterStep, MatterUnit, Unit, User
from bianzhi_desktop.services.context import get_or_fail


@dataclass(frozen=True)
class MatterRow:
    id: int
    kind: MatterKind
    state: MatterState
    title: str
    unit_id: int | None
    unit_name: str
    effective_on: dt.date | None
    drafter: str
    document_number: str
    decided_on: dt.date | None
    self_approval: bool
    updated_at: dt.datetime


@dataclass(frozen=True)
class StepRow:
    action: StepAction
    from_state: MatterState | None
    to_state: MatterState
    user: str
    at: dt.datetime
    opinion: str


@dataclass(frozen=True)
class MatterDetail:
    row: MatterRow
    content: m.Content
    steps: tuple[StepRow, ...]
    units: tuple[tuple[int, str], ...]  # every unit the matter concerns
    document_title: str
    issuer: str


def matter_rows_query() -> Select:
    drafter = aliased(User)
    return (
        select(
            Matter.id,
            Matter.kind,
            Matter.state,
            Matter.title,
            Matter.unit_id,
            func.coalesce(Unit.name, ""),
            Matter.effective_on,
            drafter.display_name,
            func.coalesce(Document.number, ""),
            Matter.decided_on,
            Matter.self_approval,
            Matter.updated_at,
        )
        .join(drafter, drafter.id == Matter.drafter_id)
        .outerjoin(Unit, Unit.id == Matter.unit_id)
        .outerjoin(Document, Document.id == Matter.document_id)
    )


def matter_row(values: tuple) -> MatterRow:
    (
        matter_id,
        kind,
        state,
        title,
        unit_id,
        unit_name,
        effective,
        drafter,
        number,
        decided,
        relaxed,
        updated,
    ) = values
    return MatterRow(
        matter_id,
        MatterKind(kind),
        MatterState(state),
        title,
        unit_id,
        unit_name,
        effective,
        drafter,
        number,
        decided,
        relaxed,
        updated,
    )


def counts_by_state(uow: UnitOfWork) -> dict[MatterState, int]:
    rows = uow.session.execute(select(Matter.state, func.count()).group_by(Matter.state))
    return {MatterState(state): count for state, count in rows}


def matter_detail(uow: UnitOfWork, matter_id: int) -> MatterDetail:
    get_or_fail(uow.session, Matter, matter_id, "机构编制事项")
    row = matter_row(tuple(uow.session.execute(matter_rows_query().where(Matter.id == matter_id)).one()))
    matter = uow.session.get(Matter, matter_id)
    assert matter is not None
    steps = tuple(
        StepRow(
            StepAction(action),
            MatterState(before) if before else None,
            MatterState(after),
            name,
            at,
            opinion,
        )
        for action, before, after, name, at, opinion in uow.session.execute(
            select(
                MatterStep.action,
                MatterStep.from_state,
                MatterStep.to_state,
                User.display_name,
                MatterStep.at,
                MatterStep.opinion,
            )
            .join(User, User.id == MatterStep.user_id)
            .where(MatterStep.matter_id == matter_id)
            .order_by(MatterStep.id)
        )
    )
    unit_rows = tuple(
        (unit_id, name)
        for unit_id, name in uow.session.execute(
            select(Unit.id, Unit.name)
            .join(MatterUnit, MatterUnit.unit_id == Unit.id)
            .where(MatterUnit.matter_id == matter_id)
            .order_by(Unit.id)
        )
    )
    document = uow.session.get(Document, matter.document_id) if matter.document_id else None
    return MatterDetail(
        row=row,
        content=m.content_from_json(matter.kind, matter.content),
        steps=steps,
        units=unit_rows,
        document_title=document.title if document else "",
        issuer=document.issuer if document else "",
    )
