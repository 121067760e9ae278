"""The schedule's week view: one block per interviewer (or room) of every interview shown, flagged
where two overlap in the same lane, in the state HR needs to see (confirmed only for the current
version), without cancelled interviews, lanes for everyone booked. Both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import update

from desktop.core.model import Channel, Confirmation, Interview, InterviewStatus, Party
from desktop.core.scheduling import views
from desktop.core.storage.database import Actor

from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local

SYSTEM = Actor.command_line()


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def _week(w: World, by: str) -> views.ScheduleView:
    with w.db.session(w.hr) as s:
        return views.schedule(s, w.hr, STORY_DAY - timedelta(days=STORY_DAY.weekday()), 7, by, w.dept)


def test_the_week_has_a_block_per_lane_flags_overlaps_and_shows_confirmation_of_the_current_version(world):
    w = world
    panel = book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id, w.li.user_id)).interview_id
    alone = book(w, 1, local(STORY_DAY, 11), interviewers=(w.li.user_id,), room=w.big_room, minutes=60).interview_id
    moved = book(w, 2, local(STORY_DAY, 14)).interview_id          # 王主任 in 301, then moved onto the panel
    with w.db.session(SYSTEM, write=True) as s:
        s.execute(update(Interview).where(Interview.id == moved).values(starts_at=local(STORY_DAY, 10, 15)))
        sequences = dict(s.execute(Interview.__table__.select().with_only_columns(
            Interview.id, Interview.sequence)).all())
        s.add_all([Confirmation(interview_id=alone, party=Party.CANDIDATE, sequence=sequences[alone],
                                channel=Channel.SMS, confirmed_at=local(STORY_DAY, 8)),
                   Confirmation(interview_id=moved, party=Party.CANDIDATE, sequence=sequences[moved] - 1,
                                channel=Channel.SMS, confirmed_at=local(STORY_DAY, 8))])   # an earlier version

    view = _week(w, "interviewer")
    got = {(b.interview_id, b.lane_id): (b.starts_at, b.ends_at, b.candidate, b.room, b.state, b.conflict)
           for b in view.blocks}
    wang, li = w.wang.user_id, w.li.user_id
    assert got == {
        (panel, wang): (local(STORY_DAY, 10), local(STORY_DAY, 10, 30), "候选人1", "行政楼301", "unconfirmed", True),
        (panel, li): (local(STORY_DAY, 10), local(STORY_DAY, 10, 30), "候选人1", "行政楼301", "unconfirmed", False),
        (alone, li): (local(STORY_DAY, 11), local(STORY_DAY, 12), "候选人2", "行政楼大会议室", "confirmed", False),
        (moved, wang): (local(STORY_DAY, 10, 15), local(STORY_DAY, 10, 45), "候选人3", "行政楼301", "unconfirmed",
                        True),
    }
    assert [b.interview_id for b in view.blocks] == [panel, panel, moved, alone]     # in time order
    assert {lane.id for lane in view.lanes} == {wang, li}

    by_room = {(b.interview_id, b.lane_id): b.conflict for b in _week(w, "room").blocks}
    assert by_room == {(panel, w.room): True, (moved, w.room): True, (alone, w.big_room): False}

    with w.db.session(SYSTEM, write=True) as s:
        s.execute(update(Interview).where(Interview.id == moved).values(status=InterviewStatus.CANCELLED))
    view = _week(w, "interviewer")
    assert {(b.interview_id, b.lane_id, b.conflict) for b in view.blocks} == {
        (panel, wang, False), (panel, li, False), (alone, li, False)}


def test_the_week_rows_need_no_type_processing_so_the_drivers_tuples_are_what_sqlalchemy_reads(world):
    """The week view reads its rows as the driver gives them (driver_rows), not as Row objects: that
    holds only while no column of its statements has SQLAlchemy process its values."""
    from desktop.core.model.base import driver_rows

    w = world
    book(w, 0, local(STORY_DAY, 10), interviewers=(w.wang.user_id, w.li.user_id))
    book(w, 1, local(STORY_DAY, 11), interviewers=(w.li.user_id,), room=w.big_room, minutes=60)
    monday = STORY_DAY - timedelta(days=STORY_DAY.weekday())
    params = {"start": local(monday, 0), "end": local(monday + timedelta(days=7), 0), "visible": [w.dept],
              "department": w.dept}
    with w.db.session(w.hr) as s:
        conn = s.connection()
        for by_interviewer, visible, department in [(True, False, True), (False, True, False), (True, True, False)]:
            statement = views._week_statement(by_interviewer, visible, department)
            rows = driver_rows(conn, statement, params)
            assert rows and rows == [tuple(r) for r in conn.execute(statement, params).all()]
            assert all(type(r) is tuple for r in rows)
