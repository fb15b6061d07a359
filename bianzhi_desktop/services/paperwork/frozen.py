"""The stored form of notices frozen at approval (`FrozenNotice`): JSON of the notice's input, read
back when it is printed. `paperwork.issue` freezes them; `paperwork.papers` prints what was stored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from bianzhi_desktop.documents.pdf.drawing import Offset
from bianzhi_desktop.documents.pdf.notice_inputs import (
    EnrollmentNoticeInput,
    HiringNoticeInput,
    NoticeHeader,
    NoticeInput,
    NoticeKind,
    PersonParticulars,
    RemovalNoticeInput,
)
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.bulk_load import in_chunks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import FrozenNotice

_INPUTS: dict[NoticeKind, type[Any]] = {
    NoticeKind.HIRING: HiringNoticeInput,
    NoticeKind.ENROLLMENT: EnrollmentNoticeInput,
    NoticeKind.REMOVAL: RemovalNoticeInput,
}


def stored_notices(uow: UnitOfWork, kind: NoticeKind, ids: Iterable[int]) -> dict[int, NoticeInput]:
    """The stored notices of these plans or enrollments (those approved since notices were frozen)."""
    found: dict[int, NoticeInput] = {}
    for chunk in in_chunks(ids):
        rows = uow.session.execute(
            select(FrozenNotice.source_id, FrozenNotice.content).where(
                FrozenNotice.kind == kind.value, FrozenNotice.source_id.in_(chunk)
            )
        )
        for source_id, content in rows:
            found[source_id] = decode(kind, content)
    return found


# -- the stored form: JSON of the input, dates as ISO text, without the print offset ----------------------
def encode(notice: NoticeInput) -> str:
    data = dataclasses.asdict(notice)
    data.pop("offset", None)
    data.pop("kind", None)
    return json.dumps(data, ensure_ascii=False, default=_plain, sort_keys=True)


def _plain(value: object) -> object:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__} in a notice")


def decode(kind: NoticeKind, content: str, offset: Offset | None = None) -> NoticeInput:
    data = json.loads(content)
    header = data.pop("header")
    for key in ("before", "after"):
        header[key] = QuotaFigures(**header[key])
    header["issued_on"] = dt.date.fromisoformat(header["issued_on"])
    values: dict[str, Any] = {"header": NoticeHeader(**header)}
    for key, value in data.items():
        if key == "person":
            person = dict(value)
            if person.get("birth_date"):
                person["birth_date"] = dt.date.fromisoformat(person["birth_date"])
            values[key] = PersonParticulars(**person)
        elif isinstance(value, str) and key in ("valid_from", "valid_until", "enrolled_on", "removed_on"):
            values[key] = dt.date.fromisoformat(value)
        else:
            values[key] = value
    if offset is not None:
        values["offset"] = offset
    return _INPUTS[kind](**values)
