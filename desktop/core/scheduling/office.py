"""The office's working time: its zone, working hours, lunch break, weekends and the holiday
calendar (including weekend days that are working days, 调休)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.model import Holiday
from desktop.core.model.base import run_built

Interval = tuple[datetime, datetime]


def _hm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


_HOLIDAYS = select(Holiday.day, Holiday.is_workday, Holiday.name)   # read by every conflict check


@dataclass(frozen=True)
class OfficeHours:
    zone: ZoneInfo
    day_start: time = time(8, 30)
    day_end: time = time(17, 30)
    lunch: tuple[time, time] | None = (time(12, 0), time(13, 30))
    holidays: dict[date, bool] = field(default_factory=dict)  # day -> is it a working day?
    holiday_names: dict[date, str] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session) -> "OfficeHours":
        cached = session.info.get("_office_hours")
        if cached is not None:
            return cached
        lunch_text = settings.institution_value(session, "office.lunch_break")
        lunch = None
        if lunch_text:
            start, end = lunch_text.split("-")
            lunch = (_hm(start), _hm(end))
        rows = run_built(session, _HOLIDAYS, {}).all()
        hours = cls(zone=ZoneInfo(settings.institution_value(session, "office.timezone")),
                    day_start=_hm(settings.institution_value(session, "office.working_day_start")),
                    day_end=_hm(settings.institution_value(session, "office.working_day_end")),
                    lunch=lunch, holidays={r.day: r.is_workday for r in rows},
                    holiday_names={r.day: r.name for r in rows})
        session.info["_office_hours"] = hours
        return hours

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    def at(self, day: date, clock_time: time) -> datetime:
        """An office-local wall time on `day`, as UTC."""
        return datetime.combine(day, clock_time, tzinfo=self.zone).astimezone(timezone.utc)

    def is_working_day(self, day: date) -> bool:
        if day in self.holidays:
            return self.holidays[day]
        return day.weekday() < 5

    def is_holiday(self, day: date) -> bool:
        return not self.is_working_day(day)

    def windows(self, day: date) -> list[Interval]:
        """The working periods of `day` in UTC (morning and afternoon around the lunch break)."""
        if not self.is_working_day(day):
            return []
        start, end = self.at(day, self.day_start), self.at(day, self.day_end)
        if self.lunch and self.day_start < self.lunch[0] < self.lunch[1] < self.day_end:
            return [(start, self.at(day, self.lunch[0])), (self.at(day, self.lunch[1]), end)]
        return [(start, end)]

    def next_working_start(self, after: datetime, step_minutes: int = 30, search_days: int = 366) -> datetime:
        """The first start time on the office's working time at or after `after` (UTC), on the
        `step_minutes` grid of the office's clock: skips evenings, the lunch break, weekends and
        holidays, and takes working weekend days (调休)."""
        local = self.local(after)
        midnight = datetime.combine(local.date(), time(0, 0), tzinfo=self.zone)
        minutes = -(-int((local - midnight).total_seconds()) // (step_minutes * 60)) * step_minutes
        earliest = (midnight + timedelta(minutes=minutes)).astimezone(timezone.utc)
        for offset in range(search_days):
            for window_start, window_end in self.windows(local.date() + timedelta(days=offset)):
                start = max(window_start, earliest)
                if start < window_end:
                    return start
        return earliest    # no working day within a year: the calendar is misconfigured; keep the time

    def within_hours(self, start: datetime, end: datetime) -> bool:
        day = self.local(start).date()
        return any(ws <= start and end <= we for ws, we in self.windows(day))

    # --- working time: deadlines counted in working days or working hours (candidate questions) ---

    def working_start_at_or_after(self, instant: datetime, search_days: int = 366) -> datetime:
        """`instant` when it lies in working time, else the start of the next working period (the
        end of the lunch break, the next working morning, skipping weekends and holidays)."""
        first = self.local(instant).date()
        for offset in range(search_days):
            for window_start, window_end in self.windows(first + timedelta(days=offset)):
                if instant < window_end:
                    return max(instant, window_start)
        return instant    # no working day within a year: the calendar is misconfigured

    def add_working_days(self, start: datetime, days: int) -> datetime:
        """`days` working days after `start`: the same office clock time on the `days`-th next working
        day (Friday 16:00 + 1 -> Monday 16:00, or Tuesday when Monday is a holiday; a 调休 Saturday
        counts). A start outside working time counts from the next working period's start (Saturday
        10:00 + 1 -> Tuesday 08:30)."""
        begin = self.local(self.working_start_at_or_after(start))
        day = begin.date()
        for _ in range(days):
            day += timedelta(days=1)
            for _guard in range(366):
                if self.is_working_day(day):
                    break
                day += timedelta(days=1)
        return datetime.combine(day, begin.time(), tzinfo=self.zone).astimezone(timezone.utc)

    def add_working_minutes(self, start: datetime, minutes: float, search_days: int = 366) -> datetime:
        """The instant `minutes` of working time after `start` (evenings, lunch breaks, weekends and
        holidays do not count)."""
        left = timedelta(minutes=minutes)
        first = self.local(start).date()
        for offset in range(search_days):
            for window_start, window_end in self.windows(first + timedelta(days=offset)):
                if window_end <= start:
                    continue
                begin = max(start, window_start)
                if begin + left <= window_end:
                    return begin + left
                left -= window_end - begin
        return start + timedelta(minutes=minutes)   # misconfigured calendar: plain time

    def working_minutes_between(self, start: datetime, end: datetime) -> float:
        """Minutes of working time from `start` to `end` (0 when `end` is not after `start`)."""
        total = timedelta()
        for day in self.days(self.local(start).date(), self.local(end).date()):
            for window_start, window_end in self.windows(day):
                overlap = min(end, window_end) - max(start, window_start)
                if overlap > timedelta():
                    total += overlap
        return total.total_seconds() / 60

    def days(self, first: date, last: date):
        day = first
        while day <= last:
            yield day
            day += timedelta(days=1)
