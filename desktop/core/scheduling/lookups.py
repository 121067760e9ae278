"""What the scheduling screens pick from and check before anything is written: rooms, people
holding a role, applications to book, positions with their rounds, the facts of one interview, and
the conflicts a booking or a change would meet (the same rules the services apply when saving)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from desktop.core.errors import NotFound, PermissionDenied
from desktop.core.model import (
    Application, ApplicationStage, Candidate, Department, Interview, InterviewMode, ParticipantRole, Position,
    PositionStatus, Role, RoleGrant, Room, Round, User,
)
from desktop.core.permissions import Action, allowed, visible_departments
from desktop.core.scheduling import conflicts as rules
from desktop.core.scheduling.provider import BusyTimes, external_for
from desktop.core.storage.database import Actor

BOOKABLE_STAGES = (ApplicationStage.APPLIED, ApplicationStage.SCREENING, ApplicationStage.INTERVIEWING,
                   ApplicationStage.ON_HOLD)   # 待定 may still be invited to another round


@dataclass(frozen=True)
class RoomChoice:
    id: int
    name: str
    location: str
    capacity: int


@dataclass(frozen=True)
class PersonChoice:
    id: int
    name: str
    username: str
    department: str


@dataclass(frozen=True)
class RoundChoice:
    id: int
    sequence: int
    name: str
    kind: str
    duration_minutes: int


@dataclass(frozen=True)
class ApplicationChoice:
    id: int
    candidate_id: int
    candidate: str
    position_id: int
    position: str
    position_code: str
    stage: str
    rounds: tuple[RoundChoice, ...]


@dataclass(frozen=True)
class PositionChoice:
    id: int
    code: str
    title: str
    department_id: int
    rounds: tuple[RoundChoice, ...]


@dataclass(frozen=True)
class InterviewFacts:
    """One interview as a change dialog needs it: who, when, where, with whom."""

    id: int
    candidate_id: int
    candidate: str
    position: str
    round: str
    department_id: int
    starts_at: datetime
    duration_minutes: int
    mode: str
    room_id: int | None
    room: str
    video_link: str
    interviewer_ids: tuple[int, ...]
    interviewer_names: tuple[str, ...]
    observer_ids: tuple[int, ...]
    status: str
    checked_in: bool

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


def rooms(session: Session) -> list[RoomChoice]:
    found = session.execute(select(Room.id, Room.name, Room.location, Room.capacity)
                            .where(Room.is_active).order_by(Room.name)).all()
    return [RoomChoice(*row) for row in found]


def people(session: Session, role: Role | None = None) -> list[PersonChoice]:
    """Active users, optionally only those holding `role` (in any department)."""
    query = (select(User.id, User.display_name, User.username, Department.name)
             .outerjoin(Department, Department.id == User.department_id).where(User.is_active))
    if role is not None:
        query = query.where(User.id.in_(select(RoleGrant.user_id).where(RoleGrant.role == role)))
    found = session.execute(query.order_by(Department.name, User.display_name, User.id)).all()
    return [PersonChoice(i, name or username, username, dept or "") for i, name, username, dept in found]


def _rounds_of(session: Session, position_ids: set[int]) -> dict[int, tuple[RoundChoice, ...]]:
    found: dict[int, list[RoundChoice]] = {}
    if position_ids:
        for r in session.scalars(select(Round).where(Round.position_id.in_(position_ids))
                                 .order_by(Round.position_id, Round.sequence)):
            found.setdefault(r.position_id, []).append(RoundChoice(r.id, r.sequence, r.name, r.kind.value,
                                                                   r.duration_minutes))
    return {pid: tuple(rounds) for pid, rounds in found.items()}


def _scheduling_scope(session: Session, actor: Actor) -> list:
    depts = visible_departments(session, actor, Action.INTERVIEW_SCHEDULE)
    return [] if depts is None else [Position.department_id.in_(depts)]


def find_applications(session: Session, actor: Actor, text: str = "", *, position_id: int | None = None,
                      application_id: int | None = None, limit: int = 50) -> list[ApplicationChoice]:
    """Applications that can be booked, found by the candidate's name or the position's title or code
    (or the one `application_id`), in the departments where the actor may schedule."""
    conditions = [Application.stage.in_(BOOKABLE_STAGES), *_scheduling_scope(session, actor)]
    if application_id is not None:
        conditions.append(Application.id == application_id)
    if text.strip():
        word = text.strip()
        conditions.append(or_(Candidate.name.contains(word), Position.title.contains(word),
                              Position.code.contains(word.upper())))
    if position_id is not None:
        conditions.append(Application.position_id == position_id)
    found = session.execute(
        select(Application.id, Candidate.id, Candidate.name, Position.id, Position.title, Position.code,
               Application.stage)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .join(Position, Position.id == Application.position_id)
        .where(*conditions).order_by(Candidate.name, Application.id).limit(max(1, min(limit, 500)))).all()
    rounds = _rounds_of(session, {row[3] for row in found})
    return [ApplicationChoice(aid, cid, name, pid, title, code, stage.value, rounds.get(pid, ()))
            for aid, cid, name, pid, title, code, stage in found]


def positions(session: Session, actor: Actor) -> list[PositionChoice]:
    """Open positions in the departments where the actor may schedule, with their rounds."""
    found = session.execute(select(Position.id, Position.code, Position.title, Position.department_id)
                            .where(Position.status == PositionStatus.OPEN, *_scheduling_scope(session, actor))
                            .order_by(Position.code)).all()
    rounds = _rounds_of(session, {row[0] for row in found})
    return [PositionChoice(pid, code, title, dept, rounds.get(pid, ())) for pid, code, title, dept in found]


def interview_facts(session: Session, actor: Actor, interview_id: int) -> InterviewFacts:
    row = session.execute(
        select(Interview, Candidate.id, Candidate.name, Position.title, Position.department_id, Round.name, Room.name)
        .options(selectinload(Interview.participants))
        .join(Application, Application.id == Interview.application_id)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .join(Position, Position.id == Application.position_id)
        .join(Round, Round.id == Interview.round_id)
        .outerjoin(Room, Room.id == Interview.room_id)
        .where(Interview.id == interview_id)).first()
    if row is None:
        raise NotFound("interview", entity="interview")
    interview, candidate_id, candidate, position, department_id, round_name, room = row
    if not allowed(session, actor, Action.INTERVIEW_VIEW, department_id):
        raise PermissionDenied(Action.INTERVIEW_VIEW.value, action=Action.INTERVIEW_VIEW.value)
    interviewers = sorted(p.user_id for p in interview.participants if p.role == ParticipantRole.INTERVIEWER)
    names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(interviewers))).all())
    return InterviewFacts(
        interview.id, candidate_id, candidate, position, round_name, department_id, interview.starts_at,
        interview.duration_minutes, interview.mode.value, interview.room_id, room or "", interview.video_link or "",
        tuple(interviewers), tuple(names.get(i, "") for i in interviewers),
        tuple(sorted(p.user_id for p in interview.participants if p.role == ParticipantRole.OBSERVER)),
        interview.status.value, interview.checked_in_at is not None)


def _instant(value: Any) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(str(value))


def check_change(session: Session, facts: InterviewFacts, proposed: dict[str, Any]) -> list[rules.Conflict]:
    """The conflicts the interview would meet with `proposed` (keys as in a change request's
    snapshot: starts_at, duration_minutes, mode, room_id, interviewer_ids; missing keys keep the
    current value). A cancellation meets none."""
    if proposed.get("status") == "cancelled":
        return []
    mode = InterviewMode(proposed.get("mode", facts.mode))
    proposal = rules.Proposal(
        starts_at=_instant(proposed.get("starts_at", facts.starts_at)),
        duration_minutes=int(proposed.get("duration_minutes", facts.duration_minutes)), mode=mode,
        room_id=proposed.get("room_id", facts.room_id) if mode == InterviewMode.ONSITE else None,
        interviewer_ids=tuple(proposed.get("interviewer_ids", facts.interviewer_ids)),
        observer_ids=facts.observer_ids, candidate_id=facts.candidate_id, exclude_interview_id=facts.id)
    return rules.check(session, proposal, session.info["clock"].now(), _external(session, proposal))


def check_booking(session: Session, application_id: int, starts_at: datetime, duration_minutes: int,
                  mode: InterviewMode, room_id: int | None, interviewer_ids: tuple[int, ...],
                  observer_ids: tuple[int, ...] = ()) -> list[rules.Conflict]:
    """The conflicts a new booking would meet, before it is saved."""
    candidate_id = session.scalar(select(Application.candidate_id).where(Application.id == application_id))
    if candidate_id is None:
        raise NotFound("application", entity="application")
    proposal = rules.Proposal(starts_at=starts_at, duration_minutes=duration_minutes, mode=mode,
                              room_id=room_id if mode == InterviewMode.ONSITE else None,
                              interviewer_ids=interviewer_ids, observer_ids=observer_ids, candidate_id=candidate_id)
    return rules.check(session, proposal, session.info["clock"].now(), _external(session, proposal))


def _external(session: Session, proposal: rules.Proposal) -> BusyTimes | None:
    """The interviewers' and room's calendars on the calendar server, when one is configured."""
    rooms = [proposal.room_id] if proposal.room_id and proposal.mode == InterviewMode.ONSITE else []
    return external_for(session, proposal.people, rooms, proposal.starts_at, proposal.ends_at)


def names(session: Session, user_ids: set[int], room_ids: set[int]) -> tuple[dict[int, str], dict[int, str]]:
    """Display names of users and rooms, for showing what a change request proposes."""
    users = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids))).all()) \
        if user_ids else {}
    places = dict(session.execute(select(Room.id, Room.name).where(Room.id.in_(room_ids))).all()) if room_ids else {}
    return users, places

