"""Offers (录用通知, issue 12 §3): HR drafts an offer for an application (salary structure, start
date, probation, work place, reply deadline), it goes through the approval chain named for offers
(desktop.core.scheduling.chains: steps with roles, delegation, escalation to the deputy after a
step's deadline), and the candidate's answer is recorded: accepted, declined, or too late.

Headcount: accepted offers of a position never exceed its headcount; accepting one more is refused
with how many places are over. An answer after the reply deadline is refused (the offer expires).
Every state is an application event ("offer_*"), so a dispute can be settled from the record.

The application follows the answer in the same transaction: accepted -> 已录用 (HIRED, closed);
declined by the candidate -> 已放弃 (WITHDRAWN, closed), each with a "stage_changed" event. An offer
that expired or that HR withdrew leaves the application where it was: both usually lead to a new
offer (a candidate who answers late and still wants the post, an offer corrected and sent again).

API: create(session, actor, OfferInput) -> int; submit(session, actor, offer_id, expected_version);
decide(session, actor, offer_id, approve, comment, expected_version) -> OfferStatus;
record_answer(session, actor, offer_id, accepted, note, expected_version); withdraw(session, actor,
offer_id, reason, expected_version); expire_due(session) -> list[int]; view(session, actor, offer_id)."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.core import signing
from desktop.core.errors import InvalidState, NotFound, PermissionDenied, StaleWrite, ValidationFailed
from desktop.core.model import (
    Application, ApplicationEvent, ApplicationStage, ApprovalChain, ApprovalStep, Candidate, ChangeKind, Interview,
    Offer, OfferStatus, Position, User,
)
from desktop.core.model.base import time_param
from desktop.core.notifications import routing
from desktop.core.permissions import Action, require
from desktop.core.scheduling import alerts, chains, changes
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text

OFFICE_TZ = ZoneInfo("Asia/Shanghai")
# A reply's first line is an answer when, politeness aside, it says exactly one of these; anything
# else ("接受不了", "无法接受", "不拒绝", "接受，但希望推迟报到", a question) is not taken as an answer.
ACCEPT_WORDS = frozenset({"接受", "我接受", "接受录用", "我接受录用", "同意", "我同意", "同意录用", "我同意录用",
                          "愿意接受", "我愿意接受", "确认接受", "accept", "i accept", "accepted", "yes"})
DECLINE_WORDS = frozenset({"拒绝", "我拒绝", "不接受", "我不接受", "谢绝", "婉拒", "放弃", "我放弃", "放弃录用",
                           "decline", "i decline", "no"})
POLITE_WORDS = frozenset({"谢谢", "谢谢您", "谢谢你", "谢谢你们", "谢谢贵单位", "感谢", "非常感谢", "多谢", "十分感谢",
                          "好的", "好", "您好", "你好", "thanks", "thank you", "many thanks", "ok", "hello"})
ANSWER_HINT = re.compile(r"接受|拒绝|录用|放弃|accept|decline|offer", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,，。.!！~～、;；:：…]+|\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
REMIND_BEFORE = timedelta(hours=24)
OPEN = (OfferStatus.DRAFT, OfferStatus.PENDING_APPROVAL, OfferStatus.SENT)
LABEL_MAX, AMOUNT_MAX, NOTE_MAX, PLACE_MAX = 40, 40, 200, 200
SIGNED_SUBJECT = "offer_step"      # signatures.subject of an offer's approval steps (application_events.id)


@dataclass(frozen=True)
class PayLine:
    label: str          # 岗位工资 / 薪级工资 / 绩效工资, or 基本工资 / 奖金
    amount: str         # as the letter shows it: "3,200 元/月"
    note: str = ""


@dataclass(frozen=True)
class OfferInput:
    application_id: int
    pay: tuple[PayLine, ...]
    start_date: date | None
    probation_months: int
    work_place: str
    reply_by: datetime | None          # aware
    grade: str = ""
    template_id: int | None = None     # the offer template it was filled from (offer_templates)


@dataclass(frozen=True)
class OfferStep:
    """One decided step of an offer's approval, with how its signature stands."""
    event_id: int
    step: int
    step_kind: str
    role: str
    verdict: str
    comment: str
    at: datetime
    approver: str
    signature: signing.SignatureCheck
    signer: str = ""


@dataclass(frozen=True)
class OfferView:
    id: int
    version: int
    application_id: int
    status: str
    pay: tuple[PayLine, ...]
    start_date: date | None
    probation_months: int
    work_place: str
    reply_by: datetime | None
    current_step: int
    step_due_at: datetime | None
    answer_note: str
    grade: str = ""
    template_id: int | None = None
    template_name: str = ""


