"""CreateItem, GetItem, UpdateItem, DeleteItem and FindItem on calendar items, with Exchange's
ChangeKey rules and meeting side effects (invitations, updates, cancellations, answers).

ChangeKey rules: AlwaysOverwrite ignores the key; NeverOverwrite refuses any old key; AutoResolve
(exchangelib's default) merges an old key when the fields it sets were not changed since, but refuses
it when the update also sends meeting updates or cancellations ("The send or update operation could
not be performed..."), and so do CancelCalendarItem and Accept/Decline, which are sends."""

from __future__ import annotations

import copy

from lxml import etree

from ews_server import calendar_items as ci
from ews_server import meetings
from ews_server.dispatch import Context, response_root
from ews_server.folders import resolve_folder
from ews_server.restriction import apply_sort, matches
from ews_server.soap import (
    NSMAP,
    EwsError,
    parse_datetime,
    response_message,
    sub,
    t,
    text_of,
)
from ews_server.store import StoredItem, parse_item_id

SENDING = {"SendOnlyToAll", "SendToAllAndSaveCopy", "SendOnlyToChanged", "SendToChangedAndSaveCopy"}
ANSWERS = {"AcceptItem": "Accept", "TentativelyAcceptItem": "Tentative", "DeclineItem": "Decline"}


def _open_item(ctx: Context, ref: etree._Element) -> StoredItem:
    owner, _ = parse_item_id(ref.get("Id", ""))
    ctx.store.check_access(ctx.actor, owner)
    return ctx.store.get(ref.get("Id"))


def _id_only(item: StoredItem) -> etree._Element:
    elem = etree.Element(t("CalendarItem"), nsmap={"t": NSMAP["t"]})
    sub(elem, "t:ItemId", Id=item.item_id, ChangeKey=item.change_key)
    return elem


def create_item(ctx: Context, body: etree._Element) -> etree._Element:
    root, messages = response_root("CreateItem")
    send = body.get("SendMeetingInvitations", "SendToNone") in SENDING
    saved_in = body.find("m:SavedItemFolderId", NSMAP)
    for new in body.find("m:Items", NSMAP):
        try:
            created = _create_one(ctx, new, saved_in, send, body.get("MessageDisposition"))
        except EwsError as e:
            response_message(messages, "CreateItem", e)
            continue
        items = sub(response_message(messages, "CreateItem"), "m:Items")
        if created is not None:
            items.append(_id_only(created))
    return root


def _create_one(ctx: Context, new: etree._Element, saved_in, send: bool, disposition: str | None):
    kind = etree.QName(new).localname
    if kind == "CalendarItem":
        owner, folder = resolve_folder(ctx, saved_in[0]) if saved_in is not None else (ctx.actor, "calendar")
        if folder != "calendar":
            raise EwsError("ErrorInvalidRequest", "Calendar items are saved in a calendar folder here.")
        return meetings.save_new(ctx.store, owner, folder, copy.deepcopy(new), send, ctx.now)
    reference = new.find("t:ReferenceItemId", NSMAP)
    if reference is None:
        raise EwsError("ErrorInvalidRequest", f"{kind} items are not supported by this server.")
    target = _open_item(ctx, reference)
    _check_change_key(target, reference.get("ChangeKey"), set(), "NeverOverwrite")
    if kind == "CancelCalendarItem":
        if text_of(target.elem, "t:MyResponseType") != "Organizer":
            raise EwsError("ErrorInvalidOperation", "Only the organizer can cancel a meeting.")
        meetings.cancel(ctx.store, target, disposition != "SaveOnly", ctx.now)
        return None
    if kind in ANSWERS:
        meetings.respond(ctx.store, target.mailbox, text_of(target.elem, "t:UID"), ANSWERS[kind], ctx.now)
        return None
    raise EwsError("ErrorInvalidRequest", f"{kind} items are not supported by this server.")


