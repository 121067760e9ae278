"""Meetings on the loopback EWS server through real exchangelib: create with attendees and our UID in
an extended property, find by it, update under ChangeKey rules, cancel, delete, free/busy, sync,
and the organizer's copy learning attendees' answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from ews_helpers import ROOM, SERVICE_ACCOUNT, interview_start, meeting
from exchangelib import DELEGATE, CalendarItem, ExtendedProperty
from exchangelib.errors import ErrorIrresolvableConflict, ErrorMailRecipientNotFound


class InterviewUid(ExtendedProperty):
    distinguished_property_set_id = "PublicStrings"
    property_name = "InterviewDeskUid"
    property_type = "String"


def utc(value) -> datetime:
    """An exchangelib EWSDateTime as a plain aware UTC datetime, as the server hooks take and give them."""
    return datetime.fromtimestamp(value.timestamp(), tz=UTC)


@pytest.fixture(autouse=True)
def _interview_uid_field():
    CalendarItem.register("interview_uid", InterviewUid)
    yield
    CalendarItem.deregister("interview_uid")


def test_a_meeting_with_attendees_and_our_uid_is_found_by_that_uid(ews_server, ews_account):
    wang = ews_account("wang@example.cn")
    meeting(wang, attendees=("li@example.cn",), resources=(ROOM,), interview_uid="iv-42").save(
        send_meeting_invitations="SendToAllAndSaveCopy")
    meeting(wang, subject="另一场", attendees=(), interview_uid="iv-43", hour=14).save(
        send_meeting_invitations="SendToNone")

    [found] = wang.calendar.filter(interview_uid="iv-42")
    assert (found.subject, found.location, found.interview_uid) == ("初试", "101会议室", "iv-42")
    assert found.start == interview_start(wang)
    assert found.organizer.email_address == "wang@example.cn"
    assert {a.mailbox.email_address: a.mailbox.name for a in found.required_attendees} == {"li@example.cn": "李科长"}
    assert [r.response_type for r in found.resources] == ["Accept"]          # the free room booked itself
    assert wang.calendar.filter(interview_uid="iv-404").count() == 0

    [stored, _] = ews_server.calendar("wang@example.cn")
    assert stored.extended == {"InterviewDeskUid": "iv-42"}
    assert stored.start == datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
    [copy] = ews_server.calendar("li@example.cn")
    assert (copy.uid, copy.organizer, copy.my_response, copy.extended) == (stored.uid, "wang@example.cn",
                                                                          "NoResponseReceived", {})
    assert ews_server.calendar("zhao@example.cn") == []


def test_send_to_none_delivers_nothing_and_the_calendar_view_is_a_window(ews_server, ews_account):
    zhao = ews_account("zhao@example.cn")
    meeting(zhao, attendees=("li@example.cn",)).save(send_meeting_invitations="SendToNone")
    assert ews_server.calendar("li@example.cn") == []
    day = interview_start(zhao, hour=0)
    assert [i.subject for i in zhao.calendar.view(start=day, end=day + timedelta(days=1))] == ["初试"]
    assert list(zhao.calendar.view(start=day + timedelta(days=1), end=day + timedelta(days=2))) == []


def test_updates_need_the_current_change_key_unless_autoresolve_can_merge(ews_server, ews_account):
    wang = ews_account("wang@example.cn")
    item = meeting(wang, attendees=("li@example.cn",), interview_uid="iv-7")
    item.save(send_meeting_invitations="SendToAllAndSaveCopy")
    first_key = item.changekey

    item.location = "202会议室"
    item.save(update_fields=["location"], send_meeting_invitations="SendToAllAndSaveCopy")
    assert item.changekey != first_key
    assert ews_server.calendar("li@example.cn")[0].location == "202会议室"

    stale = wang.calendar.get(interview_uid="iv-7")
    uid = ews_server.calendar("wang@example.cn")[0].uid
    ews_server.respond("li@example.cn", uid, "Accept")        # changes only the attendee list
    stale.subject = "复试"
    with pytest.raises(ErrorIrresolvableConflict):           # sending an update needs the current key
        stale.save(update_fields=["subject"], send_meeting_invitations="SendToAllAndSaveCopy")
    stale.save(update_fields=["subject"], send_meeting_invitations="SendToNone")      # merged: no conflict
    assert ews_server.calendar("li@example.cn")[0].subject == "初试"                   # and nobody was told

    stale.changekey = item.changekey                          # now older than the move below
    later = utc(interview_start(wang, hour=15))
    ews_server.move("wang@example.cn", uid, later, later + timedelta(hours=1))
    stale.start, stale.end = interview_start(wang, hour=16), interview_start(wang, hour=17)
    with pytest.raises(ErrorIrresolvableConflict):
        stale.save(update_fields=["start", "end"], send_meeting_invitations="SendToAllAndSaveCopy")

    fresh = wang.calendar.get(interview_uid="iv-7")           # the provider refreshes and tries again
    assert fresh.start == later
    fresh.start, fresh.end = interview_start(wang, hour=16), interview_start(wang, hour=17)
    fresh.save(update_fields=["start", "end"], send_meeting_invitations="SendToAllAndSaveCopy")
    [copy] = ews_server.calendar("li@example.cn")
    assert copy.start == utc(interview_start(wang, hour=16))
    assert copy.my_response == "NoResponseReceived"          # a new time is a new request
    assert copy.subject == "复试"
    assert ews_server.calendar("wang@example.cn")[0].subject == "复试"


def test_cancel_and_delete_reach_the_attendees(ews_server, ews_account):
    wang = ews_account("wang@example.cn")
    cancelled = meeting(wang, attendees=("li@example.cn",), interview_uid="iv-1")
    cancelled.save(send_meeting_invitations="SendToAllAndSaveCopy")
    deleted = meeting(wang, subject="复试", attendees=("zhao@example.cn",), interview_uid="iv-2", hour=14)
    deleted.save(send_meeting_invitations="SendToAllAndSaveCopy")

    cancelled.cancel(body="候选人改期")
    deleted.delete(send_meeting_cancellations="SendToAllAndSaveCopy")

    assert ews_server.calendar("wang@example.cn") == []
    assert [m.is_cancelled for m in ews_server.calendar("li@example.cn")] == [True]
    assert [m.is_cancelled for m in ews_server.calendar("zhao@example.cn")] == [True]
    assert wang.calendar.filter(interview_uid="iv-1").count() == 0


def test_free_busy_merges_meetings_and_busy_blocks(ews_server, ews_account):
    wang = ews_account("wang@example.cn")
    meeting(wang, attendees=("li@example.cn",), resources=(ROOM,)).save(
        send_meeting_invitations="SendToAllAndSaveCopy")
    start = interview_start(wang, hour=9)
    ews_server.add_busy(ROOM, utc(start + timedelta(hours=4)), utc(start + timedelta(hours=5)))

    svc = ews_account(SERVICE_ACCOUNT, access_type=DELEGATE)
    views = list(svc.protocol.get_free_busy_info(
        accounts=[("wang@example.cn", "Required", False), ("li@example.cn", "Required", False),
                  (ROOM, "Room", False), ("nobody@example.cn", "Required", False)],
        start=start, end=start + timedelta(hours=8), merged_free_busy_interval=60))
    wang_view, li_view, room_view, unknown = views
    assert wang_view.merged == "02000000"
    assert li_view.merged == "01000000"                      # not answered yet: tentative
    assert room_view.merged == "02002000"
    assert [(e.start, e.end, e.busy_type) for e in room_view.calendar_events] == [
        (interview_start(wang, hour=10), interview_start(wang, hour=11), "Busy"),
        (interview_start(wang, hour=13), interview_start(wang, hour=14), "Busy")]
    assert room_view.calendar_events[0].details.subject == "初试"
    assert isinstance(unknown, ErrorMailRecipientNotFound)


def test_sync_reports_creates_updates_and_deletes_since_the_last_state(ews_server, ews_account):
    li = ews_account("li@example.cn")
    first = meeting(li, attendees=())
    first.save(send_meeting_invitations="SendToNone")
    changes = list(li.calendar.sync_items())
    assert [(kind, item.subject) for kind, item in changes] == [("create", "初试")]
    state = li.calendar.item_sync_state

    second = meeting(li, subject="复试", attendees=(), hour=14)
    second.save(send_meeting_invitations="SendToNone")
    first.subject = "初试（改）"
    first.save(update_fields=["subject"], send_meeting_invitations="SendToNone")
    uid = ews_server.calendar("li@example.cn")[1].uid
    ews_server.delete("li@example.cn", uid)
    changes = list(li.calendar.sync_items(sync_state=state))
    assert sorted(kind for kind, _ in changes) == ["update"]   # "复试" came and went between the two syncs
    assert changes[0][1].subject == "初试（改）"

    ews_server.delete("li@example.cn", ews_server.calendar("li@example.cn")[0].uid)
    assert [kind for kind, _ in li.calendar.sync_items()] == ["delete"]
    assert list(li.calendar.sync_items()) == []


def test_organizer_mailbox_copies_meetings_to_attendees_and_learns_their_answers(ews_server, ews_account):
    svc = ews_account(SERVICE_ACCOUNT, access_type=DELEGATE)
    item = meeting(svc, attendees=("wang@example.cn", "li@example.cn"), interview_uid="iv-9")
    item.save(send_meeting_invitations="SendToAllAndSaveCopy")
    [organizer_copy] = ews_server.calendar(SERVICE_ACCOUNT)
    assert {m.uid for m in ews_server.calendar("wang@example.cn") + ews_server.calendar("li@example.cn")} == {
        organizer_copy.uid}

    ews_server.respond("wang@example.cn", organizer_copy.uid, "Decline")
    ews_server.respond("li@example.cn", organizer_copy.uid, "Tentative")

    refreshed = svc.calendar.get(interview_uid="iv-9")
    answers = {a.mailbox.email_address: a.response_type for a in refreshed.required_attendees}
    assert answers == {"wang@example.cn": "Decline", "li@example.cn": "Tentative"}
    assert all(a.last_response_time is not None for a in refreshed.required_attendees)
    assert refreshed.changekey != item.changekey
    assert ews_server.calendar("wang@example.cn") == []     # a declined meeting leaves the calendar
    assert ews_server.meeting(SERVICE_ACCOUNT, organizer_copy.uid).attendees == answers


def test_an_attendee_answering_through_ews_updates_the_organizer(ews_server, ews_account):
    wang = ews_account("wang@example.cn")
    meeting(wang, attendees=("li@example.cn",), interview_uid="iv-5").save(
        send_meeting_invitations="SendToAllAndSaveCopy")
    li = ews_account("li@example.cn")
    [invitation] = li.calendar.all()
    assert invitation.my_response_type == "NoResponseReceived"
    invitation.accept()
    assert wang.calendar.get(interview_uid="iv-5").required_attendees[0].response_type == "Accept"
    assert ews_server.calendar("li@example.cn")[0].my_response == "Accept"


def test_server_time_zones_serve_exchangelibs_own_conversions(ews_account):
    from exchangelib.properties import TimeZone

    protocol = ews_account(SERVICE_ACCOUNT, access_type=DELEGATE).protocol
    zones = {z.id: z for z in protocol.get_timezones(return_full_timezone_data=True)}
    assert {"China Standard Time", "UTC", "W. Europe Standard Time"} <= set(zones)
    china = TimeZone.from_server_timezone(zones["China Standard Time"], for_year=2026)
    assert china.bias == -480
    berlin = TimeZone.from_server_timezone(zones["W. Europe Standard Time"], for_year=2026)
    assert (berlin.bias, berlin.daylight_time.bias, berlin.daylight_time.iso_month,
            berlin.standard_time.iso_month, berlin.daylight_time.occurrence) == (-60, -60, 3, 10, 5)
    assert china.to_server_timezone(list(zones.values()), for_year=2026) in {
        "China Standard Time", "Singapore Standard Time", "Taipei Standard Time"}


def test_a_booked_room_declines(ews_server, ews_account):
    wang = ews_account("wang@example.cn")
    meeting(wang, attendees=(), resources=(ROOM,), interview_uid="iv-a").save(
        send_meeting_invitations="SendToAllAndSaveCopy")
    meeting(wang, subject="撞车", attendees=(), resources=(ROOM,), interview_uid="iv-b").save(
        send_meeting_invitations="SendToAllAndSaveCopy")
    assert wang.calendar.get(interview_uid="iv-b").resources[0].response_type == "Decline"
    assert [m.subject for m in ews_server.calendar(ROOM)] == ["初试"]