def _now(session: Session) -> datetime:
    return session.info["clock"].now()


def _event(session: Session, actor: Actor | None, offer: Offer, kind: str, **detail: Any) -> ApplicationEvent:
    """actor None: the system (a reply read from the mailbox, the minute job)."""
    event = ApplicationEvent(application_id=offer.application_id, at=_now(session), kind=kind,
                             actor_id=actor.user_id if actor else None, actor_label=actor.label if actor else "系统",
                             detail={"offer_id": offer.id} | detail)
    session.add(event)
    return event


def _department(session: Session, application_id: int) -> int | None:
    return session.scalar(select(Position.department_id).join(Application, Application.position_id == Position.id)
                          .where(Application.id == application_id))


def _load(session: Session, offer_id: int, expected_version: int | None) -> Offer:
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFound("offer", entity="offer")
    if expected_version is not None and offer.version != expected_version:
        raise StaleWrite("offer changed", entity="offer")
    return offer


def _validate(session: Session, data: OfferInput) -> dict[str, Any]:
    problems: dict[str, str] = {}
    if session.get(Application, data.application_id) is None:
        raise NotFound("application", entity="application")
    if not data.pay:
        problems["pay"] = "required"
    for i, line in enumerate(data.pay, start=1):
        if not line.label.strip():
            problems[f"pay{i}"] = "required"
        elif not line.amount.strip():
            problems[f"pay{i}"] = "amount_open"        # the template left it for HR
        elif len(line.label.strip()) > LABEL_MAX or len(line.amount.strip()) > AMOUNT_MAX or len(line.note) > NOTE_MAX:
            problems[f"pay{i}"] = "too_long"
    if data.start_date is None:
        problems["start_date"] = "required"
    if not 0 <= data.probation_months <= 6:          # 劳动合同法 第十九条: at most six months
        problems["probation_months"] = "range"
    place = clean_text(data.work_place)
    if not place:
        problems["work_place"] = "required"
    elif len(place) > PLACE_MAX:
        problems["work_place"] = "too_long"
    if data.reply_by is None or data.reply_by.tzinfo is None:
        problems["reply_by"] = "required"
    elif data.reply_by <= _now(session):
        problems["reply_by"] = "past"
    elif data.start_date is not None and data.reply_by.date() > data.start_date:
        problems["reply_by"] = "after_start"
    if problems:
        raise ValidationFailed(problems)
    return {"place": place}


def _apply_template(session: Session, offer: Offer, template_id: int | None) -> None:
    """The template the offer was filled from, and its letter text as it is now: a later change of
    the template does not change the letter of an offer made from it."""
    if template_id is None or template_id == offer.template_id:
        return
    from desktop.core import offer_templates      # it fills OfferInputs: imported here, not at the top

    row = offer_templates.resolve(session, template_id)
    offer.template_id, offer.template_name, offer.body = row.id, row.name, row.body


def create(session: Session, actor: Actor, data: OfferInput) -> int:
    """A draft offer; an application has at most one open offer."""
    clean = _validate(session, data)
    require(session, actor, Action.CANDIDATE_EDIT, _department(session, data.application_id))
    if session.scalar(select(Offer.id).where(Offer.application_id == data.application_id, Offer.status.in_(OPEN))):
        raise InvalidState("open offer exists", status="offer_open")
    offer = Offer(application_id=data.application_id, grade=data.grade.strip()[:50],
                  pay=[[p.label.strip(), p.amount.strip(), p.note.strip()] for p in data.pay],
                  salary=" + ".join(p.label.strip() for p in data.pay)[:100], start_date=data.start_date,
                  expires_on=data.reply_by.date(), reply_by=data.reply_by, probation_months=data.probation_months,
                  work_place=clean["place"], status=OfferStatus.DRAFT, created_at=_now(session))
    _apply_template(session, offer, data.template_id)
    session.add(offer)
    session.flush()
    _event(session, actor, offer, "offer_drafted")
    return offer.id


