"""iCalendar files coming in: replies to invitations (Outlook, Apple Mail, Thunderbird, Google),
busy time exported by an interviewer, and an institution's holiday calendar.

A file is checked completely before anything is returned, so a bad file imports nothing: first a
line scan that can name the line at fault (icalendar itself is lenient and keeps going), then
icalendar's parser, then the properties we rely on. Repeating events are expanded within the
window asked for (ical_expand.py); times become aware UTC instants."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo

from icalendar import Calendar

from desktop.core.errors import CalendarFileInvalid
from desktop.core.scheduling.calendar_files import (
    HOLIDAY_YEARS, MAX_HOLIDAY_DAYS, MAX_HOLIDAY_EVENT_DAYS, Busy, HolidayDay, Reply,
)
from desktop.integrations import ical_expand
from desktop.integrations.ical_expand import Occurrence

T = TypeVar("T")
MAX_BYTES = 10 * 1024 * 1024
_CONTENT_LINE = re.compile(r'^[A-Za-z0-9-]+(?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:]*)(?:,(?:"[^"]*"|[^";:]*))*)*:')
# properties whose value we use: a broken one makes the file unreadable, a broken X-property does not
_USED = {"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "DTSTAMP", "SEQUENCE",
         "ATTENDEE", "FREEBUSY", "UID", "STATUS", "TRANSP"}
# at most once per component (RFC 5545); icalendar would hand back a list
_SINGLE = {"DTSTART", "DTEND", "DURATION", "UID", "SEQUENCE", "DTSTAMP", "RECURRENCE-ID", "STATUS", "TRANSP",
           "SUMMARY", "METHOD"}
_WORKDAY_WORDS = ("调休上班", "上班", "补班", "班")
_PARTSTATS = ("ACCEPTED", "DECLINED", "TENTATIVE")


@dataclass(frozen=True)
class _Line:
    number: int      # 1-based line in the file where the (unfolded) content line starts
    name: str
    text: str


def read_file(path: Path) -> bytes:
    """A calendar file's bytes, its size checked before it is read: a file of gigabytes chosen by
    mistake is refused at once instead of filling the memory."""
    with open(path, "rb") as file:
        data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise CalendarFileInvalid("too_large")
    return data


def _decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise CalendarFileInvalid("too_large")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        try:   # exports from older Chinese Windows programs
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise CalendarFileInvalid("encoding") from None


def _scan(text: str) -> list[_Line]:
    """Unfold content lines, remembering where each starts; refuse what is not iCalendar."""
    lines: list[_Line] = []
    pending: list[str] = []
    start = 0
    for number, raw in enumerate(re.split(r"\r\n|\n|\r", text), start=1):
        if raw[:1] in (" ", "\t") and pending:
            pending.append(raw[1:])
            continue
        if pending:
            lines.append(_Line(start, "", "".join(pending)))
        pending, start = ([raw], number) if raw.strip() else ([], number)
    if pending:
        lines.append(_Line(start, "", "".join(pending)))
    if not lines or lines[0].text.strip().upper() != "BEGIN:VCALENDAR":
        raise CalendarFileInvalid("not_calendar", lines[0].number if lines else 1)
    stack: list[tuple[str, set[str]]] = []
    named = []
    for line in lines:
        if not _CONTENT_LINE.match(line.text):
            raise CalendarFileInvalid("syntax", line.number)
        name, _, value = line.text.partition(":")
        name = name.split(";", 1)[0].upper()
        if name == "BEGIN":
            stack.append((value.strip().upper(), set()))
        elif name == "END":
            if not stack or stack.pop()[0] != value.strip().upper():
                raise CalendarFileInvalid("unbalanced", line.number, value.strip())
        elif not stack:
            raise CalendarFileInvalid("syntax", line.number)
        elif name in _SINGLE:
            if name in stack[-1][1]:
                raise CalendarFileInvalid("duplicate", line.number, name)
            stack[-1][1].add(name)
        named.append(_Line(line.number, name, line.text))
    if stack:
        raise CalendarFileInvalid("unbalanced", lines[-1].number, stack[-1][0])
    return named


def _refusing_surprises(parse: Callable[..., T]) -> Callable[..., T]:
    """A file is the user's input: whatever in it trips the parser is reported as unreadable
    (with the line when known), never as a crash of the application."""

    @functools.wraps(parse)
    def checked(*args, **kwargs) -> T:
        try:
            return parse(*args, **kwargs)
        except CalendarFileInvalid:
            raise
        except (ValueError, TypeError, AttributeError, KeyError, IndexError, OverflowError):
            raise CalendarFileInvalid("unreadable") from None
    return checked


def _line_of(lines: list[_Line], name: str, value: str = "") -> int:
    for line in lines:
        if line.name == name and value in line.text:
            return line.number
    return next((line.number for line in lines if line.name == name), 0)


def read_calendar(data: bytes) -> tuple[Calendar, list[_Line]]:
    text = _decode(data)
    lines = _scan(text)
    try:
        calendars = Calendar.from_ical(text, multiple=True)
    except ValueError:
        raise CalendarFileInvalid("syntax") from None
    if len(calendars) != 1:
        raise CalendarFileInvalid("several_calendars", lines[-1].number)
    calendar = calendars[0]
    for component in calendar.walk():
        for name, _message in component.errors:
            if str(name).upper() in _USED:
                broken = component.get(name)
                raise CalendarFileInvalid("bad_value", _line_of(lines, str(name).upper(), str(broken or "")),
                                          str(name).upper())
    return calendar, lines


# --- replies ---------------------------------------------------------------------------------------


def _email(address: object) -> str:
    return re.sub(r"^mailto:", "", str(address).strip(), flags=re.IGNORECASE).strip()


def _utc(value: object) -> datetime | None:
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return None


@_refusing_surprises
def parse_replies(data: bytes) -> list[Reply]:
    """The answers in an iTIP REPLY (one per answering attendee and event)."""
    calendar, lines = read_calendar(data)
    if str(calendar.get("METHOD", "")).strip().upper() != "REPLY":
        raise CalendarFileInvalid("not_reply", _line_of(lines, "METHOD"))
    replies = []
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", "")).strip()
        if not uid:
            raise CalendarFileInvalid("missing", _line_of(lines, "BEGIN", "VEVENT"), "UID")
        attendees = event.get("ATTENDEE")
        attendees = attendees if isinstance(attendees, list) else [attendees] if attendees is not None else []
        answered = [a for a in attendees if str(a.params.get("PARTSTAT", "")).upper() in _PARTSTATS]
        if not answered:
            raise CalendarFileInvalid("missing", _line_of(lines, "ATTENDEE") or _line_of(lines, "UID", uid),
                                      "ATTENDEE")
        sequence = int(event.get("SEQUENCE", 0) or 0)
        for attendee in answered:
            replies.append(Reply(uid=uid, sequence=sequence, partstat=str(attendee.params["PARTSTAT"]).upper(),
                                 attendee=_email(attendee), dtstamp=_utc(event.get("DTSTAMP"))))
    if not replies:
        raise CalendarFileInvalid("no_events")
    return replies


# --- busy time and holidays ------------------------------------------------------------------------


def _occurrences(calendar: Calendar, lines: list[_Line], zone: ZoneInfo, first: date,
                 last: date, max_total: int | None = None) -> list[tuple[object, Occurrence]]:
    try:
        return ical_expand.occurrences(calendar, zone, first, last, max_total)
    except ical_expand.Unreadable as problem:
        raise CalendarFileInvalid(problem.reason, _line_of(lines, problem.name or "UID", problem.uid),
                                  problem.name) from None


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time(), tzinfo=zone).astimezone(UTC)


@_refusing_surprises
def parse_busy(data: bytes, *, zone: str | ZoneInfo, first: date, last: date) -> list[Busy]:
    """Busy intervals between office days `first` and `last`: opaque events (timed or all-day,
    repeating ones expanded) and VFREEBUSY periods that are not FREE."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    calendar, lines = read_calendar(data)
    window_start, window_end = _midnight(first, tz), _midnight(last + timedelta(days=1), tz)
    found: list[Busy] = []
    for event, occurrence in _occurrences(calendar, lines, tz, first, last):
        if str(event.get("TRANSP", "OPAQUE")).upper() == "TRANSPARENT":
            continue   # shown as free in the owner's calendar
        start, end = occurrence.start, occurrence.end
        if occurrence.all_day:
            start, end = _midnight(start, tz), _midnight(end, tz)
        found.append(Busy(start, end, str(event.get("SUMMARY", ""))[:200], str(event.get("UID", ""))))
    for component in calendar.walk("VFREEBUSY"):
        periods = component.get("FREEBUSY")
        for period in periods if isinstance(periods, list) else [periods] if periods is not None else []:
            if str(period.params.get("FBTYPE", "BUSY")).upper() == "FREE":
                continue
            start, tail = period.dt
            end = start + tail if isinstance(tail, timedelta) else tail
            found.append(Busy(_as_utc(start, tz), _as_utc(end, tz), "", str(component.get("UID", ""))))
    inside = [b for b in found if b.starts_at < window_end and window_start < b.ends_at and b.starts_at < b.ends_at]
    return sorted(inside, key=lambda b: (b.starts_at, b.ends_at))


