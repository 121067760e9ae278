"""The reminder engine: finds what is due in the database and raises each alert exactly once.

Every alert has a dedupe key built from what it is about and the interview's sequence number, so
evaluating again (every minute, after a restart, from two desktops at once) never fires twice,
while a rescheduled interview gets fresh alerts for its new time."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, exists, or_, select
from sqlalchemy.orm import Session

from desktop.core import after_interview, interview_room, offers, questions, scorecard_deadlines, settings
from desktop.core.lifecycle import requests as privacy_requests
from desktop.core.model.base import time_param
from desktop.core.model import (
    Alert, ApprovalChain, ApprovalStep, ChangeRequest, ChangeStatus, Confirmation, FollowUpTask, Interview,
    InterviewMode, InterviewParticipant, InterviewStatus, OutboxEntry, Party, Application, Position,
)
from desktop.core.notifications import routing
from desktop.core.scheduling import alerts, chains, effects, match_alerts, timeline

ACTIVE = (InterviewStatus.SCHEDULED, InterviewStatus.CONFIRMED, InterviewStatus.PENDING_APPROVAL)
UNCONFIRMED = (InterviewStatus.SCHEDULED, InterviewStatus.PENDING_APPROVAL)   # active, not marked confirmed
LATE_MINUTES = 10
NO_SHOW_MINUTES = 30
BOOKING_HORIZON = timedelta(days=3660)   # no interview is booked further ahead (bounds an index range)


@dataclass
class Raised:
    alerts: list[int] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)


def _raise(session: Session, raised: Raised, key: str, kind: str, *, user_id: int | None,
           interview_id: int | None = None, change_request_id: int | None = None, **detail) -> bool:
    alert = alerts.raise_once(session, key, kind, user_id=user_id, interview_id=interview_id,
                              change_request_id=change_request_id, detail=detail)
    if alert is None:
        return False
    raised.alerts.append(alert.id)
    raised.kinds.append(kind)
    _message(session, alert)
    return True


def _message(session: Session, alert) -> None:
    """The message an alert of a kind in routing.ALERT_EVENTS sends through the person's channels."""
    routing.queue(session, _alert_entries(session, alert, {}))


def _alert_entries(session: Session, alert, details: dict[int, dict]) -> list[tuple[str, dict]]:
    """The outbox rows of `_message`, for a caller that queues many at once; `details` keeps each
    interview's details for the next alert about it."""
    if alert.kind not in routing.ALERT_EVENTS or alert.user_id is None or alert.interview_id is None:
        return []
    interview = session.get(Interview, alert.interview_id)
    if interview.id not in details:
        details[interview.id] = effects.details(session, interview)
    audience = routing.HR if alert.user_id == interview.hr_owner_id else routing.INTERVIEWER
    return routing.staff_entries(session, audience, {alert.user_id}, routing.ALERT_EVENTS[alert.kind],
                                 f"alert:{alert.dedupe_key}", details[interview.id] | {"alert": alert.kind,
                                                                                     **alert.detail},
                                 alert.interview_id)


def _day_before_due(session: Session, now: datetime, channels: tuple[str, ...]) -> list[int]:
    """The interviews a day ahead (and at least two hours ahead) whose candidate has not been sent
    this version's reminder on every channel, nor this version's notice in the last twelve hours:
    the checks are in the query, so the interviews already reminded cost an index lookup each."""
    return list(session.scalars(_day_before_query(tuple(sorted(channels))), {
        "from": now + timedelta(hours=2), "to": now + timedelta(hours=24), "told_since": now - timedelta(hours=12)}))


@functools.cache
def _day_before_query(channels: tuple[str, ...]) -> Select:
    """_day_before_due's query, built once per set of channels (the minute job asks it every minute)."""
    missing = [~exists().where(OutboxEntry.dedupe_key == alerts.sql_key(
        c, Interview.id, "candidate", Interview.sequence, "reminder_day_before")) for c in channels]
    told = exists().where(OutboxEntry.interview_id == Interview.id,
                          OutboxEntry.kind.in_(("invitation", "change_notice")),
                          OutboxEntry.created_at > time_param("told_since"))
    return select(Interview.id).where(
        Interview.starts_at > time_param("from"), Interview.starts_at <= time_param("to"),
        Interview.status.in_(ACTIVE), or_(*missing), ~told).order_by(Interview.id)


