"""The county health check (体检) and its rectification ledger (整改台账).

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.health.checks.base import (
    CheckContext,
    HealthFinding,
)
from bianzhi_desktop.services.health.checkup import (
    Checkup,
    check_county,
)
from bianzhi_desktop.services.health.findings_export import (
    export_findings,
)
from bianzhi_desktop.services.health.rectification import (
    LedgerEntry,
    close,
    list_entries,
    people_behind,
    record_run,
    start_rectifying,
    steps,
)
from bianzhi_desktop.services.health.run import (
    CHECKS,
    counts_by_code,
    run_health_check,
)

__all__ = [
    "CHECKS",
    "CheckContext",
    "Checkup",
    "HealthFinding",
    "LedgerEntry",
    "check_county",
    "close",
    "counts_by_code",
    "export_findings",
    "list_entries",
    "people_behind",
    "record_run",
    "run_health_check",
    "start_rectifying",
    "steps",
]
