"""What calendar files bring in and take out, in the domain's words: a candidate's reply to an
invitation, an interviewer's or a room's busy time, the institution's holiday calendar, and the
interviews of one interviewer or room for export.

Core never reads iCalendar itself: desktop/integrations/ical.py turns files into the plain
dataclasses below (and schedule entries back into a file), so every rule here is testable
without a file and the import is checked completely before anything is written."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.errors import (
    CalendarReplyRefused,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)
from desktop.core.model import (
    Application,
    BusyBlock,
    Candidate,
    Channel,
    Confirmation,
    Holiday,
    Interview,
    InterviewParticipant,
    InterviewStatus,
    Position,
    Room,
    Round,
    TimelineEvent,
    User,
)
from desktop.core.permissions import (
    Action,
    actions_of,
    allowed,
    require,
    visible_departments,
)
from desktop.core.scheduling import alerts, attendance, timeline
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor
from desktop.core.validation import MAX_LENGTH, clean_name, name_problem

ACCEPTED, DECLINED, TENTATIVE = "ACCEPTED", "DECLINED", "TENTATIVE"
EXPORTED = (InterviewStatus.SCHEDULED, InterviewStatus.PENDING_APPROVAL, InterviewStatus.CONFIRMED,
            InterviewStatus.IN_PROGRESS, InterviewStatus.FINISHED)


@dataclass(frozen=True)
class Reply:
    """One attendee's answer (iTIP METHOD:REPLY) to an invitation."""

    uid: str
    sequence: int
    partstat: str          # ACCEPTED, DECLINED or TENTATIVE
    attendee: str          # e-mail address
    dtstamp: datetime | None = None


@dataclass(frozen=True)
class Busy:
    """A busy interval (aware UTC) from someone's calendar."""

    starts_at: datetime
    ends_at: datetime
    summary: str = ""
    uid: str = ""


@dataclass(frozen=True)
class HolidayDay:
    day: date
    name: str
    is_workday: bool = False    # a weekend day worked instead (调休上班)


@dataclass(frozen=True)
class ImportCounts:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0


@dataclass(frozen=True)
class ReplyOutcome:
    interview_id: int
    outcome: str           # confirmed, outdated, declined, tentative, duplicate


@dataclass(frozen=True)
class ScheduleEntry:
    uid: str
    sequence: int
    starts_at: datetime
    ends_at: datetime
    position: str
    round: str
    mode: str
    room: str
    room_location: str
    video_link: str
    status: str


# --- replies ---------------------------------------------------------------------------------------


def _already_on_timeline(session: Session, interview_id: int, kind: timeline.Event, sequence: int) -> bool:
    details = session.scalars(select(TimelineEvent.detail).where(TimelineEvent.interview_id == interview_id,
                                                                 TimelineEvent.kind == kind.value))
    return any((d or {}).get("sequence") == sequence and (d or {}).get("channel") == Channel.ICAL.value
               for d in details)


def record_reply(session: Session, reply: Reply) -> ReplyOutcome:
    """A candidate answered the invitation from their calendar program. Only the interview's own
    candidate may answer; the same reply arriving twice is recorded once."""
    if reply.partstat not in (ACCEPTED, DECLINED, TENTATIVE):
        raise ValidationFailed({"partstat": "choice"})
    interview = session.scalar(select(Interview).where(Interview.uid == reply.uid))
    if interview is None:
        raise CalendarReplyRefused("unknown_uid")
    email = session.scalar(select(Candidate.email).join(Application, Application.candidate_id == Candidate.id)
                           .where(Application.id == interview.application_id))
    if not email or email.strip().lower() != reply.attendee.strip().lower():
        raise CalendarReplyRefused("not_candidate")
    note = "日历回复"
    if reply.partstat == ACCEPTED:
        if session.scalar(select(Confirmation.id).where(
                Confirmation.interview_id == interview.id, Confirmation.channel == Channel.ICAL,
                Confirmation.sequence == reply.sequence)) is not None:
            return ReplyOutcome(interview.id, "duplicate")
        current = attendance.record_confirmation(session, None, interview.id, Channel.ICAL, sequence=reply.sequence,
                                                 note=note)
        return ReplyOutcome(interview.id, "confirmed" if current else "outdated")
    kind = timeline.Event.CANDIDATE_DECLINED if reply.partstat == DECLINED else timeline.Event.CANDIDATE_TENTATIVE
    if _already_on_timeline(session, interview.id, kind, reply.sequence):
        return ReplyOutcome(interview.id, "duplicate")
    current = reply.sequence == interview.sequence
    timeline.add(session, interview, kind, None, channel=Channel.ICAL.value, sequence=reply.sequence,
                 current=current, note=note)
    if reply.partstat == DECLINED:
        alerts.for_hr(session, f"ical_declined:{interview.id}:{reply.sequence}", "candidate_declined", interview,
                      sequence=reply.sequence, current=current)
    session.flush()
    return ReplyOutcome(interview.id, "declined" if reply.partstat == DECLINED else "tentative")


