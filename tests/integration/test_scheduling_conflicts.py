"""Conflict rules for a booking or a change: every kind is found and names what it is about; the
interview being changed, cancelled interviews and back-to-back meetings do not count; a double-booked
room and a candidate in two interviews at once can never be overridden, an interviewer's overlap
only where the institution allows it, while soft conflicts can, with a reason that is audited."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime

import pytest
from sqlalchemy import select

from desktop.core import settings
from desktop.core.errors import ConflictsFound
from desktop.core.model import (
    ChangeKind, ChangeRequest, Holiday, Interview, InterviewMode, InterviewStatus, OutboxEntry, Party, Room,
)
from desktop.core.scheduling import booking, changes, conflicts, views
from desktop.core.scheduling.conflicts import ConflictKind as K
from desktop.core.scheduling.provider import BusyTimes, CalendarProvider, Subject

from factories import SYSTEM, audit_entries, count
from scheduling_helpers import BACKENDS, world_copy
from scheduling_helpers import book as book_at
from scheduling_world import STORY_DAY, World, local


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def embedded_world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, "sqlcipher", clock)


def allow_interviewer_overlap(w: World, allowed: bool = True) -> None:
    with w.db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "scheduling.allow_interviewer_overlap_override", allowed, "测试")


def book(w: World, candidate: int, hh: int, mm: int = 0, **options) -> booking.Booked:
    """Candidate number `candidate` at hh:mm on the story day (default: 王主任 in room 301)."""
    return book_at(w, candidate, local(STORY_DAY, hh, mm), **options)


def proposal(w: World, candidate: int, start: datetime, *, interviewers: tuple[int, ...] | None = None,
             room: int | None = None, minutes: int = 30, exclude: int | None = None) -> conflicts.Proposal:
    return conflicts.Proposal(starts_at=start, duration_minutes=minutes, mode=InterviewMode.ONSITE,
                              room_id=room or w.room, interviewer_ids=interviewers or (w.wang.user_id,),
                              candidate_id=w.candidates[candidate], exclude_interview_id=exclude)


def found(w: World, p: conflicts.Proposal, now: datetime | None = None,
          external: BusyTimes | None = None) -> list[tuple[K, str, int | None]]:
    with w.db.session() as s:
        return [(c.kind, c.subject, c.other_interview_id)
                for c in conflicts.check(s, p, now or w.db.clock.now(), external)]


def test_every_kind_of_conflict_is_found_and_names_what_it_is_about(world):
    w = world
    quarter_past_ten = local(STORY_DAY, 10, 15)
    a = book(w, 0, 10).interview_id                                          # 王主任, room 301, 10:00–10:30
    with w.db.session(SYSTEM, write=True) as s:
        s.add_all([Room(name="旧会议室", capacity=6, is_active=False),
                   Holiday(day=date(2027, 1, 1), name="元旦", is_workday=False),
                   Holiday(day=date(2026, 11, 28), name="调休上班", is_workday=True)])
        s.flush()
        old_room = s.scalar(select(Room.id).where(Room.name == "旧会议室"))
    li, big = (w.li.user_id,), w.big_room

    assert found(w, proposal(w, 1, quarter_past_ten, interviewers=li)) == [(K.ROOM_BOOKED, "行政楼301", a)]
    assert found(w, proposal(w, 1, quarter_past_ten, room=big)) == [(K.INTERVIEWER_BUSY, "王主任", a)]
    assert found(w, proposal(w, 0, quarter_past_ten, interviewers=li, room=big)) == [(K.CANDIDATE_BOOKED, "", a)]
    four = (w.li.user_id, w.leader.user_id, w.deputy.user_id, w.personnel.user_id)
    assert found(w, proposal(w, 1, local(STORY_DAY, 14), interviewers=four)) == [
        (K.ROOM_TOO_SMALL, "行政楼301", None)]                              # 4 interviewers + candidate > 4 seats
    assert found(w, proposal(w, 1, local(STORY_DAY, 14), interviewers=four[:3])) == []   # exactly 4 seats
    assert found(w, proposal(w, 1, local(STORY_DAY, 14), room=old_room)) == [(K.ROOM_INACTIVE, "旧会议室", None)]
    assert found(w, proposal(w, 1, local(STORY_DAY, 10, 45), room=big),
                 now=local(STORY_DAY, 11, 0)) == [(K.IN_PAST, "", None)]
    assert found(w, proposal(w, 1, local(STORY_DAY, 12, 0))) == [(K.OUTSIDE_HOURS, "", None)]
    assert found(w, proposal(w, 1, local(STORY_DAY, 17, 15))) == [(K.OUTSIDE_HOURS, "", None)]
    assert found(w, proposal(w, 1, local(STORY_DAY, 17, 0))) == []
    assert found(w, proposal(w, 1, local(date(2027, 1, 1), 10))) == [(K.HOLIDAY, "元旦", None)]
    assert found(w, proposal(w, 1, local(date(2026, 11, 28), 10))) == []        # 调休: a working Saturday
    assert found(w, proposal(w, 1, local(date(2026, 11, 29), 10))) == [(K.WEEKEND, "", None)]  # a Sunday
    # Several at once: the hard ones first, so the dialog leads with what cannot be overridden.
    many = found(w, proposal(w, 0, quarter_past_ten, interviewers=(w.wang.user_id,) + four))
    assert many == [(K.CANDIDATE_BOOKED, "", a), (K.INTERVIEWER_BUSY, "王主任", a),
                    (K.ROOM_BOOKED, "行政楼301", a), (K.ROOM_TOO_SMALL, "行政楼301", None)]
    allow_interviewer_overlap(w)      # then an interviewer's overlap is soft and comes after the hard ones
    many = found(w, proposal(w, 0, quarter_past_ten, interviewers=(w.wang.user_id,) + four))
    assert many == [(K.CANDIDATE_BOOKED, "", a), (K.ROOM_BOOKED, "行政楼301", a),
                    (K.INTERVIEWER_BUSY, "王主任", a), (K.ROOM_TOO_SMALL, "行政楼301", None)]


def test_the_changed_interview_cancelled_ones_and_back_to_back_meetings_do_not_conflict(world):
    w = world
    a = book(w, 0, 10).interview_id                                          # 10:00–10:30
    moved = proposal(w, 0, local(STORY_DAY, 10, 15), exclude=a)
    assert found(w, moved) == []
    assert {k for k, _, _ in found(w, proposal(w, 0, local(STORY_DAY, 10, 15)))} == {
        K.ROOM_BOOKED, K.INTERVIEWER_BUSY, K.CANDIDATE_BOOKED}
    assert found(w, proposal(w, 0, local(STORY_DAY, 10, 30))) == []           # starts as the other ends
    assert found(w, proposal(w, 0, local(STORY_DAY, 9, 30))) == []            # ends as the other starts
    assert len(found(w, proposal(w, 0, local(STORY_DAY, 9, 45)))) == 3
    assert len(found(w, proposal(w, 0, local(STORY_DAY, 10, 29), minutes=10))) == 3   # one minute of overlap
    # A long interview that started hours earlier still blocks.
    long = book(w, 1, 13, 30, interviewers=(w.li.user_id,), room=w.big_room, minutes=240).interview_id
    assert found(w, proposal(w, 2, local(STORY_DAY, 17, 0), interviewers=(w.li.user_id,), room=w.big_room)) == [
        (K.INTERVIEWER_BUSY, "李医生", long), (K.ROOM_BOOKED, "行政楼大会议室", long)]   # both hard

    with w.db.session(SYSTEM, write=True) as s:
        s.get(Interview, a).status = InterviewStatus.CANCELLED
    assert found(w, proposal(w, 0, local(STORY_DAY, 10, 15))) == []
    book(w, 1, 10)  # the slot can be booked again, without a reason to give


def test_a_double_booked_room_cannot_be_overridden_even_with_a_reason_and_nothing_is_written(world):
    w = world
    book(w, 0, 10)
    before = (count(w.db, Interview), count(w.db, OutboxEntry), len(audit_entries(w.db, action="override")))
    with pytest.raises(ConflictsFound) as refused:
        book(w, 1, 10, 15, interviewers=(w.li.user_id,), reason="院长特批")
    assert refused.value.overridable is False
    assert [(c.kind, c.subject) for c in refused.value.conflicts] == [(K.ROOM_BOOKED, "行政楼301")]
    # A hard conflict next to soft ones still cannot be overridden.
    allow_interviewer_overlap(w)
    with pytest.raises(ConflictsFound) as mixed:
        book(w, 1, 10, 15, reason="院长特批")
    assert mixed.value.overridable is False
    assert [c.kind for c in mixed.value.conflicts] == [K.ROOM_BOOKED, K.INTERVIEWER_BUSY]
    # Even a caller that carries on with its unit of work after the refusal writes nothing.
    with w.db.session(w.hr, write=True) as s:
        with pytest.raises(ConflictsFound):
            booking.book(s, w.hr, booking.BookingInput(
                application_id=w.applications[1], round_id=w.round1, starts_at=local(STORY_DAY, 10, 15),
                duration_minutes=30, mode=InterviewMode.ONSITE, room_id=w.room, interviewer_ids=(w.li.user_id,)),
                override_reason="院长特批")
    assert (count(w.db, Interview), count(w.db, OutboxEntry), len(audit_entries(w.db, action="override"))) == before
    # The same holds for a change request that would move another interview into the booked room.
    other = book(w, 1, 11, interviewers=(w.li.user_id,)).interview_id
    requests = count(w.db, ChangeRequest)
    with w.db.session(w.hr, write=True) as s:
        with pytest.raises(ConflictsFound) as moved:
            changes.request_change(s, w.hr, changes.ChangeInput(
                interview_id=other, kind=ChangeKind.RESCHEDULE, party=Party.HR, reason="提前",
                starts_at=local(STORY_DAY, 10, 15)), override_reason="院长特批")
    assert moved.value.overridable is False and count(w.db, ChangeRequest) == requests


def test_soft_conflicts_need_a_reason_and_the_override_is_audited_and_on_the_timeline(world):
    w = world
    allow_interviewer_overlap(w)        # this institution holds joint panels
    first = book(w, 0, 10).interview_id
    before = (count(w.db, Interview), count(w.db, OutboxEntry))
    with pytest.raises(ConflictsFound) as asked:
        book(w, 1, 10, room=w.big_room)                                   # 王主任 is busy
    assert asked.value.overridable is True
    assert [(c.kind, c.subject, c.other_interview_id) for c in asked.value.conflicts] == [
        (K.INTERVIEWER_BUSY, "王主任", first)]
    with pytest.raises(ConflictsFound):
        book(w, 1, 10, room=w.big_room, reason="   ")                     # blanks are no reason
    assert (count(w.db, Interview), count(w.db, OutboxEntry)) == before

    booked = book(w, 1, 10, room=w.big_room, reason="王主任同时面试两人（联合面试）")
    assert [c.kind for c in booked.overridden] == [K.INTERVIEWER_BUSY]
    assert count(w.db, Interview) == before[0] + 1 and count(w.db, OutboxEntry) > before[1]
    overrides = audit_entries(w.db, action="override")
    assert [(e.entity, e.entity_id, e.actor_name) for e in overrides] == [
        ("Interview", str(booked.interview_id), "hr_zhang")]
    assert overrides[0].changes == {"reason": "王主任同时面试两人（联合面试）", "conflicts": ["interviewer_busy"]}
    with w.db.session(w.hr) as s:
        timeline = views.interview_detail(s, w.hr, booked.interview_id).timeline
    overridden = [e for e in timeline if e.kind == "conflict_overridden"]
    assert [(e.actor, e.detail["reason"], e.detail["conflicts"]) for e in overridden] == [
        ("张人事", "王主任同时面试两人（联合面试）", ["interviewer_busy"])]


@dataclass
class FakeCalendar:
    """Stands in for Exchange: what the calendar server would answer, and what it was asked."""

    busy: dict[Subject, list[tuple[datetime, datetime]]] = field(default_factory=dict)
    unreadable: set[Subject] = field(default_factory=set)
    asked: list[dict[Subject, str]] = field(default_factory=list)

    def busy_times(self, mailboxes: Mapping[Subject, str], start: datetime, end: datetime) -> BusyTimes:
        self.asked.append(dict(mailboxes))
        return BusyTimes({s: [(b, e) for b, e in spans if b < end and start < e]
                          for s, spans in self.busy.items() if s in mailboxes},
                         frozenset(s for s in mailboxes if s in self.unreadable))


def test_busy_times_from_the_calendar_server_block_and_unreadable_calendars_are_named(embedded_world):
    w = embedded_world
    wang, li = ("user", w.wang.user_id), ("user", w.li.user_id)
    server: CalendarProvider = FakeCalendar(
        busy={wang: [(local(STORY_DAY, 14), local(STORY_DAY, 15))],
              ("room", w.room): [(local(STORY_DAY, 16), local(STORY_DAY, 17))]},
        unreadable={li, ("room", w.big_room)})
    mailboxes = {wang: "wang@hospital.cn", li: "li@hospital.cn", ("room", w.room): "room301@hospital.cn",
                 ("room", w.big_room): "hall@hospital.cn"}
    external = server.busy_times(mailboxes, local(STORY_DAY, 0), local(STORY_DAY, 23))
    assert server.asked == [mailboxes]

    assert found(w, proposal(w, 0, local(STORY_DAY, 14, 30)), external=external) == [
        (K.INTERVIEWER_CALENDAR_BUSY, "王主任", None)]
    assert found(w, proposal(w, 0, local(STORY_DAY, 15)), external=external) == []   # free again at 15:00
    assert found(w, proposal(w, 0, local(STORY_DAY, 16, 45)), external=external) == [
        (K.ROOM_CALENDAR_BUSY, "行政楼301", None)]
    assert found(w, proposal(w, 0, local(STORY_DAY, 9), interviewers=(w.li.user_id,), room=w.big_room),
                 external=external) == [(K.FREEBUSY_UNKNOWN, "李医生", None),
                                        (K.FREEBUSY_UNKNOWN, "行政楼大会议室", None)]
    assert found(w, proposal(w, 0, local(STORY_DAY, 14, 30))) == []   # without the server nothing is known

    with pytest.raises(ConflictsFound) as asked:
        book(w, 0, 14, 30, external=external)
    assert asked.value.overridable is True
    booked = book(w, 0, 14, 30, external=external, reason="王主任的院周会可以缺席")
    assert [c.kind for c in booked.overridden] == [K.INTERVIEWER_CALENDAR_BUSY]


def test_busy_blocks_imported_from_a_calendar_file_block_like_a_calendar_server(world):
    """An interviewer's exported Outlook availability, imported as busy blocks, counts in the check
    and in the slot finder, for people and for rooms."""
    from desktop.core.model import BusyBlock
    from desktop.core.scheduling import slots

    w = world
    with w.db.session(SYSTEM, write=True) as s:
        s.add_all([BusyBlock(user_id=w.wang.user_id, starts_at=local(STORY_DAY, 8), ends_at=local(STORY_DAY, 11),
                             summary="院周会", source="wang.ics", source_uid="a", imported_at=w.db.clock.now()),
                   BusyBlock(room_id=w.big_room, starts_at=local(STORY_DAY, 14), ends_at=local(STORY_DAY, 15),
                             source="rooms.ics", source_uid="b", imported_at=w.db.clock.now())])
    assert found(w, proposal(w, 1, local(STORY_DAY, 10, 30))) == [(K.INTERVIEWER_CALENDAR_BUSY, "王主任", None)]
    assert found(w, proposal(w, 1, local(STORY_DAY, 11))) == []                 # starts as the block ends
    assert found(w, proposal(w, 1, local(STORY_DAY, 14, 30), interviewers=(w.li.user_id,), room=w.big_room)) == [
        (K.ROOM_CALENDAR_BUSY, "行政楼大会议室", None)]
    with w.db.session() as s:
        first = slots.find_slots(s, slots.SlotRequest(interviewer_ids=(w.wang.user_id,), duration_minutes=30,
                                                      first_day=STORY_DAY, last_day=STORY_DAY, count=1),
                                 w.db.clock.now())[0]
        in_big = slots.find_slots(s, slots.SlotRequest(interviewer_ids=(w.li.user_id,), duration_minutes=30,
                                                       first_day=STORY_DAY, last_day=STORY_DAY, count=20,
                                                       room_ids=(w.big_room,)), w.db.clock.now())
    assert first.starts_at == local(STORY_DAY, 11)
    assert not any(local(STORY_DAY, 13, 31) <= slot.starts_at < local(STORY_DAY, 15) for slot in in_big)
    assert any(slot.starts_at == local(STORY_DAY, 15) for slot in in_big)


def test_a_candidate_in_two_interviews_at_once_is_refused_whatever_the_reason(world):
    """Booking, batch booking and change requests alike: the candidate would get contradicting
    messages, so no reason makes it acceptable; nothing is written."""
    w = world
    first = book(w, 0, 10).interview_id                                     # 王主任, room 301
    before = (count(w.db, Interview), count(w.db, OutboxEntry), len(audit_entries(w.db, action="override")))
    with pytest.raises(ConflictsFound) as refused:
        book(w, 0, 10, 15, interviewers=(w.li.user_id,), room=w.big_room, reason="候选人同意连续参加")
    assert refused.value.overridable is False
    assert [(c.kind, c.other_interview_id, c.hard) for c in refused.value.conflicts] == [
        (K.CANDIDATE_BOOKED, first, True)]
    assert (count(w.db, Interview), count(w.db, OutboxEntry), len(audit_entries(w.db, action="override"))) == before

    other = book(w, 0, 14, interviewers=(w.li.user_id,), room=w.big_room).interview_id
    with w.db.session(w.hr, write=True) as s:
        with pytest.raises(ConflictsFound) as moved:
            changes.request_change(s, w.hr, changes.ChangeInput(
                interview_id=other, kind=ChangeKind.RESCHEDULE, party=Party.HR, reason="提前",
                starts_at=local(STORY_DAY, 10, 15)), override_reason="候选人同意")
    assert moved.value.overridable is False and [c.kind for c in moved.value.conflicts] == [K.CANDIDATE_BOOKED]
    assert count(w.db, ChangeRequest) == 0

    with w.db.session(w.hr, write=True) as s:     # the batch places the candidate after their 10:00 interview
        result = booking.book_batch(s, w.hr, booking.BatchInput(
            application_ids=(w.applications[0],), round_id_by_application={w.applications[0]: w.round1},
            day=STORY_DAY, duration_minutes=30, mode=InterviewMode.ONSITE, interviewer_ids=(w.deputy.user_id,),
            room_id=w.room, first_start=local(STORY_DAY, 10)))
    assert [start for _app, _iid, start in result.booked] == [local(STORY_DAY, 10, 30)]


def test_an_interviewer_overlap_is_hard_unless_the_institution_allows_an_override(world):
    w = world
    first = book(w, 0, 10).interview_id
    with pytest.raises(ConflictsFound) as refused:
        book(w, 1, 10, room=w.big_room, reason="联合面试")
    assert refused.value.overridable is False
    assert [(c.kind, c.subject, c.hard) for c in refused.value.conflicts] == [(K.INTERVIEWER_BUSY, "王主任", True)]
    allow_interviewer_overlap(w)
    with pytest.raises(ConflictsFound) as asked:
        book(w, 1, 10, room=w.big_room)
    assert asked.value.overridable is True and asked.value.conflicts[0].other_interview_id == first
    booked = book(w, 1, 10, room=w.big_room, reason="联合面试")
    assert [c.kind for c in booked.overridden] == [K.INTERVIEWER_BUSY]
