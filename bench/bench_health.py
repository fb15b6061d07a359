"""Benchmark of the health check (issue 5): the whole check on a 40,000-person demo county (SQLite).

    .venv/bin/python bench/bench_health.py [--persons 40000] [--db PATH]

Builds the demo once with `bianzhi-cli demo` into a temporary file (or uses --db PATH, building it
there if it does not exist), then times the whole check (target ≤ 300 ms, the median of 7 runs, each
in a fresh unit of work; wall time and CPU time, since other work on the shared machine inflates wall
time), the first run of the process, each check on its own, and entering a run on
the rectification ledger. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import Figure, report, timed

from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.services import health
from bianzhi_desktop.services.context import SYSTEM_ACTOR
from bianzhi_desktop.services.health import CHECKS, CheckContext, run_health_check


def build(path: Path, persons: int) -> None:
    cli = Path(sys.executable).with_name("bianzhi-cli")
    command = [str(cli)] if cli.exists() else [sys.executable, "-m", "bianzhi_desktop.cli"]
    subprocess.run(
        [*command, "demo", "--db", str(path), "--persons", str(persons), "--seed", "1", "--quiet"], check=True
    )


def measure(path: Path) -> list[Figure]:
    db = open_database(path)
    try:
        with db.read() as uow:
            start = time.perf_counter()
            findings = run_health_check(uow, SYSTEM_ACTOR)
            first_ms = (time.perf_counter() - start) * 1000
        runs, cpu_runs = [], []
        for _ in range(7):
            with db.read() as uow:
                start, cpu_start = time.perf_counter(), time.process_time()
                run_health_check(uow, SYSTEM_ACTOR)
                runs.append((time.perf_counter() - start) * 1000)
                cpu_runs.append((time.process_time() - cpu_start) * 1000)
        per_check: dict[str, list[float]] = {code.label: [] for code in CHECKS}
        for _ in range(3):
            with db.read() as uow:
                ctx = CheckContext(uow, dt.date.today())
                start = time.perf_counter()
                _ = ctx.figures, ctx.units, ctx.kinds
                per_check.setdefault("（共用：编制数、机构名）", []).append(
                    (time.perf_counter() - start) * 1000
                )
                for code, check in CHECKS.items():
                    start = time.perf_counter()
                    check(ctx)
                    per_check[code.label].append((time.perf_counter() - start) * 1000)
        with db.write() as uow:
            record_ms, recorded = timed(lambda: health.record_run(uow, SYSTEM_ACTOR, findings))
            uow.commit()
    finally:
        db.close()
    figures = [
        Figure(f"全县体检（{len(findings)}项，7次中位数）", statistics.median(runs), "ms", 300),
        Figure("全县体检CPU时间（7次中位数）", statistics.median(cpu_runs), "ms", 300),
        Figure("全县体检（进程内首次）", first_ms, "ms", None),
    ]
    figures += [Figure(f"  {label}", min(times), "ms", None) for label, times in per_check.items()]
    figures.append(Figure(f"登记整改台账（新{recorded.new}项）", record_ms, "ms", None))  # type: ignore[attr-defined]
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--persons", type=int, default=40000)
    parser.add_argument("--db", help="use (or build once into) this database file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(args.db) if args.db else Path(folder) / "bench-health.sqlite3"
        if not path.exists():
            started = time.perf_counter()
            build(path, args.persons)
            print(f"演示县已生成（{args.persons}人），用时{time.perf_counter() - started:.1f}秒：{path}")
        figures = measure(path)
    return report(f"体检基准（SQLite，2核，{args.persons}人）", figures)


if __name__ == "__main__":
    sys.exit(main())
