"""A throwaway PostgreSQL server for the server-mode tests.

``start_pg_server`` runs Debian's ``initdb``/``pg_ctl`` (package ``postgresql``) on a free port on
127.0.0.1 with durability switched off, so a start takes about a second. It never raises: when no
server can be started it returns ``None`` and leaves the reason in ``LAST_ERROR`` for the skip
message. Running as root (containers, CI), the server runs as the ``postgres`` user, because
PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

LAST_ERROR: str = ""
"""Why the last ``start_pg_server`` returned ``None`` (empty after a successful start)."""

DEFAULT_DATABASE = "bianzhi_test"
_SUPERUSER = "postgres"
_HOST = "127.0.0.1"
_TIMEOUT = 60  # seconds for any single initdb/pg_ctl call
_MAX_SOCKET_DIR = 80  # Unix socket paths are limited to ~107 bytes including ".s.PGSQL.NNNNN"
_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")


class _StartError(Exception):
    pass


@dataclass
class PgServer:
    """A running throwaway server. ``url`` points at an empty database ``bianzhi_test``."""

    url: str
    port: int
    data_dir: Path
    _bin_dir: Path = field(repr=False)
    _run_as: list[str] = field(repr=False)
    _remove: list[Path] = field(repr=False)
    _stopped: bool = field(default=False, repr=False)

    def url_for(self, name: str) -> str:
        return f"postgresql+psycopg://{_SUPERUSER}@{_HOST}:{self.port}/{name}"

    def new_database(self, name: str) -> str:
        """Create an empty database ``name`` (a plain identifier) and return its SQLAlchemy URL."""
        if not _NAME_RE.fullmatch(name):
            raise ValueError(f"not a plain database name: {name!r}")
        _create_database(self.port, name)
        return self.url_for(name)

    def stop(self) -> None:
        """Stop the server at once (no checkpoint) and delete its files. Safe to call twice."""
        if self._stopped:
            return
        self._stopped = True
        with contextlib.suppress(Exception):
            _run(
                [
                    *self._run_as,
                    str(self._bin_dir / "pg_ctl"),
                    "-D",
                    str(self.data_dir),
                    "-m",
                    "immediate",
                    "-w",
                    "stop",
                ],
                cwd=self._remove[0] if self._remove else None,
            )
        for path in self._remove:
            shutil.rmtree(path, ignore_errors=True)


def start_pg_server(base_dir: Path) -> PgServer | None:
    """Start a server with its files under ``base_dir`` (under /tmp when running as root)."""
    global LAST_ERROR
    LAST_ERROR = ""
    try:
        return _start(Path(base_dir))
    except _StartError as exc:
        LAST_ERROR = str(exc)
    except Exception as exc:  # never let a broken environment error out the whole test session
        LAST_ERROR = f"{type(exc).__name__}: {exc}"
    return None


def find_bin_dir() -> Path | None:
    """The directory holding initdb and pg_ctl: Debian's newest, else whatever is on PATH."""
    candidates = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]

    def version(bin_dir: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", bin_dir.parent.name)) or (0,)

    candidates.sort(key=version, reverse=True)
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    for bin_dir in candidates:
        if os.access(bin_dir / "initdb", os.X_OK) and os.access(bin_dir / "pg_ctl", os.X_OK):
            return bin_dir
    return None


def _start(base_dir: Path) -> PgServer:
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise _StartError("initdb not found (Debian: apt-get install postgresql)")

    run_as: list[str] = []
    remove: list[Path] = []
    if os.geteuid() == 0:
        # PostgreSQL will not run as root. The pytest base directory is private to root (0700), so the
        # postgres user gets a directory of its own under /tmp.
        try:
            user = pwd.getpwnam(_SUPERUSER)
        except KeyError:
            raise _StartError("running as root, but there is no postgres user to run the server as") from None
        work = Path(tempfile.mkdtemp(prefix="bianzhi-pg-", dir="/tmp" if os.path.isdir("/tmp") else None))
        remove.append(work)
        os.chown(work, user.pw_uid, user.pw_gid)
        if shutil.which("runuser"):
            run_as = ["runuser", "-u", _SUPERUSER, "--"]
        elif shutil.which("su"):
            run_as = ["__su__"]  # marker: wrap the whole command for `su -c`, see _run
        else:
            raise _StartError("running as root, but neither runuser nor su is available")
    else:
        base_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="pg-", dir=base_dir))
        remove.append(work)

    data_dir = work / "data"
    log_file = work / "server.log"
    sock_dir = work
    if len(str(sock_dir)) > _MAX_SOCKET_DIR:
        sock_dir = Path(tempfile.mkdtemp(prefix="bzpg-"))
        remove.append(sock_dir)

    try:
        _initdb(bin_dir, run_as, data_dir, cwd=work)
        port = _pg_ctl_start(bin_dir, run_as, data_dir, sock_dir, log_file, cwd=work)
        server = PgServer(
            url="", port=port, data_dir=data_dir, _bin_dir=bin_dir, _run_as=run_as, _remove=remove
        )
    except BaseException:
        for path in remove:
            shutil.rmtree(path, ignore_errors=True)
        raise
    atexit.register(server.stop)  # no orphaned postmaster if the session ends without the fixture's teardown
    try:
        server.url = server.new_database(DEFAULT_DATABASE)
    except BaseException as exc:
        server.stop()
        raise _StartError(f"server started, but creating database {DEFAULT_DATABASE} failed: {exc}") from exc
    return server


