"""Data maintenance (数据维护): the routine clean-up of stale candidates (the seeds: every quarter,
e.g. not passed and no contact for 6 months), before their retention ends.

The rule: every application of the person is closed and at least one was not passed (未录用), none
hired; they are not in the talent pool with consent; and the last contact — the latest of their
applications' dates, interviews, and messages they sent — lies more than `maintenance.stale_months`
(default 6) months back. The review list gives the rule's reason per person (not passed for which
position, last contact on which day, how many months ago).

Anonymising is irreversible and comes before the retention's end, so it takes the same two people as
a purge: HR proposes the chosen people (record class "stale", desktop/core/lifecycle/purges.py), 人事处
approves, and at execution each person is checked against the rule again (a person who got in touch
meanwhile is skipped). The database's size before and after is shown with compaction.compact.

API: stale(session, actor, today, months=None) -> [StalePerson]; stale_ids(session, today) -> set.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.model import (
    Application, ApplicationStage, Candidate, InboundMessage, Interview, Position, TalentPoolEntry,
)
from desktop.core.permissions import Action, visible_departments

STALE = "stale"
OFFICE_TZ = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class StalePerson:
    candidate_id: int
    name: str
    department_id: int | None
    not_passed: str            # the positions not passed, for the reason
    last_contact: date
    months: int                # whole months since the last contact


def months_setting(session: Session) -> int:
    return int(settings.institution_value(session, "maintenance.stale_months"))


def _months_between(earlier: date, later: date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


def _cutoff(today: date, months: int) -> date:
    month = today.month - months
    year = today.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    day = min(today.day, 28)
    return date(year, month, day)


def _day(at: datetime | None) -> date | None:
    return at.astimezone(OFFICE_TZ).date() if at is not None else None


def _candidates(session: Session, today: date, months: int) -> list[StalePerson]:
    """Everyone the rule holds for, oldest contact first."""
    rejected = ApplicationStage.REJECTED
    closed = (ApplicationStage.HIRED, ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN)
    def counted(condition):
        return func.sum(case((condition, 1), else_=0))

    apps = (select(Application.candidate_id, func.max(Application.applied_at), func.max(Application.closed_at),
                   counted(Application.stage == rejected), counted(Application.stage.not_in(closed)),
                   counted(Application.stage == ApplicationStage.HIRED))
            .group_by(Application.candidate_id))
    facts = {cid: (applied, closed_at, rejected_n or 0, open_n or 0, hired_n or 0)
             for cid, applied, closed_at, rejected_n, open_n, hired_n in session.execute(apps)}
    wanted = [cid for cid, f in facts.items() if f[2] and not f[3] and not f[4]]
    if not wanted:
        return []
    pooled = set(session.scalars(select(TalentPoolEntry.candidate_id).join(
        Candidate, Candidate.id == TalentPoolEntry.candidate_id).where(Candidate.talent_pool_consent)))
    interviews = dict(session.execute(select(Application.candidate_id, func.max(Interview.starts_at))
                                      .join(Interview, Interview.application_id == Application.id)
                                      .group_by(Application.candidate_id)).all())
    messages = dict(session.execute(select(InboundMessage.candidate_id, func.max(InboundMessage.received_at))
                                    .where(InboundMessage.candidate_id.is_not(None))
                                    .group_by(InboundMessage.candidate_id)).all())
    cutoff = _cutoff(today, months)
    people = {row.id: row for row in session.execute(
        select(Candidate.id, Candidate.name, Candidate.department_id)
        .where(Candidate.id.in_(wanted), Candidate.purged_at.is_(None)))}
    titles: dict[int, list[str]] = {}
    for cid, title in session.execute(select(Application.candidate_id, Position.title)
                                      .join(Position, Position.id == Application.position_id)
                                      .where(Application.stage == rejected, Application.candidate_id.in_(list(people)))
                                      .order_by(Application.id)):
        titles.setdefault(cid, []).append(title)
    found = []
    for cid, row in people.items():
        if cid in pooled:
            continue
        applied, closed_at, *_ = facts[cid]
        last = max(d for d in (_day(applied), _day(closed_at), _day(interviews.get(cid)), _day(messages.get(cid)))
                   if d is not None)
        if last <= cutoff:
            found.append(StalePerson(cid, row.name, row.department_id, "、".join(titles.get(cid, [])), last,
                                     _months_between(last, today)))
    return sorted(found, key=lambda p: (p.last_contact, p.candidate_id))


def stale(session: Session, actor, today: date, months: int | None = None) -> list[StalePerson]:
    """The review list for the departments whose candidates the actor may delete."""
    visible = visible_departments(session, actor, Action.CANDIDATE_DELETE)
    found = _candidates(session, today, months or months_setting(session))
    return [p for p in found if visible is None or p.department_id in visible]


def stale_ids(session: Session, today: date) -> set[int]:
    """Who the rule holds for now, with the institution's setting (checked again at execution)."""
    return {p.candidate_id for p in _candidates(session, today, months_setting(session))}

