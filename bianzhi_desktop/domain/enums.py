"""Pick lists of the domain. Values are stable English codes stored in the database; `label` is the
Chinese text users see."""

from __future__ import annotations

from enum import StrEnum


class Labelled(StrEnum):
    """A StrEnum whose members carry a Chinese label: ``Member = ("code", "标签")``."""

    label: str

    def __new__(cls, value: str, label: str = "") -> Labelled:
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label or value
        return obj

    @classmethod
    def from_label(cls, label: str) -> Labelled | None:
        text = label.strip()
        for member in cls:
            if member.label == text or member.value == text:
                return member
        return None


class Sex(Labelled):
    MALE = ("male", "男")
    FEMALE = ("female", "女")


class RetirementCategory(Labelled):
    """Statutory retirement category (2025 rule): men 60→63, women 55→58, women 50→55."""

    MALE_60 = ("male_60", "男（原60岁）")
    FEMALE_55 = ("female_55", "女（原55岁，干部/管理岗位）")
    FEMALE_50 = ("female_50", "女（原50岁，工人岗位）")


class UnitCategory(Labelled):
    """机构类别."""

    PARTY_ORGAN = ("party_organ", "党委工作机关")
    GOV_DEPARTMENT = ("gov_department", "政府工作部门")
    DEPT_MANAGED = ("dept_managed", "部门管理机构")
    COORDINATING = ("coordinating", "议事协调机构")
    DISPATCHED = ("dispatched", "派出机构")
    PEOPLES_ORG = ("peoples_org", "人大、政协、法院、检察院及群团机关")
    PI_ADMIN = ("pi_admin", "事业单位（承担行政职能）")
    PI_PUBLIC1 = ("pi_public1", "事业单位（公益一类）")
    PI_PUBLIC2 = ("pi_public2", "事业单位（公益二类）")
    PI_BUSINESS = ("pi_business", "事业单位（生产经营类）")
    TOWNSHIP = ("township", "乡镇")
    SUBDISTRICT = ("subdistrict", "街道")

    @property
    def is_public_institution(self) -> bool:
        return self.value.startswith("pi_")


# Categories that count against the Party/government institution cap (机构限额).
CAPPED_CATEGORIES: frozenset[UnitCategory] = frozenset(
    {UnitCategory.PARTY_ORGAN, UnitCategory.GOV_DEPARTMENT}
)


class Rank(Labelled):
    """机构规格."""

    ZHENG_CHU = ("zheng_chu", "正处级")
    FU_CHU = ("fu_chu", "副处级")
    ZHENG_KE = ("zheng_ke", "正科级")
    FU_KE = ("fu_ke", "副科级")
    ZHENG_GU = ("zheng_gu", "正股级")
    FU_GU = ("fu_gu", "副股级")
    UNRANKED = ("unranked", "未定级")


class UnitSystem(Labelled):
    """系统."""

    PARTY = ("party", "党委")
    CONGRESS = ("congress", "人大")
    GOVERNMENT = ("government", "政府")
    CPPCC = ("cppcc", "政协")
    COURT = ("court", "法院")
    PROCURATORATE = ("procuratorate", "检察院")
    MASS_ORG = ("mass_org", "群团")
    DEMOCRATIC_PARTY = ("democratic_party", "民主党派")


class Funding(Labelled):
    """经费形式."""

    FULL = ("full", "全额拨款")
    PARTIAL = ("partial", "差额拨款")
    SELF = ("self", "自收自支")


class UnitStatus(Labelled):
    ACTIVE = ("active", "存续")
    ABOLISHED = ("abolished", "已撤销")


class NameKind(Labelled):
    NAMEPLATE = ("nameplate", "加挂牌子")
    COLOCATED = ("colocated", "合署办公")


class DivisionStatus(Labelled):
    ACTIVE = ("active", "存续")
    ABOLISHED = ("abolished", "已撤销")


class LeaderTier(Labelled):
    """领导职数 tiers."""

    UNIT_HEAD = ("unit_head", "单位正职")
    UNIT_DEPUTY = ("unit_deputy", "单位副职")
    DIVISION_HEAD = ("division_head", "内设机构正职")
    DIVISION_DEPUTY = ("division_deputy", "内设机构副职")


class Role(Labelled):
    CLERK = ("clerk", "经办")
    REVIEWER = ("reviewer", "审核")
    APPROVER = ("approver", "批准")
    ADMIN = ("admin", "管理员")


class RemovalReason(Labelled):
    """出编原因."""

    RETIRED = ("retired", "退休")
    TRANSFERRED_OUT = ("transferred_out", "调出")
    RESIGNED = ("resigned", "辞职")
    DISMISSED = ("dismissed", "辞退")
    EXPELLED = ("expelled", "开除")
    DECEASED = ("deceased", "死亡")
    TRANSFERRED_IN_COUNTY = ("transferred_in_county", "县内调动")
    OTHER = ("other", "其他")


class HiringMethod(Labelled):
    """用编计划 method."""

    OPEN_RECRUITMENT = ("open_recruitment", "公开招聘")
    CIVIL_EXAM = ("civil_exam", "考录")
    SELECTION = ("selection", "选调")
    TRANSFER = ("transfer", "调任")
    MILITARY = ("military", "军转安置")
    OTHER = ("other", "其他")


class Education(Labelled):
    DOCTOR = ("doctor", "博士研究生")
    MASTER = ("master", "硕士研究生")
    BACHELOR = ("bachelor", "大学本科")
    COLLEGE = ("college", "大学专科")
    SECONDARY = ("secondary", "中专")
    HIGH_SCHOOL = ("high_school", "高中")
    OTHER = ("other", "其他")


class PoliticalStatus(Labelled):
    CPC = ("cpc", "中共党员")
    CPC_PROBATIONARY = ("cpc_probationary", "中共预备党员")
    CYL = ("cyl", "共青团员")
    DEMOCRATIC = ("democratic", "民主党派")
    NONE = ("none", "群众")
