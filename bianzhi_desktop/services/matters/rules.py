"""The rules an approved matter must pass beyond the ledger's own invariants.

Late removals block new hiring plans; the Party/government institution cap (机构限额); enrollments
without a hiring plan need a vacancy; reductions may not leave a unit short of quota.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import and_, or_, select

from bianzhi_desktop.domain.enums import CAPPED_CATEGORIES, RetirementCategory, UnitCategory
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.health import add_working_days, latest_birth_retired_by
from bianzhi_desktop.domain.retirement import statutory_retirement_date
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Enrollment, Person, QuotaKind, Setting, Unit
from bianzhi_desktop.services.admin.settings import office_settings
from bianzhi_desktop.services.context import Actor, audit
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.org.documents import cite
from bianzhi_desktop.services.org.units import capped_unit_count


def removal_cutoff(on: dt.date, limit_days: int) -> dt.date:
    """The latest retirement date whose removal deadline (limit working days later) is before `on`."""
    day = on - dt.timedelta(days=1)
    while add_working_days(day, limit_days) >= on:
        day -= dt.timedelta(days=1)
    return day


def late_removals(uow: UnitOfWork, unit_id: int, on: dt.date) -> list[tuple[str, dt.date]]:
    """People of the unit past their statutory retirement date by more than the office's time limit
    (出编时限) and still on quota: (name, retirement date)."""
    cutoff = removal_cutoff(on, office_settings(uow).removal_limit_days)
    reached = or_(
        *(
            and_(
                Person.retirement_category == category.value,
                Person.birth_date <= latest_birth_retired_by(cutoff, category),
            )
            for category in RetirementCategory
        )
    )
    rows = uow.session.execute(
        select(Person.name, Person.birth_date, Person.retirement_category)
        .join(Enrollment, Enrollment.person_id == Person.id)
        .where(Enrollment.unit_id == unit_id, quota.enrollment_active_on(on), reached)
        .order_by(Person.birth_date, Person.id)
    )
    return [
        (name, statutory_retirement_date(birth, RetirementCategory(category)))
        for name, birth, category in rows
    ]


def check_no_late_removals(uow: UnitOfWork, unit: Unit, on: dt.date) -> None:
    late = late_removals(uow, unit.id, on)
    if late:
        limit = office_settings(uow).removal_limit_days
        names = "、".join(f"{name}（{day.isoformat()}到龄）" for name, day in late[:5])
        more = f"等{len(late)}人" if len(late) > 5 else ""
        raise RuleViolation(
            f"{unit.name}有{len(late)}人到龄超过{limit}个工作日仍未办理出编：{names}{more}。"
            "须先办理出编，才能核准新的用编计划。"
        )


def check_vacancy_for_enrollment(
    uow: UnitOfWork, unit: Unit, kind: QuotaKind, on: dt.date, people: int
) -> None:
    """Enrollment without a hiring plan (调入, 转隶) needs free quota of that exact kind."""
    figures = quota.figures(uow, unit.id, kind.id, on)
    if figures.vacancy < people:
        raise RuleViolation(
            f"{unit.name}的{kind.name}空编不足：核定{figures.approved}，在编{figures.enrolled}，"
            f"已核准未入编{figures.reserved}，空编{figures.vacancy}，不能再入编{people}人。"
        )


def check_not_short(uow: UnitOfWork, unit: Unit, kind: QuotaKind, on: dt.date, what: str) -> None:
    """After a reduction the approved figure must still cover the people and the booked seats."""
    figures = quota.figures(uow, unit.id, kind.id, on)
    if figures.vacancy < 0:
        raise RuleViolation(
            f"{what}后{unit.name}的{kind.name}核定{figures.approved}名，少于在编{figures.enrolled}名"
            f"加已核准未入编{figures.reserved}名，将超编{figures.over_quota}名，不能{what}。"
        )


def check_cap(
    uow: UnitOfWork,
    actor: Actor,
    category: UnitCategory,
    name: str,
    *,
    leaving: int = 0,
    cap_document: str = "",
    raised_cap: int | None = None,
) -> None:
    """A new Party/government body may not exceed the institution cap unless a document raises it.

    `leaving` counts capped units the same matter abolishes (a merge). A cap of 0 means none is set.
    """
    if UnitCategory(category) not in CAPPED_CATEGORIES:
        return
    cap = office_settings(uow).institution_cap
    if cap <= 0:
        return
    existing = capped_unit_count(uow, frozenset(c.value for c in CAPPED_CATEGORIES))
    after = existing + 1 - leaving
    if after <= cap:
        return
    if not cap_document.strip():
        raise RuleViolation(
            f"党政机构限额为{cap}个，现有{existing}个，设立“{name}”后将达到{after}个，超出限额。"
            "如上级已调整限额，请在事项中引用调整限额的文件。"
        )
    if raised_cap is None or raised_cap < after:
        raise ValidationError(
            "调整后的机构限额", f"设立后党政机构将有{after}个，引用文件调整后的限额（{raised_cap}）仍不够"
        )
    doc = cite(uow, actor, cap_document, field="调整机构限额的文件")
    row = uow.session.get(Setting, "institution_cap")
    if row is None:
        uow.session.add(Setting(key="institution_cap", value=str(raised_cap)))
    else:
        row.value = str(raised_cap)
    audit(
        uow,
        actor,
        "setting.change",
        summary=f"党政机构限额由{cap}个调整为{raised_cap}个（{doc.number}）",
        changes={"institution_cap": (str(cap), str(raised_cap))},
        table_name="setting",
    )
