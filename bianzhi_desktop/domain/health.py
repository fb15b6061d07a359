"""The health check (体检) in domain terms: finding codes, how serious each is, the states of the
rectification ledger (整改台账), and the date arithmetic the checks need."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from bianzhi_desktop.domain.enums import Labelled, RetirementCategory
from bianzhi_desktop.domain.retirement import add_months, statutory_retirement_date


class Severity(StrEnum):
    """PROBLEM breaks a rule and must be rectified; WARNING needs a look and may be rectified;
    NOTICE is for planning only and is not tracked on the rectification ledger."""

    PROBLEM = "problem"
    WARNING = "warning"
    NOTICE = "notice"

    @property
    def label(self) -> str:
        return {"problem": "问题", "warning": "提示", "notice": "预告"}[self.value]


class FindingCode(Labelled):
    """The checks of DOMAIN.md, in the order the office reads them."""

    OVER_QUOTA = ("over_quota", "超编")
    OVER_LEADER_POSTS = ("over_leader_posts", "超职数")
    MULTIPLE_ENROLLMENT = ("multiple_enrollment", "一人多编")
    INVALID_ID = ("invalid_id", "身份证号有误")
    DUPLICATE_PERSON = ("duplicate_person", "疑似重复人员")
    PAST_RETIREMENT = ("past_retirement", "到龄未出编")
    RETIRING_SOON = ("retiring_soon", "即将到龄")
    EXPIRED_RESERVATION = ("expired_reservation", "用编计划过期未核销")
    OVERDUE_REMOVAL = ("overdue_removal", "出编逾期")
    OVER_UNIT_CAP = ("over_unit_cap", "超机构限额")
    NO_CHARTER = ("no_charter", "无三定规定")
    ABOLISHED_UNIT_QUOTA = ("abolished_unit_quota", "撤销机构编制未收回")
    DORMANT_VACANCY = ("dormant_vacancy", "沉睡编制")
    DOC_NUMBER_AHEAD = ("doc_number_ahead", "文号超前")
    AUDIT_CHAIN_BROKEN = ("audit_chain_broken", "审计记录被篡改")

    @property
    def severity(self) -> Severity:
        return _SEVERITY.get(self.value, Severity.PROBLEM)

    @property
    def tracked(self) -> bool:
        """Whether findings of this code go on the rectification ledger."""
        return self.severity is not Severity.NOTICE


# Same name and birth date is a warning (DOMAIN.md); a long-unused vacancy is for the office to weigh;
# people due to retire are planning information, not a breach.
_SEVERITY = {
    "duplicate_person": Severity.WARNING,
    "dormant_vacancy": Severity.WARNING,
    "doc_number_ahead": Severity.WARNING,
    "retiring_soon": Severity.NOTICE,
}


class FindingState(Labelled):
    """整改台账: found → rectifying → closed (销号); a closed finding that reappears is found again."""

    FOUND = ("found", "待整改")
    RECTIFYING = ("rectifying", "整改中")
    CLOSED = ("closed", "已销号")


def latest_birth_retired_by(day: dt.date, category: RetirementCategory) -> dt.date:
    """The latest birth date of someone of ``category`` who has reached the statutory retirement age
    on ``day``. The retirement date grows with the birth date, so ``birth <= result`` is exactly
    ``statutory_retirement_date(birth) <= day``; the checks use it as a plain date comparison in SQL."""
    low = dt.date(day.year - 80, 1, 1)  # surely retired
    high = day  # born today: surely not
    if statutory_retirement_date(low, category) > day:
        return low - dt.timedelta(days=1)
    while (high - low).days > 1:
        middle = low + (high - low) / 2
        if statutory_retirement_date(middle, category) <= day:
            low = middle
        else:
            high = middle
    return low


def add_working_days(day: dt.date, count: int) -> dt.date:
    """``day`` moved forward by ``count`` working days, Monday to Friday. Public holidays are not known
    to the program: a holiday inside the period makes the deadline fall that many days early."""
    current = day
    remaining = count
    while remaining > 0:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            remaining -= 1
    return current


def months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months from ``start`` to ``end`` (0 when ``end`` is before ``start``)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if months > 0 and add_months(start, months) > end:
        months -= 1
    return max(0, months)
