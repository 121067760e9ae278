"""The operating system's key slot: the embedded database opens without the shared passphrase on
the computer where it lives, so people sign in with their own account only.

A third slot in the key file holds the master key wrapped (AES-256-GCM) under a random key that
the operating system protects: Windows DPAPI in machine scope (every Windows user of that PC can
open it, nobody on another PC can), or the system keyring on Linux. The key file stays the single
place where the database key lives; copied to another computer, the slot does not open there and
the passphrase or the recovery key are needed, as before. An administrator turns the slot on
(first-run dialog, Settings) and off (the slot is removed and the store forgets its key).

Core defines the KeyStore interface; desktop/integrations/keystore implements it.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

from desktop.core import audit
from desktop.core.errors import KeyFileMissing, OsUnlockFailed, PermissionDenied, WrongPassphrase
from desktop.core.permissions import Action, require
from desktop.core.storage.database import Actor, Database, sqlcipher_key_of
from desktop.core.storage.keys import KeyFile, MasterKey, _unwrap, _wrap, key_file_for

SLOT = "os"


class KeyStore(Protocol):
    """A place the operating system keeps a small secret for this computer."""

    name: str   # "dpapi" or "keyring": written into the slot, so another kind is recognised

    def available(self) -> bool:
        """Whether the store can keep a secret here (may ask the system; call off the UI thread)."""

    def protect(self, slot_id: str, secret: bytes) -> str:
        """Keep `secret`; returns the text the key file stores for `unprotect` (may be empty)."""

    def unprotect(self, slot_id: str, token: str) -> bytes:
        """The secret again; raises OsUnlockFailed when the store cannot give it back."""

    def forget(self, slot_id: str, token: str) -> None:
        """Drop the secret (best effort: a store that never kept it has nothing to forget)."""


@dataclass(frozen=True)
class OsSlotState:
    present: bool
    store: str = ""          # which kind of store holds it ("dpapi", "keyring")


def slot_state(path: Path) -> OsSlotState:
    """Whether the key file of the database at `path` has an OS slot (a small local file read)."""
    try:
        entry = KeyFile.read(key_file_for(path)).slots.get(SLOT)
    except (KeyFileMissing, WrongPassphrase):
        return OsSlotState(False)
    return OsSlotState(True, str(entry.get("store", ""))) if isinstance(entry, dict) else OsSlotState(False)


def unlock(keys: KeyFile, store: KeyStore) -> MasterKey:
    entry = keys.slots.get(SLOT)
    if not isinstance(entry, dict):
        raise OsUnlockFailed("no os slot", reason="no_slot")
    if entry.get("store") != store.name:
        raise OsUnlockFailed("slot of another store", reason="other_store")
    kek = store.unprotect(str(entry.get("id", "")), str(entry.get("token", "")))
    try:
        return _unwrap(kek, SLOT, entry)
    except WrongPassphrase:
        raise OsUnlockFailed("os slot did not open", reason="refused") from None


def with_slot(keys: KeyFile, master: MasterKey, store: KeyStore) -> KeyFile:
    """The key file with a new OS slot (replacing an old one, whose secret the store forgets)."""
    if not store.available():
        raise OsUnlockFailed("no key store", reason="no_store")
    slot_id = secrets.token_hex(16)
    kek = os.urandom(32)
    token = store.protect(slot_id, kek)
    entry = _wrap(kek, SLOT, master) | {"store": store.name, "id": slot_id, "token": token}
    old = keys.slots.get(SLOT)
    slots = dict(keys.slots) | {SLOT: entry}
    if isinstance(old, dict) and old.get("store") == store.name:
        store.forget(str(old.get("id", "")), str(old.get("token", "")))
    return KeyFile(salt=keys.salt, params=keys.params, slots=slots)


def without_slot(keys: KeyFile, store: KeyStore | None) -> KeyFile:
    old = keys.slots.get(SLOT)
    if isinstance(old, dict) and store is not None and old.get("store") == store.name:
        store.forget(str(old.get("id", "")), str(old.get("token", "")))
    return KeyFile(salt=keys.salt, params=keys.params, slots={k: v for k, v in keys.slots.items() if k != SLOT})


def _key_file(db: Database) -> Path:
    if db.path is None:
        raise OsUnlockFailed("server databases have no key file", reason="no_slot")
    return key_file_for(db.path)


def turn_on(session: Session, actor: Actor, db: Database, store: KeyStore) -> OsSlotState:
    """Admins only: this computer opens the database without the passphrase from now on."""
    require(session, actor, Action.SETTINGS_MANAGE)
    path = _key_file(db)
    keys = KeyFile.read(path)
    with_slot(keys, sqlcipher_key_of(db), store).write(path)
    audit.record(session, "os_unlock_on", "Database", "", store=store.name)
    return OsSlotState(True, store.name)


def turn_on_at_creation(db: Database, store: KeyStore) -> OsSlotState:
    """The first-run dialog's choice, on a database that has no users yet (its creator becomes the
    first administrator next)."""
    from desktop.core.accounts import has_users

    with db.session(Actor.command_line(), write=True) as session:
        if has_users(session):   # afterwards only an administrator, through turn_on
            raise PermissionDenied("users exist", action="os_unlock")
        path = _key_file(db)
        with_slot(KeyFile.read(path), sqlcipher_key_of(db), store).write(path)
        audit.record(session, "os_unlock_on", "Database", "", store=store.name)
    return OsSlotState(True, store.name)


def turn_off(session: Session, actor: Actor, db: Database, store: KeyStore | None) -> OsSlotState:
    """Admins only: remove the slot; the passphrase (or recovery key) is needed again at every start."""
    require(session, actor, Action.SETTINGS_MANAGE)
    path = _key_file(db)
    keys = KeyFile.read(path)
    if SLOT in keys.slots:
        without_slot(keys, store).write(path)
        audit.record(session, "os_unlock_off", "Database", "")
    return OsSlotState(False)
