"""bianzhi-cli sample-documents and notices on a small county (清河县教育局)."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest

from bianzhi_desktop import cli
from bianzhi_desktop.documents.pdf import fonts as font_module
from bianzhi_desktop.persistence.database import open_database
from tests.conftest import make_county
from tests.services.helpers import add_person, add_quota, add_unit, enroll

from .test_paperwork_service import build_school


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = cli.main(list(args))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-documents") / "county.sqlite"
    database = open_database(path)
    try:
        build_school(make_county(database))
    finally:
        database.close()
    return path


def test_sample_documents_writes_all_six(demo_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(capsys, "sample-documents", "--db", str(demo_file), "--out", str(tmp_path / "out"))
    assert code == 0, err
    names = (
        "decision",
        "hiring-notice",
        "enrollment-notice",
        "removal-notice",
        "unit-sheet",
        "public-roster",
    )
    for name in names:
        path = tmp_path / "out" / f"{name}.pdf"
        with pdfplumber.open(path) as document:
            assert document.pages and document.pages[0].extract_text().strip()
    assert "已在" in out and "使用字体" in out and "正文（仿宋）" in out


def test_notices_batch_and_errors(demo_file: Path, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out_file = tmp_path / "batch.pdf"
    code, out, err = run(
        capsys,
        "notices",
        "--db",
        str(demo_file),
        "--kind",
        "enrollment",
        "--limit",
        "5",
        "--out",
        str(out_file),
    )
    assert code == 0, err
    assert "已将 2 份入编通知单写入" in out
    with pdfplumber.open(out_file) as document:
        assert len(document.pages) == 2
    code, _out, err = run(
        capsys,
        "notices",
        "--db",
        str(demo_file),
        "--kind",
        "removal",
        "--since",
        "2099-01-01",
        "--out",
        str(tmp_path / "none.pdf"),
    )
    assert code == 1 and "没有出编通知单" in err
    code, _out, err = run(
        capsys,
        "notices",
        "--db",
        str(demo_file),
        "--kind",
        "enrollment",
        "--since",
        "2026-02-30",
        "--out",
        str(out_file),
    )
    assert code == 2 and "不是有效日期" in err
    code, _out, err = run(
        capsys, "notices", "--db", str(tmp_path / "missing.db"), "--kind", "hiring", "--out", str(out_file)
    )
    assert code == 1 and "不存在" in err
    code, _out, err = run(
        capsys, "notices", "--db", str(demo_file), "--kind", "hiring", "--out", str(tmp_path / "x.txt")
    )
    assert code == 1 and ".pdf" in err


def test_a_name_no_font_can_draw_stops_the_console_with_exit_1(tmp_path: Path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "county.sqlite"
    database = open_database(path)
    try:
        county = make_county(database)
        unit = add_unit(database, county.admin, "清河县档案馆")
        add_quota(database, county.admin, unit, "行政编制", 2, doc="清编〔2020〕9号")
        enroll(database, county.admin, add_person(database, county.admin, "王𠮷", seq=15), unit)
    finally:
        database.close()
    monkeypatch.setattr(font_module, "_font_folders", lambda: [])
    monkeypatch.setattr(font_module, "LAST_RESORT", ())
    monkeypatch.setattr(font_module, "_DEFAULT", font_module.FontSet(tmp_path / "cache", families={}))
    out = tmp_path / "notices.pdf"
    code, _out, err = run(capsys, "notices", "--db", str(path), "--kind", "enrollment", "--out", str(out))
    assert code == 1
    assert "姓名“王𠮷”的第2个字“𠮷”（U+20BB7）" in err
    assert not out.exists()
