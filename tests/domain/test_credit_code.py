from __future__ import annotations

import pytest

from bianzhi_desktop.domain.credit_code import (
    CreditCodeResult,
    check_credit_code,
    credit_code_check_char,
    make_credit_code,
    normalize_credit_code,
    organisation_check_char,
)
from bianzhi_desktop.domain.errors import ValidationError


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12100000400000624d", "12100000400000624D"),
        (" 1210 0000 4000\u3000006 24D ", "12100000400000624D"),
        ("１２１０００００４０００００６２４Ｄ", "12100000400000624D"),
    ],
)
def test_normalize_credit_code(raw: str, expected: str) -> None:
    assert normalize_credit_code(raw) == expected


@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        ("91110000802100433", "B"),  # real codes
        ("12100000400000624", "D"),
        ("11100000000013127", "D"),
        ("11130000MB0000000", "4"),
        ("13130100MB1234567", "T"),
        ("52130100MB1234567", "R"),
    ],
)
def test_check_char(first17: str, expected: str) -> None:
    assert credit_code_check_char(first17) == expected


@pytest.mark.parametrize(
    ("raw", "result"),
    [
        (
            "91110000802100433B",
            CreditCodeResult("91110000802100433B", True, "B", "工商", "企业", "110000"),
        ),
        (
            "12100000400000624d",
            CreditCodeResult("12100000400000624D", True, "D", "机构编制", "事业单位", "100000"),
        ),
        (
            "11100000000013127D",
            CreditCodeResult("11100000000013127D", True, "D", "机构编制", "机关", "100000"),
        ),
        (
            "13130100MB1234567T",
            CreditCodeResult("13130100MB1234567T", True, "T", "机构编制", "群团", "130100"),
        ),
        (
            "19130100MB12345678",
            CreditCodeResult("19130100MB12345678", True, "8", "机构编制", "其他", "130100"),
        ),
        (
            "52130100MB1234567R",
            CreditCodeResult("52130100MB1234567R", True, "R", "民政", "民办非企业单位", "130100"),
        ),
        (
            "Y1130100MB12345673",
            CreditCodeResult("Y1130100MB12345673", True, "3", "其他", "", "130100"),
        ),
    ],
)
def test_valid_codes(raw: str, result: CreditCodeResult) -> None:
    assert check_credit_code(raw) == result


@pytest.mark.parametrize(
    ("raw", "ok", "warnings"),
    [
        ("11130000MB0000000X", False, ("校验位应为4，实为X；请核对，确认无误可忽略",)),
        ("11130000MB00000004", True, ()),
        ("X1130000MB00000007", True, ("第1位登记管理部门代码“X”无法识别",)),
        ("14130000MB0000000T", True, ("第2位机构类别代码“4”在登记管理部门“机构编制”下无法识别",)),
        ("11990000MB0000000J", True, ("第3至8位登记管理机关行政区划码“990000”无法识别",)),
        (
            "11990000MB00000000",
            False,
            ("校验位应为J，实为0；请核对，确认无误可忽略", "第3至8位登记管理机关行政区划码“990000”无法识别"),
        ),
    ],
)
def test_doubts_are_warnings(raw: str, ok: bool, warnings: tuple[str, ...]) -> None:
    result = check_credit_code(raw)
    assert (result.ok, result.warnings) == (ok, warnings)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "统一社会信用代码：不能为空"),
        ("1210000040000062", "统一社会信用代码：应为18位，“1210000040000062”为16位"),
        ("12100000400000624DD", "统一社会信用代码：应为18位，“12100000400000624DD”为19位"),
        (
            "12100000400000624O",
            "统一社会信用代码：第18位是字母O，统一社会信用代码不使用I、O、S、V、Z（是否应为数字？）",
        ),
        (
            "1I100000400000624D",
            "统一社会信用代码：第2位是字母I，统一社会信用代码不使用I、O、S、V、Z（是否应为数字？）",
        ),
        ("121000004000006-4D", "统一社会信用代码：第16位“-”不是合法字符（只能是数字和大写字母）"),
    ],
)
def test_refusals(raw: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        check_credit_code(raw)
    assert caught.value.field == "统一社会信用代码"
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        ("11130000MB0000000", "11130000MB00000004"),
        ("12100000400000624", "12100000400000624D"),
        ("12100000400000624".lower(), "12100000400000624D"),
    ],
)
def test_make_credit_code(first17: str, expected: str) -> None:
    code = make_credit_code(first17)
    assert code == expected
    assert check_credit_code(code).ok is True


@pytest.mark.parametrize("first17", ["1210000040000062", "12100000400000624S"])
def test_check_char_refuses_bad_input(first17: str) -> None:
    with pytest.raises(ValidationError):
        credit_code_check_char(first17)


@pytest.mark.parametrize(
    ("raw", "description"),
    [("12100000400000624D", "机构编制 · 事业单位"), ("Y1130100MB12345673", "其他")],
)
def test_description(raw: str, description: str) -> None:
    assert check_credit_code(raw).description == description


@pytest.mark.parametrize(
    ("body", "check"),
    [
        ("M000100Y", "4"),  # 91350100M000100Y43, the example code widely cited for GB 32100
        ("00000000", "0"),  # 11 − 0 = 11 → 0
        ("12345678", "8"),
    ],
)
def test_organisation_code_check_character(body: str, check: str) -> None:
    assert organisation_check_char(body) == check


def test_organisation_code_check_rejects_bad_bodies() -> None:
    with pytest.raises(ValidationError, match="8位"):
        organisation_check_char("1234567")
