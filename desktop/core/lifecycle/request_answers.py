"""Handling a personal-data request and answering it, in one transaction (see requests.py).

`plan` says what handling the request would do now and shows the answer as the candidate will
read it; nothing is written. `answer` does it: the correction through the candidate service, the
anonymisation (outside retention) or the restriction (inside it, with the day it ends), the consent
withdrawn and the talent pool left, or nothing but the answer (access: the data was exported; a
refusal: the reason). The answer is queued in the outbox to the address the candidate had when the
request was answered, so an anonymised person still hears that their data is gone; that message
carries no name.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import InvalidState, ValidationFailed
from desktop.core.lifecycle.requests import (
    ANSWERED, EVENT_OF_OUTCOME, MAX_NOTE, Answered, _address, _load,
)
from desktop.core.model import Candidate, PersonalDataRequest, TalentPoolEntry
from desktop.core.notifications import routing, templates
from desktop.core.permissions import Action, require
from desktop.core.scheduling.office import OfficeHours
from desktop.core.services import candidates
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, mask_email, mask_phone, text_problem


@dataclass(frozen=True)
class Retention:
    in_retention: bool
    until: date | None            # None with in_retention: kept permanently
    record_class: str


@dataclass(frozen=True)
class Plan:
    request_id: int
    version: int
    outcome: str                  # access, corrected, anonymised, retained, restricted, consent_withdrawn, refused
    channel: str
    recipient: str                # masked
    retention: Retention | None   # delete requests: why the data may or may not go
    corrections: dict[str, Any]   # correct: field -> the new value
    in_talent_pool: bool
    exported: bool                # access: the copy was written to a folder
    attach: bool                  # access by e-mail: the copy goes with the answer
    subject: str
    text: str


def retention(session: Session, candidate_id: int) -> Retention:
    """How long the candidate's data must still be kept, by the retention policies
    (desktop/core/lifecycle/retention.py), for a deletion request: the request withdraws the
    talent-pool consent, so the pool's term does not keep them; the archive classes (hired, not hired,
    withdrawn) do. An open application refuses (InvalidState): it has to be closed first."""
    from desktop.core.lifecycle import retention as policy

    today = OfficeHours.load(session).local(session.info["clock"].now()).date()
    facts = policy._facts(session, [candidate_id]).get(candidate_id)
    if facts is None:                                    # purged already: nothing is kept
        return Retention(False, None, "purged")
    facts.in_pool = False
    state, _start = policy._state(policy.policies(session), facts, today)
    if state.record_class == policy.ACTIVE:
        raise InvalidState("open application", status="privacy_open_application")
    return Retention(bool(state.in_retention), state.until, state.record_class)


def _outcome(request: PersonalDataRequest, refuse_reason: str, kept: Retention | None) -> str:
    if refuse_reason:
        return "refused"
    if request.kind == "delete":
        return "retained" if kept is not None and kept.in_retention else "anonymised"
    return {"access": "access", "correct": "corrected", "restrict": "restricted",
            "withdraw_consent": "consent_withdrawn"}[request.kind]


def _payload(session: Session, request: PersonalDataRequest, candidate: Candidate, outcome: str, *,
             note: str, refuse_reason: str, kept: Retention | None, attach: bool) -> dict[str, Any]:
    hours = OfficeHours.load(session)
    details = request.details or {}
    payload: dict[str, Any] = {"request_id": request.id, "request_kind": request.kind,
                               "request_received": hours.local(request.received_at).date().isoformat(),
                               "answer": note, "reason": refuse_reason}
    if outcome != "anonymised":        # the answer to a deletion names nobody: the name is gone
        payload |= {"candidate_name": candidate.name, "candidate_gender": candidate.gender.value}
    if outcome == "corrected":
        payload["corrected_fields"] = sorted(details.get("corrections") or {})
    if outcome == "retained" and kept is not None:
        payload["retained_until"] = kept.until.isoformat() if kept.until else ""
        payload["retention_class"] = kept.record_class
    if outcome == "access":
        payload["export_attached"] = attach
    return payload


def _checked(note: str, refuse_reason: str) -> tuple[str, str]:
    problems = {}
    for key, value in (("note", note), ("reason", refuse_reason)):
        problem = text_problem(value, MAX_NOTE)
        if problem:
            problems[key] = problem
    if problems:
        raise ValidationFailed(problems)
    return clean_text(note), clean_text(refuse_reason)


def plan(session: Session, actor: Actor, request_id: int, *, note: str = "", refuse_reason: str = "",
         attach: bool = True) -> Plan:
    """What answering now would do, and the answer as the candidate will read it. Writes nothing."""
    note, refuse_reason = _checked(note, refuse_reason)
    request, candidate = _load(session, actor, request_id)
    kept = retention(session, candidate.id) if request.kind == "delete" and not refuse_reason else None
    outcome = _outcome(request, refuse_reason, kept)
    attach = attach and request.channel == "email" and outcome == "access"
    rendered = templates.render(session, EVENT_OF_OUTCOME[outcome], request.channel,
                                _payload(session, request, candidate, outcome, note=note, refuse_reason=refuse_reason,
                                         kept=kept, attach=attach))
    address = _address(candidate, request.channel)
    details = request.details or {}
    in_pool = session.scalar(select(TalentPoolEntry.id).where(TalentPoolEntry.candidate_id == candidate.id)) is not None
    return Plan(request.id, request.version, outcome, request.channel,
                mask_email(address) if request.channel == "email" else mask_phone(address), kept,
                dict(details.get("corrections") or {}), in_pool or candidate.talent_pool_consent,
                bool(details.get("exported_at")), attach, rendered.subject, rendered.text)


def answer(session: Session, actor: Actor, request_id: int, version: int, *, note: str = "",
           refuse_reason: str = "", attach: bool = True) -> Answered:
    """Handle the request and queue the answer, in this one transaction. An access request is
    answered once its copy was exported to a folder or goes attached to the e-mail."""
    note, refuse_reason = _checked(note, refuse_reason)
    request, candidate = _load(session, actor, request_id, version)
    kept = retention(session, candidate.id) if request.kind == "delete" and not refuse_reason else None
    outcome = _outcome(request, refuse_reason, kept)
    attach = attach and request.channel == "email" and outcome == "access"
    details = dict(request.details or {})
    if outcome == "access" and not attach and not details.get("exported_at"):
        raise ValidationFailed({"export": "required"})
    payload = _payload(session, request, candidate, outcome, note=note, refuse_reason=refuse_reason, kept=kept,
                       attach=attach)
    address = _address(candidate, request.channel)   # before an anonymisation removes it
    now = session.info["clock"].now()
    added = _effect(session, actor, request, candidate, outcome, kept, details)
    details = {**(request.details or {}), **added}    # as the effect left them (an erasure scrubs them)
    if outcome == "corrected":                        # a corrected address is the one that reaches them
        address = _address(candidate, request.channel) or address
    event = EVENT_OF_OUTCOME[outcome]
    rendered = templates.render(session, event, request.channel, payload)
    request.status, request.outcome = ANSWERED, outcome
    request.answer = "\n\n".join(t for t in (rendered.subject, rendered.text) if t)
    request.answered_at, request.handled_at, request.handled_by_id = now, now, actor.user_id
    if refuse_reason:
        details["refuse_reason"] = refuse_reason
    request.details = details
    queued = routing.queue(session, [(f"{request.channel}:privacy{request.id}:answer", dict(
        interview_id=None, channel=request.channel, kind=event, recipient=address, payload=payload))]) if address else []
    session.flush()
    return Answered(request.id, outcome, request.channel, bool(queued), kept.until if kept and kept.in_retention else None)


def _effect(session: Session, actor: Actor, request: PersonalDataRequest, candidate: Candidate, outcome: str,
            kept: Retention | None, details: dict[str, Any]) -> dict[str, Any]:
    """Do what the outcome says; returns what to add to the request's details."""
    added: dict[str, Any] = {}
    if outcome == "corrected":
        current, version = candidates._input_of(candidate), candidate.version
        candidates.update_candidate(session, actor, candidate.id,
                                    replace(current, **(details.get("corrections") or {})), version)
    elif outcome == "anonymised":
        from desktop.core.lifecycle.erase import erase_candidate

        require(session, actor, Action.CANDIDATE_DELETE, candidate.department_id)
        erase_candidate(session, actor, candidate.id, record_class=kept.record_class if kept else "",
                        reason=f"个人信息删除请求 #{request.id}")
    elif outcome in ("retained", "restricted"):
        candidate.restricted = True
        candidate.updated_at = session.info["clock"].now()
        if outcome == "retained" and kept is not None:   # a deletion request also withdraws the pool's consent
            _leave_pool(session, candidate)
            added = {"restricted_until": kept.until.isoformat() if kept.until else "",
                     "retention_class": kept.record_class}
    elif outcome == "consent_withdrawn":
        _leave_pool(session, candidate)
    session.flush()
    return added



def _leave_pool(session: Session, candidate: Candidate) -> None:
    candidate.talent_pool_consent, candidate.consent_date = False, None
    candidate.updated_at = session.info["clock"].now()
    entry = session.scalar(select(TalentPoolEntry).where(TalentPoolEntry.candidate_id == candidate.id))
    if entry is not None:
        session.delete(entry)
