"""Notices (通知单) as records: their own serial numbers, and each notice's own figures.

A batch of notices of one approval is numbered per kind of notice in its own series (用编核准通知单
云编核〔2026〕3号, 入编通知单 云编入〔2026〕17号, 出编通知单 云编出〔2026〕5号), separate from the decision's 文号.
Each notice shows the figures before and after its own line, in the order the lines were applied:
the third of three people enrolled into a unit on one day shows 在编 +2 → +3, not the whole batch.
"""

from __future__ import annotations

SERIES_MARK = {"hiring": "核", "enrollment": "入", "removal": "出"}


def notice_prefix(doc_prefix: str, kind: str) -> str:
    """The series of a kind of notice, from the office's document prefix: 云编办发 → 云编入 (入编通知单)."""
    base = doc_prefix[:-2] if doc_prefix.endswith("办发") and len(doc_prefix) > 2 else doc_prefix
    return base + SERIES_MARK[kind]
