"""iCalendar (RFC 5545 / iTIP RFC 5546) files going out: the invitation or cancellation attached to
a candidate's e-mail, and an interviewer's or a room's schedule published as one file.

Times are written in the office's zone with a VTIMEZONE, never floating, so a candidate's phone in
another zone still shows the right moment. Reading files (replies, availability, holidays) is in
ical_read.py; both sides are re-exported here for callers."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any, Literal
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone

from desktop.core.scheduling.calendar_files import ScheduleEntry
from desktop.integrations.ical_read import parse_busy, parse_holidays, parse_replies, read_file  # noqa: F401  (one home)

PRODID = "-//InterviewDesk//面试协同台//ZH"
DEFAULT_ZONE = "Asia/Shanghai"
Person = tuple[str, str]   # (display name, e-mail address)


def _instant(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    if moment.tzinfo is None:
        raise ValueError("interview times must be aware (UTC)")  # a floating time would move with the reader
    return moment


def _calendar(method: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    return calendar


def _summary(position: str, round_name: str) -> str:
    return "面试：" + " ".join(part for part in (position, round_name) if part)


def _location(mode: str, room: str, room_location: str, video_link: str) -> str:
    if mode == "video" or (not room and video_link):
        return video_link or "视频面试"
    return "，".join(part for part in (room, room_location) if part)


def _description(payload: dict[str, Any], zone: ZoneInfo, method: str) -> str:
    lines = [f"岗位：{payload.get('position', '')}", f"轮次：{payload.get('round', '')}",
             f"时间：{payload.get('local_time', '')}"]
    if payload.get("mode") == "video":
        lines.append(f"视频链接：{payload.get('video_link', '')}")
    else:
        lines.append(f"地点：{_location('onsite', payload.get('room', ''), payload.get('room_location', ''), '')}")
    if payload.get("reason"):
        lines.append(f"说明：{payload['reason']}")
    if method == "CANCEL":
        lines.append("本次面试已取消。")
    elif payload.get("confirm_by"):
        lines.append(f"请于 {_instant(payload['confirm_by']).astimezone(zone):%Y-%m-%d %H:%M} 前确认（接受此邀请即可）。")
    return "\n".join(lines)


def invitation(payload: dict[str, Any], *, organizer: Person, attendee: Person,
               method: Literal["REQUEST", "CANCEL"], stamp: datetime) -> bytes:
    """The .ics for one outbox message to a candidate (`payload` as effects.announce queues it):
    iTIP REQUEST for an invitation or change (the SEQUENCE tells calendar programs which version
    is newer), CANCEL for a cancellation.

    Written line by line rather than through icalendar's components: the outbox writes one for
    every candidate notice, and icalendar's serialisation took ~0.7 ms of CPU for these fifteen
    lines (a tenth of it now); the zone's VTIMEZONE is icalendar's, serialised once per zone."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"unsupported iTIP method {method}")
    zone = ZoneInfo(payload.get("zone") or DEFAULT_ZONE)
    tzid = _param(str(zone))
    location = _location(payload.get("mode", "onsite"), payload.get("room", ""), payload.get("room_location", ""),
                         payload.get("video_link", ""))
    event = [f"SUMMARY:{_text(_summary(payload.get('position', ''), payload.get('round', '')))}",
             f"DTSTART;TZID={tzid}:{_instant(payload['starts_at']).astimezone(zone):%Y%m%dT%H%M%S}",
             f"DTEND;TZID={tzid}:{_instant(payload['ends_at']).astimezone(zone):%Y%m%dT%H%M%S}",
             f"DTSTAMP:{_instant(stamp).astimezone(UTC):%Y%m%dT%H%M%SZ}",
             f"UID:{_text(str(payload['uid']))}",
             f"SEQUENCE:{int(payload.get('sequence') or 0)}"]
    if method == "REQUEST":
        event.append(_address_line("ATTENDEE", attendee, CUTYPE="INDIVIDUAL", PARTSTAT="NEEDS-ACTION",
                                   ROLE="REQ-PARTICIPANT", RSVP="TRUE"))
    else:
        event.append(_address_line("ATTENDEE", attendee, CUTYPE="INDIVIDUAL", ROLE="REQ-PARTICIPANT"))
    event.append(f"DESCRIPTION:{_text(_description(payload, zone, method))}")
    if location:
        event.append(f"LOCATION:{_text(location)}")
    event.append(_address_line("ORGANIZER", organizer))
    event.append("STATUS:CONFIRMED" if method == "REQUEST" else "STATUS:CANCELLED")
    if method == "REQUEST":
        event.append("TRANSP:OPAQUE")
    if payload.get("video_link"):
        event.append(f"URL:{payload['video_link']}")
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{_text(PRODID)}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    lines = [*head, "BEGIN:VEVENT", *event, "END:VEVENT", "END:VCALENDAR"]
    text = "".join(_fold(line) + "\r\n" for line in lines[:len(head)])
    text += _timezone_text(str(zone))
    return (text + "".join(_fold(line) + "\r\n" for line in lines[len(head):])).encode("utf-8")


