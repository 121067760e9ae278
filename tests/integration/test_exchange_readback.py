"""What comes back from Exchange: free/busy in the conflict check (and 'unknown' when Exchange is
down), interviewers' answers and meetings moved or deleted in Outlook on the timeline with an alert
for HR — read by the real exchangelib from the loopback EWS server."""

from __future__ import annotations

import pytest
from exchange_helpers import (
    LI,
    ROOM,
    SERVICE_ACCOUNT,
    WANG,
    alerts,
    calendar_items,
    configure,
    deliver,
    timeline_kinds,
)
from factories import SYSTEM
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select

from desktop.core.model import (
    CalendarSyncState,
    Interview,
    InterviewMode,
    InterviewParticipant,
    ResponseState,
)
from desktop.core.scheduling import lookups
from desktop.core.scheduling.conflicts import ConflictKind
from desktop.integrations.exchange.freebusy import ExchangeCalendar
from desktop.integrations.exchange.sync import sync_responses


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def uid_of(w: World, interview_id: int) -> str:
    with w.db.session() as s:
        return s.get(Interview, interview_id).uid


def check(w: World, hour: int) -> list:
    with w.db.session(w.hr) as s:
        return lookups.check_booking(s, w.applications[1], local(STORY_DAY, hour), 30, InterviewMode.ONSITE, w.room,
                                     (w.wang.user_id, w.li.user_id))


def test_free_busy_counts_in_the_conflict_check_and_is_unknown_when_exchange_is_down(world, ews_server):
    configure(world, ews_server)
    ews_server.add_busy(WANG, local(STORY_DAY, 14), local(STORY_DAY, 15))     # 王主任's own appointment
    ews_server.add_busy(ROOM, local(STORY_DAY, 16), local(STORY_DAY, 17))     # room booked by someone else
    calendar = ExchangeCalendar(world.db)
    world.db.calendar = calendar
    found = {(c.kind, c.subject) for c in check(world, 14)}
    assert (ConflictKind.INTERVIEWER_CALENDAR_BUSY, "王主任") in found
    assert not any(k == ConflictKind.INTERVIEWER_CALENDAR_BUSY and s != "王主任" for k, s in found)
    assert (ConflictKind.ROOM_CALENDAR_BUSY, "行政楼301") in {(c.kind, c.subject) for c in check(world, 16)}
    assert not any(c.kind.value.endswith("calendar_busy") for c in check(world, 10))
    asked = ews_server.count("GetUserAvailability")
    check(world, 10)
    assert ews_server.count("GetUserAvailability") == asked            # the same question within a minute: cached

    ews_server.stop()
    calendar.forget()
    found = check(world, 10)
    unknown = {c.subject for c in found if c.kind == ConflictKind.FREEBUSY_UNKNOWN}
    assert unknown == {"王主任", "李医生", "行政楼301"}                  # never "free" when we could not ask
    assert all(not c.hard for c in found if c.kind == ConflictKind.FREEBUSY_UNKNOWN)


def test_decline_in_outlook_lands_on_the_timeline_and_alerts_hr_once(world, ews_server):
    configure(world, ews_server, **{"exchange.mode": "organizer", "exchange.organizer_mailbox": SERVICE_ACCOUNT})
    booked = book(world, 0, local(STORY_DAY, 17), interviewers=(world.wang.user_id, world.li.user_id))
    deliver(world)
    first = sync_responses(world.db)
    assert first.errors == [] and first.alerts == 0
    uid = uid_of(world, booked.interview_id)
    ews_server.respond(WANG, uid, "Decline")
    ews_server.respond(LI, uid, "Accept")
    summary = sync_responses(world.db)
    assert summary.responses == 2 and summary.alerts == 1, summary
    [alert] = alerts(world, "interviewer_declined")
    assert alert.user_id == world.hr.user_id and alert.detail["who"] == "王主任"
    assert alert.interview_id == booked.interview_id
    kinds = timeline_kinds(world, booked.interview_id)
    assert "interviewer_declined" in kinds and "interviewer_accepted" in kinds
    with world.db.session() as s:
        answers = dict(s.execute(select(InterviewParticipant.user_id, InterviewParticipant.response)
                                 .where(InterviewParticipant.interview_id == booked.interview_id)).all())
    assert answers == {world.wang.user_id: ResponseState.DECLINED, world.li.user_id: ResponseState.ACCEPTED}

    again = sync_responses(world.db)        # nothing new, and reading from scratch records nothing twice
    assert again.responses == 0 and again.alerts == 0
    with world.db.session(SYSTEM, write=True) as s:
        s.query(CalendarSyncState).delete()
    assert sync_responses(world.db).alerts == 0
    assert len(alerts(world, "interviewer_declined")) == 1
    assert timeline_kinds(world, booked.interview_id).count("interviewer_declined") == 1


def test_meeting_moved_or_deleted_in_outlook_alerts_hr(world, ews_server):
    configure(world, ews_server)
    booked = book(world, 0, local(STORY_DAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    deliver(world)
    assert sync_responses(world.db).alerts == 0       # our own meetings are no news
    uid = uid_of(world, booked.interview_id)
    ews_server.move(WANG, uid, local(STORY_DAY, 11), local(STORY_DAY, 11, 30))
    ews_server.delete(LI, uid)
    summary = sync_responses(world.db)
    assert (summary.moved, summary.deleted, summary.alerts) == (1, 1, 2), summary
    changed = alerts(world, "meeting_changed_in_outlook")
    assert {a.detail["change"]: a.detail["who"] for a in changed} == {"moved": "王主任", "deleted": "李医生"}
    assert all(a.user_id == world.hr.user_id for a in changed)
    kinds = timeline_kinds(world, booked.interview_id)
    assert "meeting_moved_in_outlook" in kinds and "meeting_deleted_in_outlook" in kinds
    assert sync_responses(world.db).alerts == 0
    assert {r.mailbox: r.cancelled for r in calendar_items(world)} == {WANG: False, LI: True}


def test_free_busy_from_exchange_keeps_the_slot_finder_off_busy_times(world, ews_server):
    from desktop.core.scheduling import slots

    configure(world, ews_server)
    ews_server.add_busy(WANG, local(STORY_DAY, 8, 0), local(STORY_DAY, 11, 0))   # 王主任's morning clinic
    world.db.calendar = ExchangeCalendar(world.db)
    request = slots.SlotRequest(interviewer_ids=(world.wang.user_id,), duration_minutes=30, first_day=STORY_DAY,
                                last_day=STORY_DAY, count=1)
    with world.db.session(world.hr) as s:
        [first] = slots.find_slots(s, request, world.db.clock.now())
    assert first.starts_at == local(STORY_DAY, 11, 0)
    world.db.calendar = None                                # without the server the morning looks free
    with world.db.session(world.hr) as s:
        [unaware] = slots.find_slots(s, request, world.db.clock.now())
    assert unaware.starts_at == local(STORY_DAY, 8, 30)
