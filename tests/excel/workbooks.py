"""Workbooks the tests make themselves: messy rosters as offices send them, and broken files."""

from __future__ import annotations

import datetime as dt
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl import Workbook

from bianzhi_desktop.domain.idnumber import check_character, make_id_number


def id_ending_in_x(area: str, birth: dt.date, *, female: bool = False) -> str:
    """A valid number whose check character is X (to be written with a lowercase x)."""
    for seq in range(2 if female else 1, 999, 2):
        first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
        if check_character(first17) == "X":
            return first17 + "X"
    raise AssertionError("no sequence gives X")


def fullwidth(text: str) -> str:
    return "".join(chr(ord(ch) + 0xFEE0) if ch.isdigit() else ch for ch in text)


def save_messy_roster(
    path: Path, rows: Sequence[Sequence[object]], *, number_format_id: bool = False
) -> Path:
    """A roster as offices keep it: a merged title, a note row, a two-row header with merged cells,
    spaced header names; columns 序号 姓名 身份证号码 性别 | 所在单位 编制性质 进编时间 | 入编文号 科室."""
    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet["A1"] = "清河县2025年机构编制实名制花名册"
    sheet.merge_cells("A1:I1")
    sheet["A2"] = "填报单位：（盖章）　　　　填报日期：2025年12月"
    sheet.merge_cells("A2:I2")
    for column, text in zip(
        "ABCDHI", ("序号", "姓  名", "身份证号码", "性别", "入编文号", "科室"), strict=True
    ):
        sheet[f"{column}3"] = text
        sheet.merge_cells(f"{column}3:{column}4")
    sheet["E3"] = "编制情况"
    sheet.merge_cells("E3:G3")
    sheet["E4"], sheet["F4"], sheet["G4"] = "所在单位", "编制性质", "进编时间"
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
        if number_format_id:
            sheet.cell(row=sheet.max_row, column=3).number_format = "0"
    book.save(path)
    return path


def save_plain(path: Path, rows: Sequence[Sequence[object]], title: str = "Sheet1") -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def save_encrypted_office_file(path: Path) -> Path:
    """A minimal OLE compound file with an EncryptedPackage stream: what Excel writes when a workbook
    has an opening password (the content itself is not encrypted here, only the container shape)."""
    sector = 512
    end, free, fat_sect = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    payload = b"\x00" * 4096
    data_sectors = len(payload) // sector
    header = bytearray(sector)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 40, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0]: the FAT is sector 0
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)
    fat = [fat_sect, end] + [3 + i for i in range(data_sectors - 1)] + [end]
    fat += [free] * (128 - len(fat))
    fat_bytes = struct.pack("<128I", *fat)

    def entry(name: str, kind: int, child: int, start: int, size: int) -> bytes:
        raw = bytearray(128)
        encoded = (name + "\0").encode("utf-16-le")
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, free, free, child)
        struct.pack_into("<IQ", raw, 116, start, size)
        return bytes(raw)

    directory = entry("Root Entry", 5, 1, end, 0) + entry("EncryptedPackage", 2, free, 2, len(payload))
    directory += b"\x00" * (sector - len(directory))
    path.write_bytes(bytes(header) + fat_bytes + directory + payload)
    return path


def save_ods(path: Path, rows: Sequence[Sequence[str]]) -> Path:
    """A minimal OpenDocument spreadsheet (what LibreOffice and WPS also write)."""
    table_rows = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{escape(str(v))}</text:p></table:table-cell>'
            for v in row
        )
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        f'<office:body><office:spreadsheet><table:table table:name="花名册">{table_rows}'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        "</manifest:manifest>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def save_with_empty_formatted_rows(path: Path, rows: Sequence[Sequence[str]], empty_rows: int) -> Path:
    """A small sheet followed by `empty_rows` formatted but empty rows (a whole sheet formatted)."""
    save_plain(path, rows)
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info.filename) for info in source.infolist()}
    xml = parts["xl/worksheets/sheet1.xml"].decode()
    start = len(rows) + 1
    filler = "".join(
        f'<row r="{n}" s="0" customFormat="1"><c r="A{n}" s="0"/></row>'
        for n in range(start, start + empty_rows)
    )
    parts["xl/worksheets/sheet1.xml"] = xml.replace("</sheetData>", filler + "</sheetData>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def make_ids(count: int, area: str = "320102", start_seq: int = 11) -> list[str]:
    return [
        make_id_number(area, dt.date(1980 + i % 20, 1 + i % 12, 1 + i % 28), start_seq + 2 * i)
        for i in range(count)
    ]
