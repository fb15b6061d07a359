"""Administration (系统管理): users and their roles, office settings, the audit log, creating a county.

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.admin.audit_log import (
    AuditLine,
    list_audit,
)
from bianzhi_desktop.services.admin.golive import (
    CheckItem,
    Checklist,
    CountyStatus,
    InitialisationState,
    checklist,
    county_status,
    go_live,
    initialisation_state,
    reopen_initialisation,
)
from bianzhi_desktop.services.admin.settings import (
    office_settings,
    set_self_approval,
)
from bianzhi_desktop.services.admin.users import (
    actor_by_id,
    actor_of,
    add_user,
    authenticate,
    list_users,
    reset_password,
)

__all__ = [
    "AuditLine",
    "CheckItem",
    "Checklist",
    "CountyStatus",
    "InitialisationState",
    "actor_by_id",
    "actor_of",
    "add_user",
    "authenticate",
    "checklist",
    "county_status",
    "go_live",
    "initialisation_state",
    "list_audit",
    "list_users",
    "office_settings",
    "reopen_initialisation",
    "reset_password",
    "set_self_approval",
]
