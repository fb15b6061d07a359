"""The crash log: tracebacks of unexpected errors, kept in the user's data folder for a support request.

Neither the window nor the console shows a traceback to a clerk: they write it here and say, in Chinese,
where the log is. The log rotates (three files of 1 MB) and holds no passwords: only the exception, its
traceback and the program's version.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from bianzhi_desktop import __version__

LOG_NAME = "bianzhi.log"


def log_folder() -> Path:
    """`BIANZHI_LOG_DIR` when set (tests, portable installs), else the user's data folder."""
    override = os.environ.get("BIANZHI_LOG_DIR")
    if override:
        return Path(override)
    from platformdirs import user_log_dir

    return Path(user_log_dir("bianzhi", appauthor=False))


def _logger() -> logging.Logger:
    logger = logging.getLogger("bianzhi.crash")
    folder = log_folder()
    path = folder / LOG_NAME
    if not any(getattr(h, "baseFilename", None) == str(path) for h in logger.handlers):
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.ERROR)
        logger.propagate = False
    return logger


def record(error: BaseException, where: str) -> Path | None:
    """Write the error and its traceback to the log; the log's path, or None when it cannot be written."""
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    try:
        logger = _logger()
        logger.error("%s (version %s, Python %s)\n%s", where, __version__, sys.version.split()[0], text)
        for handler in logger.handlers:
            handler.flush()
        return log_folder() / LOG_NAME
    except OSError:
        return None
