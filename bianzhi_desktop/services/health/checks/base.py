"""What every check shares: the finding it returns and the context it reads (day, settings, names)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import select

from bianzhi_desktop.domain.health import FindingCode, Severity
from bianzhi_desktop.domain.quota import QuotaFigures
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import QuotaKind, Unit
from bianzhi_desktop.services.admin.settings import read_all
from bianzhi_desktop.services.ledger import quota as quota

Figure = int | str


@dataclass(frozen=True)
class HealthFinding:
    """One problem the check found: its code, the unit, the figures and the records behind it.

    ``subject`` names the problem so that the same problem found on another day has the same key
    (``unit:12/kind:3``, ``person:57``, ``plan:4``); the rectification ledger matches on (code, subject).
    ``records`` maps a kind of record (person, enrollment, quota_entry, leader_post_entry, plan, unit)
    to the ids of the records behind the finding."""

    code: FindingCode
    subject: str
    unit_id: int | None
    unit_name: str
    message: str
    figures: dict[str, Figure] = field(default_factory=dict)
    records: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def severity(self) -> Severity:
        return self.code.severity

    @property
    def person_ids(self) -> tuple[int, ...]:
        return self.records.get("person", ())

    def as_dict(self) -> dict[str, Any]:
        """Plain data (for JSON): code, label, severity, unit, message, figures, records."""
        return {
            "code": self.code.value,
            "label": self.code.label,
            "severity": self.severity.value,
            "subject": self.subject,
            "unit_id": self.unit_id,
            "unit": self.unit_name,
            "message": self.message,
            "figures": dict(self.figures),
            "records": {key: list(ids) for key, ids in self.records.items()},
        }


@dataclass(frozen=True)
class UnitRow:
    id: int
    name: str
    category: str
    status: str
    position: int
    founded_on: dt.date | None
    abolished_on: dt.date | None


class CheckContext:
    """What the checks read once per run: the day, the office settings, unit and kind names and the
    quota figures of every unit and kind (shared by several checks)."""

    def __init__(self, uow: UnitOfWork, day: dt.date) -> None:
        self.uow = uow
        self.session = uow.session
        self.day = day
        self.settings = read_all(uow)
        self.cache: dict[str, object] = {}  # what one check computes and another reuses

    def setting_int(self, key: str) -> int:
        return int(self.settings[key])

    @cached_property
    def units(self) -> dict[int, UnitRow]:
        rows = self.session.execute(
            select(
                Unit.id,
                Unit.name,
                Unit.category,
                Unit.status,
                Unit.position,
                Unit.founded_on,
                Unit.abolished_on,
            )
        )
        return {row.id: UnitRow(*row) for row in rows}

    @cached_property
    def kinds(self) -> dict[int, str]:
        return {row[0]: row[1] for row in self.session.execute(select(QuotaKind.id, QuotaKind.name))}

    @cached_property
    def figures(self) -> dict[tuple[int, int], QuotaFigures]:
        return quota.figures_by_unit_kind(self.uow, self.day)

    def unit_name(self, unit_id: int | None) -> str:
        if unit_id is None:
            return ""
        row = self.units.get(unit_id)
        return row.name if row else f"机构{unit_id}"

    def unit_active(self, unit_id: int) -> bool:
        """Existing on the day of the check (founded, not yet abolished)."""
        row = self.units[unit_id]
        if row.founded_on is not None and row.founded_on > self.day:
            return False
        if row.abolished_on is not None:
            return row.abolished_on > self.day
        return row.status == "active"


def ids(values: object) -> tuple[int, ...]:
    """Sorted distinct ids (for ``HealthFinding.records``)."""
    return tuple(sorted({int(value) for value in values}))  # type: ignore[attr-defined]
