"""Where font files are on this machine: fontconfig families, Windows and Linux font folders, and the
last-resort fonts for the rarest name characters. No reportlab here, so the window can use it too.

Last resort (CJK Extension B and beyond, e.g. 𠮷 U+20BB7, which none of the usual Chinese fonts has):
SimSun-ExtB (simsunb.ttf, shipped with Chinese Windows), BabelStone Han (Debian `fonts-babelstone-han`,
Arphic Public License, ~51 MB, Chinese glyph forms) and HanaMin A/B (Debian `fonts-hanazono`, OFL or
the Hanazono licence, Japanese glyph forms). All three are TrueType, so reportlab can embed them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Candidate:
    label: str  # what the user is told, e.g. "仿宋_GB2312"
    families: tuple[str, ...]  # fontconfig family names
    files: tuple[str, ...]  # file names in a Windows font folder or font directory
    subfont: int = 0
    official: bool = True


# Tried in this order for a character no other font has.
LAST_RESORT: tuple[Candidate, ...] = (
    Candidate("SimSun-ExtB", ("SimSun-ExtB",), ("simsunb.ttf",), official=False),
    Candidate("BabelStone Han", ("BabelStone Han",), ("BabelStoneHan.ttf",), official=False),
    Candidate("花园明朝A", ("HanaMinA",), ("HanaMinA.ttf",), official=False),
    Candidate("花园明朝B", ("HanaMinB",), ("HanaMinB.ttf",), official=False),
)


def font_folders() -> list[Path]:
    """Folders searched by file name when fontconfig does not know a family."""
    folders: list[Path] = []
    if sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        home = Path.home()
        folders += [home / ".local/share/fonts", home / ".fonts"]
        truetype = Path("/usr/share/fonts/truetype")
        for name in ("arphic", "wqy", "lxgw", "lxgw-wenkai", "babelstone", "hanazono"):
            folders.append(truetype / name)
    return folders


def _better(style: str, known: str) -> bool:
    """A Regular face is preferred over Light or Bold ones of the same family."""
    return "Regular" in style and "Regular" not in known


def fontconfig_families() -> dict[str, tuple[Path, int]]:
    """Family name → (file, subfont) from fontconfig; empty where there is none."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return {}
    try:
        output = subprocess.run(
            [fc_list, "--format", "%{file}|%{index}|%{style}|%{family}\n"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, tuple[Path, int]] = {}
    styles: dict[str, str] = {}
    for line in output.splitlines():
        parts = line.split("|", 3)
        if len(parts) != 4 or not parts[1].isdigit():
            continue
        for family in parts[3].split(","):
            family = family.strip()
            if family not in found or _better(parts[2], styles[family]):
                found[family] = (Path(parts[0]), int(parts[1]))
                styles[family] = parts[2]
    return found


def locate(
    candidate: Candidate, families: dict[str, tuple[Path, int]], folders: list[Path]
) -> tuple[Path, int] | None:
    """The file (and subfont) of a candidate font, by family, else by file name in the folders."""
    for family in candidate.families:
        if family in families:
            return families[family]
    for folder in folders:
        for name in candidate.files:
            for spelled in (name, name.upper(), name.lower()):
                path = folder / spelled
                if path.is_file():
                    return path, candidate.subfont
    return None


def last_resort_files(families: dict[str, tuple[Path, int]] | None = None) -> list[Path]:
    """The last-resort font files this machine has, in order of preference."""
    families = fontconfig_families() if families is None else families
    folders = [folder for folder in font_folders() if folder.is_dir()]
    files: list[Path] = []
    for candidate in LAST_RESORT:
        found = locate(candidate, families, folders)
        if found and found[0] not in files:
            files.append(found[0])
    return files
