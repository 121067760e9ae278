"""Statements built once run on the driver's cursor (desktop/core/model/built.py) and must give what
SQLAlchemy's own execution gives: the same rows, values and column names, the same row counts, the
same errors. Every built statement a booking, a conflict override, the outbox worker and its notices
run is run here both ways, on both backends: SQLAlchemy's way inside a savepoint that is rolled back,
then the lean way, and the two compared."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import NoResultFound, StatementError

from desktop.core import settings
from desktop.core.delivery import outbox
from desktop.core.errors import ConstraintFailed
from desktop.core.delivery.outbox import Delivered, Item, TemporaryFailure
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import OutboxEntry, built
from desktop.core.model.base import run_built, time_param
from desktop.core.notifications import fields, templates

from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def compared(monkeypatch) -> list[str]:
    """Runs every built statement SQLAlchemy's way first (in a savepoint, rolled back), then the lean
    way, and fails at the first difference; returns the statements compared."""
    seen: list[str] = []
    lean = built.execute

    def both(connection, statement, params):
        savepoint = connection.begin_nested()
        try:
            classic = connection.execute(statement, params)
            keys = tuple(classic.keys()) if classic.returns_rows else None
            rows = [tuple(row) for row in classic.all()] if keys is not None else None
            count = classic.rowcount
        finally:
            savepoint.rollback()
        result = lean(connection, statement, params)
        got = result.all()
        text = str(statement.compile(dialect=connection.dialect))
        if keys is not None:
            assert [tuple(row) for row in got] == rows, text
            assert all(row._fields == keys for row in got), (text, keys)
            assert [type(value) for row in got for value in row] == [type(value) for row in rows for value in row]
        else:
            assert got == []
            assert result.rowcount == count, text   # (with RETURNING, SQLite's count before the rows are read is 1)
        seen.append(text)
        return result

    monkeypatch.setattr(built, "execute", both)
    return seen


class Facts:
    """An e-mail channel that reads what the mail sender reads in the claim (settings, templates,
    each message's facts) and fails its first delivery (a retry is recorded) before delivering."""

    channel, concurrency = "email", 1

    def __init__(self) -> None:
        self.facts: dict[int, fields.Facts] = {}
        self.first = True

    def refresh(self, session) -> None:
        settings.use_stored(session, settings.stored_values(session))
        templates.saved_versions(session, "email")

    def prepare(self, session, items: list[Item]) -> list[Item]:
        facts = fields.load_facts_many(session, [item.payload for item in items])
        self.facts.update(zip((item.id for item in items), facts))
        return items

    def deliver(self, item: Item) -> Delivered:
        if self.first:
            self.first = False
            raise TemporaryFailure("relay busy")
        return Delivered(external_id=f"<{item.id}@test>", copy={"eml": "U3ViamVjdDogeA=="})


def test_a_booking_an_override_and_their_notices_give_the_same_rows_both_ways(world, compared, clock):
    with world.db.session(world.hr, write=True) as s:     # joint panels: an overlap may be overridden
        settings.store_institution(s, "scheduling.allow_interviewer_overlap_override", True, "test")
    book(world, 0, local(STORY_DAY, 9, 0))
    # the same interviewer at the same time, overridden with a reason: the conflict queries find it
    book(world, 1, local(STORY_DAY, 9, 0), room=world.big_room, reason="候选人只有这个时间")
    sender = Facts()
    OutboxWorker(world.db, [sender], name="compare").run_once()

    statements = "\n".join(compared)
    for piece in ("FROM outbox_entries", "UPDATE outbox_entries", "RETURNING", "FROM interview_participants",
                  "FROM settings", "FROM candidates", "FROM holidays"):
        assert piece in statements, piece
    assert len(compared) >= 20
    with world.db.session() as s:
        states = {e.state.value for e in s.scalars(select(OutboxEntry).where(OutboxEntry.channel == "email"))}
    assert states == {"sent", "pending"}          # one retried, the rest recorded as sent
    assert sender.facts and all(f is not None for f in sender.facts.values())


_NO_CHANNEL = update(OutboxEntry.__table__).where(OutboxEntry.__table__.c.id == bindparam("entry")).values(
    channel=None)
_SINCE = select(OutboxEntry.__table__.c.id).where(OutboxEntry.__table__.c.created_at >= time_param("since"))
_ONE = select(OutboxEntry.__table__.c.id).where(OutboxEntry.__table__.c.id == bindparam("entry"))


def test_errors_arrive_as_sqlalchemy_gives_them(world):
    book(world, 0, local(STORY_DAY, 9, 0))
    with world.db.session(write=True) as s:
        entry = s.scalar(select(OutboxEntry.id).limit(1))
    with pytest.raises(ConstraintFailed):         # the driver's IntegrityError, as the session words it
        with world.db.session(write=True) as s:
            run_built(s, _NO_CHANNEL, {"entry": entry})
    with pytest.raises(StatementError) as refused:   # a value its type refuses, wrapped as before
        with world.db.session() as s:
            run_built(s, _SINCE, {"since": datetime(2026, 1, 1)})
    assert isinstance(refused.value.orig, ValueError)
    with world.db.session() as s:
        assert run_built(s, _ONE, {"entry": entry}).one() == (entry,)
        assert run_built(s, _ONE, {"entry": entry}).scalar() == entry
        assert run_built(s, _ONE, {"entry": -1}).first() is None
        with pytest.raises(NoResultFound):
            run_built(s, _ONE, {"entry": -1}).one()
        assert run_built(s, _SINCE, {"since": local(STORY_DAY, 0, 0) - timedelta(days=400)}).scalars()


def test_a_statement_is_compiled_once_per_dialect_and_kept_with_its_statement(world):
    with world.db.session() as s:
        connection = s.connection()
        first = built.prepared(_ONE, connection.dialect)
        assert built.prepared(_ONE, connection.dialect) is first
        assert first is not None and first.sql == str(_ONE.compile(dialect=connection.dialect))
        claim = outbox._statements().take
        assert built.prepared(claim, connection.dialect).expanding    # its IN list is rendered per run


def test_statements_built_anew_for_each_call_do_not_fill_the_cache(world, monkeypatch):
    """run_built is for statements built once; one built per call runs as before once the cache is full."""
    monkeypatch.setattr(built, "HELD_PER_DIALECT", 3)
    with world.db.session() as s:
        dialect = s.connection().dialect
        held = len(built._prepared.get(dialect, {}))
        for entry in range(held, held + 6):
            fresh = select(OutboxEntry.__table__.c.id).where(OutboxEntry.__table__.c.id == bindparam("entry"))
            assert run_built(s, fresh, {"entry": entry}).all() == []
        assert len(built._prepared[dialect]) == max(held, 3)
