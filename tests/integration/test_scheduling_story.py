"""The day in DESIGN.md, replayed on a real database with a controllable clock: it must now be
impossible for the interviewer to wait at the wrong time or the candidate to be left unsure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core.model import Alert, Channel, FollowUpTask, InterviewMode, OutboxEntry, Party, Verdict
from desktop.core.model.scheduling import ChangeKind, Interview
from desktop.core.scheduling import attendance, booking, changes, reception, reminders, slots, views
from scheduling_world import SHANGHAI, STORY_DAY, build, local


@pytest.fixture
def world(db, clock):
    clock.set(local(STORY_DAY, 8, 0))
    return build(db)


def test_the_story_of_the_candidate_who_moved_to_five_oclock(world, clock):
    db, w = world.db, world
    # 08:00 HR books the candidate for 10:00 with 王主任 in room 301; the candidate confirms by phone.
    with db.session(w.hr, write=True) as s:
        booked = booking.book(s, w.hr, booking.BookingInput(
            application_id=w.applications[0], round_id=w.round1, starts_at=local(STORY_DAY, 10, 0),
            duration_minutes=30, mode=InterviewMode.ONSITE, room_id=w.room, interviewer_ids=(w.wang.user_id,)))
    iid = booked.interview_id
    clock.advance(timedelta(minutes=5))
    with db.session(w.hr, write=True) as s:
        assert attendance.record_confirmation(s, w.hr, iid, Channel.PHONE, note="电话确认")

    # 10:10 the candidate has not arrived: the late alert reaches HR and the interviewer.
    clock.set(local(STORY_DAY, 10, 10))
    with db.session(write=True) as s:
        raised = reminders.evaluate(s)
    assert raised.kinds.count("late") == 2

    # 10:15 the candidate asks to move to 17:00; HR picks 17:00 from the slot finder and submits.
    clock.set(local(STORY_DAY, 10, 15))
    with db.session(w.hr) as s:
        found = slots.find_slots(s, slots.SlotRequest(
            interviewer_ids=(w.wang.user_id,), duration_minutes=30, first_day=STORY_DAY, last_day=STORY_DAY,
            count=20, exclude_interview_id=iid), clock.now())
    five = next(slot for slot in found if slot.starts_at == local(STORY_DAY, 17, 0))
    with db.session(w.hr, write=True) as s:
        request = changes.request_change(s, w.hr, changes.ChangeInput(
            interview_id=iid, kind=ChangeKind.RESCHEDULE, party=Party.CANDIDATE, reason="候选人临时有事，申请改到17:00",
            starts_at=five.starts_at, room_id=five.room_id))
    assert not request.applied  # the default chain approves first

    # The default chain: department leader approves, personnel office files, director confirms.
    steps = [(w.leader, Verdict.APPROVED, "同意"), (w.personnel, Verdict.FILED, "已备案"),
             (w.director, Verdict.CONFIRMED, "确认")]
    for number, (approver, verdict, comment) in enumerate(steps, start=1):
        clock.advance(timedelta(minutes=5))
        with db.session(approver) as s:
            inbox = views.inbox(s, approver)
        assert [item.change_request_id for item in inbox] == [request.change_request_id]
        with db.session(approver, write=True) as s:
            changes.decide(s, approver, request.change_request_id, verdict, comment, expected_step=number)
    applied_at = clock.now()

    with db.session() as s:
        interview = s.get(Interview, iid)
        assert interview.sequence == 1
        assert interview.starts_at == local(STORY_DAY, 17, 0)
        deadline = interview.confirmation_due_at
        assert deadline == applied_at + timedelta(hours=1)
        outbox = [(e.channel, e.kind, dict(e.payload))
                  for e in s.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == iid))]
    updates = [(kind, payload) for channel, kind, payload in outbox
               if channel == "calendar" and payload["sequence"] == 1]
    assert [(kind, payload["user_id"]) for kind, payload in updates] == [("update", w.wang.user_id)]
    assert updates[0][1]["starts_at"] == local(STORY_DAY, 17, 0).isoformat()
    notices = [(channel, payload) for channel, kind, payload in outbox if kind == "change_notice"]
    assert sorted(channel for channel, _ in notices) == ["email", "sms"]
    assert all(p["confirm_by"] == deadline.isoformat() and p["sequence"] == 1 for _, p in notices)
    with db.session(w.reception) as s:
        board = {room.room_id: room for room in reception.room_board(s, w.reception, STORY_DAY)}
    assert [(e.interview_id, e.starts_at) for e in board[w.room].entries] == [(iid, local(STORY_DAY, 17, 0))]

    # No confirmation by the deadline: an alert and a follow-up task for the responsible HR officer.
    clock.set(deadline + timedelta(minutes=1))
    with db.session(write=True) as s:
        raised = reminders.evaluate(s)
    assert "confirmation_overdue" in raised.kinds
    with db.session() as s:
        assert s.scalars(select(FollowUpTask.assignee_id).where(FollowUpTask.interview_id == iid)).all() == [
            w.hr.user_id]

    # 17:10 still nobody at reception: a new late alert for the new time.
    clock.set(local(STORY_DAY, 17, 10))
    with db.session(write=True) as s:
        assert reminders.evaluate(s).kinds.count("late") == 2
    # 17:20 the candidate arrives and reception checks her in.
    clock.set(local(STORY_DAY, 17, 20))
    with db.session(w.reception, write=True) as s:
        assert attendance.check_in(s, w.reception, iid) == 20

    with db.session(w.hr) as s:
        detail = views.interview_detail(s, w.hr, iid)
        alerts = s.scalars(select(Alert.kind).where(Alert.interview_id == iid)).all()
    story = [(e.at.astimezone(SHANGHAI).strftime("%H:%M"), e.kind, e.actor) for e in detail.timeline]
    assert story == [
        ("08:00", "invited", "张人事"),
        ("08:05", "confirmed", "张人事"),
        ("10:10", "late", "系统"),
        ("10:15", "change_requested", "张人事"),
        ("10:20", "change_step", "赵科长"),
        ("10:25", "change_step", "钱处长"),
        ("10:30", "change_step", "孙院长"),
        ("10:30", "change_approved", "孙院长"),
        ("10:30", "change_applied", "孙院长"),
        ("11:31", "confirmation_overdue", "系统"),
        ("17:10", "late", "系统"),
        ("17:20", "checked_in", "前台小周"),
    ]
    assert sorted(alerts) == ["confirmation_overdue", "late", "late", "late", "late"]
    assert detail.state == "arrived" and detail.sequence == 1
    with db.session() as s:
        from desktop.core.model import Candidate
        assert s.get(Candidate, w.candidates[0]).reschedule_count == 1
        assert s.get(Candidate, w.candidates[0]).late_count == 1
