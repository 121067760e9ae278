"""Read models that combine the scheduling views for one screen each, so a screen asks the database
once: the schedule board with the office's working time, the approver's inbox with names and a live
conflict check, the Today desk, and the minute tick of the reminder engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import anchors, audit, backups
from desktop.core.errors import PermissionDenied
from desktop.core.model import Application, Candidate, Interview, OutboxEntry, OutboxState, Position, Room
from desktop.core.permissions import Action, allowed, visible_departments
from desktop.core.scheduling import conflicts as rules
from desktop.core.scheduling import inbox as desk
from desktop.core.scheduling import lookups, views
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor


@dataclass(frozen=True)
class OfficeDay:
    day: date
    working: bool
    holiday: str          # the holiday's name, or "" (weekends have none)


@dataclass(frozen=True)
class ScheduleBoard:
    view: views.ScheduleView
    days: list[OfficeDay]
    day_start: time
    day_end: time
    lunch: tuple[time, time] | None
    now: datetime


def schedule_board(session: Session, actor: Actor, first_day: date, days: int = 7, by: str = "interviewer",
                   department_id: int | None = None) -> ScheduleBoard:
    view = views.schedule(session, actor, first_day, days, by, department_id)
    hours = OfficeHours.load(session)
    office_days = [OfficeDay(d, hours.is_working_day(d), hours.holiday_names.get(d, ""))
                   for d in hours.days(first_day, first_day + timedelta(days=days - 1))]
    return ScheduleBoard(view, office_days, hours.day_start, hours.day_end, hours.lunch,
                         session.info["clock"].now())


@dataclass(frozen=True)
class ApprovalEntry:
    item: views.InboxItem
    conflicts: list[rules.Conflict]
    people: dict[int, str]          # user id -> name, for the interviewers before and after
    rooms: dict[int, str]           # room id -> name


def _entry(session: Session, actor: Actor, item: views.InboxItem) -> ApprovalEntry:
    user_ids = set(item.before.get("interviewer_ids") or []) | set(item.proposed.get("interviewer_ids") or [])
    room_ids = {r for r in (item.before.get("room_id"), item.proposed.get("room_id")) if r}
    people, places = lookups.names(session, user_ids, room_ids)
    found: list[rules.Conflict] = []
    if item.status == "pending":
        try:
            found = lookups.check_change(session, lookups.interview_facts(session, actor, item.interview_id),
                                         item.proposed)
        except PermissionDenied:   # a named approver outside the department decides without the calendar
            found = []
    return ApprovalEntry(item, found, people, places)


def approval_inbox(session: Session, actor: Actor) -> list[ApprovalEntry]:
    """The approver's inbox; each proposal is checked against the calendar as it is now."""
    return [_entry(session, actor, item) for item in views.inbox(session, actor)]


def change_request_entry(session: Session, actor: Actor, change_request_id: int) -> ApprovalEntry:
    """One change request as the Approvals page shows it (opened from the list of all requests)."""
    return _entry(session, actor, views.change_request(session, actor, change_request_id))


@dataclass(frozen=True)
class DeskAlert:
    id: int
    kind: str
    raised_at: datetime
    interview_id: int | None
    change_request_id: int | None
    candidate: str              # "" when the interview is outside the viewer's departments
    starts_at: datetime | None
    room: str
    detail: dict = field(default_factory=dict)


def _about(session: Session, actor: Actor, ids: set[int]) -> dict[int, tuple[str, datetime, str]]:
    """Candidate name, start and room of the given interviews; name and room stay empty for
    interviews outside the departments the user may see."""
    about: dict[int, tuple[str, datetime, str]] = {}
    if not ids:
        return about
    try:
        depts = visible_departments(session, actor, Action.INTERVIEW_VIEW)
    except PermissionDenied:
        depts = set()
    for iid, name, starts, room, dept in session.execute(
            select(Interview.id, Candidate.name, Interview.starts_at, Room.name, Position.department_id)
            .join(Application, Application.id == Interview.application_id)
            .join(Candidate, Candidate.id == Application.candidate_id)
            .join(Position, Position.id == Application.position_id)
            .outerjoin(Room, Room.id == Interview.room_id).where(Interview.id.in_(ids))):
        visible = depts is None or dept in depts
        about[iid] = (name if visible else "", starts, (room or "") if visible else "")
    return about


