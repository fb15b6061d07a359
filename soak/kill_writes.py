"""Kill -9 campaign against the program's own writes: roster imports, approvals and schema upgrades are
killed at a random moment, over and over, and after every kill the county must be whole and honest.

    .venv/bin/python soak/kill_writes.py [--count 60] [--persons 400] [--seed 15] [--keep DIR]
        [--only import|approve|migrate]

Made once: a demo county (`--persons`), its ledger and roster exported, and a fresh county holding only
that ledger. Then, round-robin:
- **import**: a process imports the whole roster into a copy of the fresh county (preview, then the
  all-or-nothing commit); it is killed after a random delay. Afterwards the register holds either none
  or all of the roster's people (never part of it).
- **approve**: a process drafts, submits, reviews and approves quota increases in a copy of the demo
  county, one approval after another; it is killed mid-stream. Afterwards every approved matter has its
  decision number, the numbers of the year are gap-free (1…N), each approval wrote exactly its one
  ledger line, and the next approval still works.
- **migrate**: a copy put back to schema 0001 is opened (which backs it up and upgrades it) and killed
  during the upgrade. Afterwards the file opens and upgrades to the head, and holds the same people.
After each kill: `PRAGMA integrity_check`. Printed: runs per kind, kills, corrupt, partial (imports),
lost or gapped numbers (approvals), unreadable after an upgrade. Goal of issue 15: all zero. POSIX only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

IMPORTER = """
import sys
from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.services import admin, exchange
db = open_database(sys.argv[1])
with db.write() as uow:
    actor = admin.authenticate(uow, "admin", "soak1234")
    uow.commit()
with db.read() as uow:
    preview = exchange.preview_roster(uow, actor, sys.argv[2])
print("commit", flush=True)
with db.write() as uow:
    exchange.commit_roster(uow, actor, preview)
    uow.commit()
print("done", flush=True)
"""

APPROVER = """
import datetime as dt, sys
from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.persistence.database import open_database
from bianzhi_desktop.services import admin, matters
db = open_database(sys.argv[1])
unit_id, kind = int(sys.argv[2]), sys.argv[3]
with db.write() as uow:
    people = {name: admin.authenticate(uow, name, "demo1234") for name in ("lina", "wangjianguo", "zhaozhigang")}
    uow.commit()
print("ready", flush=True)
while True:
    content = m.QuotaChange(dt.date.today(), (m.QuotaMove(kind, 1, to_unit_id=unit_id),), "上级核增")
    with db.write() as uow:
        matter_id = matters.create_draft(uow, people["lina"], content)
        uow.commit()
    with db.write() as uow:
        matters.submit(uow, people["lina"], matter_id)
        matters.review(uow, people["wangjianguo"], matter_id, opinion="同意")
        uow.commit()
    with db.write() as uow:
        matters.approve(uow, people["zhaozhigang"], matter_id, opinion="同意")
        uow.commit()
    print("approved", flush=True)
