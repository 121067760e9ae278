"""Rooms, interviews and their participants, change requests with approval chains, confirmations,
timeline, alerts and tasks. Behaviour arrives with the scheduling issue; the tables are here now."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.core.model.base import Base, StrEnum, Versioned, enum_column
from desktop.core.model.org import Role


class InterviewMode(StrEnum):
    ONSITE = "onsite"
    VIDEO = "video"


class InterviewStatus(StrEnum):
    SCHEDULED = "scheduled"
    PENDING_APPROVAL = "pending_approval"
    CONFIRMED = "confirmed"
    IN_PROGRESS = "in_progress"
    FINISHED = "finished"
    CANCELLED = "cancelled"
    NO_SHOW = "no_show"


class ParticipantRole(StrEnum):
    INTERVIEWER = "interviewer"
    OBSERVER = "observer"


class ResponseState(StrEnum):
    NONE = "none"
    ACCEPTED = "accepted"
    TENTATIVE = "tentative"
    DECLINED = "declined"


class ChangeKind(StrEnum):
    RESCHEDULE = "reschedule"
    ROOM = "room"
    SWAP_INTERVIEWER = "swap_interviewer"
    CANCEL = "cancel"
    OFFER = "offer"          # an offer (录用通知) before it goes out: only chains named for offers govern it
    PURGE = "purge"          # a purge of personal data at the end of its retention (issue 13 §4): two people


class Party(StrEnum):
    CANDIDATE = "candidate"
    INTERVIEWER = "interviewer"
    HR = "hr"


class ChangeStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    APPLIED = "applied"
    WITHDRAWN = "withdrawn"


class StepKind(StrEnum):
    APPROVE = "approve"  # 审批: may reject
    FILE = "file"        # 备案: records receipt, cannot reject
    CONFIRM = "confirm"  # 确认


class Verdict(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    FILED = "filed"
    CONFIRMED = "confirmed"


class Channel(StrEnum):
    PHONE = "phone"
    IN_PERSON = "in_person"
    EMAIL = "email"
    SMS = "sms"
    ICAL = "ical"
    APP = "app"
    EXCHANGE = "exchange"
    OA = "oa"


class Room(Versioned, Base):
    __tablename__ = "rooms"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    capacity: Mapped[int] = mapped_column(Integer, default=4)
    exchange_mailbox: Mapped[Optional[str]] = mapped_column(String(254))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Interview(Versioned, Base):
    __tablename__ = "interviews"
    __table_args__ = (Index("ix_interviews_room_starts", "room_id", "starts_at"),
                      Index("ix_interviews_status_starts", "status", "starts_at"))   # the reminder engine

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(80), unique=True)  # stable iCalendar UID
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id"))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    duration_minutes: Mapped[int] = mapped_column(Integer, default=30)
    mode: Mapped[InterviewMode] = mapped_column(enum_column(InterviewMode), default=InterviewMode.ONSITE)
    room_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rooms.id"), index=True)
    video_link: Mapped[Optional[str]] = mapped_column(String(500))
    status: Mapped[InterviewStatus] = mapped_column(enum_column(InterviewStatus), default=InterviewStatus.SCHEDULED)
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    hr_owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    notes: Mapped[str] = mapped_column(Text, default="")
    checked_in_at: Mapped[Optional[datetime]]
    confirmation_due_at: Mapped[Optional[datetime]] = mapped_column(index=True)
    created_at: Mapped[datetime]
    # The interview room: when it really began and ended, why it ran over, and the next step the
    # candidate was told at the close (the thank-you message repeats it).
    started_at: Mapped[Optional[datetime]]
    ended_at: Mapped[Optional[datetime]] = mapped_column(index=True)
    overtime_reason: Mapped[str] = mapped_column(Text, default="")
    next_step: Mapped[str] = mapped_column(Text, default="")

    participants: Mapped[list["InterviewParticipant"]] = relationship(
        back_populates="interview", cascade="all, delete-orphan")


class InterviewParticipant(Base):
    __tablename__ = "interview_participants"
    __table_args__ = (UniqueConstraint("interview_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    role: Mapped[ParticipantRole] = mapped_column(enum_column(ParticipantRole), default=ParticipantRole.INTERVIEWER)
    response: Mapped[ResponseState] = mapped_column(enum_column(ResponseState), default=ResponseState.NONE)
    responded_at: Mapped[Optional[datetime]]
    seen_sequence: Mapped[int] = mapped_column(Integer, default=-1)
    seen_at: Mapped[Optional[datetime]]
    exchange_item_id: Mapped[Optional[str]] = mapped_column(String(512))
    exchange_change_key: Mapped[Optional[str]] = mapped_column(String(512))

    interview: Mapped[Interview] = relationship(back_populates="participants")


class Holiday(Base):
    """A non-working day, or a working weekend day (调休) when `is_workday`."""

    __tablename__ = "holidays"

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date, unique=True)
    name: Mapped[str] = mapped_column(String(100))
    is_workday: Mapped[bool] = mapped_column(Boolean, default=False)


class BusyBlock(Base):
    """Time an interviewer or a room is taken outside InterviewDesk, imported from a calendar file
    (an interviewer's exported availability). The conflict check and slot finder count it."""

    __tablename__ = "busy_blocks"
    __table_args__ = (Index("ix_busy_blocks_user_starts", "user_id", "starts_at"),
                      Index("ix_busy_blocks_room_starts", "room_id", "starts_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    room_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rooms.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]
    summary: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(200), default="")  # the imported file's name
    source_uid: Mapped[str] = mapped_column(String(255), default="")
    imported_at: Mapped[datetime]


class ApprovalChain(Versioned, Base):
    __tablename__ = "approval_chains"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    department_id: Mapped[Optional[int]] = mapped_column(ForeignKey("departments.id"))  # None: every department
    change_kind: Mapped[Optional[ChangeKind]] = mapped_column(enum_column(ChangeKind))  # None: every kind
    allow_same_day_apply: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)

    steps: Mapped[list["ApprovalStep"]] = relationship(back_populates="chain", order_by="ApprovalStep.position",
                                                       cascade="all, delete-orphan")


class ApprovalStep(Base):
    __tablename__ = "approval_steps"
    __table_args__ = (UniqueConstraint("chain_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    chain_id: Mapped[int] = mapped_column(ForeignKey("approval_chains.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[StepKind] = mapped_column(enum_column(StepKind))
    role: Mapped[Optional[Role]] = mapped_column(enum_column(Role))
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    deadline_minutes: Mapped[Optional[int]] = mapped_column(Integer)
    escalate_to_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

    chain: Mapped[ApprovalChain] = relationship(back_populates="steps")


class Delegation(Base):
    """While `user_id` is away, `delegate_id` decides in their name."""

    __tablename__ = "delegations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    delegate_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    starts_at: Mapped[datetime]
    ends_at: Mapped[datetime]


class ChangeRequest(Versioned, Base):
    __tablename__ = "change_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    kind: Mapped[ChangeKind] = mapped_column(enum_column(ChangeKind))
    requested_by_party: Mapped[Party] = mapped_column(enum_column(Party))
    requested_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    # why, as a category kept for analysis (interviewer_conflict, candidate_request, room, other); None: not given
    reason_code: Mapped[Optional[str]] = mapped_column(String(32))
    before: Mapped[dict[str, Any]] = mapped_column(JSON)
    proposed: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[ChangeStatus] = mapped_column(enum_column(ChangeStatus), default=ChangeStatus.PENDING, index=True)
    chain_id: Mapped[Optional[int]] = mapped_column(ForeignKey("approval_chains.id"))
    current_step: Mapped[int] = mapped_column(Integer, default=0)
    step_due_at: Mapped[Optional[datetime]]
    applied_early: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    decided_at: Mapped[Optional[datetime]]


class Decision(Base):
    """签批: who decided what, in which role, and a SHA-256 of the exact change they saw."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_request_id: Mapped[int] = mapped_column(ForeignKey("change_requests.id"), index=True)
    step_position: Mapped[int] = mapped_column(Integer)
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approver_role: Mapped[str] = mapped_column(String(32))
    acting_for_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    verdict: Mapped[Verdict] = mapped_column(enum_column(Verdict))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime]
    change_sha256: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16), default="app")   # app | email (a reply to the approval mail)


class ApprovalMailCode(Base):
    """A one-time code carried by one approval mail: valid for one approver and one step of one
    request while that step is open, used at most once. Only its SHA-256 is kept."""

    __tablename__ = "approval_mail_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_request_id: Mapped[int] = mapped_column(ForeignKey("change_requests.id"), index=True)
    step_position: Mapped[int] = mapped_column(Integer)
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    code_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    used_at: Mapped[Optional[datetime]]


class Confirmation(Base):
    __tablename__ = "confirmations"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    party: Mapped[Party] = mapped_column(enum_column(Party))
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    sequence: Mapped[int] = mapped_column(Integer)
    channel: Mapped[Channel] = mapped_column(enum_column(Channel))
    confirmed_at: Mapped[datetime]
    recorded_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str] = mapped_column(Text, default="")


class TimelineEvent(Base):
    __tablename__ = "timeline_events"
    # "has this interview had an event of this kind" (thanked, a reply's Message-ID) is asked every
    # minute: one index seek rather than a walk through the interview's whole timeline
    __table_args__ = (Index("ix_timeline_events_interview_kind", "interview_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    at: Mapped[datetime]
    kind: Mapped[str] = mapped_column(String(40))  # invited, confirmed, change_requested, checked_in, late, ...
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    actor_label: Mapped[str] = mapped_column(String(100), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class Alert(Base):
    __tablename__ = "alerts"
    __table_args__ = (Index("ix_alerts_user_raised", "user_id", "raised_at"),)   # a desktop's recent alerts

    id: Mapped[int] = mapped_column(primary_key=True)
    # a due item fires once; also what a flush of many new alerts matches their new ids by (insert_sentinel:
    # SQLite cannot say in which order one INSERT … RETURNING made its rows, so without it each alert
    # would be inserted on its own)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True, insert_sentinel=True)
    kind: Mapped[str] = mapped_column(String(40))
    interview_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interviews.id"), index=True)
    change_request_id: Mapped[Optional[int]] = mapped_column(ForeignKey("change_requests.id"))
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), index=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    raised_at: Mapped[datetime]
    acknowledged_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[Optional[datetime]]


class FollowUpTask(Base):
    __tablename__ = "follow_up_tasks"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interviews.id"), index=True)
    assignee_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    due_at: Mapped[datetime]
    done_at: Mapped[Optional[datetime]]
    created_at: Mapped[datetime]


class Notice(Base):
    """An in-app notice for one user; `seen_at` records when they opened it."""

    __tablename__ = "notices"
    # a desktop's unread notices, newest first (the minute tick asks every minute)
    __table_args__ = (Index("ix_notices_user_seen_created", "user_id", "seen_at", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    interview_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interviews.id"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    seen_at: Mapped[Optional[datetime]]


class InterviewNote(Base):
    """A note an interviewer wrote during the interview; kept with it for the scorecard."""

    __tablename__ = "interview_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text, info={"personal": True})   # about a person: masked in the audit log


class ChecklistTick(Base):
    """One item of the round's closing checklist, ticked in the interview room, with its time."""

    __tablename__ = "checklist_ticks"
    __table_args__ = (UniqueConstraint("interview_id", "ordinal"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id", ondelete="CASCADE"), index=True)
    ordinal: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200))
    ticked_at: Mapped[datetime]
    ticked_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
