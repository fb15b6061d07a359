"""The institutional matters: create, abolish (with 转隶), amend (rename, re-rank, nameplates), merge.

Called by matters.apply with the approval's Applier (matters.applier), inside its one transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import func, select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import CAPPED_CATEGORIES, DivisionStatus, LeaderTier, Rank, UnitStatus
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.pinyin import text_initials
from bianzhi_desktop.domain.textnorm import clean_cell_text
from bianzhi_desktop.persistence.models import (
    Division,
    Enrollment,
    HiringPlan,
    LeaderPostEntry,
    Person,
    QuotaEntry,
    Unit,
)
from bianzhi_desktop.services.context import apply_changes, audit, created
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.entries import EnrollmentInput
from bianzhi_desktop.services.matters import rules as matter_rules
from bianzhi_desktop.services.org import charters, divisions, units

if TYPE_CHECKING:
    from bianzhi_desktop.services.matters.applier import Applier


def create(
    ap: Applier,
    spec: m.UnitInput,
    on: dt.date,
    *,
    cap_document: str = "",
    raised_cap: int | None = None,
    leaving: int = 0,
) -> Unit:
    matter_rules.check_cap(
        ap.uow,
        ap.actor,
        spec.category,
        spec.name,
        leaving=leaving,
        cap_document=cap_document,
        raised_cap=raised_cap,
    )
    values, warnings = units.unit_values(
        units.UnitInput(
            name=spec.name,
            category=spec.category,
            rank=spec.rank,
            system=spec.system,
            short_name=spec.short_name,
            funding=spec.funding,
            supervisor_id=spec.supervisor_id,
            credit_code=spec.credit_code,
            founded_on=min(on, dt.date.today()),
        ),
        ap.uow,
        None,
    )
    values["founded_on"] = on
    values["position"] = (ap.uow.session.scalar(select(func.max(Unit.position))) or 0) + 1
    unit = Unit(**values, status=UnitStatus.ACTIVE.value)
    ap.uow.session.add(unit)
    audit(
        ap.uow, ap.actor, "unit.create", unit, summary=f"设立机构 {unit.name}", changes=created(unit, values)
    )
    ap.out.created_units.append(unit.id)
    ap.out.warnings += warnings
    return unit


def staff_new_unit(ap: Applier, unit_id: int, c: m.CreateUnit) -> None:
    charters.write_charter(
        ap.uow,
        ap.actor,
        unit_id,
        document=ap.doc,
        effective_on=c.effective_on,
        duties=list(c.duties),
        summary=c.charter_summary,
    )
    for position, division in enumerate(c.divisions, start=1):
        divisions.write_division(
            ap.uow,
            ap.actor,
            unit_id,
            division.name,
            duties=division.duties,
            position=position,
            founded_on=c.effective_on,
        )
    for grant in c.quotas:
        kind = ap.kind(grant.kind)
        if grant.from_unit_id is not None:
            source = ap.unit(grant.from_unit_id)
            ap.quota(source.id, kind, -grant.amount, c.effective_on, "划转至新设机构")
            matter_rules.check_not_short(ap.uow, source, kind, c.effective_on, "划出编制")
        elif grant.from_pool:
            ap.pool(kind, -grant.amount, c.effective_on, "新设机构使用周转池编制", unit_id=unit_id)
        ap.quota(unit_id, kind, grant.amount, c.effective_on, "新设机构核定编制")
    for change in c.leader_posts:
        ap.leader(unit_id, change, c.effective_on, "新设机构核定领导职数")


def _live(ap: Applier, unit_id: int, what: str) -> Unit:
    unit = ap.unit(unit_id)
    if unit.status != UnitStatus.ACTIVE.value:
        raise RuleViolation(f"机构“{unit.name}”已于{unit.abolished_on}撤销，不能{what}。")
    return unit


def _active_enrollments(ap: Applier, unit_id: int, on: dt.date) -> list[Enrollment]:
    return list(
        ap.uow.session.scalars(
            select(Enrollment)
            .where(Enrollment.unit_id == unit_id, (Enrollment.end_on.is_(None)) | (Enrollment.end_on > on))
            .order_by(Enrollment.id)
        )
    )


def _approved_by_kind(ap: Applier, unit_id: int, on: dt.date) -> dict[int, int]:
    rows = ap.uow.session.execute(
        select(QuotaEntry.kind_id, func.sum(QuotaEntry.delta))
        .where(QuotaEntry.unit_id == unit_id, QuotaEntry.effective_on <= on)
        .group_by(QuotaEntry.kind_id)
    )
    return {kind: int(total) for kind, total in rows if total}


def _rank(code: str | None) -> Rank:
    """The rank of the latest leader-post entry of a tier (every entry the ledger takes has one)."""
    if code is None:
        raise RuleViolation("领导职数台账中该层级的记录缺少职级，无法划转或收回职数，请先补录职级。")
    return Rank(code)


def _withdraw_leader_posts(ap: Applier, unit: Unit, on: dt.date) -> None:
    for line in quota.leader_posts(ap.uow, unit.id, on):
        if line.figures.approved > 0:
            rank = ap.uow.session.scalar(
                select(LeaderPostEntry.rank)
                .where(LeaderPostEntry.unit_id == unit.id, LeaderPostEntry.tier == line.tier.value)
                .order_by(LeaderPostEntry.effective_on.desc(), LeaderPostEntry.id.desc())
                .limit(1)
            )
            ap.leader(
                unit.id, m.LeaderPostDelta(line.tier, _rank(rank), -line.figures.approved), on, "撤销机构收回"
            )


def _close(ap: Applier, unit: Unit, on: dt.date) -> None:
    """The last steps of abolition: plans cancelled, divisions closed, the unit marked abolished."""
    people = _active_enrollments(ap, unit.id, on)
    if people:
        names = "、".join(
            ap.uow.session.scalars(
                select(Person.name).where(Person.id.in_([e.person_id for e in people[:5]]))
            )
        )
        raise RuleViolation(
            f"机构“{unit.name}”还有{len(people)}名在编人员（{names}{'等' if len(people) > 5 else ''}），"
            "撤销前须全部转隶或出编。"
        )
    for kind_id, amount in _approved_by_kind(ap, unit.id, on).items():
        kind = ap.kind(kind_id)
        raise RuleViolation(
            f"机构“{unit.name}”还有{kind.name}核定编制{amount}名，撤销前须全部划转、收回或交回周转池。"
        )
    _withdraw_leader_posts(ap, unit, on)
    for plan in ap.uow.session.scalars(
        select(HiringPlan).where(
            HiringPlan.unit_id == unit.id, HiringPlan.valid_until >= on, HiringPlan.cancelled_on.is_(None)
        )
    ):
        plan.cancelled_on = on
        audit(ap.uow, ap.actor, "hiring_plan.cancel", plan, summary=f"{unit.name} 撤销，用编计划作废")
    for division in ap.uow.session.scalars(
        select(Division).where(Division.unit_id == unit.id, Division.status == DivisionStatus.ACTIVE.value)
    ):
        apply_changes(division, {"status": DivisionStatus.ABOLISHED.value, "abolished_on": on})
    changes = apply_changes(unit, {"status": UnitStatus.ABOLISHED.value, "abolished_on": on})
    audit(
        ap.uow,
        ap.actor,
        "unit.abolish",
        unit,
        summary=f"撤销机构 {unit.name}（{ap.doc.number}）",
        changes=changes,
    )


def abolish(ap: Applier, c: m.AbolishUnit) -> None:
    """Everything in the matter happens on one day, so the order only has to keep each step valid:
    the receiving units get the quota first, then the people move, then the unit gives the quota up."""
    unit = _live(ap, c.unit_id, "再次撤销")
    for release in c.quotas:
        kind = ap.kind(release.kind)
        if release.to_unit_id is not None:
            ap.quota(release.to_unit_id, kind, release.amount, c.effective_on, f"原{unit.name}编制划入")
        elif release.to_pool:
            ap.pool(kind, release.amount, c.effective_on, f"原{unit.name}编制交回", unit_id=unit.id)
    for move in c.transfers:
        if ap.enrollment(move.enrollment_id, "转隶").unit_id != unit.id:
            raise ValidationError("转隶人员", f"所选人员不在“{unit.name}”在编")
        ap.move(move, c.effective_on, what="转隶")
    for removal in c.removals:
        enrollment = ap.enrollment(removal.enrollment_id, "出编")
        if enrollment.unit_id != unit.id:
            raise ValidationError("出编人员", f"所选人员不在“{unit.name}”在编")
        ap.end(enrollment, removal.end_on, removal.reason)
    for release in c.quotas:
        ap.quota(unit.id, ap.kind(release.kind), -release.amount, c.effective_on, "撤销机构编制划转")
    _close(ap, unit, c.effective_on)


def amend(ap: Applier, c: m.AmendUnit) -> None:
    unit = _live(ap, c.unit_id, "调整")
    values: dict[str, object] = {}
    if c.new_name.strip():
        name = clean_cell_text(c.new_name)
        clash = ap.uow.session.scalar(
            select(Unit.id).where(
                Unit.name == name, Unit.status == UnitStatus.ACTIVE.value, Unit.id != unit.id
            )
        )
        if clash is not None or name == unit.name:
            raise ValidationError("新名称", f"已有名为“{name}”的存续机构")
        values |= {"name": name, "initials": text_initials(name)}
    if c.new_short_name.strip():
        values["short_name"] = clean_cell_text(c.new_short_name)
    if c.new_rank is not None:
        if c.new_rank.value == unit.rank:
            raise ValidationError("新规格", f"机构现为{c.new_rank.label}，无需调整")
        values["rank"] = c.new_rank.value
    old_name = unit.name
    changes = apply_changes(unit, values)
    changes.pop("initials", None)
    if changes:
        audit(
            ap.uow,
            ap.actor,
            "unit.amend",
            unit,
            summary=f"调整机构 {old_name}（{ap.doc.number}）",
            changes=changes,
        )
    for plate in c.nameplates:
        units.write_nameplate(
            ap.uow, ap.actor, unit.id, plate, c.nameplate_kind, since=c.effective_on, document=ap.doc
        )


def merge(ap: Applier, c: m.MergeUnits) -> None:
    on = c.effective_on
    sources = [_live(ap, unit_id, "整合") for unit_id in c.source_unit_ids]
    if c.new_unit is not None:
        capped = sum(1 for s in sources if s.category in {x.value for x in CAPPED_CATEGORIES})
        target = create(ap, c.new_unit, on, leaving=capped)
    else:
        target = _live(ap, c.target_unit_id or 0, "作为整合后的机构")
    charters.write_charter(
        ap.uow,
        ap.actor,
        target.id,
        document=ap.doc,
        effective_on=on,
        duties=list(c.duties),
        summary=c.charter_summary,
    )
    for source in sources:
        _carry_across(ap, source, target, on)
        _close(ap, source, on)
    for change in c.leader_posts:
        ap.leader(target.id, change, on, "整合组建核定领导职数")


def _carry_across(ap: Applier, source: Unit, target: Unit, on: dt.date) -> None:
    """Quotas, divisions, live hiring plans and people of `source` go to `target`."""
    for kind_id, amount in _approved_by_kind(ap, source.id, on).items():
        kind = ap.kind(kind_id)
        ap.quota(source.id, kind, -amount, on, f"整合组建划入{target.name}")
        ap.quota(target.id, kind, amount, on, f"原{source.name}编制划入")
    division_map: dict[int, int] = {}
    target_names = {d.name: d.id for d in divisions.list_divisions(ap.uow, target.id)}
    for division in ap.uow.session.scalars(
        select(Division).where(Division.unit_id == source.id, Division.status == DivisionStatus.ACTIVE.value)
    ):
        if division.name in target_names:
            division_map[division.id] = target_names[division.name]
        else:
            division_map[division.id] = division.id
            changes = apply_changes(division, {"unit_id": target.id})
            audit(
                ap.uow,
                ap.actor,
                "division.move",
                division,
                summary=f"{division.name} 并入{target.name}",
                changes=changes,
            )
    ap.uow.flush()
    for plan in ap.uow.session.scalars(
        select(HiringPlan).where(
            HiringPlan.unit_id == source.id, HiringPlan.valid_until >= on, HiringPlan.cancelled_on.is_(None)
        )
    ):
        changes = apply_changes(plan, {"unit_id": target.id})
        audit(
            ap.uow,
            ap.actor,
            "hiring_plan.move",
            plan,
            summary=f"用编计划随整合转入{target.name}",
            changes=changes,
        )
    for enrollment in _active_enrollments(ap, source.id, on):
        division_tier = enrollment.leader_tier in (
            LeaderTier.DIVISION_HEAD.value,
            LeaderTier.DIVISION_DEPUTY.value,
        )
        keep_leader = division_tier and enrollment.division_id is not None
        data = EnrollmentInput(
            person_id=enrollment.person_id,
            unit_id=target.id,
            kind=enrollment.kind_id,
            start_on=on,
            document=ap.doc,
            division_id=division_map.get(enrollment.division_id) if enrollment.division_id else None,
            post_title=enrollment.post_title,
            leader_tier=LeaderTier(enrollment.leader_tier)
            if keep_leader and enrollment.leader_tier
            else None,
            leader_rank=Rank(enrollment.leader_rank) if keep_leader and enrollment.leader_rank else None,
            counts_against_posts=enrollment.counts_against_posts,
        )
        ap.end(enrollment, on, m.RemovalReason.TRANSFERRED_IN_COUNTY)
        ap.start(data)
    for tier in (LeaderTier.DIVISION_HEAD, LeaderTier.DIVISION_DEPUTY):
        line = next((x for x in quota.leader_posts(ap.uow, source.id, on) if x.tier == tier), None)
        if line is not None and line.figures.approved > 0:
            rank = ap.uow.session.scalar(
                select(LeaderPostEntry.rank)
                .where(LeaderPostEntry.unit_id == source.id, LeaderPostEntry.tier == tier.value)
                .order_by(LeaderPostEntry.id.desc())
                .limit(1)
            )
            ap.leader(
                source.id, m.LeaderPostDelta(tier, _rank(rank), -line.figures.approved), on, "整合组建划出"
            )
            ap.leader(
                target.id,
                m.LeaderPostDelta(tier, _rank(rank), line.figures.approved),
                on,
                f"原{source.name}划入",
            )
