"""Fast loading of large CJK TrueType faces for reportlab.

reportlab parses a whole font on load (cmap, hmtx, loca): about 0.25 s for WenQuanYi Micro Hei or AR PL
UMing. The first parse of a file is stored in a small cache file (dense arrays per code point); later
loads rebuild the face from it in a few milliseconds and map the font file instead of reading it.
The cache is keyed by path, size, modification time, subfont and reportlab version, so a changed font
is parsed again. Without a writable cache directory everything still works, only slower.
"""

from __future__ import annotations

import array
import contextlib
import hashlib
import marshal
import mmap
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import reportlab
from reportlab.pdfbase import ttfonts
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

BMP = 0x10000
_HEAVY = ("charToGlyph", "glyphToChar", "charWidths", "hmetrics", "glyphPos", "_ttf_data", "_pdfScale")
_FORMAT = 1


class CodepointTable:
    """A read-only int → number mapping over a dense array for the BMP and a dict above it.

    Stands in for the dicts reportlab keeps per face (`charToGlyph`, `charWidths`): only `in`, `[]`,
    `get`, `keys`, `len` and truth are used by reportlab.
    """

    __slots__ = ("_astral", "_dense", "_len", "_present")

    def __init__(self, dense: array.array, present: bytes, astral: dict[int, Any]) -> None:
        self._dense = dense
        self._present = present
        self._astral = astral
        self._len = present.count(1) + len(astral)

    def __contains__(self, code: object) -> bool:
        if isinstance(code, int):
            if 0 <= code < BMP:
                return self._present[code] == 1
            return code in self._astral
        return False

    def __getitem__(self, code: int) -> Any:
        if 0 <= code < BMP and self._present[code] == 1:
            return self._dense[code]
        return self._astral[code]

    def get(self, code: int, default: Any = None) -> Any:
        if 0 <= code < BMP:
            return self._dense[code] if self._present[code] == 1 else default
        return self._astral.get(code, default)

    def keys(self) -> list[int]:
        return [code for code in range(BMP) if self._present[code] == 1] + list(self._astral)

    def __iter__(self) -> Iterator[int]:
        return iter(self.keys())

    def __len__(self) -> int:
        return self._len

    def __bool__(self) -> bool:
        return self._len > 0


class HMetrics:
    """`hmetrics[glyph]` → (advance, left side bearing) over two arrays."""

    __slots__ = ("_advance", "_lsb")

    def __init__(self, advance: array.array, lsb: array.array) -> None:
        self._advance = advance
        self._lsb = lsb

    def __getitem__(self, glyph: int) -> tuple[float, float]:
        return self._advance[glyph], self._lsb[glyph]

    def __len__(self) -> int:
        return len(self._advance)


def _uint_code() -> str:
    return "I" if array.array("I").itemsize == 4 else "L"


def _pack_table(mapping: dict[int, Any], typecode: str) -> tuple[bytes, bytes, dict[int, Any]]:
    dense = array.array(typecode, bytes(array.array(typecode).itemsize * BMP))
    present = bytearray(BMP)
    astral: dict[int, Any] = {}
    for code, value in mapping.items():
        if 0 <= code < BMP:
            dense[code] = value
            present[code] = 1
        else:
            astral[code] = value
    return dense.tobytes(), bytes(present), astral


def _unpack_table(data: bytes, present: bytes, astral: dict[int, Any], typecode: str) -> CodepointTable:
    dense = array.array(typecode)
    dense.frombytes(data)
    return CodepointTable(dense, present, astral)


def _cache_file(cache_dir: Path, path: Path, subfont: int) -> Path:
    stat = path.stat()
    key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{subfont}|{reportlab.Version}|{_FORMAT}"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
    return cache_dir / f"{path.stem}-{subfont}-{digest}.face"


def _serialise(face: TTFontFace) -> bytes:
    attrs = {key: value for key, value in vars(face).items() if key not in _HEAVY}
    glyph_data, glyph_present, glyph_astral = _pack_table(face.charToGlyph, _uint_code())
    width_data, width_present, width_astral = _pack_table(face.charWidths, "d")
    advances = array.array("d", (advance for advance, _lsb in face.hmetrics))
    bearings = array.array("d", (lsb for _advance, lsb in face.hmetrics))
    positions = array.array(_uint_code(), face.glyphPos)
    return marshal.dumps(
        {
            "attrs": attrs,
            "uint": _uint_code(),
            "glyphs": glyph_data,
            "present": glyph_present,
            "glyphs_astral": glyph_astral,
            "widths": width_data,
            "widths_present": width_present,
            "widths_astral": width_astral,
            "advances": advances.tobytes(),
            "bearings": bearings.tobytes(),
            "positions": positions.tobytes(),
        }
    )


def _map_file(path: Path) -> mmap.mmap:
    with open(path, "rb") as handle:
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def _deserialise(blob: bytes, path: Path) -> TTFontFace:
    data = marshal.loads(blob)
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(data["attrs"])
    uint = data["uint"]
    face.charToGlyph = _unpack_table(data["glyphs"], data["present"], data["glyphs_astral"], uint)
    face.charWidths = _unpack_table(data["widths"], data["widths_present"], data["widths_astral"], "d")
    advances, bearings, positions = array.array("d"), array.array("d"), array.array(uint)
    advances.frombytes(data["advances"])
    bearings.frombytes(data["bearings"])
    positions.frombytes(data["positions"])
    face.hmetrics = HMetrics(advances, bearings)
    face.glyphPos = positions
    scale = 1000 / face.unitsPerEm
    face._pdfScale = lambda value: value * scale
    face._ttf_data = _map_file(path)
    return face


def _write_atomically(target: Path, blob: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(blob)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def load_face(path: Path, subfont: int, cache_dir: Path | None) -> TTFontFace:
    """The parsed face of one font (one subfont of a .ttc), from the cache when it is there."""
    if cache_dir is not None:
        try:
            cached = _cache_file(cache_dir, path, subfont)
            if cached.is_file():
                return _deserialise(cached.read_bytes(), path)
        except (OSError, ValueError, EOFError, KeyError, TypeError):
            pass  # an unreadable or stale cache entry: parse the font again below
    face = TTFontFace(str(path), validate=0, subfontIndex=subfont)
    if cache_dir is not None:
        with contextlib.suppress(OSError):  # a read-only profile: keep working without the cache
            _write_atomically(_cache_file(cache_dir, path, subfont), _serialise(face))
    return face


class CachedTTFont(TTFont):
    """A TTFont whose widths come from a `CodepointTable` (reportlab's C accelerator wants a dict)."""

    def stringWidth(self, text: str, size: float, encoding: str = "utf8") -> float:
        if isinstance(text, bytes):
            text = text.decode(encoding or "utf8")
        cache = self.__dict__.setdefault("_width_cache", {})
        per_point = cache.get(text)
        if per_point is None:
            get = self.face.charWidths.get
            default = self.face.defaultWidth
            per_point = 0.001 * sum(get(ord(char), default) for char in text)
            if len(cache) > 50000:
                cache.clear()
            cache[text] = per_point
        return per_point * size


def make_font(name: str, face: TTFontFace) -> TTFont:
    """A reportlab TTFont around an already loaded face (TTFont.__init__ would parse the file again)."""
    from weakref import WeakKeyDictionary

    from reportlab import rl_config
    from reportlab.pdfbase.ttfonts import TTEncoding

    font = CachedTTFont.__new__(CachedTTFont)
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    font._asciiReadable = rl_config.ttfAsciiReadable
    font.shapable = False
    return font


_reportlab_to_unicode = ttfonts.makeToUnicodeCMap


def _utf16_hex(code: int) -> str:
    """A code point as the UTF-16BE hex a ToUnicode CMap wants (a surrogate pair above the BMP)."""
    return (
        code.to_bytes(4, "big").hex().upper()[4:]
        if code < BMP
        else chr(code).encode("utf-16-be").hex().upper()
    )


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters above the BMP written as surrogate pairs.

    reportlab writes "<%04X>" of the code point, so 𠮷 (U+20BB7) copies out of the PDF as U+20BB.
    """
    text = _reportlab_to_unicode(fontname, subset)
    if all(code < BMP for code in subset):
        return text
    lines = text.split("\n")
    start = lines.index(f"{len(subset)} beginbfchar") + 1
    for index, code in enumerate(subset):
        lines[start + index] = f"<{index:02X}> <{_utf16_hex(code)}>"
    return "\n".join(lines)


# Installed for every TrueType font of the process: addObjects looks the function up in its module.
ttfonts.makeToUnicodeCMap = to_unicode_cmap
