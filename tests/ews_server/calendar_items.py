"""A calendar item kept as the <t:CalendarItem> XML the client sent, plus the fields the server owns
(ids, organizer, response states). Keeping the client's XML means every field exchangelib writes comes
back as it was written; the few fields the server must understand are read from it here."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from ews_server.soap import NSMAP, TNS, ews_datetime, parse_datetime, sub, t, text_of

ATTENDEE_LISTS = ("RequiredAttendees", "OptionalAttendees", "Resources")

# Fields the server owns: a client cannot set them, and a shape returns them only when asked.
SERVER_FIELDS = ("ItemId", "ParentFolderId", "ItemClass", "DateTimeCreated", "LastModifiedTime", "Organizer",
                 "MyResponseType", "IsMeeting", "IsCancelled", "CalendarItemType", "MeetingRequestWasSent",
                 "AppointmentSequenceNumber", "AppointmentState", "IsRecurring", "AppointmentReplyTime")

# What Exchange returns for BaseShape=Default on a calendar item.
DEFAULT_SHAPE = ("ItemId", "ParentFolderId", "ItemClass", "Subject", "Sensitivity", "DateTimeReceived", "Size",
                 "Importance", "IsDraft", "HasAttachments", "Start", "End", "IsAllDayEvent",
                 "LegacyFreeBusyStatus", "Location", "CalendarItemType", "Organizer", "MyResponseType",
                 "IsMeeting", "IsCancelled", "IsRecurring", "UID")


@dataclass
class Meeting:
    """What a test sees of a calendar item (all times aware UTC)."""

    item_id: str
    change_key: str
    uid: str
    subject: str
    start: datetime
    end: datetime
    location: str
    body: str
    organizer: str
    attendees: dict[str, str]
    is_cancelled: bool
    my_response: str
    extended: dict[str, str] = field(default_factory=dict)
    last_response_times: dict[str, datetime] = field(default_factory=dict)


def child(elem: etree._Element, name: str) -> etree._Element | None:
    return elem.find(t(name))


def set_text(elem: etree._Element, name: str, value: str) -> None:
    """Replace (or add) a simple child element."""
    existing = child(elem, name)
    if existing is None:
        existing = etree.SubElement(elem, t(name))
    existing.text = value


def start_end(elem: etree._Element) -> tuple[datetime, datetime]:
    return parse_datetime(text_of(elem, "t:Start")), parse_datetime(text_of(elem, "t:End"))


def normalize_times(elem: etree._Element) -> None:
    """Exchange stores and returns Start/End in UTC whatever offset the client wrote."""
    for name in ("Start", "End"):
        node = child(elem, name)
        if node is not None and node.text and "T" in node.text:
            node.text = ews_datetime(parse_datetime(node.text))


def mailbox_elem(parent: etree._Element, tag: str, address: str, name: str) -> etree._Element:
    box = sub(parent, tag)
    sub(box, "t:Name", name or address)
    sub(box, "t:EmailAddress", address)
    sub(box, "t:RoutingType", "SMTP")
    sub(box, "t:MailboxType", "Mailbox")
    return box


def set_organizer(elem: etree._Element, address: str, name: str) -> None:
    old = child(elem, "Organizer")
    if old is not None:
        elem.remove(old)
    organizer = sub(elem, "t:Organizer")
    mailbox_elem(organizer, "t:Mailbox", address, name)


def organizer_of(elem: etree._Element) -> str:
    return (text_of(elem, "t:Organizer/t:Mailbox/t:EmailAddress") or "").lower()


def attendee_elems(elem: etree._Element) -> list[tuple[str, etree._Element]]:
    """(list name, <t:Attendee>) for every attendee, room and resource."""
    found = []
    for list_name in ATTENDEE_LISTS:
        holder = child(elem, list_name)
        if holder is not None:
            found.extend((list_name, a) for a in holder.findall(t("Attendee")))
    return found


def attendee_address(attendee: etree._Element) -> str:
    return (text_of(attendee, "t:Mailbox/t:EmailAddress") or "").lower()


def attendee_addresses(elem: etree._Element) -> list[str]:
    return [attendee_address(a) for _, a in attendee_elems(elem)]


def name_attendees(elem: etree._Element, names: dict[str, str]) -> None:
    """Exchange resolves attendees it hosts: their display name comes from the directory."""
    for _, attendee in attendee_elems(elem):
        box = attendee.find(t("Mailbox"))
        name = names.get(attendee_address(attendee))
        if box is not None and name and box.find(t("Name")) is None:
            box.insert(0, etree.Element(t("Name")))
            box[0].text = name


def reset_responses(elem: etree._Element, response: str) -> None:
    """A new or re-sent invitation: attendees have not answered it."""
    for _, attendee in attendee_elems(elem):
        for name in ("ResponseType", "LastResponseTime"):
            old = attendee.find(t(name))
            if old is not None:
                attendee.remove(old)
        sub(attendee, "t:ResponseType", response)


def record_response(elem: etree._Element, address: str, response: str, when: datetime) -> bool:
    """Set one attendee's answer on the organizer's copy; False if they are not invited."""
    for _, attendee in attendee_elems(elem):
        if attendee_address(attendee) == address:
            for name in ("ResponseType", "LastResponseTime"):
                old = attendee.find(t(name))
                if old is not None:
                    attendee.remove(old)
            sub(attendee, "t:ResponseType", response)
            sub(attendee, "t:LastResponseTime", ews_datetime(when))
            return True
    return False


def extended_key(uri: etree._Element) -> tuple:
    """Identity of an extended property, written the several ways a client may write it."""
    tag = uri.get("PropertyTag")
    if tag is not None:
        tag = str(int(tag, 16) if tag.lower().startswith("0x") else int(tag))
    return (uri.get("DistinguishedPropertySetId"), (uri.get("PropertySetId") or "").lower() or None,
            tag, uri.get("PropertyName"), uri.get("PropertyId"))


def extended_props(elem: etree._Element) -> list[etree._Element]:
    return elem.findall(t("ExtendedProperty"))


def extended_values(prop: etree._Element) -> list[str]:
    values = prop.find(t("Values"))
    if values is not None:
        return [v.text or "" for v in values.findall(t("Value"))]
    return [text_of(prop, "t:Value", "")]


def find_extended(elem: etree._Element, key: tuple) -> etree._Element | None:
    for prop in extended_props(elem):
        if extended_key(prop.find(t("ExtendedFieldURI"))) == key:
            return prop
    return None


def put_field(elem: etree._Element, value: etree._Element) -> None:
    """SetItemField: the new element replaces the old one of the same name (or extended property)."""
    if value.tag == t("ExtendedProperty"):
        old = find_extended(elem, extended_key(value.find(t("ExtendedFieldURI"))))
    else:
        old = elem.find(value.tag)
    if old is not None:
        elem.remove(old)
    elem.append(copy.deepcopy(value))


def drop_field(elem: etree._Element, field_name: str | None, extended: tuple | None) -> None:
    """DeleteItemField."""
    old = find_extended(elem, extended) if extended else elem.find(t(field_name))
    if old is not None:
        elem.remove(old)


def field_name_of(uri: etree._Element) -> str:
    """'calendar:Start' -> 'Start'; the element name follows the colon for every field we keep."""
    return uri.get("FieldURI", "").partition(":")[2]


def additional_properties(shape: etree._Element | None) -> list[etree._Element]:
    """The field URIs an ItemShape asks for beyond its BaseShape."""
    found = shape.find("t:AdditionalProperties", NSMAP) if shape is not None else None
    return list(found) if found is not None else []


def shaped(elem: etree._Element, base_shape: str, field_uris: list[etree._Element], tag: str) -> etree._Element:
    """A copy of the item with only what the shape asks for, as GetItem/FindItem return it.
    Extended properties come back only when asked for by their URI, as in Exchange."""
    wanted_names: set[str] = {"ItemId"}
    wanted_ext: set[tuple] = set()
    if base_shape == "Default":
        wanted_names |= set(DEFAULT_SHAPE)
    for uri in field_uris:
        if uri.tag == t("ExtendedFieldURI"):
            wanted_ext.add(extended_key(uri))
        else:
            wanted_names.add(field_name_of(uri))
    out = etree.Element(tag, nsmap={"t": TNS})
    for node in elem:
        if node.tag == t("ExtendedProperty"):
            if base_shape == "AllProperties" and not wanted_ext:
                continue
            if extended_key(node.find(t("ExtendedFieldURI"))) in wanted_ext:
                out.append(copy.deepcopy(node))
        elif base_shape == "AllProperties" or etree.QName(node).localname in wanted_names:
            out.append(copy.deepcopy(node))
    return out


def meeting_view(elem: etree._Element) -> Meeting:
    start, end = start_end(elem)
    attendees, times = {}, {}
    for _, attendee in attendee_elems(elem):
        address = attendee_address(attendee)
        attendees[address] = text_of(attendee, "t:ResponseType", "Unknown")
        when = text_of(attendee, "t:LastResponseTime")
        if when:
            times[address] = parse_datetime(when)
    extended = {}
    for prop in extended_props(elem):
        uri = prop.find(t("ExtendedFieldURI"))
        name = uri.get("PropertyName") or uri.get("PropertyId") or uri.get("PropertyTag")
        values = extended_values(prop)
        extended[name] = values[0] if len(values) == 1 else "\n".join(values)
    item_id = elem.find(t("ItemId"))
    return Meeting(
        item_id=item_id.get("Id"), change_key=item_id.get("ChangeKey"), uid=text_of(elem, "t:UID", ""),
        subject=text_of(elem, "t:Subject", ""), start=start, end=end, location=text_of(elem, "t:Location", ""),
        body=text_of(elem, "t:Body", ""), organizer=organizer_of(elem), attendees=attendees,
        is_cancelled=text_of(elem, "t:IsCancelled") == "true", my_response=text_of(elem, "t:MyResponseType", ""),
        extended=extended, last_response_times=times)


def value_for_restriction(elem: etree._Element, uri: etree._Element) -> list[str]:
    """Values a restriction compares against: a field's text, or an extended property's value(s)."""
    if uri.tag == t("ExtendedFieldURI"):
        prop = find_extended(elem, extended_key(uri))
        return extended_values(prop) if prop is not None else []
    node = elem.find(t(field_name_of(uri)))
    if node is None:
        return []
    if len(node):          # e.g. Organizer: compare on the address inside
        address = node.find(".//t:EmailAddress", NSMAP)
        return [address.text] if address is not None and address.text else []
    return [node.text or ""]
