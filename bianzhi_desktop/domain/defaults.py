"""Seed values: the usual quota kinds and the office settings with their defaults."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class QuotaKindSeed:
    code: str
    name: str
    parent: str | None = None


DEFAULT_QUOTA_KINDS: tuple[QuotaKindSeed, ...] = (
    QuotaKindSeed("admin", "行政编制"),
    QuotaKindSeed("politics_law", "政法专项编制", parent="admin"),
    QuotaKindSeed("pi_civil", "事业编制（参照公务员法管理）"),
    QuotaKindSeed("pi_full", "事业编制（全额拨款）"),
    QuotaKindSeed("pi_partial", "事业编制（差额拨款）"),
    QuotaKindSeed("pi_self", "事业编制（自收自支）"),
    QuotaKindSeed("worker", "工勤编制"),
    QuotaKindSeed("retiree_service", "离退休干部工作人员编制"),
)


class SettingKey:
    COUNTY_NAME = "county_name"
    OFFICE_NAME = "office_name"
    DOC_PREFIX = "doc_prefix"
    INITIALISATION = "initialisation_mode"
    INSTITUTION_CAP = "institution_cap"
    ALLOW_SELF_APPROVAL = "allow_self_approval"
    REMOVAL_LIMIT_DAYS = "removal_limit_working_days"
    ENROLLMENT_LIMIT_DAYS = "enrollment_limit_working_days"
    RETIRING_SOON_MONTHS = "retiring_soon_months"  # health check: due to retire within N months
    DORMANT_VACANCY_MONTHS = "dormant_vacancy_months"  # health check: vacancy unused for N months
    LIVE_SINCE = "live_since"  # when initialisation was last closed (ISO date and time), "" before
    REOPENED_REASON = "initialisation_reopened_reason"  # why it was reopened after going live, "" else
    SELF_APPROVAL_REASON = "self_approval_reason"  # why the small-office relaxation is on


SETTING_DEFAULTS: dict[str, str] = {
    SettingKey.INITIALISATION: "1",
    SettingKey.INSTITUTION_CAP: "0",
    SettingKey.ALLOW_SELF_APPROVAL: "0",
    SettingKey.REMOVAL_LIMIT_DAYS: "15",
    SettingKey.ENROLLMENT_LIMIT_DAYS: "30",
    SettingKey.RETIRING_SOON_MONTHS: "6",
    SettingKey.DORMANT_VACANCY_MONTHS: "24",
}
