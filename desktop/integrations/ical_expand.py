"""The occurrences of a calendar's events within a window, repeating events expanded.

icalendar parses RRULE but does not expand it; dateutil's rruleset does, given the right start. We
expand in the event's own zone (so a weekly 10:00 stays 10:00 across daylight-saving changes),
remove EXDATEs and the instances that a RECURRENCE-ID override replaces (the override is an event
of its own), add RDATEs, and stop with an error rather than run away on an endless rule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil.rrule import rruleset, rrulestr
from icalendar import Calendar, Event
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

MAX_STEPS = 100_000      # instances generated for one event, before the window included


class Unreadable(Exception):
    def __init__(self, reason: str, name: str = "", uid: str = "", label: str = "") -> None:
        super().__init__(reason)
        self.reason, self.name, self.uid, self.label = reason, name, uid, label or name


@dataclass(frozen=True)
class Occurrence:
    start: datetime | date     # aware UTC, or a day for all-day events
    end: datetime | date       # exclusive
    all_day: bool


def _zone_of(tzid: str | None) -> ZoneInfo | None:
    if not tzid:
        return None
    tzid = str(tzid).strip().strip('"')
    olson = WINDOWS_TO_OLSON.get(tzid, tzid)   # Outlook writes Windows names ("China Standard Time")
    try:
        return ZoneInfo(olson)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _moment(event: Event, name: str, office: ZoneInfo, uid: str) -> datetime | date | None:
    """The property's value: a day, or an aware datetime in the zone it was written in."""
    prop = event.get(name)
    if prop is None:
        return None
    value = prop.dt
    if not isinstance(value, datetime):
        if isinstance(value, date):
            return value
        raise Unreadable("bad_value", name, uid)
    tzid = prop.params.get("TZID")
    zone = _zone_of(tzid)
    if value.tzinfo is None:
        if zone is not None:
            return value.replace(tzinfo=zone)
        if tzid:
            raise Unreadable("unknown_zone", name, uid, str(tzid))
    elif zone is not None and str(tzid).strip('"') in WINDOWS_TO_OLSON:
        return value.replace(tzinfo=zone)   # Outlook's own VTIMEZONE rules are often stale; the name is not
    else:
        return value
    return value.replace(tzinfo=office)       # floating time: the office's wall clock


def _like(value: datetime | date, start: datetime | date, office: ZoneInfo) -> datetime:
    """`value` (an EXDATE, RDATE or RECURRENCE-ID) in the form the expansion of `start` uses."""
    if isinstance(start, datetime):
        if isinstance(value, datetime):
            return (value if value.tzinfo else value.replace(tzinfo=start.tzinfo)).astimezone(start.tzinfo)
        return datetime.combine(value, start.timetz())
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=office)).astimezone(office).replace(tzinfo=None)
    return datetime.combine(value, time())


def _as_list(value) -> list:
    return value if isinstance(value, list) else [] if value is None else [value]


def _rules(event: Event, dtstart: datetime, uid: str, office: ZoneInfo) -> list:
    rules = []
    for recur in _as_list(event.get("RRULE")):
        until = recur.get("UNTIL")
        text = ";".join(f"{k}={v}" for k, v in
                        (part.split("=", 1) for part in recur.to_ical().decode().split(";"))
                        if k.upper() != "UNTIL")
        try:
            rule = rrulestr(text, dtstart=dtstart)
            if until:
                rule = rule.replace(until=_like(until[0], dtstart if dtstart.tzinfo else dtstart.date(), office))
        except (ValueError, TypeError):
            raise Unreadable("recurrence", "RRULE", uid) from None
        rules.append(rule)
    return rules


def occurrences(calendar: Calendar, office: ZoneInfo, first: date, last: date,
                max_total: int | None = None) -> list[tuple[Event, Occurrence]]:
    """Every occurrence within first..last; more than `max_total` in all (when given) is refused as
    too many, so that many modest rules cannot add up to millions."""
    events = [e for e in calendar.walk("VEVENT") if str(e.get("STATUS", "")).upper() != "CANCELLED"]
    replaced: dict[str, list] = {}
    for event in calendar.walk("VEVENT"):
        if event.get("RECURRENCE-ID") is not None:
            replaced.setdefault(str(event.get("UID", "")), []).append(
                _moment(event, "RECURRENCE-ID", office, str(event.get("UID", ""))))
    found: list[tuple[Event, Occurrence]] = []
    for event in events:
        found.extend((event, o) for o in _expand(event, office, first, last,
                                                 replaced if event.get("RECURRENCE-ID") is None else {}))
        if max_total is not None and len(found) > max_total:
            raise Unreadable("too_many", "RRULE", str(event.get("UID", "")))
    return found


def _expand(event: Event, office: ZoneInfo, first: date, last: date, replaced: dict[str, list]) -> list[Occurrence]:
    uid = str(event.get("UID", ""))
    start = _moment(event, "DTSTART", office, uid)
    if start is None:
        raise Unreadable("missing", "DTSTART", uid)
    all_day = not isinstance(start, datetime)
    end = _moment(event, "DTEND", office, uid)
    if end is not None:
        if isinstance(end, datetime) != (not all_day):
            raise Unreadable("bad_value", "DTEND", uid)
        length = end - start
    elif event.get("DURATION") is not None:
        length = event["DURATION"].dt
    else:
        length = timedelta(days=1) if all_day else timedelta(0)
    if length < timedelta(0):
        raise Unreadable("end_before_start", "DTEND", uid)

    if all_day:
        dtstart = datetime.combine(start, time())
        window = (datetime.combine(first, time()), datetime.combine(last + timedelta(days=1), time()))
    else:
        dtstart = start
        window = (datetime.combine(first, time(), tzinfo=office), datetime.combine(last + timedelta(days=1), time(),
                                                                                  tzinfo=office))
    rules = _rules(event, dtstart, uid, office)
    extra = [_like(period[0] if isinstance(period, tuple) else period, start, office)
             for period in (event.rdates if event.get("RDATE") is not None else [])]
    if not rules and not extra:
        starts = [dtstart]
    else:
        recurring = rruleset()
        for rule in rules:
            recurring.rrule(rule)
        if not rules:
            recurring.rdate(dtstart)   # RDATE without RRULE: DTSTART is still the first instance
        for moment in extra:
            recurring.rdate(moment)
        for moment in (event.exdates if event.get("EXDATE") is not None else []):
            recurring.exdate(_like(moment, start, office))
        for moment in replaced.get(uid, []):
            if moment is not None:
                recurring.exdate(_like(moment, start, office))
        starts = []
        for steps, moment in enumerate(recurring):
            if moment >= window[1]:
                break
            if steps >= MAX_STEPS:
                raise Unreadable("too_many", "RRULE", uid)
            if moment + length > window[0]:
                starts.append(moment)
    found = []
    for moment in starts:
        if not (moment < window[1] and moment + length > window[0]) and not (length == timedelta(0)
                                                                              and window[0] <= moment < window[1]):
            continue
        if all_day:
            found.append(Occurrence(moment.date(), (moment + length).date(), True))
        else:
            utc = moment.astimezone(UTC)
            found.append(Occurrence(utc, utc + length, False))
    return found
