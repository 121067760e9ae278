"""Departments as a tree, for pickers and for the admin's department list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import DuplicateRecord, NotFound, ValidationFailed
from desktop.core.model import Department
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor
from desktop.core.validation import MAX_LENGTH, clean_name, name_problem


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    code: str
    parent_id: int | None
    depth: int


def list_departments(session: Session) -> list[DepartmentInfo]:
    """Every active department, parents before children, in name order within a level.
    Department names are not personal data; every logged-in user may read them."""
    rows = session.execute(select(Department.id, Department.name, Department.code, Department.parent_id)
                           .where(Department.is_active).order_by(Department.name)).all()
    children: dict[int | None, list] = {}
    for r in rows:
        children.setdefault(r.parent_id, []).append(r)
    ids = {r.id for r in rows}
    result: list[DepartmentInfo] = []

    def walk(parent: int | None, depth: int) -> None:
        for r in children.get(parent, []):
            result.append(DepartmentInfo(r.id, r.name, r.code, r.parent_id, depth))
            walk(r.id, depth + 1)

    walk(None, 0)
    for r in rows:  # orphans whose parent is inactive
        if r.parent_id is not None and r.parent_id not in ids:
            result.append(DepartmentInfo(r.id, r.name, r.code, r.parent_id, 0))
            walk(r.id, 1)
    return result


def create_department(session: Session, actor: Actor, name: str, code: str, parent_id: int | None = None) -> int:
    require(session, actor, Action.DEPARTMENTS_MANAGE)
    problem, name, code = name_problem(name, MAX_LENGTH["name"]), clean_name(name), code.strip().upper()
    problems = {}
    if problem:
        problems["name"] = problem
    if not re.fullmatch(r"[A-Z0-9][A-Z0-9_\-]{0,31}", code):
        problems["code"] = "code_format"
    if problems:
        raise ValidationFailed(problems)
    if session.scalar(select(Department.id).where(Department.code == code)):
        raise DuplicateRecord("department code taken", field="code")
    if parent_id is not None and session.get(Department, parent_id) is None:
        raise NotFound("department", entity="department")
    dept = Department(name=name, code=code, parent_id=parent_id, created_at=session.info["clock"].now())
    session.add(dept)
    session.flush()
    return dept.id
