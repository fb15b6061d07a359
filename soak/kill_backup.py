"""Kill -9 campaign against backups: a backup is killed at a random moment, over and over, and after
every kill the previous backup must still be there, whole and ours, and the database intact.

    .venv/bin/python soak/kill_backup.py [--count 200] [--megabytes 40] [--seed 15] [--keep DIR]

A county database is made once and padded to about `--megabytes`; a first backup is taken. Each run
starts a process that backs the database up onto the same target again and again while another
process writes to the database, kills the backing-up process with SIGKILL after a random delay (within
the time one backup takes), then checks the target with the restore check (SQLite header, integrity,
our schema, not newer) and the database with PRAGMA integrity_check. Printed: runs, kills that landed
inside the first backup of a run, corrupt (the database fails its check), lost backups (the target
missing, or a file that fails the restore check), temporary files left behind. Goal of issue 15: 0 corrupt and 0 lost. POSIX only.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BACKER = """
import sys
from pathlib import Path
from bianzhi_desktop.persistence.backup import backup_sqlite_file
source, target = Path(sys.argv[1]), Path(sys.argv[2])
print("ready", flush=True)
while True:
    backup_sqlite_file(source, target)
    print("done", flush=True)
"""

WRITER = """
import sqlite3, sys, time
conn = sqlite3.connect(sys.argv[1], timeout=30)
conn.execute("PRAGMA journal_mode = WAL")
print("ready", flush=True)
while True:
    with conn:
        conn.execute("INSERT INTO soak_filler (x) VALUES (randomblob(2000))")
    time.sleep(0.005)
"""


def make_database(path: Path, megabytes: int) -> None:
    from hostile_workbooks import make_county  # the same small county as the workbook campaign

    make_county(path)
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE soak_filler (x BLOB)")
    conn.executemany("INSERT INTO soak_filler VALUES (randomblob(4000))", [()] * (megabytes * 256))
    conn.commit()
    conn.close()


def time_one_backup(source: Path, target: Path) -> float:
    from bianzhi_desktop.persistence.backup import backup_sqlite_file

    started = time.perf_counter()
    backup_sqlite_file(source, target)
    return time.perf_counter() - started


def database_intact(path: Path) -> bool:
    conn = sqlite3.connect(path, timeout=30)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--count", type=int, default=200, help="kills (default 200)")
    parser.add_argument("--megabytes", type=int, default=40, help="size of the database (default 40)")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", help="work in this folder and keep it")
    args = parser.parse_args()
    if not hasattr(signal, "SIGKILL"):
        print("kill -9 campaigns need a POSIX system", file=sys.stderr)
        return 2
    from bianzhi_desktop.domain.errors import BianzhiError
    from bianzhi_desktop.persistence.backup import check_backup_file

    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(args.keep) if args.keep else Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        database, target = folder / "county.sqlite3", folder / "backups" / "county-backup.sqlite3"
        if not database.exists():
            make_database(database, args.megabytes)
        one = time_one_backup(database, target)
        print(
            f"数据库 {database.stat().st_size / 1024 / 1024:.0f} MB，一次备份约 {one:.2f} s；开始 {args.count} 次 kill -9……"
        )
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        writer = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(database)], env=env, stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        runs = inside = corrupt = lost = 0
        try:
            for number in range(1, args.count + 1):
                with subprocess.Popen(
                    [sys.executable, "-c", BACKER, str(database), str(target)],
                    env=env,
                    stdout=subprocess.PIPE,
                    text=True,
                ) as backer:
                    assert backer.stdout is not None and backer.stdout.readline().strip() == "ready"
                    time.sleep(rng.uniform(0, one * 4))
                    backer.send_signal(signal.SIGKILL)
                    backer.wait()
                    finished = backer.stdout.read().count("done")
                runs += 1
                inside += finished == 0  # killed before its first backup onto the old one completed
                try:
                    check_backup_file(target)
                except BianzhiError as error:
                    lost += 1
                    print(f"  第{number}次：备份不可用：{error}", flush=True)
                if not database_intact(database):
                    corrupt += 1
                    print(f"  第{number}次：数据库未通过完整性检查", flush=True)
                if number % 25 == 0:
                    print(f"  已运行 {number}/{args.count}", flush=True)
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
            if writer.stdout is not None:
                writer.stdout.close()
        leftovers = sorted(p.name for p in target.parent.iterdir() if p.name.endswith(".partial"))
    print(f"备份 kill -9 试验：运行 {runs} 次，其中 {inside} 次杀在第一次备份完成之前")
    print(f"  损坏 {corrupt}（目标 0），丢失备份 {lost}（目标 0），残留临时文件 {len(leftovers)}")
    return 0 if corrupt == lost == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
