"""Candidate questions (候选人提问): captured in the room, at the kiosk, or from a reply by mail or
text message; classified by topic, routed to an owner by configuration, due within working time
(the office calendar: weekends, holidays, 调休); a reminder to the owner at half time, escalation to
the owner's superior and HR at the deadline; the owner's answer goes to the candidate through the
outbox, and whether it came in time is kept for the reports.

Who owns a topic (setting questions.routing): "hr" (the interview's HR owner), "dept_leader" (the
leader of the position's department) or "user:<username>". The owner's superior is the leader of
the owner's department, or of the parent department when the owner leads it; else the directors."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from desktop.core import question_routing, settings
from desktop.core.errors import InvalidState, NotFound, PermissionDenied, StaleWrite, ValidationFailed
from desktop.core.model import (
    Application, Candidate, CandidateQuestion, Interview, Position, QuestionStatus, QuestionTopic, Round, User,
)
from desktop.core.model.base import time_param
from desktop.core.notifications import routing, templates
from desktop.core.permissions import Action, allowed
from desktop.core.services.overview import mask_name
from desktop.core.question_routing import (  # noqa: F401  (re-exported: the questions' vocabulary)
    KEYWORDS, MAX_QUESTION, Context, classify, context, deadline, hr_of, is_hr_for, leader_of, owner_for,
    question_problem, superiors_of,
)
from desktop.core.question_views import QuestionRow, open_questions, owner_choices  # noqa: F401
from desktop.core.scheduling import alerts, timeline
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text

SOURCES = ("room", "kiosk", "email", "sms")
MAX_ANSWER = 4000
MAX_PER_KIOSK = 20


# --- capture ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Captured:
    id: int
    owner_id: int | None
    owner_name: str
    due_at: datetime
    topic: QuestionTopic
    duplicate: bool = False     # this message was captured before: nothing new was written


def _captured(session: Session, question: CandidateQuestion, duplicate: bool = False) -> Captured:
    name = session.scalar(select(User.display_name).where(User.id == question.owner_id)) if question.owner_id else ""
    return Captured(question.id, question.owner_id, name or "", question.due_at, QuestionTopic(question.topic),
                    duplicate)


def _may_capture(session: Session, actor: Actor | None, ctx: Context) -> None:
    """The reply paths run as the system (actor None); a person needs to see the interview."""
    if actor is not None and not allowed(session, actor, Action.INTERVIEW_VIEW, ctx.department_id):
        raise PermissionDenied(Action.INTERVIEW_VIEW.value, action=Action.INTERVIEW_VIEW.value)


def _add(session: Session, actor: Actor | None, ctx: Context, text: str, source: str, message_id: str | None,
         topic: QuestionTopic | None) -> CandidateQuestion:
    now = session.info["clock"].now()
    topic = topic or classify(text)
    due, remind = deadline(session, now)
    question = CandidateQuestion(
        candidate_id=ctx.candidate_id, interview_id=ctx.interview.id if ctx.interview else None,
        question=clean_text(text), topic=topic, source=source, message_id=message_id,
        owner_id=owner_for(session, ctx, topic), asked_at=now, due_at=due, remind_at=remind,
        status=QuestionStatus.OPEN, answer="")
    session.add(question)
    session.flush()
    if ctx.interview is not None:
        timeline.add(session, ctx.interview, timeline.Event.QUESTION_ASKED, actor, question_id=question.id,
                     topic=topic.value, source=source, owner_id=question.owner_id, due_at=due.isoformat(),
                     **({"message_id": message_id} if message_id else {}))
    return question


def _check_topic(topic: QuestionTopic | str | None) -> QuestionTopic | None:
    if topic is None or topic == "":
        return None
    try:
        return QuestionTopic(topic)
    except ValueError:
        raise ValidationFailed({"topic": "choice"}) from None


def capture(session: Session, actor: Actor | None, *, candidate_id: int, interview_id: int | None, text: str,
            source: str, message_id: str | None = None, topic: QuestionTopic | None = None) -> Captured:
    """Record one question (validated first: not empty, at most 1000 characters). A message captured
    before (same message_id) returns that question and writes nothing."""
    problems: dict[str, str] = {}
    if source not in SOURCES:
        problems["source"] = "choice"
    problem = question_problem(text)
    if problem:
        problems["question"] = problem
    if problems:
        raise ValidationFailed(problems)
    chosen = _check_topic(topic)
    if message_id:
        existing = session.scalar(select(CandidateQuestion).where(CandidateQuestion.message_id == message_id))
        if existing is not None:
            return _captured(session, existing, duplicate=True)
    ctx = context(session, candidate_id, interview_id)
    _may_capture(session, actor, ctx)
    question = _add(session, actor, ctx, text, source, message_id or None, chosen)
    session.flush()
    return _captured(session, question)


def capture_many(session: Session, actor: Actor | None, *, interview_id: int, texts: list[str],
                 source: str) -> list[Captured]:
    """The kiosk's questions, all or none: every text is checked first, and a refusal names each
    one by its number (question1, question2, ...); blank entries left over are skipped."""
    texts = [t for t in texts if (t or "").strip()]
    problems: dict[str, str] = {}
    if source not in SOURCES:
        problems["source"] = "choice"
    if len(texts) > MAX_PER_KIOSK:
        problems["questions"] = "too_many"
    for number, text in enumerate(texts, 1):
        problem = question_problem(text)
        if problem:
            problems[f"question{number}"] = problem
    if problems:
        raise ValidationFailed(problems)
    candidate_id = session.scalar(select(Application.candidate_id).join(Interview, Interview.application_id ==
                                                                        Application.id)
                                  .where(Interview.id == interview_id))
    if candidate_id is None:
        raise NotFound("interview", entity="interview")
    ctx = context(session, candidate_id, interview_id)
    _may_capture(session, actor, ctx)
    added = [_add(session, actor, ctx, text, source, None, None) for text in texts]
    session.flush()
    return [_captured(session, q) for q in added]


@dataclass(frozen=True)
class KioskInfo:
    position: str
    minimum: int


def kiosk_info(session: Session, actor: Actor, interview_id: int) -> KioskInfo:
    """What the candidate's question form shows: the position's name (nothing personal) and how many
    questions the round asks for."""
    row = session.execute(select(Position.title, Position.department_id)
                          .join(Application, Application.position_id == Position.id)
                          .join(Interview, Interview.application_id == Application.id)
                          .where(Interview.id == interview_id)).first()
    if row is None:
        raise NotFound("interview", entity="interview")
    if not allowed(session, actor, Action.INTERVIEW_VIEW, row.department_id):
        raise PermissionDenied(Action.INTERVIEW_VIEW.value, action=Action.INTERVIEW_VIEW.value)
    return KioskInfo(row.title, minimum_for(session, interview_id))


def minimum_for(session: Session, interview_id: int) -> int:
    """How many questions the closing step asks for: the round's own minimum, else the setting."""
    value = session.scalar(select(Round.min_questions).join(Interview, Interview.round_id == Round.id)
                           .where(Interview.id == interview_id))
    return int(value) if value is not None else int(settings.institution_value(session, "questions.min_per_round"))


