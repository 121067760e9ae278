"""Read-only lists for the pages whose full behaviour arrives with later capabilities:
today's and this week's interviews, change requests, the outbox, the archive and a recruitment
report. Every list is scoped by department and paged in SQL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session

from desktop.core.model import (
    Alert, Application, ApplicationStage, ApprovalStep, ArchiveRecord, Candidate, ChangeRequest, ChangeStatus, Department,
    Interview, InterviewParticipant, OutboxEntry, OutboxState, Position, Room, Round, User,
)
from desktop.core import settings
from desktop.core.permissions import Action, allowed, visible_departments
from desktop.core.scheduling.office import OfficeHours
from desktop.core.services.paging import ListQuery, Page
from desktop.core.storage.database import Actor
from desktop.core.validation import mask_email, mask_phone


@dataclass(frozen=True)
class InterviewRow:
    id: int
    starts_at: datetime
    duration_minutes: int
    candidate: str
    position: str
    round: str
    mode: str
    room: str
    status: str
    interviewers: str
    sequence: int


@dataclass(frozen=True)
class ChangeRequestRow:
    id: int
    interview_id: int
    candidate: str
    kind: str
    requested_by: str
    reason: str
    status: str
    current_step: int
    created_at: datetime
    before_start: datetime | None = None     # the time before and as proposed (a cancellation: None)
    proposed_start: datetime | None = None
    step_kind: str = ""                      # the open step (pending requests): approve / file / confirm
    step_role: str = ""                      # its role code, or "named"


def _start(values: dict | None) -> datetime | None:
    values = values or {}
    if values.get("status") == "cancelled" or not values.get("starts_at"):
        return None
    return datetime.fromisoformat(values["starts_at"])


@dataclass(frozen=True)
class OutboxRow:
    id: int
    created_at: datetime
    channel: str
    kind: str
    recipient: str
    state: str
    attempts: int
    last_error: str
    interview_id: int | None
    next_attempt_at: datetime | None = None
    sent_at: datetime | None = None
    candidate: str = ""             # masked for a viewer who may not see the department's candidates
    position: str = ""
    starts_at: datetime | None = None   # the interview's time as the message told it


@dataclass(frozen=True)
class ArchiveRow:
    id: int
    archive_code: str
    title: str
    created_at: datetime
    is_fixed: bool
    sha256: str
    application_id: int | None = None
    formed_on: date | None = None
    retention_label: str = ""
    pages: int = 0
    reason: str = ""


@dataclass(frozen=True)
class ReportRow:
    position_code: str
    position: str
    department: str
    headcount: int
    by_stage: dict[str, int]
    interviews: int


@dataclass(frozen=True)
class AlertRow:
    id: int
    kind: str
    interview_id: int | None
    raised_at: datetime


def _position_scope(session: Session, actor: Actor, action: Action):
    depts = visible_departments(session, actor, action)
    return None if depts is None else Position.department_id.in_(depts)


def _ordered(query: ListQuery, columns: dict, default: str, tiebreak):
    column = columns.get(query.sort, columns[default])
    # Empty values (an interview without a room) sort last on both backends; descending is the exact reverse.
    return ((column.desc().nulls_first(), tiebreak.desc()) if query.descending
            else (column.asc().nulls_last(), tiebreak.asc()))


def _interviews_in(departments: set[int]):
    """Ids of interviews for positions of these departments, as a subquery."""
    return (select(Interview.id).join(Application, Application.id == Interview.application_id)
            .join(Position, Position.id == Application.position_id).where(Position.department_id.in_(departments)))


def interviews_between(session: Session, actor: Actor, start: datetime, end: datetime,
                       query: ListQuery = ListQuery()) -> Page[InterviewRow]:
    conditions = [Interview.starts_at >= start, Interview.starts_at < end]
    scope = _position_scope(session, actor, Action.INTERVIEW_VIEW)
    if scope is not None:
        conditions.append(scope)
    if query.search.strip():
        conditions.append(Candidate.name.contains(query.search.strip()))
    base = (select(Interview.id).join(Application, Application.id == Interview.application_id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Position, Position.id == Application.position_id).where(*conditions))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    columns = {"starts_at": Interview.starts_at, "candidate": Candidate.name, "position": Position.title,
               "status": Interview.status, "room": Room.name}
    stmt = (select(Interview, Candidate.name, Position.title, Round.name, Room.name)
            .join(Application, Application.id == Interview.application_id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Position, Position.id == Application.position_id)
            .join(Round, Round.id == Interview.round_id)
            .outerjoin(Room, Room.id == Interview.room_id)
            .where(*conditions).order_by(*_ordered(query, columns, "starts_at", Interview.id))
            .offset(query.offset).limit(query.page_limit()))
    found = session.execute(stmt).all()
    ids = [row[0].id for row in found]
    people: dict[int, list[str]] = {}
    if ids:
        for interview_id, name in session.execute(
                select(InterviewParticipant.interview_id, User.display_name)
                .join(User, User.id == InterviewParticipant.user_id)
                .where(InterviewParticipant.interview_id.in_(ids)).order_by(User.display_name)):
            people.setdefault(interview_id, []).append(name)
    rows = [InterviewRow(i.id, i.starts_at, i.duration_minutes, cand, pos, rnd, i.mode.value, room or "",
                         i.status.value, "、".join(people.get(i.id, [])), i.sequence)
            for i, cand, pos, rnd, room in found]
    return Page(rows, total, query.offset)


def change_requests(session: Session, actor: Actor, query: ListQuery = ListQuery()) -> Page[ChangeRequestRow]:
    conditions = []
    scope = _position_scope(session, actor, Action.INTERVIEW_VIEW)
    if scope is not None:
        conditions.append(scope)
    if query.filters.get("status"):
        conditions.append(ChangeRequest.status == ChangeStatus(query.filters["status"]))
    joined = (select(ChangeRequest, Candidate.name, ApprovalStep.kind, ApprovalStep.role)
              .outerjoin(ApprovalStep, (ApprovalStep.chain_id == ChangeRequest.chain_id)
                         & (ApprovalStep.position == ChangeRequest.current_step)
                         & (ChangeRequest.status == ChangeStatus.PENDING))
              .join(Interview, Interview.id == ChangeRequest.interview_id)
              .join(Application, Application.id == Interview.application_id)
              .join(Candidate, Candidate.id == Application.candidate_id)
              .join(Position, Position.id == Application.position_id).where(*conditions))
    total = session.scalar(select(func.count()).select_from(joined.subquery())) or 0
    columns = {"created_at": ChangeRequest.created_at, "status": ChangeRequest.status, "kind": ChangeRequest.kind}
    found = session.execute(joined.order_by(*_ordered(query, columns, "created_at", ChangeRequest.id))
                            .offset(query.offset).limit(query.page_limit())).all()
    rows = [ChangeRequestRow(cr.id, cr.interview_id, name, cr.kind.value, cr.requested_by_party.value, cr.reason,
                             cr.status.value, cr.current_step, cr.created_at, _start(cr.before), _start(cr.proposed),
                             kind.value if kind else "", (role.value if role else "named") if kind else "")
            for cr, name, kind, role in found]
    return Page(rows, total, query.offset)


def _mask_recipient(recipient: str) -> str:
    return mask_email(recipient) if "@" in recipient else mask_phone(recipient)


def mask_name(name: str) -> str:
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


@dataclass(frozen=True)
class Rights:
    """What a viewer of the outbox may see of one entry's candidate: contacts in clear (reveal) and
    the name (view). Decided by the department of the entry's interview."""
    contacts: bool
    names: bool

    def recipient(self, recipient: str) -> str:
        return recipient if self.contacts else _mask_recipient(recipient)

    def name(self, name: str) -> str:
        return name if self.names else mask_name(name)


