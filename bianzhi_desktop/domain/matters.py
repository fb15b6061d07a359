"""Staffing matters (机构编制事项): their kinds, their states, who may move them, and their content.

Each kind has its own structured content, a frozen dataclass that validates itself and round-trips
through JSON. What needs the database (vacancies, caps, people) is checked by the services, which
apply the content on approval.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from dataclasses import dataclass, fields, is_dataclass
from enum import Enum
from typing import Any, ClassVar

from bianzhi_desktop.domain.enums import (
    HiringMethod,
    Labelled,
    LeaderTier,
    NameKind,
    Rank,
    RemovalReason,
    Role,
)
from bianzhi_desktop.domain.errors import RuleViolation, ValidationError
from bianzhi_desktop.domain.textnorm import clean_cell_text
from bianzhi_desktop.domain.units import UnitInput


class MatterKind(Labelled):
    """The kinds of matter the office decides."""

    UNIT_CREATE = ("unit_create", "设立机构")
    UNIT_ABOLISH = ("unit_abolish", "撤销机构")
    UNIT_AMEND = ("unit_amend", "机构更名、调整规格、加挂牌子")
    UNIT_MERGE = ("unit_merge", "机构整合组建")
    QUOTA_CHANGE = ("quota_change", "编制调整")
    LEADER_POSTS = ("leader_posts", "领导职数调整")
    DIVISIONS = ("divisions", "内设机构调整")
    CHARTER = ("charter", "印发或修订三定规定")
    HIRING_PLAN = ("hiring_plan", "用编计划核准")
    ENROLLMENT = ("enrollment", "入编")
    REMOVAL = ("removal", "出编")
    TRANSFER = ("transfer", "县内调动")


class MatterState(Labelled):
    DRAFT = ("draft", "草稿")
    SUBMITTED = ("submitted", "已提交待审核")
    REVIEWED = ("reviewed", "已审核待批准")
    APPROVED = ("approved", "已批准")
    REJECTED = ("rejected", "不予批准")
    WITHDRAWN = ("withdrawn", "已撤回")

    @property
    def is_closed(self) -> bool:
        return self in (MatterState.APPROVED, MatterState.REJECTED, MatterState.WITHDRAWN)


class StepAction(Labelled):
    CREATE = ("create", "起草")
    EDIT = ("edit", "修改")
    SUBMIT = ("submit", "提交")
    REVIEW = ("review", "审核通过")
    RETURN = ("return", "退回修改")
    APPROVE = ("approve", "批准")
    REJECT = ("reject", "不予批准")
    WITHDRAW = ("withdraw", "撤回")


@dataclass(frozen=True)
class Transition:
    action: StepAction
    sources: frozenset[MatterState]
    target: MatterState
    roles: tuple[Role, ...]
    drafter_only: bool = False  # only the drafter (or an administrator) may take this step
    not_drafter: bool = False  # the drafter may not take this step (unless the office relaxes it)


_S = MatterState
TRANSITIONS: dict[StepAction, Transition] = {
    t.action: t
    for t in (
        Transition(StepAction.EDIT, frozenset({_S.DRAFT}), _S.DRAFT, (Role.CLERK,), drafter_only=True),
        Transition(StepAction.SUBMIT, frozenset({_S.DRAFT}), _S.SUBMITTED, (Role.CLERK,), drafter_only=True),
        Transition(
            StepAction.WITHDRAW,
            frozenset({_S.DRAFT, _S.SUBMITTED, _S.REVIEWED}),
            _S.WITHDRAWN,
            (Role.CLERK,),
            drafter_only=True,
        ),
        Transition(
            StepAction.REVIEW, frozenset({_S.SUBMITTED}), _S.REVIEWED, (Role.REVIEWER,), not_drafter=True
        ),
        Transition(
            StepAction.RETURN,
            frozenset({_S.SUBMITTED, _S.REVIEWED}),
            _S.DRAFT,
            (Role.REVIEWER, Role.APPROVER),
            not_drafter=True,
        ),
        Transition(
            StepAction.APPROVE, frozenset({_S.REVIEWED}), _S.APPROVED, (Role.APPROVER,), not_drafter=True
        ),
        Transition(
            StepAction.REJECT, frozenset({_S.REVIEWED}), _S.REJECTED, (Role.APPROVER,), not_drafter=True
        ),
    )
}


def transition_for(action: StepAction, state: MatterState) -> Transition:
    """The transition of `action` from `state`; a step the state does not allow is refused."""
    transition = TRANSITIONS[action]
    if state not in transition.sources:
        allowed = "、".join(s.label for s in MatterState if s in transition.sources)
        raise RuleViolation(f"事项当前为“{state.label}”，不能{action.label}（只有{allowed}的事项可以）。")
    return transition


# -- JSON round trip --------------------------------------------------------------------------------
def _encode(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in fields(value)}
    return value


def _decode(hint: Any, raw: Any, where: str) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if raw is None:
            return None
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        return _decode(options[0], raw, where)
    if origin is tuple:
        if not isinstance(raw, list):
            raise ValidationError(where, "应为列表")
        item = typing.get_args(hint)[0]
        return tuple(_decode(item, v, where) for v in raw)
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(raw)
        except ValueError:
            raise ValidationError(where, f"“{raw}”不是可选值") from None
    if hint is dt.date:
        try:
            return dt.date.fromisoformat(raw)
        except (TypeError, ValueError):
            raise ValidationError(where, f"“{raw}”不是日期") from None
    if isinstance(hint, type) and is_dataclass(hint):
        return _from_dict(hint, raw)
    if hint is int and (not isinstance(raw, int) or isinstance(raw, bool)):
        raise ValidationError(where, f"“{raw}”不是整数")
    if hint is str and not isinstance(raw, str):
        raise ValidationError(where, f"“{raw}”不是文字")
    return raw


def _from_dict(cls: type, raw: Any) -> Any:
    if not isinstance(raw, dict):
        raise ValidationError(getattr(cls, "LABEL", cls.__name__), "内容格式不对")
    hints = typing.get_type_hints(cls)
    values = {}
    for f in fields(cls):
        if f.name in raw:
            values[f.name] = _decode(hints[f.name], raw[f.name], f.name)
    return cls(**values)


# -- validation helpers ------------------------------------------------------------------------------
def _text(value: str, field_name: str, *, required: bool = True) -> str:
    cleaned = clean_cell_text(value)
    if required and not cleaned:
        raise ValidationError(field_name, "不能为空")
    return cleaned


def _positive(value: int, field_name: str) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
        raise ValidationError(field_name, f"必须是正整数（现为{value}）")


def _duties(items: tuple[str, ...], field_name: str = "主要职责") -> tuple[str, ...]:
    cleaned = tuple(text.strip() for text in items if text and text.strip())
    if not cleaned:
        raise ValidationError(field_name, "至少填写一项职责（机构不能没有三定规定）")
    return cleaned


# -- the parts contents are made of --------------------------------------------------------------------
@dataclass(frozen=True)
class QuotaGrant:
    """Quota a new or merged unit receives: from outside (上级核定), the pool, or another unit."""

    kind: str
    amount: int
    from_unit_id: int | None = None
    from_pool: bool = False

    def __post_init__(self) -> None:
        _text(self.kind, "编制类型")
        _positive(self.amount, "编制数")
        if self.from_pool and self.from_unit_id is not None:
            raise ValidationError("编制来源", "不能同时来自周转池和其他单位")


@dataclass(frozen=True)
class QuotaMove:
    """One line of a quota change: increase (no source), reduce (no destination), transfer, or pool."""

    kind: str
    amount: int
    from_unit_id: int | None = None
    to_unit_id: int | None = None
    from_pool: bool = False
    to_pool: bool = False
    due_on: dt.date | None = None  # a loan from the pool (周转编制) is returned by this date

    def __post_init__(self) -> None:
        _text(self.kind, "编制类型")
        _positive(self.amount, "编制数")
        if self.from_pool and self.from_unit_id is not None:
            raise ValidationError("调出方", "不能同时是周转池和单位")
        if self.to_pool and self.to_unit_id is not None:
            raise ValidationError("调入方", "不能同时是周转池和单位")
        if self.from_unit_id is None and self.to_unit_id is None:
            raise ValidationError("编制调整", "每一行至少要涉及一个单位")
        if self.from_unit_id is not None and self.from_unit_id == self.to_unit_id:
            raise ValidationError("编制调整", "调出和调入不能是同一单位")
        if self.due_on is not None and not self.from_pool:
            raise ValidationError("归还日期", "只有从周转池借用的编制才有归还日期")

    @property
    def direction(self) -> str:
        if self.from_pool:
            return "从周转池调剂"
        if self.to_pool:
            return "收回周转池"
        if self.from_unit_id is None:
            return "增加"
        if self.to_unit_id is None:
            return "核减"
        return "划转"


@dataclass(frozen=True)
class LeaderPostDelta:
    tier: LeaderTier
    rank: Rank
    delta: int

    def __post_init__(self) -> None:
        if not isinstance(self.delta, int) or self.delta == 0:
            raise ValidationError("领导职数", "增减数必须是不为零的整数")


@dataclass(frozen=True)
class PersonParticulars:
    """A person not yet on the register (a new hire), as the enrollment matter names them."""

    name: str
    id_number: str
    retirement_category: str | None = None
    ethnicity: str = "汉族"
    education: str | None = None
    political_status: str | None = None

    def __post_init__(self) -> None:
        _text(self.name, "姓名")
        _text(self.id_number, "身份证号")


@dataclass(frozen=True)
class Hire:
    """One person enrolled by an enrollment matter: a registered person, or new particulars."""

    person_id: int | None = None
    person: PersonParticulars | None = None
    division_id: int | None = None
    post_title: str = ""

    def __post_init__(self) -> None:
        if (self.person_id is None) == (self.person is None):
            raise ValidationError("入编人员", "须选择已登记的人员或填写新人员信息（二者选一）")


@dataclass(frozen=True)
class Removal:
    enrollment_id: int
    end_on: dt.date
    reason: RemovalReason


@dataclass(frozen=True)
class Move:
    """One person moved to another unit (县内调动 or 转隶): the old enrollment ends, a new one starts."""

    enrollment_id: int
    to_unit_id: int
    to_kind: str = ""  # empty: the same kind as before
    division_id: int | None = None
    post_title: str = ""


@dataclass(frozen=True)
class QuotaRelease:
    """Where an abolished unit's quota of one kind goes: another unit, the pool, or withdrawn (收回)."""

    kind: str
    amount: int
    to_unit_id: int | None = None
    to_pool: bool = False

    def __post_init__(self) -> None:
        _positive(self.amount, "编制数")
        if self.to_pool and self.to_unit_id is not None:
            raise ValidationError("编制去向", "不能同时划入周转池和单位")


