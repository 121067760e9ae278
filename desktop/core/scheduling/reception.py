"""Reception (前台/后勤): the room board of one day and what reception is told when an interview it
expects changes.

The board lists each room's candidates of the chosen day (names only, no contact data) with the
check-in window of each, and marks an interview whose time or room was changed with where it was
before (已改期 10:00 → 17:00), so a candidate who comes at the old time is not turned away and an
unexpected 17:00 is not a mystery. The notice goes to every active reception user when an upcoming
interview (today or later) changes time or room or is cancelled: an in-app notice (with the desktop
notification it raises) and the channels chosen for reception in Settings → 通知渠道."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.model import (
    Application, Candidate, ChangeRequest, Interview, InterviewStatus, Notice, Position, Role, RoleGrant, Room,
    TimelineEvent, User,
)
from desktop.core.notifications import fields, routing, templates
from desktop.core.permissions import Action, require
from desktop.core.scheduling import attendance, timeline
from desktop.core.scheduling.conflicts import BLOCKING
from desktop.core.scheduling.office import OfficeHours
from desktop.core.scheduling.views import _confirmed_ids, live_state
from desktop.core.storage.database import Actor

EVENT = "reception_change"


@dataclass(frozen=True)
class Moved:
    """Where an interview was before its last change of time or room."""
    starts_at: datetime
    ends_at: datetime
    room: str


@dataclass(frozen=True)
class BoardEntry:
    interview_id: int
    starts_at: datetime
    ends_at: datetime
    candidate: str
    position: str
    state: str
    checkin_opens: datetime | None = None
    checkin_closes: datetime | None = None
    moved: Moved | None = None          # 已改期: the time and room before the last change

    def may_check_in(self, now: datetime) -> bool:
        return self.checkin_opens is not None and self.checkin_opens <= now <= self.checkin_closes


@dataclass(frozen=True)
class BoardRoom:
    room_id: int
    name: str
    location: str
    entries: list[BoardEntry] = field(default_factory=list)


@dataclass(frozen=True)
class RoomBoard:
    day: date
    today: date              # the office's today: check-in is offered on that day only
    now: datetime
    rooms: list[BoardRoom]


def room_board(session: Session, actor: Actor, day: date | None = None) -> list[BoardRoom]:
    return board(session, actor, day).rooms


def board(session: Session, actor: Actor, day: date | None = None) -> RoomBoard:
    """Reception's day view: who is expected in which room when (names only, no contact data)."""
    require(session, actor, Action.ROOM_BOARD)
    hours = OfficeHours.load(session)
    now = session.info["clock"].now()
    today = hours.local(now).date()
    day = day or today
    start = hours.at(day, datetime.min.time())
    rooms = session.scalars(select(Room).where(Room.is_active).order_by(Room.name)).all()
    names = {r.id: r.name for r in session.execute(select(Room.id, Room.name))}
    found = {r.id: BoardRoom(r.id, r.name, r.location) for r in rooms}
    rows = session.execute(
        select(Interview, Candidate.name, Position.title)
        .join(Application, Application.id == Interview.application_id)
        .join(Candidate, Candidate.id == Application.candidate_id)
        .join(Position, Position.id == Application.position_id)
        .where(Interview.starts_at >= start, Interview.starts_at < start + timedelta(days=1),
               Interview.room_id.is_not(None), Interview.status.in_(BLOCKING + (InterviewStatus.NO_SHOW,)))
        .order_by(Interview.starts_at)).all()
    interviews = [r[0] for r in rows]
    confirmed = _confirmed_ids(session, interviews)
    before = moved_from(session, interviews, names)
    for interview, name, title in rows:
        if interview.room_id not in found:
            continue
        window = attendance.checkin_window(session, interview.starts_at, hours)
        found[interview.room_id].entries.append(BoardEntry(
            interview.id, interview.starts_at, interview.starts_at + timedelta(minutes=interview.duration_minutes),
            name, title, live_state(interview, interview.id in confirmed, now), window.opens, window.closes,
            before.get(interview.id)))
    return RoomBoard(day, today, now, list(found.values()))


