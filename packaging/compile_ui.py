"""Compile the Qt Designer files in ui/ into bianzhi_desktop/gui/forms/ui_*.py (after Picard).

    python packaging/compile_ui.py           # regenerate every form
    python packaging/compile_ui.py --check   # compare with what is committed; exit 1 when stale

The program imports the generated modules and never loads .ui files at run time: PySide6's runtime
loader needs the uic tool on PATH, which a frozen build does not have. The tests run `--check`, so a
.ui file edited without regenerating fails the build.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
FORMS_DIR = ROOT / "bianzhi_desktop" / "gui" / "forms"
UIC = "import sys; from PySide6.scripts.pyside_tool import uic; sys.exit(uic())"

INIT = '''"""Python modules generated from the Qt Designer files in ui/ — do not edit.

Regenerate with `python packaging/compile_ui.py`; the dialogs in gui/dialogs use them by composition
(`self.ui = Ui_X(); self.ui.setupUi(self)`).
"""
'''


def header(ui_file: Path) -> str:
    source = ui_file.relative_to(ROOT).as_posix()
    return (
        f"# Generated from {source} by packaging/compile_ui.py — do not edit.\n"
        f"# Change the form in Qt Designer, then run: python packaging/compile_ui.py\n"
    )


def compile_one(ui_file: Path) -> str:
    """The generated module's text (uic's version stamp dropped, so a patch release of Qt that
    generates the same code does not count as a change)."""
    result = subprocess.run(
        [sys.executable, "-c", UIC, "--no-autoconnection", str(ui_file)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"uic failed on {ui_file.name}:\n{result.stderr}")
    lines = [
        line
        for line in result.stdout.replace("\r\n", "\n").splitlines()
        if not line.startswith("## Created by: Qt User Interface Compiler")
        and not line.startswith("# -*- coding")
    ]
    return header(ui_file) + "\n".join(lines).strip("\n") + "\n"


def target(ui_file: Path) -> Path:
    return FORMS_DIR / f"ui_{ui_file.stem}.py"


def expected() -> dict[Path, str]:
    files = {FORMS_DIR / "__init__.py": INIT}
    for ui_file in sorted(UI_DIR.glob("*.ui")):
        files[target(ui_file)] = compile_one(ui_file)
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare only; exit 1 when any form is stale")
    args = parser.parse_args(argv)
    wanted = expected()
    present = set(FORMS_DIR.glob("ui_*.py"))
    extra = sorted(present - set(wanted))
    if args.check:
        stale = [
            path
            for path, text in wanted.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text
        ]
        for path in stale:
            print(f"stale or missing: {path.relative_to(ROOT).as_posix()}")
        for path in extra:
            print(f"no .ui file for: {path.relative_to(ROOT).as_posix()}")
        if stale or extra:
            print("run: python packaging/compile_ui.py")
            return 1
        print(f"{len(wanted) - 1} forms up to date")
        return 0
    FORMS_DIR.mkdir(parents=True, exist_ok=True)
    for path, text in wanted.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            print(f"wrote {path.relative_to(ROOT).as_posix()}")
    for path in extra:
        path.unlink()
        print(f"removed {path.relative_to(ROOT).as_posix()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
