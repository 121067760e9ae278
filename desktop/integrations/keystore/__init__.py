"""This computer's key store for the database's OS key slot (core: desktop/core/storage/os_slot.py):
Windows DPAPI in machine scope on Windows, the system keyring (Secret Service, KWallet) elsewhere.
Nothing is imported or asked of the system until a store is used."""

from __future__ import annotations

import sys

from desktop.core.storage.os_slot import KeyStore


def system_keystore() -> KeyStore:
    if sys.platform == "win32":
        from desktop.integrations.keystore.dpapi import DpapiKeyStore

        return DpapiKeyStore()
    from desktop.integrations.keystore.keyring_store import KeyringKeyStore

    return KeyringKeyStore()
