"""Failures a clerk can report: unexpected exceptions go to a log file and a Chinese dialog.

`install_excepthook()` (called by the program's start, not by tests or the smoke test) replaces
`sys.excepthook`, which PySide6 calls for an exception escaping a slot, an event handler or a timer,
and `threading.excepthook` for other threads. The traceback is written to a rotating log in the
user's data folder (`log_dir()`: …/bianzhi/logs/bianzhi.log, 1 MB, five older files kept), with
database passwords blanked out; then a dialog says what happened, that saved data is safe (every
change is one transaction: what was committed stays, the rest was rolled back) and offers to open
the log folder. Failures of background tasks are logged the same way (`log_exception`).
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from bianzhi_desktop.crashlog import log_dir, log_exception, logger, scrub

__all__ = ["install_excepthook", "log_dir", "log_exception", "logger", "scrub"]


def _tr(text: str) -> str:
    return QCoreApplication.translate("crashlog", text)


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def error_dialog(error: BaseException, log_file: Path | None, parent: QWidget | None = None) -> QMessageBox:
    """The Chinese dialog for an unexpected error, with 打开日志文件夹 (non-blocking)."""
    box = QMessageBox(parent)
    box.setObjectName("crashBox")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(_tr("程序出错"))
    box.setText(_tr("程序出现了意外错误，刚才的操作没有完成。已经保存的数据不受影响。"))
    if log_file is not None:
        box.setInformativeText(
            _tr("错误详情已记录在日志文件中：\n{0}\n请把这个文件发给技术支持人员。").format(str(log_file))
        )
        folder = log_file.parent
        button = box.addButton(_tr("打开日志文件夹"), QMessageBox.ButtonRole.ActionRole)
        button.setObjectName("openLogFolder")
        button.clicked.connect(lambda _checked=False: open_folder(folder))
    else:
        box.setInformativeText(
            _tr("日志文件无法写入（磁盘已满或没有写权限）。请把下面的详细信息发给技术支持人员。")
        )
    box.setDetailedText(scrub("".join(traceback.format_exception(type(error), error, error.__traceback__))))
    box.addButton(_tr("关闭"), QMessageBox.ButtonRole.AcceptRole)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


class ExceptHook:
    """The installed hook; `dialogs` keeps the open boxes (tests look at them)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder
        self.dialogs: list[QMessageBox] = []

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, trace)
            return
        if error.__traceback__ is None:
            error = error.with_traceback(trace)
        log_file = log_exception(error, "unhandled", self.folder)
        app = QApplication.instance()
        if isinstance(app, QApplication) and threading.current_thread() is threading.main_thread():
            box = error_dialog(error, log_file, app.activeWindow())
            self.dialogs.append(box)
            box.destroyed.connect(lambda _obj=None, box=box: self._forget(box))
            if QThread.currentThread().loopLevel() == 0:
                # Outside the event loop (the program is about to end): wait for the clerk to read it.
                box.exec()
        else:
            sys.__excepthook__(kind, error, trace)

    def _forget(self, box: QMessageBox) -> None:
        if box in self.dialogs:
            self.dialogs.remove(box)

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None and not issubclass(args.exc_type, SystemExit):
            log_exception(args.exc_value, f"thread {args.thread.name if args.thread else '?'}", self.folder)


def install_excepthook(folder: Path | None = None) -> ExceptHook:
    hook = ExceptHook(folder)
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    return hook
