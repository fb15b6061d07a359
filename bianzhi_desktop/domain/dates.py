"""Dates as offices write them in spreadsheets.

Accepted: real dates (a date cell), Excel serial numbers (43525 = 2019-03-01), 20190301, 2019-3-1,
2019/3/1, 2019.3.1, 2019年3月1日, and month precision 2019.03 / 2019-03 / 2019年3月 / 201903 (taken as
the first of the month). A decimal number such as 2019.03 (what Excel keeps when someone types 2019.03
into a number cell) is read the same way; 2019.1 is ambiguous (January, or October typed as 2019.10)
and is read as January with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.textnorm import strip_spaces, to_halfwidth

EXCEL_EPOCH = dt.date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)
_SERIAL_RANGE = (1, 2958465)  # up to 9999-12-31
_YEARS = (1900, 2100)

_FULL = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")
_TIME_TAIL = re.compile(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")


@dataclass(frozen=True)
class ParsedDate:
    value: dt.date
    warning: str = ""
    # "month" when the cell gave only the year and month (the 1st is assumed), "year" for a year alone
    precision: str = "day"

    @property
    def to_month(self) -> bool:
        """Given to the month or coarser: the day is not known."""
        return self.precision in ("month", "year")

    def agrees_with(self, day: dt.date) -> bool:
        """Whether a full date agrees with this value at the precision it was given."""
        if self.precision == "year":
            return day.year == self.value.year
        if self.precision == "month":
            return (day.year, day.month) == (self.value.year, self.value.month)
        return day == self.value

    def shown(self) -> str:
        """The value as the cell gave it: 1998年, 1998年4月, or 1998-04-12."""
        if self.precision == "year":
            return f"{self.value.year}年"
        return f"{self.value.year}年{self.value.month}月" if self.to_month else self.value.isoformat()


def _make(year: int, month: int, day: int, shown: str) -> dt.date:
    if not _YEARS[0] <= year <= _YEARS[1]:
        raise ValueError(f"“{shown}”的年份{year}不合理")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"“{shown}”不是真实日期") from None


def from_excel_serial(serial: float) -> dt.date:
    """The date of an Excel serial number (the 1900 date system; the time of day is dropped)."""
    whole = int(serial)
    if not _SERIAL_RANGE[0] <= whole <= _SERIAL_RANGE[1]:
        raise ValueError(f"{serial:g}不是Excel日期序号")
    return EXCEL_EPOCH + dt.timedelta(days=whole)


def _from_number(value: float) -> ParsedDate:
    if float(value).is_integer():
        whole = int(value)
        text = str(whole)
        if len(text) == 8:  # 20190301
            return ParsedDate(_make(int(text[:4]), int(text[4:6]), int(text[6:]), text))
        if len(text) == 6 and _YEARS[0] <= int(text[:4]) <= _YEARS[1]:  # 201903
            return ParsedDate(_make(int(text[:4]), int(text[4:]), 1, text), precision="month")
        if len(text) == 4 and _YEARS[0] <= whole <= _YEARS[1]:
            raise ValueError(f"“{text}”只有年份，请写明月份（如 {text}.03 或 {text}年3月）")
        return ParsedDate(from_excel_serial(whole))
    # 2019.03 typed into a number cell: year.month as Excel shows it.
    text = repr(float(value))
    year_text, _, month_text = text.partition(".")
    year = int(year_text)
    if not _YEARS[0] <= year <= _YEARS[1]:
        if _SERIAL_RANGE[0] <= value <= _SERIAL_RANGE[1]:
            return ParsedDate(from_excel_serial(value))  # a serial with a time of day
        raise ValueError(f"“{value:g}”不是日期")
    if len(month_text) > 2:
        raise ValueError(f"“{text}”不是日期（年.月 的月份最多两位）")
    date = _make(year, int(month_text), 1, text)
    if month_text == "1":  # 2019.10 typed into a number cell is kept as 2019.1
        return ParsedDate(
            date,
            f"“{text}”按{year}年1月处理；如为{year}年10月，请将单元格设为文本后写成{year}.10",
            "month",
        )
    return ParsedDate(date, precision="month")


def parse_date(value: object) -> ParsedDate:
    """Read one cell as a date. Raises ValueError with a Chinese message saying why it is not one."""
    if isinstance(value, dt.datetime):
        return ParsedDate(value.date())
    if isinstance(value, dt.date):
        return ParsedDate(value)
    if isinstance(value, bool):
        raise ValueError("是“是/否”值，不是日期")
    if isinstance(value, int | float):
        return _from_number(value)
    text = strip_spaces(_TIME_TAIL.sub("", to_halfwidth(str(value), punctuation=True).strip()))
    if not text:
        raise ValueError("为空")
    if match := _FULL.fullmatch(text):
        return ParsedDate(_make(int(match[1]), int(match[2]), int(match[3]), text))
    if match := _MONTH.fullmatch(text):
        year, month = int(match[1]), int(match[2])
        if "." in text and len(text.partition(".")[2]) == 1 and month == 1:
            # the same ambiguity as a number: 2019.1 may be October that lost its zero
            return ParsedDate(_make(year, month, 1, text), f"“{text}”按{year}年1月处理，请核对", "month")
        return ParsedDate(_make(year, month, 1, text), precision="month")
    if (match := _COMPACT.fullmatch(text)) and len(text) in (6, 8):
        day = int(match[3] or 1)
        return ParsedDate(
            _make(int(match[1]), int(match[2]), day, text), precision="day" if match[3] else "month"
        )
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _from_number(float(text) if "." in text else int(text))
    raise ValueError(f"“{text}”不是可识别的日期（可写作 2019-03-01、2019年3月1日、2019.03 或 20190301）")


_YEAR_ONLY = re.compile(r"(\d{4})\s*年?")


def parse_birth(value: object) -> ParsedDate:
    """`parse_date`, and a year alone (1985, 1985年) taken to the year: a birth given so is compared
    with the ID number's year only."""
    text = str(int(value)) if isinstance(value, int | float) and float(value).is_integer() else None
    if isinstance(value, str):
        text = strip_spaces(to_halfwidth(value))
    if text and (match := _YEAR_ONLY.fullmatch(text)) and _YEARS[0] <= int(match[1]) <= _YEARS[1]:
        return ParsedDate(dt.date(int(match[1]), 1, 1), precision="year")
    return parse_date(value)


def parse_date_field(value: object, field: str) -> ParsedDate:
    """`parse_date` for a named field: ValidationError(field, message) instead of ValueError."""
    try:
        return parse_date(value)
    except ValueError as error:
        raise ValidationError(field, str(error)) from None


def parse_day(text: str) -> dt.date:
    """A whole date as a clerk types it into a form or a command line: 2019-03-01, 2019.3.1, 2019/3/1,
    20190301, 2019年3月1日 (full-width digits too). Unlike `parse_date`, which reads what spreadsheets
    hold, a month alone or a serial number is refused: a form asks for a day.

    Raises ValueError with a Chinese message when the text is no real date."""
    cleaned = strip_spaces(to_halfwidth(text, punctuation=True).strip())
    if not (_FULL.fullmatch(cleaned) or (len(cleaned) == 8 and _COMPACT.fullmatch(cleaned))):
        raise ValueError("请按“2019-03-01”的格式填写日期")
    return parse_date(cleaned).value
