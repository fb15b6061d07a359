"""Recognising the sheets of a unit ledger as offices keep them.

Besides the three-sheet layout the program exports (机构 / 编制台账 / 领导职数台账, one kind of line per
sheet), offices keep:
- one sheet, one row per unit (or per unit and kind): the unit's 机构类别, 机构规格, 经费形式 beside its
  编制类型, 核定编制数, 批准文号 and 批准日期. The sheet is read twice: units from it, then their quota
  lines from the same rows;
- the same with the kinds side by side in columns (行政编制 | 事业编制 | 工勤编制), one line per filled cell;
- one sheet per unit, the unit named in the title lines (“清河县教育局编制台账”) and no unit column.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bianzhi_desktop.documents.excel.headers import FieldSpec, HeaderMatch, find_header, normalise_header
from bianzhi_desktop.documents.excel.layouts import DIVISION_FIELDS, LEADER_FIELDS, QUOTA_FIELDS, UNIT_FIELDS
from bianzhi_desktop.documents.excel.reader import SheetData
from bianzhi_desktop.domain.onboarding import is_unqualified_pi_kind
from bianzhi_desktop.services.exchange.common import Lookups

LAYOUTS: dict[str, tuple[FieldSpec, ...]] = {
    "units": UNIT_FIELDS,
    "divisions": DIVISION_FIELDS,
    "quota": QUOTA_FIELDS,
    "leaders": LEADER_FIELDS,
}
LAYOUT_NAMES = {"units": "机构", "divisions": "内设机构", "quota": "编制台账", "leaders": "领导职数台账"}
# the fields a row of kinds side by side still needs (kind and figure come from the kind columns)
_WIDE_NEEDS = ("unit", "effective_on", "document_number")


@dataclass
class LedgerPart:
    """One kind of line read from one sheet (a one-sheet ledger gives a units part and a quota part)."""

    kind: str  # "units", "divisions", "quota", "leaders"
    sheet: SheetData
    match: HeaderMatch
    wide: dict[int, str] = field(default_factory=dict)  # column → quota kind named by its header
    unit_from_title: bool = False  # no unit column: the unit is named in the sheet's title lines
    funding_column: int | None = None  # 经费形式 of the row (qualifies a plain 事业编制)
    combined: bool = False  # the sheet also gives the units: rows repeat a unit once per kind


def wide_kind_columns(match: HeaderMatch, lookups: Lookups) -> dict[int, str]:
    """Columns whose header is a quota kind (行政编制, 事业编制, 工勤编制 …), other than the fields'."""
    used = set(match.columns.values())
    found: dict[int, str] = {}
    for index, text in enumerate(match.headers):
        if not text or index in used:
            continue
        name = normalise_header(text)
        if is_unqualified_pi_kind(name) or (name.endswith("编制") and len(lookups.kinds.find(name)) == 1):
            found[index] = name
    return found


def classify(sheet: SheetData, lookups: Lookups) -> list[LedgerPart]:
    """The parts a sheet holds; [] when it is none of the ledger's sheets."""
    units = find_header(sheet, UNIT_FIELDS)
    quota = find_header(sheet, QUOTA_FIELDS)
    funding = units.columns.get("funding")
    if not units.missing:
        wide = wide_kind_columns(quota, lookups)
        if wide and all(key in quota.columns for key in _WIDE_NEEDS):
            return [
                LedgerPart("units", sheet, units, combined=True),
                LedgerPart("quota", sheet, quota, wide=wide, funding_column=funding, combined=True),
            ]
        if not quota.missing and quota.columns.get("unit") == units.columns.get("name"):
            return [
                LedgerPart("units", sheet, units, combined=True),
                LedgerPart("quota", sheet, quota, funding_column=funding, combined=True),
            ]
    best: tuple[int, str, HeaderMatch] | None = None
    for name, fields in LAYOUTS.items():
        match = quota if name == "quota" else units if name == "units" else find_header(sheet, fields)
        if match.missing:
            continue
        score = len(match.columns)
        if best is None or score > best[0]:
            best = (score, name, match)
    if best is not None:
        return [LedgerPart(best[1], sheet, best[2], funding_column=funding if best[1] == "quota" else None)]
    # one sheet per unit: the quota lines without a unit column
    if [spec.key for spec in quota.missing] == ["unit"]:
        return [LedgerPart("quota", sheet, quota, unit_from_title=True)]
    wide = wide_kind_columns(quota, lookups)
    missing = {spec.key for spec in quota.missing} - {"kind", "delta"}
    if wide and missing <= {"unit"}:
        return [LedgerPart("quota", sheet, quota, wide=wide, unit_from_title="unit" in missing)]
    return []


def near_miss(sheet: SheetData) -> str:
    """Why a sheet that looks like one of the ledger's is not read: the layout whose headers it names
    most, and the required columns it lacks (“”: it looks like none)."""
    best: tuple[int, str, HeaderMatch] | None = None
    for name, fields in LAYOUTS.items():
        match = find_header(sheet, fields)
        found = len([spec for spec in fields if spec.required and spec.key in match.columns])
        if found and (best is None or found > best[0]):
            best = (found, name, match)
    if best is None or best[0] < 2:
        return ""
    missing = "、".join(
        f"“{spec.header}”" + (f"（也可写作：{'、'.join(spec.synonyms[:3])}）" if spec.synonyms else "")
        for spec in best[2].missing
    )
    return f"像是{LAYOUT_NAMES[best[1]]}，但找不到{missing}列"
