"""The life of a matter (机构编制事项): draft → submitted → reviewed → approved, or returned (back to
draft), rejected, withdrawn. Each step records who, when and the opinion.

A clerk drafts, submits and withdraws; a reviewer reviews or returns; the approver approves, rejects or
returns. The drafter may not review or approve their own matter unless the office setting relaxes the
rule, and then the matter records it. Submission checks the matter by applying it in a savepoint that
is rolled back; approval applies it for real, in the caller's one transaction, under the next number
of the office's document series.
"""

from __future__ import annotations

import datetime as dt
import uuid

from sqlalchemy import delete

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from bianzhi_desktop.domain.matters import MatterKind, MatterState, StepAction
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Document, Matter, MatterStep, MatterUnit, Unit
from bianzhi_desktop.services.admin.settings import office_settings
from bianzhi_desktop.services.context import Actor, audit, get_or_fail, now, require
from bianzhi_desktop.services.matters.apply import Applied, apply_content
from bianzhi_desktop.services.matters.titles import title_for
from bianzhi_desktop.services.org import documents
from bianzhi_desktop.services.org.documents import DocumentRef
from bianzhi_desktop.services.paperwork.issue import freeze_notices

OPINION_REQUIRED = {StepAction.RETURN, StepAction.REJECT}


def _content(kind: MatterKind, content: m.Content) -> m.Content:
    if not isinstance(content, m.CONTENT_TYPES[MatterKind(kind)]):
        raise ValidationError("事项内容", f"与事项类型“{MatterKind(kind).label}”不符")
    return content


def _set_units(uow: UnitOfWork, matter: Matter, content: m.Content) -> None:
    refs = [u for u in content.unit_refs() if uow.session.get(Unit, u) is not None]
    matter.unit_id = refs[0] if refs else None
    uow.session.execute(delete(MatterUnit).where(MatterUnit.matter_id == matter.id))
    for unit_id in dict.fromkeys(refs):
        uow.session.add(MatterUnit(matter_id=matter.id, unit_id=unit_id))


def _step(
    uow: UnitOfWork,
    actor: Actor,
    matter: Matter,
    action: StepAction,
    before: MatterState | None,
    opinion: str,
    at: dt.datetime | None,
) -> None:
    stamp = at or now()
    uow.session.add(
        MatterStep(
            matter_id=matter.id,
            action=action.value,
            from_state=before.value if before else None,
            to_state=matter.state,
            user_id=actor.user_id or 0,
            at=stamp,
            opinion=opinion.strip(),
        )
    )
    matter.updated_at = stamp
    audit(
        uow,
        actor,
        f"matter.{action.value}",
        matter,
        summary=f"{action.label}事项 {matter.title}" + (f"：{opinion.strip()}" if opinion.strip() else ""),
        changes={"state": (before.value if before else None, matter.state)},
    )


def create_draft(
    uow: UnitOfWork,
    actor: Actor,
    content: m.Content,
    *,
    title: str = "",
    opinion: str = "",
    at: dt.datetime | None = None,
) -> int:
    """A clerk drafts a matter; its content is validated (the kind's own rules) before anything is saved."""
    require(actor, Role.CLERK, action="起草机构编制事项")
    if actor.user_id is None:
        raise PermissionDenied("机构编制事项须由登录的用户起草。")
    kind = content.KIND
    stamp = at or now()
    matter = Matter(
        kind=kind.value,
        state=MatterState.DRAFT.value,
        title=title.strip() or title_for(uow, content),
        content=_content(kind, content).to_json(),
        effective_on=content.effective,
        drafter_id=actor.user_id,
        self_approval=False,
        created_at=stamp,
        updated_at=stamp,
    )
    uow.session.add(matter)
    uow.flush()
    _set_units(uow, matter, content)
    _step(uow, actor, matter, StepAction.CREATE, None, opinion, stamp)
    return matter.id


def _load(uow: UnitOfWork, matter_id: int) -> Matter:
    """The matter, row-locked on PostgreSQL so two people cannot move it at the same moment."""
    matter = uow.session.get(Matter, matter_id, with_for_update=True)
    if matter is None:
        raise NotFound(f"找不到机构编制事项（编号 {matter_id}），可能已被删除。")
    return matter


def _guard(uow: UnitOfWork, actor: Actor, matter: Matter, action: StepAction) -> m.Transition:
    require(actor, *m.TRANSITIONS[action].roles, action=f"{action.label}机构编制事项")
    transition = m.transition_for(action, MatterState(matter.state))
    own = actor.user_id == matter.drafter_id
    if transition.drafter_only and not own and not actor.has(Role.ADMIN):
        raise PermissionDenied(f"只有起草人才能{action.label}本事项。")
    if transition.not_drafter and own:
        if not office_settings(uow).allow_self_approval:
            raise PermissionDenied(f"不能{action.label}本人起草的事项（须由其他人审核、批准）。")
        matter.self_approval = True
    return transition


