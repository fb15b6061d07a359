"""The rules that fill in what an office's workbooks leave out."""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.domain.dates import parse_birth, parse_date
from bianzhi_desktop.domain.enums import Funding, RetirementCategory, Sex, UnitCategory, UnitSystem
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.domain.onboarding import (
    birth_from_id,
    female_retirement_for_kind,
    funding_from_text,
    infer_system,
    sex_from_id,
)


def test_system_follows_the_category_the_name_or_the_supervisor() -> None:
    assert infer_system(UnitCategory.PARTY_ORGAN, "中共清河县委组织部", None)[0] == UnitSystem.PARTY
    assert infer_system(UnitCategory.DEPT_MANAGED, "清河县医保局", None)[0] == UnitSystem.GOVERNMENT
    assert infer_system(UnitCategory.PEOPLES_ORG, "清河县人民检察院", None)[0] == UnitSystem.PROCURATORATE
    assert infer_system(UnitCategory.PEOPLES_ORG, "清河县妇女联合会", None)[0] == UnitSystem.MASS_ORG
    assert (
        infer_system(UnitCategory.PI_PUBLIC1, "清河县第一中学", UnitSystem.GOVERNMENT)[0]
        == UnitSystem.GOVERNMENT
    )
    system, why = infer_system(UnitCategory.PI_PUBLIC1, "清河县第一中学", None)
    assert system is None and "主管部门" in why
    assert infer_system(UnitCategory.TOWNSHIP, "城关镇", None)[0] is None


def test_a_womans_category_follows_her_kind() -> None:
    assert female_retirement_for_kind("工勤编制") == RetirementCategory.FEMALE_50
    assert female_retirement_for_kind("事业编制（全额拨款）") == RetirementCategory.FEMALE_55


def test_funding_words_and_civil_service_management() -> None:
    assert funding_from_text("财政全额") == (Funding.FULL, False)
    assert funding_from_text("差额拨款") == (Funding.PARTIAL, False)
    assert funding_from_text("参照公务员法管理") == (None, True)
    assert funding_from_text("其他") == (None, False)


def test_sex_and_birth_from_the_id_number() -> None:
    number = make_id_number("320102", dt.date(1990, 4, 12), 22)
    assert sex_from_id(number) == Sex.FEMALE and birth_from_id(number) == dt.date(1990, 4, 12)
    assert sex_from_id("12") is None and birth_from_id("320102199002301234") is None


def test_dates_keep_the_precision_they_were_given() -> None:
    for value in ("1998.04", "1998年4月", 199804, 1998.04):
        parsed = parse_date(value)
        assert parsed.precision == "month" and parsed.agrees_with(dt.date(1998, 4, 30)), value
        assert not parsed.agrees_with(dt.date(1998, 5, 1))
    assert parse_date("1998-04-12").precision == "day"
    year = parse_birth("1998年")
    assert year.precision == "year" and year.agrees_with(dt.date(1998, 12, 31)) and year.shown() == "1998年"
