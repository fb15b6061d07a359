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
from bianzhi_desktop.services.exchange.hire_batch import (
    draft_hires,
    preview_hires,
)
from bianzhi_desktop.services.exchange.import_choices import (
    BatchChoices,
    default_basis_title,
    group_problems,
)
from bianzhi_desktop.services.exchange.ledger_import import (
    commit_ledger,
    preview_ledger,
)
from bianzhi_desktop.services.exchange.removal_batch import (
    draft_removals,
    preview_removals,
)
from bianzhi_desktop.services.exchange.roster_import import (
    RosterPreview,
    commit_roster,
    preview_roster,
)

__all__ = [
    "BatchChoices",
    "Problem",
    "RosterPreview",
    "commit_ledger",
    "commit_roster",
    "default_basis_title",
    "draft_hires",
    "draft_removals",
    "export_ledger",
    "export_posting",
    "export_roster",
    "export_summary",
    "group_problems",
    "preview_hires",
    "preview_ledger",
    "preview_removals",
    "preview_roster",
    "write_error_report",
]