def get_item(ctx: Context, body: etree._Element) -> etree._Element:
    root, messages = response_root("GetItem")
    shape = body.find("m:ItemShape", NSMAP)
    base_shape = text_of(shape, "t:BaseShape", "Default")
    uris = ci.additional_properties(shape)
    for ref in body.find("m:ItemIds", NSMAP):
        try:
            item = _open_item(ctx, ref)
        except EwsError as e:
            response_message(messages, "GetItem", e)
            continue
        sub(response_message(messages, "GetItem"), "m:Items").append(
            ci.shaped(item.elem, base_shape, uris, t("CalendarItem")))
    return root


def _check_change_key(item: StoredItem, change_key: str | None, touched: set[str], policy: str,
                      sends: bool = True) -> None:
    """Exchange's optimistic concurrency (see the module docstring)."""
    if not change_key or policy == "AlwaysOverwrite":
        return
    version = item.version_of(change_key)
    if version == item.version:
        return
    if policy == "NeverOverwrite" or sends or touched & item.fields_changed_since(version):
        raise EwsError("ErrorIrresolvableConflict",
                       "The send or update operation could not be performed because the change key passed in the "
                       "request does not match the current change key for the item.")


def _field_key(update: etree._Element) -> str:
    uri = update[0]
    if uri.tag == t("ExtendedFieldURI"):
        return f"ExtendedProperty{ci.extended_key(uri)}"
    return ci.field_name_of(uri)


def update_item(ctx: Context, body: etree._Element) -> etree._Element:
    root, messages = response_root("UpdateItem")
    policy = body.get("ConflictResolution", "AutoResolve")
    sending = body.get("SendMeetingInvitationsOrCancellations", "SendToNone")
    for change in body.find("m:ItemChanges", NSMAP):
        try:
            item = _update_one(ctx, change, policy, sending)
        except EwsError as e:
            response_message(messages, "UpdateItem", e)
            continue
        msg = response_message(messages, "UpdateItem")
        sub(msg, "m:Items").append(_id_only(item))
        sub(sub(msg, "m:ConflictResults"), "t:Count", "0")
    return root


def _update_one(ctx: Context, change: etree._Element, policy: str, sending: str) -> StoredItem:
    ref = change.find("t:ItemId", NSMAP)
    item = _open_item(ctx, ref)
    updates = list(change.find("t:Updates", NSMAP))
    touched = {_field_key(u) for u in updates}
    if touched & set(ci.SERVER_FIELDS):
        raise EwsError("ErrorInvalidPropertySet", "A read-only property cannot be set.")
    organizes = text_of(item.elem, "t:MyResponseType") == "Organizer"
    sends = organizes and sending in SENDING and bool(ci.attendee_addresses(item.elem))
    _check_change_key(item, ref.get("ChangeKey"), touched, policy, sends)
    before_attendees = set(ci.attendee_addresses(item.elem))
    before_times = ci.start_end(item.elem)
    for update in updates:
        action = etree.QName(update).localname
        uri = update[0]
        if action == "DeleteItemField":
            extended = ci.extended_key(uri) if uri.tag == t("ExtendedFieldURI") else None
            ci.drop_field(item.elem, ci.field_name_of(uri), extended)
            continue
        holder = update.find("t:CalendarItem", NSMAP)
        if holder is None or len(holder) != 1:
            raise EwsError("ErrorInvalidPropertySet", "SetItemField needs one calendar item value.")
        value = holder[0]
        if action == "AppendToItemField" and item.elem.find(value.tag) is not None:
            item.elem.find(value.tag).extend(copy.deepcopy(list(value)))
        else:
            ci.put_field(item.elem, value)
    ci.normalize_times(item.elem)
    after_attendees = set(ci.attendee_addresses(item.elem))
    ci.set_text(item.elem, "IsMeeting", "true" if after_attendees else "false")
    for _, attendee in ci.attendee_elems(item.elem):
        if attendee.find(t("ResponseType")) is None:
            sub(attendee, "t:ResponseType", "Unknown")
    ci.name_attendees(item.elem, {a: box.name for a, box in ctx.store.mailboxes.items()})
    item.bump(touched, ctx.now)
    ctx.store.log(item, "update")
    if organizes and sending in SENDING and (after_attendees or before_attendees):
        time_changed = ci.start_end(item.elem) != before_times
        only = None if "ToAll" in sending else (after_attendees ^ before_attendees)
        meetings.deliver(ctx.store, item, before_attendees, ctx.now, time_changed, only)
    return item


