"""What happens around the interview itself: the candidate's confirmation (recorded by HR from a
phone call or in person, or arriving through mail/SMS/iCalendar), interviewers seeing a change,
check-in at reception, late arrival, no-show, start and finish."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import InvalidState, NotFound
from desktop.core.model import (
    Application, Candidate, Channel, Confirmation, Interview, InterviewParticipant, InterviewStatus, Notice,
    Party, Position, ResponseState,
)
from desktop.core.permissions import Action, require
from desktop.core.scheduling import timeline
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


def check_in(session: Session, actor: Actor, interview_id: int) -> int:
    """Reception records the candidate's arrival. Returns minutes late (0 when on time)."""
    require(session, actor, Action.CHECK_IN)
    interview, _, candidate_id = _load(session, interview_id)
    if interview.status not in ACTIVE and interview.status != InterviewStatus.NO_SHOW:
        raise InvalidState("not expecting this candidate", status=interview.status.value)
    if interview.checked_in_at is not None:
        raise InvalidState("already checked in", status="checked_in")
    now = session.info["clock"].now()
    interview.checked_in_at = now
    if interview.status == InterviewStatus.NO_SHOW:
        interview.status = InterviewStatus.SCHEDULED  # came after all; HR decides what to do
    late = max(0, int((now - interview.starts_at).total_seconds() // 60))
    timeline.add(session, interview, timeline.Event.CHECKED_IN, actor, minutes_late=late)
    if late >= LATE_AFTER_MINUTES:
        candidate = session.get(Candidate, candidate_id)
        candidate.late_count += 1
    session.flush()
    return late


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
