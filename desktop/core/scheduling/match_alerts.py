"""The low-match alert: shortly before an interview (setting `match.alert_minutes_before`, default
10 minutes) whose candidate matches the position below `match.alert_threshold` (default 30 %), HR
and every panel member get an alert in the app and a message through their channels ("该候选人与
岗位匹配度较低（28%），主要差距：……建议缩短面试时间，重点确认：……").

The reminder engine calls `evaluate` every minute on every desktop, so it reads only the interviews
starting within the next N minutes that have no such alert for their current version yet, in three
queries whatever their number, and matches them in memory. Each alert is raised once per interview
version and person (key "match:<interview>:<sequence>:<user>"): a rescheduled interview is
measured again before its new time. An interview found to match well enough is not measured again
in the rest of its window by this process (scheduling/watermarks.settle): the alert is about the
match N minutes before the start, not a watch over edits made in those minutes."""

from __future__ import annotations

import functools
from collections import defaultdict
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from desktop.core import matching, settings
from desktop.core.model import (
    Alert, Application, Candidate, Interview, InterviewParticipant, InterviewStatus, Position, PositionRequirement,
)
from desktop.core.model.base import time_param
from desktop.core.notifications import routing
from desktop.core.scheduling import alerts, effects, timeline, watermarks

KIND = "low_match"            # the alert
EVENT = "match_alert"         # the message template
ACTIVE = (InterviewStatus.SCHEDULED, InterviewStatus.CONFIRMED, InterviewStatus.PENDING_APPROVAL)


def key(interview_id: int, sequence: int, user_id: int) -> str:
    return f"match:{interview_id}:{sequence}:{user_id}"


def _due(session: Session, now: datetime, minutes: int) -> list[Any]:
    """Interviews starting in (now, now + minutes] without a low-match alert for their version, with
    what matching needs of the candidate (never a personal field) and of the position."""
    return session.execute(_due_query(), {"now": now, "until": now + timedelta(minutes=minutes)}).all()


@functools.cache
def _due_query() -> Select:
    """_due's query, built once (every desktop asks it every minute)."""
    now, until = map(time_param, ("now", "until"))
    prefix = alerts.sql_key("match", Interview.id, Interview.sequence, "")      # "match:<id>:<sequence>:"
    alerted = exists().where(Alert.interview_id == Interview.id, Alert.kind == KIND, Alert.dedupe_key.startswith(prefix))
    return (select(Interview.id, Interview.sequence, Interview.starts_at, Interview.hr_owner_id, Candidate.education,
                   Candidate.major, Candidate.years_experience, Candidate.skills, Candidate.experience,
                   Candidate.resume_summary, Candidate.certificates, Candidate.profile_extra,
                   Position.id.label("position_id"), Position.education.label("position_education"),
                   Position.min_years, Position.skills.label("position_skills"))
            .join(Application, Application.id == Interview.application_id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Position, Position.id == Application.position_id)
            .where(Interview.status.in_(ACTIVE), Interview.starts_at > now, Interview.starts_at <= until, ~alerted)
            .order_by(Interview.starts_at, Interview.id))


def _requirements(session: Session, position_ids: set[int]) -> dict[int, list[matching.Requirement]]:
    found: dict[int, list[matching.Requirement]] = defaultdict(list)
    if position_ids:
        for r in session.scalars(select(PositionRequirement).where(PositionRequirement.position_id.in_(position_ids))
                                 .order_by(PositionRequirement.position_id, PositionRequirement.ordinal)):
            found[r.position_id].append(matching.Requirement(r.kind.value, r.label, r.value, r.weight))
    return found


def _panels(session: Session, interview_ids: list[int]) -> dict[int, set[int]]:
    panels: dict[int, set[int]] = defaultdict(set)
    if interview_ids:
        for interview_id, user_id in session.execute(select(InterviewParticipant.interview_id, InterviewParticipant.user_id)
                                                     .where(InterviewParticipant.interview_id.in_(interview_ids))):
            panels[interview_id].add(user_id)
    return panels


def _report(row: Any, stored: list[matching.Requirement]) -> matching.MatchReport:
    profile = matching.Profile(
        education=row.education.value, major=row.major or "", years_experience=row.years_experience or 0,
        skills=row.skills or "", experience=row.experience or "", resume_summary=row.resume_summary or "",
        certificates=row.certificates or "",
        extra={str(k): str(v) for k, v in (row.profile_extra or {}).items() if v not in (None, "")})
    requirements = stored or matching.legacy_requirements(row.position_education.value, row.min_years,
                                                          row.position_skills)
    return matching.match(requirements, profile)


def evaluate(session: Session, now: datetime, raised: Any = None) -> list[int]:
    """Raise the low-match alerts now due; returns the ids of the alerts raised. `raised` (the
    reminder engine's tally, with `alerts` and `kinds` lists) is told of each."""
    minutes = int(settings.institution_value(session, "match.alert_minutes_before"))
    threshold = int(settings.institution_value(session, "match.alert_threshold"))
    if threshold <= 0:
        return []
    # an interview found to match well enough in this window is not measured again each minute
    # (its version and the threshold are in the key: a new time or threshold measures it again)
    settled = watermarks.settled(session, "match_alerts")
    rows = [r for r in _due(session, now, minutes) if (r.id, r.sequence, threshold) not in settled]
    if not rows:
        return []
    stored = _requirements(session, {r.position_id for r in rows})
    panels = _panels(session, [r.id for r in rows])
    reports = [(row, _report(row, stored.get(row.position_id, []))) for row in rows]
    low = [(row, report) for row, report in reports if report.score < threshold]
    watermarks.settle(session, "match_alerts", {(row.id, row.sequence, threshold): row.starts_at
                                                for row, report in reports if report.score >= threshold}, now)
    detail = {"threshold": threshold, "minutes": minutes}
    new = alerts.raise_many(session, [
        alerts.Wanted(key(row.id, row.sequence, user_id), KIND, user_id, row.id, detail=detail | {"score": report.score})
        for row, report in low for user_id in sorted({row.hr_owner_id, *panels.get(row.id, set())} - {None})])
    told: dict[int, list[int]] = {}
    for alert in new:
        told.setdefault(alert.interview_id, []).append(alert.user_id)
    messages: list[tuple[str, dict[str, Any]]] = []
    with session.no_autoflush:      # read everything, then write once (a flush extends the audit chain)
        for row, report in low:
            if row.id in told:
                messages += _tell(session, row.id, row.hr_owner_id, told[row.id], report, threshold)
        routing.queue_rows(session, messages)
    done = [a.id for a in new]
    if raised is not None:
        raised.alerts.extend(done)
        raised.kinds.extend([KIND] * len(done))
    return done


def _tell(session: Session, interview_id: int, hr_id: int | None, users: list[int], report: matching.MatchReport,
          threshold: int) -> list[tuple[str, dict[str, Any]]]:
    """The timeline entry, and the message to each newly alerted person through their channels (the
    outbox rows, for the caller to queue with the others)."""
    interview = session.get(Interview, interview_id)
    payload = effects.details(session, interview) | {"match": matching.to_payload(report), "alert": KIND}
    messages = []
    for user_id in users:
        audience = routing.HR if user_id == hr_id else routing.INTERVIEWER
        messages += routing.staff_entries(session, audience, {user_id}, EVENT,
                                          f"match:{interview.id}:{interview.sequence}", payload, interview.id)
    timeline.add(session, interview, timeline.Event.MATCH_ALERT, None, score=report.score, threshold=threshold,
                 sequence=interview.sequence)
    return messages
