"""Scorecards with per-round criteria, and the questions candidates ask."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.core.model.base import Base, StrEnum, Versioned, enum_column
from desktop.core.model.recruiting import RoundKind


class Recommendation(StrEnum):
    STRONG_YES = "strong_yes"
    YES = "yes"
    UNDECIDED = "undecided"
    NO = "no"


class ScorecardStatus(StrEnum):
    DRAFT = "draft"            # autosaved, the interviewer may still change it
    SUBMITTED = "submitted"    # locked; counts for the panel and the decision
    REOPENED = "reopened"      # HR opened it again with a reason; the interviewer submits again


class DecisionOutcome(StrEnum):
    PASSED = "passed"          # 通过
    FAILED = "failed"          # 未通过
    HR_DECIDES = "hr_decides"  # HR决定 (the rule leaves it to HR)


class ScorecardTemplate(Base):
    """One version of the scorecard of a round (round_id) or the institution's default for a round kind
    (round_id NULL). `line` names the versions of one template ("round:12", "kind:hr"); a version that
    scores were submitted on is never changed: editing it makes the next version current."""

    __tablename__ = "scorecard_templates"
    __table_args__ = (UniqueConstraint("line", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    line: Mapped[str] = mapped_column(String(40), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    round_id: Mapped[Optional[int]] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    round_kind: Mapped[RoundKind] = mapped_column(enum_column(RoundKind))
    name: Mapped[str] = mapped_column(String(100))
    # the decision rule of the round: average >= pass_at (and no 不推荐 from the chair) passes,
    # below fail_below fails, otherwise HR decides; automatic: the rule's outcome needs no confirmation
    pass_at: Mapped[float] = mapped_column(Numeric(4, 2), default=7)
    fail_below: Mapped[float] = mapped_column(Numeric(4, 2), default=5)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime]
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

    criteria: Mapped[list["ScorecardCriterion"]] = relationship(
        order_by="ScorecardCriterion.position", cascade="all, delete-orphan")


class ScorecardCriterion(Base):
    __tablename__ = "scorecard_criteria"
    __table_args__ = (UniqueConstraint("template_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("scorecard_templates.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(Text, default="")
    weight: Mapped[int] = mapped_column(Integer)          # percent; a template's weights sum to 100
    anchors: Mapped[dict[str, str]] = mapped_column(JSON)  # what 4, 7 and 10 mean: {"4": ..., "7": ..., "10": ...}


class Scorecard(Versioned, Base):
    __tablename__ = "scorecards"
    __table_args__ = (UniqueConstraint("interview_id", "interviewer_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"))
    interviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    template_id: Mapped[Optional[int]] = mapped_column(ForeignKey("scorecard_templates.id"), index=True)
    status: Mapped[ScorecardStatus] = mapped_column(enum_column(ScorecardStatus), default=ScorecardStatus.DRAFT)
    recommendation: Mapped[Optional[Recommendation]] = mapped_column(enum_column(Recommendation))
    # an interviewer's words about a person (PIPL): the audit log keeps them masked, with a keyed digest
    remarks: Mapped[str] = mapped_column(Text, default="", info={"personal": True})
    saved_at: Mapped[Optional[datetime]]
    submitted_at: Mapped[Optional[datetime]]
    reopened_at: Mapped[Optional[datetime]]
    reopened_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    reopen_reason: Mapped[str] = mapped_column(Text, default="")

    scores: Mapped[list["Score"]] = relationship(cascade="all, delete-orphan")


class Score(Base):
    __tablename__ = "scores"
    __table_args__ = (UniqueConstraint("scorecard_id", "criterion_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecards.id", ondelete="CASCADE"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("scorecard_criteria.id"))
    score: Mapped[Optional[int]] = mapped_column(Integer)   # None in a draft not yet scored here
    comment: Mapped[str] = mapped_column(Text, default="", info={"personal": True})   # masked in the audit log


class RoundDecision(Versioned, Base):
    """The result of one round of an application: what the rule proposed and why, and HR's
    confirmation or override with its reason."""

    __tablename__ = "round_decisions"
    __table_args__ = (UniqueConstraint("interview_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(ForeignKey("interviews.id"))
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    template_id: Mapped[int] = mapped_column(ForeignKey("scorecard_templates.id"))
    average: Mapped[Optional[float]] = mapped_column(Numeric(5, 2))
    proposed: Mapped[DecisionOutcome] = mapped_column(enum_column(DecisionOutcome))
    explanation: Mapped[str] = mapped_column(Text)
    proposed_at: Mapped[datetime]
    outcome: Mapped[Optional[DecisionOutcome]] = mapped_column(enum_column(DecisionOutcome))
    overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    decided_at: Mapped[Optional[datetime]]
    # feedback visibility "summary": the written summary for the candidate, sent once HR approved it
    feedback_summary: Mapped[str] = mapped_column(Text, default="", server_default="")
    summary_approved_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    summary_approved_at: Mapped[Optional[datetime]]


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
    # the minute job: the open questions not escalated (reminded) yet whose deadline (half time) passed
    __table_args__ = (Index("ix_candidate_questions_open_due", "status", "escalated_at", "due_at"),
                      Index("ix_candidate_questions_open_remind", "status", "reminded_at", "remind_at"))

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
