"""Make sure Chinese text is drawn with a real CJK font, never as boxes.

`ensure_cjk_font(app)` keeps the platform's default font when it already covers Chinese. Otherwise it
picks an installed family that does (Microsoft YaHei, WenQuanYi Micro Hei, Noto/Source Han Sans SC,
SimHei, SimSun …), registering a font file from the program's resources or the system when Qt does not
list one (bare Linux boxes with fontconfig but odd paths, frozen builds), and sets it as the
application font. It returns the family in use so the caller can log or show it.

`add_rare_character_fallback(app)` appends a last-resort family (SimSun-ExtB, BabelStone Han,
HanaMin: the fonts the paperwork also falls back to) to the application font, registering its file
when Qt does not list it, so names with CJK Extension B characters (𠮷) show in the register and the
dialogs instead of boxes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QRawFont
from PySide6.QtWidgets import QApplication

from bianzhi_desktop.documents.pdf.fontfiles import LAST_RESORT, last_resort_files

# A character of CJK Extension B (U+20BB7) that none of the usual Chinese fonts has.
EXTENSION_B = "𠮷"
LAST_RESORT_FAMILIES = tuple(family for candidate in LAST_RESORT for family in candidate.families)

# Common characters, the office's own words and rare name characters a real register contains.
SAMPLE = "机构编制县委编办实名制在编空编喆堃赟珺玥"

PREFERRED_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "微软雅黑",
    "PingFang SC",
    "WenQuanYi Micro Hei",
    "文泉驿微米黑",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "黑体",
    "SimSun",
    "宋体",
    "AR PL UMing CN",
)


def _package_font_dirs() -> list[Path]:
    package = Path(__file__).resolve().parent.parent
    dirs = [package / "resources" / "fonts", package.parent / "resources" / "fonts"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen) / "resources" / "fonts")
    return dirs


def _system_font_files() -> list[Path]:
    windows = Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"
    return [
        Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
        Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
        Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
        Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
        Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
        windows / "msyh.ttc",
        windows / "simhei.ttf",
        windows / "simsun.ttc",
    ]


def candidate_files() -> list[Path]:
    """Font files to try, the program's own resources first."""
    files: list[Path] = []
    for folder in _package_font_dirs():
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc", ".otf")))
    files.extend(_system_font_files())
    return files


def covers(family_or_font: str | QFont, text: str = SAMPLE) -> bool:
    """True when the font itself (not a fallback) has a glyph for every character of `text`."""
    font = QFont(family_or_font)
    raw = QRawFont.fromFont(font)
    if not raw.isValid():
        return False
    # By code point: PySide's str overload wrongly reports some characters (赟 珺 玥) as missing.
    return all(raw.supportsCharacter(ord(char)) for char in text)


def _first_covering(families: Iterable[str]) -> str | None:
    installed = set(QFontDatabase.families())
    for family in families:
        if family in installed and covers(family):
            return family
    return None


def register_font_file(path: Path) -> list[str]:
    """Register one font file with Qt; returns its families (empty when it cannot be loaded)."""
    font_id = QFontDatabase.addApplicationFont(str(path))
    if font_id < 0:
        return []
    return list(QFontDatabase.applicationFontFamilies(font_id))


def ensure_cjk_font(app: QApplication, files: Iterable[Path] | None = None) -> str | None:
    """Set an application font that covers Chinese; returns its family, None when none could be found."""
    current = app.font()
    # Without any font that says it writes Chinese, ask nothing of the installed ones: on a machine with
    # no fonts at all Qt's QRawFont misreports (or crashes on) the placeholder "Sans Serif".
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if chinese and covers(current):
        return current.family()
    family = _first_covering(PREFERRED_FAMILIES) if chinese else None
    if family is None and chinese:
        family = _first_covering(chinese)
    if family is None:
        for path in files if files is not None else candidate_files():
            if not path.is_file():
                continue
            registered = register_font_file(path)
            family = _first_covering(registered)
            if family:
                break
    if family is None:
        return None
    font = QFont(current)
    font.setFamilies([family, *current.families()])
    app.setFont(font)
    return family


def add_rare_character_fallback(app: QApplication, files: Iterable[Path] | None = None) -> str | None:
    """Append a family that draws CJK Extension B to the application font; returns it (None if the
    machine has none, or the application font already covers it)."""
    current = app.font()
    if covers(current, EXTENSION_B):
        return None
    installed = set(QFontDatabase.families())
    for family in LAST_RESORT_FAMILIES:
        if family in installed and covers(family, EXTENSION_B):
            return _append_family(app, family)
    for path in files if files is not None else last_resort_files():
        for family in register_font_file(path) if path.is_file() else []:
            if covers(family, EXTENSION_B):
                return _append_family(app, family)
    return None


def _append_family(app: QApplication, family: str) -> str:
    font = QFont(app.font())
    if family not in font.families():
        font.setFamilies([*font.families(), family])
        app.setFont(font)
    return family
