"""The written feedback summary HR approves (feedback visibility "summary").

With that setting a decided round's result message is held (decision_effects.on_decided) and HR has
the to-do "feedback_summary_due". HR of the department writes the summary for the candidate, may
save it as a draft, and approves it: the approval closes the to-do and queues the result message
with the result, the panel's scores and the summary, to go out feedback.delay_minutes after the
decision (at once when that has passed). Each call is one unit of work; the rows it changes are
audited by the flush."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import decision_effects
from desktop.core.errors import InvalidState, NotFound, StaleWrite, ValidationFailed
from desktop.core.model import Alert, Interview, RoundDecision
from desktop.core.permissions import Action, require
from desktop.core.scorecard_panel import DecisionView, decision_row, decision_view
from desktop.core.scorecards import department_of
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, text_problem

SUMMARY_MAX = 2000


def _open(session: Session, actor: Actor, interview_id: int, expected_version: int, text: str) -> tuple[
        RoundDecision, str]:
    """The decision whose summary may be written, and the cleaned text; refusals before any write."""
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound("interview")
    require(session, actor, Action.INTERVIEW_SCHEDULE, department_of(session, interview))
    row = decision_row(session, interview_id)
    if row is None or row.outcome is None:
        raise InvalidState("not decided", reason="not_decided")
    if row.version != expected_version:
        raise StaleWrite("decision changed", entity="RoundDecision")
    if not decision_effects.awaiting_summary(session, row):
        raise InvalidState("summary not awaited", reason="summary_not_due")
    text = clean_text(text)
    problem = text_problem(text, SUMMARY_MAX)
    if problem:
        raise ValidationFailed({"summary": problem})
    return row, text


def save(session: Session, actor: Actor, interview_id: int, expected_version: int, text: str) -> DecisionView:
    """Keep the summary as a draft (not sent, the to-do stays)."""
    row, text = _open(session, actor, interview_id, expected_version, text)
    row.feedback_summary = text
    session.flush()
    return decision_view(session, row)


def approve(session: Session, actor: Actor, interview_id: int, expected_version: int, text: str) -> DecisionView:
    """批准并发送: the summary as written here is approved and the result message queued."""
    row, text = _open(session, actor, interview_id, expected_version, text)
    if not text:
        raise ValidationFailed({"summary": "required"})
    now = session.info["clock"].now()
    row.feedback_summary, row.summary_approved_by_id, row.summary_approved_at = text, actor.user_id, now
    for task in session.scalars(select(Alert).where(Alert.dedupe_key == f"summary:{row.id}",
                                                    Alert.acknowledged_at.is_(None))):
        task.acknowledged_at, task.acknowledged_by_id = now, actor.user_id
    session.flush()
    decision_effects.queue_result(session, row, "summary")
    session.flush()
    return decision_view(session, row)
