"""Small builders for service tests: a unit, a person, an enrollment, each through the services."""

from __future__ import annotations

import datetime as dt

from bianzhi_desktop.domain.enums import Funding, Rank, RetirementCategory, UnitCategory, UnitSystem
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services.context import Actor
from bianzhi_desktop.services.ledger import initialisation
from bianzhi_desktop.services.ledger.entries import EnrollmentInput
from bianzhi_desktop.services.org import units
from bianzhi_desktop.services.register import persons

D = dt.date
EPOCH = D(2020, 1, 1)


def add_unit(
    db: Database,
    actor: Actor,
    name: str,
    category: UnitCategory = UnitCategory.GOV_DEPARTMENT,
    funding: Funding | None = None,
) -> int:
    if category.is_public_institution and funding is None:
        funding = Funding.FULL
    with db.write() as uow:
        info = units.create_unit(
            uow,
            actor,
            units.UnitInput(
                name=name,
                category=category,
                rank=Rank.ZHENG_KE,
                system=UnitSystem.GOVERNMENT,
                funding=funding,
            ),
        )
        uow.commit()
    return info.id


def add_quota(
    db: Database,
    actor: Actor,
    unit_id: int,
    kind: str,
    amount: int,
    on: dt.date = EPOCH,
    doc: str = "清编〔2020〕1号",
) -> int:
    with db.write() as uow:
        entry = initialisation.record_quota(uow, actor, unit_id, kind, amount, on, doc)
        uow.commit()
    return entry


def add_person(
    db: Database,
    actor: Actor,
    name: str,
    birth: dt.date = dt.date(1985, 6, 1),
    seq: int = 11,
    area: str = "320102",
    category: RetirementCategory | None = None,
) -> int:
    with db.write() as uow:
        info = persons.create_person(
            uow,
            actor,
            persons.PersonInput(
                name=name, id_number=make_id_number(area, birth, seq), retirement_category=category
            ),
        )
        uow.commit()
    return info.id


def enroll(
    db: Database,
    actor: Actor,
    person_id: int,
    unit_id: int,
    kind: str = "行政编制",
    on: dt.date = dt.date(2021, 3, 1),
    doc: str = "清编入〔2021〕1号",
    **extra: object,
) -> int:
    with db.write() as uow:
        result = initialisation.record_enrollment(
            uow,
            actor,
            EnrollmentInput(
                person_id=person_id, unit_id=unit_id, kind=kind, start_on=on, document=doc, **extra
            ),
        )  # type: ignore[arg-type]
        uow.commit()
    return result.enrollment_id
