"""The durable outbox: one row per outgoing effect (calendar operation, message, board update)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.core.model.base import Base, StrEnum, Versioned, enum_column


class OutboxState(StrEnum):
    PENDING = "pending"
    IN_PROGRESS = "in_progress"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class OutboxEntry(Versioned, Base):
    __tablename__ = "outbox_entries"
    # The claim's order check (outbox._not_behind_another) looks for an older live entry of the same
    # interview and recipient: by this index it reads those few, not every entry the interview ever had
    # (migration 0017); it also serves what the interview's own index served.
    __table_args__ = (Index("ix_outbox_entries_interview_recipient", "interview_id", "recipient"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # unique per message; also what a flush of many new entries matches their new ids by (see Alert)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True, insert_sentinel=True)
    interview_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interviews.id"))
    channel: Mapped[str] = mapped_column(String(20), index=True)  # exchange, email, sms, oa, desktop, board
    kind: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(254), default="")
    # "approval_code": the one-time code of an approval mail, removed once the mail is out (outbox.py)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, info={"transient_keys": ("approval_code",)})
    state: Mapped[OutboxState] = mapped_column(enum_column(OutboxState), default=OutboxState.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[Optional[datetime]]
    claimed_by: Mapped[Optional[str]] = mapped_column(String(100))
    claimed_at: Mapped[Optional[datetime]]
    created_at: Mapped[datetime]
    sent_at: Mapped[Optional[datetime]]
    external_id: Mapped[Optional[str]] = mapped_column(String(512))  # Message-ID, Exchange ItemId, ...
    sent_copy: Mapped[Optional[dict[str, Any]]] = mapped_column(JSON)   # what went out (outbox.Delivered.copy)


class CalendarItem(Versioned, Base):
    """An interview's meeting in one Exchange mailbox: the interviewer's own (impersonation or
    delegate access) or the organizer's (organizer mode). `sent` holds the field values last
    written, so an update sends only what changed; `change_key` is Exchange's optimistic lock."""

    __tablename__ = "calendar_items"
    __table_args__ = (UniqueConstraint("interview_id", "mailbox"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    mailbox: Mapped[str] = mapped_column(String(254))
    item_id: Mapped[str] = mapped_column(String(512))
    change_key: Mapped[str] = mapped_column(String(512))
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    sent: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime]


class CalendarSyncState(Base):
    """Where the read-back of one mailbox's calendar got to (EWS SyncFolderItems state)."""

    __tablename__ = "calendar_sync_states"

    id: Mapped[int] = mapped_column(primary_key=True)
    mailbox: Mapped[str] = mapped_column(String(254), unique=True)
    sync_state: Mapped[str] = mapped_column(Text, default="")
    synced_at: Mapped[Optional[datetime]]


class MessageTemplate(Versioned, Base):
    """An admin's version of a message text; without a row the default text from resources/ is used."""

    __tablename__ = "message_templates"
    __table_args__ = (UniqueConstraint("event", "channel", "locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(20))
    locale: Mapped[str] = mapped_column(String(10), default="zh_CN")
    subject: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime]
    updated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))


class InboundMessage(Base):
    """A message a candidate sent us (a text message polled from the SMS gateway, or an e-mail
    reply), recorded once by its id on that channel, with what it was taken for."""

    __tablename__ = "inbound_messages"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(10))          # sms, email
    external_id: Mapped[str] = mapped_column(String(255))
    received_at: Mapped[datetime]
    sender: Mapped[str] = mapped_column(String(254), default="", info={"personal": True})
    kind: Mapped[str] = mapped_column(String(20))             # confirmation, question, survey, progress, unmatched ...
    candidate_id: Mapped[Optional[int]] = mapped_column(ForeignKey("candidates.id"), index=True)
    interview_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interviews.id"), index=True)
    text: Mapped[str] = mapped_column(Text, default="")
