"""The tamper-evident record (issue 15, item 6): audit records chained by hash, ledger and register rows
sealed, protective triggers restored on open, the health check naming the first bad record — on SQLite
and PostgreSQL, and on a database upgraded from revision 0008."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import inspect, text

from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.persistence import migrate
from bianzhi_desktop.persistence.database import Database, open_database
from bianzhi_desktop.persistence.protection import POSTGRES_FUNCTION, POSTGRES_TRIGGERS, SQLITE_TRIGGERS
from bianzhi_desktop.services.health import run_health_check
from bianzhi_desktop.services.health.checks.base import HealthFinding

from ..conftest import County
from ..services.helpers import EPOCH, add_quota, add_unit


def _audit_findings(db: Database, county: County) -> list[HealthFinding]:
    with db.read() as uow:
        return run_health_check(uow, county.clerk, codes=[FindingCode.AUDIT_CHAIN_BROKEN])


def _some_records(qh: County) -> tuple[int, list[int]]:
    unit = add_unit(qh.db, qh.admin, "清河县民政局")
    entries = [add_quota(qh.db, qh.admin, unit, "行政编制", amount) for amount in (5, 3, 2)]
    return unit, entries


def _drop_triggers(db: Database) -> None:
    with db.engine.begin() as conn:
        if db.is_sqlite:
            for name in SQLITE_TRIGGERS:
                conn.exec_driver_sql(f"DROP TRIGGER {name}")
        else:
            conn.exec_driver_sql("DROP TRIGGER audit_log_append_only ON audit_log")


def _audit_ids(db: Database) -> list[int]:
    with db.engine.connect() as conn:
        return list(conn.execute(text("SELECT id FROM audit_log ORDER BY id")).scalars())


def test_untouched_records_verify_and_every_record_is_chained(qh: County) -> None:
    _some_records(qh)
    assert _audit_findings(qh.db, qh) == []
    with qh.db.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM audit_log WHERE hash IS NULL")).scalar() == 0
        sealed = conn.execute(text("SELECT count(*) FROM quota_entry WHERE seal IS NOT NULL")).scalar()
        named = conn.execute(
            text("SELECT count(*) FROM audit_log WHERE table_name = 'quota_entry' AND row_seal IS NOT NULL")
        ).scalar()
    assert sealed == named == 3


@pytest.mark.parametrize("tampering", ["edit", "delete"])
def test_an_audit_record_changed_behind_the_program_is_named(qh: County, tampering: str) -> None:
    _some_records(qh)
    ids = _audit_ids(qh.db)
    victim = ids[len(ids) // 2]
    _drop_triggers(qh.db)
    with qh.db.engine.begin() as conn:
        if tampering == "edit":
            conn.execute(text("UPDATE audit_log SET summary = '无事发生' WHERE id = :id"), {"id": victim})
        else:
            conn.execute(text("DELETE FROM audit_log WHERE id = :id"), {"id": victim})
    first_bad = victim if tampering == "edit" else ids[ids.index(victim) + 1]
    with qh.db.engine.connect() as conn:
        at, action = conn.execute(
            text("SELECT at, action FROM audit_log WHERE id = :id"), {"id": first_bad}
        ).one()
    [finding] = _audit_findings(qh.db, qh)
    assert finding.code is FindingCode.AUDIT_CHAIN_BROKEN
    assert finding.severity.value == "problem"
    assert finding.figures["audit_id"] == first_bad
    assert finding.figures["action"] == action
    assert str(finding.figures["at"]) == str(at)[:19].replace("T", " ")
    assert f"第{first_bad}号审计记录" in finding.message
    remaining = [record for record in ids if tampering == "edit" or record != victim]
    assert finding.figures["checked"] == remaining.index(first_bad) + 1  # the records before it verified


def test_the_last_records_deleted_are_noticed(qh: County) -> None:
    _some_records(qh)
    _drop_triggers(qh.db)
    with qh.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)"))
    [finding] = _audit_findings(qh.db, qh)
    assert "最后的审计记录可能在本程序之外被删除" in finding.message


def test_a_ledger_entry_raised_by_plain_sql_is_noticed(qh: County) -> None:
    _unit, entries = _some_records(qh)
    with qh.db.engine.begin() as conn:
        conn.execute(text("UPDATE quota_entry SET delta = delta + 40 WHERE id = :id"), {"id": entries[1]})
    [finding] = _audit_findings(qh.db, qh)
    assert finding.subject == "seal:quota_entry"
    assert finding.records == {"quota_entry": (entries[1],)}
    assert f"编制台账第{entries[1]}号" in finding.message


def test_writes_after_a_rolled_back_savepoint_still_chain(qh: County) -> None:
    """A preview applies a matter in a savepoint that is rolled back: the chain's head goes back too."""
    unit, _ = _some_records(qh)
    from bianzhi_desktop.services.ledger import initialisation

    with qh.db.write() as uow:
        savepoint = uow.session.begin_nested()
        initialisation.record_quota(uow, qh.admin, unit, "行政编制", 7, EPOCH, "清编〔2020〕2号")
        savepoint.rollback()
        initialisation.record_quota(uow, qh.admin, unit, "行政编制", 1, EPOCH, "清编〔2020〕3号")
        uow.commit()
    assert _audit_findings(qh.db, qh) == []


