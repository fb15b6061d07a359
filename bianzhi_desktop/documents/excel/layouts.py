"""The layouts the program reads and writes: the fields of a roster (花名册) and of the ledgers (台账),
with the header each is exported under and the other names offices give it.

Exports use the first name of each field, so an exported workbook reads back without a mapping step.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from bianzhi_desktop.documents.excel.headers import FieldSpec
from bianzhi_desktop.domain.enums import Labelled
from bianzhi_desktop.domain.textnorm import strip_spaces, to_halfwidth

ROSTER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "姓名", ("人员姓名", "名字"), required=True),
    FieldSpec("sex", "性别"),
    FieldSpec(
        "id_number",
        "公民身份号码",
        ("身份证号", "身份证号码", "身份证", "证件号码", "身份证件号码", "公民身份证号码"),
        required=True,
    ),
    FieldSpec("birth_date", "出生日期", ("出生年月", "出生时间", "出生年月日")),
    FieldSpec("ethnicity", "民族"),
    FieldSpec("education", "学历", ("文化程度", "最高学历", "学历学位")),
    FieldSpec("political_status", "政治面貌"),
    FieldSpec("retirement_category", "退休类别", ("法定退休年龄类别", "原退休年龄", "退休年龄类别")),
    FieldSpec(
        "unit",
        "单位",
        ("单位名称", "所在单位", "工作单位", "机构名称", "所在单位名称", "单位全称"),
        required=True,
    ),
    FieldSpec(
        "division",
        "内设机构",
        ("内设机构名称", "科室", "所在科室", "处室", "股室", "所在内设机构", "所在机构", "所在部门"),
    ),
    FieldSpec(
        "kind",
        "编制类型",
        ("编制性质", "人员编制类别", "编制类别", "编制种类", "占编类型", "使用编制类型"),
        required=True,
    ),
    FieldSpec("post_title", "职务", ("现任职务", "岗位", "职务名称", "现职务")),
    FieldSpec("leader_tier", "领导职数层级", ("职数层级", "领导职务层级", "领导层级")),
    FieldSpec("leader_rank", "领导职数职级", ("职数职级", "领导职务职级", "领导职级", "领导职务级别")),
    FieldSpec("counts_against_posts", "是否占职数", ("占职数", "占用职数")),
    # 入编时间 may be absent when 进入时间 or 参加工作时间 stands in for it (checked by the importer)
    FieldSpec("start_on", "入编时间", ("进编时间", "入编日期", "进编日期", "入编年月")),
    # historic rosters seldom carry it: the import then records one basis for the batch
    FieldSpec(
        "document_number",
        "入编文号",
        ("入编通知单号", "进编文号", "入编依据", "入编通知单编号", "依据文号", "文号"),
    ),
)
# Columns an import also reads (the provincial template's and offices' own), which exports do not write.
ROSTER_EXTRA_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("funding", "编制经费形式", ("经费形式", "经费来源", "经费渠道")),
    FieldSpec("entry_on", "进入时间", ("进入本单位时间", "调入时间", "进入单位时间")),
    FieldSpec("work_start", "参加工作时间", ("参加工作日期", "参工时间")),
    FieldSpec("person_class", "人员分类", ("人员类别",)),
    FieldSpec("control_number", "控编单编号", ("控编单号", "用编通知单号", "用编核准通知单号")),
)
ROSTER_IMPORT_FIELDS = ROSTER_FIELDS + ROSTER_EXTRA_FIELDS
# fields that stand in for 入编时间 when it is empty, in order
START_FALLBACKS = ("entry_on", "work_start")

UNIT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "机构名称", ("单位名称", "机构全称", "单位全称", "单位"), required=True),
    FieldSpec("short_name", "规范简称", ("简称", "机构简称")),
    FieldSpec("category", "机构类别", ("单位类别", "类别", "机构性质"), required=True),
    FieldSpec("rank", "机构规格", ("规格", "级别", "机构级别"), required=True),
    FieldSpec("system", "所属系统", ("系统", "系统类别")),
    FieldSpec("funding", "经费形式", ("经费来源", "经费", "经费方式")),
    FieldSpec("supervisor", "主管部门", ("主管单位", "举办单位", "隶属单位")),
    FieldSpec("credit_code", "统一社会信用代码", ("信用代码", "社会信用代码")),
    FieldSpec("founded_on", "成立日期", ("成立时间", "设立时间", "设立日期")),
)

DIVISION_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("unit", "所属单位", ("单位", "单位名称", "机构名称"), required=True),
    FieldSpec("name", "内设机构名称", ("内设机构", "科室名称", "股室名称"), required=True),
    FieldSpec("duties", "主要职责", ("职责",)),
)

QUOTA_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("unit", "单位", ("单位名称", "机构名称"), required=True),
    FieldSpec("kind", "编制类型", ("编制性质", "编制类别", "编制种类"), required=True),
    FieldSpec(
        "delta",
        "核定数（增减）",
        ("核定数", "编制数", "增减数", "核定编制数", "增减", "核定编制", "编制数额"),
        required=True,
    ),
    FieldSpec(
        "effective_on", "生效日期", ("核定日期", "批复日期", "日期", "批准日期", "批准时间"), required=True
    ),
    FieldSpec("document_number", "依据文号", ("文号", "批复文号", "批准文号", "核定文号"), required=True),
    FieldSpec("document_title", "文件标题", ("文件名称", "批复名称", "依据文件")),
    FieldSpec("reason", "事由", ("摘要", "说明", "备注")),
)

LEADER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("unit", "单位", ("单位名称", "机构名称"), required=True),
    FieldSpec("tier", "职数层级", ("层级", "领导职数层级", "领导职务层级"), required=True),
    FieldSpec("rank", "职级", ("领导职级", "职务级别"), required=True),
    FieldSpec("delta", "职数（增减）", ("职数", "核定职数", "领导职数", "增减数"), required=True),
    FieldSpec("effective_on", "生效日期", ("核定日期", "批复日期", "日期"), required=True),
    FieldSpec("document_number", "依据文号", ("文号", "批复文号"), required=True),
    FieldSpec("document_title", "文件标题", ("文件名称", "批复名称", "依据文件")),
    FieldSpec("reason", "事由", ("摘要", "说明", "备注")),
)

E = TypeVar("E", bound=Labelled)

# Sheet names of an exported ledger workbook (an import recognises sheets by their headers, not names).
UNIT_SHEET, DIVISION_SHEET, QUOTA_SHEET, LEADER_SHEET = "机构", "内设机构", "编制台账", "领导职数台账"


def headers(fields: Iterable[FieldSpec]) -> list[str]:
    return [spec.header for spec in fields]


def _key(text: str) -> str:
    return strip_spaces(to_halfwidth(text, punctuation=True)).replace("(", "（").replace(")", "）")


def pick(enum: type[E], raw: str, aliases: dict[str, E] | None = None) -> E | None:
    """The member a cell names: its label or code exactly, an alias, then the one member whose label
    starts with the text or is contained in it (“正科” → 正科级, “公益一类” → 事业单位（公益一类）)."""
    text = _key(raw)
    if not text:
        return None
    for member in enum:
        if _key(member.label) == text or member.value == text.lower():
            return member
    if aliases and text in aliases:
        return aliases[text]
    candidates = [m for m in enum if _key(m.label).startswith(text) or text in _key(m.label)]
    if len(candidates) == 1:
        return candidates[0]
    inside = [m for m in enum if _key(m.label) in text]
    return max(inside, key=lambda m: len(m.label)) if inside else None
