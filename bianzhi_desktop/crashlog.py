"""The crash log: tracebacks of unexpected errors, kept in the user's data folder for a support request.

Neither the window nor the console shows a traceback to a clerk: both write it here (a rotating log,
…/bianzhi/logs/bianzhi.log, 1 MB, five older files kept, with passwords blanked out) and say in Chinese
where it is. The window's dialog is in `gui/crashlog.py`.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

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
    from bianzhi_desktop import __version__

    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        log = logger(folder)
        log.error("bianzhi %s %s\n%s", __version__, where, scrub(text).rstrip())
        for handler in log.handlers:
            handler.flush()
        return Path(log.handlers[0].baseFilename)  # type: ignore[attr-defined]
    except OSError:
        return None  # a read-only or full disk: the dialog still shows the error
