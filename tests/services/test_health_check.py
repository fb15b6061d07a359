"""Each health check on small hand-built data, on SQLite and PostgreSQL: what it finds, the figures
and the records behind it, and what it leaves alone."""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.domain.enums import (
    HiringMethod,
    LeaderTier,
    Rank,
    RetirementCategory,
    Sex,
    UnitCategory,
)
from bianzhi_desktop.domain.health import FindingCode, Severity
from bianzhi_desktop.domain.idnumber import make_id_number, upgrade_legacy
from bianzhi_desktop.persistence.models import Enrollment, HiringPlan, Person
from bianzhi_desktop.services.admin import settings
from bianzhi_desktop.services.health.checks.base import HealthFinding
from bianzhi_desktop.services.health.run import counts_by_code, run_health_check
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.ledger.entries import HiringPlanInput
from bianzhi_desktop.services.ledger.kinds import resolve_kind
from bianzhi_desktop.services.org import charters, units

from ..conftest import County
from .helpers import D, add_person, add_quota, add_unit, enroll

TODAY = D(2026, 6, 1)


def check(county: County, code: FindingCode, as_of: dt.date = TODAY) -> list[HealthFinding]:
    with county.db.read() as uow:
        return run_health_check(uow, county.clerk, as_of, codes=[code])


def person_row(county: County, name: str, number: str, birth: dt.date, sex: Sex = Sex.MALE) -> int:
    """A person written straight to the table, as legacy data may hold it (no validation)."""
    with county.db.write() as uow:
        person = Person(
            name=name,
            sex=sex.value,
            id_number=number,
            id_legacy=len(number) == 15,
            birth_date=birth,
            retirement_category=RetirementCategory.MALE_60.value
            if sex == Sex.MALE
            else RetirementCategory.FEMALE_55.value,
            created_at=dt.datetime(2020, 1, 1),
        )
        uow.session.add(person)
        uow.commit()
        return person.id


