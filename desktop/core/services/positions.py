"""Positions (岗位): paged list, detail with rounds and applicants, create and edit with validation."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import case, func, or_, select
from sqlalchemy.orm import Session

from desktop.core.errors import DuplicateRecord, NotFound, StaleWrite, ValidationFailed
from desktop.core.model import Application, Department, Education, Position, PositionStatus, Round, RoundKind
from desktop.core.model.recruiting import EDUCATION_RANK
from desktop.core.labels import POST_TYPES
from desktop.core.permissions import Action, allowed, require, visible_departments
from desktop.core.services.paging import ListQuery, Page, prefix_range

from desktop.core.storage.database import Actor
from desktop.core.validation import MAX_LENGTH, clean_name, clean_text, name_problem, text_problem

DEFAULT_ROUNDS = ((1, "初试", RoundKind.HR), (2, "复试", RoundKind.BUSINESS), (3, "终试", RoundKind.LEADERSHIP))
SORTS = {
    "code": Position.code, "title": Position.title, "department": Department.name,
    "headcount": Position.headcount, "min_years": Position.min_years,
    "education": case(EDUCATION_RANK, value=Position.education),   # by level, not by the stored word
    "status": Position.status, "closes_on": Position.closes_on, "updated_at": Position.updated_at,
}


@dataclass(frozen=True)
class PositionInput:
    code: str
    title: str
    department_id: int | None
    headcount: int = 1
    education: str = Education.BACHELOR.value
    min_years: int = 0
    skills: str = ""
    description: str = ""
    status: str = PositionStatus.OPEN.value
    opened_on: date | None = None
    closes_on: date | None = None
    post_type: str = ""             # 岗位类别: management / professional / skilled, "" not set


@dataclass(frozen=True)
class PositionRow:
    id: int
    code: str
    title: str
    department: str
    headcount: int
    education: str
    min_years: int
    status: str
    closes_on: date | None
    applicants: int


@dataclass(frozen=True)
class RoundInfo:
    sequence: int
    name: str
    kind: str
    duration_minutes: int


@dataclass(frozen=True)
class PositionDetail:
    id: int
    version: int
    data: PositionInput
    department: str
    can_edit: bool
    rounds: list[RoundInfo] = field(default_factory=list)
    applicants_by_stage: dict[str, int] = field(default_factory=dict)
    updated_at: datetime | None = None


def validate(data: PositionInput) -> PositionInput:
    problems: dict[str, str] = {}
    code, title = data.code.strip().upper(), clean_name(data.title)
    if not code:
        problems["code"] = "required"
    elif not re.fullmatch(r"[A-Z0-9][A-Z0-9_\-]{0,31}", code):
        problems["code"] = "code_format"
    problem = name_problem(data.title, MAX_LENGTH["title"])
    if problem:
        problems["title"] = problem
    for key in ("skills", "description"):
        problem = text_problem(getattr(data, key), MAX_LENGTH[key])
        if problem:
            problems[key] = problem
    if data.department_id is None:
        problems["department_id"] = "required"
    if not 1 <= data.headcount <= 999:
        problems["headcount"] = "range"
    if not 0 <= data.min_years <= 50:
        problems["min_years"] = "range"
    if data.education not in {e.value for e in Education}:
        problems["education"] = "choice"
    if data.status not in {s.value for s in PositionStatus}:
        problems["status"] = "choice"
    if data.post_type and data.post_type not in POST_TYPES:
        problems["post_type"] = "choice"
    if data.opened_on and data.closes_on and data.closes_on < data.opened_on:
        problems["closes_on"] = "before_opening"
    if problems:
        raise ValidationFailed(problems)
    skills = ", ".join(s.strip() for s in re.split(r"[,，;；、]", data.skills) if s.strip())
    return replace(data, code=code, title=title, skills=skills, description=clean_text(data.description))


def list_positions(session: Session, actor: Actor, query: ListQuery) -> Page[PositionRow]:
    conditions = []
    depts = visible_departments(session, actor, Action.POSITION_VIEW)
    if depts is not None:
        conditions.append(Position.department_id.in_(depts))
    text = query.search.strip()
    if text:
        conditions.append(or_(prefix_range(Position.code, text.upper()), Position.title.contains(text)))
    if query.filters.get("status"):
        conditions.append(Position.status == PositionStatus(query.filters["status"]))
    total = session.scalar(select(func.count()).select_from(Position).where(*conditions)) or 0
    applicants = (select(func.count()).select_from(Application)
                  .where(Application.position_id == Position.id).scalar_subquery())
    column = SORTS.get(query.sort, Position.code)
    # Empty values (no closing date) sort last on both backends; descending is the exact reverse.
    order = ((column.desc().nulls_first(), Position.id.desc()) if query.descending
             else (column.asc().nulls_last(), Position.id.asc()))
    stmt = (select(Position, Department.name.label("dept"), applicants.label("applicants"))
            .join(Department, Department.id == Position.department_id)
            .where(*conditions).order_by(*order).offset(max(query.offset, 0)).limit(query.page_limit()))
    rows = [PositionRow(p.id, p.code, p.title, dept, p.headcount, p.education.value, p.min_years, p.status.value,
                        p.closes_on, n) for p, dept, n in session.execute(stmt)]
    return Page(rows, total, query.offset)


def _load(session: Session, actor: Actor, position_id: int, action: Action) -> Position:
    p = session.get(Position, position_id)
    if p is None:
        raise NotFound("position", entity="position")
    require(session, actor, action, p.department_id)
    return p


def _input_of(p: Position) -> PositionInput:
    return PositionInput(code=p.code, title=p.title, department_id=p.department_id, headcount=p.headcount,
                         education=p.education.value, min_years=p.min_years, skills=p.skills,
                         description=p.description, status=p.status.value, opened_on=p.opened_on,
                         closes_on=p.closes_on, post_type=p.post_type or "")


def get_position(session: Session, actor: Actor, position_id: int) -> PositionDetail:
    p = _load(session, actor, position_id, Action.POSITION_VIEW)
    stages = dict(session.execute(select(Application.stage, func.count()).where(Application.position_id == p.id)
                                  .group_by(Application.stage)).all())
    dept = session.get(Department, p.department_id)
    return PositionDetail(
        id=p.id, version=p.version, data=_input_of(p), department=dept.name if dept else "",
        can_edit=allowed(session, actor, Action.POSITION_EDIT, p.department_id),
        rounds=[RoundInfo(r.sequence, r.name, r.kind.value, r.duration_minutes) for r in p.rounds],
        applicants_by_stage={s.value: n for s, n in stages.items()}, updated_at=p.updated_at)


def _check_unique_code(session: Session, code: str, own_id: int | None) -> None:
    existing = session.scalar(select(Position.id).where(Position.code == code))
    if existing is not None and existing != own_id:
        raise DuplicateRecord("position code taken", field="code")


def _apply(p: Position, data: PositionInput) -> None:
    for name in ("code", "title", "department_id", "headcount", "min_years", "skills", "description",
                 "opened_on", "closes_on", "post_type"):
        setattr(p, name, getattr(data, name))
    p.education = Education(data.education)
    p.status = PositionStatus(data.status)


def create_position(session: Session, actor: Actor, data: PositionInput) -> int:
    data = validate(data)
    require(session, actor, Action.POSITION_EDIT, data.department_id)
    _check_unique_code(session, data.code, None)
    now = session.info["clock"].now()
    p = Position(created_at=now, updated_at=now)
    _apply(p, data)
    p.rounds = [Round(sequence=s, name=n, kind=k) for s, n, k in DEFAULT_ROUNDS]
    session.add(p)
    session.flush()
    return p.id


def update_position(session: Session, actor: Actor, position_id: int, data: PositionInput,
                    expected_version: int) -> int:
    data = validate(data)
    p = _load(session, actor, position_id, Action.POSITION_EDIT)
    if p.version != expected_version:
        raise StaleWrite("position changed", entity="position")
    if data.department_id != p.department_id:
        require(session, actor, Action.POSITION_EDIT, data.department_id)
    _check_unique_code(session, data.code, p.id)
    _apply(p, data)
    p.updated_at = session.info["clock"].now()
    session.flush()
    return p.version
