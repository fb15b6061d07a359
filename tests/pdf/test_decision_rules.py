"""The decision's GB/T 9704 rules beyond the grid, measured in the PDF: the signature never alone on
a page and within the margin, the closing block on an even page, heading faces, titles broken
between words, no one-character last lines."""

from __future__ import annotations

import dataclasses
from io import BytesIO

import pdfplumber
import pytest

from bianzhi_desktop.documents.pdf.decision import (
    BLOCK_H_MM,
    BLOCK_W_MM,
    LEFT_MM,
    LINE_MM,
    LINES,
    TOP_MM,
    Paragraph,
    _place,
    render_decision,
)
from bianzhi_desktop.documents.pdf.drawing import Offset, Sheet, break_lines, is_orphan
from bianzhi_desktop.documents.pdf.fonts import Role, fonts
from bianzhi_desktop.documents.pdf.titles import break_title

from .pdfread import MM
from .samples import OFFICE, decision
from .test_decision import _lines_of

RIGHT_MM = LEFT_MM + BLOCK_W_MM
CHAR_MM = BLOCK_W_MM / 28
BOTTOM_MM = TOP_MM + BLOCK_H_MM
FILLER = "此项按规定执行。"  # one line


def _with_body(count: int, **changes):  # type: ignore[no-untyped-def]
    return dataclasses.replace(
        decision(paragraphs=0), paragraphs=tuple(Paragraph(FILLER) for _ in range(count)), **changes
    )


def _open(data):  # type: ignore[no-untyped-def]
    return pdfplumber.open(BytesIO(render_decision(data) or b""))


@pytest.fixture(scope="module")
def first_band() -> int:
    """The band of the first body line on page 1 (the addressee's band + 1), measured."""
    with _open(_with_body(0)) as document:
        lines = _lines_of(document.pages[0].chars, 16)
        addressee = next(
            top for top, chars in lines.items() if "".join(c["text"] for c in chars) == "县教育局："
        )
    return round((addressee - TOP_MM) / LINE_MM - 0.5) + 1


def _situations(first: int) -> dict[str, int]:
    """For each placement of signature and closing block, a body length (in filler lines) giving it."""
    found: dict[str, int] = {}
    for count in range(0, 60):
        _places, page, band, pulled = _place(first, count, 3)
        if pulled:
            found.setdefault("lines pulled onto the signature's page", count)
        elif page % 2 == 0 and band + 2 + 1 + 2 <= LINES:
            found.setdefault("closing block under the signature", count)
        elif page % 2 == 0:
            found.setdefault("blank page before the closing block", count)
        else:
            found.setdefault("closing block on the next, even page", count)
    return found


def test_every_situation_is_reached(first_band: int) -> None:
    assert len(_situations(first_band)) == 4


@pytest.mark.parametrize(
    "situation",
    [
        "lines pulled onto the signature's page",
        "closing block under the signature",
        "blank page before the closing block",
        "closing block on the next, even page",
    ],
)
def test_signature_never_alone_and_closing_block_on_an_even_page(first_band: int, situation: str) -> None:
    count = _situations(first_band)[situation]
    with _open(_with_body(count)) as document:
        pages = document.pages
        assert len(pages) % 2 == 0  # the closing block is on the back of the last sheet
        signed = [
            (number, page)
            for number, page in enumerate(pages, 1)
            if any(
                "".join(c["text"] for c in chars) == OFFICE for chars in _lines_of(page.chars, 16).values()
            )
        ]
        assert len(signed) == 1
        number, page = signed[0]
        texts = ["".join(c["text"] for c in chars) for chars in _lines_of(page.chars, 16).values()]
        above = texts[: texts.index(OFFICE)]
        assert FILLER in above or "此复。" in above or count == 0, f"第{number}页只有署名和日期"
        sign = next(
            chars
            for chars in _lines_of(page.chars, 16).values()
            if "".join(c["text"] for c in chars) == OFFICE
        )
        assert max(c["x1"] for c in sign) / MM <= RIGHT_MM - 2 * CHAR_MM + 0.5
        last = pages[-1]
        closing = [c for c in last.chars if abs(c["size"] - 14) < 0.1 and c["top"] / MM < BOTTOM_MM]
        assert "抄送" in "".join(c["text"] for c in closing)
        assert max(line["top"] for line in last.lines) / MM == pytest.approx(BOTTOM_MM, abs=1.0)
        footers = [c for c in last.chars if c["top"] / MM > BOTTOM_MM + 3]
        if situation == "blank page before the closing block":
            blank = pages[-2]
            assert not blank.chars and not blank.lines  # a blank page, unnumbered, and so is the last
            assert not footers
        if situation == "closing block under the signature":
            assert number == len(pages)


def test_sealed_signature_shorter_than_the_date_is_centred_over_it() -> None:
    with _open(_with_body(1, signature="县编办")) as document:
        lines = list(_lines_of(document.pages[0].chars, 16).values())
        sign = next(chars for chars in lines if "".join(c["text"] for c in chars) == "县编办")
        date = next(chars for chars in lines if "".join(c["text"] for c in chars) == "2026年11月22日")
    assert max(c["x1"] for c in date) / MM == pytest.approx(RIGHT_MM - 4 * CHAR_MM, abs=1.0)
    centre = lambda chars: (min(c["x0"] for c in chars) + max(c["x1"] for c in chars)) / 2 / MM  # noqa: E731
    assert centre(sign) == pytest.approx(centre(date), abs=1.0)


