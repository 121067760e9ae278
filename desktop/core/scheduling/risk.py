"""No-show risk: an explainable score per upcoming interview.

The score is a logistic function of points, each point with a reason a person can check:

    points = -2.2                                   (base: about 10 %)
           + 1.6 × previous no-shows      (at most 3 counted)
           + 0.5 × previous late arrivals (at most 3)
           + 0.6 × reschedules the candidate asked for (at most 3)
           + 1.0 if the current invitation is unconfirmed and its deadline has passed
             (+0.4 if unconfirmed and the deadline is still ahead)
           + 0.5 if the interview was booked more than 14 days ahead
           + 0.3 if it was booked less than 24 hours ahead
           + 0.2 if it starts before 09:00 or after 16:30 office time
    risk   = 1 / (1 + e^-points)

Above 50 % the Today page asks HR to call ahead and lists the reasons. The weights are a
reasoned starting point, not a trained model; the counts kept per candidate (reschedules,
late arrivals, no-shows) allow recalibrating them on an institution's own history."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

BASE = -2.2
CALL_AHEAD = 0.5


@dataclass(frozen=True)
class RiskInputs:
    no_shows: int
    late_arrivals: int
    candidate_reschedules: int
    confirmed: bool
    confirmation_due_at: datetime | None
    booked_at: datetime
    starts_at: datetime
    local_start: time


@dataclass(frozen=True)
class Reason:
    code: str       # worded by the UI
    points: float
    count: int = 0


@dataclass(frozen=True)
class Risk:
    probability: float
    reasons: tuple[Reason, ...]

    @property
    def call_ahead(self) -> bool:
        return self.probability > CALL_AHEAD


def score(inputs: RiskInputs, now: datetime) -> Risk:
    reasons: list[Reason] = []
    if inputs.no_shows:
        n = min(inputs.no_shows, 3)
        reasons.append(Reason("previous_no_shows", 1.6 * n, inputs.no_shows))
    if inputs.late_arrivals:
        n = min(inputs.late_arrivals, 3)
        reasons.append(Reason("previous_late", 0.5 * n, inputs.late_arrivals))
    if inputs.candidate_reschedules:
        n = min(inputs.candidate_reschedules, 3)
        reasons.append(Reason("reschedules", 0.6 * n, inputs.candidate_reschedules))
    if not inputs.confirmed:
        overdue = inputs.confirmation_due_at is not None and inputs.confirmation_due_at <= now
        reasons.append(Reason("unconfirmed_overdue", 1.0) if overdue else Reason("unconfirmed", 0.4))
    lead = inputs.starts_at - inputs.booked_at
    if lead > timedelta(days=14):
        reasons.append(Reason("long_lead", 0.5))
    elif lead < timedelta(hours=24):
        reasons.append(Reason("short_lead", 0.3))
    if inputs.local_start < time(9, 0) or inputs.local_start > time(16, 30):
        reasons.append(Reason("edge_of_day", 0.2))
    points = BASE + sum(r.points for r in reasons)
    return Risk(1 / (1 + math.exp(-points)), tuple(sorted(reasons, key=lambda r: -r.points)))
