"""Benchmark of the register and the unit page (issue 3) on a 40,000-person demo county.

    .venv/bin/python bench/bench_pages.py [--db /tmp/bench40k.sqlite3] [--persons 40000]

The county is built once (bianzhi-cli demo) into --db and reused by later runs. Measured, offscreen:

- one filter keystroke in the register: from setting the search text (the debounce pause left out) to
  the model reset and the first 50 rows built, over a typical sequence of keystrokes (a pinyin initial,
  two initials, a surname, an ID number's last digits, its first ten, clearing the box); the median and
  the slowest are both held to the target;
- opening a unit page: `show_unit` and the page painted, for the unit with the most people on quota
  and the median over all units; the history tab (read only when opened) is reported for the largest.

Each figure is printed beside its target; exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from _common import Figure, report  # noqa: E402

KEYSTROKES = ("z", "zh", "张", "", "0321", "4312281990", "", "1234", "l", "")
ROWS_SHOWN = 50


def ensure_county(path: Path, persons: int) -> None:
    if path.exists():
        return
    print(f"建立 {persons} 人的演示县：{path}（只需一次）……", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bianzhi_desktop.cli",
            "demo",
            "--db",
            str(path),
            "--persons",
            str(persons),
            "--quiet",
        ],
        check=True,
        cwd=HERE.parent,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench40k.sqlite3"))
    parser.add_argument("--persons", type=int, default=40000)
    args = parser.parse_args(argv)
    ensure_county(args.db, args.persons)

    from bianzhi_desktop.gui.app import application

    app = application()
    from sqlalchemy import func, select

    from bianzhi_desktop.gui.context import AppContext
    from bianzhi_desktop.gui.pages.register import RegisterPage
    from bianzhi_desktop.gui.pages.unit import UnitPage
    from bianzhi_desktop.persistence.database import open_database
    from bianzhi_desktop.persistence.models import Enrollment
    from bianzhi_desktop.services import admin, org

    db = open_database(args.db)
    with db.write() as uow:
        ctx = AppContext(db, admin.authenticate(uow, "admin", "demo1234"))

    def settle() -> None:
        for _ in range(3):
            app.processEvents()

    # -- the register -----------------------------------------------------------------------------
    register = RegisterPage(ctx)
    register.resize(1280, 800)
    register.show()
    settle()
    people = register.model.rowCount()

    def keystroke(text: str) -> None:
        register.search.setText(text)
        register.apply_filter()
        for row in range(min(ROWS_SHOWN, register.model.rowCount())):
            register.model.index(row, 0).data()

    keystroke("w")  # warm the statement caches once
    keystroke("")
    times = []
    for _round in range(3):
        for text in KEYSTROKES:
            start = time.perf_counter()
            keystroke(text)
            times.append((time.perf_counter() - start) * 1000)
            settle()
    per_key = {text: [] for text in KEYSTROKES}
    for index, value in enumerate(times):
        per_key[KEYSTROKES[index % len(KEYSTROKES)]].append(value)

    # -- the unit page ----------------------------------------------------------------------------
    with db.read() as uow:
        biggest_id = uow.session.scalar(
            select(Enrollment.unit_id)
            .where(Enrollment.end_on.is_(None))
            .group_by(Enrollment.unit_id)
            .order_by(func.count().desc())
            .limit(1)
        )
        all_units = [unit.id for unit in org.list_units(uow)]
        biggest = org.get_unit(uow, biggest_id)
    page = UnitPage(ctx)
    page.resize(1000, 760)
    page.show()
    page.show_unit(all_units[0])
    settle()

    def open_unit(unit_id: int) -> float:
        start = time.perf_counter()
        page.show_unit(unit_id)
        page.repaint()
        return (time.perf_counter() - start) * 1000

    big = statistics.median(open_unit(biggest_id) for _ in range(5))
    each = [open_unit(unit_id) for unit_id in all_units]
    page.tabs.setCurrentIndex(3)
    start = time.perf_counter()
    page.show_unit(biggest_id)
    page.repaint()
    with_history = (time.perf_counter() - start) * 1000

    print(f"演示县：{people} 人在编，{len(all_units)} 个机构；最大的机构：{biggest.name}")
    for text, values in per_key.items():
        print(f"  按键后的搜索框“{text}”：{statistics.median(values):.1f} ms")
    figures = [
        Figure("筛选按键（中位数）", statistics.median(times), "ms", 50),
        Figure("筛选按键（最慢）", max(times), "ms", 50),
        Figure("打开机构页面（中位数）", statistics.median(each), "ms", 100),
        Figure("打开最大的机构页面", big, "ms", 100),
        Figure("打开最大的机构页面（沿革页）", with_history, "ms", None),
    ]
    result = report("实名制与机构页面（issue 3）", figures)
    for widget in (register, page):  # tear down before the interpreter does (PySide6 dislikes the reverse)
        widget.close()
        widget.deleteLater()
    settle()
    db.close()
    return result


if __name__ == "__main__":
    sys.exit(main())