def delete_item(ctx: Context, body: etree._Element) -> etree._Element:
    root, messages = response_root("DeleteItem")
    delete_type = body.get("DeleteType", "MoveToDeletedItems")
    send = body.get("SendMeetingCancellations", "SendToNone") in SENDING
    for ref in body.find("m:ItemIds", NSMAP):
        try:
            item = _open_item(ctx, ref)
        except EwsError as e:
            response_message(messages, "DeleteItem", e)
            continue
        if text_of(item.elem, "t:MyResponseType") == "Organizer" and ci.attendee_addresses(item.elem):
            meetings.cancel(ctx.store, item, send, ctx.now)       # lands in Deleted Items
        elif delete_type == "MoveToDeletedItems" and item.folder != "deleteditems":
            ctx.store.move_to(item, "deleteditems")
        if delete_type != "MoveToDeletedItems" and item.item_id in ctx.store.items:
            ctx.store.remove(item)
        response_message(messages, "DeleteItem")
    return root


def find_item(ctx: Context, body: etree._Element) -> etree._Element:
    root, messages = response_root("FindItem")
    shape = body.find("m:ItemShape", NSMAP)
    base_shape = text_of(shape, "t:BaseShape", "Default")
    uris = ci.additional_properties(shape)
    view = body.find("m:CalendarView", NSMAP)
    paged = body.find("m:IndexedPageItemView", NSMAP)
    restriction = body.find("m:Restriction", NSMAP)
    for ref in body.find("m:ParentFolderIds", NSMAP):
        try:
            if body.find("m:QueryString", NSMAP) is not None:
                raise EwsError("ErrorUnsupportedQueryFilter", "AQS query strings are not supported by this server.")
            if view is not None and (restriction is not None or body.find("m:SortOrder", NSMAP) is not None):
                raise EwsError("ErrorInvalidRestriction",
                               "Restrictions and sort order may not be specified for a CalendarView.")
            owner, folder = resolve_folder(ctx, ref)
        except EwsError as e:
            response_message(messages, "FindItem", e)
            continue
        found = sorted(ctx.store.in_folder(owner, folder), key=lambda i: (ci.start_end(i.elem)[0], int(i.serial)))
        if restriction is not None:
            found = [i for i in found if matches(i.elem, restriction[0])]
        found = apply_sort(found, body.find("m:SortOrder", NSMAP), lambda i: i.elem)
        msg = response_message(messages, "FindItem")
        if view is not None:
            start, end = parse_datetime(view.get("StartDate")), parse_datetime(view.get("EndDate"))
            found = [i for i in found if ci.start_end(i.elem)[0] < end and ci.start_end(i.elem)[1] > start]
            limit = int(view.get("MaxEntriesReturned") or len(found) or 1)
            page, attrs = found[:limit], {}
        else:
            offset = int(paged.get("Offset", "0")) if paged is not None else 0
            limit = int(paged.get("MaxEntriesReturned") or 1000) if paged is not None else 1000
            page = found[offset:offset + limit]
            attrs = {"IndexedPagingOffset": str(offset + len(page))}
        last = len(page) == len(found) or (view is None and offset + len(page) >= len(found))
        folder_elem = sub(msg, "m:RootFolder", TotalItemsInView=str(len(found)),
                          IncludesLastItemInRange="true" if last else "false", **attrs)
        items = sub(folder_elem, "t:Items")
        for item in page:
            items.append(ci.shaped(item.elem, base_shape, uris, t("CalendarItem")))
    return root


OPERATIONS = {"CreateItem": create_item, "GetItem": get_item, "UpdateItem": update_item, "DeleteItem": delete_item,
              "FindItem": find_item}
