"""What a round's decision (面试结论) brings with it, once it is decided (scorecard_panel.settle, or
propose in an automatic round):

- 通过 with a next round of the position: an HR task (alert "propose_next_round") naming the next
  round and the panel booked for this one, so HR books it; after the last round an HR task that
  the offer step is open (alert "offer_step_open").
- 未通过: the polite result message (template event result_regret) asking for consent to keep the
  candidate in the talent pool; a reply "同意" / "agree" (desktop/core/candidate_replies.py) adds
  the candidate to the pool with the consent date (`consent`).
- The candidate's feedback goes out with the result message at once, through the outbox, with
  what the setting feedback.visibility allows: the result only, or the result with the panel's
  weighted average and the average per criterion. Whether it went out within feedback.within_hours
  of the decision is read back for the reports (`on_time`).
- Reopening a scorecard of a decided round (`reopen_decision`, from scorecards.reopen): refused once
  the result went to the candidate (sent, or being sent), an offer exists for the application, or a
  later round is booked; otherwise the decision goes back to "proposed" (its result messages still
  waiting are cancelled, HR's tasks of it closed, a timeline entry "decision reopened"), and the rule
  proposes again after the resubmission. A decision decided again has its own messages and tasks."""

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
    ParticipantRole, Round, RoundDecision, Score, Scorecard, ScorecardCriterion, ScorecardStatus, TalentPoolEntry,
    TimelineEvent, User,
)
from desktop.core.notifications import routing
from desktop.core.scheduling import alerts, effects, timeline
from desktop.core.storage.database import Actor
from desktop.core.scheduling.office import OfficeHours
from desktop.core.scorecard_rules import mean, shown

VISIBILITIES = ("result", "scores")
RESULT_EVENTS = {DecisionOutcome.PASSED: "result_pass", DecisionOutcome.FAILED: "result_regret"}
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


def feedback_payload(session: Session, decision: RoundDecision) -> dict[str, Any]:
    """What the candidate may be told beyond the result, as the visibility setting allows."""
    visibility = settings.institution_value(session, "feedback.visibility")
    if visibility != "scores" or decision.average is None:
        return {"visibility": "result"}
    return {"visibility": "scores", "average": shown(Decimal(decision.average)),
            "criteria": [[name, shown(avg)] for name, avg in criterion_averages(session, decision.interview_id)]}


def _next_round(session: Session, interview: Interview) -> Round | None:
    return next_round.following_round(session, interview.round_id)


def _occasion(session: Session, decision: RoundDecision) -> str:
    """"" for a decision decided the first time; ":r<n>" after it was reopened n times, so that the
    messages and tasks of a decision decided again are new ones, not the cancelled ones of before."""
    reopened = len(session.scalars(select(TimelineEvent.id).where(
        TimelineEvent.interview_id == decision.interview_id,
        TimelineEvent.kind == timeline.Event.DECISION_REOPENED.value)).all())
    return f":r{reopened}" if reopened else ""


def on_decided(session: Session, decision: RoundDecision) -> None:
    """The effects of a decision just decided (outcome set), in the caller's transaction."""
    if decision.outcome not in RESULT_EVENTS:
        return
    interview = session.get(Interview, decision.interview_id)
    occasion = _occasion(session, decision)
    if decision.outcome == DecisionOutcome.PASSED:
        following = _next_round(session, interview)
        panel = [p.user_id for p in sorted(interview.participants, key=lambda p: p.id)
                 if p.role == ParticipantRole.INTERVIEWER]
        if following is not None:
            names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(panel))).all())
            alerts.for_hr(session, f"next_round:{decision.id}{occasion}", "propose_next_round", interview,
                          decision_id=decision.id, round_id=following.id, round=following.name,
                          panel=panel, panel_names=[names.get(u, "") for u in panel])
        else:
            alerts.for_hr(session, f"offer_open:{decision.id}{occasion}", "offer_step_open", interview,
                          decision_id=decision.id, application_id=decision.application_id)
    event = RESULT_EVENTS[decision.outcome]
    info = effects.details(session, interview) | {"feedback": feedback_payload(session, decision),
                                                   "decision_id": decision.id,
                                                   "decided_at": decision.decided_at.isoformat()}
    routing.queue(session, [(key + occasion, values) for key, values in
                            effects.candidate_messages(session, interview, event, info, confirm=False)])


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
    now = session.info["clock"].now()
    for entry in results:                        # waiting or failed: about a decision that no longer stands
        if entry.state in (OutboxState.PENDING, OutboxState.FAILED):
            entry.state = OutboxState.CANCELLED
    occasion = _occasion(session, decision)
    keys = (f"next_round:{decision.id}{occasion}", f"offer_open:{decision.id}{occasion}")
    for alert in session.scalars(select(Alert).where(Alert.dedupe_key.in_(keys), Alert.acknowledged_at.is_(None))):
        alert.acknowledged_at, alert.acknowledged_by_id = now, actor.user_id
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
    decided: int          # decisions decided in the period with a result message queued
    on_time: int          # whose feedback went out within feedback.within_hours of the decision
    late: int             # sent later than that, or still unsent past it


def on_time(session: Session, since: datetime, until: datetime, now: datetime) -> OnTime:
    """The feedback-on-time figures of the decisions decided in [since, until), for the reports."""
    within = timedelta(hours=settings.institution_value(session, "feedback.within_hours"))
    rows = session.execute(
        select(RoundDecision.id, RoundDecision.decided_at, OutboxEntry.sent_at, OutboxEntry.state)
        .join(OutboxEntry, OutboxEntry.interview_id == RoundDecision.interview_id)
        .where(RoundDecision.decided_at >= since, RoundDecision.decided_at < until,
               OutboxEntry.kind.in_(tuple(RESULT_EVENTS.values())))).all()
    first: dict[int, tuple[datetime, datetime | None]] = {}
    for decision_id, decided_at, sent_at, state in rows:
        sent = sent_at if state == OutboxState.SENT else None
        before = first.get(decision_id)
        if before is None or (sent is not None and (before[1] is None or sent < before[1])):
            first[decision_id] = (decided_at, sent)
    good = sum(1 for decided_at, sent in first.values() if sent is not None and sent - decided_at <= within)
    late = sum(1 for decided_at, sent in first.values()
               if (sent is not None and sent - decided_at > within) or (sent is None and now - decided_at > within))
    return OnTime(len(first), good, late)
