"""drop the partial index of suspect ID numbers: its predicate was evaluated on every insert and cost
about a second of a 40,000-person roster import; the health check now screens the numbers in Python

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

# The screen as revision 0005 created it (frozen: downgrade restores exactly that index).
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_SQLITE_FIRST17 = "CAST(substr(id_number, 1, 17) AS INTEGER)"
_SQLITE_CHECKSUM = " + ".join(
    f"CAST(substr(id_number, {place}, 1) AS INTEGER) * {weight}" for place, weight in enumerate(_WEIGHTS, 1)
)
_SQLITE = (
    f"id_legacy OR length(id_number) <> 18 OR {_SQLITE_FIRST17} < 10000000000000000"
    f" OR substr('10X98765432', ({_SQLITE_CHECKSUM}) % 11 + 1, 1) <> substr(id_number, 18, 1)"
    " OR substr(id_number, 7, 8) <> replace(birth_date, '-', '')"
    f" OR ({_SQLITE_FIRST17} % 2 = 1) <> (sex = 'male')"
)
_PG_FIRST17 = "(CASE WHEN id_number ~ '^[0-9]{17}' THEN CAST(substr(id_number, 1, 17) AS BIGINT) END)"
_PG_CHECKSUM = " + ".join(
    f"({_PG_FIRST17} / {10 ** (16 - index)} % 10) * {weight}" for index, weight in enumerate(_WEIGHTS)
)
_PG_BIRTH = (
    "(CAST(date_part('year', CAST(birth_date AS timestamp)) AS BIGINT) * 10000"
    " + CAST(date_part('month', CAST(birth_date AS timestamp)) AS BIGINT) * 100"
    " + CAST(date_part('day', CAST(birth_date AS timestamp)) AS BIGINT))"
)
_POSTGRESQL = (
    f"id_legacy OR length(id_number) <> 18 OR {_PG_FIRST17} IS NULL"
    f" OR substr('10X98765432', CAST(({_PG_CHECKSUM}) % 11 AS INTEGER) + 1, 1) <> substr(id_number, 18, 1)"
    f" OR {_PG_FIRST17} / 1000 % 100000000 <> {_PG_BIRTH}"
    f" OR ({_PG_FIRST17} % 2 = 1) <> (sex = 'male')"
)


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_id_suspect", sqlite_where=sa.text(_SQLITE))


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index(
            "ix_person_id_suspect",
            ["id"],
            unique=False,
            sqlite_where=sa.text(_SQLITE),
            postgresql_where=sa.text(_POSTGRESQL),
        )
