"""Internal divisions (内设机构) of a unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from bianzhi_desktop.domain.enums import DivisionStatus, Role, UnitStatus
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.limits import check_length
from bianzhi_desktop.domain.textnorm import check_plain_text, clean_cell_text
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Division, Enrollment, Unit
from bianzhi_desktop.services.admin.settings import require_initialisation
from bianzhi_desktop.services.context import Actor, apply_changes, audit, created, get_or_fail, require

EDITORS = (Role.CLERK, Role.ADMIN)


@dataclass(frozen=True)
class DivisionInfo:
    id: int
    unit_id: int
    name: str
    duties: str
    position: int
    status: DivisionStatus
    founded_on: dt.date | None
    abolished_on: dt.date | None


def _info(division: Division) -> DivisionInfo:
    return DivisionInfo(
        division.id,
        division.unit_id,
        division.name,
        division.duties,
        division.position,
        DivisionStatus(division.status),
        division.founded_on,
        division.abolished_on,
    )


def _check_name(uow: UnitOfWork, unit_id: int, name: str, division_id: int | None) -> str:
    name = check_length("内设机构名称", check_plain_text(clean_cell_text(name), "内设机构名称"))
    if not name:
        raise ValidationError("内设机构名称", "不能为空")
    clash = select(Division.id).where(
        Division.unit_id == unit_id, Division.name == name, Division.status == DivisionStatus.ACTIVE.value
    )
    if division_id is not None:
        clash = clash.where(Division.id != division_id)
    if uow.session.scalar(clash) is not None:
        raise ValidationError("内设机构名称", f"本单位已有“{name}”")
    return name


def add_division(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    name: str,
    *,
    duties: str = "",
    position: int | None = None,
    founded_on: dt.date | None = None,
) -> DivisionInfo:
    require(actor, *EDITORS, action="添加内设机构")
    require_initialisation(uow, "增设内设机构（请办理“内设机构调整”事项）")
    return write_division(uow, actor, unit_id, name, duties=duties, position=position, founded_on=founded_on)


def write_division(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    name: str,
    *,
    duties: str = "",
    position: int | None = None,
    founded_on: dt.date | None = None,
) -> DivisionInfo:
    """Record operation of `add_division` (no role or mode check: callers inside services decide)."""
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    if unit.status != UnitStatus.ACTIVE.value:
        raise RuleViolation(f"机构“{unit.name}”已撤销，不能添加内设机构。")
    name = _check_name(uow, unit_id, name, None)
    if position is None:
        position = len(list_divisions(uow, unit_id)) + 1
    division = Division(
        unit_id=unit_id,
        name=name,
        duties=duties.strip(),
        position=position,
        status=DivisionStatus.ACTIVE.value,
        founded_on=founded_on,
    )
    uow.session.add(division)
    audit(
        uow,
        actor,
        "division.add",
        division,
        summary=f"{unit.name} 设内设机构 {name}",
        changes=created(division, ("name", "duties", "position")),
    )
    return _info(division)


def update_division(
    uow: UnitOfWork, actor: Actor, division_id: int, *, name: str, duties: str, position: int
) -> DivisionInfo:
    require(actor, *EDITORS, action="修改内设机构")
    current = get_or_fail(uow.session, Division, division_id, "内设机构")
    if clean_cell_text(name) != current.name:
        require_initialisation(uow, "更改内设机构名称（请办理“内设机构调整”事项）")
    return write_division_change(uow, actor, division_id, name=name, duties=duties, position=position)


def write_division_change(
    uow: UnitOfWork, actor: Actor, division_id: int, *, name: str, duties: str, position: int
) -> DivisionInfo:
    """Record operation of `update_division` (no role or mode check: callers inside services decide)."""
    division = get_or_fail(uow.session, Division, division_id, "内设机构")
    values = {
        "name": _check_name(uow, division.unit_id, name, division_id),
        "duties": duties.strip(),
        "position": position,
    }
    changes = apply_changes(division, values)
    if changes:
        audit(
            uow, actor, "division.update", division, summary=f"修改内设机构 {division.name}", changes=changes
        )
    return _info(division)


def abolish_division(uow: UnitOfWork, actor: Actor, division_id: int, on: dt.date) -> None:
    require(actor, *EDITORS, action="撤销内设机构")
    require_initialisation(uow, "撤销内设机构（请办理“内设机构调整”事项）")
    return write_division_abolition(uow, actor, division_id, on)


def write_division_abolition(uow: UnitOfWork, actor: Actor, division_id: int, on: dt.date) -> None:
    """Record operation of `abolish_division` (no role or mode check: callers inside services decide)."""
    division = get_or_fail(uow.session, Division, division_id, "内设机构")
    if division.status == DivisionStatus.ABOLISHED.value:
        raise RuleViolation(f"内设机构“{division.name}”已撤销。")
    people = uow.session.scalar(
        select(Enrollment.id)
        .where(Enrollment.division_id == division_id, Enrollment.end_on.is_(None))
        .limit(1)
    )
    if people is not None:
        raise RuleViolation(f"内设机构“{division.name}”仍有在编人员，请先调整其所在科室。")
    changes = apply_changes(division, {"status": DivisionStatus.ABOLISHED.value, "abolished_on": on})
    audit(uow, actor, "division.abolish", division, summary=f"撤销内设机构 {division.name}", changes=changes)


def list_divisions(uow: UnitOfWork, unit_id: int, *, include_abolished: bool = False) -> list[DivisionInfo]:
    query = select(Division).where(Division.unit_id == unit_id).order_by(Division.position, Division.id)
    if not include_abolished:
        query = query.where(Division.status == DivisionStatus.ACTIVE.value)
    return [_info(d) for d in uow.session.scalars(query)]
