"""The audit log records every change in the same transaction, and any edit to it is detected with
the first entry that no longer holds named. Runs on the encrypted file and on PostgreSQL."""

from __future__ import annotations

import json
import threading
import time

import pytest
from sqlalchemy import delete, event, select, update

from desktop.core.audit import GENESIS, entry_hash, record, verify_chain
from desktop.core.model import AuditEntry, AuditHead, Candidate, User
from desktop.core.storage import health
from storage_helpers import add_people

LOG = AuditEntry.__table__


def entries(db) -> list[AuditEntry]:
    with db.session() as s:
        rows = list(s.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
        s.expunge_all()    # a read session rolls back at the end, which would expire them
        return rows


def chain(db):
    with db.session() as s:
        return verify_chain(s)


def test_create_update_delete_are_recorded_with_before_and_after(db, clock):
    [cid] = add_people(db, clock, people=[("张伟", "13800138000", "zw@example.cn", None, None)])
    with db.session(write=True) as s:
        s.get(Candidate, cid).school = "清华大学"
    with db.session(write=True) as s:
        s.delete(s.get(Candidate, cid))

    log = [e for e in entries(db) if e.entity == "Candidate"]
    assert [e.action for e in log] == ["create", "update", "delete"]
    created, updated, deleted = log
    assert created.entity_id == updated.entity_id == deleted.entity_id == str(cid)
    assert created.changes["after"]["name"] == "张伟"
    assert created.changes["after"]["school"] == "北京大学"
    assert updated.changes == {"school": {"before": "北京大学", "after": "清华大学"}}
    assert deleted.changes["before"]["school"] == "清华大学"
    assert "phone" in deleted.changes["before"]      # recorded (personal fields may be masked)
    assert all(e.actor_name == "cli" and e.at == clock.now() for e in log)
    assert chain(db).ok


def test_a_rolled_back_change_leaves_no_entry(db, clock):
    add_people(db, clock)
    before = entries(db)
    with db.session() as s:
        head_before = s.execute(select(AuditHead.seq, AuditHead.hash)).one()

    with pytest.raises(RuntimeError):
        with db.session(write=True) as s:
            s.add(Candidate(name="赵敏", created_at=clock.now(), updated_at=clock.now()))
            s.flush()                         # the entry is written in the transaction...
            assert s.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)) > len(before)
            raise RuntimeError("officer cancelled")   # ...and goes away with it

    assert [(e.seq, e.hash) for e in entries(db)] == [(e.seq, e.hash) for e in before]
    with db.session() as s:
        assert s.execute(select(AuditHead.seq, AuditHead.hash)).one() == head_before
    assert chain(db).ok


def test_password_hashes_never_appear_in_the_log(db, clock):
    secret, newer = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo", "$argon2id$v=19$NEWHASHVALUE"
    with db.session(write=True) as s:
        user = User(username="wangfang", display_name="王芳", password_hash=secret, created_at=clock.now())
        s.add(user)
        s.flush()
        uid = user.id
    with db.session(write=True) as s:
        s.get(User, uid).password_hash = newer

    log = [e for e in entries(db) if e.entity == "User"]
    assert [e.action for e in log] == ["create", "update"]
    text = json.dumps([e.changes for e in log], ensure_ascii=False)
    assert secret not in text and newer not in text and "NEWHASHVALUE" not in text
    assert log[0].changes["after"]["password_hash"] == "***"
    recorded = log[1].changes["password_hash"]
    assert (recorded["before"], recorded["after"]) == ("***", "***")
    assert set(recorded) == {"before", "after", "digest"} and len(recorded["digest"]) == 64   # keyed, not the hash


# --- tampering -----------------------------------------------------------------------------------------

def _seq_where(seq: int):
    return LOG.c.seq == seq


def edit_changes(conn, n):
    conn.execute(update(LOG).where(_seq_where(3)).values(changes={"after": {"name": "李四"}}))
    return 3, "hash"


def edit_actor(conn, n):
    conn.execute(update(LOG).where(_seq_where(4)).values(actor_name="admin"))
    return 4, "hash"


def edit_and_rehash(conn, n):
    """A careful forger recomputes the edited entry's hash: the next entry's link gives it away."""
    row = conn.execute(select(LOG).where(_seq_where(3))).one()
    changes = {"after": {"name": "李四"}}
    forged = entry_hash(row.prev_hash, row.seq, row.at, row.actor_id, row.actor_name, row.action, row.entity,
                        row.entity_id, changes)
    conn.execute(update(LOG).where(_seq_where(3)).values(changes=changes, hash=forged))
    return 4, "link"


def delete_middle(conn, n):
    conn.execute(delete(LOG).where(_seq_where(3)))
    return 3, "gap"


def swap_seq(conn, n):
    conn.execute(update(LOG).where(_seq_where(3)).values(seq=-1))
    conn.execute(update(LOG).where(_seq_where(4)).values(seq=3))
    conn.execute(update(LOG).where(_seq_where(-1)).values(seq=4))
    return 3, "order"      # both entries are still there: reordered, not missing


def swap_content(conn, n):
    """Exchange what two entries say (action, entity, changes) and leave seq and hashes in place."""
    a = conn.execute(select(LOG).where(_seq_where(3))).one()
    b = conn.execute(select(LOG).where(_seq_where(4))).one()
    fields = ("action", "entity", "entity_id", "changes")
    conn.execute(update(LOG).where(_seq_where(3)).values({f: getattr(b, f) for f in fields}))
    conn.execute(update(LOG).where(_seq_where(4)).values({f: getattr(a, f) for f in fields}))
    return 3, "hash"


