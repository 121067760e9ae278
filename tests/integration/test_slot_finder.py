"""The slot finder offers the earliest free slots: every person free, the candidate free, a room
large enough free (the smallest that fits, then by name), inside the working windows of working
days, on the step grid, not before now and not overlapping each other.

The main test compares it with a brute force that walks every grid start of every window on
random calendars (random bookings in every status, rooms of several sizes, holidays and 调休
days, lunch settings, busy times from the calendar server, a 'now' in the middle)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import delete

from desktop.core import settings
from desktop.core.model import Holiday, Interview, InterviewMode, InterviewParticipant, InterviewStatus, Room
from desktop.core.scheduling import slots
from desktop.core.scheduling.provider import BusyTimes

from factories import SYSTEM
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local


SHANGHAI = ZoneInfo("Asia/Shanghai")
BLOCKING = {InterviewStatus.SCHEDULED, InterviewStatus.PENDING_APPROVAL, InterviewStatus.CONFIRMED,
            InterviewStatus.IN_PROGRESS, InterviewStatus.FINISHED}


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def embedded_world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, "sqlcipher", clock)


def find(w: World, *people: int, external: BusyTimes | None = None, **options) -> list[tuple[str, int | None]]:
    """The slots on the story day as (local time, room id)."""
    request = slots.SlotRequest(interviewer_ids=people, duration_minutes=options.pop("minutes", 30),
                                first_day=STORY_DAY, last_day=STORY_DAY, count=options.pop("count", 4), **options)
    with w.db.session(w.hr) as s:
        found = slots.find_slots(s, request, w.db.clock.now(), external)
    return [(f"{slot.starts_at.astimezone(SHANGHAI):%H:%M}", slot.room_id) for slot in found]


def test_the_earliest_slots_around_bookings_with_rooms_video_and_unknown_calendars(world):
    w = world
    wang, li = w.wang.user_id, w.li.user_id
    mine = book(w, 0, local(STORY_DAY, 9, 0), minutes=60).interview_id                   # 王主任 09:00–10:00, 301
    book(w, 1, local(STORY_DAY, 8, 30), interviewers=(li,), room=w.big_room, minutes=150)  # 李医生 08:30–11:00, hall

    assert find(w, wang) == [("08:30", w.room), ("10:00", w.room), ("10:30", w.room), ("11:00", w.room)]
    assert find(w, wang, exclude_interview_id=mine) == [("08:30", w.room), ("09:00", w.room), ("09:30", w.room),
                                                        ("10:00", w.room)]
    assert find(w, wang, li) == [("11:00", w.room), ("11:30", w.room), ("13:30", w.room), ("14:00", w.room)]
    assert find(w, wang, candidate_id=w.candidates[1]) == [("11:00", w.room), ("11:30", w.room),
                                                           ("13:30", w.room), ("14:00", w.room)]
    # Only the hall: it is taken until 11:00.
    assert find(w, wang, room_ids=(w.big_room,)) == [("11:00", w.big_room), ("11:30", w.big_room),
                                                      ("13:30", w.big_room), ("14:00", w.big_room)]
    # Five seats do not fit room 301 (four seats): the hall it is.
    assert find(w, wang, min_capacity=5, count=2) == [("11:00", w.big_room), ("11:30", w.big_room)]
    # No room has fifty seats: nothing onsite, but a video interview needs no room.
    assert find(w, wang, min_capacity=50) == []
    assert find(w, wang, min_capacity=50, mode=InterviewMode.VIDEO) == [
        ("08:30", None), ("10:00", None), ("10:30", None), ("11:00", None)]
    # A calendar that could not be read: no slot is promised for that person; an unreadable room is skipped.
    assert find(w, wang, external=BusyTimes(unknown=frozenset({("user", wang)}))) == []
    assert find(w, wang, count=2, external=BusyTimes(unknown=frozenset({("room", w.room)}))) == [
        ("11:00", w.big_room), ("11:30", w.big_room)]
    assert find(w, wang, count=2, external=BusyTimes(
        {("user", wang): [(local(STORY_DAY, 8, 0), local(STORY_DAY, 14, 10))]})) == [
        ("14:15", w.room), ("14:45", w.room)]
    # 'now' in the middle of the day: the next grid start, not a time already gone.
    w.db.clock.set(local(STORY_DAY, 14, 7))
    assert find(w, wang, count=2) == [("14:15", w.room), ("14:45", w.room)]


# --- the brute-force comparison -----------------------------------------------------------------

@dataclass(frozen=True)
class Booking:
    start: datetime
    end: datetime
    people: frozenset[int]
    candidate: int
    room: int | None
    status: InterviewStatus


@dataclass(frozen=True)
class Calendar:
    day_start: time
    day_end: time
    lunch: tuple[time, time] | None
    holidays: dict[date, bool]
    rooms: list[tuple[int, str, int, bool]]       # id, name, capacity, active
    bookings: dict[int, Booking]                  # interview id -> booking


def at(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=SHANGHAI).astimezone(timezone.utc)


def working_windows(cal: Calendar, day: date) -> list[tuple[datetime, datetime]]:
    works = cal.holidays.get(day, day.weekday() < 5)
    if not works:
        return []
    if cal.lunch and cal.day_start < cal.lunch[0] < cal.lunch[1] < cal.day_end:
        return [(at(day, cal.day_start), at(day, cal.lunch[0])), (at(day, cal.lunch[1]), at(day, cal.day_end))]
    return [(at(day, cal.day_start), at(day, cal.day_end))]


def brute_force(cal: Calendar, req: slots.SlotRequest, now: datetime, external: BusyTimes,
                candidate: int | None) -> list[tuple[datetime, int | None]]:
    """The definition, applied literally at every grid start."""
    people = set(req.interviewer_ids) | set(req.observer_ids)
    if any(("user", p) in external.unknown for p in people):
        return []
    live = {i: b for i, b in cal.bookings.items() if b.status in BLOCKING and i != req.exclude_interview_id}

    def overlaps(s1, e1, s2, e2) -> bool:
        return s1 < e2 and s2 < e1

    def people_free(t: datetime, e: datetime) -> bool:
        for b in live.values():
            if overlaps(t, e, b.start, b.end) and (b.people & people or b.candidate == candidate):
                return False
        return not any(overlaps(t, e, bs, be) for p in people for bs, be in external.of(("user", p)))

    def room_free(room: int, t: datetime, e: datetime) -> bool:
        return (not any(b.room == room and overlaps(t, e, b.start, b.end) for b in live.values())
                and not any(overlaps(t, e, bs, be) for bs, be in external.of(("room", room))))

    seats = req.min_capacity or len(people) + 1
    rooms = sorted((r for r in cal.rooms if r[3] and r[2] >= seats and (not req.room_ids or r[0] in req.room_ids)
                    and ("room", r[0]) not in external.unknown), key=lambda r: (r[2], r[1]))
    onsite = req.mode == InterviewMode.ONSITE
    if onsite and not rooms:
        return []
    length, step = timedelta(minutes=req.duration_minutes), timedelta(minutes=req.step_minutes)
    found: list[tuple[datetime, int | None]] = []
    day = req.first_day
    while day <= req.last_day:
        for window_start, window_end in working_windows(cal, day):
            k = 0
            while window_start + k * step + length <= window_end:
                t = window_start + k * step
                end = t + length
                room = next((r[0] for r in rooms if room_free(r[0], t, end)), None) if onsite else None
                if t >= now and people_free(t, end) and (room is not None or not onsite):
                    found.append((t, room))
                    if len(found) == req.count:
                        return found
                    while window_start + k * step < end:   # the next start is rounded up from this end
                        k += 1
                    continue
                k += 1
        day += timedelta(days=1)
    return found


def random_calendar(w: World, rng: random.Random, first: date, last: date) -> Calendar:
    """Replace rooms, holidays, office hours and interviews with a random calendar around the range."""
    day_start = rng.choice([time(8, 0), time(8, 30), time(9, 0)])
    day_end = rng.choice([time(17, 0), time(17, 30), time(18, 0)])
    lunch = rng.choice([(time(12, 0), time(13, 30)), (time(11, 45), time(13, 0)), None])
    holidays: dict[date, bool] = {}
    for day in (first + timedelta(days=i) for i in range((last - first).days + 1)):
        roll = rng.random()
        if roll < 0.15:
            holidays[day] = False                       # a public holiday
        elif roll < 0.3 and day.weekday() >= 5:
            holidays[day] = True                        # 调休: a working weekend day
    users = [w.wang.user_id, w.li.user_id, w.leader.user_id, w.deputy.user_id, w.director.user_id]
    statuses = list(InterviewStatus)
    with w.db.session(SYSTEM, write=True) as s:
        s.execute(delete(InterviewParticipant))
        s.execute(delete(Interview))
        s.execute(delete(Room))
        s.execute(delete(Holiday))
        for key, value in (("office.working_day_start", f"{day_start:%H:%M}"),
                           ("office.working_day_end", f"{day_end:%H:%M}"),
                           ("office.lunch_break", f"{lunch[0]:%H:%M}-{lunch[1]:%H:%M}" if lunch else "")):
            settings.store_institution(s, key, value, "test")
        s.add_all(Holiday(day=d, name="节假日" if not works else "调休上班", is_workday=works)
                  for d, works in holidays.items())
        rooms = [Room(name=f"R{n:02d}", capacity=rng.choice([2, 3, 4, 4, 6, 12]), is_active=rng.random() > 0.15)
                 for n in rng.sample(range(100), rng.randint(1, 5))]
        s.add_all(rooms)
        s.flush()
        room_rows = [(r.id, r.name, r.capacity, r.is_active) for r in rooms]
        bookings: dict[int, Booking] = {}
        for _ in range(rng.randint(0, 30)):
            day = first + timedelta(days=rng.randint(-1, (last - first).days + 1))
            start = at(day, time(7, 0)) + timedelta(minutes=5 * rng.randint(0, 144))
            length = timedelta(minutes=rng.choice([10, 20, 30, 45, 60, 90, 120, 240]))
            people = frozenset(rng.sample(users, rng.randint(0, 2)))
            app = rng.randrange(len(w.applications))
            room = rng.choice([None] + [r.id for r in rooms])
            status = rng.choice(statuses + [InterviewStatus.SCHEDULED] * 4)
            interview = Interview(uid=f"r{rng.random()}", application_id=w.applications[app], round_id=w.round1,
                                  starts_at=start, duration_minutes=int(length.total_seconds() // 60),
                                  room_id=room, status=status, created_at=w.db.clock.now(),
                                  mode=InterviewMode.ONSITE if room else InterviewMode.VIDEO)
            interview.participants = [InterviewParticipant(user_id=u) for u in people]
            s.add(interview)
            s.flush()
            bookings[interview.id] = Booking(start, start + length, people, w.candidates[app], room, status)
    return Calendar(day_start, day_end, lunch, holidays, room_rows, bookings)


def random_external(rng: random.Random, users: list[int], rooms: list[int], first: date) -> BusyTimes:
    busy = {}
    for subject in [("user", u) for u in users] + [("room", r) for r in rooms]:
        if rng.random() < 0.3:
            day = first + timedelta(days=rng.randint(0, 2))
            start = at(day, time(8, 0)) + timedelta(minutes=7 * rng.randint(0, 90))
            busy[subject] = [(start, start + timedelta(minutes=rng.randint(5, 200)))]
    unknown = {("room", r) for r in rooms if rng.random() < 0.25}
    if rng.random() < 0.05:
        unknown.add(("user", rng.choice(users)))
    return BusyTimes(busy, frozenset(unknown))


def the_one_being_moved(cal: Calendar, rng: random.Random, now: datetime, last: date) -> int | None:
    """Often the request is for moving an interview that is still ahead and holds a room."""
    if rng.random() < 0.5:
        return None
    ahead = [i for i, b in cal.bookings.items()
             if b.room is not None and b.status in BLOCKING and now <= b.start < at(last, time(23, 59))]
    return rng.choice(ahead) if ahead else None


def test_the_finder_agrees_with_a_brute_force_on_random_calendars(embedded_world):
    w = embedded_world
    people = [w.wang.user_id, w.li.user_id, w.leader.user_id, w.deputy.user_id]
    compared = offered = 0
    for seed in range(30):
        rng = random.Random(20261123 + seed)
        first = STORY_DAY + timedelta(days=rng.randint(-3, 10))
        last = first + timedelta(days=rng.randint(0, 4))
        cal = random_calendar(w, rng, first, last)
        now = at(first, time(0, 0)) + timedelta(minutes=rng.randint(0, 60 * 24 * ((last - first).days + 1)))
        moving = the_one_being_moved(cal, rng, now, last)
        chosen = rng.sample(people, rng.randint(1, 3))
        candidate = rng.choice([None] + w.candidates[:2])
        if moving is not None:   # its people and its candidate look for a new time
            chosen = list(dict.fromkeys(sorted(cal.bookings[moving].people) + chosen))[:3]
            candidate = cal.bookings[moving].candidate
        request = slots.SlotRequest(
            interviewer_ids=tuple(chosen[:2]), observer_ids=tuple(chosen[2:]),
            duration_minutes=rng.choice([15, 20, 30, 45, 60, 90]), first_day=first, last_day=last,
            mode=InterviewMode.VIDEO if rng.random() < 0.15 else InterviewMode.ONSITE,
            min_capacity=rng.choice([0, 0, 0, 3, 5]),
            room_ids=tuple(rng.sample([r[0] for r in cal.rooms], 1)) if rng.random() < 0.2 else (),
            candidate_id=candidate, count=rng.randint(1, 25), step_minutes=rng.choice([5, 10, 15, 20, 30]),
            exclude_interview_id=moving)
        external = (random_external(rng, people, [r[0] for r in cal.rooms], first) if rng.random() < 0.6
                    else BusyTimes())
        with w.db.session(w.hr) as s:
            got = [(slot.starts_at, slot.room_id) for slot in slots.find_slots(s, request, now, external)]
        want = brute_force(cal, request, now, external, request.candidate_id)
        assert got == want, f"seed {seed}: {request} now={now.isoformat()}"
        compared += 1
        offered += len(want)
    assert compared == 30 and offered > 100   # the random calendars are not all empty or all full
