"""Before a document is drawn: every character of its text must have a glyph in some font of this
machine, else the document is refused with the characters named and where they are (never a box)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator

from bianzhi_desktop.documents.pdf.fonts import FontSet

# What the clerk calls the fields of the inputs.
FIELD_LABELS = {
    "name": "姓名",
    "unit_name": "单位名称",
    "office_name": "发文机关",
    "kind_name": "编制类型",
    "funding": "经费形式",
    "division": "内设机构",
    "post_title": "职务",
    "post": "职务",
    "method": "补充方式",
    "reason": "出编原因",
    "basis": "依据",
    "handler": "经办人",
    "signer": "签发人",
    "serial": "编号",
    "ethnicity": "民族",
    "education": "学历",
    "political_status": "政治面貌",
    "id_number": "身份证号",
    "issuer_mark": "发文机关标志",
    "doc_number": "文号",
    "title": "标题",
    "addressee": "主送机关",
    "paragraphs": "正文",
    "text": "",
    "signature": "署名",
    "copies_to": "抄送",
    "printed_by": "印发机关",
    "short_name": "规范简称",
    "other_names": "加挂牌子",
    "category": "机构类别",
    "rank": "机构规格",
    "system": "所属系统",
    "supervisor": "主管部门",
    "credit_code": "统一社会信用代码",
    "charter_number": "三定规定文号",
    "duties": "主要职责",
    "divisions": "内设机构",
    "quotas": "编制",
    "leader_posts": "领导职数",
    "tier": "层级",
    "groups": "人员",
    "entries": "",
    "person": "",
    "header": "",
    "offset": "",
    "kinds": "编制",
}


def texts_of(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) for every string inside a document's input (dataclasses, tuples, lists)."""
    if isinstance(value, str):
        if value:
            yield where, value
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            label = FIELD_LABELS.get(field.name, field.name)
            yield from texts_of(getattr(value, field.name), f"{where}{label}" if label else where)
    elif isinstance(value, tuple | list):
        for index, item in enumerate(value, 1):
            yield from texts_of(item, f"{where}第{index}项" if len(value) > 1 else where)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _strings(value: object, out: list[str]) -> None:
    """Every string inside a document's input, without saying where (the quick first pass)."""
    if isinstance(value, str):
        out.append(value)
    elif isinstance(value, tuple | list):
        for item in value:
            _strings(item, out)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.get(type(value))
        if names is None:
            names = _FIELD_NAMES[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        for name in names:
            _strings(getattr(value, name), out)


def check_printable(font_set: FontSet, documents: Iterable[tuple[str, object]], title: str = "文书") -> None:
    """Raise UnprintableText unless every character of every (document name, input) can be drawn."""
    documents = list(documents)
    strings: list[str] = []
    for _name, data in documents:
        _strings(data, strings)
    if not font_set.missing("".join(strings)):
        return
    font_set.check_text(
        (
            ((f"{name}的{where}" if where else name), text)
            for name, data in documents
            for where, text in texts_of(data)
        ),
        title,
    )
