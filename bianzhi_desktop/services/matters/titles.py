"""The title of a matter as the inbox and the decision show it, generated from its content."""

from __future__ import annotations

from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.domain.wording import kind_phrase, people_count
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Unit
from bianzhi_desktop.services.ledger.kinds import resolve_kind


def _unit(uow: UnitOfWork, unit_id: int | None) -> str:
    unit = uow.session.get(Unit, unit_id) if unit_id is not None else None
    return unit.name if unit else "（未知机构）"


def _kind(uow: UnitOfWork, kind: str) -> str:
    try:
        return resolve_kind(uow, kind).name
    except BianzhiError:  # an unknown kind is reported when the matter is checked; the title stays readable
        return kind


def title_for(uow: UnitOfWork, content: m.Content) -> str:
    """E.g. “核准云溪县第一中学用编计划（全额拨款事业编制5名，公开招聘）”, “云溪县第一中学马波等3人入编”."""
    match content:
        case m.CreateUnit():
            return f"设立{content.unit.name}"
        case m.AbolishUnit():
            return f"撤销{_unit(uow, content.unit_id)}"
        case m.AmendUnit():
            name = _unit(uow, content.unit_id)
            parts = []
            if content.new_name.strip():
                parts.append(f"更名为{content.new_name.strip()}")
            if content.new_rank is not None:
                parts.append(f"规格调整为{content.new_rank.label}")
            if content.nameplates:
                parts.append("加挂" + "、".join(content.nameplates) + "牌子")
            if content.new_short_name.strip() and not parts:
                parts.append(f"规范简称为{content.new_short_name.strip()}")
            return f"{name}" + "、".join(parts)
        case m.MergeUnits():
            target = content.new_unit.name if content.new_unit else _unit(uow, content.target_unit_id)
            sources = "、".join(_unit(uow, u) for u in content.source_unit_ids)
            return f"整合{sources}组建{target}"
        case m.QuotaChange():
            units = "、".join(_unit(uow, u) for u in content.unit_refs()[:3])
            more = "等单位" if len(content.unit_refs()) > 3 else ""
            return f"调整{units}{more}编制（{content.reason}）"
        case m.LeaderPostsChange():
            return f"调整{_unit(uow, content.unit_id)}领导职数"
        case m.DivisionsChange():
            return f"调整{_unit(uow, content.unit_id)}内设机构"
        case m.CharterChange():
            return f"{_unit(uow, content.unit_id)}职能配置、内设机构和人员编制规定"
        case m.HiringPlanRequest():
            kind = kind_phrase(_kind(uow, content.kind))  # no brackets inside the brackets
            return f"核准{_unit(uow, content.unit_id)}用编计划（{kind}{content.seats}名，{content.method.label}）"
        case m.EnrollmentRequest():
            names = [h.person.name for h in content.hires if h.person]
            return f"{_unit(uow, content.unit_id)}{people_count(names, len(content.hires))}入编"
        case m.RemovalRequest():
            return f"{len(content.removals)}人出编"
        case m.TransferRequest():
            return f"{len(content.moves)}人县内调动"
    return content.KIND.label