def _remind_day_before(session: Session, now: datetime) -> None:
    """The candidate's reminder, a day ahead (and at least two hours before), unless the notice of
    this version went out in the last twelve hours and already told them. One query finds the
    interviews still to remind (the engine runs every minute on every desktop); the interview and the
    candidate's details are loaded only for those."""
    channels = routing.channels(session, routing.CANDIDATE, "reminder_day_before")
    if not channels:
        return
    for interview_id in _day_before_due(session, now, channels):
        interview = session.get(Interview, interview_id)
        entries = effects.candidate_messages(session, interview, "reminder_day_before")
        if routing.queue(session, entries):
            timeline.add(session, interview, timeline.Event.REMINDER_SENT, None, at=now,
                         channels=[values["channel"] for _, values in entries], sequence=interview.sequence)


NEAR = (Interview.id, Interview.sequence, Interview.starts_at, Interview.mode, Interview.checked_in_at,
        Interview.confirmation_due_at, Interview.hr_owner_id)


def _unconfirmed(session: Session, now: datetime, soon: int) -> list:
    """Active interviews from twelve hours ago on whose candidate has not confirmed the current
    version and whose confirmation deadline passed, or which start within `soon` minutes, without
    that alert yet: the checks are in the query, so confirmed interviews cost nothing to Python, and
    those marked 已确认 (CONFIRMED: set only when the current version is confirmed, and reset by every
    new version, scheduling/changes.py) are passed over without a look at their confirmations."""
    return session.execute(_unconfirmed_query(), {
        "now": now, "since": now - timedelta(hours=12), "horizon": now + BOOKING_HORIZON,
        "soon_end": now + timedelta(minutes=soon)}).all()


@functools.cache
def _unconfirmed_query() -> Select:
    def alerted(kind: str):
        return exists().where(Alert.interview_id == Interview.id,
                              Alert.dedupe_key == alerts.sql_key(kind, Interview.id, Interview.sequence))
    now = time_param("now")
    starting = and_(Interview.starts_at > now, Interview.starts_at <= time_param("soon_end"))
    confirmed = exists().where(Confirmation.interview_id == Interview.id, Confirmation.party == Party.CANDIDATE,
                               Confirmation.sequence == Interview.sequence)
    # both ends of the range on starts_at, so that SQLite walks the interviews ahead rather than every
    # past interview's (long passed) confirmation deadline
    return select(*NEAR).where(
        Interview.starts_at > time_param("since"), Interview.starts_at < time_param("horizon"),
        Interview.status.in_(UNCONFIRMED), or_(Interview.confirmation_due_at <= now, starting), ~confirmed,
        or_(and_(Interview.confirmation_due_at <= now, ~alerted("confirm")), and_(starting, ~alerted("soon")))
    ).order_by(Interview.starts_at, Interview.id)


def _not_arrived(session: Session, now: datetime) -> list:
    """Active on-site interviews of the last twelve hours whose candidate is LATE_MINUTES past the start
    and not checked in."""
    return session.execute(_not_arrived_query(), {"since": now - timedelta(hours=12),
                                                  "late": now - timedelta(minutes=LATE_MINUTES)}).all()


@functools.cache
def _not_arrived_query() -> Select:
    return select(*NEAR).where(
        Interview.starts_at > time_param("since"), Interview.starts_at <= time_param("late"),
        Interview.status.in_(ACTIVE), Interview.mode == InterviewMode.ONSITE, Interview.checked_in_at.is_(None)
    ).order_by(Interview.starts_at, Interview.id)


def _panels(session: Session, interview_ids: list[int]) -> dict[int, list[int]]:
    panels: dict[int, list[int]] = {}
    if interview_ids:
        for interview_id, user_id in session.execute(
                select(InterviewParticipant.interview_id, InterviewParticipant.user_id)
                .where(InterviewParticipant.interview_id.in_(interview_ids))
                .order_by(InterviewParticipant.interview_id, InterviewParticipant.user_id)):
            panels.setdefault(interview_id, []).append(user_id)
    return panels


