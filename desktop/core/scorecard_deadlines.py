"""When scorecards are due (面试评价时限): scorecards.deadline_hours after the interview's end
(default 24 h), a reminder to the interviewer at scorecards.remind_hours (default 20 h), and at
the deadline an escalation to the leader of the position's department, each once (the alerts'
dedupe keys), from the minute job: in-app alerts (the desktop notice on the person's Today page)
and messages through the person's channels (events scorecard_reminder to the interviewer,
scorecard_overdue to the leader). Whether each interviewer submitted in time is read back by `timeliness`
(submitted_at against the due time) for the reports.

The minute job reads everything first and raises the alerts together (one flush), like
desktop/core/questions.evaluate; only interviews ended within the last week past the deadline are
looked at, so an old interview never scored is not chased for ever, and after a process's first run
only those whose reminder or deadline came since the last run (scheduling/watermarks.py), so a week
of overdue scorecards is not read again every minute."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.model import (
    Alert, Application, Interview, InterviewParticipant, ParticipantRole, Position, Scorecard, ScorecardStatus, User,
)
from desktop.core.model.base import time_param
from desktop.core.notifications import routing
from desktop.core.question_routing import leader_of
from desktop.core.scheduling import alerts, effects, watermarks

CHASED_FOR = timedelta(days=7)


def hours(session: Session) -> tuple[timedelta, timedelta]:
    """(reminder after the end, deadline after the end); a reminder set at or past the deadline is none."""
    deadline = timedelta(hours=settings.institution_value(session, "scorecards.deadline_hours"))
    remind = timedelta(hours=settings.institution_value(session, "scorecards.remind_hours"))
    return min(remind, deadline), deadline


def _pending(session: Session, ended_after: datetime, ended_by: datetime, *, skip_reminded: bool) -> list[tuple]:
    """(interview id, ended_at, department id, interviewer id) of the scorecards not submitted yet of
    interviews ended in (ended_after, ended_by], leaving out those escalated already (and, with
    `skip_reminded`, those reminded already): an index lookup each."""
    rows = session.execute(_pending_query(skip_reminded), {"after": ended_after, "by": ended_by}).all()
    if not rows:
        return []
    done = set(session.execute(select(Scorecard.interview_id, Scorecard.interviewer_id).where(
        Scorecard.interview_id.in_({r[0] for r in rows}), Scorecard.status == ScorecardStatus.SUBMITTED)).all())
    return [r for r in rows if (r[0], r[3]) not in done]


@functools.cache
def _pending_query(skip_reminded: bool) -> Select:
    """_pending's query, built once for each of its two forms (the minute job asks it every minute)."""
    def key(kind: str):
        return alerts.sql_key(kind, Interview.id, InterviewParticipant.user_id)
    alerted = [~exists().where(Alert.dedupe_key == key("scorecard_overdue"))]
    if skip_reminded:
        alerted.append(~exists().where(Alert.dedupe_key == key("scorecard_reminder")))
    after, by = map(time_param, ("after", "by"))
    return (select(Interview.id, Interview.ended_at, Position.department_id, InterviewParticipant.user_id)
            .join(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
            .join(Application, Application.id == Interview.application_id)
            .join(Position, Position.id == Application.position_id)
            .where(Interview.ended_at > after, Interview.ended_at <= by,
                   InterviewParticipant.role == ParticipantRole.INTERVIEWER, *alerted)
            .order_by(Interview.id, InterviewParticipant.user_id))


def _windows(session: Session, now: datetime, remind: timedelta, deadline: timedelta) -> list[tuple]:
    """The end times whose reminder or deadline came since the last committed run (watermarks), or
    the whole chase window on the first run: (ended after, ended by, skip the reminded ones)."""
    last = watermarks.since(session, "scorecard_deadlines", (remind, deadline), now)
    oldest = now - deadline - CHASED_FOR
    windows = [(max(oldest, last - deadline) if last else oldest, now - deadline, False)]
    if remind < deadline:
        windows.append((max(now - deadline, last - remind) if last else now - deadline, now - remind, True))
    return windows


def evaluate(session: Session, now: datetime, raised=None) -> None:
    """Reminders and escalations due by `now`, each once."""
    with session.no_autoflush:
        remind, deadline = hours(session)
        pending = [row for after, by, skip in _windows(session, now, remind, deadline) if after < by
                   for row in _pending(session, after, by, skip_reminded=skip)]
        wanted: list[alerts.Wanted] = []
        leaders: dict[int | None, int | None] = {}
        for interview_id, ended_at, department_id, user_id in pending:
            due = ended_at + deadline
            detail = {"interviewer_id": user_id, "due_at": due.isoformat()}
            if now >= due:
                if department_id not in leaders:
                    leaders[department_id] = leader_of(session, department_id)
                leader = leaders[department_id]
                if leader is not None and leader != user_id:
                    wanted.append(alerts.Wanted(f"scorecard_overdue:{interview_id}:{user_id}", "scorecard_overdue",
                                                leader, interview_id, detail=detail))
            else:
                wanted.append(alerts.Wanted(f"scorecard_reminder:{interview_id}:{user_id}", "scorecard_reminder",
                                            user_id, interview_id, detail=detail))
        new = alerts.raise_many(session, wanted)
        if raised is not None:
            raised.alerts.extend(a.id for a in new)
            raised.kinds.extend(a.kind for a in new)
        routing.queue_rows(session, _messages(session, new))
        watermarks.advance(session, "scorecard_deadlines", (remind, deadline), now)
    session.flush()


def _messages(session: Session, new: list[Alert]) -> list[tuple[str, dict]]:
    """Each new alert also as a message through the person's channels: the reminder to the
    interviewer (event scorecard_reminder), the escalation to the leader (scorecard_overdue, naming
    the interviewer who has not scored)."""
    if not new:
        return []
    interviews = {i.id: i for i in session.scalars(select(Interview).where(
        Interview.id.in_({a.interview_id for a in new})))}
    names = dict(session.execute(select(User.id, User.display_name).where(
        User.id.in_({a.detail["interviewer_id"] for a in new}))).all())
    routing.know_contacts(session, {a.user_id for a in new})
    details: dict[int, dict] = {}
    entries = []
    for alert in new:
        interview = interviews[alert.interview_id]
        if interview.id not in details:
            details[interview.id] = effects.details(session, interview)
        interviewer = alert.detail["interviewer_id"]
        payload = details[interview.id] | {"alert": alert.kind, "scorecard_due": alert.detail["due_at"],
                                           "interviewer_name": names.get(interviewer, "")}
        audience = routing.INTERVIEWER if alert.kind == "scorecard_reminder" else routing.APPROVER
        entries += routing.staff_entries(session, audience, {alert.user_id}, alert.kind,
                                         f"{alert.kind}:{interview.id}:{interviewer}", payload, interview.id)
    return entries


@dataclass(frozen=True)
class Timeliness:
    interviewer_id: int
    interviewer: str
    due_at: datetime
    submitted_at: datetime | None
    on_time: bool | None          # None: not submitted and not due yet


def timeliness(session: Session, interview_id: int, now: datetime) -> tuple[Timeliness, ...]:
    """Per interviewer of the panel: when the scorecard was due and whether it came in time. Empty
    while the interview has not ended."""
    interview = session.get(Interview, interview_id)
    if interview is None or interview.ended_at is None:
        return ()
    _remind, deadline = hours(session)
    due = interview.ended_at + deadline
    panel = session.execute(select(InterviewParticipant.user_id, User.display_name)
                            .join(User, User.id == InterviewParticipant.user_id)
                            .where(InterviewParticipant.interview_id == interview_id,
                                   InterviewParticipant.role == ParticipantRole.INTERVIEWER)
                            .order_by(InterviewParticipant.id)).all()
    submitted = dict(session.execute(select(Scorecard.interviewer_id, Scorecard.submitted_at).where(
        Scorecard.interview_id == interview_id, Scorecard.status == ScorecardStatus.SUBMITTED)).all())
    out = []
    for user_id, name in panel:
        at = submitted.get(user_id)
        on_time = (at <= due) if at is not None else (False if now > due else None)
        out.append(Timeliness(user_id, name, due, at, on_time))
    return tuple(out)
