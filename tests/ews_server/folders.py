"""GetFolder, SyncFolderItems and ConvertId: finding a mailbox's folders (own, a delegator's, or the
impersonated user's) and reading back what changed in a folder since a sync state."""

from __future__ import annotations

import base64
import binascii

from lxml import etree

from ews_server import calendar_items as ci
from ews_server.dispatch import Context, response_root
from ews_server.soap import NSMAP, EwsError, response_message, sub, t, text_of
from ews_server.store import FOLDERS, folder_id, parse_folder_id, parse_item_id


def resolve_folder(ctx: Context, ref: etree._Element) -> tuple[str, str]:
    """(mailbox, distinguished name) of a FolderId or DistinguishedFolderId the caller may open."""
    if ref.tag == t("DistinguishedFolderId"):
        name = ref.get("Id")
        owner = (text_of(ref, "t:Mailbox/t:EmailAddress") or ctx.actor).lower()
    elif ref.tag == t("FolderId"):
        owner, name = parse_folder_id(ref.get("Id", ""))
    else:
        raise EwsError("ErrorInvalidRequest", f"Unsupported folder reference {etree.QName(ref).localname}.")
    if name not in FOLDERS:
        raise EwsError("ErrorFolderNotFound", "The specified folder could not be found in the store.")
    ctx.store.check_access(ctx.actor, owner)
    return owner, name


def folder_elem(ctx: Context, owner: str, name: str) -> etree._Element:
    display, folder_class, parent = FOLDERS[name]
    elem = etree.Element(t("CalendarFolder" if name == "calendar" else "Folder"), nsmap={"t": NSMAP["t"]})
    sub(elem, "t:FolderId", Id=folder_id(owner, name), ChangeKey="AQAAAA==")
    if parent:
        sub(elem, "t:ParentFolderId", Id=folder_id(owner, parent), ChangeKey="AQAAAA==")
    if folder_class:
        sub(elem, "t:FolderClass", folder_class)
    sub(elem, "t:DisplayName", display)
    sub(elem, "t:TotalCount", str(len(ctx.store.in_folder(owner, name))))
    sub(elem, "t:ChildFolderCount", str(sum(1 for f in FOLDERS.values() if f[2] == name)))
    if name != "calendar":
        sub(elem, "t:UnreadCount", "0")
    return elem


def get_folder(ctx: Context, body: etree._Element) -> etree._Element:
    root, messages = response_root("GetFolder")
    for ref in body.find("m:FolderIds", NSMAP):
        try:
            owner, name = resolve_folder(ctx, ref)
        except EwsError as e:
            response_message(messages, "GetFolder", e)
            continue
        msg = response_message(messages, "GetFolder")
        sub(msg, "m:Folders").append(folder_elem(ctx, owner, name))
    return root


def _sync_state(owner: str, name: str, seq: int) -> str:
    return base64.b64encode(f"SYNC\x1f{owner}\x1f{name}\x1f{seq}".encode()).decode()


def _read_sync_state(value: str | None, owner: str, name: str) -> int:
    if not value:
        return 0
    try:
        kind, state_owner, state_name, seq = base64.b64decode(value, validate=True).decode().split("\x1f")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise EwsError("ErrorInvalidSyncStateData", "Synchronization state data is corrupt or otherwise invalid.")
    if kind != "SYNC" or (state_owner, state_name) != (owner, name) or not seq.isdigit():
        raise EwsError("ErrorInvalidSyncStateData", "Synchronization state data is corrupt or otherwise invalid.")
    return int(seq)


def sync_folder_items(ctx: Context, body: etree._Element) -> etree._Element:
    """Changes since the sync state, collapsed per item within one answer (created-then-updated is one
    Create; created-then-deleted is nothing), at most MaxChangesReturned items per answer."""
    root, messages = response_root("SyncFolderItems")
    shape = body.find("m:ItemShape", NSMAP)
    base_shape = text_of(shape, "t:BaseShape", "IdOnly")
    uris = ci.additional_properties(shape)
    try:
        owner, name = resolve_folder(ctx, body.find("m:SyncFolderId", NSMAP)[0])
        since = _read_sync_state(text_of(body, "m:SyncState"), owner, name)
    except EwsError as e:
        response_message(messages, "SyncFolderItems", e)
        return root
    limit = int(text_of(body, "m:MaxChangesReturned", "100"))
    ignore = {i.get("Id") for i in body.findall("m:Ignore/t:ItemId", NSMAP)}
    pending = [c for c in ctx.store.changes if c.seq > since and c.mailbox == owner and c.folder == name]
    collapsed: dict[str, str] = {}
    reached = since
    for change in pending:
        if change.item_id not in collapsed and len(collapsed) >= limit:
            break
        before = collapsed.get(change.item_id)
        if before == "create" and change.kind == "delete":
            collapsed[change.item_id] = "gone"
        elif before in ("create", "delete") and change.kind != "delete":
            collapsed[change.item_id] = "create" if before == "create" else "update"
        elif before == "gone" and change.kind == "create":
            collapsed[change.item_id] = "create"
        else:
            collapsed[change.item_id] = change.kind
        reached = change.seq
    msg = response_message(messages, "SyncFolderItems")
    sub(msg, "m:SyncState", _sync_state(owner, name, reached))
    last = reached == (pending[-1].seq if pending else since)
    sub(msg, "m:IncludesLastItemInRange", "true" if last else "false")
    changes = sub(msg, "m:Changes")
    for item_id, kind in collapsed.items():
        if kind == "gone" or item_id in ignore:
            continue
        item = ctx.store.items.get(item_id)
        if kind == "delete" or item is None or item.folder != name:
            sub(sub(changes, "t:Delete"), "t:ItemId", Id=item_id)
            continue
        holder = sub(changes, "t:Create" if kind == "create" else "t:Update")
        holder.append(ci.shaped(item.elem, base_shape, uris, t("CalendarItem")))
    return root


def convert_id(ctx: Context, body: etree._Element) -> etree._Element:
    """Our ids carry their mailbox and read the same in every format; ids we did not issue are
    malformed. exchangelib's version probe sends a dummy id and only wants the version header back."""
    root, messages = response_root("ConvertId")
    destination = body.get("DestinationFormat")
    for source in body.find("m:SourceIds", NSMAP):
        try:
            owner, _ = parse_item_id(source.get("Id", ""))
            ctx.store.check_access(ctx.actor, owner)
        except EwsError as e:
            response_message(messages, "ConvertId", e)
            continue
        msg = response_message(messages, "ConvertId")
        sub(msg, "t:AlternateId", Format=destination, Id=source.get("Id"), Mailbox=owner)
    return root


OPERATIONS = {"GetFolder": get_folder, "SyncFolderItems": sync_folder_items, "ConvertId": convert_id}
