"""Offers (录用) and labour contracts (劳动合同)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Optional

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.core.model.base import Base, StrEnum, Versioned, enum_column


class OfferStatus(StrEnum):
    DRAFT = "draft"
    PENDING_APPROVAL = "pending_approval"
    SENT = "sent"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class OfferTemplate(Versioned, Base):
    """What an offer of a post type starts from: the salary structure's lines ([[label, amount, note],
    ...], an empty amount left for HR), probation, work place, days to reply and to the start, and
    the letter's text. post_type NULL: the default for every type without its own template."""

    __tablename__ = "offer_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    post_type: Mapped[Optional[str]] = mapped_column(String(40))
    pay: Mapped[list[Any]] = mapped_column(JSON, default=list)
    probation_months: Mapped[int] = mapped_column(Integer, default=0)
    work_place: Mapped[str] = mapped_column(String(200), default="")
    reply_days: Mapped[int] = mapped_column(Integer, default=7)
    start_days: Mapped[int] = mapped_column(Integer, default=30)
    body: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    updated_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))


class Offer(Versioned, Base):
    __tablename__ = "offers"
    __table_args__ = (Index("ix_offers_status_reply_by", "status", "reply_by"),        # the minute job
                      Index("ix_offers_status_step_due_at", "status", "step_due_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    grade: Mapped[str] = mapped_column(String(50), default="")          # 岗位等级
    salary: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[Optional[date]] = mapped_column(Date)
    expires_on: Mapped[Optional[date]] = mapped_column(Date)
    template_name: Mapped[str] = mapped_column(String(100), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[OfferStatus] = mapped_column(enum_column(OfferStatus), default=OfferStatus.DRAFT)
    created_at: Mapped[datetime]
    sent_at: Mapped[Optional[datetime]]
    responded_at: Mapped[Optional[datetime]]
    # issue 12 §3: the salary structure as [[label, amount, note], ...], probation, place, reply deadline
    pay: Mapped[list[Any]] = mapped_column(JSON, default=list)
    probation_months: Mapped[int] = mapped_column(Integer, default=0)
    work_place: Mapped[str] = mapped_column(String(200), default="")
    reply_by: Mapped[Optional[datetime]]                                # UTC; after it an answer is refused
    chain_id: Mapped[Optional[int]] = mapped_column(ForeignKey("approval_chains.id"))
    current_step: Mapped[int] = mapped_column(Integer, default=0)       # position of the step awaiting a decision
    step_due_at: Mapped[Optional[datetime]]
    answer_note: Mapped[str] = mapped_column(Text, default="")          # HR's note of an answer given by phone
    template_id: Mapped[Optional[int]] = mapped_column(ForeignKey("offer_templates.id"))


class Contract(Versioned, Base):
    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id"), index=True)
    contract_no: Mapped[str] = mapped_column(String(50), unique=True)
    kind: Mapped[str] = mapped_column(String(30), default="fixed_term")  # fixed_term / open_ended / project
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[Optional[date]] = mapped_column(Date)
    probation_months: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="draft")   # issued, signed
    signed_at: Mapped[Optional[datetime]]                                  # the candidate signed
    template_id: Mapped[Optional[int]] = mapped_column(ForeignKey("contract_templates.id"))
    issued_at: Mapped[Optional[datetime]]                                  # the institution signed
    issued_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))


class ContractTemplateRow(Base):
    """A structured contract template (desktop.core.contracts.ContractTemplate) in versions: a saved
    template is never changed, saving again writes the next version and makes it current."""

    __tablename__ = "contract_templates"
    __table_args__ = (UniqueConstraint("name", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    version: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    title: Mapped[str] = mapped_column(String(100))
    clauses: Mapped[list[Any]] = mapped_column(JSON, default=list)   # [[heading, text], ...]
    created_at: Mapped[datetime]
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))


class ContractDocument(Base):
    """A file of a contract, kept in the (encrypted) database: the issued PDF signed by the
    institution, the candidate's signed scan, or the candidate's signature image."""

    __tablename__ = "contract_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))        # issued, scan, signature
    media_type: Mapped[str] = mapped_column(String(50))
    data: Mapped[bytes] = mapped_column(LargeBinary, info={"personal": True})
    sha256: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime]
    added_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
