"""`bianzhi-cli matters list`: what a script reads from the console."""

from __future__ import annotations

import json

import pytest

from bianzhi_desktop import cli
from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import HiringMethod

from ..conftest import make_county
from ..services.helpers import add_quota, add_unit
from ..services.matter_helpers import D, carry, close_initialisation, draft


def test_matters_list_as_json_and_table(sqlite_db, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    qh = make_county(sqlite_db)
    unit = add_unit(qh.db, qh.clerk, "清河县财政局")
    add_quota(qh.db, qh.clerk, unit, "行政编制", 4)
    close_initialisation(qh)
    carry(
        qh,
        m.HiringPlanRequest(unit, "行政编制", 2, HiringMethod.CIVIL_EXAM, D(2026, 5, 6), D(2026, 12, 31)),
        D(2026, 5, 6),
    )
    draft(
        qh, m.HiringPlanRequest(unit, "行政编制", 1, HiringMethod.SELECTION, D(2026, 6, 1), D(2026, 12, 31))
    )
    path = sqlite_db.location
    assert cli.main(["matters", "list", "--db", path, "--state", "approved", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["state"], r["document_number"], r["title"], r["drafter"]) for r in rows] == [
        ("approved", "清编办发〔2026〕1号", "核准清河县财政局用编计划（行政编制2名，考录）", "李经办")
    ]
    assert cli.main(["matters", "list", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "草稿" in out and "已批准" in out and out.strip().endswith("共2件。")
    assert cli.main(["matters", "list", "--db", path, "--state", "草稿", "--kind", "用编计划核准"]) == 0
    assert capsys.readouterr().out.strip().endswith("共1件。")
    with pytest.raises(SystemExit) as usage:
        cli.main(["matters", "list", "--db", path, "--state", "lost"])
    assert usage.value.code == 2
    assert "没有“lost”这一状态" in capsys.readouterr().err