def _move(
    uow: UnitOfWork,
    actor: Actor,
    matter_id: int,
    action: StepAction,
    opinion: str,
    at: dt.datetime | None,
) -> Matter:
    matter = _load(uow, matter_id)
    transition = _guard(uow, actor, matter, action)
    if action in OPINION_REQUIRED and not opinion.strip():
        raise ValidationError("意见", f"{action.label}时须写明理由")
    before = MatterState(matter.state)
    applied = _approve(uow, actor, matter, (at or now()).date()) if action == StepAction.APPROVE else None
    matter.state = transition.target.value
    relaxed = matter.self_approval and actor.user_id == matter.drafter_id and transition.not_drafter
    note = "（按本办设置，经办人审核、批准本人起草的事项）" if relaxed else ""
    _step(uow, actor, matter, action, before, opinion + note, at)
    if applied is not None and matter.decided_on is not None:
        # The notices of what was applied (signed by the step just recorded), numbered and worked out
        # now, so every print of them is the same.
        freeze_notices(
            uow,
            matter.id,
            matter.decided_on,
            lines=applied.notice_lines,
            figures_before=applied.figures_before,
        )
    return matter


def edit_draft(uow: UnitOfWork, actor: Actor, matter_id: int, content: m.Content, *, title: str = "") -> None:
    """The drafter changes a draft (also one returned for changes)."""
    matter = _load(uow, matter_id)
    _guard(uow, actor, matter, StepAction.EDIT)
    matter.content = _content(MatterKind(matter.kind), content).to_json()
    matter.title = title.strip() or title_for(uow, content)
    matter.effective_on = content.effective
    _set_units(uow, matter, content)
    _step(uow, actor, matter, StepAction.EDIT, MatterState.DRAFT, "", None)


def check(uow: UnitOfWork, actor: Actor, content: m.Content, decided_on: dt.date | None = None) -> Applied:
    """Apply the content in a savepoint and roll it back: every rule and figure checked, nothing kept."""
    day = decided_on or content.effective or dt.date.today()
    placeholder = DocumentRef(f"（预审{uuid.uuid4().hex[:12]}）")
    savepoint = uow.session.begin_nested()
    try:
        return apply_content(uow, actor, content, placeholder, day)
    finally:
        savepoint.rollback()


def submit(
    uow: UnitOfWork,
    actor: Actor,
    matter_id: int,
    *,
    opinion: str = "",
    at: dt.datetime | None = None,
    dry_run: bool = True,
) -> None:
    """Submitted only if the matter would apply cleanly today: the refusal says why, with the figures.

    `dry_run=False` is for batch work that approves in the same transaction, where the approval
    applies (and so checks) the very same content a moment later.
    """
    matter = _load(uow, matter_id)
    _guard(uow, actor, matter, StepAction.SUBMIT)
    if dry_run:
        check(uow, actor, content_of(matter), (at.date() if at else None))
    _move(uow, actor, matter_id, StepAction.SUBMIT, opinion, at)


def review(
    uow: UnitOfWork, actor: Actor, matter_id: int, *, opinion: str = "", at: dt.datetime | None = None
) -> None:
    _move(uow, actor, matter_id, StepAction.REVIEW, opinion, at)


def return_matter(
    uow: UnitOfWork, actor: Actor, matter_id: int, *, opinion: str, at: dt.datetime | None = None
) -> None:
    """Back to the drafter for changes (退回修改)."""
    _move(uow, actor, matter_id, StepAction.RETURN, opinion, at)


def reject(
    uow: UnitOfWork, actor: Actor, matter_id: int, *, opinion: str, at: dt.datetime | None = None
) -> None:
    _move(uow, actor, matter_id, StepAction.REJECT, opinion, at)


def withdraw(
    uow: UnitOfWork, actor: Actor, matter_id: int, *, opinion: str = "", at: dt.datetime | None = None
) -> None:
    _move(uow, actor, matter_id, StepAction.WITHDRAW, opinion, at)


def approve(
    uow: UnitOfWork, actor: Actor, matter_id: int, *, opinion: str = "", at: dt.datetime | None = None
) -> str:
    """Approve: take the next document number, apply every change citing it, all in this transaction.

    Returns the document number. If any change is refused nothing is kept (the caller does not commit)
    and the number is not used up.
    """
    matter = _move(uow, actor, matter_id, StepAction.APPROVE, opinion, at)
    number = documents.info(matter_document(uow, matter)).number
    return number


def matter_document(uow: UnitOfWork, matter: Matter) -> Document:
    return get_or_fail(uow.session, Document, matter.document_id or 0, "批复文件")


def _approve(uow: UnitOfWork, actor: Actor, matter: Matter, decided_on: dt.date) -> Applied:
    office = office_settings(uow)
    if not office.doc_prefix:
        raise ValidationError("发文字号前缀", "尚未设置，请管理员在系统设置中填写")
    document = documents.issue_number(
        uow,
        actor,
        office.doc_prefix,
        decided_on.year,
        title=f"关于{matter.title}的批复",
        issuer=office.office_name,
        issued_on=decided_on,
    )
    applied = apply_content(uow, actor, content_of(matter), DocumentRef(document.number), decided_on)
    matter.document_id = document.id
    matter.decided_on = decided_on
    return applied


def content_of(matter: Matter) -> m.Content:
    return m.content_from_json(matter.kind, matter.content)