_TEXT_ESCAPED = re.compile(r"[\\;,\r\n]")
_PARAM_ESCAPED = re.compile(r"[\^\r\n\"]")
_PARAM_QUOTED = re.compile(r"[,;:]")


def _text(value: str) -> str:
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line ends escaped. (Most
    values have none: they are looked for first, as the outbox writes a dozen values per message.)"""
    if _TEXT_ESCAPED.search(value) is None:
        return value
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))


def _param(value: str) -> str:
    """A parameter value: RFC 6868's ^ escapes, in quotes where it holds , ; or :."""
    if _PARAM_ESCAPED.search(value) is not None:
        value = (value.replace("^", "^^").replace("\r\n", "^n").replace("\r", "^n").replace("\n", "^n")
                 .replace('"', "^'"))
    return f'"{value}"' if _PARAM_QUOTED.search(value) is not None else value


def _address_line(name: str, person: Person, **params: str) -> str:
    display, email = person
    pieces = [name] + ([f"CN={_param(display)}"] if display else [])
    pieces += [f"{key}={_param(value)}" for key, value in params.items()]
    return ";".join(pieces) + f":mailto:{email}"


def _fold(line: str) -> str:
    """A content line in lines of at most 75 octets (RFC 5545 3.1), never splitting a character."""
    if len(line) <= 75 and line.isascii():   # one octet a character: short enough as it is
        return line
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    pieces, start, room = [], 0, 75
    while len(data) - start > room:
        cut = start + room
        while data[cut] & 0xC0 == 0x80:      # inside a character: break before it
            cut -= 1
        if cut - start > 1 and data[cut - 1] in b"\\^":
            cut -= 1      # an escape (\, or ^n) stays whole: some calendar programs read it wrong otherwise
        pieces.append(data[start:cut])
        start, room = cut, 74                # a continuation line starts with its space
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


_ZONES = threading.Lock()   # the outbox's delivery threads start together: one of them works a zone out


@functools.lru_cache(maxsize=16)
def _timezone_text(tzid: str) -> str:
    """The zone's VTIMEZONE as written, once per zone (it never changes while the program runs)."""
    return _timezone(tzid).to_ical().decode("utf-8")


def _timezone(tzid: str) -> Timezone:
    """The VTIMEZONE of a zone. Working it out from the zone's rules takes icalendar some 20-200 ms,
    the bulk of building an invitation, and the answer never changes while the program runs; the
    component is only read afterwards, so one instance serves every calendar. The lock keeps the
    first messages of several delivery threads from each working it out (lru_cache does not)."""
    with _ZONES:
        return _zone_component(tzid)


@functools.lru_cache(maxsize=16)
def _zone_component(tzid: str) -> Timezone:
    return Timezone.from_tzid(tzid)


def _add_timezone(calendar: Calendar, zone: ZoneInfo) -> None:
    calendar.subcomponents.insert(0, _timezone(str(zone)))
    calendar.add_missing_timezones()     # adds nothing unless some value uses another zone


def export_schedule(entries: Iterable[ScheduleEntry], *, zone: str | ZoneInfo, name: str, stamp: datetime) -> bytes:
    """One interviewer's or room's interviews as a published calendar (METHOD:PUBLISH) to import
    into Outlook or a phone. The UIDs are the interviews' own, so importing again updates them."""
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone or DEFAULT_ZONE)
    calendar = _calendar("PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", str(tz))
    for entry in entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("sequence", entry.sequence)
        event.add("dtstamp", _instant(stamp))
        event.add("dtstart", _instant(entry.starts_at).astimezone(tz))
        event.add("dtend", _instant(entry.ends_at).astimezone(tz))
        event.add("summary", _summary(entry.position, entry.round))
        location = _location(entry.mode, entry.room, entry.room_location, entry.video_link)
        if location:
            event.add("location", location)
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    _add_timezone(calendar, tz)
    return calendar.to_ical()
