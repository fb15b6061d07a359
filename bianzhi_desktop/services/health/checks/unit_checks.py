"""Checks on the institutions: the Party/government institution count against the cap (机构限额) and
units with no charter (三定规定) in force."""

from __future__ import annotations

from sqlalchemy import select

from bianzhi_desktop.domain.defaults import SettingKey
from bianzhi_desktop.domain.enums import CAPPED_CATEGORIES, UnitCategory
from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.persistence.models import Charter
from bianzhi_desktop.services.health.checks.base import CheckContext, HealthFinding, ids

# Coordinating bodies (议事协调机构) have no staff and no charter of their own.
_WITHOUT_CHARTER = frozenset({UnitCategory.COORDINATING.value})


def over_unit_cap(ctx: CheckContext) -> list[HealthFinding]:
    cap = ctx.setting_int(SettingKey.INSTITUTION_CAP)
    if cap <= 0:  # no cap configured
        return []
    capped = {category.value for category in CAPPED_CATEGORIES}
    counted = [
        row for unit_id, row in ctx.units.items() if row.category in capped and ctx.unit_active(unit_id)
    ]
    if len(counted) <= cap:
        return []
    labels = "、".join(UnitCategory(value).label for value in sorted(capped))
    return [
        HealthFinding(
            FindingCode.OVER_UNIT_CAP,
            "county",
            None,
            "",
            f"党政机构（{labels}）{len(counted)}个，超过机构限额{cap}个{len(counted) - cap}个",
            {"count": len(counted), "cap": cap, "over": len(counted) - cap},
            {"unit": ids(row.id for row in counted)},
        )
    ]


def no_charter(ctx: CheckContext) -> list[HealthFinding]:
    chartered = set(ctx.session.scalars(select(Charter.unit_id).where(Charter.effective_on <= ctx.day)))
    findings = []
    for unit_id, row in sorted(ctx.units.items(), key=lambda item: (item[1].position, item[0])):
        if unit_id in chartered or row.category in _WITHOUT_CHARTER or not ctx.unit_active(unit_id):
            continue
        findings.append(
            HealthFinding(
                FindingCode.NO_CHARTER,
                f"unit:{unit_id}",
                unit_id,
                row.name,
                f"{row.name}（{UnitCategory(row.category).label}）没有生效的三定规定",
                {"category": UnitCategory(row.category).label},
                {"unit": (unit_id,)},
            )
        )
    return findings