@dataclass(frozen=True)
class NewDivision:
    name: str
    duties: str = ""

    def __post_init__(self) -> None:
        _text(self.name, "内设机构名称")


@dataclass(frozen=True)
class DivisionRename:
    division_id: int
    name: str

    def __post_init__(self) -> None:
        _text(self.name, "内设机构名称")


# -- contents, one per kind -------------------------------------------------------------------------
@dataclass(frozen=True)
class Content:
    KIND: ClassVar[MatterKind]

    def to_json(self) -> str:
        return json.dumps(_encode(self), ensure_ascii=False, sort_keys=True)

    def unit_refs(self) -> tuple[int, ...]:
        """Existing units the matter concerns (for the inbox and the unit's history)."""
        return ()

    @property
    def effective(self) -> dt.date | None:
        return getattr(self, "effective_on", None)


@dataclass(frozen=True)
class CreateUnit(Content):
    KIND = MatterKind.UNIT_CREATE
    unit: UnitInput
    effective_on: dt.date
    duties: tuple[str, ...]
    charter_summary: str = ""
    divisions: tuple[NewDivision, ...] = ()
    quotas: tuple[QuotaGrant, ...] = ()
    leader_posts: tuple[LeaderPostDelta, ...] = ()
    cap_document: str = ""  # the document raising the institution cap (机构限额), when it is exceeded
    raised_cap: int | None = None

    def __post_init__(self) -> None:
        _duties(self.duties)
        if any(p.delta < 0 for p in self.leader_posts):
            raise ValidationError("领导职数", "新设机构的领导职数只能增加")
        if bool(self.cap_document.strip()) != (self.raised_cap is not None):
            raise ValidationError("机构限额", "引用调整限额的文件时须同时填写调整后的限额")

    def unit_refs(self) -> tuple[int, ...]:
        return tuple(q.from_unit_id for q in self.quotas if q.from_unit_id is not None)


