"""The live state Today shows agrees with the reminder engine: an on-site candidate not checked in
ten minutes after the start is late; a video interview has no arrival to wait for, so it is late
for nobody and shows as running once it is started."""

from datetime import datetime, timedelta, timezone

from desktop.core.model import Interview, InterviewMode, InterviewStatus
from desktop.core.scheduling.views import live_state

START = datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc)


def interview(mode: InterviewMode, status: InterviewStatus = InterviewStatus.CONFIRMED, **values) -> Interview:
    return Interview(starts_at=START, duration_minutes=30, mode=mode, status=status, **values)


def test_onsite_is_late_ten_minutes_after_the_start_until_checked_in():
    assert live_state(interview(InterviewMode.ONSITE), True, START + timedelta(minutes=9)) == "confirmed"
    assert live_state(interview(InterviewMode.ONSITE), True, START + timedelta(minutes=10)) == "late"
    arrived = interview(InterviewMode.ONSITE, checked_in_at=START + timedelta(minutes=12))
    assert live_state(arrived, True, START + timedelta(minutes=15)) == "arrived"


def test_video_is_never_late_and_runs_once_started():
    assert live_state(interview(InterviewMode.VIDEO), False, START + timedelta(minutes=15)) == "unconfirmed"
    started = interview(InterviewMode.VIDEO, InterviewStatus.IN_PROGRESS)
    assert live_state(started, True, START + timedelta(minutes=15)) == "in_progress"


def test_the_week_view_reads_the_same_state_from_the_stored_words():
    """The week view computes the state from its rows, where status and mode are the stored words
    (plain strings), not enum members: every combination reads as live_state reads the interview."""
    from itertools import product

    from desktop.core.scheduling.views import _state

    for status, mode, arrived, confirmed, pending, minutes in product(
            InterviewStatus, InterviewMode, (False, True), (False, True), (False, True), (9, 10)):
        now = START + timedelta(minutes=minutes)
        values = {"checked_in_at": START} if arrived else {}
        expected = live_state(interview(mode, status, **values), confirmed, now, pending)
        assert _state(status.value, mode.value, START, arrived, confirmed, now, pending) == expected, \
            (status, mode, arrived, confirmed, pending, minutes)