# --- holidays --------------------------------------------------------------------------------------

# Bounds of a holiday calendar, checked before any day is generated (desktop/integrations/ical_read.py):
# the longest event (a year), the years a holiday may fall in, the days one import may bring (ten
# years of every day).
MAX_HOLIDAY_EVENT_DAYS = 366
HOLIDAY_YEARS = (1900, 2200)
MAX_HOLIDAY_DAYS = 3660


def _forget_office_hours(session: Session) -> None:
    session.info.pop("_office_hours", None)   # the conflict check in this unit of work must see the new days


def list_holidays(session: Session, actor: Actor, year: int | None = None) -> list[HolidayDay]:
    require(session, actor, Action.SETTINGS_MANAGE)
    query = select(Holiday.day, Holiday.name, Holiday.is_workday).order_by(Holiday.day)
    if year is not None:
        query = query.where(Holiday.day >= date(year, 1, 1), Holiday.day <= date(year, 12, 31))
    return [HolidayDay(day, name, is_workday) for day, name, is_workday in session.execute(query)]


def _checked(days: list[HolidayDay]) -> dict[date, HolidayDay]:
    problems = {}
    by_day: dict[date, HolidayDay] = {}
    for n, item in enumerate(days):
        name = clean_name(item.name)
        problem = name_problem(item.name, MAX_LENGTH["holiday_name"])
        if problem:
            problems[f"day{n}"] = problem
        by_day[item.day] = HolidayDay(item.day, name, item.is_workday)   # a later entry for a day wins
    if problems:
        raise ValidationFailed(problems)
    return by_day


def import_holidays(session: Session, actor: Actor, days: list[HolidayDay]) -> ImportCounts:
    """Add or update the given days (other days stay as they are)."""
    require(session, actor, Action.SETTINGS_MANAGE)
    wanted = _checked(days)
    existing = {h.day: h for h in session.scalars(select(Holiday).where(Holiday.day.in_(wanted)))} if wanted else {}
    added = updated = unchanged = 0
    for day, item in sorted(wanted.items()):
        row = existing.get(day)
        if row is None:
            session.add(Holiday(day=day, name=item.name, is_workday=item.is_workday))
            added += 1
        elif (row.name, row.is_workday) != (item.name, item.is_workday):
            row.name, row.is_workday = item.name, item.is_workday
            updated += 1
        else:
            unchanged += 1
    session.flush()
    _forget_office_hours(session)
    return ImportCounts(added=added, updated=updated, unchanged=unchanged)


def save_holiday(session: Session, actor: Actor, item: HolidayDay) -> ImportCounts:
    """Add one day, or change its name or whether it is a working day."""
    return import_holidays(session, actor, [item])


def remove_holiday(session: Session, actor: Actor, day: date) -> None:
    require(session, actor, Action.SETTINGS_MANAGE)
    row = session.scalar(select(Holiday).where(Holiday.day == day))
    if row is None:
        raise NotFound("holiday", entity="holiday")
    session.delete(row)
    session.flush()
    _forget_office_hours(session)


# --- busy time -------------------------------------------------------------------------------------


