"""Institution-wide settings and the hash-chained audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Optional

from sqlalchemy import JSON, Column, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.core.model.base import Base, Versioned


class Setting(Versioned, Base):
    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)
    updated_at: Mapped[datetime]
    updated_by: Mapped[str] = mapped_column(String(100), default="")


class AuditEntry(Base):
    """One entry of the append-only audit log. `hash` = SHA-256(prev_hash + canonical entry)."""

    __tablename__ = "audit_log"
    # one user's recent entries of one kind (the identifier-search rate limit counts them), and one
    # record's entries in order (db check folds them into the values the log last recorded)
    __table_args__ = (Index("ix_audit_log_actor_action_at", "actor_id", "action", "at"),
                      Index("ix_audit_log_entity_record", "entity", "entity_id", "seq"))

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, unique=True)
    at: Mapped[datetime]
    actor_id: Mapped[Optional[int]] = mapped_column(Integer)
    actor_name: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(20))    # create / update / delete / reveal / export / login ...
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(60), default="")
    changes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The newest entry's seq and hash, written with it: cutting entries off the end shows here."""

    __tablename__ = "audit_head"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")


class AuditAnchor(Base):
    """One publication of the chain's head to a witness outside the database: a message to the
    archive office (mail or OA, through the outbox), a file in the anchor folder, a backup's
    manifest. The witnesses are the proof; this row only remembers when and where one went out."""

    __tablename__ = "audit_anchors"

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[datetime] = mapped_column(index=True)
    witness: Mapped[str] = mapped_column(String(20))          # email, oa, folder, backup
    target: Mapped[str] = mapped_column(String(500), default="")
    outbox_entry_id: Mapped[Optional[int]] = mapped_column(ForeignKey("outbox_entries.id"))


# The key of the audit digests on a server database (PostgreSQL holds no database key the program
# could derive it from; an embedded file derives it from its master key instead). Not a mapped
# class: it is never audited, and never exported.
audit_keys = Table(
    "audit_keys", Base.metadata,
    Column("name", String(40), primary_key=True),
    Column("secret", String(128), nullable=False),
)
