"""staffing matters (机构编制事项), their steps and units, and the county quota pool (编制周转池)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "matter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("title", sa.String(length=256), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("effective_on", sa.Date(), nullable=True),
        sa.Column("drafter_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("decided_on", sa.Date(), nullable=True),
        sa.Column("self_approval", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "(state = 'approved') = (document_id IS NOT NULL)", name=op.f("ck_matter_document_when_approved")
        ),
        sa.CheckConstraint(
            "state IN ('draft', 'submitted', 'reviewed', 'approved', 'rejected', 'withdrawn')",
            name=op.f("ck_matter_state_known"),
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_matter_document_id_document")
        ),
        sa.ForeignKeyConstraint(["drafter_id"], ["app_user.id"], name=op.f("fk_matter_drafter_id_app_user")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_matter_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matter")),
        sa.UniqueConstraint("document_id", name=op.f("uq_matter_document_id")),
    )
    with op.batch_alter_table("matter", schema=None) as batch_op:
        batch_op.create_index("ix_matter_state", ["state", "kind", "updated_at"], unique=False)
        batch_op.create_index("ix_matter_unit", ["unit_id", "state"], unique=False)

    op.create_table(
        "quota_pool_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind_id", sa.Integer(), nullable=False),
        sa.Column("delta", sa.Integer(), nullable=False),
        sa.Column("effective_on", sa.Date(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=256), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("delta <> 0", name=op.f("ck_quota_pool_entry_delta_not_zero")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["app_user.id"], name=op.f("fk_quota_pool_entry_created_by_app_user")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_quota_pool_entry_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["kind_id"], ["quota_kind.id"], name=op.f("fk_quota_pool_entry_kind_id_quota_kind")
        ),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_quota_pool_entry_unit_id_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quota_pool_entry")),
    )
    with op.batch_alter_table("quota_pool_entry", schema=None) as batch_op:
        batch_op.create_index("ix_quota_pool_entry_kind", ["kind_id", "effective_on"], unique=False)

    op.create_table(
        "matter_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("opinion", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["matter_id"], ["matter.id"], name=op.f("fk_matter_step_matter_id_matter")),
        sa.ForeignKeyConstraint(["user_id"], ["app_user.id"], name=op.f("fk_matter_step_user_id_app_user")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_matter_step")),
    )
    with op.batch_alter_table("matter_step", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matter_step_matter_id"), ["matter_id"], unique=False)

    op.create_table(
        "matter_unit",
        sa.Column("matter_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["matter_id"], ["matter.id"], name=op.f("fk_matter_unit_matter_id_matter")),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"], name=op.f("fk_matter_unit_unit_id_unit")),
        sa.PrimaryKeyConstraint("matter_id", "unit_id", name=op.f("pk_matter_unit")),
    )
    with op.batch_alter_table("matter_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_matter_unit_unit_id"), ["unit_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("matter_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matter_unit_unit_id"))

    op.drop_table("matter_unit")
    with op.batch_alter_table("matter_step", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_matter_step_matter_id"))

    op.drop_table("matter_step")
    with op.batch_alter_table("quota_pool_entry", schema=None) as batch_op:
        batch_op.drop_index("ix_quota_pool_entry_kind")

    op.drop_table("quota_pool_entry")
    with op.batch_alter_table("matter", schema=None) as batch_op:
        batch_op.drop_index("ix_matter_unit")
        batch_op.drop_index("ix_matter_state")

    op.drop_table("matter")
