"""GetUserAvailability (free/busy of interviewers and rooms) and GetServerTimeZones.

Free/busy comes from each mailbox's calendar (cancelled and declined entries do not count; meetings
not yet answered show as Tentative, as Exchange shows them) plus busy blocks a test adds. Event
times are written as local wall-clock times of the request's time zone, without an offset, as Exchange
writes them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from lxml import etree

from ews_server import calendar_items as ci
from ews_server import timezones
from ews_server.dispatch import Context, response_root
from ews_server.meetings import busy_interval
from ews_server.soap import NSMAP, EwsError, m, response_message, sub, t, text_of

STATUS_DIGITS = {"Free": "0", "Tentative": "1", "Busy": "2", "OOF": "3", "WorkingElsewhere": "4", "NoData": "4"}


def _events(ctx: Context, address: str) -> list[tuple[datetime, datetime, str, etree._Element | None]]:
    mailbox = ctx.store.mailbox(address)
    events = [(s, e, "Busy", None) for s, e in mailbox.busy]
    for item in ctx.store.in_folder(address, "calendar"):
        if not busy_interval(item):
            continue
        start, end = ci.start_end(item.elem)
        status = text_of(item.elem, "t:LegacyFreeBusyStatus", "Busy")
        if text_of(item.elem, "t:MyResponseType") in ("NoResponseReceived", "Tentative") and status == "Busy":
            status = "Tentative"
        events.append((start, end, status, item.elem))
    return sorted(events, key=lambda e: e[0])


def _window_time(text: str, tz: etree._Element | None) -> datetime:
    """TimeWindow values: an explicit offset is honoured; a bare time is local to the request zone."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is not None:
        return value
    wall = value.replace(tzinfo=UTC)
    return wall - timezones.local_offset(tz, wall - timezones.local_offset(tz, wall))


def _local(value: datetime, tz: etree._Element | None) -> str:
    return (value + timezones.local_offset(tz, value)).strftime("%Y-%m-%dT%H:%M:%S")


def get_user_availability(ctx: Context, body: etree._Element) -> etree._Element:
    tz = body.find("t:TimeZone", NSMAP)
    options = body.find("t:FreeBusyViewOptions", NSMAP)
    window_start = _window_time(text_of(options, "t:TimeWindow/t:StartTime"), tz)
    window_end = _window_time(text_of(options, "t:TimeWindow/t:EndTime"), tz)
    interval = timedelta(minutes=int(text_of(options, "t:MergedFreeBusyIntervalInMinutes", "30")))
    view = text_of(options, "t:RequestedView", "DetailedMerged")
    root = etree.Element(m("GetUserAvailabilityResponse"), nsmap=NSMAP)
    array = sub(root, "m:FreeBusyResponseArray")
    for data in body.find("m:MailboxDataArray", NSMAP):
        address = (text_of(data, "t:Email/t:Address") or "").lower()
        response = sub(array, "m:FreeBusyResponse")
        if address not in ctx.store.mailboxes:
            msg = sub(response, "m:ResponseMessage", ResponseClass="Error")
            sub(msg, "m:MessageText", "Unable to resolve the e-mail address to an Active Directory object.")
            sub(msg, "m:ResponseCode", "ErrorMailRecipientNotFound")
            continue
        msg = sub(response, "m:ResponseMessage", ResponseClass="Success")
        sub(msg, "m:ResponseCode", "NoError")
        events = [e for e in _events(ctx, address) if e[0] < window_end and e[1] > window_start]
        _free_busy_view(response, events, view, window_start, window_end, interval, tz)
    return root


def _free_busy_view(response, events, view, window_start, window_end, interval, tz) -> None:
    fb = sub(response, "m:FreeBusyView")
    sub(fb, "t:FreeBusyViewType", view)
    if "Merged" in view:
        digits, slot = [], window_start
        while slot < window_end:
            overlapping = [STATUS_DIGITS.get(e[2], "2") for e in events if e[0] < slot + interval and e[1] > slot]
            digits.append(max(overlapping, key=lambda d: "01324".index(d)) if overlapping else "0")
            slot += interval
        sub(fb, "t:MergedFreeBusy", "".join(digits))
    if view in ("FreeBusy", "FreeBusyMerged", "Detailed", "DetailedMerged"):
        array = sub(fb, "t:CalendarEventArray")
        for start, end, status, elem in events:
            event = sub(array, "t:CalendarEvent")
            sub(event, "t:StartTime", _local(start, tz))
            sub(event, "t:EndTime", _local(end, tz))
            sub(event, "t:BusyType", status)
            if view.startswith("Detailed") and elem is not None:
                details = sub(event, "t:CalendarEventDetails")
                sub(details, "t:ID", elem.find(t("ItemId")).get("Id"))
                sub(details, "t:Subject", text_of(elem, "t:Subject", ""))
                sub(details, "t:Location", text_of(elem, "t:Location", ""))
                for name, value in (("IsMeeting", text_of(elem, "t:IsMeeting", "false")), ("IsRecurring", "false"),
                                    ("IsException", "false"), ("IsReminderSet", "false"), ("IsPrivate", "false")):
                    sub(details, f"t:{name}", value)


def get_server_time_zones(ctx: Context, body: etree._Element) -> etree._Element:
    root, messages = response_root("GetServerTimeZones")
    full = body.get("ReturnFullTimeZoneData", "true") == "true"
    ids = [i.text for i in body.findall("m:Ids/t:Id", NSMAP)] or list(timezones.ZONES)
    unknown = [i for i in ids if i not in timezones.ZONES]
    if unknown:
        response_message(messages, "GetServerTimeZones",
                         EwsError("ErrorInvalidTimeZone", f"The time zone {unknown[0]} is not known to the server."))
        return root
    definitions = sub(response_message(messages, "GetServerTimeZones"), "m:TimeZoneDefinitions")
    for ms_id in ids:
        definitions.append(timezones.definition(ms_id, full, ctx.now.year))
    return root


OPERATIONS = {"GetUserAvailability": get_user_availability, "GetServerTimeZones": get_server_time_zones}
