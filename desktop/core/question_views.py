"""The lists of candidate questions: an owner's open questions with the time left, and HR's view of
every question of its departments (open or answered), with what each viewer may do with a row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from desktop.core.model import (
    Application, Candidate, CandidateQuestion, Interview, Position, QuestionStatus, Role, RoleGrant, User,
)
from desktop.core.permissions import Action, allowed, roles_of, visible_departments
from desktop.core.question_routing import is_hr_for, superiors_of
from desktop.core.services.overview import mask_name
from desktop.core.storage.database import Actor

OVERSEERS = (Role.HR_OFFICER, Role.PERSONNEL_OFFICE, Role.DIRECTOR)   # see every question of their departments
OWNER_ROLES = (Role.HR_OFFICER, Role.DEPT_LEADER, Role.DIRECTOR, Role.PERSONNEL_OFFICE, Role.INTERVIEWER)
LIMIT = 500


@dataclass(frozen=True)
class QuestionRow:
    id: int
    version: int
    candidate: str          # masked for a viewer who may not see the department's candidates
    position: str
    topic: str
    question: str
    source: str
    asked_at: datetime
    due_at: datetime
    owner_id: int | None
    owner: str
    status: str
    answer: str
    answered_at: datetime | None
    answered_by: str
    sla_met: bool | None
    escalated: bool
    interview_id: int | None
    can_answer: bool
    can_reassign: bool


def open_questions(session: Session, actor: Actor, *, answered: bool = False, mine: bool = False,
                   limit: int = LIMIT) -> list[QuestionRow]:
    """Open questions by deadline (the most urgent first), or with `answered` the answered ones, the
    newest first. Overseers (HR, personnel office, directors) see their departments' questions;
    everyone else the questions they own and those escalated to them. `mine`: owned by the viewer."""
    owner, answerer = aliased(User), aliased(User)
    # a question without an interview (mailed before any was booked) is about the candidate's latest
    # application, as question_routing.context routed it
    latest = (select(Application.id).where(Application.candidate_id == CandidateQuestion.candidate_id)
              .order_by(Application.id.desc()).limit(1).correlate(CandidateQuestion).scalar_subquery())
    query = (select(CandidateQuestion, Candidate.name, Position.title, Position.department_id, owner.display_name,
                    answerer.display_name)
             .join(Candidate, Candidate.id == CandidateQuestion.candidate_id)
             .outerjoin(Interview, Interview.id == CandidateQuestion.interview_id)
             .outerjoin(Application, Application.id == func.coalesce(Interview.application_id, latest))
             .outerjoin(Position, Position.id == Application.position_id)
             .outerjoin(owner, owner.id == CandidateQuestion.owner_id)
             .outerjoin(answerer, answerer.id == CandidateQuestion.answered_by_id))
    status = QuestionStatus.ANSWERED if answered else QuestionStatus.OPEN
    query = query.where(CandidateQuestion.status == status)
    overseer = actor.system or bool(roles_of(actor) & set(OVERSEERS))
    if mine or not overseer:
        mine_or_escalated = CandidateQuestion.owner_id == actor.user_id
        if not mine:
            mine_or_escalated = or_(mine_or_escalated, CandidateQuestion.escalated_at.is_not(None))
        query = query.where(mine_or_escalated)
    if not actor.system:
        departments = visible_departments(session, actor, Action.INTERVIEW_VIEW)
        if departments is not None:
            query = query.where(or_(Position.department_id.in_(departments), CandidateQuestion.owner_id == actor.user_id))
    order = ((CandidateQuestion.answered_at.desc(),) if answered else (CandidateQuestion.due_at,))
    rows = session.execute(query.order_by(*order, CandidateQuestion.id).limit(limit)).all()
    superiors: dict[int | None, set[int]] = {}
    names: dict[int | None, bool] = {}
    hr: dict[int | None, bool] = {}
    found = []
    for question, name, title, department_id, owner_name, answered_by in rows:
        if question.owner_id not in superiors:
            superiors[question.owner_id] = superiors_of(session, question.owner_id)
        escalated_to_me = question.escalated_at is not None and actor.user_id in superiors[question.owner_id]
        if not overseer and question.owner_id != actor.user_id and not escalated_to_me:
            continue
        if department_id not in names:
            names[department_id] = actor.system or allowed(session, actor, Action.CANDIDATE_VIEW, department_id)
            hr[department_id] = is_hr_for(session, actor, department_id)
        is_open = question.status == QuestionStatus.OPEN
        found.append(QuestionRow(
            id=question.id, version=question.version, candidate=name if names[department_id] else mask_name(name),
            position=title or "", topic=str(question.topic), question=question.question, source=question.source,
            asked_at=question.asked_at, due_at=question.due_at, owner_id=question.owner_id, owner=owner_name or "",
            status=str(question.status), answer=question.answer, answered_at=question.answered_at,
            answered_by=answered_by or "", sla_met=question.sla_met, escalated=question.escalated_at is not None,
            interview_id=question.interview_id,
            can_answer=is_open and (question.owner_id == actor.user_id or escalated_to_me or hr[department_id]),
            can_reassign=is_open and hr[department_id]))
    return found


@dataclass(frozen=True)
class AskedAndAnswered:
    """One question on the candidate's record, with its answer (or who owes it, by when)."""

    id: int
    asked_at: datetime
    topic: str
    source: str
    question: str
    owner: str
    due_at: datetime
    status: str
    answer: str
    answered_at: datetime | None
    answered_by: str
    sla_met: bool | None


def of_candidate(session: Session, candidate_id: int, limit: int = 50) -> list[AskedAndAnswered]:
    """Every question the candidate asked, newest first: the candidate's record keeps them with the
    answers (the caller has checked that the viewer may see this candidate)."""
    owner, answerer = aliased(User), aliased(User)
    rows = session.execute(
        select(CandidateQuestion, owner.display_name, answerer.display_name)
        .outerjoin(owner, owner.id == CandidateQuestion.owner_id)
        .outerjoin(answerer, answerer.id == CandidateQuestion.answered_by_id)
        .where(CandidateQuestion.candidate_id == candidate_id)
        .order_by(CandidateQuestion.asked_at.desc(), CandidateQuestion.id.desc()).limit(limit)).all()
    return [AskedAndAnswered(q.id, q.asked_at, str(q.topic), q.source, q.question, owner_name or "", q.due_at,
                             str(q.status), q.answer, q.answered_at, answered_by or "", q.sla_met)
            for q, owner_name, answered_by in rows]


def owner_choices(session: Session) -> list[tuple[int, str, str]]:
    """The people a question may be handed to, as (id, name, user name): active users holding a
    role that answers questions."""
    rows = session.execute(select(User.id, User.display_name, User.username)
                           .join(RoleGrant, RoleGrant.user_id == User.id)
                           .where(User.is_active, RoleGrant.role.in_(OWNER_ROLES))
                           .order_by(User.display_name, User.id)).all()
    return list(dict.fromkeys((user_id, name, username) for user_id, name, username in rows))
