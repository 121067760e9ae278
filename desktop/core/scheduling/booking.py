"""Booking interviews: one at a time with a conflict check, or a batch of candidates placed into
consecutive slots of an interview day."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from types import SimpleNamespace

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desktop.core import audit, next_round
from desktop.core.errors import ConflictsFound, NotFound, ValidationFailed
from desktop.core.model import (
    CLOSED_STAGES, Application, ApplicationStage, Interview, InterviewMode, InterviewParticipant, InterviewStatus,
    ParticipantRole, Position, Round,
)
from desktop.core.model.base import run_built
from desktop.core.permissions import Action, require
from desktop.core.scheduling import conflicts as rules
from desktop.core.scheduling import effects, timeline
from desktop.core.scheduling.office import OfficeHours
from desktop.core.scheduling.provider import BusyTimes
from desktop.core.storage.database import Actor


@dataclass(frozen=True)
class BookingInput:
    application_id: int
    round_id: int
    starts_at: datetime
    duration_minutes: int
    mode: InterviewMode
    interviewer_ids: tuple[int, ...]
    room_id: int | None = None
    video_link: str = ""
    observer_ids: tuple[int, ...] = ()
    notes: str = ""


@dataclass(frozen=True)
class Booked:
    interview_id: int
    overridden: tuple[rules.Conflict, ...] = ()


def validate(data: BookingInput) -> None:
    problems: dict[str, str] = {}
    if data.starts_at.tzinfo is None:
        problems["starts_at"] = "naive_time"
    if not 10 <= data.duration_minutes <= 480:
        problems["duration_minutes"] = "range"
    if not data.interviewer_ids:
        problems["interviewer_ids"] = "required"
    if set(data.interviewer_ids) & set(data.observer_ids):
        problems["observer_ids"] = "overlaps_interviewers"
    if data.mode == InterviewMode.ONSITE and data.room_id is None:
        problems["room_id"] = "required"
    if data.mode == InterviewMode.VIDEO and not data.video_link.strip().lower().startswith(("https://", "http://")):
        problems["video_link"] = "link_format"
    if problems:
        raise ValidationFailed(problems)


_APPLICATION = (select(Application, Position.department_id).join(Position, Position.id == Application.position_id)
                .where(Application.id == bindparam("application")))


_ROUND_POSITION = select(Round.position_id).where(Round.id == bindparam("round"))


def _department_of_application(session: Session, application_id: int) -> tuple[Application, int]:
    row = session.execute(_APPLICATION, {"application": application_id}).first()
    if row is None:
        raise NotFound("application", entity="application")
    return row[0], row[1]


def refuse_conflicts(found: list[rules.Conflict], override_reason: str) -> None:
    """Raise unless every conflict is soft and HR gave a reason. Called before anything is added to
    the session, so a caller that catches the refusal and goes on has nothing half-written."""
    if found and (any(c.hard for c in found) or not override_reason.strip()):
        raise ConflictsFound(found, overridable=not any(c.hard for c in found))


def guard_conflicts(session: Session, actor: Actor, found: list[rules.Conflict], override_reason: str,
                    entity: str, entity_id: object) -> tuple[rules.Conflict, ...]:
    """Raise unless every conflict is soft and HR gave a reason; record the override in the audit log."""
    if not found:
        return ()
    refuse_conflicts(found, override_reason)
    audit.record(session, "override", entity, entity_id, reason=override_reason.strip(),
                 conflicts=[c.kind.value for c in found])
    return tuple(found)


def book(session: Session, actor: Actor, data: BookingInput, *, override_reason: str = "",
         external: BusyTimes | None = None) -> Booked:
    validate(data)
    application, department_id = _department_of_application(session, data.application_id)
    require(session, actor, Action.INTERVIEW_SCHEDULE, department_id)
    if application.stage in CLOSED_STAGES:   # hired, not hired or withdrawn: reopen it first
        raise ValidationFailed({"application_id": "closed"})
    candidate = effects.candidate_of(session, application.id)   # its contacts go into the notices
    if candidate.restricted:                 # PIPL: processing restricted on the candidate's request
        raise ValidationFailed({"candidate_id": "restricted"})
    if run_built(session, _ROUND_POSITION, {"round": data.round_id}).scalar() != application.position_id:
        raise ValidationFailed({"round_id": "choice"})   # no such round, or another position's
    now = session.info["clock"].now()
    proposal = rules.Proposal(starts_at=data.starts_at, duration_minutes=data.duration_minutes, mode=data.mode,
                              room_id=data.room_id if data.mode == InterviewMode.ONSITE else None,
                              interviewer_ids=data.interviewer_ids, observer_ids=data.observer_ids,
                              candidate_id=application.candidate_id)
    found = rules.check(session, proposal, now, external)
    refuse_conflicts(found, override_reason)
    # The interview and its panel are written as rows (audit.insert_rows), not through the unit of
    # work: nothing in this transaction reads them back as objects. `interview` is the row as the
    # notices read it (its values, its id and its panel), not a mapped object.
    row = dict(uid=f"{uuid.uuid4()}@interviewdesk", application_id=application.id, round_id=data.round_id,
               starts_at=data.starts_at, duration_minutes=data.duration_minutes, mode=data.mode,
               room_id=proposal.room_id, video_link=data.video_link.strip() or None,
               status=InterviewStatus.SCHEDULED, sequence=0, hr_owner_id=actor.user_id, notes=data.notes,
               created_at=now, confirmation_due_at=effects.confirmation_deadline(session, now, data.starts_at))
    panel = ([(u, ParticipantRole.INTERVIEWER) for u in data.interviewer_ids]
             + [(u, ParticipantRole.OBSERVER) for u in data.observer_ids])
    interview = SimpleNamespace(**row, participants=[SimpleNamespace(user_id=u, role=role) for u, role in panel])
    with audit.one_append(session), session.no_autoflush:   # the whole booking: one append to the chain
        [interview.id] = audit.insert_rows(session, Interview, [row], by="uid")
        audit.insert_rows(session, InterviewParticipant, [
            {"interview_id": interview.id, "user_id": u, "role": role} for u, role in panel], by="user_id")
        overridden = guard_conflicts(session, actor, found, override_reason, "Interview", interview.id)
        events = [(timeline.Event.CONFLICT_OVERRIDDEN, {"reason": override_reason.strip(),
                                                        "conflicts": [c.kind.value for c in overridden]})
                  ] if overridden else []
        if application.stage in (ApplicationStage.APPLIED, ApplicationStage.SCREENING):
            application.stage = ApplicationStage.INTERVIEWING
        events.append((timeline.Event.INVITED, {"starts_at": data.starts_at.isoformat(),
                                                "confirm_by": interview.confirmation_due_at.isoformat()}))
        timeline.add_at_once(session, interview.id, events, actor)
        effects.announce(session, interview, "create", candidate=candidate)
        next_round.settle_alerts(session, actor, application.id, data.round_id)   # HR's "book the next round" is done
        session.flush()
    return Booked(interview.id, overridden)


@dataclass(frozen=True)
class BatchInput:
    application_ids: tuple[int, ...]
    round_id_by_application: dict[int, int]
    day: date
    duration_minutes: int
    mode: InterviewMode
    interviewer_ids: tuple[int, ...]
    room_id: int | None = None
    video_link: str = ""
    first_start: datetime | None = None   # default: the start of the working day
    gap_minutes: int = 0                   # pause between two candidates


@dataclass(frozen=True)
class BatchResult:
    booked: list[tuple[int, int, datetime]] = field(default_factory=list)  # (application, interview, start)
    unplaced: list[int] = field(default_factory=list)


def plan_batch(session: Session, data: BatchInput, now: datetime) -> tuple[list[tuple[int, datetime]], list[int]]:
    """Consecutive slots on `day` inside the working windows (the lunch break is kept), skipping
    times when an interviewer, the room or the candidate is taken. Nothing is written."""
    hours = OfficeHours.load(session)
    length = timedelta(minutes=data.duration_minutes)
    gap = timedelta(minutes=data.gap_minutes)
    windows = hours.windows(data.day)
    plan: list[tuple[int, datetime]] = []
    queue = list(data.application_ids)
    for window_start, window_end in windows:
        t = max(window_start, data.first_start or window_start)
        while queue and t + length <= window_end:
            application_id = queue[0]
            application = session.get(Application, application_id)
            if application is None:
                raise NotFound("application", entity="application")
            proposal = rules.Proposal(starts_at=t, duration_minutes=data.duration_minutes, mode=data.mode,
                                      room_id=data.room_id if data.mode == InterviewMode.ONSITE else None,
                                      interviewer_ids=data.interviewer_ids, candidate_id=application.candidate_id)
            found = [c for c in rules.check(session, proposal, now) if c.kind not in (rules.ConflictKind.ROOM_TOO_SMALL,)]
            taken_by_plan = any(s < t + length and t < s + length for _, s in plan)
            if found or taken_by_plan:
                t += timedelta(minutes=15)
                continue
            plan.append((application_id, t))
            queue.pop(0)
            t += length + gap
    return plan, queue


def book_batch(session: Session, actor: Actor, data: BatchInput) -> BatchResult:
    """Book every candidate that fits, in one transaction; the rest are reported as unplaced."""
    now = session.info["clock"].now()
    plan, unplaced = plan_batch(session, data, now)
    result = BatchResult(unplaced=list(unplaced))
    for application_id, start in plan:
        booked = book(session, actor, BookingInput(
            application_id=application_id, round_id=data.round_id_by_application[application_id], starts_at=start,
            duration_minutes=data.duration_minutes, mode=data.mode, interviewer_ids=data.interviewer_ids,
            room_id=data.room_id, video_link=data.video_link))
        result.booked.append((application_id, booked.interview_id, start))
    return result
