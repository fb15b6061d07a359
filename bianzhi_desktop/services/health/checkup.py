"""The health check as the office runs it, in one place for the window and the console: run every check,
enter the run on the rectification ledger (整改台账), and write the findings list if asked — in one
transaction, so the ledger and the exported list agree."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services.context import Actor
from bianzhi_desktop.services.health.checks.base import HealthFinding
from bianzhi_desktop.services.health.findings_export import export_findings
from bianzhi_desktop.services.health.rectification import RunRecord, record_run
from bianzhi_desktop.services.health.run import run_health_check


@dataclass(frozen=True)
class Checkup:
    findings: list[HealthFinding]
    recorded: RunRecord | None  # None when the run was not entered on the ledger
    exported: Path | None


def check_county(
    db: Database,
    actor: Actor,
    as_of: dt.date | None = None,
    *,
    record: bool = True,
    export_to: Path | str | None = None,
) -> Checkup:
    """Run the health check as of a day. `record` enters the run on the rectification ledger;
    `export_to` also writes the findings list (the ledger with this run's notices), which implies
    recording. Without either, nothing is written."""
    with db.read() as uow:  # the checks read a snapshot; other clerks' saves do not wait for them
        findings = run_health_check(uow, actor, as_of)
    if not record and export_to is None:
        return Checkup(findings, None, None)
    with db.write() as uow:
        recorded = record_run(uow, actor, findings, as_of)
        exported = (
            export_findings(uow, actor, export_to, findings, as_of=as_of) if export_to is not None else None
        )
        uow.commit()
    return Checkup(findings, recorded, exported)
