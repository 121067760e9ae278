"""The minute job's memory of how far it looked (scheduling/watermarks.py), on both backends: a mark
or a settled item counts only once the run's transaction commits (a released savepoint is not a
commit, a rolled-back run is looked at again), a change of settings or a clock gone back finds no
mark, settled items are forgotten when their time passes, and each database has its own."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core.scheduling import watermarks


def test_a_mark_counts_once_the_run_commits(db, clock):
    now = clock.now()
    with db.session(write=True) as s:
        assert watermarks.since(s, "check", ("a",), now) is None
        with s.begin_nested():
            watermarks.advance(s, "check", ("a",), now)
        assert watermarks.since(s, "check", ("a",), now) is None     # a savepoint released: not yet
    with db.session(write=True) as s:
        assert watermarks.since(s, "check", ("a",), now + timedelta(minutes=1)) == now
        assert watermarks.since(s, "check", ("b",), now + timedelta(minutes=1)) is None   # other settings
        assert watermarks.since(s, "check", ("a",), now - timedelta(minutes=1)) is None   # clock went back


def test_a_rolled_back_run_does_not_move_the_mark(db, clock):
    now = clock.now()
    with db.session(write=True) as s:
        watermarks.advance(s, "check", (), now)
    later = now + timedelta(minutes=1)
    with pytest.raises(RuntimeError), db.session(write=True) as s:
        watermarks.advance(s, "check", (), later)
        raise RuntimeError("the run failed")
    with db.session(write=True) as s:           # rolled back, then the same session commits
        watermarks.advance(s, "check", (), later)
        s.rollback()
    with db.session(write=True) as s:
        assert watermarks.since(s, "check", (), later + timedelta(minutes=1)) == now


def test_settled_items_are_kept_until_their_time(db, clock):
    now = clock.now()
    with db.session(write=True) as s:
        watermarks.settle(s, "match", {(1, 1): now + timedelta(minutes=5), (2, 1): now + timedelta(minutes=1)}, now)
        assert watermarks.settled(s, "match") == {}
    with db.session(write=True) as s:
        assert set(watermarks.settled(s, "match")) == {(1, 1), (2, 1)}
        watermarks.settle(s, "match", {}, now + timedelta(minutes=2))
    with db.session(write=True) as s:
        assert set(watermarks.settled(s, "match")) == {(1, 1)}


def test_each_database_has_its_own_marks(embedded_db, db, clock):
    with embedded_db.session(write=True) as s:
        watermarks.advance(s, "check", (), clock.now())
    with db.session(write=True) as s:
        assert watermarks.since(s, "check", (), clock.now()) is None