def rights(session: Session, actor: Actor, department_id: int | None) -> Rights:
    return Rights(allowed(session, actor, Action.CANDIDATE_REVEAL, department_id),
                  allowed(session, actor, Action.CANDIDATE_VIEW, department_id))


def _outbox_conditions(session: Session, actor: Actor, query: ListQuery) -> list:
    conditions = []
    if query.filters.get("state"):
        conditions.append(OutboxEntry.state == OutboxState(query.filters["state"]))
    if query.filters.get("channel"):
        conditions.append(OutboxEntry.channel == query.filters["channel"])
    if query.filters.get("interview_id"):
        conditions.append(OutboxEntry.interview_id == int(query.filters["interview_id"]))
    if query.search.strip():   # by the candidate's name, among the candidates the viewer may see
        conditions.append(Candidate.name.startswith(query.search.strip(), autoescape=True))
        depts = visible_departments(session, actor, Action.CANDIDATE_VIEW)
        if depts is not None:
            conditions.append(Position.department_id.in_(depts))
    return conditions


def outbox(session: Session, actor: Actor, query: ListQuery = ListQuery()) -> Page[OutboxRow]:
    """Every outgoing message and calendar operation, naming the candidate, position and time of
    the interview it is about. The department of each entry's interview decides whether its
    recipient and candidate are shown in clear: an officer who may reveal in one department does
    not see another department's candidates."""
    visible_departments(session, actor, Action.OUTBOX_VIEW)  # raises PermissionDenied if not allowed
    conditions = _outbox_conditions(session, actor, query)
    joined = (select(OutboxEntry, Position.department_id, Candidate.name, Position.title)
              .outerjoin(Interview, Interview.id == OutboxEntry.interview_id)
              .outerjoin(Application, Application.id == Interview.application_id)
              .outerjoin(Candidate, Candidate.id == Application.candidate_id)
              .outerjoin(Position, Position.id == Application.position_id)
              .where(*conditions))
    total = session.scalar(select(func.count()).select_from(joined.subquery())) or 0
    columns = {"created_at": OutboxEntry.created_at, "state": OutboxEntry.state, "channel": OutboxEntry.channel}
    found = session.execute(joined.order_by(*_ordered(query, columns, "created_at", OutboxEntry.id))
                            .offset(query.offset).limit(query.page_limit())).all()
    seen: dict[int | None, Rights] = {}
    rows = []
    for e, dept, name, title in found:
        may = seen.setdefault(dept, rights(session, actor, dept))
        starts = (e.payload or {}).get("starts_at")
        rows.append(OutboxRow(e.id, e.created_at, e.channel, e.kind, may.recipient(e.recipient), e.state.value,
                              e.attempts, e.last_error, e.interview_id, e.next_attempt_at, e.sent_at,
                              may.name(name or ""), title or "", datetime.fromisoformat(starts) if starts else None))
    return Page(rows, total, query.offset)


def archive(session: Session, actor: Actor, query: ListQuery = ListQuery()) -> Page[ArchiveRow]:
    depts = visible_departments(session, actor, Action.ARCHIVE_VIEW)
    conditions = []
    if depts is not None:
        conditions.append(ArchiveRecord.application_id.in_(
            select(Application.id).join(Position, Position.id == Application.position_id)
            .where(Position.department_id.in_(depts))))
    if query.search.strip():
        conditions.append(ArchiveRecord.archive_code.contains(query.search.strip())
                          | ArchiveRecord.title.contains(query.search.strip()))
    total = session.scalar(select(func.count()).select_from(ArchiveRecord).where(*conditions)) or 0
    columns = {"archive_code": ArchiveRecord.archive_code, "title": ArchiveRecord.title,
               "created_at": ArchiveRecord.created_at, "formed_on": ArchiveRecord.formed_on}
    found = session.scalars(select(ArchiveRecord).where(*conditions)
                            .order_by(*_ordered(query, columns, "created_at", ArchiveRecord.id))
                            .offset(query.offset).limit(query.page_limit())).all()
    return Page([ArchiveRow(r.id, r.archive_code, r.title, r.created_at, r.is_fixed, r.sha256, r.application_id,
                            r.formed_on, r.retention_label, r.pages, r.reason) for r in found],
                total, query.offset)


