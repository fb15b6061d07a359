"""Users, roles, sign-in with lockout."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from bianzhi_desktop.domain import passwords
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import AuthenticationError, ValidationError
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import User
from bianzhi_desktop.services.context import Actor, audit, now, require


@dataclass(frozen=True)
class UserInfo:
    id: int
    username: str
    display_name: str
    roles: frozenset[Role]
    active: bool
    locked_until: dt.datetime | None


def _roles_of(user: User) -> frozenset[Role]:
    return frozenset(Role(code) for code in user.roles.split(",") if code)


def actor_of(user: User) -> Actor:
    return Actor(
        user_id=user.id, username=user.username, display_name=user.display_name, roles=_roles_of(user)
    )


def _info(user: User) -> UserInfo:
    return UserInfo(
        user.id, user.username, user.display_name, _roles_of(user), user.active, user.locked_until
    )


def _check_roles(roles: frozenset[Role] | set[Role]) -> str:
    if not roles:
        raise ValidationError("角色", "至少选择一个角色（经办、审核、批准、管理员）")
    return ",".join(role.value for role in Role if role in roles)


def user_count(uow: UnitOfWork) -> int:
    return uow.session.scalar(select(func.count(User.id))) or 0


def add_user(
    uow: UnitOfWork,
    actor: Actor,
    *,
    username: str,
    display_name: str,
    password: str,
    roles: set[Role] | frozenset[Role],
) -> UserInfo:
    """Add a user. The very first user of a new database needs no acting administrator."""
    if user_count(uow) > 0:
        require(actor, Role.ADMIN, action="添加用户")
    username = username.strip()
    if not username or " " in username:
        raise ValidationError("用户名", "不能为空，也不能含空格")
    if uow.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise ValidationError("用户名", f"“{username}”已被使用")
    if not display_name.strip():
        raise ValidationError("姓名", "不能为空")
    user = User(
        username=username,
        display_name=display_name.strip(),
        password_hash=passwords.hash_password(password),
        roles=_check_roles(roles),
        active=True,
        failed_logins=0,
        created_at=now(),
    )
    uow.session.add(user)
    audit(
        uow,
        actor,
        "user.add",
        user,
        summary=f"添加用户 {username}（{user.roles}）",
        changes={"username": (None, username), "roles": (None, user.roles)},
    )
    return _info(user)


def list_users(uow: UnitOfWork) -> list[UserInfo]:
    return [_info(user) for user in uow.session.scalars(select(User).order_by(User.id))]


def _find(uow: UnitOfWork, username: str) -> User:
    user = uow.session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        raise ValidationError("用户名", f"没有用户“{username}”")
    return user


def reset_password(uow: UnitOfWork, actor: Actor, username: str, new_password: str) -> None:
    user = _find(uow, username)
    if actor.user_id != user.id:
        require(actor, Role.ADMIN, action="重置其他用户的密码")
    user.password_hash = passwords.hash_password(new_password)
    user.failed_logins = 0
    user.locked_until = None
    audit(uow, actor, "user.reset_password", user, summary=f"重置用户 {user.username} 的密码")


def set_roles(uow: UnitOfWork, actor: Actor, username: str, roles: set[Role]) -> None:
    require(actor, Role.ADMIN, action="修改用户角色")
    user = _find(uow, username)
    new = _check_roles(roles)
    if new != user.roles:
        audit(
            uow,
            actor,
            "user.roles",
            user,
            summary=f"修改用户 {user.username} 的角色",
            changes={"roles": (user.roles, new)},
        )
        user.roles = new


def authenticate(uow: UnitOfWork, username: str, password: str, *, at: dt.datetime | None = None) -> Actor:
    """Check a password. Five failures in a row lock the account for a while. Commits the counters.

    An unknown user, a wrong password and a locked or disabled account get the same message after the
    same work (one password verification), so neither the answer nor its time tells which it was."""
    moment = at or now()
    user = uow.session.scalar(select(User).where(User.username == username.strip()))
    if user is None:
        passwords.spend_verification(password)
        raise AuthenticationError(passwords.SIGN_IN_REFUSED)
    correct = passwords.verify_password(password, user.password_hash)
    if not user.active or (user.locked_until is not None and user.locked_until > moment):
        raise AuthenticationError(passwords.SIGN_IN_REFUSED)
    if not correct:
        user.failed_logins += 1
        if user.failed_logins >= passwords.MAX_FAILED_LOGINS:
            user.locked_until = moment + dt.timedelta(minutes=passwords.LOCKOUT_MINUTES)
            user.failed_logins = 0
            audit(
                uow,
                actor_of(user),
                "user.locked",
                user,
                summary=f"用户 {user.username} 连续输错密码，账户锁定",
            )
        uow.commit()
        raise AuthenticationError(passwords.SIGN_IN_REFUSED)
    if passwords.needs_rehash(user.password_hash):  # PBKDF2 (or older argon2 parameters) → argon2id now
        user.password_hash = passwords.hash_password(password, check_strength=False)
    user.failed_logins = 0
    user.locked_until = None
    actor = actor_of(user)
    audit(uow, actor, "user.sign_in", user, summary=f"用户 {user.username} 登录")
    uow.commit()
    return actor


def actor_by_id(uow: UnitOfWork, user_id: int) -> Actor:
    user = uow.session.get(User, user_id)
    if user is None:
        raise ValidationError("用户", f"编号为{user_id}的用户不存在")
    return actor_of(user)
