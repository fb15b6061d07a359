"""Paperwork from the records: the plain inputs of the PDF documents, built from the database.

Notices come from hiring plans, enrollments and enrollment ends, with the figures of the unit and
quota kind the day before and on the day; the unit sheet and the public posting from a unit's
records; the decision (批复) from a numbered document: its matter when one was approved under it
(services/matters), and the ledger lines that rest on it (quota, leader posts, hiring plans, people).
Per-form print offsets for pre-printed paper are office settings.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, aliased

from bianzhi_desktop.documents.pdf.decision import DecisionInput, Paragraph
from bianzhi_desktop.documents.pdf.drawing import Offset
from bianzhi_desktop.documents.pdf.notice_inputs import (
    EnrollmentNoticeInput,
    Figures,
    HiringNoticeInput,
    NoticeHeader,
    NoticeInput,
    NoticeKind,
    PersonParticulars,
    RemovalNoticeInput,
)
from bianzhi_desktop.documents.pdf.sheets import (
    LeaderRow,
    PublicRosterInput,
    QuotaRow,
    RosterEntry,
    RosterGroup,
    RosterKindLine,
    UnitSheetInput,
)
from bianzhi_desktop.domain.enums import (
    Education,
    Funding,
    HiringMethod,
    Labelled,
    LeaderTier,
    PoliticalStatus,
    Rank,
    RemovalReason,
    Sex,
)
from bianzhi_desktop.domain.errors import NotFound, ValidationError
from bianzhi_desktop.domain.matters import StepAction
from bianzhi_desktop.domain.numerals import chinese_ordinal
from bianzhi_desktop.domain.wording import removal_cause
from bianzhi_desktop.persistence.bulk_load import in_chunks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import (
    Division,
    Document,
    Enrollment,
    HiringPlan,
    LeaderPostEntry,
    Matter,
    MatterStep,
    Person,
    QuotaEntry,
    QuotaKind,
    Unit,
    User,
)
from bianzhi_desktop.services.admin.settings import office_settings, read_all, write_setting
from bianzhi_desktop.services.context import Actor, get_or_fail
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.org import charters, divisions, units
from bianzhi_desktop.services.paperwork.frozen import stored_notices
from bianzhi_desktop.services.paperwork.notice_figures import BatchFigures

DEFAULT_COPIES_TO = ("县委组织部", "县财政局", "县人力资源和社会保障局")
COPIES_TO_KEY = "paperwork_copies_to"
MAX_OFFSET_MM = 30.0
T = TypeVar("T")


class Form(StrEnum):
    """The printed forms; each has its own offset for pre-printed paper."""

    DECISION = "decision"
    HIRING = "hiring"
    ENROLLMENT = "enrollment"
    REMOVAL = "removal"
    UNIT_SHEET = "unit_sheet"
    PUBLIC_ROSTER = "public_roster"

    @property
    def label(self) -> str:
        return {
            "decision": "批复",
            "hiring": "用编核准通知单",
            "enrollment": "入编通知单",
            "removal": "出编通知单",
            "unit_sheet": "机构编制情况表",
            "public_roster": "实名制公示表",
        }[self.value]


# -- print offsets ----------------------------------------------------------------------------------
def _offset_key(form: Form) -> str:
    return f"print_offset_{form.value}"


def print_offset(uow: UnitOfWork, form: Form) -> Offset:
    raw = read_all(uow).get(_offset_key(form), "")
    try:
        x, y = (float(part) for part in raw.split(","))
    except ValueError:
        return Offset()
    return Offset(x, y)


def set_print_offset(uow: UnitOfWork, actor: Actor, form: Form, offset: Offset) -> None:
    """Store the offset (mm, right and down positive) of one form; at most 30 mm either way."""
    for field, value in (("水平偏移", offset.x_mm), ("垂直偏移", offset.y_mm)):
        if abs(value) > MAX_OFFSET_MM:
            raise ValidationError(f"{form.label}的{field}", f"{value:g} 毫米超出范围（-30 至 30 毫米）")
    write_setting(uow, actor, _offset_key(form), f"{offset.x_mm:g},{offset.y_mm:g}")


def _label(kind: type[Labelled], code: str | None) -> str:
    if not code:
        return ""
    try:
        return kind(code).label
    except ValueError:
        return code


def _office(uow: UnitOfWork) -> str:
    return office_settings(uow).office_name or "机构编制委员会办公室"


class _Sources:
    """What a notice reads besides its own records: the office name, the print offset of its form,
    division names and the figures before and after. One notice reads them straight from the
    database; a batch (`_BatchSources`) reads them once for all its notices."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.uow = uow
        self._office: str | None = None
        self._offsets: dict[Form, Offset] = {}
        self._divisions: dict[int, dict[int, str]] = {}
        self._signatories: dict[int, tuple[str, str]] = {}

    def office(self) -> str:
        if self._office is None:
            self._office = _office(self.uow)
        return self._office

    def offset(self, form: Form) -> Offset:
        if form not in self._offsets:
            self._offsets[form] = print_offset(self.uow, form)
        return self._offsets[form]

    def division(self, unit_id: int, division_id: int) -> str:
        if unit_id not in self._divisions:
            self._divisions[unit_id] = {
                d.id: d.name for d in divisions.list_divisions(self.uow, unit_id, include_abolished=True)
            }
        return self._divisions[unit_id].get(division_id, "")

    def figures(self, unit_id: int, kind_id: int, day: dt.date) -> Figures:
        return quota.figures(self.uow, unit_id, kind_id, day)

    def signatories(self, document_id: int | None) -> tuple[str, str]:
        """(经办人, 签发人) of the notice resting on a document: who drafted and who approved its matter."""
        if not document_id:
            return "", ""
        if document_id not in self._signatories:
            self._signatories.update(_signatories(self.uow, [document_id]))
            self._signatories.setdefault(document_id, ("", ""))
        return self._signatories[document_id]


