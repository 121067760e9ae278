"""Purge after retention, by two people (issue 13 §4 acceptance): HR proposes from the due list,
人事处 approves with a signed decision, the purge runs once; afterwards no personal value of the
purged people remains in the live database file (its pages decrypted and searched) or in any text
column on PostgreSQL, the audit chain verifies, the tombstone counts are right. The proposer cannot
approve; a request approved from two desktops at once runs once, the second gets "already decided"."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.core import signing
from desktop.core.audit import verify_chain
from desktop.core.errors import AlreadyDecided, InvalidState, PermissionDenied, SecondPersonRequired
from desktop.core.lifecycle import compaction, purges, retention
from desktop.core.model import Candidate, Notice, PurgeDecision, PurgeRequest, PurgeTombstone
from desktop.core.reconcile import reconcile
from desktop.core.storage.database import sqlcipher_key_of
from desktop.core.model import Role
from factories import PASSWORD, add_user
from lifecycle_helpers import byte_forms, closed_world, decrypted_pages, text_cells

SECRETS = ("候选人1", "13800138000", "c1@example.cn", "候选人2", "13800138001", "c2@example.cn",
           "慢性胃炎", "通勤远", "适合以后的岗位")


def _years_later(clock, years=5):
    clock.set(clock.now() + timedelta(days=365 * years + 2))


def _unlock(db, clock, actor):
    with db.session(actor, write=True) as s:
        signing.KEYRING.put(actor.user_id, signing.unlock(s, actor.user_id, PASSWORD, clock.now()))


def _propose_due(db, w):
    ids = {}
    with db.session(w.hr) as s:
        groups = purges.due_today(s, w.hr)
    with db.session(w.hr, write=True) as s:
        for group in groups:
            ids[group.record_class] = purges.propose(s, w.hr, group.record_class,
                                                     [i.candidate_id for i in group.items], "保管期限届满，按规定清除")
    return ids


def test_two_people_purge_and_nothing_personal_remains(db, clock):
    w, _iid = closed_world(db, clock)
    _years_later(clock)
    _unlock(db, clock, w.personnel)
    requests = _propose_due(db, w)
    assert set(requests) == {"not_hired", "withdrawn"}
    with db.session(w.hr, write=True) as s, pytest.raises(SecondPersonRequired):
        purges.decide(s, w.hr, requests["not_hired"], True)
    with db.session(w.leader, write=True) as s, pytest.raises(PermissionDenied):
        purges.decide(s, w.leader, requests["not_hired"], True)        # not 人事处
    with db.session(w.personnel) as s:
        told = s.scalars(select(Notice.user_id).where(Notice.title == "个人信息清除待审批")).all()
        assert set(told) == {w.personnel.user_id}                     # 人事处 hears of it, not the proposer
        assert {r.id for r in purges.pending_for(s, w.personnel)} == set(requests.values())
        assert purges.pending_for(s, w.hr) == []
    for request_id in requests.values():
        with db.session(w.personnel, write=True) as s:
            done = purges.decide(s, w.personnel, request_id, True, "同意清除")
        assert done.status == "done" and len(done.purged) == 1
    compaction.compact(db)

    cells = text_cells(db)
    for secret in SECRETS:
        assert not [c for c in cells if any(f.decode("latin-1") in c[2] for f in byte_forms(secret)[:1])
                    or secret in c[2]], secret
    assert [c for c in cells if "候选人3" in c[2]]                     # the open application is kept
    with db.session(w.personnel) as s:
        assert verify_chain(s).ok
        assert reconcile(s).ok
        view = purges.view(s, w.personnel, requests["not_hired"])
        assert view.row.status == "done" and view.purged == 1
        assert [(d.approver, d.verdict, d.signature) for d in view.decisions] == [("钱处长", "approved", "valid")]
        tombs = {t.candidate_id: t.counts for t in s.scalars(select(PurgeTombstone))}
        assert set(tombs) == {w.candidates[0], w.candidates[1]}
        assert tombs[w.candidates[0]]["interviews"] == 1 and tombs[w.candidates[0]]["scorecards"] == 1
        assert tombs[w.candidates[1]]["interviews"] == 0 and tombs[w.candidates[1]]["applications"] == 1
        assert s.get(Candidate, w.candidates[2]).purged_at is None


def test_the_live_file_holds_no_purged_value_in_any_page(embedded_db, clock):
    db = embedded_db
    w, _iid = closed_world(db, clock)
    key = sqlcipher_key_of(db).raw
    compaction.compact(db)
    pages = decrypted_pages(db.path, key)
    assert all(any(f in pages for f in byte_forms(v)) for v in ("候选人1", "13800138000"))  # readable before
    _years_later(clock)
    _unlock(db, clock, w.personnel)
    requests = _propose_due(db, w)
    for request_id in requests.values():
        with db.session(w.personnel, write=True) as s:
            purges.decide(s, w.personnel, request_id, True)
    sized = compaction.compact(db)
    assert sized.complete and sized.after > 0
    wal = db.path.with_name(db.path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    pages = decrypted_pages(db.path, key)
    for secret in SECRETS:
        assert not [f for f in byte_forms(secret) if f in pages], secret
    assert any(f in pages for f in byte_forms("候选人3"))


def test_a_purge_approved_from_two_desktops_runs_once(db, clock):
    w, _iid = closed_world(db, clock)
    _years_later(clock)
    requests = _propose_due(db, w)
    request_id = requests["not_hired"]
    second = add_user(db, "personnel2", [(Role.PERSONNEL_OFFICE, None)], display_name="孙干事")
    with db.session(second) as s:
        seen = s.get(PurgeRequest, request_id).version           # both desktops show the request
    first_holds, outcome = threading.Event(), {}

    def first_desktop():
        with db.session(w.personnel, write=True) as s:
            outcome["first"] = purges.decide(s, w.personnel, request_id, True).status
            first_holds.set()
            threading.Event().wait(0.5)                          # still committing while the other clicks

    runner = threading.Thread(target=first_desktop)
    runner.start()
    first_holds.wait(10)
    with pytest.raises(AlreadyDecided):
        with db.session(second, write=True) as s:
            purges.decide(s, second, request_id, True)
    runner.join()
    with pytest.raises(AlreadyDecided):                           # and later, from what the desktop showed
        with db.session(second, write=True) as s:
            purges.decide(s, second, request_id, True, expected_version=seen)
    assert outcome["first"] == "done"
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(PurgeTombstone)) == 1
        assert s.scalar(select(func.count()).select_from(PurgeDecision)) == 1


def test_what_is_still_within_retention_cannot_be_proposed(db, clock):
    w, _iid = closed_world(db, clock)
    with db.session(w.hr, write=True) as s, pytest.raises(InvalidState) as refused:
        purges.propose(s, w.hr, "not_hired", [w.candidates[0]], "清理")
    assert refused.value.params["status"] == "in_retention"
    with db.session(w.hr) as s:
        assert purges.due_today(s, w.hr) == []
        assert retention.retention_of(s, w.candidates[0], clock.now().date()).in_retention
