"""个人信息请求 Personal-data requests under PIPL (个人信息保护法 第四十四条至第五十条), issue 13 §5.

A candidate asks to see their data (access), to correct it (correct), to delete it (delete), to
restrict its processing (restrict) or withdraws their consent to the talent pool (withdraw_consent).
HR records the request with the day it arrived; its deadline is `privacy.request_days` working days
later (the office calendar: weekends, holidays, 调休), at the end of that working day. An HR officer
owns it; it goes open → in progress → answered, or closed without an answer (the requester withdrew
it, a duplicate). Handling a request and answering it is one transaction: the correction applied
through the candidate service (same validation as the edit form), the anonymisation or the
restriction, the consent withdrawn, and the answer queued to the candidate on the channel recorded
with the request (e-mail or text message), from the message templates privacy_* (zh/en). Every change
of a request is audited with the row; the export of the data (access) is recorded like a reveal.

An overdue request raises an alert for its owner in the minute job (one indexed query).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.errors import InvalidState, NotFound, PermissionDenied, StaleWrite, ValidationFailed
from desktop.core.model import (
    Alert, Candidate, PersonalDataRequest, Role, RoleGrant, User,
)
from desktop.core.model.base import time_param
from desktop.core.permissions import Action, require, visible_departments
from desktop.core.scheduling import alerts
from desktop.core.scheduling.office import OfficeHours
from desktop.core.services import candidates
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, text_problem

KINDS = ("access", "correct", "delete", "restrict", "withdraw_consent")
RECEIVED_VIA = ("letter", "email", "sms", "phone", "in_person")
CHANNELS = ("email", "sms")                # how the answer goes: the candidate's own channels
OPEN, IN_PROGRESS, ANSWERED, CLOSED = "open", "in_progress", "answered", "closed"
OPEN_STATES = (OPEN, IN_PROGRESS)
# What the candidate may ask to correct: the fields of the candidate's record they gave us.
CORRECTABLE = ("name", "gender", "phone", "email", "id_number", "education", "school", "major",
               "years_experience", "experience", "skills", "certificates")
MAX_NOTE = 2000
ALERT_KIND = "privacy_request_overdue"
# The message each outcome answers with (templates.EVENTS, resources/templates/<locale>.toml).
EVENT_OF_OUTCOME = {"access": "privacy_access", "corrected": "privacy_correct", "anonymised": "privacy_delete",
                    "retained": "privacy_retained", "restricted": "privacy_restrict",
                    "consent_withdrawn": "privacy_withdraw", "refused": "privacy_refused"}


@dataclass(frozen=True)
class RequestInput:
    candidate_id: int | None
    kind: str
    channel: str                       # email / sms: how the answer goes
    received_on: date                  # the office-local day the request arrived
    received_via: str = "letter"
    owner_id: int | None = None        # None: whoever records it
    note: str = ""                     # what the candidate asked, in HR's words
    corrections: dict[str, Any] = field(default_factory=dict)   # correct: field -> the value asked for
    due_on: date | None = None         # None: privacy.request_days working days after received_on


@dataclass(frozen=True)
class RequestRow:
    id: int
    version: int
    candidate_id: int | None
    candidate: str
    kind: str
    channel: str
    received_on: date
    received_via: str
    due_at: datetime
    status: str
    outcome: str
    owner_id: int | None
    owner: str
    note: str
    corrections: dict[str, Any]
    answered_at: datetime | None
    answer: str
    restricted_until: date | None
    exported_at: datetime | None


@dataclass(frozen=True)
class Answered:
    id: int
    outcome: str
    channel: str
    queued: bool            # False: the candidate has no address on that channel any more (told to HR)
    retained_until: date | None = None


# --- deadlines ------------------------------------------------------------------------------------

def deadline(session: Session, received_on: date, days: int | None = None) -> datetime:
    """The end of the office's working day `days` working days after `received_on` (default:
    privacy.request_days). The day of receipt does not count; weekends and holidays do not count,
    a working weekend day (调休) does."""
    hours = OfficeHours.load(session)
    days = int(settings.institution_value(session, "privacy.request_days")) if days is None else days
    due, counted = received_on, 0
    for _guard in range(days * 7 + 366):      # a calendar without working days ends the count
        if counted >= days:
            break
        due += timedelta(days=1)
        counted += hours.is_working_day(due)
    return hours.at(due, hours.day_end)


# --- recording ------------------------------------------------------------------------------------

def _hr_user_ids(session: Session, department_id: int | None) -> set[int]:
    """Active HR officers whose grant covers the department (or the whole institution)."""
    from desktop.core.permissions import DepartmentTree
    tree = DepartmentTree.load(session)
    rows = session.execute(select(RoleGrant.user_id, RoleGrant.department_id).join(User, User.id == RoleGrant.user_id)
                           .where(RoleGrant.role == Role.HR_OFFICER, User.is_active)).all()
    return {user_id for user_id, scope in rows if scope is None or tree.covers(scope, department_id)}


def owner_choices(session: Session, actor: Actor, candidate_id: int) -> list[tuple[int, str]]:
    """Who may own a request about this candidate: the HR officers of their department, by name."""
    candidate = _candidate(session, actor, candidate_id)
    ids = _hr_user_ids(session, candidate.department_id)
    return [(r.id, r.display_name or r.username) for r in session.execute(
        select(User.id, User.display_name, User.username).where(User.id.in_(ids)).order_by(User.username))]


def _candidate(session: Session, actor: Actor, candidate_id: int | None) -> Candidate:
    candidate = session.get(Candidate, candidate_id) if candidate_id else None
    if candidate is None:
        raise ValidationFailed({"candidate_id": "required" if not candidate_id else "unknown_candidate"})
    require(session, actor, Action.CANDIDATE_EDIT, candidate.department_id)
    return candidate


def _address(candidate: Candidate, channel: str) -> str:
    return (candidate.email if channel == "email" else candidate.phone) or ""


def _corrections(candidate: Candidate, asked: dict[str, Any], today: date) -> dict[str, Any]:
    """The corrections as they would be stored: only fields that change, each checked as the edit
    form checks it. Raises ValidationFailed naming every problem (an empty correction is one)."""
    unknown = [k for k in asked if k not in CORRECTABLE]
    if unknown:
        raise ValidationFailed({f"corrections.{k}": "choice" for k in unknown})
    current = candidates._input_of(candidate)
    wanted: dict[str, Any] = {k: str(v) for k, v in asked.items() if v is not None and str(v).strip() != ""}
    if "years_experience" in wanted:
        try:
            wanted["years_experience"] = int(wanted["years_experience"].strip())
        except ValueError:
            raise ValidationFailed({"corrections.years_experience": "range"}) from None
    try:
        cleaned = candidates.validate(replace(current, **wanted), today)
    except ValidationFailed as refused:
        raise ValidationFailed({f"corrections.{k}": v for k, v in refused.problems.items()}) from None
    changed = {k: getattr(cleaned, k) for k in wanted if getattr(cleaned, k) != getattr(current, k)}
    if not changed:
        raise ValidationFailed({"corrections": "nothing_changes" if wanted else "required"})
    return changed


def record(session: Session, actor: Actor, data: RequestInput) -> int:
    """Record a request; checked completely before anything is written. Returns its id."""
    now = session.info["clock"].now()
    hours = OfficeHours.load(session)
    today = hours.local(now).date()
    problems: dict[str, str] = {}
    if data.kind not in KINDS:
        problems["kind"] = "choice"
    if data.channel not in CHANNELS:
        problems["channel"] = "choice"
    if data.received_via not in RECEIVED_VIA:
        problems["received_via"] = "choice"
    if data.received_on > today:
        problems["received_on"] = "future"
    if data.due_on is not None and (data.due_on < today or data.due_on < data.received_on):
        problems["due_on"] = "past"
    note_problem = text_problem(data.note, MAX_NOTE)
    if note_problem:
        problems["note"] = note_problem
    try:
        candidate = _candidate(session, actor, data.candidate_id)
    except ValidationFailed as refused:
        raise ValidationFailed(problems | refused.problems) from None
    if candidate.purged_at is not None:
        problems["candidate_id"] = "purged"
    elif data.channel in CHANNELS and not _address(candidate, data.channel):
        problems["channel"] = "no_address"
    owner_id = data.owner_id or actor.user_id
    if owner_id is None or owner_id not in _hr_user_ids(session, candidate.department_id):
        problems["owner_id"] = "choice"
    corrections: dict[str, Any] = {}
    if data.kind == "correct":
        try:
            corrections = _corrections(candidate, data.corrections, today)
        except ValidationFailed as refused:
            problems |= refused.problems
    if problems:
        raise ValidationFailed(problems)
    due_at = hours.at(data.due_on, hours.day_end) if data.due_on else deadline(session, data.received_on)
    received_at = hours.at(data.received_on, time(0, 0)) if data.received_on != today else now
    details: dict[str, Any] = {"received_via": data.received_via}
    if corrections:
        details["corrections"] = corrections
    request = PersonalDataRequest(candidate_id=candidate.id, kind=data.kind, received_at=received_at, due_at=due_at,
                                  status=OPEN, owner_id=owner_id, channel=data.channel, note=clean_text(data.note),
                                  details=details)
    session.add(request)
    session.flush()
    return request.id


# --- reading --------------------------------------------------------------------------------------

def _row(session: Session, r: PersonalDataRequest, candidate: Candidate | None, owner: str) -> RequestRow:
    hours = OfficeHours.load(session)
    details = r.details or {}
    until = details.get("restricted_until")
    exported = details.get("exported_at")
    return RequestRow(r.id, r.version, r.candidate_id, candidate.name if candidate else "", r.kind, r.channel,
                      hours.local(r.received_at).date(), details.get("received_via", ""), r.due_at, r.status,
                      r.outcome, r.owner_id, owner, r.note, dict(details.get("corrections") or {}), r.answered_at,
                      r.answer, date.fromisoformat(until) if until else None,
                      datetime.fromisoformat(exported) if exported else None)


def list_requests(session: Session, actor: Actor, *, done: bool = False, candidate_id: int | None = None,
                  mine: bool = False) -> list[RequestRow]:
    """Open requests by deadline (with `done`, answered and closed ones, newest first) about the
    candidates of the departments the user handles, and those the user owns."""
    try:
        depts = visible_departments(session, actor, Action.CANDIDATE_EDIT)
    except PermissionDenied:
        depts = set()
    scope = [] if depts is None else [or_(Candidate.department_id.in_(depts),
                                          PersonalDataRequest.owner_id == actor.user_id)]
    if mine:
        scope.append(PersonalDataRequest.owner_id == actor.user_id)
    if candidate_id is not None:
        scope.append(PersonalDataRequest.candidate_id == candidate_id)
    states = (ANSWERED, CLOSED) if done else OPEN_STATES
    order = (PersonalDataRequest.answered_at.desc(), PersonalDataRequest.id.desc()) if done \
        else (PersonalDataRequest.due_at, PersonalDataRequest.id)
    rows = session.execute(select(PersonalDataRequest, Candidate, User.display_name)
                           .outerjoin(Candidate, Candidate.id == PersonalDataRequest.candidate_id)
                           .outerjoin(User, User.id == PersonalDataRequest.owner_id)
                           .where(PersonalDataRequest.status.in_(states), *scope).order_by(*order).limit(500)).all()
    return [_row(session, r, c, owner or "") for r, c, owner in rows]


def _load(session: Session, actor: Actor, request_id: int, version: int | None = None,
          states: tuple[str, ...] = OPEN_STATES) -> tuple[PersonalDataRequest, Candidate]:
    request = session.get(PersonalDataRequest, request_id)
    if request is None:
        raise NotFound("personal data request", entity="personal_data_request")
    candidate = session.get(Candidate, request.candidate_id) if request.candidate_id else None
    if candidate is None:
        raise NotFound("candidate", entity="candidate")
    if not actor.system and actor.user_id != request.owner_id:
        require(session, actor, Action.CANDIDATE_EDIT, candidate.department_id)
    if version is not None and version != request.version:
        raise StaleWrite("personal data request changed", entity="personal_data_request")
    if request.status not in states:
        raise InvalidState("request not open", status="privacy_request_done")
    return request, candidate


def get(session: Session, actor: Actor, request_id: int) -> RequestRow:
    request, candidate = _load(session, actor, request_id, states=(OPEN, IN_PROGRESS, ANSWERED, CLOSED))
    owner = session.get(User, request.owner_id) if request.owner_id else None
    return _row(session, request, candidate, owner.display_name if owner else "")


# --- the workflow ---------------------------------------------------------------------------------

def start(session: Session, actor: Actor, request_id: int, version: int) -> int:
    """The owner takes the request up (open → in progress). Returns the new version."""
    request, _candidate_row = _load(session, actor, request_id, version)
    if request.status == OPEN:
        request.status = IN_PROGRESS
        session.flush()
    return request.version


def reassign(session: Session, actor: Actor, request_id: int, owner_id: int, version: int) -> int:
    request, candidate = _load(session, actor, request_id, version)
    if owner_id not in _hr_user_ids(session, candidate.department_id):
        raise ValidationFailed({"owner_id": "choice"})
    request.owner_id = owner_id
    session.flush()
    return request.version


def close(session: Session, actor: Actor, request_id: int, version: int, reason: str) -> None:
    """Close without an answer (the requester withdrew it, a duplicate): the reason is required."""
    problem = text_problem(reason, MAX_NOTE) or (None if clean_text(reason) else "required")
    if problem:
        raise ValidationFailed({"reason": problem})
    request, _candidate_row = _load(session, actor, request_id, version)
    now = session.info["clock"].now()
    request.status, request.outcome = CLOSED, "withdrawn"
    request.handled_by_id, request.handled_at = actor.user_id, now
    request.details = {**(request.details or {}), "close_reason": clean_text(reason)}
    session.flush()


def lift_restriction(session: Session, actor: Actor, candidate_id: int, reason: str,
                     expected_version: int | None = None) -> None:
    """Processing may go on again (the candidate withdrew the restriction, or its ground is gone): HR
    gives the reason, which the audit log keeps with the change."""
    from desktop.core import audit

    problem = text_problem(reason, MAX_NOTE) or (None if clean_text(reason) else "required")
    if problem:
        raise ValidationFailed({"reason": problem})
    candidate = _candidate(session, actor, candidate_id)
    if expected_version is not None and candidate.version != expected_version:
        raise StaleWrite("candidate changed", entity="candidate")
    if not candidate.restricted:
        raise InvalidState("not restricted", status="not_restricted")
    candidate.restricted = False
    session.flush()
    audit.record(session, "lift_restriction", "Candidate", candidate.id, reason=clean_text(reason))


def mark_exported(session: Session, actor: Actor, request_id: int, files: list[str]) -> None:
    """An access request's data was written to a folder (desktop/integrations/documents/personal_data):
    recorded on the request and in the audit log as an export of the candidate's data."""
    from desktop.core import audit

    request, candidate = _load(session, actor, request_id)
    require(session, actor, Action.CANDIDATE_EXPORT, candidate.department_id)
    now = session.info["clock"].now()
    request.details = {**(request.details or {}), "exported_at": now.isoformat(), "exported_files": files}
    if request.status == OPEN:
        request.status = IN_PROGRESS
    audit.record(session, "export", "Candidate", candidate.id, purpose="personal_data_request",
                 request_id=request.id, files=len(files))
    session.flush()


