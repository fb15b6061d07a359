"""Dates as offices write them (domain.dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from bianzhi_desktop.domain.dates import from_excel_serial, parse_date, parse_date_field
from bianzhi_desktop.domain.errors import ValidationError

D = dt.date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019.03", D(2019, 3, 1)),
        ("2019.3", D(2019, 3, 1)),
        ("2019.12", D(2019, 12, 1)),
        ("2019年3月", D(2019, 3, 1)),
        ("2019年03月15日", D(2019, 3, 15)),
        ("2019-3-1", D(2019, 3, 1)),
        ("2019/03/01", D(2019, 3, 1)),
        ("2019.3.1", D(2019, 3, 1)),
        ("2019-03", D(2019, 3, 1)),
        ("20190301", D(2019, 3, 1)),
        ("201903", D(2019, 3, 1)),
        ("２０１９．０３", D(2019, 3, 1)),
        (" 2019-03-01 ", D(2019, 3, 1)),
        ("2019-03-01 00:00:00", D(2019, 3, 1)),
        ("2019-03-01T08:30", D(2019, 3, 1)),
        (43525, D(2019, 3, 1)),
        (43525.0, D(2019, 3, 1)),
        (43525.75, D(2019, 3, 1)),
        (20190301, D(2019, 3, 1)),
        (20190301.0, D(2019, 3, 1)),
        (201903, D(2019, 3, 1)),
        (2019.03, D(2019, 3, 1)),
        (2019.12, D(2019, 12, 1)),
        (D(2019, 3, 1), D(2019, 3, 1)),
        (dt.datetime(2019, 3, 1, 17, 5), D(2019, 3, 1)),
    ],
)
def test_every_style_reads(value: object, expected: dt.date) -> None:
    parsed = parse_date(value)
    assert parsed.value == expected
    assert parsed.warning == ""


@pytest.mark.parametrize("value", [2019.1, "2019.1"])
def test_a_month_that_may_have_lost_its_zero_is_january_with_a_warning(value: object) -> None:
    parsed = parse_date(value)
    assert parsed.value == D(2019, 1, 1)
    assert "1月" in parsed.warning


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("2019", "只有年份"),
        (2019, "只有年份"),
        ("2019-02-30", "不是真实日期"),
        ("2019.13", "不是真实日期"),
        ("1850.01", "年份1850不合理"),
        ("abc", "不是可识别的日期"),
        ("", "为空"),
        (True, "不是日期"),
        (1e9, "不是Excel日期序号"),
        (2019.123, "月份最多两位"),
    ],
)
def test_what_is_not_a_date_says_why(value: object, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_date(value)


def test_field_errors_name_the_field() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_date_field("2019-02-30", "入编时间")
    assert caught.value.field == "入编时间"


def test_excel_serials_use_the_1900_system() -> None:
    assert from_excel_serial(1) == D(1899, 12, 31)  # Excel shows 1900-01-01 (its leap-year bug)
    assert from_excel_serial(61) == D(1900, 3, 1)
    assert from_excel_serial(45658) == D(2025, 1, 1)
