"""The calendar provider interface: busy times that live outside InterviewDesk (the interviewers'
and rooms' Exchange calendars). The Exchange integration implements it; without a calendar server
configured, `NoCalendar` reports that there is nothing external to consider."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import Session

from desktop.core.model import BusyBlock, Room, User
from desktop.core.model.base import run_built, time_param

Interval = tuple[datetime, datetime]
Subject = tuple[str, int]  # ("user", id) or ("room", id)


@dataclass(frozen=True)
class BusyTimes:
    busy: dict[Subject, list[Interval]] = field(default_factory=dict)
    unknown: frozenset[Subject] = frozenset()  # the server could not be asked about these

    def of(self, subject: Subject) -> list[Interval]:
        return self.busy.get(subject, [])


class CalendarProvider(Protocol):
    def busy_times(self, mailboxes: Mapping[Subject, str], start: datetime, end: datetime) -> BusyTimes:
        """Busy intervals (UTC) per subject between start and end. Must not pretend a subject is
        free when its calendar could not be read: list it in `unknown` instead."""


class NoCalendar:
    """No external calendar configured: only InterviewDesk's own bookings count."""

    def busy_times(self, mailboxes: Mapping[Subject, str], start: datetime, end: datetime) -> BusyTimes:
        return BusyTimes()


# Asked by every conflict check: built once.
_IMPORTED = (select(BusyBlock.user_id, BusyBlock.room_id, BusyBlock.starts_at, BusyBlock.ends_at)
             .where(or_(BusyBlock.user_id.in_(bindparam("users", expanding=True)),
                        BusyBlock.room_id.in_(bindparam("rooms", expanding=True))),
                    BusyBlock.starts_at < time_param("end"), BusyBlock.ends_at > time_param("start")))


def with_imported(session: Session, external: BusyTimes | None, user_ids: Iterable[int], room_ids: Iterable[int],
                  start: datetime, end: datetime) -> BusyTimes | None:
    """`external` plus the busy blocks imported from calendar files (an interviewer's exported
    availability) for these people and rooms between start and end. They count like a calendar
    server's busy times."""
    users, rooms = set(user_ids), set(room_ids)
    if not users and not rooms:
        return external
    found = run_built(session, _IMPORTED, {"users": sorted(users), "rooms": sorted(rooms), "start": start,
                                        "end": end}).all()
    if not found:
        return external
    busy = {subject: list(intervals) for subject, intervals in (external.busy if external else {}).items()}
    for user_id, room_id, block_start, block_end in found:
        subject: Subject = ("user", user_id) if user_id is not None else ("room", room_id)
        busy.setdefault(subject, []).append((block_start, block_end))
    return BusyTimes(busy=busy, unknown=external.unknown if external else frozenset())


def external_for(session: Session, user_ids: Iterable[int], room_ids: Iterable[int], start: datetime,
                 end: datetime) -> BusyTimes | None:
    """The calendar server's busy times of these people and rooms, from the provider the program
    installed (session.info["calendar"]); None without one. People are asked by their Exchange
    mailbox (or e-mail), rooms only when they are room mailboxes. Called from read-only checks,
    never inside a write: the answer may take a network round trip."""
    provider = session.info.get("calendar")
    users, rooms = set(user_ids), set(room_ids)
    if provider is None or not (users or rooms):
        return None
    mailboxes: dict[Subject, str] = {}
    if users:
        for user_id, mailbox, email in session.execute(select(User.id, User.exchange_mailbox, User.email)
                                                       .where(User.id.in_(users))):
            if mailbox or email:
                mailboxes[("user", user_id)] = mailbox or email
    if rooms:
        for room_id, mailbox in session.execute(select(Room.id, Room.exchange_mailbox).where(Room.id.in_(rooms))):
            if mailbox:
                mailboxes[("room", room_id)] = mailbox
    return provider.busy_times(mailboxes, start, end) if mailboxes else None
