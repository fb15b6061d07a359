"""Chinese numerals as official documents write them: 一、二、…十、十一、…二十三、 for numbered points."""

from __future__ import annotations

_DIGITS = "一二三四五六七八九十"


def chinese_ordinal(number: int) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 23 → 二十三 (1 to 99)."""
    if not 1 <= number <= 99:
        raise ValueError(f"ordinal out of range: {number}")
    if number <= 10:
        return _DIGITS[number - 1]
    tens, ones = divmod(number, 10)
    return ("" if tens == 1 else _DIGITS[tens - 1]) + "十" + (_DIGITS[ones - 1] if ones else "")
