"""The decision (批复) of an approved matter, as the PDF layer takes it.

The ledger lines, hiring plans and enrollments the matter wrote are put into words by
paperwork.decision (from the document they cite); what the ledger does not hold — a unit set up,
abolished, renamed or merged, a charter issued, divisions changed — is put into words here from the
matter's content, and goes first.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from bianzhi_desktop.documents.pdf.decision import DecisionInput, Paragraph
from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.errors import RuleViolation
from bianzhi_desktop.domain.matters import MatterState
from bianzhi_desktop.domain.numerals import chinese_ordinal
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Division, Matter, Unit
from bianzhi_desktop.services.context import get_or_fail
from bianzhi_desktop.services.paperwork import papers as paperwork


def _name(uow: UnitOfWork, unit_id: int | None) -> str:
    unit = uow.session.get(Unit, unit_id) if unit_id is not None else None
    return unit.name if unit else ""


def _date(day) -> str:  # type: ignore[no-untyped-def]
    return f"{day.year}年{day.month}月{day.day}日"


def structural_points(uow: UnitOfWork, content: m.Content) -> list[str]:
    """Sentences for the institutional changes of a matter (those the ledger does not record)."""
    match content:
        case m.CreateUnit():
            spec = content.unit
            points = [
                f"同意设立{spec.name}，为{spec.category.label}，机构规格为{spec.rank.label}"
                + (f"，经费形式为{spec.funding.label}" if spec.funding else "")
                + f"，自{_date(content.effective_on)}起设立。"
            ]
            if content.divisions:
                points.append(f"{spec.name}设{'、'.join(d.name for d in content.divisions)}。")
            points.append(f"{spec.name}的主要职责按本批复同时印发的职能配置、内设机构和人员编制规定执行。")
            if content.cap_document:
                points.append(f"依据{content.cap_document}，全县党政机构限额调整为{content.raised_cap}个。")
            return points
        case m.AbolishUnit():
            name = _name(uow, content.unit_id)
            points = [f"同意撤销{name}，自{_date(content.effective_on)}起执行。"]
            if content.transfers:
                points.append(f"{name}在编人员{len(content.transfers)}名按本批复转隶至有关单位。")
            return points
        case m.AmendUnit():
            name = _name(uow, content.unit_id)
            points = []
            if content.new_name.strip():
                points.append(f"同意{name}更名为{content.new_name.strip()}。")
            if content.new_rank is not None:
                points.append(f"同意{name}机构规格调整为{content.new_rank.label}。")
            for plate in content.nameplates:
                points.append(f"同意{name}加挂{plate}牌子（{content.nameplate_kind.label}）。")
            return points
        case m.MergeUnits():
            target = content.new_unit.name if content.new_unit else _name(uow, content.target_unit_id)
            sources = "、".join(_name(uow, u) for u in content.source_unit_ids)
            return [
                f"同意整合{sources}的职责、机构、编制和人员，组建{target}，自{_date(content.effective_on)}起执行。",
                f"{sources}不再保留，其在编人员随职责转隶至{target}。",
            ]
        case m.CharterChange():
            return [
                f"印发{_name(uow, content.unit_id)}职能配置、内设机构和人员编制规定，自{_date(content.effective_on)}起施行，原规定同时废止。"
            ]
        case m.DivisionsChange():
            name = _name(uow, content.unit_id)
            points = [f"同意{name}增设{d.name}。" for d in content.add]
            for rename in content.rename:
                old = uow.session.get(Division, rename.division_id)
                points.append(f"同意{name}内设机构{old.name if old else ''}更名为{rename.name}。")
            for division_id in content.abolish:
                old = uow.session.get(Division, division_id)
                points.append(f"同意撤销{name}内设机构{old.name if old else ''}。")
            return points
    return []


def decision_for_matter(uow: UnitOfWork, matter_id: int) -> DecisionInput:
    """The 批复 of an approved matter: its structural changes, then every ledger change it made."""
    matter = get_or_fail(uow.session, Matter, matter_id, "机构编制事项")
    if matter.state != MatterState.APPROVED.value or matter.document_id is None:
        raise RuleViolation(f"事项“{matter.title}”尚未批准，没有批复可以打印。")
    base = paperwork.decision(uow, matter.document_id)
    points = structural_points(uow, m.content_from_json(matter.kind, matter.content))
    if not points:
        return base
    opening, *numbered = base.paragraphs
    closing = [p for p in numbered if p.text[:1] not in "一二三四五六七八九十"]
    ledger = [p.text.split("、", 1)[1] for p in numbered if p.text[:1] in "一二三四五六七八九十"]
    if ledger and ledger[0].startswith(f"同意{matter.title}"):
        ledger = []  # paperwork's fallback sentence: the structural points say it better
    body = [Paragraph(f"{chinese_ordinal(i)}、{text}") for i, text in enumerate([*points, *ledger], start=1)]
    return replace(base, paragraphs=(opening, *body, *closing))


def latest_approved(uow: UnitOfWork, kind: m.MatterKind | None = None) -> int | None:
    query = select(Matter.id).where(Matter.state == MatterState.APPROVED.value)
    if kind is not None:
        query = query.where(Matter.kind == kind.value)
    return uow.session.scalar(query.order_by(Matter.decided_on.desc(), Matter.id.desc()).limit(1))