def update(session: Session, actor: Actor, offer_id: int, data: OfferInput, expected_version: int | None = None) -> None:
    """HR edits a draft (a new one, or one an approver returned)."""
    offer = _load(session, offer_id, expected_version)
    if data.application_id != offer.application_id:
        raise ValidationFailed({"application_id": "choice"})
    clean = _validate(session, data)
    require(session, actor, Action.CANDIDATE_EDIT, _department(session, offer.application_id))
    if offer.status != OfferStatus.DRAFT:
        raise InvalidState("not a draft", status=offer.status.value)
    offer.pay = [[p.label.strip(), p.amount.strip(), p.note.strip()] for p in data.pay]
    offer.salary = " + ".join(p.label.strip() for p in data.pay)[:100]
    offer.grade, offer.start_date, offer.probation_months = data.grade.strip()[:50], data.start_date, data.probation_months
    offer.work_place, offer.reply_by, offer.expires_on = clean["place"], data.reply_by, data.reply_by.date()
    _apply_template(session, offer, data.template_id)
    _event(session, actor, offer, "offer_edited")
    session.flush()


def offer_chain(session: Session, department_id: int | None) -> ApprovalChain | None:
    """The chain named for offers (change kind "offer") of the department or its nearest ancestor,
    else institution-wide; chains for every kind of interview change do not govern offers."""
    found = chains.chain_for(session, department_id, ChangeKind.OFFER)
    return found if found is not None and found.change_kind == ChangeKind.OFFER else None


def _step(chain: ApprovalChain, position: int) -> ApprovalStep | None:
    return next((s for s in chain.steps if s.position == position), None)


def _enter_step(session: Session, offer: Offer, chain: ApprovalChain, position: int) -> None:
    step = _step(chain, position)
    offer.current_step = position
    offer.step_due_at = (_now(session) + timedelta(minutes=step.deadline_minutes)
                         if step is not None and step.deadline_minutes else None)


def submit(session: Session, actor: Actor, offer_id: int, expected_version: int | None = None) -> OfferStatus:
    """Into approval; without a chain for offers the offer is approved at once (recorded so)."""
    offer = _load(session, offer_id, expected_version)
    department = _department(session, offer.application_id)
    require(session, actor, Action.CANDIDATE_EDIT, department)
    if offer.status != OfferStatus.DRAFT:
        raise InvalidState("not a draft", status=offer.status.value)
    open_line = next((line[0] for line in offer.pay if not str(line[1]).strip()), None)
    if open_line is not None:       # an amount the template left open was never filled in
        raise InvalidState("pay amount open", status="pay_amount_open", line=open_line, field="pay")
    _headcount(session, offer, "submit")
    chain = offer_chain(session, department)
    if chain is None or not chain.steps:
        _event(session, actor, offer, "offer_approved", chain=None)
        _send(session, offer)
    else:
        offer.status = OfferStatus.PENDING_APPROVAL
        offer.chain_id = chain.id
        _enter_step(session, offer, chain, chain.steps[0].position)
        _event(session, actor, offer, "offer_submitted", chain=chain.name)
    session.flush()
    return offer.status


def decide(session: Session, actor: Actor, offer_id: int, approve: bool, comment: str = "",
           expected_version: int | None = None) -> OfferStatus:
    """One step of the chain: its approvers, their delegates, or the deputy after the deadline.
    A 备案/确认 step cannot reject; a rejection returns the offer to HR as a draft."""
    offer = _load(session, offer_id, expected_version)
    if offer.status != OfferStatus.PENDING_APPROVAL:
        raise InvalidState("not pending approval", status=offer.status.value)
    chain = session.get(ApprovalChain, offer.chain_id)
    step = _step(chain, offer.current_step)
    department = _department(session, offer.application_id)
    who = chains.standing(session, actor, step, department, _now(session), offer.step_due_at)
    if not who.allowed:
        raise PermissionDenied("not an approver of this step", action="offer.approve")
    text = clean_text(comment)
    if not approve and step.kind.value != "approve":
        raise InvalidState("step cannot reject", status="cannot_reject")
    if not approve and not text:
        raise ValidationFailed({"comment": "required"})
    verdict = {"approve": "approved", "file": "filed", "confirm": "confirmed"}[step.kind.value] if approve else "rejected"
    content = changes.offer_hash(offer)      # what the approver saw, kept with the step and signed
    event = _event(session, actor, offer, "offer_step", step=step.position, step_kind=step.kind.value, role=who.role,
                   acting_for=who.acting_for, verdict=verdict, comment=text[:500], content_sha256=content)
    session.flush()
    signing.sign(session, actor.user_id, SIGNED_SUBJECT, event.id, content, verdict, text[:500], event.at)
    if not approve:
        offer.status, offer.current_step, offer.step_due_at = OfferStatus.DRAFT, 0, None
    else:
        following = [s.position for s in chain.steps if s.position > step.position]
        if following:
            _enter_step(session, offer, chain, following[0])
        else:
            offer.current_step, offer.step_due_at = 0, None
            _event(session, actor, offer, "offer_approved", chain=chain.name)
            _send(session, offer)
    session.flush()
    return offer.status


