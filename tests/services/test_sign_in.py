"""Sign-in that does not tell unknown users from wrong passwords, and upgrades old hashes (issue 15, item 7)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bianzhi_desktop.domain import passwords
from bianzhi_desktop.domain.errors import AuthenticationError
from bianzhi_desktop.persistence.models import User
from bianzhi_desktop.services.admin import users

from ..conftest import County
from ..domain.test_passwords import pbkdf2_hash


def refusal(qh: County, username: str, password: str) -> str:
    with qh.db.write() as uow, pytest.raises(AuthenticationError) as caught:
        users.authenticate(uow, username, password)
    return str(caught.value)


def test_unknown_users_wrong_passwords_and_disabled_accounts_read_the_same(
    qh: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    verified: list[str] = []
    real_verify = passwords.verify_password
    monkeypatch.setattr(
        passwords, "verify_password", lambda pw, stored: verified.append(pw) or real_verify(pw, stored)
    )
    assert refusal(qh, "nobody", "guess-1") == passwords.SIGN_IN_REFUSED
    assert refusal(qh, "clerk", "guess-2") == passwords.SIGN_IN_REFUSED
    with qh.db.write() as uow:
        uow.session.scalar(select(User).where(User.username == "reviewer")).active = False
        uow.commit()
    assert refusal(qh, "reviewer", "secret1") == passwords.SIGN_IN_REFUSED
    # every refusal did the work of one password verification (an unknown user's against a dummy hash)
    assert verified == ["guess-1", "guess-2", "secret1"]


def test_an_old_pbkdf2_hash_is_upgraded_at_the_next_sign_in(qh: County) -> None:
    with qh.db.write() as uow:
        uow.session.scalar(select(User).where(User.username == "clerk")).password_hash = pbkdf2_hash(
            "secret1"
        )
        uow.commit()
    assert refusal(qh, "clerk", "wrong-one") == passwords.SIGN_IN_REFUSED
    with qh.db.read() as uow:
        assert uow.session.scalar(select(User.password_hash).where(User.username == "clerk")).startswith(
            "pbkdf2"
        )
    with qh.db.write() as uow:
        users.authenticate(uow, "clerk", "secret1")
    with qh.db.read() as uow:
        stored = uow.session.scalar(select(User.password_hash).where(User.username == "clerk"))
    assert stored.startswith("$argon2id$") and passwords.verify_password("secret1", stored)
