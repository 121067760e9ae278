"""Deciding an approval step by replying to the approval mail (邮件审批), for approvers away from
the HR computer. Off unless the institution turns it on (setting `approval.decide_by_mail`).

When a step opens, each of its approvers who gets the approval request by e-mail receives a
one-time code in that mail: random, bound to this request, this step and this approver, valid while
the step is open, used at most once; only its SHA-256 is stored. The approver answers the mail with
"同意" or "不同意" on the first line (an optional comment after it, or on the following lines) and
the code anywhere in the reply (the quoted mail carries it). The reply is read by the reply
mailbox's poll (integrations/mail/replies.py), which hands it to `decide_by_mail`.

A reply from an address other than the approver's registered one, with an unknown or used code, for
a step already decided, or without a clear 同意 / 不同意 is refused: nothing is decided, and the
refusal lands on the interview's timeline for HR to see."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.accounts import actor_for_user
from desktop.core.errors import DeskError
from desktop.core.model import (
    ApprovalChain, ApprovalMailCode, ChangeRequest, ChangeStatus, StepKind, TimelineEvent, User, Verdict,
)
from desktop.core.notifications import routing
from desktop.core.scheduling import timeline
from desktop.core.validation import mask_email

SETTING = "approval.decide_by_mail"
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"     # no 0/O, 1/I: read off a phone and typed again
CODE = re.compile(r"(?<![A-Za-z0-9])([A-HJ-NP-Za-hj-np-z2-9]{4})-([A-HJ-NP-Za-hj-np-z2-9]{4})(?![A-Za-z0-9])")
AGREE = ("同意", "批准", "agree", "approve", "approved", "yes")
DISAGREE = ("不同意", "驳回", "disagree", "reject", "rejected", "no")
_SEPARATORS = " \t:：,，.。;；!！-—"


def enabled(session: Session) -> bool:
    return bool(settings.institution_value(session, SETTING))


def _digest(code: str) -> str:
    return hashlib.sha256(code.upper().replace("-", "").encode("ascii")).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


def issue(session: Session, request: ChangeRequest, step_position: int, approver_ids: set[int]) -> dict[int, str]:
    """One code per approver who will get the approval request by e-mail, when decisions by mail are
    on. Returns {user id: code} for their mails; only the codes' hashes are stored."""
    if not approver_ids or not enabled(session) or "email" not in routing.channels(
            session, routing.APPROVER, "approval_request"):
        return {}
    with_mail = session.scalars(select(User.id).where(User.id.in_(approver_ids), User.is_active,
                                                      User.email.is_not(None), User.email != "")).all()
    now = session.info["clock"].now()
    codes: dict[int, str] = {}
    for user_id in sorted(with_mail):
        code = _new_code()
        session.add(ApprovalMailCode(change_request_id=request.id, step_position=step_position, approver_id=user_id,
                                     code_sha256=_digest(code), created_at=now))
        codes[user_id] = code
    return codes


def codes_in(text: str) -> list[str]:
    return list(dict.fromkeys(f"{a}-{b}".upper() for a, b in CODE.findall(text)))


def verdict_of(text: str) -> tuple[str | None, str]:
    """("agree" | "disagree" | None, comment) from the approver's own words (quoted mail removed):
    the first line begins with the answer; the rest of that line and the lines after are the comment."""
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return None, ""
    first = lines[0]
    for answer, words in (("disagree", DISAGREE), ("agree", AGREE)):   # 不同意 contains 同意: test it first
        for word in words:
            if first.casefold().startswith(word.casefold()):
                rest = first[len(word):]
                if rest and word.isascii() and rest[0].isalnum():
                    continue          # "yesterday" is not "yes"
                kept = [rest] + [line for line in lines[1:] if not CODE.search(line)]
                return answer, "\n".join(kept).lstrip(_SEPARATORS + "\n").rstrip()
    return None, ""


@dataclass(frozen=True)
class MailReply:
    sender: str                 # the From address
    text: str                   # the approver's own words (the quoted mail removed)
    codes: tuple[str, ...]      # every code found in the whole message, the quoted mail included
    message_id: str
    automatic: bool = False     # an out-of-office or other automatic reply: never decides
    interview_id: int | None = None   # the interview of the approval mail it answers, when known


@dataclass(frozen=True)
class MailOutcome:
    decided: bool
    interview_id: int | None
    reason: str = ""            # why it was refused (see REFUSALS), "" when decided
    repeated: bool = False      # this message was handled before


