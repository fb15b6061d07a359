"""Read-only queries for the program's shell: the county navigation tree and the overview page (总览).

- `navigation(uow)`: every existing unit in the county's order with what the tree's search box matches
  (name, short name, nameplates and the pinyin initials stored for each) and its divisions; three
  queries in all, whatever the size of the county.
- `retiring_within(uow, months)`: people on quota who reach their statutory retirement date in the
  next `months` months (到龄退休预警). The exact birth-date range of each retirement category is found
  first (by bisection over domain.retirement), so SQL selects only those people through the index on
  person.birth_date and the query stays fast at 40,000 people.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, or_, select

from bianzhi_desktop.domain.enums import DivisionStatus, RetirementCategory, Sex, UnitCategory, UnitStatus
from bianzhi_desktop.domain.retirement import add_months, statutory_retirement_date
from bianzhi_desktop.persistence.database import UnitOfWork
from bianzhi_desktop.persistence.models import Division, Enrollment, Person, QuotaKind, Unit, UnitName
from bianzhi_desktop.services.ledger.quota import enrollment_active_on


@dataclass(frozen=True)
class NavDivision:
    id: int
    name: str


@dataclass(frozen=True)
class NavUnit:
    """One unit of the navigation tree (机构导航)."""

    id: int
    name: str
    short_name: str
    category: UnitCategory
    nameplates: tuple[str, ...]
    initials: tuple[str, ...]  # pinyin initials of the name and of each nameplate, lower case
    divisions: tuple[NavDivision, ...]

    @property
    def display_name(self) -> str:
        return self.name

    def matches(self, text: str) -> bool:
        """Does a search text match the name, short name, a nameplate or the pinyin initials?"""
        needle = text.strip().lower()
        if not needle:
            return True
        if needle in self.name or (self.short_name and needle in self.short_name.lower()):
            return True
        if any(needle in plate for plate in self.nameplates):
            return True
        return needle.isascii() and any(needle in initials for initials in self.initials)


def navigation(uow: UnitOfWork) -> list[NavUnit]:
    """Existing units in the county's usual order (category, position), each with its divisions."""
    units = uow.session.execute(
        select(Unit.id, Unit.name, Unit.short_name, Unit.category, Unit.initials)
        .where(Unit.status == UnitStatus.ACTIVE.value)
        .order_by(Unit.category, Unit.position, Unit.id)
    ).all()
    plates: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for unit_id, name, initials in uow.session.execute(
        select(UnitName.unit_id, UnitName.name, UnitName.initials)
        .where(UnitName.until.is_(None))
        .order_by(UnitName.id)
    ):
        plates[unit_id].append((name, initials or ""))
    divisions: dict[int, list[NavDivision]] = defaultdict(list)
    for division_id, unit_id, name in uow.session.execute(
        select(Division.id, Division.unit_id, Division.name)
        .where(Division.status == DivisionStatus.ACTIVE.value)
        .order_by(Division.unit_id, Division.position, Division.id)
    ):
        divisions[unit_id].append(NavDivision(division_id, name))
    order = {category.value: index for index, category in enumerate(UnitCategory)}
    result = [
        NavUnit(
            id=unit_id,
            name=name,
            short_name=short_name or "",
            category=UnitCategory(category),
            nameplates=tuple(plate for plate, _ in plates[unit_id]),
            initials=tuple(i.lower() for i in (initials, *(p for _, p in plates[unit_id])) if i),
            divisions=tuple(divisions[unit_id]),
        )
        for unit_id, name, short_name, category, initials in units
    ]
    result.sort(key=lambda unit: order.get(unit.category.value, len(order)))  # stable: keeps position order
    return result


@dataclass(frozen=True)
class RetirementLine:
    """One person on quota reaching the statutory retirement date soon."""

    person_id: int
    name: str
    sex: Sex
    birth_date: dt.date
    category: RetirementCategory
    retirement_date: dt.date
    unit_id: int
    unit_name: str
    kind_name: str
    post_title: str


def birth_range(category: RetirementCategory, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The birth dates whose statutory retirement date falls in [start, end], for one category.

    The retirement date never decreases as the birth date increases (the delay only grows), so each
    bound is found by bisection over the domain's own rule: no retirement arithmetic is repeated here.
    """

    def first_birth(on_or_after: dt.date) -> dt.date:
        """The earliest birth date retiring on or after the given day."""
        low, high = on_or_after - dt.timedelta(days=366 * 70), on_or_after
        while low < high:
            middle = low + (high - low) // 2
            if statutory_retirement_date(middle, category) >= on_or_after:
                high = middle
            else:
                low = middle + dt.timedelta(days=1)
        return low

    return first_birth(start), first_birth(end + dt.timedelta(days=1)) - dt.timedelta(days=1)


def retiring_within(uow: UnitOfWork, months: int = 12, as_of: dt.date | None = None) -> list[RetirementLine]:
    """People with an active enrollment whose statutory retirement date falls in [as_of, as_of + months]."""
    start = as_of or dt.date.today()
    end = add_months(start, months)
    windows = []
    for category in RetirementCategory:
        earliest, latest = birth_range(category, start, end)
        windows.append(
            and_(Person.retirement_category == category.value, Person.birth_date.between(earliest, latest))
        )
    rows = uow.session.execute(
        select(
            Person.id,
            Person.name,
            Person.sex,
            Person.birth_date,
            Person.retirement_category,
            Unit.id,
            Unit.name,
            QuotaKind.name,
            Enrollment.post_title,
        )
        .join(Enrollment, Enrollment.person_id == Person.id)
        .join(Unit, Unit.id == Enrollment.unit_id)
        .join(QuotaKind, QuotaKind.id == Enrollment.kind_id)
        .where(
            or_(*windows),
            enrollment_active_on(start),
        )
        .order_by(Person.birth_date, Person.id)
    )
    categories = {category.value: category for category in RetirementCategory}
    lines = []
    seen: set[int] = set()
    for person_id, name, sex, birth, category_code, unit_id, unit_name, kind_name, post in rows:
        if person_id in seen:  # one person, one warning (a second enrollment is a health-check finding)
            continue
        retires = statutory_retirement_date(birth, categories[category_code])
        if start <= retires <= end:  # always, by birth_range; kept as a guard
            seen.add(person_id)
            lines.append(
                RetirementLine(
                    person_id,
                    name,
                    Sex(sex),
                    birth,
                    RetirementCategory(category_code),
                    retires,
                    unit_id,
                    unit_name,
                    kind_name,
                    post or "",
                )
            )
    lines.sort(key=lambda line: (line.retirement_date, line.person_id))
    return lines
