"""Unified social credit codes (统一社会信用代码, GB 32100-2015).

18 characters: registering authority (1), organisation type (1), area code (6), organisation code
(9) and a check character. The charset has 31 symbols: digits and capital letters without I O S V Z.
Some real codes fail the check, so a wrong check character is a warning the user can acknowledge.
"""

from __future__ import annotations

from dataclasses import dataclass

from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.idnumber import PROVINCE_CODES
from bianzhi_desktop.domain.textnorm import strip_spaces, to_halfwidth

FIELD = "统一社会信用代码"

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUES = {ch: value for value, ch in enumerate(CHARSET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_FORBIDDEN = "IOSVZ"

# Registering authority (position 1) → (name, {type code (position 2) → type name}).
_AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "群团", "9": "其他"}),
    "2": ("外交", {"1": "外国常驻新闻机构", "9": "其他"}),
    "3": ("司法行政", {"1": "律师执业机构", "2": "公证处", "3": "基层法律服务所", "4": "司法鉴定机构",
                     "5": "仲裁委员会", "9": "其他"}),
    "4": ("文化", {"1": "外国在华文化中心", "9": "其他"}),
    "5": ("民政", {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"}),
    "6": ("旅游", {"1": "外国旅游部门常驻代表机构", "2": "港澳台地区旅游部门常驻内地（大陆）代表机构",
                 "9": "其他"}),
    "7": ("宗教", {"1": "宗教活动场所", "2": "宗教院校", "9": "其他"}),
    "8": ("工会", {"1": "基层工会", "9": "其他"}),
    "9": ("工商", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
    "A": ("中央军委改革和编制办公室", {"1": "军队事业单位", "9": "其他"}),
    "N": ("农业", {"1": "组级集体经济组织", "2": "村级集体经济组织", "3": "乡镇级集体经济组织", "9": "其他"}),
    "Y": ("其他", {}),
}  # fmt: skip

# Province prefixes of the area code; "10" is the national level (100000).
_PROVINCES = (PROVINCE_CODES - {"83"}) | {"10"}


@dataclass(frozen=True)
class CreditCodeResult:
    """A credit code that has the right shape. ``ok`` is true when the check character is right;
    ``warnings`` (Chinese) lists every doubt, including a wrong check character."""

    code: str
    ok: bool
    expected_check: str
    authority: str
    org_type: str
    area_code: str
    warnings: tuple[str, ...] = ()

    @property
    def description(self) -> str:
        """E.g. “机构编制 · 事业单位”."""
        return f"{self.authority} · {self.org_type}" if self.org_type else self.authority


def normalize_credit_code(raw: str) -> str:
    """Half-width, upper case, no whitespace. Does not validate."""
    return strip_spaces(to_halfwidth(raw)).upper()


def credit_code_check_char(first17: str) -> str:
    """The check character of the first 17 characters: charset[(31 − Σ value·weight mod 31) mod 31]."""
    code = normalize_credit_code(first17)
    if len(code) != 17:
        raise ValidationError(FIELD, f"计算校验位需要17位，收到“{first17}”")
    _check_charset(code)
    total = sum(_VALUES[ch] * weight for ch, weight in zip(code, _WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def organisation_check_char(body: str) -> str:
    """The check character of an 8-character organisation code body (GB 11714, 组织机构代码),
    which stands at positions 9–17 of a credit code: 11 − (Σ value·weight mod 11), 10 → X, 11 → 0."""
    code = normalize_credit_code(body)
    if len(code) != 8 or any(ch not in _VALUES or _VALUES[ch] > 35 for ch in code):
        raise ValidationError(FIELD, f"组织机构代码本体应为8位数字或字母，收到“{body}”")
    total = sum(int(ch, 36) * weight for ch, weight in zip(code, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def make_credit_code(first17: str) -> str:
    """The 18-character code: the first 17 characters with the check character appended."""
    code = normalize_credit_code(first17)
    return code + credit_code_check_char(code)


def check_credit_code(raw: str) -> CreditCodeResult:
    """Validate a code. Raises ``ValidationError`` for a wrong length or illegal characters; a wrong
    check character, an unknown authority/type or an unknown area code are warnings."""
    code = normalize_credit_code(raw)
    if not code:
        raise ValidationError(FIELD, "不能为空")
    if len(code) != 18:
        raise ValidationError(FIELD, f"应为18位，“{code}”为{len(code)}位")
    _check_charset(code)

    warnings: list[str] = []
    expected = credit_code_check_char(code[:17])
    ok = code[17] == expected
    if not ok:
        warnings.append(f"校验位应为{expected}，实为{code[17]}；请核对，确认无误可忽略")

    known = _AUTHORITIES.get(code[0])
    if known is None:
        authority, org_type = "未知", ""
        warnings.append(f"第1位登记管理部门代码“{code[0]}”无法识别")
    else:
        authority, types = known
        org_type = types.get(code[1], "")
        if types and not org_type:
            warnings.append(f"第2位机构类别代码“{code[1]}”在登记管理部门“{authority}”下无法识别")

    area = code[2:8]
    if area[:2] not in _PROVINCES:
        warnings.append(f"第3至8位登记管理机关行政区划码“{area}”无法识别")
    return CreditCodeResult(
        code=code,
        ok=ok,
        expected_check=expected,
        authority=authority,
        org_type=org_type,
        area_code=area,
        warnings=tuple(warnings),
    )


def _check_charset(code: str) -> None:
    for position, ch in enumerate(code, start=1):
        if ch in _VALUES:
            continue
        if ch in _FORBIDDEN:
            raise ValidationError(
                FIELD, f"第{position}位是字母{ch}，统一社会信用代码不使用I、O、S、V、Z（是否应为数字？）"
            )
        raise ValidationError(FIELD, f"第{position}位“{ch}”不是合法字符（只能是数字和大写字母）")
