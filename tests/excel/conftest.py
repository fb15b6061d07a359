"""A small county for the Excel tests: two units with quotas, a division, a clerk."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from bianzhi_desktop.domain.enums import UnitCategory
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services.org import divisions
from tests.conftest import County, make_county
from tests.services.helpers import add_quota, add_unit


@dataclass
class ExcelCounty:
    county: County
    bureau: int  # 清河县教育局: 行政编制 3, division 办公室
    school: int  # 清河县第一中学: 事业编制（全额拨款） 5
    office: int

    @property
    def db(self) -> Database:
        return self.county.db


def build(db: Database) -> ExcelCounty:
    county = make_county(db)
    clerk = county.clerk
    bureau = add_unit(db, clerk, "清河县教育局")
    school = add_unit(db, clerk, "清河县第一中学", UnitCategory.PI_PUBLIC1)
    add_quota(db, clerk, bureau, "行政编制", 3, dt.date(2015, 1, 1))
    add_quota(db, clerk, school, "事业编制（全额拨款）", 5, dt.date(2015, 1, 1))
    with db.write() as uow:
        office = divisions.add_division(uow, clerk, bureau, "办公室").id
        uow.commit()
    return ExcelCounty(county, bureau, school, office)


@pytest.fixture
def xc(sqlite_db: Database) -> ExcelCounty:
    return build(sqlite_db)


@pytest.fixture
def xc_any(db: Database) -> ExcelCounty:
    """The same county on SQLite and PostgreSQL."""
    return build(db)
