"""After the interview: the thank-you message with its short survey, queued by the minute job.

Within minutes of the end the candidate hears from us on their channels (e-mail, SMS): thanks,
the next step as the interviewer told it at the close (interviews.next_step, set by the interview
room; else the configured default), and three to five questions answered by replying with digits
(desktop/core/candidate_replies.py reads the answer).

The end is when 结束面试 was pressed (interviews.ended_at). When nobody pressed it, the booked end
(start + duration) counts for an interview that took place: the candidate was checked in, the room
started it, or it was a video interview; never a cancelled one or a no-show. An interview the room
started but never ended may be running over, so it waits up to OVERTIME_CAP after its booked end.

Once per interview: the outbox rows carry the interview's dedupe key, and a timeline entry marks
the interview as thanked so the minute job does not look at it again (also when the candidate has
no channel to reach). An interview that ended more than LOOK_BACK ago (the app was closed for a
day) is not thanked late."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.model import Interview, InterviewMode, InterviewStatus, TimelineEvent
from desktop.core.model.base import time_param
from desktop.core.notifications import routing
from desktop.core.scheduling import effects, timeline

EVENT = "thank_you"
LOOK_BACK = timedelta(hours=12)
OVERTIME_CAP = timedelta(minutes=60)
LONGEST = timedelta(hours=8)          # no interview is booked longer: bounds the query on starts_at
NOT_HELD = (InterviewStatus.CANCELLED, InterviewStatus.NO_SHOW, InterviewStatus.PENDING_APPROVAL)


@dataclass(frozen=True)
class Thanked:
    interview_ids: tuple[int, ...]


def survey_questions(session: Session) -> tuple[list[str], list[str]]:
    """The configured survey (Chinese, English), or two empty lists when the survey is off."""
    if not settings.institution_value(session, "survey.enabled"):
        return [], []
    lines = lambda key: [q.strip() for q in str(settings.institution_value(session, key) or "").splitlines()
                         if q.strip()]
    chinese = lines("survey.questions")
    english = lines("survey.questions_en")
    return chinese, english if len(english) == len(chinese) else []


def ended_at(interview: Interview) -> datetime | None:
    """When the interview ended for the thank-you, or None while it has not (or never took place)."""
    if interview.status in NOT_HELD:
        return None
    if interview.ended_at is not None:
        return interview.ended_at
    booked_end = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    running = interview.started_at is not None or interview.status == InterviewStatus.IN_PROGRESS
    if running:
        return booked_end + OVERTIME_CAP
    took_place = interview.checked_in_at is not None or interview.mode == InterviewMode.VIDEO \
        or interview.status == InterviewStatus.FINISHED
    return booked_end if took_place else None


@functools.cache
def _due_queries() -> tuple[Select, Select]:
    """_due's two queries, built once (the minute job asks them every minute)."""
    since, now = map(time_param, ("since", "now"))
    thanked = select(TimelineEvent.id).where(TimelineEvent.interview_id == Interview.id,
                                             TimelineEvent.kind == timeline.Event.THANKED.value).exists()
    columns = (Interview.id, Interview.status, Interview.ended_at, Interview.starts_at, Interview.duration_minutes,
               Interview.started_at, Interview.checked_in_at, Interview.mode)
    pressed = select(*columns).where(Interview.ended_at.between(since, now), Interview.status.not_in(NOT_HELD),
                                     ~thanked)
    # ended_at IS NULL is left to Python: as a condition it would lead SQLite to every interview never ended
    unpressed = select(*columns).where(Interview.starts_at.between(since, now), Interview.status.not_in(NOT_HELD),
                                       ~thanked)
    return pressed, unpressed


def _due(session: Session, now: datetime) -> list[Interview]:
    """Interviews whose end has passed in the last LOOK_BACK, not thanked yet: two index ranges
    (ended_at; starts_at for those nobody ended) read as plain rows, and a look at the timeline for
    those; only the interviews due are loaded."""
    since = now - LOOK_BACK
    pressed_query, unpressed_query = _due_queries()
    pressed = session.execute(pressed_query, {"since": since, "now": now}).all()
    unpressed = session.execute(unpressed_query, {"since": since - LONGEST - OVERTIME_CAP, "now": now}).all()
    ids = {r.id for r in pressed} | {r.id for r in unpressed if r.ended_at is None}
    due = [r.id for r in pressed + unpressed if r.id in ids and (end := ended_at(r)) is not None and since <= end <= now]
    if not due:
        return []
    return list(session.scalars(select(Interview).where(Interview.id.in_(set(due))).order_by(Interview.id)))


def queue_thank_yous(session: Session, now: datetime | None = None) -> Thanked:
    """The minute job's part: queue the thank-you of every interview that has just ended."""
    now = now or session.info["clock"].now()
    if not settings.institution_value(session, "after.thank_you_enabled"):
        return Thanked(())
    due = _due(session, now)
    if not due:
        return Thanked(())
    chinese, english = survey_questions(session)
    default_step = str(settings.institution_value(session, "after.next_step_default") or "")
    done = []
    with session.no_autoflush:      # read everything, then write once (a flush extends the audit chain)
        messages = {}
        for interview in due:
            extra = {"next_step": interview.next_step.strip() or default_step, "survey_questions": chinese,
                     "survey_questions_en": english, "ended_at": ended_at(interview).isoformat()}
            info = effects.details(session, interview) | extra
            messages[interview] = effects.candidate_messages(session, interview, EVENT, info, confirm=False)
        added = set(routing.queue_rows(session, [e for entries in messages.values() for e in entries]))
        for interview, entries in messages.items():
            if entries and not added & {key for key, _ in entries}:   # another desktop queued it and marks it
                continue
            timeline.add(session, interview, timeline.Event.THANKED, None, at=now,
                         channels=[values["channel"] for _, values in entries], survey=bool(chinese),
                         pressed=interview.ended_at is not None)
            done.append(interview.id)
    session.flush()
    return Thanked(tuple(done))
