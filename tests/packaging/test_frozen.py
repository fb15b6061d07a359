"""The installed program: `bash packaging/build.sh` builds the one-folder program and the .deb once per
session (about two minutes on two cores), then the frozen program is run the way a clerk's PC runs it —
from a copy in another folder, with an empty home folder and no Python on the PATH:

- `bianzhi --smoke-test` opens every page and runs the self-check (gui/selfcheck.py: every document
  printed to PDF, Excel out and in, the health check, an old database migrated);
- `bianzhi --screenshots DIR` renders every page;
- `bianzhi-cli` builds a demo county, and opens a database of the oldest schema, backing it up first;
- the .deb holds the folder under /opt, the menu entry, the icon and the PATH links, and depends on
  the system libraries the build leaves out.

Installing the .deb changes the machine, so the suite does not: `apt install ./dist/bianzhi_*.deb`,
`bianzhi --smoke-test` from /usr/bin and `apt remove bianzhi` (the users' data stays) is the check by
hand. Linux only; skipped where dpkg-deb or PyInstaller is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from bianzhi_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
BUILD_TIMEOUT = 1200  # seconds; the build takes about two minutes on two idle cores

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="builds the Linux program"),
]


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ with bianzhi/ and the .deb, built by packaging/build.sh into a temporary folder."""
    if shutil.which("dpkg-deb") is None:
        pytest.skip("dpkg-deb 不可用（不是 Debian 系统）")
    pytest.importorskip("PyInstaller")
    work = tmp_path_factory.mktemp("build")
    env = {
        **os.environ,
        "BIANZHI_DIST": str(work / "dist"),
        "BIANZHI_BUILD": str(work / "build"),
        "BIANZHI_DEB_FAST": "1",
    }
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=BUILD_TIMEOUT,
    )
    assert result.returncode == 0, result.stderr[-4000:]
    return work / "dist"


