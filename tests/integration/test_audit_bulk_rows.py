"""Rows written in one statement without ORM objects (a booking's outbox rows, notices, timeline)
are logged as the ORM's flush logs the rows it writes: one create entry per row with every value, in
the same transaction, and the chain holds. A booking appends its entries to the chain once. Runs on
the encrypted file and on PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import func, inspect, select

from desktop.core import audit
from desktop.core.model import (
    AuditEntry, Candidate, Interview, InterviewMode, InterviewParticipant, OutboxEntry, ParticipantRole,
)
from desktop.core.scheduling import booking
from desktop.core.services import candidates
from factories import SYSTEM, id_number
from scheduling_world import STORY_DAY, build, local
from test_audit_chain import chain, entries

VALUES = dict(interview_id=None, channel="email", kind="invitation", recipient="lw@example.cn",
              payload={"candidate_name": "李伟", "approval_code": "482913"})


def test_rows_inserted_in_one_statement_are_logged_as_a_flush_logs_them(db, clock):
    with db.session(write=True) as s:
        s.add(OutboxEntry(dedupe_key="orm", created_at=clock.now(), **VALUES))
    with db.session(write=True) as s, audit.one_append(s):
        audit.insert_rows(s, OutboxEntry, [{"dedupe_key": "bulk", "created_at": clock.now(), **VALUES}],
                          by="dedupe_key")
        assert not s.new                                # no ORM object: one INSERT
    with db.session() as s:
        bulk_id = s.scalar(select(OutboxEntry.id).where(OutboxEntry.dedupe_key == "bulk"))

    log = {e.changes["after"]["dedupe_key"]: e for e in entries(db) if e.entity == "OutboxEntry"}
    orm, bulk = log["orm"], log["bulk"]
    assert (bulk.action, bulk.entity_id) == ("create", str(bulk_id))
    assert bulk.changes["after"]["id"] == bulk_id
    for changes in (orm.changes, bulk.changes):
        del changes["after"]["id"], changes["after"]["dedupe_key"]
    assert bulk.changes == orm.changes               # the same facts, the one-time code left out
    assert "approval_code" not in bulk.changes["after"]["payload"]
    assert chain(db).ok
    with db.session() as s:   # a column left empty is NULL, as the ORM leaves it, not JSON null
        assert s.scalar(select(func.count()).select_from(OutboxEntry).where(OutboxEntry.sent_copy.is_(None))) == 2


def test_rows_rolled_back_leave_no_entry(db, clock):
    before = len(entries(db))
    try:
        with db.session(write=True) as s, audit.one_append(s):
            audit.insert_rows(s, OutboxEntry, [{"dedupe_key": "gone", "created_at": clock.now(), **VALUES}],
                              by="dedupe_key")
            raise RuntimeError("the unit of work fails")
    except RuntimeError:
        pass
    with db.session(write=True) as s:   # outside one_append: ORM objects, logged by their flush
        audit.insert_rows(s, OutboxEntry, [{"dedupe_key": "kept", "created_at": clock.now(), **VALUES}],
                          by="dedupe_key")
        assert len(s.new) == 1
    assert [e.changes["after"]["dedupe_key"] for e in entries(db)[before:]] == ["kept"]
    assert chain(db).ok
    with db.session() as s:
        assert s.scalars(select(OutboxEntry.dedupe_key)).all() == ["kept"]


def test_rows_of_a_savepoint_rolled_back_leave_no_entry(db, clock):
    """A change decided inside a savepoint (a mail approval) queues through the same code."""
    before = len(entries(db))
    with db.session(write=True) as s:
        try:
            with s.begin_nested():
                audit.insert_rows(s, OutboxEntry, [{"dedupe_key": "gone", "created_at": clock.now(), **VALUES}],
                                  by="dedupe_key")
                s.flush()
                raise RuntimeError("the decision fails")
        except RuntimeError:
            pass
        s.add(OutboxEntry(dedupe_key="kept", created_at=clock.now(), **VALUES))
    assert [e.changes["after"]["dedupe_key"] for e in entries(db)[before:]] == ["kept"]
    assert chain(db).ok


def test_one_append_writes_every_flush_of_the_block_at_once(db, clock):
    before = len(entries(db))
    with db.session(write=True) as s:
        with audit.one_append(s):
            s.add(OutboxEntry(dedupe_key="first", created_at=clock.now(), **VALUES))
            s.flush()
            assert s.scalar(select(func.count()).select_from(AuditEntry)) == before   # not yet appended
            audit.insert_rows(s, OutboxEntry, [{"dedupe_key": "second", "created_at": clock.now(), **VALUES}],
                              by="dedupe_key")
            s.add(OutboxEntry(dedupe_key="third", created_at=clock.now(), **VALUES))
            s.flush()
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == before + 3
    log = entries(db)[before:]
    assert [e.changes["after"]["dedupe_key"] for e in log] == ["first", "second", "third"]
    assert len({e.at for e in log}) == 1 and chain(db).ok


def test_a_savepoint_rolled_back_inside_one_append_takes_its_entries_with_it(db, clock):
    """The minute job raises each batch of alerts in a savepoint inside one append (another desktop
    may raise the same at the same moment): what a rolled-back savepoint wrote leaves no entry, what a
    released one wrote keeps its entries, in order."""
    before = len(entries(db))
    with db.session(write=True) as s, audit.one_append(s):
        s.add(OutboxEntry(dedupe_key="first", created_at=clock.now(), **VALUES))
        s.flush()
        try:
            with s.begin_nested():
                s.add(OutboxEntry(dedupe_key="undone", created_at=clock.now(), **VALUES))
                s.flush()
                audit.insert_rows(s, OutboxEntry, [{"dedupe_key": "undone too", "created_at": clock.now(),
                                                    **VALUES}], by="dedupe_key")
                raise RuntimeError("another desktop raised it first")
        except RuntimeError:
            pass
        with s.begin_nested():
            audit.insert_rows(s, OutboxEntry, [{"dedupe_key": "released", "created_at": clock.now(), **VALUES}],
                              by="dedupe_key")
        s.add(OutboxEntry(dedupe_key="last", created_at=clock.now(), **VALUES))
    assert [e.changes["after"]["dedupe_key"] for e in entries(db)[before:]] == ["first", "released", "last"]
    assert chain(db).ok
    with db.session() as s:
        assert sorted(s.scalars(select(OutboxEntry.dedupe_key))) == ["first", "last", "released"]


def recorded_by_the_definition(session, obj) -> dict:
    """A create entry of `obj` worked out value by value from audit._recorded and field_digest (what
    every flush logged before the per-mapper recipe), to hold the recipe to."""
    mapper, key = inspect(obj).mapper, audit.digest_key_of(session)
    after = {a.key: audit._recorded(a.columns[0], a.key, getattr(obj, a.key)) for a in mapper.column_attrs}
    digests = {a.key: audit.field_digest(key, type(obj).__name__, a.key, getattr(obj, a.key))
               for a in mapper.column_attrs if audit.hidden(a.columns[0]) and getattr(obj, a.key) is not None}
    return {"after": after, "digests": digests} if digests else {"after": after}


def test_a_booked_interview_and_its_panel_are_logged_as_a_flush_logs_them(db, clock):
    """A booking writes the interview and its panel as rows (no unit of work): their entries hold
    every column the table stores, as the ORM's flush would have logged them."""
    clock.set(local(STORY_DAY, 8, 0))
    w = build(db)
    with db.session(w.hr, write=True) as s:
        booked = booking.book(s, w.hr, booking.BookingInput(
            application_id=w.applications[0], round_id=w.round1, starts_at=local(STORY_DAY, 10, 0),
            duration_minutes=30, mode=InterviewMode.ONSITE, room_id=w.room,
            interviewer_ids=(w.wang.user_id,), observer_ids=(w.leader.user_id,), notes="带作品集"))
        assert not [o for o in s.identity_map.values() if isinstance(o, (Interview, InterviewParticipant))]
    logged = {(e.entity, e.entity_id): e for e in entries(db) if e.action == "create"}
    with db.session() as s:
        interview = s.get(Interview, booked.interview_id)
        assert (interview.starts_at, interview.room_id, interview.notes, interview.hr_owner_id, interview.version) == (
            local(STORY_DAY, 10, 0), w.room, "带作品集", w.hr.user_id, 1)
        assert interview.uid.endswith("@interviewdesk") and interview.confirmation_due_at is not None
        assert [(p.user_id, p.role) for p in interview.participants] == [
            (w.wang.user_id, ParticipantRole.INTERVIEWER), (w.leader.user_id, ParticipantRole.OBSERVER)]
        for obj in [interview, *interview.participants]:
            assert logged[(type(obj).__name__, str(obj.id))].changes == recorded_by_the_definition(s, obj)
    assert chain(db).ok


