"""How long a text may be and how large a number, the same on SQLite and PostgreSQL.

The validators check these, so a dry run refuses what the real run would (SQLite stores any length and
any 64-bit number; PostgreSQL refuses past the column's size). The database columns are at least this
large (persistence/models.py); `persistence` also stops anything longer at flush, as a last guard.
"""

from __future__ import annotations

from bianzhi_desktop.domain.errors import ValidationError

TEXT_LIMITS = {
    "文号": 128,
    "文件标题": 256,
    "发文机关": 128,
    "事由": 256,
    "岗位/职务": 64,
    "民族": 16,
    "机构名称": 128,
    "规范简称": 64,
    "牌子名称": 128,
    "内设机构名称": 128,
}
MAX_DOCUMENT_SEQ = 999_999  # a sequence number of a document; more is a typing error, kept as text


def check_length(field: str, text: str) -> str:
    """The text, or a ValidationError naming the field, its length and the limit."""
    limit = TEXT_LIMITS[field]
    if len(text) > limit:
        raise ValidationError(field, f"过长（{len(text)}个字符，最多{limit}个）：“{text[:20]}…”")
    return text
