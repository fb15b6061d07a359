"""A unit (机构) as it is entered — by a form, an import or a matter — and the rules every path checks.

One input type for all paths (`UnitInput`), and one home for each rule about a unit's own fields: a
name is required, and a 事业单位 (public institution) must say how it is funded (经费形式).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from bianzhi_desktop.domain.enums import Funding, Rank, UnitCategory, UnitSystem
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.domain.textnorm import clean_cell_text

FUNDING_REQUIRED = "事业单位必须选择经费形式（全额拨款、差额拨款或自收自支）"


def funding_problem(category: UnitCategory | str, funding: Funding | str | None) -> str | None:
    """Why this category and funding do not go together, or None: a 事业单位 needs a funding form."""
    if UnitCategory(category).is_public_institution and not funding:
        return FUNDING_REQUIRED
    return None


def require_funding(category: UnitCategory | str, funding: Funding | str | None) -> None:
    problem = funding_problem(category, funding)
    if problem:
        raise ValidationError("经费形式", problem)


@dataclass(frozen=True)
class UnitInput:
    """A unit as entered: the fields a clerk gives for a new unit or a change of one."""

    name: str
    category: UnitCategory
    rank: Rank
    system: UnitSystem
    short_name: str = ""
    funding: Funding | None = None
    supervisor_id: int | None = None
    credit_code: str | None = None
    founded_on: dt.date | None = None
    position: int = 0

    def __post_init__(self) -> None:
        if not clean_cell_text(self.name):
            raise ValidationError("机构名称", "不能为空")
        require_funding(self.category, self.funding)
