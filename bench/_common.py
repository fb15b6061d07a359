"""Shared helpers for the benchmarks: timing, memory, and printing a figure beside its target."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    target: float | None  # an upper bound; None: reported only

    @property
    def ok(self) -> bool:
        return self.target is None or self.value <= self.target

    def line(self) -> str:
        target = "—" if self.target is None else f"≤ {self.target:g} {self.unit}"
        verdict = "" if self.target is None else ("达标" if self.ok else "未达标")
        return f"{self.name:<36}{self.value:>10.1f} {self.unit:<4} 目标 {target:<12} {verdict}"


def timed(function: Callable[[], object], repeat: int = 1) -> tuple[float, object]:
    """Median wall time in milliseconds over `repeat` runs, and the last result."""
    times = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), result


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def own_peak_mb() -> float:
    """This process's own peak resident memory (Linux VmHWM). ru_maxrss of a process started by
    another one also counts the starting process's peak (subprocess starts children with vfork, and
    exec keeps the shared memory's high-water mark), so a child of a large benchmark process reads
    high there."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return peak_rss_mb()


def report(title: str, figures: list[Figure]) -> int:
    print(title)
    for figure in figures:
        print("  " + figure.line())
    missed = [f.name for f in figures if not f.ok]
    print("  全部达标" if not missed else "  未达标：" + "、".join(missed))
    return 1 if missed else 0
