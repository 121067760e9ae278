"""What a round's decision (面试结论) brings with it, once it is decided (scorecard_panel.settle, or
propose in an automatic round):

- 通过 with a next round of the position: an HR task (alert "propose_next_round") naming the next
  round and the panel booked for this one, so HR books it; after the last round an HR task that
  the offer step is open (alert "offer_step_open").
- 未通过: the polite result message (template event result_regret) asking for consent to keep the
  candidate in the talent pool; a reply "同意" / "agree" (desktop/core/candidate_replies.py) adds
  the candidate to the pool with the consent date (`consent`).
- The candidate's feedback goes out with the result message through the outbox, with what the
  setting feedback.visibility allows: the result only; the result with the panel's weighted average
  and the average per criterion; or ("summary") those with a written summary HR approves
  (desktop/core/feedback_summary.py) — the message is then held, and HR has the to-do (alert
  "feedback_summary_due"), until the approval queues it.
- The message is queued to go out feedback.delay_minutes after the decision (the outbox's next
  attempt time), so HR can still correct the decision meanwhile: a correction (`withdraw`) cancels
  the queued message, which never goes out, and the corrected decision queues its own.
- Whether the feedback went out within feedback.within_hours of the decision is read back for the
  reports (`on_time`); a summary still waiting for approval past that counts as late.
- Reopening a scorecard of a decided round (`reopen_decision`, from scorecards.reopen): refused once
  the result went to the candidate (sent, or being sent), an offer exists for the application, or a
  later round is booked; otherwise the decision is withdrawn as for a correction (its result messages
  still waiting are cancelled, HR's tasks of it closed) and goes back to "proposed" with a timeline
  entry "decision reopened", and the rule proposes again after the resubmission. A decision decided
  again has a new version, so its messages and tasks are new ones."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import next_round, settings
from desktop.core.errors import InvalidState
from desktop.core.model import (
    Alert, Application, Candidate, DecisionOutcome, Interview, InterviewStatus, Offer, OutboxEntry, OutboxState,
    ParticipantRole, Position, Round, RoundDecision, Score, Scorecard, ScorecardCriterion, ScorecardStatus,
    TalentPoolEntry, User,
)
from desktop.core.notifications import routing
from desktop.core.scheduling import alerts, effects, timeline
from desktop.core.scheduling.office import OfficeHours
from desktop.core.scorecard_rules import mean, shown
from desktop.core.storage.database import Actor

VISIBILITIES = ("result", "scores", "summary")
RESULT_EVENTS = {DecisionOutcome.PASSED: "result_pass", DecisionOutcome.FAILED: "result_regret"}
SUMMARY_DUE = "feedback_summary_due"          # HR's to-do: write and approve the summary
_TASKS = ("propose_next_round", "offer_step_open")
CONSENT_WORDS = frozenset({"同意", "我同意", "同意保留", "agree", "i agree", "yes"})


def criterion_averages(session: Session, interview_id: int) -> list[tuple[str, Decimal]]:
    """The panel's average per criterion over the submitted scorecards, in the template's order."""
    rows = session.execute(
        select(ScorecardCriterion.position, ScorecardCriterion.name, Scorecard.id)
        .join(Scorecard, Scorecard.template_id == ScorecardCriterion.template_id)
        .where(Scorecard.interview_id == interview_id, Scorecard.status == ScorecardStatus.SUBMITTED)
        .order_by(ScorecardCriterion.position)).all()
    cards = {card_id for _, _, card_id in rows}
    scores: dict[str, list[int]] = {}
    if cards:
        wanted = session.execute(select(Score.scorecard_id, ScorecardCriterion.name, Score.score)
                                 .join(ScorecardCriterion, ScorecardCriterion.id == Score.criterion_id)
                                 .where(Score.scorecard_id.in_(cards))).all()
        for _, name, score in wanted:
            if score is not None:
                scores.setdefault(name, []).append(score)
    names = list(dict.fromkeys(name for _, name, _ in rows))
    return [(name, mean(scores[name])) for name in names if scores.get(name)]


def feedback_payload(session: Session, decision: RoundDecision, visibility: str | None = None) -> dict[str, Any]:
    """What the candidate may be told beyond the result, as the visibility setting (or `visibility`:
    an approved summary goes out as "summary" whatever the setting became meanwhile) allows."""
    visibility = visibility or settings.institution_value(session, "feedback.visibility")
    if visibility == "summary":
        scores = feedback_payload(session, decision, "scores")
        return scores | {"visibility": "summary", "summary": decision.feedback_summary}
    if visibility != "scores" or decision.average is None:
        return {"visibility": "result"}
    return {"visibility": "scores", "average": shown(Decimal(decision.average)),
            "criteria": [[name, shown(avg)] for name, avg in criterion_averages(session, decision.interview_id)]}


def _next_round(session: Session, interview: Interview) -> Round | None:
    return next_round.following_round(session, interview.round_id)


def on_decided(session: Session, decision: RoundDecision) -> None:
    """The effects of a decision just decided (outcome set, or corrected), in the caller's transaction."""
    if decision.outcome not in RESULT_EVENTS:
        return
    interview = session.get(Interview, decision.interview_id)
    occasion = f"{decision.id}:v{decision.version}"          # a corrected decision raises its own tasks
    if decision.outcome == DecisionOutcome.PASSED:
        following = _next_round(session, interview)
        panel = [p.user_id for p in sorted(interview.participants, key=lambda p: p.id)
                 if p.role == ParticipantRole.INTERVIEWER]
        if following is not None:
            names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(panel))).all())
            alerts.for_hr(session, f"next_round:{occasion}", "propose_next_round", interview,
                          decision_id=decision.id, round_id=following.id, round=following.name,
                          panel=panel, panel_names=[names.get(u, "") for u in panel])
        else:
            alerts.for_hr(session, f"offer_open:{occasion}", "offer_step_open", interview,
                          decision_id=decision.id, application_id=decision.application_id)
    if settings.institution_value(session, "feedback.visibility") == "summary":
        _hold_for_summary(session, decision, interview)
    else:
        queue_result(session, decision)


