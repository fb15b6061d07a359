"""Documents (文号) that figures rest on, and gap-free numbering of the office's own documents."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select, update

from bianzhi_desktop.domain.docnumber import canonical_doc_number, format_doc_number, parse_doc_number
from bianzhi_desktop.domain.errors import NotFound, ValidationError
from bianzhi_desktop.domain.limits import check_length
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import DocCounter, Document
from bianzhi_desktop.services.context import Actor, audit, now


@dataclass(frozen=True)
class DocumentRef:
    """A citation as the caller gives it: the number, and optionally title, issuer and date."""

    number: str
    title: str = ""
    issuer: str = ""
    issued_on: dt.date | None = None


@dataclass(frozen=True)
class DocumentInfo:
    id: int
    number: str
    title: str
    issuer: str
    issued_on: dt.date | None


def info(document: Document) -> DocumentInfo:
    return DocumentInfo(document.id, document.number, document.title, document.issuer, document.issued_on)


def cite(
    uow: UnitOfWork, actor: Actor, ref: DocumentRef | str | None, *, field: str = "依据文号"
) -> Document:
    """The document a record rests on: found by its number, or registered now. Required."""
    if ref is None:
        raise ValidationError(field, "必须填写，每个数字都要有据可查")
    if isinstance(ref, str):
        ref = DocumentRef(ref)
    try:
        number = canonical_doc_number(ref.number)
    except ValidationError as error:
        raise ValidationError(field, error.rule) from None
    existing = uow.session.scalar(select(Document).where(Document.number == number))
    if existing is not None:
        return existing
    parsed = parse_doc_number(number)
    document = Document(
        number=number,
        prefix=parsed.prefix if parsed else None,
        year=parsed.year if parsed else None,
        seq=parsed.seq if parsed else None,
        title=check_length("文件标题", ref.title.strip()),
        issuer=check_length("发文机关", ref.issuer.strip()),
        issued_on=ref.issued_on,
        created_at=now(),
    )
    uow.session.add(document)
    audit(
        uow,
        actor,
        "document.register",
        document,
        summary=f"登记文件 {number}",
        changes={"number": (None, number), "title": (None, document.title)},
    )
    return document


def issue_number(
    uow: UnitOfWork, actor: Actor, prefix: str, year: int, *, title: str, issuer: str, issued_on: dt.date
) -> Document:
    """Take the next number of the office's own series: gap-free, never twice (row-locked counter)."""
    seq = next_in_series(uow, prefix, year)
    number = format_doc_number(prefix, year, seq)
    document = Document(
        number=number,
        prefix=prefix,
        year=year,
        seq=seq,
        title=title,
        issuer=issuer,
        issued_on=issued_on,
        created_at=now(),
    )
    uow.session.add(document)
    audit(
        uow,
        actor,
        "document.issue",
        document,
        summary=f"编发文号 {number}",
        changes={"number": (None, number)},
    )
    return document


def next_in_series(uow: UnitOfWork, prefix: str, year: int) -> int:
    """The next sequence number of a series (a document prefix, or a kind of notice) and year: gap-free
    and never twice, under concurrent approvals too (row-locked counter)."""
    counter = uow.session.get(DocCounter, (prefix, year))
    if counter is None:
        highest = (
            uow.session.scalar(
                select(Document.seq)
                .where(Document.prefix == prefix, Document.year == year)
                .order_by(Document.seq.desc())
                .limit(1)
            )
            or 0
        )
        # Two first numbers of a year may be taken at the same moment: the second insert waits for the
        # first and then does nothing, and the row-locked update below serialises the two.
        dialect_insert = _insert_for(uow.session.get_bind().dialect.name)
        uow.session.execute(
            dialect_insert(DocCounter)
            .values(prefix=prefix, year=year, last_seq=highest)
            .on_conflict_do_nothing(index_elements=["prefix", "year"])
        )
    # The next number is above both the counter and every number already recorded in the series, so a
    # number typed in ahead of the counter (an import, an initialisation entry) is stepped over instead
    # of blocking every later approval (the health check reports it: doc_number_ahead).
    recorded = (
        select(func.coalesce(func.max(Document.seq), 0))
        .where(Document.prefix == prefix, Document.year == year)
        .scalar_subquery()
    )
    seq = uow.session.execute(
        update(DocCounter)
        .where(DocCounter.prefix == prefix, DocCounter.year == year)
        .values(last_seq=case((DocCounter.last_seq >= recorded, DocCounter.last_seq), else_=recorded) + 1)
        .returning(DocCounter.last_seq)
    ).scalar_one()
    return int(seq)


def find(uow: UnitOfWork, number: str) -> DocumentInfo:
    document = uow.session.scalar(select(Document).where(Document.number == canonical_doc_number(number)))
    if document is None:
        raise NotFound(f"没有文号为“{number}”的文件。")
    return info(document)


def _insert_for(dialect: str) -> Callable[..., Any]:
    """The dialect's INSERT with ON CONFLICT, imported when first needed (a SQLite desk never loads
    the PostgreSQL dialect)."""
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as postgresql_insert

        return postgresql_insert
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert
