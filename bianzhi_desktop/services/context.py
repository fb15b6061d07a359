"""What every service shares: the acting user, role checks, the audit record, lookups."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import NotFound, PermissionDenied
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import AuditRecord, Base

T = TypeVar("T", bound=Base)


@dataclass(frozen=True)
class Actor:
    """The signed-in user on whose behalf a service acts."""

    user_id: int | None
    username: str
    display_name: str
    roles: frozenset[Role]

    def has(self, role: Role) -> bool:
        return role in self.roles or Role.ADMIN in self.roles

    @property
    def roles_label(self) -> str:
        return "、".join(role.label for role in Role if role in self.roles)


# Used by the command line for maintenance tasks run by whoever has the file (like sqlite3 would).
SYSTEM_ACTOR = Actor(user_id=None, username="system", display_name="系统", roles=frozenset({Role.ADMIN}))


def require(actor: Actor, *roles: Role, action: str) -> None:
    """Refuse unless the actor has one of the roles (an administrator may do everything)."""
    if any(actor.has(role) for role in roles):
        return
    needed = "或".join(role.label for role in roles)
    raise PermissionDenied(f"用户“{actor.display_name}”没有“{needed}”角色，不能{action}。")


def now() -> dt.datetime:
    return dt.datetime.now().replace(microsecond=0)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def audit(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    record: Base | None = None,
    *,
    summary: str,
    changes: dict[str, tuple[Any, Any]] | None = None,
    table_name: str | None = None,
    record_id: int | None = None,
) -> None:
    """Append one audit record: who, when, which record, what changed from what to what."""
    if record is not None:
        uow.session.flush()  # the record gets its id, and a ledger or register row its seal
        table_name = record.__tablename__
        record_id = getattr(record, "id", None)
    payload = {key: [_plain(old), _plain(new)] for key, (old, new) in (changes or {}).items()}
    uow.session.add(
        AuditRecord(
            at=now(),
            user_id=actor.user_id,
            username=actor.username,
            action=action,
            table_name=table_name or "",
            record_id=record_id,
            summary=summary,
            changes=json.dumps(payload, ensure_ascii=False),
            row_seal=getattr(record, "seal", None),  # chained with the record (persistence/audit_chain.py)
        )
    )


def created(record: Base, fields: Iterable[str]) -> dict[str, tuple[Any, Any]]:
    return {field: (None, getattr(record, field)) for field in fields}


def apply_changes(record: Base, values: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Set the given attributes and return what actually changed, for the audit record."""
    changes: dict[str, tuple[Any, Any]] = {}
    for field, new in values.items():
        old = getattr(record, field)
        if old != new:
            setattr(record, field, new)
            changes[field] = (old, new)
    return changes


def get_or_fail(session: Session, model: type[T], record_id: int, what: str) -> T:
    record = session.get(model, record_id)
    if record is None:
        raise NotFound(f"找不到{what}（编号 {record_id}），可能已被其他用户删除。")
    return record