def _hold_for_summary(session: Session, decision: RoundDecision, interview: Interview) -> None:
    """The result waits for HR's approved summary: HR's to-do, raised again after a correction."""
    task = session.scalar(select(Alert).where(Alert.dedupe_key == f"summary:{decision.id}"))
    if task is None:
        alerts.for_hr(session, f"summary:{decision.id}", SUMMARY_DUE, interview, decision_id=decision.id)
    else:
        task.acknowledged_at = task.acknowledged_by_id = None


def queue_result(session: Session, decision: RoundDecision, visibility: str | None = None) -> list[OutboxEntry]:
    """Queue the result message with the feedback, to go out feedback.delay_minutes after the
    decision (at once when that time has passed), keyed by the decision's version so a corrected
    decision's message is queued anew."""
    interview = session.get(Interview, decision.interview_id)
    delay = timedelta(minutes=settings.institution_value(session, "feedback.delay_minutes"))
    send_at = max(session.info["clock"].now(), decision.decided_at + delay)
    event = RESULT_EVENTS[decision.outcome]
    info = effects.details(session, interview) | {"feedback": feedback_payload(session, decision, visibility),
                                                   "decision_id": decision.id,
                                                   "decided_at": decision.decided_at.isoformat()}
    entries = effects.candidate_messages(session, interview, event, info, confirm=False)
    return routing.queue(session, [(f"{key}:decision{decision.id}v{decision.version}",
                                    values | {"next_attempt_at": send_at}) for key, values in entries])


def result_messages(session: Session, interview_id: int) -> list[OutboxEntry]:
    """The result messages of the interview's decision that were not cancelled by a correction."""
    return list(session.scalars(select(OutboxEntry).where(
        OutboxEntry.interview_id == interview_id, OutboxEntry.kind.in_(tuple(RESULT_EVENTS.values())),
        OutboxEntry.state != OutboxState.CANCELLED).order_by(OutboxEntry.id)))


