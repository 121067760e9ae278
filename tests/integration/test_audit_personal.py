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


# --- an interviewer's words about a person: scorecard comments, remarks, room notes ----------------

def scored_and_noted(db, clock):
    """An interview of the story world: 王主任 takes a note in the room and submits his scorecard
    with a comment on an extreme score and remarks."""
    from lifecycle_helpers import interviewed

    return interviewed(db, clock, "候选人提到正在治疗慢性胃炎", "表达清晰，曾获省级演讲比赛一等奖", "家庭住址离医院较远，需考虑通勤")


def test_scorecard_comments_remarks_and_room_notes_are_masked_in_the_audit_log(db, clock):
    from desktop.core.reconcile import reconcile

    scored_and_noted(db, clock)
    with db.session() as s:
        logged = {(e.entity, e.action): e.changes for e in s.scalars(
            select(AuditEntry).where(AuditEntry.entity.in_(("Score", "Scorecard", "InterviewNote")))
            .order_by(AuditEntry.seq))}
        text = repr(logged)
        for words in ("候选人提到正在治疗慢性胃炎", "表达清晰，曾获省级演讲比赛一等奖", "家庭住址离医院较远，需考虑通勤"):
            assert words not in text
        note = logged[("InterviewNote", "create")]
        assert note["after"]["text"] == "********" and set(note["digests"]) == {"text"}
        scores = [e.changes for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "Score",
                                                                        AuditEntry.action == "create"))]
        assert sorted(c["after"]["comment"] for c in scores) == ["", "", "********"]
        assert all("comment" in c["digests"] for c in scores)
        card = logged[("Scorecard", "create")]
        assert card["after"]["remarks"] == "********" and card["after"]["status"] == "submitted"
        assert reconcile(s).ok                         # the digests tell the live text is the one recorded


def test_entries_from_before_the_texts_were_personal_still_compare(db, clock):
    """A scorecard scored before comments were marked personal was logged in the clear; `db check`
    takes the live text equal to that as the same, and a text changed behind the program's back
    is still named."""
    from sqlalchemy import update

    from desktop.core.model import Score
    from desktop.core.reconcile import reconcile

    scored_and_noted(db, clock)
    with db.session() as s:
        score_id = s.scalar(select(Score.id).where(Score.comment != ""))
        live = s.get(Score, score_id).comment
    with db.engine.begin() as conn:      # as the older program wrote it: the comment in the clear, no digest
        row = conn.execute(select(AuditEntry.__table__).where(AuditEntry.entity == "Score",
                                                              AuditEntry.entity_id == str(score_id))).one()
        conn.execute(update(AuditEntry.__table__).where(AuditEntry.id == row.id).values(
            changes={"after": {**row.changes["after"], "comment": live}}))
    with db.session() as s:
        report = reconcile(s)
    assert report.ok and report.not_comparable == 0
    with db.engine.begin() as conn:
        conn.execute(update(Score.__table__).where(Score.__table__.c.id == score_id).values(comment="改过的评语"))
    with db.session() as s:
        report = reconcile(s)
    assert [(f.entity, f.problem, f.fields) for f in report.findings] == [("Score", "differs", ("comment",))]
