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

import logging
import os
import re
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, Qt, QThread, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

LOG_NAME = "bianzhi.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
_LOGGER_NAME = "bianzhi.crash"

# user:password@ in a database URL, and password=… / pw: … / 密码：… anywhere in a message.
_URL_PASSWORD = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]+:)[^@\s]+@")
_KEYWORD_PASSWORD = re.compile(
    r"(?P<key>\b(?:password|passwd|pwd|pw)\b|密码)(?P<sep>\s*[=:：]\s*)(?P<value>['\"]?)[^\s'\",;&]+",
    re.IGNORECASE,
)


def scrub(text: str) -> str:
    """The text with passwords replaced by ***."""
    text = _URL_PASSWORD.sub(lambda m: f"{m.group('head')}***@", text)
    return _KEYWORD_PASSWORD.sub(lambda m: f"{m.group('key')}{m.group('sep')}{m.group('value')}***", text)


def log_dir() -> Path:
    """The log folder inside the user's data folder (where the database lives by default);
    BIANZHI_LOG_DIR overrides it (the tests keep their logs in a temporary folder)."""
    override = os.environ.get("BIANZHI_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("bianzhi", appauthor=False)) / "logs"


def logger(folder: Path | None = None) -> logging.Logger:
    """The crash logger, writing to `folder` (default `log_dir()`) through a rotating file."""
    folder = folder or log_dir()
    log = logging.getLogger(_LOGGER_NAME)
    target = str(folder / LOG_NAME)
    if not any(getattr(handler, "baseFilename", None) == target for handler in log.handlers):
        for handler in list(log.handlers):
            log.removeHandler(handler)
            handler.close()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(target, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False
    return log


def log_exception(error: BaseException, where: str = "", folder: Path | None = None) -> Path | None:
    """Write one exception with its traceback to the log; returns the log file (None if unwritable)."""
    from .. import __version__

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        log = logger(folder)
        log.error("bianzhi %s %s\n%s", __version__, where, scrub(text).rstrip())
        for handler in log.handlers:
            handler.flush()
        return Path(log.handlers[0].baseFilename)  # type: ignore[attr-defined]
    except OSError:
        return None  # a read-only or full disk: the dialog still shows the error


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
