"""health check indexes: enrollments by end date (people in two places at once), by unit, kind and end
date (the last movement of a vacancy), and legacy 15-digit numbers

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.create_index("ix_enrollment_end", ["end_on"], unique=False)
        batch_op.create_index("ix_enrollment_unit_end", ["unit_id", "kind_id", "end_on"], unique=False)
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.create_index("ix_person_legacy", ["id_legacy"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("person", schema=None) as batch_op:
        batch_op.drop_index("ix_person_legacy")
    with op.batch_alter_table("enrollment", schema=None) as batch_op:
        batch_op.drop_index("ix_enrollment_unit_end")
        batch_op.drop_index("ix_enrollment_end")
