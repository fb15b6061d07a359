"""The last guard before a row is written: text no longer than its column, numbers within the column's
range — the same on SQLite (which would store anything) and PostgreSQL (which refuses).

The validators (domain/limits.py) find these first, with the field's name; this guard catches what a
path forgot, as a clear refusal instead of a value PostgreSQL rejects or SQLite silently keeps.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BigInteger, Integer, String, event, inspect
from sqlalchemy.orm import Session

from bianzhi_desktop.domain.errors import ValidationError

_INT32 = 2**31 - 1
_INT64 = 2**63 - 1


def _problem(column: Any, value: object) -> str | None:
    kind = column.type
    if isinstance(value, str) and isinstance(kind, String) and kind.length and len(value) > kind.length:
        return f"过长（{len(value)}个字符，最多{kind.length}个）"
    if isinstance(value, int) and not isinstance(value, bool) and isinstance(kind, Integer):
        bound = _INT64 if isinstance(kind, BigInteger) else _INT32
        if abs(value) > bound:
            return f"超出范围（{value}）"
    return None


def check_row_sizes(session: Session, _context: object, _instances: object) -> None:
    for instance in (*session.new, *session.dirty):
        state = inspect(instance)
        for attribute in state.mapper.column_attrs:
            if not state.pending and not state.attrs[attribute.key].history.has_changes():
                continue  # a stored value nobody changed (an older version may have let it in): left alone
            value = getattr(instance, attribute.key, None)
            for column in attribute.columns:
                problem = _problem(column, value)
                if problem:
                    table = getattr(column.table, "name", "")
                    raise ValidationError(f"{table}.{column.name}", f"{problem}，本次修改未保存")


def check_column_values(table: Any, columns: dict[str, Sequence[object]]) -> None:
    """The same guard for rows written column by column with Core (bulk loading): each distinct value
    of each column checked once."""
    for key, values in columns.items():
        column = table.c[key]
        if not isinstance(column.type, String | Integer):
            continue
        for value in set(values):
            problem = _problem(column, value)
            if problem:
                raise ValidationError(f"{table.name}.{column.name}", f"{problem}，本次修改未保存")


def guard_row_sizes(sessions: Any) -> None:
    """Check every flush of the sessions this factory makes."""
    event.listen(sessions, "before_flush", check_row_sizes)
