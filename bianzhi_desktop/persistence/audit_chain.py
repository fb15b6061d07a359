"""The tamper-evident record: every audit record carries a SHA-256 hash chained over the previous
record's hash and its own content, and the ledger and register rows (quota entries, leader-post
entries, hiring plans, enrollments) carry a seal: a hash of their content as the program wrote it.

- A row's seal is computed from its values as written (ORM flush or bulk insert), over every column
  but its id and the seal itself; the audit record naming that row carries the seal too (`row_seal`),
  so the chain covers the row's content at the time it was written.
- An audit record's hash is sha256(previous hash, at, user, action, table, record id, summary, changes,
  row seal), chained in id order. The last hash is kept in the one-row table `audit_head`; a writer
  reads it inside its own transaction (on PostgreSQL with FOR UPDATE, taken when a writing unit of work
  begins: writers queue on it as SQLite's BEGIN IMMEDIATE makes them queue), so the chain follows the
  order the rows were written and ids are taken in that order.
- `verify_chain` and `verify_seals` recompute both; the health check reports what they find.

Without a secret key this cannot stop someone who recomputes every hash with this program's source; it
makes the edit of a row, the deletion of a record or a raised ledger entry by plain SQL visible.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Column, Connection, Table, event, insert, inspect, select, update
from sqlalchemy.orm import Mapper, Session

from bianzhi_desktop.persistence.models import (
    AuditHead,
    AuditRecord,
    Base,
    Enrollment,
    HiringPlan,
    LeaderPostEntry,
    QuotaEntry,
)

SEALED_MODELS: tuple[type[Base], ...] = (QuotaEntry, LeaderPostEntry, HiringPlan, Enrollment)
SEALED_TABLES: dict[str, Table] = {
    model.__tablename__: cast(Table, model.__table__) for model in SEALED_MODELS
}

_SEP = "\x1f"
_NULL = "\x00"
# The audit record's content, in the order it is hashed.
CHAIN_FIELDS = (
    "at",
    "user_id",
    "username",
    "action",
    "table_name",
    "record_id",
    "summary",
    "changes",
    "row_seal",
)


def _text(value: object) -> str:
    """One value as canonical text: the same for the value written, the value read back through
    SQLAlchemy and the value as SQLite stores it (dates and stamps as text, flags as 0/1), so that
    verification can read the driver's values without converting them. The values never contain the
    separator: the program's texts refuse control characters, and JSON escapes them."""
    if value is None:
        return _NULL
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M:%S}.{value.microsecond:06d}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _digest(values: Iterable[object]) -> str:
    return hashlib.sha256(_SEP.join(map(_text, values)).encode()).hexdigest()


def seal_columns(table: Table) -> list[Column[Any]]:
    """The columns a seal covers: all but the id and the seal."""
    return [column for column in table.columns if column.name not in ("id", "seal")]


def row_seal(values: Iterable[object]) -> str:
    """The seal of one row from its values in `seal_columns` order."""
    return _digest(values)


def chain_hash(previous: str, content: Sequence[object]) -> str:
    """The hash of one audit record, from the previous record's hash and its content in CHAIN_FIELDS
    order."""
    return hashlib.sha256((previous + _SEP + _SEP.join(map(_text, content))).encode()).hexdigest()


# --- seals of ORM rows -------------------------------------------------------------------------------


def _default(column: Column[Any]) -> object:
    default = column.default
    if default is not None and getattr(default, "is_scalar", False):
        return default.arg  # type: ignore[attr-defined]
    return None


def _seal_object(_mapper: Mapper[Any], _connection: Connection, target: Any) -> None:
    table: Table = target.__table__
    values = []
    for column in seal_columns(table):
        value = getattr(target, column.key)
        if value is None:
            value = _default(column)  # what the INSERT will write for an attribute left unset
        values.append(value)
    target.seal = row_seal(values)


for _model in SEALED_MODELS:
    event.listen(_model, "before_insert", _seal_object)
    event.listen(_model, "before_update", _seal_object)


def seals_for_columns(table: Table, columns: dict[str, Sequence[object]], count: int) -> list[str]:
    """Seals of rows about to be inserted column by column (bulk loading): a column not given is
    written as its default."""
    lists: list[Sequence[str]] = []
    for column in seal_columns(table):
        values = columns.get(column.key)
        if values is None:
            lists.append([_text(_default(column))] * count)
            continue
        texts = {value: _text(value) for value in set(values)}  # dates, flags recur on many rows
        lists.append([texts[value] for value in values])
    sha256, join = hashlib.sha256, _SEP.join
    return [sha256(join(row).encode()).hexdigest() for row in zip(*lists, strict=True)]


# --- the chain ---------------------------------------------------------------------------------------


def lock_head(connection: Connection) -> None:
    """Lock the chain's head for the rest of the transaction (PostgreSQL; SQLite serialises writers)."""
    _take_head(connection)


