"""Hostile-workbook campaign: generate a corpus of broken and malicious workbooks, run each through the
roster import in its own process with a memory cap, and count what went wrong.

    .venv/bin/python soak/hostile_workbooks.py [--count 1000] [--keep DIR] [--seed 15] [--jobs 2]

Each file is previewed for import into a copy of a small county (the console's `import-roster --dry-run`
path, in a process of its own, as the window does it). Printed: runs; crashes (the process died, or an
error other than a Chinese message reached the caller); writes (the database file or its folder
changed); over 500 MB (peak resident memory of the import process or of its reading process). Goal of
issue 15: 1,000 files, 0 crashes, 0 writes, 0 over 500 MB. Exit 1 when the goal is missed.

Kinds (each with variations from the seed): one value in XFD1048576, a declared dimension of the whole
sheet, whitespace padding between and inside the XML, 1,048,575 rows of values, columns beyond the limit,
bit flips, truncation, invalid character references, DOCTYPE entities (billion laughs and external),
a bad shared-string index, r="A-5" and other bad references, zip bombs (honest and lying sizes), a
huge shared string, many sheets, a broken .ods, random bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HEADER = ["序号", "姓名", "公民身份号码", "单位", "编制类型", "入编时间"]
MEMORY_GOAL_MB = 500
IMPORT_MEMORY_CAP = 2 * 1024 * 1024 * 1024  # the import process itself (the reader caps its own)


# -- the corpus --------------------------------------------------------------------------------------
def base_parts() -> dict[str, bytes]:
    """The parts of a small, valid roster workbook written by openpyxl."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "花名册"
    sheet.append(HEADER)
    sheet.append([1, "王喆", "530102199001011234", "云溪县教育局", "行政编制", "2015-03-01"])
    sheet.append([2, "李娜", "530102199202022345", "云溪县教育局", "行政编制", "2016-07-01"])
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def write_parts(parts: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


SHEET = "xl/worksheets/sheet1.xml"


def _sheet_with(parts: dict[str, bytes], rows_xml: str, dimension: str | None = None) -> dict[str, bytes]:
    out = dict(parts)
    xml = out[SHEET].decode()
    start, end = xml.index("<sheetData>") + len("<sheetData>"), xml.index("</sheetData>")
    xml = xml[:start] + rows_xml + xml[end:]
    if dimension is not None:
        head, _, tail = xml.partition("<dimension ref=")
        tail = tail[tail.index("/>") :]
        xml = f'{head}<dimension ref="{dimension}"{tail}'
    out[SHEET] = xml.encode()
    return out


def shared_strings(items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>'
    ).encode()


def _row(number: int, *cells: tuple[str, str]) -> str:
    inner = "".join(f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>' for ref, text in cells)
    return f'<row r="{number}">{inner}</row>'


def far_cell(parts: dict[str, bytes], rng: random.Random) -> bytes:
    ref = rng.choice(["XFD1048576", "XFD1", "A1048576", "ZZ900000", "SG2", "AAA70000"])
    rows = (
        _row(1, ("A1", "姓名"))
        + f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}"><v>1</v></c></row>'
    )
    return write_parts(_sheet_with(parts, rows))


def huge_dimension(parts: dict[str, bytes], rng: random.Random) -> bytes:
    dimension = rng.choice(["A1:XFD1048576", "A1:ZZ1048576", "A1:IV65536"])
    return write_parts(_sheet_with(parts, _row(1, ("A1", "姓名"), ("B1", "公民身份号码")), dimension))


def whitespace_padding(parts: dict[str, bytes], rng: random.Random) -> bytes:
    size = rng.choice([20, 60, 150, 260]) * 1024 * 1024
    where = rng.choice(["between", "inside", "strings"])
    pad = " " * size
    out = dict(parts)
    if where == "between":
        out[SHEET] = out[SHEET].replace(b"<sheetData>", b"<sheetData>" + pad.encode())
    elif where == "inside":
        out = _sheet_with(parts, _row(1, ("A1", "姓名" + pad)))
    else:
        out["xl/sharedStrings.xml"] = shared_strings(f"<si><t>{pad}</t></si>")
    return write_parts(out)


def many_rows(parts: dict[str, bytes], rng: random.Random) -> bytes:
    count = rng.choice([250_000, 600_000, 1_048_575])
    columns = rng.choice([1, 2, 4])
    letters = "ABCD"[:columns]
    rows = "".join(
        f'<row r="{n}">' + "".join(f'<c r="{col}{n}"><v>{n}</v></c>' for col in letters) + "</row>"
        for n in range(1, count + 1)
    )
    return write_parts(_sheet_with(parts, rows))


def wide_rows(parts: dict[str, bytes], rng: random.Random) -> bytes:
    from bianzhi_desktop.documents.excel.reader import column_letter

    width = rng.choice([600, 2000, 16384])
    rows = "".join(
        f'<row r="{n}">'
        + "".join(f'<c r="{column_letter(c)}{n}"><v>1</v></c>' for c in range(width))
        + "</row>"
        for n in range(1, 4)
    )
    return write_parts(_sheet_with(parts, rows))


def bit_flips(parts: dict[str, bytes], rng: random.Random) -> bytes:
    data = bytearray(write_parts(parts, compression=rng.choice([zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED])))
    for _ in range(rng.randint(1, 40)):
        position = rng.randrange(len(data))
        data[position] ^= 1 << rng.randrange(8)
    return bytes(data)


def truncated(parts: dict[str, bytes], rng: random.Random) -> bytes:
    data = write_parts(parts)
    return data[: rng.randrange(30, len(data))]


def bad_character_references(parts: dict[str, bytes], rng: random.Random) -> bytes:
    reference = rng.choice(
        ["&#0;", "&#xFFFFFFFF;", "&#x110000;", "&#55296;", "&#99999999999;", "&bogus;", "&#x;"]
    )
    return write_parts(_sheet_with(parts, _row(1, ("A1", "姓名"), ("B1", f"王{reference}喆"))))


def doctype_entities(parts: dict[str, bytes], rng: random.Random) -> bytes:
    kind = rng.choice(["laughs", "external", "parameter"])
    if kind == "laughs":
        entities = '<!ENTITY a0 "lol">' + "".join(
            f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
        )
        use = "&a9;"
    elif kind == "external":
        entities, use = '<!ENTITY x SYSTEM "file:///etc/passwd">', "&x;"
    else:
        entities, use = '<!ENTITY % p SYSTEM "http://127.0.0.1:9/x.dtd"> %p;', "x"
    target = rng.choice([SHEET, "xl/workbook.xml", "xl/sharedStrings.xml"])
    out = dict(parts)
    if target == "xl/sharedStrings.xml":
        body = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>{use}</t></si></sst>'
    else:
        body = (
            out[target]
            .decode()
            .split("?>", 1)[-1]
            .replace("<sheetData>", f"<sheetData>{_row(1, ('A1', use))}", 1)
        )
    root = body.lstrip()[1:].split()[0].split(">")[0]
    out[target] = f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]>{body}'.encode()
    return write_parts(out)


