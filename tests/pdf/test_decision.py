"""The decision (批复) measured back from the PDF against GB/T 9704-2012, within 1 mm."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pdfplumber
import pytest

from bianzhi_desktop.documents.pdf.decision import (
    BLOCK_H_MM,
    BLOCK_W_MM,
    LEFT_MM,
    LINE_MM,
    TOP_MM,
    render_decision,
)
from bianzhi_desktop.documents.pdf.drawing import Offset

from .pdfread import MM, pdftotext
from .samples import NAMES, decision

TOL = 1.0  # mm
RIGHT_MM = LEFT_MM + BLOCK_W_MM
CENTRE_MM = LEFT_MM + BLOCK_W_MM / 2  # centred means centred in the text block (106 mm), not on the sheet
BOTTOM_MM = TOP_MM + BLOCK_H_MM


def _red(color) -> bool:  # type: ignore[no-untyped-def]
    return color is not None and len(color) == 3 and color[0] > 0.7 and color[1] < 0.2 and color[2] < 0.2


def _lines_of(chars: list[dict], size: float) -> dict[float, list[dict]]:
    lines: dict[float, list[dict]] = defaultdict(list)
    for char in chars:
        if abs(char["size"] - size) < 0.1 and char["text"].strip():
            lines[round(char["top"] / MM, 0)].append(char)
    return dict(sorted(lines.items()))


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("decision") / "decision.pdf"
    render_decision(decision(paragraphs=10), path)
    with pdfplumber.open(path) as document:
        yield path, document


def test_page_is_a4_and_runs_over_three_pages(pdf) -> None:  # type: ignore[no-untyped-def]
    _path, document = pdf
    assert len(document.pages) >= 3
    for page in document.pages:
        assert page.width / MM == pytest.approx(210, abs=0.1)
        assert page.height / MM == pytest.approx(297, abs=0.1)


def test_header_issuer_mark_number_and_red_rule(pdf) -> None:  # type: ignore[no-untyped-def]
    _path, document = pdf
    page = document.pages[0]
    mark = [c for c in page.chars if c["size"] > 30]
    assert "".join(c["text"] for c in mark) == "中共清河县委机构编制委员会办公室文件"
    assert all(_red(c["non_stroking_color"]) for c in mark)
    assert min(c["top"] for c in mark) / MM == pytest.approx(TOP_MM + 35, abs=TOL)
    assert (min(c["x0"] for c in mark) + max(c["x1"] for c in mark)) / 2 / MM == pytest.approx(
        CENTRE_MM, abs=TOL
    )
    assert (
        min(c["x0"] for c in mark) / MM >= LEFT_MM - TOL and max(c["x1"] for c in mark) / MM <= RIGHT_MM + TOL
    )

    number = [c for c in page.chars if abs(c["size"] - 16) < 0.1 and c["top"] / MM < 130]
    assert "".join(c["text"] for c in number) == "清编办发〔2026〕12号"
    centre = (min(c["x0"] for c in number) + max(c["x1"] for c in number)) / 2 / MM
    assert centre == pytest.approx(CENTRE_MM, abs=TOL)
    number_bottom = max(c["bottom"] for c in number) / MM
    mark_bottom = max(c["bottom"] for c in mark) / MM
    assert number_bottom - mark_bottom >= 2 * LINE_MM  # two blank lines below the mark

    red_lines = [line for line in page.lines if _red(line["stroking_color"])]
    assert len(red_lines) == 1
    rule = red_lines[0]
    assert rule["top"] / MM - number_bottom == pytest.approx(4.0, abs=TOL)
    assert rule["x0"] / MM == pytest.approx(LEFT_MM, abs=TOL)
    assert rule["x1"] / MM == pytest.approx(RIGHT_MM, abs=TOL)


def test_title_addressee_and_body(pdf) -> None:  # type: ignore[no-untyped-def]
    _path, document = pdf
    page = document.pages[0]
    title = [c for c in page.chars if abs(c["size"] - 22) < 0.1]
    assert "".join(c["text"] for c in title) == "关于县教育局调整事业编制的批复"
    centre = (min(c["x0"] for c in title) + max(c["x1"] for c in title)) / 2 / MM
    assert centre == pytest.approx(CENTRE_MM, abs=TOL)
    rule = next(line for line in page.lines if _red(line["stroking_color"]))
    assert min(c["top"] for c in title) - rule["top"] >= 2 * LINE_MM * MM  # two blank lines below the rule
    body = _lines_of([c for c in page.chars if c["top"] > min(c["top"] for c in title)], 16)
    tops = list(body)
    addressee = "".join(c["text"] for c in body[tops[0]])
    assert addressee == "县教育局："
    assert min(c["x0"] for c in body[tops[0]]) / MM == pytest.approx(LEFT_MM, abs=TOL)
    first_paragraph = body[tops[1]]
    assert min(c["x0"] for c in first_paragraph) / MM == pytest.approx(LEFT_MM + 2 * BLOCK_W_MM / 28, abs=TOL)


def test_full_page_holds_22_lines_of_28_characters_on_the_grid(pdf) -> None:  # type: ignore[no-untyped-def]
    _path, document = pdf
    page = document.pages[1]
    body = _lines_of(page.chars, 16)
    assert len(body) == 22
    for index, chars in enumerate(body.values()):
        centre = (min(c["top"] for c in chars) + max(c["bottom"] for c in chars)) / 2 / MM
        assert centre == pytest.approx(TOP_MM + (index + 0.5) * LINE_MM, abs=TOL)
        assert min(c["x0"] for c in chars) / MM >= LEFT_MM - TOL
        assert max(c["x1"] for c in chars) / MM <= RIGHT_MM + TOL
    widths = [len(chars) for chars in body.values()]
    assert max(widths) == 28
    full = [chars for chars in body.values() if len(chars) == 28]
    for chars in full:
        assert min(c["x0"] for c in chars) / MM == pytest.approx(LEFT_MM, abs=TOL)
        assert max(c["x1"] for c in chars) / MM == pytest.approx(RIGHT_MM, abs=TOL)
    assert all(c["fontname"] for c in page.chars)


def test_page_numbers_odd_right_even_left(pdf) -> None:  # type: ignore[no-untyped-def]
    _path, document = pdf
    for number, page in enumerate(document.pages, 1):
        digits = [c for c in page.chars if abs(c["size"] - 14) < 0.1 and c["top"] / MM > BOTTOM_MM + 3]
        assert "".join(c["text"] for c in digits).replace(" ", "") == f"—{number}—"
        assert min(c["top"] for c in digits) / MM == pytest.approx(BOTTOM_MM + 7, abs=TOL)
        one_char = 14 / MM
        if number % 2:
            assert max(c["x1"] for c in digits) / MM == pytest.approx(RIGHT_MM - one_char, abs=TOL)
        else:
            assert min(c["x0"] for c in digits) / MM == pytest.approx(LEFT_MM + one_char, abs=TOL)


def test_signature_date_and_closing_block(pdf) -> None:  # type: ignore[no-untyped-def]
    path, document = pdf
    signed = next(
        page for page in document.pages if "中共清河县委机构编制委员会办公室" in _texts(page.chars, 16)
    )
    lines = _lines_of(signed.chars, 16)
    date_chars = next(
        chars for chars in lines.values() if "".join(c["text"] for c in chars) == "2026年11月22日"
    )
    sign_chars = next(
        chars
        for chars in lines.values()
        if "".join(c["text"] for c in chars) == "中共清河县委机构编制委员会办公室"
    )
    # The signature is longer than the date: right-indented two characters, the date centred under it.
    assert max(c["x1"] for c in sign_chars) / MM == pytest.approx(RIGHT_MM - 2 * BLOCK_W_MM / 28, abs=TOL)
    assert _centre(date_chars) == pytest.approx(_centre(sign_chars), abs=TOL)
    page = document.pages[-1]
    assert len(document.pages) % 2 == 0
    closing = _lines_of(page.chars, 14)
    closing_texts = ["".join(c["text"] for c in chars) for chars in closing.values()]
    assert "抄送：县委组织部，县财政局，县人力资源和社会保障局。" in closing_texts
    black_rules = sorted(line["top"] / MM for line in page.lines if not _red(line["stroking_color"]))
    assert black_rules[-1] == pytest.approx(BOTTOM_MM, abs=TOL)  # the last rule on the bottom of the block
    assert len(black_rules) == 3
    text = pdftotext(path)
    assert "2026年11月23日印发" in text
    for name in NAMES:
        assert name in text.replace("\n", "").replace(" ", "")


def _texts(chars: list[dict], size: float) -> list[str]:
    return ["".join(c["text"] for c in line) for line in _lines_of(chars, size).values()]


def _centre(chars: list[dict]) -> float:
    return (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2 / MM


def test_offset_shifts_everything(tmp_path: Path) -> None:
    path = tmp_path / "shifted.pdf"
    render_decision(decision(paragraphs=0, offset=Offset(3.0, -2.0)), path)
    with pdfplumber.open(path) as document:
        page = document.pages[0]
        mark = [c for c in page.chars if c["size"] > 30]
        assert min(c["top"] for c in mark) / MM == pytest.approx(TOP_MM + 35 - 2.0, abs=0.2)
        rule = next(line for line in page.lines if _red(line["stroking_color"]))
        assert rule["x0"] / MM == pytest.approx(LEFT_MM + 3.0, abs=0.2)


def test_returns_bytes_without_a_target() -> None:
    data = render_decision(decision(paragraphs=0))
    assert data is not None and data.startswith(b"%PDF")
