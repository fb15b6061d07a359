"""The name-by-name register (实名制): persons, bulk registration, and the searchable register table.

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.register.bulk import (
    PersonEnrollmentRow,
    register_people,
)
from bianzhi_desktop.services.register.persons import (
    PersonInfo,
    PersonInput,
    clean_name,
    create_person,
    find_by_id_number,
    get_person,
    update_person,
)
from bianzhi_desktop.services.register.search import (
    RegisterFilter,
    RegisterRow,
    RegisterStatus,
    SortKey,
    first_page,
    may_see_id_numbers,
    register_ids,
    register_rows,
)

__all__ = [
    "PersonEnrollmentRow",
    "PersonInfo",
    "PersonInput",
    "RegisterFilter",
    "RegisterRow",
    "RegisterStatus",
    "SortKey",
    "clean_name",
    "create_person",
    "find_by_id_number",
    "first_page",
    "get_person",
    "may_see_id_numbers",
    "register_ids",
    "register_people",
    "register_rows",
    "update_person",
]
