"""Going live (结束初始化录入): the checklist, the audited switch, reopening, and the county's status.

While the county is in initialisation the office enters the standing state directly. The checklist
says whether the books are in: units have charters in force, the ledger has figures citing their
documents, the register has people on quota, the health check has been run and recorded, and the
three roles of a matter (经办, 审核, 批准) are held by three different people (unless the small-office
relaxation is recorded with its reason). Only an administrator closes initialisation, and with an item
still open only by giving a reason, which is recorded. Reopening takes an administrator and a reason;
until initialisation is closed again the window shows that reason on every page.

This area knows nothing of `org` or `ledger` (they depend on it), so the checklist reads the tables.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from sqlalchemy import func, select

from bianzhi_desktop.domain.defaults import SettingKey
from bianzhi_desktop.domain.enums import Role, UnitCategory, UnitStatus
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.health import FindingState
from bianzhi_desktop.domain.matters import MatterState
from bianzhi_desktop.persistence import migrate
from bianzhi_desktop.persistence.database import Database, UnitOfWork
from bianzhi_desktop.persistence.models import (
    AuditRecord,
    Charter,
    Document,
    Enrollment,
    Finding,
    LeaderPostEntry,
    Matter,
    QuotaEntry,
    Setting,
    Unit,
    User,
)
from bianzhi_desktop.services.admin.settings import office_settings, read_all
from bianzhi_desktop.services.context import Actor, audit, now, require

# Coordinating bodies (议事协调机构) have no staff, no quota and no charter of their own.
WITHOUT_BOOKS = frozenset({UnitCategory.COORDINATING.value})
SHOWN_NAMES = 5  # units named in an open item's explanation
REASON_LIMIT = 500
OPEN_STATES = (MatterState.DRAFT.value, MatterState.SUBMITTED.value, MatterState.REVIEWED.value)


@dataclass(frozen=True)
class CheckItem:
    """One line of the checklist: done or not, why, and the counts behind it."""

    key: str
    label: str
    done: bool
    detail: str
    counts: dict[str, int] = field(default_factory=dict)
    relaxed: bool = False  # done only because the small-office relaxation is recorded

    def as_dict(self) -> dict[str, object]:
        return {
            "key": self.key,
            "label": self.label,
            "done": self.done,
            "relaxed": self.relaxed,
            "detail": self.detail,
            "counts": dict(self.counts),
        }


@dataclass(frozen=True)
class Checklist:
    items: tuple[CheckItem, ...]

    @property
    def open_items(self) -> tuple[CheckItem, ...]:
        return tuple(item for item in self.items if not item.done)

    @property
    def ready(self) -> bool:
        return not self.open_items


@dataclass(frozen=True)
class InitialisationState:
    """Whether the county is in initialisation, since when it is live, and why it was reopened."""

    initialisation: bool
    live_since: dt.datetime | None  # the last time initialisation was closed
    reopened_reason: str  # "" unless reopened after going live (and not closed again)

    @property
    def mode(self) -> str:
        return "initialisation" if self.initialisation else "live"

    @property
    def reopened(self) -> bool:
        return self.initialisation and bool(self.reopened_reason)


@dataclass(frozen=True)
class CountyStatus:
    county_name: str
    office_name: str
    state: InitialisationState
    revision: str
    units: int
    people: int
    open_matters: int

    def as_dict(self) -> dict[str, object]:
        return {
            "county": self.county_name,
            "office": self.office_name,
            "mode": self.state.mode,
            "live_since": self.state.live_since.isoformat() if self.state.live_since else None,
            "reopened_reason": self.state.reopened_reason or None,
            "schema_revision": self.revision,
            "units": self.units,
            "people": self.people,
            "open_matters": self.open_matters,
        }


# -- the checklist ------------------------------------------------------------------------------------
def _names(names: list[str]) -> str:
    shown = "、".join(names[:SHOWN_NAMES])
    return shown + (f"等{len(names)}个" if len(names) > SHOWN_NAMES else "")


def _active_units(uow: UnitOfWork) -> list[tuple[int, str]]:
    """Active units that keep books (coordinating bodies do not), in tree order."""
    rows = uow.session.execute(
        select(Unit.id, Unit.name)
        .where(Unit.status == UnitStatus.ACTIVE.value, Unit.category.not_in(WITHOUT_BOOKS))
        .order_by(Unit.category, Unit.position, Unit.id)
    )
    return [(unit_id, name) for unit_id, name in rows]


def _charters_item(uow: UnitOfWork, units: list[tuple[int, str]], today: dt.date) -> CheckItem:
    chartered = set(uow.session.scalars(select(Charter.unit_id).where(Charter.effective_on <= today)))
    missing = [name for unit_id, name in units if unit_id not in chartered]
    counts = {"units": len(units), "with_charter": len(units) - len(missing), "without_charter": len(missing)}
    if not units:
        return CheckItem("charters", "机构及其三定规定", False, "还没有录入任何机构。", counts)
    if missing:
        detail = f"{len(units)}个机构中有{len(missing)}个没有现行三定规定：{_names(missing)}。"
        return CheckItem("charters", "机构及其三定规定", False, detail, counts)
    return CheckItem("charters", "机构及其三定规定", True, f"{len(units)}个机构均有现行三定规定。", counts)


def _ledger_item(uow: UnitOfWork, units: list[tuple[int, str]]) -> CheckItem:
    label = "编制台账有据可查"
    quota_rows = uow.session.execute(
        select(QuotaEntry.unit_id, func.count(QuotaEntry.id), func.count(Document.id))
        .outerjoin(Document, Document.id == QuotaEntry.document_id)
        .group_by(QuotaEntry.unit_id)
    ).all()
    entries = sum(total for _unit, total, _cited in quota_rows)
    cited = sum(with_doc for _unit, _total, with_doc in quota_rows)
    posts = uow.session.scalar(select(func.count(LeaderPostEntry.id))) or 0
    posts_cited = (
        uow.session.scalar(
            select(func.count(LeaderPostEntry.id)).join(Document, Document.id == LeaderPostEntry.document_id)
        )
        or 0
    )
    documents = (
        uow.session.scalar(
            select(func.count(func.distinct(Document.id))).where(
                Document.id.in_(select(QuotaEntry.document_id))
                | Document.id.in_(select(LeaderPostEntry.document_id))
            )
        )
        or 0
    )
    with_figures = {unit_id for unit_id, _total, _cited in quota_rows}
    missing = [name for unit_id, name in units if unit_id not in with_figures]
    uncited = (entries - cited) + (posts - posts_cited)
    counts = {
        "quota_entries": entries,
        "leader_post_entries": posts,
        "documents": documents,
        "uncited": uncited,
        "units_without_figures": len(missing),
    }
    if not entries:
        return CheckItem("ledger", label, False, "编制台账还没有任何核定编制记录。", counts)
    problems = []
    if missing:
        problems.append(f"{len(missing)}个机构没有核定编制记录：{_names(missing)}")
    if uncited:
        problems.append(f"{uncited}条台账记录找不到所引用的文件")
    summary = f"编制台账{entries}条、领导职数台账{posts}条，引用文件{documents}份"
    if problems:
        return CheckItem("ledger", label, False, summary + "；但" + "；".join(problems) + "。", counts)
    return CheckItem("ledger", label, True, summary + "，每条均引用依据文件。", counts)


def _register_item(uow: UnitOfWork) -> CheckItem:
    people, units = uow.session.execute(
        select(func.count(Enrollment.id), func.count(func.distinct(Enrollment.unit_id))).where(
            Enrollment.end_on.is_(None)
        )
    ).one()
    counts = {"people": int(people or 0), "units": int(units or 0)}
    if not people:
        return CheckItem("register", "实名制人员已录入", False, "还没有任何在编人员。", counts)
    return CheckItem(
        "register", "实名制人员已录入", True, f"在编人员{people}名，分布在{units}个机构。", counts
    )


def _health_item(uow: UnitOfWork) -> CheckItem:
    last = uow.session.execute(
        select(AuditRecord.at, AuditRecord.username)
        .where(AuditRecord.action == "health.record")
        .order_by(AuditRecord.id.desc())
        .limit(1)
    ).first()
    runs = (
        uow.session.scalar(select(func.count(AuditRecord.id)).where(AuditRecord.action == "health.record"))
        or 0
    )
    unresolved = (
        uow.session.scalar(
            select(func.count(Finding.id)).where(
                Finding.state != FindingState.CLOSED.value, Finding.present.is_(True)
            )
        )
        or 0
    )
    counts = {"runs": runs, "open_findings": unresolved}
    if last is None:
        return CheckItem(
            "health",
            "已运行体检",
            False,
            "还没有运行体检并登记整改台账（体检页的“运行体检”，或 bianzhi-cli check --record）。",
            counts,
        )
    at, username = last
    detail = f"最近一次体检于{at:%Y-%m-%d %H:%M}由{username}登记整改台账，未销号的问题{unresolved}项。"
    return CheckItem("health", "已运行体检", True, detail, counts)


def _users_item(uow: UnitOfWork, relaxed: bool, reason: str) -> CheckItem:
    label = "经办、审核、批准由不同人员担任"
    holders: dict[Role, list[int]] = {Role.CLERK: [], Role.REVIEWER: [], Role.APPROVER: []}
    names: dict[int, str] = {}
    for user in uow.session.scalars(select(User).where(User.active.is_(True)).order_by(User.id)):
        roles = {code for code in user.roles.split(",") if code}
        names[user.id] = user.display_name
        for role in holders:
            if role.value in roles:
                holders[role].append(user.id)
    counts = {role.value: len(ids) for role, ids in holders.items()}
    lacking = [role.label for role, ids in holders.items() if not ids]
    if lacking:
        detail = f"没有启用的“{'”“'.join(lacking)}”用户（管理员不代替这些角色，须明确授予）。"
        return CheckItem("users", label, False, detail, counts)
    three = next(
        (trio for trio in itertools.product(*holders.values()) if len(set(trio)) == 3),
        None,
    )
    held = "；".join(f"{role.label}：{'、'.join(names[i] for i in ids)}" for role, ids in holders.items())
    if three is not None:
        return CheckItem("users", label, True, f"{held}。", counts)
    if relaxed:
        detail = f"{held}。不足三人，但已启用小编办放宽设置（允许批准本人起草的事项），理由：{reason}"
        return CheckItem("users", label, True, detail, counts, relaxed=True)
    detail = (
        f"{held}。这三个角色须由三位不同的人员担任；编办确实人手不足的，可由管理员启用放宽设置并写明理由。"
    )
    return CheckItem("users", label, False, detail, counts)


def checklist(uow: UnitOfWork, today: dt.date | None = None) -> Checklist:
    """Is the county ready to go live? Each item done or not, with its explanation and counts."""
    day = today or dt.date.today()
    values = read_all(uow)
    reason = values.get(SettingKey.SELF_APPROVAL_REASON, "").strip()
    relaxed = values.get(SettingKey.ALLOW_SELF_APPROVAL) == "1" and bool(reason)
    units = _active_units(uow)
    return Checklist(
        (
            _charters_item(uow, units, day),
            _ledger_item(uow, units),
            _register_item(uow),
            _health_item(uow),
            _users_item(uow, relaxed, reason),
        )
    )


# -- the switch ---------------------------------------------------------------------------------------
def initialisation_state(uow: UnitOfWork) -> InitialisationState:
    values = read_all(uow)
    since = values.get(SettingKey.LIVE_SINCE, "")
    return InitialisationState(
        initialisation=values[SettingKey.INITIALISATION] == "1",
        live_since=dt.datetime.fromisoformat(since) if since else None,
        reopened_reason=values.get(SettingKey.REOPENED_REASON, "")
        if values[SettingKey.INITIALISATION] == "1"
        else "",
    )


def _store(uow: UnitOfWork, key: str, value: str) -> None:
    """A setting written as part of one audited event (the event's audit record says what changed)."""
    row = uow.session.get(Setting, key)
    if row is None:
        uow.session.add(Setting(key=key, value=value))
    else:
        row.value = value


def _reason(text: str | None, field_name: str) -> str:
    reason = (text or "").strip()
    if not reason:
        raise ValidationError(field_name, "须写明理由，理由将记入操作日志")
    if len(reason) > REASON_LIMIT:
        raise ValidationError(field_name, f"过长（{len(reason)}个字符，最多{REASON_LIMIT}个）")
    return reason


def go_live(uow: UnitOfWork, actor: Actor, *, force_reason: str | None = None) -> Checklist:
    """结束初始化录入: administrators only. With an item open it is refused, unless forced with a reason
    (recorded with the open items). Afterwards only approved matters change the books."""
    require(actor, Role.ADMIN, action="结束初始化录入")
    state = initialisation_state(uow)
    if not state.initialisation:
        since = f"于{state.live_since:%Y-%m-%d %H:%M}" if state.live_since else ""
        raise RuleViolation(f"初始化录入已{since}结束，本县已正式运行。")
    result = checklist(uow)
    open_items = result.open_items
    reason = ""
    if open_items:
        if force_reason is None or not force_reason.strip():
            listed = "；".join(f"{item.label}：{item.detail}" for item in open_items)
            raise RuleViolation(
                f"还有{len(open_items)}项未完成，不能结束初始化录入：{listed}"
                "如确需结束，请写明强制结束的理由。"
            )
        reason = _reason(force_reason, "强制结束理由")
    stamp = now()
    _store(uow, SettingKey.INITIALISATION, "0")
    _store(uow, SettingKey.LIVE_SINCE, stamp.isoformat())
    _store(uow, SettingKey.REOPENED_REASON, "")
    summary = "结束初始化录入，正式运行"
    if open_items:
        summary += f"（强制结束，未完成：{'、'.join(item.label for item in open_items)}；理由：{reason}）"
    audit(
        uow,
        actor,
        "initialisation.close",
        summary=summary,
        changes={
            "initialisation": (True, False),
            "open_items": (None, [item.key for item in open_items]),
            "reason": (None, reason or None),
        },
        table_name="setting",
    )
    return result


def reopen_initialisation(uow: UnitOfWork, actor: Actor, reason: str) -> None:
    """Reopen initialisation after going live: administrators only, with a reason that is recorded and
    shown on every page of the window until initialisation is closed again."""
    require(actor, Role.ADMIN, action="重新打开初始化录入")
    text = _reason(reason, "重新打开理由")
    if office_settings(uow).initialisation:
        raise RuleViolation("本县仍在初始化录入中，无须重新打开。")
    _store(uow, SettingKey.INITIALISATION, "1")
    _store(uow, SettingKey.REOPENED_REASON, text)
    audit(
        uow,
        actor,
        "initialisation.reopen",
        summary=f"重新打开初始化录入（理由：{text}）",
        changes={"initialisation": (False, True), "reason": (None, text)},
        table_name="setting",
    )


# -- the county at a glance ---------------------------------------------------------------------------
def county_status(db: Database) -> CountyStatus:
    """Mode, schema revision and the counts of units, people on quota and open matters (reads only)."""
    with db.read() as uow:
        office = office_settings(uow)
        state = initialisation_state(uow)
        units = uow.session.scalar(select(func.count(Unit.id)).where(Unit.status == UnitStatus.ACTIVE.value))
        people = uow.session.scalar(select(func.count(Enrollment.id)).where(Enrollment.end_on.is_(None)))
        matters = uow.session.scalar(select(func.count(Matter.id)).where(Matter.state.in_(OPEN_STATES)))
    return CountyStatus(
        county_name=office.county_name,
        office_name=office.office_name,
        state=state,
        revision=migrate.current_revision(db.engine) or "",
        units=int(units or 0),
        people=int(people or 0),
        open_matters=int(matters or 0),
    )
