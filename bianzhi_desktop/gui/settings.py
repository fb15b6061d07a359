"""The program's own settings (not the office settings, which live in the database).

One typed registry over an INI-format QSettings (after Picard): every option is declared once with its
key, type and default, and read or written as an attribute::

    settings = Settings()                     # the user's INI file
    settings = Settings(tmp_path / "x.ini")   # tests inject the path
    settings.last_database = "/data/county.sqlite3"
    settings.add_recent_database(path)

The file carries a version; `upgrade()` (run by the constructor) applies the registered upgrade steps
in order, so a later program can rename or convert keys written by an earlier one. A file written by a
newer program is read as it is and never downgraded.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Generic, TypeVar, overload

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "bianzhi"
APPLICATION = "bianzhi"
SETTINGS_VERSION = 1
MAX_RECENT = 8

T = TypeVar("T")


class Option(ABC, Generic[T]):
    """A typed setting: `key` in the INI file, `default` when missing or unreadable."""

    def __init__(self, key: str, default: T) -> None:
        self.key = key
        self.default = default

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name
        registry = owner.__dict__.get("OPTIONS")
        if isinstance(registry, dict):
            registry[name] = self

    @overload
    def __get__(self, obj: None, owner: type) -> Option[T]: ...
    @overload
    def __get__(self, obj: Settings, owner: type) -> T: ...
    def __get__(self, obj: Settings | None, owner: type) -> Option[T] | T:
        if obj is None:
            return self
        raw = obj.qsettings.value(self.key)
        if raw is None:
            return self.default
        try:
            return self.load(raw)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, obj: Settings, value: T) -> None:
        obj.qsettings.setValue(self.key, self.dump(value))

    @abstractmethod
    def load(self, raw: Any) -> T:
        """The typed value from what QSettings read; raise TypeError or ValueError when unreadable."""

    def dump(self, value: T) -> Any:
        return value


class TextOption(Option[str]):
    def load(self, raw: Any) -> str:
        if isinstance(raw, list):  # QSettings reads "a, b" back as a list
            return ", ".join(str(part) for part in raw)
        return str(raw)


class IntOption(Option[int]):
    def load(self, raw: Any) -> int:
        return int(raw)


class BoolOption(Option[bool]):
    def load(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        return str(raw).strip().lower() in ("1", "true", "yes", "on")

    def dump(self, value: bool) -> str:
        return "true" if value else "false"


class ListOption(Option[list[str]]):
    """A list of strings, stored as JSON (QSettings' own list type reads one element back as a string)."""

    def load(self, raw: Any) -> list[str]:
        value = json.loads(str(raw))
        if not isinstance(value, list):
            raise ValueError("not a list")
        return [str(item) for item in value]

    def dump(self, value: list[str]) -> str:
        return json.dumps(list(value), ensure_ascii=False)


class BytesOption(Option[QByteArray]):
    """Window geometry and state blobs."""

    def load(self, raw: Any) -> QByteArray:
        if isinstance(raw, QByteArray):
            return raw
        if isinstance(raw, bytes | bytearray):
            return QByteArray(bytes(raw))
        raise ValueError("not bytes")


UpgradeStep = Callable[[QSettings], None]


def _upgrade_to_1(qsettings: QSettings) -> None:
    """Version 1: the first layout. Nothing to convert; the step records the version."""


UPGRADE_STEPS: dict[int, UpgradeStep] = {1: _upgrade_to_1}


class Settings:
    """The typed settings registry. Create one per program run (or per test, with a path)."""

    OPTIONS: dict[str, Option[Any]] = {}  # noqa: RUF012 - filled by Option.__set_name__

    version = IntOption("meta/version", 0)
    last_database = TextOption("database/last", "")
    recent_databases = ListOption("database/recent", [])
    last_user = TextOption("signin/last_user", "")
    window_geometry = BytesOption("window/geometry", QByteArray())
    window_state = BytesOption("window/state", QByteArray())
    splitter_state = BytesOption("window/splitter", QByteArray())

    def __init__(
        self, path: str | Path | None = None, steps: Mapping[int, UpgradeStep] | None = None
    ) -> None:
        if path is None:
            self.qsettings = QSettings(
                QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORGANIZATION, APPLICATION
            )
        else:
            self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)
        self.upgrade(steps if steps is not None else UPGRADE_STEPS)

    @property
    def path(self) -> str:
        return self.qsettings.fileName()

    def upgrade(self, steps: Mapping[int, UpgradeStep]) -> list[int]:
        """Run every step newer than the file's version, in order; returns the versions applied."""
        current = self.version
        applied = []
        for number in sorted(steps):
            if number > current:
                steps[number](self.qsettings)
                self.version = number
                applied.append(number)
        return applied

    def add_recent_database(self, location: str) -> None:
        """Put a database at the top of the recent list (no duplicates, at most MAX_RECENT)."""
        recent = [item for item in self.recent_databases if item != location]
        self.recent_databases = [location, *recent][:MAX_RECENT]

    def remember_database(self, location: str) -> None:
        self.last_database = location
        self.add_recent_database(location)

    def sync(self) -> None:
        self.qsettings.sync()
