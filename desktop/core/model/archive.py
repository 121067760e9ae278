"""The electronic archive (电子档案) and retention policies (保管期限)."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
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


class ArchiveRecord(Versioned, Base):
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
