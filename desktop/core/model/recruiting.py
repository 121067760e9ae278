"""Positions, candidates, applications, rounds and the talent pool."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Index, Integer, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from desktop.core.model.base import Base, StrEnum, Versioned, enum_column
from desktop.core.sortkeys import KEY_LENGTH, name_sort_key

# Byte order on PostgreSQL as on SQLite, whatever the server's default collation: the key is built
# so that plain byte order is pinyin order (a locale collation would skip its separators).
SORT_KEY_TYPE = String(KEY_LENGTH).with_variant(String(KEY_LENGTH, collation="C"), "postgresql")


class Education(StrEnum):
    NONE = "none"
    SECONDARY = "secondary"      # 高中/中专
    ASSOCIATE = "associate"      # 大专
    BACHELOR = "bachelor"        # 本科
    MASTER = "master"            # 硕士
    DOCTORATE = "doctorate"      # 博士


EDUCATION_RANK = {e: i for i, e in enumerate(Education)}


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    UNSPECIFIED = "unspecified"


class PositionStatus(StrEnum):
    OPEN = "open"
    PAUSED = "paused"
    CLOSED = "closed"


class ApplicationStage(StrEnum):
    APPLIED = "applied"
    SCREENING = "screening"
    INTERVIEWING = "interviewing"
    ON_HOLD = "on_hold"            # 待定
    OFFER = "offer"                # 拟录用
    HIRED = "hired"                # 已录用: counts against the position's headcount
    REJECTED = "rejected"          # 未录用
    WITHDRAWN = "withdrawn"        # the candidate withdrew


# An application in one of these stages is closed: it cannot be booked and no longer blocks applying again.
CLOSED_STAGES = frozenset({ApplicationStage.HIRED, ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN})


class RoundKind(StrEnum):
    HR = "hr"                  # 初试 (人事)
    BUSINESS = "business"      # 复试 (业务)
    LEADERSHIP = "leadership"  # 终试 (领导)


class Position(Versioned, Base):
    __tablename__ = "positions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    title: Mapped[str] = mapped_column(String(120), index=True)
    department_id: Mapped[int] = mapped_column(ForeignKey("departments.id"), index=True)
    headcount: Mapped[int] = mapped_column(Integer, default=1)
    # 岗位类别 (management / professional / skilled, or the institution's own code; "" not set):
    # chooses the offer template
    post_type: Mapped[str] = mapped_column(String(40), default="", server_default="")
    education: Mapped[Education] = mapped_column(enum_column(Education), default=Education.BACHELOR)
    min_years: Mapped[int] = mapped_column(Integer, default=0)
    skills: Mapped[str] = mapped_column(Text, default="")           # comma-separated keywords
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PositionStatus] = mapped_column(enum_column(PositionStatus), default=PositionStatus.OPEN)
    opened_on: Mapped[Optional[date]] = mapped_column(Date)
    closes_on: Mapped[Optional[date]] = mapped_column(Date)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    rounds: Mapped[list["Round"]] = relationship(back_populates="position", order_by="Round.sequence",
                                                 cascade="all, delete-orphan")


class Round(Base):
    """初试/复试/终试 of a position, each with its own scorecard criteria."""

    __tablename__ = "rounds"
    __table_args__ = (UniqueConstraint("position_id", "sequence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"))
    sequence: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(50))
    kind: Mapped[RoundKind] = mapped_column(enum_column(RoundKind))
    # the planned length of the interview in the room (面试进行 times against it)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=40)
    # The closing checklist of this round (labels, in order); None: the institution's default list.
    closing_checklist: Mapped[Optional[list[str]]] = mapped_column(JSON)
    # How many questions the candidate is invited to ask at the end; None: the institution's default.
    min_questions: Mapped[Optional[int]] = mapped_column(Integer)

    position: Mapped[Position] = relationship(back_populates="rounds")


class RequirementKind(StrEnum):
    EDUCATION = "education"      # value: an Education value, the lowest level that meets it
    MAJOR = "major"              # value: accepted majors, comma-separated
    YEARS = "years"              # value: minimum years of experience
    CERTIFICATE = "certificate"  # value: certificates, comma-separated
    SKILL = "skill"              # value: skills or keywords, comma-separated
    CUSTOM = "custom"            # label names the institution's own field; value: keywords looked for


class PositionRequirement(Base):
    """One structured, weighted requirement of a position: what the match report measures."""

    __tablename__ = "position_requirements"
    __table_args__ = (UniqueConstraint("position_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    kind: Mapped[RequirementKind] = mapped_column(enum_column(RequirementKind))
    label: Mapped[str] = mapped_column(String(100), default="")
    value: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(Integer, default=1)


candidate_tags = Table(
    "candidate_tags", Base.metadata,
    Column("candidate_id", ForeignKey("candidates.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("talent_tags.id", ondelete="CASCADE"), primary_key=True),
)


class Candidate(Versioned, Base):
    """A person. Name, phone, email and ID number are personal information under PIPL."""

    __tablename__ = "candidates"
    # A jump to an offset of the list sorted by name skips through the first index and a name-prefix
    # search sorted by pinyin reads its matches and their order from the second, both without reading
    # rows (migration 0015; PostgreSQL needs the id in the index, SQLite has it there anyway). The list's
    # first page and every page scrolled to are read from the third alone: it holds every column the
    # list shows (migration 0016), so no row is read (and, encrypted, decrypted).
    __table_args__ = (Index("ix_candidates_name_sort_key_id", "name_sort_key", "id"),
                      Index("ix_candidates_name_sorted", "name", "name_sort_key", "id"),
                      Index("ix_candidates_list_by_name", "name_sort_key", "id", "name", "gender", "phone",
                            "education", "school", "years_experience", "source_channel", "department_id",
                            "updated_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    name_sort_key: Mapped[str] = mapped_column(SORT_KEY_TYPE, default="", info={"audit": "derived"})
    gender: Mapped[Gender] = mapped_column(enum_column(Gender), default=Gender.UNSPECIFIED)
    phone: Mapped[Optional[str]] = mapped_column(String(32), index=True, info={"personal": True})
    phone_tail: Mapped[Optional[str]] = mapped_column(String(4), index=True, info={"audit": "derived"})
    email: Mapped[Optional[str]] = mapped_column(String(254), info={"personal": True})
    id_number: Mapped[Optional[str]] = mapped_column(String(18), info={"personal": True})
    birth_date: Mapped[Optional[date]] = mapped_column(Date, info={"personal": True})
    education: Mapped[Education] = mapped_column(enum_column(Education), default=Education.BACHELOR)
    school: Mapped[str] = mapped_column(String(120), default="")
    major: Mapped[str] = mapped_column(String(120), default="")
    years_experience: Mapped[int] = mapped_column(Integer, default=0)
    experience: Mapped[str] = mapped_column(Text, default="")
    skills: Mapped[str] = mapped_column(Text, default="")
    certificates: Mapped[str] = mapped_column(Text, default="")     # comma-separated
    # The institution's own profile fields (the CUSTOM requirements' labels) -> the candidate's text.
    profile_extra: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON, default=dict)
    resume_summary: Mapped[str] = mapped_column(Text, default="")
    source_channel: Mapped[str] = mapped_column(String(50), default="")
    department_id: Mapped[Optional[int]] = mapped_column(ForeignKey("departments.id"), index=True)
    talent_pool_consent: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_date: Mapped[Optional[date]] = mapped_column(Date)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False)  # PIPL: processing restricted on request
    # issue 13: set when a purge or an anonymisation removed this person's personal data; the row stays
    # as the anchor of the tombstone and of the (masked) audit entries
    purged_at: Mapped[Optional[datetime]]
    reschedule_count: Mapped[int] = mapped_column(Integer, default=0)
    no_show_count: Mapped[int] = mapped_column(Integer, default=0)
    late_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    applications: Mapped[list["Application"]] = relationship(back_populates="candidate")
    tags: Mapped[list["TalentTag"]] = relationship(secondary=candidate_tags)

    @validates("name")
    def _keep_sort_key(self, _key: str, name: str) -> str:
        self.name_sort_key = name_sort_key(name)
        return name


class Application(Versioned, Base):
    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("candidate_id", "position_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    position_id: Mapped[int] = mapped_column(ForeignKey("positions.id"), index=True)
    stage: Mapped[ApplicationStage] = mapped_column(enum_column(ApplicationStage), default=ApplicationStage.APPLIED)
    hr_owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    source: Mapped[str] = mapped_column(String(50), default="")       # 来源: 官网, 招聘会, 内推 ...
    applied_at: Mapped[datetime]
    closed_at: Mapped[Optional[datetime]]                                # set by a closing stage

    candidate: Mapped[Candidate] = relationship(back_populates="applications")
    position: Mapped[Position] = relationship()


class ApplicationEvent(Base):
    """The timeline of one application: applied, each stage move (with its effects), reopened."""

    __tablename__ = "application_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))     # applied, stage_changed, reopened
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    actor_label: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TalentTag(Base):
    __tablename__ = "talent_tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)


class TalentPoolEntry(Versioned, Base):
    """A candidate kept, with consent, for later openings."""

    __tablename__ = "talent_pool_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id", ondelete="CASCADE"), unique=True)
    added_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    added_at: Mapped[datetime]
    follow_up_on: Mapped[Optional[date]] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class PersonalDataRequest(Versioned, Base):
    """A PIPL request from a candidate: access, correction, deletion, restriction or the withdrawal of
    consent (desktop/core/lifecycle/requests.py). The note, the details (the corrections asked for) and
    the answer are about the person: the audit log keeps them masked."""

    __tablename__ = "personal_data_requests"
    # the minute job's overdue check reads the open ones past their deadline
    __table_args__ = (Index("ix_personal_data_requests_status_due", "status", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[Optional[int]] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"))
    kind: Mapped[str] = mapped_column(String(20))  # access / correct / delete / restrict
    received_at: Mapped[datetime]
    due_at: Mapped[datetime]
    status: Mapped[str] = mapped_column(String(20), default="open")
    handled_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    handled_at: Mapped[Optional[datetime]]
    note: Mapped[str] = mapped_column(Text, default="", info={"personal": True})
    # issue 13 §5: kind also "withdraw_consent"; who owns it, how it came and how the answer goes back
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    channel: Mapped[str] = mapped_column(String(20), default="")          # the channel the answer goes by
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, info={"personal": True})  # e.g. the fields to correct
    outcome: Mapped[str] = mapped_column(String(20), default="")         # done / anonymised / restricted / refused
    answer: Mapped[str] = mapped_column(Text, default="", info={"personal": True})
    answered_at: Mapped[Optional[datetime]]
