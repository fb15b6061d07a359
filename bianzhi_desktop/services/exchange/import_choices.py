"""The questions an import asks once for the whole batch, and its problems grouped for showing.

A county's first roster seldom carries 入编文号 or the women's original retirement category: the
clerk answers once (the basis the batch is recorded against, the default category) instead of
retyping thousands of cells. The console takes the same answers as options; unanswered, the defaults
below apply and are reported as assumptions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from bianzhi_desktop.domain.enums import Funding, RetirementCategory
from bianzhi_desktop.services.exchange.common import Problem


def default_basis_title(today: dt.date | None = None) -> str:
    """“实名制信息初始化（2026年12月）”: the basis of enrollments imported without 入编文号."""
    day = today or dt.date.today()
    return f"实名制信息初始化（{day.year}年{day.month}月）"


@dataclass(frozen=True)
class BatchChoices:
    """Answers that hold for every row of one import."""

    basis_title: str = ""  # "" → default_basis_title()
    # a woman's original retirement category when the row has none: None → 工勤编制 50, others 55
    female_retirement: RetirementCategory | None = None
    create_divisions: bool = True  # a division the unit lacks: created (True) or left empty (False)
    # 事业编制 that neither the row nor the unit qualifies: None → an error on the row
    pi_funding: Funding | None = None

    def basis(self) -> str:
        return self.basis_title.strip() or default_basis_title()


@dataclass
class ProblemGroup:
    """Problems of one kind: shown as one line with their count and rows."""

    is_error: bool
    text: str
    sheet: str = ""
    rows: list[int] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.rows)

    def rows_text(self, limit: int = 12) -> str:
        """“第3、5、9行” (the first few, then “等”)."""
        shown = "、".join(str(row) for row in self.rows[:limit])
        return f"第{shown}行" + ("等" if len(self.rows) > limit else "")

    def line(self, show_sheet: bool = True) -> str:
        """“24行：…（第3、5、9行）”, after the sheet's name when the file has several."""
        where = f"[{self.sheet}] " if self.sheet and show_sheet else ""
        return f"{where}{self.count}行：{self.text}（{self.rows_text()}）"


def group_problems(problems: Iterable[Problem]) -> list[ProblemGroup]:
    """Errors first, then warnings; each group in the order of its first row; a problem without a
    group of its own goes with those of the same field and message."""
    groups: dict[tuple[bool, str, str], ProblemGroup] = {}
    for problem in problems:
        text = problem.group or ((f"{problem.header}：" if problem.header else "") + problem.message)
        key = (problem.is_error, problem.sheet, text)
        found = groups.get(key)
        if found is None:
            found = groups[key] = ProblemGroup(problem.is_error, text, problem.sheet)
        if not found.rows or found.rows[-1] != problem.row:
            found.rows.append(problem.row)
    return sorted(groups.values(), key=lambda g: (not g.is_error, g.rows[0] if g.rows else 0))
