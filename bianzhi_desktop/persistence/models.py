"""SQLAlchemy 2 mappings of the county's records.

Invariants the database holds itself: foreign keys; at most one active enrollment per person (partial
unique index); non-negative counts (CHECK); document numbers unique; the audit log append-only
(triggers, created by the migrations and restored on open) and hash-chained (audit_chain.py).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Setting(Base):
    """Office-wide settings (county name, document prefix, initialisation mode, cap …)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class User(Base):
    __tablename__ = "app_user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    password_hash: Mapped[str] = mapped_column(String(256))
    roles: Mapped[str] = mapped_column(String(128))  # comma-separated Role codes
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class Document(Base):
    """A numbered document (文号) that a ledger entry, charter or enrollment rests on."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(128), unique=True)
    prefix: Mapped[str | None] = mapped_column(String(64))
    year: Mapped[int | None] = mapped_column(Integer)
    seq: Mapped[int | None] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(256), default="")
    issuer: Mapped[str] = mapped_column(String(128), default="")
    issued_on: Mapped[dt.date | None] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (
        UniqueConstraint("prefix", "year", "seq", name="uq_document_prefix_year_seq"),
        CheckConstraint("seq IS NULL OR seq > 0", name="seq_positive"),
    )


class DocCounter(Base):
    """Last sequence issued per prefix and year: numbers the office issues are gap-free."""

    __tablename__ = "doc_counter"
    prefix: Mapped[str] = mapped_column(String(64), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (CheckConstraint("last_seq >= 0", name="last_seq_non_negative"),)


class FrozenNotice(Base):
    """A notice (通知单) as approved: its own serial number and everything it prints, worked out once in
    the approval's transaction, so a reprint is the same notice (issue 13)."""

    __tablename__ = "frozen_notice"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # hiring / enrollment / removal
    source_id: Mapped[int] = mapped_column(Integer)  # the hiring plan or the enrollment
    matter_id: Mapped[int | None] = mapped_column(ForeignKey("matter.id"))
    serial: Mapped[str] = mapped_column(String(64), unique=True)
    content: Mapped[str] = mapped_column(Text)  # JSON of the notice's input, without the print offset
    frozen_at: Mapped[dt.datetime] = mapped_column(DateTime)
    first_printed_on: Mapped[dt.date | None] = mapped_column(Date)  # printed again later: 补打
    __table_args__ = (UniqueConstraint("kind", "source_id", name="uq_frozen_notice_source"),)


class Unit(Base):
    """机构."""

    __tablename__ = "unit"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    short_name: Mapped[str] = mapped_column(String(64), default="")
    category: Mapped[str] = mapped_column(String(32))
    rank: Mapped[str] = mapped_column(String(32))
    system: Mapped[str] = mapped_column(String(32))
    funding: Mapped[str | None] = mapped_column(String(16))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    founded_on: Mapped[dt.date | None] = mapped_column(Date)
    abolished_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default="active")
    position: Mapped[int] = mapped_column(Integer, default=0)
    initials: Mapped[str] = mapped_column(String(128), default="")
    __table_args__ = (
        Index("ix_unit_category", "category", "position"),
        Index(
            "uq_unit_active_name",
            "name",
            unique=True,
            sqlite_where=text("status = 'active'"),
        ),
    )
    names: Mapped[list[UnitName]] = relationship(back_populates="unit", order_by="UnitName.id")


class UnitName(Base):
    """Extra nameplates (加挂牌子) and co-located names (合署办公)."""

    __tablename__ = "unit_name"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))
    since: Mapped[dt.date | None] = mapped_column(Date)
    until: Mapped[dt.date | None] = mapped_column(Date)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    initials: Mapped[str] = mapped_column(String(128), default="")
    unit: Mapped[Unit] = relationship(back_populates="names")