def _take_head(connection: Connection) -> str:
    """The last hash of the chain, locking the head row for the rest of the transaction."""
    found = connection.execute(
        select(AuditHead.hash).where(AuditHead.id == 1).with_for_update()
    ).scalar_one_or_none()
    if found is None:
        connection.execute(insert(AuditHead).values(id=1, hash=""))
        return ""
    return found


def _set_head(connection: Connection, last: str) -> None:
    connection.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=last))


def link(connection: Connection, contents: Sequence[Sequence[object]]) -> list[str]:
    """Hashes for audit records about to be inserted in this order (content in CHAIN_FIELDS order);
    the head moves to the last one."""
    if not contents:
        return []
    previous = _take_head(connection)
    hashes = []
    for content in contents:
        previous = chain_hash(previous, content)
        hashes.append(previous)
    _set_head(connection, previous)
    return hashes


def link_rows(session: Session, rows: list[dict[str, Any]]) -> None:
    """Give audit records inserted with Core (dicts of AuditRecord columns) their hashes, in order.
    Pending ORM records are flushed first, so they come before these in the chain as in the table."""
    session.flush()
    hashes = link(session.connection(), [[row.get(name) for name in CHAIN_FIELDS] for row in rows])
    for row, value in zip(rows, hashes, strict=True):
        row["hash"] = value


def link_columns(session: Session, columns: dict[str, Sequence[object]], count: int) -> None:
    """The same for audit records given column by column (bulk loading): adds the "hash" column."""
    session.flush()
    lists = [columns.get(name) or [None] * count for name in CHAIN_FIELDS]
    columns["hash"] = link(session.connection(), list(zip(*lists, strict=True)))


def _link_pending(session: Session, _context: object, _instances: object) -> None:
    """Before a flush: chain the new ORM audit records in the order they will be inserted."""
    pending = [obj for obj in session.new if isinstance(obj, AuditRecord) and obj.hash is None]
    if not pending:
        return
    pending.sort(key=lambda obj: inspect(obj).insert_order or 0)
    hashes = link(session.connection(), [[getattr(obj, name) for name in CHAIN_FIELDS] for obj in pending])
    for obj, value in zip(pending, hashes, strict=True):
        obj.hash = value


def chain_audit_records(sessions: Any) -> None:
    """Chain the audit records of every flush of the sessions this factory makes."""
    event.listen(sessions, "before_flush", _link_pending)


# --- verification ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainBreak:
    """The first audit record whose hash does not follow from its content and the record before it
    (`record_id` None: the chain's head no longer names the last record — records removed at the end)."""

    audit_id: int | None
    at: str  # YYYY-MM-DD HH:MM:SS
    action: str
    checked: int  # records checked


@dataclass(frozen=True)
class SealBreak:
    """Rows of one sealed table whose content no longer matches their seal."""

    table: str
    row_ids: tuple[int, ...]


def _raw_rows(connection: Connection, table: str, columns: Sequence[str]) -> Iterator[Sequence[Any]]:
    """Rows of (id, *columns) in id order, as the driver returns them: the plain DB-API cursor, with
    no SQLAlchemy type conversion or row objects (several times faster; `_text` gives the same text
    for the stored and the converted value). Names and ids here are the program's own, never input."""
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"SELECT id, {', '.join(columns)} FROM {table} ORDER BY id")
        while rows := cursor.fetchmany(10000):
            yield from rows
    finally:
        cursor.close()


def _canonical(values: Sequence[object]) -> str:
    """`_SEP.join(map(_text, values))`, with the common values (text, NULL) handled inline."""
    return _SEP.join([_NULL if v is None else v if v.__class__ is str else _text(v) for v in values])


def verify_chain(connection: Connection) -> tuple[ChainBreak | None, int]:
    """(the first break, or None; how many records were checked). Every record is read and hashed:
    an edit anywhere in the log is found (about 0.35 s for 50,000 records on SQLite, two cores)."""
    previous = ""
    checked = 0
    sha256 = hashlib.sha256
    canonical = _canonical
    for row in _raw_rows(connection, "audit_log", ["hash", *CHAIN_FIELDS]):
        checked += 1
        expected = sha256((previous + _SEP + canonical(row[2:])).encode()).hexdigest()
        if row[1] != expected:
            return ChainBreak(row[0], _text(row[2])[:19], row[5], checked), checked
        previous = expected
    head = connection.execute(select(AuditHead.hash).where(AuditHead.id == 1)).scalar_one_or_none()
    if (head or "") != previous:
        return ChainBreak(None, "", "", checked), checked
    return None, checked


def verify_seals(connection: Connection, limit: int = 20) -> list[SealBreak]:
    """Per sealed table, up to `limit` rows whose content no longer matches their seal."""
    breaks = []
    for name, table in SEALED_TABLES.items():
        columns = [column.name for column in seal_columns(table)]
        bad: list[int] = []
        sha256, canonical = hashlib.sha256, _canonical
        for row in _raw_rows(connection, name, ["seal", *columns]):
            if row[1] != sha256(canonical(row[2:]).encode()).hexdigest():
                bad.append(row[0])
                if len(bad) >= limit:
                    break
        if bad:
            breaks.append(SealBreak(name, tuple(bad)))
    return breaks
