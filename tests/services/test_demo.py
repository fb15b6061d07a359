"""The demo county: every seeded problem is real, nothing else is broken, and its data is valid."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest
from sqlalchemy import func, select

from bianzhi_desktop.domain.credit_code import check_credit_code
from bianzhi_desktop.domain.enums import RetirementCategory
from bianzhi_desktop.domain.idnumber import parse_id_number
from bianzhi_desktop.domain.retirement import statutory_retirement_date
from bianzhi_desktop.persistence.database import Database, open_database
from bianzhi_desktop.persistence.models import Enrollment, HiringPlan, Person, QuotaEntry, Unit
from bianzhi_desktop.services.ledger import quota as quota
from tests.conftest import DemoBuild

RARE = "喆堃赟珺玥"


@pytest.fixture(scope="module")
def demo(demo_build: DemoBuild):  # type: ignore[no-untyped-def]
    db = open_database(demo_build.path)
    yield db
    db.close()


def seeded(demo_build: DemoBuild, code: str) -> set[str]:
    return {p.unit for p in demo_build.report.seeded_problems if p.code == code}


def unit_names(db: Database) -> dict[int, str]:
    with db.read() as uow:
        return dict(uow.session.execute(select(Unit.id, Unit.name)).all())


def test_report_matches_the_database(demo: Database, demo_build: DemoBuild) -> None:
    report = demo_build.report
    with demo.read() as uow:
        active = uow.session.scalar(
            select(func.count()).select_from(Enrollment).where(Enrollment.end_on.is_(None))
        )
        units = uow.session.scalar(select(func.count()).select_from(Unit))
    assert report.county_name == "云溪县"
    assert report.units == units > 100
    assert report.persons == active
    assert {"admin", "lina", "chenxiao", "wangjianguo", "zhaozhigang"} <= set(report.usernames)
    assert {p.code for p in report.seeded_problems} >= {
        "over_quota", "over_leader_posts", "past_retirement", "expired_reservation"
    }  # fmt: skip


def test_exactly_the_seeded_units_are_over_quota(demo: Database, demo_build: DemoBuild) -> None:
    with demo.read() as uow:
        over = {
            line.unit_name for line in quota.summary(uow) if line.figures.enrolled > line.figures.approved
        }
    assert over == seeded(demo_build, "over_quota")
    assert len(over) == 3


def test_exactly_the_seeded_units_hold_more_leader_posts_than_approved(
    demo: Database, demo_build: DemoBuild
) -> None:
    names = unit_names(demo)
    with demo.read() as uow:
        over = {
            names[unit_id]
            for unit_id in names
            if any(line.figures.filled > line.figures.approved for line in quota.leader_posts(uow, unit_id))
        }
    assert over == seeded(demo_build, "over_leader_posts") == {"云溪县农业农村局"}


def test_exactly_the_seeded_people_are_past_retirement(demo: Database, demo_build: DemoBuild) -> None:
    today = dt.date.today()
    with demo.read() as uow:
        rows = uow.session.execute(
            select(Person.name, Person.birth_date, Person.retirement_category, Unit.name)
            .join(Enrollment, Enrollment.person_id == Person.id)
            .join(Unit, Unit.id == Enrollment.unit_id)
            .where(Enrollment.end_on.is_(None))
        ).all()
    late = {
        (unit, name)
        for name, birth, category, unit in rows
        if statutory_retirement_date(birth, RetirementCategory(category)) <= today
    }
    expected = {
        (p.unit, p.detail.split(" ")[0])
        for p in demo_build.report.seeded_problems
        if p.code == "past_retirement"
    }
    assert late == expected
    assert len(late) == 4


def test_exactly_the_seeded_plan_expired_with_seats_unused(demo: Database, demo_build: DemoBuild) -> None:
    today = dt.date.today()
    with demo.read() as uow:
        used = dict(
            uow.session.execute(
                select(Enrollment.hiring_plan_id, func.count())
                .where(Enrollment.hiring_plan_id.is_not(None))
                .group_by(Enrollment.hiring_plan_id)
            ).all()
        )
        plans = uow.session.execute(
            select(HiringPlan.id, HiringPlan.seats, HiringPlan.valid_until, Unit.name)
            .join(Unit, Unit.id == HiringPlan.unit_id)
            .where(HiringPlan.cancelled_on.is_(None))
        ).all()
    expired = {
        unit for plan_id, seats, until, unit in plans if until < today and used.get(plan_id, 0) < seats
    }
    assert expired == seeded(demo_build, "expired_reservation")


def test_people_have_valid_unique_ids_matching_birth_and_sex(demo: Database) -> None:
    with demo.read() as uow:
        people = uow.session.execute(
            select(Person.name, Person.id_number, Person.birth_date, Person.sex)
        ).all()
    assert len(people) > 300
    numbers = [p.id_number for p in people]
    assert len(set(numbers)) == len(numbers)
    for name, number, birth, sex in people:
        info = parse_id_number(number)
        assert (info.birth_date, info.sex.value) == (birth, sex), name


def test_names_are_realistic_and_include_rare_characters(demo: Database) -> None:
    with demo.read() as uow:
        names = uow.session.scalars(select(Person.name)).all()
    assert all(2 <= len(name) <= 4 for name in names)
    assert set(RARE) & set("".join(names)), "the demo should exercise rare name characters"
    surnames = defaultdict(int)
    for name in names:
        surnames[name[0]] += 1
    assert len(surnames) > 40


def test_credit_codes_are_valid(demo: Database) -> None:
    with demo.read() as uow:
        codes = [c for c in uow.session.scalars(select(Unit.credit_code)) if c]
    assert len(codes) > 100
    assert all(check_credit_code(code).warnings == () for code in codes)


def test_nothing_in_the_demo_happens_after_today(demo: Database) -> None:
    today = dt.date.today()
    with demo.read() as uow:
        latest = {
            "入编": uow.session.scalar(select(func.max(Enrollment.start_on))),
            "出编": uow.session.scalar(select(func.max(Enrollment.end_on))),
            "编制台账": uow.session.scalar(select(func.max(QuotaEntry.effective_on))),
            "用编计划": uow.session.scalar(select(func.max(HiringPlan.approved_on))),
        }
    assert {what: day for what, day in latest.items() if day > today} == {}
