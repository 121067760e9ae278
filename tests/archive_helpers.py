"""A database with closed applications whose approval decisions are signed: the demo hospital, its
applications closed through the stage service on chosen days, and every approval decision signed
with its approver's real key (as the approval inbox signs when the approver is signed in)."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from desktop.core import demo, signing
from desktop.core.model import CLOSED_STAGES, Application, ChangeRequest, Decision, Interview, Signature
from desktop.core.services import applications
from desktop.core.storage.database import Actor, Database

HR = Actor.command_line()
PASSWORD = "Archiv-Test-2026"


def sign_decisions(db: Database) -> int:
    """Sign every unsigned approval decision with its approver's key (made now, as at a login)."""
    with db.session(HR, write=True) as session:
        signed = set(session.scalars(select(Signature.subject_id).where(Signature.subject == "change_decision")))
        decisions = [d for d in session.scalars(select(Decision).order_by(Decision.id)) if d.id not in signed]
        for approver in sorted({d.approver_id for d in decisions}):
            if signing.KEYRING.get(approver) is None or signing.active_key(session, approver) is None:
                signing.KEYRING.put(approver, signing.unlock(session, approver, PASSWORD, db.clock.now()))
        for d in decisions:
            signing.sign(session, d.approver_id, "change_decision", d.id, d.change_sha256, d.verdict.value,
                         d.comment, d.decided_at)
        return len(decisions)


def close_applications(db: Database, count: int, first_day: datetime, *, per_day: int = 10) -> list[int]:
    """Close `count` open applications (未录用), `per_day` of them on each day from `first_day`."""
    closed: list[int] = []
    clock = db.clock
    start = clock.now()
    with db.session(HR) as session:
        decided = set(session.scalars(select(Interview.application_id)
                                      .join(ChangeRequest, ChangeRequest.interview_id == Interview.id)
                                      .join(Decision, Decision.change_request_id == ChangeRequest.id)))
        open_ids = sorted(session.scalars(select(Application.id).where(Application.stage.not_in(CLOSED_STAGES))),
                          key=lambda i: (i not in decided, i))      # those with signed decisions first
    for n, application_id in enumerate(open_ids[:count]):
        clock.set(first_day + timedelta(days=n // per_day, minutes=n % per_day))
        with db.session(HR, write=True) as session:
            version = session.get(Application, application_id).version
            applications.move_stage(session, HR, applications.StageMove(application_id, "rejected", version,
                                                                        booked=applications.KEEP))
        closed.append(application_id)
    clock.set(start)
    return closed


def archive_world(db: Database, *, candidates: int, closed: int, first_day: datetime) -> list[int]:
    demo.populate(db, candidates=candidates, interviews=min(candidates, max(50, candidates // 4)))
    sign_decisions(db)
    return close_applications(db, closed, first_day)