@dataclass(frozen=True)
class AbolishUnit(Content):
    KIND = MatterKind.UNIT_ABOLISH
    unit_id: int
    effective_on: dt.date
    transfers: tuple[Move, ...] = ()  # 转隶
    removals: tuple[Removal, ...] = ()
    quotas: tuple[QuotaRelease, ...] = ()

    def unit_refs(self) -> tuple[int, ...]:
        others = [m.to_unit_id for m in self.transfers] + [q.to_unit_id for q in self.quotas if q.to_unit_id]
        return (self.unit_id, *dict.fromkeys(others))


@dataclass(frozen=True)
class AmendUnit(Content):
    KIND = MatterKind.UNIT_AMEND
    unit_id: int
    effective_on: dt.date
    new_name: str = ""
    new_short_name: str = ""
    new_rank: Rank | None = None
    nameplates: tuple[str, ...] = ()
    nameplate_kind: NameKind = NameKind.NAMEPLATE

    def __post_init__(self) -> None:
        if not (self.new_name.strip() or self.new_rank or self.nameplates or self.new_short_name.strip()):
            raise ValidationError("机构调整", "须至少填写新名称、新规格或加挂牌子中的一项")

    def unit_refs(self) -> tuple[int, ...]:
        return (self.unit_id,)


@dataclass(frozen=True)
class MergeUnits(Content):
    """整合组建: the sources' quotas, divisions, people and live hiring plans go to the target."""

    KIND = MatterKind.UNIT_MERGE
    source_unit_ids: tuple[int, ...]
    effective_on: dt.date
    duties: tuple[str, ...]
    target_unit_id: int | None = None
    new_unit: UnitInput | None = None
    charter_summary: str = ""
    leader_posts: tuple[LeaderPostDelta, ...] = ()

    def __post_init__(self) -> None:
        if (self.target_unit_id is None) == (self.new_unit is None):
            raise ValidationError("整合后机构", "须选择一个现有机构或新设一个机构（二者选一）")
        sources = set(self.source_unit_ids)
        if len(sources) != len(self.source_unit_ids):
            raise ValidationError("被整合机构", "同一机构不能列两次")
        needed = 2 if self.new_unit is not None else 1
        if len(sources) < needed:
            raise ValidationError("被整合机构", f"至少选择{needed}个机构")
        if self.target_unit_id in sources:
            raise ValidationError("被整合机构", "不能包含整合后的机构本身")
        _duties(self.duties)

    def unit_refs(self) -> tuple[int, ...]:
        target = (self.target_unit_id,) if self.target_unit_id is not None else ()
        return (*target, *self.source_unit_ids)


