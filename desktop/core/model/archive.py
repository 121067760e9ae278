"""The electronic archive (电子档案), retention (保管期限), purges, signatures and backups (issue 13)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.core.model.base import Base, Versioned


class RetentionPolicy(Versioned, Base):
    __tablename__ = "retention_policies"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    applies_to: Mapped[str] = mapped_column(String(30))         # candidate / archive / audit
    period_years: Mapped[Optional[int]] = mapped_column(Integer)  # None: permanent (永久)
    action: Mapped[str] = mapped_column(String(20), default="delete")  # delete / anonymize / restrict
    description: Mapped[str] = mapped_column(Text, default="")
    # issue 13 §4: the record class it governs (hired, not_hired, withdrawn, talent_pool, audit_log)
    # and the day its period counts from (closed: the application's closing; consent: the consent's date)
    record_class: Mapped[Optional[str]] = mapped_column(String(30), unique=True)
    starts_from: Mapped[str] = mapped_column(String(20), default="closed")


class ArchiveRecord(Versioned, Base):
    """One dossier (面试档案) in the archive register: produced when its application closed or on
    demand. The PDF itself lives in the archive store and in exported packages, not in the live
    database; the register keeps its digests."""

    __tablename__ = "archive_records"

    id: Mapped[int] = mapped_column(primary_key=True)
    archive_code: Mapped[str] = mapped_column(String(60), unique=True)  # 档号
    title: Mapped[str] = mapped_column(String(200))
    application_id: Mapped[Optional[int]] = mapped_column(ForeignKey("applications.id"), index=True)
    retention_policy_id: Mapped[Optional[int]] = mapped_column(ForeignKey("retention_policies.id"))
    file_name: Mapped[str] = mapped_column(String(260), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    manifest: Mapped[str] = mapped_column(Text, default="")
    is_fixed: Mapped[bool] = mapped_column(Boolean, default=False)  # 固化: no further change
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]
    dispose_after: Mapped[Optional[datetime]]
    disposed_at: Mapped[Optional[datetime]]
    # issue 13 §2/§3: why it was produced (closed / on_demand), the digest of the record it was made
    # from (same record → same dossier bytes), its size and pages, the formation date and the
    # retention period as printed (e.g. "5年", "永久"), the department's code for exports
    reason: Mapped[str] = mapped_column(String(20), default="")
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    formed_on: Mapped[Optional[date]] = mapped_column(Date, index=True)
    retention_label: Mapped[str] = mapped_column(String(40), default="")
    department_code: Mapped[str] = mapped_column(String(40), default="")


class ArchiveExport(Base):
    """The archive register's record of one exported package (issue 13 §3)."""

    __tablename__ = "archive_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    exported_at: Mapped[datetime]
    exported_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    exported_by_label: Mapped[str] = mapped_column(String(100), default="")
    date_from: Mapped[Optional[date]] = mapped_column(Date)
    date_to: Mapped[Optional[date]] = mapped_column(Date)
    department_code: Mapped[str] = mapped_column(String(40), default="")
    destination: Mapped[str] = mapped_column(String(500), default="")
    dossier_count: Mapped[int] = mapped_column(Integer, default=0)
    package_sha256: Mapped[str] = mapped_column(String(64), default="")   # the manifest's digest
    record_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)


class UserKey(Base):
    """A user's personal Ed25519 signing key (issue 13 §1). The private half is kept only wrapped
    under the user's password (argon2id → AES-256-GCM); an administrator can issue a new key (the
    old one is retired, never read)."""

    __tablename__ = "user_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    key_id: Mapped[str] = mapped_column(String(32), unique=True)        # hex of SHA-256(public key)[:16]
    public_key: Mapped[str] = mapped_column(String(64))                 # raw 32 bytes, hex
    wrapped_private: Mapped[dict[str, Any]] = mapped_column(JSON, info={"audit": "secret"})
    created_at: Mapped[datetime]
    issued_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    retired_at: Mapped[Optional[datetime]]
    retired_reason: Mapped[str] = mapped_column(String(40), default="")


class Signature(Base):
    """One signed decision: the signer's key over the request's content hash, the verdict, the
    comment and the time. `subject` names what was decided (change_decision: decisions.id;
    offer_step: application_events.id; purge_step: purge_decisions.id)."""

    __tablename__ = "signatures"
    __table_args__ = (Index("ix_signatures_subject", "subject", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[int] = mapped_column(Integer)
    signer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    key_id: Mapped[str] = mapped_column(String(32))
    content_sha256: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    signed_at: Mapped[datetime]
    signature: Mapped[str] = mapped_column(String(128))                 # 64 bytes, hex


class PurgeRequest(Versioned, Base):
    """HR proposes to purge the personal data of records past retention; 人事处 approves through a
    chain (change kind "purge"); only then does it run (issue 13 §4)."""

    __tablename__ = "purge_requests"

    id: Mapped[int] = mapped_column(primary_key=True)
    record_class: Mapped[str] = mapped_column(String(30))
    candidate_ids: Mapped[list[Any]] = mapped_column(JSON, default=list)
    reason: Mapped[str] = mapped_column(Text, default="")
    content_sha256: Mapped[str] = mapped_column(String(64), default="")
    status: Mapped[str] = mapped_column(String(20), default="pending", index=True)  # pending/approved/rejected/done/withdrawn
    proposed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    proposed_at: Mapped[datetime]
    chain_id: Mapped[Optional[int]] = mapped_column(ForeignKey("approval_chains.id"))
    current_step: Mapped[int] = mapped_column(Integer, default=0)
    step_due_at: Mapped[Optional[datetime]]
    decided_at: Mapped[Optional[datetime]]
    executed_at: Mapped[Optional[datetime]]


class PurgeDecision(Base):
    """One approver's decision on a purge request's step (signed like the other decisions)."""

    __tablename__ = "purge_decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    purge_request_id: Mapped[int] = mapped_column(ForeignKey("purge_requests.id"), index=True)
    step_position: Mapped[int] = mapped_column(Integer)
    approver_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    approver_role: Mapped[str] = mapped_column(String(32), default="")
    verdict: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    decided_at: Mapped[datetime]


class PurgeTombstone(Base):
    """What a purge (or an anonymisation) left of one person: counts and dates, no personal value."""

    __tablename__ = "purge_tombstones"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[Optional[int]] = mapped_column(ForeignKey("candidates.id", ondelete="SET NULL"), index=True)
    purge_request_id: Mapped[Optional[int]] = mapped_column(ForeignKey("purge_requests.id"))
    record_class: Mapped[str] = mapped_column(String(30))
    closed_on: Mapped[Optional[date]] = mapped_column(Date)
    purged_at: Mapped[datetime]
    purged_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # applications, interviews, files, ...


class BackupRun(Base):
    """One backup, scheduled or by hand, and its verification (issue 13 §6)."""

    __tablename__ = "backup_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    started_at: Mapped[datetime] = mapped_column(index=True)
    finished_at: Mapped[Optional[datetime]]
    trigger: Mapped[str] = mapped_column(String(20))                 # scheduled / manual / pre_migration / command
    tier: Mapped[str] = mapped_column(String(10), default="daily")  # daily / weekly / monthly
    path: Mapped[str] = mapped_column(String(500), default="")
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20), default="running")  # running / ok / failed / pruned
    error: Mapped[str] = mapped_column(Text, default="")
