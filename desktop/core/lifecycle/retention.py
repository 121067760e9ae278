"""Retention (保管期限) of a person's data, per record class.

A candidate's data is kept while any purpose for it holds, so their retention ends at the latest
end of the classes that apply to them:

- hired (已录用): the personnel file's term from the application's closing — default 30 years
  (many institutions keep personnel records 30 years or permanently; `None` = permanent);
- not_hired (未录用): 5 years from the application's closing (the seeds: at least five);
- withdrawn (本人放弃): 5 years from the closing, like not hired;
- talent_pool (人才库, with consent): the consent's term from the consent date — default 2 years;
- audit_log (审计日志): 30 years; the audit log is kept as a whole (its entries are chained), so
  this class is shown and configured, but never puts a person on the due list.

An open application keeps a person out of the due list (in retention, no end yet); a candidate
who never applied counts as not hired from the day they were entered. Policies live in
retention_policies (one row per record class); a class without a row uses the default here.

API: policies(session) -> {class: Policy}; save_policy(session, actor, class, years, version);
retention_of(session, candidate_id, today) -> RetentionState; due(session, today) -> [DueGroup].
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.errors import NotFound, StaleWrite, ValidationFailed
from desktop.core.model import Application, ApplicationStage, Candidate, Position, RetentionPolicy, TalentPoolEntry
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor

HIRED, NOT_HIRED, WITHDRAWN, TALENT_POOL, AUDIT_LOG = "hired", "not_hired", "withdrawn", "talent_pool", "audit_log"
RECORD_CLASSES = (HIRED, NOT_HIRED, WITHDRAWN, TALENT_POOL, AUDIT_LOG)
PERSON_CLASSES = (HIRED, NOT_HIRED, WITHDRAWN, TALENT_POOL)     # the classes a purge removes
ACTIVE = "active"                 # an open application: no end yet
MAX_YEARS = 100

STAGE_CLASS = {ApplicationStage.HIRED: HIRED, ApplicationStage.REJECTED: NOT_HIRED,
               ApplicationStage.WITHDRAWN: WITHDRAWN}


@dataclass(frozen=True)
class Policy:
    record_class: str
    period_years: int | None       # None: permanent (永久)
    starts_from: str               # "closed" (the application's closing), "consent", "entry"
    version: int | None = None     # None: the built-in default (no row yet)


DEFAULTS = {
    HIRED: Policy(HIRED, 30, "closed"),
    NOT_HIRED: Policy(NOT_HIRED, 5, "closed"),
    WITHDRAWN: Policy(WITHDRAWN, 5, "closed"),
    TALENT_POOL: Policy(TALENT_POOL, 2, "consent"),
    AUDIT_LOG: Policy(AUDIT_LOG, 30, "entry"),
}


@dataclass(frozen=True)
class RetentionState:
    in_retention: bool
    until: date | None              # the day the retention ends (None: permanent, or still active)
    record_class: str               # the class whose end is the latest; "active" with an open application


@dataclass(frozen=True)
class DueItem:
    candidate_id: int
    name: str
    positions: str                   # the positions applied for, for recognising the person
    started_on: date                 # the closing (or consent) the period counts from
    until: date
    department_id: int | None = None


@dataclass(frozen=True)
class DueGroup:
    record_class: str
    policy: Policy
    items: tuple[DueItem, ...]


def policies(session: Session) -> dict[str, Policy]:
    found = {DEFAULTS[c].record_class: DEFAULTS[c] for c in RECORD_CLASSES}
    for row in session.scalars(select(RetentionPolicy).where(RetentionPolicy.record_class.in_(RECORD_CLASSES))):
        found[row.record_class] = Policy(row.record_class, row.period_years, row.starts_from, row.version)
    return found


def save_policy(session: Session, actor: Actor, record_class: str, period_years: int | None,
                expected_version: int | None = None) -> Policy:
    """An administrator sets a class's period (None: permanent)."""
    require(session, actor, Action.SETTINGS_MANAGE)
    if record_class not in RECORD_CLASSES:
        raise NotFound("record class", entity="retention_policy")
    if period_years is not None and not 1 <= period_years <= MAX_YEARS:
        raise ValidationFailed({"period_years": "range"})
    row = session.scalar(select(RetentionPolicy).where(RetentionPolicy.record_class == record_class))
    if row is None:
        default = DEFAULTS[record_class]
        row = RetentionPolicy(name=f"retention:{record_class}", applies_to="audit" if record_class == AUDIT_LOG
                              else "candidate", record_class=record_class, starts_from=default.starts_from,
                              action="delete")
        session.add(row)
    elif expected_version is not None and row.version != expected_version:
        raise StaleWrite("retention policy changed", entity="retention_policy")
    row.period_years = period_years
    session.flush()
    return Policy(row.record_class, row.period_years, row.starts_from, row.version)


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:                   # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _local_day(at: datetime | date) -> date:
    if isinstance(at, datetime):
        from zoneinfo import ZoneInfo

        return at.astimezone(ZoneInfo("Asia/Shanghai")).date()
    return at


