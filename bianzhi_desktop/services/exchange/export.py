"""Exports to Excel: the data gathered here, the workbook written by documents.excel.export.

Each export needs a write unit of work: it leaves an audit record (who took which personal data out).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from bianzhi_desktop.documents.excel import export
from bianzhi_desktop.domain.enums import (
    Education,
    LeaderTier,
    PoliticalStatus,
    Rank,
    RetirementCategory,
    Role,
    Sex,
    UnitCategory,
    UnitStatus,
)
from bianzhi_desktop.domain.idnumber import mask_id_number
from bianzhi_desktop.persistence.collector import pauses_collector
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import (
    Division,
    Document,
    Enrollment,
    LeaderPostEntry,
    Person,
    QuotaEntry,
    QuotaKind,
    Unit,
)
from bianzhi_desktop.services.admin.settings import office_settings
from bianzhi_desktop.services.context import Actor, audit, get_or_fail, require
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.register.search import may_see_id_numbers

Progress = Callable[[int, int, str], None]
READERS = (Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.ADMIN)


Rows = Sequence[tuple[object, ...]]  # rows of a sheet, in its columns' order


def _label(enum, value):  # type: ignore[no-untyped-def]
    return enum(value).label if value else ""


def _category_order():  # type: ignore[no-untyped-def]
    return case(
        {category.value: index for index, category in enumerate(UnitCategory)},
        value=Unit.category,
        else_=len(UnitCategory),
    )


def roster_rows(uow: UnitOfWork, unit_id: int | None = None, *, masked: bool = False) -> Rows:
    """The people on quota today, in ROSTER_FIELDS order, by unit, division and date of enrollment."""
    query = (
        select(
            Person.name,
            Person.sex,
            Person.id_number,
            Person.birth_date,
            Person.ethnicity,
            Person.education,
            Person.political_status,
            Person.retirement_category,
            Unit.name,
            Division.name,
            QuotaKind.name,
            Enrollment.post_title,
            Enrollment.leader_tier,
            Enrollment.leader_rank,
            Enrollment.counts_against_posts,
            Enrollment.start_on,
            Document.number,
        )
        .select_from(Enrollment)
        .join(Person, Person.id == Enrollment.person_id)
        .join(Unit, Unit.id == Enrollment.unit_id)
        .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
        .join(Document, Document.id == Enrollment.start_document_id)
        .outerjoin(Division, Division.id == Enrollment.division_id)
        .where(Enrollment.end_on.is_(None))
        .order_by(
            _category_order(),
            Unit.position,
            Unit.id,
            func.coalesce(Division.position, -1),
            QuotaKind.position,
            Enrollment.start_on,
            Person.id,
        )
    )
    if unit_id is not None:
        query = query.where(Enrollment.unit_id == unit_id)
    sexes = {m.value: m.label for m in Sex}
    educations = {m.value: m.label for m in Education}
    politics = {m.value: m.label for m in PoliticalStatus}
    categories = {m.value: m.label for m in RetirementCategory}
    tiers = {m.value: m.label for m in LeaderTier}
    ranks = {m.value: m.label for m in Rank}
    rows = []
    for (
        name,
        sex,
        number,
        birth,
        ethnicity,
        education,
        political,
        category,
        unit,
        division,
        kind,
        post,
        tier,
        rank,
        counts,
        start,
        document,
    ) in uow.session.execute(query):
        rows.append(
            (
                name,
                sexes[sex],
                mask_id_number(number) if masked else number,
                birth,
                ethnicity,
                educations.get(education or "", ""),
                politics.get(political or "", ""),
                categories[category],
                unit,
                division or "",
                kind,
                post,
                tiers.get(tier, ""),
                ranks.get(rank, ""),
                ("是" if counts else "否") if tier else "",
                start,
                document,
            )
        )
    return rows


def _county(uow: UnitOfWork) -> tuple[str, str]:
    settings = office_settings(uow)
    return settings.county_name, settings.office_name


@pauses_collector
def export_roster(
    uow: UnitOfWork,
    actor: Actor,
    path: str | Path,
    *,
    unit_id: int | None = None,
    progress: Progress | None = None,
) -> int:
    """The roster of one unit or of the county; ID numbers masked for roles that may not see them."""
    require(actor, *READERS, action="导出花名册")
    county, office = _county(uow)
    masked = not may_see_id_numbers(actor)
    if progress:
        progress(0, 1, "读取人员")
    rows = roster_rows(uow, unit_id, masked=masked)
    today = dt.date.today()
    if unit_id is not None:
        unit = get_or_fail(uow.session, Unit, unit_id, "机构")
        title = f"{unit.name}实名制人员花名册"
    else:
        title = f"{county}实名制人员花名册"
    subtitle = f"{office}　截至{today.year}年{today.month}月{today.day}日　共{len(rows)}人"
    if masked:
        subtitle += "（身份证号已部分隐藏）"
    export.write_roster(Path(path), title, subtitle, rows, progress=progress)
    audit(
        uow,
        actor,
        "export.roster",
        summary=f"导出花名册“{Path(path).name}”（{len(rows)}人{'，身份证号已隐藏' if masked else ''}）",
        changes={"unit_id": (None, unit_id), "rows": (None, len(rows))},
        table_name="person",
    )
    return len(rows)


def export_summary(uow: UnitOfWork, actor: Actor, path: str | Path, as_of: dt.date | None = None) -> int:
    """County summary: unit × kind (approved, enrolled, reserved, vacancy), from ledger.quota.summary."""
    require(actor, *READERS, action="导出汇总表")
    day = as_of or dt.date.today()
    lines = [
        export.SummaryLine(ln.unit_name, ln.kind_name, ln.approved, ln.enrolled, ln.reserved, ln.vacancy)
        for ln in quota.summary(uow, day)
    ]
    county, office = _county(uow)
    export.write_summary(
        Path(path),
        f"{county}机构编制使用情况汇总表",
        f"{office}　截至{day.year}年{day.month}月{day.day}日",
        lines,
    )
    audit(uow, actor, "export.summary", summary=f"导出汇总表“{Path(path).name}”", table_name="quota_entry")
    return len(lines)


def ledger_rows(uow: UnitOfWork) -> tuple[Rows, Rows, Rows, Rows]:
    """Units, divisions, quota and leader-post ledger lines in the layouts' field order."""
    supervisor = aliased(Unit)
    units = [
        (
            name,
            short,
            UnitCategory(category).label,
            Rank(rank).label,
            _label_system(system),
            _label_funding(funding),
            supervisor_name or "",
            credit or "",
            founded,
        )
        for name, short, category, rank, system, funding, supervisor_name, credit, founded in uow.session.execute(
            select(
                Unit.name,
                Unit.short_name,
                Unit.category,
                Unit.rank,
                Unit.system,
                Unit.funding,
                supervisor.name,
                Unit.credit_code,
                Unit.founded_on,
            )
            .outerjoin(supervisor, supervisor.id == Unit.supervisor_id)
            .where(Unit.status == UnitStatus.ACTIVE.value)
            .order_by(_category_order(), Unit.position, Unit.id)
        )
    ]
    divisions: Rows = [
        tuple(row)
        for row in uow.session.execute(
            select(Unit.name, Division.name, Division.duties)
            .join(Unit, Unit.id == Division.unit_id)
            .where(Unit.status == UnitStatus.ACTIVE.value, Division.status == "active")
            .order_by(_category_order(), Unit.position, Unit.id, Division.position, Division.id)
        )
    ]
    quota_lines = [
        tuple(row)
        for row in uow.session.execute(
            select(
                Unit.name,
                QuotaKind.name,
                QuotaEntry.delta,
                QuotaEntry.effective_on,
                Document.number,
                Document.title,
                QuotaEntry.reason,
            )
            .join(Unit, Unit.id == QuotaEntry.unit_id)
            .join(QuotaKind, QuotaKind.id == QuotaEntry.kind_id)
            .join(Document, Document.id == QuotaEntry.document_id)
            .where(Unit.status == UnitStatus.ACTIVE.value)
            .order_by(_category_order(), Unit.position, Unit.id, QuotaEntry.effective_on, QuotaEntry.id)
        )
    ]
    leader_lines = [
        (unit, LeaderTier(tier).label, Rank(rank).label, delta, day, number, title, reason)
        for unit, tier, rank, delta, day, number, title, reason in uow.session.execute(
            select(
                Unit.name,
                LeaderPostEntry.tier,
                LeaderPostEntry.rank,
                LeaderPostEntry.delta,
                LeaderPostEntry.effective_on,
                Document.number,
                Document.title,
                LeaderPostEntry.reason,
            )
            .join(Unit, Unit.id == LeaderPostEntry.unit_id)
            .join(Document, Document.id == LeaderPostEntry.document_id)
            .where(Unit.status == UnitStatus.ACTIVE.value)
            .order_by(
                _category_order(), Unit.position, Unit.id, LeaderPostEntry.effective_on, LeaderPostEntry.id
            )
        )
    ]
    return units, divisions, quota_lines, leader_lines