def _initdb(bin_dir: Path, run_as: list[str], data_dir: Path, cwd: Path) -> None:
    base = [
        *run_as,
        str(bin_dir / "initdb"),
        "-D",
        str(data_dir),
        "-A",
        "trust",
        "-U",
        _SUPERUSER,
        "--no-sync",
        "-E",
        "UTF8",
        "--no-instructions",
    ]
    first = _run([*base, "--locale=C.UTF-8"], cwd=cwd)
    if first.returncode == 0:
        return
    shutil.rmtree(data_dir, ignore_errors=True)  # initdb may leave a partial directory behind
    second = _run([*base, "--locale=C"], cwd=cwd)
    if second.returncode != 0:
        raise _StartError(f"initdb failed: {_tail(second.stdout)}")


def _pg_ctl_start(
    bin_dir: Path, run_as: list[str], data_dir: Path, sock_dir: Path, log_file: Path, cwd: Path
) -> int:
    last = ""
    for _attempt in range(3):  # another process may grab the free port between probe and start
        port = _free_port()
        options = (
            f"-c listen_addresses={_HOST} -p {port} -k {shlex.quote(str(sock_dir))} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        result = _run(
            [
                *run_as,
                str(bin_dir / "pg_ctl"),
                "-D",
                str(data_dir),
                "-l",
                str(log_file),
                "-w",
                "-t",
                str(_TIMEOUT),
                "-o",
                options,
                "start",
            ],
            cwd=cwd,
        )
        if result.returncode == 0:
            return port
        log = ""
        with contextlib.suppress(OSError):
            log = log_file.read_text(errors="replace")
        last = _tail(log or result.stdout)
        # Make sure nothing is left half-running before the next attempt.
        _run([*run_as, str(bin_dir / "pg_ctl"), "-D", str(data_dir), "-m", "immediate", "stop"], cwd=cwd)
    raise _StartError(f"pg_ctl start failed: {last}")


def _create_database(port: int, name: str) -> None:
    import psycopg

    with psycopg.connect(
        host=_HOST, port=port, user=_SUPERUSER, dbname="postgres", autocommit=True, connect_timeout=10
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((_HOST, 0))
        return sock.getsockname()[1]


def _run(cmd: list[str], cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a command with a clean PG* environment; stdout and stderr together in ``.stdout``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env["LC_ALL"] = "C"  # English messages; the cluster's locale is given to initdb explicitly
    if cmd and cmd[0] == "__su__":
        cmd = ["su", _SUPERUSER, "-s", "/bin/sh", "-c", shlex.join(cmd[1:])]
    try:
        return subprocess.run(
            cmd,
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            errors="replace",
            timeout=_TIMEOUT + 10,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return subprocess.CompletedProcess(cmd, 1, stdout=f"{shlex.join(cmd)}: {exc}")


def _tail(text: str, lines: int = 8) -> str:
    return " | ".join(line.strip() for line in text.strip().splitlines()[-lines:]) or "(no output)"
