"""Write the program's icon as files for the installers, from the icon the program draws itself.

    python packaging/make_icons.py OUT_DIR

The window icon is painted at run time (`bianzhi_desktop.gui.app.app_icon`: a red square with 编), so
the installers take the very same picture: OUT_DIR/bianzhi-<size>.png for the Linux icon theme
(hicolor 16…256) and OUT_DIR/bianzhi.ico for Windows (the executable, the shortcuts, the installer).
Runs headless (offscreen Qt); the 编 is drawn with the bundled CJK font when the system has none.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)


def ico_bytes(pngs: list[tuple[int, bytes]]) -> bytes:
    """A Windows .ico holding PNG images (allowed since Windows Vista): header, directory, data."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = len(header) + 16 * len(pngs)
    directory = b""
    data = b""
    for size, png in pngs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(data))
        data += png
    return header + directory + data


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python packaging/make_icons.py OUT_DIR", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize

    from bianzhi_desktop.gui.app import app_icon, application

    application()
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    icon = app_icon()
    pngs = []
    for size in SIZES:
        pixmap = icon.pixmap(QSize(size, size))
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        pixmap.save(buffer, "PNG")
        buffer.close()
        png = bytes(data.data())
        (out / f"bianzhi-{size}.png").write_bytes(png)
        pngs.append((size, png))
    (out / "bianzhi.ico").write_bytes(ico_bytes(pngs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
