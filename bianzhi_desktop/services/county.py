"""Creating a county database: office settings, the usual quota kinds, the first administrator."""

from __future__ import annotations

from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import RuleViolation
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services.admin import settings, users
from bianzhi_desktop.services.context import SYSTEM_ACTOR, Actor
from bianzhi_desktop.services.ledger import kinds as quota_kinds


def create_county(
    db: Database,
    *,
    county_name: str,
    office_name: str,
    doc_prefix: str,
    admin_username: str,
    admin_password: str,
    admin_name: str = "系统管理员",
    institution_cap: int = 0,
) -> Actor:
    """Set up an empty database for a county; returns the first administrator. All or nothing."""
    with db.write() as uow:
        if users.user_count(uow) > 0:
            raise RuleViolation("该数据库已经建立了县（市、区）的数据，不能重复初始化。")
        admin_info = users.add_user(
            uow,
            SYSTEM_ACTOR,
            username=admin_username,
            display_name=admin_name,
            password=admin_password,
            roles={Role.ADMIN},
        )
        admin = users.actor_by_id(uow, admin_info.id)
        settings.set_office(
            uow, admin, county_name=county_name, office_name=office_name, doc_prefix=doc_prefix
        )
        settings.set_institution_cap(uow, admin, institution_cap)
        settings.set_initialisation(uow, admin, True)
        quota_kinds.seed_defaults(uow)
        uow.commit()
    return admin


def is_initialised(db: Database) -> bool:
    with db.read() as uow:
        return users.user_count(uow) > 0