def recruitment_report(session: Session, actor: Actor) -> list[ReportRow]:
    """Applicants per stage and interviews per position, for positions the actor may report on."""
    conditions = []
    scope = _position_scope(session, actor, Action.REPORTS_VIEW)
    if scope is not None:
        conditions.append(scope)
    positions = session.execute(select(Position.id, Position.code, Position.title, Department.name,
                                       Position.headcount)
                                .join(Department, Department.id == Position.department_id)
                                .where(*conditions).order_by(Position.code)).all()
    ids = [p.id for p in positions]
    stages: dict[int, dict[str, int]] = {}
    interviews: dict[int, int] = {}
    if ids:
        for pid, stage, n in session.execute(select(Application.position_id, Application.stage, func.count())
                                             .where(Application.position_id.in_(ids))
                                             .group_by(Application.position_id, Application.stage)):
            stages.setdefault(pid, {})[stage.value] = n
        for pid, n in session.execute(select(Application.position_id, func.count(Interview.id))
                                      .join(Interview, Interview.application_id == Application.id)
                                      .where(Application.position_id.in_(ids)).group_by(Application.position_id)):
            interviews[pid] = n
    return [ReportRow(p.code, p.title, p.name, p.headcount,
                      {s.value: stages.get(p.id, {}).get(s.value, 0) for s in ApplicationStage},
                      interviews.get(p.id, 0)) for p in positions]


@dataclass(frozen=True)
class FeedbackTimeliness:
    """面试反馈及时率 of a period: decisions whose feedback was due, sent on time, late."""

    first_day: date
    last_day: date
    decided: int
    on_time: int
    late: int
    within_hours: int

    @property
    def rate(self) -> float | None:
        judged = self.on_time + self.late
        return self.on_time / judged if judged else None


def feedback_timeliness(session: Session, actor: Actor, first_day: date, last_day: date) -> FeedbackTimeliness:
    """The feedback-on-time figures (decision_effects.on_time) of the decisions taken on these local
    days, for the positions the actor may report on."""
    from desktop.core import decision_effects    # it brings the decisions' effects (reception, templates): Reports only

    depts = visible_departments(session, actor, Action.REPORTS_VIEW)
    hours = OfficeHours.load(session)
    since, until = hours.at(first_day, time(0)), hours.at(last_day + timedelta(days=1), time(0))
    found = decision_effects.on_time(session, since, until, session.info["clock"].now(), depts)
    return FeedbackTimeliness(first_day, last_day, found.decided, found.on_time, found.late,
                              settings.institution_value(session, "feedback.within_hours"))


def open_alerts(session: Session, actor: Actor, limit: int = 100) -> list[AlertRow]:
    depts = visible_departments(session, actor, Action.INTERVIEW_VIEW)
    mine = Alert.user_id == actor.user_id if actor.user_id is not None else false()
    conditions = [Alert.acknowledged_at.is_(None), Alert.user_id.is_(None) | mine]
    if depts is not None:   # alerts for everyone still concern only interviews the actor may see
        conditions.append(Alert.interview_id.is_(None) | Alert.interview_id.in_(_interviews_in(depts)) | mine)
    found = session.scalars(select(Alert).where(*conditions)
                            .order_by(Alert.raised_at.desc(), Alert.id.desc()).limit(limit)).all()
    return [AlertRow(a.id, a.kind, a.interview_id, a.raised_at) for a in found]
