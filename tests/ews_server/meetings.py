"""What Exchange does around a meeting besides storing it: the organizer's server fields, the copies
delivered to attendees hosted on this server (same UID), answers flowing back to the organizer's copy,
rooms that book themselves, and cancellations.

Behaviour copied from Exchange that tests should know about:
- a cancelled or deleted meeting stays in each attendee's calendar marked IsCancelled;
- an attendee who declines loses the meeting from their calendar (it moves to Deleted Items);
- a changed start or end is a new request: answers reset to Unknown / NoResponseReceived;
- a room mailbox answers at once: Accept when it is free, Decline when it is booked;
- custom extended properties stay on the organizer's item; attendees' copies do not carry them."""

from __future__ import annotations

import copy
import uuid
from datetime import datetime

from lxml import etree

from ews_server import calendar_items as ci
from ews_server.soap import EwsError, ews_datetime, t, text_of
from ews_server.store import Store, StoredItem

CONTENT_FIELDS = ("Subject", "Body", "Start", "End", "StartTimeZone", "EndTimeZone", "Location",
                  "IsAllDayEvent", "LegacyFreeBusyStatus", "RequiredAttendees", "OptionalAttendees", "Resources")


def save_new(store: Store, owner: str, folder: str, elem: etree._Element, send: bool, now: datetime) -> StoredItem:
    """CreateItem of a CalendarItem in `owner`'s folder: the owner organizes it."""
    for name in ci.SERVER_FIELDS:
        old = elem.find(t(name))
        if old is not None:
            elem.remove(old)
    if elem.find(t("Start")) is None or elem.find(t("End")) is None:
        raise EwsError("ErrorInvalidPropertySet", "A calendar item needs a start and an end.")
    ci.normalize_times(elem)
    start, end = ci.start_end(elem)
    if end < start:
        raise EwsError("ErrorCalendarEndDateIsEarlierThanStartDate", "The end date is earlier than the start date.")
    if not text_of(elem, "t:UID"):
        ci.set_text(elem, "UID", uuid.uuid4().hex.upper())
    is_meeting = bool(ci.attendee_addresses(elem))
    organizer = store.mailbox(owner)
    ci.set_organizer(elem, organizer.address, organizer.name)
    for name, value in (("ItemClass", "IPM.Appointment"), ("CalendarItemType", "Single"), ("IsRecurring", "false"),
                        ("IsCancelled", "false"), ("IsMeeting", "true" if is_meeting else "false"),
                        ("MyResponseType", "Organizer"), ("AppointmentSequenceNumber", "0"),
                        ("AppointmentState", "1" if is_meeting else "0"),
                        ("MeetingRequestWasSent", "true" if send and is_meeting else "false")):
        ci.set_text(elem, name, value)
    ci.reset_responses(elem, "Unknown")
    ci.name_attendees(elem, {a: box.name for a, box in store.mailboxes.items()})
    item = store.add(owner, folder, elem, now)
    if send and is_meeting:
        deliver(store, item, set(), now)
    return item


def deliver(store: Store, item: StoredItem, previous_attendees: set[str], now: datetime,
            time_changed: bool = False, only: set[str] | None = None) -> None:
    """Send the organizer's current version to hosted attendees; attendees who were removed get
    a cancellation. `only` limits an update to the attendees it concerns (SendToChanged...)."""
    organizer = item.mailbox
    uid = text_of(item.elem, "t:UID")
    current = set(ci.attendee_addresses(item.elem)) - {organizer}
    if time_changed:
        ci.reset_responses(item.elem, "Unknown")
    for address in sorted(current):
        if only is not None and address not in only and not time_changed:
            continue
        if address not in store.mailboxes:
            continue
        existing = store.by_uid(address, uid)
        if existing is None:
            _new_copy(store, item, address, now)
        else:
            _refresh_copy(store, item, existing, time_changed, now)
    for address in sorted(previous_attendees - current):
        existing = store.by_uid(address, uid) if address in store.mailboxes else None
        if existing is not None:
            mark_cancelled(store, existing, now)
    ci.set_text(item.elem, "MeetingRequestWasSent", "true")


def _attendee_copy(organizer_elem: etree._Element) -> etree._Element:
    elem = copy.deepcopy(organizer_elem)
    for prop in ci.extended_props(elem):
        elem.remove(prop)
    ci.reset_responses(elem, "Unknown")
    return elem