def _signatories(uow: UnitOfWork, document_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """Document id → (drafter, approver) display names of the matters approved under the documents."""
    drafter, approver = aliased(User), aliased(User)
    found: dict[int, tuple[str, str]] = {}
    for chunk in in_chunks(set(document_ids)):
        rows = uow.session.execute(
            select(Matter.document_id, drafter.display_name, approver.display_name)
            .join(drafter, drafter.id == Matter.drafter_id)
            .outerjoin(
                MatterStep,
                (MatterStep.matter_id == Matter.id) & (MatterStep.action == StepAction.APPROVE.value),
            )
            .outerjoin(approver, approver.id == MatterStep.user_id)
            .where(Matter.document_id.in_(chunk))
        )
        for document_id, drafted_by, approved_by in rows:
            if document_id is not None:  # (the IN filter excludes NULL; for the type checker)
                found[document_id] = (drafted_by or "", approved_by or "")
    return found


class _BatchSources(_Sources):
    """The sources of a batch: the records behind the notices loaded in a few set-based queries (so
    that looking them up by id finds them in the session), figures computed in memory."""

    def __init__(self, uow: UnitOfWork, kind: NoticeKind, ids: list[int]) -> None:
        super().__init__(uow)
        self._kept: list[object] = []
        if kind is NoticeKind.HIRING:
            plans = self._load(HiringPlan, ids)
            records: list[HiringPlan | Enrollment] = list(plans)
            document_ids = {plan.document_id for plan in plans}
        else:
            enrollments = self._load(Enrollment, ids)
            records = list(enrollments)
            plans = self._load(HiringPlan, {e.hiring_plan_id for e in enrollments if e.hiring_plan_id})
            document_ids = {plan.document_id for plan in plans}
            document_ids |= {e.start_document_id for e in enrollments}
            document_ids |= {e.end_document_id for e in enrollments if e.end_document_id}
            self._load(Person, {e.person_id for e in enrollments})
        self._load(Unit, {record.unit_id for record in records})
        self._load(QuotaKind, {record.kind_id for record in records})
        self._load(Document, {document_id for document_id in document_ids if document_id})
        known = {document_id for document_id in document_ids if document_id}
        self._signatories = dict.fromkeys(known, ("", "")) | _signatories(uow, known)
        unit_ids = {record.unit_id for record in records}
        self._divisions = {unit_id: {} for unit_id in unit_ids}
        for chunk in in_chunks(unit_ids):
            for division_id, unit_id, name in uow.session.execute(
                select(Division.id, Division.unit_id, Division.name).where(Division.unit_id.in_(chunk))
            ):
                self._divisions[unit_id][division_id] = name
        self._figures = BatchFigures(uow, unit_ids)

    def _load(self, model: type[T], ids: Iterable[int]) -> list[T]:
        """Rows by id, in chunks; they stay in the session, where `session.get` then finds them."""
        session = self.uow.session
        column = model.id  # type: ignore[attr-defined]
        rows = [
            row for chunk in in_chunks(ids) for row in session.scalars(select(model).where(column.in_(chunk)))
        ]
        self._kept += rows  # the session holds its rows weakly: keep them for the whole batch
        return rows

    def figures(self, unit_id: int, kind_id: int, day: dt.date) -> Figures:
        return self._figures.figures(unit_id, kind_id, day)


def _header(
    sources: _Sources,
    unit: Unit,
    kind: QuotaKind,
    serial: str,
    issued_on: dt.date,
    day: dt.date,
    basis: str = "",
    document_id: int | None = None,
) -> NoticeHeader:
    handler, signer = sources.signatories(document_id)
    return NoticeHeader(
        office_name=sources.office(),
        serial=serial,
        issued_on=issued_on,
        unit_name=unit.name,
        kind_name=kind.name,
        funding=_label(Funding, unit.funding),
        before=sources.figures(unit.id, kind.id, day - dt.timedelta(days=1)),
        after=sources.figures(unit.id, kind.id, day),
        basis=basis,
        handler=handler,
        signer=signer,
    )


def _person(person: Person) -> PersonParticulars:
    return PersonParticulars(
        name=person.name,
        sex=_label(Sex, person.sex),
        id_number=person.id_number,
        birth_date=person.birth_date,
        ethnicity=person.ethnicity,
        education=_label(Education, person.education),
        political_status=_label(PoliticalStatus, person.political_status),
    )


def _document(uow: UnitOfWork, document_id: int | None) -> Document | None:
    return uow.session.get(Document, document_id) if document_id else None


# -- notices ----------------------------------------------------------------------------------------
def _hiring_from_records(
    uow: UnitOfWork, plan_id: int, *, sources: _Sources | None = None
) -> HiringNoticeInput:
    sources = sources or _Sources(uow)
    plan = get_or_fail(uow.session, HiringPlan, plan_id, "用编计划")
    unit = get_or_fail(uow.session, Unit, plan.unit_id, "机构")
    kind = get_or_fail(uow.session, QuotaKind, plan.kind_id, "编制类型")
    document = _document(uow, plan.document_id)
    serial = document.number if document else f"用编计划{plan.id}"
    header = _header(
        sources,
        unit,
        kind,
        serial,
        document.issued_on if document and document.issued_on else plan.approved_on,
        plan.approved_on,
        basis=serial,
        document_id=plan.document_id,
    )
    return HiringNoticeInput(
        header,
        plan.seats,
        _label(HiringMethod, plan.method),
        plan.approved_on,
        plan.valid_until,
        offset=sources.offset(Form.HIRING),
    )


def _enrollment_from_records(
    uow: UnitOfWork, enrollment_id: int, *, sources: _Sources | None = None
) -> EnrollmentNoticeInput:
    sources = sources or _Sources(uow)
    enrollment = get_or_fail(uow.session, Enrollment, enrollment_id, "在编记录")
    unit = get_or_fail(uow.session, Unit, enrollment.unit_id, "机构")
    kind = get_or_fail(uow.session, QuotaKind, enrollment.kind_id, "编制类型")
    document = _document(uow, enrollment.start_document_id)
    plan = uow.session.get(HiringPlan, enrollment.hiring_plan_id) if enrollment.hiring_plan_id else None
    plan_document = _document(uow, plan.document_id) if plan else None
    division = sources.division(unit.id, enrollment.division_id) if enrollment.division_id else ""
    serial = document.number if document else f"入编{enrollment.id}"
    issued = document.issued_on if document and document.issued_on else enrollment.start_on
    header = _header(
        sources,
        unit,
        kind,
        serial,
        issued,
        enrollment.start_on,
        basis=plan_document.number if plan_document else "",
        document_id=enrollment.start_document_id,
    )
    method = _label(HiringMethod, plan.method) if plan else "调入"
    return EnrollmentNoticeInput(
        header,
        _person(get_or_fail(uow.session, Person, enrollment.person_id, "人员")),
        enrollment.start_on,
        method,
        division,
        enrollment.post_title,
        offset=sources.offset(Form.ENROLLMENT),
    )


def _removal_from_records(
    uow: UnitOfWork, enrollment_id: int, *, sources: _Sources | None = None
) -> RemovalNoticeInput:
    sources = sources or _Sources(uow)
    enrollment = get_or_fail(uow.session, Enrollment, enrollment_id, "在编记录")
    if enrollment.end_on is None:
        raise ValidationError("出编通知单", f"在编记录（编号 {enrollment_id}）尚未出编，不能打印出编通知单")
    unit = get_or_fail(uow.session, Unit, enrollment.unit_id, "机构")
    kind = get_or_fail(uow.session, QuotaKind, enrollment.kind_id, "编制类型")
    document = _document(uow, enrollment.end_document_id)
    serial = document.number if document else f"出编{enrollment.id}"
    issued = document.issued_on if document and document.issued_on else enrollment.end_on
    header = _header(
        sources, unit, kind, serial, issued, enrollment.end_on, document_id=enrollment.end_document_id
    )
    return RemovalNoticeInput(
        header,
        _person(get_or_fail(uow.session, Person, enrollment.person_id, "人员")),
        enrollment.end_on,
        _label(RemovalReason, enrollment.end_reason),
        offset=sources.offset(Form.REMOVAL),
    )


_FROM_RECORDS: dict[NoticeKind, Callable[..., NoticeInput]] = {
    NoticeKind.HIRING: _hiring_from_records,
    NoticeKind.ENROLLMENT: _enrollment_from_records,
    NoticeKind.REMOVAL: _removal_from_records,
}
_FORMS = {
    NoticeKind.HIRING: Form.HIRING,
    NoticeKind.ENROLLMENT: Form.ENROLLMENT,
    NoticeKind.REMOVAL: Form.REMOVAL,
}


def notices_from_records(uow: UnitOfWork, kind: NoticeKind, ids: Sequence[int]) -> dict[int, NoticeInput]:
    """Notices built from the records as they stand (what approval freezes, and how notices of matters
    approved before notices were frozen are printed), the records read in a few set-based queries."""
    if not ids:
        return {}
    sources = _BatchSources(uow, kind, list(ids))
    return {source_id: _FROM_RECORDS[kind](uow, source_id, sources=sources) for source_id in ids}


def notice(
    uow: UnitOfWork, kind: NoticeKind, source_id: int, *, sources: _Sources | None = None
) -> NoticeInput:
    """The notice as it was approved (stored at approval), or, for an older one, built from the records;
    printed with today's print offset of its form."""
    sources = sources or _Sources(uow)
    stored = stored_notices(uow, kind, [source_id]).get(source_id)
    if stored is not None:
        return dataclasses.replace(stored, offset=sources.offset(_FORMS[kind]))
    return _FROM_RECORDS[kind](uow, source_id, sources=sources)


def hiring_notice(uow: UnitOfWork, plan_id: int, *, sources: _Sources | None = None) -> HiringNoticeInput:
    return notice(uow, NoticeKind.HIRING, plan_id, sources=sources)  # type: ignore[return-value]


def enrollment_notice(
    uow: UnitOfWork, enrollment_id: int, *, sources: _Sources | None = None
) -> EnrollmentNoticeInput:
    return notice(uow, NoticeKind.ENROLLMENT, enrollment_id, sources=sources)  # type: ignore[return-value]


def removal_notice(
    uow: UnitOfWork, enrollment_id: int, *, sources: _Sources | None = None
) -> RemovalNoticeInput:
    return notice(uow, NoticeKind.REMOVAL, enrollment_id, sources=sources)  # type: ignore[return-value]


def notice_ids(
    uow: UnitOfWork,
    kind: NoticeKind,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
) -> list[int]:
    """Ids behind the notices of a kind in a period (both ends included), oldest first."""
    day: InstrumentedAttribute[Any]
    order: tuple[InstrumentedAttribute[Any], ...]
    if kind is NoticeKind.HIRING:
        day, query = HiringPlan.approved_on, select(HiringPlan.id)
        order = (HiringPlan.approved_on, HiringPlan.id)
    elif kind is NoticeKind.ENROLLMENT:
        day, query = Enrollment.start_on, select(Enrollment.id)
        order = (Enrollment.start_on, Enrollment.id)
    else:
        day = Enrollment.end_on
        query = select(Enrollment.id).where(Enrollment.end_on.is_not(None))
        order = (Enrollment.end_on, Enrollment.id)
    if since is not None:
        query = query.where(day >= since)
    if until is not None:
        query = query.where(day <= until)
    query = query.order_by(*order)
    if limit is not None:
        query = query.limit(limit)
    return list(uow.session.scalars(query))


def notices(
    uow: UnitOfWork,
    kind: NoticeKind,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    limit: int | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list:
    """The inputs of every notice of a kind in a period (for one batch PDF). The records and figures
    behind them are read in one pass of set-based queries for the whole batch."""
    build = _FROM_RECORDS[kind]
    ids = notice_ids(uow, kind, since=since, until=until, limit=limit)
    stored = stored_notices(uow, kind, ids)  # approved since notices were frozen: printed as approved
    sources = _BatchSources(uow, kind, [i for i in ids if i not in stored])
    offset = sources.offset(_FORMS[kind])
    items = []
    for index, item_id in enumerate(ids, 1):
        frozen = stored.get(item_id)
        items.append(
            dataclasses.replace(frozen, offset=offset) if frozen else build(uow, item_id, sources=sources)
        )
        if progress is not None and (index % 50 == 0 or index == len(ids)):
            progress(index, len(ids), f"正在读取{kind.label}数据")
    return items


# -- the unit's sheets -------------------------------------------------------------------------------
def unit_sheet(uow: UnitOfWork, unit_id: int, as_of: dt.date | None = None) -> UnitSheetInput:
    day = as_of or dt.date.today()
    info = units.get_unit(uow, unit_id)
    supervisor = units.get_unit(uow, info.supervisor_id).name if info.supervisor_id else ""
    charter = charters.charter_in_force(uow, unit_id, day)
    lines = quota.summary(uow, day, unit_id)
    return UnitSheetInput(
        office_name=_office(uow),
        unit_name=info.name,
        as_of=day,
        short_name=info.short_name,
        other_names=tuple(f"{name}（{kind.label}）" for name, kind in info.nameplates),
        category=info.category.label,
        rank=info.rank.label,
        system=info.system.label,
        funding=info.funding.label if info.funding else "",
        supervisor=supervisor,
        credit_code=info.credit_code or "",
        founded_on=info.founded_on,
        charter_number=charter.document_number if charter else "",
        duties=charter.duties if charter else (),
        divisions=tuple(d.name for d in divisions.list_divisions(uow, unit_id)),
        quotas=tuple(QuotaRow(line.kind_name, line.approved, line.enrolled, line.reserved) for line in lines),
        leader_posts=tuple(
            LeaderRow(line.tier.label, line.figures.approved, line.figures.filled)
            for line in quota.leader_posts(uow, unit_id, day)
        ),
        offset=print_offset(uow, Form.UNIT_SHEET),
    )


UNIT_LEVEL = "单位本级"


# Posting order of the people of a group: unit leaders by tier, division leaders by tier, the others.
_TIER_ORDER = {
    LeaderTier.UNIT_HEAD.value: 0,
    LeaderTier.UNIT_DEPUTY.value: 1,
    LeaderTier.DIVISION_HEAD.value: 2,
    LeaderTier.DIVISION_DEPUTY.value: 3,
}


def _posted_people(uow: UnitOfWork, unit_id: int, day: dt.date) -> list[tuple[str, str, str, str]]:
    """(division, post, name, kind) of everyone on the unit's quota on `day`, in posting order: by
    leader tier (unit leaders, then division leaders, then the others), then by enrollment date."""
    rows = uow.session.execute(
        select(
            Division.name,
            Enrollment.post_title,
            Person.name,
            QuotaKind.name,
            Enrollment.leader_tier,
            Enrollment.start_on,
            Person.id,
        )
        .join(Person, Person.id == Enrollment.person_id)
        .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
        .outerjoin(Division, Division.id == Enrollment.division_id)
        .where(Enrollment.unit_id == unit_id, quota.enrollment_active_on(day))
    ).all()
    ordered = sorted(rows, key=lambda row: (_TIER_ORDER.get(row[4] or "", len(_TIER_ORDER)), row[5], row[6]))
    return [(division or "", post or "", name, kind) for division, post, name, kind, *_rest in ordered]


def public_roster(uow: UnitOfWork, unit_id: int, as_of: dt.date | None = None) -> PublicRosterInput:
    """实名制公示表: people on quota grouped by division (no ID numbers), leaders first."""
    day = as_of or dt.date.today()
    info = units.get_unit(uow, unit_id)
    groups: dict[str, list[RosterEntry]] = defaultdict(list)
    kinds_of: dict[str, dict[str, int]] = defaultdict(dict)
    order = [d.name for d in divisions.list_divisions(uow, unit_id, include_abolished=True)]
    for division, post, name, kind in _posted_people(uow, unit_id, day):
        group = division or UNIT_LEVEL
        groups[group].append(RosterEntry(post or "工作人员", name))
        kinds_of[group][kind] = kinds_of[group].get(kind, 0) + 1
    names = sorted(groups, key=lambda name: (name != UNIT_LEVEL, order.index(name) if name in order else 999))
    kind_order = {k.name: k.position for k in uow.session.scalars(select(QuotaKind))}
    kinds = tuple(
        RosterKindLine(line.kind_name, line.approved, line.enrolled)
        for line in quota.summary(uow, day, unit_id)
    )
    return PublicRosterInput(
        _office(uow),
        info.name,
        day,
        kinds,
        tuple(
            RosterGroup(
                name,
                tuple(groups[name]),
                tuple(sorted(kinds_of[name].items(), key=lambda item: kind_order.get(item[0], 999))),
            )
            for name in names
        ),
        offset=print_offset(uow, Form.PUBLIC_ROSTER),
    )


# -- the decision ------------------------------------------------------------------------------------
def _date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _changes(uow: UnitOfWork, document_id: int) -> tuple[list[str], set[int]]:
    """Sentences for every ledger line that rests on the document, and the units concerned."""
    session = uow.session
    sentences: list[str] = []
    unit_ids: set[int] = set()
    kinds = {k.id: k.name for k in session.scalars(select(QuotaKind))}
    unit_names = dict(session.execute(select(Unit.id, Unit.name)).all())
    for entry in session.scalars(
        select(QuotaEntry).where(QuotaEntry.document_id == document_id).order_by(QuotaEntry.id)
    ):
        unit_ids.add(entry.unit_id)
        verb = "核增" if entry.delta > 0 else "核减"
        after = quota.figures(uow, entry.unit_id, entry.kind_id, entry.effective_on).approved
        sentences.append(
            f"{verb}{unit_names[entry.unit_id]}{kinds[entry.kind_id]}{abs(entry.delta)}名"
            f"（{entry.reason}），自{_date(entry.effective_on)}起执行。调整后，该单位核定"
            f"{kinds[entry.kind_id]}{after}名。"
        )
    for post in session.scalars(
        select(LeaderPostEntry).where(LeaderPostEntry.document_id == document_id).order_by(LeaderPostEntry.id)
    ):
        unit_ids.add(post.unit_id)
        verb = "核增" if post.delta > 0 else "核减"
        sentences.append(
            f"{verb}{unit_names[post.unit_id]}{_label(LeaderTier, post.tier)}职数{abs(post.delta)}名"
            f"（{_label(Rank, post.rank)}），自{_date(post.effective_on)}起执行。"
        )
    for plan in session.scalars(select(HiringPlan).where(HiringPlan.document_id == document_id)):
        unit_ids.add(plan.unit_id)
        sentences.append(
            f"同意{unit_names[plan.unit_id]}使用{kinds[plan.kind_id]}{plan.seats}名，采取"
            f"{_label(HiringMethod, plan.method)}方式补充人员，用编计划有效期至{_date(plan.valid_until)}。"
        )
    rows = session.execute(
        select(Enrollment, Person.name)
        .join(Person, Person.id == Enrollment.person_id)
        .where((Enrollment.start_document_id == document_id) | (Enrollment.end_document_id == document_id))
        .order_by(Enrollment.id)
    )
    for enrollment, name in rows:
        unit_ids.add(enrollment.unit_id)
        where = f"{unit_names[enrollment.unit_id]}{kinds[enrollment.kind_id]}"
        if enrollment.end_document_id == document_id and enrollment.end_on:
            cause = removal_cause(_label(RemovalReason, enrollment.end_reason)).rstrip("，")
            sentences.append(f"同意{name}{cause}自{_date(enrollment.end_on)}起核减{where}1名。")
        else:
            sentences.append(f"同意{name}自{_date(enrollment.start_on)}起入编，占用{where}1名。")
    return sentences, unit_ids


def _copies_to(uow: UnitOfWork) -> tuple[str, ...]:
    raw = read_all(uow).get(COPIES_TO_KEY, "")
    values = tuple(part.strip() for part in raw.replace("，", ",").split(",") if part.strip())
    return values or DEFAULT_COPIES_TO


def decision(uow: UnitOfWork, document_id: int) -> DecisionInput:
    """The 批复 of a numbered document: the matter approved under it, and every change resting on it."""
    document = get_or_fail(uow.session, Document, document_id, "文件")
    matter = uow.session.scalar(select(Matter).where(Matter.document_id == document_id))
    sentences, unit_ids = _changes(uow, document_id)
    addressee_id = matter.unit_id if matter and matter.unit_id else (min(unit_ids) if unit_ids else None)
    addressee_unit = uow.session.get(Unit, addressee_id) if addressee_id else None
    addressee = addressee_unit.name if addressee_unit else "各有关单位"
    subject = (
        matter.title
        if matter
        else (document.title.removeprefix("关于").removesuffix("的批复") or "有关机构编制事项")
    )
    paragraphs = [Paragraph(f"你单位关于{subject}的请示收悉。经研究，现批复如下：")]
    if not sentences:
        sentences = [f"同意{subject}。"]
    paragraphs += [Paragraph(f"{chinese_ordinal(i)}、{text}") for i, text in enumerate(sentences, 1)]
    paragraphs.append(Paragraph("请严格按照核定的机构编制事项执行，并及时办理相关手续。"))
    paragraphs.append(Paragraph("此复。"))
    office = _office(uow)
    issued = document.issued_on or (
        matter.decided_on if matter and matter.decided_on else document.created_at.date()
    )
    return DecisionInput(
        issuer_mark=f"{office}文件",
        doc_number=document.number,
        title=document.title or f"关于{subject}的批复",
        addressee=addressee,
        paragraphs=tuple(paragraphs),
        signature=office,
        signed_on=issued,
        copies_to=_copies_to(uow),
        printed_by=office,
        printed_on=issued,
        offset=print_offset(uow, Form.DECISION),
        keep_whole=_names_on(uow, document_id, unit_ids),
    )


def _names_on(uow: UnitOfWork, document_id: int, unit_ids: set[int]) -> tuple[str, ...]:
    """The unit and person names a decision's title must not break inside."""
    names = [name for (name,) in uow.session.execute(select(Unit.name).where(Unit.id.in_(unit_ids)))]
    names += uow.session.scalars(
        select(Person.name)
        .join(Enrollment, Enrollment.person_id == Person.id)
        .where((Enrollment.start_document_id == document_id) | (Enrollment.end_document_id == document_id))
    )
    matter_unit = uow.session.scalar(select(Matter.unit_id).where(Matter.document_id == document_id))
    if matter_unit:
        names += uow.session.scalars(select(Unit.name).where(Unit.id == matter_unit))
    return tuple(dict.fromkeys(names))


def latest_decision_document(uow: UnitOfWork) -> int:
    """The newest document a decision can be printed for: an approved matter's, else any with ledger lines."""
    matter_doc = uow.session.scalar(
        select(Matter.document_id)
        .where(Matter.document_id.is_not(None))
        .order_by(Matter.decided_on.desc(), Matter.id.desc())
        .limit(1)
    )
    if matter_doc:
        return matter_doc
    ledger_doc = uow.session.scalar(
        select(QuotaEntry.document_id).order_by(QuotaEntry.effective_on.desc(), QuotaEntry.id.desc()).limit(1)
    )
    if ledger_doc:
        return ledger_doc
    raise NotFound("数据库中还没有可以打印批复的文件（既没有已批准的事项，也没有编制台账记录）。")
