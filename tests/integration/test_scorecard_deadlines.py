"""Scorecard deadlines on both backends with the controllable clock: an interviewer who has not
submitted is reminded once at 20 h after the interview's end, escalated once to the department's
leader at 24 h; one who submitted is left alone; timeliness per interviewer reads submitted_at
against the due time."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select, update

from desktop.core import scorecard_deadlines, scorecards
from desktop.core.model import Alert, Interview, InterviewStatus, OutboxEntry, Recommendation
from desktop.core.scheduling import reminders
from desktop.core.scorecards import CardInput, ScoreInput

from factories import SYSTEM


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def minute(w: World, at) -> None:
    w.db.clock.set(at)
    with w.db.session(write=True) as s:
        reminders.evaluate(s)


def alerts_of(w: World, iid: int) -> list[tuple[str, int]]:
    with w.db.session() as s:
        return [(a.kind, a.user_id) for a in s.scalars(select(Alert).where(
            Alert.interview_id == iid, Alert.kind.like("scorecard_%")).order_by(Alert.id))]


def messages_of(w: World, iid: int) -> list[tuple[str, str, str]]:
    """(event, channel, whom) of the scorecard messages queued about the interview, whom by role in the world."""
    who = {w.li.user_id: "li", w.wang.user_id: "wang", w.leader.user_id: "leader"}
    with w.db.session() as s:
        return [(e.kind, e.channel, who.get(e.payload["user_id"], "?")) for e in s.scalars(
            select(OutboxEntry).where(OutboxEntry.interview_id == iid, OutboxEntry.kind.like("scorecard_%"))
            .order_by(OutboxEntry.id))]


def test_reminder_then_escalation_each_once_and_timeliness(world):
    w = world
    ended = local(STORY_DAY, 10, 30)
    iid = book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id, w.li.user_id)).interview_id
    with w.db.session(SYSTEM, write=True) as s:
        s.execute(update(Interview).where(Interview.id == iid).values(
            started_at=local(STORY_DAY, 10), ended_at=ended, status=InterviewStatus.FINISHED))
    minute(w, ended + timedelta(hours=19, minutes=59))
    assert alerts_of(w, iid) == []
    w.db.clock.set(ended + timedelta(hours=3))
    with w.db.session(w.wang, write=True) as s:
        scorecards.submit(s, w.wang, iid, CardInput({1: ScoreInput(7), 2: ScoreInput(7), 3: ScoreInput(7)},
                                                    Recommendation.YES))
    minute(w, ended + timedelta(hours=20))
    minute(w, ended + timedelta(hours=20, minutes=1))
    assert alerts_of(w, iid) == [("scorecard_reminder", w.li.user_id)]
    minute(w, ended + timedelta(hours=24))
    minute(w, ended + timedelta(hours=24, minutes=1))
    assert alerts_of(w, iid) == [("scorecard_reminder", w.li.user_id), ("scorecard_overdue", w.leader.user_id)]

    assert messages_of(w, iid) == [("scorecard_reminder", "oa", "li"), ("scorecard_overdue", "oa", "leader")]

    with w.db.session() as s:
        rows = scorecard_deadlines.timeliness(s, iid, ended + timedelta(hours=25))
    assert [(r.interviewer, r.on_time) for r in rows] == [("王主任", True), ("李医生", False)]
    assert rows[0].due_at == ended + timedelta(hours=24)

    minute(w, ended + timedelta(days=9))                  # long past: no longer chased, nothing new
    assert len(alerts_of(w, iid)) == 2


def test_an_interview_not_ended_is_not_chased(world):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id,)).interview_id
    minute(w, local(STORY_DAY, 10) + timedelta(hours=30))
    assert alerts_of(w, iid) == []
    with w.db.session() as s:
        assert scorecard_deadlines.timeliness(s, iid, w.db.clock.now()) == ()
