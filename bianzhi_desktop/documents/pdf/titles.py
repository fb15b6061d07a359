"""Breaking a document title into lines (GB/T 9704: 标题回行时要做到词意完整，排列对称).

A title never breaks inside a protected phrase (a unit's or a person's name the caller names, a
document number such as 云编办发〔2026〕12号, a bracketed part, a run of digits or Latin letters);
breaks after 关于, around 、 and before 的批复 read best. Among the breaks that fit, the one with
the fewest lines wins, then the one that prefers good break points and balances the lines.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

DOC_NUMBER = re.compile(r"[\u4e00-\u9fffA-Za-z]*〔\d{4}〕\d+号")
BRACKETED = re.compile(r"（[^（）]*）|《[^《》]*》|“[^“”]*”")
WORD = re.compile(r"[0-9A-Za-z.%]+")
GOOD_AFTER = ("关于", "、", "，", "）", "和", "及", "与")
GOOD_BEFORE = ("的批复", "的通知", "的决定", "的函", "的意见", "（", "等")
NO_START = set("，。、；：？！）》」』”’〕】…—％·")
NO_END = set("（《「『“‘〔【")


def _forbidden(title: str, keep: Sequence[str]) -> set[int]:
    """Positions i (break between title[i-1] and title[i]) that fall inside a protected phrase."""
    spans: list[tuple[int, int]] = []
    for phrase in keep:
        if len(phrase) < 2:
            continue
        start = title.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = title.find(phrase, start + 1)
    for pattern in (DOC_NUMBER, WORD):
        spans += [(match.start(), match.end()) for match in pattern.finditer(title)]
    spans += [
        (match.start(), match.end())
        for match in BRACKETED.finditer(title)
        if match.end() - match.start() <= 12
    ]
    blocked = {i for start, end in spans for i in range(start + 1, end)}
    blocked |= {i for i in range(1, len(title)) if title[i] in NO_START or title[i - 1] in NO_END}
    return blocked


def _quality(title: str, i: int) -> int:
    """0 for a good break point, 1 otherwise."""
    if any(title[:i].endswith(word) for word in GOOD_AFTER) or any(
        title[i:].startswith(word) for word in GOOD_BEFORE
    ):
        return 0
    return 1


def break_title(
    title: str, width_of: Callable[[str], float], max_width: float, keep: Sequence[str] = ()
) -> list[str]:
    """Lines of the title, each no wider than `max_width` (in the units of `width_of`)."""
    if width_of(title) <= max_width or len(title) < 2:
        return [title]
    blocked = _forbidden(title, keep)
    allowed = [i for i in range(1, len(title)) if i not in blocked]
    if not allowed:
        return [title]
    for count in range(2, 5):
        best: tuple[float, list[str]] | None = None
        for cuts in itertools.combinations(allowed, count - 1):
            bounds = (0, *cuts, len(title))
            lines = [title[a:b] for a, b in itertools.pairwise(bounds)]
            widths = [width_of(line) for line in lines]
            if max(widths) > max_width:
                continue
            # Prefer good break points, then balanced lines (a title is set as a trapezium or lozenge).
            score = sum(_quality(title, cut) for cut in cuts) * max_width * 0.25 + (max(widths) - min(widths))
            if best is None or score < best[0]:
                best = (score, lines)
        if best is not None:
            return best[1]
    # Nothing fits even in four lines without breaking a protected phrase: break anywhere allowed.
    lines, start = [], 0
    for i in range(1, len(title) + 1):
        if i == len(title) or (width_of(title[start : i + 1]) > max_width and i in allowed):
            lines.append(title[start:i])
            start = i
    return lines
