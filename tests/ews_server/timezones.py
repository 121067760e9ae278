"""Server time zones (GetServerTimeZones) and the legacy <t:TimeZone> of availability requests.

Definitions are derived from the IANA database for the current rules, in the shape Exchange uses:
one Standard period (and a Daylight one with two yearly transitions where the zone observes DST)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from lxml import etree

from ews_server.soap import NSMAP, sub, t, text_of

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Windows id -> (display name, IANA zone). China first: the product's home.
ZONES = {
    "China Standard Time": ("(UTC+08:00) Beijing, Chongqing, Hong Kong, Urumqi", "Asia/Shanghai"),
    "UTC": ("(UTC) Coordinated Universal Time", "UTC"),
    "GMT Standard Time": ("(UTC+00:00) Dublin, Edinburgh, Lisbon, London", "Europe/London"),
    "W. Europe Standard Time": ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"),
    "Tokyo Standard Time": ("(UTC+09:00) Osaka, Sapporo, Tokyo", "Asia/Tokyo"),
    "Singapore Standard Time": ("(UTC+08:00) Kuala Lumpur, Singapore", "Asia/Singapore"),
    "Taipei Standard Time": ("(UTC+08:00) Taipei", "Asia/Taipei"),
    "Eastern Standard Time": ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
    "Pacific Standard Time": ("(UTC-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"),
}


def _duration(minutes: int) -> str:
    """xs:duration as Exchange writes biases: -PT8H, PT0M, -PT5H30M."""
    sign, minutes = ("-" if minutes < 0 else ""), abs(minutes)
    hours, rest = divmod(minutes, 60)
    text = (f"{hours}H" if hours else "") + (f"{rest}M" if rest or not hours else "")
    return f"{sign}PT{text}"


def _transitions(zone: ZoneInfo, year: int) -> list[datetime]:
    """The UTC instants in `year` where the zone's offset changes (0 or 2 for rule-based zones)."""
    found, hour = [], datetime(year, 1, 1, tzinfo=UTC)
    previous = hour.astimezone(zone).utcoffset()
    while hour.year == year:
        hour += timedelta(hours=1)
        offset = hour.astimezone(zone).utcoffset()
        if offset != previous:
            found.append(hour)
            previous = offset
    return found


def _rule(local: datetime) -> tuple[str, int, str, int]:
    """(TimeOffset, Month, DayOfWeek, Occurrence) of a transition, in local standard-side wall time."""
    occurrence = (local.day - 1) // 7 + 1
    if (local + timedelta(days=7)).month != local.month:
        occurrence = -1
    return _duration(local.hour * 60 + local.minute), local.month, WEEKDAYS[local.weekday()], occurrence


def definition(ms_id: str, full: bool, year: int) -> etree._Element:
    display, iana = ZONES[ms_id]
    zone = ZoneInfo(iana)
    elem = etree.Element(t("TimeZoneDefinition"), nsmap={"t": NSMAP["t"]}, Id=ms_id, Name=display)
    if not full:
        return elem
    changes = _transitions(zone, year)
    january = datetime(year, 1, 15, tzinfo=UTC).astimezone(zone)
    standard_minutes = int(january.utcoffset().total_seconds() // 60) - int(january.dst().total_seconds() // 60)
    std_id = f"trule:Microsoft/Registry/{ms_id}/{year}-Standard"
    dst_id = f"trule:Microsoft/Registry/{ms_id}/{year}-Daylight"
    periods = sub(elem, "t:Periods")
    sub(periods, "t:Period", Bias=_duration(-standard_minutes), Name="Standard", Id=std_id)
    group = sub(sub(elem, "t:TransitionsGroups"), "t:TransitionsGroup", Id="0")
    if len(changes) == 2:
        daylight_minutes = int(changes[0].astimezone(zone).utcoffset().total_seconds() // 60)
        if daylight_minutes < standard_minutes:      # southern hemisphere: the first change ends DST
            changes.reverse()
            daylight_minutes = int(changes[0].astimezone(zone).utcoffset().total_seconds() // 60)
        sub(periods, "t:Period", Bias=_duration(-daylight_minutes), Name="Daylight", Id=dst_id)
        into_dst = changes[0] + timedelta(minutes=standard_minutes)     # wall clock just before the jump
        out_of_dst = changes[1] + timedelta(minutes=daylight_minutes)
        for to, local in ((dst_id, into_dst), (std_id, out_of_dst)):
            offset, month, weekday, occurrence = _rule(local.replace(tzinfo=None))
            transition = sub(group, "t:RecurringDayTransition")
            sub(transition, "t:To", to, Kind="Period")
            sub(transition, "t:TimeOffset", offset)
            sub(transition, "t:Month", str(month))
            sub(transition, "t:DayOfWeek", weekday)
            sub(transition, "t:Occurrence", str(occurrence))
    else:
        sub(sub(group, "t:Transition"), "t:To", std_id, Kind="Period")
    sub(sub(sub(elem, "t:Transitions"), "t:Transition"), "t:To", "0", Kind="Group")
    return elem


def _nth_weekday(year: int, month: int, weekday: str, order: int) -> datetime:
    first = datetime(year, month, 1)
    day = first + timedelta(days=(WEEKDAYS.index(weekday) - first.weekday()) % 7)
    day += timedelta(weeks=order - 1)
    while day.month != month:            # order 5 means "last"
        day -= timedelta(weeks=1)
    return day


def local_offset(tz: etree._Element | None, instant: datetime) -> timedelta:
    """UTC offset that a legacy <t:TimeZone> (Bias, StandardTime, DaylightTime) gives at `instant`."""
    if tz is None:
        return timedelta(0)
    bias = int(text_of(tz, "t:Bias", "0"))
    std, dst = tz.find("t:StandardTime", NSMAP), tz.find("t:DaylightTime", NSMAP)
    if std is None or dst is None or int(text_of(dst, "t:Bias", "0")) == 0:
        return timedelta(minutes=-bias)

    def switch(rule: etree._Element, year: int) -> datetime:
        hours, minutes, _ = (int(p) for p in text_of(rule, "t:Time", "00:00:00").split(":"))
        day = _nth_weekday(year, int(text_of(rule, "t:Month")), text_of(rule, "t:DayOfWeek"),
                           int(text_of(rule, "t:DayOrder")))
        return day.replace(hour=hours, minute=minutes)

    standard = timedelta(minutes=-(bias + int(text_of(std, "t:Bias", "0"))))
    daylight = timedelta(minutes=-(bias + int(text_of(dst, "t:Bias", "0"))))
    wall = (instant.astimezone(UTC) + standard).replace(tzinfo=None)
    starts, ends = switch(dst, wall.year), switch(std, wall.year)
    in_dst = starts <= wall < ends if starts < ends else not ends <= wall < starts
    return daylight if in_dst else standard
