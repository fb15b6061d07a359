"""Bulk registration's index handling: a large batch into a small table goes in without the
non-unique indexes, which come back exactly as they were (also after an error), on every database."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, inspect, select

from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence import bulk_load
from bianzhi_desktop.persistence.models import Enrollment, Person, QuotaKind
from bianzhi_desktop.services.register import bulk
from bianzhi_desktop.services.register.bulk import PersonEnrollmentRow, register_people
from bianzhi_desktop.services.register.persons import PersonInput
from tests.conftest import County

from .helpers import add_quota, add_unit

NAMES = ("王喆", "李堃", "张赟", "赵珺", "钱玥")


def _indexes(connection) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """Every index of the two tables, with its columns, uniqueness and predicate, as text."""
    found = inspect(connection)
    return {
        table: sorted(
            f"{i['name']} {i['column_names']} {i['unique']} "
            + " ".join(f"{k}={v}" for k, v in sorted(i.get("dialect_options", {}).items()))
            for i in found.get_indexes(table)
        )
        for table in ("person", "enrollment")
    }


def _rows(unit_id: int, kind_id: int) -> list[PersonEnrollmentRow]:
    return [
        PersonEnrollmentRow(
            PersonInput(name, make_id_number("320102", dt.date(1980 + n, 5, 1), 11 + 2 * n)),
            unit_id,
            kind_id,
            dt.date(2020, 9, 1),
            "清编〔2020〕3号",
        )
        for n, name in enumerate(NAMES)
    ]


@pytest.fixture
def unit_and_kind(qh: County) -> tuple[int, int]:
    unit = add_unit(qh.db, qh.admin, "县教育局")
    add_quota(qh.db, qh.admin, unit, "行政编制", 10)
    with qh.db.read() as uow:
        kind = uow.session.scalar(select(QuotaKind.id).where(QuotaKind.name == "行政编制"))
    return unit, int(kind)  # type: ignore[arg-type]


def test_large_batch_keeps_every_index(
    qh: County, unit_and_kind: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_load, "REBUILD_FROM", 2)  # five rows count as a large batch
    with qh.db.read() as uow:
        before = _indexes(uow.session.connection())
    with qh.db.write() as uow:
        result = register_people(uow, qh.admin, _rows(*unit_and_kind))
        uow.commit()
    assert result.persons == len(NAMES)
    with qh.db.read() as uow:
        assert _indexes(uow.session.connection()) == before
        named = uow.session.scalar(select(func.count()).select_from(Person).where(Person.name == "李堃"))
        assert named == 1
        assert uow.session.scalar(select(func.count()).select_from(Enrollment)) == len(NAMES)


def test_indexes_come_back_after_an_error_inside_the_batch(
    qh: County, unit_and_kind: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_load, "REBUILD_FROM", 2)
    write_rows = bulk._write_rows

    def fails_after_writing(*args, **kwargs):  # type: ignore[no-untyped-def]
        write_rows(*args, **kwargs)
        raise RuntimeError("写入后出错")

    monkeypatch.setattr(bulk, "_write_rows", fails_after_writing)
    with qh.db.read() as uow:
        before = _indexes(uow.session.connection())
    with qh.db.write() as uow:
        with pytest.raises(RuntimeError):
            register_people(uow, qh.admin, _rows(*unit_and_kind))
        # a caller that goes on with the transaction still has every index
        assert _indexes(uow.session.connection()) == before
    with qh.db.read() as uow:  # and nothing was committed
        assert _indexes(uow.session.connection()) == before
        assert uow.session.scalar(select(func.count()).select_from(Person)) == 0


def test_bulk_rows_too_large_for_their_columns_are_refused(qh: County) -> None:  # type: ignore[name-defined]
    """Rows written column by column get the same guard as rows written through the ORM."""
    from bianzhi_desktop.domain.errors import ValidationError
    from bianzhi_desktop.persistence.models import DocCounter

    with qh.db.write() as uow, pytest.raises(ValidationError, match="过长"):
        bulk_load.insert_many(
            uow, DocCounter.__table__, {"prefix": ["清" * 65], "year": [2026], "last_seq": [0]}
        )
