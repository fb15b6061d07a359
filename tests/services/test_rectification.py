"""The rectification ledger (整改台账): found → rectifying → closed, gone and back, roles, audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from bianzhi_desktop.domain.errors import PermissionDenied, RuleViolation, ValidationError
from bianzhi_desktop.domain.health import FindingCode, FindingState
from bianzhi_desktop.persistence.models import AuditRecord
from bianzhi_desktop.services.health import check_county, rectification
from bianzhi_desktop.services.health.rectification import LedgerEntry, RunRecord
from bianzhi_desktop.services.health.run import run_health_check
from bianzhi_desktop.services.ledger import initialisation

from ..conftest import County
from .helpers import D, add_person, add_quota, add_unit, enroll


def run(county: County, day: dt.date) -> RunRecord:
    recorded = check_county(county.db, county.clerk, day).recorded
    assert recorded is not None
    return recorded


def over_quota(county: County) -> LedgerEntry:
    with county.db.read() as uow:
        [entry] = rectification.list_entries(uow, code=FindingCode.OVER_QUOTA)
    return entry


def test_life_of_a_finding_from_found_to_closed_and_reopened(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 1)
    first = enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "张三"), unit, on=D(2021, 3, 1))
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "李四", seq=13), unit, on=D(2021, 3, 1))

    assert run(qh, D(2025, 1, 10)) == RunRecord(D(2025, 1, 10), new=2, seen_again=0, reopened=0, gone=0)
    entry = over_quota(qh)  # the other finding: the unit has no charter
    assert (entry.state, entry.present, entry.first_seen) == (FindingState.FOUND, True, D(2025, 1, 10))
    assert entry.figures["over"] == 1 and entry.unit_name == "清河县财政局"

    # Found again a month later: one entry, last seen moves on.
    assert run(qh, D(2025, 2, 10)).seen_again == 2
    entry = over_quota(qh)
    assert (entry.first_seen, entry.last_seen) == (D(2025, 1, 10), D(2025, 2, 10))

    with qh.db.write() as uow:
        with pytest.raises(ValidationError, match="整改措施"):
            rectification.start_rectifying(uow, qh.clerk, entry.id, "  ")
        with pytest.raises(PermissionDenied):
            rectification.start_rectifying(uow, qh.reviewer, entry.id, "调出一人")
        entry = rectification.start_rectifying(uow, qh.clerk, entry.id, "张三调出，办理出编")
        uow.commit()
    assert entry.state is FindingState.RECTIFYING

    # The problem is rectified: the next run no longer finds it; the entry stays until closed.
    with qh.db.write() as uow:
        initialisation.record_removal(
            uow, qh.clerk, first, D(2025, 2, 20), "transferred_out", "清编出〔2025〕3号"
        )
        uow.commit()
    assert run(qh, D(2025, 3, 1)).gone == 1
    entry = over_quota(qh)
    assert (entry.state, entry.present) == (FindingState.RECTIFYING, False)

    with qh.db.write() as uow:
        with pytest.raises(PermissionDenied):
            rectification.close(uow, qh.clerk, entry.id, "清编办发〔2025〕8号")
        with pytest.raises(ValidationError, match="销号依据文号"):
            rectification.close(uow, qh.reviewer, entry.id, None)
        entry = rectification.close(
            uow, qh.reviewer, entry.id, "清编办发〔2025〕8号", "已调出一人，不再超编", D(2025, 3, 2)
        )
        uow.commit()
    assert (entry.state, entry.closed_on, entry.document_number) == (
        FindingState.CLOSED,
        D(2025, 3, 2),
        "清编办发〔2025〕8号",
    )
    with qh.db.write() as uow, pytest.raises(RuleViolation, match="已于2025-03-02销号"):
        rectification.close(uow, qh.reviewer, entry.id, "清编办发〔2025〕9号")

    # The unit goes over quota again: the closed finding reopens, with a step that says so.
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "王五", seq=15), unit, on=D(2025, 4, 1))
    assert run(qh, D(2025, 4, 2)).reopened == 1
    entry = over_quota(qh)
    assert (entry.state, entry.present, entry.closed_on, entry.document_number) == (
        FindingState.FOUND,
        True,
        None,
        "",
    )
    with qh.db.read() as uow:
        steps = rectification.steps(uow, entry.id)
        assert rectification.open_count(uow, unit) == 2
        actions = list(
            uow.session.scalars(
                select(AuditRecord.action)
                .where(AuditRecord.action.like("finding.%"))
                .order_by(AuditRecord.id)
            )
        )
    assert [(s.from_state, s.to_state) for s in steps] == [
        (None, FindingState.FOUND),
        (FindingState.FOUND, FindingState.RECTIFYING),
        (FindingState.RECTIFYING, FindingState.CLOSED),
        (FindingState.CLOSED, FindingState.FOUND),
    ]
    assert steps[1].note == "张三调出，办理出编" and steps[1].username == "clerk"
    assert steps[2].document_number == "清编办发〔2025〕8号" and steps[2].username == "reviewer"
    assert "重新打开" in steps[3].note
    assert actions == ["finding.rectify", "finding.close"]


def test_closed_while_still_found_stays_closed_until_it_goes_and_comes_back(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县审计局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 1)
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "张三"), unit)
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "李四", seq=13), unit)
    run(qh, D(2025, 1, 10))
    with qh.db.write() as uow:
        # The city approved the excess until the next retirement: closed on its document.
        rectification.close(uow, qh.approver, over_quota(qh).id, "市编办函〔2025〕2号", on=D(2025, 1, 12))
        uow.commit()
    assert run(qh, D(2025, 2, 1)).reopened == 0
    entry = over_quota(qh)
    assert (entry.state, entry.present) == (FindingState.CLOSED, True)


def test_notices_are_not_tracked_and_partial_runs_only_touch_their_codes(qh: County) -> None:
    unit = add_unit(qh.db, qh.clerk, "清河县水利局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 1)
    enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, "老李", birth=D(1965, 3, 10)), unit, on=D(1990, 1, 1))
    day = D(2025, 1, 1)  # retires 2025-04-10: a notice only
    with qh.db.write() as uow:
        findings = run_health_check(uow, qh.clerk, day)
        assert FindingCode.RETIRING_SOON in {f.code for f in findings}
        rectification.record_run(uow, qh.clerk, findings, day)
        uow.commit()
    with qh.db.read() as uow:
        assert {e.code for e in rectification.list_entries(uow)} == {FindingCode.NO_CHARTER}
    with qh.db.write() as uow:
        partial = run_health_check(uow, qh.clerk, day, codes=[FindingCode.OVER_QUOTA])
        assert rectification.record_run(uow, qh.clerk, partial, day, codes=[FindingCode.OVER_QUOTA]).gone == 0
        uow.commit()


def test_one_checkup_for_window_and_console_reads_records_and_exports(qh: County, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Without record nothing is written; with it the run is on the ledger; an export implies both."""
    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 1)
    for seq, name in ((11, "张三"), (13, "李四")):
        enroll(qh.db, qh.clerk, add_person(qh.db, qh.clerk, name, seq=seq), unit, on=D(2021, 3, 1))

    looked = check_county(qh.db, qh.clerk, D(2025, 1, 10), record=False)
    with qh.db.read() as uow:
        assert rectification.list_entries(uow) == []
        assert [f.code for f in looked.findings] == [
            f.code for f in run_health_check(uow, qh.clerk, D(2025, 1, 10))
        ]
    assert looked.recorded is None and looked.exported is None

    target = tmp_path / "体检问题清单.xlsx"
    done = check_county(qh.db, qh.clerk, D(2025, 1, 10), record=False, export_to=target)
    assert done.recorded == RunRecord(D(2025, 1, 10), new=2, seen_again=0, reopened=0, gone=0)
    assert done.exported == target and target.stat().st_size > 0
    with qh.db.read() as uow:
        assert {e.code for e in rectification.list_entries(uow)} == {f.code for f in looked.findings}
