"""Alembic environment: runs against the engine the program hands over (never a config file)."""

from __future__ import annotations

from alembic import context

from bianzhi_desktop.persistence.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:
    raise RuntimeError("bianzhi migrations run only through bianzhi_desktop.persistence.migrate")

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite ALTER TABLE through copy-and-move
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
