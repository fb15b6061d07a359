"""Working days (工作日) for the office's time limits: Monday to Friday (public holidays not counted)."""

from __future__ import annotations

import datetime as dt


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The date `count` working days after `day` (weekends skipped)."""
    current = day
    left = count
    while left > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after `start` up to and including `end` (0 when end ≤ start)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for offset in range(1, rest + 1):
        if (start + dt.timedelta(days=weeks * 7 + offset)).weekday() < 5:
            count += 1
    return count
