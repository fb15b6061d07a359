"""Hidden rows and columns of the sheets of an .xlsx file.

An import reads hidden rows and columns like any other (a clerk who hid a row did not mean to leave the
person out), but says so: what is hidden on screen is easily forgotten. calamine does not report
visibility, so the sheet XML is scanned for ``<row … hidden="1">`` and ``<col … hidden="1">`` as it is
inflated, a piece at a time (a 40,000-row sheet in ~0.1 s, and in a thread: zlib releases the GIL).
Other formats report nothing.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

_ZIP_MAGIC = b"PK\x03\x04"
_NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
_ROW = re.compile(rb'<row\b[^>]*?\br="(\d+)"[^>]*>')
_COL = re.compile(rb"<col\b[^>]*/?>")
_HIDDEN = re.compile(rb'\bhidden="(?:1|true)"')
_MIN_MAX = re.compile(rb'\bmin="(\d+)"[^>]*?\bmax="(\d+)"|\bmax="(\d+)"[^>]*?\bmin="(\d+)"')
_CHUNK = 1 << 20
_MAX_COLUMNS = 16384
# A hostile file may declare or inflate to far more than any roster (a 40,000-row sheet is ~30 MB of
# XML): past this the scan stops and reports what it found so far.
MAX_SCAN_BYTES = 256 * 1024 * 1024


@dataclass
class Hidden:
    rows: set[int] = field(default_factory=set)  # 0-based row indexes
    columns: set[int] = field(default_factory=set)  # 0-based column indexes


def hidden_cells(path: str | Path) -> dict[str, Hidden]:
    """Sheet name → its hidden rows and columns (only sheets that have some); {} for other formats or
    a file that cannot be read this way (the reader reports that)."""
    try:
        with Path(path).open("rb") as handle:
            if handle.read(4) != _ZIP_MAGIC:
                return {}
        with zipfile.ZipFile(path) as archive:
            found: dict[str, Hidden] = {}
            for name, part in _sheet_parts(archive).items():
                hidden = _scan(archive, part)
                if hidden.rows or hidden.columns:
                    found[name] = hidden
            return found
    except (OSError, zipfile.BadZipFile, KeyError, ElementTree.ParseError, RuntimeError, ValueError):
        return {}


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.findall("rel:Relationship", _NS)}
    parts = {}
    for sheet in workbook.findall("m:sheets/m:sheet", _NS):
        target = targets.get(sheet.get(f"{{{_NS['r']}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        if part in archive.namelist():
            parts[sheet.get("name", "")] = part
    return parts


def _scan(archive: zipfile.ZipFile, part: str) -> Hidden:
    hidden = Hidden()
    tail = b""
    if archive.getinfo(part).file_size > MAX_SCAN_BYTES:
        return hidden
    read = 0
    with archive.open(part) as stream:
        while read < MAX_SCAN_BYTES and (chunk := stream.read(_CHUNK)):
            read += len(chunk)
            data = tail + chunk
            cut = data.rfind(b"<")  # a tag cut at the chunk's end is read with the next chunk
            data, tail = (data[:cut], data[cut:]) if cut > 0 else (data, b"")
            if b"hidden=" not in data:
                continue
            for match in _ROW.finditer(data):
                if _HIDDEN.search(match[0]):
                    hidden.rows.add(int(match[1]) - 1)
            for match in _COL.finditer(data):
                if _HIDDEN.search(match[0]) and (bounds := _MIN_MAX.search(match[0])):
                    low = int(bounds[1] or bounds[4])
                    high = min(int(bounds[2] or bounds[3]), _MAX_COLUMNS)
                    hidden.columns.update(range(low - 1, high))
    return hidden
