"""What happens around the interview itself: the candidate's confirmation (recorded by HR from a
phone call or in person, or arriving through mail/SMS/iCalendar), interviewers seeing a change,
check-in at reception, late arrival, no-show, start and finish."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.errors import CheckInRefused, InvalidState, NotFound, ValidationFailed
from desktop.core.model import (
    Application, Candidate, Channel, Confirmation, Interview, InterviewParticipant, InterviewStatus, Notice,
    Party, Position, ResponseState, TimelineEvent,
)
from desktop.core.permissions import Action, require
from desktop.core.scheduling import timeline
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor

LATE_AFTER_MINUTES = 10
ACTIVE = (InterviewStatus.SCHEDULED, InterviewStatus.CONFIRMED, InterviewStatus.PENDING_APPROVAL)


def _load(session: Session, interview_id: int) -> tuple[Interview, int, int]:
    row = session.execute(select(Interview, Position.department_id, Application.candidate_id)
                          .join(Application, Application.id == Interview.application_id)
                          .join(Position, Position.id == Application.position_id)
                          .where(Interview.id == interview_id)).first()
    if row is None:
        raise NotFound("interview", entity="interview")
    return row[0], row[1], row[2]


def candidate_confirmed(session: Session, interview: Interview) -> bool:
    return session.scalar(select(Confirmation.id).where(
        Confirmation.interview_id == interview.id, Confirmation.party == Party.CANDIDATE,
        Confirmation.sequence == interview.sequence)) is not None


def record_confirmation(session: Session, actor: Actor | None, interview_id: int, channel: Channel, *,
                        sequence: int | None = None, note: str = "", at: datetime | None = None) -> bool:
    """The candidate confirmed. A confirmation of an older sequence is recorded on the timeline but
    does not confirm the current time. Returns True when the current version is now confirmed."""
    interview, department_id, _ = _load(session, interview_id)
    if actor is not None and not actor.system:
        require(session, actor, Action.INTERVIEW_SCHEDULE, department_id)
    now = at or session.info["clock"].now()
    seq = interview.sequence if sequence is None else sequence
    current = seq == interview.sequence
    session.add(Confirmation(interview_id=interview.id, party=Party.CANDIDATE, sequence=seq, channel=channel,
                             confirmed_at=now, recorded_by_id=actor.user_id if actor else None, note=note))
    timeline.add(session, interview, timeline.Event.CONFIRMED, actor, at=now, channel=channel.value, sequence=seq,
                 current=current, note=note)
    if current and interview.status == InterviewStatus.SCHEDULED:
        interview.status = InterviewStatus.CONFIRMED
    session.flush()
    return current


def mark_seen(session: Session, actor: Actor, interview_id: int) -> bool:
    """An interviewer opened the interview (or its notice): record that they saw this version."""
    interview, _, _ = _load(session, interview_id)
    participant = session.scalar(select(InterviewParticipant).where(
        InterviewParticipant.interview_id == interview.id, InterviewParticipant.user_id == actor.user_id))
    if participant is None or participant.seen_sequence >= interview.sequence:
        return False
    now = session.info["clock"].now()
    participant.seen_sequence = interview.sequence
    participant.seen_at = now
    for notice in session.scalars(select(Notice).where(Notice.user_id == actor.user_id,
                                                       Notice.interview_id == interview.id,
                                                       Notice.seen_at.is_(None))):
        notice.seen_at = now
    timeline.add(session, interview, timeline.Event.INTERVIEWER_SAW, actor, sequence=interview.sequence)
    session.flush()
    return True


def record_response(session: Session, interview_id: int, user_id: int, response: ResponseState,
                    label: str, at: datetime | None = None) -> None:
    """An interviewer accepted, declined or tentatively accepted (from Exchange or in the app)."""
    interview, _, _ = _load(session, interview_id)
    participant = session.scalar(select(InterviewParticipant).where(
        InterviewParticipant.interview_id == interview.id, InterviewParticipant.user_id == user_id))
    if participant is None:
        raise NotFound("participant", entity="participant")
    now = at or session.info["clock"].now()
    participant.response, participant.responded_at = response, now
    if participant.seen_sequence < interview.sequence:
        participant.seen_sequence, participant.seen_at = interview.sequence, now
    kind = {ResponseState.ACCEPTED: timeline.Event.INTERVIEWER_ACCEPTED,
            ResponseState.DECLINED: timeline.Event.INTERVIEWER_DECLINED,
            ResponseState.TENTATIVE: timeline.Event.INTERVIEWER_TENTATIVE}[response]
    timeline.add(session, interview, kind, None, at=now, user_id=user_id, who=label)
    session.flush()


@dataclass(frozen=True)
class CheckInWindow:
    """When reception may check a candidate in: on the interview's day (office time), from
    `opens` to `closes` (the settings attendance.checkin_window_before/after_minutes around the start)."""
    day: date
    opens: datetime
    closes: datetime

    def refusal(self, now: datetime, hours: OfficeHours) -> CheckInRefused | None:
        if self.opens <= now <= self.closes:
            return None
        reason = "other_day" if hours.local(now).date() != self.day else "too_early" if now < self.opens else "too_late"
        return CheckInRefused(reason, f"{self.day:%Y-%m-%d}", f"{hours.local(self.opens):%H:%M}",
                              f"{hours.local(self.closes):%H:%M}")


def checkin_window(session: Session, starts_at: datetime, hours: OfficeHours | None = None) -> CheckInWindow:
    hours = hours or OfficeHours.load(session)
    before = settings.institution_value(session, "attendance.checkin_window_before_minutes")
    after = settings.institution_value(session, "attendance.checkin_window_after_minutes")
    day = hours.local(starts_at).date()
    start_of_day = hours.at(day, datetime.min.time())
    # the window never reaches into another day: a check-in belongs to the interview's day
    opens = max(starts_at - timedelta(minutes=before), start_of_day)
    closes = min(starts_at + timedelta(minutes=after), start_of_day + timedelta(days=1) - timedelta(seconds=1))
    return CheckInWindow(day, opens, closes)


def check_in(session: Session, actor: Actor, interview_id: int) -> int:
    """Reception records the candidate's arrival, only within the check-in window of the
    interview's day. Returns minutes late (0 when on time)."""
    require(session, actor, Action.CHECK_IN)
    interview, _, candidate_id = _load(session, interview_id)
    if interview.status not in ACTIVE and interview.status != InterviewStatus.NO_SHOW:
        raise InvalidState("not expecting this candidate", status=interview.status.value)
    if interview.checked_in_at is not None:
        raise InvalidState("already checked in", status="checked_in")
    now = session.info["clock"].now()
    hours = OfficeHours.load(session)
    refused = checkin_window(session, interview.starts_at, hours).refusal(now, hours)
    if refused is not None:
        raise refused
    interview.checked_in_at = now
    came_after_no_show = interview.status == InterviewStatus.NO_SHOW
    if came_after_no_show:
        interview.status = InterviewStatus.SCHEDULED  # came after all; HR decides what to do
    late = max(0, int((now - interview.starts_at).total_seconds() // 60))
    timeline.add(session, interview, timeline.Event.CHECKED_IN, actor, minutes_late=late,
                 after_no_show=came_after_no_show)
    if late >= LATE_AFTER_MINUTES:
        candidate = session.get(Candidate, candidate_id)
        candidate.late_count += 1
    session.flush()
    return late


def undo_check_in(session: Session, actor: Actor, interview_id: int, reason: str) -> None:
    """Take back a mistaken check-in (the wrong candidate, a slip of the mouse): the interview
    expects the candidate again, a late arrival stops counting against them, and the timeline keeps
    both the check-in and its undoing with who, when and why (the audit log records the change)."""
    require(session, actor, Action.CHECK_IN)
    reason = " ".join(reason.split())
    if not reason:
        raise ValidationFailed({"reason": "required"})
    interview, _, candidate_id = _load(session, interview_id)
    if interview.checked_in_at is None:
        raise InvalidState("not checked in", status="not_checked_in")
    if interview.status not in ACTIVE:
        raise InvalidState("cannot undo check-in", status=interview.status.value)
    checked_in_at = interview.checked_in_at
    late = max(0, int((checked_in_at - interview.starts_at).total_seconds() // 60))
    if late >= LATE_AFTER_MINUTES:
        candidate = session.get(Candidate, candidate_id)
        candidate.late_count = max(0, candidate.late_count - 1)
    interview.checked_in_at = None
    last = session.scalar(select(TimelineEvent).where(
        TimelineEvent.interview_id == interview.id, TimelineEvent.kind == timeline.Event.CHECKED_IN.value)
        .order_by(TimelineEvent.at.desc(), TimelineEvent.id.desc()).limit(1))
    if last is not None and (last.detail or {}).get("after_no_show"):
        interview.status = InterviewStatus.NO_SHOW   # back to what HR had recorded before the slip
    timeline.add(session, interview, timeline.Event.CHECK_IN_UNDONE, actor, reason=reason,
                 checked_in_at=checked_in_at.isoformat())
    session.flush()


def mark_no_show(session: Session, actor: Actor, interview_id: int) -> None:
    interview, department_id, candidate_id = _load(session, interview_id)
    require(session, actor, Action.INTERVIEW_SCHEDULE, department_id)
    if interview.checked_in_at is not None or interview.status not in ACTIVE:
        raise InvalidState("cannot mark no-show", status=interview.status.value)
    interview.status = InterviewStatus.NO_SHOW
    session.get(Candidate, candidate_id).no_show_count += 1
    timeline.add(session, interview, timeline.Event.NO_SHOW, actor)
    session.flush()


def mark_started(session: Session, actor: Actor, interview_id: int) -> None:
    interview, department_id, _ = _load(session, interview_id)
    if not any(p.user_id == actor.user_id for p in interview.participants):
        require(session, actor, Action.INTERVIEW_SCHEDULE, department_id)
    if interview.status not in ACTIVE:
        raise InvalidState("cannot start", status=interview.status.value)
    interview.status = InterviewStatus.IN_PROGRESS
    timeline.add(session, interview, timeline.Event.STARTED, actor)
    session.flush()


def mark_finished(session: Session, actor: Actor, interview_id: int) -> None:
    interview, department_id, _ = _load(session, interview_id)
    if not any(p.user_id == actor.user_id for p in interview.participants):
        require(session, actor, Action.INTERVIEW_SCHEDULE, department_id)
    if interview.status != InterviewStatus.IN_PROGRESS:
        raise InvalidState("not in progress", status=interview.status.value)
    interview.status = InterviewStatus.FINISHED
    timeline.add(session, interview, timeline.Event.FINISHED, actor)
    session.flush()
