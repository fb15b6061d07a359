"""Benchmark of the installed program (issue 14): its size, its installers' size, and its start.

    .venv/bin/python bench/bench_frozen.py [--dist dist] [--persons 40000] [--keep PATH]

Reads what `bash packaging/build.sh` left in --dist: the folder bianzhi/ (target ≤ 150 MB), the .deb
and, when one was copied there from a Windows build, bianzhi-setup-*.exe (each ≤ 70 MB). Then starts
the program on a demo county of --persons people (built once; --keep reuses the file) the same way
frozen and from source, in the same run: a new process opens the database as its first administrator
(no password, like the smoke test: the password check is bench_gui.py's business), builds and shows
the main window with its overview, and prints READY once the window has been painted
(`bianzhi --startup-probe`). The parent times launch → READY, and prints the child's CPU time too (the
machine may be shared). One unmeasured start of each warms the file cache; the median of three is
printed. Exits 1 when a target is missed. Linux (and other POSIX systems): the CPU time comes from
`resource`.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from _common import Figure, report  # noqa: E402

MB = 1024 * 1024


def folder_size(folder: Path) -> float:
    return sum(path.lstat().st_size for path in folder.rglob("*")) / MB


def start_time(command: list[str], location: Path) -> tuple[float, float]:
    """(wall seconds from launch to READY, CPU seconds of the whole child process)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}
    env["QT_QPA_PLATFORM"] = env.get("QT_QPA_PLATFORM", "offscreen")
    env.pop("BIANZHI_FAST_HASH", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(
        [*command, "--startup-probe", "--db", str(location)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert process.stdout is not None
    ready = 0.0
    for line in process.stdout:
        if line.strip() == "READY" and not ready:
            ready = time.perf_counter() - started
    if process.wait(timeout=300) != 0 or not ready:
        raise SystemExit(f"程序启动失败：{' '.join(command)}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return ready, cpu


def median_start(command: list[str], location: Path) -> tuple[float, float]:
    start_time(command, location)  # unmeasured: warms the file cache
    runs = sorted(start_time(command, location) for _ in range(3))
    return runs[1][0], sorted(cpu for _wall, cpu in runs)[1]


def build_county(path: Path, persons: int) -> None:
    from bianzhi_desktop.services.demo import build_demo_county

    from bianzhi_desktop.persistence.database import open_database

    db = open_database(path)
    try:
        build_demo_county(db, persons=persons, seed=1)
    finally:
        db.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dist", type=Path, default=HERE.parent / "dist", help="what packaging/build.sh left"
    )
    parser.add_argument("--persons", type=int, default=40000)
    parser.add_argument("--keep", help="build the county once into this file and reuse it later")
    args = parser.parse_args()
    folder = args.dist / "bianzhi"
    executable = folder / ("bianzhi.exe" if sys.platform == "win32" else "bianzhi")
    if not executable.is_file():
        print(f"没有找到构建结果 {executable}：请先运行 bash packaging/build.sh", file=sys.stderr)
        return 2
    figures = [Figure("构建目录大小（dist/bianzhi）", folder_size(folder), "MB", 150)]
    installers = sorted(args.dist.glob("bianzhi_*_amd64.deb")) + sorted(args.dist.glob("bianzhi-setup-*.exe"))
    for installer in installers:
        figures.append(Figure(f"安装包 {installer.name}", installer.stat().st_size / MB, "MB", 70))
    if not installers:
        print("（dist 中没有安装包，不计安装包大小）")
    with tempfile.TemporaryDirectory() as temporary:
        path = Path(args.keep) if args.keep else Path(temporary) / "bench.sqlite3"
        if not path.exists():
            print(f"生成 {args.persons} 人的演示县：{path} …", flush=True)
            build_county(path, args.persons)
        frozen = median_start([str(executable)], path)
        source = median_start([sys.executable, "-m", "bianzhi_desktop"], path)
    figures.append(Figure(f"安装版启动到主窗口可用（{args.persons} 人）", frozen[0], "s", 1.5))
    figures.append(Figure("  （整个进程的 CPU 时间，受机器负载影响较小）", frozen[1], "s", None))
    figures.append(Figure("同一数据库从源代码启动（对照）", source[0], "s", None))
    figures.append(Figure("  （整个进程的 CPU 时间）", source[1], "s", None))
    return report(f"安装版基准（{folder}，2核，offscreen）", figures)


if __name__ == "__main__":
    sys.exit(main())