def moved_from(session: Session, interviews: list[Interview], room_names: dict[int, str]) -> dict[int, Moved]:
    """For each interview whose last applied change moved its time or room: where it was before."""
    if not interviews:
        return {}
    latest: dict[int, tuple[int, bool]] = {}     # interview id -> (change request id, reverted)
    for interview_id, detail in session.execute(
            select(TimelineEvent.interview_id, TimelineEvent.detail)
            .where(TimelineEvent.interview_id.in_([i.id for i in interviews]),
                   TimelineEvent.kind == timeline.Event.CHANGE_APPLIED.value)
            .order_by(TimelineEvent.at, TimelineEvent.id)):
        detail = detail or {}
        if detail.get("change_request_id"):
            latest[interview_id] = (int(detail["change_request_id"]), bool(detail.get("reverted")))
    requests = {r.id: r for r in session.scalars(select(ChangeRequest).where(
        ChangeRequest.id.in_({request_id for request_id, _ in latest.values()})))} if latest else {}
    result = {}
    for interview in interviews:
        request_id, reverted = latest.get(interview.id, (None, False))
        request = requests.get(request_id)
        if request is None:
            continue
        old = (request.proposed if reverted else request.before) or {}
        old_start = datetime.fromisoformat(old["starts_at"]) if old.get("starts_at") else interview.starts_at
        if old_start == interview.starts_at and old.get("room_id") == interview.room_id:
            continue
        minutes = int(old.get("duration_minutes") or interview.duration_minutes)
        result[interview.id] = Moved(old_start, old_start + timedelta(minutes=minutes),
                                     room_names.get(old.get("room_id"), "") if old.get("room_id") else "")
    return result


# --- telling reception -----------------------------------------------------------------------------

def reception_users(session: Session) -> set[int]:
    return set(session.scalars(select(RoleGrant.user_id).join(User, User.id == RoleGrant.user_id)
                               .where(RoleGrant.role == Role.RECEPTION, User.is_active)))


def tell_reception(session: Session, interview: Interview, info: dict[str, Any], previous: dict[str, Any] | None,
                   kind: str, reason: str = "") -> bool:
    """After a change (`kind` "update" or "cancel") of `interview`, whose values before were
    `previous` (a changes.snapshot): tell reception when the time or room changed or the interview
    was cancelled, and the interview (before or after) is today or later. Returns whether it told."""
    if previous is None:
        return False
    old_start = datetime.fromisoformat(previous["starts_at"]) if previous.get("starts_at") else interview.starts_at
    old_room = previous.get("room_id")
    moved = old_start != interview.starts_at or old_room != interview.room_id or \
        int(previous.get("duration_minutes") or interview.duration_minutes) != interview.duration_minutes
    if kind != "cancel" and not moved:
        return False
    hours = OfficeHours.load(session)
    now = session.info["clock"].now()
    today = hours.local(now).date()
    if max(hours.local(old_start).date(), hours.local(interview.starts_at).date()) < today:
        return False
    users = reception_users(session)
    if not users:
        return False
    room = session.get(Room, old_room) if old_room else None
    old_end = old_start + timedelta(minutes=int(previous.get("duration_minutes") or interview.duration_minutes))
    candidate = session.scalar(select(Candidate.name).join(Application, Application.candidate_id == Candidate.id)
                               .where(Application.id == interview.application_id))
    now_values = dict(previous, starts_at=interview.starts_at.isoformat(), duration_minutes=interview.duration_minutes,
                      mode=interview.mode.value, room_id=interview.room_id, video_link=interview.video_link,
                      status=interview.status.value)
    payload = info | {"reason": reason, "operation": kind, "candidate_name": candidate or "",
                      "previous_starts_at": old_start.isoformat(), "previous_ends_at": old_end.isoformat(),
                      "previous_room": room.name if room else "",
                      "change_kind": "cancel" if kind == "cancel" else "reschedule",
                      "proposed_change": fields.proposed_change(session, previous, now_values)}
    text = templates.render(session, EVENT, "desktop", payload)
    for user_id in sorted(users):
        session.add(Notice(user_id=user_id, interview_id=interview.id, title=text.subject, body=text.text,
                           created_at=now))
    routing.staff_messages(session, routing.RECEPTION, users, EVENT, f"{interview.id}:{interview.sequence}:{kind}",
                           payload, interview.id)
    return True
