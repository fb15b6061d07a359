"""Schema migrations shipped inside the package (Alembic), run when a database is opened.

Opening an up-to-date database must be quick (it is on the program's start-up path), so the schema's
revision is read with plain SQL and the shipped revisions are read from the migration files' headers;
Alembic itself (~0.5 s to import) is imported only when an upgrade is actually needed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from bianzhi_desktop.persistence.errors import DatabaseFault, DatabaseProblem, DatabaseTooNew

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
VERSIONS_DIR = MIGRATIONS_DIR / "versions"
# A table every database of ours has; a file with tables but neither this nor Alembic's is not ours.
MARKER_TABLE = "setting"
VERSION_TABLE = "alembic_version"

_REVISION = re.compile(r"^revision\s*(?::[^=]*)?=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_REVISION = re.compile(r"^down_revision\s*(?::[^=]*)?=\s*(.+)$", re.MULTILINE)
_QUOTED = re.compile(r"['\"]([^'\"]+)['\"]")


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


@cache
def _shipped() -> tuple[frozenset[str], str]:
    """(every shipped revision, the head), read from the `revision = …` / `down_revision = …` lines
    of the migration files (a test holds this equal to what Alembic's script directory says)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        source = path.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN_REVISION.search(source)
        if down is not None:
            parents.update(_QUOTED.findall(down.group(1)))
    heads = revisions - parents
    if len(heads) != 1:
        raise RuntimeError(f"migrations must have exactly one head, found {sorted(heads)}")
    return frozenset(revisions), heads.pop()


def head_revision() -> str:
    return _shipped()[1]


def known_revisions() -> set[str]:
    return set(_shipped()[0])


def current_revision(engine: Engine) -> str | None:
    """The schema's revision as Alembic records it (None for a database without one)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table(VERSION_TABLE):
            return None
        rows = conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalars().all()
    if not rows:
        return None
    return ",".join(sorted(rows))  # several rows (branches) never match a shipped revision: refused


def check_ours(tables: set[str], where: str) -> None:
    if tables and VERSION_TABLE not in tables and MARKER_TABLE not in tables:
        raise DatabaseProblem(DatabaseFault.NOT_OURS, where=where)


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
    from alembic import command  # only now: importing Alembic costs ~0.5 s of every start

    command.upgrade(alembic_config(engine), target)
    return backup_path


def check_current(engine: Engine, tables: set[str], where: str) -> None:
    """For a read-only open: the schema must be ours and exactly the shipped head (nothing is migrated)."""
    if not tables:
        raise DatabaseProblem(DatabaseFault.NOT_INITIALISED, where=where)
    check_ours(tables, where)
    current = current_revision(engine)
    if current is not None and current not in known_revisions():
        raise DatabaseTooNew(current, where)
    if current != head_revision():
        raise DatabaseProblem(DatabaseFault.NEEDS_UPGRADE, where=where)
