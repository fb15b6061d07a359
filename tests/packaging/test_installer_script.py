"""The Windows installer script compiles (makensis, Debian's `nsis` package) with every define the build
script passes. The payload is a stand-in folder of the same shape as dist/bianzhi: the script's
validity does not depend on what it packs, and a real payload takes a minute to compress (that is done
by `packaging/build-windows.ps1` on Windows, and was checked here against the Linux build)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "windows" / "bianzhi.nsi"


@pytest.mark.skipif(shutil.which("makensis") is None, reason="makensis 不可用（apt-get install nsis）")
def test_installer_script_compiles(tmp_path: Path) -> None:
    payload = tmp_path / "bianzhi"
    (payload / "_internal").mkdir(parents=True)
    for name in ("bianzhi.exe", "bianzhi-cli.exe", "_internal/base_library.zip"):
        (payload / name).write_bytes(b"stand-in " + name.encode())
    out = tmp_path / "bianzhi-setup-0.1.0.exe"
    icon = tmp_path / "bianzhi.ico"
    icon.write_bytes(_make_icons().ico_bytes([(16, _png16())]))
    result = subprocess.run(
        [
            "makensis",
            "-V2",
            "-WX",  # warnings are errors
            "-DVERSION=0.1.0",
            f"-DSOURCE_DIR={payload}",
            f"-DOUT_FILE={out}",
            f"-DICON={icon}",
            "-DFAST=1",
            str(SCRIPT),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = out.read_bytes()
    assert data[:2] == b"MZ"  # a Windows executable
    assert "机构编制管理".encode("utf-16-le") in data  # the Chinese interface strings are inside


def _make_icons():  # type: ignore[no-untyped-def]
    """packaging/make_icons.py as a module (packaging/ is a folder of scripts, not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_icons", ROOT / "packaging" / "make_icons.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _png16() -> bytes:
    """A 16×16 red PNG written with the standard library only."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    rows = b"".join(b"\x00" + b"\xb7\x1c\x1c\xff" * 16 for _ in range(16))
    header = struct.pack(">IIBBBBB", 16, 16, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )
