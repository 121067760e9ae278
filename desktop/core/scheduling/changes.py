"""Change requests: a new time, a new room, an interviewer swap or a cancellation, each passing the
approval chain configured for the department and kind, then applied in one transaction that
bumps the interview's sequence, writes the timeline and queues every party's effect."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core import signing
from desktop.core.errors import (
    AlreadyDecided,
    ConflictsFound,
    InvalidState,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from desktop.core.model import (
    Alert,
    Application,
    ApprovalChain,
    ApprovalStep,
    Candidate,
    ChangeKind,
    ChangeRequest,
    ChangeStatus,
    Decision,
    Interview,
    InterviewMode,
    InterviewParticipant,
    InterviewStatus,
    Notice,
    Offer,
    ParticipantRole,
    Party,
    Position,
    ResponseState,
    StepKind,
    Verdict,
)
from desktop.core.notifications import routing
from desktop.core.permissions import Action, require
from desktop.core.scheduling import attendance, chains, effects, mail_approval, timeline
from desktop.core.scheduling import conflicts as rules
from desktop.core.scheduling.booking import guard_conflicts, refuse_conflicts
from desktop.core.scheduling.office import OfficeHours
from desktop.core.scheduling.provider import BusyTimes
from desktop.core.storage.database import Actor

CHANGEABLE = (InterviewStatus.SCHEDULED, InterviewStatus.CONFIRMED, InterviewStatus.PENDING_APPROVAL)
# why HR asks for a change, kept as a category for analysis beside the reason's own words
REASON_CODES = ("interviewer_conflict", "candidate_request", "room", "other")


@dataclass(frozen=True)
class ChangeInput:
    interview_id: int
    kind: ChangeKind
    party: Party
    reason: str
    starts_at: datetime | None = None
    duration_minutes: int | None = None
    mode: InterviewMode | None = None
    room_id: int | None = None
    video_link: str | None = None
    interviewer_ids: tuple[int, ...] | None = None
    reason_code: str | None = None


@dataclass(frozen=True)
class RequestResult:
    change_request_id: int
    status: str
    applied: bool
    overridden: tuple[rules.Conflict, ...] = ()


def snapshot(interview: Interview) -> dict[str, Any]:
    return {
        "starts_at": interview.starts_at.isoformat(), "duration_minutes": interview.duration_minutes,
        "mode": interview.mode.value, "room_id": interview.room_id, "video_link": interview.video_link,
        "interviewer_ids": sorted(p.user_id for p in interview.participants if p.role == ParticipantRole.INTERVIEWER),
        "status": interview.status.value,
    }


def change_hash(request: ChangeRequest) -> str:
    """SHA-256 of exactly what is being approved, so the archive can show what was signed."""
    body = json.dumps({"change_request": request.id, "interview": request.interview_id, "kind": request.kind.value,
                       "party": request.requested_by_party.value, "reason": request.reason,
                       "before": request.before, "proposed": request.proposed},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def offer_hash(offer: Offer) -> str:
    """SHA-256 of the offer an approver decides on: what the letter promises (grade, pay lines and
    their summary, start date, probation, place, reply deadline, the letter's text), so a step's
    signature still shows what was approved after the offer is edited and submitted again."""
    body = json.dumps({"offer": offer.id, "application": offer.application_id, "grade": offer.grade,
                       "salary": offer.salary, "pay": [list(line) for line in offer.pay or []],
                       "start_date": offer.start_date.isoformat() if offer.start_date else None,
                       "probation_months": offer.probation_months, "work_place": offer.work_place,
                       "reply_by": offer.reply_by.astimezone(timezone.utc).isoformat() if offer.reply_by else None,
                       "template": offer.template_name, "body": offer.body},
                      sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


SIGNED_SUBJECT = "change_decision"      # signatures.subject of a change request's decisions


def signature_of(session: Session, decision: Decision, request: ChangeRequest) -> signing.SignatureCheck:
    """How the decision's signature stands, over the decision as stored now: its verdict, comment,
    approver and time, and the hash of what it approved, which must still be the hash of the request
    as it is now."""
    found = signing.check(session, SIGNED_SUBJECT, decision.id, decision.change_sha256, decision.verdict.value,
                          decision.comment)
    if found.valid and (decision.change_sha256 != change_hash(request) or found.signer_id != decision.approver_id
                        or found.signed_at != decision.decided_at):
        return replace(found, state="invalid")     # the request or who and when was changed after signing
    return found


def decisions_with_signatures(session: Session, change_request_id: int) -> list[tuple[Decision, signing.SignatureCheck]]:
    """A request's decisions in the order they were made, each with its SignatureCheck (for the
    approvals page and the dossier)."""
    request = session.get(ChangeRequest, change_request_id)
    if request is None:
        raise NotFound("change request", entity="change_request")
    rows = session.scalars(select(Decision).where(Decision.change_request_id == change_request_id)
                           .order_by(Decision.decided_at, Decision.id)).all()
    return [(d, signature_of(session, d, request)) for d in rows]


def _interview_context(session: Session, interview_id: int) -> tuple[Interview, int, int]:
    row = session.execute(select(Interview, Position.department_id, Application.candidate_id)
                          .options(selectinload(Interview.participants))
                          .join(Application, Application.id == Interview.application_id)
                          .join(Position, Position.id == Application.position_id)
                          .where(Interview.id == interview_id)).first()
    if row is None:
        raise NotFound("interview", entity="interview")
    return row[0], row[1], row[2]


def _proposed(data: ChangeInput, interview: Interview) -> dict[str, Any]:
    before = snapshot(interview)
    proposed = dict(before)
    if data.kind == ChangeKind.CANCEL:
        proposed["status"] = InterviewStatus.CANCELLED.value
        return proposed
    if data.starts_at is not None:
        if data.starts_at.tzinfo is None:
            raise ValidationFailed({"starts_at": "naive_time"})
        proposed["starts_at"] = data.starts_at.isoformat()
    if data.duration_minutes is not None:
        proposed["duration_minutes"] = data.duration_minutes
    if data.mode is not None:
        proposed["mode"] = data.mode.value
    if data.room_id is not None or data.mode == InterviewMode.VIDEO:
        proposed["room_id"] = None if data.mode == InterviewMode.VIDEO else data.room_id
    if data.video_link is not None:
        proposed["video_link"] = data.video_link.strip() or None
    if data.interviewer_ids is not None:
        if not data.interviewer_ids:
            raise ValidationFailed({"interviewer_ids": "required"})
        proposed["interviewer_ids"] = sorted(set(data.interviewer_ids))
    if proposed == before:
        raise ValidationFailed({"kind": "nothing_changes"})
    return proposed


def _proposal(proposed: dict[str, Any], interview: Interview, candidate_id: int) -> rules.Proposal:
    observers = tuple(p.user_id for p in interview.participants if p.role == ParticipantRole.OBSERVER)
    return rules.Proposal(starts_at=datetime.fromisoformat(proposed["starts_at"]),
                          duration_minutes=proposed["duration_minutes"], mode=InterviewMode(proposed["mode"]),
                          room_id=proposed["room_id"], interviewer_ids=tuple(proposed["interviewer_ids"]),
                          observer_ids=observers, candidate_id=candidate_id, exclude_interview_id=interview.id)


def _notify(session: Session, user_ids: set[int], interview_id: int, title: str, body: str) -> None:
    now = session.info["clock"].now()
    for user_id in sorted(user_ids):
        session.add(Notice(user_id=user_id, interview_id=interview_id, title=title, body=body, created_at=now))


def _step(chain: ApprovalChain | None, position: int) -> ApprovalStep | None:
    if chain is None:
        return None
    return next((s for s in chain.steps if s.position == position), None)


def _enter_step(session: Session, request: ChangeRequest, chain: ApprovalChain, position: int,
                department_id: int) -> None:
    step = _step(chain, position)
    now = session.info["clock"].now()
    request.current_step = position
    request.step_due_at = now + timedelta(minutes=step.deadline_minutes) if step and step.deadline_minutes else None
    if step is not None:
        approvers = chains.step_approvers(session, step, department_id)
        _notify(session, approvers, request.interview_id, "待您审批的面试变更", f"变更申请 #{request.id}：{request.reason}")
        codes = mail_approval.issue(session, request, position, approvers)
        routing.staff_messages(session, routing.APPROVER, approvers, "approval_request",
                               f"cr{request.id}:step{position}", _message(session, request, step=step.kind.value),
                               request.interview_id,
                               email_extra={u: {"approval_code": c} for u, c in codes.items()})


def _message(session: Session, request: ChangeRequest, **extra: Any) -> dict[str, Any]:
    """What an approver or the requester is told about a change request, as an outbox payload."""
    interview = session.get(Interview, request.interview_id)
    return effects.details(session, interview) | {
        "change_request_id": request.id, "change_kind": request.kind.value, "change_reason": request.reason,
        "requested_by_party": request.requested_by_party.value} | extra


def _tell_requester(session: Session, request: ChangeRequest, actor: Actor, verdict: str, comment: str) -> None:
    if request.requested_by_id:
        routing.staff_messages(session, routing.HR, {request.requested_by_id}, "approval_result",
                               f"cr{request.id}:result", _message(session, request, verdict=verdict,
                                                                  comment=comment, decided_by=actor.label),
                               request.interview_id)


def request_change(session: Session, actor: Actor, data: ChangeInput, *, override_reason: str = "",
                   external: BusyTimes | None = None) -> RequestResult:
    if not data.reason.strip():
        raise ValidationFailed({"reason": "required"})
    if data.reason_code is not None and data.reason_code not in REASON_CODES:
        raise ValidationFailed({"reason_code": "choice"})
    interview, department_id, candidate_id = _interview_context(session, data.interview_id)
    require(session, actor, Action.CHANGE_REQUEST, department_id)
    if interview.status not in CHANGEABLE:
        raise InvalidState("interview not changeable", status=interview.status.value)
    if session.scalar(select(ChangeRequest.id).where(ChangeRequest.interview_id == interview.id,
                                                     ChangeRequest.status == ChangeStatus.PENDING)):
        raise InvalidState("a change is already pending", status="change_pending")
    now = session.info["clock"].now()
    proposed = _proposed(data, interview)
    found: list[rules.Conflict] = []
    if data.kind != ChangeKind.CANCEL:
        found = rules.check(session, _proposal(proposed, interview, candidate_id), now, external)
    refuse_conflicts(found, override_reason)
    chain = chains.chain_for(session, department_id, data.kind)
    request = ChangeRequest(interview_id=interview.id, kind=data.kind, requested_by_party=data.party,
                            requested_by_id=actor.user_id, reason=data.reason.strip(), reason_code=data.reason_code,
                            before=snapshot(interview),
                            proposed=proposed, status=ChangeStatus.PENDING, chain_id=chain.id if chain else None,
                            current_step=0, created_at=now)
    session.add(request)
    session.flush()
    overridden = guard_conflicts(session, actor, found, override_reason, "ChangeRequest", request.id)
    timeline.add(session, interview, timeline.Event.CHANGE_REQUESTED, actor, change_request_id=request.id,
                 change_kind=data.kind.value, party=data.party.value, reason=request.reason,
                 reason_code=data.reason_code or "", before=request.before, proposed=proposed,
                 override_reason=override_reason.strip() if overridden else "")
    if chain is None or not chain.steps:
        request.status = ChangeStatus.APPROVED
        request.decided_at = now
        _apply(session, request, interview, candidate_id, actor)
        return RequestResult(request.id, request.status.value, True, overridden)
    _enter_step(session, request, chain, chain.steps[0].position, department_id)
    hours = OfficeHours.load(session)
    same_day = hours.local(interview.starts_at).date() == hours.local(now).date()
    if chain.allow_same_day_apply and same_day:
        request.applied_early = True
        _apply(session, request, interview, candidate_id, actor, pending=True)
        return RequestResult(request.id, request.status.value, True, overridden)
    session.flush()
    return RequestResult(request.id, request.status.value, False, overridden)


def _apply(session: Session, request: ChangeRequest, interview: Interview, candidate_id: int, actor: Actor,
           *, pending: bool = False, revert: bool = False) -> None:
    """Put the proposed (or, on revert, the original) values into the interview and tell everyone."""
    target = request.before if revert else request.proposed
    now = session.info["clock"].now()
    if request.kind != ChangeKind.CANCEL or revert:
        found = rules.check(session, _proposal(target, interview, candidate_id), now)
        hard = [c for c in found if c.hard and c.kind != rules.ConflictKind.IN_PAST]
        if hard:
            raise ConflictsFound(hard, overridable=False)
    old_people = {p.user_id for p in interview.participants if p.role == ParticipantRole.INTERVIEWER}
    new_people = set(target["interviewer_ids"])
    interview.starts_at = datetime.fromisoformat(target["starts_at"])
    interview.duration_minutes = target["duration_minutes"]
    interview.mode = InterviewMode(target["mode"])
    interview.room_id = target["room_id"]
    interview.video_link = target["video_link"]
    for participant in list(interview.participants):
        if participant.role == ParticipantRole.INTERVIEWER and participant.user_id not in new_people:
            interview.participants.remove(participant)
    for user_id in sorted(new_people - old_people):
        interview.participants.append(InterviewParticipant(user_id=user_id, role=ParticipantRole.INTERVIEWER))
    for participant in interview.participants:
        participant.response = ResponseState.NONE
        participant.seen_at = None
    interview.sequence += 1
    cancelling = request.kind == ChangeKind.CANCEL and not revert
    if cancelling:
        interview.status = InterviewStatus.CANCELLED
        interview.confirmation_due_at = None
    else:
        interview.status = InterviewStatus.PENDING_APPROVAL if pending else InterviewStatus.SCHEDULED
        interview.confirmation_due_at = effects.confirmation_deadline(session, now, interview.starts_at)
    if request.kind == ChangeKind.RESCHEDULE and request.requested_by_party == Party.CANDIDATE:
        candidate = session.get(Candidate, candidate_id)
        candidate.reschedule_count += -1 if revert else 1  # an undone move is not the candidate's reschedule
    session.flush()
    timeline.add(session, interview, timeline.Event.CANCELLED if cancelling else timeline.Event.CHANGE_APPLIED,
                 actor, change_request_id=request.id, sequence=interview.sequence, reverted=revert,
                 pending_approval=pending, starts_at=interview.starts_at.isoformat())
    effects.announce(session, interview, "cancel" if cancelling else "update",
                     added=new_people - old_people, removed=old_people - new_people, reason=request.reason,
                     previous=request.proposed if revert else request.before)
    if not pending and not revert:
        request.status = ChangeStatus.APPLIED


@dataclass(frozen=True)
class DecisionResult:
    change_request_id: int
    status: str
    next_step: int | None
    next_step_kind: str = ""       # the next step's kind and role code ("named": a named approver)
    next_step_role: str = ""


ALLOWED_VERDICTS = {
    StepKind.APPROVE: {Verdict.APPROVED, Verdict.REJECTED},
    StepKind.FILE: {Verdict.FILED},
    StepKind.CONFIRM: {Verdict.CONFIRMED, Verdict.REJECTED},
}


def decide(session: Session, actor: Actor, change_request_id: int, verdict: Verdict, comment: str,
           expected_step: int, *, channel: str = "app") -> DecisionResult:
    """Record one approver's decision on the step they saw (`expected_step`). If someone decided it
    first, raise AlreadyDecided and change nothing. `channel` "email": given by a reply to the
    approval mail (mail_approval), shown as such on the timeline and in the archive."""
    request = session.get(ChangeRequest, change_request_id)
    if request is None:
        raise NotFound("change request", entity="change_request")
    if request.status != ChangeStatus.PENDING or request.current_step != expected_step:
        raise AlreadyDecided("decided", status=request.status.value)
    interview, department_id, candidate_id = _interview_context(session, request.interview_id)
    chain = session.get(ApprovalChain, request.chain_id)
    step = _step(chain, request.current_step)
    now = session.info["clock"].now()
    who = chains.standing(session, actor, step, department_id, now, request.step_due_at)
    if not who.allowed:
        raise PermissionDenied("not an approver of this step", action="approval.decide")
    if verdict not in ALLOWED_VERDICTS[step.kind]:
        raise ValidationFailed({"verdict": "not_for_step"})
    if verdict == Verdict.REJECTED and not comment.strip():
        raise ValidationFailed({"comment": "required"})
    decision = Decision(change_request_id=request.id, step_position=step.position, approver_id=actor.user_id,
                        approver_role=who.role, acting_for_id=who.acting_for, verdict=verdict,
                        comment=comment.strip(), decided_at=now, change_sha256=change_hash(request), channel=channel)
    session.add(decision)
    by_mail = channel == "email"
    if not by_mail:   # a reply to the approval mail is not signed: the approver's key never saw it
        session.flush()
        signing.sign(session, actor.user_id, SIGNED_SUBJECT, decision.id, decision.change_sha256, verdict.value,
                     decision.comment, now)
    request.decided_at = now  # bumps the version: a concurrent decision on this request fails
    if verdict == Verdict.REJECTED:
        request.status = ChangeStatus.REJECTED
        if request.applied_early:
            try:
                with session.begin_nested():
                    _apply(session, request, interview, candidate_id, actor, revert=True)
            except ConflictsFound as clash:
                # The old time was given away meanwhile: the rejection stands, the interview stays at
                # the new time, and HR is told to sort it out with the people concerned.
                session.refresh(interview)
                if interview.status == InterviewStatus.PENDING_APPROVAL:
                    interview.status = InterviewStatus.SCHEDULED
                session.add(Alert(dedupe_key=f"revert:{request.id}", kind="revert_impossible",
                                  interview_id=interview.id, change_request_id=request.id,
                                  user_id=interview.hr_owner_id or request.requested_by_id,
                                  detail={"conflicts": [c.kind.value for c in clash.conflicts]}, raised_at=now))
        timeline.add(session, interview, timeline.Event.CHANGE_REJECTED, actor, change_request_id=request.id,
                     step=step.position, step_kind=step.kind.value, step_role=who.role, comment=comment.strip(),
                     by_mail=by_mail)
        if request.requested_by_id:
            _notify(session, {request.requested_by_id}, interview.id, "面试变更申请被驳回",
                    f"变更申请 #{request.id} 被 {actor.label} 驳回：{comment.strip()}")
        _tell_requester(session, request, actor, "rejected", comment.strip())
        session.flush()
        return DecisionResult(request.id, request.status.value, None)
    timeline.add(session, interview, timeline.Event.CHANGE_STEP, actor, change_request_id=request.id,
                 step=step.position, step_kind=step.kind.value, step_role=who.role, verdict=verdict.value,
                 comment=comment.strip(), acting_for=who.acting_for, by_mail=by_mail)
    later = [s for s in chain.steps if s.position > step.position]
    if later:
        _enter_step(session, request, chain, later[0].position, department_id)
        session.flush()
        return DecisionResult(request.id, request.status.value, later[0].position, later[0].kind.value,
                              later[0].role.value if later[0].role else "named")
    request.status = ChangeStatus.APPROVED
    request.step_due_at = None
    timeline.add(session, interview, timeline.Event.CHANGE_APPROVED, actor, change_request_id=request.id)
    if request.applied_early:
        if interview.status == InterviewStatus.PENDING_APPROVAL:
            # the candidate may have confirmed the new time while it awaited approval
            interview.status = (InterviewStatus.CONFIRMED if attendance.candidate_confirmed(session, interview)
                                else InterviewStatus.SCHEDULED)
        request.status = ChangeStatus.APPLIED
    else:
        _apply(session, request, interview, candidate_id, actor)
    if request.requested_by_id:
        _notify(session, {request.requested_by_id}, interview.id, "面试变更已批准",
                f"变更申请 #{request.id} 已完成审批并生效")
    _tell_requester(session, request, actor, "approved", comment.strip())
    session.flush()
    return DecisionResult(request.id, request.status.value, None)
