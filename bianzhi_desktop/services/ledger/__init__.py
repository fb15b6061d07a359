"""The quota ledger (编制台账): entries by kind, leader posts (领导职数), hiring plans, the county pool,
the quota arithmetic as of any date, initialisation entries, and the county overview.

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.ledger.entries import (
    EnrollmentInput,
    EnrollmentResult,
    HiringPlanInput,
)
from bianzhi_desktop.services.ledger.initialisation import (
    record_enrollment,
    record_hiring_plan,
    record_leader_posts,
    record_quota,
    record_removal,
)
from bianzhi_desktop.services.ledger.kinds import (
    list_kinds,
    resolve_kind,
)
from bianzhi_desktop.services.ledger.overview import (
    NavUnit,
    RetirementLine,
    navigation,
    retiring_within,
)
from bianzhi_desktop.services.ledger.pool import (
    balance,
)
from bianzhi_desktop.services.ledger.quota import (
    LeaderPostLine,
    QuotaLine,
    approved_entries,
    county_totals,
    enrolled_people,
    figures,
    figures_by_unit_kind,
    largest_unit_id,
    leader_post_entries,
    leader_posts,
    reserved_plans,
    summary,
)

__all__ = [
    "EnrollmentInput",
    "EnrollmentResult",
    "HiringPlanInput",
    "LeaderPostLine",
    "NavUnit",
    "QuotaLine",
    "RetirementLine",
    "approved_entries",
    "balance",
    "county_totals",
    "enrolled_people",
    "figures",
    "figures_by_unit_kind",
    "largest_unit_id",
    "leader_post_entries",
    "leader_posts",
    "list_kinds",
    "navigation",
    "record_enrollment",
    "record_hiring_plan",
    "record_leader_posts",
    "record_quota",
    "record_removal",
    "reserved_plans",
    "resolve_kind",
    "retiring_within",
    "summary",
]
