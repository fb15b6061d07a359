"""Notices with long names, measured in the PDF: no text over other text or over a table's rules,
nothing below 9 pt (but the cut-line labels), the seal guide clear of every table, the stub signed."""

from __future__ import annotations

import dataclasses
import math
from io import BytesIO

import pdfplumber
import pytest

from bianzhi_desktop.documents.pdf.notices import CUT1, CUT2, render_notices

from .pdfread import MM
from .samples import enrollment, hiring, removal

UNIT = "云溪县市场监督管理局综合行政执法大队城关镇食品药品安全监督管理所第二分所驻城东社区工作站"
LENGTHS = range(8, 41, 4)


def _notice(make, length: int):  # type: ignore[no-untyped-def]
    data = make()
    head = dataclasses.replace(
        data.header,
        unit_name=UNIT[:length],
        kind_name="事业编制（参照公务员法管理）",
        funding="",
        handler="李娜",
        signer="王建国",
    )
    return dataclasses.replace(data, header=head)


@pytest.fixture(scope="module")
def pages():  # type: ignore[no-untyped-def]
    assert len(UNIT) >= 40
    items = [_notice(make, length) for length in LENGTHS for make in (enrollment, hiring, removal)]
    with pdfplumber.open(BytesIO(render_notices(items) or b"")) as document:
        yield [
            (items[i], page.chars, page.edges, page.rects, page.curves)
            for i, page in enumerate(document.pages)
        ]


def _boxes_overlap(a: dict, b: dict, slack: float = 0.3) -> bool:
    return (
        a["x0"] + slack < b["x1"] - slack
        and b["x0"] + slack < a["x1"] - slack
        and a["top"] + slack < b["bottom"] - slack
        and b["top"] + slack < a["bottom"] - slack
    )


def test_no_text_over_other_text(pages) -> None:  # type: ignore[no-untyped-def]
    for data, chars, _edges, _rects, _curves in pages:
        ordered = sorted(chars, key=lambda c: c["x0"])
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if b["x0"] >= a["x1"]:
                    break
                assert not _boxes_overlap(a, b), (data.header.unit_name, a["text"], b["text"], a["top"] / MM)


def test_no_text_over_a_rule(pages) -> None:  # type: ignore[no-untyped-def]
    for data, chars, edges, _rects, _curves in pages:
        solid = [e for e in edges if e["object_type"] != "curve" and not e.get("dash")]
        for char in chars:
            for edge in solid:
                if edge["orientation"] == "v":
                    crosses = (
                        char["x0"] + 0.3 < edge["x0"] < char["x1"] - 0.3
                        and edge["top"] < char["bottom"] - 0.5
                        and char["top"] + 0.5 < edge["bottom"]
                    )
                else:
                    crosses = (
                        char["top"] + 0.3 < edge["top"] < char["bottom"] - 0.3
                        and edge["x0"] < char["x1"] - 0.5
                        and char["x0"] + 0.5 < edge["x1"]
                    )
                assert not crosses, (data.header.unit_name, char["text"], char["top"] / MM)


def test_nothing_but_the_cut_labels_below_9_pt(pages) -> None:  # type: ignore[no-untyped-def]
    for data, chars, _edges, _rects, _curves in pages:
        small = [c for c in chars if c["size"] < 9.0 - 0.05]
        for char in small:
            near_cut = any(0 < cut - char["bottom"] / MM < 2.0 for cut in (CUT1, CUT2))
            assert near_cut, (data.header.unit_name, char["text"], char["size"])


def test_seal_guide_is_clear_of_every_table(pages) -> None:  # type: ignore[no-untyped-def]
    for data, _chars, _edges, rects, curves in pages:
        (circle,) = curves
        radius = (circle["x1"] - circle["x0"]) / 2
        cx, cy = circle["x0"] + radius, circle["top"] + radius
        assert radius / MM >= 12
        assert circle["top"] > CUT1 * MM and circle["bottom"] < CUT2 * MM
        for rect in rects:
            dx = max(rect["x0"] - cx, 0, cx - rect["x1"])
            dy = max(rect["top"] - cy, 0, cy - rect["bottom"])
            assert math.hypot(dx, dy) > radius, (data.header.unit_name, rect["top"] / MM)


def test_stub_shows_handler_and_signer(pages) -> None:  # type: ignore[no-untyped-def]
    for _data, chars, _edges, _rects, _curves in pages:
        in_order = sorted(chars, key=lambda c: (round(c["top"] / MM), c["x0"]))  # as read, row by row
        stub = "".join(c["text"] for c in in_order if c["top"] / MM < CUT1)
        assert "经办人李娜" in stub and "签发人王建国" in stub


def test_whole_unit_name_is_printed_in_every_part(pages) -> None:  # type: ignore[no-untyped-def]
    for data, chars, _edges, _rects, _curves in pages:
        text = "".join(c["text"] for c in chars)
        assert text.count(data.header.unit_name) >= 3  # stub, notice, return slip
