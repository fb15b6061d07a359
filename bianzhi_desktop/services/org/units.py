"""Units (机构) and their nameplates (加挂牌子, 合署办公)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from bianzhi_desktop.domain.credit_code import check_credit_code
from bianzhi_desktop.domain.enums import Funding, NameKind, Rank, Role, UnitCategory, UnitStatus, UnitSystem
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.limits import check_length
from bianzhi_desktop.domain.pinyin import text_initials
from bianzhi_desktop.domain.textnorm import check_plain_text, clean_cell_text
from bianzhi_desktop.domain.units import UnitInput, require_funding
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Enrollment, Unit, UnitName
from bianzhi_desktop.services.admin.settings import require_initialisation
from bianzhi_desktop.services.context import Actor, apply_changes, audit, created, get_or_fail, require
from bianzhi_desktop.services.org.documents import DocumentRef, cite

EDITORS = (Role.CLERK, Role.ADMIN)
# Fields that only a matter may change once initialisation is closed (rename, re-rank, re-classify).
STRUCTURAL_FIELDS = ("name", "short_name", "category", "rank", "system", "funding")


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    short_name: str
    category: UnitCategory
    rank: Rank
    system: UnitSystem
    funding: Funding | None
    supervisor_id: int | None
    credit_code: str | None
    founded_on: dt.date | None
    abolished_on: dt.date | None
    status: UnitStatus
    position: int
    nameplates: tuple[tuple[str, NameKind], ...] = field(default=())
    warnings: tuple[str, ...] = field(default=())

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


def unit_info(unit: Unit, warnings: tuple[str, ...] = ()) -> UnitInfo:
    return UnitInfo(
        id=unit.id,
        name=unit.name,
        short_name=unit.short_name,
        category=UnitCategory(unit.category),
        rank=Rank(unit.rank),
        system=UnitSystem(unit.system),
        funding=Funding(unit.funding) if unit.funding else None,
        supervisor_id=unit.supervisor_id,
        credit_code=unit.credit_code,
        founded_on=unit.founded_on,
        abolished_on=unit.abolished_on,
        status=UnitStatus(unit.status),
        position=unit.position,
        nameplates=tuple((n.name, NameKind(n.kind)) for n in unit.names),
        warnings=warnings,
    )


def unit_values(
    data: UnitInput, uow: UnitOfWork, unit_id: int | None
) -> tuple[dict[str, object], tuple[str, ...]]:
    name = check_length("机构名称", check_plain_text(clean_cell_text(data.name), "机构名称"))
    if not name:
        raise ValidationError("机构名称", "不能为空")
    clash = select(Unit.id).where(Unit.name == name, Unit.status == UnitStatus.ACTIVE.value)
    if unit_id is not None:
        clash = clash.where(Unit.id != unit_id)
    if uow.session.scalar(clash) is not None:
        raise ValidationError("机构名称", f"已有同名的存续机构“{name}”")
    category = UnitCategory(data.category)
    require_funding(category, data.funding)
    if data.supervisor_id is not None:
        if data.supervisor_id == unit_id:
            raise ValidationError("主管部门", "不能是机构自身")
        supervisor = get_or_fail(uow.session, Unit, data.supervisor_id, "主管部门")
        if supervisor.status != UnitStatus.ACTIVE.value:
            raise ValidationError("主管部门", f"“{supervisor.name}”已撤销")
    warnings: tuple[str, ...] = ()
    credit = None
    if data.credit_code and data.credit_code.strip():
        result = check_credit_code(data.credit_code)
        credit = result.code
        warnings = tuple(result.warnings)
    if data.founded_on and data.founded_on > dt.date.today():
        raise ValidationError("成立日期", "不能晚于今天")
    values: dict[str, object] = {
        "name": name,
        "short_name": check_length(
            "规范简称", check_plain_text(clean_cell_text(data.short_name), "机构简称")
        ),
        "category": category.value,
        "rank": Rank(data.rank).value,
        "system": UnitSystem(data.system).value,
        "funding": Funding(data.funding).value if data.funding else None,
        "supervisor_id": data.supervisor_id,
        "credit_code": credit,
        "founded_on": data.founded_on,
        "position": data.position,
        "initials": text_initials(name),
    }
    return values, warnings


def create_unit(uow: UnitOfWork, actor: Actor, data: UnitInput) -> UnitInfo:
    require(actor, *EDITORS, action="新建机构")
    require_initialisation(uow, "新建机构（请办理“设立机构”事项）")
    return write_unit(uow, actor, data)


def write_unit(uow: UnitOfWork, actor: Actor, data: UnitInput) -> UnitInfo:
    """Record operation of `create_unit` (no role or mode check: callers inside services decide)."""
    values, warnings = unit_values(data, uow, None)
    unit = Unit(**values, status=UnitStatus.ACTIVE.value)
    uow.session.add(unit)
    audit(uow, actor, "unit.create", unit, summary=f"新建机构 {unit.name}", changes=created(unit, values))
    return unit_info(unit, warnings)


def update_unit(uow: UnitOfWork, actor: Actor, unit_id: int, data: UnitInput) -> UnitInfo:
    require(actor, *EDITORS, action="修改机构信息")
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    values, warnings = unit_values(data, uow, unit_id)
    structural = [f for f in STRUCTURAL_FIELDS if values[f] != getattr(unit, f)]
    if structural:
        require_initialisation(uow, "更改机构名称、规范简称、类别、规格或经费形式（请办理相应事项）")
    changes = apply_changes(unit, values)
    if changes:
        audit(uow, actor, "unit.update", unit, summary=f"修改机构 {unit.name}", changes=changes)
    return unit_info(unit, warnings)


def abolish_unit(
    uow: UnitOfWork, actor: Actor, unit_id: int, on: dt.date, document: DocumentRef | str
) -> None:
    """Record an abolition in the status quo (initialisation mode only; later a matter does it)."""
    require(actor, *EDITORS, action="撤销机构")
    require_initialisation(uow, "撤销机构（请办理“撤销机构”事项）")
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    if unit.status == UnitStatus.ABOLISHED.value:
        raise RuleViolation(f"机构“{unit.name}”已于{unit.abolished_on}撤销。")
    people = active_enrollment_count(uow, unit_id)
    if people:
        raise RuleViolation(f"机构“{unit.name}”还有{people}名在编人员，须先全部转隶或出编才能撤销。")
    doc = cite(uow, actor, document)
    changes = apply_changes(unit, {"status": UnitStatus.ABOLISHED.value, "abolished_on": on})
    audit(uow, actor, "unit.abolish", unit, summary=f"撤销机构 {unit.name}（{doc.number}）", changes=changes)


def add_name(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    name: str,
    kind: NameKind,
    *,
    since: dt.date | None = None,
    document: DocumentRef | str | None = None,
) -> UnitInfo:
    """Add an extra nameplate or a co-located name."""
    require(actor, *EDITORS, action="添加机构牌子")
    require_initialisation(uow, "加挂牌子（请办理“机构更名、调整规格、加挂牌子”事项）")
    return write_nameplate(uow, actor, unit_id, name, kind, since=since, document=document)


def write_nameplate(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    name: str,
    kind: NameKind,
    *,
    since: dt.date | None = None,
    document: DocumentRef | str | None = None,
) -> UnitInfo:
    """Record operation of `add_name` (no role or mode check: callers inside services decide)."""
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    name = check_plain_text(clean_cell_text(name), "牌子名称")
    if not name:
        raise ValidationError("牌子名称", "不能为空")
    if any(existing.name == name for existing in unit.names) or name == unit.name:
        raise ValidationError("牌子名称", f"机构已有“{name}”这一名称")
    doc = cite(uow, actor, document) if document else None
    plate = UnitName(
        unit_id=unit.id,
        name=name,
        kind=NameKind(kind).value,
        since=since,
        document_id=doc.id if doc else None,
        initials=text_initials(name),
    )
    uow.session.add(plate)
    unit.names.append(plate)
    audit(
        uow,
        actor,
        "unit.add_name",
        plate,
        summary=f"机构 {unit.name} 加挂“{name}”（{NameKind(kind).label}）",
        changes={"name": (None, name), "kind": (None, plate.kind)},
    )
    return unit_info(unit)


def get_unit(uow: UnitOfWork, unit_id: int) -> UnitInfo:
    return unit_info(get_or_fail(uow.session, Unit, unit_id, "机构"))


def list_units(uow: UnitOfWork, *, include_abolished: bool = False) -> list[UnitInfo]:
    query = select(Unit).options(selectinload(Unit.names)).order_by(Unit.category, Unit.position, Unit.id)
    if not include_abolished:
        query = query.where(Unit.status == UnitStatus.ACTIVE.value)
    return [unit_info(unit) for unit in uow.session.scalars(query)]


def find_unit_by_name(uow: UnitOfWork, name: str) -> UnitInfo | None:
    """By full name, short name or a nameplate (existing units first)."""
    text = clean_cell_text(name)
    unit = uow.session.scalar(
        select(Unit).where((Unit.name == text) | (Unit.short_name == text)).order_by(Unit.status, Unit.id)
    )
    if unit is None:
        unit = uow.session.scalar(select(Unit).join(UnitName).where(UnitName.name == text))
    return unit_info(unit) if unit else None


def capped_unit_count(uow: UnitOfWork, categories: frozenset[str]) -> int:
    return (
        uow.session.scalar(
            select(func.count(Unit.id)).where(
                Unit.category.in_(categories), Unit.status == UnitStatus.ACTIVE.value
            )
        )
        or 0
    )


def active_enrollment_count(uow: UnitOfWork, unit_id: int) -> int:
    """How many people are on the unit's quota today (a unit with people cannot be abolished)."""
    return (
        uow.session.scalar(
            select(func.count(Enrollment.id)).where(
                Enrollment.unit_id == unit_id, Enrollment.end_on.is_(None)
            )
        )
        or 0
    )