def _may_manage_calendar(session: Session, actor: Actor, user_id: int | None, room_id: int | None) -> None:
    if user_id is not None:
        department_id = session.scalar(select(User.department_id).where(User.id == user_id))
        if department_id is None and session.get(User, user_id) is None:
            raise NotFound("user", entity="user")
        if actor.user_id == user_id:   # everyone may hand in their own availability
            return
        require(session, actor, Action.INTERVIEW_SCHEDULE, department_id)
        return
    if session.get(Room, room_id) is None:
        raise NotFound("room", entity="room")
    # rooms belong to no department: anyone who schedules somewhere books them
    if not actor.system and Action.INTERVIEW_SCHEDULE not in actions_of(actor):
        raise PermissionDenied(Action.INTERVIEW_SCHEDULE.value, action=Action.INTERVIEW_SCHEDULE.value)


def import_busy(session: Session, actor: Actor, blocks: list[Busy], source: str, *, user_id: int | None = None,
                room_id: int | None = None) -> ImportCounts:
    """Replace the busy time that came from `source` (the file's name) for one person or room:
    importing a newer export of the same calendar replaces the old one instead of adding to it."""
    if (user_id is None) == (room_id is None):
        raise ValidationFailed({"user_id": "required"})
    source = source.strip()[:200]
    problems = {}
    if not source:
        problems["source"] = "required"
    for n, block in enumerate(blocks):
        if block.starts_at.tzinfo is None or block.ends_at.tzinfo is None:
            problems[f"block{n}"] = "naive_time"
        elif block.ends_at <= block.starts_at:
            problems[f"block{n}"] = "range"
    if problems:
        raise ValidationFailed(problems)
    _may_manage_calendar(session, actor, user_id, room_id)
    owner = BusyBlock.user_id == user_id if user_id is not None else BusyBlock.room_id == room_id
    old = session.scalars(select(BusyBlock).where(owner, BusyBlock.source == source)).all()
    for row in old:            # one by one, so that each deletion is in the audit log
        session.delete(row)
    removed = len(old)
    now = session.info["clock"].now()
    for block in blocks:
        session.add(BusyBlock(user_id=user_id, room_id=room_id, starts_at=block.starts_at, ends_at=block.ends_at,
                              summary=block.summary[:200], source=source, source_uid=block.uid[:255],
                              imported_at=now))
    session.flush()
    return ImportCounts(added=len(blocks), removed=removed)


# --- export ----------------------------------------------------------------------------------------


def schedule_entries(session: Session, actor: Actor, first: date, last: date, *, user_id: int | None = None,
                     room_id: int | None = None) -> list[ScheduleEntry]:
    """The interviews of one interviewer or room from `first` to `last` (office days), for a
    calendar file. Candidates' names stay out of it: the file leaves the application."""
    if (user_id is None) == (room_id is None):
        raise ValidationFailed({"user_id": "required"})
    hours = OfficeHours.load(session)
    start, end = hours.at(first, datetime.min.time()), hours.at(last + timedelta(days=1), datetime.min.time())
    query = (select(Interview, Position.title, Position.department_id, Round.name, Room.name, Room.location)
             .join(Application, Application.id == Interview.application_id)
             .join(Position, Position.id == Application.position_id)
             .join(Round, Round.id == Interview.round_id)
             .outerjoin(Room, Room.id == Interview.room_id)
             .where(Interview.starts_at >= start, Interview.starts_at < end, Interview.status.in_(EXPORTED))
             .order_by(Interview.starts_at, Interview.id))
    if user_id is not None:
        query = query.where(Interview.id.in_(select(InterviewParticipant.interview_id)
                                             .where(InterviewParticipant.user_id == user_id)))
    else:
        query = query.where(Interview.room_id == room_id)
    own = user_id is not None and user_id == actor.user_id
    visible = None if own else visible_departments(session, actor, Action.INTERVIEW_VIEW)
    entries = []
    for interview, position, department_id, round_name, room, location in session.execute(query):
        if visible is not None and department_id not in visible and not allowed(
                session, actor, Action.INTERVIEW_VIEW, department_id):
            continue
        entries.append(ScheduleEntry(
            interview.uid, interview.sequence, interview.starts_at,
            interview.starts_at + timedelta(minutes=interview.duration_minutes), position or "", round_name or "",
            interview.mode.value, room or "", location or "", interview.video_link or "", interview.status.value))
    return entries
