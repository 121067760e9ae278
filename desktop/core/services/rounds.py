"""A position's interview rounds as the interview room uses them: the planned duration, the closing
checklist (None: the institution's default list) and how many questions the candidate is invited
to ask (None: the institution's default). Edited together, checked completely before any is written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import NotFound, ValidationFailed
from desktop.core.interview_room import checklist_problem
from desktop.core.model import Position, Round
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor


@dataclass(frozen=True)
class RoundSettings:
    id: int
    sequence: int
    name: str
    kind: str
    duration_minutes: int
    closing_checklist: tuple[str, ...] | None      # None: the institution's default list
    min_questions: int | None                      # None: the institution's default


def position_rounds(session: Session, actor: Actor, position_id: int) -> list[RoundSettings]:
    position = session.get(Position, position_id)
    if position is None:
        raise NotFound("position", entity="position")
    require(session, actor, Action.POSITION_VIEW, position.department_id)
    return [RoundSettings(r.id, r.sequence, r.name, r.kind.value, r.duration_minutes,
                          tuple(r.closing_checklist) if r.closing_checklist else None, r.min_questions)
            for r in session.scalars(select(Round).where(Round.position_id == position_id).order_by(Round.sequence))]


def update_rounds(session: Session, actor: Actor, position_id: int, rounds: list[RoundSettings]) -> None:
    """Store the rounds' room settings; a problem in any round refuses them all. Problems are keyed
    "<field><sequence>" (e.g. duration_minutes2) so the form can show them beside the round."""
    position = session.get(Position, position_id)
    if position is None:
        raise NotFound("position", entity="position")
    require(session, actor, Action.POSITION_EDIT, position.department_id)
    own = {r.id: r for r in session.scalars(select(Round).where(Round.position_id == position_id))}
    problems: dict[str, str] = {}
    for data in rounds:
        if data.id not in own:
            raise NotFound("round", entity="round")
        if not 10 <= data.duration_minutes <= 480:
            problems[f"duration_minutes{data.sequence}"] = "range"
        if data.min_questions is not None and not 0 <= data.min_questions <= 10:
            problems[f"min_questions{data.sequence}"] = "range"
        items = [" ".join(i.split()) for i in data.closing_checklist or () if i.strip()]
        problem = checklist_problem(items)
        if problem:
            problems[f"closing_checklist{data.sequence}"] = problem
    if problems:
        raise ValidationFailed(problems)
    for data in rounds:
        rnd = own[data.id]
        items = [" ".join(i.split()) for i in data.closing_checklist or () if i.strip()]
        rnd.duration_minutes = data.duration_minutes
        rnd.closing_checklist = items or None
        rnd.min_questions = data.min_questions
    session.flush()
