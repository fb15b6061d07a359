"""Resident identity card numbers (公民身份号码, GB 11643-1999).

Layout of the 18-character number: 6-digit area code, 8-digit birth date (YYYYMMDD), 3-digit
sequence (odd = male, even = female) and a check character. Legacy 15-digit numbers (before 1999)
have a 6-digit birth date (YYMMDD, century 19) and no check character.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from operator import mul
from typing import NamedTuple

from bianzhi_desktop.domain.enums import Sex
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.textnorm import strip_spaces, to_halfwidth

FIELD = "身份证号"

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_ID18 = re.compile(r"[0-9]{17}[0-9X]")

# Province-level area codes (GB/T 2260), plus 83 used by residence permits of Taiwan residents.
PROVINCE_CODES: frozenset[str] = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    }
)  # fmt: skip


class IdNumberInfo(NamedTuple):
    """What an ID number says. ``number`` is the canonical 18-character form, or the 15 digits as
    given when ``is_legacy``. (A named tuple: an import makes one per row, five times faster than a
    frozen dataclass.)"""

    number: str
    is_legacy: bool
    area_code: str
    birth_date: dt.date
    sex: Sex
    warnings: tuple[str, ...] = ()

    @property
    def number18(self) -> str:
        """The 18-character form (legacy numbers converted)."""
        return upgrade_legacy(self.number) if self.is_legacy else self.number


def normalize_id_number(raw: str) -> str:
    """Canonical text of a typed or imported number: full-width digits and letters made half-width,
    all whitespace removed, a leading apostrophe (Excel text marker) dropped, ``x`` upper-cased.
    Does not validate."""
    if raw.isascii() and raw.isalnum():  # the usual case: nothing to clean
        return raw.upper()
    text = strip_spaces(to_halfwidth(raw)).upper()
    return text.removeprefix("'")


def check_character(first17: str) -> str:
    """The GB 11643 check character ('0'–'9' or 'X') of the first 17 digits."""
    if len(first17) != 17 or not _is_ascii_digits(first17):
        raise ValidationError(FIELD, f"计算校验位需要17位数字，收到“{first17}”")
    return _CHECK_CHARS[sum(map(mul, map(int, first17), _WEIGHTS)) % 11]


def upgrade_legacy(number15: str) -> str:
    """Convert a 15-digit number to 18 characters: century “19” inserted before the year, check
    character appended."""
    number = normalize_id_number(number15)
    if len(number) != 15 or not _is_ascii_digits(number):
        raise ValidationError(FIELD, f"15位旧号码应全部为数字，收到“{number15}”")
    first17 = number[:6] + "19" + number[6:]
    return first17 + check_character(first17)


def parse_id_number(raw: str, *, today: dt.date | None = None) -> IdNumberInfo:
    """Validate and decode a number. Raises ``ValidationError`` (field 身份证号) for a wrong length,
    bad characters, an impossible or future birth date or a wrong check character; an unknown
    province code or a legacy 15-digit number only adds a warning."""
    number = normalize_id_number(raw)
    if not number:
        raise ValidationError(FIELD, "不能为空")
    if len(number) == 18:
        if not _ID18.fullmatch(number):
            raise ValidationError(FIELD, f"“{number}”含有非法字符（前17位应为数字，第18位为数字或X）")
        birth_text, sex_digit, legacy = number[6:14], number[16], False
    elif len(number) == 15:
        if not _is_ascii_digits(number):
            raise ValidationError(FIELD, f"“{number}”含有非法字符（15位旧号码应全部为数字）")
        birth_text, sex_digit, legacy = "19" + number[6:12], number[14], True
    else:
        raise ValidationError(FIELD, f"应为18位（或15位旧号码），“{number}”为{len(number)}位")

    birth = _birth_date(birth_text, today or dt.date.today())
    if not legacy:
        # check_character: the weights are 2^(17-i) mod 11 and 13 ≡ 2 (mod 11), so the weighted sum is
        # congruent to twice the 17 (ASCII, checked above) digits read in base 13 — one int() in C
        expected = _CHECK_CHARS[2 * int(number[:17], 13) % 11]
        if number[17] != expected:
            raise ValidationError(FIELD, f"“{number}”校验位应为{expected}，实为{number[17]}")

    area = number[:6]
    warnings: tuple[str, ...] = ()
    if area[:2] not in PROVINCE_CODES:
        warnings += (f"地区码{area}无法识别（不存在省级代码{area[:2]}），请核对",)
    if legacy:
        warnings += (f"15位旧号码，建议转换为18位：{upgrade_legacy(number)}",)
    return IdNumberInfo(
        number, legacy, area, birth, Sex.MALE if sex_digit in "13579" else Sex.FEMALE, warnings
    )


def check_consistency(info: IdNumberInfo, birth_date: dt.date | None, sex: Sex | None) -> list[str]:
    """Problems (in Chinese) where a stored birth date or sex disagrees with the number; empty when
    they agree or are not given."""
    problems: list[str] = []
    if birth_date is not None and birth_date != info.birth_date:
        problems.append(
            f"出生日期{_cn_date(birth_date)}与身份证号中的出生日期{_cn_date(info.birth_date)}不一致"
        )
    if sex is not None and Sex(sex) != info.sex:
        problems.append(f"性别“{Sex(sex).label}”与身份证号中的性别“{info.sex.label}”不一致")
    return problems


def mask_id_number(number: str) -> str:
    """Hide the middle of a number for screens and printouts: first 4 and last 4 kept
    ('320102199001011234' → '3201**********1234'). Text of 8 characters or fewer is fully masked."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def make_id_number(area: str, birth: dt.date, seq: int) -> str:
    """Build a valid 18-character number (for demo and test data). ``seq`` 0–999; odd = male."""
    if len(area) != 6 or not _is_ascii_digits(area):
        raise ValidationError(FIELD, f"地区码应为6位数字，收到“{area}”")
    if not 0 <= seq <= 999:
        raise ValidationError(FIELD, f"顺序码应在0到999之间，收到{seq}")
    first17 = f"{area}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_character(first17)


def _birth_date(text: str, today: dt.date) -> dt.date:
    birth = _calendar_date(text)
    if birth is None:
        raise ValidationError(FIELD, f"出生日期“{text}”不是真实日期")
    if birth < _EARLIEST_BIRTH:
        raise ValidationError(FIELD, f"出生日期{_cn_date(birth)}早于1900年，不可能")
    if birth > today:
        raise ValidationError(FIELD, f"出生日期{_cn_date(birth)}晚于今天")
    return birth


@lru_cache(maxsize=65536)
def _calendar_date(text: str) -> dt.date | None:
    """YYYYMMDD as a date, None when there is no such day (a roster repeats many birth dates)."""
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def _cn_date(day: dt.date) -> str:
    return f"{day.year}年{day.month:02d}月{day.day:02d}日"


def _is_ascii_digits(text: str) -> bool:
    return text.isascii() and text.isdigit()
