"""The throwaway PostgreSQL used by the server-mode tests starts, serves and makes new databases."""

from __future__ import annotations

import pytest
import sqlalchemy

from . import pgserver


def _select_one(url: str) -> int:
    engine = sqlalchemy.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sqlalchemy.text("select 1")).scalar_one()
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_throwaway_server_starts_and_creates_databases(tmp_path_factory: pytest.TempPathFactory) -> None:
    server = pgserver.start_pg_server(tmp_path_factory.mktemp("pgserver"))
    if server is None:
        pytest.skip(f"PostgreSQL 不可用：{pgserver.LAST_ERROR}")
    try:
        assert server.url.startswith("postgresql+psycopg://")
        assert _select_one(server.url) == 1

        second = server.new_database("second_db")
        assert second != server.url
        assert second.endswith("/second_db")
        assert _select_one(second) == 1
    finally:
        server.stop()
    assert not server.data_dir.exists()
