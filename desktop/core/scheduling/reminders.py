"""The reminder engine: finds what is due in the database and raises each alert exactly once.

Every alert has a dedupe key built from what it is about and the interview's sequence number, so
evaluating again (every minute, after a restart, from two desktops at once) never fires twice,
while a rescheduled interview gets fresh alerts for its new time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import String, cast, exists, literal, select
from sqlalchemy.orm import Session

from desktop.core import after_interview, interview_room, offers, questions, scorecard_deadlines, settings
from desktop.core.model import (
    Alert, ApprovalChain, ApprovalStep, ChangeRequest, ChangeStatus, Confirmation, FollowUpTask, Interview,
    InterviewMode, InterviewParticipant, InterviewStatus, OutboxEntry, Party, Application, Position,
)
from desktop.core.notifications import routing
from desktop.core.scheduling import alerts, chains, effects, match_alerts, timeline

ACTIVE = (InterviewStatus.SCHEDULED, InterviewStatus.CONFIRMED, InterviewStatus.PENDING_APPROVAL)
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
    if alert.kind in routing.ALERT_EVENTS and alert.user_id is not None and alert.interview_id is not None:
        interview = session.get(Interview, alert.interview_id)
        audience = routing.HR if alert.user_id == interview.hr_owner_id else routing.INTERVIEWER
        routing.staff_messages(session, audience, {alert.user_id}, routing.ALERT_EVENTS[alert.kind],
                               f"alert:{alert.dedupe_key}",
                               effects.details(session, interview) | {"alert": alert.kind, **alert.detail},
                               alert.interview_id)


def _remind_day_before(session: Session, interviews: list, now: datetime) -> None:
    """The candidate's reminder, a day ahead (and at least two hours before), unless the notice of
    this version went out in the last twelve hours and already told them. Two queries for all the
    interviews this minute, not two per interview (the engine runs every minute on every desktop);
    the interview and the candidate's details are loaded only for a reminder not yet queued."""
    window = [i for i in interviews if i.starts_at - timedelta(hours=24) <= now < i.starts_at - timedelta(hours=2)]
    if not window:
        return
    ids = [i.id for i in window]
    told = set(session.scalars(select(OutboxEntry.interview_id).where(
        OutboxEntry.interview_id.in_(ids), OutboxEntry.kind.in_(("invitation", "change_notice")),
        OutboxEntry.created_at > now - timedelta(hours=12))))
    channels = routing.channels(session, routing.CANDIDATE, "reminder_day_before")
    wanted = {i.id: {f"{c}:{i.id}:candidate:{i.sequence}:reminder_day_before" for c in channels} for i in window}
    queued = set(session.scalars(select(OutboxEntry.dedupe_key).where(
        OutboxEntry.interview_id.in_(ids), OutboxEntry.kind == "reminder_day_before")))
    for row in window:
        if row.id in told or (wanted[row.id] and wanted[row.id] <= queued):
            continue
        interview = session.get(Interview, row.id)
        entries = effects.candidate_messages(session, interview, "reminder_day_before")
        if routing.queue(session, entries):
            timeline.add(session, interview, timeline.Event.REMINDER_SENT, None, at=now,
                         channels=[values["channel"] for _, values in entries], sequence=interview.sequence)


NEAR = (Interview.id, Interview.sequence, Interview.starts_at, Interview.mode, Interview.checked_in_at,
        Interview.confirmation_due_at, Interview.hr_owner_id)


def _near(session: Session, now: datetime, soon: int) -> list:
    """The active interviews from twelve hours ago to a day ahead (or `soon` minutes, if longer):
    those every check but the confirmation deadline is about. Plain rows, one index range."""
    ahead = now + max(timedelta(hours=24), timedelta(minutes=soon))
    return session.execute(select(*NEAR).where(
        Interview.status.in_(ACTIVE), Interview.starts_at > now - timedelta(hours=12),
        Interview.starts_at < ahead)).all()