def _as_utc(moment: datetime, zone: ZoneInfo) -> datetime:
    return (moment.replace(tzinfo=zone) if moment.tzinfo is None else moment).astimezone(UTC)


def is_workday_name(name: str) -> bool:
    """Holiday calendars mark weekend days worked instead (调休) with 班: "国庆节调休上班", "补班", "班"."""
    return any(word in name for word in _WORKDAY_WORDS)


@_refusing_surprises
@_refusing_surprises
def parse_holidays(data: bytes, *, zone: str | ZoneInfo = "Asia/Shanghai", first: date | None = None,
                   last: date | None = None) -> list[HolidayDay]:
    """Days off and 调休 working days from a holiday calendar. All-day events give their days
    (DTEND exclusive); timed ones the office days they touch. Repeating events are expanded from
    `first` to `last` (default: this file's years)."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    calendar, lines = read_calendar(data)
    for event in calendar.walk("VEVENT"):
        for name in ("DTSTART", "DTEND"):
            if event.get(name) is not None and not HOLIDAY_YEARS[0] <= _day_of(event.get(name), tz).year <= \
                    HOLIDAY_YEARS[1]:
                raise CalendarFileInvalid("year_range", _line_of(lines, name, ""), name)
    if first is None or last is None:
        years = [_day_of(e.get("DTSTART"), tz).year for e in calendar.walk("VEVENT") if e.get("DTSTART")]
        first = first or date(min(years, default=2000), 1, 1)
        last = last or date(max(years, default=2000) + 1, 12, 31)
    days: dict[date, HolidayDay] = {}
    for event, occurrence in _occurrences(calendar, lines, tz, first, last, MAX_HOLIDAY_DAYS):
        name = str(event.get("SUMMARY", "")).strip()
        if not name:
            raise CalendarFileInvalid("missing", _line_of(lines, "UID", str(event.get("UID", ""))), "SUMMARY")
        if occurrence.all_day:
            day, end = occurrence.start, occurrence.end
        else:
            day = occurrence.start.astimezone(tz).date()
            end = (occurrence.end - timedelta(microseconds=1)).astimezone(tz).date() + timedelta(days=1)
        workday = is_workday_name(name)
        if (end - day).days > MAX_HOLIDAY_EVENT_DAYS:
            raise CalendarFileInvalid("event_too_long", _line_of(lines, "UID", str(event.get("UID", ""))), "")
        if len(days) + (end - day).days > MAX_HOLIDAY_DAYS and len(set(days) | _days(day, end)) > MAX_HOLIDAY_DAYS:
            raise CalendarFileInvalid("too_many_days")
        while day < end:
            days[day] = HolidayDay(day, name[:100], workday)
            day += timedelta(days=1)
    if not days and not calendar.walk("VEVENT"):
        raise CalendarFileInvalid("no_events")
    return [days[d] for d in sorted(days)]


def _days(first: date, end: date) -> set[date]:
    return {first + timedelta(days=n) for n in range((end - first).days)}


def _day_of(prop, zone: ZoneInfo) -> date:
    value = prop.dt
    if isinstance(value, datetime):
        return _as_utc(value, zone).astimezone(zone).date()
    return value
