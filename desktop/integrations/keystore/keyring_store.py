"""The system keyring through the `keyring` package (Secret Service on Linux desktops, KWallet, the
macOS keychain). The random slot key is kept under the service "InterviewDesk database key" and the
slot's id; the key file keeps only the wrapped master key.

A backend that keyring picked by itself must be a real store: its stand-ins (the fail and null
backends) and the plaintext file of keyrings.alt are refused. A backend the administrator configured
explicitly (PYTHON_KEYRING_BACKEND or keyringrc.cfg, keyring's own ways) is used as configured."""

from __future__ import annotations

import base64
from typing import Any

from desktop.core.errors import OsUnlockFailed

SERVICE = "InterviewDesk database key"
_NOT_A_STORE = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file")


class KeyringKeyStore:
    name = "keyring"

    def __init__(self, backend: Any = None) -> None:
        self._backend = backend

    def backend(self) -> Any:
        if self._backend is None:
            import keyring.core

            configured = keyring.core.load_env() or keyring.core.load_config()
            if configured is not None:
                self._backend = configured
            else:
                chosen = keyring.core.get_keyring()
                usable = [b for b in getattr(chosen, "backends", [chosen])
                          if not type(b).__module__.startswith(_NOT_A_STORE)]
                self._backend = usable[0] if usable else None
        return self._backend

    def available(self) -> bool:
        try:
            backend = self.backend()
        except Exception:   # a broken keyring configuration: no store here, the passphrase still works
            return False
        return backend is not None and not type(backend).__module__.startswith(("keyring.backends.fail",
                                                                                  "keyring.backends.null"))

    def _store(self) -> Any:
        if not self.available():
            raise OsUnlockFailed("no keyring", reason="no_store")
        return self.backend()

    def protect(self, slot_id: str, secret: bytes) -> str:
        from keyring.errors import KeyringError

        try:
            self._store().set_password(SERVICE, slot_id, base64.b64encode(secret).decode("ascii"))
        except KeyringError:
            raise OsUnlockFailed("keyring refused", reason="store_error") from None
        return ""

    def unprotect(self, slot_id: str, token: str) -> bytes:
        from keyring.errors import KeyringError

        try:
            stored = self._store().get_password(SERVICE, slot_id)
        except KeyringError:
            raise OsUnlockFailed("keyring refused", reason="store_error") from None
        if stored is None:
            raise OsUnlockFailed("keyring has no such entry", reason="missing")
        try:
            return base64.b64decode(stored.encode("ascii"), validate=True)
        except ValueError:
            raise OsUnlockFailed("keyring entry damaged", reason="refused") from None

    def forget(self, slot_id: str, token: str) -> None:
        from keyring.errors import KeyringError, PasswordDeleteError

        try:
            self._store().delete_password(SERVICE, slot_id)
        except (PasswordDeleteError, OsUnlockFailed):
            pass          # nothing kept: nothing to forget
        except KeyringError:
            pass          # the slot leaves the key file anyway; a stale entry opens nothing
