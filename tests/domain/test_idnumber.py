from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bianzhi_desktop.domain.enums import Sex
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.idnumber import (
    IdNumberInfo,
    check_character,
    check_consistency,
    make_id_number,
    mask_id_number,
    normalize_id_number,
    parse_id_number,
    upgrade_legacy,
)

D = dt.date
TODAY = D(2025, 6, 1)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("11010519491231002X", "11010519491231002X"),
        ("11010519491231002x", "11010519491231002X"),
        ("１１０１０５１９４９１２３１００２ｘ", "11010519491231002X"),
        (" 110105 1949\u30001231 002X\n", "11010519491231002X"),
        ("'11010519491231002x", "11010519491231002X"),  # Excel text marker
        ("320102900101123", "320102900101123"),
    ],
)
def test_normalize_id_number(raw: str, expected: str) -> None:
    assert normalize_id_number(raw) == expected


@pytest.mark.parametrize(
    ("first17", "expected"),
    [
        ("11010519491231002", "X"),  # the example of GB 11643
        ("32010219900101123", "2"),
        ("32010219900101124", "0"),
        ("44030519850601001", "9"),
    ],
)
def test_check_character(first17: str, expected: str) -> None:
    assert check_character(first17) == expected


@pytest.mark.parametrize("first17", ["1101051949123100", "1101051949123100X", "110105194912310021"])
def test_check_character_refuses_bad_input(first17: str) -> None:
    with pytest.raises(ValidationError):
        check_character(first17)


@pytest.mark.parametrize(
    ("raw", "number", "legacy", "area", "birth", "sex"),
    [
        ("11010519491231002X", "11010519491231002X", False, "110105", D(1949, 12, 31), Sex.FEMALE),
        ("11010519491231002x", "11010519491231002X", False, "110105", D(1949, 12, 31), Sex.FEMALE),
        ("320102199001011232", "320102199001011232", False, "320102", D(1990, 1, 1), Sex.MALE),
        ("320102199001011240", "320102199001011240", False, "320102", D(1990, 1, 1), Sex.FEMALE),
        ("440305198506010019", "440305198506010019", False, "440305", D(1985, 6, 1), Sex.MALE),
        ("320102900101123", "320102900101123", True, "320102", D(1990, 1, 1), Sex.MALE),
        ("110105491231002", "110105491231002", True, "110105", D(1949, 12, 31), Sex.FEMALE),
    ],
)
def test_parse_valid_numbers(
    raw: str, number: str, legacy: bool, area: str, birth: dt.date, sex: Sex
) -> None:
    info = parse_id_number(raw, today=TODAY)
    assert (info.number, info.is_legacy, info.area_code, info.birth_date, info.sex) == (
        number,
        legacy,
        area,
        birth,
        sex,
    )


@pytest.mark.parametrize(
    ("raw", "warnings", "number18"),
    [
        ("320102199001011232", (), "320102199001011232"),
        (
            "320102900101123",
            ("15位旧号码，建议转换为18位：320102199001011232",),
            "320102199001011232",
        ),
        (
            "990102198506010112",
            ("地区码990102无法识别（不存在省级代码99），请核对",),
            "990102198506010112",
        ),
        ("830000199001011234", (), "830000199001011234"),  # residence permit of a Taiwan resident
    ],
)
def test_parse_warnings(raw: str, warnings: tuple[str, ...], number18: str) -> None:
    info = parse_id_number(raw, today=TODAY)
    assert info.warnings == warnings
    assert info.number18 == number18


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "身份证号：不能为空"),
        ("   ", "身份证号：不能为空"),
        ("12345", "身份证号：应为18位（或15位旧号码），“12345”为5位"),
        ("1101051949123100", "身份证号：应为18位（或15位旧号码），“1101051949123100”为16位"),
        (
            "11010519491231002A",
            "身份证号：“11010519491231002A”含有非法字符（前17位应为数字，第18位为数字或X）",
        ),
        (
            "X10105194912310021",
            "身份证号：“X10105194912310021”含有非法字符（前17位应为数字，第18位为数字或X）",
        ),
        ("32010290010112X", "身份证号：“32010290010112X”含有非法字符（15位旧号码应全部为数字）"),
        ("110105194902300020", "身份证号：出生日期“19490230”不是真实日期"),
        ("110105194913010020", "身份证号：出生日期“19491301”不是真实日期"),
        ("320102901301123", "身份证号：出生日期“19901301”不是真实日期"),
        ("110105189912310010", "身份证号：出生日期1899年12月31日早于1900年，不可能"),
        ("110105202506020011", "身份证号：出生日期2025年06月02日晚于今天"),
        ("110105194912310023", "身份证号：“110105194912310023”校验位应为X，实为3"),
        ("320102199001011233", "身份证号：“320102199001011233”校验位应为2，实为3"),
    ],
)
def test_parse_refusals(raw: str, message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_id_number(raw, today=TODAY)
    assert caught.value.field == "身份证号"
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("number15", "expected"),
    [
        ("320102900101123", "320102199001011232"),
        ("110105491231002", "11010519491231002X"),
        ("１１０１０５４９１２３１００２", "11010519491231002X"),
    ],
)
def test_upgrade_legacy(number15: str, expected: str) -> None:
    assert upgrade_legacy(number15) == expected


