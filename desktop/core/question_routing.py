"""Who answers a candidate question, and by when: the topic by keywords, the owner by the routing
setting (questions.routing), the owner's superior for escalation, and the deadline in working
time on the office calendar (setting questions.deadline: "1d" working days or "4h" working hours)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.errors import NotFound, ValidationFailed
from desktop.core.model import Application, Candidate, Interview, Position, QuestionTopic, Role, RoleGrant, User
from desktop.core.permissions import DepartmentTree
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, text_problem

MAX_QUESTION = 1000

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


def contexts(session: Session, questions: list) -> dict[int, Context]:
    """`context` of many questions at once (the minute job's): one query for those asked about an
    interview, `context` one by one for the few that were not."""
    interview_ids = {q.interview_id for q in questions if q.interview_id is not None}
    found = {interview.id: (interview, position) for interview, position in session.execute(
        select(Interview, Position).join(Application, Application.id == Interview.application_id)
        .join(Position, Position.id == Application.position_id).where(Interview.id.in_(interview_ids)))} \
        if interview_ids else {}
    return {q.id: Context(q.candidate_id, *found[q.interview_id]) if q.interview_id in found
            else context(session, q.candidate_id, q.interview_id) for q in questions}


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
    known: dict[int, set[int]] = session.info.setdefault("_superiors", {})   # the same few owners, many questions
    if owner_id not in known:
        known[owner_id] = _superiors(session, owner_id)
    return set(known[owner_id])


def _superiors(session: Session, owner_id: int) -> set[int]:
    departments: dict[int, int | None] = session.info.setdefault("_user_departments", {})
    if owner_id not in departments:
        departments[owner_id] = session.scalar(select(User.department_id).where(User.id == owner_id))
    department_id = departments[owner_id]
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


def is_hr_for(session: Session, actor: Actor, department_id: int | None) -> bool:
    if actor.system:
        return True
    tree = DepartmentTree.load(session)
    return any(role == Role.HR_OFFICER.value and (scope is None or tree.covers(scope, department_id))
               for role, scope in actor.grants)
