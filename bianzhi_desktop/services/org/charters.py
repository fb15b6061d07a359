"""Charters (三定规定), versioned: each version cites its document and supersedes the previous one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from bianzhi_desktop.domain.enums import Role, UnitStatus
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Charter, CharterDuty, Document, Unit
from bianzhi_desktop.services.admin.settings import require_initialisation
from bianzhi_desktop.services.context import Actor, audit, get_or_fail, require
from bianzhi_desktop.services.org.documents import DocumentRef, cite

EDITORS = (Role.CLERK, Role.ADMIN)


@dataclass(frozen=True)
class CharterInfo:
    id: int
    unit_id: int
    version: int
    document_number: str
    document_title: str
    effective_on: dt.date
    summary: str
    duties: tuple[str, ...]
    superseded_on: dt.date | None


def issue_charter(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    *,
    document: DocumentRef | str | None,
    effective_on: dt.date,
    duties: list[str],
    summary: str = "",
) -> CharterInfo:
    """Record a new version of a unit's charter; it supersedes the version in force."""
    require(actor, *EDITORS, action="登记三定规定")
    require_initialisation(uow, "登记三定规定（请办理“印发或修订三定规定”事项）")
    return write_charter(
        uow, actor, unit_id, document=document, effective_on=effective_on, duties=duties, summary=summary
    )


def write_charter(
    uow: UnitOfWork,
    actor: Actor,
    unit_id: int,
    *,
    document: DocumentRef | str | None,
    effective_on: dt.date,
    duties: list[str],
    summary: str = "",
) -> CharterInfo:
    """Record operation of `issue_charter` (no role or mode check: callers inside services decide)."""
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    if unit.status != UnitStatus.ACTIVE.value:
        raise RuleViolation(f"机构“{unit.name}”已撤销，不能再登记三定规定。")
    if document is None or (isinstance(document, str) and not document.strip()):
        raise ValidationError("三定规定文号", "必须填写印发该三定规定的文件文号")
    items = [text.strip() for text in duties if text and text.strip()]
    if not items:
        raise ValidationError("主要职责", "至少填写一项职责")
    latest = uow.session.scalar(
        select(Charter).where(Charter.unit_id == unit_id).order_by(Charter.version.desc()).limit(1)
    )
    if latest is not None and effective_on < latest.effective_on:
        raise ValidationError(
            "施行日期", f"不能早于现行第{latest.version}版的施行日期 {latest.effective_on.isoformat()}"
        )
    doc = cite(uow, actor, document, field="三定规定文号")
    charter = Charter(
        unit_id=unit_id,
        version=(latest.version + 1) if latest else 1,
        document_id=doc.id,
        effective_on=effective_on,
        supersedes_id=latest.id if latest else None,
        summary=summary.strip(),
    )
    uow.session.add(charter)
    uow.flush()
    for position, text in enumerate(items, start=1):
        uow.session.add(CharterDuty(charter_id=charter.id, position=position, text=text))
    audit(
        uow,
        actor,
        "charter.issue",
        charter,
        summary=f"{unit.name} 三定规定第{charter.version}版（{doc.number}），{len(items)}项职责",
        changes={
            "version": (latest.version if latest else None, charter.version),
            "document": (None, doc.number),
            "effective_on": (None, effective_on),
        },
    )
    uow.session.expire(charter, ["duties"])
    return _info(uow, charter, None)


def _info(uow: UnitOfWork, charter: Charter, superseded_on: dt.date | None) -> CharterInfo:
    document = uow.session.get(Document, charter.document_id)
    assert document is not None
    return CharterInfo(
        id=charter.id,
        unit_id=charter.unit_id,
        version=charter.version,
        document_number=document.number,
        document_title=document.title,
        effective_on=charter.effective_on,
        summary=charter.summary,
        duties=tuple(duty.text for duty in charter.duties),
        superseded_on=superseded_on,
    )


def charter_versions(uow: UnitOfWork, unit_id: int) -> list[CharterInfo]:
    """Every version, newest first, each with the date the next one superseded it."""
    charters = list(
        uow.session.scalars(
            select(Charter).where(Charter.unit_id == unit_id).order_by(Charter.version.desc())
        )
    )
    result = []
    next_start: dt.date | None = None
    for charter in charters:
        result.append(_info(uow, charter, next_start))
        next_start = charter.effective_on
    return result


def charter_in_force(uow: UnitOfWork, unit_id: int, as_of: dt.date | None = None) -> CharterInfo | None:
    day = as_of or dt.date.today()
    for version in charter_versions(uow, unit_id):
        if version.effective_on <= day:
            return version
    return None
