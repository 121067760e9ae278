"""Scorecards with per-round criteria, and the questions candidates ask."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
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


class QuestionTopic(StrEnum):
    PAY = "pay"                  # 薪酬福利
    GROWTH = "growth"            # 晋升发展
    TEAM = "team"                # 团队与岗位职责
    ARRANGEMENT = "arrangement"  # 工作安排
    OTHER = "other"              # 其他


class QuestionStatus(StrEnum):
    OPEN = "open"
    ANSWERED = "answered"


class CandidateQuestion(Versioned, Base):
    """A question a candidate asked (in the room, at the kiosk, or by replying to our mail or text
    message), routed to an owner by topic, with a reply deadline in working time."""

    __tablename__ = "candidate_questions"

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    interview_id: Mapped[Optional[int]] = mapped_column(ForeignKey("interviews.id"), index=True)
    question: Mapped[str] = mapped_column(Text)
    topic: Mapped[QuestionTopic] = mapped_column(enum_column(QuestionTopic), default=QuestionTopic.OTHER)
    source: Mapped[str] = mapped_column(String(10))          # room, kiosk, email, sms
    message_id: Mapped[Optional[str]] = mapped_column(String(255), unique=True)  # the reply it came in, read once
    owner_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), index=True)
    asked_at: Mapped[datetime]
    due_at: Mapped[datetime] = mapped_column(index=True)
    remind_at: Mapped[datetime] = mapped_column(index=True)   # half of the working time to due_at
    reminded_at: Mapped[Optional[datetime]]
    escalated_at: Mapped[Optional[datetime]]
    status: Mapped[QuestionStatus] = mapped_column(enum_column(QuestionStatus), default=QuestionStatus.OPEN, index=True)
    answer: Mapped[str] = mapped_column(Text, default="")
    answered_at: Mapped[Optional[datetime]]
    answered_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    sla_met: Mapped[Optional[bool]] = mapped_column(Boolean)


class SurveyResponse(Base):
    """A candidate's answers to the short survey in the thank-you message (1-5 per question)."""

    __tablename__ = "survey_responses"

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"), index=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"), index=True)
    channel: Mapped[str] = mapped_column(String(10))          # email, sms
    received_at: Mapped[datetime]
    answers: Mapped[list[int]] = mapped_column(JSON)
    questions: Mapped[list[str]] = mapped_column(JSON)        # the questions as asked, in order
    message_id: Mapped[Optional[str]] = mapped_column(String(255), unique=True)
