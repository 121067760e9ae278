"""The reminder engine raises each due alert exactly once: evaluating again, or after the app was
closed and opened again, raises nothing new; a rescheduled interview gets fresh alerts for its new
time; a confirmation of the current time prevents the overdue alert, one of an older time does not."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from desktop.core.model import Alert, ChangeKind, Channel, FollowUpTask, Interview, InterviewMode, Party
from desktop.core.scheduling import attendance, changes, reminders

from scheduling_helpers import BACKENDS, approve_default_chain, book, reopen, request, world_copy
from scheduling_world import STORY_DAY, World, local


TOMORROW = STORY_DAY + timedelta(days=1)


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def embedded_world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, "sqlcipher", clock)


def evaluate(w: World) -> list[str]:
    with w.db.session(write=True) as s:
        return sorted(reminders.evaluate(s).kinds)


def alerts(w: World, interview_id: int) -> list[tuple[str, int, int | None]]:
    with w.db.session() as s:
        return sorted((a.kind, a.user_id, (a.detail or {}).get("sequence"))
                      for a in s.scalars(select(Alert).where(Alert.interview_id == interview_id)))


def follow_ups(w: World, interview_id: int) -> list[int]:
    with w.db.session() as s:
        return list(s.scalars(select(FollowUpTask.assignee_id).where(FollowUpTask.interview_id == interview_id)))


def confirm(w: World, interview_id: int, sequence: int | None = None) -> bool:
    with w.db.session(w.hr, write=True) as s:
        return attendance.record_confirmation(s, w.hr, interview_id, Channel.PHONE, sequence=sequence)


def reschedule(w: World, interview_id: int, day: date, hh: int, mm: int = 0) -> None:
    result = request(w, changes.ChangeInput(interview_id=interview_id, kind=ChangeKind.RESCHEDULE,
                                            party=Party.CANDIDATE, reason="候选人申请改时",
                                            starts_at=local(day, hh, mm)))
    approve_default_chain(w, result.change_request_id)


def test_each_alert_fires_once_even_after_a_restart_and_again_for_the_new_time(world, clock):
    w = world
    hr, wang = w.hr.user_id, w.wang.user_id
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id                 # booked 08:00, confirm by 09:00
    video = book(w, 1, local(STORY_DAY, 10), interviewers=(w.li.user_id,), mode=InterviewMode.VIDEO).interview_id
    confirm(w, video)

    clock.set(local(STORY_DAY, 8, 59))
    assert evaluate(w) == []
    clock.set(local(STORY_DAY, 9, 0))
    assert evaluate(w) == ["confirmation_overdue", "unconfirmed_soon"]
    assert follow_ups(w, iid) == [hr]
    assert evaluate(w) == []

    clock.set(local(STORY_DAY, 10, 9))
    assert evaluate(w) == []
    clock.set(local(STORY_DAY, 10, 10))
    assert evaluate(w) == ["late", "late"]                              # HR and 王主任; nobody waits for video
    assert evaluate(w) == []

    w = dataclasses.replace(w, db=reopen(w.db))                         # the app is closed and opened again
    try:
        assert evaluate(w) == []
        clock.set(local(STORY_DAY, 10, 30))
        assert evaluate(w) == ["no_show_suggested"]
        w = dataclasses.replace(w, db=reopen(w.db))
        assert evaluate(w) == []
        assert follow_ups(w, iid) == [hr]                               # the follow-up task was not repeated
        assert alerts(w, iid) == [("confirmation_overdue", hr, 0), ("late", hr, None), ("late", wang, None),
                                  ("no_show_suggested", hr, None), ("unconfirmed_soon", hr, None)]

        # The candidate calls: she is coming at 14:00. A new time is a new version with its own alerts.
        clock.set(local(STORY_DAY, 10, 35))
        reschedule(w, iid, STORY_DAY, 14)
        with w.db.session() as s:
            assert s.get(Interview, iid).sequence == 1
        clock.set(local(STORY_DAY, 13, 30))                             # confirm by 11:35 has passed
        assert evaluate(w) == ["confirmation_overdue", "unconfirmed_soon"]
        clock.set(local(STORY_DAY, 14, 9))
        assert evaluate(w) == []
        clock.set(local(STORY_DAY, 14, 10))
        assert evaluate(w) == ["late", "late"]
        assert evaluate(w) == []
        assert follow_ups(w, iid) == [hr, hr]
    finally:
        w.db.dispose()


def test_a_confirmation_before_the_deadline_means_no_overdue_alert(embedded_world, clock):
    w = embedded_world
    iid = book(w, 0, local(TOMORROW, 10)).interview_id                  # confirm by 09:00 today
    clock.set(local(STORY_DAY, 8, 40))
    assert confirm(w, iid) is True
    clock.set(local(STORY_DAY, 9, 1))
    assert evaluate(w) == []
    clock.set(local(TOMORROW, 9, 30))                                   # confirmed: no "unconfirmed soon" either
    assert evaluate(w) == []
    assert follow_ups(w, iid) == [] and alerts(w, iid) == []


def test_a_confirmation_of_the_old_time_does_not_confirm_the_new_one(embedded_world, clock):
    w = embedded_world
    iid = book(w, 0, local(TOMORROW, 10)).interview_id
    assert confirm(w, iid) is True
    clock.set(local(STORY_DAY, 8, 30))
    reschedule(w, iid, TOMORROW, 15)                                    # sequence 1, confirm by 09:30
    clock.set(local(STORY_DAY, 9, 0))
    assert confirm(w, iid, sequence=0) is False                         # a late reply to the first invitation
    clock.set(local(STORY_DAY, 9, 30))
    assert evaluate(w) == ["confirmation_overdue"]
    assert alerts(w, iid) == [("confirmation_overdue", w.hr.user_id, 1)]
    assert follow_ups(w, iid) == [w.hr.user_id]
    assert confirm(w, iid) is True
    clock.set(local(TOMORROW, 14, 30))
    assert evaluate(w) == []                                            # confirmed now: not "unconfirmed soon"


def test_an_interview_booked_weeks_ahead_still_raises_the_overdue_confirmation(embedded_world, clock):
    w = embedded_world
    far = STORY_DAY + timedelta(days=21)
    iid = book(w, 0, local(far, 10)).interview_id                       # confirm by 09:00 today
    clock.set(local(STORY_DAY, 9, 0))
    assert evaluate(w) == ["confirmation_overdue"]
    assert follow_ups(w, iid) == [w.hr.user_id]
