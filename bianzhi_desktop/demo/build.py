"""Build the demo county: deterministic for a seed, realistic, with a handful of deliberate problems
for the health checks to find (listed in the report)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from bianzhi_desktop.demo import activity, catalog, names
from bianzhi_desktop.domain.credit_code import make_credit_code, organisation_check_char
from bianzhi_desktop.domain.enums import (
    Education,
    HiringMethod,
    LeaderTier,
    NameKind,
    PoliticalStatus,
    Rank,
    RemovalReason,
    RetirementCategory,
    Role,
    Sex,
    UnitCategory,
)
from bianzhi_desktop.domain.idnumber import make_id_number
from bianzhi_desktop.domain.retirement import statutory_retirement_date
from bianzhi_desktop.persistence.database import Database
from bianzhi_desktop.services import admin, county, ledger, org, register
from bianzhi_desktop.services.context import Actor
from bianzhi_desktop.services.ledger import HiringPlanInput
from bianzhi_desktop.services.register import PersonEnrollmentRow, PersonInput

Progress = Callable[[int, int, str], None]
PASSWORD = "demo1234"
TODAY = dt.date.today()
REFORM_DAY = dt.date(2019, 3, 1)
DEMO_USERS = (
    ("lina", "李娜", {Role.CLERK}),
    ("chenxiao", "陈晓", {Role.CLERK}),
    ("wangjianguo", "王建国", {Role.REVIEWER}),
    ("zhaozhigang", "赵志刚", {Role.APPROVER}),
)
OVER_QUOTA = {"云溪县城关第一完全小学": 3, "云溪县人民医院": 2, "云溪县城市管理和综合执法局": 1}
TOO_MANY_DEPUTIES = "云溪县农业农村局"
PAST_RETIREMENT_UNITS = ("云溪县水利局", "云溪县第二中学", "云溪县中医医院", "云溪县林业工作站")
EXPIRED_PLAN_UNIT = "云溪县龙潭镇中学"
LIVE_PLAN_UNITS = ("云溪县第一中学", "云溪县实验中学", "云溪县妇幼保健计划生育服务中心", "云溪县青石镇卫生院")


@dataclass(frozen=True)
class SeededProblem:
    code: str
    unit: str
    detail: str


@dataclass
class DemoReport:
    county_name: str
    units: int = 0
    persons: int = 0
    history: int = 0
    usernames: list[str] = field(default_factory=list)
    password: str = PASSWORD
    seeded_problems: list[SeededProblem] = field(default_factory=list)
    matters: int = 0  # matters of the last year (activity.py)


@dataclass
class _Unit:
    spec: catalog.DemoUnit
    id: int
    divisions: list[int]
    founded_on: dt.date
    headcount: int = 0


class _Builder:
    def __init__(self, db: Database, persons: int, seed: int, progress: Progress | None) -> None:
        self.db = db
        self.target = persons
        self.seed = seed
        self.rng = random.Random(seed)
        self.progress = progress or (lambda done, total, label: None)
        self.report = DemoReport(catalog.COUNTY)
        self.used_ids: set[str] = set()
        self.doc_seq: dict[tuple[str, int], int] = {}
        self.units: list[_Unit] = []

    def doc(self, prefix: str, year: int) -> str:
        key = (prefix, year)
        self.doc_seq[key] = self.doc_seq.get(key, 0) + 1
        return f"{prefix}〔{year}〕{self.doc_seq[key]}号"

    # -- structure --------------------------------------------------------------------------------
    def build_structure(self, clerk: Actor) -> None:
        specs = catalog.county_units()
        by_name: dict[str, int] = {}
        with self.db.write() as uow:
            for position, spec in enumerate(specs, start=1):
                founded = (
                    REFORM_DAY
                    if spec.name.endswith(("社会工作部", "乡村振兴局", "医疗保障局"))
                    else dt.date(self.rng.randint(1978, 1992), self.rng.randint(1, 12), 1)
                )
                info = org.create_unit(
                    uow,
                    clerk,
                    org.UnitInput(
                        name=spec.name,
                        short_name=spec.short,
                        category=spec.category,
                        rank=spec.rank,
                        system=spec.system,
                        funding=spec.funding,
                        supervisor_id=by_name.get(spec.supervisor or ""),
                        founded_on=founded,
                        position=position,
                        credit_code=self.credit_code(spec),
                    ),
                )
                by_name[spec.name] = info.id
                for plate in spec.nameplates:
                    org.add_name(
                        uow,
                        clerk,
                        info.id,
                        plate,
                        NameKind.NAMEPLATE,
                        since=REFORM_DAY,
                        document=self.doc("云办发", 2019),
                    )
                division_ids = [
                    org.add_division(
                        uow,
                        clerk,
                        info.id,
                        name,
                        position=i,
                        duties=f"负责{name.removesuffix('股')}相关工作。",
                    ).id
                    for i, name in enumerate(spec.divisions, start=1)
                ]
                self.units.append(_Unit(spec, info.id, division_ids, founded))
                if spec.kind is not None:
                    self._charters(uow, clerk, info.id, spec)
                self.progress(position, len(specs), "机构")
            uow.commit()
        self.report.units = len(specs)

    def _charters(self, uow, clerk: Actor, unit_id: int, spec: catalog.DemoUnit) -> None:  # type: ignore[no-untyped-def]
        duties = [text.format(field=spec.domain_word) for text in catalog.DUTY_TEMPLATES]
        org.issue_charter(
            uow,
            clerk,
            unit_id,
            document=self.doc("云办发", 2019),
            effective_on=REFORM_DAY,
            duties=duties,
            summary=f"{spec.name}职能配置、内设机构和人员编制规定",
        )
        if self.rng.random() < 0.25:
            revised = [*duties[:3], f"统筹推进全县{spec.domain_word}领域数字化建设。", *duties[3:]]
            org.issue_charter(
                uow,
                clerk,
                unit_id,
                document=self.doc("云办发", 2024),
                effective_on=dt.date(2024, 6, 1),
                duties=revised,
                summary=f"{spec.name}职能配置、内设机构和人员编制规定（修订）",
            )

    def credit_code(self, spec: catalog.DemoUnit) -> str | None:
        """A well-formed 统一社会信用代码 (authority 1 = 机构编制; type 1 机关, 2 事业单位, 9 其他)."""
        if spec.kind is None:
            return None  # 议事协调机构 have no code of their own
        rng = random.Random(f"{self.seed}:{spec.name}")  # its own stream: codes do not shift the rest
        org_type = "2" if spec.category.is_public_institution else "1"
        body = "".join(rng.choice("0123456789") for _ in range(8))
        return make_credit_code("1" + org_type + catalog.AREA_CODES[0] + body + organisation_check_char(body))

    # -- figures ----------------------------------------------------------------------------------
    def allocate_headcount(self) -> None:
        staffed = [u for u in self.units if u.spec.kind]
        total_weight = sum(u.spec.weight for u in staffed)
        exact = [self.target * u.spec.weight / total_weight for u in staffed]
        counts = [int(x) for x in exact]
        order = sorted(range(len(staffed)), key=lambda i: exact[i] - counts[i], reverse=True)
        for i in order[: self.target - sum(counts)]:
            counts[i] += 1
        for unit, count in zip(staffed, counts, strict=True):
            unit.headcount = count
        self._staff_seeded_units(staffed)

    def _staff_seeded_units(self, staffed: list[_Unit]) -> None:
        """Give the units that carry a seeded problem enough people to show it, even in a tiny demo,
        taking the people from the largest unit so the county's total stays as asked."""
        minimum = {name: over + 4 for name, over in OVER_QUOTA.items()}
        minimum |= {TOO_MANY_DEPUTIES: 8, EXPIRED_PLAN_UNIT: 5}
        minimum |= {name: 4 for name in (*PAST_RETIREMENT_UNITS, *LIVE_PLAN_UNITS)}
        donors = [u for u in staffed if u.spec.name not in minimum]
        for unit in staffed:
            for _ in range(minimum.get(unit.spec.name, 0) - unit.headcount):
                donor = max(donors, key=lambda u: u.headcount)
                donor.headcount -= 1
                unit.headcount += 1

    def quota_plan(self, unit: _Unit) -> dict[str, int]:
        """Enrolled people per kind for one unit (workers and 政法专项 split off the main kind)."""
        spec = unit.spec
        people = unit.headcount
        workers = min(spec.workers, max(0, people - 2))
        main = people - workers
        politics = round(main * spec.politics_law) if main > 1 else 0
        plan = {"politics_law": politics, str(spec.kind): main - politics, "worker": workers}
        return {kind: count for kind, count in plan.items() if count > 0}

    def record_figures(self, clerk: Actor) -> dict[int, dict[str, int]]:
        enrolled_plan: dict[int, dict[str, int]] = {}
        with self.db.write() as uow:
            for index, unit in enumerate(self.units, start=1):
                if not unit.spec.kind:
                    continue
                plan = self.quota_plan(unit)
                enrolled_plan[unit.id] = plan
                for kind, people in plan.items():
                    over = OVER_QUOTA.get(unit.spec.name, 0) if kind == unit.spec.kind else 0
                    spare = 0 if over else max(1, round(people * self.rng.uniform(0.02, 0.09)))
                    approved = max(1, people + spare - over)
                    opening = approved if approved < 8 or self.rng.random() < 0.7 else approved - 2
                    ledger.record_quota(
                        uow,
                        clerk,
                        unit.id,
                        kind,
                        opening,
                        REFORM_DAY,
                        self.doc(catalog.PREFIX, 2019),
                        "机构改革核定",
                    )
                    if opening != approved:
                        ledger.record_quota(
                            uow,
                            clerk,
                            unit.id,
                            kind,
                            approved - opening,
                            dt.date(2022, 8, 1),
                            self.doc(catalog.PREFIX, 2022),
                            "统筹调剂增加编制",
                        )
                    if over:
                        self.report.seeded_problems.append(
                            SeededProblem("over_quota", unit.spec.name, f"{kind} 超编{over}名")
                        )
                self._leader_posts(uow, clerk, unit)
                self.progress(index, len(self.units), "编制")
            uow.commit()
        return enrolled_plan

    def _leader_posts(self, uow, clerk: Actor, unit: _Unit) -> None:  # type: ignore[no-untyped-def]
        spec = unit.spec
        deputy_rank = {Rank.FU_CHU: Rank.ZHENG_KE, Rank.ZHENG_KE: Rank.FU_KE}.get(spec.rank, Rank.UNRANKED)
        head_rank = spec.rank
        division_rank = Rank.ZHENG_KE if spec.rank == Rank.FU_CHU else Rank.ZHENG_GU
        document = self.doc(catalog.PREFIX, 2019)
        tiers = [
            (LeaderTier.UNIT_HEAD, head_rank, 1),
            (LeaderTier.UNIT_DEPUTY, deputy_rank, self.deputies(unit)),
        ]
        if unit.divisions:
            tiers.append((LeaderTier.DIVISION_HEAD, division_rank, len(unit.divisions)))
        for tier, rank, amount in tiers:
            if amount > 0 and unit.headcount >= 2:
                ledger.record_leader_posts(uow, clerk, unit.id, tier, rank, amount, REFORM_DAY, document)

    @staticmethod
    def deputies(unit: _Unit) -> int:
        return 0 if unit.headcount < 4 else min(3, 1 + unit.headcount // 40)

    # -- people -----------------------------------------------------------------------------------
    def person(self, unit: _Unit, kind: str, *, past_retirement: bool = False) -> tuple[PersonInput, dt.date]:
        rng = self.rng
        male = rng.random() < (
            0.62 if unit.spec.category not in (UnitCategory.PI_PUBLIC1, UnitCategory.PI_PUBLIC2) else 0.38
        )
        if male:
            category = RetirementCategory.MALE_60
        else:
            category = RetirementCategory.FEMALE_50 if kind == "worker" else RetirementCategory.FEMALE_55
        while True:
            if past_retirement:
                birth = dt.date(1962 + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28))
            else:
                year = int(rng.triangular(1964, 2002, 1984))
                birth = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
            retires = statutory_retirement_date(birth, category)
            if past_retirement == (retires <= TODAY) and birth.year <= 2002:
                break
        start = min(
            TODAY - dt.timedelta(days=40),
            dt.date(birth.year + rng.randint(21, 26), rng.choice((7, 8, 9, 12)), 1),
        )
        start = max(start, dt.date(1984, 1, 1), unit.founded_on)
        name = names.full_name(rng, male)
        area = rng.choice(catalog.AREA_CODES)
        while True:
            seq = rng.randrange(1, 999, 2) if male else rng.randrange(0, 998, 2)
            number = make_id_number(area, birth, seq)
            if number not in self.used_ids:
                self.used_ids.add(number)
                break
        education = rng.choice(
            (
                Education.MASTER,
                Education.BACHELOR,
                Education.BACHELOR,
                Education.BACHELOR,
                Education.COLLEGE,
                Education.COLLEGE,
                Education.SECONDARY,
            )
        )
        political = rng.choice(
            (
                PoliticalStatus.CPC,
                PoliticalStatus.CPC,
                PoliticalStatus.NONE,
                PoliticalStatus.CYL,
                PoliticalStatus.DEMOCRATIC,
            )
        )
        ethnicity = "汉族" if rng.random() < 0.9 else rng.choice(("土家族", "苗族", "侗族", "瑶族", "回族"))
        return PersonInput(
            name=name,
            id_number=number,
            sex=Sex.MALE if male else Sex.FEMALE,
            birth_date=birth,
            retirement_category=category,
            ethnicity=ethnicity,
            education=education,
            political_status=political,
        ), start

    def register(self, clerk: Actor, enrolled_plan: dict[int, dict[str, int]]) -> None:
        with self.db.read() as uow:
            kinds = {kind.code: kind.id for kind in ledger.list_kinds(uow)}
        plan_ids = self.hiring_plans(clerk, kinds)
        rows: list[PersonEnrollmentRow] = []
        by_id = {u.id: u for u in self.units}
        for unit_id, plan in enrolled_plan.items():
            unit = by_id[unit_id]
            leaders = self.leader_slots(unit)
            for kind, count in plan.items():
                for index in range(count):
                    past = (
                        unit.spec.name in PAST_RETIREMENT_UNITS
                        and kind == unit.spec.kind
                        and index == count - 1
                    )
                    person, start = self.person(unit, kind, past_retirement=past)
                    if past:
                        self.report.seeded_problems.append(
                            SeededProblem(
                                "past_retirement", unit.spec.name, f"{person.name} 已到法定退休年龄仍在编"
                            )
                        )
                    tier, rank, title, division = (
                        leaders.pop(0)
                        if leaders and kind != "worker"
                        else (None, None, self.post_title(unit, kind), self.division_for(unit))
                    )
                    plan_id = plan_ids.get((unit_id, kinds[kind]))
                    under_plan = plan_id is not None and index < 2
                    if under_plan:
                        start = plan_id[1]
                    rows.append(
                        PersonEnrollmentRow(
                            person=person,
                            unit_id=unit_id,
                            kind_id=kinds[kind],
                            start_on=start,
                            document_number=self.doc("云编入", start.year),
                            division_id=division,
                            post_title=title,
                            leader_tier=tier,
                            leader_rank=rank,
                            hiring_plan_id=plan_id[0] if under_plan else None,
                        )
                    )
            self.progress(len(rows), self.target, "人员")
        rows += self.history_rows(kinds)
        with self.db.write() as uow:
            result = register.register_people(uow, clerk, rows, progress=self.progress)
            uow.commit()
        self.report.persons = result.enrollments - self.report.history

    def leader_slots(self, unit: _Unit) -> list[tuple[LeaderTier | None, Rank | None, str, int | None]]:
        if unit.headcount < 2:
            return []
        spec = unit.spec
        head_title = (
            "局长"
            if spec.name.endswith("局")
            else (
                "院长"
                if "医院" in spec.name or "卫生院" in spec.name
                else ("校长" if "学" in spec.name else "主任")
            )
        )
        deputy_rank = {Rank.FU_CHU: Rank.ZHENG_KE, Rank.ZHENG_KE: Rank.FU_KE}.get(spec.rank, Rank.UNRANKED)
        slots: list[tuple[LeaderTier | None, Rank | None, str, int | None]] = [
            (LeaderTier.UNIT_HEAD, spec.rank, head_title, None)
        ]
        deputies = self.deputies(unit) + (1 if spec.name == TOO_MANY_DEPUTIES else 0)
        if spec.name == TOO_MANY_DEPUTIES:
            self.report.seeded_problems.append(
                SeededProblem(
                    "over_leader_posts", spec.name, f"单位副职核定{self.deputies(unit)}名，实配{deputies}名"
                )
            )
        slots += [(LeaderTier.UNIT_DEPUTY, deputy_rank, "副" + head_title, None)] * deputies
        division_rank = Rank.ZHENG_KE if spec.rank == Rank.FU_CHU else Rank.ZHENG_GU
        for division in unit.divisions[: max(0, unit.headcount - len(slots) - 1)]:
            slots.append((LeaderTier.DIVISION_HEAD, division_rank, "负责人", division))
        return slots

    def post_title(self, unit: _Unit, kind: str) -> str:
        if kind == "worker":
            return self.rng.choice(("驾驶员", "工勤人员", "收发员"))
        if unit.spec.kind == "pi_full" and "学" in unit.spec.name:
            return self.rng.choice(("教师", "教师", "教师", "一级教师", "高级教师"))
        if unit.spec.kind == "pi_partial":
            return self.rng.choice(("医师", "主治医师", "护师", "主管护师", "药师"))
        return self.rng.choice(("科员", "一级科员", "四级主任科员", "专业技术人员"))

    def division_for(self, unit: _Unit) -> int | None:
        return self.rng.choice(unit.divisions) if unit.divisions else None

    def hiring_plans(self, clerk: Actor, kinds: dict[str, int]) -> dict[tuple[int, int], tuple[int, dt.date]]:
        """Live plans (two seats already used) and one expired plan left open.

        Returns (unit, kind) → (plan, start).
        """
        plans: dict[tuple[int, int], tuple[int, dt.date]] = {}
        by_name = {u.spec.name: u for u in self.units}
        approved_on = dt.date(TODAY.year, 3, 1) if TODAY.month > 4 else dt.date(TODAY.year - 1, 9, 1)
        with self.db.write() as uow:
            for name in LIVE_PLAN_UNITS:
                unit = by_name[name]
                kind = str(unit.spec.kind)
                plan_id = ledger.record_hiring_plan(
                    uow,
                    clerk,
                    HiringPlanInput(
                        unit_id=unit.id,
                        kind=kind,
                        seats=2 + 2,
                        method=HiringMethod.OPEN_RECRUITMENT,
                        approved_on=approved_on,
                        valid_until=approved_on.replace(year=approved_on.year + 1),
                        document=self.doc(catalog.PREFIX, approved_on.year),
                    ),
                )
                plans[(unit.id, kinds[kind])] = (plan_id, approved_on + dt.timedelta(days=120))
                self.spare_for_plan(uow, clerk, unit, kind, 2)
            unit = by_name[EXPIRED_PLAN_UNIT]
            expired_on = dt.date(TODAY.year - 1, 3, 1)
            plan_id = ledger.record_hiring_plan(
                uow,
                clerk,
                HiringPlanInput(
                    unit_id=unit.id,
                    kind=str(unit.spec.kind),
                    seats=3,
                    method=HiringMethod.OPEN_RECRUITMENT,
                    approved_on=expired_on,
                    valid_until=dt.date(TODAY.year - 1, 12, 31),
                    document=self.doc(catalog.PREFIX, expired_on.year),
                ),
            )
            plans[(unit.id, kinds[str(unit.spec.kind)])] = (plan_id, expired_on + dt.timedelta(days=150))
            self.report.seeded_problems.append(
                SeededProblem(
                    "expired_reservation",
                    unit.spec.name,
                    f"用编计划3名，至{TODAY.year - 1}-12-31到期仍有1名未使用",
                )
            )
            uow.commit()
        return plans

    def spare_for_plan(self, uow, clerk: Actor, unit: _Unit, kind: str, seats: int) -> None:  # type: ignore[no-untyped-def]
        """Give a unit with a live plan the vacancy the plan needs (the seats still booked)."""
        ledger.record_quota(
            uow,
            clerk,
            unit.id,
            kind,
            seats + 1,
            dt.date(TODAY.year - 1, 12, 1),
            self.doc(catalog.PREFIX, TODAY.year - 1),
            "新增编制用于公开招聘",
        )

    def history_rows(self, kinds: dict[str, int]) -> list[PersonEnrollmentRow]:
        """People who left in earlier years (retired, transferred out): the register's history."""
        rows = []
        staffed = [u for u in self.units if u.spec.kind and u.headcount > 3]
        count = max(1, self.target // 25)
        for _ in range(count):
            unit = self.rng.choice(staffed)
            kind = str(unit.spec.kind)
            person, start = self.person(unit, kind, past_retirement=True)
            assert person.birth_date and person.retirement_category
            end = statutory_retirement_date(person.birth_date, person.retirement_category)
            reason = RemovalReason.RETIRED
            if self.rng.random() < 0.3:
                end = min(
                    TODAY - dt.timedelta(days=60), start + dt.timedelta(days=self.rng.randint(800, 6000))
                )
                reason = self.rng.choice((RemovalReason.TRANSFERRED_OUT, RemovalReason.RESIGNED))
            end = max(min(end, TODAY - dt.timedelta(days=1)), start)
            rows.append(
                PersonEnrollmentRow(
                    person=person,
                    unit_id=unit.id,
                    kind_id=kinds[kind],
                    start_on=start,
                    document_number=self.doc("云编入", start.year),
                    post_title=self.post_title(unit, kind),
                    end_on=end,
                    end_reason=reason,
                    end_document_number=self.doc("云编出", end.year),
                )
            )
        self.report.history = len(rows)
        return rows


def build_demo_county(
    db: Database, *, persons: int = 8000, seed: int = 2026, progress: Progress | None = None
) -> DemoReport:
    """Fill an empty database with the demo county 云溪县."""
    administrator = county.create_county(
        db,
        county_name=catalog.COUNTY,
        office_name=catalog.OFFICE,
        doc_prefix=catalog.PREFIX,
        admin_username="admin",
        admin_password=PASSWORD,
        admin_name="系统管理员",
        institution_cap=38,
    )
    builder = _Builder(db, persons, seed, progress)
    with db.write() as uow:
        for username, display, roles in DEMO_USERS:
            admin.add_user(
                uow, administrator, username=username, display_name=display, password=PASSWORD, roles=roles
            )
        clerk = admin.actor_by_id(uow, admin.list_users(uow)[1].id)
        uow.commit()
    builder.report.usernames = ["admin"] + [u[0] for u in DEMO_USERS]
    builder.build_structure(clerk)
    builder.allocate_headcount()
    plan = builder.record_figures(clerk)
    builder.register(clerk, plan)
    untouchable = {
        *OVER_QUOTA,
        TOO_MANY_DEPUTIES,
        *PAST_RETIREMENT_UNITS,
        EXPIRED_PLAN_UNIT,
        *LIVE_PLAN_UNITS,
    }
    year = activity.run_demo_year(
        db, builder, persons=persons, seed=seed, untouchable=untouchable, progress=builder.progress
    )
    builder.report.matters = year.matters
    builder.report.persons = year.active
    builder.report.units = year.units
    return builder.report