@pytest.mark.parametrize("bad", ["32010290010112", "32010290010112X", "320102199001011232"])
def test_upgrade_legacy_refuses_non_legacy(bad: str) -> None:
    with pytest.raises(ValidationError) as caught:
        upgrade_legacy(bad)
    assert caught.value.field == "身份证号"


@pytest.mark.parametrize(
    ("birth", "sex", "problems"),
    [
        (D(1990, 1, 1), Sex.MALE, []),
        (None, None, []),
        (D(1990, 1, 1), None, []),
        (None, Sex.MALE, []),
        (D(1990, 1, 2), Sex.MALE, ["出生日期1990年01月02日与身份证号中的出生日期1990年01月01日不一致"]),
        (D(1990, 1, 1), Sex.FEMALE, ["性别“女”与身份证号中的性别“男”不一致"]),
        (
            D(1991, 1, 1),
            Sex.FEMALE,
            [
                "出生日期1991年01月01日与身份证号中的出生日期1990年01月01日不一致",
                "性别“女”与身份证号中的性别“男”不一致",
            ],
        ),
    ],
)
def test_check_consistency(birth: dt.date | None, sex: Sex | None, problems: list[str]) -> None:
    info = parse_id_number("320102199001011232", today=TODAY)
    assert check_consistency(info, birth, sex) == problems


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("320102199001011234", "3201**********1234"),
        ("11010519491231002X", "1101**********002X"),
        ("320102900101123", "3201*******1123"),
        ("12345678", "********"),
        ("", ""),
    ],
)
def test_mask_id_number(number: str, masked: str) -> None:
    assert mask_id_number(number) == masked


@pytest.mark.parametrize(
    ("area", "birth", "seq", "expected", "sex"),
    [
        ("320102", D(1990, 1, 1), 123, "320102199001011232", Sex.MALE),
        ("320102", D(1990, 1, 1), 124, "320102199001011240", Sex.FEMALE),
        ("110105", D(1949, 12, 31), 2, "11010519491231002X", Sex.FEMALE),
        ("440305", D(1985, 6, 1), 1, "440305198506010019", Sex.MALE),
        ("440305", D(1985, 6, 1), 0, "440305198506010000", Sex.FEMALE),
        ("440305", D(1985, 6, 1), 997, "44030519850601997X", Sex.MALE),
        ("440305", D(1985, 6, 1), 999, "440305198506019996", Sex.MALE),
    ],
)
def test_make_id_number(area: str, birth: dt.date, seq: int, expected: str, sex: Sex) -> None:
    number = make_id_number(area, birth, seq)
    assert number == expected
    info = parse_id_number(number, today=TODAY)
    assert (info.birth_date, info.sex, info.area_code) == (birth, sex, area)


@pytest.mark.parametrize(
    ("area", "seq"),
    [("32010", 1), ("3201021", 1), ("32O102", 1), ("320102", -1), ("320102", 1000)],
)
def test_make_id_number_refuses_bad_parts(area: str, seq: int) -> None:
    with pytest.raises(ValidationError):
        make_id_number(area, D(1990, 1, 1), seq)


@given(
    birth=st.dates(min_value=D(1900, 1, 1), max_value=TODAY),
    seq=st.integers(min_value=0, max_value=999),
)
def test_made_numbers_parse_back(birth: dt.date, seq: int) -> None:
    info = parse_id_number(make_id_number("320102", birth, seq), today=TODAY)
    assert info == IdNumberInfo(
        number=f"320102{birth:%Y%m%d}{seq:03d}{info.number[-1]}",
        is_legacy=False,
        area_code="320102",
        birth_date=birth,
        sex=Sex.MALE if seq % 2 else Sex.FEMALE,
    )
