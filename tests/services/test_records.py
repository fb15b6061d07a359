"""Units, nameplates, charters, divisions, persons, users: what the services accept and refuse."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from bianzhi_desktop.domain import passwords
from bianzhi_desktop.domain.enums import NameKind, Rank, RemovalReason, Role, UnitCategory, UnitSystem
from bianzhi_desktop.domain.errors import (
    AuthenticationError,
    PermissionDenied,
    RuleViolation,
    ValidationError,
)
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.models import AuditRecord, Enrollment, Person, Unit
from bianzhi_desktop.services.admin import audit_log, settings, users
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.ledger.entries import EnrollmentInput
from bianzhi_desktop.services.org import charters, divisions, documents, units
from bianzhi_desktop.services.register import persons

from ..conftest import County
from .helpers import D, add_person, add_quota, add_unit, enroll


def count(county: County, model: type) -> int:
    with county.db.read() as uow:
        return uow.session.scalar(select(func.count()).select_from(model)) or 0


def test_unit_with_nameplates_and_credit_code_warning(qh: County) -> None:
    with qh.db.write() as uow:
        info = units.create_unit(
            uow,
            qh.clerk,
            units.UnitInput(
                name=" 清河县应急管理局 ",
                short_name="县应急局",
                category=UnitCategory.GOV_DEPARTMENT,
                rank=Rank.ZHENG_KE,
                system=UnitSystem.GOVERNMENT,
                credit_code="11130000MB0000000X",
            ),
        )
        units.add_name(uow, qh.clerk, info.id, "清河县地震局", NameKind.NAMEPLATE, document="清编〔2019〕5号")
        uow.commit()
    assert info.name == "清河县应急管理局"
    assert any("校验" in warning for warning in info.warnings)
    with qh.db.read() as uow:
        again = units.get_unit(uow, info.id)
        assert again.nameplates == (("清河县地震局", NameKind.NAMEPLATE),)
        assert units.find_unit_by_name(uow, "清河县地震局").id == info.id  # type: ignore[union-attr]
        assert units.find_unit_by_name(uow, "县应急局").id == info.id  # type: ignore[union-attr]


def test_unit_refusals_name_the_field(qh: County) -> None:
    add_unit(qh.db, qh.clerk, "清河县发展和改革局")
    cases = [
        (
            lambda: units.UnitInput(
                name="清河县发展和改革局",
                category=UnitCategory.GOV_DEPARTMENT,
                rank=Rank.ZHENG_KE,
                system=UnitSystem.GOVERNMENT,
            ),
            "机构名称：已有同名",
        ),
        (
            lambda: units.UnitInput(
                name="  ",
                category=UnitCategory.GOV_DEPARTMENT,
                rank=Rank.ZHENG_KE,
                system=UnitSystem.GOVERNMENT,
            ),
            "机构名称：不能为空",
        ),
        (
            lambda: units.UnitInput(
                name="清河县疾控中心",
                category=UnitCategory.PI_PUBLIC1,
                rank=Rank.FU_KE,
                system=UnitSystem.GOVERNMENT,
            ),
            "经费形式：事业单位必须选择",
        ),
    ]
    for make, message in cases:  # refused where the input is made (form, import, matter) or where it is saved
        with qh.db.write() as uow, pytest.raises(ValidationError, match=message):
            units.create_unit(uow, qh.clerk, make())
    assert count(qh, Unit) == 1


def test_roles_are_checked(qh: County) -> None:
    data = units.UnitInput(
        name="清河县科技局",
        category=UnitCategory.GOV_DEPARTMENT,
        rank=Rank.ZHENG_KE,
        system=UnitSystem.GOVERNMENT,
    )
    with qh.db.write() as uow, pytest.raises(PermissionDenied, match=r"王审核.*没有“经办或管理员”角色"):
        units.create_unit(uow, qh.reviewer, data)
    with qh.db.write() as uow, pytest.raises(PermissionDenied, match="管理员"):
        settings.set_initialisation(uow, qh.clerk, False)
    with qh.db.read() as uow, pytest.raises(PermissionDenied):
        audit_log.list_audit(uow, qh.clerk)
    assert count(qh, Unit) == 0


def test_charter_versions_supersede(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县文化和旅游局")
    with qh.db.write() as uow:
        charters.issue_charter(
            uow,
            qh.clerk,
            unit,
            document="清办发〔2019〕21号",
            effective_on=D(2019, 3, 1),
            duties=["贯彻执行文化工作方针政策。", "管理全县文物工作。"],
        )
        charters.issue_charter(
            uow,
            qh.clerk,
            unit,
            document="清办发〔2024〕7号",
            effective_on=D(2024, 5, 1),
            duties=["贯彻执行文化和旅游工作方针政策。", "统筹全县旅游发展。", "管理文物。"],
        )
        uow.commit()
    with qh.db.read() as uow:
        versions = charters.charter_versions(uow, unit)
        assert [(v.version, v.document_number, v.superseded_on) for v in versions] == [
            (2, "清办发〔2024〕7号", None),
            (1, "清办发〔2019〕21号", D(2024, 5, 1)),
        ]
        assert charters.charter_in_force(uow, unit, D(2020, 1, 1)).version == 1  # type: ignore[union-attr]
        in_force = charters.charter_in_force(uow, unit)
        assert in_force is not None and in_force.duties[1] == "统筹全县旅游发展。"
        assert charters.charter_in_force(uow, unit, D(2018, 1, 1)) is None
    with qh.db.write() as uow, pytest.raises(ValidationError, match="三定规定文号"):
        charters.issue_charter(uow, qh.clerk, unit, document=None, effective_on=D(2025, 1, 1), duties=["x"])
    with qh.db.write() as uow, pytest.raises(ValidationError, match="施行日期"):
        charters.issue_charter(
            uow, qh.clerk, unit, document="清办发〔2023〕1号", effective_on=D(2023, 1, 1), duties=["x"]
        )


def test_divisions(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县农业农村局")
    with qh.db.write() as uow:
        office = divisions.add_division(uow, qh.clerk, unit, "办公室", duties="负责机关日常运转。")
        divisions.add_division(uow, qh.clerk, unit, "种植业股")
        with pytest.raises(ValidationError, match="本单位已有“办公室”"):
            divisions.add_division(uow, qh.clerk, unit, "办公室")
        uow.commit()
    person = add_person(qh.db, qh.clerk, "黄堃", seq=41)
    add_quota(qh.db, qh.clerk, unit, "行政编制", 3)
    enroll(qh.db, qh.clerk, person, unit, division_id=office.id)
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="仍有在编人员"):
        divisions.abolish_division(uow, qh.clerk, office.id, D(2025, 1, 1))
    with qh.db.read() as uow:
        assert [d.name for d in divisions.list_divisions(uow, unit)] == ["办公室", "种植业股"]


def test_person_validation(qh: County) -> None:
    good = make_id_number("320102", D(1990, 1, 1), 123)  # 123 is odd: male
    with qh.db.write() as uow:
        info = persons.create_person(uow, qh.clerk, persons.PersonInput(name="张 赟", id_number=good.lower()))
        uow.commit()
    assert (info.name, info.sex.label, info.birth_date) == ("张赟", "男", D(1990, 1, 1))
    cases = [
        (persons.PersonInput(name="李四", id_number=good), "身份证号：.*已登记为“张赟”"),
        (
            persons.PersonInput(name="李四", id_number=good[:-1] + ("0" if good[-1] != "0" else "1")),
            "身份证号",
        ),
        (
            persons.PersonInput(name="王芳", id_number=make_id_number("320102", D(1991, 2, 3), 124)),
            "退休类别",
        ),
        (
            persons.PersonInput(
                name="王芳", id_number=make_id_number("320102", D(1991, 2, 3), 126), birth_date=D(1991, 2, 4)
            ),
            "身份证号",
        ),
        (
            persons.PersonInput(name="", id_number=make_id_number("320102", D(1991, 2, 3), 127)),
            "姓名：不能为空",
        ),
    ]
    for data, message in cases:
        with qh.db.write() as uow, pytest.raises(ValidationError, match=message):
            persons.create_person(uow, qh.clerk, data)
    assert count(qh, Person) == 1


def test_one_active_enrollment_per_person(qh: County) -> None:
    a = add_unit(qh.db, qh.clerk, "清河县商务局")
    b = add_unit(qh.db, qh.clerk, "清河县交通运输局")
    person = add_person(
        qh.db,
        qh.clerk,
        "诸葛玥",
        seq=52,
        category=__import__(
            "bianzhi_desktop.domain.enums", fromlist=["RetirementCategory"]
        ).RetirementCategory.FEMALE_55,
    )
    first = enroll(qh.db, qh.clerk, person, a)
    with qh.db.write() as uow, pytest.raises(RuleViolation, match=r"已在“清河县商务局”在编.*一人多编"):
        initialisation.record_enrollment(
            uow,
            qh.clerk,
            EnrollmentInput(
                person_id=person,
                unit_id=b,
                kind="行政编制",
                start_on=D(2022, 1, 1),
                document="清编入〔2022〕1号",
            ),
        )
    with qh.db.write() as uow:
        initialisation.record_removal(
            uow, qh.clerk, first, D(2022, 1, 1), RemovalReason.TRANSFERRED_IN_COUNTY, "清编出〔2022〕1号"
        )
        initialisation.record_enrollment(
            uow,
            qh.clerk,
            EnrollmentInput(
                person_id=person,
                unit_id=b,
                kind="行政编制",
                start_on=D(2022, 1, 1),
                document="清编入〔2022〕1号",
            ),
        )
        uow.commit()
    # Re-enrolling him from a day before his earlier enrollment ended would put him on two quotas.
    with qh.db.write() as uow:
        second = uow.session.scalar(select(func.max(Enrollment.id)))
        initialisation.record_removal(
            uow, qh.clerk, second, D(2023, 6, 1), RemovalReason.RESIGNED, "清编出〔2023〕1号"
        )
        uow.commit()
    with qh.db.write() as uow, pytest.raises(ValidationError, match=r"到2023-06-01才结束.*不能早于该日期"):
        initialisation.record_enrollment(
            uow,
            qh.clerk,
            EnrollmentInput(
                person_id=person,
                unit_id=a,
                kind="行政编制",
                start_on=D(2023, 5, 1),
                document="清编入〔2023〕2号",
            ),
        )


def test_enrollment_into_abolished_unit_is_refused(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县粮食局")
    with qh.db.write() as uow:
        units.abolish_unit(uow, qh.clerk, unit, D(2019, 3, 1), "清发〔2019〕3号")
        uow.commit()
    person = add_person(qh.db, qh.clerk, "钱八", seq=61)
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="已于2019-03-01撤销，不能入编"):
        initialisation.record_enrollment(
            uow,
            qh.clerk,
            EnrollmentInput(
                person_id=person,
                unit_id=unit,
                kind="行政编制",
                start_on=D(2020, 1, 1),
                document="清编入〔2020〕1号",
            ),
        )


def test_initialisation_off_refuses_direct_changes(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县生态环境分局")
    with qh.db.write() as uow:
        settings.set_initialisation(uow, qh.admin, False)
        uow.commit()
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="初始化录入已关闭"):
        initialisation.record_quota(uow, qh.clerk, unit, "行政编制", 3, D(2020, 1, 1), "清编〔2020〕1号")
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="初始化录入已关闭"):
        units.create_unit(
            uow,
            qh.clerk,
            units.UnitInput(
                name="清河县新设局",
                category=UnitCategory.GOV_DEPARTMENT,
                rank=Rank.ZHENG_KE,
                system=UnitSystem.GOVERNMENT,
            ),
        )
    # Particulars that are not structural stay editable; the short name is changed by a matter.
    with qh.db.write() as uow:
        current = units.get_unit(uow, unit)
        same = dict(name=current.name, category=current.category, rank=current.rank, system=current.system)
        units.update_unit(uow, qh.clerk, unit, units.UnitInput(**same, position=7))
        with pytest.raises(RuleViolation, match="规范简称"):
            units.update_unit(uow, qh.clerk, unit, units.UnitInput(**same, short_name="县环境局"))
        uow.commit()


def test_every_change_is_audited_with_old_and_new(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县住房和城乡建设局")
    with qh.db.write() as uow:
        current = units.get_unit(uow, unit)
        units.update_unit(
            uow,
            qh.clerk,
            unit,
            units.UnitInput(
                name=current.name,
                short_name="县住建局",
                category=current.category,
                rank=current.rank,
                system=current.system,
            ),
        )
        uow.commit()
    with qh.db.read() as uow:
        lines = audit_log.list_audit(uow, qh.admin, table_name="unit", record_id=unit)
    assert [line.action for line in lines] == ["unit.update", "unit.create"]
    assert lines[0].changes == {"short_name": ["", "县住建局"]}
    assert lines[0].username == "clerk"


def test_sign_in_and_lockout(qh: County) -> None:
    import datetime as dt

    start = dt.datetime(2026, 11, 22, 9, 0)
    for _attempt in range(5):
        with qh.db.write() as uow, pytest.raises(AuthenticationError) as caught:
            users.authenticate(uow, "clerk", "wrong!", at=start)
        assert str(caught.value) == passwords.SIGN_IN_REFUSED
    with qh.db.write() as uow, pytest.raises(AuthenticationError) as caught:
        users.authenticate(uow, "clerk", "secret1", at=start + dt.timedelta(minutes=5))
    assert str(caught.value) == passwords.SIGN_IN_REFUSED  # locked: the same words as a wrong password
    with qh.db.write() as uow:
        actor = users.authenticate(uow, "clerk", "secret1", at=start + dt.timedelta(minutes=16))
    assert actor.roles == frozenset({Role.CLERK})


def test_document_numbers_are_gap_free_and_unique(qh: County) -> None:
    with qh.db.write() as uow:
        documents.cite(uow, qh.clerk, "清编办发〔2026〕3号")  # registered by hand earlier
        numbers = [
            documents.issue_number(
                uow, qh.approver, "清编办发", 2026, title="批复", issuer="县编办", issued_on=D(2026, 11, 1)
            ).number
            for _ in range(3)
        ]
        numbers.append(
            documents.issue_number(
                uow, qh.approver, "清编办发", 2025, title="批复", issuer="县编办", issued_on=D(2025, 12, 1)
            ).number
        )
        uow.commit()
    assert numbers == [
        "清编办发〔2026〕4号",
        "清编办发〔2026〕5号",
        "清编办发〔2026〕6号",
        "清编办发〔2025〕1号",
    ]
    with qh.db.write() as uow:
        # The same number typed another way is the same document.
        same = documents.cite(uow, qh.clerk, "清编办发[2026]第04号")
        assert same.number == "清编办发〔2026〕4号"


def test_failed_operation_writes_nothing(qh: County) -> None:
    before = count(qh, AuditRecord)
    with qh.db.write() as uow, pytest.raises(ValidationError):
        units.create_unit(
            uow,
            qh.clerk,
            units.UnitInput(
                name="清河县甲局",
                category=UnitCategory.GOV_DEPARTMENT,
                rank=Rank.ZHENG_KE,
                system=UnitSystem.GOVERNMENT,
            ),
        )
        units.create_unit(
            uow,
            qh.clerk,
            units.UnitInput(
                name="清河县甲局",
                category=UnitCategory.GOV_DEPARTMENT,
                rank=Rank.ZHENG_KE,
                system=UnitSystem.GOVERNMENT,
            ),
        )
    assert count(qh, Unit) == 0
    assert count(qh, AuditRecord) == before
