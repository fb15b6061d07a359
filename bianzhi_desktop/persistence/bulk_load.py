"""Loading many rows at once: the database tricks bulk registration needs, kept apart from the rules.

On SQLite a large batch into a small table goes in without the non-unique indexes (built again after),
with a larger page cache, and through the driver's executemany with each column's bind processor applied
once per distinct value. On PostgreSQL the same calls do the plain thing. The services call these
without knowing which database they run on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from sqlalchemy import Column, FromClause, Table, func, insert, select
from sqlalchemy.sql.elements import ColumnElement

from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.limits import check_column_values

T = TypeVar("T", int, str)

IN_LIST = 500  # values per IN (…) list: well inside every database's limit on bound parameters

REBUILD_FROM = 5000


def in_chunks(values: Iterable[T]) -> Iterator[list[T]]:
    """The distinct values, sorted, in lists short enough for one IN (…) each."""
    ordered = sorted(set(values))
    for start in range(0, len(ordered), IN_LIST):
        yield ordered[start : start + IN_LIST]


@contextmanager
def indexes_built_after(uow: UnitOfWork, tables: Sequence[FromClause], rows: int) -> Iterator[None]:
    """On SQLite, a large batch into a table no larger than the batch goes in without the table's
    non-unique indexes, which are built again afterwards from sorted keys: that costs less than
    inserting each new row into each index at a random place (the first import of a county's roster
    into an empty register, ~0.3 s less for 40,000 people). Unique indexes stay, so every constraint is
    enforced row by row as before. All inside the caller's transaction: a rollback restores them."""
    connection = uow.session.connection()
    if connection.dialect.name != "sqlite" or rows < REBUILD_FROM:
        yield
        return
    rebuilt = []
    for table in tables:
        if (connection.execute(select(func.count()).select_from(table)).scalar() or 0) <= rows:
            rebuilt += [index for index in cast(Table, table).indexes if not index.unique]
    for index in rebuilt:
        index.drop(connection)
    try:
        yield
    finally:  # also after an error: a caller that goes on with the transaction keeps every index
        for index in rebuilt:
            index.create(connection)


@contextmanager
def larger_page_cache(uow: UnitOfWork, rows: int) -> Iterator[None]:
    """A larger SQLite page cache while many rows go into the person table and its indexes (the default
    2 MB makes SQLite re-read index pages over and over), the connection's own size restored after."""
    connection = uow.session.connection()
    if connection.dialect.name != "sqlite" or rows < 2000:
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql("PRAGMA cache_size = -65536")  # 64 MB
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before or -2000)}")


def consecutive_ids(uow: UnitOfWork, column: ColumnElement[Any], before: int, count: int) -> list[int] | None:
    """The ids of the `count` rows just inserted in parameter order, when they are before+1 … before+count
    (one executemany takes ids in increasing order; if exactly that many rows above `before` end at
    before+count, no other writer took one in between); None when they may not be (read them back)."""
    found, highest = (
        uow.session.connection().execute(select(func.count(), func.max(column)).where(column > before)).one()
    )
    if found == count and highest == before + count:
        return list(range(before + 1, before + count + 1))
    return None


def _always_null(column: Column[object], values: Sequence[object]) -> bool:
    return (
        column.nullable is True
        and column.default is None
        and column.server_default is None
        and values.count(None) == len(values)
    )


def insert_many(uow: UnitOfWork, table: FromClause, columns: dict[str, Sequence[object]]) -> None:
    """INSERT rows given column by column (equal lengths) with one executemany handed straight to the
    driver. `session.execute(insert(table), rows)` builds every row's parameters through SQLAlchemy's
    general machinery, which takes longer than SQLite's inserting them; here each column's bind
    processor (date → text on SQLite, …) is applied once per distinct value of the column. A nullable
    column without a default that is empty on every row is left out (NULL all the same): Python's
    sqlite3 binds a None through its adapter lookup, about four times the cost of a number."""
    if not columns or not len(next(iter(columns.values()))):
        return
    table = cast(Table, table)  # a mapped class's __table__ (typed as FromClause by SQLAlchemy)
    columns = {key: values for key, values in columns.items() if not _always_null(table.c[key], values)}
    check_column_values(table, columns)  # as the flush guard does for rows written through the ORM
    connection = uow.session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    processed: dict[str, Sequence[object]] = {}
    for key, values in columns.items():
        process = table.c[key].type.dialect_impl(dialect).bind_processor(dialect)
        if process is not None:  # stamps, dates and flags recur on many rows
            done = {value: process(value) for value in set(values)}
            values = [done[value] for value in values]
        processed[key] = values
    if compiled.positional:
        order = [compiled.binds[name].key for name in compiled.positiontup or ()]
        params: list[object] = list(zip(*(processed[key] for key in order), strict=True))
    else:
        names = list(compiled.binds)
        params = [
            dict(zip(names, values, strict=True))
            for values in zip(*(processed[compiled.binds[name].key] for name in names), strict=True)
        ]
    connection.exec_driver_sql(compiled.string, params)
