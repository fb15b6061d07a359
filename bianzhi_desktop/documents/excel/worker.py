"""Reading a workbook in a separate process with a memory and time cap, so no file can take the
program (or the window) down: a file that makes the reader allocate without bound, crash or hang costs
only that process, and the clerk gets a Chinese message naming the file.

The parent starts `python -m bianzhi_desktop.documents.excel.worker` (a frozen build: the program
itself with `--excel-worker`), writes one pickled request to its stdin and reads one pickled answer
from its stdout: ("ok", result) or ("refused", message). The worker caps its own address space
(RLIMIT_AS, on Linux and macOS) and CPU time before it reads anything; the parent also stops it after
a wall-clock limit (the only cap on Windows). The parent checks the file's limits (guard.py) while the
worker starts, so the check costs no time of its own on two cores.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

MEMORY_CAP_BYTES = (
    500 * 1024 * 1024
)  # address space of the reading process (a 40,000-row roster needs ~210 MB)
TIME_CAP_SECONDS = 120  # wall clock; a 40,000-row roster reads in about a second
FROZEN_FLAG = "--excel-worker"


class WorkerFailed(Exception):
    """The reading process ended without an answer (killed by its caps, crashed, or hung)."""

    def __init__(self, reason: str, peak_mb: float = 0.0) -> None:
        super().__init__(reason)
        self.reason = reason  # "memory", "time" or "crash"
        self.peak_mb = peak_mb


def _command() -> list[str]:
    if getattr(sys, "frozen", False):
        return [sys.executable, FROZEN_FLAG]
    return [sys.executable, "-m", "bianzhi_desktop.documents.excel.worker"]


def _environment() -> dict[str, str]:
    package_root = str(Path(__file__).resolve().parents[3])
    paths = [package_root, *filter(None, [os.environ.get("PYTHONPATH")])]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(paths))
    env["MALLOC_ARENA_MAX"] = "2"  # glibc reserves 64 MB of address space per thread's arena otherwise
    env.pop("PYTHONSTARTUP", None)
    return env


class WorkerRun:
    """One reading process: started at once, fed a request later (so the parent's checks overlap its
    start-up), waited for with the caps."""

    def __init__(self) -> None:
        creation = getattr(subprocess, "CREATE_NO_WINDOW", 0) if os.name == "nt" else 0
        self._process = subprocess.Popen(
            _command(),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=_environment(),
            creationflags=creation,
        )
        self.peak_mb = 0.0

    def cancel(self) -> None:
        self._process.kill()
        self._wait()

    def run(self, request: dict[str, Any]) -> tuple[str, Any]:
        """Send the request; return the worker's answer, or raise WorkerFailed."""
        process = self._process
        output: list[tuple[str, Any]] = []

        def feed_and_read() -> None:
            assert process.stdin is not None and process.stdout is not None
            # a worker that died early, or left no answer: its exit status tells why
            with contextlib.suppress(OSError):
                pickle.dump(request, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                process.stdin.close()
            with contextlib.suppress(Exception):
                # from the pipe as it comes (written by our own worker code, never by the file)
                output.append(pickle.load(process.stdout))

        talker = threading.Thread(target=feed_and_read, name="excel-worker-io", daemon=True)
        talker.start()
        talker.join(TIME_CAP_SECONDS)
        if talker.is_alive():
            process.kill()
            talker.join()
            self._wait()
            raise WorkerFailed("time", self.peak_mb)
        status = self._wait()
        if status != 0 or not output:
            raise WorkerFailed(_reason(status), self.peak_mb)
        answer: tuple[str, Any] = output[0]
        return answer

    def _wait(self) -> int:
        process = self._process
        for stream in (process.stdin, process.stdout):
            if stream is not None and not stream.closed:
                stream.close()
        if hasattr(os, "wait4") and process.returncode is None:
            try:
                _pid, status, usage = os.wait4(process.pid, 0)
            except ChildProcessError:
                return process.wait()
            self.peak_mb = usage.ru_maxrss / 1024
            process.returncode = os.waitstatus_to_exitcode(status)
            return process.returncode
        return process.wait()


def _reason(status: int) -> str:
    # RLIMIT_AS makes allocation fail: Python raises MemoryError (exit 3 below), Rust aborts (SIGABRT)
    import signal

    if status in (3, -signal.SIGABRT, 134) or (hasattr(signal, "SIGSEGV") and status == -signal.SIGSEGV):
        return "memory"
    if hasattr(signal, "SIGXCPU") and status == -signal.SIGXCPU:
        return "time"
    return "crash"


def _cap_self() -> None:
    try:
        import resource
    except ImportError:  # Windows: the parent's wall-clock limit only
        return
    cpu = TIME_CAP_SECONDS + 5
    for limit, value in ((resource.RLIMIT_AS, MEMORY_CAP_BYTES), (resource.RLIMIT_CPU, cpu)):
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(limit, (value, value))


def serve(handler: Callable[[dict[str, Any]], tuple[str, Any]]) -> int:
    """The worker's side: one request from stdin, one answer to stdout."""
    _cap_self()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing printed by a library may corrupt the answer
    try:
        request = pickle.load(stdin)
        answer = handler(request)
        del request
        # written straight to the pipe: a large bytes object (the rows) is not copied into a buffer
        pickle.dump(answer, stdout, protocol=pickle.HIGHEST_PROTOCOL)
        stdout.flush()
    except MemoryError:
        return 3
    return 0


def main() -> int:
    from bianzhi_desktop.documents.excel.reader import handle_request

    return serve(handle_request)


if __name__ == "__main__":
    sys.exit(main())
