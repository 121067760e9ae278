"""Demo data is consistent in time: in the whole demo database, nothing happens before what it
refers to (an 审批超时 alert after its request, a decision after the request, a timeline entry or a
message after its interview was booked, a booking after the application, an application after the
position opened and after the candidate was entered), and nothing has happened yet that lies in
the future of the database clock."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import select

from desktop.core import demo
from desktop.core.model import (
    Alert, Application, ApplicationEvent, ArchiveRecord, Candidate, ChangeRequest, Confirmation, Decision, Interview,
    InterviewParticipant, Notice, Offer, OutboxEntry, Position, RoundDecision, Scorecard, TimelineEvent,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")


def after(session, what: str, later, earlier, *joins) -> list[str]:
    """Rows where `later` < `earlier`: each named with both times."""
    query = select(later, earlier)
    for target, condition in joins:
        query = query.join(target, condition)
    return [f"{what}: {a.isoformat()} before {b.isoformat()}" for a, b in session.execute(
        query.where(later.is_not(None), earlier.is_not(None), later < earlier))]


def not_after(session, what: str, column, now: datetime) -> list[str]:
    return [f"{what}: {a.isoformat()} is in the future" for (a,) in session.execute(
        select(column).where(column.is_not(None), column > now))]


def orderings(session, now: datetime) -> list[str]:
    """Every ordering the demo database breaks (empty when it is consistent)."""
    i, r = Interview, ChangeRequest
    problems = []
    problems += after(session, "alert after its interview was booked", Alert.raised_at, i.created_at,
                      (i, i.id == Alert.interview_id))
    problems += after(session, "alert after its change request", Alert.raised_at, r.created_at,
                      (r, r.id == Alert.change_request_id))
    problems += after(session, "timeline entry after the booking", TimelineEvent.at, i.created_at,
                      (i, i.id == TimelineEvent.interview_id))
    problems += after(session, "change request after the booking", r.created_at, i.created_at,
                      (i, i.id == r.interview_id))
    problems += after(session, "decision after its request", Decision.decided_at, r.created_at,
                      (r, r.id == Decision.change_request_id))
    problems += after(session, "request decided after it was made", r.decided_at, r.created_at)
    problems += after(session, "confirmation after the booking", Confirmation.confirmed_at, i.created_at,
                      (i, i.id == Confirmation.interview_id))
    problems += after(session, "notice after the booking", Notice.created_at, i.created_at,
                      (i, i.id == Notice.interview_id))
    problems += after(session, "message after the booking", OutboxEntry.created_at, i.created_at,
                      (i, i.id == OutboxEntry.interview_id))
    problems += after(session, "message sent after it was queued", OutboxEntry.sent_at, OutboxEntry.created_at)
    problems += after(session, "interviewer answered after the booking", InterviewParticipant.responded_at,
                      i.created_at, (i, i.id == InterviewParticipant.interview_id))
    problems += after(session, "interviewer saw it after the booking", InterviewParticipant.seen_at, i.created_at,
                      (i, i.id == InterviewParticipant.interview_id))
    problems += after(session, "booking after the application", i.created_at, Application.applied_at,
                      (Application, Application.id == i.application_id))
    problems += after(session, "application after the candidate was entered", Application.applied_at,
                      Candidate.created_at, (Candidate, Candidate.id == Application.candidate_id))
    problems += after(session, "archive record after the application", ArchiveRecord.created_at,
                      Application.applied_at, (Application, Application.id == ArchiveRecord.application_id))
    problems += after(session, "scorecard submitted after the interview ended", Scorecard.submitted_at, i.ended_at,
                      (i, i.id == Scorecard.interview_id))
    problems += after(session, "round decided after its proposal", RoundDecision.decided_at, RoundDecision.proposed_at)
    problems += after(session, "round proposed after the interview ended", RoundDecision.proposed_at, i.ended_at,
                      (i, i.id == RoundDecision.interview_id))
    problems += after(session, "offer answered after it was sent", Offer.responded_at, Offer.sent_at)
    problems += after(session, "offer event after the application", ApplicationEvent.at, Application.applied_at,
                      (Application, Application.id == ApplicationEvent.application_id))
    opened = [(p.opened_on, applied) for p, applied in session.execute(
        select(Position, Application.applied_at).join(Application, Application.position_id == Position.id))
        if p.opened_on is not None and applied < datetime.combine(p.opened_on, time(0), tzinfo=SHANGHAI)]
    problems += [f"application after the position opened: {applied.isoformat()} before {day}" for day, applied in opened]
    for what, column in (("timeline entry", TimelineEvent.at), ("alert", Alert.raised_at),
                         ("decision", Decision.decided_at), ("confirmation", Confirmation.confirmed_at),
                         ("message sent", OutboxEntry.sent_at), ("notice", Notice.created_at),
                         ("change request", r.created_at), ("booking", i.created_at),
                         ("application", Application.applied_at), ("candidate entered", Candidate.created_at),
                         ("archive record", ArchiveRecord.created_at), ("scorecard", Scorecard.submitted_at),
                         ("round decision", RoundDecision.decided_at), ("offer sent", Offer.sent_at),
                         ("offer answered", Offer.responded_at), ("application event", ApplicationEvent.at)):
        problems += not_after(session, what, column, now)
    return problems


def test_the_whole_demo_database_is_consistent_in_time(db, clock):
    demo.populate(db)
    with db.session() as s:
        problems = orderings(s, clock.now())
        assert s.scalar(select(Alert.id).where(Alert.kind == "approval_overdue")) is not None   # the case in point
    kinds = sorted({p.split(": ")[0] for p in problems})
    assert problems == [], "\n".join(kinds + problems[:10]) + f"\n({len(problems)} in all)"


def test_the_check_finds_an_alert_older_than_its_request(db, clock):
    """The check itself can fail: an 审批超时 alert dated before its request is reported."""
    demo.populate(db, candidates=20, interviews=6)
    with db.session(write=True) as s:
        alert = s.scalars(select(Alert).where(Alert.kind == "approval_overdue")).first()
        request = s.get(ChangeRequest, alert.change_request_id)
        alert.raised_at = request.created_at.replace(year=request.created_at.year - 1)
    with db.session() as s:
        assert any(p.startswith("alert after its change request") for p in orderings(s, clock.now()))


