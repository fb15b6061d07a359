"""The database's own protections of the audit log (append-only triggers, as migration 0002 creates
them), checked each time a database is opened for writing and restored where someone dropped them.

Dropping a trigger needs nothing but the file (or a database login); a later `DROP TRIGGER` + `UPDATE`
is found by the audit chain (audit_chain.py), and the trigger itself comes back on the next open, with
a warning in the crash log and a line the window and the console show.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# The same statements as migration 0002 (a test holds them equal).
SQLITE_TRIGGERS = {
    "audit_log_no_update": "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
    "audit_log_no_delete": "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END",
}
POSTGRES_FUNCTION = (
    "CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'audit log is append-only'; END $$ LANGUAGE plpgsql"
)
POSTGRES_TRIGGERS = {
    "audit_log_append_only": "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
    "FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()",
}


def missing_triggers(connection: Connection) -> list[str]:
    """Names of the protective triggers the database lacks (or has disabled, on PostgreSQL)."""
    if connection.dialect.name == "sqlite":
        present = set(
            connection.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
            ).scalars()
        )
        return [name for name in SQLITE_TRIGGERS if name not in present]
    enabled = set(
        connection.execute(
            text(
                "SELECT tgname FROM pg_trigger WHERE tgrelid = 'audit_log'::regclass "
                "AND NOT tgisinternal AND tgenabled <> 'D'"
            )
        ).scalars()
    )
    return [name for name in POSTGRES_TRIGGERS if name not in enabled]


def restore_triggers(connection: Connection) -> list[str]:
    """Create the protective triggers that are missing; their names (empty when all were in place)."""
    missing = missing_triggers(connection)
    if not missing:
        return []
    if connection.dialect.name == "sqlite":
        for name in missing:
            connection.execute(text(SQLITE_TRIGGERS[name]))
    else:
        connection.execute(text(POSTGRES_FUNCTION))
        for name in missing:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON audit_log"))  # a disabled one
            connection.execute(text(POSTGRES_TRIGGERS[name]))
    return missing
