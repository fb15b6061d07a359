"""The ID-number screen the database keeps (persistence.id_screen, a partial index): valid numbers stay
out of it, numbers made invalid by any path — a plain SQL insert or update — come into it, and the
health check finds what the screen cannot know in advance (birth dates after the day of the check)."""

from __future__ import annotations

from sqlalchemy import text, update

from bianzhi_desktop.domain.enums import Sex
from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence import id_screen
from bianzhi_desktop.persistence.models import Person

from ..conftest import County
from .helpers import D, add_quota, add_unit, enrol
from .test_health_check import check, person_row


def screened(county: County) -> set[int]:
    with county.db.read() as uow:
        dialect = uow.session.get_bind().dialect.name
        sql = f"SELECT id FROM person WHERE {id_screen.condition(dialect)}"
        return set(uow.session.scalars(text(sql)))


def test_valid_numbers_stay_out_of_the_screen_and_sql_edits_come_into_it(qh: County) -> None:
    assert Sex.MALE.value == id_screen.MALE
    unit = add_unit(qh.db, qh.clerk, "清河县审计局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 40)
    people = []
    for seq in range(24):  # every check character, both sexes, many birth dates
        birth = D(1960 + seq, 1 + seq % 12, 1 + seq)
        sex = Sex.MALE if seq % 2 else Sex.FEMALE
        people.append(person_row(qh, f"人员{seq}", make_id_number("320102", birth, seq * 7), birth, sex))
    assert screened(qh) == set()
    edited = people[3]
    with qh.db.write() as uow:  # an edit that bypasses the program
        uow.session.execute(update(Person).where(Person.id == edited).values(birth_date=D(1990, 1, 1)))
        uow.commit()
    assert screened(qh) == {edited}
    enrol(qh.db, qh.clerk, edited, unit)
    [finding] = check(qh, FindingCode.INVALID_ID)
    assert finding.person_ids == (edited,)
    assert "不一致" in finding.message


def test_birth_dates_out_of_range_on_the_day_of_the_check(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县档案馆")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 5)
    future = person_row(qh, "未来", make_id_number("320102", D(1990, 3, 1), 11), D(1990, 3, 1))
    ancient = person_row(qh, "古人", make_id_number("320102", D(1899, 12, 31), 13), D(1899, 12, 31))
    for person in (future, ancient):
        enrol(qh.db, qh.clerk, person, unit)
    with qh.db.write() as uow:  # legacy data the program would refuse: born after the check's day
        number = make_id_number("320102", D(2027, 3, 1), 11)
        values = {"id_number": number, "birth_date": D(2027, 3, 1)}
        uow.session.execute(update(Person).where(Person.id == future).values(**values))
        uow.commit()
    assert screened(qh) == set()  # the numbers agree with the stored data: only the day makes them wrong
    findings = {f.person_ids[0]: f.message for f in check(qh, FindingCode.INVALID_ID, D(2026, 6, 1))}
    assert set(findings) == {future, ancient}
    assert "晚于今天" in findings[future]
    assert "早于1900年" in findings[ancient]
    later = {f.person_ids[0] for f in check(qh, FindingCode.INVALID_ID, D(2027, 3, 1))}
    assert later == {ancient}
