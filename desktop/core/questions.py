"""Candidate questions (候选人提问): captured in the room, at the kiosk, or from a reply by mail or
text message; classified by topic, routed to an owner by configuration, due within working time
(the office calendar: weekends, holidays, 调休); a reminder to the owner at half time, escalation to
the owner's superior and HR at the deadline; the owner's answer goes to the candidate through the
outbox, and whether it came in time is kept for the reports.

Who owns a topic (setting questions.routing): "hr" (the interview's HR owner), "dept_leader" (the
leader of the position's department) or "user:<username>". The owner's superior is the leader of
the owner's department, or of the parent department when the owner leads it; else the directors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.errors import InvalidState, NotFound, PermissionDenied, ValidationFailed
from desktop.core.model import (
    Application, Candidate, CandidateQuestion, Interview, Position, QuestionStatus, QuestionTopic, Role, RoleGrant,
    User,
)
from desktop.core.notifications import routing
from desktop.core.permissions import Action, DepartmentTree, allowed
from desktop.core.scheduling import alerts, timeline
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, text_problem

SOURCES = ("room", "kiosk", "email", "sms")
MAX_QUESTION = 1000
MAX_ANSWER = 4000
MAX_PER_KIOSK = 20

# Keyword classification, first match wins; the person entering a question may always change it.
KEYWORDS: tuple[tuple[QuestionTopic, tuple[str, ...]], ...] = (
    (QuestionTopic.PAY, ("薪", "工资", "待遇", "福利", "五险", "公积金", "奖金", "绩效", "salary", "pay", "benefit")),
    (QuestionTopic.GROWTH, ("晋升", "发展", "培训", "职称", "进修", "promotion", "career", "training")),
    (QuestionTopic.TEAM, ("团队", "同事", "职责", "工作内容", "岗位", "科室", "team", "colleague", "duties")),
    (QuestionTopic.ARRANGEMENT, ("加班", "上班", "作息", "出差", "入职", "工作时间", "地点", "值班", "夜班",
                                 "overtime", "working hours", "start date", "travel")),
)


def classify(text: str) -> QuestionTopic:
    lowered = text.lower()
    for topic, words in KEYWORDS:
        if any(word in lowered for word in words):
            return topic
    return QuestionTopic.OTHER


def question_problem(text: str | None, limit: int = MAX_QUESTION) -> str | None:
    """None for an acceptable question (or answer), else the problem code the UI words."""
    value = clean_text(text or "")
    if not value:
        return "required"
    return text_problem(value, limit)


# --- who, when -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Context:
    """What a question is about: the candidate, the interview it belongs to (if any), the position."""

    candidate_id: int
    interview: Interview | None
    position: Position | None

    @property
    def department_id(self) -> int | None:
        return self.position.department_id if self.position else None

    @property
    def hr_owner_id(self) -> int | None:
        return self.interview.hr_owner_id if self.interview else None


def context(session: Session, candidate_id: int, interview_id: int | None) -> Context:
    """The question's interview and position. Without an interview (a reply that named none), the
    candidate's latest interview, else their latest application's position."""
    if session.get(Candidate, candidate_id) is None:
        raise NotFound("candidate", entity="candidate")
    if interview_id is not None:
        row = session.execute(select(Interview, Application.candidate_id, Position)
                              .join(Application, Application.id == Interview.application_id)
                              .join(Position, Position.id == Application.position_id)
                              .where(Interview.id == interview_id)).first()
        if row is None:
            raise NotFound("interview", entity="interview")
        if row[1] != candidate_id:
            raise ValidationFailed({"interview_id": "choice"})
        return Context(candidate_id, row[0], row[2])
    row = session.execute(select(Interview, Position).join(Application, Application.id == Interview.application_id)
                          .join(Position, Position.id == Application.position_id)
                          .where(Application.candidate_id == candidate_id)
                          .order_by(Interview.starts_at.desc(), Interview.id.desc()).limit(1)).first()
    if row is not None:
        return Context(candidate_id, row[0], row[1])
    position = session.scalar(select(Position).join(Application, Application.position_id == Position.id)
                              .where(Application.candidate_id == candidate_id)
                              .order_by(Application.id.desc()).limit(1))
    return Context(candidate_id, None, position)


def _leaders(session: Session) -> dict[int, list[int]]:
    """Active department leaders by the department their grant names (institution-wide grants are
    no department's leader), lowest id first; read once per unit of work."""
    cached = session.info.get("_department_leaders")
    if cached is None:
        cached = {}
        rows = session.execute(select(RoleGrant.department_id, RoleGrant.user_id)
                               .join(User, User.id == RoleGrant.user_id)
                               .where(RoleGrant.role == Role.DEPT_LEADER, User.is_active,
                                      RoleGrant.department_id.is_not(None))
                               .order_by(RoleGrant.user_id)).all()
        for department_id, user_id in rows:
            cached.setdefault(department_id, []).append(user_id)
        session.info["_department_leaders"] = cached
    return cached


def leader_of(session: Session, department_id: int | None) -> int | None:
    """The leader of the department, or of its nearest ancestor that has one."""
    leaders, tree = _leaders(session), DepartmentTree.load(session)
    seen: set[int] = set()
    while department_id is not None and department_id not in seen:
        if leaders.get(department_id):
            return leaders[department_id][0]
        seen.add(department_id)
        department_id = tree.parents.get(department_id)
    return None


def _role_holders(session: Session, role: Role, department_id: int | None) -> list[int]:
    tree = DepartmentTree.load(session)
    rows = session.execute(select(RoleGrant.user_id, RoleGrant.department_id).join(User, User.id == RoleGrant.user_id)
                           .where(RoleGrant.role == role, User.is_active).order_by(RoleGrant.user_id)).all()
    return list(dict.fromkeys(u for u, scope in rows if scope is None or tree.covers(scope, department_id)))


def hr_of(session: Session, ctx: Context) -> int | None:
    """The interview's HR owner, else the first HR officer for the position's department."""
    if ctx.hr_owner_id is not None:
        return ctx.hr_owner_id
    holders = _role_holders(session, Role.HR_OFFICER, ctx.department_id)
    return holders[0] if holders else None


def owner_for(session: Session, ctx: Context, topic: QuestionTopic) -> int | None:
    """The owner the routing setting names for `topic`; HR when the named person cannot be found."""
    rule = settings.question_routing(settings.institution_value(session, "questions.routing")).get(topic.value, "hr")
    owner = None
    if rule == "dept_leader":
        owner = leader_of(session, ctx.department_id)
    elif rule.startswith("user:"):
        owner = session.scalar(select(User.id).where(User.username == rule[5:], User.is_active))
    return owner if owner is not None else hr_of(session, ctx)


def superiors_of(session: Session, owner_id: int | None) -> set[int]:
    """Whom an overdue question escalates to besides HR: the leader of the owner's department (of the
    parent department when the owner leads theirs); the directors when there is none."""
    if owner_id is None:
        return set()
    department_id = session.scalar(select(User.department_id).where(User.id == owner_id))
    tree = DepartmentTree.load(session)
    if owner_id in _leaders(session).get(department_id, []):
        department_id = tree.parents.get(department_id) if department_id is not None else None
    leader = leader_of(session, department_id)
    if leader is not None and leader != owner_id:
        return {leader}
    return set(_role_holders(session, Role.DIRECTOR, None)) - {owner_id}


def deadline(session: Session, asked_at: datetime) -> tuple[datetime, datetime]:
    """(due_at, remind_at): the setting's working days or working hours after `asked_at`, and the
    middle of the working time up to it."""
    hours = OfficeHours.load(session)
    text = str(settings.institution_value(session, "questions.deadline") or "1d")
    amount = int(text[:-1])
    due = hours.add_working_days(asked_at, amount) if text.endswith("d") else hours.add_working_minutes(
        asked_at, amount * 60)
    working = hours.working_minutes_between(asked_at, due)
    remind = hours.add_working_minutes(asked_at, working / 2) if working > 0 else asked_at + (due - asked_at) / 2
    return due, remind


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


def minimum_for(session: Session, interview_id: int) -> int:
    """How many questions the closing step asks for: the round's own minimum, else the setting."""
    from desktop.core.model import Round

    value = session.scalar(select(Round.min_questions).join(Interview, Interview.round_id == Round.id)
                           .where(Interview.id == interview_id))
    return int(value) if value is not None else int(settings.institution_value(session, "questions.min_per_round"))


# --- the minute job: reminder at half time, escalation at the deadline ----------------------------

def _payload(session: Session, question: CandidateQuestion, ctx: Context | None = None) -> dict:
    ctx = ctx or context(session, question.candidate_id, question.interview_id)
    owner = session.scalar(select(User.display_name).where(User.id == question.owner_id)) if question.owner_id else ""
    return {"candidate_id": question.candidate_id, "question_id": question.id, "question": question.question,
            "question_topic": QuestionTopic(question.topic).value, "question_due": question.due_at.isoformat(),
            "question_owner": owner or "", "position": ctx.position.title if ctx.position else ""}


def _raise(session: Session, raised, key: str, kind: str, user_id: int, question: CandidateQuestion) -> bool:
    alert = alerts.raise_once(session, key, kind, user_id=user_id, interview_id=question.interview_id,
                              detail={"question_id": question.id, "due_at": question.due_at.isoformat()})
    if alert is None:
        return False
    if raised is not None:
        raised.alerts.append(alert.id)
        raised.kinds.append(kind)
    return True


def evaluate(session: Session, now: datetime, raised=None) -> None:
    """Reminders and escalations due by `now`, each once (the question's reminded_at/escalated_at and
    the alerts' dedupe keys): two indexed queries when nothing is due."""
    overdue = session.scalars(select(CandidateQuestion).where(
        CandidateQuestion.status == QuestionStatus.OPEN, CandidateQuestion.escalated_at.is_(None),
        CandidateQuestion.due_at <= now).order_by(CandidateQuestion.id)).all()
    for question in overdue:
        question.escalated_at = now
        question.reminded_at = question.reminded_at or now     # past the deadline a reminder is moot
        ctx = context(session, question.candidate_id, question.interview_id)
        targets = sorted(t for t in superiors_of(session, question.owner_id) | {hr_of(session, ctx)} if t is not None)
        told = {t for t in targets if _raise(session, raised, f"question_overdue:{question.id}:{t}",
                                             "question_overdue", t, question)}
        routing.staff_messages(session, routing.HR, told, "question_escalated", f"question{question.id}:escalated",
                               _payload(session, question, ctx), question.interview_id)
        if question.interview_id is not None:
            timeline.add(session, question.interview_id, timeline.Event.QUESTION_ESCALATED, None, at=now,
                         question_id=question.id, to=targets, owner_id=question.owner_id)
    due = session.scalars(select(CandidateQuestion).where(
        CandidateQuestion.status == QuestionStatus.OPEN, CandidateQuestion.reminded_at.is_(None),
        CandidateQuestion.remind_at <= now).order_by(CandidateQuestion.id)).all()
    for question in due:
        question.reminded_at = now
        if question.owner_id is not None and _raise(session, raised, f"question_reminder:{question.id}",
                                                    "question_reminder", question.owner_id, question):
            routing.staff_messages(session, routing.HR, {question.owner_id}, "question_reminder",
                                   f"question{question.id}:reminder", _payload(session, question),
                                   question.interview_id)
        if question.interview_id is not None:
            timeline.add(session, question.interview_id, timeline.Event.QUESTION_REMINDED, None, at=now,
                         question_id=question.id, owner_id=question.owner_id)
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


def is_hr_for(session: Session, actor: Actor, department_id: int | None) -> bool:
    if actor.system:
        return True
    tree = DepartmentTree.load(session)
    return any(role == Role.HR_OFFICER.value and (scope is None or tree.covers(scope, department_id))
               for role, scope in actor.grants)


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
        raise InvalidState("question answered", status="answered")
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
        raise InvalidState("question answered", status="answered")
    if session.scalar(select(User.id).where(User.id == owner_id, User.is_active)) is None:
        raise ValidationFailed({"owner_id": "choice"})
    if version is not None and version != question.version:
        from desktop.core.errors import StaleWrite
        raise StaleWrite("question changed")
    previous = question.owner_id
    question.owner_id = owner_id
    if question.interview_id is not None and previous != owner_id:
        timeline.add(session, question.interview_id, timeline.Event.QUESTION_REASSIGNED, actor,
                     question_id=question.id, owner_id=owner_id, previous_owner_id=previous)
    session.flush()
    return _captured(session, question)


def due_label_parts(now: datetime, due_at: datetime) -> tuple[int, bool]:
    """(minutes left, overdue): what the lists show as the time left."""
    left = due_at - now
    return int(left / timedelta(minutes=1)), left < timedelta()
