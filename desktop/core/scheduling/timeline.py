"""The timeline of one interview: every status change, with time and actor."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import audit
from desktop.core.model import Interview, TimelineEvent
from desktop.core.model.base import StrEnum
from desktop.core.storage.database import Actor


class Event(StrEnum):
    INVITED = "invited"
    CONFIRMED = "confirmed"
    CANDIDATE_DECLINED = "candidate_declined"     # from a calendar reply; HR gets an alert
    CANDIDATE_TENTATIVE = "candidate_tentative"
    CONFIRMATION_OVERDUE = "confirmation_overdue"
    CHANGE_REQUESTED = "change_requested"
    CHANGE_STEP = "change_step"            # one approval step decided (approved / filed / confirmed)
    CHANGE_APPROVED = "change_approved"
    CHANGE_REJECTED = "change_rejected"
    CHANGE_APPLIED = "change_applied"
    CHANGE_ESCALATED = "change_escalated"
    MAIL_DECISION_REFUSED = "mail_decision_refused"   # a reply to an approval mail that decided nothing
    REMINDER_SENT = "reminder_sent"
    INTERVIEWER_SAW = "interviewer_saw"
    INTERVIEWER_ACCEPTED = "interviewer_accepted"
    INTERVIEWER_DECLINED = "interviewer_declined"
    INTERVIEWER_TENTATIVE = "interviewer_tentative"
    CHECKED_IN = "checked_in"
    CHECK_IN_UNDONE = "check_in_undone"     # a mistaken check-in taken back by reception, with the reason
    LATE = "late"
    NO_SHOW = "no_show"
    CANCELLED = "cancelled"
    STARTED = "started"
    FINISHED = "finished"
    OVERTIME = "overtime"                 # the interview room ran ten minutes past its planned duration
    CONFLICT_OVERRIDDEN = "conflict_overridden"
    CANDIDATE_REPLIED = "candidate_replied"       # a text reply by e-mail or SMS, for HR to read
    THANKED = "thanked"                           # the thank-you (with the survey) queued after the end
    SURVEY_ANSWERED = "survey_answered"           # the candidate's scores, stored
    SURVEY_UNCLEAR = "survey_unclear"             # an answer we could not read (clarified once, then noted)
    PROGRESS_ANSWERED = "progress_answered"       # a "进度" reply answered automatically
    MEETING_MOVED_IN_OUTLOOK = "meeting_moved_in_outlook"       # read back from Exchange; HR gets an alert
    MEETING_DELETED_IN_OUTLOOK = "meeting_deleted_in_outlook"
    MATCH_ALERT = "match_alert"                   # HR and the panel warned of a low match before the start
    QUESTION_ASKED = "question_asked"             # a candidate question captured (desktop/core/questions.py)
    QUESTION_REMINDED = "question_reminded"       # half of its reply time gone: the owner reminded
    QUESTION_ESCALATED = "question_escalated"     # its deadline passed: the owner's superior and HR told
    QUESTION_ANSWERED = "question_answered"
    QUESTION_REASSIGNED = "question_reassigned"
    DECISION_REOPENED = "decision_reopened"       # a scorecard reopened after the decision: confirmation cleared


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str
    actor: str
    detail: dict[str, Any]


def add(session: Session, interview: Interview | int, kind: Event, actor: Actor | None = None,
        at: datetime | None = None, **detail: Any) -> None:
    interview_id = interview if isinstance(interview, int) else interview.id
    session.add(TimelineEvent(interview_id=interview_id, at=at or session.info["clock"].now(), kind=kind.value,
                              actor_id=actor.user_id if actor else None,
                              actor_label=actor.label if actor else "系统", detail=detail))


def add_at_once(session: Session, interview_id: int, events: list[tuple[Event, dict[str, Any]]],
                actor: Actor | None) -> None:
    """Events of one interview (each kind once) in one INSERT, logged as add's are: a booking's."""
    now = session.info["clock"].now()
    audit.insert_rows(session, TimelineEvent, [
        {"interview_id": interview_id, "at": now, "kind": kind.value, "actor_id": actor.user_id if actor else None,
         "actor_label": actor.label if actor else "系统", "detail": detail} for kind, detail in events], by="kind")


def entries(session: Session, interview_id: int) -> list[TimelineEntry]:
    rows = session.scalars(select(TimelineEvent).where(TimelineEvent.interview_id == interview_id)
                           .order_by(TimelineEvent.at, TimelineEvent.id)).all()
    return [TimelineEntry(r.at, r.kind, r.actor_label, dict(r.detail or {})) for r in rows]


def has_message(session: Session, interview_id: int, message_id: str, kinds: tuple[Event, ...]) -> bool:
    """Whether one of the interview's entries of these kinds already carries this mail's Message-ID
    (a mailbox read twice must not answer twice). An interview's timeline is short; reading it beats
    a JSON query that differs per backend."""
    details = session.scalars(select(TimelineEvent.detail).where(
        TimelineEvent.interview_id == interview_id, TimelineEvent.kind.in_([k.value for k in kinds]))).all()
    return any((d or {}).get("message_id") == message_id for d in details)
