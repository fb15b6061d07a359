"""tamper-evident record: audit records chained by hash, ledger and register rows sealed

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03

Adds `audit_log.hash` and `audit_log.row_seal`, a `seal` on quota_entry, leader_post_entry,
hiring_plan and enrollment, and the one-row table `audit_head`; then seals the existing rows and
chains the existing audit records in id order (so an upgraded database verifies). The hashing rules
are those of persistence/audit_chain.py.
"""

from __future__ import annotations

from typing import cast

import sqlalchemy as sa
from alembic import op

from bianzhi_desktop.persistence import audit_chain
from bianzhi_desktop.persistence.models import AuditRecord
from bianzhi_desktop.persistence.protection import POSTGRES_FUNCTION, POSTGRES_TRIGGERS, SQLITE_TRIGGERS

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_CHUNK = 5000


def _drop_triggers(sqlite: bool) -> None:
    for name in SQLITE_TRIGGERS if sqlite else POSTGRES_TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}" + ("" if sqlite else " ON audit_log"))


def _create_triggers(sqlite: bool) -> None:
    if not sqlite:
        op.execute(POSTGRES_FUNCTION)
    for statement in (SQLITE_TRIGGERS if sqlite else POSTGRES_TRIGGERS).values():
        op.execute(statement)


# The columns each seal covers at this revision, in the models' order (audit_chain.seal_columns): named
# here so that this migration reads the same columns when later revisions add some (they reseal).
_SEALED_COLUMNS = {
    "quota_entry": ("unit_id", "kind_id", "delta", "effective_on", "reason", "document_id", "created_by",
                    "created_at"),
    "leader_post_entry": ("unit_id", "tier", "rank", "delta", "effective_on", "reason", "document_id",
                          "created_by", "created_at"),
    "hiring_plan": ("unit_id", "kind_id", "seats", "method", "approved_on", "valid_until", "cancelled_on",
                    "document_id", "created_by", "created_at"),
    "enrollment": ("person_id", "unit_id", "division_id", "kind_id", "post_title", "leader_tier",
                   "leader_rank", "counts_against_posts", "hiring_plan_id", "start_on", "start_document_id",
                   "end_on", "end_document_id", "end_reason"),
}  # fmt: skip


def _seal_existing(bind: sa.Connection) -> None:
    for name, names in _SEALED_COLUMNS.items():
        # untyped columns: the driver's values, which audit_chain turns into the same text as typed ones
        table = sa.table(name, sa.column("id"), sa.column("seal"), *(sa.column(column) for column in names))
        rows = bind.execute(sa.select(table.c.id, *(table.c[column] for column in names))).all()
        seals = [{"row_id": row[0], "seal": audit_chain.row_seal(row[1:])} for row in rows]
        statement = (
            sa.update(table).where(table.c.id == sa.bindparam("row_id")).values(seal=sa.bindparam("seal"))
        )
        for start in range(0, len(seals), _CHUNK):
            bind.execute(statement, seals[start : start + _CHUNK])


def _chain_existing(bind: sa.Connection) -> None:
    table = cast(sa.Table, AuditRecord.__table__)
    previous = ""
    updates = []
    for row in bind.execute(
        sa.select(table.c.id, *(table.c[name] for name in audit_chain.CHAIN_FIELDS)).order_by(table.c.id)
    ):
        previous = audit_chain.chain_hash(previous, row[1:])
        updates.append({"row_id": row[0], "hash": previous})
    statement = sa.update(table).where(table.c.id == sa.bindparam("row_id")).values(hash=sa.bindparam("hash"))
    for start in range(0, len(updates), _CHUNK):
        bind.execute(statement, updates[start : start + _CHUNK])
    bind.execute(sa.text("INSERT INTO audit_head (id, hash) VALUES (1, :hash)"), {"hash": previous})


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.add_column("audit_log", sa.Column("row_seal", sa.String(length=64), nullable=True))
    op.add_column("audit_log", sa.Column("hash", sa.String(length=64), nullable=True))
    for name in _SEALED_COLUMNS:
        op.add_column(name, sa.Column("seal", sa.String(length=64), nullable=True))
    _seal_existing(bind)
    _drop_triggers(sqlite)  # the audit log is append-only: lifted only while the existing rows get their hash
    _chain_existing(bind)
    _create_triggers(sqlite)


def downgrade() -> None:
    # plain DROP COLUMN (SQLite 3.35+): no column dropped is indexed, constrained or named by a trigger
    for name in _SEALED_COLUMNS:
        op.drop_column(name, "seal")
    op.drop_column("audit_log", "hash")
    op.drop_column("audit_log", "row_seal")
    op.drop_table("audit_head")