# --- the minute job -------------------------------------------------------------------------------

@functools.cache
def _overdue_query() -> Select:
    """evaluate's query, built once (the minute job asks it every minute)."""
    key = alerts.sql_key("privacy_overdue", PersonalDataRequest.id, PersonalDataRequest.owner_id)
    return (select(PersonalDataRequest.id, PersonalDataRequest.owner_id, PersonalDataRequest.due_at)
            .where(PersonalDataRequest.status.in_(OPEN_STATES),
                   PersonalDataRequest.due_at <= time_param("now"),
                   PersonalDataRequest.owner_id.is_not(None), ~exists().where(Alert.dedupe_key == key)))


def evaluate(session: Session, now: datetime, raised: Any) -> None:
    """Raise the owner's alert for each open request past its deadline, once per request and owner:
    one query on the (status, due_at) index that leaves out the requests already alerted."""
    rows = session.execute(_overdue_query(), {"now": now}).all()
    wanted = [alerts.Wanted(f"privacy_overdue:{r.id}:{r.owner_id}", ALERT_KIND, r.owner_id,
                            detail={"request_id": r.id, "due_at": r.due_at.isoformat()}) for r in rows]
    for alert in alerts.raise_many(session, wanted):
        raised.alerts.append(alert.id)
        raised.kinds.append(alert.kind)