def _ends(rules: dict[str, Policy], facts: "_Facts") -> list[tuple[date | None, str, date]]:
    """(end or None for permanent, class, start) of every class that applies to one person."""
    ends = []
    for record_class, closed in facts.closed.items():
        policy = rules[record_class]
        start = _local_day(closed)
        ends.append((None if policy.period_years is None else add_years(start, policy.period_years), record_class, start))
    if facts.consent_on is not None and facts.in_pool:
        policy = rules[TALENT_POOL]
        ends.append((None if policy.period_years is None else add_years(facts.consent_on, policy.period_years),
                     TALENT_POOL, facts.consent_on))
    if not ends:                         # never applied, not in the pool: not hired since entered
        policy, start = rules[NOT_HIRED], _local_day(facts.created_at)
        ends.append((None if policy.period_years is None else add_years(start, policy.period_years), NOT_HIRED, start))
    return ends


@dataclass
class _Facts:
    created_at: datetime
    consent_on: date | None
    in_pool: bool
    open_applications: int = 0
    closed: dict[str, datetime] = None   # class -> the latest closing of that class

    def __post_init__(self) -> None:
        self.closed = self.closed or {}


def _state(rules: dict[str, Policy], facts: _Facts, today: date) -> tuple[RetentionState, date]:
    if facts.open_applications:
        return RetentionState(True, None, ACTIVE), today
    ends = _ends(rules, facts)
    if any(end is None for end, _c, _s in ends):
        _end, record_class, start = next(e for e in ends if e[0] is None)
        return RetentionState(True, None, record_class), start
    until, record_class, start = max(ends)
    return RetentionState(until > today, until, record_class), start


def _facts(session: Session, candidate_ids: list[int] | None = None) -> dict[int, _Facts]:
    """What retention depends on, for the candidates not purged (or the given ones), in three queries."""
    people = select(Candidate.id, Candidate.created_at, Candidate.consent_date, Candidate.talent_pool_consent,
                    TalentPoolEntry.id).outerjoin(TalentPoolEntry, TalentPoolEntry.candidate_id == Candidate.id)
    people = people.where(Candidate.purged_at.is_(None))
    if candidate_ids is not None:
        people = people.where(Candidate.id.in_(candidate_ids))
    facts = {cid: _Facts(created, consent, bool(consented and pool_id is not None))
             for cid, created, consent, consented, pool_id in session.execute(people)}
    apps = (select(Application.candidate_id, Application.stage, func.max(Application.closed_at), func.count())
            .group_by(Application.candidate_id, Application.stage))
    if candidate_ids is not None:
        apps = apps.where(Application.candidate_id.in_(candidate_ids))
    for cid, stage, closed_at, count in session.execute(apps):
        person = facts.get(cid)
        if person is None:
            continue
        record_class = STAGE_CLASS.get(stage)
        if record_class is None:
            person.open_applications += count
        else:
            closed_at = closed_at or person.created_at
            if record_class not in person.closed or person.closed[record_class] < closed_at:
                person.closed[record_class] = closed_at
    return facts


def retention_of(session: Session, candidate_id: int, today: date) -> RetentionState:
    """Whether the candidate's data is still within retention, until when, and by which class. A
    purged candidate is past retention (nothing is left to keep)."""
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("candidate", entity="candidate")
    if candidate.purged_at is not None:
        return RetentionState(False, None, "purged")
    return _state(policies(session), _facts(session, [candidate_id])[candidate_id], today)[0]


def due(session: Session, today: date, record_class: str | None = None) -> list[DueGroup]:
    """The people whose retention ended by `today`, grouped by the class that held them longest,
    oldest end first (classes in RECORD_CLASSES order; empty classes left out)."""
    rules = policies(session)
    groups: dict[str, list[tuple[int, date, date]]] = {}
    for cid, facts in _facts(session).items():
        state, start = _state(rules, facts, today)
        if state.in_retention or state.until is None:
            continue
        if record_class is None or state.record_class == record_class:
            groups.setdefault(state.record_class, []).append((cid, start, state.until))
    wanted = [cid for rows in groups.values() for cid, _s, _u in rows]
    names, applied, departments = {}, {}, {}
    for chunk in (wanted[i:i + 500] for i in range(0, len(wanted), 500)):
        for cid, name, department in session.execute(select(Candidate.id, Candidate.name, Candidate.department_id)
                                                     .where(Candidate.id.in_(chunk))):
            names[cid], departments[cid] = name, department
        for cid, title in session.execute(select(Application.candidate_id, Position.title)
                                          .join(Position, Position.id == Application.position_id)
                                          .where(Application.candidate_id.in_(chunk)).order_by(Application.id)):
            applied.setdefault(cid, []).append(title)
    return [DueGroup(c, rules[c], tuple(DueItem(cid, names.get(cid, ""), "、".join(applied.get(cid, [])), start, until,
                                                departments.get(cid))
                                        for cid, start, until in sorted(groups[c], key=lambda r: (r[2], r[0]))))
            for c in RECORD_CLASSES if c in groups]
