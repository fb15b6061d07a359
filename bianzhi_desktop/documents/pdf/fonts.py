"""Fonts for the paperwork: the official fonts where the machine has them, free fonts otherwise.

Official documents use 方正小标宋 (titles and the issuer mark), 仿宋_GB2312 (body), 楷体_GB2312 and 黑体
(headings) and 宋体 (page numbers). Chinese Windows ships simsun/simhei/simfang/simkai in its font
folder; domestic Linux desktops usually have them too, found through fontconfig (`fc-list`). Where a
role has no official font, a free TrueType font stands in: AR PL UMing (宋体 look) when installed, and
always the bundled WenQuanYi Micro Hei (resources/fonts/wqy-microhei.ttc, full coverage of rare name
characters). reportlab embeds TrueType outlines only; CFF/OpenType fonts (Noto CJK) are skipped.

Every character prints: text is split into runs, and a character the role's font lacks (仿宋_GB2312
covers GB2312 only and misses 喆 堃 赟 珺 玥) is drawn with the next font of the chain that has it.
`font_report()` says which font serves which role so the program can tell the user.

Loading is cached: the font set is resolved once per process, and faces load from a parse cache
(fontcache.py) in milliseconds after the first time.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from bianzhi_desktop.documents.pdf.fontcache import load_face, make_font


class Role(StrEnum):
    """What a font is used for in a document."""

    TITLE = "title"  # 小标宋: issuer mark, titles
    BODY = "body"  # 仿宋: body text
    KAI = "kai"  # 楷体: second-level headings
    HEI = "hei"  # 黑体: first-level headings, table headers
    SONG = "song"  # 宋体: page numbers

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS = {
    Role.TITLE: "标题（小标宋）",
    Role.BODY: "正文（仿宋）",
    Role.KAI: "二级标题（楷体）",
    Role.HEI: "一级标题与表头（黑体）",
    Role.SONG: "页码（宋体）",
}


@dataclass(frozen=True)
class Candidate:
    label: str  # what the user is told, e.g. "仿宋_GB2312"
    families: tuple[str, ...]  # fontconfig family names
    files: tuple[str, ...]  # file names in a Windows font folder or font directory
    subfont: int = 0
    official: bool = True


SIMSUN = Candidate("宋体", ("SimSun", "宋体", "NSimSun", "新宋体"), ("simsun.ttc", "simsun.ttf"))
UMING = Candidate("AR PL UMing", ("AR PL UMing CN",), ("uming.ttc",), 0, official=False)
WQY_LABEL = "文泉驿微米黑（程序自带）"

OFFICIAL: dict[Role, tuple[Candidate, ...]] = {
    Role.TITLE: (
        Candidate(
            "方正小标宋简体",
            ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "方正小标宋_GBK", "FZXiaoBiaoSong-B05"),
            ("FZXBSJW.TTF", "FZXBSK.TTF", "方正小标宋简体.ttf", "方正小标宋_GBK.ttf"),
        ),
    ),
    Role.BODY: (
        Candidate("仿宋_GB2312", ("仿宋_GB2312", "FangSong_GB2312"), ("仿宋_GB2312.ttf", "FS_GB2312.ttf")),
        Candidate("仿宋", ("FangSong", "仿宋"), ("simfang.ttf",)),
    ),
    Role.KAI: (
        Candidate("楷体_GB2312", ("楷体_GB2312", "KaiTi_GB2312"), ("楷体_GB2312.ttf", "KAI_GB2312.ttf")),
        Candidate("楷体", ("KaiTi", "楷体"), ("simkai.ttf",)),
    ),
    Role.HEI: (Candidate("黑体", ("SimHei", "黑体"), ("simhei.ttf",)),),
    Role.SONG: (SIMSUN,),
}
# Stand-ins, in order, when a role has no official font (and for characters the font lacks).
STAND_INS: dict[Role, tuple[Candidate, ...]] = {
    Role.TITLE: (SIMSUN, UMING),
    Role.BODY: (SIMSUN, UMING),
    Role.KAI: (
        Candidate("霞鹜文楷", ("LXGW WenKai", "霞鹜文楷"), ("LXGWWenKai-Regular.ttf",), official=False),
        Candidate("AR PL UKai", ("AR PL UKai CN",), ("ukai.ttc",), official=False),
        SIMSUN,
        UMING,
    ),
    Role.HEI: (),
    Role.SONG: (UMING,),
}


@dataclass(frozen=True)
class LoadedFont:
    name: str  # reportlab font name
    label: str
    path: Path
    subfont: int
    official: bool
    font: TTFont

    def has(self, char: str) -> bool:
        return self.font.face.charToGlyph.get(ord(char), 0) != 0


@dataclass(frozen=True)
class RoleChoice:
    role: Role
    font: LoadedFont
    official: bool
    embolden: bool  # draw with a thin outline: a 宋体 stand-in for 小标宋 looks too light otherwise


def _bundled_dirs() -> list[Path]:
    package = Path(__file__).resolve().parents[2]  # bianzhi_desktop/
    dirs = [package / "resources" / "fonts", package.parent / "resources" / "fonts"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.insert(0, Path(frozen) / "resources" / "fonts")
    return dirs


def bundled_font() -> Path:
    for folder in _bundled_dirs():
        path = folder / "wqy-microhei.ttc"
        if path.is_file():
            return path
    raise FileNotFoundError("程序自带的字体文件 resources/fonts/wqy-microhei.ttc 缺失，请重新安装本程序。")


def _font_folders() -> list[Path]:
    folders: list[Path] = []
    if sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            folders.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    else:
        home = Path.home()
        folders += [home / ".local/share/fonts", home / ".fonts", Path("/usr/share/fonts/truetype/arphic")]
        folders += [Path("/usr/share/fonts/truetype/wqy"), Path("/usr/share/fonts/truetype/lxgw")]
    return folders


def _fontconfig() -> dict[str, tuple[Path, int]]:
    """Family name → (file, subfont) from fontconfig; empty where there is none."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return {}
    try:
        output = subprocess.run(
            [fc_list, "--format", "%{file}|%{index}|%{family}\n", ":lang=zh"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, tuple[Path, int]] = {}
    for line in output.splitlines():
        parts = line.split("|", 2)
        if len(parts) != 3 or not parts[1].isdigit():
            continue
        for family in parts[2].split(","):
            found.setdefault(family.strip(), (Path(parts[0]), int(parts[1])))
    return found


class FontSet:
    """The fonts of this machine for each role, resolved once, loaded on first use."""

    def __init__(self, cache_dir: Path | None, families: dict[str, tuple[Path, int]] | None = None) -> None:
        self.cache_dir = cache_dir
        self._families = families if families is not None else _fontconfig()
        self._folders = [folder for folder in _font_folders() if folder.is_dir()]
        self._loaded: dict[tuple[str, int], LoadedFont | None] = {}
        self._choices: dict[Role, RoleChoice] = {}
        self._chains: dict[Role, list[LoadedFont]] = {}
        self._lock = threading.RLock()
        self._run_cache: dict[tuple[Role, str], list[tuple[str, str]]] = {}
        self._width_cache: dict[tuple[Role, str], float] = {}

    # -- finding and loading ------------------------------------------------------------------------
    def _locate(self, candidate: Candidate) -> tuple[Path, int] | None:
        for family in candidate.families:
            if family in self._families:
                return self._families[family]
        for folder in self._folders:
            for name in candidate.files:
                for spelled in (name, name.upper(), name.lower()):
                    path = folder / spelled
                    if path.is_file():
                        return path, candidate.subfont
        return None

    def _load(self, path: Path, subfont: int, label: str, official: bool) -> LoadedFont | None:
        key = (str(path), subfont)
        if key not in self._loaded:
            try:
                face = load_face(path, subfont, self.cache_dir)
            except (TTFError, OSError, ValueError):
                self._loaded[key] = None  # CFF outlines, a broken file: not usable by reportlab
            else:
                name = f"BZ-{path.stem}-{subfont}"
                font = make_font(name, face)
                pdfmetrics.registerFont(font)
                self._loaded[key] = LoadedFont(name, label, path, subfont, official, font)
        return self._loaded[key]

    def _candidate(self, candidate: Candidate) -> LoadedFont | None:
        located = self._locate(candidate)
        return self._load(*located, candidate.label, candidate.official) if located else None

    def bundled(self) -> LoadedFont:
        loaded = self._load(bundled_font(), 0, WQY_LABEL, False)
        if loaded is None:
            raise FileNotFoundError("程序自带的字体文件 wqy-microhei.ttc 无法读取，请重新安装本程序。")
        return loaded

    def choice(self, role: Role) -> RoleChoice:
        """The font that serves a role (loads it on first use)."""
        with self._lock:
            if role not in self._choices:
                for candidate in OFFICIAL[role] + STAND_INS[role]:
                    loaded = self._candidate(candidate)
                    if loaded is not None:
                        break
                else:
                    loaded = self.bundled()
                official = loaded.official and candidate_is_official(role, loaded)
                self._choices[role] = RoleChoice(role, loaded, official, role is Role.TITLE and not official)
            return self._choices[role]

    def _chain(self, role: Role) -> list[LoadedFont]:
        """Fonts tried, in order, for characters the role's font lacks."""
        if role not in self._chains:
            chain = [self.choice(role).font]
            for candidate in STAND_INS[role]:
                loaded = self._candidate(candidate)
                if loaded is not None and loaded not in chain:
                    chain.append(loaded)
            bundled = self.bundled()
            if bundled not in chain:
                chain.append(bundled)
            self._chains[role] = chain
        return self._chains[role]

    # -- drawing text -------------------------------------------------------------------------------
    def runs(self, role: Role, text: str) -> list[tuple[str, str]]:
        """(reportlab font name, text) runs that draw `text` with every character present."""
        key = (role, text)
        cached = self._run_cache.get(key)
        if cached is not None:
            return cached
        with self._lock:
            primary = self.choice(role).font
            table = primary.font.face.charToGlyph
            if all(table.get(ord(char), 0) or char in "\n\r\t" for char in text):
                result = [(primary.name, text)]
            else:
                result = self._split(role, text)
            if len(self._run_cache) > 20000:
                self._run_cache.clear()
            self._run_cache[key] = result
            return result

    def _split(self, role: Role, text: str) -> list[tuple[str, str]]:
        chain = self._chain(role)
        result: list[tuple[str, str]] = []
        for char in text:
            font = next((loaded for loaded in chain if loaded.has(char)), chain[0])
            if result and result[-1][0] == font.name:
                result[-1] = (font.name, result[-1][1] + char)
            else:
                result.append((font.name, char))
        return result

    def font_for(self, role: Role, char: str) -> LoadedFont:
        """The font that draws one character in a role (tests check the glyph is really there)."""
        return next((loaded for loaded in self._chain(role) if loaded.has(char)), self._chain(role)[0])

    def width(self, role: Role, text: str, size: float) -> float:
        """Width in points of `text` drawn in the role's fonts at `size` (cached per text)."""
        key = (role, text)
        per_point = self._width_cache.get(key)
        if per_point is None:
            per_point = sum(
                pdfmetrics.getFont(name).stringWidth(part, 1.0) for name, part in self.runs(role, text)
            )
            if len(self._width_cache) > 50000:
                self._width_cache.clear()
            self._width_cache[key] = per_point
        return per_point * size

    def report(self, roles: tuple[Role, ...] = tuple(Role)) -> list[str]:
        """One line per role: which font this machine uses for it, in words for the user."""
        lines = []
        for role in roles:
            choice = self.choice(role)
            if choice.official:
                lines.append(f"{role.label}：{choice.font.label}")
            else:
                wanted = "、".join(candidate.label for candidate in OFFICIAL[role])
                lines.append(f"{role.label}：{choice.font.label}（本机未安装{wanted}，以此字体代替）")
        return lines


def candidate_is_official(role: Role, loaded: LoadedFont) -> bool:
    return any(candidate.label == loaded.label for candidate in OFFICIAL[role])


_DEFAULT: FontSet | None = None
_DEFAULT_LOCK = threading.Lock()


def default_cache_dir() -> Path | None:
    override = os.environ.get("BIANZHI_FONT_CACHE")
    if override:
        return Path(override)
    try:
        from platformdirs import user_cache_dir

        return Path(user_cache_dir("bianzhi", appauthor=False)) / "fonts"
    except Exception:  # no usable home directory: work without a cache
        return None


def fonts() -> FontSet:
    """The process-wide font set (resolved on first use)."""
    global _DEFAULT
    with _DEFAULT_LOCK:
        if _DEFAULT is None:
            _DEFAULT = FontSet(default_cache_dir())
        return _DEFAULT


def font_report() -> list[str]:
    """Which font serves which role on this machine, for the user (e.g. in the print preview)."""
    return fonts().report()
