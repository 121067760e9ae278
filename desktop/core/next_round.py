"""安排下一轮: what booking the next round starts from after a round was passed (通过).

The booking dialog opens prefilled with the application, the position's next round, the round's
duration and its panel. Nothing in the institution's configuration names a round's panel, so the
panel proposed is the one most recently booked for that round of the same position (not cancelled);
when that round was never booked yet, no panel is proposed and HR chooses it.

Booking the next round settles HR's task: the alert "propose_next_round" of the application for
that round is marked done by the booking itself (`settle_alerts`, called by scheduling.booking)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desktop.core.errors import InvalidState, NotFound
from desktop.core.model import (
    Alert, Application, DecisionOutcome, Interview, InterviewStatus, ParticipantRole, Position, Round, RoundDecision,
)
from desktop.core.model.base import run_built
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor

ALERT_KIND = "propose_next_round"


@dataclass(frozen=True)
class NextRound:
    interview_id: int                  # the interview whose round was passed
    application_id: int
    round_id: int
    round: str
    duration_minutes: int
    interviewer_ids: tuple[int, ...]   # the panel proposed, in booking order; () when none is known
    panel_from: datetime | None        # start of the booking the panel comes from; None: none yet
    booked: bool                       # the next round is already booked for this application


def following_round(session: Session, round_id: int) -> Round | None:
    """The position's round after this one (by sequence), or None after the last."""
    current = session.get(Round, round_id)
    if current is None:
        return None
    return session.scalar(select(Round).where(Round.position_id == current.position_id,
                                              Round.sequence > current.sequence)
                          .order_by(Round.sequence).limit(1))


def panel_of_round(session: Session, round_id: int) -> tuple[tuple[int, ...], datetime | None]:
    """The interviewers of the latest booking of a round (any application), and its start."""
    latest = session.scalar(select(Interview).where(Interview.round_id == round_id,
                                                    Interview.status != InterviewStatus.CANCELLED)
                            .order_by(Interview.starts_at.desc(), Interview.id.desc()).limit(1))
    if latest is None:
        return (), None
    return tuple(p.user_id for p in sorted(latest.participants, key=lambda p: p.id)
                 if p.role == ParticipantRole.INTERVIEWER), latest.starts_at


def proposal(session: Session, actor: Actor, interview_id: int) -> NextRound:
    """What booking the next round after this interview's passed round starts from. Refused
    (InvalidState reason "not_passed") while the round is not decided 通过, and (reason "last_round")
    after the position's last round, where the offer step follows instead."""
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise NotFound("interview")
    department = session.scalar(select(Position.department_id).join(Application, Application.position_id == Position.id)
                                .where(Application.id == interview.application_id))
    require(session, actor, Action.INTERVIEW_SCHEDULE, department)
    outcome = session.scalar(select(RoundDecision.outcome).where(RoundDecision.interview_id == interview_id))
    if outcome != DecisionOutcome.PASSED:
        raise InvalidState("round not passed", reason="not_passed")
    following = following_round(session, interview.round_id)
    if following is None:
        raise InvalidState("last round", reason="last_round")
    panel, since = panel_of_round(session, following.id)
    booked = session.scalar(select(Interview.id).where(
        Interview.application_id == interview.application_id, Interview.round_id == following.id,
        Interview.status != InterviewStatus.CANCELLED).limit(1)) is not None
    return NextRound(interview.id, interview.application_id, following.id, following.name,
                     following.duration_minutes, panel, since, booked)


# Asked by every booking, which almost never finds one: built once, read as columns; only an alert
# found is loaded as an object (its acknowledgement is an audited change).
_OPEN_ALERTS = select(Alert.id, Alert.detail).join(Interview, Interview.id == Alert.interview_id).where(
    Interview.application_id == bindparam("application"), Alert.kind == ALERT_KIND, Alert.acknowledged_at.is_(None))


def settle_alerts(session: Session, actor: Actor, application_id: int, round_id: int) -> list[int]:
    """The next round was booked: HR's open "book the next round" alerts of this application for
    this round are done (acknowledged by whoever booked it). Returns their ids."""
    found = [alert_id for alert_id, detail in run_built(session, _OPEN_ALERTS, {"application": application_id})
             if (detail or {}).get("round_id") == round_id]
    done = [session.get(Alert, alert_id) for alert_id in found]
    now = session.info["clock"].now()
    for alert in done:
        alert.acknowledged_at, alert.acknowledged_by_id = now, actor.user_id
    return [a.id for a in done]