def test_concurrent_writers_keep_one_chain(qh: County) -> None:
    unit, _ = _some_records(qh)
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        try:
            for number in range(4):
                add_quota(qh.db, qh.admin, unit, "行政编制", 1, doc=f"清编〔2021〕{offset + number}号")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(offset,)) for offset in (1, 11, 21)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _audit_findings(qh.db, qh) == []


def test_dropped_triggers_are_restored_on_open_and_reported(qh: County) -> None:
    _some_records(qh)
    _drop_triggers(qh.db)
    again = open_database(qh.db.url)
    try:
        [line] = again.repaired
        assert "防篡改保护" in line and "已被删除，现已恢复" in line
        with pytest.raises(Exception), again.engine.begin() as conn:  # noqa: B017 - any refusal will do
            conn.execute(text("UPDATE audit_log SET summary = 'changed'"))
        third = open_database(qh.db.url)
        assert third.repaired == []  # nothing missing the next time
        third.close()
    finally:
        again.close()


def test_upgrade_from_0008_with_data_verifies_clean(qh: County) -> None:
    from alembic import command

    _some_records(qh)
    engine = qh.db.engine
    command.downgrade(migrate.alembic_config(engine), "0008")
    with engine.connect() as conn:
        assert "hash" not in {column["name"] for column in inspect(conn).get_columns("audit_log")}
    migrate.upgrade(engine, "test")
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert _audit_findings(qh.db, qh) == []
    add_quota(qh.db, qh.admin, add_unit(qh.db, qh.admin, "清河县司法局"), "行政编制", 4)
    assert _audit_findings(qh.db, qh) == []  # new records chain on from the upgraded ones


def test_the_demo_county_verifies(demo_template) -> None:  # type: ignore[no-untyped-def]
    """Every path that writes (matters, batches, bulk registration, imports) leaves a chain that verifies."""
    db = open_database(demo_template, read_only=True)
    try:
        from bianzhi_desktop.services.context import SYSTEM_ACTOR

        with db.read() as uow:
            assert run_health_check(uow, SYSTEM_ACTOR, codes=[FindingCode.AUDIT_CHAIN_BROKEN]) == []
    finally:
        db.close()


def test_the_triggers_restored_are_those_of_migration_0002() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("m0002", migrate.VERSIONS_DIR / "0002_audit_append_only.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert list(SQLITE_TRIGGERS.values()) == module._SQLITE
    assert [
        POSTGRES_FUNCTION.replace("CREATE OR REPLACE", "CREATE"),
        *POSTGRES_TRIGGERS.values(),
    ] == module._POSTGRES


def test_the_migration_seals_the_columns_the_program_seals() -> None:
    import importlib.util

    from bianzhi_desktop.persistence.audit_chain import SEALED_TABLES, seal_columns

    path = migrate.VERSIONS_DIR / "0010_audit_chain.py"
    spec = importlib.util.spec_from_file_location("m0010", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert {
        name: tuple(column.name for column in seal_columns(table)) for name, table in SEALED_TABLES.items()
    } == module._SEALED_COLUMNS
