"""Shared fixtures. Tests run headless; Qt warnings fail tests (see pyproject's qt_log_level_fail)."""

from __future__ import annotations

import itertools
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Unexpected errors shown by the GUI are logged (gui/crashlog.py): not into the user's own data folder.
os.environ.setdefault("BIANZHI_LOG_DIR", tempfile.mkdtemp(prefix="bianzhi-test-logs-"))

import pytest

from bianzhi_desktop.demo import DemoReport
from bianzhi_desktop.domain import passwords
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.persistence.database import Database, open_database, sqlite_url
from bianzhi_desktop.services import county
from bianzhi_desktop.services.admin import users
from bianzhi_desktop.services.context import Actor

from . import pgserver

_counter = itertools.count()


@pytest.fixture(scope="session", autouse=True)
def cheap_password_hashing() -> Iterator[None]:
    """argon2id with the smallest parameters, so hundreds of users and sign-ins cost little (production
    code reads no setting that could do this)."""
    passwords.use_parameters(time_cost=1, memory_cost=8, parallelism=1)
    yield


@pytest.fixture(scope="session")
def pg_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pgserver.PgServer | None]:
    server = pgserver.start_pg_server(tmp_path_factory.mktemp("pg"))
    yield server
    if server is not None:
        server.stop()


def _new_url(backend: str, tmp_path: Path, pg_server: pgserver.PgServer | None) -> str:
    if backend == "sqlite":
        return sqlite_url(tmp_path / "county.sqlite3")
    if pg_server is None:
        if os.environ.get("CI") and os.environ.get("BIANZHI_REQUIRE_POSTGRES", "1") == "1":
            pytest.fail(
                f"CI must run the PostgreSQL tests, but no server could be started: {pgserver.LAST_ERROR}"
            )
        pytest.skip(f"PostgreSQL 不可用：{pgserver.LAST_ERROR}")
    return pg_server.new_database(f"t{os.getpid()}_{next(_counter)}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A fresh, migrated, empty database on SQLite and (where it can run) PostgreSQL."""
    server = request.getfixturevalue("pg_server") if request.param == "postgres" else None
    database = open_database(_new_url(request.param, tmp_path, server))
    yield database
    database.close()


@pytest.fixture
def sqlite_db(tmp_path: Path) -> Iterator[Database]:
    database = open_database(tmp_path / "county.sqlite3")
    yield database
    database.close()


@dataclass
class County:
    db: Database
    admin: Actor
    clerk: Actor
    reviewer: Actor
    approver: Actor


def make_county(database: Database) -> County:
    admin = county.create_county(
        database,
        county_name="清河县",
        office_name="中共清河县委机构编制委员会办公室",
        doc_prefix="清编办发",
        admin_username="admin",
        admin_password="admin123",
    )
    actors = {}
    with database.write() as uow:
        for username, name, role in (
            ("clerk", "李经办", Role.CLERK),
            ("reviewer", "王审核", Role.REVIEWER),
            ("approver", "赵主任", Role.APPROVER),
        ):
            info = users.add_user(
                uow, admin, username=username, display_name=name, password="secret1", roles={role}
            )
            actors[username] = users.actor_by_id(uow, info.id)
        uow.commit()
    return County(database, admin, actors["clerk"], actors["reviewer"], actors["approver"])


@pytest.fixture
def qh(db: Database) -> County:
    """清河县: an empty county with an administrator, a clerk, a reviewer and an approver."""
    return make_county(db)


# The demo county (云溪县, 300 persons, seed 7), built once per session; tests copy it before writing.
DEMO_PERSONS = 300
DEMO_SEED = 7


@dataclass(frozen=True)
class DemoBuild:
    path: Path
    report: DemoReport


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory: pytest.TempPathFactory) -> DemoBuild:
    """The demo county as built, with the builder's report (its seeded problems). Do not write to it."""
    from bianzhi_desktop.demo import build_demo_county

    path = tmp_path_factory.mktemp("demo-template") / "demo.sqlite3"
    db = open_database(path)
    try:
        report = build_demo_county(db, persons=DEMO_PERSONS, seed=DEMO_SEED)
    finally:
        db.close()
    return DemoBuild(path, report)


@pytest.fixture(scope="session")
def demo_template(demo_build: DemoBuild) -> Path:
    """The demo county's file: copy it before writing to it."""
    return demo_build.path
