"""Phrases of the paperwork as an office writes them: kinds inside brackets without nested brackets,
"行政编制情况" rather than "行政编制编制情况", "马波1人" / "马波等3人", a division and a post joined
as "在执法监察大队工作，任四级主任科员", the way a person came without a second 经."""

from __future__ import annotations

import re

_QUALIFIED = re.compile(r"^(?P<base>[^（）]+)（(?P<qualifier>[^（）]+)）$")


def kind_phrase(kind_name: str) -> str:
    """A quota kind without brackets, to sit inside brackets or before 情况:
    事业编制（全额拨款） → 全额拨款事业编制; 事业编制（参照公务员法管理） → 参照公务员法管理事业编制."""
    match = _QUALIFIED.match(kind_name.strip())
    if match is None:
        return kind_name.strip()
    return f"{match['qualifier']}{match['base']}"


def kind_with_funding(kind_name: str, funding: str) -> str:
    """事业编制 with the unit's funding: 事业编制（全额拨款）. A kind that names its own qualifier
    (事业编制（参照公务员法管理）) or is not a 事业 kind (行政编制) is left as it is."""
    if funding and kind_name.strip() == "事业编制":
        return f"事业编制（{funding}）"
    return kind_name


def kind_situation(kind_name: str) -> str:
    """The caption of a kind's figures: 行政编制情况, 全额拨款事业编制情况 (编制 said once)."""
    phrase = kind_phrase(kind_name)
    return f"{phrase}情况" if phrase.endswith("编制") else f"{phrase}编制情况"


def people_count(names: list[str], count: int) -> str:
    """马波1人, 马波等3人, or 3人 when no name is known."""
    named = [name for name in names if name]
    if not named:
        return f"{count}人"
    return f"{named[0]}{count}人" if count == 1 else f"{named[0]}等{count}人"


def post_phrase(division: str, post: str) -> str:
    """ "，在执法监察大队工作，任四级主任科员"; either part may be missing (then it is left out)."""
    parts = []
    if division:
        parts.append(f"在{division}工作")
    if post:
        parts.append(f"任{post}")
    return "".join(f"，{part}" for part in parts)


def method_phrase(method: str) -> str:
    """How a person came, for "…以公开招聘方式入编" (the sentence already opens with 经审核)."""
    method = method.strip()
    if not method or method == "其他":
        return ""
    return f"以{method}方式"


def removal_cause(reason: str) -> str:
    """ "因退休，" before 同意…; nothing for 其他 (an office does not write 因其他)."""
    reason = reason.strip()
    return "" if not reason or reason == "其他" else f"因{reason}，"


def nested_brackets(text: str) -> bool:
    """True when a full-width bracket opens inside another (what the paperwork must never print)."""
    depth = 0
    for char in text:
        if char == "（":
            depth += 1
            if depth > 1:
                return True
        elif char == "）":
            depth = max(0, depth - 1)
    return False
