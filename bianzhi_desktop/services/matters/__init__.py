"""Staffing matters (机构编制事项): drafted, submitted, reviewed and approved by different people; the
rules an approval must pass; applying an approved matter to the records; the inbox and matter views.

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.matters.change_preview import (
    Preview,
    QuotaChangeLine,
    preview,
)
from bianzhi_desktop.services.matters.inbox import (
    ALL,
    WAITING,
    MatterQuery,
    find_matters,
    waiting_count,
)
from bianzhi_desktop.services.matters.queries import (
    MatterDetail,
    matter_detail,
)
from bianzhi_desktop.services.matters.rules import (
    late_removals,
)
from bianzhi_desktop.services.matters.views import (
    PaperRef,
    PersonOnQuota,
    allowed_actions,
    approved_quotas,
    describe,
    enrollment_unit,
    matter_papers,
    people_on_quota,
)
from bianzhi_desktop.services.matters.workflow import (
    OPINION_REQUIRED,
    approve,
    create_draft,
    edit_draft,
    reject,
    return_matter,
    review,
    submit,
    withdraw,
)

__all__ = [
    "ALL",
    "OPINION_REQUIRED",
    "WAITING",
    "MatterDetail",
    "MatterQuery",
    "PaperRef",
    "PersonOnQuota",
    "Preview",
    "QuotaChangeLine",
    "allowed_actions",
    "approve",
    "approved_quotas",
    "create_draft",
    "describe",
    "edit_draft",
    "enrollment_unit",
    "find_matters",
    "late_removals",
    "matter_detail",
    "matter_papers",
    "people_on_quota",
    "preview",
    "reject",
    "return_matter",
    "review",
    "submit",
    "waiting_count",
    "withdraw",
]
