"""Scorecards with per-round criteria, and the questions candidates ask."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.core.model.base import Base, StrEnum, Versioned, enum_column


class Recommendation(StrEnum):
    STRONG_YES = "strong_yes"
    YES = "yes"
    UNDECIDED = "undecided"
    NO = "no"


class ScorecardCriterion(Base):
    __tablename__ = "scorecard_criteria"
    __table_args__ = (UniqueConstraint("round_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[float] = mapped_column(Numeric(5, 2), default=1)
    max_score: Mapped[int] = mapped_column(Integer, default=5)


class Scorecard(Versioned, Base):
    __tablename__ = "scorecards"
    __table_args__ = (UniqueConstraint("interview_id", "interviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"))
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    recommendation: Mapped[Optional[Recommendation]] = mapped_column(enum_column(Recommendation))
    remarks: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[Optional[datetime]]

    scores: Mapped[list["Score"]] = relationship(cascade="all, delete-orphan")


class Score(Base):
    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("scorecard_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecards.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("scorecard_criteria.id"))
    score: Mapped[int] = mapped_column(Integer)
    remark: Mapped[str] = mapped_column(Text, default="")


class CandidateQuestion(Versioned, Base):
    """A question asked at the end of an interview, routed to an owner with a reply deadline."""

    __tablename__ = "candidate_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    reply_due_at: Mapped[Optional[datetime]]
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[Optional[datetime]]
    status: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime]
