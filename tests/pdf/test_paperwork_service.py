"""services/paperwork: the inputs of every document built from the records, and the print offsets."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from bianzhi_desktop.documents.pdf.drawing import Offset
from bianzhi_desktop.documents.pdf.notice_inputs import Figures, NoticeKind
from bianzhi_desktop.domain.enums import HiringMethod, LeaderTier, Rank, RemovalReason
from bianzhi_desktop.domain.errors import ValidationError
from bianzhi_desktop.persistence.database import Database, open_database
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.ledger.entries import HiringPlanInput
from bianzhi_desktop.services.paperwork import papers as paperwork
from tests.conftest import County, make_county
from tests.services.helpers import add_person, add_quota, add_unit, enroll

D = dt.date


@pytest.fixture
def county(tmp_path) -> Iterator[County]:  # type: ignore[no-untyped-def]
    database: Database = open_database(tmp_path / "qh.sqlite3")
    try:
        yield make_county(database)
    finally:
        database.close()


def build_school(county: County) -> dict[str, int]:
    """清河县教育局: 5 行政编制, 张喆 enrolled then retired, 李堃 enrolled, a plan for 2 seats."""
    db, admin = county.db, county.admin
    unit = add_unit(db, admin, "清河县教育局")
    add_quota(db, admin, unit, "行政编制", 5, doc="清编〔2020〕7号")
    first = enroll(
        db, admin, add_person(db, admin, "张喆", seq=11), unit, on=D(2021, 3, 1), doc="清编入〔2021〕1号"
    )
    second = enroll(
        db,
        admin,
        add_person(db, admin, "李堃", seq=13),
        unit,
        on=D(2021, 4, 1),
        doc="清编入〔2021〕2号",
        post_title="科员",
    )
    with db.write() as uow:
        initialisation.record_removal(
            uow, admin, first, D(2022, 6, 30), RemovalReason.RETIRED, "清编出〔2022〕1号"
        )
        plan = initialisation.record_hiring_plan(
            uow,
            admin,
            HiringPlanInput(
                unit,
                "行政编制",
                2,
                HiringMethod.OPEN_RECRUITMENT,
                D(2023, 1, 10),
                D(2023, 12, 31),
                "清编用〔2023〕1号",
            ),
        )
        uow.commit()
    return {"unit": unit, "first": first, "second": second, "plan": plan}


@pytest.fixture
def school(county: County) -> dict[str, int]:
    return build_school(county)


def test_enrollment_notice_has_person_and_figures_before_and_after(county: County, school) -> None:  # type: ignore[no-untyped-def]
    with county.db.read() as uow:
        notice = paperwork.enrollment_notice(uow, school["second"])
    assert notice.person.name == "李堃" and notice.person.sex in ("男", "女")
    assert notice.header.serial == "清编入〔2021〕2号"
    assert notice.header.office_name == "中共清河县委机构编制委员会办公室"
    assert notice.header.before == Figures(5, 1, 0) and notice.header.after == Figures(5, 2, 0)
    assert notice.post_title == "科员" and notice.enrolled_on == D(2021, 4, 1)


def test_removal_and_hiring_notices(county: County, school) -> None:  # type: ignore[no-untyped-def]
    with county.db.read() as uow:
        removal = paperwork.removal_notice(uow, school["first"])
        hiring = paperwork.hiring_notice(uow, school["plan"])
        with pytest.raises(ValidationError, match="尚未出编"):
            paperwork.removal_notice(uow, school["second"])
    assert removal.reason == "退休" and removal.header.serial == "清编出〔2022〕1号"
    assert removal.header.before == Figures(5, 2, 0) and removal.header.after == Figures(5, 1, 0)
    assert hiring.seats == 2 and hiring.method == "公开招聘"
    assert hiring.header.before == Figures(5, 1, 0) and hiring.header.after == Figures(5, 1, 2)


def test_batches_by_period(county: County, school) -> None:  # type: ignore[no-untyped-def]
    with county.db.read() as uow:
        assert paperwork.notice_ids(uow, NoticeKind.ENROLLMENT) == [school["first"], school["second"]]
        assert paperwork.notice_ids(uow, NoticeKind.ENROLLMENT, since=D(2021, 4, 1)) == [school["second"]]
        assert paperwork.notice_ids(uow, NoticeKind.ENROLLMENT, until=D(2021, 3, 31)) == [school["first"]]
        assert paperwork.notice_ids(uow, NoticeKind.REMOVAL) == [school["first"]]
        assert len(paperwork.notices(uow, NoticeKind.HIRING)) == 1
        assert paperwork.notices(uow, NoticeKind.ENROLLMENT, limit=1)[0].person.name == "张喆"


def test_unit_sheet_and_public_roster(county: County, school) -> None:  # type: ignore[no-untyped-def]
    with county.db.read() as uow:
        sheet = paperwork.unit_sheet(uow, school["unit"], D(2023, 2, 1))
        roster = paperwork.public_roster(uow, school["unit"], D(2023, 2, 1))
    assert sheet.unit_name == "清河县教育局"
    assert [(q.kind_name, q.approved, q.enrolled, q.reserved) for q in sheet.quotas] == [
        ("行政编制", 5, 1, 2)
    ]
    assert [(k.kind_name, k.approved, k.actual) for k in roster.kinds] == [("行政编制", 5, 1)]
    assert [(g.division, [(e.post, e.name) for e in g.entries]) for g in roster.groups] == [
        (paperwork.UNIT_LEVEL, [("科员", "李堃")])
    ]


def test_decision_from_the_ledger_document(county: County, school) -> None:  # type: ignore[no-untyped-def]
    with county.db.read() as uow:
        document_id = paperwork.latest_decision_document(uow)
        data = paperwork.decision(uow, document_id)
    assert data.doc_number == "清编〔2020〕7号"
    assert data.issuer_mark == "中共清河县委机构编制委员会办公室文件"
    assert data.addressee == "清河县教育局"
    body = "".join(p.text for p in data.paragraphs)
    assert "核增清河县教育局行政编制5名" in body and "核定行政编制5名" in body
    assert data.copies_to == paperwork.DEFAULT_COPIES_TO


def test_print_offsets_are_office_settings(county: County, school) -> None:  # type: ignore[no-untyped-def]
    with county.db.write() as uow:
        paperwork.set_print_offset(uow, county.admin, paperwork.Form.ENROLLMENT, Offset(2.5, -1.0))
        uow.commit()
    with county.db.read() as uow:
        assert paperwork.print_offset(uow, paperwork.Form.ENROLLMENT) == Offset(2.5, -1.0)
        assert paperwork.print_offset(uow, paperwork.Form.REMOVAL) == Offset()
        assert paperwork.enrollment_notice(uow, school["second"]).offset == Offset(2.5, -1.0)
    with county.db.write() as uow, pytest.raises(ValidationError, match=r"入编通知单的水平偏移.*超出范围"):
        paperwork.set_print_offset(uow, county.admin, paperwork.Form.ENROLLMENT, Offset(31, 0))


def test_public_roster_lists_leaders_by_tier_then_by_enrollment_date(county: County) -> None:
    db, admin = county.db, county.admin
    unit = add_unit(db, admin, "清河县卫生健康局")
    add_quota(db, admin, unit, "行政编制", 6, doc="清编〔2020〕8号")
    people = [
        ("科员甲", None, "科员", D(2020, 1, 1)),
        ("副局长乙", LeaderTier.UNIT_DEPUTY, "副局长", D(2022, 1, 1)),
        ("局长丙", LeaderTier.UNIT_HEAD, "局长", D(2023, 1, 1)),
        ("副局长丁", LeaderTier.UNIT_DEPUTY, "副局长", D(2021, 1, 1)),
        ("股长戊", LeaderTier.DIVISION_HEAD, "股长", D(2024, 1, 1)),
    ]
    for index, (name, tier, post, on) in enumerate(people):
        seq = 31 + 2 * index  # odd: men (no retirement category to give)
        enroll(
            db,
            admin,
            add_person(db, admin, name, seq=seq),
            unit,
            on=on,
            doc=f"清编入〔2024〕{seq}号",
            post_title=post,
            leader_tier=tier,
            leader_rank=Rank.FU_KE if tier else None,
        )
    with db.read() as uow:
        roster = paperwork.public_roster(uow, unit, D(2025, 1, 1))
    (group,) = roster.groups
    assert [entry.name for entry in group.entries] == ["局长丙", "副局长丁", "副局长乙", "股长戊", "科员甲"]
    assert group.kinds == (("行政编制", 5),)
    assert group.heading == f"{paperwork.UNIT_LEVEL}（行政编制5名，实有5名）"