"""

UPGRADER = """
import sys
from bianzhi_desktop.persistence.database import open_database
print("opening", flush=True)
open_database(sys.argv[1]).close()
print("done", flush=True)
"""


def _python(script: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    )


def _integrity_ok(path: Path) -> bool:
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.Error:
        return False


def _count(path: Path, sql: str) -> int:
    conn = sqlite3.connect(path)
    try:
        return int(conn.execute(sql).fetchone()[0])
    finally:
        conn.close()


def _copy(source: Path, target: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(source, target)
    return target


def prepare(folder: Path, persons: int, seed: int) -> dict[str, object]:
    """The demo county, its exported roster, a fresh county with only the ledger, and a 0001 copy."""
    from alembic import command
    from sqlalchemy import create_engine

    from bianzhi_desktop.demo import build_demo_county
    from bianzhi_desktop.persistence import migrate
    from bianzhi_desktop.persistence.database import open_database
    from bianzhi_desktop.services import county, exchange, ledger, org
    from bianzhi_desktop.services.context import SYSTEM_ACTOR

    demo_path = folder / "demo.sqlite3"
    db = open_database(demo_path)
    build_demo_county(db, persons=persons, seed=seed)
    roster, ledger_file = folder / "roster.xlsx", folder / "ledger.xlsx"
    with db.write() as uow:
        exchange.export_roster(uow, SYSTEM_ACTOR, roster)
        exchange.export_ledger(uow, SYSTEM_ACTOR, ledger_file)
        unit = max(org.list_units(uow), key=lambda u: org.active_enrollment_count(uow, u.id))
        kind = next(line.kind_name for line in ledger.summary(uow, unit_id=unit.id))
        uow.commit()
    db.close()
    fresh_path = folder / "fresh.sqlite3"
    fresh = open_database(fresh_path)
    administrator = county.create_county(
        fresh,
        county_name="云溪县",
        office_name="中共云溪县委机构编制委员会办公室",
        doc_prefix="云编办发",
        admin_username="admin",
        admin_password="soak1234",
    )
    with fresh.write() as uow:
        exchange.commit_ledger(uow, administrator, exchange.preview_ledger(uow, administrator, ledger_file))
        uow.commit()
    fresh.close()
    old_path = _copy(demo_path, folder / "old.sqlite3")
    engine = create_engine(f"sqlite:///{old_path}")
    command.downgrade(migrate.alembic_config(engine), "0001")
    engine.dispose()
    people = _count(demo_path, "SELECT count(*) FROM person")
    roster_people = _count(demo_path, "SELECT count(DISTINCT person_id) FROM enrollment WHERE end_on IS NULL")
    return {
        "demo": demo_path,
        "fresh": fresh_path,
        "old": old_path,
        "roster": roster,
        "unit_id": unit.id,
        "kind": kind,
        "people": people,
        "roster_people": roster_people,
    }


def _kill_after(process: subprocess.Popen[str], wait_for: str, delay: float) -> bool:
    """Wait until the process printed `wait_for` (or ended), sleep `delay`, SIGKILL; True if killed alive."""
    assert process.stdout is not None
    while True:
        line = process.stdout.readline()
        if not line or line.strip() == wait_for:
            break
    time.sleep(delay)
    alive = process.poll() is None
    if alive:
        process.send_signal(signal.SIGKILL)
    process.wait()
    process.stdout.close()
    return alive


def run_import(made: dict[str, object], work: Path, rng: random.Random) -> dict[str, object]:
    path = _copy(Path(str(made["fresh"])), work / "import.sqlite3")
    before = _count(path, "SELECT count(*) FROM person")
    killed = _kill_after(_python(IMPORTER, str(path), str(made["roster"])), "commit", rng.uniform(0.0, 1.5))
    intact = _integrity_ok(path)
    after = _count(path, "SELECT count(*) FROM person") if intact else -1
    whole = after in (before, before + int(str(made["roster_people"])))
    return {"kind": "import", "killed": killed, "corrupt": not intact, "partial": intact and not whole}


def run_approve(made: dict[str, object], work: Path, rng: random.Random) -> dict[str, object]:
    path = _copy(Path(str(made["demo"])), work / "approve.sqlite3")
    first_new = _count(path, "SELECT coalesce(max(id), 0) FROM matter") + 1  # the campaign's matters
    process = _python(APPROVER, str(path), str(made["unit_id"]), str(made["kind"]))
    killed = _kill_after(process, "ready", rng.uniform(0.2, 3.0))
    intact = _integrity_ok(path)
    problems = []
    if intact:
        conn = sqlite3.connect(path)
        try:
            year = dt.date.today().year
            seqs = sorted(
                row[0]
                for row in conn.execute(
                    "SELECT seq FROM document WHERE prefix = '云编办发' AND year = ? AND seq IS NOT NULL",
                    (year,),
                )
            )
            counter = conn.execute(
                "SELECT last_seq FROM doc_counter WHERE prefix = '云编办发' AND year = ?", (year,)
            ).fetchone()
            if counter is not None and seqs and seqs[-1] != counter[0]:
                problems.append("counter")
            issued = [s for s in seqs if counter is None or s <= counter[0]]
            if issued and issued != list(range(issued[0], issued[0] + len(issued))):
                problems.append("gap")
            orphans = conn.execute(
                "SELECT count(*) FROM matter WHERE state = 'approved' AND document_id IS NULL"
            ).fetchone()[0]
            if orphans:
                problems.append("approved without number")
            unmatched = conn.execute(
                "SELECT count(*) FROM matter m WHERE m.id >= ? AND m.state = 'approved' AND "
                "(SELECT count(*) FROM quota_entry q WHERE q.document_id = m.document_id) != 1",
                (first_new,),
            ).fetchone()[0]
            if unmatched:
                problems.append("ledger line missing or doubled")
        finally:
            conn.close()
    approved = (
        _count(path, f"SELECT count(*) FROM matter WHERE id >= {first_new} AND state = 'approved'")
        if intact
        else 0
    )
    return {
        "kind": "approve",
        "killed": killed,
        "corrupt": not intact,
        "lost": problems,
        "approved": approved,
    }


def run_migrate(made: dict[str, object], work: Path, rng: random.Random) -> dict[str, object]:
    from bianzhi_desktop.persistence import migrate
    from bianzhi_desktop.persistence.database import open_database

    path = _copy(Path(str(made["old"])), work / "old.sqlite3")
    for stale in work.glob("old.before-*"):
        stale.unlink()
    killed = _kill_after(_python(UPGRADER, str(path)), "opening", rng.uniform(0.0, 2.0))
    intact = _integrity_ok(path)
    readable = False
    if intact:
        try:
            db = open_database(path)  # finishes (or redoes) the upgrade
            with db.engine.connect() as conn:
                readable = migrate.current_revision(db.engine) == migrate.head_revision()
                people = conn.exec_driver_sql("SELECT count(*) FROM person").scalar()
            db.close()
            readable = readable and people == made["people"]
        except Exception:
            readable = False
    return {"kind": "migrate", "killed": killed, "corrupt": not intact, "unreadable": intact and not readable}


RUNS = {"import": run_import, "approve": run_approve, "migrate": run_migrate}


def campaign(count: int, persons: int, seed: int, folder: Path, only: str | None) -> dict[str, object]:
    rng = random.Random(seed)
    made = prepare(folder, persons, seed)
    kinds = [only] if only else list(RUNS)
    work = folder / "work"
    work.mkdir(exist_ok=True)
    outcomes = [RUNS[kinds[i % len(kinds)]](made, work, rng) for i in range(count)]
    totals: Counter[str] = Counter()
    for outcome in outcomes:
        totals[f"runs_{outcome['kind']}"] += 1
        totals["killed"] += bool(outcome["killed"])
        totals["corrupt"] += bool(outcome["corrupt"])
        totals["partial"] += bool(outcome.get("partial"))
        totals["lost"] += bool(outcome.get("lost"))
        totals["unreadable"] += bool(outcome.get("unreadable"))
    return {"runs": len(outcomes), **dict(totals), "failures": [o for o in outcomes if _failed(o)]}


def _failed(outcome: dict[str, object]) -> bool:
    return bool(
        outcome["corrupt"] or outcome.get("partial") or outcome.get("lost") or outcome.get("unreadable")
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--persons", type=int, default=400)
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--only", choices=tuple(RUNS))
    parser.add_argument("--keep", help="work in this folder (kept afterwards)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(args.keep) if args.keep else Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        result = campaign(args.count, args.persons, args.seed, folder, args.only)
    print(json.dumps(result, ensure_ascii=False, indent=1))
    bad = (
        result.get("corrupt", 0)
        or result.get("partial", 0)
        or result.get("lost", 0)
        or result.get("unreadable", 0)
    )
    print(
        f"运行{result['runs']}次，其中强制终止{result.get('killed', 0)}次：损坏{result.get('corrupt', 0)}，"
        f"导入残缺{result.get('partial', 0)}，文号缺号或账目不符{result.get('lost', 0)}，"
        f"升级后无法打开{result.get('unreadable', 0)}。" + ("全部达标。" if not bad else "未达标。")
    )
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
