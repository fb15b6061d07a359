"""Cleaning cell values as calamine returns them (str, float for every number, date, datetime, bool).

Each reader raises `CellError` with a Chinese message about the value; the importer adds where it is.
"""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.domain.dates import ParsedDate, parse_birth, parse_date
from bianzhi_desktop.domain.idnumber import normalize_id_number
from bianzhi_desktop.domain.textnorm import clean_cell_text

_ERROR_VALUES = ("#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")


class CellError(ValueError):
    """A value that cannot be used; the message says why, in Chinese."""


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_error_value(value: object) -> None:
    if isinstance(value, str) and value.strip().upper() in _ERROR_VALUES:
        raise CellError(f"公式出错（{value.strip()}），请在Excel中改正后再导入")


def text(value: object) -> str:
    """A name-like cell as canonical text: full-width digits and letters made half-width, spaces around
    Chinese characters removed; a whole number stored as a number loses its “.0”."""
    if value.__class__ is str:  # the usual cell
        if "#" in value:
            _check_error_value(value)
        return clean_cell_text(value)  # a blank text cleans to ""
    if is_blank(value):
        return ""
    _check_error_value(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return clean_cell_text(value if isinstance(value, str) else str(value))


def id_number(value: object) -> tuple[str, str]:
    """An ID number cell → (text, warning). A number cell has lost digits when it had 18 (Excel keeps
    15 significant digits): refused, with what to do."""
    if value.__class__ is str and value.isascii() and value.isalnum():  # the usual cell: nothing to clean
        return value.upper(), ""
    if is_blank(value):
        return "", ""
    _check_error_value(value)
    if isinstance(value, bool | dt.date):
        raise CellError("不是身份证号")
    if isinstance(value, int | float):
        if isinstance(value, float) and not value.is_integer():
            raise CellError(f"身份证号被存成了小数（{value}），请将该列设为文本后重新填写")
        digits = str(int(value))
        if len(digits) == 15:
            return digits, "身份证号以数字格式保存，15位旧号码未丢失位数，建议将该列设为文本"
        raise CellError(
            f"身份证号被Excel存成了数字（显示为{int(value)}），超过15位的数字已丢失末几位，无法还原。"
            "请将该列设为“文本”格式后重新填写或粘贴身份证号"
        )
    return normalize_id_number(str(value)), ""


def date(value: object) -> ParsedDate | None:
    """A date in any of the usual styles (see domain.dates); None for a blank cell."""
    if is_blank(value):
        return None
    _check_error_value(value)
    try:
        return parse_date(value)
    except ValueError as error:
        raise CellError(str(error)) from None


def birth(value: object) -> ParsedDate | None:
    """A birth date: as `date`, and also a year alone (compared with the ID number's year only)."""
    if is_blank(value):
        return None
    _check_error_value(value)
    try:
        return parse_birth(value)
    except ValueError as error:
        raise CellError(str(error)) from None


def integer(value: object) -> int | None:
    """A count (编制数, 职数): a whole number, possibly typed as text (“１２”, “12名”)."""
    if is_blank(value):
        return None
    _check_error_value(value)
    if isinstance(value, bool):
        raise CellError("应为整数")
    if isinstance(value, int | float):
        if not float(value).is_integer():
            raise CellError(f"{value}不是整数")
        return int(value)
    cleaned = text(value).removesuffix("名").removesuffix("个").replace(",", "")
    try:
        return int(cleaned)
    except ValueError:
        raise CellError(f"“{value}”不是整数") from None


YES = {"是", "占", "占职数", "Y", "YES", "TRUE", "1", "√"}
NO = {"否", "不占", "不占职数", "N", "NO", "FALSE", "0", "×"}


def yes_no(value: object) -> bool | None:
    if is_blank(value):
        return None
    if isinstance(value, bool):
        return value
    cleaned = text(value).upper()
    if cleaned in YES:
        return True
    if cleaned in NO:
        return False
    raise CellError(f"“{value}”应为“是”或“否”")