def step_signature(session: Session, event: ApplicationEvent, current_hash: str | None = None) -> signing.SignatureCheck:
    """How an "offer_step" event's signature stands over the step as recorded (its verdict, comment,
    approver, time and the hash of the offer it decided). `current_hash`: the offer's hash now, for the steps of the
    round in force, whose offer can no longer have changed."""
    detail = event.detail or {}
    stored = str(detail.get("content_sha256", ""))
    found = signing.check(session, SIGNED_SUBJECT, event.id, stored, str(detail.get("verdict", "")),
                          str(detail.get("comment", "")))
    if found.valid and ((current_hash is not None and stored != current_hash) or found.signer_id != event.actor_id
                        or found.signed_at != event.at):
        return replace(found, state="invalid")      # the offer, or who and when, was changed after signing
    return found


def steps_with_signatures(session: Session, offer_id: int) -> list[OfferStep]:
    """The offer's decided approval steps, oldest first, each with its SignatureCheck (for the offer
    section, the approvals page and the dossier)."""
    offer = session.get(Offer, offer_id)
    if offer is None:
        raise NotFound("offer", entity="offer")
    events = [e for e in session.scalars(select(ApplicationEvent).where(
        ApplicationEvent.application_id == offer.application_id,
        ApplicationEvent.kind.in_(("offer_submitted", "offer_step"))).order_by(ApplicationEvent.at, ApplicationEvent.id))
        if (e.detail or {}).get("offer_id") == offer.id]
    in_force = offer.status != OfferStatus.DRAFT    # a draft is being revised: its last round no longer binds it
    last_submit = max((n for n, e in enumerate(events) if e.kind == "offer_submitted"), default=-1)
    current = changes.offer_hash(offer)
    names = dict(session.execute(select(User.id, User.display_name)).all())
    steps = []
    for n, event in enumerate(events):
        if event.kind != "offer_step":
            continue
        d = event.detail or {}
        check = step_signature(session, event, current if in_force and n > last_submit else None)
        steps.append(OfferStep(event.id, int(d.get("step", 0)), str(d.get("step_kind", "")), str(d.get("role", "")),
                               str(d.get("verdict", "")), str(d.get("comment", "")), event.at, event.actor_label,
                               check, names.get(check.signer_id, "") if check.signer_id else ""))
    return steps


def _send(session: Session, offer: Offer) -> None:
    """Approved: the offer notice (with the letter as PDF, desktop/integrations/mail/smtp.py) goes to
    the candidate through the outbox, by e-mail and, when there is a phone number, by text message.
    The mail is filed under the application's latest interview, so a reply finds its way back."""
    if offer.reply_by is None or offer.reply_by <= _now(session):
        raise InvalidState("reply deadline passed", status="reply_by_passed")
    application = session.get(Application, offer.application_id)
    candidate = session.get(Candidate, application.candidate_id)
    position = session.get(Position, application.position_id)
    interview_id = session.scalar(select(Interview.id).where(Interview.application_id == application.id)
                                  .order_by(Interview.starts_at.desc()).limit(1))
    offer.status = OfferStatus.SENT
    offer.sent_at = _now(session)
    payload = {"candidate_id": candidate.id, "candidate_name": candidate.name, "position": position.title,
               "offer_id": offer.id, "reply_by": offer.reply_by.astimezone(OFFICE_TZ).date().isoformat(),
               "report_date": offer.start_date.isoformat()}
    entries = [(f"{channel}:offer{offer.id}:candidate:offer_notice", dict(
        interview_id=interview_id, channel=channel, kind="offer_notice", recipient=address, payload=payload))
        for channel, address in (("email", candidate.email), ("sms", candidate.phone)) if address]
    routing.queue(session, entries)
    _event(session, None, offer, "offer_sent", channels=[c for c, _ in entries])