def awaiting_summary(session: Session, decision: RoundDecision) -> bool:
    """Decided under visibility "summary", and the summary not approved yet (nothing queued)."""
    if decision.outcome not in RESULT_EVENTS or decision.summary_approved_at is not None:
        return False
    held = session.scalar(select(Alert.id).where(Alert.dedupe_key == f"summary:{decision.id}"))
    return held is not None and not result_messages(session, decision.interview_id)


def sends_at(session: Session, decision: RoundDecision) -> datetime | None:
    """When the queued result message goes out, while it still waits for its time (the decision
    may be corrected until then); None once it went out, is going, or nothing is queued."""
    messages = result_messages(session, decision.interview_id)
    if not messages or any(m.state != OutboxState.PENDING or m.attempts or m.next_attempt_at is None
                           for m in messages):
        return None
    first = min(m.next_attempt_at for m in messages)
    return first if first > session.info["clock"].now() else None


def correctable(session: Session, decision: RoundDecision) -> bool:
    """A decided round may be corrected while its result has not begun to go out: the queued
    message still waits for its time, or the summary is not approved yet."""
    if decision.outcome not in RESULT_EVENTS:
        return False
    return sends_at(session, decision) is not None or awaiting_summary(session, decision)


def withdraw(session: Session, decision: RoundDecision, actor_id: int | None) -> None:
    """Before a correction: the queued result messages are cancelled (they never go out), the tasks
    the decision gave HR are closed, and an approved summary needs approving again."""
    now = session.info["clock"].now()
    for message in result_messages(session, decision.interview_id):
        message.state, message.next_attempt_at = OutboxState.CANCELLED, None
        message.last_error = "decision corrected"
    for task in session.scalars(select(Alert).where(Alert.interview_id == decision.interview_id,
                                                    Alert.kind.in_(_TASKS), Alert.acknowledged_at.is_(None))):
        task.acknowledged_at, task.acknowledged_by_id = now, actor_id
    decision.summary_approved_at = decision.summary_approved_by_id = None


def reopen_decision(session: Session, actor: Actor, interview: Interview, scorecard_id: int, reason: str) -> None:
    """A submitted scorecard of this interview is being reopened (see the module text). Nothing is
    written when refused: InvalidState reason feedback_sent, offer_exists or next_round_booked."""
    decision = session.scalar(select(RoundDecision).where(RoundDecision.interview_id == interview.id))
    if decision is None or decision.outcome is None:
        return                                   # only proposed: the rule proposes again after resubmission
    results = session.scalars(select(OutboxEntry).where(OutboxEntry.interview_id == interview.id,
                                                        OutboxEntry.kind.in_(tuple(RESULT_EVENTS.values())))).all()
    if any(e.state in (OutboxState.SENT, OutboxState.IN_PROGRESS) for e in results):
        raise InvalidState("feedback already sent", reason="feedback_sent")
    if session.scalar(select(Offer.id).where(Offer.application_id == decision.application_id).limit(1)) is not None:
        raise InvalidState("offer exists", reason="offer_exists")
    following = _next_round(session, interview)
    if following is not None and session.scalar(select(Interview.id).where(
            Interview.application_id == decision.application_id, Interview.round_id == following.id,
            Interview.status != InterviewStatus.CANCELLED).limit(1)) is not None:
        raise InvalidState("next round booked", reason="next_round_booked")
    withdraw(session, decision, actor.user_id)  # waiting messages cancelled, HR's tasks of it closed
    previous = decision.outcome.value
    decision.outcome, decision.overridden, decision.reason = None, False, ""
    decision.decided_by_id = decision.decided_at = None
    timeline.add(session, interview, timeline.Event.DECISION_REOPENED, actor, decision_id=decision.id,
                 outcome=previous, scorecard_id=scorecard_id, reason=reason[:200])
    session.flush()


