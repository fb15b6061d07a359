"""Text normalisation shared by the validators and the importers.

Spreadsheets from the units arrive with full-width digits and letters (１２３ＡＢＣ), ideographic spaces
(U+3000) used to pad two-character names (“王　芳”), non-breaking and zero-width spaces pasted from web
pages. These helpers turn such cells into the canonical stored text.
"""

from __future__ import annotations

import re

from bianzhi_desktop.domain.errors import ValidationError

_FULLWIDTH_OFFSET = 0xFEE0  # U+FF01..U+FF5E map to U+0021..U+007E
_IDEOGRAPHIC_SPACE = "\u3000"

# Characters that are invisible but not matched by str.isspace().
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
_WHITESPACE_RE = re.compile(rf"[\s{_INVISIBLE}]+")
_SPACE_RUN = re.compile(r"\s+")
_WIDE_RE = re.compile("[\uff01-\uff5e\u3000]")  # the characters to_halfwidth may convert
# text without whitespace, invisible characters, full-width ASCII forms or the ideographic space
_PLAIN = re.compile(rf"[^\s{_INVISIBLE}\uff01-\uff5e\u3000]*")


def _is_alnum_fullwidth(code: int) -> bool:
    return (
        0xFF10 <= code <= 0xFF19  # ０-９
        or 0xFF21 <= code <= 0xFF3A  # Ａ-Ｚ
        or 0xFF41 <= code <= 0xFF5A  # ａ-ｚ
    )


_ALNUM_TABLE = {
    code: code - _FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F) if _is_alnum_fullwidth(code)
} | {ord(_IDEOGRAPHIC_SPACE): ord(" ")}
_ALL_TABLE = {code: code - _FULLWIDTH_OFFSET for code in range(0xFF01, 0xFF5F)} | {
    ord(_IDEOGRAPHIC_SPACE): ord(" ")
}


def to_halfwidth(text: str, *, punctuation: bool = False) -> str:
    """Full-width digits and Latin letters become ASCII; the ideographic space becomes a plain space.

    Full-width punctuation (（），：；…) is kept unless ``punctuation`` is true, because it is correct in
    Chinese names and titles (“县人民医院（县中医院）”).
    """
    if text.isascii() or not _WIDE_RE.search(text):  # nothing to convert (translate costs more)
        return text
    return text.translate(_ALL_TABLE if punctuation else _ALNUM_TABLE)


def strip_spaces(text: str) -> str:
    """Remove every whitespace character anywhere in the text: ASCII spaces, tabs, line breaks, the
    ideographic space U+3000, non-breaking spaces and zero-width characters."""
    if text.isalnum():  # letters and digits only (the usual name): none of those characters is one
        return text
    return _WHITESPACE_RE.sub("", text)


def _is_cjk(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3400 <= code <= 0x9FFF  # CJK unified ideographs and extension A
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0x20000 <= code <= 0x3FFFF  # extensions B and later
        or 0x3000 <= code <= 0x303F  # CJK punctuation 〔〕、。
        or 0xFF00 <= code <= 0xFFEF  # full-width forms （），
    )


def clean_cell_text(text: str | None) -> str:
    """Canonical text of a name-like cell (unit, division, quota kind…).

    Full-width digits and letters become half-width; leading and trailing whitespace is removed; any
    whitespace run that touches a Chinese character is removed (“清河县　教育局” → “清河县教育局”); other
    runs, between Latin words or digits, collapse to one space (“CT  室” → “CT室”, “PET  CT” → “PET CT”).
    ``None`` gives the empty string.
    """
    if not text:
        return ""
    if _PLAIN.fullmatch(text):  # the usual cell: nothing to clean
        return text
    cleaned = _INVISIBLE_RE.sub("", to_halfwidth(text)).strip()

    def _join(match: re.Match[str]) -> str:
        start, end = match.span()
        before = cleaned[start - 1]
        after = cleaned[end]
        return "" if _is_cjk(before) or _is_cjk(after) else " "

    # After strip() every internal whitespace run has a neighbour on both sides.
    return _SPACE_RUN.sub(_join, cleaned)


# -- text that must be plain: names of people, units, divisions, nameplates ----------------------------
_BIDI = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"  # marks, embeddings, overrides, isolates
_UNSAFE = re.compile(rf"[\x00-\x1f\x7f-\x9f{_BIDI}]|<\s*/?\s*[A-Za-z!?][^<>]*>")
_BIDI_RE = re.compile(f"[{_BIDI}]")


def check_plain_text(text: str, field: str) -> str:
    """The text itself, or a ValidationError naming the field when it holds a control character (a bell,
    a NUL…), a bidirectional control (U+202E turns “王伟fdp.exe” around on screen; U+200E/F, U+2066–9)
    or markup (<b>, <script>) that a report or a web page could act on."""
    found = _UNSAFE.search(text)
    if found is None:
        return text
    where = found.start() + 1
    bad = found.group()
    if bad.startswith("<"):
        raise ValidationError(field, f"“{bad}”是网页标记，不能出现在名称中（第{where}个字符起），请删去")
    code = f"U+{ord(bad):04X}"
    visible = _BIDI_RE.sub("", text)
    if _BIDI_RE.match(bad):
        raise ValidationError(
            field,
            f"“{visible}”中第{where}个字符是看不见的文字方向控制符（{code}），会使名称显示颠倒，请删去后重新输入",
        )
    raise ValidationError(field, f"“{visible}”中第{where}个字符是控制字符（{code}），请删去后重新输入")