# --- the minute job: reminder at half time, escalation at the deadline ----------------------------

def _payload(session: Session, question: CandidateQuestion, ctx: Context | None = None) -> dict:
    ctx = ctx or context(session, question.candidate_id, question.interview_id)
    names: dict[int, str | None] = session.info.setdefault("_user_names", {})   # the same few owners, many questions
    if question.owner_id and question.owner_id not in names:
        names[question.owner_id] = session.scalar(select(User.display_name).where(User.id == question.owner_id))
    owner = names.get(question.owner_id) if question.owner_id else ""
    return {"candidate_id": question.candidate_id, "question_id": question.id, "question": question.question,
            "question_topic": QuestionTopic(question.topic).value, "question_due": question.due_at.isoformat(),
            "question_owner": owner or "", "position": ctx.position.title if ctx.position else ""}


def _wanted(key: str, kind: str, user_id: int, question: CandidateQuestion) -> alerts.Wanted:
    return alerts.Wanted(key, kind, user_id, question.interview_id,
                         detail={"question_id": question.id, "due_at": question.due_at.isoformat()})


@functools.cache
def _due_queries() -> tuple[Select, Select]:
    """The two queries the minute job asks every minute, built once: open questions past their
    deadline and not escalated, and open questions past half time and not reminded."""
    now = time_param("now")
    overdue = select(CandidateQuestion).where(
        CandidateQuestion.status == QuestionStatus.OPEN, CandidateQuestion.escalated_at.is_(None),
        CandidateQuestion.due_at <= now).order_by(CandidateQuestion.id)
    due = select(CandidateQuestion).where(
        CandidateQuestion.status == QuestionStatus.OPEN, CandidateQuestion.reminded_at.is_(None),
        CandidateQuestion.remind_at <= now).order_by(CandidateQuestion.id)
    return overdue, due


