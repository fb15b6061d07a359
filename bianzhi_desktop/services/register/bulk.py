"""Registering many people at once (status quo entry, roster import, the demo county).

Every row is validated first — ID number, duplicates inside the batch and against the register,
unit, division and kind — and the rows go in with Core executemany only when all are clean: all or
nothing. Each registered person gets its own audit record, unless the caller audits the batch as one
operation (an import: `audit_each=False`, the ids created are in the result). `validate_rows` + `register_checked`
split the two steps for an import's preview and commit: the commit re-checks only what the database
may have changed in between, in a few set-based queries.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from sqlalchemy import func, select

from bianzhi_desktop.domain.docnumber import DocNumber, canonical_doc_number, parse_doc_number
from bianzhi_desktop.domain.enums import LeaderTier, Rank, RemovalReason, Role, UnitStatus
from bianzhi_desktop.domain.errors import BianzhiError, ValidationError
from bianzhi_desktop.persistence import bulk_load
from bianzhi_desktop.persistence.audit_chain import SEALED_TABLES, link_columns, seals_for_columns
from bianzhi_desktop.persistence.collector import pauses_collector
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import (
    AuditRecord,
    Division,
    Document,
    Enrollment,
    Person,
    QuotaKind,
    Unit,
)
from bianzhi_desktop.services.admin.settings import require_initialisation
from bianzhi_desktop.services.context import Actor, now, require
from bianzhi_desktop.services.register.persons import PersonInput, validate

Progress = Callable[[int, int, str], None]


class PersonEnrollmentRow(NamedTuple):
    """One person and their enrollment (current, or ended when `end_on` is given). A named tuple, like
    PersonInput: an import makes one per row, several times faster than a frozen dataclass."""

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
    person_ids: list[int] = field(default_factory=list)  # in row order
    enrollment_ids: list[int] = field(default_factory=list)
    warnings: list[RowProblem] = field(default_factory=list)


class BulkValidationError(BianzhiError):
    """Some rows are bad; nothing was written."""

    def __init__(self, problems: list[RowProblem]) -> None:
        head = "；".join(f"第{p.row}行 {p.field}：{p.message}" for p in problems[:5])
        more = f"……共{len(problems)}处问题" if len(problems) > 5 else ""
        super().__init__(f"有{len(problems)}处问题，未写入任何数据。{head}{more}")
        self.problems = problems


@dataclass(frozen=True)
class CheckedRows:
    """Rows checked by `validate_rows`: the clean ones with their validated person values (aligned),
    and every problem and warning. `register_checked` writes them without validating each person again."""

    rows: tuple[PersonEnrollmentRow, ...]
    people: tuple[dict[str, object], ...]
    problems: tuple[RowProblem, ...]
    warnings: tuple[RowProblem, ...]


class _State:
    """What the rows are checked against in the database, loaded in a few set-based queries."""

    def __init__(self, uow: UnitOfWork, id_numbers: Sequence[str]) -> None:
        session = uow.session
        self.today = dt.date.today()
        self.units = {row.id: row for row in session.execute(select(Unit.id, Unit.name, Unit.status))}
        self.divisions = dict(session.execute(select(Division.id, Division.unit_id)).all())
        self.kinds = dict(session.execute(select(QuotaKind.id, QuotaKind.active)).all())
        self.known_ids = _registered(uow, id_numbers)
        self.batch_ids: dict[str, int] = {}

    def unchanged_for(self, rows: Sequence[PersonEnrollmentRow], id_numbers: Sequence[str]) -> bool:
        """True when `check` would find nothing in any of the rows, judged once per distinct unit,
        division and kind instead of row by row (the usual case: a clean batch, or nothing changed since)."""
        if self.known_ids or len(set(id_numbers)) != len(id_numbers):
            return False
        active = UnitStatus.ACTIVE.value
        for unit_id, division_id, kind_id, ended in {
            (row.unit_id, row.division_id, row.kind_id, row.end_on is not None) for row in rows
        }:
            unit = self.units.get(unit_id)
            if unit is None or (unit.status != active and not ended):
                return False
            if division_id is not None and self.divisions.get(division_id) != unit_id:
                return False
            if not self.kinds.get(kind_id):
                return False
        return all(
            (row.end_on is None) == (row.end_reason is None)
            and (row.end_on is None or row.end_on >= row.start_on)
            and row.start_on <= self.today
            for row in rows
        )

    def check(self, number: int, row: PersonEnrollmentRow, id_number: str) -> list[RowProblem]:
        """Duplicates against the register and inside the batch (一人多编), unit, division, kind, dates."""
        problems: list[RowProblem] = []
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
        if row.start_on > self.today:
            problems.append(RowProblem(number, "入编时间", "晚于今天"))
        return problems


_CHUNK = 5000


def _registered(uow: UnitOfWork, id_numbers: Sequence[str]) -> dict[str, str]:
    """Id number → name of the people among `id_numbers` already on the register (one query)."""
    session = uow.session
    if len(id_numbers) <= _CHUNK:
        query = select(Person.id_number, Person.name).where(Person.id_number.in_(sorted(set(id_numbers))))
        return dict(session.execute(query).all())
    # a large batch: reading every number is cheaper than thousands of bound parameters
    wanted = set(id_numbers)
    clashes = [number for number in session.scalars(select(Person.id_number)) if number in wanted]
    if not clashes:
        return {}
    return dict(
        session.execute(select(Person.id_number, Person.name).where(Person.id_number.in_(clashes))).all()
    )


def registered_names(uow: UnitOfWork, id_numbers: Sequence[str]) -> dict[str, str]:
    """Id number → name of the people among `id_numbers` already on the register."""
    return _registered(uow, id_numbers)


@pauses_collector
def validate_rows(
    uow: UnitOfWork, rows: Sequence[PersonEnrollmentRow], *, progress: Progress | None = None
) -> CheckedRows:
    """Every check of `register_people`, without writing: each person's particulars, then the rows
    against the register and each other. The clean rows keep their validated values."""
    validated: list[tuple[dict[str, object] | None, RowProblem | None]] = []
    warnings: list[RowProblem] = []
    today = dt.date.today()
    for index, row in enumerate(rows, start=1):
        try:  # the duplicate check is done for the whole batch by _State
            values, found = validate(uow, row.person, None, check_duplicates=False, today=today)
        except ValidationError as error:
            validated.append((None, RowProblem(row.source_row or index, error.field, error.rule)))
        else:
            validated.append((values, None))
            if found:
                warnings += [RowProblem(row.source_row or index, "身份证号", warning) for warning in found]
        if progress and index % 2000 == 0:
            progress(index, len(rows), "校验")
    valid = [(row, values) for row, (values, _) in zip(rows, validated, strict=True) if values is not None]
    numbers = [str(values["id_number"]) for _, values in valid]
    state = _State(uow, numbers)
    if state.unchanged_for([row for row, _ in valid], numbers):  # the usual case: judged set by set
        refused = [problem for values, problem in validated if problem is not None]
        return CheckedRows(
            tuple(row for row, _ in valid),
            tuple(values for _, values in valid),
            tuple(refused),
            tuple(warnings),
        )
    problems: list[RowProblem] = []
    clean_rows: list[PersonEnrollmentRow] = []
    people: list[dict[str, object]] = []
    for index, (row, (checked, invalid)) in enumerate(zip(rows, validated, strict=True), start=1):
        if checked is None:
            if invalid is not None:
                problems.append(invalid)
            continue
        row_problems = state.check(row.source_row or index, row, str(checked["id_number"]))
        if row_problems:
            problems += row_problems
        else:
            clean_rows.append(row)
            people.append(checked)
    return CheckedRows(tuple(clean_rows), tuple(people), tuple(problems), tuple(warnings))


def check_rows(
    uow: UnitOfWork, rows: Sequence[PersonEnrollmentRow], *, progress: Progress | None = None
) -> tuple[list[RowProblem], list[RowProblem]]:
    """The checks of `register_people` without writing anything: (problems, warnings)."""
    checked = validate_rows(uow, rows, progress=progress)
    return list(checked.problems), list(checked.warnings)


@pauses_collector
def register_people(
    uow: UnitOfWork,
    actor: Actor,
    rows: Sequence[PersonEnrollmentRow],
    *,
    progress: Progress | None = None,
    audit_each: bool = True,
) -> BulkResult:
    """Validate every row, then write all of them or none (raises BulkValidationError)."""
    require(actor, Role.CLERK, Role.ADMIN, action="批量登记人员")
    require_initialisation(uow, "批量登记在编人员")
    checked = validate_rows(uow, rows, progress=progress)
    if checked.problems:
        raise BulkValidationError(list(checked.problems))
    result = _write(uow, actor, checked.rows, checked.people, progress, audit_each)
    result.warnings = list(checked.warnings)
    return result


@pauses_collector
def register_checked(
    uow: UnitOfWork,
    actor: Actor,
    checked: CheckedRows,
    *,
    progress: Progress | None = None,
    audit_each: bool = True,
) -> BulkResult:
    """Write rows that `validate_rows` found clean, without validating each person again. What may have
    changed in the database since — a person registered meanwhile (一人多编), a unit abolished, a division
    or kind gone — is checked again against the register in a few set-based queries; any problem raises
    BulkValidationError and nothing is written. With `audit_each=False` no per-person audit record is
    written: the caller audits the batch as one operation."""
    require(actor, Role.CLERK, Role.ADMIN, action="批量登记人员")
    require_initialisation(uow, "批量登记在编人员")
    if checked.problems:
        raise BulkValidationError(list(checked.problems))
    numbers = [str(values["id_number"]) for values in checked.people]
    state = _State(uow, numbers)
    if not state.unchanged_for(checked.rows, numbers):  # something changed: find and word each problem
        problems: list[RowProblem] = []
        for index, (row, number) in enumerate(zip(checked.rows, numbers, strict=True), start=1):
            problems += state.check(row.source_row or index, row, number)
        if problems:
            raise BulkValidationError(problems)
    result = _write(uow, actor, checked.rows, checked.people, progress, audit_each)
    result.warnings = list(checked.warnings)
    return result


def _write(
    uow: UnitOfWork,
    actor: Actor,
    rows: Sequence[PersonEnrollmentRow],
    people: Sequence[dict[str, object]],
    progress: Progress | None,
    audit_each: bool,
) -> BulkResult:
    """Insert people, enrollments and their audit records with Core executemany (no per-object ORM)."""
    with (
        bulk_load.larger_page_cache(uow, len(rows)),
        bulk_load.indexes_built_after(uow, [Person.__table__, Enrollment.__table__], len(rows)),
    ):
        return _write_rows(uow, actor, rows, people, progress, audit_each)


def _write_rows(
    uow: UnitOfWork,
    actor: Actor,
    rows: Sequence[PersonEnrollmentRow],
    people: Sequence[dict[str, object]],
    progress: Progress | None,
    audit_each: bool,
) -> BulkResult:
    session = uow.session
    stamp = now()
    canonical = _Canonical()
    start_numbers = [canonical(row.document_number) for row in rows]
    doc_ids = _document_ids(uow, rows, start_numbers, stamp, canonical)
    count = len(rows)
    before = session.scalar(select(func.max(Person.id))) or 0
    person_columns = {key: [values[key] for values in people] for key in people[0]} if people else {}
    bulk_load.insert_many(uow, Person.__table__, {**person_columns, "created_at": [stamp] * count})
    # id numbers are unique: the new rows are mapped back by them (RETURNING in parameter order would
    # insert one row at a time on SQLite)
    person = Person.__table__.c  # plain Core rows: no ORM result processing for 40,000 pairs
    person_ids = bulk_load.consecutive_ids(uow, person.id, before, count)
    if person_ids is None:
        new_ids = dict(
            session.connection().execute(select(person.id_number, person.id).where(person.id > before)).all()
        )
        person_ids = [new_ids[str(number)] for number in person_columns.get("id_number", [])]
    if progress:
        progress(count // 2, count, "写入")
    enrollments_before = session.scalar(select(func.max(Enrollment.id))) or 0
    enrollment_columns: dict[str, Sequence[object]] = {
        "person_id": person_ids,
        "unit_id": [row.unit_id for row in rows],
        "division_id": [row.division_id for row in rows],
        "kind_id": [row.kind_id for row in rows],
        "post_title": [row.post_title.strip() for row in rows],
        "leader_tier": [LeaderTier(row.leader_tier).value if row.leader_tier else None for row in rows],
        "leader_rank": [Rank(row.leader_rank).value if row.leader_rank else None for row in rows],
        "counts_against_posts": [row.counts_against_posts for row in rows],
        "hiring_plan_id": [row.hiring_plan_id for row in rows],
        "start_on": [row.start_on for row in rows],
        "start_document_id": list(map(doc_ids.__getitem__, start_numbers)),
        "end_on": [row.end_on for row in rows],
        "end_reason": [RemovalReason(row.end_reason).value if row.end_reason else None for row in rows],
        "end_document_id": [
            doc_ids[canonical(row.end_document_number)] if row.end_document_number else None for row in rows
        ],
    }
    enrollment_columns["seal"] = seals_for_columns(SEALED_TABLES["enrollment"], enrollment_columns, count)
    bulk_load.insert_many(uow, Enrollment.__table__, enrollment_columns)
    enrollment = Enrollment.__table__.c
    enrollment_ids = bulk_load.consecutive_ids(uow, enrollment.id, enrollments_before, count)
    if enrollment_ids is None:
        by_person = dict(
            session.connection()
            .execute(select(enrollment.person_id, enrollment.id).where(enrollment.id > enrollments_before))
            .all()
        )  # each new person has exactly one new enrollment
        enrollment_ids = [by_person[person_id] for person_id in person_ids]
    if audit_each:
        _audit_each(uow, actor, rows, people, person_ids, stamp)
    if progress:
        progress(count, count, "写入")
    return BulkResult(
        persons=len(people), enrollments=count, person_ids=person_ids, enrollment_ids=enrollment_ids
    )


def _audit_each(
    uow: UnitOfWork,
    actor: Actor,
    rows: Sequence[PersonEnrollmentRow],
    people: Sequence[dict[str, object]],
    person_ids: Sequence[int],
    stamp: dt.datetime,
) -> None:
    """One audit record per registered person."""
    count = len(rows)
    starts = [row.start_on.isoformat() for row in rows]
    encode = json.encoder.encode_basestring  # what json.dumps(..., ensure_ascii=False) writes strings with
    columns: dict[str, Sequence[object]] = {
        "at": [stamp] * count,
        "user_id": [actor.user_id] * count,
        "username": [actor.username] * count,
        "action": ["person.register"] * count,
        "table_name": ["person"] * count,
        "record_id": person_ids,
        "summary": [
            f"登记人员 {values['name']} 入编 {start}" for values, start in zip(people, starts, strict=True)
        ],
        "changes": [  # json.dumps of {field: [None, new]}, written directly
            f'{{"name": [null, {encode(str(values["name"]))}], "id_number": [null, {encode(str(values["id_number"]))}], '
            f'"unit_id": [null, {int(row.unit_id)}], "kind_id": [null, {int(row.kind_id)}], '
            f'"start_on": [null, "{start}"]}}'
            for row, values, start in zip(rows, people, starts, strict=True)
        ],
    }
    link_columns(uow.session, columns, count)  # each record's hash, chained in row order
    bulk_load.insert_many(uow, AuditRecord.__table__, columns)


# A number already in its stored form, which parse_doc_number would read back unchanged: a prefix
# without brackets, spaces or full-width forms, 〔year〕, a sequence without leading zeros.
_ALREADY_CANONICAL = re.compile(
    r"([^\s〔\[(\u3000\uff01-\uff5e\u200b-\u200d\u2060\ufeff]{1,100})〔([1-9][0-9]{3})〕([1-9][0-9]{0,5})号"
)


class _Canonical:
    """canonical_doc_number once per distinct text (the same few numbers recur on thousands of rows)."""

    def __init__(self) -> None:
        self.seen: dict[str, str] = {}
        self.parsed: dict[str, _Parts] = {}  # canonical number → (prefix, year, seq) as stored

    def __call__(self, number: str) -> str:
        found = self.seen.get(number)
        if found is None:
            if match := _ALREADY_CANONICAL.fullmatch(number):  # the usual case: stored as printed
                self.parsed[number] = (match[1], int(match[2]), int(match[3]))
                self.seen[number] = number
                return number
            parsed = parse_doc_number(number.strip()) if number.strip() else None
            # what canonical_doc_number returns, without parsing the number a second time
            found = self.seen[number] = str(parsed) if parsed else canonical_doc_number(number)
            self.parsed[found] = _parts(parsed)
        return found

    def parts(self, number: str) -> _Parts:
        found = self.parsed.get(number)
        return found if found is not None else _parts(parse_doc_number(number))


_Parts = tuple[str | None, int | None, int | None]


def _parts(parsed: DocNumber | None) -> _Parts:
    return (parsed.prefix, parsed.year, parsed.seq) if parsed else (None, None, None)


def _document_ids(
    uow: UnitOfWork,
    rows: Sequence[PersonEnrollmentRow],
    start_numbers: Sequence[str],
    stamp: dt.datetime,
    canonical: _Canonical,
) -> dict[str, int]:
    """Ids of every document the rows cite (their start documents' canonical numbers given, in row
    order), registering the numbers not seen before."""
    numbers = set(start_numbers)
    numbers |= {canonical(r.end_document_number) for r in rows if r.end_document_number}
    ordered = sorted(numbers)
    known = _ids_by_number(uow, ordered)
    fresh = [number for number in ordered if number not in known]
    if not fresh:
        return known
    count = len(fresh)
    prefixes, years, seqs = zip(*map(canonical.parts, fresh), strict=True)
    before = uow.session.scalar(select(func.max(Document.id))) or 0
    bulk_load.insert_many(
        uow,
        Document.__table__,
        {
            "number": fresh,
            "prefix": prefixes,
            "year": years,
            "seq": seqs,
            "title": [""] * count,
            "issuer": [""] * count,
            "issued_on": [None] * count,
            "created_at": [stamp] * count,
        },
    )
    ids = bulk_load.consecutive_ids(uow, Document.__table__.c.id, before, count)
    if ids is not None:
        known.update(zip(fresh, ids, strict=True))
        return known
    wanted = set(fresh)
    known.update(  # numbers are unique
        (number, doc_id)
        for number, doc_id in uow.session.execute(
            select(Document.number, Document.id).where(Document.id > before)
        )
        if number in wanted
    )
    return known


def _ids_by_number(uow: UnitOfWork, numbers: Sequence[str]) -> dict[str, int]:
    """Ids of the documents among `numbers` already registered."""
    if len(numbers) > _CHUNK:  # reading every number is cheaper than thousands of bound parameters
        wanted = set(numbers)
        return {
            number: doc_id
            for number, doc_id in uow.session.execute(select(Document.number, Document.id))
            if number in wanted
        }
    return dict(
        uow.session.execute(select(Document.number, Document.id).where(Document.number.in_(numbers))).all()
    )
