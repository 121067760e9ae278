"""The interview room (面试进行): the running interview's timer against the round's planned duration,
the round's closing checklist ticked with times, the interviewers' notes, the next step the candidate
was told, and the close with its overtime reason; plus the minute job's notices at the planned end and
ten minutes after it.

Allowed for the interview's panel (interviewers and observers) and for HR of its department. Every
action validates first and writes in the caller's one unit of work; results are plain dataclasses."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import Select, delete, select
from sqlalchemy.orm import Session, selectinload

from desktop.core import settings
from desktop.core.errors import DeskError, InvalidState, NotFound, RoomRefused, ValidationFailed
from desktop.core.model import (
    Alert, Application, Candidate, ChecklistTick, Interview, InterviewNote, InterviewParticipant, InterviewStatus,
    Position, Round, User,
)
from desktop.core.model.base import time_param
from desktop.core.permissions import Action, require
from desktop.core.scheduling import alerts, timeline
from desktop.core.scheduling.office import OfficeHours
from desktop.core.storage.database import Actor
from desktop.core.validation import clean_text, text_problem

DEFAULT_PLANNED_MINUTES = 40
OVERTIME_MINUTES = 10          # the second notice, and from here on ending asks why it ran over
NOTE_MAX, NEXT_STEP_MAX, REASON_MAX, ITEM_MAX, ITEMS_MAX = 2000, 200, 500, 100, 12
STARTABLE = (InterviewStatus.SCHEDULED, InterviewStatus.CONFIRMED, InterviewStatus.PENDING_APPROVAL)
DEFAULT_CHECKLIST = {
    "zh_CN": ("告知下一步流程及时限", "询问候选人问题", "记录收尾备注"),
    "en": ("Tell the next step and when", "Ask for the candidate's questions", "Write the closing note"),
}
_SALUTATION = {"zh_CN": {"male": "{0}先生", "female": "{0}女士"}, "en": {"male": "Mr {0}", "female": "Ms {0}"}}


@dataclass(frozen=True)
class ChecklistItem:
    ordinal: int
    label: str
    ticked_at: datetime | None = None
    ticked_by: str = ""


@dataclass(frozen=True)
class RoomNote:
    id: int
    at: datetime
    author: str
    text: str


@dataclass(frozen=True)
class RoomState:
    interview_id: int
    status: str
    starts_at: datetime                  # as booked
    booked_minutes: int
    planned_minutes: int                 # the round's planned duration
    started_at: datetime | None
    ended_at: datetime | None
    checked_in_at: datetime | None
    salutation: str
    candidate_name: str
    position: str
    round: str
    min_questions: int
    next_step: str
    overtime_reason: str
    checklist: tuple[ChecklistItem, ...] = ()
    notes: tuple[RoomNote, ...] = ()

    def planned_end(self) -> datetime | None:
        return self.started_at + timedelta(minutes=self.planned_minutes) if self.started_at else None

    def elapsed(self, now: datetime) -> timedelta:
        if self.started_at is None:
            return timedelta(0)
        return max((self.ended_at or now) - self.started_at, timedelta(0))

    def phase(self, now: datetime) -> str:
        """waiting, ready (checked in and the booked start has come: propose to start), running,
        planned_end (the plan is used up), overtime (ten minutes past it) or ended."""
        if self.ended_at is not None:
            return "ended"
        if self.started_at is None:
            return "ready" if self.checked_in_at is not None and now >= self.starts_at else "waiting"
        over = self.elapsed(now) - timedelta(minutes=self.planned_minutes)
        if over >= timedelta(minutes=OVERTIME_MINUTES):
            return "overtime"
        return "planned_end" if over >= timedelta(0) else "running"

    def unticked(self) -> list[str]:
        return [item.label for item in self.checklist if item.ticked_at is None]


@dataclass(frozen=True)
class Ended:
    interview_id: int
    duration_minutes: int
    overtime_minutes: int
    unticked: tuple[str, ...] = field(default_factory=tuple)


# --- the round's settings -------------------------------------------------------------------------

def default_checklist(session: Session, locale: str = "zh_CN") -> list[str]:
    """The institution's default closing checklist (setting room.closing_checklist, one item a
    line), or the shipped one in `locale` when none is set."""
    stored = str(settings.institution_value(session, "room.closing_checklist") or "")
    items = parse_checklist(stored)
    return items or list(DEFAULT_CHECKLIST["en" if locale == "en" else "zh_CN"])


def parse_checklist(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n") if line.strip()]


def checklist_problem(items: list[str]) -> str | None:
    if len(items) > ITEMS_MAX:
        return "range"
    for item in items:
        problem = text_problem(item, ITEM_MAX)
        if problem:
            return problem
    return None


def round_checklist(session: Session, rnd: Round, locale: str = "zh_CN") -> list[str]:
    return list(rnd.closing_checklist) if rnd.closing_checklist else default_checklist(session, locale)


def round_min_questions(session: Session, rnd: Round) -> int:
    if rnd.min_questions is not None:
        return rnd.min_questions
    return int(settings.institution_value(session, "questions.min_per_round"))


# --- reading ----------------------------------------------------------------------------------------

def _load(session: Session, actor: Actor, interview_id: int) -> tuple[Interview, Round, Candidate, str]:
    row = session.execute(select(Interview, Round, Candidate, Position.title, Position.department_id)
                          .options(selectinload(Interview.participants))
                          .join(Round, Round.id == Interview.round_id)
                          .join(Application, Application.id == Interview.application_id)
                          .join(Candidate, Candidate.id == Application.candidate_id)
                          .join(Position, Position.id == Application.position_id)
                          .where(Interview.id == interview_id)).first()
    if row is None:
        raise NotFound("interview", entity="interview")
    interview, rnd, candidate, title, department_id = row
    if not actor.system and not any(p.user_id == actor.user_id for p in interview.participants):
        require(session, actor, Action.INTERVIEW_SCHEDULE, department_id)
    return interview, rnd, candidate, title


def may_run(session: Session, actor: Actor, interview_id: int) -> bool:
    """Whether `actor` may open the room of this interview (a panel member, or HR of its department)."""
    try:
        _load(session, actor, interview_id)
    except DeskError:
        return False
    return True


def room_state(session: Session, actor: Actor, interview_id: int, locale: str = "zh_CN") -> RoomState:
    interview, rnd, candidate, position = _load(session, actor, interview_id)
    ticks = {t.ordinal: t for t in session.scalars(select(ChecklistTick).where(
        ChecklistTick.interview_id == interview.id))}
    labels = round_checklist(session, rnd, locale)
    names = dict(session.execute(select(User.id, User.display_name).where(User.id.in_(
        {t.ticked_by_id for t in ticks.values()} | set(session.scalars(select(InterviewNote.author_id).where(
            InterviewNote.interview_id == interview.id))) - {None}))).all())
    checklist = tuple(
        ChecklistItem(n, ticks[n].label if n in ticks else label,
                      ticks[n].ticked_at if n in ticks else None,
                      names.get(ticks[n].ticked_by_id, "") if n in ticks else "")
        for n, label in enumerate(labels, start=1))
    notes = tuple(RoomNote(n.id, n.at, names.get(n.author_id, ""), n.text) for n in session.scalars(
        select(InterviewNote).where(InterviewNote.interview_id == interview.id)
        .order_by(InterviewNote.at, InterviewNote.id)))
    words = _SALUTATION["en" if locale == "en" else "zh_CN"]
    gender = candidate.gender.value
    salutation = words[gender].format(candidate.name) if gender in words else candidate.name
    return RoomState(
        interview.id, interview.status.value, interview.starts_at, interview.duration_minutes,
        rnd.duration_minutes or DEFAULT_PLANNED_MINUTES, interview.started_at, interview.ended_at,
        interview.checked_in_at, salutation, candidate.name, position, rnd.name, round_min_questions(session, rnd),
        interview.next_step or "", interview.overtime_reason or "", checklist, notes)


# --- the running interview ---------------------------------------------------------------------------

def _running(interview: Interview) -> None:
    if interview.ended_at is not None or interview.status == InterviewStatus.FINISHED:
        raise RoomRefused("ended", "面试已结束。")
    if interview.started_at is None or interview.status != InterviewStatus.IN_PROGRESS:
        raise RoomRefused("not_started", "面试尚未开始。")


def start(session: Session, actor: Actor, interview_id: int) -> RoomState:
    """开始面试: on the interview's day, while it is booked (with or without check-in: a video
    interview has none). The timeline records the start with the planned duration."""
    interview, rnd, _, _ = _load(session, actor, interview_id)
    if interview.started_at is not None:
        raise InvalidState("already started", status=interview.status.value)
    if interview.status not in STARTABLE:
        raise InvalidState("cannot start", status=interview.status.value)
    now = session.info["clock"].now()
    hours = OfficeHours.load(session)
    if hours.local(now).date() != hours.local(interview.starts_at).date():
        raise RoomRefused("not_today", "只能在面试当天开始面试。", day=f"{hours.local(interview.starts_at):%Y-%m-%d}")
    planned = rnd.duration_minutes or DEFAULT_PLANNED_MINUTES
    interview.status = InterviewStatus.IN_PROGRESS
    interview.started_at = now
    timeline.add(session, interview, timeline.Event.STARTED, actor, at=now, planned_minutes=planned,
                 minutes_after_booked=int((now - interview.starts_at).total_seconds() // 60))
    session.flush()
    return room_state(session, actor, interview_id)


def _item_label(session: Session, rnd: Round, ordinal: int) -> str:
    labels = round_checklist(session, rnd)
    if not 1 <= ordinal <= len(labels):
        raise RoomRefused("no_item", "收尾清单中没有这一项。", ordinal=ordinal)
    return labels[ordinal - 1]


def tick_item(session: Session, actor: Actor, interview_id: int, ordinal: int, label: str = "") -> datetime:
    """Tick item `ordinal` (from 1) of the closing checklist; ticking a ticked item keeps its first
    time. `label` is the item as the interviewer saw it (their language); else the stored one."""
    interview, rnd, _, _ = _load(session, actor, interview_id)
    _running(interview)
    stored = _item_label(session, rnd, ordinal)
    existing = session.scalar(select(ChecklistTick).where(ChecklistTick.interview_id == interview.id,
                                                          ChecklistTick.ordinal == ordinal))
    if existing is not None:
        return existing.ticked_at
    now = session.info["clock"].now()
    shown = " ".join(label.split())[:ITEM_MAX] if label.strip() else stored
    session.add(ChecklistTick(interview_id=interview.id, ordinal=ordinal, label=shown, ticked_at=now,
                              ticked_by_id=actor.user_id))
    session.flush()
    return now


def untick_item(session: Session, actor: Actor, interview_id: int, ordinal: int) -> None:
    """Take a tick back (a slip of the mouse), only before the interview ends."""
    interview, rnd, _, _ = _load(session, actor, interview_id)
    _running(interview)
    _item_label(session, rnd, ordinal)
    session.execute(delete(ChecklistTick).where(ChecklistTick.interview_id == interview.id,
                                                ChecklistTick.ordinal == ordinal))
    session.flush()


def _checked_text(value: str, name: str, limit: int, *, required: bool) -> str:
    text = clean_text(value or "")
    if required and not text.strip():
        raise ValidationFailed({name: "required"})
    problem = text_problem(text, limit) if text else None
    if problem:
        raise ValidationFailed({name: problem})
    return text.strip()


def add_note(session: Session, actor: Actor, interview_id: int, text: str) -> RoomNote:
    """A note during (or right after) the interview; empty or longer than NOTE_MAX is refused."""
    text = _checked_text(text, "note", NOTE_MAX, required=True)
    interview, _, _, _ = _load(session, actor, interview_id)
    if interview.started_at is None:
        raise RoomRefused("not_started", "面试尚未开始。")
    now = session.info["clock"].now()
    note = InterviewNote(interview_id=interview.id, author_id=actor.user_id, at=now, text=text)
    session.add(note)
    session.flush()
    return RoomNote(note.id, now, actor.label, text)


def set_next_step(session: Session, actor: Actor, interview_id: int, text: str) -> str:
    """What the candidate was told about the next step (e.g. "2个工作日内通知结果"); the thank-you
    message repeats it."""
    text = _checked_text(text, "next_step", NEXT_STEP_MAX, required=False)
    if "\n" in text:
        raise ValidationFailed({"next_step": "control_chars"})
    interview, _, _, _ = _load(session, actor, interview_id)
    _running(interview)
    interview.next_step = text
    session.flush()
    return text


def end(session: Session, actor: Actor, interview_id: int, overtime_reason: str | None = None,
        confirm_unticked: bool = False, next_step: str | None = None) -> Ended:
    """结束面试. Refused, with nothing written, when checklist items are unticked and the caller did
    not confirm ending anyway, or when it ran more than OVERTIME_MINUTES over the plan and no reason
    is given. The timeline records duration, overtime and reason (and what was left unticked)."""
    reason = _checked_text(overtime_reason or "", "overtime_reason", REASON_MAX, required=False)
    interview, rnd, _, _ = _load(session, actor, interview_id)
    _running(interview)
    told = None if next_step is None else _checked_text(next_step, "next_step", NEXT_STEP_MAX, required=False)
    now = session.info["clock"].now()
    planned = rnd.duration_minutes or DEFAULT_PLANNED_MINUTES
    elapsed = now - interview.started_at
    over = elapsed - timedelta(minutes=planned)
    ticked = set(session.scalars(select(ChecklistTick.ordinal).where(ChecklistTick.interview_id == interview.id)))
    unticked = tuple(label for n, label in enumerate(round_checklist(session, rnd), start=1) if n not in ticked)
    over_minutes = max(0, int(over.total_seconds() // 60))
    if unticked and not confirm_unticked:
        raise RoomRefused("unticked", "收尾清单还有未完成的项目：" + "、".join(unticked), items=list(unticked))
    if over > timedelta(minutes=OVERTIME_MINUTES) and not reason:
        raise RoomRefused("overtime_reason", f"面试超时{over_minutes}分钟，请填写超时原因。", minutes=over_minutes)
    if told is not None:
        interview.next_step = told
    interview.ended_at = now
    interview.status = InterviewStatus.FINISHED
    interview.overtime_reason = reason
    duration = int(elapsed.total_seconds() // 60)
    timeline.add(session, interview, timeline.Event.FINISHED, actor, at=now, duration_minutes=duration,
                 planned_minutes=planned, overtime_minutes=over_minutes, overtime_reason=reason,
                 unticked=list(unticked))
    session.flush()
    return Ended(interview.id, duration, over_minutes, unticked)


# --- the minute job -------------------------------------------------------------------------------------

@functools.cache
def _running_query() -> Select:
    """The interviews in progress booked within twelve hours of now; built once, asked every minute."""
    start, end = map(time_param, ("from", "to"))
    return (select(Interview.id, Interview.started_at, Interview.ended_at, Round.duration_minutes)
            .join(Round, Round.id == Interview.round_id)
            .where(Interview.starts_at > start, Interview.starts_at < end,
                   Interview.status == InterviewStatus.IN_PROGRESS, Interview.started_at.is_not(None)))


def evaluate(session: Session, now: datetime, raised: list[int] | None = None) -> list[str]:
    """Notices for the panels of running interviews: at the planned end (面试已到计划时长) and
    OVERTIME_MINUTES after it (当前面试已超时10分钟，请尽快收尾), once per interview and panel member.
    Every minute on every desktop: plain rows of the interviews booked within twelve hours of now (an
    index range) that are in progress, their panels and the notices they already have, in three
    queries whatever their number; an alert is written only when new."""
    rows = session.execute(_running_query(), {"from": now - timedelta(hours=12),
                                              "to": now + timedelta(hours=12)}).all()
    due = [(r.id, r.started_at + timedelta(minutes=r.duration_minutes or DEFAULT_PLANNED_MINUTES),
            r.duration_minutes or DEFAULT_PLANNED_MINUTES) for r in rows if r.ended_at is None]
    due = [d for d in due if d[1] <= now]
    if not due:
        return []
    ids = [d[0] for d in due]
    panels: dict[int, list[int]] = {}
    for interview_id, user_id in session.execute(
            select(InterviewParticipant.interview_id, InterviewParticipant.user_id)
            .where(InterviewParticipant.interview_id.in_(ids))
            .order_by(InterviewParticipant.interview_id, InterviewParticipant.user_id)):
        panels.setdefault(interview_id, []).append(user_id)
    known = set(session.scalars(select(Alert.dedupe_key).where(
        Alert.interview_id.in_(ids), Alert.kind.in_(("room_planned_end", "room_overtime")))))
    wanted, planned_of = [], {}
    for interview_id, planned_end, planned in due:
        planned_of[interview_id] = planned
        for kind, at, minutes in (("room_planned_end", planned_end, planned),
                                  ("room_overtime", planned_end + timedelta(minutes=OVERTIME_MINUTES),
                                   OVERTIME_MINUTES)):
            if now >= at:
                wanted += [alerts.Wanted(f"{kind}:{interview_id}:{user_id}", kind, user_id, interview_id,
                                         detail={"minutes": minutes})
                           for user_id in panels.get(interview_id, ()) if f"{kind}:{interview_id}:{user_id}" not in known]
    new = alerts.raise_many(session, wanted)
    if raised is not None:
        raised.extend(a.id for a in new)
    for interview_id in dict.fromkeys(a.interview_id for a in new if a.kind == "room_overtime"):
        timeline.add(session, interview_id, timeline.Event.OVERTIME, None, at=now, minutes=OVERTIME_MINUTES,
                     planned_minutes=planned_of[interview_id])
    return [a.kind for a in new]
