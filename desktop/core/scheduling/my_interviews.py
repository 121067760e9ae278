"""我的面试 (My interviews): the interviewer's desk. For the signed-in user, the interviews they sit on
(as interviewer or observer) today and in the next two weeks, and for each what they need to
prepare: the candidate's profile masked by role as everywhere else, the position's requirements,
the earlier rounds of the same application (with the submitted recommendations when the setting
desk.show_earlier_results allows), the place or video link and the planned duration.

Opening an interview here records "seen" on its timeline (attendance.mark_seen), as opening its
notice does. A participant always sees their own interview; others need INTERVIEW_VIEW for its
department (HR opening a deep link, for instance)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, func, select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.errors import NotFound
from desktop.core.model import (
    Application, Candidate, Department, Interview, InterviewParticipant, InterviewStatus, Position,
    PositionRequirement, Room, Round, Scorecard, ScorecardStatus, User,
)
from desktop.core.permissions import Action, allowed
from desktop.core.scheduling import attendance, views
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor
from desktop.core.validation import mask_email, mask_phone

if TYPE_CHECKING:
    from desktop.core.services.overview import Rights

DAYS_AHEAD = 14          # today and the next two weeks
PAGE_SIZE = 100


@dataclass(frozen=True)
class DeskRow:
    """One line of the list: enough to pick the interview and see whether it was looked at."""
    interview_id: int
    starts_at: datetime
    ends_at: datetime
    candidate: str          # masked for a viewer who may not see the department's candidates
    position: str
    round: str
    place: str              # the room's name, or the video link
    mode: str
    state: str              # views.live_state
    role: str               # interviewer / observer
    seen_current: bool      # this version of the interview has been opened


@dataclass(frozen=True)
class DeskList:
    day: date               # the office's today
    rows: list[DeskRow]
    total: int              # all matching interviews; rows is one page of them
    offset: int = 0

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.rows) < self.total


def _window(session: Session, days: int) -> tuple[date, datetime, datetime]:
    hours = OfficeHours.load(session)
    today = hours.local(session.info["clock"].now()).date()
    start = hours.at(today, time.min)
    return today, start, hours.at(today + timedelta(days=days + 1), time.min)


def my_interviews(session: Session, actor: Actor, *, offset: int = 0, limit: int = PAGE_SIZE,
                  days: int = DAYS_AHEAD) -> DeskList:
    """The user's interviews from the start of today to the end of the `days`-th day ahead, by start
    time, one page at a time (sorted and paged in SQL); cancelled ones are left out."""
    from desktop.core.services.overview import rights   # the lists' rules of who sees what: loaded with the page

    today, start, end = _window(session, days)
    conditions = (InterviewParticipant.user_id == actor.user_id, Interview.starts_at >= start,
                  Interview.starts_at < end, Interview.status != InterviewStatus.CANCELLED)
    total = session.scalar(select(func.count()).select_from(Interview)
                           .join(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
                           .where(*conditions)) or 0
    rows = session.execute(
        select(Interview, InterviewParticipant, Candidate.name, Position.title, Position.department_id, Round.name,
               Room.name)
        .join(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
        .join(Application, Application.id == Interview.application_id)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .join(Position, Position.id == Application.position_id)
        .join(Round, Round.id == Interview.round_id)
        .outerjoin(Room, Room.id == Interview.room_id)
        .where(*conditions).order_by(Interview.starts_at, Interview.id)
        .offset(max(offset, 0)).limit(max(limit, 1))).all()
    interviews = [r[0] for r in rows]
    confirmed = views._confirmed_ids(session, interviews)
    pending = views.pending_moves(session, [i.id for i in interviews])
    now = session.info["clock"].now()
    seen_rights: dict[int, Rights] = {}
    found = []
    for interview, me, name, title, department_id, round_name, room in rows:
        may = seen_rights.get(department_id) or seen_rights.setdefault(department_id,
                                                                       rights(session, actor, department_id))
        found.append(DeskRow(
            interview.id, interview.starts_at, interview.starts_at + timedelta(minutes=interview.duration_minutes),
            may.name(name), title, round_name, room or (interview.video_link or ""), interview.mode.value,
            views.live_state(interview, interview.id in confirmed, now, interview.id in pending), me.role.value,
            me.seen_sequence >= interview.sequence))
    return DeskList(today, found, total, max(offset, 0))


@dataclass(frozen=True)
class CandidateSummary:
    """The profile as the viewer's role may see it. Without CANDIDATE_VIEW for the department only
    the masked name is given (`visible` False), as the candidate pages would refuse the rest."""
    id: int
    name: str
    visible: bool
    gender: str = ""
    phone: str = ""
    email: str = ""
    masked: frozenset[str] = frozenset()
    education: str = ""
    school: str = ""
    major: str = ""
    years_experience: int = 0
    certificates: str = ""
    skills: str = ""
    experience: str = ""
    resume_summary: str = ""
    profile_extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Requirement:
    kind: str               # RequirementKind value
    label: str
    value: str
    weight: int


@dataclass(frozen=True)
class PositionBrief:
    id: int
    code: str
    title: str
    department: str
    education: str
    min_years: int
    skills: str
    description: str
    requirements: list[Requirement]


@dataclass(frozen=True)
class EarlierResult:
    interviewer: str
    recommendation: str     # Recommendation value, "" when the scorecard gave none
    submitted_at: datetime


@dataclass(frozen=True)
class EarlierRound:
    interview_id: int
    round: str
    starts_at: datetime
    status: str
    results: list[EarlierResult]


@dataclass(frozen=True)
class PanelMember:
    user_id: int
    name: str
    role: str


@dataclass(frozen=True)
class Preparation:
    interview_id: int
    starts_at: datetime
    ends_at: datetime
    planned_minutes: int    # the round's planned duration
    mode: str
    room: str
    room_location: str
    video_link: str
    status: str
    state: str
    round: str
    my_role: str            # interviewer / observer, "" when the viewer is not on the panel
    seen_current: bool
    panel: list[PanelMember]
    candidate: CandidateSummary
    position: PositionBrief
    earlier: list[EarlierRound]
    earlier_results_shown: bool     # desk.show_earlier_results


def _may_open(session: Session, actor: Actor, interview_id: int) -> tuple[Interview, int, bool]:
    """The interview, its department and whether the actor is on its panel; NotFound when the actor
    may not see it (the same answer as for an id that does not exist)."""
    row = session.execute(select(Interview, Position.department_id)
                          .join(Application, Application.id == Interview.application_id)
                          .join(Position, Position.id == Application.position_id)
                          .where(Interview.id == interview_id)).first()
    if row is None:
        raise NotFound("interview", entity="interview")
    interview, department_id = row
    on_panel = any(p.user_id == actor.user_id for p in interview.participants)
    if not on_panel and not allowed(session, actor, Action.INTERVIEW_VIEW, department_id):
        raise NotFound("interview", entity="interview")
    return interview, department_id, on_panel


def _candidate(session: Session, actor: Actor, candidate: Candidate, department_id: int) -> CandidateSummary:
    from desktop.core.services.overview import rights

    may = rights(session, actor, department_id)
    if not may.names:
        return CandidateSummary(candidate.id, may.name(candidate.name), False)
    masked = frozenset() if may.contacts else frozenset({"phone", "email"})
    return CandidateSummary(
        candidate.id, candidate.name, True, candidate.gender.value,
        candidate.phone or "" if may.contacts else mask_phone(candidate.phone),
        candidate.email or "" if may.contacts else mask_email(candidate.email), masked,
        candidate.education.value, candidate.school, candidate.major, candidate.years_experience,
        candidate.certificates, candidate.skills, candidate.experience, candidate.resume_summary,
        dict(candidate.profile_extra or {}))


def _position(session: Session, position: Position) -> PositionBrief:
    department = session.scalar(select(Department.name).where(Department.id == position.department_id)) or ""
    requirements = [Requirement(r.kind.value, r.label, r.value, r.weight) for r in session.scalars(
        select(PositionRequirement).where(PositionRequirement.position_id == position.id)
        .order_by(PositionRequirement.ordinal))]
    return PositionBrief(position.id, position.code, position.title, department, position.education.value,
                         position.min_years, position.skills, position.description, requirements)


def _earlier(session: Session, interview: Interview, show_results: bool) -> list[EarlierRound]:
    rows = session.execute(
        select(Interview.id, Round.name, Interview.starts_at, Interview.status)
        .join(Round, Round.id == Interview.round_id)
        .where(Interview.application_id == interview.application_id, Interview.id != interview.id,
               Interview.starts_at < interview.starts_at, Interview.status != InterviewStatus.CANCELLED)
        .order_by(Interview.starts_at, Interview.id)).all()
    results: dict[int, list[EarlierResult]] = {}
    if show_results and rows:
        for interview_id, name, recommendation, submitted_at in session.execute(
                select(Scorecard.interview_id, User.display_name, Scorecard.recommendation, Scorecard.submitted_at)
                .join(User, User.id == Scorecard.interviewer_id)
                .where(Scorecard.interview_id.in_([r[0] for r in rows]),
                       Scorecard.status == ScorecardStatus.SUBMITTED)
                .order_by(Scorecard.submitted_at, Scorecard.id)):
            results.setdefault(interview_id, []).append(
                EarlierResult(name, recommendation.value if recommendation else "", submitted_at))
    return [EarlierRound(iid, name, starts, status.value, results.get(iid, [])) for iid, name, starts, status in rows]


def preparation(session: Session, actor: Actor, interview_id: int) -> Preparation:
    """Everything the panel needs before one interview."""
    interview, department_id, on_panel = _may_open(session, actor, interview_id)
    application = session.get(Application, interview.application_id)
    rnd = session.get(Round, interview.round_id)
    room = session.get(Room, interview.room_id) if interview.room_id else None
    names = dict(session.execute(select(User.id, User.display_name).where(
        User.id.in_([p.user_id for p in interview.participants]))).all())
    me = next((p for p in interview.participants if p.user_id == actor.user_id), None)
    now = session.info["clock"].now()
    confirmed = interview.id in views._confirmed_ids(session, [interview])
    pending = interview.id in views.pending_moves(session, [interview.id])
    show_results = bool(settings.institution_value(session, "desk.show_earlier_results"))
    return Preparation(
        interview.id, interview.starts_at, interview.starts_at + timedelta(minutes=interview.duration_minutes),
        rnd.duration_minutes, interview.mode.value, room.name if room else "", room.location if room else "",
        interview.video_link or "", interview.status.value, views.live_state(interview, confirmed, now, pending),
        rnd.name, me.role.value if me else "", bool(me and me.seen_sequence >= interview.sequence),
        [PanelMember(p.user_id, names.get(p.user_id, ""), p.role.value) for p in interview.participants],
        _candidate(session, actor, application.candidate, department_id),
        _position(session, application.position), _earlier(session, interview, show_results), show_results)


def open_interview(session: Session, actor: Actor, interview_id: int) -> Preparation:
    """The user opened the interview on their desk: a participant's opening is recorded as "seen"
    on the timeline (and marks its notices read), then the preparation is returned."""
    _may_open(session, actor, interview_id)
    attendance.mark_seen(session, actor, interview_id)
    return preparation(session, actor, interview_id)


@dataclass(frozen=True)
class LinkTarget:
    """Where a deep link to an interview leads this user: 我的面试 when they are on its panel,
    otherwise its day on the schedule."""
    interview_id: int
    on_panel: bool
    starts_at: datetime


def link_target(session: Session, actor: Actor, interview_id: int) -> LinkTarget:
    interview, _department_id, on_panel = _may_open(session, actor, interview_id)
    return LinkTarget(interview.id, on_panel, interview.starts_at)


def on_any_panel(session: Session, actor: Actor) -> bool:
    """Whether the user sits on any interview's panel at all (their desk is then worth a page,
    whatever their roles)."""
    return bool(session.scalar(select(exists().where(InterviewParticipant.user_id == actor.user_id))))
