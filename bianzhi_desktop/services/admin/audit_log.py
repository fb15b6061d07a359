"""Reading the audit log (administrators only)."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from sqlalchemy import select

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import AuditRecord
from bianzhi_desktop.services.context import Actor, require


@dataclass(frozen=True)
class AuditLine:
    id: int
    at: dt.datetime
    username: str
    action: str
    table_name: str
    record_id: int | None
    summary: str
    changes: dict[str, list[object]]


def list_audit(
    uow: UnitOfWork,
    actor: Actor,
    *,
    username: str | None = None,
    text: str | None = None,
    table_name: str | None = None,
    record_id: int | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int = 500,
) -> list[AuditLine]:
    require(actor, Role.ADMIN, action="查看操作日志")
    query = select(AuditRecord).order_by(AuditRecord.id.desc()).limit(limit)
    if username:
        query = query.where(AuditRecord.username == username)
    if text:
        query = query.where(AuditRecord.summary.contains(text))
    if table_name:
        query = query.where(AuditRecord.table_name == table_name)
    if record_id is not None:
        query = query.where(AuditRecord.record_id == record_id)
    if since:
        query = query.where(AuditRecord.at >= dt.datetime.combine(since, dt.time()))
    if until:
        query = query.where(AuditRecord.at < dt.datetime.combine(until + dt.timedelta(days=1), dt.time()))
    return [
        AuditLine(
            r.id, r.at, r.username, r.action, r.table_name, r.record_id, r.summary, json.loads(r.changes)
        )
        for r in uow.session.scalars(query)
    ]
