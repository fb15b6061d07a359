"""The register and history queries on both backends (SQLite and, where it runs, PostgreSQL)."""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.domain.enums import RemovalReason, RetirementCategory, UnitCategory
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.org import history
from bianzhi_desktop.services.register.search import (
    RegisterFilter,
    RegisterStatus,
    SortKey,
    count_register,
    first_page,
    register_ids,
    register_rows,
)

from ..conftest import County
from ..services.helpers import add_person, add_quota, add_unit, enroll

D = dt.date


def test_register_and_history_queries(qh: County) -> None:
    db, admin = qh.db, qh.admin
    office = add_unit(db, admin, "清河县人民政府办公室")
    school = add_unit(db, admin, "清河县实验小学", category=UnitCategory.PI_PUBLIC1)
    add_quota(db, admin, office, "行政编制", 5)
    add_quota(db, admin, school, "事业编制（全额拨款）", 5, doc="清编〔2020〕2号")
    zhang = add_person(db, admin, "张三", D(1970, 5, 20), 11)
    li = add_person(db, admin, "李四", D(1965, 2, 3), 13)
    wang = add_person(db, admin, "王芳", D(1980, 9, 9), 22, category=RetirementCategory.FEMALE_55)
    zhao = add_person(db, admin, "赵六", D(1990, 1, 1), 15)
    enroll(db, admin, zhang, office, on=D(1995, 7, 1))
    removed = enroll(db, admin, li, office, on=D(1988, 7, 1), doc="清编入〔1988〕3号")
    enroll(db, admin, wang, school, kind="事业编制（全额拨款）", on=D(2003, 9, 1), doc="清编入〔2003〕1号")
    with db.write() as uow:
        initialisation.record_removal(
            uow, admin, removed, D(2025, 3, 1), RemovalReason.RETIRED, "清编出〔2025〕1号"
        )
        uow.commit()

    with db.read() as uow:
        assert register_ids(uow, RegisterFilter(), SortKey.NAME) == [wang, zhang]  # wf, zs
        assert register_ids(uow, RegisterFilter(status=RegisterStatus.REMOVED)) == [li]
        assert register_ids(uow, RegisterFilter(status=RegisterStatus.NEVER)) == [zhao]
        everyone = RegisterFilter(status=RegisterStatus.ALL)
        assert count_register(uow, everyone) == 4
        assert register_ids(uow, everyone, SortKey.BIRTH, descending=True) == [zhao, wang, zhang, li]
        assert register_ids(uow, everyone, SortKey.RETIREMENT)[:2] == [li, zhang]
        assert register_ids(uow, RegisterFilter(text="zs")) == [zhang]
        assert register_ids(uow, RegisterFilter(text="张")) == [zhang]
        assert register_ids(uow, RegisterFilter(unit_id=school)) == [wang]
        page = first_page(uow, everyone, SortKey.UNIT, size=2)
        assert page.total == 4 and len(page.ids) == 2
        for f in (everyone, RegisterFilter(), RegisterFilter(text="张"), RegisterFilter(text="z")):
            for key in (SortKey.NAME, SortKey.BIRTH, SortKey.START):  # the window-count path as well
                first = first_page(uow, f, key, size=1)
                assert (first.ids, first.total) == (register_ids(uow, f, key)[:1], count_register(uow, f))
        rows = register_rows(uow, [li, zhao], masked=True)
        assert [r.status_label for r in rows] == ["已出编（退休）", "未入编"]
        assert "*" in rows[0].id_number
        number = register_rows(uow, [wang])[0].id_number
        assert register_ids(uow, RegisterFilter(text=number[-4:])) == [wang]
        assert register_ids(uow, RegisterFilter(text=number[:12])) == [wang]
        lines = history.person_history(uow, li)
        assert [(line.unit_name, line.end_reason, line.end_document) for line in lines] == [
            ("清河县人民政府办公室", RemovalReason.RETIRED, "清编出〔2025〕1号")
        ]
        events = history.unit_history(uow, office)
    whats = [event.what for event in events]
    assert whats == ["入编", "入编", "编制", "出编"]
    assert events[0].text == "行政编制入编1人：李四" and events[-1].document == "清编出〔2025〕1号"