def _new_copy(store: Store, item: StoredItem, address: str, now: datetime) -> None:
    elem = _attendee_copy(item.elem)
    ci.set_text(elem, "MyResponseType", "NoResponseReceived")
    ci.set_text(elem, "AppointmentState", "3")      # Meeting | Received
    attendee_item = store.add(address, "calendar", elem, now)
    if store.mailboxes[address].is_room:
        _room_answers(store, attendee_item, now)


def _refresh_copy(store: Store, item: StoredItem, existing: StoredItem, time_changed: bool, now: datetime) -> None:
    fresh = _attendee_copy(item.elem)
    changed = set()
    for name in CONTENT_FIELDS:
        new, old = fresh.find(t(name)), existing.elem.find(t(name))
        if old is not None:
            existing.elem.remove(old)
        if new is not None:
            existing.elem.append(new)
        changed.add(name)
    ci.set_text(existing.elem, "IsCancelled", "false")
    if time_changed:
        ci.set_text(existing.elem, "MyResponseType", "NoResponseReceived")
    existing.bump(changed, now)
    store.log(existing, "update")
    if time_changed and store.mailboxes[existing.mailbox].is_room:
        _room_answers(store, existing, now)


def _room_answers(store: Store, room_item: StoredItem, now: datetime) -> None:
    start, end = ci.start_end(room_item.elem)
    uid = text_of(room_item.elem, "t:UID")
    room = store.mailboxes[room_item.mailbox]
    booked = any(s < end and start < e for s, e in room.busy) or any(
        busy_interval(other) and ci.start_end(other.elem)[0] < end and start < ci.start_end(other.elem)[1]
        for other in store.in_folder(room.address, "calendar")
        if text_of(other.elem, "t:UID") != uid)
    respond(store, room.address, uid, "Decline" if booked else "Accept", now)


def busy_interval(item: StoredItem) -> bool:
    """Whether this calendar entry blocks time (cancelled and declined entries do not)."""
    return (text_of(item.elem, "t:IsCancelled") != "true"
            and text_of(item.elem, "t:MyResponseType") != "Decline"
            and text_of(item.elem, "t:LegacyFreeBusyStatus", "Busy") != "Free")


def mark_cancelled(store: Store, item: StoredItem, now: datetime) -> None:
    ci.set_text(item.elem, "IsCancelled", "true")
    item.bump({"IsCancelled"}, now)
    store.log(item, "update")


def cancel(store: Store, item: StoredItem, send: bool, now: datetime) -> None:
    """The organizer cancels: their item goes to Deleted Items; attendees' copies are marked cancelled."""
    if send:
        uid = text_of(item.elem, "t:UID")
        for address in ci.attendee_addresses(item.elem):
            existing = store.by_uid(address, uid) if address in store.mailboxes else None
            if existing is not None and address != item.mailbox:
                mark_cancelled(store, existing, now)
    ci.set_text(item.elem, "IsCancelled", "true")
    item.bump({"IsCancelled"}, now)
    store.move_to(item, "deleteditems")


def respond(store: Store, address: str, uid: str, response: str, now: datetime) -> None:
    """An attendee answers (Outlook, or a room's booking attendant); the organizer's copy records it."""
    if response not in ("Accept", "Tentative", "Decline"):
        raise ValueError(f"unknown response {response!r}")
    own = store.by_uid(address, uid)
    if own is None:
        raise KeyError(f"{address} has no meeting {uid}")
    organizer = ci.organizer_of(own.elem)
    if organizer == address:
        raise ValueError("the organizer does not answer their own meeting")
    ci.set_text(own.elem, "MyResponseType", response)
    ci.set_text(own.elem, "AppointmentReplyTime", ews_datetime(now))
    own.bump({"MyResponseType"}, now)
    store.log(own, "update")
    if response == "Decline":
        store.move_to(own, "deleteditems")
    organizer_item = store.by_uid(organizer, uid) if organizer in store.mailboxes else None
    if organizer_item is not None and ci.record_response(organizer_item.elem, address, response, now):
        lists = {name for name, a in ci.attendee_elems(organizer_item.elem) if ci.attendee_address(a) == address}
        organizer_item.bump(lists, now)
        store.log(organizer_item, "update")
