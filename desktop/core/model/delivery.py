"""The durable outbox: one row per outgoing effect (calendar operation, message, board update)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, ForeignKey, Integer, String, Text
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

    id: Mapped[int] = mapped_column(primary_key=True)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    interview_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interviews.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20), index=True)  # exchange, email, sms, oa, desktop, board
    kind: Mapped[str] = mapped_column(String(40))
    recipient: Mapped[str] = mapped_column(String(254), default="")
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    state: Mapped[OutboxState] = mapped_column(enum_column(OutboxState), default=OutboxState.PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    next_attempt_at: Mapped[Optional[datetime]]
    claimed_by: Mapped[Optional[str]] = mapped_column(String(100))
    claimed_at: Mapped[Optional[datetime]]
    created_at: Mapped[datetime]
    sent_at: Mapped[Optional[datetime]]
    external_id: Mapped[Optional[str]] = mapped_column(String(512))  # Message-ID, Exchange ItemId, ...