def evaluate(session: Session, now: datetime, raised=None) -> None:
    """Reminders and escalations due by `now`, each once (the question's reminded_at/escalated_at and
    the alerts' dedupe keys): two indexed queries when nothing is due. Everything is read before
    anything is written, and the alerts are raised together, so the run flushes (and extends the
    audit chain) once rather than once per question."""
    with session.no_autoflush:
        overdue_query, due_query = _due_queries()
        overdue = session.scalars(overdue_query, {"now": now}).all()
        due = [q for q in session.scalars(due_query, {"now": now}) if q not in overdue]
        if not overdue and not due:
            return
        found = question_routing.contexts(session, [*overdue, *due])
        escalations = []
        for question in overdue:
            ctx = found[question.id]
            targets = sorted(t for t in superiors_of(session, question.owner_id) | {hr_of(session, ctx)}
                             if t is not None)
            escalations.append((question, targets, _payload(session, question, ctx)))
        reminders = [(question, _payload(session, question, found[question.id])) for question in due]
        wanted = [_wanted(f"question_overdue:{q.id}:{t}", "question_overdue", t, q)
                  for q, targets, _ in escalations for t in targets]
        wanted += [_wanted(f"question_reminder:{q.id}", "question_reminder", q.owner_id, q)
                   for q, _ in reminders if q.owner_id is not None]
        new = alerts.raise_many(session, wanted)
        if raised is not None:
            raised.alerts.extend(a.id for a in new)
            raised.kinds.extend(a.kind for a in new)
        fresh = {a.dedupe_key for a in new}
        routing.know_contacts(session, {w.user_id for w in wanted})
        messages: list[tuple[str, dict]] = []
        for question, targets, payload in escalations:
            question.escalated_at = now
            question.reminded_at = question.reminded_at or now     # past the deadline a reminder is moot
            told = {t for t in targets if f"question_overdue:{question.id}:{t}" in fresh}
            messages += routing.staff_entries(session, routing.HR, told, "question_escalated",
                                              f"question{question.id}:escalated", payload, question.interview_id)
            if question.interview_id is not None:
                timeline.add(session, question.interview_id, timeline.Event.QUESTION_ESCALATED, None, at=now,
                             question_id=question.id, to=targets, owner_id=question.owner_id)
        for question, payload in reminders:
            question.reminded_at = now
            if f"question_reminder:{question.id}" in fresh:
                messages += routing.staff_entries(session, routing.HR, {question.owner_id}, "question_reminder",
                                                  f"question{question.id}:reminder", payload, question.interview_id)
            if question.interview_id is not None:
                timeline.add(session, question.interview_id, timeline.Event.QUESTION_REMINDED, None, at=now,
                             question_id=question.id, owner_id=question.owner_id)
        routing.queue_rows(session, messages)
    session.flush()


# --- answering, reassigning --------------------------------------------------------------------------

@dataclass(frozen=True)
class Answered:
    id: int
    answered_at: datetime
    sla_met: bool
    channels: tuple[str, ...]     # where the answer goes to the candidate (empty: no address on file)


def may_answer(session: Session, actor: Actor, question: CandidateQuestion, ctx: Context) -> bool:
    """The owner; whom it was escalated to; HR of the position's department."""
    if actor.system:
        return True
    if actor.user_id is None:
        return False
    if actor.user_id == question.owner_id:
        return True
    if question.escalated_at is not None and actor.user_id in superiors_of(session, question.owner_id):
        return True
    return is_hr_for(session, actor, ctx.department_id)


