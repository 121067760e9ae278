"""Applications (应聘): a candidate applying to a position, and the application's stages.

An officer applies a candidate to a position from the candidate page, the position page or the
booking dialog; the application is what an interview is booked for. Stage moves (待定, 拟录用, 已录用,
未录用, 撤回) have effects: 已录用 counts against the position's headcount, a closing stage closes the
application (it can no longer be booked), and interviews still booked for it are cancelled only when
the officer says so, through the approval chain like every other cancellation. Every step is on the
application's timeline and, like every change, in the audit log.

Who: an officer who schedules interviews for the position's department (the HR officer) applies and
moves; whoever may see the candidate or the position sees its applications.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from desktop.core.errors import DuplicateRecord, InvalidState, NotFound, StaleWrite, ValidationFailed
from desktop.core.model import (
    CLOSED_STAGES, Application, ApplicationEvent, ApplicationStage, Candidate, ChangeKind, Department, Interview,
    Party, Position, PositionStatus,
)
from desktop.core.permissions import Action, require, visible_departments
from desktop.core.scheduling import changes
from desktop.core.storage.database import Actor

# The stages an application may start in, and those an officer moves it to by hand ("interviewing"
# follows from booking an interview).
STARTING_STAGES = (ApplicationStage.APPLIED, ApplicationStage.SCREENING, ApplicationStage.ON_HOLD)
MOVABLE_STAGES = (ApplicationStage.SCREENING, ApplicationStage.ON_HOLD, ApplicationStage.OFFER,
                  ApplicationStage.HIRED, ApplicationStage.REJECTED, ApplicationStage.WITHDRAWN)
OPEN_STAGES = tuple(s for s in ApplicationStage if s not in CLOSED_STAGES)
KEEP, CANCEL, ASK = "keep", "cancel", "ask"     # what to do with interviews still booked when a move closes


@dataclass(frozen=True)
class ApplicationInput:
    candidate_id: int | None
    position_id: int | None
    stage: str = ApplicationStage.APPLIED.value
    source: str = ""


@dataclass(frozen=True)
class Applied:
    application_id: int
    reopened: bool      # a closed application for the same position was opened again


@dataclass(frozen=True)
class StageMove:
    application_id: int
    stage: str
    expected_version: int
    booked: str = ASK   # keep / cancel the interviews still booked; ask: refuse, naming how many
    reason: str = ""    # the cancellation's reason for the approvers (required with "cancel")


@dataclass(frozen=True)
class StageMoved:
    application_id: int
    stage: str
    version: int
    cancel_requests: tuple[int, ...] = ()   # cancellation requests filed (applied at once without a chain)
    kept: tuple[int, ...] = ()              # interviews left booked on purpose


@dataclass(frozen=True)
class ApplicationRow:
    id: int
    version: int
    candidate_id: int
    candidate: str
    position_id: int
    position: str
    position_code: str
    stage: str
    source: str
    applied_at: datetime
    closed_at: datetime | None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None


@dataclass(frozen=True)
class EventRow:
    at: datetime
    kind: str           # applied, stage_changed, reopened
    actor: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class CandidateChoice:
    """A candidate who can be applied (has no open application matching the question)."""

    id: int
    name: str
    department: str
    source: str


# --- applying ------------------------------------------------------------------------------------

def validate(data: ApplicationInput) -> ApplicationInput:
    problems: dict[str, str] = {}
    if data.candidate_id is None:
        problems["candidate_id"] = "required"
    if data.position_id is None:
        problems["position_id"] = "required"
    if data.stage not in {s.value for s in STARTING_STAGES}:
        problems["stage"] = "choice"
    source = data.source.strip()
    if len(source) > 50:
        problems["source"] = "too_long"
    if problems:
        raise ValidationFailed(problems)
    return ApplicationInput(data.candidate_id, data.position_id, data.stage, source)


def _event(session: Session, actor: Actor, application: Application, kind: str, **detail: Any) -> None:
    session.add(ApplicationEvent(application_id=application.id, at=session.info["clock"].now(), kind=kind,
                                 actor_id=actor.user_id, actor_label=actor.label, detail=detail))


def apply(session: Session, actor: Actor, data: ApplicationInput) -> Applied:
    """Apply a candidate to a position. An open application for the same position is refused
    (DuplicateRecord, field "application"); a closed one is opened again with its history."""
    data = validate(data)
    candidate = session.get(Candidate, data.candidate_id)
    position = session.get(Position, data.position_id)
    if candidate is None:
        raise NotFound("candidate", entity="candidate")
    if position is None:
        raise NotFound("position", entity="position")
    require(session, actor, Action.CANDIDATE_VIEW, candidate.department_id)
    require(session, actor, Action.INTERVIEW_SCHEDULE, position.department_id)
    problems = {}
    if position.status != PositionStatus.OPEN:
        problems["position_id"] = "position_not_open"
    if candidate.restricted:
        problems["candidate_id"] = "restricted"
    if problems:
        raise ValidationFailed(problems)
    now = session.info["clock"].now()
    stage = ApplicationStage(data.stage)
    source = data.source or candidate.source_channel
    existing = session.scalar(select(Application).where(Application.candidate_id == candidate.id,
                                                        Application.position_id == position.id))
    if existing is not None:
        if existing.stage not in CLOSED_STAGES:
            raise DuplicateRecord("open application exists", field="application", reason="open_application",
                                  stage=existing.stage.value)
        before = existing.stage
        existing.stage, existing.closed_at, existing.source = stage, None, source
        existing.hr_owner_id = actor.user_id or existing.hr_owner_id
        session.flush()
        _event(session, actor, existing, "reopened", before=before.value, stage=stage.value, source=source)
        session.flush()
        return Applied(existing.id, True)
    application = Application(candidate_id=candidate.id, position_id=position.id, stage=stage, source=source,
                              hr_owner_id=actor.user_id, applied_at=now)
    session.add(application)
    session.flush()
    _event(session, actor, application, "applied", stage=stage.value, source=source)
    session.flush()
    return Applied(application.id, False)


# --- moving through the stages -------------------------------------------------------------------

def _load(session: Session, actor: Actor, application_id: int, action: Action) -> tuple[Application, Position]:
    row = session.execute(select(Application, Position).join(Position, Position.id == Application.position_id)
                          .where(Application.id == application_id)).first()
    if row is None:
        raise NotFound("application", entity="application")
    require(session, actor, action, row[1].department_id)
    return row[0], row[1]


def booked_interviews(session: Session, application_id: int) -> list[int]:
    """Interviews of the application that are still to happen (booked, confirmed or awaiting a change)."""
    now = session.info["clock"].now()
    return list(session.scalars(select(Interview.id).where(
        Interview.application_id == application_id, Interview.status.in_(changes.CHANGEABLE),
        Interview.starts_at > now).order_by(Interview.starts_at)))


def hired_count(session: Session, position_id: int) -> int:
    return session.scalar(select(func.count()).select_from(Application).where(
        Application.position_id == position_id, Application.stage == ApplicationStage.HIRED)) or 0


def move_stage(session: Session, actor: Actor, move: StageMove) -> StageMoved:
    """Move an application to another stage, with the stage's effects, in one unit of work.

    Refused (nothing written): a version someone else has changed meanwhile (StaleWrite); 已录用 on a
    position whose headcount is filled (InvalidState "headcount_full"); a closing stage while
    interviews are still booked and the officer has not said whether to keep or cancel them
    (InvalidState "booked_interviews", with their number)."""
    if move.stage not in {s.value for s in MOVABLE_STAGES}:
        raise ValidationFailed({"stage": "choice"})
    if move.booked not in (ASK, KEEP, CANCEL):
        raise ValidationFailed({"booked": "choice"})
    if move.booked == CANCEL and not move.reason.strip():
        raise ValidationFailed({"reason": "required"})
    application, position = _load(session, actor, move.application_id, Action.INTERVIEW_SCHEDULE)
    if application.version != move.expected_version:
        raise StaleWrite("application changed", entity="application")
    stage = ApplicationStage(move.stage)
    if stage == application.stage:
        raise ValidationFailed({"stage": "unchanged"})
    if stage == ApplicationStage.HIRED:
        # Lock the position so that two officers cannot both fill its last place (PostgreSQL; an
        # embedded database has one writer at a time anyway).
        session.execute(select(Position.id).where(Position.id == position.id).with_for_update())
        hired = hired_count(session, position.id)
        if hired >= position.headcount:
            raise InvalidState("headcount filled", status="headcount_full", hired=hired, headcount=position.headcount)
    booked = booked_interviews(session, application.id) if stage in CLOSED_STAGES else []
    if booked and move.booked == ASK:
        raise InvalidState("interviews still booked", status="booked_interviews", count=len(booked))
    before = application.stage
    application.stage = stage
    now = session.info["clock"].now()
    if stage in CLOSED_STAGES:
        application.closed_at = application.closed_at or now
    else:
        application.closed_at = None
    session.flush()
    requests: list[int] = []
    if booked and move.booked == CANCEL:
        for interview_id in booked:
            result = changes.request_change(session, actor, changes.ChangeInput(
                interview_id=interview_id, kind=ChangeKind.CANCEL, party=Party.HR, reason=move.reason.strip()))
            requests.append(result.change_request_id)
    kept = tuple(booked) if move.booked == KEEP else ()
    _event(session, actor, application, "reopened" if before in CLOSED_STAGES and stage not in CLOSED_STAGES
           else "stage_changed", before=before.value, stage=stage.value, reason=move.reason.strip(),
           kept_interviews=list(kept), cancel_requests=requests)
    session.flush()
    if stage in CLOSED_STAGES:
        from desktop.core.archive import dossier   # (PDF rendering: loaded when an application closes, not at start)

        dossier.produce_on_close(session, actor, application.id)    # the closed application's dossier (面试档案)
    return StageMoved(application.id, stage.value, application.version, tuple(requests), kept)


# --- reading ---------------------------------------------------------------------------------------

def _rows(session: Session, *conditions: Any, limit: int | None = None) -> list[ApplicationRow]:
    stmt = (select(Application, Candidate.name, Position.title, Position.code)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Position, Position.id == Application.position_id)
            .where(*conditions).order_by(Application.applied_at, Application.id))
    if limit is not None:
        stmt = stmt.order_by(None).order_by(Candidate.name_sort_key, Application.id).limit(limit)
    return [ApplicationRow(a.id, a.version, a.candidate_id, name, a.position_id, title, code, a.stage.value, a.source,
                           a.applied_at, a.closed_at) for a, name, title, code in session.execute(stmt)]


def of_candidate(session: Session, actor: Actor, candidate_id: int) -> list[ApplicationRow]:
    candidate = session.get(Candidate, candidate_id)
    if candidate is None:
        raise NotFound("candidate", entity="candidate")
    require(session, actor, Action.CANDIDATE_VIEW, candidate.department_id)
    return _rows(session, Application.candidate_id == candidate_id)


def of_position(session: Session, actor: Actor, position_id: int, *, stage: str = "",
                limit: int = 200) -> tuple[list[ApplicationRow], int]:
    """The applicants of a position in pinyin order of their names (at most `limit`), and how many
    there are in all; `stage` narrows to one stage."""
    position = session.get(Position, position_id)
    if position is None:
        raise NotFound("position", entity="position")
    require(session, actor, Action.POSITION_VIEW, position.department_id)
    conditions = [Application.position_id == position_id]
    if stage:
        conditions.append(Application.stage == ApplicationStage(stage))
    total = session.scalar(select(func.count()).select_from(Application).where(*conditions)) or 0
    return _rows(session, *conditions, limit=max(1, min(limit, 500))), total


def timeline(session: Session, actor: Actor, application_id: int) -> list[EventRow]:
    application = session.get(Application, application_id)
    if application is None:
        raise NotFound("application", entity="application")
    position = session.get(Position, application.position_id)
    require(session, actor, Action.POSITION_VIEW, position.department_id)
    events = session.scalars(select(ApplicationEvent).where(ApplicationEvent.application_id == application_id)
                             .order_by(ApplicationEvent.at, ApplicationEvent.id))
    return [EventRow(e.at, e.kind, e.actor_label, dict(e.detail or {})) for e in events]


def candidates_to_apply(session: Session, actor: Actor, text: str = "", *, position_id: int | None = None,
                        limit: int = 20) -> list[CandidateChoice]:
    """Candidates the actor can see whose name contains `text` and who have no open application (for
    `position_id`: none for that position), newest first when nothing is typed. Names only: this is no
    way around the audited identifier search."""
    depts = visible_departments(session, actor, Action.CANDIDATE_VIEW)
    open_for = [Application.candidate_id == Candidate.id, Application.stage.in_(OPEN_STAGES)]
    if position_id is not None:
        open_for.append(Application.position_id == position_id)
    conditions = [~select(Application.id).where(and_(*open_for)).exists()]
    if depts is not None:
        conditions.append(Candidate.department_id.in_(depts))
    if text.strip():
        conditions.append(Candidate.name.contains(text.strip()))
    order = (Candidate.name_sort_key, Candidate.id) if text.strip() else (Candidate.created_at.desc(), Candidate.id.desc())
    found = session.execute(select(Candidate.id, Candidate.name, Department.name, Candidate.source_channel)
                            .outerjoin(Department, Department.id == Candidate.department_id)
                            .where(*conditions).order_by(*order).limit(max(1, min(limit, 200)))).all()
    return [CandidateChoice(cid, name, dept or "", source) for cid, name, dept, source in found]