def answer_word(text: str) -> bool | None:
    """True for 接受, False for 拒绝, None otherwise: the first line, width and case ignored, cut at
    punctuation into clauses; thanks and greetings are left out and exactly one clause must remain
    that is an answer word ("接受！谢谢", "我接受，谢谢", "接受。" accept; "不接受" declines; "接受不了",
    "无法接受", "不拒绝", "接受吗？" and a conditional "接受，但…" are no answer: HR reads them)."""
    line = next((part.strip() for part in text.split("\n") if part.strip()), "")
    plain = unicodedata.normalize("NFKC", line).casefold().strip()
    if not plain or "?" in plain:
        return None
    clauses = [" ".join(c.split()) for c in _CLAUSE_BREAK.split(plain)]
    meant = [c for c in clauses if c and c not in POLITE_WORDS]
    if len(meant) != 1:
        return None
    return True if meant[0] in ACCEPT_WORDS else False if meant[0] in DECLINE_WORDS else None


def mentions_answer(text: str) -> bool:
    """Whether a reply speaks of the offer (接受 / 拒绝 / 录用 ...) without being a clear answer."""
    return bool(ANSWER_HINT.search(unicodedata.normalize("NFKC", text)))


def awaiting_answer(session: Session, candidate_id: int, interview_id: int | None) -> Offer | None:
    """The candidate's offer an answer is about: the one of the answered mail's application (awaiting
    the answer, else expired: a late answer, refused and told so), else the only offer awaiting an
    answer that the candidate has."""
    query = select(Offer).join(Application, Application.id == Offer.application_id).where(
        Application.candidate_id == candidate_id)
    if interview_id is not None:
        application_id = session.scalar(select(Interview.application_id).where(Interview.id == interview_id))
        found = session.scalars(query.where(Offer.application_id == application_id,
                                            Offer.status.in_((OfferStatus.SENT, OfferStatus.EXPIRED)))
                                .order_by(Offer.id.desc())).all()
        found.sort(key=lambda o: o.status != OfferStatus.SENT)       # one awaiting the answer first
        if found:
            return found[0]
    rows = session.scalars(query.where(Offer.status == OfferStatus.SENT)).all()
    return rows[0] if len(rows) == 1 else None


def _headcount(session: Session, offer: Offer, when: str) -> None:
    position = session.scalar(select(Position).join(Application, Application.position_id == Position.id)
                              .where(Application.id == offer.application_id))
    accepted = session.scalar(select(func.count(Offer.id)).join(Application, Application.id == Offer.application_id)
                              .where(Application.position_id == position.id, Offer.status == OfferStatus.ACCEPTED,
                                     Offer.id != offer.id))
    if accepted + 1 > position.headcount:
        raise InvalidState("headcount exceeded", status="headcount_exceeded", headcount=position.headcount,
                           accepted=accepted, over=accepted + 1 - position.headcount, when=when)


def record_answer(session: Session, actor: Actor | None, offer_id: int, accepted: bool, note: str = "",
                  expected_version: int | None = None, channel: str = "phone") -> OfferStatus:
    """The candidate's 接受 / 拒绝: by HR with a note (phone), or from a reply (actor None, channel
    "email"/"sms"). After the reply deadline the answer is refused and the offer expires."""
    offer = _load(session, offer_id, expected_version)
    text = clean_text(note)
    if actor is not None:
        require(session, actor, Action.CANDIDATE_EDIT, _department(session, offer.application_id))
        if channel == "phone" and not text:
            raise ValidationFailed({"note": "required"})
    now = _now(session)
    late = offer.status == OfferStatus.EXPIRED or (
        offer.status == OfferStatus.SENT and offer.reply_by is not None and now > offer.reply_by)
    if late:
        raise InvalidState("reply deadline passed", status="offer_expired",
                           reply_by=offer.reply_by.isoformat() if offer.reply_by else "")
    if offer.status != OfferStatus.SENT:
        raise InvalidState("not awaiting an answer", status=offer.status.value)
    if accepted:
        _headcount(session, offer, "accept")
    offer.status = OfferStatus.ACCEPTED if accepted else OfferStatus.DECLINED
    offer.responded_at = now
    offer.answer_note = text[:1000]
    _event(session, actor, offer, "offer_accepted" if accepted else "offer_declined",
           channel=channel, note=text[:200])
    _application_follows(session, actor, offer, ApplicationStage.HIRED if accepted else ApplicationStage.WITHDRAWN)
    session.flush()
    from desktop.core.archive import dossier     # (PDF rendering: loaded when an application closes, not at start)

    dossier.produce_on_close(session, actor, offer.application_id)   # closed by the answer: its dossier
    return offer.status


