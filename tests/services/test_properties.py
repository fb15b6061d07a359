"""Properties that hold after any sequence of service calls, whether each call succeeds or is refused.

- Every figure equals what the raw ledger and register say: approved = the sum of the ledger's
  changes effective by that day; enrolled = the enrollments active that day.
- No count goes negative; no person is on two quotas on the same day.
- A refused call is refused with a Chinese `BianzhiError` and writes nothing (not even an audit
  record); a call that succeeds leaves at least one audit record.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, or_, select

from bianzhi_desktop.domain.enums import RemovalReason, UnitCategory
from bianzhi_desktop.domain.errors import BianzhiError
from bianzhi_desktop.persistence.database import Database, open_database
from bianzhi_desktop.persistence.models import AuditRecord, Enrollment, QuotaEntry, QuotaKind
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.ledger import quota as quota
from bianzhi_desktop.services.ledger.entries import EnrollmentInput
from tests.conftest import make_county

from .helpers import add_person, add_unit

KINDS = ("行政编制", "事业编制（全额拨款）")
DAYS = [dt.date(2019, 1, 1) + dt.timedelta(days=90 * i) for i in range(20)]  # 2019 … 2023
PEOPLE = 5
UNITS = 2

quota_change = st.tuples(
    st.just("quota"),
    st.integers(0, UNITS - 1),
    st.sampled_from(KINDS),
    st.integers(-4, 6),
    st.sampled_from(DAYS),
)
enrollment = st.tuples(
    st.just("enroll"), st.integers(0, PEOPLE - 1), st.integers(0, UNITS - 1), st.sampled_from(KINDS),
    st.sampled_from(DAYS),
)  # fmt: skip
removal = st.tuples(st.just("remove"), st.integers(0, 20), st.sampled_from(DAYS))
operations = st.lists(st.one_of(quota_change, enrollment, removal), min_size=1, max_size=15)


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[int], list[int]]:
    path = tmp_path_factory.mktemp("props") / "template.sqlite3"
    db = open_database(path)
    try:
        county = make_county(db)
        units = [add_unit(db, county.admin, f"清河县{n}局") for n in "甲乙"]
        units[1:] = [add_unit(db, county.admin, "清河县丙中心", UnitCategory.PI_PUBLIC1)]
        people = [
            add_person(db, county.admin, name, seq=11 + 2 * i)
            for i, name in enumerate(("张喆", "李堃", "王赟", "赵珺", "钱玥"))
        ]
    finally:
        db.close()
    return path, units, people


def audit_count(db: Database) -> int:
    with db.read() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(AuditRecord)) or 0)


def apply(db: Database, county, units: list[int], people: list[int], op: tuple) -> None:  # type: ignore[no-untyped-def]
    with db.write() as uow:
        if op[0] == "quota":
            _, unit, kind, delta, day = op
            initialisation.record_quota(uow, county.admin, units[unit], kind, delta, day, "清编〔2019〕1号")
        elif op[0] == "enroll":
            _, person, unit, kind, day = op
            data = EnrollmentInput(person_id=people[person], unit_id=units[unit], kind=kind, start_on=day,
                                   document="清编入〔2019〕1号")  # fmt: skip
            initialisation.record_enrollment(uow, county.admin, data)
        else:
            _, index, day = op
            ids = uow.session.scalars(select(Enrollment.id).order_by(Enrollment.id)).all()
            if not ids:
                return
            initialisation.record_removal(
                uow, county.admin, ids[index % len(ids)], day, RemovalReason.RETIRED, "清编出〔2019〕1号"
            )
        uow.commit()


def check_invariants(db: Database, units: list[int], days: tuple[dt.date, ...]) -> None:
    with db.read() as uow:
        kinds = dict(uow.session.execute(select(QuotaKind.name, QuotaKind.id)).all())
        for day in days:
            for unit in units:
                for kind in KINDS:
                    approved = uow.session.scalar(
                        select(func.coalesce(func.sum(QuotaEntry.delta), 0)).where(
                            QuotaEntry.unit_id == unit,
                            QuotaEntry.kind_id == kinds[kind],
                            QuotaEntry.effective_on <= day,
                        )
                    )
                    enrolled = uow.session.scalar(
                        select(func.count()).where(
                            Enrollment.unit_id == unit,
                            Enrollment.kind_id == kinds[kind],
                            Enrollment.start_on <= day,
                            or_(Enrollment.end_on.is_(None), Enrollment.end_on > day),
                        )
                    )
                    figures = quota.figures(uow, unit, kinds[kind], day)
                    assert (figures.approved, figures.enrolled) == (approved, enrolled)
                    assert figures.approved >= 0 and figures.enrolled >= 0 and figures.reserved >= 0
        first, second = Enrollment.__table__.alias(), Enrollment.__table__.alias()
        overlapping = uow.session.execute(
            select(first.c.id, second.c.id).where(
                first.c.person_id == second.c.person_id,
                first.c.id < second.c.id,
                first.c.start_on < func.coalesce(second.c.end_on, dt.date(9999, 12, 31)),
                second.c.start_on < func.coalesce(first.c.end_on, dt.date(9999, 12, 31)),
            )
        ).all()
        assert overlapping == [], "a person is on two quotas at once"
        open_twice = uow.session.execute(
            select(Enrollment.person_id).where(Enrollment.end_on.is_(None)).group_by(Enrollment.person_id)
            .having(func.count() > 1)
        ).all()  # fmt: skip
        assert open_twice == []


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_any_sequence_of_calls_keeps_the_books_straight(template, tmp_path_factory, ops) -> None:  # type: ignore[no-untyped-def]
    source, units, people = template
    path = tmp_path_factory.mktemp("run") / "county.sqlite3"
    shutil.copyfile(source, path)
    db = open_database(path)
    try:
        from bianzhi_desktop.services.admin import users

        with db.read() as uow:
            admin = users.actor_by_id(uow, 1)
        county = type("C", (), {"admin": admin})
        for op in ops:
            before = audit_count(db)
            try:
                apply(db, county, units, people, op)
            except BianzhiError as refusal:
                assert str(refusal) and any("\u4e00" <= ch <= "\u9fff" for ch in str(refusal)), op
                assert audit_count(db) == before, f"a refused call wrote an audit record: {op}"
            else:
                assert op[0] == "remove" or audit_count(db) > before, f"a change left no audit record: {op}"
            check_invariants(db, units, (op[-1], dt.date.today()))
        check_invariants(db, units, tuple(DAYS))
    finally:
        db.close()
