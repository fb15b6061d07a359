"""Finding matters: one query for the window's inbox and the console's `matters list`.

`WAITING` is what the actor's roles can act on now — their own drafts (and those returned to them) as a
clerk, submitted matters as a reviewer, reviewed matters as the approver, other people's only unless the
office allows its staff to approve their own — oldest first (first come, first served). `ALL` is every
matter, newest first. Filters by state, kind, unit, drafter and text (the title, the document number or
the name of a unit concerned) apply to both. Filtering and sorting in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, exists, or_, select

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.matters import MatterKind, MatterState
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Document, Matter, MatterUnit, Unit
from bianzhi_desktop.services.admin.settings import office_settings
from bianzhi_desktop.services.context import Actor
from bianzhi_desktop.services.matters.queries import MatterRow, matter_row, matter_rows_query

WAITING, ALL = "waiting", "all"


@dataclass(frozen=True)
class MatterQuery:
    scope: str = ALL  # WAITING: what the actor's roles can act on now; ALL: every matter
    states: tuple[MatterState, ...] = ()
    kinds: tuple[MatterKind, ...] = ()
    unit_id: int | None = None  # a unit the matter concerns
    drafter_id: int | None = None
    text: str = ""  # in the title, the document number or the name of a unit concerned
    limit: int | None = 1000


def find_matters(uow: UnitOfWork, actor: Actor, query: MatterQuery = MatterQuery()) -> list[MatterRow]:
    rows = matter_rows_query()
    if query.scope == WAITING:
        waiting = _waiting(uow, actor)
        if waiting is None:
            return []
        rows = rows.where(waiting).order_by(Matter.updated_at, Matter.id)
    else:
        rows = rows.order_by(Matter.updated_at.desc(), Matter.id.desc())
    if query.states:
        rows = rows.where(Matter.state.in_([s.value for s in query.states]))
    if query.kinds:
        rows = rows.where(Matter.kind.in_([k.value for k in query.kinds]))
    if query.unit_id is not None:
        rows = rows.where(
            Matter.id.in_(select(MatterUnit.matter_id).where(MatterUnit.unit_id == query.unit_id))
        )
    if query.drafter_id is not None:
        rows = rows.where(Matter.drafter_id == query.drafter_id)
    text = query.text.strip()
    if text:
        rows = rows.where(
            or_(
                Matter.title.contains(text, autoescape=True),
                Document.number.contains(text, autoescape=True),
                _concerns_unit_named(text),
            )
        )
    if query.limit:
        rows = rows.limit(query.limit)
    return [matter_row(tuple(values)) for values in uow.session.execute(rows)]


def waiting_count(uow: UnitOfWork, actor: Actor) -> int:
    return len(find_matters(uow, actor, MatterQuery(scope=WAITING, limit=None)))


def _waiting(uow: UnitOfWork, actor: Actor) -> ColumnElement[bool] | None:
    """The matters this actor's roles can act on now; None when there are none (no role that acts)."""
    relaxed = office_settings(uow).allow_self_approval
    conditions = []
    if actor.has(Role.CLERK):
        conditions.append((Matter.state == MatterState.DRAFT.value) & (Matter.drafter_id == actor.user_id))
    not_mine = Matter.drafter_id != actor.user_id if not relaxed else Matter.id.is_not(None)
    if actor.has(Role.REVIEWER):
        conditions.append((Matter.state == MatterState.SUBMITTED.value) & not_mine)
    if actor.has(Role.APPROVER):
        conditions.append((Matter.state == MatterState.REVIEWED.value) & not_mine)
    return or_(*conditions) if conditions else None


def _concerns_unit_named(text: str) -> ColumnElement[bool]:
    """A unit the matter concerns has `text` in its name or short name."""
    return exists(
        select(MatterUnit.matter_id)
        .join(Unit, Unit.id == MatterUnit.unit_id)
        .where(
            MatterUnit.matter_id == Matter.id,
            or_(Unit.name.contains(text, autoescape=True), Unit.short_name.contains(text, autoescape=True)),
        )
    )
