"""The start-up path reads the schema revision without Alembic; Alembic agrees with what it reads."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from alembic.script import ScriptDirectory

from bianzhi_desktop.persistence import migrate
from bianzhi_desktop.persistence.database import open_database


def test_revisions_read_from_the_files_match_alembics() -> None:
    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {script.revision for script in scripts.walk_revisions()}


def test_opening_an_up_to_date_database_does_not_import_alembic(tmp_path: Path) -> None:
    path = tmp_path / "current.sqlite3"
    open_database(path).close()  # created and migrated (with Alembic) in this process
    code = (
        "import sys\n"
        "from bianzhi_desktop.persistence.database import open_database\n"
        f"db = open_database({str(path)!r})\n"
        "db.close()\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'alembic'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_a_database_without_a_revision_reads_as_none(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    try:
        assert migrate.current_revision(engine) is None
    finally:
        engine.dispose()
