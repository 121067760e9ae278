"""Read models for the Today, Schedule, room board and Approvals pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.errors import NotFound
from desktop.core.signing import SignatureCheck
from desktop.core.model import (
    Application, ApprovalChain, ApprovalStep, Candidate, ChangeKind, ChangeRequest, ChangeStatus, Confirmation,
    Interview, InterviewMode, InterviewStatus, Party, Position, RoleGrant, Room, Round, User,
)
from desktop.core.permissions import Action, require, visible_departments
from desktop.core.scheduling import chains, risk, timeline
from desktop.core.scheduling.conflicts import BLOCKING
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor


@dataclass(frozen=True)
class Block:
    interview_id: int
    lane_id: int
    starts_at: datetime
    ends_at: datetime
    candidate: str
    position: str
    round: str
    room: str
    status: str
    state: str           # live state, see live_state()
    conflict: bool = False


@dataclass(frozen=True)
class PendingMove:
    """A change request awaiting approval for one interview: what it would make of it. The schedule
    draws its proposed time as a ghost block; the detail panel says 拟改为 …"""

    change_request_id: int
    interview_id: int
    kind: str
    starts_at: datetime | None       # proposed start and end (None for a cancellation)
    ends_at: datetime | None
    room_id: int | None
    step: int
    applied_early: bool              # a same-day change already in effect, approved afterwards
    interviewer_ids: tuple[int, ...] = ()   # proposed panel: a move to another lane shows in that lane


def pending_moves(session: Session, interview_ids) -> dict[int, PendingMove]:
    """The pending change request of each of these interviews (at most one each), by interview id."""
    ids = list(interview_ids)
    if not ids:
        return {}
    found: dict[int, PendingMove] = {}
    for request in session.scalars(select(ChangeRequest).where(ChangeRequest.interview_id.in_(ids),
                                                               ChangeRequest.status == ChangeStatus.PENDING)
                                   .order_by(ChangeRequest.id)):
        proposed = request.proposed or {}
        start = end = None
        if proposed.get("status") != InterviewStatus.CANCELLED.value and proposed.get("starts_at"):
            start = datetime.fromisoformat(proposed["starts_at"])
            end = start + timedelta(minutes=int(proposed.get("duration_minutes") or 30))
        found[request.interview_id] = PendingMove(request.id, request.interview_id, request.kind.value, start, end,
                                                  proposed.get("room_id"), request.current_step,
                                                  request.applied_early,
                                                  tuple(proposed.get("interviewer_ids") or ()))
    return found


@dataclass(frozen=True)
class Lane:
    id: int
    name: str


@dataclass(frozen=True)
class ScheduleView:
    first_day: date
    days: int
    by: str
    lanes: list[Lane]
    blocks: list[Block]
    pending: dict[int, PendingMove] = field(default_factory=dict)   # interview id -> its pending change
    ghosts: list[Block] = field(default_factory=list)   # where those changes would put the interviews


def live_state(interview: Interview, confirmed: bool, now: datetime, change_pending: bool = False) -> str:
    """unconfirmed / confirmed / pending_approval / arrived / late / in_progress / done / cancelled / no_show

    `change_pending`: a change request for it awaits approval, which is what HR needs to see first."""
    if interview.status == InterviewStatus.CANCELLED:
        return "cancelled"
    if interview.status == InterviewStatus.NO_SHOW:
        return "no_show"
    if interview.status == InterviewStatus.FINISHED:
        return "done"
    if interview.status == InterviewStatus.IN_PROGRESS:
        return "in_progress"
    if interview.checked_in_at is not None:
        return "arrived"
    if interview.mode == InterviewMode.ONSITE and now >= interview.starts_at + timedelta(minutes=10):
        return "late"  # arrival is what reception records; a video interview is running once it is started
    if interview.status == InterviewStatus.PENDING_APPROVAL or change_pending:
        return "pending_approval"
    return "confirmed" if confirmed else "unconfirmed"


def _confirmed_ids(session: Session, interviews: list[Interview]) -> set[int]:
    if not interviews:
        return set()
    pairs = session.execute(select(Confirmation.interview_id, Confirmation.sequence).where(
        Confirmation.interview_id.in_([i.id for i in interviews]), Confirmation.party == Party.CANDIDATE)).all()
    seq = {i.id: i.sequence for i in interviews}
    return {iid for iid, s in pairs if seq.get(iid) == s}


def _base(session: Session, actor: Actor, start: datetime | None, end: datetime | None,
          with_cancelled: bool = False):
    conditions = []
    if start is not None and end is not None:
        conditions += [Interview.starts_at >= start, Interview.starts_at < end]
    if not with_cancelled:
        conditions.append(Interview.status.in_(BLOCKING + (InterviewStatus.NO_SHOW,)))
    depts = visible_departments(session, actor, Action.INTERVIEW_VIEW)
    if depts is not None:
        conditions.append(Position.department_id.in_(depts))
    return (select(Interview, Candidate, Position.title, Round.name, Room.name)
            .options(selectinload(Interview.participants))
            .join(Application, Application.id == Interview.application_id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Position, Position.id == Application.position_id)
            .join(Round, Round.id == Interview.round_id)
            .outerjoin(Room, Room.id == Interview.room_id)
            .where(*conditions).order_by(Interview.starts_at, Interview.id))


def schedule(session: Session, actor: Actor, first_day: date, days: int = 7, by: str = "interviewer",
             department_id: int | None = None) -> ScheduleView:
    hours = OfficeHours.load(session)
    start = hours.at(first_day, datetime.min.time())
    end = hours.at(first_day + timedelta(days=days), datetime.min.time())
    now = session.info["clock"].now()
    query = _base(session, actor, start, end)
    if department_id is not None:
        query = query.where(Position.department_id == department_id)
    rows = session.execute(query).all()
    confirmed = _confirmed_ids(session, [r[0] for r in rows])
    pending = pending_moves(session, [r[0].id for r in rows])
    blocks: list[Block] = []
    lane_ids: set[int] = set()
    for interview, candidate, position, rnd, room in rows:
        ends = interview.starts_at + timedelta(minutes=interview.duration_minutes)
        state = live_state(interview, interview.id in confirmed, now, interview.id in pending)
        lanes = ([p.user_id for p in interview.participants] if by == "interviewer"
                 else ([interview.room_id] if interview.room_id else []))
        for lane in lanes:
            lane_ids.add(lane)
            blocks.append(Block(interview.id, lane, interview.starts_at, ends, candidate.name, position, rnd,
                                room or "", interview.status.value, state))
    shown = {b.interview_id for b in blocks}
    ghosts = _ghost_blocks(session, blocks, {i: m for i, m in pending.items() if i in shown}, by, lane_ids)
    if by == "interviewer":
        lane_query = select(User.id, User.display_name)
        if department_id is not None:
            holders = select(RoleGrant.user_id).where(RoleGrant.role == "interviewer")
            lane_query = lane_query.where((User.id.in_(lane_ids)) | ((User.department_id == department_id)
                                                                       & User.id.in_(holders)))
        else:
            lane_query = lane_query.where(User.id.in_(lane_ids))
        lanes = [Lane(i, n) for i, n in session.execute(lane_query.order_by(User.display_name))]
    else:
        lanes = [Lane(i, n) for i, n in session.execute(select(Room.id, Room.name).where(Room.is_active)
                                                        .order_by(Room.name))]
    blocks = _mark_conflicts(blocks)
    return ScheduleView(first_day, days, by, lanes, blocks, pending, ghosts)


_WHERE = ("starts_at", "duration_minutes", "interviewer_ids", "room_id")   # what places a block on the schedule


def _ghost_blocks(session: Session, blocks: list[Block], pending: dict[int, PendingMove], by: str,
                  lane_ids: set[int]) -> list[Block]:
    """One ghost block per lane the proposed time would occupy, in the 待审批 state; its lanes are
    added to `lane_ids` so a move to someone not yet on the schedule is visible too. A cancellation
    moves nothing; a change applied early is where the interview already is."""
    moves = {}
    for iid, move in pending.items():
        request = session.get(ChangeRequest, move.change_request_id)
        if move.starts_at is not None and not move.applied_early and any(
                request.proposed.get(k) != request.before.get(k) for k in _WHERE):
            moves[iid] = move
    first = {b.interview_id: b for b in reversed(blocks)}
    room_ids = sorted({m.room_id for m in moves.values() if m.room_id})
    room_names = dict(session.execute(select(Room.id, Room.name).where(Room.id.in_(room_ids))).all())
    ghosts = []
    for interview_id, move in moves.items():
        block = first[interview_id]
        lanes = move.interviewer_ids if by == "interviewer" else ((move.room_id,) if move.room_id else ())
        for lane in lanes:
            lane_ids.add(lane)
            ghosts.append(Block(interview_id, lane, move.starts_at, move.ends_at, block.candidate, block.position,
                                block.round, room_names.get(move.room_id, ""), block.status, "pending_approval"))
    return ghosts


def _mark_conflicts(blocks: list[Block]) -> list[Block]:
    by_lane: dict[int, list[Block]] = {}
    for b in blocks:
        by_lane.setdefault(b.lane_id, []).append(b)
    clashing: set[tuple[int, int]] = set()
    for lane, items in by_lane.items():
        items.sort(key=lambda b: b.starts_at)
        latest_end, latest = None, None
        for b in items:
            if latest_end is not None and b.starts_at < latest_end:
                clashing.add((lane, b.interview_id))
                clashing.add((lane, latest.interview_id))
            if latest_end is None or b.ends_at > latest_end:
                latest_end, latest = b.ends_at, b
    return [Block(**{**b.__dict__, "conflict": (b.lane_id, b.interview_id) in clashing}) for b in blocks]


@dataclass(frozen=True)
class TodayItem:
    interview_id: int
    starts_at: datetime
    ends_at: datetime
    candidate: str
    position: str
    round: str
    place: str
    interviewers: str
    state: str
    risk: risk.Risk
    sequence: int


def today(session: Session, actor: Actor, day: date | None = None) -> list[TodayItem]:
    hours = OfficeHours.load(session)
    now = session.info["clock"].now()
    day = day or hours.local(now).date()
    start = hours.at(day, datetime.min.time())
    rows = session.execute(_base(session, actor, start, start + timedelta(days=1), with_cancelled=True)).all()
    confirmed = _confirmed_ids(session, [r[0] for r in rows])
    pending = pending_moves(session, [r[0].id for r in rows])
    people = dict(session.execute(select(User.id, User.display_name)).all())
    items = []
    for interview, candidate, position, rnd, room in rows:
        is_confirmed = interview.id in confirmed
        score = risk.score(risk.RiskInputs(
            no_shows=candidate.no_show_count, late_arrivals=candidate.late_count,
            candidate_reschedules=candidate.reschedule_count, confirmed=is_confirmed,
            confirmation_due_at=interview.confirmation_due_at, booked_at=interview.created_at,
            starts_at=interview.starts_at, local_start=hours.local(interview.starts_at).time()), now)
        items.append(TodayItem(
            interview.id, interview.starts_at, interview.starts_at + timedelta(minutes=interview.duration_minutes),
            candidate.name, position, rnd, room or (interview.video_link or ""),
            "、".join(people.get(p.user_id, "") for p in interview.participants),
            live_state(interview, is_confirmed, now, interview.id in pending), score, interview.sequence))
    return items


@dataclass(frozen=True)
class Participant:
    user_id: int
    name: str
    role: str
    response: str
    seen_at: datetime | None
    seen_current: bool


@dataclass(frozen=True)
class InterviewDetail:
    id: int
    candidate: str
    candidate_id: int
    position: str
    round: str
    starts_at: datetime
    ends_at: datetime
    mode: str
    room: str
    video_link: str
    status: str
    state: str
    sequence: int
    confirmation_due_at: datetime | None
    participants: list[Participant]
    timeline: list[timeline.TimelineEntry]
    version: int
    pending_change: PendingMove | None = None
    pending_step: str = ""              # the open step's kind ("approve", "file", "confirm")
    pending_step_role: str = ""         # its role code, or "named"


def interview_detail(session: Session, actor: Actor, interview_id: int) -> InterviewDetail:
    row = session.execute(_base(session, actor, None, None, with_cancelled=True)
                          .where(Interview.id == interview_id)).first()
    if row is None:
        raise NotFound("interview", entity="interview")
    interview, candidate, position, rnd, room = row
    now = session.info["clock"].now()
    confirmed = interview.id in _confirmed_ids(session, [interview])
    names = dict(session.execute(select(User.id, User.display_name)
                                 .where(User.id.in_([p.user_id for p in interview.participants]))).all())
    pending = pending_moves(session, [interview.id]).get(interview.id)
    step_kind = step_role = ""
    if pending is not None:
        step = session.scalar(select(ApprovalStep).join(ChangeRequest, ChangeRequest.chain_id == ApprovalStep.chain_id)
                              .where(ChangeRequest.id == pending.change_request_id,
                                     ApprovalStep.position == ChangeRequest.current_step))
        if step is not None:
            step_kind, step_role = step.kind.value, step.role.value if step.role else "named"
    return InterviewDetail(
        interview.id, candidate.name, candidate.id, position, rnd, interview.starts_at,
        interview.starts_at + timedelta(minutes=interview.duration_minutes), interview.mode.value, room or "",
        interview.video_link or "", interview.status.value, live_state(interview, confirmed, now, pending is not None),
        interview.sequence, interview.confirmation_due_at,
        [Participant(p.user_id, names.get(p.user_id, ""), p.role.value, p.response.value, p.seen_at,
                     p.seen_sequence >= interview.sequence) for p in interview.participants],
        timeline.entries(session, interview.id), interview.version, pending, step_kind, step_role)


@dataclass(frozen=True)
class DecisionInfo:
    step: int
    approver: str
    role: str
    verdict: str
    comment: str
    decided_at: datetime
    acting_for: str
    step_kind: str = ""
    channel: str = "app"         # "email": by a reply to the approval mail
    step_role: str = ""          # the step's role code, or "named"
    signature: SignatureCheck = SignatureCheck("unsigned")
    signer: str = ""             # the signer's name, when signed


@dataclass(frozen=True)
class InboxItem:
    change_request_id: int
    interview_id: int
    candidate: str
    position: str
    kind: str
    party: str
    reason: str
    before: dict
    proposed: dict
    step: int
    step_kind: str
    steps_total: int
    step_due_at: datetime | None
    acting_for: str
    applied_early: bool
    created_at: datetime
    history: list[DecisionInfo]
    step_role: str = ""          # the open step's role code, or "named" for a named approver
    reason_code: str = ""
    status: str = "pending"


def _item(session: Session, request: ChangeRequest, candidate: str, title: str, chain: ApprovalChain | None,
          names: dict[int, str], acting_for: int | None = None) -> InboxItem:
    step = next((s for s in chain.steps if s.position == request.current_step), None) if chain else None
    kinds = {s.position: (s.kind.value, s.role.value if s.role else "named") for s in chain.steps} if chain else {}
    from desktop.core.scheduling import changes   # it imports (through effects) this module: here, not at the top

    history = [DecisionInfo(d.step_position, names.get(d.approver_id, ""), d.approver_role, d.verdict.value,
                            d.comment, d.decided_at, names.get(d.acting_for_id, "") if d.acting_for_id else "",
                            *kinds.get(d.step_position, ("", ""))[:1], d.channel,
                            kinds.get(d.step_position, ("", ""))[1], signature,
                            names.get(signature.signer_id, "") if signature.signer_id else "")
               for d, signature in changes.decisions_with_signatures(session, request.id)]
    open_step = step is not None and request.status == ChangeStatus.PENDING
    return InboxItem(request.id, request.interview_id, candidate, title, request.kind.value,
                     request.requested_by_party.value, request.reason, dict(request.before), dict(request.proposed),
                     request.current_step, step.kind.value if open_step else "", len(chain.steps) if chain else 0,
                     request.step_due_at, names.get(acting_for, "") if acting_for else "", request.applied_early,
                     request.created_at, history, ((step.role.value if step.role else "named") if open_step else ""),
                     request.reason_code or "", request.status.value)


def _requests(session: Session):
    return (select(ChangeRequest, Candidate.name, Position.title, Position.department_id)
            .join(Interview, Interview.id == ChangeRequest.interview_id)
            .join(Application, Application.id == Interview.application_id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Position, Position.id == Application.position_id))


def _chain(session: Session, chain_id: int | None) -> ApprovalChain | None:
    return session.scalar(select(ApprovalChain).options(selectinload(ApprovalChain.steps))
                          .where(ApprovalChain.id == chain_id)) if chain_id is not None else None


def inbox(session: Session, actor: Actor) -> list[InboxItem]:
    """Pending change requests whose current step this user may decide (in their own right, for an
    absent approver, or as the deputy after the deadline)."""
    now = session.info["clock"].now()
    rows = session.execute(_requests(session).where(ChangeRequest.status == ChangeStatus.PENDING)
                           .order_by(ChangeRequest.created_at)).all()
    names = dict(session.execute(select(User.id, User.display_name)).all())
    items = []
    for request, candidate, title, department_id in rows:
        chain = _chain(session, request.chain_id)
        step = next((s for s in chain.steps if s.position == request.current_step), None) if chain else None
        if step is None:
            continue
        who = chains.standing(session, actor, step, department_id, now, request.step_due_at)
        if not who.allowed:
            continue
        items.append(_item(session, request, candidate, title, chain, names, who.acting_for))
    return items


def change_request(session: Session, actor: Actor, change_request_id: int) -> InboxItem:
    """One change request in full, whatever its state, for someone who may see its interview."""
    row = session.execute(_requests(session).where(ChangeRequest.id == change_request_id)).first()
    if row is None:
        raise NotFound("change request", entity="change_request")
    request, candidate, title, department_id = row
    require(session, actor, Action.INTERVIEW_VIEW, department_id)
    names = dict(session.execute(select(User.id, User.display_name)).all())
    return _item(session, request, candidate, title, _chain(session, request.chain_id), names)
