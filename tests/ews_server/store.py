"""Mailboxes, their folders and items, who may open whose mailbox, and the change log that
SyncFolderItems reads. One lock guards it all: request threads and test hooks share it."""

from __future__ import annotations

import base64
import binascii
import itertools
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime

from lxml import etree

from ews_server import calendar_items as ci
from ews_server.soap import EwsError, ews_datetime, t, text_of

# Distinguished folders every mailbox has: id -> (display name, folder class, parent).
FOLDERS = {
    "root": ("", None, None),
    "msgfolderroot": ("Top of Information Store", "IPF.Note", "root"),
    "calendar": ("Calendar", "IPF.Appointment", "msgfolderroot"),
    "inbox": ("Inbox", "IPF.Note", "msgfolderroot"),
    "sentitems": ("Sent Items", "IPF.Note", "msgfolderroot"),
    "deleteditems": ("Deleted Items", "IPF.Note", "msgfolderroot"),
    "drafts": ("Drafts", "IPF.Note", "msgfolderroot"),
}


def _encode(*parts: str) -> str:
    return base64.b64encode("\x1f".join(parts).encode()).decode()


def _decode(value: str, kind: str, count: int) -> list[str]:
    try:
        parts = base64.b64decode(value, validate=True).decode().split("\x1f")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise EwsError("ErrorInvalidIdMalformed", "Id is malformed.") from None
    if len(parts) != count or parts[0] != kind:
        raise EwsError("ErrorInvalidIdMalformed", "Id is malformed.")
    return parts[1:]


def folder_id(mailbox: str, name: str) -> str:
    return _encode("F", mailbox, name)


def parse_folder_id(value: str) -> tuple[str, str]:
    mailbox, name = _decode(value, "F", 3)
    return mailbox, name


def parse_item_id(value: str) -> tuple[str, str]:
    mailbox, serial = _decode(value, "I", 3)
    return mailbox, serial


@dataclass
class StoredItem:
    item_id: str
    serial: str
    mailbox: str
    folder: str
    elem: etree._Element
    version: int = 1
    changed_in: dict[int, frozenset[str]] = field(default_factory=dict)   # version -> fields it changed

    @property
    def change_key(self) -> str:
        return _encode("CK", self.serial, str(self.version))

    def version_of(self, change_key: str) -> int:
        try:
            serial, version = _decode(change_key, "CK", 3)
        except EwsError:
            raise EwsError("ErrorInvalidChangeKey", "ChangeKey is invalid.") from None
        if serial != self.serial or not version.isdigit() or int(version) > self.version:
            raise EwsError("ErrorInvalidChangeKey", "ChangeKey is invalid.")
        return int(version)

    def fields_changed_since(self, version: int) -> set[str]:
        changed: set[str] = set()
        for v in range(version + 1, self.version + 1):
            changed |= self.changed_in.get(v, frozenset())
        return changed

    def bump(self, fields: set[str], now: datetime) -> None:
        """Every save issues a new ChangeKey, and remembers which fields it touched (for AutoResolve)."""
        self.version += 1
        self.changed_in[self.version] = frozenset(fields)
        self.elem.find(t("ItemId")).set("ChangeKey", self.change_key)
        ci.set_text(self.elem, "LastModifiedTime", ews_datetime(now))


@dataclass
class Mailbox:
    address: str
    name: str
    is_room: bool = False
    busy: list[tuple[datetime, datetime]] = field(default_factory=list)


@dataclass(frozen=True)
class Change:
    seq: int
    mailbox: str
    folder: str
    item_id: str
    kind: str         # "create" | "update" | "delete"


class Store:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.mailboxes: dict[str, Mailbox] = {}
        self.items: dict[str, StoredItem] = {}
        self.impersonators: set[str] = set()
        self.delegates: dict[str, set[str]] = {}       # owner -> delegates
        self.changes: list[Change] = []
        self._seq = itertools.count(1)
        self._serial = itertools.count(1)

    # --- directory and rights -------------------------------------------------------------------
    def mailbox(self, address: str) -> Mailbox:
        found = self.mailboxes.get(address.lower())
        if found is None:
            raise EwsError("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.")
        return found

    def may_open(self, actor: str, owner: str) -> bool:
        return actor == owner or actor in self.delegates.get(owner, set())

    def check_access(self, actor: str, owner: str) -> None:
        self.mailbox(owner)
        if not self.may_open(actor, owner):
            raise EwsError("ErrorAccessDenied", "Access is denied. Check credentials and try again.")

    # --- items ------------------------------------------------------------------------------------
    def get(self, item_id: str) -> StoredItem:
        parse_item_id(item_id)
        found = self.items.get(item_id)
        if found is None:
            raise EwsError("ErrorItemNotFound", "The specified object was not found in the store.")
        return found

    def in_folder(self, mailbox: str, folder: str) -> list[StoredItem]:
        return [i for i in self.items.values() if i.mailbox == mailbox and i.folder == folder]

    def by_uid(self, mailbox: str, uid: str, folder: str = "calendar") -> StoredItem | None:
        for item in self.in_folder(mailbox, folder):
            if text_of(item.elem, "t:UID") == uid:
                return item
        return None

    def add(self, mailbox: str, folder: str, elem: etree._Element, now: datetime) -> StoredItem:
        serial = str(next(self._serial))
        item_id = _encode("I", mailbox, serial)
        item = StoredItem(item_id, serial, mailbox, folder, elem)
        for name in ("ItemId", "ParentFolderId"):
            old = elem.find(t(name))
            if old is not None:
                elem.remove(old)
        item_ref = etree.Element(t("ItemId"), Id=item_id, ChangeKey=item.change_key)
        parent = etree.Element(t("ParentFolderId"), Id=folder_id(mailbox, folder), ChangeKey="AQAAAA==")
        elem.insert(0, parent)
        elem.insert(0, item_ref)
        ci.set_text(elem, "DateTimeCreated", ews_datetime(now))
        ci.set_text(elem, "LastModifiedTime", ews_datetime(now))
        self.items[item_id] = item
        self.log(item, "create")
        return item

    def move_to(self, item: StoredItem, folder: str) -> None:
        self.log(item, "delete")
        item.folder = folder
        item.elem.find(t("ParentFolderId")).set("Id", folder_id(item.mailbox, folder))
        self.log(item, "create")

    def remove(self, item: StoredItem) -> None:
        del self.items[item.item_id]
        self.log(item, "delete")

    def log(self, item: StoredItem, kind: str) -> None:
        self.changes.append(Change(next(self._seq), item.mailbox, item.folder, item.item_id, kind))

    def last_seq(self) -> int:
        return self.changes[-1].seq if self.changes else 0


def utc_now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)
