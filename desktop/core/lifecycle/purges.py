"""Purge requests: two people remove the personal data of records past retention (issue 13 §4).

HR proposes (提议清除) a purge of people from the due list, with a reason; the request goes through
the approval chain named for purges (change kind "purge", desktop/core/scheduling/chains.py) or,
without one, the default chain: one 审批 step by 人事处. The proposer can decide no step of their
own request: a purge always takes two people. Each decision is a PurgeDecision, signed with the
approver's key over the request's content hash (desktop/core/signing.py). After the last approval
the purge runs in the same transaction (desktop/core/lifecycle/erase.py) and the request is "done";
a person who came back meanwhile (a new application, a renewed consent) is skipped, not purged.

Two desktops deciding the same step: the request is Versioned, so the second decision finds it
decided (or loses the race on its version) and gets AlreadyDecided; nothing runs twice.

API: propose(session, actor, record_class, candidate_ids, reason) -> int; decide(session, actor,
request_id, approve, comment, expected_version) -> Decided; withdraw(...); pending_for(session, actor)
-> [PurgeRow]; requests(session, actor) -> [PurgeRow]; view(session, actor, request_id) -> PurgeView.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from desktop.core import signing
from desktop.core.errors import AlreadyDecided, InvalidState, NotFound, PermissionDenied, SecondPersonRequired, ValidationFailed
from desktop.core.lifecycle import maintenance, retention
from desktop.core.lifecycle.erase import erase_candidate
from desktop.core.model import (
    ApprovalChain, ApprovalStep, Candidate, ChangeKind, Notice, PurgeDecision, PurgeRequest, PurgeTombstone, Role,
    StepKind, User,
)
from desktop.core.permissions import Action, require, visible_departments
from desktop.core.scheduling import chains
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text

PENDING, APPROVED, REJECTED, DONE, WITHDRAWN = "pending", "approved", "rejected", "done", "withdrawn"
REASON_MAX = 500
MAX_PEOPLE = 5000
PROPOSABLE = retention.PERSON_CLASSES + (maintenance.STALE,)
# notices are stored in the office's language, as every notice is (desktop/core/scheduling/effects.py)
NOTICE_CLASSES = {"hired": "已录用", "not_hired": "未录用", "withdrawn": "本人放弃", "talent_pool": "人才库",
                  "stale": "数据维护"}
VERDICTS = {StepKind.APPROVE: "approved", StepKind.FILE: "filed", StepKind.CONFIRM: "confirmed"}


@dataclass(frozen=True)
class PurgeRow:
    id: int
    version: int
    record_class: str
    people: int
    reason: str
    status: str
    proposed_by: str
    proposed_at: datetime
    step: int                 # the step awaiting a decision (0: none)
    step_role: str            # its role code ("named": a named approver)
    executed_at: datetime | None


@dataclass(frozen=True)
class DecisionRow:
    step: int
    approver: str
    role: str
    verdict: str
    comment: str
    decided_at: datetime
    signature: str            # "valid", "invalid", "unsigned"


@dataclass(frozen=True)
class PurgeView:
    row: PurgeRow
    people: tuple[tuple[int, str], ...]     # (candidate id, name or the purged label)
    decisions: tuple[DecisionRow, ...]
    purged: int                              # tombstones written by this request


@dataclass(frozen=True)
class Decided:
    status: str
    purged: tuple[int, ...] = ()
    skipped: tuple[int, ...] = ()            # back in retention when the purge ran


def _now(session: Session) -> datetime:
    return session.info["clock"].now()


def default_chain() -> ApprovalChain:
    """Without a chain named for purges: 人事处 approves (one step), never saved."""
    chain = ApprovalChain(name="默认清除审批", change_kind=ChangeKind.PURGE, is_active=True)
    chain.steps = [ApprovalStep(position=1, kind=StepKind.APPROVE, role=Role.PERSONNEL_OFFICE)]
    return chain


def purge_chain(session: Session) -> ApprovalChain:
    found = chains.chain_for(session, None, ChangeKind.PURGE)
    if found is not None and found.change_kind == ChangeKind.PURGE and found.steps:
        return found
    return default_chain()


def _chain_of(session: Session, request: PurgeRequest) -> ApprovalChain:
    chain = session.get(ApprovalChain, request.chain_id) if request.chain_id is not None else None
    return chain if chain is not None and chain.steps else default_chain()


def _step(chain: ApprovalChain, position: int) -> ApprovalStep | None:
    return next((s for s in chain.steps if s.position == position), None)


def content_hash(record_class: str, candidate_ids: list[int], reason: str, proposed_by_id: int | None,
                 proposed_at: datetime) -> str:
    """What the approvers sign: the class, the people, the reason, who proposed it and when."""
    text = json.dumps({"record_class": record_class, "candidate_ids": sorted(candidate_ids), "reason": reason,
                       "proposed_by": proposed_by_id, "proposed_at": proposed_at.isoformat()},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def propose(session: Session, actor: Actor, record_class: str, candidate_ids: list[int], reason: str) -> int:
    """HR proposes to purge people whose retention has ended. Refused (nothing written): no reason,
    nobody chosen, an unknown class, or a person still within retention or already purged (named)."""
    text = clean_text(reason)
    problems: dict[str, str] = {}
    if record_class not in PROPOSABLE:
        problems["record_class"] = "choice"
    if not text:
        problems["reason"] = "required"
    elif len(text) > REASON_MAX:
        problems["reason"] = "too_long"
    ids = sorted(set(candidate_ids))
    if not ids:
        problems["candidates"] = "required"
    elif len(ids) > MAX_PEOPLE:
        problems["candidates"] = "too_many"
    if problems:
        raise ValidationFailed(problems)
    for department in set(session.scalars(select(Candidate.department_id).where(Candidate.id.in_(ids)))):
        require(session, actor, Action.CANDIDATE_DELETE, department)
    today = _now(session).date()
    purged = session.scalars(select(Candidate.id).where(Candidate.id.in_(ids), Candidate.purged_at.is_not(None))).all()
    if purged:
        raise InvalidState("already purged", status="purged", count=len(purged))
    kept = [cid for cid in ids if not _still_due(session, record_class, cid, today)]
    if kept:
        raise InvalidState("not due", status="not_stale" if record_class == maintenance.STALE else "in_retention",
                           count=len(kept))
    chain = purge_chain(session)
    now = _now(session)
    request = PurgeRequest(record_class=record_class, candidate_ids=ids, reason=text, status=PENDING,
                           proposed_by_id=actor.user_id, proposed_at=now, chain_id=chain.id,
                           content_sha256=content_hash(record_class, ids, text, actor.user_id, now))
    session.add(request)
    _enter_step(session, request, chain, chain.steps[0].position)
    session.flush()
    _tell_approvers(session, request, chain)
    return request.id


def _tell_approvers(session: Session, request: PurgeRequest, chain: ApprovalChain) -> None:
    """An in-app notice to everyone who may decide the step now waiting (never the proposer)."""
    step = _step(chain, request.current_step)
    if step is None:
        return
    for user_id in sorted(chains.step_approvers(session, step, None) - {request.proposed_by_id}):
        session.add(Notice(user_id=user_id, title="个人信息清除待审批",
                           body=f"清除申请 #{request.id}：{NOTICE_CLASSES.get(request.record_class, '')} "
                                f"{len(request.candidate_ids)} 人",
                           created_at=_now(session)))


def _enter_step(session: Session, request: PurgeRequest, chain: ApprovalChain, position: int) -> None:
    from datetime import timedelta

    step = _step(chain, position)
    request.current_step = position
    request.step_due_at = (_now(session) + timedelta(minutes=step.deadline_minutes)
                           if step is not None and step.deadline_minutes else None)


def _load(session: Session, request_id: int) -> PurgeRequest:
    request = session.get(PurgeRequest, request_id)
    if request is None:
        raise NotFound("purge request", entity="purge_request")
    return request


def decide(session: Session, actor: Actor, request_id: int, approve: bool, comment: str = "",
           expected_version: int | None = None) -> Decided:
    """One approver's decision on the step they saw (`expected_version`: the request as they saw
    it). The last approval runs the purge in this transaction."""
    request = _load(session, request_id)
    if request.status != PENDING or (expected_version is not None and request.version != expected_version):
        raise AlreadyDecided("decided", status=request.status)
    if actor.user_id is not None and actor.user_id == request.proposed_by_id:
        raise SecondPersonRequired("own purge request")
    chain = _chain_of(session, request)
    step = _step(chain, request.current_step)
    now = _now(session)
    who = chains.standing(session, actor, step, None, now, request.step_due_at)
    if not who.allowed:
        raise PermissionDenied("not an approver of this step", action="approval.decide")
    text = clean_text(comment)
    if not approve and step.kind != StepKind.APPROVE:
        raise ValidationFailed({"verdict": "not_for_step"})
    if not approve and not text:
        raise ValidationFailed({"comment": "required"})
    if len(text) > REASON_MAX:
        raise ValidationFailed({"comment": "too_long"})
    verdict = VERDICTS[step.kind] if approve else "rejected"
    position = step.position
    following = [s.position for s in chain.steps if s.position > position]
    # Claim the step first: a second desktop deciding it meanwhile loses here, before anything else.
    if not approve:
        request.status, request.current_step, request.step_due_at, request.decided_at = REJECTED, 0, None, now
    elif following:
        _enter_step(session, request, chain, following[0])
    else:
        request.status, request.current_step, request.step_due_at, request.decided_at = APPROVED, 0, None, now
    try:
        session.flush()
    except StaleDataError:
        raise AlreadyDecided("decided concurrently", status=PENDING) from None
    decision = PurgeDecision(purge_request_id=request.id, step_position=position, approver_id=actor.user_id,
                             approver_role=who.role, verdict=verdict, comment=text, decided_at=now)
    session.add(decision)
    session.flush()
    signing.sign(session, actor.user_id, "purge_step", decision.id, request.content_sha256, verdict, text, now)
    session.flush()
    if request.status == PENDING:
        _tell_approvers(session, request, chain)
    if request.status != APPROVED:
        return Decided(request.status)
    return _execute(session, actor, request)


def _still_due(session: Session, record_class: str, candidate_id: int, today: date) -> bool:
    """Whether the person may go now: past retention, or (class "stale") still under the
    maintenance rule. The stale set is computed once per unit of work."""
    if record_class != maintenance.STALE:
        return not retention.retention_of(session, candidate_id, today).in_retention
    cached = session.info.get("_stale_ids")
    if cached is None:
        cached = session.info["_stale_ids"] = maintenance.stale_ids(session, today)
    return candidate_id in cached


def _execute(session: Session, actor: Actor, request: PurgeRequest) -> Decided:
    now = _now(session)
    today = now.date()
    purged, skipped = [], []
    request_id, record_class, reason = request.id, request.record_class, request.reason
    for cid in list(request.candidate_ids):
        candidate = session.get(Candidate, cid)
        if candidate is None or candidate.purged_at is not None:
            skipped.append(cid)
            continue
        if not _still_due(session, record_class, cid, today):
            skipped.append(cid)
            continue
        erase_candidate(session, actor, cid, record_class=record_class, purge_request_id=request_id, reason=reason)
        purged.append(cid)
    request = session.get(PurgeRequest, request_id)
    request.status, request.executed_at = DONE, now
    session.flush()
    return Decided(DONE, tuple(purged), tuple(skipped))


def withdraw(session: Session, actor: Actor, request_id: int, expected_version: int | None = None) -> None:
    """The proposer (or another HR officer) takes back a request nobody has finished deciding."""
    request = _load(session, request_id)
    if actor.user_id != request.proposed_by_id:
        for department in set(session.scalars(select(Candidate.department_id)
                                              .where(Candidate.id.in_(request.candidate_ids)))):
            require(session, actor, Action.CANDIDATE_DELETE, department)
    if request.status != PENDING or (expected_version is not None and request.version != expected_version):
        raise AlreadyDecided("decided", status=request.status)
    request.status, request.current_step, request.step_due_at, request.decided_at = WITHDRAWN, 0, None, _now(session)
    try:
        session.flush()
    except StaleDataError:
        raise AlreadyDecided("decided concurrently", status=PENDING) from None


def _names(session: Session, ids: set[int | None]) -> dict[int, str]:
    ids = {i for i in ids if i is not None}
    query = select(User.id, User.display_name).where(User.id.in_(ids))
    return {user_id: name for user_id, name in session.execute(query)} if ids else {}


def _rows(session: Session, requests: list[PurgeRequest]) -> list[PurgeRow]:
    names = _names(session, {r.proposed_by_id for r in requests})
    rows = []
    for r in requests:
        step = _step(_chain_of(session, r), r.current_step) if r.status == PENDING else None
        role = (step.role.value if step.role else "named") if step is not None else ""
        rows.append(PurgeRow(r.id, r.version, r.record_class, len(r.candidate_ids), r.reason, r.status,
                             names.get(r.proposed_by_id, ""), r.proposed_at, r.current_step if step else 0, role,
                             r.executed_at))
    return rows


def pending_for(session: Session, actor: Actor) -> list[PurgeRow]:
    """The purge requests whose current step this actor may decide (never their own)."""
    now = _now(session)
    found = []
    for request in session.scalars(select(PurgeRequest).where(PurgeRequest.status == PENDING)
                                   .order_by(PurgeRequest.proposed_at)):
        if request.proposed_by_id == actor.user_id:
            continue
        step = _step(_chain_of(session, request), request.current_step)
        if step is not None and chains.standing(session, actor, step, None, now, request.step_due_at).allowed:
            found.append(request)
    return _rows(session, found)


def requests(session: Session, actor: Actor, limit: int = 200) -> list[PurgeRow]:
    """The latest purge requests, newest first (the Retention tab's history)."""
    visible_departments(session, actor, Action.ARCHIVE_VIEW)      # refuses a role without the archive
    found = session.scalars(select(PurgeRequest).order_by(PurgeRequest.proposed_at.desc(), PurgeRequest.id.desc())
                            .limit(limit)).all()
    return _rows(session, list(found))


def view(session: Session, actor: Actor, request_id: int) -> PurgeView:
    request = _load(session, request_id)
    if request.proposed_by_id != actor.user_id and not pending_allowed(session, actor, request):
        visible_departments(session, actor, Action.ARCHIVE_VIEW)
    row = _rows(session, [request])[0]
    people = {cid: name for cid, name in session.execute(select(Candidate.id, Candidate.name)
                                                             .where(Candidate.id.in_(request.candidate_ids)))}
    decisions = session.scalars(select(PurgeDecision).where(PurgeDecision.purge_request_id == request.id)
                                .order_by(PurgeDecision.id)).all()
    names = _names(session, {d.approver_id for d in decisions})
    shown = tuple(DecisionRow(d.step_position, names.get(d.approver_id, ""), d.approver_role, d.verdict, d.comment,
                              d.decided_at, signing.check(session, "purge_step", d.id, request.content_sha256,
                                                          d.verdict, d.comment).state)
                  for d in decisions)
    purged = len(session.scalars(select(PurgeTombstone.id).where(PurgeTombstone.purge_request_id == request.id)).all())
    return PurgeView(row, tuple((cid, people.get(cid, "")) for cid in request.candidate_ids), shown, purged)


def pending_allowed(session: Session, actor: Actor, request: PurgeRequest) -> bool:
    if request.status != PENDING:
        return False
    step = _step(_chain_of(session, request), request.current_step)
    return step is not None and chains.standing(session, actor, step, None, _now(session), request.step_due_at).allowed


def due_today(session: Session, actor: Actor, today: date | None = None) -> list[retention.DueGroup]:
    """The due list: people of the departments whose archive the actor sees, past retention and not
    already in a pending request (proposing needs the right to delete them, checked in propose)."""
    visible = visible_departments(session, actor, Action.ARCHIVE_VIEW)
    today = today or _now(session).date()
    waiting = {cid for ids in session.scalars(select(PurgeRequest.candidate_ids).where(PurgeRequest.status == PENDING))
               for cid in ids}
    groups = []
    for group in retention.due(session, today):
        items = tuple(i for i in group.items if i.candidate_id not in waiting
                      and (visible is None or i.department_id in visible))
        if items:
            groups.append(retention.DueGroup(group.record_class, group.policy, items))
    return groups
