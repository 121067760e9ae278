"""Reception's side of the interview day, on both backends: check-in only on the interview's day and
within its window (the settings decide how wide), an audited undo with a reason, and reception told
when an interview it expects moves or is cancelled, with the board marking 已改期 old → new."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core import settings
from desktop.core.errors import CheckInRefused, InvalidState, ValidationFailed
from desktop.core.model import Candidate, ChangeKind, Interview, InterviewStatus, Notice, OutboxEntry, Party, Role
from desktop.core.scheduling import attendance, changes, reception, views
from factories import add_user, audit_entries
from scheduling_helpers import BACKENDS, approve_default_chain, book, request, world_copy
from scheduling_world import STORY_DAY, World, local

TOMORROW = STORY_DAY + timedelta(days=1)


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def check_in(w: World):
    def run(interview_id: int) -> int:
        with w.db.session(w.reception, write=True) as s:
            return attendance.check_in(s, w.reception, interview_id)
    return run


def test_check_in_is_refused_the_day_before_and_outside_the_window(world, clock):
    iid = book(world, 0, local(TOMORROW, 10)).interview_id
    clock.set(local(STORY_DAY, 10, 0))                      # the day before, at the same time
    with pytest.raises(CheckInRefused) as refused:
        check_in(world)(iid)
    assert refused.value.params == {"reason": "other_day", "day": f"{TOMORROW:%Y-%m-%d}", "opens": "09:00",
                                    "closes": "12:00"}
    clock.set(local(TOMORROW, 8, 59))                       # default window: 60 minutes before ...
    with pytest.raises(CheckInRefused) as refused:
        check_in(world)(iid)
    assert refused.value.params["reason"] == "too_early"
    clock.set(local(TOMORROW, 12, 1))                       # ... to 120 minutes after the start
    with pytest.raises(CheckInRefused) as refused:
        check_in(world)(iid)
    assert refused.value.params["reason"] == "too_late"
    with world.db.session() as s:
        assert s.get(Interview, iid).checked_in_at is None
    clock.set(local(TOMORROW, 9, 0))
    assert check_in(world)(iid) == 0


def test_the_window_follows_the_settings(world, clock):
    iid = book(world, 0, local(TOMORROW, 10)).interview_id
    with world.db.session(write=True) as s:
        settings.store_institution(s, "attendance.checkin_window_before_minutes", 150, "admin")
        settings.store_institution(s, "attendance.checkin_window_after_minutes", 15, "admin")
    clock.set(local(TOMORROW, 7, 30))
    assert check_in(world)(iid) == 0
    other = book(world, 1, local(TOMORROW, 14), room=world.big_room, interviewers=(world.li.user_id,)).interview_id
    clock.set(local(TOMORROW, 14, 16))
    with pytest.raises(CheckInRefused):
        check_in(world)(other)


def test_a_mistaken_check_in_is_undone_with_a_reason_on_the_timeline_and_in_the_audit_log(world, clock):
    iid = book(world, 0, local(STORY_DAY, 10)).interview_id
    clock.set(local(STORY_DAY, 10, 25))
    assert check_in(world)(iid) == 25                      # late: counts against the candidate
    with world.db.session() as s:
        assert s.get(Candidate, world.candidates[0]).late_count == 1
    with world.db.session(world.reception, write=True) as s:
        with pytest.raises(ValidationFailed) as refused:
            attendance.undo_check_in(s, world.reception, iid, "   ")
    assert refused.value.problems == {"reason": "required"}
    clock.set(local(STORY_DAY, 10, 27))
    with world.db.session(world.reception, write=True) as s:
        attendance.undo_check_in(s, world.reception, iid, "签错了人，是下一位候选人")
    with world.db.session() as s:
        interview = s.get(Interview, iid)
        assert interview.checked_in_at is None and interview.status == InterviewStatus.SCHEDULED
        assert s.get(Candidate, world.candidates[0]).late_count == 0
        detail = views.interview_detail(s, world.hr, iid)
    undone = [e for e in detail.timeline if e.kind == "check_in_undone"]
    assert [(e.actor, e.detail["reason"], e.at) for e in undone] == [
        ("前台小周", "签错了人，是下一位候选人", local(STORY_DAY, 10, 27))]
    assert [e.kind for e in detail.timeline][-2:] == ["checked_in", "check_in_undone"]
    audited = [e for e in audit_entries(world.db, entity="Interview") if e.entity_id == str(iid)
               and "checked_in_at" in e.changes]
    assert [(e.actor_name, e.changes["checked_in_at"]["after"] is None) for e in audited] == [
        ("reception", False), ("reception", True)]
    with world.db.session(world.reception, write=True) as s:    # nothing left to undo
        with pytest.raises(InvalidState):
            attendance.undo_check_in(s, world.reception, iid, "再点一次")


def test_undoing_a_check_in_after_a_no_show_puts_the_no_show_back(world, clock):
    iid = book(world, 0, local(STORY_DAY, 10)).interview_id
    clock.set(local(STORY_DAY, 10, 40))
    with world.db.session(world.hr, write=True) as s:
        attendance.mark_no_show(s, world.hr, iid)
    check_in(world)(iid)
    with world.db.session(world.reception, write=True) as s:
        attendance.undo_check_in(s, world.reception, iid, "点错了")
    with world.db.session() as s:
        assert s.get(Interview, iid).status == InterviewStatus.NO_SHOW


def reschedule(w: World, interview_id: int, start, room: int | None = None) -> None:
    rid = request(w, changes.ChangeInput(interview_id=interview_id, kind=ChangeKind.RESCHEDULE,
                                         party=Party.CANDIDATE, reason="候选人上午有事", starts_at=start,
                                         room_id=room)).change_request_id
    approve_default_chain(w, rid)


def notices_of(w: World, user_id: int) -> list[tuple[str, str]]:
    with w.db.session() as s:
        return [(n.title, n.body) for n in s.scalars(select(Notice).where(Notice.user_id == user_id)
                                                     .order_by(Notice.id))]


def test_reception_is_told_of_a_new_time_and_the_board_marks_it(world, clock):
    iid = book(world, 0, local(TOMORROW, 10)).interview_id
    assert notices_of(world, world.reception.user_id) == []          # a booking is on the board already
    reschedule(world, iid, local(TOMORROW, 17), room=world.big_room)
    [(title, body)] = notices_of(world, world.reception.user_id)
    assert title == "面试变动：候选人1"
    assert body == ("内科住院医师岗位初试：原定2026年11月25日（星期三）10:00–10:30 行政楼301；"
                    "时间改为2026年11月25日（星期三）17:00–17:30；地点改为行政楼大会议室（行政楼一层）")
    with world.db.session(world.reception) as s:
        board = {room.room_id: room for room in reception.room_board(s, world.reception, TOMORROW)}
    [entry] = board[world.big_room].entries
    assert (entry.starts_at, entry.moved) == (local(TOMORROW, 17), reception.Moved(
        local(TOMORROW, 10), local(TOMORROW, 10, 30), "行政楼301"))
    assert board[world.room].entries == []
    clock.set(local(TOMORROW, 23, 0))                                  # still marked the whole day
    with world.db.session(world.reception) as s:
        [entry] = [e for r in reception.room_board(s, world.reception, TOMORROW) for e in r.entries]
    assert entry.moved is not None


def test_reception_hears_of_a_cancellation_on_its_configured_channels(world, clock):
    iid = book(world, 0, local(STORY_DAY, 15)).interview_id
    add_user(world.db, "reception2", [(Role.RECEPTION, None)], display_name="前台小李")
    with world.db.session(write=True) as s:
        settings.store_institution(s, "notify.reception_channels", "oa", "admin")
    rid = request(world, changes.ChangeInput(interview_id=iid, kind=ChangeKind.CANCEL, party=Party.CANDIDATE,
                                             reason="候选人放弃")).change_request_id
    approve_default_chain(world, rid)
    [(title, body)] = notices_of(world, world.reception.user_id)
    assert title == "面试变动：候选人1" and "取消面试" in body, body
    with world.db.session() as s:
        oa = s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "reception_change")
                       .order_by(OutboxEntry.recipient)).all()
        assert [(e.channel, e.recipient) for e in oa] == [("oa", "reception"), ("oa", "reception2")]
        assert oa[0].payload["previous_starts_at"] == local(STORY_DAY, 15).isoformat()


def test_reception_is_not_told_of_a_change_that_keeps_time_and_room_or_of_a_past_day(world, clock):
    iid = book(world, 0, local(TOMORROW, 10), interviewers=(world.wang.user_id,)).interview_id
    rid = request(world, changes.ChangeInput(interview_id=iid, kind=ChangeKind.SWAP_INTERVIEWER, party=Party.HR,
                                             reason="面试官出差", interviewer_ids=(world.li.user_id,))).change_request_id
    approve_default_chain(world, rid)
    assert notices_of(world, world.reception.user_id) == []
    with world.db.session(write=True) as s:
        interview = s.get(Interview, iid)
        clock.set(local(TOMORROW + timedelta(days=2), 9))
        assert not reception.tell_reception(s, interview, {}, changes.snapshot(interview) | {
            "starts_at": local(TOMORROW, 9).isoformat()}, "update")