def consent(session: Session, candidate_id: int, at: datetime) -> bool:
    """The candidate agreed to stay in the talent pool: consent with its date, and a pool entry.
    False when there was nothing to agree to (no regret message sent to them) or it was given before."""
    asked = session.scalar(select(OutboxEntry.id).join(Interview, Interview.id == OutboxEntry.interview_id)
                           .join(Application, Application.id == Interview.application_id)
                           .where(Application.candidate_id == candidate_id, OutboxEntry.kind == "result_regret",
                                  OutboxEntry.state != OutboxState.CANCELLED)
                           .limit(1))
    candidate = session.get(Candidate, candidate_id)
    if asked is None or candidate is None:
        return False
    entry = session.scalar(select(TalentPoolEntry).where(TalentPoolEntry.candidate_id == candidate_id))
    if candidate.talent_pool_consent and entry is not None:
        return False
    candidate.talent_pool_consent, candidate.consent_date = True, OfficeHours.load(session).local(at).date()
    if entry is None:
        session.add(TalentPoolEntry(candidate_id=candidate_id, added_at=at, note="候选人回复同意加入人才库"))
    session.flush()
    return True


def is_consent(text: str) -> bool:
    return unicodedata.normalize("NFKC", text).strip("。.!！~～ \t\r\n").casefold() in CONSENT_WORDS


@dataclass(frozen=True)
class OnTime:
    decided: int          # decisions decided in the period with a result message queued or held for a summary
    on_time: int          # whose feedback went out within feedback.within_hours of the decision
    late: int             # sent later than that, or still unsent (or unapproved) past it

    @property
    def rate(self) -> float | None:
        """The share sent on time, of those sent or already late (the others may still make it)."""
        judged = self.on_time + self.late
        return self.on_time / judged if judged else None


def on_time(session: Session, since: datetime, until: datetime, now: datetime,
            departments: set[int] | None = None) -> OnTime:
    """The feedback-on-time figures of the decisions decided in [since, until), for the reports;
    `departments`: only positions of these (None: all)."""
    within = timedelta(hours=settings.institution_value(session, "feedback.within_hours"))
    query = (select(RoundDecision.id, RoundDecision.interview_id, RoundDecision.decided_at,
                    RoundDecision.summary_approved_at)
             .where(RoundDecision.decided_at >= since, RoundDecision.decided_at < until,
                    RoundDecision.outcome.in_(tuple(RESULT_EVENTS))))
    if departments is not None:
        query = (query.join(Application, Application.id == RoundDecision.application_id)
                 .join(Position, Position.id == Application.position_id)
                 .where(Position.department_id.in_(departments)))
    decisions = {row.interview_id: row for row in session.execute(query)}
    sent: dict[int, list[datetime | None]] = {}
    held: set[int] = set()
    for chunk in _chunks(list(decisions)):
        for interview_id, sent_at, state in session.execute(
                select(OutboxEntry.interview_id, OutboxEntry.sent_at, OutboxEntry.state)
                .where(OutboxEntry.interview_id.in_(chunk), OutboxEntry.kind.in_(tuple(RESULT_EVENTS.values())),
                       OutboxEntry.state != OutboxState.CANCELLED)):
            sent.setdefault(interview_id, []).append(sent_at if state == OutboxState.SENT else None)
        held.update(session.scalars(select(Alert.interview_id).where(Alert.interview_id.in_(chunk),
                                                                     Alert.kind == SUMMARY_DUE)))
    good = late = counted = 0
    for interview_id, d in decisions.items():
        times = sent.get(interview_id)
        if times is None and not (interview_id in held and d.summary_approved_at is None):
            continue                                   # no message for this candidate (no address)
        counted += 1
        first = min((t for t in times or () if t is not None), default=None)
        if first is not None and first - d.decided_at <= within:
            good += 1
        elif first is not None or now - d.decided_at > within:
            late += 1
    return OnTime(counted, good, late)


def _chunks(ids: list[int], size: int = 500):
    for i in range(0, len(ids), size):
        yield ids[i:i + size]
