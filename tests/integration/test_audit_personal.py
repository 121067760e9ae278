"""The audit log proves who changed what without becoming a second copy of candidates' personal
data: phone, e-mail, ID number and date of birth appear only masked."""

from __future__ import annotations

from sqlalchemy import select

from desktop.core.model import AuditEntry
from desktop.core.services import candidates
from factories import SYSTEM, id_number
from datetime import date


def test_personal_fields_are_masked_in_the_audit_log(db):
    number = id_number(date(1994, 5, 17))
    data = candidates.CandidateInput(name="周晓梅", phone="13912345678", email="zhouxm@example.cn", id_number=number)
    with db.session(SYSTEM, write=True) as s:
        cid = candidates.create_candidate(s, SYSTEM, data)
    with db.session(SYSTEM, write=True) as s:
        version = candidates.get_for_edit(s, SYSTEM, cid)[1]
        candidates.update_candidate(s, SYSTEM, cid, data.__class__(**{**data.__dict__, "phone": "13800001111"}), version)
    with db.session() as s:
        logged = [(e.action, e.changes) for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "Candidate")
                                                           .order_by(AuditEntry.seq))]
    text = repr(logged)
    for secret in ("13912345678", "13800001111", "zhouxm@example.cn", number, "1994-05-17"):
        assert secret not in text
    created = next(c for a, c in logged if a == "create")["after"]
    assert created["phone"] == "139****5678" and created["id_number"].endswith(number[-4:])
    updated = next(c for a, c in logged if a == "update")
    assert (updated["phone"]["before"], updated["phone"]["after"]) == ("139****5678", "138****1111")
    assert set(updated["phone"]) == {"before", "after", "digest"}    # a keyed digest, not the number
