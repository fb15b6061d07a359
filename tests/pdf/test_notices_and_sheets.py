"""Notices (stub, notice, return slip on one page) and the unit's sheets, read back from the PDF."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest

from bianzhi_desktop.documents.pdf.drawing import Offset
from bianzhi_desktop.documents.pdf.notices import CUT1, CUT2, render_notices
from bianzhi_desktop.documents.pdf.sheets import (
    LeaderRow,
    PublicRosterInput,
    QuotaRow,
    RosterEntry,
    RosterGroup,
    RosterKindLine,
    UnitSheetInput,
    render_public_roster,
    render_unit_sheet,
)

from .pdfread import MM, pdftotext
from .samples import NAMES, OFFICE, enrollment, hiring, removal


def _flat(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("make", "title", "facts"),
    [
        (
            enrollment,
            "入编通知单",
            ["张喆", "110101199001011237", "在编110→111", "已核准未入编6→5", "2026年3月1日"],
        ),
        (
            hiring,
            "用编核准通知单",
            ["使用事业编制（全额拨款）6名", "公开招聘", "2026年12月31日", "已核准未入编0→6"],
        ),
        (removal, "出编通知单", ["李堃", "因退休", "2026年4月30日", "在编111→110"]),
    ],
)
def test_a_notice_has_stub_notice_and_return_slip_on_one_page(tmp_path: Path, make, title, facts) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notice.pdf"
    data = make()
    render_notices([data], path)
    text = _flat(pdftotext(path))
    assert f"{title}（存根）" in text and f"{title}（回执）" in text
    assert text.count(data.header.serial) >= 5  # every part and across both cut lines
    for fact in facts:
        assert fact in text
    with pdfplumber.open(path) as document:
        assert len(document.pages) == 1
        page = document.pages[0]
        dashed = sorted(
            round(line["top"] / MM, 1) for line in page.lines if line["x1"] - line["x0"] > 180 * MM
        )
        assert dashed == [CUT1, CUT2]
        stub_title = next(c for c in page.chars if c["text"] == "存" and abs(c["size"] - 15) < 0.1)
        slip_title = next(c for c in page.chars if c["text"] == "回" and abs(c["size"] - 15) < 0.1)
        assert stub_title["top"] / MM < CUT1 < CUT2 < slip_title["top"] / MM


def test_figures_before_and_after_are_a_bordered_table(tmp_path: Path) -> None:
    path = tmp_path / "notice.pdf"
    render_notices([enrollment()], path)
    with pdfplumber.open(path) as document:
        page = document.pages[0]
        tables = page.find_tables()
        texts = [[[cell or "" for cell in row] for row in table.extract()] for table in tables]
    figures = next(t for t in texts if t[0][1:] == ["核定编制", "在编人数", "已核准未入编", "空编"])
    assert figures[1] == ["办理前", "120", "110", "6", "4"]
    assert figures[2] == ["办理后", "120", "111", "5", "4"]


def test_batch_of_notices_is_one_pdf_with_a_page_each_and_reports_progress(tmp_path: Path) -> None:
    path = tmp_path / "batch.pdf"
    seen: list[tuple[int, int]] = []
    items = [enrollment(name, serial=f"清编入〔2026〕{i}号") for i, name in enumerate(NAMES, 1)]
    render_notices(items, path, progress=lambda done, total, _label: seen.append((done, total)))
    assert seen[-1] == (len(NAMES), len(NAMES))
    with pdfplumber.open(path) as document:
        assert len(document.pages) == len(NAMES)
        for index, page in enumerate(document.pages, 1):
            assert f"清编入〔2026〕{index}号" in _flat(page.extract_text())
    with pytest.raises(ValueError, match="没有可打印的通知单"):
        render_notices([], tmp_path / "empty.pdf")


def test_notice_offset_moves_the_print(tmp_path: Path) -> None:
    plain, shifted = tmp_path / "plain.pdf", tmp_path / "shifted.pdf"
    render_notices([enrollment()], plain)
    render_notices([enrollment(offset=Offset(2.5, 4.0))], shifted)
    with pdfplumber.open(plain) as a, pdfplumber.open(shifted) as b:
        first_a, first_b = a.pages[0].chars[0], b.pages[0].chars[0]
        assert (first_b["x0"] - first_a["x0"]) / MM == pytest.approx(2.5, abs=0.05)
        assert (first_b["top"] - first_a["top"]) / MM == pytest.approx(4.0, abs=0.05)


def test_unit_sheet_shows_particulars_quotas_and_leader_posts(tmp_path: Path) -> None:
    path = tmp_path / "unit.pdf"
    data = UnitSheetInput(
        OFFICE,
        "清河县教育局",
        dt.date(2026, 11, 30),
        "县教育局",
        ("县语言文字工作委员会办公室",),
        "政府工作部门",
        "正科",
        "政府",
        "",
        "县人民政府",
        "11110000MB0000000X",
        dt.date(2002, 1, 1),
        "清编发〔2019〕3号",
        ("负责全县教育工作。",),
        ("办公室", "人事股"),
        (QuotaRow("行政编制", 12, 11, 0), QuotaRow("事业编制（参照公务员法管理）", 5, 6, 0)),
        (LeaderRow("单位正职", 1, 1), LeaderRow("单位副职", 3, 4)),
    )
    render_unit_sheet(data, path)
    with pdfplumber.open(path) as document:
        page = document.pages[0]
        rows = [row for table in page.find_tables() for row in table.extract()]
    flat = [[_flat(cell or "") for cell in row] for row in rows]
    assert ["行政编制", "12", "11", "0", "1"] in flat
    assert ["事业编制（参照公务员法管理）", "5", "6", "0", "超编1"] in flat
    assert ["合计", "17", "17", "0", "空编1，超编1"] in flat  # kinds never offset each other
    assert ["单位副职", "3", "4", "超配1"] in flat
    assert any(row[:2] == ["机构名称", "清河县教育局"] for row in flat)
    assert "机构编制情况表" in _flat(pdftotext(path))


def test_public_roster_groups_by_division_without_id_numbers(tmp_path: Path) -> None:
    path = tmp_path / "roster.pdf"
    groups = tuple(
        RosterGroup(
            division,
            tuple(RosterEntry("科员", name) for name in NAMES[start : start + size]),
            (("行政编制", size - 1), ("事业编制（全额拨款）", 1)),
        )
        for division, start, size in (("单位本级", 0, 2), ("办公室", 2, 4), ("人事股", 6, 7))
    )
    data = PublicRosterInput(
        OFFICE, "清河县教育局", dt.date(2026, 11, 30), (RosterKindLine("行政编制", 12, 13),), groups
    )
    render_public_roster(data, path)
    text = _flat(pdftotext(path))
    assert "（行政编制12名，实有13名）" in text
    assert "办公室（行政编制3名，全额拨款事业编制1名，实有4名）" in text
    assert "人事股（行政编制6名，全额拨款事业编制1名，实有7名）" in text
    for name in NAMES:
        assert name in text
    assert "110101" not in text


def test_public_roster_never_leaves_a_heading_at_the_foot_of_a_page(tmp_path: Path) -> None:
    path = tmp_path / "roster.pdf"
    groups = tuple(
        RosterGroup(
            f"第{index}科",
            tuple(RosterEntry("科员", f"{NAMES[n % len(NAMES)]}{n}") for n in range(size)),
            (("行政编制", size),),
        )
        for index, size in enumerate((4, 11, 7, 2, 13, 5, 9, 3, 16, 6, 8, 1, 10, 12), 1)
    )
    data = PublicRosterInput(OFFICE, "清河县教育局", dt.date(2026, 11, 30), (), groups)
    render_public_roster(data, path)
    with pdfplumber.open(path) as document:
        assert len(document.pages) >= 3
        seen = 0
        for page in document.pages:
            lines = page.extract_text_lines()
            for index, line in enumerate(lines):
                if "实有" in line["text"] and line["text"].startswith("第"):
                    seen += 1
                    below = [other["text"] for other in lines[index + 1 :] if "第" not in other["text"][:1]]
                    # its table's header row and at least one row of people on the same page
                    assert len(below) >= 2 and "职务" in below[0], (line["text"], below[:2])
        assert seen == len(groups)
