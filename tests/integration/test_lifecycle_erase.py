"""Erasing a person: nothing of their name, phone, e-mail or words remains in any table (the audit
log included), the audit chain still verifies, `db check` still agrees with the log, and the
tombstone counts what was there."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from desktop.core.audit import verify_chain
from desktop.core.errors import InvalidState
from desktop.core.lifecycle import erase, retention
from desktop.core.model import Candidate, PurgeTombstone
from desktop.core.reconcile import reconcile
from factories import SYSTEM
from lifecycle_helpers import closed_world, text_cells

SECRETS_1 = ("候选人1", "13800138000", "c1@example.cn", "慢性胃炎", "表达清晰", "通勤远", "适合以后的岗位")


def _contains(cells, secret):
    forms = {secret, json.dumps(secret)[1:-1]}
    return [(t, c) for t, c, v in cells if any(f in v for f in forms)]


def test_erasing_a_person_leaves_no_personal_value_and_the_log_still_verifies(db, clock):
    w, iid = closed_world(db, clock)
    first, second = w.candidates[0], w.candidates[1]
    before = text_cells(db)
    assert _contains(before, "候选人1") and _contains(before, "13800138000")   # the search can find them
    with db.session(w.hr, write=True) as s:
        tomb = erase.erase_candidate(s, w.hr, first, record_class="not_hired", reason="到期")
        tomb_id = tomb.id
    cells = text_cells(db)
    for secret in SECRETS_1:
        assert _contains(cells, secret) == [], secret
    assert _contains(cells, "候选人2") and _contains(cells, "13800138001")      # the others untouched
    with db.session() as s:
        assert verify_chain(s).ok
        report = reconcile(s)
        assert report.ok, report.findings
        person = s.get(Candidate, first)
        assert person.name == f"已清除 #{first}" and person.phone is None and person.purged_at is not None
        counts = s.get(PurgeTombstone, tomb_id).counts
    assert counts["applications"] == 1 and counts["interviews"] == 1 and counts["notes"] == 1
    assert counts["scorecards"] == 1 and counts["talent_pool"] == 1 and counts["outbox"] >= 1
    with db.session(w.hr, write=True) as s, pytest.raises(InvalidState):
        erase.erase_candidate(s, w.hr, first, record_class="not_hired")


def test_retention_and_the_due_list(db, clock):
    w, _iid = closed_world(db, clock)
    today = clock.now().date()
    with db.session() as s:
        assert retention.retention_of(s, w.candidates[2], today).record_class == retention.ACTIVE
        state = retention.retention_of(s, w.candidates[0], today)
        assert state.in_retention and state.until == date(today.year + 5, today.month, today.day)
        assert retention.due(s, today) == []
        later = date(today.year + 5, today.month, today.day)
        groups = {g.record_class: [i.candidate_id for i in g.items] for g in retention.due(s, later)}
    assert groups == {"not_hired": [w.candidates[0]], "withdrawn": [w.candidates[1]]}
    with db.session(SYSTEM, write=True) as s:
        retention.save_policy(s, SYSTEM, "withdrawn", 3)
    with db.session() as s:
        groups = {g.record_class: [i.candidate_id for i in g.items]
                  for g in retention.due(s, date(today.year + 3, today.month, today.day))}
    assert groups == {"withdrawn": [w.candidates[1]]}


def test_only_the_listed_entries_may_be_redacted(db, clock):
    """Redacting is no way around the chain: an entry blanked without being listed by a redact entry,
    or a redact entry's listing changed, is named by the verification."""
    from sqlalchemy import update

    from desktop.core.model import AuditEntry

    w, _iid = closed_world(db, clock)
    with db.session(w.hr, write=True) as s:
        erase.erase_candidate(s, w.hr, w.candidates[0], record_class="not_hired")
    with db.session() as s:
        redact_seq, changes = s.execute(select(AuditEntry.seq, AuditEntry.changes)
                                        .where(AuditEntry.action == "redact")).one()
        listed = changes["entries"]
        other = s.scalar(select(AuditEntry.seq).where(AuditEntry.entity == "Candidate",
                                                      AuditEntry.entity_id == str(w.candidates[1])))
    assert listed and str(other) not in listed
    table = AuditEntry.__table__
    with db.engine.begin() as conn:
        conn.execute(update(table).where(table.c.seq == other).values(changes={"redacted": redact_seq}))
    with db.session() as s:
        report = verify_chain(s)
    assert not report.ok and report.first_broken_seq == other
