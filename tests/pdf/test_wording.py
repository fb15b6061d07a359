"""The sentences of the notices, titles and sheets read as an office writes them, for every removal
reason, hiring method, quota kind and notice kind."""

from __future__ import annotations

import dataclasses
import re

import pytest

from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
from bianzhi_desktop.documents.pdf.notices import _lead
from bianzhi_desktop.documents.pdf.sheets import RosterEntry, RosterGroup
from bianzhi_desktop.domain.defaults import DEFAULT_QUOTA_KINDS
from bianzhi_desktop.domain.enums import HiringMethod, RemovalReason
from bianzhi_desktop.domain.wording import (
    kind_phrase,
    kind_situation,
    kind_with_funding,
    nested_brackets,
    people_count,
    post_phrase,
)

from .samples import enrollment, header, hiring, removal

KINDS = [seed.name for seed in DEFAULT_QUOTA_KINDS]
FUNDINGS = ["", "全额拨款", "差额拨款", "自收自支"]


def _reads_well(text: str) -> None:
    assert not nested_brackets(text), text
    assert "编制编制" not in text, text
    assert "等1人" not in text, text
    assert text.count("经") <= 1, text  # 经审核 once: no 经调入入编, no 经…经选调
    assert not re.search(r"在[^，。]*(主任科员|科员|药师|教师|局长|主任)工作", text), text
    assert "因其他" not in text, text
    assert "）（" not in text, text  # no 事业编制（参照公务员法管理）（全额拨款）
    assert "，，" not in text and "。。" not in text, text


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("funding", FUNDINGS)
def test_every_kind_reads_well_in_every_notice(kind: str, funding: str) -> None:
    head = header(kind_name=kind, funding=funding)
    for data in (
        dataclasses.replace(enrollment(), header=head),
        dataclasses.replace(hiring(), header=head),
        dataclasses.replace(removal(), header=head),
    ):
        _reads_well(_lead(data))
    caption = kind_situation(kind)
    _reads_well(caption)
    assert caption.endswith("编制情况") and caption.count("编制") == 1


@pytest.mark.parametrize("method", [m.label for m in HiringMethod] + ["调入", ""])
@pytest.mark.parametrize(
    ("division", "post", "expected"),
    [
        ("执法监察大队", "四级主任科员", "在执法监察大队工作，任四级主任科员"),
        ("", "药师", "任药师"),
        ("办公室", "", "在办公室工作"),
        ("", "", ""),
    ],
)
def test_enrollment_sentence_for_every_method_division_and_post(
    method: str, division: str, post: str, expected: str
) -> None:
    data = dataclasses.replace(enrollment(), method=method, division=division, post_title=post)
    text = _lead(data)
    _reads_well(text)
    assert f"1名{('，' + expected) if expected else ''}。入编时间" in text
    if method and method != "其他":
        assert f"以{method}方式入编" in text
    else:
        assert "）入编，" in text


@pytest.mark.parametrize("method", [m.label for m in HiringMethod])
def test_hiring_sentence_for_every_method(method: str) -> None:
    text = _lead(dataclasses.replace(hiring(), method=method))
    _reads_well(text)
    assert f"采取{method}方式补充人员" in text


@pytest.mark.parametrize("reason", [r.label for r in RemovalReason])
def test_removal_sentence_for_every_reason(reason: str) -> None:
    text = _lead(dataclasses.replace(removal(), reason=reason))
    _reads_well(text)
    if reason == "其他":
        assert text.startswith("经审核，同意李堃")
    else:
        assert text.startswith(f"因{reason}，同意李堃")


def test_people_are_counted_as_an_office_writes() -> None:
    assert people_count(["马波"], 1) == "马波1人"
    assert people_count(["马波", "李娜", "王五"], 3) == "马波等3人"
    assert people_count([], 2) == "2人"


@pytest.mark.parametrize("kind", KINDS)
def test_kind_inside_brackets_has_no_brackets(kind: str) -> None:
    title = f"核准云溪县第一中学用编计划（{kind_phrase(kind)}5名，公开招聘）"
    _reads_well(title)
    summary = f"（{kind_phrase(kind)}12名，实有11名）"
    _reads_well(summary)
    group = RosterGroup("办公室", (RosterEntry("主任", "马波"),), ((kind, 1),))
    _reads_well(group.heading)
    assert group.heading == f"办公室（{kind_phrase(kind)}1名，实有1名）"


def test_notice_kinds_cover_every_lead() -> None:
    assert {data.kind for data in (enrollment(), hiring(), removal())} == set(NoticeKind)


def test_funding_is_named_only_for_a_plain_public_institution_kind() -> None:
    assert kind_with_funding("事业编制", "差额拨款") == "事业编制（差额拨款）"
    assert kind_with_funding("事业编制（参照公务员法管理）", "全额拨款") == "事业编制（参照公务员法管理）"
    assert kind_with_funding("行政编制", "全额拨款") == "行政编制"


def test_post_phrase() -> None:
    assert post_phrase("执法监察大队", "四级主任科员") == "，在执法监察大队工作，任四级主任科员"
