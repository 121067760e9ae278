"""The slot finder: the earliest free slots for a set of interviewers (and a room, and the
candidate) within a date range, on the office's working time.

All busy times of the people concerned are read with two indexed range queries and merged into
one sorted list; the sweep then jumps over busy periods instead of testing every minute, so the
cost grows with the number of bookings of those people, not with the size of the database."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.model import Application, Interview, InterviewMode, Room
from desktop.core.scheduling.conflicts import BLOCKING, MAX_DURATION, involving
from desktop.core.scheduling.office import Interval, OfficeHours
from desktop.core.scheduling.provider import BusyTimes, external_for, with_imported


@dataclass(frozen=True)
class SlotRequest:
    interviewer_ids: tuple[int, ...]
    duration_minutes: int
    first_day: date
    last_day: date
    mode: InterviewMode = InterviewMode.ONSITE
    min_capacity: int = 0                 # seats needed; 0: interviewers + observers + candidate
    room_ids: tuple[int, ...] = ()        # only these rooms; empty: any active room large enough
    candidate_id: int | None = None
    observer_ids: tuple[int, ...] = ()
    count: int = 5
    step_minutes: int = 15
    exclude_interview_id: int | None = None


@dataclass(frozen=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    room_id: int | None
    room_name: str


def merge(intervals: list[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


class BusyIndex:
    """Sorted, merged busy intervals with a fast "first overlap" lookup."""

    def __init__(self, intervals: list[Interval]) -> None:
        self.intervals = merge(intervals)
        self.ends = [e for _, e in self.intervals]

    def overlap(self, start: datetime, end: datetime) -> Interval | None:
        i = bisect.bisect_right(self.ends, start)
        if i < len(self.intervals) and self.intervals[i][0] < end:
            return self.intervals[i]
        return None


def _people_busy(session: Session, people: tuple[int, ...], candidate_id: int | None, start: datetime,
                 end: datetime, exclude: int | None) -> list[Interval]:
    window = [Interview.starts_at < end, Interview.starts_at > start - MAX_DURATION, Interview.status.in_(BLOCKING)]
    if exclude is not None:
        window.append(Interview.id != exclude)
    busy: list[Interval] = []
    if people:
        rows = session.execute(select(Interview.starts_at, Interview.duration_minutes)
                               .where(*window, involving(people)))
        busy += [(s, s + timedelta(minutes=m)) for s, m in rows]
    if candidate_id is not None:
        rows = session.execute(select(Interview.starts_at, Interview.duration_minutes)
                               .join(Application, Application.id == Interview.application_id)
                               .where(Application.candidate_id == candidate_id, *window))
        busy += [(s, s + timedelta(minutes=m)) for s, m in rows]
    return busy


def _rooms(session: Session, request: SlotRequest, seats: int, start: datetime, end: datetime,
           external: BusyTimes | None) -> list[tuple[int, str, BusyIndex]]:
    conditions = [Room.is_active, Room.capacity >= seats]
    if request.room_ids:
        conditions.append(Room.id.in_(request.room_ids))
    rooms = session.execute(select(Room.id, Room.name).where(*conditions).order_by(Room.capacity, Room.name)).all()
    if not rooms:
        return []
    ids = [r.id for r in rooms]
    window = [Interview.starts_at < end, Interview.starts_at > start - MAX_DURATION, Interview.status.in_(BLOCKING),
              Interview.room_id.in_(ids)]
    if request.exclude_interview_id is not None:
        window.append(Interview.id != request.exclude_interview_id)
    external = with_imported(session, external, (), ids, start, end)
    busy: dict[int, list[Interval]] = {i: [] for i in ids}
    for room_id, s, m in session.execute(select(Interview.room_id, Interview.starts_at, Interview.duration_minutes)
                                         .where(*window)):
        busy[room_id].append((s, s + timedelta(minutes=m)))
    result = []
    for room_id, name in rooms:
        if external is not None:
            if ("room", room_id) in external.unknown:
                continue  # we do not offer a room whose calendar we could not read
            busy[room_id] += external.of(("room", room_id))
        result.append((room_id, name, BusyIndex(busy[room_id])))
    return result


def _round_up(instant: datetime, origin: datetime, step: timedelta) -> datetime:
    if instant <= origin:
        return origin
    steps = -(-(instant - origin) // step)
    return origin + steps * step


def find_slots(session: Session, request: SlotRequest, now: datetime,
               external: BusyTimes | None = None) -> list[Slot]:
    hours = OfficeHours.load(session)
    duration = timedelta(minutes=request.duration_minutes)
    step = timedelta(minutes=request.step_minutes)
    range_start = hours.at(request.first_day, hours.day_start) - timedelta(days=1)
    range_end = hours.at(request.last_day, hours.day_end) + timedelta(days=1)
    people = tuple(dict.fromkeys(request.interviewer_ids + request.observer_ids))
    if external is None:   # the calendar server, when one is configured (rooms: those that could be offered)
        room_ids = session.scalars(select(Room.id).where(Room.is_active, Room.exchange_mailbox.is_not(None),
                                                         *([Room.id.in_(request.room_ids)] if request.room_ids
                                                           else []))).all() if request.mode == InterviewMode.ONSITE \
            else []
        external = external_for(session, people, room_ids, range_start, range_end)
    busy = _people_busy(session, people, request.candidate_id, range_start, range_end,
                        request.exclude_interview_id)
    people_external = with_imported(session, external, people, (), range_start, range_end)
    if people_external is not None:
        for user_id in people:
            if ("user", user_id) in people_external.unknown:
                return []  # unknown free/busy: no slot can be promised
            busy += people_external.of(("user", user_id))
    people_busy = BusyIndex(busy)
    rooms: list[tuple[int, str, BusyIndex]] = []
    if request.mode == InterviewMode.ONSITE:
        seats = request.min_capacity or len(people) + 1
        rooms = _rooms(session, request, seats, range_start, range_end, external)
        if not rooms:
            return []
    found: list[Slot] = []
    for day in hours.days(request.first_day, request.last_day):
        for window_start, window_end in hours.windows(day):
            t = _round_up(max(window_start, now), window_start, step)
            while t + duration <= window_end:
                clash = people_busy.overlap(t, t + duration)
                if clash is not None:
                    t = _round_up(clash[1], window_start, step)
                    continue
                if request.mode == InterviewMode.ONSITE:
                    room = next(((rid, name) for rid, name, idx in rooms if idx.overlap(t, t + duration) is None),
                                None)
                    if room is None:
                        t += step
                        continue
                    found.append(Slot(t, t + duration, room[0], room[1]))
                else:
                    found.append(Slot(t, t + duration, None, ""))
                if len(found) >= request.count:
                    return found
                t = _round_up(t + duration, window_start, step)  # proposals do not overlap
    return found
