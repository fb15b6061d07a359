from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bianzhi_desktop.domain.enums import RetirementCategory
from bianzhi_desktop.domain.retirement import (
    add_months,
    delay_months,
    is_past_retirement,
    months_until_retirement,
    retirement_age,
    statutory_retirement_date,
)

D = dt.date
MALE = RetirementCategory.MALE_60
F55 = RetirementCategory.FEMALE_55
F50 = RetirementCategory.FEMALE_50


@pytest.mark.parametrize(
    ("birth", "category", "age"),
    [
        # men: 60 → 63, one month per four
        (D(1950, 3, 1), MALE, (60, 0)),
        (D(1964, 12, 31), MALE, (60, 0)),
        (D(1965, 1, 1), MALE, (60, 1)),
        (D(1965, 2, 15), MALE, (60, 1)),
        (D(1965, 4, 30), MALE, (60, 1)),
        (D(1965, 5, 1), MALE, (60, 2)),
        (D(1965, 8, 31), MALE, (60, 2)),
        (D(1965, 9, 1), MALE, (60, 3)),
        (D(1970, 1, 1), MALE, (61, 4)),
        (D(1976, 8, 31), MALE, (62, 11)),
        (D(1976, 9, 1), MALE, (63, 0)),
        (D(1990, 6, 15), MALE, (63, 0)),
        # women originally 55: 55 → 58
        (D(1969, 12, 1), F55, (55, 0)),
        (D(1970, 1, 1), F55, (55, 1)),
        (D(1970, 4, 30), F55, (55, 1)),
        (D(1970, 5, 1), F55, (55, 2)),
        (D(1981, 8, 31), F55, (57, 11)),
        (D(1981, 9, 1), F55, (58, 0)),
        (D(2000, 1, 1), F55, (58, 0)),
        # women originally 50: 50 → 55, one month per two
        (D(1974, 12, 31), F50, (50, 0)),
        (D(1975, 1, 1), F50, (50, 1)),
        (D(1975, 2, 1), F50, (50, 1)),
        (D(1975, 3, 1), F50, (50, 2)),
        (D(1980, 1, 15), F50, (52, 7)),
        (D(1984, 10, 31), F50, (54, 11)),
        (D(1984, 11, 1), F50, (55, 0)),
        (D(1995, 7, 7), F50, (55, 0)),
    ],
)
def test_retirement_age(birth: dt.date, category: RetirementCategory, age: tuple[int, int]) -> None:
    assert retirement_age(birth, category) == age


@pytest.mark.parametrize(
    ("birth", "category", "delay"),
    [
        (D(1964, 12, 1), MALE, 0),
        (D(1965, 1, 1), MALE, 1),
        (D(1976, 9, 1), MALE, 36),
        (D(1999, 1, 1), MALE, 36),
        (D(1970, 1, 1), F55, 1),
        (D(1975, 3, 1), F50, 2),
        (D(1984, 11, 1), F50, 60),
        (D(1999, 1, 1), F50, 60),
    ],
)
def test_delay_months(birth: dt.date, category: RetirementCategory, delay: int) -> None:
    assert delay_months(birth, category) == delay


@pytest.mark.parametrize(
    ("birth", "category", "retires"),
    [
        (D(1964, 12, 20), MALE, D(2024, 12, 20)),
        (D(1965, 1, 15), MALE, D(2025, 2, 15)),
        (D(1965, 1, 31), MALE, D(2025, 2, 28)),  # clamped to month end
        (D(1966, 12, 31), MALE, D(2027, 6, 30)),  # 60 years 6 months, clamped
        (D(1970, 1, 1), MALE, D(2031, 5, 1)),
        (D(1976, 9, 10), MALE, D(2039, 9, 10)),
        (D(1970, 1, 1), F55, D(2025, 2, 1)),
        (D(1981, 9, 30), F55, D(2039, 9, 30)),
        (D(1972, 2, 29), F55, D(2027, 9, 29)),
        (D(1975, 1, 31), F50, D(2025, 2, 28)),
        (D(1980, 1, 15), F50, D(2032, 8, 15)),
        (D(1984, 11, 1), F50, D(2039, 11, 1)),
        (D(1964, 2, 29), MALE, D(2024, 2, 29)),
    ],
)
def test_statutory_retirement_date(birth: dt.date, category: RetirementCategory, retires: dt.date) -> None:
    assert statutory_retirement_date(birth, category) == retires


@pytest.mark.parametrize("category", ["male_60", MALE])
def test_category_may_be_given_by_value(category: RetirementCategory) -> None:
    assert statutory_retirement_date(D(1965, 1, 15), category) == D(2025, 2, 15)


@pytest.mark.parametrize(
    ("today", "months"),
    [
        (D(2024, 11, 30), 3),
        (D(2025, 1, 31), 1),
        (D(2025, 2, 1), 0),
        (D(2025, 2, 28), 0),
        (D(2025, 5, 10), -3),
    ],
)
def test_months_until_retirement(today: dt.date, months: int) -> None:
    # retires 2025-02-15
    assert months_until_retirement(D(1965, 1, 15), MALE, today) == months


@pytest.mark.parametrize(
    ("on", "past"),
    [(D(2025, 2, 14), False), (D(2025, 2, 15), True), (D(2025, 3, 1), True), (D(2020, 1, 1), False)],
)
def test_is_past_retirement(on: dt.date, past: bool) -> None:
    assert is_past_retirement(D(1965, 1, 15), MALE, on) is past


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2025, 1, 31), 1, D(2025, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2024, 12, 15), 1, D(2025, 1, 15)),
        (D(2024, 3, 31), -1, D(2024, 2, 29)),
        (D(1965, 5, 31), 722, D(2025, 7, 31)),
    ],
)
def test_add_months(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


@given(
    birth=st.dates(min_value=D(1940, 1, 1), max_value=D(2010, 12, 31)),
    category=st.sampled_from(list(RetirementCategory)),
)
def test_age_stays_between_original_and_final(birth: dt.date, category: RetirementCategory) -> None:
    original, final = {MALE: (60, 63), F55: (55, 58), F50: (50, 55)}[category]
    years, months = retirement_age(birth, category)
    assert original * 12 <= years * 12 + months <= final * 12
    assert 0 <= months <= 11
    # later births never retire younger
    next_month = add_months(birth, 1)
    assert retirement_age(next_month, category) >= (years, months)
