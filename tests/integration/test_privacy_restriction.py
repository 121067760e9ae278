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