@dataclass(frozen=True)
class QuotaChange(Content):
    KIND = MatterKind.QUOTA_CHANGE
    effective_on: dt.date
    moves: tuple[QuotaMove, ...]
    reason: str = ""

    def __post_init__(self) -> None:
        if not self.moves:
            raise ValidationError("编制调整", "至少填写一行调整")
        _text(self.reason, "调整事由")

    def unit_refs(self) -> tuple[int, ...]:
        ids = [u for m in self.moves for u in (m.from_unit_id, m.to_unit_id) if u is not None]
        return tuple(dict.fromkeys(ids))


@dataclass(frozen=True)
class LeaderPostsChange(Content):
    KIND = MatterKind.LEADER_POSTS
    unit_id: int
    effective_on: dt.date
    changes: tuple[LeaderPostDelta, ...]
    reason: str = ""

    def __post_init__(self) -> None:
        if not self.changes:
            raise ValidationError("领导职数", "至少填写一项调整")
        _text(self.reason, "调整事由")

    def unit_refs(self) -> tuple[int, ...]:
        return (self.unit_id,)


@dataclass(frozen=True)
class DivisionsChange(Content):
    KIND = MatterKind.DIVISIONS
    unit_id: int
    effective_on: dt.date
    add: tuple[NewDivision, ...] = ()
    rename: tuple[DivisionRename, ...] = ()
    abolish: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        if not (self.add or self.rename or self.abolish):
            raise ValidationError("内设机构调整", "至少填写一项（增设、更名或撤销）")

    def unit_refs(self) -> tuple[int, ...]:
        return (self.unit_id,)


