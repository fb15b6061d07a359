"""Password hashing (PBKDF2-HMAC-SHA256 from the standard library) and the lockout rule."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

from bianzhi_desktop.domain.errors import ValidationError

# Tests set BIANZHI_FAST_HASH to keep hundreds of sign-ins cheap; stored hashes record their own count.
ITERATIONS = 1_000 if os.environ.get("BIANZHI_FAST_HASH") else 120_000
MAX_FAILED_LOGINS = 5
LOCKOUT_MINUTES = 15
MIN_PASSWORD_LENGTH = 6


def hash_password(password: str, *, iterations: int = ITERATIONS) -> str:
    check_password_strength(password)
    salt = os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    actual = hashlib.pbkdf2_hmac("sha256", password.encode(), base64.b64decode(salt), int(iterations))
    return hmac.compare_digest(actual, base64.b64decode(digest))


def check_password_strength(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("密码", f"至少需要{MIN_PASSWORD_LENGTH}个字符")
    if password.strip() != password:
        raise ValidationError("密码", "首尾不能有空格")