def truncate_tail(conn, n):
    conn.execute(delete(LOG).where(LOG.c.seq > n - 2))
    return n - 1, "head"


TAMPERING = [edit_changes, edit_actor, edit_and_rehash, delete_middle, swap_seq, swap_content, truncate_tail]


@pytest.mark.parametrize("tamper", TAMPERING, ids=[t.__name__ for t in TAMPERING])
def test_tampering_is_detected_at_the_first_broken_entry(db, clock, tamper):
    ids = add_people(db, clock)
    with db.session(write=True) as s:
        s.get(Candidate, ids[0]).major = "法学"
    with db.session(write=True) as s:
        s.delete(s.get(Candidate, ids[-1]))
    good = chain(db)
    assert good.ok and good.entries >= 7
    n = good.entries

    with db.engine.begin() as conn:           # straight to the table, as someone with DB access would
        expected_seq, expected_problem = tamper(conn, n)

    report = chain(db)
    assert not report.ok
    assert report.first_broken_seq == expected_seq
    if expected_problem:
        assert report.problem == expected_problem
    checked = health.check(db)
    assert "audit_chain" in checked.problems
    assert checked.chain == report


def test_an_empty_log_and_a_missing_head_are_told_apart(db, clock):
    assert chain(db).ok and chain(db).entries == 0
    add_people(db, clock)
    with db.engine.begin() as conn:
        conn.execute(delete(AuditHead.__table__))
    report = chain(db)
    assert (report.ok, report.first_broken_seq, report.problem) == (False, 1, "missing_head")


def test_first_entry_links_to_genesis(db, clock):
    add_people(db, clock)
    first = entries(db)[0]
    assert first.seq == 1 and first.prev_hash == GENESIS


def test_the_head_a_transaction_remembers_follows_savepoints_and_commits(db, clock):
    """A transaction appends from the head it last wrote (no re-read per flush); a savepoint rolled
    back takes its entries with it, so the next append must start from the head before them, and
    the next transaction from what the last one committed."""
    reads: list[str] = []
    listen = (db.engine, "before_cursor_execute",
              lambda _c, _cur, statement, *_a: reads.append(statement) if "FROM audit_head" in statement else None)
    event.listen(*listen)
    with db.session(write=True) as s:
        s.add(Candidate(name="甲一", created_at=clock.now(), updated_at=clock.now()))
        s.flush()
        assert reads
        reads.clear()
        with s.begin_nested():          # released: what it appended stays, and so does the head
            s.add(Candidate(name="甲二", created_at=clock.now(), updated_at=clock.now()))
            s.flush()
        s.add(Candidate(name="甲三", created_at=clock.now(), updated_at=clock.now()))
        s.flush()
        assert reads == []
        with pytest.raises(RuntimeError):
            with s.begin_nested():
                s.add(Candidate(name="乙二", created_at=clock.now(), updated_at=clock.now()))
                s.flush()
                raise RuntimeError("undo the savepoint")
        s.add(Candidate(name="丙三", created_at=clock.now(), updated_at=clock.now()))
        s.flush()
        with s.begin_nested():
            s.add(Candidate(name="丁四", created_at=clock.now(), updated_at=clock.now()))
        s.add(Candidate(name="戊五", created_at=clock.now(), updated_at=clock.now()))
    with db.session(write=True) as s:
        s.add(Candidate(name="己六", created_at=clock.now(), updated_at=clock.now()))
    event.remove(*listen)

    names = [e.changes["after"]["name"] for e in entries(db) if e.entity == "Candidate"]
    assert names == ["甲一", "甲二", "甲三", "丙三", "丁四", "戊五", "己六"]
    seqs = [e.seq for e in entries(db)]
    assert seqs == list(range(1, len(seqs) + 1))
    assert chain(db).ok


@pytest.mark.parametrize("first", [True, False], ids=["first entries", "later entries"])
def test_two_programs_appending_at_once_take_turns(db, clock, first):
    """Two desktops (or a desktop and the outbox runner) record at the same moment: the second waits
    until the first has committed and appends on top of its entry, also for a database's very first
    entries (no head row yet), so the chain neither forks nor repeats a number."""
    if not first:
        add_people(db, clock)
    appended, release, order = threading.Event(), threading.Event(), []

    def holder() -> None:
        with db.session(write=True) as s:
            record(s, "export", "Candidate", "1", by="first")
            appended.set()
            release.wait(10)
            order.append("first")

    def follower() -> None:
        appended.wait(10)
        with db.session(write=True) as s:
            record(s, "export", "Candidate", "2", by="second")
        order.append("second")

    threads = [threading.Thread(target=holder), threading.Thread(target=follower)]
    for t in threads:
        t.start()
    appended.wait(10)
    time.sleep(0.5)
    assert order == []                  # the second is still waiting for the first one's turn
    release.set()
    for t in threads:
        t.join(30)
    assert order == ["first", "second"]
    log = entries(db)
    assert [e.changes.get("by") for e in log[-2:]] == ["first", "second"]
    assert log[-1].prev_hash == log[-2].hash
    assert [e.seq for e in log] == list(range(1, len(log) + 1))
    assert chain(db).ok
