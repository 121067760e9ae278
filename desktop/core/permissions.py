"""Who may do what, enforced in core services (hiding a button is only a courtesy).

A role is granted either institution-wide or for one department, which covers its sub-departments.
`require(...)` raises PermissionDenied; list queries restrict themselves with `visible_departments`.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import PermissionDenied
from desktop.core.model import Department, Role
from desktop.core.storage.database import Actor


class Action(str, Enum):
    CANDIDATE_VIEW = "candidate.view"
    CANDIDATE_CREATE = "candidate.create"
    CANDIDATE_EDIT = "candidate.edit"
    CANDIDATE_DELETE = "candidate.delete"
    CANDIDATE_REVEAL = "candidate.reveal"      # see ID number, phone, e-mail in clear (audited)
    CANDIDATE_EXPORT = "candidate.export"
    POSITION_VIEW = "position.view"
    POSITION_EDIT = "position.edit"            # create and edit
    INTERVIEW_VIEW = "interview.view"
    INTERVIEW_SCHEDULE = "interview.schedule"
    CHANGE_REQUEST = "change.request"
    APPROVAL_DECIDE = "approval.decide"
    SCORECARD_SUBMIT = "scorecard.submit"
    ROOM_BOARD = "room_board.view"
    CHECK_IN = "check_in.record"
    OUTBOX_VIEW = "outbox.view"
    OUTBOX_RETRY = "outbox.retry"
    REPORTS_VIEW = "reports.view"
    ARCHIVE_VIEW = "archive.view"
    ARCHIVE_EXPORT = "archive.export"
    AUDIT_VIEW = "audit.view"
    USERS_MANAGE = "users.manage"
    SETTINGS_MANAGE = "settings.manage"
    DEPARTMENTS_MANAGE = "departments.manage"


A = Action
# Institution-level actions ignore departments: holding the role anywhere is enough.
INSTITUTION_ACTIONS = frozenset({A.USERS_MANAGE, A.SETTINGS_MANAGE, A.DEPARTMENTS_MANAGE, A.AUDIT_VIEW,
                                 A.OUTBOX_VIEW, A.OUTBOX_RETRY, A.ROOM_BOARD, A.CHECK_IN})

MATRIX: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset({A.USERS_MANAGE, A.SETTINGS_MANAGE, A.DEPARTMENTS_MANAGE, A.AUDIT_VIEW,
                           A.OUTBOX_VIEW, A.OUTBOX_RETRY, A.POSITION_VIEW}),
    Role.HR_OFFICER: frozenset({A.CANDIDATE_VIEW, A.CANDIDATE_CREATE, A.CANDIDATE_EDIT, A.CANDIDATE_DELETE,
                                A.CANDIDATE_REVEAL, A.CANDIDATE_EXPORT, A.POSITION_VIEW, A.POSITION_EDIT,
                                A.INTERVIEW_VIEW, A.INTERVIEW_SCHEDULE, A.CHANGE_REQUEST, A.ROOM_BOARD,
                                A.CHECK_IN, A.OUTBOX_VIEW, A.OUTBOX_RETRY, A.REPORTS_VIEW, A.ARCHIVE_VIEW,
                                A.ARCHIVE_EXPORT}),
    Role.INTERVIEWER: frozenset({A.CANDIDATE_VIEW, A.POSITION_VIEW, A.INTERVIEW_VIEW, A.CHANGE_REQUEST,
                                 A.SCORECARD_SUBMIT}),
    Role.DEPT_LEADER: frozenset({A.CANDIDATE_VIEW, A.POSITION_VIEW, A.INTERVIEW_VIEW, A.APPROVAL_DECIDE,
                                 A.CHANGE_REQUEST, A.SCORECARD_SUBMIT, A.REPORTS_VIEW}),
    Role.PERSONNEL_OFFICE: frozenset({A.CANDIDATE_VIEW, A.CANDIDATE_REVEAL, A.CANDIDATE_EXPORT, A.POSITION_VIEW,
                                      A.POSITION_EDIT, A.INTERVIEW_VIEW, A.APPROVAL_DECIDE, A.REPORTS_VIEW,
                                      A.ARCHIVE_VIEW, A.ARCHIVE_EXPORT, A.AUDIT_VIEW}),
    Role.DIRECTOR: frozenset({A.CANDIDATE_VIEW, A.POSITION_VIEW, A.INTERVIEW_VIEW, A.APPROVAL_DECIDE,
                              A.SCORECARD_SUBMIT, A.REPORTS_VIEW, A.ARCHIVE_VIEW}),
    Role.RECEPTION: frozenset({A.ROOM_BOARD, A.CHECK_IN}),
}


class DepartmentTree:
    """Parent links of all departments, read once per unit of work."""

    def __init__(self, parents: dict[int, int | None]) -> None:
        self.parents = parents

    @classmethod
    def load(cls, session: Session) -> "DepartmentTree":
        cached = session.info.get("_department_tree")
        if cached is None:
            cached = cls(dict(session.execute(select(Department.id, Department.parent_id)).all()))
            session.info["_department_tree"] = cached
        return cached

    def covers(self, ancestor: int, department: int | None) -> bool:
        seen = set()
        while department is not None and department not in seen:
            if department == ancestor:
                return True
            seen.add(department)
            department = self.parents.get(department)
        return False

    def subtree(self, root: int) -> set[int]:
        return {d for d in self.parents if self.covers(root, d)}


def _grants_for(actor: Actor, action: Action) -> list[int | None]:
    return [dept for role, dept in actor.grants if action in MATRIX.get(Role(role), ())]


def allowed(session: Session, actor: Actor, action: Action, department_id: int | None = None) -> bool:
    if actor.system:
        return True
    scopes = _grants_for(actor, action)
    if not scopes:
        return False
    if action in INSTITUTION_ACTIONS or None in scopes:
        return True
    tree = DepartmentTree.load(session)
    return any(tree.covers(scope, department_id) for scope in scopes if scope is not None)


def require(session: Session, actor: Actor, action: Action, department_id: int | None = None) -> None:
    if not allowed(session, actor, action, department_id):
        raise PermissionDenied(action.value, action=action.value)


def visible_departments(session: Session, actor: Actor, action: Action) -> set[int] | None:
    """Departments whose records the actor may see for `action`: None means all of them."""
    if actor.system:
        return None
    scopes = _grants_for(actor, action)
    if not scopes:
        raise PermissionDenied(action.value, action=action.value)
    if None in scopes or action in INSTITUTION_ACTIONS:
        return None
    tree = DepartmentTree.load(session)
    visible: set[int] = set()
    for scope in scopes:
        visible |= tree.subtree(scope)
    return visible


def actions_of(actor: Actor) -> set[Action]:
    """Every action the actor may take somewhere (for showing or hiding pages and buttons)."""
    if actor.system:
        return set(Action)
    return {a for role, _ in actor.grants for a in MATRIX.get(Role(role), ())}


def roles_of(actor: Actor) -> set[Role]:
    return {Role(role) for role, _ in actor.grants}


def any_allowed(actor: Actor, actions: Iterable[Action]) -> bool:
    mine = actions_of(actor)
    return any(a in mine for a in actions)
