"""Password hashing (argon2id, argon2-cffi) and the lockout rule.

Hashes written before argon2 (PBKDF2-HMAC-SHA256, `pbkdf2_sha256$…`) still verify; the sign-in
replaces them with an argon2id hash at the next successful sign-in (`needs_rehash`). The hashing
parameters are argon2-cffi's defaults (RFC 9106's low-memory profile: 64 MiB, 3 passes); nothing read
from the environment can weaken them. Tests lower them through `use_parameters`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from argon2 import PasswordHasher
from argon2 import exceptions as argon2_errors

from bianzhi_desktop.domain.errors import ValidationError

MAX_FAILED_LOGINS = 5
LOCKOUT_MINUTES = 15
MIN_PASSWORD_LENGTH = 6
# the one answer to every refused sign-in: it must not tell an unknown user from a wrong password or a
# locked account
SIGN_IN_REFUSED = (
    f"用户名或密码不正确，或账户因连续{MAX_FAILED_LOGINS}次输错密码已被锁定{LOCKOUT_MINUTES}分钟。"
    "请核对后重试；如忘记密码，请管理员重置。"
)
_LEGACY_SCHEME = "pbkdf2_sha256"
_DUMMY_PASSWORD = "dummy-password-for-unknown-users"

_hasher = PasswordHasher()
# a hash of _DUMMY_PASSWORD made with the default parameters, so that even the first unknown user costs
# one verification, not a hash and a verification
_dummy_hash = (
    "$argon2id$v=19$m=65536,t=3,p=4$/Gnm7DzovHAmsFTC7JkT0w$Jzb/mE7Dy5pwNKTzPwDfCbbr0EtpYZgvcwo+SHdlE/0"
)


def use_parameters(*, time_cost: int, memory_cost: int, parallelism: int) -> None:
    """Change the argon2id parameters of new hashes (tests use cheap ones; stored hashes record theirs)."""
    global _hasher, _dummy_hash
    _hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_cost, parallelism=parallelism)
    _dummy_hash = _hasher.hash(_DUMMY_PASSWORD)


def hash_password(password: str, *, check_strength: bool = True) -> str:
    """An argon2id hash; `check_strength=False` re-hashes a password that was accepted before."""
    if check_strength:
        check_password_strength(password)
    return _hasher.hash(password)


def verify_password(password: str, stored: str) -> bool:
    if stored.startswith(_LEGACY_SCHEME + "$"):
        return _verify_pbkdf2(password, stored)
    try:
        return _hasher.verify(stored, password)
    except argon2_errors.VerificationError:  # wrong password
        return False
    except argon2_errors.InvalidHashError:  # not a hash we know
        return False


def needs_rehash(stored: str) -> bool:
    """True for a PBKDF2 hash or an argon2 hash with parameters other than the current ones."""
    if stored.startswith(_LEGACY_SCHEME + "$"):
        return True
    try:
        return _hasher.check_needs_rehash(stored)
    except (argon2_errors.InvalidHashError, ValueError):
        return True


def spend_verification(password: str) -> None:
    """The work of one verification against a hash nobody has, so that refusing an unknown user or a
    locked account takes as long as refusing a wrong password."""
    verify_password(password, _dummy_hash)


def _verify_pbkdf2(password: str, stored: str) -> bool:
    try:
        _scheme, iterations, salt, digest = stored.split("$")
        expected = base64.b64decode(digest)
        actual = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    except ValueError:
        return False
    return hmac.compare_digest(actual, expected)


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("密码", f"至少需要{MIN_PASSWORD_LENGTH}个字符")
    if password.strip() != password:
        raise ValidationError("密码", "首尾不能有空格")
