"""Registering many people at once (status quo entry, roster import, the demo county).

Every row is validated first — ID number, duplicates inside the batch and against the register,
unit, division and kind — and the rows go in with Core executemany only when all are clean: all or
nothing. Each person and each enrollment still gets its own audit record.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import insert, select

from ..domain.docnumber import canonical_doc_number, parse_doc_number
from ..domain.enums import LeaderTier, Rank, RemovalReason, Role, UnitStatus
from ..domain.errors import BianzhiError, ValidationError
from ..persistence.database import UnitOfWork
from ..persistence.models import AuditRecord, Division, Document, Enrollment, Person, QuotaKind, Unit
from .context import Actor, now, require
from .persons import PersonInput, validate
from .settings import require_initialisation

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class RegisterRow:
    """One person and their enrollment (current, or ended when `end_on` is given)."""

    person: PersonInput
    unit_id: int
    kind_id: int
    start_on: dt.date
    document_number: str
    division_id: int | None = None
    post_title: str = ""
    leader_tier: LeaderTier | None = None
    leader_rank: Rank | None = None
    counts_against_posts: bool = True
    hiring_plan_id: int | None = None
    end_on: dt.date | None = None
    end_reason: RemovalReason | None = None
    end_document_number: str | None = None
    source_row: int | None = None  # the row number as the user's file shows it


@dataclass(frozen=True)
class RowProblem:
    row: int
    field: str
    message: str


@dataclass
class BulkResult:
    persons: int = 0
    enrollments: int = 0
    warnings: list[RowProblem] = field(default_factory=list)


class BulkValidationError(BianzhiError):
    """Some rows are bad; nothing was written."""

    def __init__(self, problems: list[RowProblem]) -> None:
        head = "；".join(f"第{p.row}行 {p.field}：{p.message}" for p in problems[:5])
        more = f"……共{len(problems)}处问题" if len(problems) > 5 else ""
        super().__init__(f"有{len(problems)}处问题，未写入任何数据。{head}{more}")
        self.problems = problems


class _Checker:
    """Validates rows against the database state loaded once, not per row."""

    def __init__(self, uow: UnitOfWork) -> None:
        session = uow.session
        self.uow = uow
        self.units = {row.id: row for row in session.execute(select(Unit.id, Unit.name, Unit.status))}
        self.divisions = dict(session.execute(select(Division.id, Division.unit_id)).all())
        self.kinds = dict(session.execute(select(QuotaKind.id, QuotaKind.active)).all())
        self.known_ids = dict(session.execute(select(Person.id_number, Person.name)).all())
        self.batch_ids: dict[str, int] = {}
        self.warnings: list[RowProblem] = []

    def check(self, index: int, row: RegisterRow) -> tuple[dict[str, object] | None, list[RowProblem]]:
        number = row.source_row or index
        problems: list[RowProblem] = []
        try:
            values, warnings = _validate_person(self.uow, row.person)
        except ValidationError as error:
            return None, [RowProblem(number, error.field, error.rule)]
        self.warnings += [RowProblem(number, "身份证号", warning) for warning in warnings]
        id_number = str(values["id_number"])
        if id_number in self.known_ids:
            problems.append(
                RowProblem(number, "身份证号", f"{id_number} 已登记为“{self.known_ids[id_number]}”")
            )
        elif id_number in self.batch_ids:
            problems.append(
                RowProblem(number, "身份证号", f"与第{self.batch_ids[id_number]}行重复（一人多编）")
            )
        self.batch_ids.setdefault(id_number, number)
        unit = self.units.get(row.unit_id)
        if unit is None:
            problems.append(RowProblem(number, "单位", "单位不存在"))
        elif unit.status != UnitStatus.ACTIVE.value and row.end_on is None:
            problems.append(RowProblem(number, "单位", f"“{unit.name}”已撤销，不能入编"))
        if row.division_id is not None and self.divisions.get(row.division_id) != row.unit_id:
            problems.append(RowProblem(number, "内设机构", "不是该单位的内设机构"))
        if not self.kinds.get(row.kind_id):
            problems.append(RowProblem(number, "编制类型", "编制类型不存在或已停用"))
        if row.end_on is not None and row.end_on < row.start_on:
            problems.append(RowProblem(number, "出编时间", "早于入编时间"))
        if (row.end_on is None) != (row.end_reason is None):
            problems.append(RowProblem(number, "出编原因", "出编时间和出编原因须同时填写"))
        if row.start_on > dt.date.today():
            problems.append(RowProblem(number, "入编时间", "晚于今天"))
        return (None if problems else values), problems


def _validate_person(uow: UnitOfWork, data: PersonInput) -> tuple[dict[str, object], tuple[str, ...]]:
    """Field checks of one person without the per-row duplicate query (done in bulk by the checker)."""
    return validate(uow, data, None, check_duplicates=False)


def check_rows(
    uow: UnitOfWork, rows: Sequence[RegisterRow], *, progress: Progress | None = None
) -> tuple[list[RowProblem], list[RowProblem]]:
    """The checks of `register_people` without writing anything: (problems, warnings)."""
    checker = _Checker(uow)
    problems: list[RowProblem] = []
    for index, row in enumerate(rows, start=1):
        problems += checker.check(index, row)[1]
        if progress and index % 2000 == 0:
            progress(index, len(rows), "校验")
    return problems, checker.warnings


def register_people(
    uow: UnitOfWork, actor: Actor, rows: Sequence[RegisterRow], *, progress: Progress | None = None
) -> BulkResult:
    """Validate every row, then write all of them or none (raises BulkValidationError)."""
    require(actor, Role.CLERK, Role.ADMIN, action="批量登记人员")
    require_initialisation(uow, "批量登记在编人员")
    checker = _Checker(uow)
    people: list[dict[str, object]] = []
    problems: list[RowProblem] = []
    for index, row in enumerate(rows, start=1):
        values, row_problems = checker.check(index, row)
        problems += row_problems
        if values is not None:
            people.append(values)
        if progress and index % 2000 == 0:
            progress(index, len(rows), "校验")
    if problems:
        raise BulkValidationError(problems)
    result = _write(uow, actor, rows, people, progress)
    result.warnings = checker.warnings
    return result


def _write(
    uow: UnitOfWork,
    actor: Actor,
    rows: Sequence[RegisterRow],
    people: list[dict[str, object]],
    progress: Progress | None,
) -> BulkResult:
    session = uow.session
    stamp = now()
    doc_ids = _document_ids(uow, rows, stamp)
    for values in people:
        values["created_at"] = stamp
    person_ids = session.scalars(
        insert(Person).returning(Person.id, sort_by_parameter_order=True), people
    ).all()
    if progress:
        progress(len(rows) // 2, len(rows), "写入")
    enrollments = []
    audit_rows = []
    for row, values, person_id in zip(rows, people, person_ids, strict=True):
        enrollments.append(
            {
                "person_id": person_id,
                "unit_id": row.unit_id,
                "division_id": row.division_id,
                "kind_id": row.kind_id,
                "post_title": row.post_title.strip(),
                "leader_tier": LeaderTier(row.leader_tier).value if row.leader_tier else None,
                "leader_rank": Rank(row.leader_rank).value if row.leader_rank else None,
                "counts_against_posts": row.counts_against_posts,
                "hiring_plan_id": row.hiring_plan_id,
                "start_on": row.start_on,
                "start_document_id": doc_ids[canonical_doc_number(row.document_number)],
                "end_on": row.end_on,
                "end_reason": RemovalReason(row.end_reason).value if row.end_reason else None,
                "end_document_id": doc_ids[canonical_doc_number(row.end_document_number)]
                if row.end_document_number
                else None,
            }
        )
        audit_rows.append(
            {
                "at": stamp,
                "user_id": actor.user_id,
                "username": actor.username,
                "action": "person.register",
                "table_name": "person",
                "record_id": person_id,
                "summary": f"登记人员 {values['name']} 入编 {row.start_on.isoformat()}",
                "changes": json.dumps(
                    {
                        "name": [None, values["name"]],
                        "id_number": [None, values["id_number"]],
                        "unit_id": [None, row.unit_id],
                        "kind_id": [None, row.kind_id],
                        "start_on": [None, row.start_on.isoformat()],
                    },
                    ensure_ascii=False,
                ),
            }
        )
    session.execute(insert(Enrollment), enrollments)
    session.execute(insert(AuditRecord), audit_rows)
    if progress:
        progress(len(rows), len(rows), "写入")
    return BulkResult(persons=len(people), enrollments=len(enrollments))


def _document_ids(uow: UnitOfWork, rows: Sequence[RegisterRow], stamp: dt.datetime) -> dict[str, int]:
    """Ids of every document the rows cite, registering the numbers not seen before."""
    numbers = {canonical_doc_number(r.document_number) for r in rows}
    numbers |= {canonical_doc_number(r.end_document_number) for r in rows if r.end_document_number}
    known: dict[str, int] = {}
    ordered = sorted(numbers)
    for start in range(0, len(ordered), 5000):
        chunk = ordered[start : start + 5000]
        known.update(
            uow.session.execute(select(Document.number, Document.id).where(Document.number.in_(chunk))).all()
        )
    fresh = []
    for number in ordered:
        if number in known:
            continue
        parsed = parse_doc_number(number)
        fresh.append(
            {
                "number": number,
                "prefix": parsed.prefix if parsed else None,
                "year": parsed.year if parsed else None,
                "seq": parsed.seq if parsed else None,
                "title": "",
                "issuer": "",
                "issued_on": None,
                "created_at": stamp,
            }
        )
    if fresh:
        ids = uow.session.scalars(
            insert(Document).returning(Document.id, sort_by_parameter_order=True), fresh
        ).all()
        known.update({doc["number"]: doc_id for doc, doc_id in zip(fresh, ids, strict=True)})  # type: ignore[misc]
    return known
