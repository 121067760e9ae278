"""A candidate whose processing is restricted (a PIPL request, desktop/core/lifecycle/requests.py) gets
no new interview: booking refuses them by name of the restriction, before anything is written."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import count
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, local

from desktop.core.errors import ValidationFailed
from desktop.core.model import Candidate, Interview


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_restricted_candidate_cannot_be_booked(request, clock, backend):
    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, backend, clock, candidates=2)
    with w.db.session(w.hr, write=True) as s:
        s.get(Candidate, w.candidates[0]).restricted = True
    with pytest.raises(ValidationFailed) as refused:
        book(w, 0, local(STORY_DAY + timedelta(days=1), 10, 0))
    assert refused.value.problems == {"candidate_id": "restricted"}
    assert count(w.db, Interview) == 0
    book(w, 1, local(STORY_DAY + timedelta(days=1), 10, 0))      # the others as before
    assert count(w.db, Interview) == 1


@pytest.mark.parametrize("backend", BACKENDS)
def test_hr_lifts_a_restriction_with_a_reason_and_booking_works_again(request, clock, backend):
    from sqlalchemy import select

    from desktop.core.errors import InvalidState
    from desktop.core.lifecycle import requests
    from desktop.core.model import AuditEntry

    clock.set(local(STORY_DAY, 8, 0))
    w = world_copy(request, backend, clock, candidates=1)
    cid = w.candidates[0]
    with w.db.session(w.hr, write=True) as s:
        s.get(Candidate, cid).restricted = True
    with pytest.raises(ValidationFailed) as refused:          # a reason is required, nothing changes
        with w.db.session(w.hr, write=True) as s:
            requests.lift_restriction(s, w.hr, cid, "   ")
    assert refused.value.problems == {"reason": "required"}
    with w.db.session() as s:
        assert s.get(Candidate, cid).restricted

    with w.db.session(w.hr, write=True) as s:
        requests.lift_restriction(s, w.hr, cid, "候选人书面撤回限制处理的请求")
    with w.db.session() as s:
        assert not s.get(Candidate, cid).restricted
        lifted = [(e.entity_id, e.changes["reason"]) for e in
                  s.scalars(select(AuditEntry).where(AuditEntry.action == "lift_restriction"))]
    assert lifted == [(str(cid), "候选人书面撤回限制处理的请求")]
    with pytest.raises(InvalidState):                        # lifting twice says so
        with w.db.session(w.hr, write=True) as s:
            requests.lift_restriction(s, w.hr, cid, "再次")
    book(w, 0, local(STORY_DAY + timedelta(days=1), 10, 0))
    assert count(w.db, Interview) == 1