REFUSALS = ("disabled", "automatic", "unknown_code", "wrong_sender", "used_code", "step_decided", "no_verdict",
            "not_for_step", "comment_required", "not_allowed")
_MAIL_EVENTS = (timeline.Event.MAIL_DECISION_REFUSED, timeline.Event.CHANGE_STEP, timeline.Event.CHANGE_REJECTED)


def _refuse(session: Session, interview_id: int, reply: MailReply, reason: str, request_id: int | None = None,
            step: int | None = None) -> MailOutcome:
    timeline.add(session, interview_id, timeline.Event.MAIL_DECISION_REFUSED, None, reason=reason,
                 sender=mask_email(reply.sender), change_request_id=request_id, step=step,
                 message_id=reply.message_id, text=reply.text[:200])
    session.flush()
    return MailOutcome(False, interview_id, reason)


def decide_by_mail(session: Session, reply: MailReply) -> MailOutcome | None:
    """Apply or refuse one reply to an approval mail. None when the reply is about nothing we know
    (no known code and no approval mail it answers): it is left for a person to read."""
    from desktop.core.scheduling import changes   # changes issues the codes: imported here, not at the top

    rows = session.execute(select(ApprovalMailCode, ChangeRequest).join(
        ChangeRequest, ChangeRequest.id == ApprovalMailCode.change_request_id).where(
        ApprovalMailCode.code_sha256.in_([_digest(c) for c in reply.codes]))).all() if reply.codes else []
    # a reply quoting several approval mails: the code of the mail it answers wins, else the newest
    rows.sort(key=lambda r: (r[1].interview_id != reply.interview_id, -r[0].id))
    interview_id = rows[0][1].interview_id if rows else reply.interview_id
    if interview_id is None:
        return None
    if timeline.has_message(session, interview_id, reply.message_id, _MAIL_EVENTS):
        return MailOutcome(False, interview_id, repeated=True)
    if not enabled(session):
        return _refuse(session, interview_id, reply, "disabled")
    if reply.automatic:
        return _refuse(session, interview_id, reply, "automatic")
    if not rows:
        return _refuse(session, interview_id, reply, "unknown_code")
    code, request = rows[0]
    approver = session.get(User, code.approver_id)
    if approver is None or not approver.email or approver.email.strip().casefold() != reply.sender.strip().casefold():
        return _refuse(session, interview_id, reply, "wrong_sender", request.id, code.step_position)
    if code.used_at is not None:
        return _refuse(session, interview_id, reply, "used_code", request.id, code.step_position)
    if request.status != ChangeStatus.PENDING or request.current_step != code.step_position:
        return _refuse(session, interview_id, reply, "step_decided", request.id, code.step_position)
    answer, comment = verdict_of(reply.text)
    if answer is None:
        return _refuse(session, interview_id, reply, "no_verdict", request.id, code.step_position)
    chain = session.get(ApprovalChain, request.chain_id)
    step = next(s for s in chain.steps if s.position == code.step_position)
    if answer == "disagree":
        if step.kind == StepKind.FILE:
            return _refuse(session, interview_id, reply, "not_for_step", request.id, code.step_position)
        if not comment:
            return _refuse(session, interview_id, reply, "comment_required", request.id, code.step_position)
        verdict = Verdict.REJECTED
    else:
        verdict = {StepKind.APPROVE: Verdict.APPROVED, StepKind.FILE: Verdict.FILED,
                   StepKind.CONFIRM: Verdict.CONFIRMED}[step.kind]
    try:
        with session.begin_nested():
            changes.decide(session, actor_for_user(session, approver.id), request.id, verdict, comment,
                           code.step_position, channel="email")
    except DeskError:   # the approver lost the right to decide meanwhile (role, account), or a clash on apply
        session.expire_all()
        return _refuse(session, interview_id, reply, "not_allowed", request.id, code.step_position)
    code.used_at = session.info["clock"].now()
    _mark_message(session, interview_id, reply.message_id)
    session.flush()
    return MailOutcome(True, interview_id)


def _mark_message(session: Session, interview_id: int, message_id: str) -> None:
    """Put the message's id on the decision's timeline entry, so a message read twice is noticed."""
    entry = session.scalar(select(TimelineEvent).where(
        TimelineEvent.interview_id == interview_id,
        TimelineEvent.kind.in_([k.value for k in _MAIL_EVENTS[1:]])).order_by(TimelineEvent.id.desc()).limit(1))
    if entry is not None:
        entry.detail = dict(entry.detail or {}) | {"message_id": message_id}