class Charter(Base):
    """三定规定, one version. A version supersedes the previous one of the same unit."""

    __tablename__ = "charter"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    version: Mapped[int] = mapped_column(Integer)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    effective_on: Mapped[dt.date] = mapped_column(Date)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("charter.id"))
    summary: Mapped[str] = mapped_column(Text, default="")
    __table_args__ = (
        UniqueConstraint("unit_id", "version", name="uq_charter_unit_version"),
        CheckConstraint("version > 0", name="version_positive"),
    )
    duties: Mapped[list[CharterDuty]] = relationship(order_by="CharterDuty.position")


class CharterDuty(Base):
    __tablename__ = "charter_duty"
    id: Mapped[int] = mapped_column(primary_key=True)
    charter_id: Mapped[int] = mapped_column(ForeignKey("charter.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    __table_args__ = (UniqueConstraint("charter_id", "position", name="uq_charter_duty_position"),)


class Division(Base):
    """内设机构."""

    __tablename__ = "division"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    duties: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="active")
    founded_on: Mapped[dt.date | None] = mapped_column(Date)
    abolished_on: Mapped[dt.date | None] = mapped_column(Date)


class QuotaKind(Base):
    """编制类型 (configurable list)."""

    __tablename__ = "quota_kind"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("quota_kind.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class QuotaEntry(Base):
    """One line of the quota ledger (台账): a signed change resting on a document."""

    __tablename__ = "quota_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind_id: Mapped[int] = mapped_column(ForeignKey("quota_kind.id"))
    delta: Mapped[int] = mapped_column(Integer)
    effective_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(256))
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    seal: Mapped[str | None] = mapped_column(String(64))  # hash of the content as written (audit_chain)
    __table_args__ = (
        CheckConstraint("delta <> 0", name="delta_not_zero"),
        Index("ix_quota_entry_cover", "unit_id", "kind_id", "effective_on", "delta"),
    )


class LeaderPostEntry(Base):
    """One line of the leader-post ledger (领导职数台账)."""

    __tablename__ = "leader_post_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    tier: Mapped[str] = mapped_column(String(32))
    rank: Mapped[str] = mapped_column(String(32))
    delta: Mapped[int] = mapped_column(Integer)
    effective_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(256))
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    seal: Mapped[str | None] = mapped_column(String(64))  # hash of the content as written (audit_chain)
    __table_args__ = (
        CheckConstraint("delta <> 0", name="delta_not_zero"),
        Index("ix_leader_post_entry_cover", "unit_id", "tier", "effective_on", "delta"),
    )


class Person(Base):
    """实名制人员."""

    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    sex: Mapped[str] = mapped_column(String(8))
    ethnicity: Mapped[str] = mapped_column(String(16), default="汉族")
    id_number: Mapped[str] = mapped_column(String(18), unique=True)
    id_legacy: Mapped[bool] = mapped_column(Boolean, default=False)
    birth_date: Mapped[dt.date] = mapped_column(Date)
    education: Mapped[str | None] = mapped_column(String(32))
    political_status: Mapped[str | None] = mapped_column(String(32))
    retirement_category: Mapped[str] = mapped_column(String(16))
    initials: Mapped[str] = mapped_column(String(32), default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (
        Index("ix_person_initials", "initials"),
        Index("ix_person_birth", "birth_date"),
        # by name (search, the roster sorted by name) and the health check: same name and birth date
        Index("ix_person_name_birth", "name", "birth_date"),
        Index("ix_person_retirement", "retirement_category", "birth_date"),  # health check: retirement
        Index("ix_person_legacy", "id_legacy"),  # health check: legacy numbers and their 18-digit form
    )


class HiringPlan(Base):
    """用编计划: seats of one kind booked for one unit until they are filled, cancelled or expire."""

    __tablename__ = "hiring_plan"
    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    kind_id: Mapped[int] = mapped_column(ForeignKey("quota_kind.id"))
    seats: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(32))
    approved_on: Mapped[dt.date] = mapped_column(Date)
    valid_until: Mapped[dt.date] = mapped_column(Date)
    cancelled_on: Mapped[dt.date | None] = mapped_column(Date)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    seal: Mapped[str | None] = mapped_column(String(64))  # hash of the content as written (audit_chain)
    __table_args__ = (
        CheckConstraint("seats > 0", name="seats_positive"),
        CheckConstraint("valid_until >= approved_on", name="validity_order"),
        Index("ix_hiring_plan_unit_kind", "unit_id", "kind_id", "approved_on", "valid_until"),
    )


