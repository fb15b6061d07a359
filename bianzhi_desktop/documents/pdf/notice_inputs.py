"""Plain inputs of the three notices (用编核准通知单, 入编通知单, 出编通知单); services build them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from bianzhi_desktop.documents.pdf.drawing import Offset
from bianzhi_desktop.domain.quota import QuotaFigures


class NoticeKind(StrEnum):
    HIRING = "hiring"
    ENROLLMENT = "enrollment"
    REMOVAL = "removal"

    @property
    def label(self) -> str:
        return {"hiring": "用编核准通知单", "enrollment": "入编通知单", "removal": "出编通知单"}[self.value]


# One unit's figures of one quota kind (核定, 在编, 已核准未入编, 空编): the domain's own value type.
Figures = QuotaFigures


@dataclass(frozen=True)
class PersonParticulars:
    name: str
    sex: str
    id_number: str
    birth_date: dt.date | None = None
    ethnicity: str = ""
    education: str = ""
    political_status: str = ""


@dataclass(frozen=True)
class NoticeHeader:
    """What every notice carries."""

    office_name: str  # 中共云溪县委机构编制委员会办公室
    serial: str  # 编号, e.g. 云编入〔2026〕15号
    issued_on: dt.date
    unit_name: str
    kind_name: str  # 编制类型
    funding: str  # 经费形式 (may be empty)
    before: Figures
    after: Figures
    basis: str = ""  # the document the notice rests on (用编计划文号 …)
    handler: str = ""  # 经办人: who drafted the matter
    signer: str = ""  # 签发人: who approved it
    reprint: str = ""  # printed again after its first printing: 补打 and the day (shown beside the 编号)


@dataclass(frozen=True)
class HiringNoticeInput:
    header: NoticeHeader
    seats: int
    method: str  # 公开招聘 / 考录 / 选调 …
    valid_from: dt.date
    valid_until: dt.date
    offset: Offset = field(default_factory=Offset)
    kind: NoticeKind = NoticeKind.HIRING


@dataclass(frozen=True)
class EnrollmentNoticeInput:
    header: NoticeHeader
    person: PersonParticulars
    enrolled_on: dt.date
    method: str = ""  # how the person came: 公开招聘, 调任 …
    division: str = ""
    post_title: str = ""
    offset: Offset = field(default_factory=Offset)
    kind: NoticeKind = NoticeKind.ENROLLMENT


@dataclass(frozen=True)
class RemovalNoticeInput:
    header: NoticeHeader
    person: PersonParticulars
    removed_on: dt.date
    reason: str  # 退休, 调出 …
    offset: Offset = field(default_factory=Offset)
    kind: NoticeKind = NoticeKind.REMOVAL


NoticeInput = HiringNoticeInput | EnrollmentNoticeInput | RemovalNoticeInput
