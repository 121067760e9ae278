"""The reminder engine: finds what is due in the database and raises each alert exactly once.

Every alert has a dedupe key built from what it is about and the interview's sequence number, so
evaluating again (every minute, after a restart, from two desktops at once) never fires twice,
while a rescheduled interview gets fresh alerts for its new time."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core import after_interview, interview_room, questions, settings
from desktop.core.model import (
    ApprovalChain, ApprovalStep, ChangeRequest, ChangeStatus, Confirmation, FollowUpTask, Interview,
    InterviewMode, InterviewStatus, OutboxEntry, Party, Application, Position,
)
from desktop.core.notifications import routing
from desktop.core.scheduling import alerts, chains, effects, match_alerts, timeline

ACTIVE = (InterviewStatus.SCHEDULED, InterviewStatus.CONFIRMED, InterviewStatus.PENDING_APPROVAL)
LATE_MINUTES = 10
NO_SHOW_MINUTES = 30


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
    if kind in routing.ALERT_EVENTS and user_id is not None and interview_id is not None:
        interview = session.get(Interview, interview_id)
        audience = routing.HR if user_id == interview.hr_owner_id else routing.INTERVIEWER
        routing.staff_messages(session, audience, {user_id}, routing.ALERT_EVENTS[kind], f"alert:{key}",
                               effects.details(session, interview) | {"alert": kind, **detail}, interview_id)
    return True


def _remind_day_before(session: Session, interviews: list[Interview], now: datetime) -> None:
    """The candidate's reminder, a day ahead (and at least two hours before), unless the notice of
    this version went out in the last twelve hours and already told them. Two queries for all the
    interviews this minute, not two per interview (the engine runs every minute on every desktop);
    the candidate's details are looked up only for a reminder not yet queued."""
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
        OutboxEntry.dedupe_key.in_(set().union(*wanted.values())))))
    for interview in window:
        if interview.id in told or (wanted[interview.id] and wanted[interview.id] <= queued):
            continue
        entries = effects.candidate_messages(session, interview, "reminder_day_before")
        if routing.queue(session, entries):
            timeline.add(session, interview, timeline.Event.REMINDER_SENT, None, at=now,
                         channels=[values["channel"] for _, values in entries], sequence=interview.sequence)


def _confirmed(session: Session, interview: Interview) -> bool:
    return session.scalar(select(Confirmation.id).where(
        Confirmation.interview_id == interview.id, Confirmation.party == Party.CANDIDATE,
        Confirmation.sequence == interview.sequence)) is not None


def _interviewers(interview: Interview) -> list[int]:
    return sorted(p.user_id for p in interview.participants)


def evaluate(session: Session, now: datetime | None = None) -> Raised:
    now = now or session.info["clock"].now()
    raised = Raised()
    soon = settings.institution_value(session, "reminders.unconfirmed_minutes_before")
    candidates = session.scalars(
        select(Interview).options(selectinload(Interview.participants))
        .where(Interview.status.in_(ACTIVE), Interview.starts_at > now - timedelta(hours=12),
               # an interview booked weeks ahead has its confirmation deadline an hour after booking
               (Interview.starts_at < now + timedelta(days=14)) | (Interview.confirmation_due_at <= now))).all()
    for interview in candidates:
        seq = interview.sequence
        hr = interview.hr_owner_id
        confirmed = _confirmed(session, interview)
        if (not confirmed and interview.confirmation_due_at is not None and interview.confirmation_due_at <= now
                and _raise(session, raised, f"confirm:{interview.id}:{seq}", "confirmation_overdue", user_id=hr,
                           interview_id=interview.id, sequence=seq)):
            timeline.add(session, interview, timeline.Event.CONFIRMATION_OVERDUE, None, sequence=seq)
            if hr is not None:
                session.add(FollowUpTask(interview_id=interview.id, assignee_id=hr, title="call_unconfirmed",
                                         due_at=min(interview.starts_at, now + timedelta(minutes=30)), created_at=now))
        if not confirmed and interview.starts_at - timedelta(minutes=soon) <= now < interview.starts_at:
            _raise(session, raised, f"soon:{interview.id}:{seq}", "unconfirmed_soon", user_id=hr,
                   interview_id=interview.id, minutes=soon)
        if interview.mode == InterviewMode.ONSITE and interview.checked_in_at is None:
            if interview.starts_at + timedelta(minutes=LATE_MINUTES) <= now:
                first = False
                for user_id in sorted({hr, *_interviewers(interview)} - {None}):
                    first |= _raise(session, raised, f"late:{interview.id}:{seq}:{user_id}", "late", user_id=user_id,
                                    interview_id=interview.id, minutes=LATE_MINUTES)
                if first:
                    timeline.add(session, interview, timeline.Event.LATE, None, at=now, minutes=LATE_MINUTES)
            if interview.starts_at + timedelta(minutes=NO_SHOW_MINUTES) <= now:
                _raise(session, raised, f"noshow:{interview.id}:{seq}", "no_show_suggested", user_id=hr,
                       interview_id=interview.id, minutes=NO_SHOW_MINUTES)
    _remind_day_before(session, candidates, now)
    _escalate(session, raised, now)
    raised.kinds += interview_room.evaluate(session, now, raised.alerts)
    match_alerts.evaluate(session, now, raised)
    after_interview.queue_thank_yous(session, now)
    questions.evaluate(session, now, raised)
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

