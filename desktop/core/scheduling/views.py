"""Read models for the Today, Schedule, room board and Approvals pages."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import NamedTuple

from sqlalchemy import Integer, String, bindparam, literal_column, select, type_coerce
from sqlalchemy.orm import Session, selectinload

from desktop.core.errors import NotFound
from desktop.core.signing import SignatureCheck
from desktop.core.model import (
    Application, ApprovalChain, ApprovalStep, Candidate, ChangeKind, ChangeRequest, ChangeStatus, Confirmation,
    Interview, InterviewMode, InterviewParticipant, InterviewStatus, Party, Position, RoleGrant, Room, Round, User,
)
from desktop.core.model.base import driver_rows, driver_utc, time_param
from desktop.core.permissions import Action, require, visible_departments
from desktop.core.scheduling import chains, risk, timeline
from desktop.core.scheduling.conflicts import BLOCKING
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor


class Block(NamedTuple):     # a tuple: a week of a big department is several hundred of them
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


# The statements of the schedule's reads are built once and run with bound values: building them
# (an IN of a week's several hundred interview ids coerced value by value) cost more than running them.
_PENDING = (select(ChangeRequest).where(ChangeRequest.interview_id.in_(bindparam("ids", expanding=True)),
                                        ChangeRequest.status == ChangeStatus.PENDING).order_by(ChangeRequest.id))
_CONFIRMED = select(Confirmation.interview_id, Confirmation.sequence).where(
    Confirmation.interview_id.in_(bindparam("ids", expanding=True)), Confirmation.party == Party.CANDIDATE)


def pending_moves(session: Session, interview_ids) -> dict[int, PendingMove]:
    """The pending change request of each of these interviews (at most one each), by interview id."""
    ids = list(interview_ids)
    if not ids:
        return {}
    found: dict[int, PendingMove] = {}
    for request in session.scalars(_PENDING, {"ids": ids}):
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
    return _state(interview.status, interview.mode, interview.starts_at, interview.checked_in_at is not None,
                  confirmed, now, change_pending)


# What _state compares with, made once: it runs for every interview of a week view, where looking up
# enum members on their class and making a timedelta each time were most of its cost.
_ENDED = {InterviewStatus.CANCELLED: "cancelled", InterviewStatus.NO_SHOW: "no_show",
          InterviewStatus.FINISHED: "done", InterviewStatus.IN_PROGRESS: "in_progress"}
_ONSITE, _PENDING_APPROVAL = InterviewMode.ONSITE, InterviewStatus.PENDING_APPROVAL
_LATE_AFTER = timedelta(minutes=10)


def _state(status: str, mode: str, starts_at: datetime, checked_in: bool, confirmed: bool, now: datetime,
           change_pending: bool) -> str:
    """live_state from the columns it reads (the week view has no Interview objects). The statuses
    and modes are StrEnums: their stored words compare (and hash) equal to them."""
    ended = _ENDED.get(status)
    if ended is not None:
        return ended
    if checked_in:
        return "arrived"
    if mode == _ONSITE and now >= starts_at + _LATE_AFTER:
        return "late"  # arrival is what reception records; a video interview is running once it is started
    if status == _PENDING_APPROVAL or change_pending:
        return "pending_approval"
    return "confirmed" if confirmed else "unconfirmed"


def _confirmed_ids(session: Session, interviews: list[Interview]) -> set[int]:
    return _confirmed(session, {i.id: i.sequence for i in interviews})


def _confirmed(session: Session, sequences: dict[int, int]) -> set[int]:
    """The interviews (id -> its sequence) whose candidate confirmed their current version."""
    if not sequences:
        return set()
    pairs = session.execute(_CONFIRMED, {"ids": list(sequences)}).all()
    return {iid for iid, s in pairs if sequences.get(iid) == s}


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


_I, _P = Interview.__table__, InterviewParticipant.__table__
_CONFIRMATIONS, _CHANGES = Confirmation.__table__, ChangeRequest.__table__
# The week view reads, in one statement, the columns it shows as plain rows (status and mode as their
# stored words, the times as the driver gives them: driver_utc), whether the candidate confirmed the
# current version and whether a change awaits approval, and (by interviewer) one row per interviewer:
# no Interview or Candidate objects, no IN lists of a week's several hundred interview ids.
_WEEK_COLUMNS = (
    _I.c.id, type_coerce(_I.c.starts_at, String), _I.c.duration_minutes, type_coerce(_I.c.status, String),
    type_coerce(_I.c.mode, String), type_coerce(_I.c.checked_in_at.is_not(None), Integer),
    type_coerce(select(_CONFIRMATIONS.c.id).where(_CONFIRMATIONS.c.interview_id == _I.c.id,
                                                  _CONFIRMATIONS.c.party == Party.CANDIDATE,
                                                  _CONFIRMATIONS.c.sequence == _I.c.sequence).exists(), Integer),
    type_coerce(select(_CHANGES.c.id).where(_CHANGES.c.interview_id == _I.c.id,
                                            _CHANGES.c.status == ChangeStatus.PENDING).exists(), Integer),
    _I.c.room_id, Candidate.__table__.c.name, Position.__table__.c.title, Round.__table__.c.name,
    Room.__table__.c.name)
_WEEK_ROOM = 8    # the room id's place in those columns
_WEEK_STATUSES = [literal_column(f"'{s.value}'") for s in BLOCKING + (InterviewStatus.NO_SHOW,)]
_STATEMENTS: dict[tuple, object] = {}


def _week_statement(by_interviewer: bool, visible: bool, department: bool):
    key = ("week", by_interviewer, visible, department)
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        conditions = [_I.c.starts_at >= time_param("start"), _I.c.starts_at < time_param("end"),
                      _I.c.status.in_(_WEEK_STATUSES)]
        if visible:
            conditions.append(Position.department_id.in_(bindparam("visible", expanding=True)))
        if department:
            conditions.append(Position.department_id == bindparam("department"))
        stmt = (select(*_WEEK_COLUMNS, *((_P.c.user_id,) if by_interviewer else ()))
                .join(Application, Application.id == _I.c.application_id)
                .join(Candidate, Candidate.id == Application.candidate_id)
                .join(Position, Position.id == Application.position_id)
                .join(Round, Round.id == _I.c.round_id)
                .outerjoin(Room, Room.id == _I.c.room_id))
        if by_interviewer:
            stmt = stmt.outerjoin(_P, _P.c.interview_id == _I.c.id)
        stmt = _STATEMENTS[key] = stmt.where(*conditions).order_by(_I.c.starts_at, _I.c.id)
    return stmt


def _lane_statement(by: str, department: bool):
    key = ("lanes", by, department)
    stmt = _STATEMENTS.get(key)
    if stmt is None:
        if by != "interviewer":
            stmt = select(Room.id, Room.name).where(Room.is_active).order_by(Room.name)
        else:
            shown = User.id.in_(bindparam("lanes", expanding=True))
            if department:      # the department's interviewers, booked this week or not
                holders = select(RoleGrant.user_id).where(RoleGrant.role == "interviewer")
                shown = shown | ((User.department_id == bindparam("department")) & User.id.in_(holders))
            stmt = select(User.id, User.display_name).where(shown).order_by(User.display_name)
        _STATEMENTS[key] = stmt
    return stmt


def schedule(session: Session, actor: Actor, first_day: date, days: int = 7, by: str = "interviewer",
             department_id: int | None = None) -> ScheduleView:
    hours = OfficeHours.load(session)
    now = session.info["clock"].now()
    visible = visible_departments(session, actor, Action.INTERVIEW_VIEW)
    params: dict[str, object] = {"start": hours.at(first_day, datetime.min.time()),
                                 "end": hours.at(first_day + timedelta(days=days), datetime.min.time())}
    if visible is not None:
        params["visible"] = sorted(visible)
    if department_id is not None:
        params["department"] = department_id
    if session.autoflush:      # as session.execute would: what this unit of work changed is seen
        session.flush()
    conn = session.connection()
    by_interviewer = by == "interviewer"
    rows = driver_rows(conn, _week_statement(by_interviewer, visible is not None, department_id is not None), params)
    pending = pending_moves(session, sorted({r[0] for r in rows if r[7]}))
    lane_at = len(_WEEK_COLUMNS) if by_interviewer else _WEEK_ROOM    # the interviewer, or the room
    blocks, lane_ids = _week_blocks(rows, lane_at, now)
    ghosts: list[Block] = []
    if pending:
        drawn = {b[0] for b in blocks}
        ghosts = _ghost_blocks(session, blocks, {i: m for i, m in pending.items() if i in drawn}, by, lane_ids)
    lane_params: dict[str, object] = {}
    if by == "interviewer":
        lane_params["lanes"] = sorted(lane_ids)
        if department_id is not None:
            lane_params["department"] = department_id
    lanes = [Lane(i, n) for i, n in driver_rows(conn, _lane_statement(by, department_id is not None), lane_params)]
    return ScheduleView(first_day, days, by, lanes, blocks, pending, ghosts)


def _week_blocks(rows, lane_at: int, now: datetime) -> tuple[list[Block], set[int]]:
    """The week's blocks from its rows (in start order, an interview's rows together; `lane_at`: the
    lane's place in them), and the lanes they are in.

    Each block is made once, in the one pass over the rows: a block that starts before the latest end
    seen in its lane overlaps the block that ends there, and the few that overlap are flagged after
    the pass."""
    blocks: list[Block] = []
    last, shown = None, ()      # shown: the current interview's part of its blocks
    latest: dict[int, tuple[datetime, int]] = {}     # lane -> the latest end in it so far, and whose block
    clashing: set[int] = set()                       # the overlapping blocks' places in `blocks`
    width = len(_WEEK_COLUMNS)
    lengths: dict[int, timedelta] = {}     # minutes -> timedelta: a week has a few lengths, made once each
    make = tuple.__new__     # Block._make without its Python frame: each tuple below has Block's 11 fields
    for row in rows:
        lane = row[lane_at]
        if lane is None:
            continue
        iid = row[0]
        if iid != last:     # an interview's rows (one per interviewer) come together
            _, starts, minutes, status, mode, checked_in, confirmed, changing, _, candidate, position, rnd, room = \
                row[:width]
            last, starts = iid, driver_utc(starts)
            length = lengths.get(minutes)
            if length is None:
                length = lengths[minutes] = timedelta(minutes=minutes)
            shown = (starts, starts + length, candidate, position, rnd, room or "", status,
                     _state(status, mode, starts, checked_in, confirmed, now, changing), False)
        before = latest.get(lane)
        if before is not None and shown[0] < before[0]:
            clashing.add(len(blocks))
            clashing.add(before[1])
        if before is None or shown[1] > before[0]:
            latest[lane] = (shown[1], len(blocks))
        blocks.append(make(Block, (iid, lane) + shown))
    for place in clashing:      # conflict is the last field (_replace costs three Python frames a block)
        blocks[place] = make(Block, blocks[place][:-1] + (True,))
    return blocks, set(latest)     # every lane with a block: its first block put it there


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
    if not moves:
        return []
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
