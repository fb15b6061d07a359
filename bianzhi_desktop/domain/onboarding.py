"""Rules for filling in what an office's own workbooks leave out, when the rest of the row decides it.

Each rule returns the value and the reason a clerk is shown (“按机构类别设定”), or None when nothing
decides it: the importer then asks once for the batch, or reports the field as missing. Nothing here
guesses silently; every filled value is listed by the importer as an assumption with its rows.
"""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.domain.enums import (
    Funding,
    LeaderTier,
    RetirementCategory,
    Sex,
    UnitCategory,
    UnitSystem,
)

# 所属系统 by 机构类别 where the category alone decides it
_SYSTEM_BY_CATEGORY: dict[UnitCategory, UnitSystem] = {
    UnitCategory.PARTY_ORGAN: UnitSystem.PARTY,
    UnitCategory.GOV_DEPARTMENT: UnitSystem.GOVERNMENT,
    UnitCategory.DEPT_MANAGED: UnitSystem.GOVERNMENT,
}
# 人大、政协、法院、检察院及群团机关: the name says which (longest words first)
_SYSTEM_BY_NAME: tuple[tuple[str, UnitSystem], ...] = (
    ("人民代表大会", UnitSystem.CONGRESS),
    ("人大常委会", UnitSystem.CONGRESS),
    ("人大", UnitSystem.CONGRESS),
    ("政治协商会议", UnitSystem.CPPCC),
    ("政协", UnitSystem.CPPCC),
    ("人民法院", UnitSystem.COURT),
    ("法院", UnitSystem.COURT),
    ("人民检察院", UnitSystem.PROCURATORATE),
    ("检察院", UnitSystem.PROCURATORATE),
    ("民革", UnitSystem.DEMOCRATIC_PARTY),
    ("民盟", UnitSystem.DEMOCRATIC_PARTY),
    ("民建", UnitSystem.DEMOCRATIC_PARTY),
    ("民进", UnitSystem.DEMOCRATIC_PARTY),
    ("农工党", UnitSystem.DEMOCRATIC_PARTY),
    ("致公党", UnitSystem.DEMOCRATIC_PARTY),
    ("九三学社", UnitSystem.DEMOCRATIC_PARTY),
    ("台盟", UnitSystem.DEMOCRATIC_PARTY),
    ("总工会", UnitSystem.MASS_ORG),
    ("共青团", UnitSystem.MASS_ORG),
    ("团县委", UnitSystem.MASS_ORG),
    ("团区委", UnitSystem.MASS_ORG),
    ("团市委", UnitSystem.MASS_ORG),
    ("妇女联合会", UnitSystem.MASS_ORG),
    ("妇联", UnitSystem.MASS_ORG),
    ("科学技术协会", UnitSystem.MASS_ORG),
    ("科协", UnitSystem.MASS_ORG),
    ("工商业联合会", UnitSystem.MASS_ORG),
    ("工商联", UnitSystem.MASS_ORG),
    ("文学艺术界联合会", UnitSystem.MASS_ORG),
    ("文联", UnitSystem.MASS_ORG),
    ("残疾人联合会", UnitSystem.MASS_ORG),
    ("残联", UnitSystem.MASS_ORG),
    ("红十字会", UnitSystem.MASS_ORG),
    ("侨联", UnitSystem.MASS_ORG),
)


def infer_system(
    category: UnitCategory, name: str, supervisor_system: UnitSystem | None
) -> tuple[UnitSystem | None, str]:
    """所属系统 from the category (党委工作机关 → 党委; 政府工作部门, 部门管理机构 → 政府), the name
    (人大、政协、法院、检察院、群团) or the supervisor (事业单位, 派出机构 follow their 主管部门).
    (None, why) when nothing decides it."""
    if category in _SYSTEM_BY_CATEGORY:
        return _SYSTEM_BY_CATEGORY[category], f"按机构类别“{category.label}”设定"
    if category == UnitCategory.PEOPLES_ORG:
        for word, system in _SYSTEM_BY_NAME:
            if word in name:
                return system, f"按机构名称中的“{word}”设定"
        return None, "无法从机构名称判断是人大、政协、法院、检察院还是群团"
    if supervisor_system is not None and (
        category.is_public_institution or category in (UnitCategory.DISPATCHED, UnitCategory.COORDINATING)
    ):
        return supervisor_system, "按主管部门的所属系统设定"
    if category.is_public_institution or category == UnitCategory.DISPATCHED:
        return None, "未填写主管部门，无法推断"
    return None, f"机构类别“{category.label}”不能决定所属系统"


