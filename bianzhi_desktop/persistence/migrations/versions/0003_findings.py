"""rectification ledger (整改台账): findings and their steps; person index for the health check

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index("ix_person_name_birth", ["name", "birth_date"], unique=False)

    op.create_table(
        "finding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("subject", sa.String(length=128), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("records", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("present", sa.Boolean(), nullable=False),
        sa.Column("first_seen", sa.Date(), nullable=False),
        sa.Column("last_seen", sa.Date(), nullable=False),
        sa.Column("closed_on", sa.Date(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("state IN ('found', 'rectifying', 'closed')", name=op.f("ck_finding_state_known")),
        sa.CheckConstraint(
            "(state = 'closed') = (closed_on IS NOT NULL)", name=op.f("ck_finding_closed_on_with_closed")
        ),
        sa.CheckConstraint("last_seen >= first_seen", name=op.f("ck_finding_seen_in_order")),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_finding_document_id_document")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_finding_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding")),
        sa.UniqueConstraint("code", "subject", name="uq_finding_code_subject"),
    )
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.create_index("ix_finding_state", ["state", "code"], unique=False)
        batch_op.create_index(batch_op.f("ix_finding_unit_id"), ["unit_id"], unique=False)

    op.create_table(
        "finding_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("finding_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_finding_step_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["finding_id"], ["finding.id"], name=op.f("fk_finding_step_finding_id_finding")
        ),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], name=op.f("fk_finding_step_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finding_step")),
    )
    with op.batch_alter_table("finding_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_finding_step_finding_id"), ["finding_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("finding_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_step_finding_id"))
    op.drop_table("finding_step")
    with op.batch_alter_table("finding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_finding_unit_id"))
        batch_op.drop_index("ix_finding_state")
    op.drop_table("finding")
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_name_birth")
