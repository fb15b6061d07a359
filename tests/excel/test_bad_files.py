"""Files that are not usable workbooks: a clear Chinese message naming the file, nothing written."""

from __future__ import annotations

import shutil
import time
import zipfile
from pathlib import Path

import pytest

from bianzhi_desktop.documents.excel.reader import WorkbookError, read_sheet, read_workbook

from .workbooks import save_encrypted_office_file, save_ods, save_plain, save_with_empty_formatted_rows


def refused(path: Path, *words: str, **kwargs: object) -> str:
    with pytest.raises(WorkbookError) as caught:
        read_workbook(path, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert path.name in message
    for word in words:
        assert word in message
    return message


def test_a_corrupt_workbook(tmp_path: Path) -> None:
    good = save_plain(tmp_path / "good.xlsx", [["姓名"], ["王喆"]])
    broken = tmp_path / "损坏.xlsx"
    broken.write_bytes(good.read_bytes()[:600])
    refused(broken, "损坏")


def test_a_file_that_is_not_a_workbook(tmp_path: Path) -> None:
    text = tmp_path / "名单.xlsx"
    text.write_text("姓名,身份证号\n王喆,1\n", encoding="utf-8")
    refused(text, "不是Excel工作簿", "CSV")


def test_a_zip_that_is_not_a_workbook(tmp_path: Path) -> None:
    archive = tmp_path / "压缩包.xlsx"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("readme.txt", "hello")
    refused(archive, "无法读取")


def test_a_password_protected_workbook(tmp_path: Path) -> None:
    refused(save_encrypted_office_file(tmp_path / "加密.xlsx"), "密码")


def test_an_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "大文件.xlsx"
    with big.open("wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # sparse: 100 MB without writing them
    started = time.perf_counter()
    refused(big, "100 MB", "上限")
    assert time.perf_counter() - started < 1


def test_an_empty_file_and_an_empty_sheet(tmp_path: Path) -> None:
    empty = tmp_path / "空.xlsx"
    empty.write_bytes(b"")
    refused(empty, "空文件")
    refused(save_plain(tmp_path / "空表.xlsx", []), "空的")


def test_a_file_held_open_by_another_program(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = save_plain(tmp_path / "占用.xlsx", [["姓名"], ["王喆"]])
    real_open = Path.open

    def held(self: Path, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        if self == locked:
            raise PermissionError(13, "Permission denied")
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", held)
    refused(locked, "正被其他程序", "关闭")


def test_a_missing_file_and_a_folder(tmp_path: Path) -> None:
    with pytest.raises(WorkbookError, match="找不到文件"):
        read_workbook(tmp_path / "没有.xlsx")
    folder = tmp_path / "文件夹.xlsx"
    folder.mkdir()
    refused(folder, "文件夹")


def test_trailing_formatted_empty_rows_are_skipped_quickly(tmp_path: Path) -> None:
    path = save_with_empty_formatted_rows(
        tmp_path / "格式.xlsx", [["姓名", "单位"], ["王喆", "教育局"]], 200_000
    )
    started = time.perf_counter()
    sheet = read_sheet(path)
    assert time.perf_counter() - started < 3
    assert sheet.rows == [["姓名", "单位"], ["王喆", "教育局"]]


def test_ods_and_wps_et_files_read_by_content(tmp_path: Path) -> None:
    ods = save_ods(tmp_path / "名单.ods", [["姓名", "单位"], ["王喆", "教育局"]])
    assert read_sheet(ods).rows == [["姓名", "单位"], ["王喆", "教育局"]]
    # WPS saves .et as an Excel container; the reader goes by content, not by name
    et = tmp_path / "名单.et"
    shutil.copyfile(save_plain(tmp_path / "x.xlsx", [["姓名"], ["王喆"]]), et)
    assert read_sheet(et).rows == [["姓名"], ["王喆"]]


def test_formulas_without_a_computed_value_are_found(tmp_path: Path) -> None:
    path = save_plain(tmp_path / "公式.xlsx", [["姓名", "单位"], ["王喆", "=A1"]])
    sheet = read_sheet(path)
    assert (1, 1) in sheet.uncomputed


def test_shared_formulas_without_a_computed_value_are_found(tmp_path: Path) -> None:
    """A column filled down by a program: the first cell holds the formula, the others refer to it."""
    path = save_plain(tmp_path / "共享公式.xlsx", [["姓名", "单位"], ["王喆", "=A1"], ["李堃", "=A2"]])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    assert "<f>A1</f>" in sheet_xml and "<f>A2</f>" in sheet_xml
    sheet_xml = sheet_xml.replace("<f>A1</f>", '<f t="shared" ref="B2:B3" si="0">A1</f>')
    sheet_xml = sheet_xml.replace("<f>A2</f>", '<f t="shared" si="0"/>')
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    assert {(1, 1), (2, 1)} <= read_sheet(path).uncomputed


def test_a_sheet_without_formulas_has_none_to_report(tmp_path: Path) -> None:
    path = save_plain(tmp_path / "无公式.xlsx", [["姓名", "备注"], ["王喆", "<f>不是公式</f>"]])
    assert read_sheet(path).uncomputed == set()
