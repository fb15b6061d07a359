"""What the matters pages of the desktop program read (the inbox itself is `matters.inbox`): which steps the
signed-in user may take on a matter, its content in words, its printed papers, and the pick lists of
the guided forms. Plain frozen dataclasses and strings out; filtering and sorting in SQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.domain.idnumber import mask_id_number
from bianzhi_desktop.domain.matters import MatterState, StepAction
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import (
    Division,
    Document,
    Enrollment,
    HiringPlan,
    Matter,
    Person,
    QuotaKind,
    Unit,
)
from bianzhi_desktop.services.admin.settings import office_settings
from bianzhi_desktop.services.context import Actor, get_or_fail
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.kinds import resolve_kind


def allowed_actions(uow: UnitOfWork, actor: Actor, matter_id: int) -> tuple[StepAction, ...]:
    """The steps this user may take on the matter now (the services check again when they are taken)."""
    matter = get_or_fail(uow.session, Matter, matter_id, "机构编制事项")
    state = MatterState(matter.state)
    own = actor.user_id == matter.drafter_id
    relaxed = office_settings(uow).allow_self_approval
    allowed = []
    for action, transition in m.TRANSITIONS.items():
        if state not in transition.sources or not any(actor.has(role) for role in transition.roles):
            continue
        if transition.drafter_only and not own and Role.ADMIN not in actor.roles:
            continue
        if transition.not_drafter and own and not relaxed:
            continue
        allowed.append(action)
    return tuple(allowed)


def enrollment_unit(uow: UnitOfWork, enrollment_id: int) -> int | None:
    """The unit of an enrollment (to reopen a removal draft on its unit)."""
    return uow.session.scalar(select(Enrollment.unit_id).where(Enrollment.id == enrollment_id))


@dataclass(frozen=True)
class PersonOnQuota:
    """One person on quota in a unit, as the abolition and transfer forms list them."""

    enrollment_id: int
    name: str
    kind_name: str
    division: str
    post_title: str

    @property
    def label(self) -> str:
        post = "，".join(x for x in (self.kind_name, self.division, self.post_title) if x)
        return f"{self.name}（{post}）"


def people_on_quota(uow: UnitOfWork, unit_id: int, as_of: dt.date | None = None) -> list[PersonOnQuota]:
    """The unit's people on quota on a day (today by default), by division and name."""
    day = as_of or dt.date.today()
    rows = uow.session.execute(
        select(Enrollment.id, Person.name, QuotaKind.name, Division.name, Enrollment.post_title)
        .join(Person, Person.id == Enrollment.person_id)
        .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
        .outerjoin(Division, Division.id == Enrollment.division_id)
        .where(
            Enrollment.unit_id == unit_id,
            Enrollment.start_on <= day,
            or_(Enrollment.end_on.is_(None), Enrollment.end_on > day),
        )
        .order_by(Division.position, Person.name, Enrollment.id)
    )
    return [
        PersonOnQuota(eid, name, kind, division or "", post or "") for eid, name, kind, division, post in rows
    ]


def approved_quotas(uow: UnitOfWork, unit_id: int, as_of: dt.date | None = None) -> list[tuple[str, int]]:
    """(kind name, approved) of every kind the unit holds quota of on a day."""
    return [
        (line.kind_name, line.figures.approved)
        for line in quota.summary(uow, as_of, unit_id=unit_id)
        if line.figures.approved > 0
    ]


# -- the printed papers of an approved matter ----------------------------------------------------------
@dataclass(frozen=True)
class PaperRef:
    kind: str  # "decision", "hiring", "enrollment", "removal"
    record_id: int  # the document, hiring plan or enrollment behind the paper
    label: str


def matter_papers(uow: UnitOfWork, matter_id: int) -> list[PaperRef]:
    """The decision (批复) and every notice that rests on the matter's document number."""
    matter = get_or_fail(uow.session, Matter, matter_id, "机构编制事项")
    if matter.document_id is None:
        return []
    document = get_or_fail(uow.session, Document, matter.document_id, "批复文件")
    papers = [PaperRef("decision", document.id, f"批复 {document.number}")]
    plans = uow.session.execute(
        select(HiringPlan.id, Unit.name, HiringPlan.seats)
        .join(Unit, Unit.id == HiringPlan.unit_id)
        .where(HiringPlan.document_id == document.id)
        .order_by(HiringPlan.id)
    )
    papers += [PaperRef("hiring", pid, f"用编核准通知单（{name}，{seats}名）") for pid, name, seats in plans]
    for column, kind, label in (
        (Enrollment.start_document_id, "enrollment", "入编通知单"),
        (Enrollment.end_document_id, "removal", "出编通知单"),
    ):
        rows = uow.session.execute(
            select(Enrollment.id, Person.name)
            .join(Person, Person.id == Enrollment.person_id)
            .where(column == document.id)
            .order_by(Enrollment.id)
        )
        papers += [PaperRef(kind, eid, f"{label}（{name}）") for eid, name in rows]
    return papers