def bad_shared_string(parts: dict[str, bytes], rng: random.Random) -> bytes:
    index = rng.choice(["999999", "-1", "4294967296", "abc", "1e9", ""])
    rows = _row(1, ("A1", "姓名")) + f'<row r="2"><c r="A2" t="s"><v>{index}</v></c></row>'
    return write_parts(_sheet_with(parts, rows))


def bad_reference(parts: dict[str, bytes], rng: random.Random) -> bytes:
    ref = rng.choice(["A-5", "A0", "0", "-A1", "A99999999999999999999", "ZZZZZZ1", "A1:B2", "", "é1"])
    rows = _row(1, ("A1", "姓名")) + f'<row r="2"><c r="{ref}"><v>7</v></c></row>'
    if rng.random() < 0.3:
        rows += f'<row r="{rng.choice(["-3", "0", "99999999999999", "x"])}"><c><v>1</v></c></row>'
    return write_parts(_sheet_with(parts, rows))


def zip_bomb(parts: dict[str, bytes], rng: random.Random) -> bytes:
    size = rng.choice([250, 600]) * 1024 * 1024
    honest = rng.random() < 0.5
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            if name != SHEET:
                archive.writestr(name, data)
        zeros = b"<!-- " + b"0" * (1024 * 1024) + b" -->"
        info = zipfile.ZipInfo(SHEET if not honest else "xl/media/bomb.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with archive.open(info, "w", force_zip64=True) as out:
            if not honest:
                out.write(parts[SHEET].split(b"<sheetData>")[0] + b"<sheetData>")
            for _ in range(size // len(zeros)):
                out.write(zeros)
            if not honest:
                out.write(b"</sheetData></worksheet>")
    data = bytearray(buffer.getvalue())
    if not honest:  # make the headers claim a small size
        data = _lie_about_sizes(data)
    return bytes(data)


def _lie_about_sizes(data: bytearray) -> bytearray:
    """Rewrite the uncompressed sizes in the zip headers to 4 KB (a 'lying' bomb)."""
    position = 0
    while True:
        central = data.find(b"PK\x01\x02", position)
        if central < 0:
            return data
        data[central + 24 : central + 28] = (4096).to_bytes(4, "little")
        position = central + 4


def huge_shared_string(parts: dict[str, bytes], rng: random.Random) -> bytes:
    count = rng.choice([100_000, 1_000_000])
    strings = "".join(f"<si><t>{'字' * 50}{i}</t></si>" for i in range(count))
    return write_parts({**parts, "xl/sharedStrings.xml": shared_strings(strings)})


def many_sheets(parts: dict[str, bytes], rng: random.Random) -> bytes:
    out = dict(parts)
    count = rng.choice([50, 300])
    sheets = "".join(f'<sheet name="S{i}" sheetId="{i + 10}" r:id="rIdX{i}"/>' for i in range(count))
    rels = "".join(
        f'<Relationship Id="rIdX{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        for i in range(count)
    )
    out["xl/workbook.xml"] = out["xl/workbook.xml"].replace(b"</sheets>", sheets.encode() + b"</sheets>")
    out["xl/_rels/workbook.xml.rels"] = out["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", rels.encode() + b"</Relationships>"
    )
    return write_parts(out)


def broken_ods(parts: dict[str, bytes], rng: random.Random) -> bytes:
    repeat = rng.choice(["16384", "1048576", "2147483647", "-1", "x"])
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>'
        '<table:table table:name="S"><table:table-row>'
        f'<table:table-cell table:number-columns-repeated="{repeat}"><text:p>姓名</text:p></table:table-cell>'
        f'</table:table-row><table:table-row table:number-rows-repeated="{repeat}"><table:table-cell><text:p>1</text:p>'
        "</table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
        )
    return buffer.getvalue()


def random_bytes(parts: dict[str, bytes], rng: random.Random) -> bytes:
    prefix = rng.choice([b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b""])
    return prefix + rng.randbytes(rng.randint(1, 200_000))


KINDS: dict[str, Callable[[dict[str, bytes], random.Random], bytes]] = {
    "far_cell": far_cell,
    "huge_dimension": huge_dimension,
    "whitespace_padding": whitespace_padding,
    "many_rows": many_rows,
    "wide_rows": wide_rows,
    "bit_flips": bit_flips,
    "truncated": truncated,
    "bad_character_references": bad_character_references,
    "doctype_entities": doctype_entities,
    "bad_shared_string": bad_shared_string,
    "bad_reference": bad_reference,
    "zip_bomb": zip_bomb,
    "huge_shared_string": huge_shared_string,
    "many_sheets": many_sheets,
    "broken_ods": broken_ods,
    "random_bytes": random_bytes,
}
# the expensive kinds are rarer in a long campaign (each still appears)
WEIGHTS = {"many_rows": 1, "zip_bomb": 1, "whitespace_padding": 1, "huge_shared_string": 1, "wide_rows": 1}


def corpus(folder: Path, count: int, seed: int) -> list[Path]:
    """Write `count` hostile files into `folder` (every kind at least once when count ≥ the kinds)."""
    rng = random.Random(seed)
    parts = base_parts()
    names = list(KINDS)
    weights = [WEIGHTS.get(name, 6) for name in names]
    chosen = names[: min(count, len(names))] + rng.choices(names, weights, k=max(0, count - len(names)))
    paths = []
    for number, kind in enumerate(chosen):
        suffix = ".ods" if kind == "broken_ods" else ".xlsx"
        path = folder / f"{number:04d}-{kind}{suffix}"
        path.write_bytes(KINDS[kind](parts, random.Random(rng.random())))
        paths.append(path)
    return paths


# -- one run: the import of one file, in this process (called as a child) ------------------------------
def run_one(path: Path, database: Path) -> dict[str, object]:
    resource.setrlimit(resource.RLIMIT_AS, (IMPORT_MEMORY_CAP, IMPORT_MEMORY_CAP))
    from bianzhi_desktop.domain.errors import BianzhiError
    from bianzhi_desktop.persistence.database import open_database
    from bianzhi_desktop.services.context import SYSTEM_ACTOR
    from bianzhi_desktop.services.exchange import roster_import

    outcome: dict[str, object] = {"file": path.name}
    db = open_database(database)
    try:
        with db.write() as uow:
            preview = roster_import.preview_roster(uow, SYSTEM_ACTOR, path)
        outcome["result"] = "read"
        outcome["rows"] = preview.rows
    except BianzhiError as error:
        outcome["result"] = "refused"
        outcome["message"] = str(error)[:200]
    finally:
        db.close()
    self_mb = own_peak_mb()
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    outcome["peak_mb"] = round(max(self_mb, child_mb), 1)
    return outcome


def own_peak_mb() -> float:
    """This process's own peak resident memory (VmHWM: ru_maxrss would include the parent's peak
    inherited when this process was started)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def campaign_one(path: Path, template: Path, work: Path) -> dict[str, object]:
    """Run one file in a child process on a fresh copy of the county; judge what happened."""
    work.mkdir(parents=True, exist_ok=True)
    database = work / "county.sqlite3"
    shutil.copyfile(template, database)
    before = _fingerprint(work)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, __file__, "--one", str(path), str(database)],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
        check=False,
    )
    outcome: dict[str, object] = {"file": path.name, "seconds": round(time.monotonic() - started, 1)}
    lines = result.stdout.strip().splitlines()
    if result.returncode != 0 or not lines:
        outcome.update(
            result="crash", detail=(result.stderr.strip().splitlines() or ["(no output)"])[-1][:300]
        )
    else:
        outcome.update(json.loads(lines[-1]))
    # -wal/-shm appear and vanish with any opening; the database's content must not change
    after = _fingerprint(work)
    changed = [
        name
        for name in set(before) | set(after)
        if name.endswith(".sqlite3") and before.get(name) != after.get(name)
    ]
    others = [name for name in set(after) - set(before) if not name.endswith(("-wal", "-shm"))]
    outcome["writes"] = sorted(changed + others)
    shutil.rmtree(work, ignore_errors=True)
    return outcome


def make_county(path: Path) -> None:
    from bianzhi_desktop.persistence.database import open_database
    from bianzhi_desktop.services import county

    db = open_database(path)
    county.create_county(
        db,
        county_name="云溪县",
        office_name="中共云溪县委机构编制委员会办公室",
        doc_prefix="云编办发",
        admin_username="admin",
        admin_password="soak1234",
    )
    db.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--keep", help="write the corpus and a JSON line per run into this folder")
    parser.add_argument("--one", nargs=2, metavar=("FILE", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(Path(args.one[0]), Path(args.one[1])), ensure_ascii=False))
        return 0
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(args.keep) if args.keep else Path(temp)
        files = folder / "corpus"
        files.mkdir(parents=True, exist_ok=True)
        paths = corpus(files, args.count, args.seed)
        template = folder / "county.sqlite3"
        if not template.exists():
            make_county(template)
        outcomes = []
        with ThreadPoolExecutor(args.jobs) as pool:
            futures = [pool.submit(campaign_one, p, template, folder / "work" / p.stem) for p in paths]
            for number, future in enumerate(futures, start=1):
                outcome = future.result()
                outcomes.append(outcome)
                if (
                    outcome["result"] == "crash"
                    or outcome["writes"]
                    or float(outcome.get("peak_mb", 0)) > MEMORY_GOAL_MB
                ):  # type: ignore[arg-type]
                    print("  问题：", json.dumps(outcome, ensure_ascii=False), flush=True)
                if number % 50 == 0:
                    print(f"  已运行 {number}/{len(paths)}", flush=True)
        if args.keep:
            (folder / "outcomes.jsonl").write_text(
                "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in outcomes), encoding="utf-8"
            )
    crashes = sum(o["result"] == "crash" for o in outcomes)
    writes = sum(bool(o["writes"]) for o in outcomes)
    over = sum(float(o.get("peak_mb", 0)) > MEMORY_GOAL_MB for o in outcomes)  # type: ignore[arg-type]
    peak = max(float(o.get("peak_mb", 0)) for o in outcomes)  # type: ignore[arg-type]
    refused = sum(o["result"] == "refused" for o in outcomes)
    print(
        f"恶意/损坏工作簿试验：运行 {len(outcomes)} 个文件（{len(set(p.stem.split('-', 1)[1] for p in paths))}类）"
    )
    print(f"  拒绝并给出中文说明 {refused}，读入 {len(outcomes) - refused - crashes}")
    print(
        f"  崩溃 {crashes}（目标 0），写入 {writes}（目标 0），内存超过{MEMORY_GOAL_MB} MB {over}（目标 0）；最高 {peak:.0f} MB"
    )
    return 0 if crashes == writes == over == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
