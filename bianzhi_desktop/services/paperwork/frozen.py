"""The stored form of notices frozen at approval (`FrozenNotice`): JSON of the notice's input, read
back when it is printed. `paperwork.issue` freezes them; `paperwork.papers` prints what was stored."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select, update

from bianzhi_desktop.documents.pdf.notice_inputs import (
    EnrollmentNoticeInput,
    HiringNoticeInput,
    NoticeHeader,
    NoticeInput,
    NoticeKind,
    PersonParticulars,
    RemovalNoticeInput,
)
from bianzhi_desktop.domain.enums import Role
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.bulk_load import in_chunks
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import FrozenNotice
from bianzhi_desktop.services.context import Actor, audit, require

_INPUTS: dict[NoticeKind, type[Any]] = {
    NoticeKind.HIRING: HiringNoticeInput,
    NoticeKind.ENROLLMENT: EnrollmentNoticeInput,
    NoticeKind.REMOVAL: RemovalNoticeInput,
}


def stored_notices(
    uow: UnitOfWork, kind: NoticeKind, ids: Iterable[int], *, today: dt.date | None = None
) -> dict[int, NoticeInput]:
    """The stored notices of these plans or enrollments (those approved since notices were frozen), as
    printed today: one printed before carries 补打 and today's date beside its 编号."""
    day = today or dt.date.today()
    found: dict[int, NoticeInput] = {}
    for chunk in in_chunks(ids):
        rows = uow.session.execute(
            select(FrozenNotice.source_id, FrozenNotice.content, FrozenNotice.first_printed_on).where(
                FrozenNotice.kind == kind.value, FrozenNotice.source_id.in_(chunk)
            )
        )
        for source_id, content, first_printed in rows:
            notice = decode(kind, content)
            if first_printed is not None:
                reprint = f"补打 {day.year}年{day.month}月{day.day}日"
                notice = dataclasses.replace(
                    notice, header=dataclasses.replace(notice.header, reprint=reprint)
                )
            found[source_id] = notice
    return found


def record_printed(
    uow: UnitOfWork, actor: Actor, kind: NoticeKind, ids: Iterable[int], on: dt.date | None = None
) -> int:
    """Note that these notices were printed (or saved as PDF) today: the next print of any of them is a
    reprint (补打). Returns how many were printed for the first time."""
    require_printer(actor)
    day = on or dt.date.today()
    first = 0
    for chunk in in_chunks(ids):
        result = uow.session.execute(
            update(FrozenNotice)
            .where(
                FrozenNotice.kind == kind.value,
                FrozenNotice.source_id.in_(chunk),
                FrozenNotice.first_printed_on.is_(None),
            )
            .values(first_printed_on=day)
        )
        first += getattr(result, "rowcount", 0) or 0  # an UPDATE gives a CursorResult
    if first:
        audit(uow, actor, "paperwork.print", summary=f"打印{kind.label}{first}份", table_name="frozen_notice")
    return first


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


def decode(kind: NoticeKind, content: str) -> NoticeInput:
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
    return _INPUTS[kind](**values)


def require_printer(actor: Actor) -> None:
    """Anyone signed in with a role may print; the check names the action for the message."""
    require(actor, Role.CLERK, Role.REVIEWER, Role.APPROVER, Role.ADMIN, action="打印机构编制文书")
