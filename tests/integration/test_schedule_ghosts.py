"""The schedule's ghost blocks: where a pending change request would put an interview, in the lanes
it would occupy (also an interviewer not yet on the schedule), until the request is decided; a
pending cancellation and a change already applied for the day have none. Both backends."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scheduling_helpers import BACKENDS, approve_default_chain, book, request, world_copy
from scheduling_world import STORY_DAY, World, local

from desktop.core.model import ChangeKind, Party
from desktop.core.scheduling import changes, views


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY - timedelta(days=1), 9, 0))
    return world_copy(request, request.param, clock)


def ghosts(w: World, by: str = "interviewer") -> list[tuple[int, int, object]]:
    with w.db.session(w.hr) as s:
        view = views.schedule(s, w.hr, STORY_DAY, 7, by)
    lanes = {lane.id for lane in view.lanes}
    assert all(g.lane_id in lanes and g.state == "pending_approval" for g in view.ghosts)
    return sorted((g.interview_id, g.lane_id, g.starts_at) for g in view.ghosts)


def test_a_pending_move_to_another_interviewer_and_time_shows_in_their_lane_until_approved(world):
    w = world
    moved = book(w, 0, local(STORY_DAY, 10)).interview_id
    with w.db.session(w.hr) as s:
        assert [lane.id for lane in views.schedule(s, w.hr, STORY_DAY, 7).lanes] == [w.wang.user_id]
    rid = request(w, changes.ChangeInput(moved, ChangeKind.RESCHEDULE, Party.HR, "王主任出差",
                                         starts_at=local(STORY_DAY, 15), interviewer_ids=(w.li.user_id,))
                  ).change_request_id
    assert ghosts(w) == [(moved, w.li.user_id, local(STORY_DAY, 15))]        # 李医生's lane appears for it
    assert ghosts(w, "room") == [(moved, w.room, local(STORY_DAY, 15))]
    with w.db.session(w.hr) as s:
        move = views.pending_moves(s, [moved])[moved]
    assert (move.change_request_id, move.ends_at, move.interviewer_ids) == (rid, local(STORY_DAY, 15, 30),
                                                                            (w.li.user_id,))
    approve_default_chain(w, rid)
    assert ghosts(w) == []


def test_a_pending_cancellation_has_no_ghost(world):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    request(w, changes.ChangeInput(iid, ChangeKind.CANCEL, Party.CANDIDATE, "另有安排"))
    assert ghosts(w) == []
    with w.db.session(w.hr) as s:
        move = views.pending_moves(s, [iid])[iid]
    assert (move.kind, move.starts_at, move.ends_at) == ("cancel", None, None)