def answer_messages(session: Session, question: CandidateQuestion, ctx: Context, text: str) -> list[tuple[str, dict]]:
    """The candidate's outbox rows carrying the answer, on the candidate channels chosen for it."""
    candidate = session.get(Candidate, question.candidate_id)
    payload = _payload(session, question, ctx) | {"candidate_name": candidate.name, "answer": text}
    if ctx.interview is not None:
        payload["interview_id"] = ctx.interview.id
    wanted = routing.channels(session, routing.CANDIDATE, "question_answer")
    return [(f"{channel}:question{question.id}:answer", dict(
        interview_id=question.interview_id, channel=channel, kind="question_answer", recipient=address,
        payload=payload)) for channel, address in (("email", candidate.email), ("sms", candidate.phone))
        if address and channel in wanted]


def answer(session: Session, actor: Actor, question_id: int, text: str) -> Answered:
    """Record the answer and queue it to the candidate, in one transaction. The SLA is met when the
    answer comes by the deadline."""
    problem = question_problem(text, MAX_ANSWER)
    if problem:
        raise ValidationFailed({"answer": problem})
    question = session.get(CandidateQuestion, question_id)
    if question is None:
        raise NotFound("question", entity="question")
    if question.status == QuestionStatus.ANSWERED:
        raise InvalidState("question answered", status="question_answered")
    ctx = context(session, question.candidate_id, question.interview_id)
    if not may_answer(session, actor, question, ctx):
        raise PermissionDenied("question.answer", action="question.answer")
    now = session.info["clock"].now()
    value = clean_text(text)
    question.answer, question.answered_at, question.answered_by_id = value, now, actor.user_id
    question.status, question.sla_met = QuestionStatus.ANSWERED, now <= question.due_at
    entries = answer_messages(session, question, ctx, value)
    routing.queue(session, entries)
    if question.interview_id is not None:
        timeline.add(session, question.interview_id, timeline.Event.QUESTION_ANSWERED, actor, question_id=question.id,
                     sla_met=question.sla_met, channels=[values["channel"] for _, values in entries])
    session.flush()
    return Answered(question.id, now, bool(question.sla_met), tuple(values["channel"] for _, values in entries))


def preview(session: Session, actor: Actor, question_id: int, text: str, channel: str = "email"):
    """The message the candidate would receive with this answer (templates.Rendered), for the answer
    dialog; nothing is written."""
    question = session.get(CandidateQuestion, question_id)
    if question is None:
        raise NotFound("question", entity="question")
    ctx = context(session, question.candidate_id, question.interview_id)
    if not may_answer(session, actor, question, ctx):
        raise PermissionDenied("question.answer", action="question.answer")
    candidate = session.get(Candidate, question.candidate_id)
    # an owner who may not see the department's candidates (a person named in the routing) reads the
    # name masked here too, as in the list; the message itself carries the full name
    name = candidate.name if actor.system or allowed(session, actor, Action.CANDIDATE_VIEW, ctx.department_id) \
        else mask_name(candidate.name)
    payload = _payload(session, question, ctx) | {"candidate_name": name, "answer": clean_text(text)}
    return templates.render(session, "question_answer", channel, payload)


def reassign(session: Session, actor: Actor, question_id: int, owner_id: int, *, version: int | None = None) -> Captured:
    """HR hands an open question to someone else; the deadline stays, a reminder not yet sent goes
    to the new owner."""
    question = session.get(CandidateQuestion, question_id)
    if question is None:
        raise NotFound("question", entity="question")
    ctx = context(session, question.candidate_id, question.interview_id)
    if not is_hr_for(session, actor, ctx.department_id):
        raise PermissionDenied("question.reassign", action="question.reassign")
    if question.status == QuestionStatus.ANSWERED:
        raise InvalidState("question answered", status="question_answered")
    if session.scalar(select(User.id).where(User.id == owner_id, User.is_active)) is None:
        raise ValidationFailed({"owner_id": "choice"})
    if version is not None and version != question.version:
        raise StaleWrite("question changed")
    previous = question.owner_id
    question.owner_id = owner_id
    if question.interview_id is not None and previous != owner_id:
        timeline.add(session, question.interview_id, timeline.Event.QUESTION_REASSIGNED, actor,
                     question_id=question.id, owner_id=owner_id, previous_owner_id=previous)
    session.flush()
    return _captured(session, question)

