"""Wrap the one-folder build into a Debian package with dpkg-deb (no network at install time).

    python packaging/build_deb.py --dist dist/bianzhi --icons build/icons --out dist/bianzhi_0.1.0_amd64.deb

What the package installs:
    /opt/bianzhi/                              the built folder (bianzhi, bianzhi-cli, _internal/)
    /usr/bin/bianzhi, /usr/bin/bianzhi-cli     symbolic links, so both are on the PATH
    /usr/share/applications/bianzhi.desktop    the menu entry 机构编制管理 (Office category)
    /usr/share/icons/hicolor/NxN/apps/bianzhi.png

The users' databases and settings are in their home folders (~/.local/share/bianzhi,
~/.config/bianzhi), which dpkg never touches: removing or purging the package leaves them where they
are, and installing a newer package over an older one keeps them (the newer program backs a database
up before it migrates it). The package has no maintainer scripts: dpkg's own triggers refresh the menu
and icon caches.

Depends names the desktop libraries the build leaves to the system (bianzhi.spec:
LINUX_SYSTEM_LIBRARIES) and the lowest C library its executables and libraries ask for.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

NAME = "bianzhi"
DISPLAY_NAME = "机构编制管理"
PREFIX = Path("opt") / NAME

# The libraries Qt's xcb platform, fonts, OpenGL/EGL, D-Bus (loaded at run time, so no tool sees it)
# and CUPS printing need; Debian 13 renamed some for 64-bit time_t (…t64), hence the alternatives.
DEPENDS = (
    "libstdc++6",
    "libgcc-s1",
    "libglib2.0-0 | libglib2.0-0t64",
    "libgl1",
    "libegl1",
    "libfontconfig1",
    "libfreetype6",
    "libdbus-1-3",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-glx0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libcups2 | libcups2t64",
)
# Free fonts the paperwork prefers to the bundled WenQuanYi Micro Hei where a machine lacks the official
# ones (documents/pdf/fonts.py): AR PL UMing for the 宋体/仿宋 roles, AR PL UKai for 楷体.
RECOMMENDS = ("fonts-arphic-uming", "fonts-arphic-ukai")

DESKTOP_ENTRY = f"""[Desktop Entry]
Type=Application
Name=Staffing Office Records
Name[zh_CN]={DISPLAY_NAME}
GenericName=County staffing office records
GenericName[zh_CN]=县委编办机构编制管理
Comment=Institutions, staffing quotas, the name-by-name register and their paperwork
Comment[zh_CN]=机构、编制台账、领导职数、实名制人员和文书打印
Exec=/{PREFIX}/bianzhi
Icon={NAME}
Terminal=false
Categories=Office;
Keywords=bianzhi;编制;编办;实名制;台账;
StartupWMClass={NAME}
"""


def glibc_needed(folder: Path) -> str | None:
    """The highest GLIBC_x.y symbol version any ELF file of the folder asks for (objdump -T)."""
    objdump = shutil.which("objdump")
    if objdump is None:
        return None
    best: tuple[int, ...] = ()
    for path in folder.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        output = subprocess.run([objdump, "-T", str(path)], capture_output=True, text=True).stdout
        for found in re.findall(r"GLIBC_(\d+(?:\.\d+)+)", output):
            best = max(best, tuple(int(part) for part in found.split(".")))
    return ".".join(map(str, best)) if best else None


def installed_size_kib(folder: Path) -> int:
    return sum(path.lstat().st_size for path in folder.rglob("*")) // 1024 + 1


def control_file(version: str, size_kib: int, glibc: str | None) -> str:
    depends = ([f"libc6 (>= {glibc})"] if glibc else ["libc6"]) + list(DEPENDS)
    return (
        f"Package: {NAME}\n"
        f"Version: {version}\n"
        "Architecture: amd64\n"
        "Maintainer: bianzhi_desktop <bianzhi@localhost>\n"
        f"Installed-Size: {size_kib}\n"
        f"Depends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(RECOMMENDS)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Description: {DISPLAY_NAME} — records of a county staffing office (县委编办)\n"
        " Institutions and their charters, the quota ledger and leader posts traced to\n"
        " the documents that set them, staffing matters, the name-by-name register,\n"
        " the health check and the printed paperwork. The desktop program is\n"
        " 'bianzhi', the console 'bianzhi-cli'. Data stays in each user's home folder\n"
        " and is kept when the package is removed.\n"
    )


def build(dist: Path, icons: Path, out: Path, version: str, *, fast: bool = False) -> Path:
    for executable in ("bianzhi", "bianzhi-cli"):
        if not (dist / executable).is_file():
            raise SystemExit(
                f"{dist}/{executable} is missing: build the folder first (packaging/bianzhi.spec)"
            )
    with tempfile.TemporaryDirectory(prefix="bianzhi-deb-") as temporary:
        root = Path(temporary) / "root"
        shutil.copytree(dist, root / PREFIX, symlinks=True)
        bin_dir = root / "usr" / "bin"
        bin_dir.mkdir(parents=True)
        for executable in ("bianzhi", "bianzhi-cli"):
            (bin_dir / executable).symlink_to(f"/{PREFIX}/{executable}")
        applications = root / "usr" / "share" / "applications"
        applications.mkdir(parents=True)
        (applications / f"{NAME}.desktop").write_text(DESKTOP_ENTRY, encoding="utf-8")
        for png in sorted(icons.glob(f"{NAME}-*.png")):
            size = png.stem.rsplit("-", 1)[1]
            target = root / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{NAME}.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(png, target)
        debian = root / "DEBIAN"
        debian.mkdir()
        control = control_file(version, installed_size_kib(root), glibc_needed(root / PREFIX))
        (debian / "control").write_text(control, encoding="utf-8")
        for path in root.rglob("*"):  # dpkg-deb refuses group/world-writable control files
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
        out.parent.mkdir(parents=True, exist_ok=True)
        compression = ["-Zgzip", "-z1"] if fast else ["-Zxz"]
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", *compression, "--build", str(root), str(out)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the .deb of the one-folder build.")
    parser.add_argument("--dist", type=Path, required=True, help="the built folder (dist/bianzhi)")
    parser.add_argument("--icons", type=Path, required=True, help="folder written by make_icons.py")
    parser.add_argument("--out", type=Path, required=True, help="the .deb to write")
    parser.add_argument("--version", required=True)
    parser.add_argument(
        "--fast", action="store_true", help="gzip -1 instead of xz (for tests: seconds, not minutes)"
    )
    args = parser.parse_args(argv)
    print(build(args.dist, args.icons, args.out, args.version, fast=args.fast))
    return 0


if __name__ == "__main__":
    sys.exit(main())
