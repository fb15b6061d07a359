"""Reading the produced PDFs back: text (pdftotext), characters and lines (pdfplumber), embedded glyphs."""

from __future__ import annotations

import shutil
import struct
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

MM = 72 / 25.4


def pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _glyph_has_outline(font_file: bytes, glyph: int) -> bool:
    """True when glyph `glyph` of a TrueType file has outline data (loca entries differ)."""
    count = struct.unpack(">H", font_file[4:6])[0]
    tables = {}
    for index in range(count):
        tag, _checksum, offset, length = struct.unpack(">4sLLL", font_file[12 + 16 * index : 28 + 16 * index])
        tables[tag] = (offset, length)
    head = tables[b"head"][0]
    long_loca = struct.unpack(">h", font_file[head + 50 : head + 52])[0] == 1
    loca = tables[b"loca"][0]
    if long_loca:
        start, end = struct.unpack(">LL", font_file[loca + 4 * glyph : loca + 4 * glyph + 8])
    else:
        start, end = (2 * v for v in struct.unpack(">HH", font_file[loca + 2 * glyph : loca + 2 * glyph + 4]))
    return end > start


def embedded_glyphs(path: Path) -> dict[str, bool]:
    """For every character the PDF's embedded TrueType subsets map (ToUnicode), whether its glyph
    in the embedded font has an outline. reportlab subsets map code n to glyph n."""
    found: dict[str, bool] = {}
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        for page in PDFPage.create_pages(document):
            for ref in resolve1(page.resources.get("Font", {})).values():
                spec = resolve1(ref)
                descriptor = resolve1(spec.get("FontDescriptor"))
                if descriptor is None and "DescendantFonts" in spec:
                    descriptor = resolve1(resolve1(resolve1(spec["DescendantFonts"])[0])["FontDescriptor"])
                if descriptor is None or "FontFile2" not in descriptor or "ToUnicode" not in spec:
                    continue
                data = resolve1(descriptor["FontFile2"]).get_data()
                cmap = FileUnicodeMap()
                CMapParser(cmap, BytesIO(resolve1(spec["ToUnicode"]).get_data())).run()
                for code, char in cmap.cid2unichr.items():
                    found[char] = found.get(char, False) or _glyph_has_outline(data, code)
    return found
