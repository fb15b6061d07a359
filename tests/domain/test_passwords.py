"""Password hashing: argon2id, PBKDF2 hashes still accepted and marked for upgrade (issue 15, item 7)."""

from __future__ import annotations

import base64
import hashlib
import os
import subprocess
import sys
from pathlib import Path

from bianzhi_desktop.domain import passwords


def pbkdf2_hash(password: str, iterations: int = 1_000) -> str:
    """A hash as the program wrote them before argon2."""
    salt = b"0123456789abcdef"
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
    return f"pbkdf2_sha256${iterations}${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_new_hashes_are_argon2id_and_verify() -> None:
    stored = passwords.hash_password("secret1")
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password("secret1", stored)
    assert not passwords.verify_password("secret2", stored)
    assert not passwords.needs_rehash(stored)


def test_old_pbkdf2_hashes_verify_and_need_an_upgrade() -> None:
    old = pbkdf2_hash("secret1")
    assert passwords.verify_password("secret1", old)
    assert not passwords.verify_password("secret2", old)
    assert passwords.needs_rehash(old)


def test_garbage_never_verifies() -> None:
    for stored in ("", "x", "pbkdf2_sha256$abc$!!$??", "$argon2id$v=19$broken"):
        assert not passwords.verify_password("secret1", stored)
        assert passwords.needs_rehash(stored)


def test_the_environment_cannot_weaken_hashing() -> None:
    """A fresh program with the old test switch set still hashes with the production parameters."""
    code = (
        "from bianzhi_desktop.domain import passwords\n"
        "h = passwords._hasher\n"
        "print(h.memory_cost, h.time_cost)\n"
    )
    env = {**os.environ, "BIANZHI_FAST_HASH": "1", "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    memory, passes = map(int, result.stdout.split())
    assert memory >= 64 * 1024 and passes >= 3  # argon2-cffi's RFC 9106 low-memory profile
