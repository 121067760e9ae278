"""Data maintenance: the review list names who the stale rule holds for and why, the months are
configurable, and anonymising them takes two people like a purge; someone who got in touch again
before the approval is skipped."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.core import settings
from desktop.core.errors import InvalidState
from desktop.core.lifecycle import maintenance, purges
from desktop.core.model import Candidate, InboundMessage, PurgeTombstone
from lifecycle_helpers import closed_world


def test_stale_candidates_are_listed_with_the_reason_and_anonymised_by_two_people(db, clock):
    w, _iid = closed_world(db, clock)
    closed_on = clock.now().date()
    clock.set(clock.now() + timedelta(days=150))
    with db.session(w.hr) as s:
        assert maintenance.stale(s, w.hr, clock.now().date()) == []           # five months: not yet
        assert [p.candidate_id for p in maintenance.stale(s, w.hr, clock.now().date(), months=4)] == [w.candidates[0]]
    clock.set(clock.now() + timedelta(days=40))
    with db.session(w.hr) as s:
        listed = maintenance.stale(s, w.hr, clock.now().date())
    assert [(p.candidate_id, p.not_passed, p.last_contact, p.months) for p in listed] == [
        (w.candidates[0], "内科住院医师", closed_on, 6)]
    with db.session(w.hr, write=True) as s:
        request_id = purges.propose(s, w.hr, maintenance.STALE, [w.candidates[0]], "季度清理：未通过且半年未联系")
    with db.session(w.hr, write=True) as s, pytest.raises(InvalidState) as refused:
        purges.propose(s, w.hr, maintenance.STALE, [w.candidates[1]], "季度清理")    # withdrew: not the rule
    assert refused.value.params["status"] == "not_stale"
    with db.session(w.personnel, write=True) as s:
        done = purges.decide(s, w.personnel, request_id, True)
    assert done.purged == (w.candidates[0],)
    with db.session() as s:
        assert s.get(Candidate, w.candidates[0]).purged_at is not None
        assert s.scalar(select(PurgeTombstone.record_class)) == "stale"


def test_someone_back_in_touch_is_skipped_and_the_months_are_a_setting(db, clock):
    w, iid = closed_world(db, clock)
    clock.set(clock.now() + timedelta(days=200))
    with db.session(w.hr, write=True) as s:
        request_id = purges.propose(s, w.hr, maintenance.STALE, [w.candidates[0]], "季度清理")
        s.add(InboundMessage(channel="sms", external_id="m1", received_at=clock.now(), sender="13800138000",
                             kind="unmatched", candidate_id=w.candidates[0], text="请问还有岗位吗"))
    with db.session(w.personnel, write=True) as s:
        done = purges.decide(s, w.personnel, request_id, True)
    assert done.status == "done" and done.skipped == (w.candidates[0],) and done.purged == ()
    with db.session(w.hr, write=True) as s:
        settings.store_institution(s, "maintenance.stale_months", 12, "test")
    clock.set(clock.now() + timedelta(days=200))
    with db.session(w.hr) as s:
        assert maintenance.stale(s, w.hr, clock.now().date()) == []
