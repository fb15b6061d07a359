"""Document numbers (文号): issuer prefix, full year in 〔〕, sequence without leading zeros or 第."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.limits import MAX_DOCUMENT_SEQ, check_length
from bianzhi_desktop.domain.textnorm import to_halfwidth

_PATTERN = re.compile(r"^(?P<prefix>.+?)[〔\[［(（](?P<year>\d{4})[〕\]］)）]第?(?P<seq>\d+)号$")


@dataclass(frozen=True)
class DocNumber:
    prefix: str
    year: int
    seq: int

    def __str__(self) -> str:
        return format_doc_number(self.prefix, self.year, self.seq)


def format_doc_number(prefix: str, year: int, seq: int) -> str:
    return f"{prefix}〔{year}〕{seq}号"


def parse_doc_number(text: str) -> DocNumber | None:
    """Read `X编办发〔2026〕12号` (also with [] or () brackets, 第, leading zeros); None if not that shape."""
    cleaned = to_halfwidth(text).strip().replace(" ", "")
    match = _PATTERN.match(cleaned)
    if not match:
        return None
    if len(match["seq"]) > len(str(MAX_DOCUMENT_SEQ)):  # a run of digits no office numbers up to
        return None
    seq = int(match["seq"])
    if seq <= 0 or seq > MAX_DOCUMENT_SEQ:
        return None
    return DocNumber(match["prefix"], int(match["year"]), seq)


def canonical_doc_number(text: str) -> str:
    """The stored form: standard brackets and no leading zeros when the number has the usual shape,
    otherwise the text as typed (trimmed). An empty number is refused."""
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError("文号", "不能为空，每个数字都必须有据可查")
    parsed = parse_doc_number(cleaned)
    return check_length("文号", str(parsed) if parsed else cleaned)