def _application_follows(session: Session, actor: Actor | None, offer: Offer, stage: ApplicationStage) -> None:
    """The application moves with the answer (see the module text), with its own timeline entry."""
    application = session.get(Application, offer.application_id)
    if application.stage == stage:
        return
    before = application.stage
    application.stage = stage
    application.closed_at = application.closed_at or _now(session)
    session.add(ApplicationEvent(application_id=application.id, at=_now(session), kind="stage_changed",
                                 actor_id=actor.user_id if actor else None,
                                 actor_label=actor.label if actor else "系统",
                                 detail={"before": before.value, "stage": stage.value, "by_offer": offer.id}))


def withdraw(session: Session, actor: Actor, offer_id: int, reason: str, expected_version: int | None = None) -> None:
    offer = _load(session, offer_id, expected_version)
    require(session, actor, Action.CANDIDATE_EDIT, _department(session, offer.application_id))
    text = clean_text(reason)
    if not text:
        raise ValidationFailed({"reason": "required"})
    if offer.status not in OPEN:
        raise InvalidState("offer closed", status=offer.status.value)
    offer.status = OfferStatus.WITHDRAWN
    offer.step_due_at = None
    _event(session, actor, offer, "offer_withdrawn", reason=text[:500])
    session.flush()


@functools.cache
def _minute_queries() -> tuple[Select, Select, Select]:
    """What the minute job asks of offers every minute, built once: sent offers whose reply deadline
    is near (reminder), sent offers past it (expiry), approval steps past their deadline."""
    now, soon = map(time_param, ("now", "soon"))
    reply_due = (select(Offer.id, Offer.reply_by, Application.hr_owner_id)
                 .join(Application, Application.id == Offer.application_id)
                 .where(Offer.status == OfferStatus.SENT, Offer.reply_by <= soon, Offer.reply_by > now))
    expired = select(Offer).where(Offer.status == OfferStatus.SENT, Offer.reply_by < now)
    stuck = (select(Offer, ApprovalStep, Position.department_id)
             .join(ApprovalStep, (ApprovalStep.chain_id == Offer.chain_id)
                   & (ApprovalStep.position == Offer.current_step))
             .join(Application, Application.id == Offer.application_id)
             .join(Position, Position.id == Application.position_id)
             .where(Offer.status == OfferStatus.PENDING_APPROVAL, Offer.step_due_at <= now))
    return reply_due, expired, stuck


def expire_due(session: Session, now: datetime | None = None) -> list[int]:
    """Offers sent whose reply deadline passed without an answer: expired (minute job)."""
    now = now or _now(session)
    due = session.scalars(_minute_queries()[1], {"now": now}).all()
    for offer in due:
        offer.status = OfferStatus.EXPIRED
        _event(session, None, offer, "offer_expired")
    session.flush()
    return [o.id for o in due]


def evaluate(session: Session, now: datetime, raised: Any) -> None:
    """The minute job (reminders.evaluate): HR's reminder 24 h before an unanswered offer's reply
    deadline, expiry after it, and the deputy (else the step's approvers) told of an approval step
    past its deadline. `raised`: reminders.Raised, the alerts added are appended to it."""
    def note(alert) -> None:
        if alert is not None:
            raised.alerts.append(alert.id)
            raised.kinds.append(alert.kind)

    reply_due, _expired, stuck_steps = _minute_queries()
    due = session.execute(reply_due, {"now": now, "soon": now + REMIND_BEFORE}).all()
    for offer_id, reply_by, hr_owner_id in due:
        note(alerts.raise_once(session, f"offer_reply_due:{offer_id}", "offer_reply_due", user_id=hr_owner_id,
                               detail={"offer_id": offer_id, "reply_by": reply_by.isoformat()}))
    expire_due(session, now)
    stuck = session.execute(stuck_steps, {"now": now}).all()
    for offer, step, department_id in stuck:
        targets = {step.escalate_to_id} if step.escalate_to_id else chains.step_approvers(session, step, department_id)
        for user_id in sorted(targets):
            note(alerts.raise_once(session, f"offer_step:{offer.id}:{step.position}:{user_id}", "offer_step_overdue",
                                   user_id=user_id, detail={"offer_id": offer.id, "step": step.position}))


def view(session: Session, actor: Actor, offer_id: int) -> OfferView:
    offer = _load(session, offer_id, None)
    require(session, actor, Action.CANDIDATE_VIEW, _department(session, offer.application_id))
    return OfferView(offer.id, offer.version, offer.application_id, offer.status.value,
                     tuple(PayLine(*line) for line in offer.pay), offer.start_date, offer.probation_months,
                     offer.work_place, offer.reply_by, offer.current_step, offer.step_due_at, offer.answer_note,
                     offer.grade, offer.template_id, offer.template_name)
