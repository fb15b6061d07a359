"""The demo county's last year, carried out through matters by different users.

Run after the status quo is entered: people due to retire during the year are put on the register,
initialisation is closed, and then, day by day, the clerks 李娜 and 陈晓 draft matters that 王建国
reviews and 赵志刚 approves — retirements and other removals in half-monthly batches, two recruitment
rounds (hiring plans, then enrollments under them), transfers inside the county, quota moved between
units and through the county pool, a new unit, a merger, a revised charter, a nameplate, a new
division; a few matters are returned, rejected or withdrawn, and a few are left waiting in the inboxes.

Units that carry a seeded problem (see build.py) are left alone, so the health check finds exactly the
seeded problems. Deterministic for a seed: every choice comes from this module's own random stream.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import and_, func, or_, select

from bianzhi_desktop.demo import catalog, names
from bianzhi_desktop.domain import matters as m
from bianzhi_desktop.domain.enums import (
    Education,
    Funding,
    HiringMethod,
    LeaderTier,
    PoliticalStatus,
    Rank,
    RemovalReason,
    RetirementCategory,
    Sex,
    UnitCategory,
    UnitStatus,
    UnitSystem,
)
from bianzhi_desktop.domain.health import latest_birth_retired_by
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.domain.retirement import statutory_retirement_date
from bianzhi_desktop.persistence.database import Database, UnitOfWork
from bianzhi_desktop.persistence.models import (
    Division,
    Document,
    Enrollment,
    HiringPlan,
    Person,
    QuotaKind,
    Unit,
    User,
)
from bianzhi_desktop.services import admin, ledger, matters, org, register
from bianzhi_desktop.services.context import Actor
from bianzhi_desktop.services.register import PersonEnrollmentRow, PersonInput

Progress = Callable[[int, int, str], None]
NO_TOUCH_KEY = "no_touch"
# The demo goes live as soon as the status quo is in; its health check runs during the year that follows.
DEMO_GO_LIVE_REASON = "演示县：现状录入后即转入正式运行，体检在随后一年的演示中进行"


@dataclass(order=True)
class _Event:
    day: dt.date
    order: int
    build: Callable[[UnitOfWork], m.Content | None] = field(compare=False)
    drafter: str = field(compare=False, default="lina")
    fate: str = field(
        compare=False, default="approve"
    )  # approve return reject withdraw draft submitted reviewed
    after: Callable[[UnitOfWork, str], None] | None = field(compare=False, default=None)


@dataclass
class ActivityReport:
    matters: int = 0
    approved: int = 0
    enrolled: int = 0
    removed: int = 0
    waiting: int = 0
    active: int = 0  # people on quota at the end
    units: int = 0  # units on record at the end (abolished ones included)


class _Year:
    def __init__(
        self, db: Database, builder, persons: int, seed: int, untouchable: set[str], progress: Progress
    ) -> None:  # type: ignore[no-untyped-def]
        self.db = db
        self.builder = builder
        self.persons = persons
        self.rng = random.Random(f"{seed}:activity")
        self.untouchable = untouchable
        self.progress = progress
        self.today = dt.date.today()
        self.start = self.today - dt.timedelta(days=365)
        self.events: list[_Event] = []
        self.counter = itertools.count()
        self.report = ActivityReport()
        self.actors: dict[str, Actor] = {}
        self.plans: dict[int, list[int]] = {}  # unit → plan ids approved this year
        self.kinds: dict[str, int] = {}
        self.busy: set[int] = set()  # enrollments already chosen for a removal or transfer

    # -- helpers ----------------------------------------------------------------------------------
    def add(self, day: dt.date, build, drafter: str = "", fate: str = "approve", after=None) -> None:  # type: ignore[no-untyped-def]
        day = min(day, self.today - dt.timedelta(days=1))
        drafter = drafter or self.rng.choice(("lina", "chenxiao"))
        heapq.heappush(self.events, _Event(day, next(self.counter), build, drafter, fate, after))

    def eligible_units(self, uow: UnitOfWork):  # type: ignore[no-untyped-def]
        """Active units without a seeded problem, as plain rows (id, name, category, supervisor_id)."""
        return [
            row
            for row in uow.session.execute(
                select(Unit.id, Unit.name, Unit.category, Unit.supervisor_id)
                .where(Unit.status == UnitStatus.ACTIVE.value)
                .order_by(Unit.position, Unit.id)
            )
            if row.name not in self.untouchable
        ]

    def person(self, birth: dt.date, male: bool, category: RetirementCategory) -> PersonInput:
        rng = self.rng
        while True:
            seq = rng.randrange(1, 999, 2) if male else rng.randrange(0, 998, 2)
            number = make_id_number(rng.choice(catalog.AREA_CODES), birth, seq)
            if number not in self.builder.used_ids:
                self.builder.used_ids.add(number)
                break
        return PersonInput(
            name=names.full_name(rng, male),
            id_number=number,
            sex=Sex.MALE if male else Sex.FEMALE,
            birth_date=birth,
            retirement_category=category,
            education=rng.choice(
                (Education.MASTER, Education.BACHELOR, Education.BACHELOR, Education.COLLEGE)
            ),
            political_status=rng.choice((PoliticalStatus.CPC, PoliticalStatus.CYL, PoliticalStatus.NONE)),
        )

    def new_hire(self, worker: bool) -> m.PersonParticulars:
        male = self.rng.random() < 0.45
        category = (
            RetirementCategory.MALE_60
            if male
            else (RetirementCategory.FEMALE_50 if worker else RetirementCategory.FEMALE_55)
        )
        birth = dt.date(self.rng.randint(1994, 2002), self.rng.randint(1, 12), self.rng.randint(1, 28))
        person = self.person(birth, male, category)
        return m.PersonParticulars(
            name=person.name,
            id_number=person.id_number,
            retirement_category=category.value,
            education=Education(person.education).value,
            political_status=PoliticalStatus(person.political_status).value,
        )

    # -- before the year: people who retire during it -----------------------------------------------
    def retirees(self, uow: UnitOfWork, clerk: Actor) -> None:
        """People on the register at the start of the year whose statutory retirement falls inside it."""
        units = [u for u in self.eligible_units(uow) if self.staffed.get(u.id)]
        weights = [self.staffed[u.id][1] for u in units]
        first, last = self.start + dt.timedelta(days=10), self.today - dt.timedelta(days=25)
        windows = {
            RetirementCategory.MALE_60: (dt.date(1964, 6, 1), dt.date(1966, 9, 1)),
            RetirementCategory.FEMALE_55: (dt.date(1969, 6, 1), dt.date(1971, 9, 1)),
            RetirementCategory.FEMALE_50: (dt.date(1974, 6, 1), dt.date(1976, 9, 1)),
        }
        rows = []
        target = round(self.persons * 0.024) if units else 0
        while len(rows) < target:
            unit = self.rng.choices(units, weights)[0]
            kind = self.staffed[unit.id][0]
            male = self.rng.random() < 0.55
            if male:
                category = RetirementCategory.MALE_60
            else:
                category = (
                    RetirementCategory.FEMALE_50 if self.rng.random() < 0.1 else RetirementCategory.FEMALE_55
                )
            low, high = windows[category]
            birth = low + dt.timedelta(days=self.rng.randrange((high - low).days))
            if not first <= statutory_retirement_date(birth, category) <= last:
                continue
            person = self.person(birth, male, category)
            start = dt.date(birth.year + self.rng.randint(20, 24), self.rng.choice((7, 8, 9)), 1)
            rows.append(
                PersonEnrollmentRow(
                    person=person,
                    unit_id=unit.id,
                    kind_id=kind,
                    start_on=start,
                    document_number=self.builder.doc("云编入", start.year),
                    post_title="专业技术人员" if unit.category.startswith("pi_") else "四级主任科员",
                )
            )
        register.register_people(uow, clerk, rows)

    # -- the steps of one matter ------------------------------------------------------------------
    def run(self, event: _Event) -> None:
        with self.db.write() as uow:
            content = event.build(uow)
            if content is None:
                return
            clerk, reviewer, approver = (
                self.actors[event.drafter],
                self.actors["wangjianguo"],
                self.actors["zhaozhigang"],
            )
            day = event.day
            stamp = dt.datetime.combine(day, dt.time(9, 0))
            drafted = stamp - dt.timedelta(days=self.rng.randint(2, 6), hours=self.rng.randint(0, 5))
            submitted = drafted + dt.timedelta(hours=self.rng.randint(1, 20))
            reviewed = submitted + dt.timedelta(hours=self.rng.randint(2, 30))
            matter_id = matters.create_draft(uow, clerk, content, at=drafted)
            self.report.matters += 1
            if event.fate == "draft":
                self.report.waiting += 1
                uow.commit()
                return
            # Matters approved within this transaction are checked by their approval; those left
            # waiting in the inboxes are checked at submission like any other.
            matters.submit(uow, clerk, matter_id, at=submitted, dry_run=event.fate != "approve")
            if event.fate == "withdraw":
                matters.withdraw(uow, clerk, matter_id, opinion="单位已调整用人计划，撤回申请。", at=reviewed)
                uow.commit()
                return
            if event.fate == "submitted":
                self.report.waiting += 1
                uow.commit()
                return
            if event.fate == "return":
                matters.return_matter(
                    uow, reviewer, matter_id, opinion="请补充岗位说明和经费来源后重新报送。", at=reviewed
                )
                resubmitted = reviewed + dt.timedelta(hours=20)
                matters.edit_draft(uow, clerk, matter_id, content)
                matters.submit(uow, clerk, matter_id, opinion="已补充岗位说明。", at=resubmitted)
                reviewed = resubmitted + dt.timedelta(hours=3)
            matters.review(
                uow,
                reviewer,
                matter_id,
                opinion=self.rng.choice(("拟同意。", "经核，符合规定，拟同意。")),
                at=reviewed,
            )
            if event.fate == "reviewed":
                self.report.waiting += 1
                uow.commit()
                return
            if event.fate == "reject":
                matters.reject(
                    uow, approver, matter_id, opinion="该单位人员结构调整方案尚未确定，暂不核准。", at=stamp
                )
                uow.commit()
                return
            number = matters.approve(uow, approver, matter_id, opinion="同意。", at=stamp)
            self.report.approved += 1
            if event.after is not None:
                event.after(uow, number)
            uow.commit()

    # -- the year's plan --------------------------------------------------------------------------
    def schedule(self) -> None:
        with self.db.read() as uow:
            units = self.eligible_units(uow)
            people = list(
                uow.session.execute(
                    select(Enrollment.id, Enrollment.unit_id, Enrollment.kind_id)
                    .join(Person, Person.id == Enrollment.person_id)
                    .where(
                        Enrollment.end_on.is_(None),
                        Enrollment.leader_tier.is_(None),
                        Enrollment.start_on < self.start,  # on the register when the year began
                        Person.birth_date > dt.date(1977, 1, 1),  # not due to retire this year
                    )
                    .order_by(Enrollment.id)
                )
            )
        names_by_id = {u.id: u.name for u in units}
        movable = [row for row in people if row.unit_id in names_by_id]
        self.schedule_removals(movable)
        self.schedule_transfers(movable)
        self.schedule_rounds()
        self.schedule_structure(units)
        self.schedule_waiting()

    def schedule_removals(self, movable) -> None:  # type: ignore[no-untyped-def]
        others = round(self.persons * 0.0135)
        reasons = (
            [RemovalReason.TRANSFERRED_OUT] * 10
            + [RemovalReason.RESIGNED] * 6
            + [
                RemovalReason.DECEASED,
                RemovalReason.DISMISSED,
                RemovalReason.OTHER,
            ]
        )
        chosen = self.rng.sample(movable, min(others, len(movable)))
        leaving = {
            row.id: (self.start + dt.timedelta(days=self.rng.randint(5, 330)), self.rng.choice(reasons))
            for row in chosen
        }
        self.busy |= set(leaving)
        # half-monthly batches: retirements (found from the register when each batch is drafted) and these
        day = self.start
        while day < self.today - dt.timedelta(days=5):
            end = min(
                day.replace(day=15)
                if day.day < 16
                else (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1),
                self.today - dt.timedelta(days=1),  # nothing in the demo happens after today
            )
            batch = {e: v for e, v in leaving.items() if day <= v[0] <= end}
            self.add(end + dt.timedelta(days=4), self._removal_builder(day, end, batch))
            day = end + dt.timedelta(days=1)

    def _removal_builder(
        self, first: dt.date, last: dt.date, others: dict[int, tuple[dt.date, RemovalReason]]
    ):  # type: ignore[no-untyped-def]
        def build(uow: UnitOfWork) -> m.Content | None:
            removals = [m.Removal(e, day, reason) for e, (day, reason) in sorted(others.items())]
            reached = or_(
                *(
                    and_(
                        Person.retirement_category == category.value,
                        Person.birth_date <= latest_birth_retired_by(last, category),
                        Person.birth_date > latest_birth_retired_by(first - dt.timedelta(days=1), category),
                    )
                    for category in RetirementCategory
                )
            )
            touchable = [u.id for u in self.eligible_units(uow)]
            for enrollment_id, birth, category in uow.session.execute(
                select(Enrollment.id, Person.birth_date, Person.retirement_category)
                .join(Person, Person.id == Enrollment.person_id)
                .where(Enrollment.end_on.is_(None), Enrollment.unit_id.in_(touchable), reached)
                .order_by(Enrollment.id)
            ):
                if enrollment_id not in others:
                    retires = statutory_retirement_date(birth, RetirementCategory(category))
                    removals.append(m.Removal(enrollment_id, retires, RemovalReason.RETIRED))
            if not removals:
                return None
            self.report.removed += len(removals)
            return m.RemovalRequest(tuple(removals))

        return build

    # -- transfers inside the county ----------------------------------------------------------------
    def schedule_transfers(self, movable) -> None:  # type: ignore[no-untyped-def]
        free = [row for row in movable if row.id not in self.busy]
        chosen = self.rng.sample(free, min(round(self.persons * 0.0015), len(free)))
        self.busy |= {row.id for row in chosen}
        for index in range(0, len(chosen), 2):
            group = chosen[index : index + 2]
            day = self.start + dt.timedelta(days=self.rng.randint(20, 340))
            self.add(day, self._transfer_builder(day, group))

    def _transfer_builder(self, day: dt.date, group):  # type: ignore[no-untyped-def]
        def build(uow: UnitOfWork) -> m.Content | None:
            figures = ledger.figures_by_unit_kind(uow, day)
            touchable = {u.id for u in self.eligible_units(uow)}
            moves = []
            taken: dict[tuple[int, int], int] = {}
            for row in group:
                if uow.session.get(Enrollment, row.id).end_on is not None:  # type: ignore[union-attr]
                    continue  # the unit was merged meanwhile
                targets = sorted(
                    unit
                    for (unit, kind), value in figures.items()
                    if kind == row.kind_id
                    and unit != row.unit_id
                    and unit in touchable
                    and value.vacancy - taken.get((unit, kind), 0) >= 2
                )
                if targets:
                    target = self.rng.choice(targets)
                    taken[(target, row.kind_id)] = taken.get((target, row.kind_id), 0) + 1
                    moves.append(m.Move(row.id, target))
            return m.TransferRequest(day, tuple(moves)) if moves else None

        return build

    # -- recruitment: plans in two rounds, enrollments under them -------------------------------------
    def schedule_rounds(self) -> None:
        hires = round(self.persons * 0.0375)
        # spring: schools and hospitals; autumn: the civil service and the rest
        self.add(
            self.start + dt.timedelta(days=105), self._round(True, round(hires * 0.65), 130), drafter="lina"
        )
        self.add(
            self.start + dt.timedelta(days=250),
            self._round(False, hires - round(hires * 0.65), 75),
            drafter="chenxiao",
        )

    def _round(self, spring: bool, target: int, enrol_after: int):  # type: ignore[no-untyped-def]
        """Not a matter itself: when its day comes, plans the round from the vacancies of that day."""

        def build(uow: UnitOfWork) -> None:
            day = self.start + dt.timedelta(days=105 if spring else 250)
            education_health = {self.kinds["pi_full"], self.kinds["pi_partial"]}
            touchable = {u.id for u in self.eligible_units(uow)}
            pairs = [
                (unit, kind, value.vacancy)
                for (unit, kind), value in sorted(ledger.figures_by_unit_kind(uow, day).items())
                if value.vacancy > 0
                and unit in touchable
                and (kind in education_health) == spring
                and kind != self.kinds.get("worker")
            ]
            total = sum(v for _, _, v in pairs) or 1
            share = min(1.0, target / total)
            for index, (unit, kind, vacancy) in enumerate(pairs):
                expected = vacancy * share
                seats = min(
                    vacancy, int(expected) + (1 if self.rng.random() < expected - int(expected) else 0)
                )
                if seats <= 0:
                    continue
                plan_day = day + dt.timedelta(days=self.rng.randint(0, 25))
                fate = "approve"
                if index % 37 == 5:
                    fate = "return"
                elif index % 53 == 11:
                    fate = "reject"
                elif index % 71 == 23:
                    fate = "withdraw"
                method = (
                    HiringMethod.OPEN_RECRUITMENT
                    if spring
                    else self.rng.choice(
                        (
                            HiringMethod.CIVIL_EXAM,
                            HiringMethod.CIVIL_EXAM,
                            HiringMethod.SELECTION,
                            HiringMethod.OPEN_RECRUITMENT,
                        )
                    )
                )
                content = m.HiringPlanRequest(
                    unit,
                    self.code_of[kind],
                    seats,
                    method,
                    plan_day,
                    plan_day + dt.timedelta(days=364),
                    posts="教学、医疗专业技术岗位" if spring else "综合管理岗位",
                )
                fill = seats if spring or self.rng.random() < 0.8 else seats - 1
                self.add(
                    plan_day,
                    lambda uow, c=content: self._fits(uow, c),
                    fate=fate,
                    after=self._enrol_later(content, fill, enrol_after),
                )
            return None

        return build

    def _fits(self, uow: UnitOfWork, content: m.HiringPlanRequest) -> m.Content | None:
        """The plan as scheduled, or fewer seats if the vacancy shrank since the round was planned."""
        kind = self.kinds[content.kind]
        vacancy = ledger.figures(uow, content.unit_id, kind, content.valid_from).vacancy
        if vacancy <= 0 or uow.session.get(Unit, content.unit_id).status != UnitStatus.ACTIVE.value:  # type: ignore[union-attr]
            return None
        if matters.late_removals(uow, content.unit_id, content.valid_from):
            return None  # the office would refuse it: the unit is late with removals (seen in its history)
        return m.HiringPlanRequest(
            content.unit_id,
            content.kind,
            min(vacancy, content.seats),
            content.method,
            content.valid_from,
            content.valid_until,
            content.posts,
        )

    def _enrol_later(self, content: m.HiringPlanRequest, fill: int, after_days: int):  # type: ignore[no-untyped-def]
        def approved(uow: UnitOfWork, number: str) -> None:
            plan = uow.session.scalar(
                select(HiringPlan)
                .join(Document, Document.id == HiringPlan.document_id)
                .where(Document.number == number)
            )
            assert plan is not None
            seats = min(fill, plan.seats)
            if seats <= 0:
                return
            day = plan.approved_on + dt.timedelta(days=after_days + self.rng.randint(0, 20))
            day = min(day, self.today - dt.timedelta(days=1))  # nobody starts after today
            self.add(day, self._hires(plan.id, plan.unit_id, content.kind, seats, day))

        return approved

    def _hires(self, plan_id: int, unit_id: int, kind: str, seats: int, day: dt.date):  # type: ignore[no-untyped-def]
        def build(uow: UnitOfWork) -> m.Content | None:
            plan = uow.session.get(HiringPlan, plan_id)
            assert plan is not None
            unit_id_now = plan.unit_id  # a merger may have carried the plan to the merged unit
            divisions = list(
                uow.session.scalars(
                    select(Division.id)
                    .where(Division.unit_id == unit_id_now, Division.status == "active")
                    .order_by(Division.id)
                )
            )
            hires = tuple(
                m.Hire(
                    person=self.new_hire(kind == "worker"),
                    division_id=self.rng.choice(divisions) if divisions else None,
                    post_title=self.rng.choice(POSTS.get(kind, OFFICE_POSTS)),
                )
                for _ in range(seats)
            )
            self.report.enrolled += seats
            return m.EnrollmentRequest(unit_id_now, kind, max(day, plan.approved_on), hires, plan_id=plan_id)

        return build

    # -- the institutional matters of the year --------------------------------------------------------
    def schedule_structure(self, units) -> None:  # type: ignore[no-untyped-def]
        by_name = {u.name: u for u in units}
        staffed = [u for u in units if u.id in self.staffed]
        institutions = sorted(
            (
                u
                for u in staffed
                if u.category == UnitCategory.PI_PUBLIC1.value
                and self.staffed[u.id][0] == self.kinds["pi_full"]
            ),
            key=lambda u: (self.staffed[u.id][1], u.id),
        )
        if not institutions:  # a very small county has no staffed 全额 institution to restructure
            return
        giver = max(institutions, key=lambda u: (self.staffed[u.id][1], -u.id))
        merging = [u.id for u in institutions[:2] if u.id != giver.id]
        departments = [u for u in staffed if u.category == UnitCategory.GOV_DEPARTMENT.value]
        day = self.start + dt.timedelta(days=40)
        # quota back to the county pool, then a new centre staffed from it
        self.add(day, lambda uow: self._to_pool(uow, giver.id, day), drafter="chenxiao")
        new_day = self.start + dt.timedelta(days=62)
        supervisor = by_name.get("云溪县发展和改革局")
        self.add(
            new_day,
            lambda uow: m.CreateUnit(
                m.UnitInput(
                    NEW_UNIT,
                    UnitCategory.PI_PUBLIC1,
                    Rank.FU_KE,
                    UnitSystem.GOVERNMENT,
                    short_name="低空经济服务中心",
                    funding=Funding.FULL,
                    supervisor_id=supervisor.id if supervisor else None,
                ),
                new_day,
                (
                    "承担全县低空经济发展的规划研究和技术服务工作。",
                    "承担低空飞行服务保障有关事务性工作。",
                    "完成主管部门交办的其他任务。",
                ),
                charter_summary=f"{NEW_UNIT}职能配置、内设机构和人员编制规定",
                divisions=(m.NewDivision("综合股"), m.NewDivision("技术服务股")),
                quotas=self._pool_grants(uow, 3, new_day),
                leader_posts=(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, Rank.FU_KE, 1),),
            ),
            drafter="lina",
        )
        # a quota transfer between two departments, a loan from the pool, a nameplate, a division
        if len(departments) >= 2:
            a, b = departments[0], departments[-1]
            moved = self.start + dt.timedelta(days=90)
            self.add(moved, lambda uow: self._between(uow, a.id, b.id, moved))
            plate_unit = departments[len(departments) // 2]
            plate_day = self.start + dt.timedelta(days=75)
            self.add(
                plate_day,
                lambda uow: m.AmendUnit(
                    plate_unit.id,
                    plate_day,
                    nameplates=(f"{plate_unit.name.removesuffix('局')}综合服务中心",),
                ),
            )
            division_day = self.start + dt.timedelta(days=140)
            self.add(
                division_day,
                lambda uow: m.DivisionsChange(
                    b.id, division_day, add=(m.NewDivision("数据管理股", "负责本系统数据汇集和共享工作。"),)
                ),
            )
            charter_day = self.start + dt.timedelta(days=170)
            self.add(
                charter_day, lambda uow: self._revised_charter(uow, a.id, charter_day), drafter="chenxiao"
            )
        if institutions:
            loan_day = self.start + dt.timedelta(days=150)
            self.add(loan_day, lambda uow: self._loan(uow, institutions[-1].id, loan_day))
        if len(merging) == 2:
            merge_day = self.start + dt.timedelta(days=200)
            self.add(merge_day, lambda uow: self._merge(uow, merging, merge_day), drafter="lina")

    def _pool_grants(self, uow: UnitOfWork, wanted: int, day: dt.date) -> tuple[m.QuotaGrant, ...]:
        """Quota for the new centre: from the pool as far as it goes, the rest newly granted (上级核增)."""
        pooled = min(wanted, ledger.balance(uow, self.kinds["pi_full"], day))
        grants = [m.QuotaGrant("pi_full", pooled, from_pool=True)] if pooled else []
        if wanted > pooled:
            grants.append(m.QuotaGrant("pi_full", wanted - pooled))
        return tuple(grants)

    def _loan(self, uow: UnitOfWork, unit_id: int, day: dt.date) -> m.Content | None:
        """One seat lent from the pool (周转编制), due back in two years."""
        if ledger.balance(uow, self.kinds["pi_full"], day) < 1:
            return None
        move = m.QuotaMove(
            "pi_full", 1, from_pool=True, to_unit_id=unit_id, due_on=day + dt.timedelta(days=730)
        )
        return m.QuotaChange(day, (move,), "周转编制借用")

    def _to_pool(self, uow: UnitOfWork, unit_id: int, day: dt.date) -> m.Content | None:
        vacancy = ledger.figures(uow, unit_id, self.kinds["pi_full"], day).vacancy
        amount = min(4, vacancy)
        if amount <= 0:
            return None
        return m.QuotaChange(
            day,
            (m.QuotaMove("pi_full", amount, from_unit_id=unit_id, to_pool=True),),
            "空余编制收回周转池统筹使用",
        )

    def _between(self, uow: UnitOfWork, source: int, target: int, day: dt.date) -> m.Content | None:
        kind = self.staffed[source][0]
        if self.staffed[target][0] != kind:
            return None
        vacancy = ledger.figures(uow, source, kind, day).vacancy
        if vacancy < 1:
            return None
        return m.QuotaChange(
            day,
            (m.QuotaMove(self.code_of[kind], min(2, vacancy), from_unit_id=source, to_unit_id=target),),
            "职能调整统筹调剂编制",
        )

    def _revised_charter(self, uow: UnitOfWork, unit_id: int, day: dt.date) -> m.Content | None:
        current = org.charter_in_force(uow, unit_id, day)
        if current is None:
            return None
        duties = (*current.duties[:-1], "统筹推进本领域数字化改革和数据共享。", current.duties[-1])
        return m.CharterChange(unit_id, day, duties, f"{current.summary or ''}（修订）")

    def _merge(self, uow: UnitOfWork, sources: list[int], day: dt.date) -> m.Content | None:
        units = [uow.session.get(Unit, u) for u in sources]
        if any(u is None or u.status != UnitStatus.ACTIVE.value for u in units):
            return None
        joined_later = uow.session.scalar(
            select(func.count(Enrollment.id)).where(
                Enrollment.unit_id.in_(sources), Enrollment.end_on.is_(None), Enrollment.start_on > day
            )
        )
        if joined_later:  # someone recruited after the merge date cannot be carried across on it
            return None
        first = units[0]
        assert first is not None
        return m.MergeUnits(
            tuple(sources),
            day,
            (
                "承担原两单位的公益服务职能。",
                "统筹开展相关业务培训和技术指导。",
                "完成主管部门交办的其他任务。",
            ),
            new_unit=m.UnitInput(
                MERGED_UNIT,
                UnitCategory.PI_PUBLIC1,
                Rank(first.rank),
                UnitSystem(first.system),
                funding=Funding.FULL,
                supervisor_id=first.supervisor_id,
            ),
            charter_summary=f"{MERGED_UNIT}职能配置、内设机构和人员编制规定",
            leader_posts=(m.LeaderPostDelta(LeaderTier.UNIT_HEAD, Rank(first.rank), 1),),
        )

    # -- matters still in the inboxes today -----------------------------------------------------------
    def schedule_waiting(self) -> None:
        for offset, fate, drafter in (
            (9, "reviewed", "lina"),
            (6, "reviewed", "chenxiao"),
            (4, "submitted", "lina"),
            (3, "submitted", "chenxiao"),
            (2, "draft", "lina"),
        ):
            day = self.today - dt.timedelta(days=offset)
            self.add(day, lambda uow, d=day: self._small_plan(uow, d), drafter=drafter, fate=fate)

    def _small_plan(self, uow: UnitOfWork, day: dt.date) -> m.Content | None:
        figures = ledger.figures_by_unit_kind(uow, day)
        touchable = {u.id for u in self.eligible_units(uow)}
        open_pairs = sorted(
            (u, k)
            for (u, k), v in figures.items()
            if v.vacancy >= 2 and u in touchable and k != self.kinds["worker"]
        )
        if not open_pairs:
            return None
        unit, kind = self.rng.choice(open_pairs)
        if matters.late_removals(uow, unit, self.today):
            return None
        return m.HiringPlanRequest(
            unit,
            self.code_of[kind],
            1,
            HiringMethod.OPEN_RECRUITMENT,
            self.today,
            self.today + dt.timedelta(days=364),
        )

    # -- the whole year ---------------------------------------------------------------------------------
    def run_year(self) -> ActivityReport:
        with self.db.write() as uow:
            for username in ("admin", "lina", "chenxiao", "wangjianguo", "zhaozhigang"):
                user = uow.session.scalar(select(User).where(User.username == username))
                assert user is not None
                self.actors[username] = admin.actor_of(user)
            kinds = list(uow.session.execute(select(QuotaKind.id, QuotaKind.code)))
            self.kinds = {code: kind_id for kind_id, code in kinds}
            self.code_of = {kind_id: code for kind_id, code in kinds}
            self.staffed = self.staffing(uow)
            self.retirees(uow, self.actors["lina"])
            admin.go_live(uow, self.actors["admin"], force_reason=DEMO_GO_LIVE_REASON)
            uow.commit()
        self.schedule()
        total = len(self.events)
        done = 0
        while self.events:
            event = heapq.heappop(self.events)
            self.run(event)
            done += 1
            if done % 20 == 0:
                self.progress(done, max(total, done + len(self.events)), "事项")
        self.progress(done, done, "事项")
        with self.db.read() as uow:
            self.report.active = (
                uow.session.scalar(select(func.count(Enrollment.id)).where(Enrollment.end_on.is_(None))) or 0
            )
            self.report.units = uow.session.scalar(select(func.count(Unit.id))) or 0
        return self.report

    def staffing(self, uow: UnitOfWork) -> dict[int, tuple[int, int]]:
        """unit → (main kind, people) for the units this year may touch."""
        rows = uow.session.execute(
            select(Enrollment.unit_id, Enrollment.kind_id, func.count())
            .where(Enrollment.end_on.is_(None))
            .group_by(Enrollment.unit_id, Enrollment.kind_id)
        )
        best: dict[int, tuple[int, int]] = {}
        touchable = {u.id for u in self.eligible_units(uow)}
        for unit, kind, count in rows:
            if unit in touchable and count > best.get(unit, (0, 0))[1]:
                best[unit] = (kind, count)
        return best


NEW_UNIT = "云溪县低空经济发展服务中心"
MERGED_UNIT = "云溪县社会事业综合服务中心"
POSTS = {
    "pi_full": ("教师", "一级教师", "专业技术人员"),
    "pi_partial": ("医师", "护师", "药师"),
    "worker": ("驾驶员", "工勤人员"),
}
OFFICE_POSTS = ("一级科员", "四级主任科员", "科员")


def run_demo_year(
    db: Database, builder, *, persons: int, seed: int, untouchable: set[str], progress: Progress | None = None
) -> ActivityReport:  # type: ignore[no-untyped-def]
    """The demo county's last year through matters; closes initialisation first."""
    year = _Year(db, builder, persons, seed, untouchable, progress or (lambda done, total, label: None))
    return year.run_year()
