"""Benchmark of the core (issue 2): a 40,000-person demo county on SQLite.

    .venv/bin/python bench/bench_core.py [--persons 40000] [--keep PATH]

Prints the demo build time (wall and CPU: the machine is shared), the county summary time
(target ≤ 100 ms), the unit page figures and the database size, each beside its target. Exits 1
when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, report, timed

from bianzhi_desktop.demo import build_demo_county
from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.services import ledger, org


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=40000)
    parser.add_argument("--keep", help="keep the built database at this path")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.keep) if args.keep else Path(folder) / "bench.sqlite3"
        if path.exists():
            path.unlink()
        db = open_database(path)
        cpu = time.process_time()
        build_ms, built = timed(lambda: build_demo_county(db, persons=args.persons, seed=1))
        build_cpu = time.process_time() - cpu  # SQLite works in this process: its CPU time is counted
        db.close()
        db = open_database(path)
        with db.read() as uow:
            summary_ms, lines = timed(lambda: ledger.summary(uow), repeat=7)
            biggest = max(org.list_units(uow), key=lambda u: org.active_enrollment_count(uow, u.id))
            unit_ms, _ = timed(
                lambda: (
                    ledger.summary(uow, unit_id=biggest.id),
                    ledger.leader_posts(uow, biggest.id),
                    ledger.enrolled_people(uow, biggest.id),
                ),
                repeat=7,
            )
        db.close()
        size_mb = sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1024 / 1024
        figures = [
            Figure(f"演示县生成（{built.persons}人）", build_ms / 1000, "s", 60),  # type: ignore[attr-defined]
            Figure("  其中CPU时间（机器繁忙时以此为准）", build_cpu, "s", None),
            Figure(f"全县编制汇总（{len(lines)}行）", summary_ms, "ms", 100),  # type: ignore[arg-type]
            Figure(f"单位编制、职数和人员（{biggest.short_name}）", unit_ms, "ms", None),
            Figure("数据库大小", size_mb, "MB", None),
        ]
    return report("核心基准（SQLite，2核）", figures)


if __name__ == "__main__":
    sys.exit(main())
