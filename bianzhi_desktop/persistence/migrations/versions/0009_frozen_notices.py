"""frozen_notice: each notice of an approval with its own serial number and the figures it prints,
worked out once at approval (a reprint prints the same notice)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "frozen_notice",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=False),
        sa.Column("matter_id", sa.Integer(), sa.ForeignKey("matter.id"), nullable=True),
        sa.Column("serial", sa.String(64), nullable=False, unique=True),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("frozen_at", sa.DateTime(), nullable=False),
        sa.Column("first_printed_on", sa.Date(), nullable=True),
        sa.UniqueConstraint("kind", "source_id", name="uq_frozen_notice_source"),
    )


def downgrade() -> None:
    op.drop_table("frozen_notice")
