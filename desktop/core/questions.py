"""Candidate questions (minimal stand-in on the replies branch).

The questions branch owns this module: routing by topic, the working-day deadline, reminders and
escalation, answers. This stand-in keeps only `capture` with the agreed signature, so a question a
candidate sends by replying to our mail or text message is recorded; it is replaced at the merge."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from desktop.core.errors import ValidationFailed
from desktop.core.model import CandidateQuestion, Interview
from desktop.core.storage.database import Actor

MAX_LENGTH = 2000
SOURCES = ("room", "kiosk", "email", "sms")


@dataclass(frozen=True)
class Captured:
    id: int
    owner_id: int | None
    due_at: datetime


def capture(session: Session, actor: Actor | None, *, candidate_id: int, interview_id: int | None, text: str,
            source: str, message_id: str | None = None) -> Captured:
    question = (text or "").strip()
    problems = {}
    if not question:
        problems["text"] = "required"
    elif len(question) > MAX_LENGTH:
        problems["text"] = "too_long"
    if source not in SOURCES:
        problems["source"] = "choice"
    if problems:
        raise ValidationFailed(problems)
    now = session.info["clock"].now()
    interview = session.get(Interview, interview_id) if interview_id else None
    row = CandidateQuestion(candidate_id=candidate_id, interview_id=interview_id, question=question, source=source,
                            message_id=message_id, owner_id=interview.hr_owner_id if interview else None,
                            asked_at=now, due_at=now + timedelta(days=1))
    session.add(row)
    session.flush()
    return Captured(row.id, row.owner_id, row.due_at)
