"""Paperwork (公文、通知单、表格): the plain inputs of the PDF documents, built from the records.

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.paperwork.frozen import (
    record_printed,
)
from bianzhi_desktop.services.paperwork.papers import (
    decision,
    enrollment_notice,
    hiring_notice,
    latest_decision_document,
    notice_ids,
    notices,
    public_roster,
    removal_notice,
    unit_sheet,
)

__all__ = [
    "decision",
    "enrollment_notice",
    "hiring_notice",
    "latest_decision_document",
    "notice_ids",
    "notices",
    "public_roster",
    "record_printed",
    "removal_notice",
    "unit_sheet",
]
