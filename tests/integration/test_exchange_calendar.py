"""Interview meetings in the interviewers' Exchange calendars, written through the outbox worker by
the real exchangelib against the loopback EWS server (tests/ews_server)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from exchange_helpers import (
    LI,
    ROOM,
    SERVICE_ACCOUNT,
    WANG,
    calendar_entries,
    calendar_items,
    configure,
    deliver,
    give_mailboxes,
)
from factories import SYSTEM
from scheduling_helpers import (
    BACKENDS,
    approve_default_chain,
    book,
    decide,
    request,
    world_copy,
)
from scheduling_world import STORY_DAY, World, local

from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import ChangeKind, Interview, OutboxState, Party, User, Verdict
from desktop.core.scheduling import changes
from desktop.integrations.exchange.sender import ExchangeSender


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def uid_of(w: World, interview_id: int) -> str:
    with w.db.session() as s:
        return s.get(Interview, interview_id).uid


def reschedule(w: World, interview_id: int, hour: int) -> None:
    result = request(w, changes.ChangeInput(interview_id, ChangeKind.RESCHEDULE, Party.CANDIDATE, "候选人申请改时",
                                            starts_at=local(STORY_DAY, hour)))
    approve_default_chain(w, result.change_request_id)


def fields_saved_since(srv, item_id: str, change_key: str) -> set[str]:
    """What the saves after `change_key` touched, leaving out the room's answer to the update."""
    item = srv.store.items[item_id]
    return item.fields_changed_since(item.version_of(change_key)) - {"Resources"}


