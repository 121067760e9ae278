"""A position's structured requirements (what the match report measures): read them, replace them
all at once (checked completely first, one transaction, audited like every write), and the names of
the institution's own profile fields that candidates are asked for."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import flag_modified

from desktop.core import matching
from desktop.core.errors import NotFound, StaleWrite, ValidationFailed
from desktop.core.model import Education, Position, PositionRequirement, RequirementKind
from desktop.core.permissions import Action, allowed, require
from desktop.core.settings import institution_value
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_name, clean_text, name_problem, text_problem

MAX_REQUIREMENTS = 30
MAX_WEIGHT = 10
LABEL_LENGTH = 100           # position_requirements.label
VALUE_LENGTH = 2000
MAX_YEARS = 50
MAX_PROFILE_FIELDS = 30


@dataclass(frozen=True)
class RequirementInput:
    kind: str
    label: str = ""
    value: str = ""
    weight: int = 1


@dataclass(frozen=True)
class PositionRequirements:
    position_id: int
    version: int
    requirements: list[RequirementInput] = field(default_factory=list)
    legacy: bool = False        # none stored: these are the position's older fields, shown for a start
    can_edit: bool = False


def _problem(n: int, name: str) -> str:
    """The key of one row's problem: "requirement3_value" (rows count from 1, as the table shows them)."""
    return f"requirement{n + 1}_{name}"


def validate(items: list[RequirementInput]) -> list[RequirementInput]:
    """The cleaned requirements, or ValidationFailed naming every problem of every row at once."""
    problems: dict[str, str] = {}
    if len(items) > MAX_REQUIREMENTS:
        problems["requirements"] = "too_many"
    cleaned = []
    kinds = {k.value for k in RequirementKind}
    for n, item in enumerate(items):
        kind, label, value = item.kind, clean_name(item.label), item.value
        if kind not in kinds:
            problems[_problem(n, "kind")] = "choice"
        problem = name_problem(item.label, LABEL_LENGTH, required=kind == RequirementKind.CUSTOM)
        if problem:
            problems[_problem(n, "label")] = problem
        if not isinstance(item.weight, int) or isinstance(item.weight, bool) or not 1 <= item.weight <= MAX_WEIGHT:
            problems[_problem(n, "weight")] = "range"
        if kind == RequirementKind.EDUCATION:
            value = value.strip()
            if value not in {e.value for e in Education} - {Education.NONE.value}:
                problems[_problem(n, "value")] = "choice"
        elif kind == RequirementKind.YEARS:
            value = value.strip()
            if not re.fullmatch(r"\d{1,2}", value) or not 0 <= int(value) <= MAX_YEARS:
                problems[_problem(n, "value")] = "range"
            else:
                value = str(int(value))
        elif kind in kinds:
            problem = text_problem(value, VALUE_LENGTH)
            words = matching.keywords(clean_text(value))
            if problem or not words:
                problems[_problem(n, "value")] = problem or "required"
            value = ", ".join(words)
        cleaned.append(RequirementInput(kind, label, value, item.weight))
    if problems:
        raise ValidationFailed(problems)
    return cleaned


def _position(session: Session, actor: Actor, position_id: int, action: Action) -> Position:
    p = session.get(Position, position_id)
    if p is None:
        raise NotFound("position", entity="position")
    require(session, actor, action, p.department_id)
    return p


def _stored(session: Session, position_id: int) -> list[PositionRequirement]:
    return list(session.scalars(select(PositionRequirement).where(PositionRequirement.position_id == position_id)
                                .order_by(PositionRequirement.ordinal)))


def get_requirements(session: Session, actor: Actor, position_id: int) -> PositionRequirements:
    """The stored requirements; a position without any shows its older fields (education, minimum
    years, skills) as requirements, which the editor offers as a start."""
    p = _position(session, actor, position_id, Action.POSITION_VIEW)
    rows = _stored(session, p.id)
    if rows:
        found = [RequirementInput(r.kind.value, r.label, r.value, r.weight) for r in rows]
    else:
        found = [RequirementInput(r.kind, r.label, r.value, r.weight)
                 for r in matching.legacy_requirements(p.education.value, p.min_years, p.skills)]
    return PositionRequirements(p.id, p.version, found, legacy=not rows,
                                can_edit=allowed(session, actor, Action.POSITION_EDIT, p.department_id))


def replace_requirements(session: Session, actor: Actor, position_id: int, items: list[RequirementInput],
                         expected_version: int | None) -> int:
    """Make `items` the position's requirements, in this order. Checked completely before anything
    is written; refused with StaleWrite when the position was saved by someone else since
    `expected_version` (None: the caller saved the position itself in this unit of work). An
    unchanged list writes nothing. Returns the position's version."""
    items = validate(items)
    p = _position(session, actor, position_id, Action.POSITION_EDIT)
    if expected_version is not None and p.version != expected_version:
        raise StaleWrite("position changed", entity="position")
    rows = _stored(session, p.id)
    if [(r.kind.value, r.label, r.value, r.weight) for r in rows] == [(i.kind, i.label, i.value, i.weight)
                                                                      for i in items]:
        return p.version
    for row in rows:
        session.delete(row)
    session.flush()                # the old ordinals are gone before the new rows take them
    for n, item in enumerate(items):
        session.add(PositionRequirement(position_id=p.id, ordinal=n, kind=RequirementKind(item.kind),
                                        label=item.label, value=item.value, weight=item.weight))
    p.updated_at = session.info["clock"].now()
    flag_modified(p, "updated_at")   # a new version even within the same second: an open editor elsewhere must reload
    session.flush()
    return p.version


def profile_fields(session: Session) -> list[str]:
    """The institution's own profile fields candidates are asked for: the list in the setting
    `match.profile_fields`, then the labels of custom requirements in use, each once."""
    listed = matching.keywords(str(institution_value(session, "match.profile_fields") or ""))
    used = session.scalars(select(PositionRequirement.label).where(
        PositionRequirement.kind == RequirementKind.CUSTOM).distinct()).all()
    return list(dict.fromkeys([*listed, *sorted(u for u in used if u)]))[:MAX_PROFILE_FIELDS]
