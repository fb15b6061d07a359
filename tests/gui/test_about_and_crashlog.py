"""帮助 → 关于 (the facts a support request needs, copied with one button) and the exception hook that
logs unexpected errors and shows a Chinese dialog with a button to the log folder."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from bianzhi_desktop import __version__
from bianzhi_desktop import crashlog as core_log
from bianzhi_desktop.gui import crashlog
from bianzhi_desktop.gui.main_window import MainWindow
from bianzhi_desktop.persistence import migrate


def test_about_shows_version_database_schema_and_fonts_and_copies_them(qtbot, demo_ctx, gui_settings) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(demo_ctx, gui_settings)
    qtbot.addWidget(window)
    dialog = window.about()
    assert dialog.isVisible()
    shown = {label: widget.text() for label, widget in dialog.values.items()}
    assert shown["版本"].startswith(__version__)
    assert shown["数据库"] == demo_ctx.db.location
    assert shown["数据库结构版本"] == migrate.head_revision()
    assert shown["界面字体"] == QApplication.font().family()
    assert "正文（仿宋）：" in shown["文书字体"]
    assert shown["设置文件"] == gui_settings.path

    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    copied = QApplication.clipboard().text()
    assert copied.startswith("机构编制管理 — 技术支持信息\n")
    assert f"数据库：{demo_ctx.db.location}" in copied
    assert f"数据库结构版本：{migrate.head_revision()}" in copied
    assert "文书字体：标题（小标宋）：" in copied
    assert dialog.copied.text() == "已复制到剪贴板。"
    dialog.close()


def test_about_names_an_old_schema_against_the_newest(qtbot, demo_ctx, gui_settings, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(migrate, "current_revision", lambda _engine: "0001")
    from bianzhi_desktop.gui.about_dialog import AboutDialog

    dialog = AboutDialog(demo_ctx, gui_settings.path)
    qtbot.addWidget(dialog)
    assert dialog.values["数据库结构版本"].text() == f"0001（本程序最新为 {migrate.head_revision()}）"


def test_scrub_blanks_passwords() -> None:
    text = (
        "OperationalError: postgresql+psycopg://bianzhi:s3cret!@10.0.0.5/yunxi refused; "
        "password=hunter2 PWD: 'abc' 密码：甲乙丙"
    )
    scrubbed = crashlog.scrub(text)
    for secret in ("s3cret", "hunter2", "abc", "甲乙丙"):
        assert secret not in scrubbed
    assert "postgresql+psycopg://bianzhi:***@10.0.0.5/yunxi" in scrubbed
    assert "password=***" in scrubbed


def _raise_in_slot(qtbot) -> None:  # type: ignore[no-untyped-def]
    """Raise from a Qt slot, as a button's handler would: PySide6 hands it to sys.excepthook."""

    def slot() -> None:
        raise RuntimeError("连接失败 postgresql+psycopg://clerk:topsecret@db/yunxi")

    QTimer.singleShot(0, slot)
    qtbot.wait(50)


def test_unexpected_error_in_the_window_is_logged_and_explained(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    opened: list[Path] = []
    monkeypatch.setattr(crashlog, "open_folder", lambda folder: opened.append(folder) or True)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # both restored after the test
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    hook = crashlog.install_excepthook(tmp_path / "logs")
    _raise_in_slot(qtbot)
    assert sys.excepthook is hook

    log_file = tmp_path / "logs" / "bianzhi.log"
    written = log_file.read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in written
    assert "RuntimeError: 连接失败 postgresql+psycopg://clerk:***@db/yunxi" in written
    assert "topsecret" not in written

    assert len(hook.dialogs) == 1
    box = hook.dialogs[0]
    assert box.windowTitle() == "程序出错"
    assert box.text() == "程序出现了意外错误，刚才的操作没有完成。已经保存的数据不受影响。"
    assert str(log_file) in box.informativeText()
    assert "topsecret" not in box.detailedText()
    button = next(b for b in box.findChildren(QPushButton) if b.objectName() == "openLogFolder")
    assert button.text() == "打开日志文件夹"
    button.click()
    assert opened == [tmp_path / "logs"]


def test_the_log_rotates(tmp_path: Path) -> None:
    error = ValueError("x" * 2000)
    try:
        raise error
    except ValueError:
        pass
    for _ in range(core_log.MAX_BYTES // 2000 + 50):
        crashlog.log_exception(error, "test", tmp_path)
    files = sorted(path.name for path in tmp_path.iterdir())
    assert files[:2] == ["bianzhi.log", "bianzhi.log.1"]
    assert all((tmp_path / name).stat().st_size <= core_log.MAX_BYTES for name in files)
    for handler in list(logging.getLogger("bianzhi.crash").handlers):
        handler.close()
        logging.getLogger("bianzhi.crash").removeHandler(handler)


def test_unwritable_log_still_shows_the_dialog(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    error = RuntimeError("boom")
    assert crashlog.log_exception(error, "test", blocker / "logs") is None
    box = crashlog.error_dialog(error, None)
    qtbot.addWidget(box)
    assert "日志文件无法写入" in box.informativeText()
    assert not [b for b in box.findChildren(QPushButton) if b.objectName() == "openLogFolder"]
    assert isinstance(box, QMessageBox)


def test_error_outside_the_event_loop_waits_for_the_clerk(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """An error that ends the program (raised before or after the event loop) keeps its dialog on the
    screen until the clerk closes it, instead of vanishing with the program."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    hook = crashlog.install_excepthook(tmp_path)
    seen: list[str] = []

    def clerk_reads_and_closes() -> None:
        box = hook.dialogs[0]
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(0, clerk_reads_and_closes)
    try:
        raise OSError("磁盘已满")
    except OSError as error:
        hook(type(error), error, error.__traceback__)  # returns only after the dialog was closed
    assert seen == ["程序出现了意外错误，刚才的操作没有完成。已经保存的数据不受影响。"]
    assert "OSError: 磁盘已满" in (tmp_path / "bianzhi.log").read_text(encoding="utf-8")
