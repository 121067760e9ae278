"""Conflict rules for a booking or a change.

Hard conflicts can never be overridden: a room booked twice, a time in the past, an inactive room,
and the candidate in two interviews at once (they would receive contradicting messages). An
interviewer in two interviews at once is hard too, unless the institution lets HR override it with
a reason (setting `scheduling.allow_interviewer_overlap_override`, e.g. for joint panels). Soft
conflicts (an interviewer's Outlook calendar busy, a room too small, outside working hours, a
holiday, free/busy unknown) may be overridden by HR with a reason, which is audited."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.model import (
    Application, Interview, InterviewMode, InterviewParticipant, InterviewStatus, Room, User,
)
from desktop.core.model.base import StrEnum, run_built, time_param
from desktop.core.scheduling.office import OfficeHours
from desktop.core.scheduling.provider import BusyTimes, with_imported

# The longest interview we allow; bounds the index range scan for overlaps.
MAX_DURATION = timedelta(hours=8)
BLOCKING = (InterviewStatus.SCHEDULED, InterviewStatus.PENDING_APPROVAL, InterviewStatus.CONFIRMED,
            InterviewStatus.IN_PROGRESS, InterviewStatus.FINISHED)


class ConflictKind(StrEnum):
    ROOM_BOOKED = "room_booked"
    IN_PAST = "in_past"
    ROOM_INACTIVE = "room_inactive"
    INTERVIEWER_BUSY = "interviewer_busy"
    INTERVIEWER_CALENDAR_BUSY = "interviewer_calendar_busy"
    ROOM_CALENDAR_BUSY = "room_calendar_busy"
    FREEBUSY_UNKNOWN = "freebusy_unknown"
    CANDIDATE_BOOKED = "candidate_booked"
    ROOM_TOO_SMALL = "room_too_small"
    OUTSIDE_HOURS = "outside_hours"
    HOLIDAY = "holiday"
    WEEKEND = "weekend"


HARD = frozenset({ConflictKind.ROOM_BOOKED, ConflictKind.IN_PAST, ConflictKind.ROOM_INACTIVE,
                  ConflictKind.CANDIDATE_BOOKED})
OVERLAP_OVERRIDE = "scheduling.allow_interviewer_overlap_override"


@dataclass(frozen=True)
class Conflict:
    kind: ConflictKind
    subject: str = ""                 # who or what: an interviewer's name, a room's name, a holiday
    other_interview_id: int | None = None
    other_start: datetime | None = None
    strict: bool = False              # hard by the institution's setting (an interviewer's overlap)

    @property
    def hard(self) -> bool:
        return self.kind in HARD or self.strict


@dataclass(frozen=True)
class Proposal:
    """What a booking or change would put in the calendar."""

    starts_at: datetime
    duration_minutes: int
    mode: InterviewMode
    room_id: int | None
    interviewer_ids: tuple[int, ...]
    candidate_id: int
    observer_ids: tuple[int, ...] = ()
    exclude_interview_id: int | None = None  # the interview being changed does not conflict with itself

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def people(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(self.interviewer_ids + self.observer_ids))


def involving(people: tuple[int, ...]):
    """The interview has one of `people` among its participants. Written as a correlated EXISTS so
    the planner walks the (short) time window and probes the (interview, user) index, instead of
    every booking those people ever had."""
    return (select(InterviewParticipant.id)
            .where(InterviewParticipant.interview_id == Interview.id, InterviewParticipant.user_id.in_(people))
            .exists())


def _ends(starts_at: datetime, minutes: int) -> datetime:
    return starts_at + timedelta(minutes=minutes)


_STATEMENTS: dict[tuple, object] = {}


def _statement(name: str, excluding: bool):
    """The check's queries, built once with bind parameters (start, end, exclude, room, people,
    candidate): a booking runs them all, and building them cost more than running them."""
    stmt = _STATEMENTS.get((name, excluding))
    if stmt is None:
        end, start = time_param("end"), time_param("start")
        window = [Interview.starts_at < end, Interview.starts_at > start, Interview.status.in_(BLOCKING)]
        if excluding:
            window.append(Interview.id != bindparam("exclude"))
        people = bindparam("people", expanding=True)
        times = select(Interview.id, Interview.starts_at, Interview.duration_minutes)
        stmt = {
            "room": lambda: select(Room.name, Room.is_active, Room.capacity).where(Room.id == bindparam("room")),
            "room_taken": lambda: times.where(Interview.room_id == bindparam("room"), *window),
            "names": lambda: select(User.id, User.display_name).where(User.id.in_(people)),
            "people_taken": lambda: times.where(*window, involving(people)),
            "candidate_taken": lambda: times.join(Application, Application.id == Interview.application_id)
                                            .where(Application.candidate_id == bindparam("candidate"), *window),
        }[name]()
        _STATEMENTS[(name, excluding)] = stmt
    return stmt


def check(session: Session, proposal: Proposal, now: datetime, external: BusyTimes | None = None) -> list[Conflict]:
    """Every conflict of `proposal`, hard ones first."""
    start, end = proposal.starts_at, proposal.ends_at
    found: list[Conflict] = []
    hours = OfficeHours.load(session)
    if start < now:
        found.append(Conflict(ConflictKind.IN_PAST))
    external = with_imported(session, external, proposal.people,
                             [proposal.room_id] if proposal.room_id and proposal.mode == InterviewMode.ONSITE else [],
                             start, end)
    excluding = proposal.exclude_interview_id is not None
    window = {"start": start - MAX_DURATION, "end": end}
    if excluding:
        window["exclude"] = proposal.exclude_interview_id

    def run(name: str, **params):
        return run_built(session, _statement(name, excluding), window | params)

    room_name = ""
    if proposal.mode == InterviewMode.ONSITE and proposal.room_id is not None:
        room = run_built(session, _statement("room", False), {"room": proposal.room_id}).first()
        room_name = room.name if room else ""
        if room is not None and not room.is_active:
            found.append(Conflict(ConflictKind.ROOM_INACTIVE, room.name))
        for other_id, other_start, minutes in run("room_taken", room=proposal.room_id):
            if _ends(other_start, minutes) > start:
                found.append(Conflict(ConflictKind.ROOM_BOOKED, room_name, other_id, other_start))
        if room is not None and room.capacity < len(proposal.people) + 1:
            found.append(Conflict(ConflictKind.ROOM_TOO_SMALL, room.name))

    if proposal.people:
        people = list(proposal.people)
        names = dict(run_built(session, _statement("names", False), {"people": people}).all())
        busy = {other_id: other_start for other_id, other_start, minutes in run("people_taken", people=people)
                if _ends(other_start, minutes) > start}
        if busy:
            strict = not settings.institution_value(session, OVERLAP_OVERRIDE)
            for other_id, user_id in session.execute(
                    select(InterviewParticipant.interview_id, InterviewParticipant.user_id)
                    .where(InterviewParticipant.interview_id.in_(busy), InterviewParticipant.user_id.in_(proposal.people))
                    .order_by(InterviewParticipant.interview_id, InterviewParticipant.user_id)):
                found.append(Conflict(ConflictKind.INTERVIEWER_BUSY, names.get(user_id, ""), other_id, busy[other_id],
                                      strict=strict))
        if external is not None:
            for user_id in proposal.people:
                subject = ("user", user_id)
                if subject in external.unknown:
                    found.append(Conflict(ConflictKind.FREEBUSY_UNKNOWN, names.get(user_id, "")))
                elif any(bs < end and start < be for bs, be in external.of(subject)):
                    found.append(Conflict(ConflictKind.INTERVIEWER_CALENDAR_BUSY, names.get(user_id, "")))
    if external is not None and proposal.room_id is not None and proposal.mode == InterviewMode.ONSITE:
        subject = ("room", proposal.room_id)
        if subject in external.unknown:
            found.append(Conflict(ConflictKind.FREEBUSY_UNKNOWN, room_name))
        elif any(bs < end and start < be for bs, be in external.of(subject)):
            found.append(Conflict(ConflictKind.ROOM_CALENDAR_BUSY, room_name))

    for other_id, other_start, minutes in run("candidate_taken", candidate=proposal.candidate_id):
        if _ends(other_start, minutes) > start:
            found.append(Conflict(ConflictKind.CANDIDATE_BOOKED, "", other_id, other_start))

    day = hours.local(start).date()
    if hours.is_holiday(day):
        name = hours.holiday_names.get(day, "")
        found.append(Conflict(ConflictKind.HOLIDAY, name) if name else Conflict(ConflictKind.WEEKEND))
    elif not hours.within_hours(start, end):
        found.append(Conflict(ConflictKind.OUTSIDE_HOURS))
    return sorted(found, key=lambda c: (not c.hard, c.kind.value))
