"""The calendar provider interface: busy times that live outside InterviewDesk (the interviewers'
and rooms' Exchange calendars). The Exchange integration implements it; without a calendar server
configured, `NoCalendar` reports that there is nothing external to consider."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

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
