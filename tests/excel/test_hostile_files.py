"""Hostile and broken workbooks (issue 15, item 3): each is refused with a Chinese message naming the
file, in a reading process of its own, and nothing else happens. A sample of the soak campaign's kinds
(soak/hostile_workbooks.py runs a thousand)."""

from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from bianzhi_desktop.documents.excel import worker
from bianzhi_desktop.documents.excel.reader import WorkbookError, read_workbook

ROOT = Path(__file__).resolve().parents[2]


def _soak():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("hostile_workbooks", ROOT / "soak" / "hostile_workbooks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("hostile_workbooks", module)
    spec.loader.exec_module(module)
    return module


soak = _soak()


def refusal(path: Path) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path)
    message = str(caught.value)
    assert path.name in message
    assert "Traceback" not in message
    return message


def hostile(tmp_path: Path, kind: str, seed: int = 1, **choices: object) -> Path:
    rng = random.Random(seed)
    if choices:  # pin the generator's random choice
        rng.choice = lambda options: choices["pick"]  # type: ignore[method-assign]
    path = tmp_path / f"{kind}.xlsx"
    path.write_bytes(soak.KINDS[kind](soak.base_parts(), rng))
    return path


def test_one_value_in_the_last_cell_of_the_sheet(tmp_path: Path) -> None:
    message = refusal(hostile(tmp_path, "far_cell", pick="XFD1048576"))
    assert "16,384列" in message and "500列" in message


def test_a_million_rows_of_values(tmp_path: Path) -> None:
    rng = random.Random(0)
    rng.choice = lambda options: options[-1]  # type: ignore[method-assign]
    path = tmp_path / "rows.xlsx"
    path.write_bytes(soak.many_rows(soak.base_parts(), rng))
    message = refusal(path)
    assert "1,048,575行" in message and "200,000行" in message


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    for seed in range(4):
        message = refusal(hostile(tmp_path, "doctype_entities", seed))
        assert "DOCTYPE" in message


def test_a_zip_bomb_is_refused_by_its_inflated_size(tmp_path: Path) -> None:
    rng = random.Random(0)
    rng.choice = lambda options: options[0]  # type: ignore[method-assign]
    rng.random = lambda: 0.0  # type: ignore[method-assign]  # honest sizes in the headers
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(soak.zip_bomb(soak.base_parts(), rng))
    assert path.stat().st_size < 2 * 1024 * 1024
    assert "解压后超过200 MB" in refusal(path)


@pytest.mark.parametrize(
    ("kind", "seed"),
    [
        ("bit_flips", 3),
        ("truncated", 4),
        ("bad_character_references", 5),
        ("bad_shared_string", 6),
        ("bad_reference", 7),
    ],
)
def test_corrupt_files_get_a_chinese_message(tmp_path: Path, kind: str, seed: int) -> None:
    path = hostile(tmp_path, kind, seed)
    try:
        read_workbook(path)
    except WorkbookError as error:  # refused: in Chinese, naming the file
        assert path.name in str(error)
        assert any("\u4e00" <= ch <= "\u9fff" for ch in str(error))


def test_what_the_checks_miss_is_stopped_by_the_memory_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file within the limits that still needs more memory than the reading process may have."""
    book = Workbook()
    for row in range(20_000):
        book.active.append([f"{row}-{col}" for col in range(10)])
    path = tmp_path / "heavy.xlsx"
    book.save(path)
    monkeypatch.setattr(worker, "MEMORY_CAP_BYTES", 40 * 1024 * 1024)  # the message's figure
    monkeypatch.setattr(worker, "_command", lambda: [sys.executable, "-c", _CAPPED_WORKER])  # the real cap
    message = refusal(path)
    assert "内存超过了40 MB的上限" in message and "程序和数据库都未受影响" in message


_CAPPED_WORKER = (
    "import sys\n"
    "from bianzhi_desktop.documents.excel import worker\n"
    "worker.MEMORY_CAP_BYTES = 40 * 1024 * 1024\n"
    "sys.exit(worker.main())\n"
)


def test_a_hung_reader_is_stopped_by_the_time_cap(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = Workbook()
    book.active.append(["姓名"])
    path = tmp_path / "slow.xlsx"
    book.save(path)
    monkeypatch.setattr(worker, "TIME_CAP_SECONDS", 1)
    monkeypatch.setattr(worker, "_command", lambda: [sys.executable, "-c", "import time; time.sleep(60)"])
    assert "超过1秒仍未完成" in refusal(path)


def test_a_legitimate_workbook_reads_the_same_through_the_worker(tmp_path: Path) -> None:
    import datetime as dt

    book = Workbook()
    rows = [
        ["姓名", "出生日期", "人数", "在编"],
        ["王喆", dt.date(1990, 1, 2), 3, True],
        ["李娜", None, 2.5, False],
    ]
    for row in rows:
        book.active.append(row)
    path = tmp_path / "ok.xlsx"
    book.save(path)
    (sheet,) = read_workbook(path)
    assert sheet.rows[0] == rows[0]
    assert sheet.rows[1][0] == "王喆" and sheet.rows[1][1] in (dt.date(1990, 1, 2), dt.datetime(1990, 1, 2))
    assert sheet.rows[1][2:] == [3, True] and sheet.rows[2][2:] == [2.5, False]


def test_a_central_directory_pointing_past_the_file(tmp_path: Path) -> None:
    """A bit flip in the zip's end record made Python's zipfile seek before the start (ValueError),
    which escaped the checks as a traceback in the campaign."""
    import struct

    book = Workbook()
    book.active.append(["姓名"])
    path = tmp_path / "偏移.xlsx"
    book.save(path)
    data = bytearray(path.read_bytes())
    end = data.rfind(b"PK\x05\x06")
    (offset,) = struct.unpack_from("<I", data, end + 16)
    data[end + 16 : end + 20] = struct.pack("<I", offset + 1024 * 1024)
    path.write_bytes(bytes(data))
    assert "已损坏" in refusal(path)
