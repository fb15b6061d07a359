"""Quota kinds (编制类型): a configurable list seeded with the usual kinds."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from bianzhi_desktop.domain.defaults import DEFAULT_QUOTA_KINDS
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.textnorm import clean_cell_text
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import QuotaKind
from bianzhi_desktop.services.context import Actor, audit, require


@dataclass(frozen=True)
class KindInfo:
    id: int
    code: str
    name: str
    parent_id: int | None
    active: bool


def _info(kind: QuotaKind) -> KindInfo:
    return KindInfo(kind.id, kind.code, kind.name, kind.parent_id, kind.active)


def seed_defaults(uow: UnitOfWork) -> None:
    """Insert the usual kinds into an empty list (done once when a county is created)."""
    if uow.session.scalar(select(func.count(QuotaKind.id))):
        return
    by_code: dict[str, QuotaKind] = {}
    for position, seed in enumerate(DEFAULT_QUOTA_KINDS, start=1):
        kind = QuotaKind(
            code=seed.code,
            name=seed.name,
            position=position,
            active=True,
            parent_id=by_code[seed.parent].id if seed.parent else None,
        )
        uow.session.add(kind)
        uow.flush()
        by_code[seed.code] = kind


def list_kinds(uow: UnitOfWork, *, include_inactive: bool = False) -> list[KindInfo]:
    query = select(QuotaKind).order_by(QuotaKind.position, QuotaKind.id)
    if not include_inactive:
        query = query.where(QuotaKind.active.is_(True))
    return [_info(kind) for kind in uow.session.scalars(query)]


def resolve_kind(uow: UnitOfWork, kind: int | str) -> QuotaKind:
    """A kind by id, code or Chinese name; an unknown or retired kind is refused."""
    if isinstance(kind, int):
        found = uow.session.get(QuotaKind, kind)
    else:
        text = clean_cell_text(kind)
        found = uow.session.scalar(
            select(QuotaKind).where((QuotaKind.code == text) | (QuotaKind.name == text))
        )
    if found is None:
        names = "、".join(k.name for k in list_kinds(uow))
        raise ValidationError("编制类型", f"没有“{kind}”这一编制类型（可选：{names}）")
    if not found.active:
        raise ValidationError("编制类型", f"“{found.name}”已停用")
    return found


def add_kind(uow: UnitOfWork, actor: Actor, code: str, name: str, parent: str | None = None) -> KindInfo:
    require(actor, Role.ADMIN, action="添加编制类型")
    code, name = code.strip(), clean_cell_text(name)
    if not code or not name:
        raise ValidationError("编制类型", "代码和名称都不能为空")
    if uow.session.scalar(select(QuotaKind.id).where((QuotaKind.code == code) | (QuotaKind.name == name))):
        raise ValidationError("编制类型", f"“{name}”或代码“{code}”已存在")
    position = (uow.session.scalar(select(func.max(QuotaKind.position))) or 0) + 1
    kind = QuotaKind(
        code=code,
        name=name,
        position=position,
        active=True,
        parent_id=resolve_kind(uow, parent).id if parent else None,
    )
    uow.session.add(kind)
    audit(
        uow,
        actor,
        "quota_kind.add",
        kind,
        summary=f"添加编制类型 {name}",
        changes={"code": (None, code), "name": (None, name)},
    )
    return _info(kind)
