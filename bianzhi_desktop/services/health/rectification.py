"""The rectification ledger (整改台账): each problem the health check finds, tracked to closure.

found (待整改) → rectifying (整改中, with the measures taken) → closed (已销号, citing the document
that closed it). Recording a run: a new problem is entered as found; one found again has its figures
and last-seen day updated; one no longer found stays as it is (marked gone) until it is closed; a
closed problem that had gone and is found again reopens, with a step saying so.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.health import FindingCode, FindingState
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Document, Enrollment, Finding, FindingStep, Person, Unit
from bianzhi_desktop.services.context import Actor, audit, get_or_fail, now, require
from bianzhi_desktop.services.health.checks.base import HealthFinding
from bianzhi_desktop.services.org.documents import DocumentRef, cite

RECORDERS = (Role.CLERK, Role.REVIEWER, Role.APPROVER)
RECTIFIERS = (Role.CLERK,)
CLOSERS = (Role.REVIEWER, Role.APPROVER)


@dataclass(frozen=True)
class RunRecord:
    """What recording one run changed on the ledger."""

    day: dt.date
    new: int
    seen_again: int
    reopened: int
    gone: int


@dataclass(frozen=True)
class LedgerEntry:
    id: int
    code: FindingCode
    subject: str
    unit_id: int | None
    unit_name: str
    message: str
    figures: dict[str, Any]
    records: dict[str, list[int]]
    state: FindingState
    present: bool
    first_seen: dt.date
    last_seen: dt.date
    closed_on: dt.date | None
    document_number: str

    @property
    def person_ids(self) -> list[int]:
        return self.records.get("person", [])


@dataclass(frozen=True)
class StepInfo:
    at: dt.datetime
    username: str
    from_state: FindingState | None
    to_state: FindingState
    note: str
    document_number: str


def _step(
    uow: UnitOfWork,
    actor: Actor,
    row: Finding,
    to_state: FindingState,
    note: str,
    document: Document | None = None,
) -> None:
    from_state = row.state if row.id is not None and row.state else None
    uow.session.add(
        FindingStep(
            finding=row,
            at=now(),
            user_id=actor.user_id,
            username=actor.username,
            from_state=from_state,
            to_state=to_state.value,
            note=note,
            document_id=document.id if document else None,
        )
    )


def record_run(
    uow: UnitOfWork,
    actor: Actor,
    findings: Iterable[HealthFinding],
    as_of: dt.date | None = None,
    *,
    codes: Iterable[FindingCode] | None = None,
) -> RunRecord:
    """Enter one run's findings on the ledger. ``codes``: the checks that ran (all by default), so
    that a partial run marks as gone only problems of the codes it looked for."""
    require(actor, *RECORDERS, action="登记体检结果")
    day = as_of or dt.date.today()
    ran = {code.value for code in (codes if codes is not None else FindingCode)}
    existing = {(row.code, row.subject): row for row in uow.session.scalars(select(Finding))}
    stamp = now()
    new = again = reopened = 0
    seen: set[tuple[str, str]] = set()
    for finding in findings:
        if not finding.code.tracked:
            continue
        key = (finding.code.value, finding.subject)
        seen.add(key)
        values = {
            "unit_id": finding.unit_id,
            "message": finding.message,
            "figures": json.dumps(finding.figures, ensure_ascii=False),
            "records": json.dumps({k: list(v) for k, v in finding.records.items()}),
        }
        row = existing.get(key)
        if row is None:
            row = Finding(
                code=finding.code.value,
                subject=finding.subject,
                state=FindingState.FOUND.value,
                present=True,
                first_seen=day,
                last_seen=day,
                created_at=stamp,
                updated_at=stamp,
                **values,
            )
            uow.session.add(row)
            _step(uow, actor, row, FindingState.FOUND, "体检发现")
            new += 1
            continue
        for field, value in values.items():
            setattr(row, field, value)
        if row.state == FindingState.CLOSED.value and not row.present:
            _step(uow, actor, row, FindingState.FOUND, f"销号后于{day.isoformat()}体检再次发现，重新打开")
            row.state, row.closed_on, row.document_id = FindingState.FOUND.value, None, None
            reopened += 1
        else:
            again += 1
        row.present = True
        row.last_seen = max(row.last_seen, day)
        row.updated_at = stamp
    gone = 0
    for key, row in existing.items():
        if key not in seen and row.code in ran and row.present:
            row.present = False
            row.updated_at = stamp
            gone += 1
    result = RunRecord(day, new, again, reopened, gone)
    audit(
        uow,
        actor,
        "health.record",
        summary=(
            f"体检（{day.isoformat()}）登记整改台账：新发现{new}项，仍存在{again}项，"
            f"重新打开{reopened}项，已消失{gone}项"
        ),
        changes={"new": (None, new), "reopened": (None, reopened), "gone": (None, gone)},
        table_name="finding",
    )
    return result


def start_rectifying(uow: UnitOfWork, actor: Actor, finding_id: int, note: str) -> LedgerEntry:
    """found → rectifying, saying what is being done about it."""
    require(actor, *RECTIFIERS, action="登记整改")
    row = get_or_fail(uow.session, Finding, finding_id, "体检问题")
    if row.state != FindingState.FOUND.value:
        raise RuleViolation(f"该问题当前为“{FindingState(row.state).label}”，只有待整改的问题才能开始整改。")
    note = note.strip()
    if not note:
        raise ValidationError("整改措施", "必须填写，说明如何整改")
    _step(uow, actor, row, FindingState.RECTIFYING, note)
    row.state = FindingState.RECTIFYING.value
    row.updated_at = now()
    audit(
        uow,
        actor,
        "finding.rectify",
        row,
        summary=f"开始整改：{row.message}",
        changes={"state": (FindingState.FOUND.value, row.state)},
    )
    return _entry(uow, row)


def close(
    uow: UnitOfWork,
    actor: Actor,
    finding_id: int,
    document: DocumentRef | str | None,
    note: str = "",
    on: dt.date | None = None,
) -> LedgerEntry:
    """销号: found or rectifying → closed, citing the document that closed it."""
    require(actor, *CLOSERS, action="销号")
    row = get_or_fail(uow.session, Finding, finding_id, "体检问题")
    if row.state == FindingState.CLOSED.value:
        raise RuleViolation(f"该问题已于{row.closed_on}销号。")
    day = on or dt.date.today()
    if day < row.first_seen:
        raise ValidationError("销号日期", f"不能早于首次发现日期{row.first_seen.isoformat()}")
    doc = cite(uow, actor, document, field="销号依据文号")
    old = row.state
    _step(uow, actor, row, FindingState.CLOSED, note.strip() or "销号", doc)
    row.state, row.closed_on, row.document_id = FindingState.CLOSED.value, day, doc.id
    row.updated_at = now()
    audit(
        uow,
        actor,
        "finding.close",
        row,
        summary=f"销号（{doc.number}）：{row.message}",
        changes={"state": (old, row.state), "closed_on": (None, day)},
    )
    return _entry(uow, row)


def list_entries(
    uow: UnitOfWork,
    *,
    states: Iterable[FindingState] | None = None,
    code: FindingCode | None = None,
    unit_id: int | None = None,
) -> list[LedgerEntry]:
    query = (
        select(Finding, Unit.name, Document.number)
        .outerjoin(Unit, Unit.id == Finding.unit_id)
        .outerjoin(Document, Document.id == Finding.document_id)
        .order_by(Finding.id)
    )
    if states is not None:
        query = query.where(Finding.state.in_([state.value for state in states]))
    if code is not None:
        query = query.where(Finding.code == code.value)
    if unit_id is not None:
        query = query.where(Finding.unit_id == unit_id)
    return [_make(row, unit or "", number or "") for row, unit, number in uow.session.execute(query)]


def get_entry(uow: UnitOfWork, finding_id: int) -> LedgerEntry:
    return _entry(uow, get_or_fail(uow.session, Finding, finding_id, "体检问题"))


def steps(uow: UnitOfWork, finding_id: int) -> list[StepInfo]:
    rows = uow.session.execute(
        select(FindingStep, Document.number)
        .outerjoin(Document, Document.id == FindingStep.document_id)
        .where(FindingStep.finding_id == finding_id)
        .order_by(FindingStep.id)
    )
    return [
        StepInfo(
            step.at,
            step.username,
            FindingState(step.from_state) if step.from_state else None,
            FindingState(step.to_state),
            step.note,
            number or "",
        )
        for step, number in rows
    ]


@dataclass(frozen=True)
class PersonRef:
    """A person behind a finding, as the findings page lists them."""

    id: int
    name: str
    id_number: str
    birth_date: dt.date
    unit_name: str


def people_behind(uow: UnitOfWork, person_ids: Iterable[int], limit: int = 500) -> list[PersonRef]:
    """Name, ID number and current (or last) unit of the people behind a finding, at most ``limit``."""
    wanted = sorted(set(person_ids))[:limit]
    if not wanted:
        return []
    latest = (
        select(Enrollment.person_id, func.max(Enrollment.id).label("enrollment_id"))
        .where(Enrollment.person_id.in_(wanted))
        .group_by(Enrollment.person_id)
        .subquery()
    )
    rows = uow.session.execute(
        select(Person.id, Person.name, Person.id_number, Person.birth_date, Unit.name)
        .outerjoin(latest, latest.c.person_id == Person.id)
        .outerjoin(Enrollment, Enrollment.id == latest.c.enrollment_id)
        .outerjoin(Unit, Unit.id == Enrollment.unit_id)
        .where(Person.id.in_(wanted))
        .order_by(Person.id)
    )
    return [PersonRef(pid, name, number, birth, unit or "") for pid, name, number, birth, unit in rows]


def open_count(uow: UnitOfWork, unit_id: int) -> int:
    """Unresolved findings of a unit (found or rectifying): an office setting may block its hiring plans."""
    return (
        uow.session.scalar(
            select(func.count(Finding.id)).where(
                Finding.unit_id == unit_id,
                Finding.state.in_([FindingState.FOUND.value, FindingState.RECTIFYING.value]),
            )
        )
        or 0
    )


def _entry(uow: UnitOfWork, row: Finding) -> LedgerEntry:
    uow.session.flush()
    unit = uow.session.get(Unit, row.unit_id) if row.unit_id is not None else None
    document = uow.session.get(Document, row.document_id) if row.document_id is not None else None
    return _make(row, unit.name if unit else "", document.number if document else "")


def _make(row: Finding, unit_name: str, document_number: str) -> LedgerEntry:
    return LedgerEntry(
        id=row.id,
        code=FindingCode(row.code),
        subject=row.subject,
        unit_id=row.unit_id,
        unit_name=unit_name,
        message=row.message,
        figures=json.loads(row.figures or "{}"),
        records=json.loads(row.records or "{}"),
        state=FindingState(row.state),
        present=row.present,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
        closed_on=row.closed_on,
        document_number=document_number,
    )