def test_over_quota_names_unit_figures_and_people(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    fine = add_unit(qh.db, qh.clerk, "清河县审计局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 1)
    add_quota(qh.db, qh.clerk, fine, "行政编制", 2)
    people = [add_person(qh.db, qh.clerk, "甲乙丙"[i] + "某", seq=2 * i + 1) for i in range(3)]
    enroll(qh.db, qh.clerk, people[0], unit)
    enroll(qh.db, qh.clerk, people[1], unit)
    enroll(qh.db, qh.clerk, people[2], fine)
    [finding] = check(qh, FindingCode.OVER_QUOTA)
    assert finding.unit_name == "清河县财政局"
    assert finding.severity is Severity.PROBLEM
    assert finding.message == "清河县财政局行政编制超编1名（核定1，在编2，已核准未入编0）"
    assert finding.figures["over"] == 1 and finding.figures["vacancy"] == -1
    assert finding.person_ids == tuple(sorted(people[:2]))
    assert len(finding.records["quota_entry"]) == 1
    # Before the second enrollment (2021-03-01) the unit was within its quota.
    assert check(qh, FindingCode.OVER_QUOTA, D(2021, 2, 28)) == []


def test_over_leader_posts_counts_only_posts_that_count(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县农业农村局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 5)
    with qh.db.write() as uow:
        initialisation.record_leader_posts(
            uow, qh.clerk, unit, LeaderTier.UNIT_DEPUTY, Rank.FU_KE, 1, D(2020, 1, 1), "清编〔2020〕2号"
        )
        uow.commit()
    deputies = [add_person(qh.db, qh.clerk, "甲乙丙"[i] + "副局长", seq=2 * i + 1) for i in range(3)]
    for index, person in enumerate(deputies):
        enroll(
            qh.db,
            qh.clerk,
            person,
            unit,
            leader_tier=LeaderTier.UNIT_DEPUTY,
            leader_rank=Rank.FU_KE,
            counts_against_posts=index < 2,  # the third is a concurrent post (不占职数)
        )
    [finding] = check(qh, FindingCode.OVER_LEADER_POSTS)
    assert finding.message == "清河县农业农村局单位副职核定1名，实配2名，超职数1名"
    assert finding.person_ids == tuple(sorted(deputies[:2]))
    assert finding.subject == f"unit:{unit}/tier:unit_deputy"


def test_multiple_enrollment_in_imported_data(qh: County) -> None:
    first = add_unit(qh.db, qh.clerk, "清河县教育局")
    second = add_unit(qh.db, qh.clerk, "清河县第一中学", UnitCategory.PI_PUBLIC1)
    add_quota(qh.db, qh.clerk, first, "行政编制", 3)
    add_quota(qh.db, qh.clerk, second, "事业编制（全额拨款）", 3)
    person = add_person(qh.db, qh.clerk, "张重复")
    single = add_person(qh.db, qh.clerk, "李单一", seq=13)
    open_enrollment = enroll(qh.db, qh.clerk, person, first, on=D(2022, 3, 1))
    enroll(qh.db, qh.clerk, single, first, on=D(2022, 3, 1))
    # Imported history: an enrollment that ends only next year overlaps the open one.
    with qh.db.write() as uow:
        existing = uow.session.get(Enrollment, open_enrollment)
        assert existing is not None
        uow.session.add(
            Enrollment(
                person_id=person,
                unit_id=second,
                kind_id=resolve_kind(uow, "事业编制（全额拨款）").id,
                start_on=D(2023, 9, 1),
                start_document_id=existing.start_document_id,
                end_on=D(2027, 1, 1),
                end_reason="other",
            )
        )
        uow.commit()
    [finding] = check(qh, FindingCode.MULTIPLE_ENROLLMENT)
    assert finding.person_ids == (person,)
    assert set(finding.records["unit"]) == {first, second}
    assert finding.message.startswith("张重复（")
    assert "清河县教育局（2022-03-01入编）、清河县第一中学（2023-09-01入编）" in finding.message
    assert check(qh, FindingCode.MULTIPLE_ENROLLMENT, D(2023, 8, 31)) == []


def test_multiple_enrollment_legacy_number_and_its_18_digit_form(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县民政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 3)
    old = person_row(qh, "王老号", "320102650310121", D(1965, 3, 10))
    new = person_row(qh, "王老号", upgrade_legacy("320102650310121"), D(1965, 3, 10))
    enroll(qh.db, qh.clerk, old, unit)
    enroll(qh.db, qh.clerk, new, unit)
    [finding] = check(qh, FindingCode.MULTIPLE_ENROLLMENT, D(2024, 1, 1))
    assert set(finding.person_ids) == {old, new}
    assert finding.subject == f"id:{upgrade_legacy('320102650310121')}"


def test_invalid_id_numbers_are_found_and_explained(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县公安局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 9)
    good = make_id_number("320102", D(1985, 6, 1), 11)
    bad_check = good[:17] + ("0" if good[17] != "0" else "1")
    cases = {
        "校验错": (bad_check, D(1985, 6, 1), Sex.MALE),
        "生日错": (make_id_number("320102", D(1985, 6, 2), 13), D(1985, 6, 1), Sex.MALE),
        "性别错": (make_id_number("320102", D(1985, 6, 1), 15), D(1985, 6, 1), Sex.FEMALE),
        "含字母": ("32010219850601A017", D(1985, 6, 1), Sex.MALE),
        "旧号码": ("320102850601171", D(1985, 6, 1), Sex.MALE),
        "正确的": (make_id_number("320102", D(1985, 6, 1), 19), D(1985, 6, 1), Sex.MALE),
    }
    ids = {}
    for name, (number, birth, sex) in cases.items():
        ids[name] = person_row(qh, name, number, birth, sex)
        enroll(qh.db, qh.clerk, ids[name], unit)
    outside = person_row(qh, "未在编", bad_check[:-1] + "Y", D(1985, 6, 1))  # not on quota: not checked
    findings = {f.person_ids[0]: f for f in check(qh, FindingCode.INVALID_ID)}
    assert set(findings) == {ids[name] for name in cases if name != "正确的"}
    assert outside not in findings
    assert "校验位应为" in findings[ids["校验错"]].message
    assert (
        "出生日期1985年06月01日与身份证号中的出生日期1985年06月02日不一致" in findings[ids["生日错"]].message
    )
    assert "性别“女”与身份证号中的性别“男”不一致" in findings[ids["性别错"]].message
    assert "非法字符" in findings[ids["含字母"]].message
    assert "15位旧号码，应换为18位：32010219850601171" in findings[ids["旧号码"]].message


def test_duplicate_person_is_a_warning(qh: County) -> None:
    first = add_unit(qh.db, qh.clerk, "清河县卫健局")
    add_quota(qh.db, qh.clerk, first, "行政编制", 5)
    twins = [
        add_person(qh.db, qh.clerk, "陈雪", birth=D(1977, 12, 11), seq=21, area="431228"),
        add_person(qh.db, qh.clerk, "陈雪", birth=D(1977, 12, 11), seq=23, area="430104"),
    ]
    other = add_person(qh.db, qh.clerk, "陈雪", birth=D(1977, 12, 12), seq=25)
    for person in (*twins, other):
        enroll(qh.db, qh.clerk, person, first)
    [finding] = check(qh, FindingCode.DUPLICATE_PERSON)
    assert finding.severity is Severity.WARNING
    assert finding.person_ids == tuple(sorted(twins))
    assert finding.message.startswith("陈雪（1977-12-11出生）在2处登记")


def test_retirement_checks_follow_the_statutory_date(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县水利局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 5)
    # A man born 1965-03-10 retires at 60 years 1 month: 2025-04-10.
    old = add_person(qh.db, qh.clerk, "老李", birth=D(1965, 3, 10), category=RetirementCategory.MALE_60)
    young = add_person(qh.db, qh.clerk, "小王", birth=D(1990, 1, 1), seq=13)
    enroll(qh.db, qh.clerk, old, unit, on=D(1988, 9, 1))
    enroll(qh.db, qh.clerk, young, unit)

    def codes(day: dt.date) -> dict[FindingCode, int]:
        with qh.db.read() as uow:
            found = run_health_check(
                uow,
                qh.clerk,
                day,
                codes=[
                    FindingCode.PAST_RETIREMENT,
                    FindingCode.RETIRING_SOON,
                    FindingCode.OVERDUE_REMOVAL,
                ],
            )
        assert all(old in f.person_ids for f in found)
        return {code: n for code, n in counts_by_code(found).items() if n}

    assert codes(D(2024, 10, 9)) == {}
    assert codes(D(2024, 10, 10)) == {FindingCode.RETIRING_SOON: 1}  # six months ahead
    assert codes(D(2025, 4, 9)) == {FindingCode.RETIRING_SOON: 1}
    assert codes(D(2025, 4, 10)) == {FindingCode.PAST_RETIREMENT: 1}
    # 15 working days after 2025-04-10 is 2025-05-01; the removal is overdue from the day after.
    assert codes(D(2025, 5, 1)) == {FindingCode.PAST_RETIREMENT: 1}
    assert codes(D(2025, 5, 2)) == {FindingCode.PAST_RETIREMENT: 1, FindingCode.OVERDUE_REMOVAL: 1}
    [past] = check(qh, FindingCode.PAST_RETIREMENT, D(2025, 5, 2))
    assert past.message == "老李（清河县水利局）法定退休日期为2025-04-10，已到龄22天仍在编"
    [late] = check(qh, FindingCode.OVERDUE_REMOVAL, D(2025, 5, 2))
    assert late.subject == f"unit:{unit}" and late.figures["limit_days"] == 15


def test_expired_reservation_until_cancelled(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县龙潭镇中学", UnitCategory.PI_PUBLIC1)
    add_quota(qh.db, qh.clerk, unit, "事业编制（全额拨款）", 5)
    with qh.db.write() as uow:
        plan = initialisation.record_hiring_plan(
            uow,
            qh.clerk,
            HiringPlanInput(
                unit_id=unit,
                kind="事业编制（全额拨款）",
                seats=2,
                method=HiringMethod.OPEN_RECRUITMENT,
                approved_on=D(2023, 3, 1),
                valid_until=D(2023, 12, 31),
                document="清编用〔2023〕1号",
            ),
        )
        uow.commit()
    hired = add_person(qh.db, qh.clerk, "新教师")
    enroll(qh.db, qh.clerk, hired, unit, kind="事业编制（全额拨款）", on=D(2023, 8, 1), hiring_plan_id=plan)
    assert check(qh, FindingCode.EXPIRED_RESERVATION, D(2023, 12, 31)) == []
    [finding] = check(qh, FindingCode.EXPIRED_RESERVATION, D(2024, 1, 1))
    assert finding.records["plan"] == (plan,) and finding.person_ids == (hired,)
    assert finding.figures["remaining"] == 1
    assert "清编用〔2023〕1号" in finding.message and "尚有1名未使用" in finding.message
    with qh.db.write() as uow:
        uow.session.get(HiringPlan, plan).cancelled_on = D(2023, 12, 31)  # type: ignore[union-attr]
        uow.commit()
    assert check(qh, FindingCode.EXPIRED_RESERVATION, D(2024, 1, 1)) == []


def test_institution_cap_counts_party_and_government_bodies_only(qh: County) -> None:
    with qh.db.write() as uow:
        settings.set_institution_cap(uow, qh.admin, 2)
        uow.commit()
    add_unit(qh.db, qh.clerk, "清河县财政局")
    add_unit(qh.db, qh.clerk, "中共清河县委组织部", UnitCategory.PARTY_ORGAN)
    add_unit(qh.db, qh.clerk, "清河县防汛抗旱指挥部", UnitCategory.COORDINATING)
    add_unit(qh.db, qh.clerk, "清河县人民医院", UnitCategory.PI_PUBLIC2)
    assert check(qh, FindingCode.OVER_UNIT_CAP) == []
    third = add_unit(qh.db, qh.clerk, "清河县审计局")
    [finding] = check(qh, FindingCode.OVER_UNIT_CAP)
    assert finding.unit_id is None and finding.figures == {"count": 3, "cap": 2, "over": 1}
    assert third in finding.records["unit"]


def test_no_charter_and_abolished_unit_quota(qh: County) -> None:
    chartered = add_unit(qh.db, qh.clerk, "清河县统计局")
    bare = add_unit(qh.db, qh.clerk, "清河县档案馆", UnitCategory.PI_PUBLIC1)
    add_unit(qh.db, qh.clerk, "清河县安全生产委员会", UnitCategory.COORDINATING)
    gone = add_unit(qh.db, qh.clerk, "清河县粮食局")
    add_quota(qh.db, qh.clerk, gone, "行政编制", 4)
    with qh.db.write() as uow:
        for unit in (chartered, gone):
            charters.issue_charter(
                uow,
                qh.clerk,
                unit,
                document=f"清办发〔2019〕{unit}号",
                effective_on=D(2019, 3, 1),
                duties=["职责"],
            )
        units.abolish_unit(uow, qh.clerk, gone, D(2024, 1, 1), "清编〔2024〕9号")
        uow.commit()
    [missing] = check(qh, FindingCode.NO_CHARTER)
    assert missing.unit_id == bare and "没有生效的三定规定" in missing.message
    [left] = check(qh, FindingCode.ABOLISHED_UNIT_QUOTA)
    assert left.unit_id == gone
    assert left.message == "清河县粮食局已于2024-01-01撤销，行政编制核定4名未收回"
    assert check(qh, FindingCode.ABOLISHED_UNIT_QUOTA, D(2023, 12, 31)) == []


def test_dormant_vacancy_counts_months_since_anything_moved(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县档案局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 3, D(2020, 1, 1))
    full = add_unit(qh.db, qh.clerk, "清河县史志办")
    add_quota(qh.db, qh.clerk, full, "行政编制", 1, D(2020, 1, 1))
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "甲"), unit, on=D(2021, 3, 1))
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "乙", seq=13), full, on=D(2021, 3, 1))
    assert check(qh, FindingCode.DORMANT_VACANCY, D(2023, 2, 28)) == []
    [finding] = check(qh, FindingCode.DORMANT_VACANCY, D(2023, 3, 1))
    assert finding.unit_id == unit and finding.severity is Severity.WARNING
    assert finding.figures["vacancy"] == 2 and finding.figures["months"] == 24
    assert finding.message == "清河县档案局行政编制空编2名，自2021-03-01以来24个月无人员进出或用编计划"
    with qh.db.write() as uow:
        settings.write_setting(uow, qh.admin, "dormant_vacancy_months", "36")
        uow.commit()
    assert check(qh, FindingCode.DORMANT_VACANCY, D(2023, 3, 1)) == []


def test_a_clean_county_has_no_findings_and_every_role_may_look(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县司法局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 1)
    with qh.db.write() as uow:
        charters.issue_charter(
            uow, qh.clerk, unit, document="清办发〔2019〕1号", effective_on=D(2019, 3, 1), duties=["职责"]
        )
        uow.commit()
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "赵六"), unit)
    for actor in (qh.clerk, qh.reviewer, qh.approver, qh.admin):
        with qh.db.read() as uow:
            assert run_health_check(uow, actor, TODAY) == []
