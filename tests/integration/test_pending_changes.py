"""A change awaiting approval is visible: the interview reads 待审批 everywhere, the schedule has the
proposed time of each pending change (for its ghost block), the detail says which step it waits for,
and the timeline entry keeps the old and the new time. Both backends."""

from __future__ import annotations


import pytest

from desktop.core.model import ChangeKind, Party, Verdict
from desktop.core.scheduling import changes, views

from scheduling_helpers import BACKENDS, book, decide, request, world_copy
from scheduling_world import STORY_DAY, World, local


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def test_a_pending_change_shows_its_proposed_time_until_it_is_decided(world):
    w = world
    moved = book(w, 0, local(STORY_DAY, 10)).interview_id
    still = book(w, 1, local(STORY_DAY, 11)).interview_id
    rid = request(w, changes.ChangeInput(interview_id=moved, kind=ChangeKind.RESCHEDULE, party=Party.HR,
                                         reason="面试官时间冲突", reason_code="interviewer_conflict",
                                         starts_at=local(STORY_DAY, 17))).change_request_id
    with w.db.session(w.hr) as s:
        board = views.schedule(s, w.hr, STORY_DAY, 7)
        detail = views.interview_detail(s, w.hr, moved)
        today = {t.interview_id: t.state for t in views.today(s, w.hr, STORY_DAY)}
        pending = views.pending_moves(s, [moved, still])
    assert {b.interview_id: b.state for b in board.blocks} == {moved: "pending_approval", still: "unconfirmed"}
    assert today == {moved: "pending_approval", still: "unconfirmed"}
    move = board.pending[moved]
    assert (move.change_request_id, move.starts_at, move.ends_at, move.step) == (
        rid, local(STORY_DAY, 17), local(STORY_DAY, 17, 30), 1)
    assert pending == {moved: move} and still not in board.pending
    assert detail.state == "pending_approval" and detail.starts_at == local(STORY_DAY, 10)   # not moved yet
    assert (detail.pending_change, detail.pending_step, detail.pending_step_role) == (move, "approve", "dept_leader")
    [asked] = [e for e in detail.timeline if e.kind == "change_requested"]
    assert asked.detail["before"]["starts_at"] == local(STORY_DAY, 10).isoformat()
    assert asked.detail["proposed"]["starts_at"] == local(STORY_DAY, 17).isoformat()
    assert asked.detail["reason_code"] == "interviewer_conflict"

    decide(w, w.leader, rid, Verdict.APPROVED, "同意", 1)
    with w.db.session(w.hr) as s:
        detail = views.interview_detail(s, w.hr, moved)
    assert (detail.pending_step, detail.pending_step_role) == ("file", "personnel_office")

    decide(w, w.personnel, rid, Verdict.FILED, "已备案", 2)
    decide(w, w.director, rid, Verdict.CONFIRMED, "确认", 3)
    with w.db.session(w.hr) as s:
        board = views.schedule(s, w.hr, STORY_DAY, 7)
        detail = views.interview_detail(s, w.hr, moved)
    assert board.pending == {} and detail.pending_change is None
    assert detail.starts_at == local(STORY_DAY, 17) and detail.state == "unconfirmed"


def test_a_pending_cancellation_has_no_proposed_time_and_an_unknown_reason_code_is_refused(world):
    w = world
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    from desktop.core.errors import ValidationFailed
    with pytest.raises(ValidationFailed) as refused:
        request(w, changes.ChangeInput(interview_id=iid, kind=ChangeKind.RESCHEDULE, party=Party.HR, reason="x",
                                       reason_code="weather", starts_at=local(STORY_DAY, 15)))
    assert refused.value.problems == {"reason_code": "choice"}
    request(w, changes.ChangeInput(interview_id=iid, kind=ChangeKind.CANCEL, party=Party.CANDIDATE, reason="放弃",
                                   reason_code="candidate_request"))
    with w.db.session(w.hr) as s:
        move = views.pending_moves(s, [iid])[iid]
    assert (move.kind, move.starts_at, move.ends_at) == ("cancel", None, None)