@pytest.fixture(scope="session")
def installed_copy(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built folder copied elsewhere, as from a USB stick: no source tree beside it."""
    target = tmp_path_factory.mktemp("usb") / "机构编制管理"
    shutil.copytree(built / "bianzhi", target, symlinks=True)
    return target


def clean_env(tmp_path: Path) -> dict[str, str]:
    """An empty home folder and a PATH without Python (only fontconfig's fc-list, as a desktop has)."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    tools = tmp_path / "bin"
    tools.mkdir(exist_ok=True)
    fc_list = shutil.which("fc-list")
    if fc_list and not (tools / "fc-list").exists():
        (tools / "fc-list").symlink_to(fc_list)
    return {"HOME": str(home), "PATH": str(tools), "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen"}


def run(program: Path, *args: str, env: dict[str, str], cwd: Path, timeout: int = 300):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [str(program), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
    )


def test_frozen_smoke_test_from_a_copy_without_python(installed_copy: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    assert shutil.which("python3", path=env["PATH"]) is None
    result = run(installed_copy / "bianzhi", "--smoke-test", "--verbose", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(line.startswith("自检 文书：6 种已打印为 PDF") for line in lines), result.stdout
    assert any(line.startswith("自检 Excel：台账和花名册已导出并导入新建的县") for line in lines)
    assert any(line.startswith("自检 体检：") for line in lines)
    assert any(line.startswith("自检 升级：结构版本 0001 的数据库已备份") for line in lines)
    assert result.stderr == ""
    quiet = run(installed_copy / "bianzhi", "--smoke-test", env=env, cwd=tmp_path)
    assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", "")


def test_frozen_screenshots(installed_copy: Path, tmp_path: Path) -> None:
    env = clean_env(tmp_path)
    shots = tmp_path / "shots"
    result = run(installed_copy / "bianzhi", "--screenshots", str(shots), env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    names = sorted(path.name.split("-", 1)[1] for path in shots.glob("*.png"))
    for page in ("overview.png", "register.png", "unit.png", "health.png", "matters.png", "about.png"):
        assert page in names
    assert all(path.stat().st_size > 5000 for path in shots.glob("*.png"))


def test_frozen_console_and_upgrade_of_an_old_database(installed_copy: Path, tmp_path: Path) -> None:
    """The console works frozen; a database of the oldest schema is backed up, then migrated."""
    from bianzhi_desktop.persistence import migrate

    env = clean_env(tmp_path)
    cli = installed_copy / "bianzhi-cli"
    database = tmp_path / "county.sqlite3"
    made = run(cli, "demo", "--db", str(database), "--persons", "300", "--seed", "7", env=env, cwd=tmp_path)
    assert made.returncode == 0, made.stdout + made.stderr
    assert "演示县“云溪县”已建成" in made.stdout
    engine = create_engine(f"sqlite:///{database}")
    from alembic import command

    command.downgrade(migrate.alembic_config(engine), "0001")
    engine.dispose()

    # A command that only reads never migrates: it says what to do and leaves the file alone.
    refused = run(cli, "summary", "--db", str(database), env=env, cwd=tmp_path)
    assert refused.returncode == 1 and "结构版本较旧" in refused.stderr, refused.stderr
    assert not list(tmp_path.glob("county.before-*.bak"))
    # A writing command (here a backup) backs the file up, then migrates it.
    saved = run(
        cli, "backup", "--db", str(database), "--out", str(tmp_path / "copy.sqlite3"), env=env, cwd=tmp_path
    )
    assert saved.returncode == 0, saved.stdout + saved.stderr
    summary = run(cli, "summary", "--db", str(database), "--format", "csv", env=env, cwd=tmp_path)
    assert summary.returncode == 0, summary.stdout + summary.stderr
    rows = summary.stdout.splitlines()
    assert rows[0] == "unit,kind,approved,enrolled,reserved,vacancy"
    assert len(rows) > 100
    assert list(tmp_path.glob("county.before-0001-*.sqlite3.bak"))
    engine = create_engine(f"sqlite:///{database}")
    assert migrate.current_revision(engine) == migrate.head_revision()
    engine.dispose()
    version = run(cli, "--help", env=env, cwd=tmp_path)
    assert "机构编制管理 命令行工具" in version.stdout


def test_deb_package(built: Path, tmp_path: Path) -> None:
    deb = built / f"bianzhi_{__version__}_amd64.deb"
    info = subprocess.run(
        ["dpkg-deb", "--field", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    fields = dict(
        line.split(": ", 1) for line in info.splitlines() if ": " in line and not line.startswith(" ")
    )
    assert fields["Package"] == "bianzhi"
    assert fields["Version"] == __version__
    assert fields["Architecture"] == "amd64"
    for library in ("libc6 (>= ", "libgl1", "libegl1", "libxcb-cursor0", "libfontconfig1", "libdbus-1-3"):
        assert library in fields["Depends"]
    subprocess.run(["dpkg-deb", "-x", str(deb), str(tmp_path / "root")], check=True)
    root = tmp_path / "root"
    assert os.access(root / "opt/bianzhi/bianzhi", os.X_OK)
    assert os.access(root / "opt/bianzhi/bianzhi-cli", os.X_OK)
    assert os.readlink(root / "usr/bin/bianzhi-cli") == "/opt/bianzhi/bianzhi-cli"
    assert os.readlink(root / "usr/bin/bianzhi") == "/opt/bianzhi/bianzhi"
    desktop = (root / "usr/share/applications/bianzhi.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=机构编制管理" in desktop.splitlines()
    assert "Exec=/opt/bianzhi/bianzhi" in desktop.splitlines()
    assert "Icon=bianzhi" in desktop.splitlines()
    icon = root / "usr/share/icons/hicolor/256x256/apps/bianzhi.png"
    assert icon.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # Nothing of the users' lives in the package: their data stays when it is removed.
    assert not list(root.rglob("*.sqlite3"))
    assert not (root / "DEBIAN" / "postrm").exists()
