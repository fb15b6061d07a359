"""The health check on the demo county finds exactly the problems the demo seeds.

Problem codes (Severity.PROBLEM) must be found for exactly the seeded units and people, and for nothing
else. Warnings and notices (same name and birth date, long-unused vacancies, people due to retire) occur
naturally in any county and are not seeded; they are allowed. `overdue_removal` follows from the seeded
`past_retirement` people: they reached the statutory age years ago, so their units are late with removals.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pytest

from bianzhi_desktop.demo.build import DemoReport
from bianzhi_desktop.domain.health import FindingCode, Severity
from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.services.context import SYSTEM_ACTOR
from bianzhi_desktop.services.health.checks.base import HealthFinding
from bianzhi_desktop.services.health.run import run_health_check

from ..conftest import DemoBuild

PROBLEMS = {code for code in FindingCode if code.severity is Severity.PROBLEM}


@pytest.fixture(scope="module")
def demo(demo_build: DemoBuild) -> tuple[DemoReport, list[HealthFinding]]:
    """The session's demo county (built once for all tests) and what the check finds in it (read only)."""
    db = open_database(demo_build.path)
    try:
        with db.read() as uow:
            findings = run_health_check(uow, SYSTEM_ACTOR)
    finally:
        db.close()
    return demo_build.report, findings


def test_every_seeded_problem_is_found_for_its_unit(demo: tuple[DemoReport, list[HealthFinding]]) -> None:
    report, findings = demo
    seeded: dict[str, list[str]] = defaultdict(list)
    for problem in report.seeded_problems:
        seeded[problem.code].append(problem.unit)
    seeded["overdue_removal"] = list(seeded["past_retirement"])
    found: dict[str, list[str]] = defaultdict(list)
    for finding in findings:
        if finding.code in PROBLEMS:
            found[finding.code.value].append(finding.unit_name)
    assert {code: sorted(units) for code, units in found.items()} == {
        code: sorted(units) for code, units in seeded.items()
    }
    assert set(seeded) >= {"over_quota", "over_leader_posts", "past_retirement", "expired_reservation"}


def test_seeded_people_are_the_ones_found(demo: tuple[DemoReport, list[HealthFinding]]) -> None:
    report, findings = demo
    seeded = {(p.unit, p.detail.split(" ")[0]) for p in report.seeded_problems if p.code == "past_retirement"}
    found = {
        (f.unit_name, f.message.split("（")[0]) for f in findings if f.code is FindingCode.PAST_RETIREMENT
    }
    assert found == seeded
    # "pi_full 超编3名": the seeded excess of each unit is the excess found.
    seeded_over = {
        p.unit: int(re.search(r"超编(\d+)名", p.detail).group(1))  # type: ignore[union-attr]
        for p in report.seeded_problems
        if p.code == "over_quota"
    }
    found_over = {f.unit_name: f.figures["over"] for f in findings if f.code is FindingCode.OVER_QUOTA}
    assert found_over == seeded_over


def test_only_warnings_and_notices_beyond_the_seeded(demo: tuple[DemoReport, list[HealthFinding]]) -> None:
    _, findings = demo
    extra = {f.code for f in findings} - PROBLEMS
    assert extra <= {FindingCode.DUPLICATE_PERSON, FindingCode.DORMANT_VACANCY, FindingCode.RETIRING_SOON}
    for finding in findings:
        assert finding.message and (finding.unit_name or finding.code is FindingCode.OVER_UNIT_CAP)
        assert any(finding.records.values()), finding
