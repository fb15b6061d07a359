"""Statutory retirement age under the gradual-raise rule in force since 2025-01-01.

Three categories (stored per person; a woman's category cannot be derived from her sex):
men 60 → 63, women originally 55 (cadres / management posts) → 58, women originally 50 (workers) → 55.

Let the original retirement month be the birth month plus the original age, and
m = (year − 2025)·12 + month of it, i.e. months after December 2024. No delay when m ≤ 0;
otherwise the delay is ceil(m / 4) months capped at 36 (men, women 55) or ceil(m / 2) months
capped at 60 (women 50).

Convention: the person retires in the month they reach the statutory age, and the date returned is
the birthday-based date, birth date + age (years and months), clamped to the end of the month
(born 1965-01-31, 60 years 1 month → 2025-02-28).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from bianzhi_desktop.domain.enums import RetirementCategory


@dataclass(frozen=True)
class _Rule:
    original_age: int
    months_per_step: int
    max_delay: int


_RULES: dict[RetirementCategory, _Rule] = {
    RetirementCategory.MALE_60: _Rule(original_age=60, months_per_step=4, max_delay=36),
    RetirementCategory.FEMALE_55: _Rule(original_age=55, months_per_step=4, max_delay=36),
    RetirementCategory.FEMALE_50: _Rule(original_age=50, months_per_step=2, max_delay=60),
}


def delay_months(birth_date: dt.date, category: RetirementCategory) -> int:
    """Months added to the original retirement age (0 for those due before 2025)."""
    rule = _RULES[RetirementCategory(category)]
    m = (birth_date.year + rule.original_age - 2025) * 12 + birth_date.month
    if m <= 0:
        return 0
    return min(rule.max_delay, -(-m // rule.months_per_step))


def retirement_age(birth_date: dt.date, category: RetirementCategory) -> tuple[int, int]:
    """Statutory retirement age as (years, months), e.g. (60, 1)."""
    rule = _RULES[RetirementCategory(category)]
    extra_years, months = divmod(delay_months(birth_date, category), 12)
    return rule.original_age + extra_years, months


def statutory_retirement_date(birth_date: dt.date, category: RetirementCategory) -> dt.date:
    """The day the person reaches the statutory retirement age (see the module docstring)."""
    years, months = retirement_age(birth_date, category)
    return add_months(birth_date, years * 12 + months)


def months_until_retirement(birth_date: dt.date, category: RetirementCategory, today: dt.date) -> int:
    """Calendar months from ``today``'s month to the retirement month: 0 = retires this month,
    negative = retired that many months ago."""
    retires = statutory_retirement_date(birth_date, category)
    return (retires.year - today.year) * 12 + retires.month - today.month


def is_past_retirement(birth_date: dt.date, category: RetirementCategory, on: dt.date) -> bool:
    """True from the statutory retirement date on (the age has been reached)."""
    return on >= statutory_retirement_date(birth_date, category)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole months, the day clamped to the end of the target month."""
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))
