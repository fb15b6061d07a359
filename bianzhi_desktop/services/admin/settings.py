"""Office settings (county, office, document prefix, initialisation mode, institution cap …)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bianzhi_desktop.domain.defaults import SETTING_DEFAULTS, SettingKey
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Setting
from bianzhi_desktop.services.context import Actor, audit, require


@dataclass(frozen=True)
class OfficeSettings:
    county_name: str
    office_name: str
    doc_prefix: str
    initialisation: bool
    institution_cap: int
    allow_self_approval: bool
    removal_limit_days: int
    enrollment_limit_days: int


def read_all(uow: UnitOfWork) -> dict[str, str]:
    values = dict(SETTING_DEFAULTS)
    values.update({row.key: row.value for row in uow.session.scalars(select(Setting))})
    return values


def office_settings(uow: UnitOfWork) -> OfficeSettings:
    values = read_all(uow)
    return OfficeSettings(
        county_name=values.get(SettingKey.COUNTY_NAME, ""),
        office_name=values.get(SettingKey.OFFICE_NAME, ""),
        doc_prefix=values.get(SettingKey.DOC_PREFIX, ""),
        initialisation=values[SettingKey.INITIALISATION] == "1",
        institution_cap=int(values[SettingKey.INSTITUTION_CAP]),
        allow_self_approval=values[SettingKey.ALLOW_SELF_APPROVAL] == "1",
        removal_limit_days=int(values[SettingKey.REMOVAL_LIMIT_DAYS]),
        enrollment_limit_days=int(values[SettingKey.ENROLLMENT_LIMIT_DAYS]),
    )


def write_setting(uow: UnitOfWork, actor: Actor, key: str, value: str) -> None:
    require(actor, Role.ADMIN, action="修改系统设置")
    row = uow.session.get(Setting, key)
    old = row.value if row else SETTING_DEFAULTS.get(key)
    if old == value:
        return
    if row is None:
        uow.session.add(Setting(key=key, value=value))
    else:
        row.value = value
    audit(
        uow,
        actor,
        "setting.change",
        summary=f"修改设置 {key}",
        changes={key: (old, value)},
        table_name="setting",
    )


def set_office(uow: UnitOfWork, actor: Actor, *, county_name: str, office_name: str, doc_prefix: str) -> None:
    for field, value in (
        ("县（市、区）名称", county_name),
        ("编办名称", office_name),
        ("发文字号前缀", doc_prefix),
    ):
        if not value.strip():
            raise ValidationError(field, "不能为空")
    write_setting(uow, actor, SettingKey.COUNTY_NAME, county_name.strip())
    write_setting(uow, actor, SettingKey.OFFICE_NAME, office_name.strip())
    write_setting(uow, actor, SettingKey.DOC_PREFIX, doc_prefix.strip())


def set_institution_cap(uow: UnitOfWork, actor: Actor, cap: int) -> None:
    if cap < 0:
        raise ValidationError("机构限额", "不能为负数")
    write_setting(uow, actor, SettingKey.INSTITUTION_CAP, str(cap))


def set_initialisation(uow: UnitOfWork, actor: Actor, enabled: bool) -> None:
    """Turn initialisation mode on or off. Off: figures change only through approved matters."""
    write_setting(uow, actor, SettingKey.INITIALISATION, "1" if enabled else "0")


def set_self_approval(uow: UnitOfWork, actor: Actor, enabled: bool, reason: str = "") -> None:
    """The small-office relaxation (the drafter may approve their own matter), recorded with its reason."""
    reason = reason.strip()
    if enabled and not reason:
        raise ValidationError("放宽理由", "启用“允许批准本人起草的事项”须写明理由（如编办只有两名工作人员）")
    write_setting(uow, actor, SettingKey.ALLOW_SELF_APPROVAL, "1" if enabled else "0")
    write_setting(uow, actor, SettingKey.SELF_APPROVAL_REASON, reason if enabled else "")


def require_initialisation(uow: UnitOfWork, what: str) -> None:
    if not office_settings(uow).initialisation:
        raise RuleViolation(
            f"初始化录入已关闭，不能直接{what}。此后编制、领导职数和人员的变动须通过审批的机构编制事项办理。"
        )
