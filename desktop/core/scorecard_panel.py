"""The panel's scorecards read together, and the round's decision (面试结论).

Independence: an interviewer sees the others' scorecards only after submitting their own; HR of the
department and its leaders see them all. The calibration view puts each criterion side by side per
interviewer with the weighted totals, and flags a score more than 3 points from the panel's mean on
that criterion. The decision applies the round's rule (desktop.core.scorecard_rules.decide) to the
submitted scorecards and keeps its explanation; HR confirms it, or overrides it with a reason. Until
the result begins to go out to the candidate (feedback.delay_minutes after the decision, or while
the feedback summary awaits approval) HR may still correct the decision, with a reason: the queued
message is cancelled and the corrected one queued (decision_effects.withdraw)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import decision_effects
from desktop.core.errors import InvalidState, NotFound, PermissionDenied, StaleWrite, ValidationFailed
from desktop.core.model import (
    DecisionOutcome, Interview, ParticipantRole, RoundDecision, Scorecard, ScorecardStatus, ScorecardTemplate, User,
)
from desktop.core.permissions import Action, allowed, require
from desktop.core.scorecard_rules import decide, mean
from desktop.core.scorecards import REASON_MAX, CardView, card_view, department_of
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, text_problem

FLAG_DISTANCE = Decimal(3)


@dataclass(frozen=True)
class CalibrationRow:
    position: int
    criterion: str
    weight: int
    scores: tuple[int | None, ...]            # one per interviewer, in the order of Calibration.interviewers
    mean: Decimal | None
    flagged: tuple[int, ...]                  # interviewer ids more than 3 points from the mean


@dataclass(frozen=True)
class Calibration:
    interview_id: int
    interviewers: tuple[tuple[int, str], ...]      # (user id, name) of the submitted scorecards
    rows: tuple[CalibrationRow, ...]
    totals: tuple[Decimal | None, ...]
    recommendations: tuple[str, ...]
    panel_average: Decimal | None
    waiting_for: tuple[str, ...]                   # names of panel members not submitted yet
    scorecard_ids: tuple[int, ...] = ()            # the submitted scorecards, in the order of interviewers


@dataclass(frozen=True)
class DecisionView:
    id: int
    version: int
    interview_id: int
    proposed: str
    explanation: str
    average: Decimal | None
    outcome: str                              # "" until HR confirms or overrides (or the round is automatic)
    overridden: bool
    reason: str
    decided_by: str
    decided_at: datetime | None
    summary: str = ""                         # the written feedback summary (visibility "summary")
    summary_approved_by: str = ""
    summary_approved_at: datetime | None = None
    awaiting_summary: bool = False            # the result is held until HR approves the summary
    sends_at: datetime | None = None          # the queued result goes out then (correctable until)
    correctable: bool = False                 # decided, and the result has not begun to go out


def _interview(session: Session, interview_id: int) -> Interview:
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound("interview")
    return interview


def _oversees(session: Session, actor: Actor, department_id: int) -> bool:
    return allowed(session, actor, Action.INTERVIEW_SCHEDULE, department_id) or \
        allowed(session, actor, Action.APPROVAL_DECIDE, department_id)


def _panel(interview: Interview) -> list[int]:
    return [p.user_id for p in sorted(interview.participants, key=lambda p: p.id)
            if p.role == ParticipantRole.INTERVIEWER]


def _submitted(session: Session, interview_id: int) -> list[Scorecard]:
    return list(session.scalars(select(Scorecard).where(Scorecard.interview_id == interview_id,
                                                        Scorecard.status == ScorecardStatus.SUBMITTED)
                                .order_by(Scorecard.submitted_at, Scorecard.id)))


def _may_see_panel(session: Session, actor: Actor, interview: Interview) -> None:
    if _oversees(session, actor, department_of(session, interview)):
        return
    require(session, actor, Action.SCORECARD_SUBMIT, department_of(session, interview))
    own = session.scalar(select(Scorecard.status).where(Scorecard.interview_id == interview.id,
                                                        Scorecard.interviewer_id == actor.user_id))
    if actor.user_id not in _panel(interview) or own != ScorecardStatus.SUBMITTED:
        raise PermissionDenied("own scorecard first", reason="own_scorecard_first")


def panel_scorecards(session: Session, actor: Actor, interview_id: int) -> tuple[CardView, ...]:
    """The submitted scorecards of the panel, for those allowed to see them (see the module text)."""
    interview = _interview(session, interview_id)
    _may_see_panel(session, actor, interview)
    return tuple(card_view(session, c, session.get(ScorecardTemplate, c.template_id), interview_id, c.interviewer_id)
                 for c in _submitted(session, interview_id))


def calibration(session: Session, actor: Actor, interview_id: int) -> Calibration:
    interview = _interview(session, interview_id)
    _may_see_panel(session, actor, interview)
    cards = panel_scorecards(session, actor, interview_id)
    rows = []
    template = cards[0].template if cards else None
    for i, c in enumerate(template.criteria if template else ()):
        scores = tuple(card.scores[i].score if i < len(card.scores) else None for card in cards)
        given = [s for s in scores if s is not None]
        m = mean(given)
        flagged = tuple(card.interviewer_id for card, s in zip(cards, scores)
                        if s is not None and m is not None and abs(Decimal(s) - m) > FLAG_DISTANCE)
        rows.append(CalibrationRow(c.position, c.name, c.weight, scores, m, flagged))
    totals = tuple(card.weighted_total for card in cards)
    submitted = {card.interviewer_id for card in cards}
    waiting = [uid for uid in _panel(interview) if uid not in submitted]
    names = {uid: name for uid, name in session.execute(select(User.id, User.display_name)
                                                        .where(User.id.in_(waiting)))}
    return Calibration(interview_id, tuple((card.interviewer_id, card.interviewer) for card in cards), tuple(rows),
                       totals, tuple(card.recommendation for card in cards),
                       mean([t for t in totals if t is not None]), tuple(names[u] for u in waiting),
                       tuple(card.id for card in cards))


def _name(session: Session, user_id: int | None) -> str:
    return (session.scalar(select(User.display_name).where(User.id == user_id)) or "") if user_id else ""


def decision_view(session: Session, d: RoundDecision) -> DecisionView:
    decided = d.outcome is not None
    return DecisionView(d.id, d.version, d.interview_id, d.proposed.value, d.explanation,
                        Decimal(d.average) if d.average is not None else None,
                        d.outcome.value if d.outcome else "", d.overridden, d.reason, _name(session, d.decided_by_id),
                        d.decided_at, d.feedback_summary, _name(session, d.summary_approved_by_id),
                        d.summary_approved_at, decided and decision_effects.awaiting_summary(session, d),
                        decision_effects.sends_at(session, d) if decided else None,
                        decided and decision_effects.correctable(session, d))


def decision_row(session: Session, interview_id: int) -> RoundDecision | None:
    return session.scalar(select(RoundDecision).where(RoundDecision.interview_id == interview_id))


def decision_of(session: Session, actor: Actor, interview_id: int) -> DecisionView | None:
    interview = _interview(session, interview_id)
    if not _oversees(session, actor, department_of(session, interview)):
        raise PermissionDenied(Action.INTERVIEW_SCHEDULE.value, action=Action.INTERVIEW_SCHEDULE.value)
    found = decision_row(session, interview_id)
    return decision_view(session, found) if found else None


def propose(session: Session, actor: Actor, interview_id: int, chair_id: int | None = None) -> DecisionView:
    """Apply the round's rule once every interviewer of the panel has submitted. The panel chair is
    `chair_id` or else the first interviewer booked. A proposal not yet decided is proposed again
    (after a reopened scorecard was submitted again); a decided round is refused (reason "decided")."""
    interview = _interview(session, interview_id)
    require(session, actor, Action.INTERVIEW_SCHEDULE, department_of(session, interview))
    panel = _panel(interview)
    cards = _submitted(session, interview_id)
    missing = [uid for uid in panel if uid not in {c.interviewer_id for c in cards}]
    if missing or not cards:
        raise InvalidState("scores missing", reason="scores_missing", missing=len(missing))
    if chair_id is not None and chair_id not in panel:
        raise ValidationFailed({"chair": "not_on_panel"})
    chair = chair_id if chair_id is not None else panel[0]
    template = session.get(ScorecardTemplate, cards[0].template_id)
    views = [card_view(session, c, session.get(ScorecardTemplate, c.template_id), interview_id, c.interviewer_id)
             for c in cards]
    chair_says = next((c.recommendation for c in cards if c.interviewer_id == chair), None)
    result = decide([v.weighted_total for v in views], chair_says, Decimal(template.pass_at),
                    Decimal(template.fail_below))
    now = session.info["clock"].now()
    row = decision_row(session, interview_id)
    if row is not None and row.outcome is not None:
        raise InvalidState("round decided", reason="decided")
    if row is None:
        row = RoundDecision(interview_id=interview_id, application_id=interview.application_id, overridden=False,
                            reason="")
        session.add(row)
    row.template_id, row.average, row.proposed = template.id, result.average, result.outcome
    row.explanation, row.proposed_at = result.explanation, now
    if template.automatic and result.outcome != DecisionOutcome.HR_DECIDES:
        row.outcome, row.decided_at = result.outcome, now
        session.flush()
        decision_effects.on_decided(session, row)
    session.flush()
    return decision_view(session, row)


def settle(session: Session, actor: Actor, interview_id: int, expected_version: int,
           outcome: DecisionOutcome | None = None, reason: str = "") -> DecisionView:
    """HR confirms the rule's proposal (outcome None or the same), decides where the rule left it to
    HR, or overrides it with a reason. `expected_version`: the decision as HR saw it. A decided round
    is corrected the same way (another outcome, with a reason) while it is correctable (see the
    module text); after that it is refused (reason "decided")."""
    interview = _interview(session, interview_id)
    require(session, actor, Action.INTERVIEW_SCHEDULE, department_of(session, interview))
    row = decision_row(session, interview_id)
    if row is None:
        raise NotFound("decision")
    if row.version != expected_version:
        raise StaleWrite("decision changed", entity="RoundDecision")
    correcting = row.outcome is not None
    if correcting and not decision_effects.correctable(session, row):
        raise InvalidState("result sent", reason="result_sent")
    missing = set(_panel(interview)) - {c.interviewer_id for c in _submitted(session, interview_id)}
    if missing:                                  # a scorecard reopened since the proposal: wait for it
        raise InvalidState("scores missing", reason="scores_missing", missing=len(missing))
    outcome = outcome or (row.outcome if correcting else row.proposed)
    reason = clean_text(reason)
    overriding = row.proposed != DecisionOutcome.HR_DECIDES and outcome != row.proposed
    problems: dict[str, str] = {}
    if outcome == DecisionOutcome.HR_DECIDES:
        problems["outcome"] = "required"
    elif correcting and outcome == row.outcome:
        problems["outcome"] = "same_outcome"
    if (overriding or correcting) and not reason:
        problems["reason"] = "required"
    elif text_problem(reason, REASON_MAX):
        problems["reason"] = text_problem(reason, REASON_MAX)
    if problems:
        raise ValidationFailed(problems)
    if correcting:
        decision_effects.withdraw(session, row, actor.user_id)
    row.outcome, row.overridden, row.reason = outcome, overriding, reason
    row.decided_by_id, row.decided_at = actor.user_id, session.info["clock"].now()
    session.flush()
    decision_effects.on_decided(session, row)
    session.flush()
    return decision_view(session, row)