class Enrollment(Base):
    """在编: one person on one quota of one kind in one unit, from 入编 to 出编."""

    __tablename__ = "enrollment"
    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    division_id: Mapped[int | None] = mapped_column(ForeignKey("division.id"))
    kind_id: Mapped[int] = mapped_column(ForeignKey("quota_kind.id"))
    post_title: Mapped[str] = mapped_column(String(64), default="")
    leader_tier: Mapped[str | None] = mapped_column(String(32))
    leader_rank: Mapped[str | None] = mapped_column(String(32))
    counts_against_posts: Mapped[bool] = mapped_column(Boolean, default=True)
    hiring_plan_id: Mapped[int | None] = mapped_column(ForeignKey("hiring_plan.id"), index=True)
    start_on: Mapped[dt.date] = mapped_column(Date)
    start_document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    end_on: Mapped[dt.date | None] = mapped_column(Date)
    end_document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    end_reason: Mapped[str | None] = mapped_column(String(32))
    seal: Mapped[str | None] = mapped_column(String(64))  # hash of the content as written (audit_chain)
    __table_args__ = (
        Index(
            "uq_enrollment_one_active",
            "person_id",
            unique=True,
            sqlite_where=text("end_on IS NULL"),
        ),
        Index("ix_enrollment_cover", "unit_id", "kind_id", "start_on", "end_on"),
        Index("ix_enrollment_person", "person_id", "start_on"),
        Index("ix_enrollment_end", "end_on"),  # health check: enrollments ending later (一人多编)
        Index("ix_enrollment_unit_end", "unit_id", "kind_id", "end_on"),  # health check: dormant vacancy
        Index(  # health check: leader posts held per unit and tier
            "ix_enrollment_leader",
            "unit_id",
            "leader_tier",
            "counts_against_posts",
            "start_on",
            "end_on",
            sqlite_where=text("leader_tier IS NOT NULL"),
        ),
        CheckConstraint("end_on IS NULL OR end_on >= start_on", name="dates_in_order"),
        CheckConstraint("(end_on IS NULL) = (end_reason IS NULL)", name="end_reason_with_end"),
    )


class AuditRecord(Base):
    """Append-only audit log: who, when, which record, what changed from what to what."""

    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    username: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(64))
    table_name: Mapped[str] = mapped_column(String(64))
    record_id: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [old, new]}
    row_seal: Mapped[str | None] = mapped_column(String(64))  # the named row's seal when written
    hash: Mapped[str | None] = mapped_column(String(64))  # chained over the previous record (audit_chain)
    __table_args__ = (Index("ix_audit_log_record", "table_name", "record_id"),)


class AuditHead(Base):
    """The one row holding the audit chain's last hash; writers lock it to append in order."""

    __tablename__ = "audit_head"
    id: Mapped[int] = mapped_column(primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), default="")


class Finding(Base):
    """One entry of the rectification ledger (整改台账): a health-check problem tracked to closure (销号).

    ``subject`` identifies the same problem across runs (e.g. ``unit:12/kind:3`` for over_quota), so a
    problem found again updates its entry rather than adding a new one.
    """

    __tablename__ = "finding"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32))
    subject: Mapped[str] = mapped_column(String(128))
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    figures: Mapped[str] = mapped_column(Text, default="{}")  # JSON {name: value}
    records: Mapped[str] = mapped_column(Text, default="{}")  # JSON {"person": [ids], "enrollment": [...]}
    state: Mapped[str] = mapped_column(String(16), default="found")
    present: Mapped[bool] = mapped_column(Boolean, default=True)  # found by the latest run
    first_seen: Mapped[dt.date] = mapped_column(Date)
    last_seen: Mapped[dt.date] = mapped_column(Date)
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (
        UniqueConstraint("code", "subject", name="uq_finding_code_subject"),
        CheckConstraint("state IN ('found', 'rectifying', 'closed')", name="state_known"),
        CheckConstraint("(state = 'closed') = (closed_on IS NOT NULL)", name="closed_on_with_closed"),
        CheckConstraint("last_seen >= first_seen", name="seen_in_order"),
        Index("ix_finding_state", "state", "code"),
    )
    steps: Mapped[list[FindingStep]] = relationship(order_by="FindingStep.id", back_populates="finding")