def test_unsealed_signature_is_right_indented_two_characters_within_the_margin() -> None:
    with _open(_with_body(1, sealed=False)) as document:
        lines = list(_lines_of(document.pages[0].chars, 16).values())
        sign = next(chars for chars in lines if "".join(c["text"] for c in chars) == OFFICE)
        date = next(chars for chars in lines if "".join(c["text"] for c in chars) == "2026年11月22日")
    assert max(c["x1"] for c in sign) / MM == pytest.approx(RIGHT_MM - 2 * CHAR_MM, abs=1.0)
    assert min(c["x0"] for c in date) / MM == pytest.approx(
        min(c["x0"] for c in sign) / MM + 2 * CHAR_MM, abs=1.0
    )


def test_heading_faces() -> None:
    font_set = fonts()
    hei, kai, body = (
        font_set.choice(role).font.font.face.name.decode() for role in (Role.HEI, Role.KAI, Role.BODY)
    )
    paragraphs = (
        Paragraph("一、机构设置。云溪县数据局为县政府工作部门。"),
        Paragraph("（一）主要职责。负责全县数据资源管理。"),
        Paragraph("1.编制。核定行政编制5名。"),
        Paragraph("（1）领导职数。局长1名。"),
    )
    data = dataclasses.replace(decision(paragraphs=0), paragraphs=paragraphs)
    with _open(data) as document:
        chars = [c for c in document.pages[0].chars if abs(c["size"] - 16) < 0.1]

    def face(text: str) -> set[str]:
        line = next(
            v for v in _lines_of(chars, 16).values() if "".join(c["text"] for c in v).startswith(text)
        )
        return {c["fontname"].split("+", 1)[1] for c in line[: len(text)]}

    def rest(text: str) -> set[str]:
        line = next(
            v for v in _lines_of(chars, 16).values() if "".join(c["text"] for c in v).startswith(text)
        )
        return {c["fontname"].split("+", 1)[1] for c in line[len(text) :]}

    def only(names: set[str], face_name: str) -> bool:
        return len(names) == 1 and names.pop().startswith(face_name)

    assert only(face("一、机构设置。"), hei) and only(rest("一、机构设置。"), body)
    assert only(face("（一）主要职责。"), kai) and only(rest("（一）主要职责。"), body)
    assert only(face("1.编制。"), body) and only(face("（1）领导职数。"), body)
    assert hei != body and kai != body


@pytest.mark.parametrize(
    ("title", "keep"),
    [
        (
            "关于同意云溪县第一中学马波等3人入编及云溪县人民医院调整事业编制的批复",
            ("云溪县第一中学", "云溪县人民医院", "马波"),
        ),
        (
            "关于核准云溪县市场监督管理局综合行政执法大队用编计划（行政编制3名，考录）的批复",
            ("云溪县市场监督管理局综合行政执法大队",),
        ),
        (
            "关于云编办发〔2026〕120号文件所涉云溪县疾病预防控制中心编制调整事项的补充批复",
            ("云溪县疾病预防控制中心",),
        ),
    ],
)
def test_title_breaks_between_words(title: str, keep: tuple[str, ...]) -> None:
    font_set = fonts()
    width = lambda text: font_set.width(Role.TITLE, text, 22) / MM  # noqa: E731
    lines = break_title(title, width, BLOCK_W_MM - 2 * CHAR_MM, keep)
    assert len(lines) > 1 and "".join(lines) == title
    assert all(width(line) <= BLOCK_W_MM - 2 * CHAR_MM for line in lines)
    bounds = [sum(len(line) for line in lines[:i]) for i in range(1, len(lines))]
    for phrase in (*keep, "云编办发〔2026〕120号"):
        start = title.find(phrase)
        if start >= 0:
            assert not any(start < cut < start + len(phrase) for cut in bounds), (phrase, lines)
    with _open(dataclasses.replace(decision(paragraphs=0), title=title, keep_whole=keep)) as document:
        titled = [c for c in document.pages[0].chars if abs(c["size"] - 22) < 0.1]
        printed = ["".join(c["text"] for c in chars) for chars in _lines_of(titled, 22).values()]
    assert printed == lines


@pytest.mark.parametrize("length", range(20, 90))
def test_no_paragraph_ends_with_a_one_character_line(length: int) -> None:
    sheet = Sheet.__new__(Sheet)
    sheet.fonts = fonts()
    base = (
        "全县各有关单位要严格执行机构编制管理规定严格控制机构编制总量不得擅自设立机构增加编制和提高机构规格"
    )
    text = (base * 2)[: length - 1] + "。"
    lines = break_lines(
        sheet, Role.BODY, text, 16.0, BLOCK_W_MM, 2 * CHAR_MM, BLOCK_W_MM / 28 * MM - 16, squeeze=True
    )
    assert "".join(lines) == text
    assert len(lines) == 1 or not is_orphan(lines[-1]), lines
    for index, line in enumerate(lines):
        assert len(line) + (2 if index == 0 else 0) <= 29  # at most one character set tighter


def test_offset_does_not_change_the_rules() -> None:
    with _open(_with_body(3, offset=Offset(2.0, 2.0))) as document:
        assert len(document.pages) % 2 == 0