@dataclass(frozen=True)
class CharterChange(Content):
    KIND = MatterKind.CHARTER
    unit_id: int
    effective_on: dt.date
    duties: tuple[str, ...]
    summary: str = ""

    def __post_init__(self) -> None:
        _duties(self.duties)

    def unit_refs(self) -> tuple[int, ...]:
        return (self.unit_id,)


@dataclass(frozen=True)
class HiringPlanRequest(Content):
    """用编计划: seats of one kind for one unit, valid from approval until `valid_until`."""

    KIND = MatterKind.HIRING_PLAN
    unit_id: int
    kind: str
    seats: int
    method: HiringMethod
    valid_from: dt.date
    valid_until: dt.date
    posts: str = ""  # the posts to fill, as the unit describes them

    def __post_init__(self) -> None:
        _text(self.kind, "编制类型")
        _positive(self.seats, "计划名额")
        if self.valid_until < self.valid_from:
            raise ValidationError(
                "有效期", f"截止日期{self.valid_until.isoformat()}早于起始日期{self.valid_from.isoformat()}"
            )

    @property
    def effective(self) -> dt.date:
        return self.valid_from

    def unit_refs(self) -> tuple[int, ...]:
        return (self.unit_id,)


@dataclass(frozen=True)
class EnrollmentRequest(Content):
    """入编: people enrolled under a hiring plan, or as a transfer (调入) without one."""

    KIND = MatterKind.ENROLLMENT
    unit_id: int
    kind: str
    start_on: dt.date
    hires: tuple[Hire, ...]
    plan_id: int | None = None

    def __post_init__(self) -> None:
        _text(self.kind, "编制类型")
        if not self.hires:
            raise ValidationError("入编人员", "至少一人")
        registered = [h.person_id for h in self.hires if h.person_id is not None]
        numbers = [h.person.id_number.strip().upper() for h in self.hires if h.person is not None]
        if len(set(registered)) != len(registered) or len(set(numbers)) != len(numbers):
            raise ValidationError("入编人员", "同一人不能在一个事项中入编两次")

    @property
    def effective(self) -> dt.date:
        return self.start_on

    def unit_refs(self) -> tuple[int, ...]:
        return (self.unit_id,)


@dataclass(frozen=True)
class RemovalRequest(Content):
    KIND = MatterKind.REMOVAL
    removals: tuple[Removal, ...]

    def __post_init__(self) -> None:
        if not self.removals:
            raise ValidationError("出编人员", "至少一人")
        ids = [r.enrollment_id for r in self.removals]
        if len(set(ids)) != len(ids):
            raise ValidationError("出编人员", "同一人不能在一个事项中出编两次")

    @property
    def effective(self) -> dt.date:
        return min(r.end_on for r in self.removals)


@dataclass(frozen=True)
class TransferRequest(Content):
    """县内调动: one removal plus one enrollment per person."""

    KIND = MatterKind.TRANSFER
    effective_on: dt.date
    moves: tuple[Move, ...]

    def __post_init__(self) -> None:
        if not self.moves:
            raise ValidationError("调动人员", "至少一人")
        ids = [m.enrollment_id for m in self.moves]
        if len(set(ids)) != len(ids):
            raise ValidationError("调动人员", "同一人不能在一个事项中调动两次")

    def unit_refs(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(m.to_unit_id for m in self.moves))


CONTENT_TYPES: dict[MatterKind, type[Content]] = {
    cls.KIND: cls
    for cls in (
        CreateUnit,
        AbolishUnit,
        AmendUnit,
        MergeUnits,
        QuotaChange,
        LeaderPostsChange,
        DivisionsChange,
        CharterChange,
        HiringPlanRequest,
        EnrollmentRequest,
        RemovalRequest,
        TransferRequest,
    )
}


def content_from_json(kind: MatterKind | str, text: str) -> Content:
    """Rebuild (and so re-validate) a stored content."""
    kind = MatterKind(kind)
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationError("事项内容", f"不是有效的JSON（{error.msg}）") from None
    try:
        return _from_dict(CONTENT_TYPES[kind], raw)
    except TypeError as error:
        raise ValidationError("事项内容", f"缺少必填项（{error}）") from None