def female_retirement_for_kind(kind_name: str) -> RetirementCategory:
    """A woman's original retirement category from her quota kind: 工勤编制 means a worker post (50),
    every other kind a cadre or management post (55)."""
    return RetirementCategory.FEMALE_50 if "工勤" in kind_name else RetirementCategory.FEMALE_55


def sex_from_id(id_number: str) -> Sex | None:
    """The sex an ID number states (odd sequence digit = male); None when it is not 15 or 18 long."""
    digit = id_number[16:17] if len(id_number) == 18 else id_number[14:15] if len(id_number) == 15 else ""
    if not digit.isdigit():
        return None
    return Sex.MALE if int(digit) % 2 else Sex.FEMALE


def birth_from_id(id_number: str) -> dt.date | None:
    """The birth date an ID number states, or None when it has none readable."""
    text = id_number[6:14] if len(id_number) == 18 else "19" + id_number[6:12] if len(id_number) == 15 else ""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


# 事业编制 without its qualifier: the kind that the funding form (or 参公 management) names
_PI_KIND_BY_FUNDING = {
    Funding.FULL: "事业编制（全额拨款）",
    Funding.PARTIAL: "事业编制（差额拨款）",
    Funding.SELF: "事业编制（自收自支）",
}
PI_CIVIL_KIND = "事业编制（参照公务员法管理）"
UNQUALIFIED_PI = ("事业编制", "事业", "事业编")


def is_unqualified_pi_kind(text: str) -> bool:
    return text in UNQUALIFIED_PI


def pi_kind_for_funding(funding: Funding) -> str:
    return _PI_KIND_BY_FUNDING[funding]


FUNDING_WORDS: dict[str, Funding] = {
    "全额": Funding.FULL,
    "全额拨款": Funding.FULL,
    "财政全额": Funding.FULL,
    "财政拨款": Funding.FULL,
    "差额": Funding.PARTIAL,
    "差额拨款": Funding.PARTIAL,
    "财政差额": Funding.PARTIAL,
    "自收自支": Funding.SELF,
    "自筹": Funding.SELF,
}


def funding_from_text(text: str) -> tuple[Funding | None, bool]:
    """(funding, civil-service-managed) from a 经费形式 / 编制经费形式 cell: “全额拨款”, “财政全额”,
    “参照公务员法管理”; (None, False) when the text names none."""
    if "参公" in text or "参照" in text:
        return None, True
    for word in sorted(FUNDING_WORDS, key=len, reverse=True):
        if word in text:
            return FUNDING_WORDS[word], False
    return None, False


# 人员分类 of the provincial template → leader tier
PERSON_CLASS_TIERS: dict[str, LeaderTier | None] = {
    "部门正职领导": LeaderTier.UNIT_HEAD,
    "单位正职领导": LeaderTier.UNIT_HEAD,
    "正职领导": LeaderTier.UNIT_HEAD,
    "部门副职领导": LeaderTier.UNIT_DEPUTY,
    "单位副职领导": LeaderTier.UNIT_DEPUTY,
    "副职领导": LeaderTier.UNIT_DEPUTY,
    "内设机构正职领导": LeaderTier.DIVISION_HEAD,
    "内设机构副职领导": LeaderTier.DIVISION_DEPUTY,
    "非领导人员": None,
    "非领导": None,
    "一般人员": None,
}
