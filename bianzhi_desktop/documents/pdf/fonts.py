"""Fonts for the paperwork: the official fonts where the machine has them, free fonts otherwise.

Official documents use 方正小标宋 (titles and the issuer mark), 仿宋_GB2312 (body), 楷体_GB2312 and 黑体
(headings) and 宋体 (page numbers). Chinese Windows ships simsun/simhei/simfang/simkai in its font
folder; domestic Linux desktops usually have them too, found through fontconfig (`fc-list`). Where a
role has no official font, a free TrueType font stands in: AR PL UMing (宋体 look) when installed, LXGW
WenKai (霞鹜文楷, 楷体 look, OFL; Debian `fonts-lxgw-wenkai`) for 楷体, and always the bundled WenQuanYi
Micro Hei (resources/fonts/wqy-microhei.ttc). reportlab embeds TrueType outlines only; CFF/OpenType
fonts (Noto CJK) are skipped.

Text is split into runs, and a character the role's font lacks (仿宋_GB2312 covers GB2312 only and
misses 喆 堃 赟 珺 玥; WenQuanYi lacks 䶮) is drawn with the next font of the chain that has it: the
role's stand-ins, every other font found, the bundled font, and last the last-resort fonts of
fontfiles.py (CJK Extension B and beyond: 𠮷 U+20BB7 is in none of the others). Those are found, not
bundled (tens of megabytes); a character no font on the machine has is reported before anything is
drawn (`check_text`), never printed as a box. `font_report()` says which font serves which role.

Loading is cached: the font set is resolved once per process, and faces load from a parse cache
(fontcache.py) in milliseconds after the first time.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from bianzhi_desktop.documents.pdf.fontcache import load_face, make_font
from bianzhi_desktop.documents.pdf.fontfiles import LAST_RESORT, Candidate, locate
from bianzhi_desktop.documents.pdf.fontfiles import font_folders as _font_folders
from bianzhi_desktop.documents.pdf.fontfiles import fontconfig_families as _fontconfig
from bianzhi_desktop.domain.errors import BianzhiError


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


class FontSet:
    """The fonts of this machine for each role, resolved once, loaded on first use."""

    def __init__(self, cache_dir: Path | None, families: dict[str, tuple[Path, int]] | None = None) -> None:
        self.cache_dir = cache_dir
        self._families = families if families is not None else _fontconfig()
        self._folders = [folder for folder in _font_folders() if folder.is_dir()]
        self._loaded: dict[tuple[str, int], LoadedFont | None] = {}
        self._choices: dict[Role, RoleChoice] = {}
        self._chains: dict[Role, list[LoadedFont]] = {}
        self._pending: dict[Role, list[Candidate | None]] = {}  # None: the bundled font
        self._drawable: set[str] = set()  # characters some font of this machine is known to have
        self._lock = threading.RLock()
        self._run_cache: dict[tuple[Role, str], list[tuple[str, str]]] = {}
        self._width_cache: dict[tuple[Role, str], float] = {}

    # -- finding and loading ------------------------------------------------------------------------
    def _locate(self, candidate: Candidate) -> tuple[Path, int] | None:
        return locate(candidate, self._families, self._folders)

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
        chosen = self._choices.get(role)
        if chosen is not None:
            return chosen
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
        """Fonts tried, in order, for characters the role's font lacks: the role's stand-ins, the
        bundled font, every other font the paperwork knows, the last-resort fonts. Loaded lazily,
        one at a time, only when no font loaded so far has a character."""
        if role not in self._chains:
            self._chains[role] = [self.choice(role).font]
            others = [c for other in Role for c in OFFICIAL[other] + STAND_INS[other]]
            self._pending[role] = [*STAND_INS[role], None, *others, *LAST_RESORT]
        return self._chains[role]

    def _next_in_chain(self, role: Role) -> LoadedFont | None:
        """Load the next font of the role's chain; None when there is none left."""
        chain, pending = self._chain(role), self._pending[role]
        while pending:
            candidate = pending.pop(0)
            loaded = self.bundled() if candidate is None else self._candidate(candidate)
            if loaded is not None and loaded not in chain:
                chain.append(loaded)
                return loaded
        return None

    def _having(self, role: Role, char: str) -> LoadedFont | None:
        with self._lock:
            for loaded in self._chain(role):
                if loaded.has(char):
                    return loaded
            while (loaded := self._next_in_chain(role)) is not None:
                if loaded.has(char):
                    return loaded
            return None

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
        result: list[tuple[str, str]] = []
        for char in text:
            font = self.font_for(role, char)
            if result and result[-1][0] == font.name:
                result[-1] = (font.name, result[-1][1] + char)
            else:
                result.append((font.name, char))
        return result

    def font_for(self, role: Role, char: str) -> LoadedFont:
        """The font that draws one character in a role (the role's own font when none has it: a
        document checked with `check_text` never gets there)."""
        return self._having(role, char) or self.choice(role).font

    def missing(self, text: str) -> list[tuple[int, str]]:
        """(position, character) of every character of `text` no font of this machine can draw."""
        unknown = set(text) - self._drawable
        if not unknown:
            return []
        absent = set()
        for char in unknown:
            if char in "\n\r\t" or self._having(Role.BODY, char) is not None:
                self._drawable.add(char)
            else:
                absent.add(char)
        return [(index, char) for index, char in enumerate(text) if char in absent]

    def check_text(self, fields: Iterable[tuple[str, str]], document: str = "文书") -> None:
        """Refuse to produce a document with a character no font can draw: `fields` are (where, text),
        e.g. ("姓名", "王𠮷"). Raises UnprintableText naming each character and where it is."""
        problems = []
        for where, text in fields:
            for index, char in self.missing(text):
                problems.append(f"{where}“{text}”的第{index + 1}个字“{char}”（U+{ord(char):04X}）")
        if problems:
            raise UnprintableText(document, problems)

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


class UnprintableText(BianzhiError):
    """A character no font of this machine can draw: printing it would give an empty box."""

    SHOWN = 10

    def __init__(self, document: str, problems: list[str]) -> None:
        shown = "；".join(problems[: self.SHOWN])
        more = f"等{len(problems)}处" if len(problems) > self.SHOWN else ""
        super().__init__(
            f"{document}中有本机所有字体都无法打印的字：{shown}{more}。请安装含有这些字的 TrueType 字体"
            "（如 BabelStone Han、花园明朝 HanaMin，或 Windows 的 SimSun-ExtB）后重试。"
        )
        self.problems = problems


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