def test_personal_values_are_logged_masked_with_digests_as_the_definition_says(db):
    """The recipe a create entry is made by keeps to _recorded for every kind of column: personal
    values masked with a digest beside them, secrets as ***, JSON without its transient keys."""
    with db.session(SYSTEM, write=True) as s:
        cid = candidates.create_candidate(s, SYSTEM, candidates.CandidateInput(
            name="周晓梅", phone="13912345678", email="zhouxm@example.cn", id_number=id_number(date(1994, 5, 17))))
        s.add(OutboxEntry(dedupe_key="code", created_at=datetime(2026, 12, 7, tzinfo=timezone.utc), **VALUES))
    with db.session(SYSTEM) as s:
        candidate = s.get(Candidate, cid)
        outbox = s.scalar(select(OutboxEntry).where(OutboxEntry.dedupe_key == "code"))
        logged = {(e.entity, e.entity_id): e.changes for e in entries(db) if e.action == "create"}
        expected = recorded_by_the_definition(s, candidate)
        assert set(expected["digests"]) >= {"phone", "email", "id_number"}
        assert logged[("Candidate", str(cid))] == expected
        assert logged[("OutboxEntry", str(outbox.id))] == recorded_by_the_definition(s, outbox)
        assert "approval_code" not in logged[("OutboxEntry", str(outbox.id))]["after"]["payload"]
