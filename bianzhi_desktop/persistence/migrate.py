"""Schema migrations shipped inside the package (Alembic), run when a database is opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from .errors import DatabaseProblem, DatabaseTooNew, Problem

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
# A table every database of ours has; a file with tables but neither this nor Alembic's is not ours.
MARKER_TABLE = "setting"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    return {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def check_ours(tables: set[str], where: str) -> None:
    if tables and "alembic_version" not in tables and MARKER_TABLE not in tables:
        raise DatabaseProblem(Problem.NOT_OURS, where=where)


def upgrade(
    engine: Engine,
    where: str,
    *,
    target: str = "head",
    backup: Callable[[Engine, str], Path] | None = None,
) -> Path | None:
    """Bring the schema to `target`; back the file up first when an existing schema changes."""
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise DatabaseTooNew(current, where)
    wanted = head_revision() if target == "head" else target
    if current == wanted:
        return None
    backup_path = backup(engine, current) if (backup is not None and current is not None) else None
    command.upgrade(alembic_config(engine), target)
    return backup_path