class FindingStep(Base):
    """One step of a finding's life: who moved it from which state to which, when, why, on what document."""

    __tablename__ = "finding_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    finding_id: Mapped[int] = mapped_column(ForeignKey("finding.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    username: Mapped[str] = mapped_column(String(64))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"))
    finding: Mapped[Finding] = relationship(back_populates="steps")


class Matter(Base):
    """机构编制事项: drafted, reviewed and approved by different hands; applied atomically on approval."""

    __tablename__ = "matter"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(256))
    content: Mapped[str] = mapped_column(Text)  # JSON of the kind's content (domain.matters)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))  # the main unit concerned
    effective_on: Mapped[dt.date | None] = mapped_column(Date)
    drafter_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), unique=True)
    decided_on: Mapped[dt.date | None] = mapped_column(Date)
    self_approval: Mapped[bool] = mapped_column(Boolean, default=False)  # the office setting relaxed it
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (
        CheckConstraint(
            "state IN ('draft', 'submitted', 'reviewed', 'approved', 'rejected', 'withdrawn')",
            name="state_known",
        ),
        CheckConstraint("(state = 'approved') = (document_id IS NOT NULL)", name="document_when_approved"),
        Index("ix_matter_state", "state", "kind", "updated_at"),
        Index("ix_matter_unit", "unit_id", "state"),
    )
    steps: Mapped[list[MatterStep]] = relationship(order_by="MatterStep.id", back_populates="matter")


class MatterStep(Base):
    """One step of a matter's life: who moved it from which state to which, when, with what opinion."""

    __tablename__ = "matter_step"
    id: Mapped[int] = mapped_column(primary_key=True)
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    from_state: Mapped[str | None] = mapped_column(String(16))
    to_state: Mapped[str] = mapped_column(String(16))
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    at: Mapped[dt.datetime] = mapped_column(DateTime)
    opinion: Mapped[str] = mapped_column(Text, default="")
    matter: Mapped[Matter] = relationship(back_populates="steps")


class MatterUnit(Base):
    """Every existing unit a matter concerns (for the inbox and a unit's history)."""

    __tablename__ = "matter_unit"
    matter_id: Mapped[int] = mapped_column(ForeignKey("matter.id"), primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), primary_key=True, index=True)


class QuotaPoolEntry(Base):
    """One line of the county's quota pool (编制周转池): quota returned to it or lent from it."""

    __tablename__ = "quota_pool_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind_id: Mapped[int] = mapped_column(ForeignKey("quota_kind.id"))
    delta: Mapped[int] = mapped_column(Integer)
    effective_on: Mapped[dt.date] = mapped_column(Date)
    unit_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"))  # the unit it came from or went to
    due_on: Mapped[dt.date | None] = mapped_column(Date)  # a loan (周转编制) is due back by this date
    reason: Mapped[str] = mapped_column(String(256))
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id"))
    created_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    __table_args__ = (
        CheckConstraint("delta <> 0", name="delta_not_zero"),
        Index("ix_quota_pool_entry_kind", "kind_id", "effective_on"),
    )


def add_postgresql_predicates() -> None:
    """Give the partial indexes their predicate for PostgreSQL too (the same SQL as for SQLite).

    Declared here rather than in the models so that opening a SQLite file never loads SQLAlchemy's
    PostgreSQL dialect (about 0.1 s of the program's start); `open_database` calls this for a
    PostgreSQL URL. The migrations create the indexes with both predicates either way."""
    for table in Base.metadata.tables.values():
        for index in table.indexes:
            where = index.dialect_options["sqlite"]["where"]
            if where is not None and index.dialect_options["postgresql"]["where"] is None:
                index.dialect_options["postgresql"]["where"] = where
