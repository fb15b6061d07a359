"""Administration (系统管理): users and their roles, office settings, the audit log, creating a county.

The public face of this area: the window, the console and the demo county use only these names.
"""

from __future__ import annotations

from bianzhi_desktop.services.admin.audit_log import (
    AuditLine,
    list_audit,
)
from bianzhi_desktop.services.admin.settings import (
    office_settings,
    set_initialisation,
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
    "actor_by_id",
    "actor_of",
    "add_user",
    "authenticate",
    "list_audit",
    "list_users",
    "office_settings",
    "reset_password",
    "set_initialisation",
]