# -- the content in words ------------------------------------------------------------------------------
class _Names:
    """Looks up the names behind the ids of a content."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow

    def unit(self, unit_id: int | None) -> str:
        unit = self.uow.session.get(Unit, unit_id) if unit_id is not None else None
        return unit.name if unit else f"（机构{unit_id}）"

    def kind(self, kind: str) -> str:
        try:
            return resolve_kind(self.uow, kind).name
        except BianzhiError:
            return kind

    def division(self, division_id: int | None) -> str:
        division = self.uow.session.get(Division, division_id) if division_id is not None else None
        return division.name if division else ""

    def enrollment(self, enrollment_id: int) -> str:
        row = self.uow.session.execute(
            select(Person.name, Unit.name, QuotaKind.name)
            .select_from(Enrollment)
            .join(Person, Person.id == Enrollment.person_id)
            .join(Unit, Unit.id == Enrollment.unit_id)
            .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
            .where(Enrollment.id == enrollment_id)
        ).first()
        return f"{row[0]}（{row[1]}，{row[2]}）" if row else f"（在编记录{enrollment_id}）"

    def plan(self, plan_id: int | None) -> str:
        if plan_id is None:
            return "无（调入）"
        row = self.uow.session.execute(
            select(HiringPlan.seats, HiringPlan.valid_until, Document.number)
            .join(Document, Document.id == HiringPlan.document_id)
            .where(HiringPlan.id == plan_id)
        ).first()
        return f"{row[2]}（{row[0]}名，有效期至{row[1].isoformat()}）" if row else f"（用编计划{plan_id}）"


def _day(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _move_line(names: _Names, move: m.QuotaMove) -> str:
    source = "周转池" if move.from_pool else (names.unit(move.from_unit_id) if move.from_unit_id else "")
    target = "周转池" if move.to_pool else (names.unit(move.to_unit_id) if move.to_unit_id else "")
    kind = names.kind(move.kind)
    if source and target:
        line = f"{kind}{move.amount}名：{source} → {target}"
    elif target:
        line = f"{target}增加{kind}{move.amount}名"
    else:
        line = f"{source}核减{kind}{move.amount}名"
    return line + (f"（{_day(move.due_on)}前归还周转池）" if move.due_on else "")


def _posts(changes: tuple[m.LeaderPostDelta, ...]) -> str:
    return "；".join(f"{c.tier.label}（{c.rank.label}）{c.delta:+d}" for c in changes)


def describe(uow: UnitOfWork, content: m.Content, *, show_ids: bool = True) -> list[tuple[str, str]]:
    """(label, text) lines that say what the matter decides, with names instead of ids (ID numbers
    masked unless `show_ids`)."""
    n = _Names(uow)
    lines: list[tuple[str, str]] = [("事项类型", content.KIND.label)]
    match content:
        case m.HiringPlanRequest():
            lines += [
                ("用人单位", n.unit(content.unit_id)),
                ("编制类型", n.kind(content.kind)),
                ("计划名额", f"{content.seats}名"),
                ("补充方式", content.method.label),
                ("有效期", f"{_day(content.valid_from)} 至 {_day(content.valid_until)}"),
            ]
            lines += [("拟补充岗位", content.posts)] if content.posts else []
        case m.EnrollmentRequest():
            lines += [
                ("入编单位", n.unit(content.unit_id)),
                ("编制类型", n.kind(content.kind)),
                ("入编日期", _day(content.start_on)),
                ("用编计划", n.plan(content.plan_id)),
            ]
            for number, hire in enumerate(content.hires, 1):
                who = ""
                if hire.person is not None:
                    number_text = hire.person.id_number if show_ids else mask_id_number(hire.person.id_number)
                    who = f"{hire.person.name}（身份证号 {number_text}）"
                if hire.person_id is not None:
                    person = uow.session.get(Person, hire.person_id)
                    who = person.name if person else f"（人员{hire.person_id}）"
                extra = "，".join(x for x in (n.division(hire.division_id), hire.post_title) if x)
                lines.append((f"入编人员{number}", who + (f"，{extra}" if extra else "")))
        case m.RemovalRequest():
            for number, removal in enumerate(content.removals, 1):
                lines.append(
                    (
                        f"出编人员{number}",
                        f"{n.enrollment(removal.enrollment_id)}，{removal.reason.label}，"
                        f"{_day(removal.end_on)}出编",
                    )
                )
        case m.TransferRequest():
            lines.append(("调动日期", _day(content.effective_on)))
            for number, move in enumerate(content.moves, 1):
                kind = f"，改为{n.kind(move.to_kind)}" if move.to_kind else ""
                lines.append(
                    (
                        f"调动人员{number}",
                        f"{n.enrollment(move.enrollment_id)} → {n.unit(move.to_unit_id)}{kind}",
                    )
                )
        case m.QuotaChange():
            lines += [("调整事由", content.reason), ("生效日期", _day(content.effective_on))]
            lines += [(f"调整{i}", _move_line(n, move)) for i, move in enumerate(content.moves, 1)]
        case m.CreateUnit():
            spec = content.unit
            lines += [
                ("机构名称", spec.name + (f"（简称{spec.short_name}）" if spec.short_name else "")),
                ("机构类别", spec.category.label),
                ("规格", spec.rank.label),
                ("系统", spec.system.label),
            ]
            lines += [("经费形式", spec.funding.label)] if spec.funding else []
            lines += [("设立日期", _day(content.effective_on))]
            lines += [("主要职责", "；".join(content.duties))]
            if content.divisions:
                lines.append(("内设机构", "、".join(d.name for d in content.divisions)))
            for grant in content.quotas:
                source = (
                    "周转池"
                    if grant.from_pool
                    else (n.unit(grant.from_unit_id) if grant.from_unit_id else "")
                )
                lines.append(
                    (
                        "核定编制",
                        f"{n.kind(grant.kind)}{grant.amount}名" + (f"（由{source}划入）" if source else ""),
                    )
                )
            if content.leader_posts:
                lines.append(("领导职数", _posts(content.leader_posts)))
            if content.cap_document:
                lines.append(("机构限额", f"依据{content.cap_document}调整为{content.raised_cap}个"))
        case m.AmendUnit():
            lines += [("机构", n.unit(content.unit_id)), ("生效日期", _day(content.effective_on))]
            lines += [("新名称", content.new_name)] if content.new_name.strip() else []
            lines += [("新简称", content.new_short_name)] if content.new_short_name.strip() else []
            lines += [("新规格", content.new_rank.label)] if content.new_rank else []
            if content.nameplates:
                lines.append((content.nameplate_kind.label, "、".join(content.nameplates)))
        case m.LeaderPostsChange():
            lines += [
                ("机构", n.unit(content.unit_id)),
                ("生效日期", _day(content.effective_on)),
                ("调整事由", content.reason),
                ("领导职数", _posts(content.changes)),
            ]
        case m.AbolishUnit():
            lines += [("撤销机构", n.unit(content.unit_id)), ("撤销日期", _day(content.effective_on))]
            lines += [
                (f"转隶{i}", f"{n.enrollment(t.enrollment_id)} → {n.unit(t.to_unit_id)}")
                for i, t in enumerate(content.transfers, 1)
            ]
            lines += [
                (f"出编{i}", f"{n.enrollment(r.enrollment_id)}，{r.reason.label}")
                for i, r in enumerate(content.removals, 1)
            ]
            for q in content.quotas:
                target = "周转池" if q.to_pool else (n.unit(q.to_unit_id) if q.to_unit_id else "收回")
                lines.append(("编制去向", f"{n.kind(q.kind)}{q.amount}名 → {target}"))
        case m.MergeUnits():
            target = content.new_unit.name if content.new_unit else n.unit(content.target_unit_id)
            lines += [
                ("被整合机构", "、".join(n.unit(u) for u in content.source_unit_ids)),
                ("整合后机构", target + ("（新设）" if content.new_unit else "")),
                ("生效日期", _day(content.effective_on)),
                ("主要职责", "；".join(content.duties)),
            ]
        case m.DivisionsChange():
            lines += [("机构", n.unit(content.unit_id)), ("生效日期", _day(content.effective_on))]
            lines += [("增设", "、".join(d.name for d in content.add))] if content.add else []
            lines += [("更名", f"{n.division(r.division_id)} → {r.name}") for r in content.rename]
            lines += [("撤销", "、".join(n.division(d) for d in content.abolish))] if content.abolish else []
        case m.CharterChange():
            lines += [
                ("机构", n.unit(content.unit_id)),
                ("施行日期", _day(content.effective_on)),
                ("主要职责", "；".join(content.duties)),
            ]
            lines += [("说明", content.summary)] if content.summary else []
    return lines
