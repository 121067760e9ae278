"""Approval chains as configuration: which chain governs a change, who may act on a step
(named user, role holders for the department, delegates of an absent approver, the deputy after
the deadline), and the admin's editing of chains."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.core.errors import NotFound, ValidationFailed
from desktop.core.model import (
    ApprovalChain, ApprovalStep, ChangeKind, Delegation, Department, Role, RoleGrant, StepKind, User,
)
from desktop.core.permissions import Action, DepartmentTree, require
from desktop.core.storage.database import Actor



def chain_for(session: Session, department_id: int | None, kind: ChangeKind) -> ApprovalChain | None:
    """The most specific active chain: the department (or its nearest ancestor) and the change kind,
    then the department for any kind, then institution-wide for the kind, then institution-wide."""
    chains = session.scalars(select(ApprovalChain).options(selectinload(ApprovalChain.steps))
                             .where(ApprovalChain.is_active)).all()
    tree = DepartmentTree.load(session)
    lineage: list[int | None] = []
    dept = department_id
    while dept is not None and dept not in lineage:
        lineage.append(dept)
        dept = tree.parents.get(dept)
    lineage.append(None)
    for dept in lineage:
        for wanted_kind in (kind, None):
            for chain in chains:
                if chain.department_id == dept and chain.change_kind == wanted_kind:
                    return chain
    return None


def role_holders(session: Session, role: Role, department_id: int | None) -> set[int]:
    tree = DepartmentTree.load(session)
    rows = session.execute(select(RoleGrant.user_id, RoleGrant.department_id)
                           .join(User, User.id == RoleGrant.user_id)
                           .where(RoleGrant.role == role, User.is_active)).all()
    return {u for u, scope in rows if scope is None or tree.covers(scope, department_id)}


def step_approvers(session: Session, step: ApprovalStep, department_id: int | None) -> set[int]:
    if step.user_id is not None:
        return {step.user_id}
    return role_holders(session, step.role, department_id) if step.role else set()


@dataclass(frozen=True)
class Standing:
    """Why an actor may decide a step: in their own right, for an absent approver, or as deputy."""

    allowed: bool
    role: str = ""
    acting_for: int | None = None


def standing(session: Session, actor: Actor, step: ApprovalStep, department_id: int | None, now: datetime,
             step_due_at: datetime | None) -> Standing:
    if actor.user_id is None:
        return Standing(False)
    approvers = step_approvers(session, step, department_id)
    role = step.role.value if step.role else "named"
    if actor.user_id in approvers:
        return Standing(True, role)
    delegators = session.scalars(select(Delegation.user_id).where(
        Delegation.delegate_id == actor.user_id, Delegation.starts_at <= now, Delegation.ends_at > now)).all()
    for delegator in delegators:
        if delegator in approvers:
            return Standing(True, role, acting_for=delegator)
    if step.escalate_to_id == actor.user_id and step_due_at is not None and now >= step_due_at:
        return Standing(True, "deputy")
    return Standing(False)


# --- editing chains (Settings) ------------------------------------------------------------------

@dataclass(frozen=True)
class StepInput:
    kind: str
    role: str | None = None
    user_id: int | None = None
    deadline_minutes: int | None = None
    escalate_to_id: int | None = None


@dataclass(frozen=True)
class ChainInput:
    name: str
    department_id: int | None
    change_kind: str | None
    allow_same_day_apply: bool
    steps: tuple[StepInput, ...]
    is_active: bool = True


@dataclass(frozen=True)
class ChainInfo:
    id: int
    version: int
    data: ChainInput
    department: str


def _validate(data: ChainInput) -> None:
    problems: dict[str, str] = {}
    if not data.name.strip():
        problems["name"] = "required"
    if data.change_kind is not None and data.change_kind not in {k.value for k in ChangeKind}:
        problems["change_kind"] = "choice"
    for i, step in enumerate(data.steps, start=1):
        if step.kind not in {k.value for k in StepKind}:
            problems[f"step{i}"] = "choice"
        elif (step.role is None) == (step.user_id is None):
            problems[f"step{i}"] = "role_or_user"
        elif step.role is not None and step.role not in {r.value for r in Role}:
            problems[f"step{i}"] = "choice"
        elif step.deadline_minutes is not None and not 5 <= step.deadline_minutes <= 30 * 24 * 60:
            problems[f"step{i}"] = "range"
    if problems:
        raise ValidationFailed(problems)


def list_chains(session: Session, actor: Actor) -> list[ChainInfo]:
    require(session, actor, Action.SETTINGS_MANAGE)
    names = dict(session.execute(select(Department.id, Department.name)).all())
    chains = session.scalars(select(ApprovalChain).options(selectinload(ApprovalChain.steps))
                             .order_by(ApprovalChain.department_id.is_not(None), ApprovalChain.name)).all()
    return [ChainInfo(c.id, c.version, ChainInput(
        name=c.name, department_id=c.department_id, change_kind=c.change_kind.value if c.change_kind else None,
        allow_same_day_apply=c.allow_same_day_apply, is_active=c.is_active,
        steps=tuple(StepInput(s.kind.value, s.role.value if s.role else None, s.user_id, s.deadline_minutes,
                              s.escalate_to_id) for s in c.steps)),
        names.get(c.department_id, "") if c.department_id else "") for c in chains]


def save_chain(session: Session, actor: Actor, data: ChainInput, chain_id: int | None = None,
               expected_version: int | None = None) -> int:
    """Create or replace a chain's settings and steps as one change."""
    require(session, actor, Action.SETTINGS_MANAGE)
    _validate(data)
    if chain_id is None:
        chain = ApprovalChain()
        session.add(chain)
    else:
        chain = session.get(ApprovalChain, chain_id)
        if chain is None:
            raise NotFound("chain", entity="chain")
        if expected_version is not None and chain.version != expected_version:
            from desktop.core.errors import StaleWrite

            raise StaleWrite("chain changed", entity="chain")
    chain.name = data.name.strip()
    chain.department_id = data.department_id
    chain.change_kind = ChangeKind(data.change_kind) if data.change_kind else None
    chain.allow_same_day_apply = data.allow_same_day_apply
    chain.is_active = data.is_active
    chain.steps.clear()
    session.flush()
    chain.steps.extend(ApprovalStep(position=i, kind=StepKind(s.kind), role=Role(s.role) if s.role else None,
                                    user_id=s.user_id, deadline_minutes=s.deadline_minutes,
                                    escalate_to_id=s.escalate_to_id)
                       for i, s in enumerate(data.steps, start=1))
    session.flush()
    return chain.id


def add_delegation(session: Session, actor: Actor, user_id: int, delegate_id: int, starts_at: datetime,
                   ends_at: datetime) -> int:
    """An approver (or an admin for them) names a delegate for a period of absence."""
    if actor.user_id != user_id:
        require(session, actor, Action.SETTINGS_MANAGE)
    if ends_at <= starts_at or delegate_id == user_id:
        raise ValidationFailed({"ends_at" if ends_at <= starts_at else "delegate_id": "range"})
    delegation = Delegation(user_id=user_id, delegate_id=delegate_id, starts_at=starts_at, ends_at=ends_at)
    session.add(delegation)
    session.flush()
    return delegation.id
