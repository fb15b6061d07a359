"""Excel in and out: roster and ledger imports (preview, then all or nothing) and the exports.

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.exchange.common import (
    Problem,
    write_error_report,
)
from bianzhi_desktop.services.exchange.export import (
    export_ledger,
    export_posting,
    export_roster,
    export_summary,
)
from bianzhi_desktop.services.exchange.ledger_import import (
    commit_ledger,
    preview_ledger,
)
from bianzhi_desktop.services.exchange.roster_import import (
    RosterPreview,
    commit_roster,
    preview_roster,
)

__all__ = [
    "Problem",
    "RosterPreview",
    "commit_ledger",
    "commit_roster",
    "export_ledger",
    "export_posting",
    "export_roster",
    "export_summary",
    "preview_ledger",
    "preview_roster",
    "write_error_report",
]
