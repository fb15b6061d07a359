"""A batch of notices reads its records and figures in one pass of set-based queries: every notice of
the batch must equal the same notice built on its own (which asks services.quota for its figures)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import event

from bianzhi_desktop.documents.pdf.notice_inputs import NoticeKind
from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.services.paperwork import papers as paperwork

BUILD = {
    NoticeKind.HIRING: paperwork.hiring_notice,
    NoticeKind.ENROLLMENT: paperwork.enrollment_notice,
    NoticeKind.REMOVAL: paperwork.removal_notice,
}


@pytest.mark.parametrize("kind", list(NoticeKind))
def test_a_batch_equals_its_notices_built_one_by_one(demo_template: Path, kind: NoticeKind) -> None:
    db = open_database(demo_template)  # read only
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
    try:
        with db.read() as uow:
            ids = paperwork.notice_ids(uow, kind)
            statements.clear()
            batch = paperwork.notices(uow, kind)
            queries = len(statements)
        with db.read() as uow:
            single = [BUILD[kind](uow, item_id) for item_id in ids]
    finally:
        db.close()
    assert len(ids) >= 5  # the demo county's year of matters gives every kind of notice
    assert batch == single
    assert len({notice.header.unit_name for notice in batch}) > 1
    assert queries <= 20  # a few set-based queries, not several per notice


def test_notices_of_approved_matters_name_their_drafter_and_approver(demo_template: Path) -> None:
    db = open_database(demo_template)  # read only
    try:
        with db.read() as uow:
            batch = paperwork.notices(uow, NoticeKind.ENROLLMENT)
    finally:
        db.close()
    signed = [n.header for n in batch if n.header.signer]
    assert signed, "the demo county approves enrollment matters"
    assert all(header.handler and header.handler != header.signer for header in signed)
