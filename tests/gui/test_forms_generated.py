"""The forms in bianzhi_desktop/gui/forms/ are generated from ui/*.ui: a .ui file changed without
regenerating (python packaging/compile_ui.py) fails here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_generated_forms_match_the_designer_files() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "compile_ui.py"), "--check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_form_says_it_is_generated() -> None:
    forms = sorted((ROOT / "bianzhi_desktop" / "gui" / "forms").glob("ui_*.py"))
    assert len(forms) == len(list((ROOT / "ui").glob("*.ui")))
    for form in forms:
        assert "do not edit" in form.read_text(encoding="utf-8").splitlines()[0]