def test_booking_creates_meeting_with_room_and_windows_zone(world, ews_server, ews_account):
    configure(world, ews_server)
    booked = book(world, 0, local(STORY_DAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    progress = deliver(world)
    assert progress.outcome.sent == 2, progress.outcome.errors
    uid = uid_of(world, booked.interview_id)
    wang = ews_server.meeting(WANG, uid)
    assert (wang.start, wang.end) == (local(STORY_DAY, 10), local(STORY_DAY, 10, 30))
    assert wang.subject == "面试：内科住院医师 初试" and "行政楼301" in wang.location
    assert wang.attendees == {ROOM: "Accept"}       # the room mailbox got the request and booked itself
    assert ews_server.meeting(LI, uid).attendees == {}  # booked once, on the first interviewer's meeting
    assert wang.extended == {"InterviewDeskUid": uid}
    assert ews_server.count("CreateItem") == 2
    # sent in the office zone under its Windows name, never as a naive time
    item = ews_account(WANG).calendar.get(id=wang.item_id)
    assert item._start_timezone.ms_id == "China Standard Time"
    rows = {r.mailbox: r for r in calendar_items(world)}
    assert set(rows) == {WANG, LI}
    assert rows[WANG].item_id == wang.item_id and rows[WANG].change_key == wang.change_key
    assert all(e.state == OutboxState.SENT for e in calendar_entries(world))


def test_reschedule_updates_only_the_time_and_cancel_cancels(world, ews_server):
    configure(world, ews_server)
    booked = book(world, 0, local(STORY_DAY, 10))
    deliver(world)
    uid = uid_of(world, booked.interview_id)
    first = ews_server.meeting(WANG, uid)

    reschedule(world, booked.interview_id, 17)
    assert deliver(world).outcome.sent == 1
    moved = ews_server.meeting(WANG, uid)
    assert moved.item_id == first.item_id and moved.change_key != first.change_key
    assert moved.start == local(STORY_DAY, 17)
    # the time, and the body that states it; not the subject, place or attendees
    assert fields_saved_since(ews_server, moved.item_id, first.change_key) == {"Start", "End", "StartTimeZone",
                                                                              "EndTimeZone", "Body"}
    assert ews_server.count("CreateItem") == 1 and ews_server.count("UpdateItem") == 1
    assert calendar_items(world)[0].change_key == moved.change_key

    result = request(world, changes.ChangeInput(booked.interview_id, ChangeKind.CANCEL, Party.CANDIDATE, "候选人放弃"))
    approve_default_chain(world, result.change_request_id)
    assert deliver(world).outcome.sent == 1
    assert ews_server.calendar(WANG) == [] or ews_server.meeting(WANG, uid).is_cancelled
    assert calendar_items(world)[0].cancelled


def test_stale_change_key_is_refreshed_and_applied_without_a_duplicate(world, ews_server):
    configure(world, ews_server)
    booked = book(world, 0, local(STORY_DAY, 10))
    deliver(world)
    uid = uid_of(world, booked.interview_id)
    ews_server.move(WANG, uid, local(STORY_DAY, 11), local(STORY_DAY, 11, 30))   # dragged in Outlook
    reschedule(world, booked.interview_id, 17)
    progress = deliver(world)
    assert progress.outcome.sent == 1, progress.outcome.errors
    meetings = ews_server.calendar(WANG)
    assert len(meetings) == 1 and meetings[0].start == local(STORY_DAY, 17)
    assert ews_server.count("CreateItem") == 1
    assert ews_server.count("UpdateItem") == 2          # refused with the stale key, then applied
    assert calendar_items(world)[0].change_key == meetings[0].change_key


def test_lost_response_then_retry_finds_the_meeting_instead_of_creating_another(world, ews_server, clock):
    configure(world, ews_server)
    book(world, 0, local(STORY_DAY, 10))
    ews_server.fail(operation="CreateItem", kind="drop", after_apply=True)
    progress = deliver(world)
    assert progress.outcome.retrying == 1
    assert len(ews_server.calendar(WANG)) == 1            # it was created; we did not hear
    clock.advance(timedelta(minutes=1))
    assert deliver(world).outcome.sent == 1
    assert len(ews_server.calendar(WANG)) == 1
    assert ews_server.count("CreateItem") == 1
    assert calendar_items(world)[0].item_id == ews_server.calendar(WANG)[0].item_id


def test_server_busy_waits_the_servers_back_off_in_the_outbox(world, ews_server, clock):
    configure(world, ews_server)
    book(world, 0, local(STORY_DAY, 10))
    ews_server.fail(operation="CreateItem", kind="server_busy", back_off_ms=90_000)
    assert deliver(world).outcome.retrying == 1
    entry = calendar_entries(world)[0]
    assert entry.state == OutboxState.PENDING and "繁忙" in entry.last_error
    assert entry.next_attempt_at >= clock.now() + timedelta(seconds=90)   # not the worker's 2 s first delay
    clock.advance(timedelta(seconds=60))
    assert deliver(world).outcome.sent == 0                # still backing off
    clock.advance(timedelta(seconds=31))
    assert deliver(world).outcome.sent == 1
    assert len(ews_server.calendar(WANG)) == 1


def test_unknown_mailbox_fails_with_the_reason_for_hr(world, ews_server):
    configure(world, ews_server)
    with world.db.session(SYSTEM, write=True) as s:
        s.get(User, world.wang.user_id).exchange_mailbox = "ghost@example.cn"
    book(world, 0, local(STORY_DAY, 10))
    progress = deliver(world)
    assert progress.outcome.failed == 1
    entry = calendar_entries(world)[0]
    assert entry.state == OutboxState.FAILED
    assert "找不到该邮箱" in entry.last_error and "ghost" not in entry.last_error


def test_offline_entries_wait_then_go_out_in_order(world, ews_server, clock):
    configure(world, ews_server)
    ews_server.stop()
    booked = book(world, 0, local(STORY_DAY, 10))
    reschedule(world, booked.interview_id, 17)
    assert deliver(world).outcome.retrying == 1            # the second waits behind the first
    first, second = calendar_entries(world)
    assert first.state == OutboxState.PENDING and "无法连接" in first.last_error
    assert second.state == OutboxState.PENDING and second.attempts == 0
    ews_server.start()                                     # back, on a new port
    configure(world, ews_server)
    clock.advance(timedelta(minutes=5))
    assert deliver(world).outcome.sent == 2
    meetings = ews_server.calendar(WANG)
    assert len(meetings) == 1 and meetings[0].start == local(STORY_DAY, 17)
    assert ews_server.count("CreateItem") == 1
    sent = calendar_entries(world)
    assert [e.kind for e in sent] == ["create", "update"] and all(e.state == OutboxState.SENT for e in sent)


def test_organizer_mode_one_meeting_with_every_interviewer_invited(world, ews_server):
    configure(world, ews_server, **{"exchange.mode": "organizer", "exchange.organizer_mailbox": SERVICE_ACCOUNT})
    booked = book(world, 0, local(STORY_DAY, 10), interviewers=(world.wang.user_id, world.li.user_id))
    assert deliver(world).outcome.sent == 2
    uid = uid_of(world, booked.interview_id)
    organizer = ews_server.meeting(SERVICE_ACCOUNT, uid)
    assert set(organizer.attendees) == {WANG, LI, ROOM}
    assert ews_server.meeting(WANG, uid).start == local(STORY_DAY, 10)     # the invitation arrived
    assert ews_server.meeting(LI, uid).organizer == SERVICE_ACCOUNT
    assert ews_server.count("CreateItem") == 1            # the second entry found nothing to change
    assert [r.mailbox for r in calendar_items(world)] == [SERVICE_ACCOUNT]

    reschedule(world, booked.interview_id, 17)
    assert deliver(world).outcome.sent == 2
    assert ews_server.count("UpdateItem") == 1
    assert ews_server.meeting(LI, uid).start == local(STORY_DAY, 17)


def test_basic_authentication(world, clock):
    from ews_server import EwsServer
    from exchangelib.protocol import close_connections
    srv = EwsServer(auth="Basic")
    srv.add_account(SERVICE_ACCOUNT, password="Svc-Pa55word!")
    srv.add_mailbox(WANG)
    srv.add_mailbox(LI)
    srv.add_mailbox(ROOM, room=True)
    srv.grant_impersonation(SERVICE_ACCOUNT)
    srv.start()
    try:
        configure(world, srv, **{"exchange.auth": "Basic"})
        book(world, 0, local(STORY_DAY, 10))
        assert deliver(world).outcome.sent == 1
        assert len(srv.calendar(WANG)) == 1
    finally:
        close_connections()
        srv.stop()


def test_not_configured_fails_clearly(world):
    give_mailboxes(world)
    book(world, 0, local(STORY_DAY, 10))
    assert deliver(world, ExchangeSender(world.db)).outcome.failed == 1
    assert "未启用" in calendar_entries(world)[0].last_error


def test_approved_change_reaches_the_calendar_within_two_seconds(world, ews_server):
    """The acceptance figure: from the commit of the final approval to 王主任's meeting showing 17:00,
    through the running outbox worker (woken by the write, as the app does)."""
    configure(world, ews_server)
    booked = book(world, 0, local(STORY_DAY, 10))
    worker = OutboxWorker(world.db, [ExchangeSender(world.db)])
    worker.start()
    try:
        worker.wake()
        uid = uid_of(world, booked.interview_id)
        _wait_for(lambda: any(m.uid == uid for m in ews_server.calendar(WANG)), 5.0)
        result = request(world, changes.ChangeInput(booked.interview_id, ChangeKind.RESCHEDULE, Party.CANDIDATE,
                                                    "候选人申请改时", starts_at=local(STORY_DAY, 17)))
        decide(world, world.leader, result.change_request_id, Verdict.APPROVED, "同意", 1)
        decide(world, world.personnel, result.change_request_id, Verdict.FILED, "已备案", 2)
        decide(world, world.director, result.change_request_id, Verdict.CONFIRMED, "确认", 3)   # commits here
        approved_at = time.monotonic()
        worker.wake()
        seconds = _wait_for(lambda: ews_server.meeting(WANG, uid).start == local(STORY_DAY, 17), 5.0) - approved_at
    finally:
        worker.stop()
    print(f"\napproval commit → meeting at 17:00 in Exchange: {seconds * 1000:.0f} ms ({world.db.kind})")
    assert seconds < 2.0


def _wait_for(condition, limit: float) -> float:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return time.monotonic()
        time.sleep(0.01)
    raise AssertionError("not reached in time")


def test_a_503_is_retried_by_the_outbox_and_then_succeeds(world, ews_server, clock):
    configure(world, ews_server)
    book(world, 0, local(STORY_DAY, 10))
    ews_server.fail(operation="CreateItem", kind="http_503", times=1)
    assert deliver(world).outcome.retrying == 1
    [entry] = calendar_entries(world)
    assert entry.state == OutboxState.PENDING and entry.attempts == 1
    clock.advance(timedelta(seconds=3))
    assert deliver(world).outcome.sent == 1
    assert len(ews_server.calendar(WANG)) == 1 and calendar_entries(world)[0].state == OutboxState.SENT
