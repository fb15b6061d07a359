"""The ID-number screen: a condition on the person table that holds for every number that may be invalid
(wrong length or characters, wrong GB 11643 check character, birth date or sex disagreeing with the
number, legacy 15-digit numbers). It never misses an invalid number; the few rows it lets through are
then worded (or cleared) by the domain validator.

The database keeps the rows that meet it in a partial index (``ix_person_id_suspect``), so the screen
is evaluated once when a row is written — by any path: the program, imports, legacy data, plain SQL —
and the health check reads only the suspects instead of the whole register.

The condition is written twice, once per dialect, with immutable functions only (an index predicate
must be) and without errors on any text (a failing predicate would refuse the row). The health check's
query must repeat it word for word so that the planner recognises the index."""

from __future__ import annotations

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
MALE = "male"  # Sex.MALE.value; the predicate holds literals only

# SQLite: CAST stops at the first non-digit, so the first 17 characters read as an integer stay below
# 10^16 unless they are 17 digits (area codes never start with 0); a non-digit reads as 0 in the
# checksum, and such a number is already caught by that bound.
_SQLITE_FIRST17 = "CAST(substr(id_number, 1, 17) AS INTEGER)"
_SQLITE_CHECKSUM = " + ".join(
    f"CAST(substr(id_number, {place}, 1) AS INTEGER) * {weight}" for place, weight in enumerate(WEIGHTS, 1)
)
SQLITE = (
    f"id_legacy OR length(id_number) <> 18 OR {_SQLITE_FIRST17} < 10000000000000000"
    f" OR substr('10X98765432', ({_SQLITE_CHECKSUM}) % 11 + 1, 1) <> substr(id_number, 18, 1)"
    " OR substr(id_number, 7, 8) <> replace(birth_date, '-', '')"
    f" OR ({_SQLITE_FIRST17} % 2 = 1) <> (sex = '{MALE}')"
)

# PostgreSQL: the 17 leading digits as a bigint, NULL when they are not 17 digits (CAST would fail).
_PG_FIRST17 = "(CASE WHEN id_number ~ '^[0-9]{17}' THEN CAST(substr(id_number, 1, 17) AS BIGINT) END)"
_PG_CHECKSUM = " + ".join(
    f"({_PG_FIRST17} / {10 ** (16 - index)} % 10) * {weight}" for index, weight in enumerate(WEIGHTS)
)
_PG_BIRTH = (
    "(CAST(date_part('year', CAST(birth_date AS timestamp)) AS BIGINT) * 10000"
    " + CAST(date_part('month', CAST(birth_date AS timestamp)) AS BIGINT) * 100"
    " + CAST(date_part('day', CAST(birth_date AS timestamp)) AS BIGINT))"
)
POSTGRESQL = (
    f"id_legacy OR length(id_number) <> 18 OR {_PG_FIRST17} IS NULL"
    f" OR substr('10X98765432', CAST(({_PG_CHECKSUM}) % 11 AS INTEGER) + 1, 1) <> substr(id_number, 18, 1)"
    f" OR {_PG_FIRST17} / 1000 % 100000000 <> {_PG_BIRTH}"
    f" OR ({_PG_FIRST17} % 2 = 1) <> (sex = '{MALE}')"
)

INDEX_NAME = "ix_person_id_suspect"


def condition(dialect: str) -> str:
    """The screen in the SQL of a dialect (``sqlite`` or ``postgresql``)."""
    return SQLITE if dialect == "sqlite" else POSTGRESQL