def my_alerts(session: Session, actor: Actor, since: datetime | None = None) -> list[DeskAlert]:
    """The user's open alerts (with `since`, those raised since then), each with the candidate and
    time it is about (names only for interviews in departments the user may see)."""
    alerts = desk.my_alerts(session, actor, since=since)
    about = _about(session, actor, {a.interview_id for a in alerts if a.interview_id})
    return [DeskAlert(a.id, a.kind, a.raised_at, a.interview_id, a.change_request_id,
                      *about.get(a.interview_id, ("", None, "")), a.detail) for a in alerts]


@dataclass(frozen=True)
class DeskTask:
    id: int
    title: str                  # a task kind (labels.task_title) or a free text
    due_at: datetime
    interview_id: int | None
    candidate: str              # "" when the interview is outside the viewer's departments
    starts_at: datetime | None
    room: str


def my_tasks(session: Session, actor: Actor) -> list[DeskTask]:
    """The user's open follow-up tasks, each with the candidate and time it is about."""
    tasks = desk.my_tasks(session, actor)
    about = _about(session, actor, {t.interview_id for t in tasks if t.interview_id})
    return [DeskTask(t.id, t.title, t.due_at, t.interview_id, *about.get(t.interview_id, ("", None, "")))
            for t in tasks]


@dataclass(frozen=True)
class TodayDesk:
    day: date
    interviews: list[views.TodayItem]
    alerts: list[DeskAlert]
    tasks: list[DeskTask]
    approvals: list[views.InboxItem]      # change requests waiting for this user's decision
    anchors: anchors.AnchorStatus | None = None   # administrators only: when the audit head last went out
    backups: backups.BackupStatus | None = None   # administrators only: when the last good backup was made

    @property
    def pending_approvals(self) -> int:
        return len(self.approvals)


def today_desk(session: Session, actor: Actor, day: date | None = None) -> TodayDesk:
    hours = OfficeHours.load(session)
    day = day or hours.local(session.info["clock"].now()).date()
    admin = allowed(session, actor, Action.SETTINGS_MANAGE)
    return TodayDesk(day, views.today(session, actor, day), my_alerts(session, actor), my_tasks(session, actor),
                     views.inbox(session, actor), anchors.status(session) if admin else None,
                     backups.status(session, None) if admin else None)


# What a tick reports of the user's alerts: those raised in the last quarter hour, by this run or by
# another desktop's (a run or a transaction is far shorter); older ones were reported by an earlier
# tick, and the Today page lists them all. Every desktop ticks every minute: reading only the recent
# ones keeps a busy HR officer's months of alerts out of each run.
TICK_LOOK_BACK = timedelta(minutes=15)


@dataclass(frozen=True)
class Tick:
    raised: tuple[int, ...]          # alerts raised by this run (for everyone)
    alerts: list[DeskAlert]          # the user's open alerts raised in the last TICK_LOOK_BACK
    notices: list[desk.NoticeInfo] = field(default_factory=list)   # the user's unread notices, newest first


def tick(session: Session, actor: Actor) -> Tick:
    """One run of the reminder engine, then the user's open alerts and unread notices (to notify
    what is new)."""
    # the engine reaches into every part of the desk (offers, questions, rooms, privacy requests...):
    # imported by the first tick, which runs on the writer thread once the first page has its data
    from desktop.core.scheduling import reminders

    anchors.publish_due(session)      # first: the head it publishes must be committed, not this tick's own
    now = session.info["clock"].now()
    with audit.one_append(session):    # every part raises and queues: one append to the chain, not one per flush
        raised = reminders.evaluate(session, now)
    return Tick(tuple(raised.alerts), my_alerts(session, actor, since=now - TICK_LOOK_BACK), desk.my_notices(session, actor, unseen_only=True,
                                                                                 limit=100))


def failed_outbox_count(session: Session, actor: Actor) -> int:
    visible_departments(session, actor, Action.OUTBOX_VIEW)  # raises PermissionDenied when not allowed
    return session.scalar(select(func.count()).select_from(OutboxEntry)
                          .where(OutboxEntry.state == OutboxState.FAILED)) or 0
