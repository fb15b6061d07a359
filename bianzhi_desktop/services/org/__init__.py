"""The organisation (机构): units and their nameplates, internal divisions (内设机构), charters (三定规定),
the documents (文号) that figures rest on, and the histories of units and people.

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.org.charters import (
    CharterInfo,
    charter_in_force,
    charter_versions,
    issue_charter,
)
from bianzhi_desktop.services.org.divisions import (
    DivisionInfo,
    abolish_division,
    add_division,
    list_divisions,
    update_division,
)
from bianzhi_desktop.services.org.documents import (
    DocumentRef,
)
from bianzhi_desktop.services.org.history import (
    EnrollmentLine,
    person_history,
    unit_history,
)
from bianzhi_desktop.services.org.units import (
    UnitInfo,
    UnitInput,
    abolish_unit,
    active_enrollment_count,
    add_name,
    capped_unit_count,
    create_unit,
    find_unit_by_name,
    get_unit,
    list_units,
    update_unit,
)

__all__ = [
    "CharterInfo",
    "DivisionInfo",
    "DocumentRef",
    "EnrollmentLine",
    "UnitInfo",
    "UnitInput",
    "abolish_division",
    "abolish_unit",
    "active_enrollment_count",
    "add_division",
    "add_name",
    "capped_unit_count",
    "charter_in_force",
    "charter_versions",
    "create_unit",
    "find_unit_by_name",
    "get_unit",
    "issue_charter",
    "list_divisions",
    "list_units",
    "person_history",
    "unit_history",
    "update_division",
    "update_unit",
]