def _label_system(value: str) -> str:
    from bianzhi_desktop.domain.enums import UnitSystem

    return UnitSystem(value).label


def _label_funding(value: str | None) -> str:
    from bianzhi_desktop.domain.enums import Funding

    return Funding(value).label if value else ""


@pauses_collector
def export_ledger(uow: UnitOfWork, actor: Actor, path: str | Path) -> tuple[int, int, int, int]:
    """The ledger with its documents (existing units only)."""
    require(actor, *READERS, action="导出台账")
    units, divisions, quota_lines, leader_lines = ledger_rows(uow)
    county, office = _county(uow)
    today = dt.date.today()
    export.write_ledger(
        Path(path),
        f"{county}机构编制台账",
        f"{office}　截至{today.year}年{today.month}月{today.day}日",
        units,
        divisions,
        quota_lines,
        leader_lines,
    )
    audit(uow, actor, "export.ledger", summary=f"导出台账“{Path(path).name}”", table_name="quota_entry")
    return len(units), len(divisions), len(quota_lines), len(leader_lines)


def export_posting(uow: UnitOfWork, actor: Actor, path: str | Path, unit_id: int) -> int:
    """实名制公示表 of one unit: grouped by division, post and name (no ID numbers)."""
    require(actor, *READERS, action="导出公示表")
    unit = get_or_fail(uow.session, Unit, unit_id, "机构")
    people = quota.enrolled_people(uow, unit_id)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for line in people:
        groups[line.division or "单位领导及其他"].append((line.post_title, line.name))
    figures = [ln for ln in quota.summary(uow, unit_id=unit_id)]
    heading = "，".join(f"{ln.kind_name}{ln.approved}名，实有{ln.enrolled}名" for ln in figures)
    export.write_posting(
        Path(path),
        f"{unit.name}机构编制实名制公示表",
        f"（{heading}）" if heading else "",
        [export.PostingGroup(f"{name}（实有{len(rows)}名）", rows) for name, rows in groups.items()],
    )
    audit(
        uow,
        actor,
        "export.posting",
        summary=f"导出“{unit.name}”实名制公示表",
        table_name="unit",
        record_id=unit_id,
    )
    return len(people)
