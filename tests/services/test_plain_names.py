"""Names with control characters, bidi controls or markup are refused where they are cleaned
(issue 15, item 5): people, units, divisions."""

from __future__ import annotations

import pytest

from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.services.org import divisions, units

from ..conftest import County
from .helpers import add_person, add_unit


@pytest.mark.parametrize("name", ["王\u202e伟", "李\x07娜", "<b>张三</b>"])
def test_a_person_name(qh: County, name: str) -> None:
    with pytest.raises(ValidationError, match=r"^姓名："):
        add_person(qh.db, qh.clerk, name)


def test_unit_and_division_names(qh: County) -> None:
    with pytest.raises(ValidationError, match=r"^机构名称：.*U\+202E"):
        add_unit(qh.db, qh.admin, "清河县\u202e局育教")
    unit = add_unit(qh.db, qh.admin, "清河县教育局")
    with qh.db.write() as uow, pytest.raises(ValidationError, match=r"^内设机构名称：.*网页标记"):
        divisions.add_division(uow, qh.admin, unit, "<i>办公室</i>")
    with qh.db.read() as uow:
        assert units.find_unit_by_name(uow, "清河县教育局") is not None
