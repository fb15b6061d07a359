"""GUI fixtures shared by the GUI tests: a small demo county, a signed-in context, injected settings.

The demo county (云溪县, 300 persons, seed 7) is built once per test session into a template file and
copied for each test module (`demo_db`), so modules that write cannot disturb each other.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bianzhi_desktop.gui.context import AppContext
from bianzhi_desktop.gui.settings import Settings
from bianzhi_desktop.persistence.database import Database, open_database
from bianzhi_desktop.services.admin import settings as office
from bianzhi_desktop.services.admin import users


@pytest.fixture(scope="module")
def demo_db(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The demo county 云溪县 (300 persons), a fresh copy for each test module."""
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    shutil.copyfile(demo_template, path)
    db = open_database(path)
    # The demo ends a year after initialisation was closed; these tests exercise status-quo entry
    # (and the ones about the closed mode close it themselves), so reopen it on the copy.
    with db.write() as uow:
        admin = users.authenticate(uow, "admin", "demo1234")
        office.set_initialisation(uow, admin, True)
        uow.commit()
    yield db
    db.close()


@pytest.fixture(scope="module")
def demo_ctx(demo_db: Database) -> AppContext:
    """Signed in to the demo county as its administrator (admin / demo1234)."""
    with demo_db.write() as uow:
        actor = users.authenticate(uow, "admin", "demo1234")
    return AppContext(demo_db, actor)


@pytest.fixture
def gui_settings(tmp_path: Path) -> Settings:
    """The program's settings in a temporary INI file."""
    return Settings(tmp_path / "bianzhi.ini")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The offscreen platform warns whenever a main window is shown (it has no window manager to pass
    size hints to); that warning says nothing about the program, every other Qt warning fails a test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.qt_log_ignore(r"This plugin does not support propagateSizeHints\(\)"))
