"""A small sample of the kill -9 campaign against imports, approvals and upgrades (soak/kill_writes.py
runs the full one): whatever the moment of the kill, nothing is corrupt, partial or lost."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_kills_during_imports_approvals_and_upgrades_lose_nothing(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "soak"))
    try:
        import kill_writes
    finally:
        sys.path.remove(str(ROOT / "soak"))
    result = kill_writes.campaign(count=3, persons=120, seed=7, folder=tmp_path, only=None)
    assert result["runs"] == 3
    assert {key: result.get(key, 0) for key in ("corrupt", "partial", "lost", "unreadable")} == dict.fromkeys(
        ("corrupt", "partial", "lost", "unreadable"), 0
    ), result["failures"]
