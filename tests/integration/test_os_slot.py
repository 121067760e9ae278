"""The OS key slot: the embedded database opens with this computer's key store instead of the shared
passphrase. The keyring store is tested against a real keyring backend (keyrings.alt's file backend
in the test home, configured through PYTHON_KEYRING_BACKEND by tests/conftest.py); DPAPI needs Windows."""

from __future__ import annotations

import json
import sys

import keyring.backends.fail
import keyring.core
import pytest
from keyrings.alt.file import PlaintextKeyring

from desktop.core.errors import OsUnlockFailed, PermissionDenied, WrongPassphrase
from desktop.core.model import Role
from desktop.core.storage import os_slot
from desktop.core.storage.connect import Target, open_target
from desktop.core.storage.database import Actor, open_embedded
from desktop.core.storage.keys import KeyFile, key_file_for
from desktop.integrations.keystore import system_keystore
from desktop.integrations.keystore.keyring_store import SERVICE, KeyringKeyStore
from factories import PASSPHRASE, add_user


@pytest.fixture
def admin(embedded_db) -> Actor:
    return add_user(embedded_db, "admin1", [(Role.ADMIN, None)])


def turn_on(db, actor, store):
    with db.session(actor, write=True) as session:
        return os_slot.turn_on(session, actor, db, store)


def turn_off(db, actor, store):
    with db.session(actor, write=True) as session:
        return os_slot.turn_off(session, actor, db, store)


def test_with_the_slot_the_database_opens_without_the_passphrase(embedded_db, embedded_path, admin, clock):
    store = system_keystore()
    assert isinstance(store, KeyringKeyStore) and store.available()
    assert not os_slot.slot_state(embedded_path).present
    assert turn_on(embedded_db, admin, store) == os_slot.OsSlotState(True, "keyring")
    embedded_db.dispose()
    entry = json.loads(key_file_for(embedded_path).read_text())["slots"]["os"]
    assert entry["store"] == "keyring" and "wrapped" in entry
    assert PlaintextKeyring().get_password(SERVICE, entry["id"])      # the key sits in the keyring,
    assert entry["token"] == ""                                        # not in the key file
    db = open_target(Target(path=embedded_path), keystore=system_keystore(), clock=clock)
    with db.session() as session:
        assert session.info["clock"] is clock
    db.dispose()
    open_embedded(embedded_path, passphrase=PASSPHRASE).dispose()     # the passphrase still opens it


def test_turning_it_off_removes_the_slot_and_the_keyring_entry(embedded_db, embedded_path, admin):
    store = system_keystore()
    turn_on(embedded_db, admin, store)
    slot_id = KeyFile.read(key_file_for(embedded_path)).slots["os"]["id"]
    assert turn_off(embedded_db, admin, store) == os_slot.OsSlotState(False)
    assert "os" not in KeyFile.read(key_file_for(embedded_path)).slots
    assert PlaintextKeyring().get_password(SERVICE, slot_id) is None
    embedded_db.dispose()
    with pytest.raises(OsUnlockFailed) as refused:
        open_embedded(embedded_path, keystore=store)
    assert refused.value.params["reason"] == "no_slot"


def test_a_slot_whose_keyring_entry_is_gone_is_refused_and_the_passphrase_still_works(embedded_db, embedded_path,
                                                                                       admin):
    store = system_keystore()
    turn_on(embedded_db, admin, store)
    embedded_db.dispose()
    PlaintextKeyring().delete_password(SERVICE, KeyFile.read(key_file_for(embedded_path)).slots["os"]["id"])
    with pytest.raises(OsUnlockFailed) as refused:
        open_embedded(embedded_path, keystore=store)
    assert refused.value.params["reason"] == "missing"
    open_embedded(embedded_path, passphrase=PASSPHRASE).dispose()


def test_a_wrong_key_in_the_store_is_refused_without_touching_the_file(embedded_db, embedded_path, admin):
    store = system_keystore()
    turn_on(embedded_db, admin, store)
    embedded_db.dispose()
    slot_id = KeyFile.read(key_file_for(embedded_path)).slots["os"]["id"]
    PlaintextKeyring().set_password(SERVICE, slot_id, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUE=")
    before = embedded_path.read_bytes()
    with pytest.raises(OsUnlockFailed) as refused:
        open_embedded(embedded_path, keystore=store)
    assert refused.value.params["reason"] == "refused"
    assert embedded_path.read_bytes() == before


def test_changing_the_passphrase_keeps_the_slot(embedded_db, embedded_path, admin):
    store = system_keystore()
    turn_on(embedded_db, admin, store)
    keys = KeyFile.read(key_file_for(embedded_path))
    master = keys.unlock(PASSPHRASE)
    keys.with_passphrase(master, "Another-phrase-2").write(key_file_for(embedded_path))
    embedded_db.dispose()
    open_embedded(embedded_path, keystore=store).dispose()
    with pytest.raises(WrongPassphrase):
        open_embedded(embedded_path, passphrase=PASSPHRASE)


def test_only_administrators_turn_it_on_or_off(embedded_db, embedded_path):
    hr = add_user(embedded_db, "hr1", [(Role.HR_OFFICER, None)])
    with pytest.raises(PermissionDenied):
        turn_on(embedded_db, hr, system_keystore())
    assert not os_slot.slot_state(embedded_path).present


def test_no_usable_keyring_means_no_slot(embedded_db, embedded_path, admin, monkeypatch):
    store = KeyringKeyStore(keyring.backends.fail.Keyring())
    assert not store.available()
    with pytest.raises(OsUnlockFailed) as refused:
        turn_on(embedded_db, admin, store)
    assert refused.value.params["reason"] == "no_store"
    assert "os" not in KeyFile.read(key_file_for(embedded_path)).slots
    # a plaintext file that keyring picked by itself (nothing configured) is not a key store
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    monkeypatch.setattr(keyring.core, "load_config", lambda: None)
    monkeypatch.setattr(keyring.core, "get_keyring", lambda: PlaintextKeyring())
    assert not KeyringKeyStore().available()


@pytest.mark.skipif(sys.platform != "win32", reason="DPAPI exists only on Windows")
def test_dpapi_machine_scope_slot_opens_the_database(embedded_db, embedded_path, admin):
    from desktop.integrations.keystore.dpapi import DpapiKeyStore

    store = DpapiKeyStore()
    turn_on(embedded_db, admin, store)
    embedded_db.dispose()
    entry = KeyFile.read(key_file_for(embedded_path)).slots["os"]
    assert entry["store"] == "dpapi" and entry["token"]
    open_embedded(embedded_path, keystore=store).dispose()
    entry["token"] = entry["token"][:-8] + "AAAAAAA="
    keys = KeyFile.read(key_file_for(embedded_path))
    keys.slots["os"] = entry
    keys.write(key_file_for(embedded_path))
    with pytest.raises(OsUnlockFailed):
        open_embedded(embedded_path, keystore=store)
