"""The health check's ID-number screen (checks.id_checks.may_be_invalid, run over the whole register):
valid numbers pass it, numbers made invalid by any path — a plain SQL insert or update — are caught,
and the health check finds what the screen cannot know in advance (birth dates after the day of the check)."""

from __future__ import annotations

from sqlalchemy import select, update

from bianzhi_desktop.domain.enums import Sex
from bianzhi_desktop.domain.health import FindingCode
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.models import Person
from bianzhi_desktop.services.health.checks.id_checks import may_be_invalid

from ..conftest import County
from .helpers import D, add_quota, add_unit, enroll
from .test_health_check import check, person_row


def screened(county: County) -> set[int]:
    with county.db.read() as uow:
        rows = uow.session.execute(
            select(Person.id, Person.id_number, Person.birth_date, Person.sex, Person.id_legacy)
        )
        return {person_id for person_id, *particulars in rows if may_be_invalid(*particulars)}


def test_valid_numbers_stay_out_of_the_screen_and_sql_edits_come_into_it(qh: County) -> None:
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
    enroll(qh.db, qh.clerk, edited, unit)
    [finding] = check(qh, FindingCode.INVALID_ID)
    assert finding.person_ids == (edited,)
    assert "不一致" in finding.message


def test_birth_dates_out_of_range_on_the_day_of_the_check(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县档案馆")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 5)
    future = person_row(qh, "未来", make_id_number("320102", D(1990, 3, 1), 11), D(1990, 3, 1))
    ancient = person_row(qh, "古人", make_id_number("320102", D(1899, 12, 31), 13), D(1899, 12, 31))
    for person in (future, ancient):
        enroll(qh.db, qh.clerk, person, unit)
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


def test_the_screen_catches_every_kind_of_bad_number() -> None:
    birth = D(1985, 6, 15)
    good = make_id_number("320102", birth, 7)  # sequence 007: odd, male
    assert not may_be_invalid(good, birth, Sex.MALE.value, False)
    ends_x = next(n for n in (make_id_number("320102", birth, s) for s in range(1, 999, 2)) if n[-1] == "X")
    assert not may_be_invalid(ends_x, birth, Sex.MALE.value, False)
    wrong_check = good[:17] + ("0" if good[17] != "0" else "1")
    for number, born, sex, legacy in (
        (wrong_check, birth, Sex.MALE.value, False),
        (good, birth, Sex.FEMALE.value, False),  # sex disagrees with the sequence
        (good, D(1985, 6, 16), Sex.MALE.value, False),  # birth date disagrees
        (ends_x[:17] + "x", birth, Sex.MALE.value, False),  # the check character lower-cased
        (good[:16], birth, Sex.MALE.value, False),  # too short
        ("A" + good[1:], birth, Sex.MALE.value, False),  # a letter among the digits
        ("０" + good[1:], birth, Sex.MALE.value, False),  # a full-width digit
        ("0" + good[1:], birth, Sex.MALE.value, False),  # area codes never start with 0
        (good, birth, Sex.MALE.value, True),  # a legacy number
    ):
        assert may_be_invalid(number, born, sex, legacy), number