def _overdue_ahead(session: Session, now: datetime, soon: int) -> list:
    """Interviews further ahead whose candidate let the confirmation deadline pass: the check is in
    the query (no confirmation of the current version, no alert yet), so confirmed ones cost nothing."""
    ahead = now + max(timedelta(hours=24), timedelta(minutes=soon))
    key = literal("confirm:") + cast(Interview.id, String) + literal(":") + cast(Interview.sequence, String)
    confirmed = exists().where(Confirmation.interview_id == Interview.id, Confirmation.party == Party.CANDIDATE,
                               Confirmation.sequence == Interview.sequence)
    alerted = exists().where(Alert.interview_id == Interview.id, Alert.dedupe_key == key)
    # both ends of the range on starts_at, so that SQLite walks the few interviews ahead rather than
    # every past interview's (long passed) confirmation deadline
    return session.execute(select(*NEAR).where(
        Interview.starts_at >= ahead, Interview.starts_at < now + BOOKING_HORIZON, Interview.status.in_(ACTIVE),
        Interview.confirmation_due_at <= now, ~confirmed, ~alerted)).all()


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
    near = _near(session, now, soon)
    rows = near + _overdue_ahead(session, now, soon)
    ids = {r.id for r in near}
    confirmed = {(i, seq) for i, seq in session.execute(select(Confirmation.interview_id, Confirmation.sequence).where(
        Confirmation.interview_id.in_(ids), Confirmation.party == Party.CANDIDATE))} if ids else set()
    known = set(session.scalars(select(Alert.dedupe_key).where(Alert.interview_id.in_(ids)))) if ids else set()
    late = [r for r in near if r.mode == InterviewMode.ONSITE and r.checked_in_at is None
            and r.starts_at + timedelta(minutes=LATE_MINUTES) <= now]
    panels = _panels(session, [r.id for r in late])

    wanted: list[alerts.Wanted] = []

    def want(key: str, kind: str, user_id: int | None, interview_id: int, **detail) -> None:
        if key not in known:
            wanted.append(alerts.Wanted(key, kind, user_id, interview_id, detail=detail))

    for row in rows:
        seq = row.sequence
        is_confirmed = row.id in ids and (row.id, seq) in confirmed   # further ahead: the query checked
        if not is_confirmed and row.confirmation_due_at is not None and row.confirmation_due_at <= now:
            want(f"confirm:{row.id}:{seq}", "confirmation_overdue", row.hr_owner_id, row.id, sequence=seq)
        if not is_confirmed and row.starts_at - timedelta(minutes=soon) <= now < row.starts_at:
            want(f"soon:{row.id}:{seq}", "unconfirmed_soon", row.hr_owner_id, row.id, minutes=soon)
    for row in late:
        for user_id in sorted({row.hr_owner_id, *panels.get(row.id, ())} - {None}):
            want(f"late:{row.id}:{row.sequence}:{user_id}", "late", user_id, row.id, minutes=LATE_MINUTES)
        if row.starts_at + timedelta(minutes=NO_SHOW_MINUTES) <= now:
            want(f"noshow:{row.id}:{row.sequence}", "no_show_suggested", row.hr_owner_id, row.id,
                 minutes=NO_SHOW_MINUTES)
    # raised together (one flush), then what each new alert brings with it
    by_id = {r.id: r for r in rows}
    late_now: dict[int, None] = {}
    for alert in alerts.raise_many(session, wanted):
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
        _message(session, alert)
    for interview_id in late_now:
        timeline.add(session, interview_id, timeline.Event.LATE, None, at=now, minutes=LATE_MINUTES)
    _remind_day_before(session, near, now)
    _escalate(session, raised, now)
    raised.kinds += interview_room.evaluate(session, now, raised.alerts)
    match_alerts.evaluate(session, now, raised)
    after_interview.queue_thank_yous(session, now)
    questions.evaluate(session, now, raised)
    scorecard_deadlines.evaluate(session, now, raised)
    offers.evaluate(session, now, raised)
    session.flush()
    return raised


def _escalate(session: Session, raised: Raised, now: datetime) -> None:
    stuck = session.execute(
        select(ChangeRequest, ApprovalStep, Position.department_id)
        .join(ApprovalChain, ApprovalChain.id == ChangeRequest.chain_id)
        .join(ApprovalStep, (ApprovalStep.chain_id == ApprovalChain.id)
              & (ApprovalStep.position == ChangeRequest.current_step))
        .join(Interview, Interview.id == ChangeRequest.interview_id)
        .join(Application, Application.id == Interview.application_id)
        .join(Position, Position.id == Application.position_id)
        .where(ChangeRequest.status == ChangeStatus.PENDING, ChangeRequest.step_due_at.is_not(None),
               ChangeRequest.step_due_at <= now)).all()
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