def evaluate(session: Session, now: datetime | None = None) -> Raised:
    """Everything due by `now`. Every minute on every desktop, so it reads plain rows in a few
    queries whatever the number of interviews (no query per interview), knows which alerts exist
    already, and loads an interview only to raise something new about it."""
    now = now or session.info["clock"].now()
    raised = Raised()
    soon = settings.institution_value(session, "reminders.unconfirmed_minutes_before")
    rows = _unconfirmed(session, now, soon)
    late = _not_arrived(session, now)
    panels = _panels(session, [r.id for r in late])
    wanted: list[alerts.Wanted] = []
    for row in rows:
        seq = row.sequence
        if row.confirmation_due_at is not None and row.confirmation_due_at <= now:
            wanted.append(alerts.Wanted(f"confirm:{row.id}:{seq}", "confirmation_overdue", row.hr_owner_id, row.id,
                                        detail={"sequence": seq}))
        if row.starts_at - timedelta(minutes=soon) <= now < row.starts_at:
            wanted.append(alerts.Wanted(f"soon:{row.id}:{seq}", "unconfirmed_soon", row.hr_owner_id, row.id,
                                        detail={"minutes": soon}))
    for row in late:
        for user_id in sorted({row.hr_owner_id, *panels.get(row.id, ())} - {None}):
            wanted.append(alerts.Wanted(f"late:{row.id}:{row.sequence}:{user_id}", "late", user_id, row.id,
                                        detail={"minutes": LATE_MINUTES}))
        if row.starts_at + timedelta(minutes=NO_SHOW_MINUTES) <= now:
            wanted.append(alerts.Wanted(f"noshow:{row.id}:{row.sequence}", "no_show_suggested", row.hr_owner_id,
                                        row.id, detail={"minutes": NO_SHOW_MINUTES}))
    # raised together (one flush), then what each new alert brings with it
    by_id = {r.id: r for r in (*rows, *late)}
    late_now: dict[int, None] = {}
    details: dict[int, dict] = {}
    messages: list[tuple[str, dict]] = []
    new = alerts.raise_many(session, wanted)
    routing.know_contacts(session, {a.user_id for a in new})
    for alert in new:
        raised.alerts.append(alert.id)
        raised.kinds.append(alert.kind)
        row = by_id[alert.interview_id]
        if alert.kind == "confirmation_overdue":
            timeline.add(session, row.id, timeline.Event.CONFIRMATION_OVERDUE, None, sequence=row.sequence)
            if row.hr_owner_id is not None:
                session.add(FollowUpTask(interview_id=row.id, assignee_id=row.hr_owner_id, title="call_unconfirmed",
                                         due_at=min(row.starts_at, now + timedelta(minutes=30)), created_at=now))
        elif alert.kind == "late":
            late_now[row.id] = None
        messages += _alert_entries(session, alert, details)
    routing.queue_rows(session, messages)
    for interview_id in late_now:
        timeline.add(session, interview_id, timeline.Event.LATE, None, at=now, minutes=LATE_MINUTES)
    _remind_day_before(session, now)
    _escalate(session, raised, now)
    raised.kinds += interview_room.evaluate(session, now, raised.alerts)
    match_alerts.evaluate(session, now, raised)
    after_interview.queue_thank_yous(session, now)
    questions.evaluate(session, now, raised)
    scorecard_deadlines.evaluate(session, now, raised)
    offers.evaluate(session, now, raised)
    privacy_requests.evaluate(session, now, raised)
    session.flush()
    return raised


@functools.cache
def _stuck_query() -> Select:
    """Change requests whose approval step is past its deadline; built once, asked every minute."""
    return (select(ChangeRequest, ApprovalStep, Position.department_id)
            .join(ApprovalChain, ApprovalChain.id == ChangeRequest.chain_id)
            .join(ApprovalStep, (ApprovalStep.chain_id == ApprovalChain.id)
                  & (ApprovalStep.position == ChangeRequest.current_step))
            .join(Interview, Interview.id == ChangeRequest.interview_id)
            .join(Application, Application.id == Interview.application_id)
            .join(Position, Position.id == Application.position_id)
            .where(ChangeRequest.status == ChangeStatus.PENDING, ChangeRequest.step_due_at.is_not(None),
                   ChangeRequest.step_due_at <= time_param("now")))


def _escalate(session: Session, raised: Raised, now: datetime) -> None:
    stuck = session.execute(_stuck_query(), {"now": now}).all()
    for request, step, department_id in stuck:
        targets = {step.escalate_to_id} if step.escalate_to_id else chains.step_approvers(session, step, department_id)
        if request.requested_by_id:
            targets.add(request.requested_by_id)
        first = False
        for user_id in sorted(t for t in targets if t is not None):
            first |= _raise(session, raised, f"escalate:{request.id}:{step.position}:{user_id}", "approval_overdue",
                            user_id=user_id, interview_id=request.interview_id, change_request_id=request.id,
                            step=step.position)
        if first:
            timeline.add(session, request.interview_id, timeline.Event.CHANGE_ESCALATED, None,
                         change_request_id=request.id, step=step.position, to=step.escalate_to_id)

