"""Personal signing keys and signed decisions (issue 13 §1).

Every user has an Ed25519 key. Its private half is stored only wrapped under the user's password:
argon2id turns the password and a random salt into a 256-bit key, AES-256-GCM seals the 32 private
bytes with it (the key id is the associated data, so a wrapped key cannot be moved to another row).
Login checks the password and leaves the key's Argon2 run for later (PendingKey): the key is unwrapped
on a background thread once the main window has its first page, or by the first signature, which
waits for it; then it stays in this process's keyring until logout. Nobody, an administrator
included, can read it otherwise. An administrator who resets a password retires the
old key (it stays to verify what it signed) and the user gets a new key at the next login.

A signature covers a canonical text of the decision: what was decided (subject and id), the
request's content hash, the verdict, the comment, the time, the signer and the key id. Verification
needs only that text and the public key, so an archive package can be checked without the database.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.model import Signature, User, UserKey

# argon2id parameters of the wrapping key: the password hash's own strength (OWASP's 2023 minimum
# is m=19 MiB, t=2; this is above it) at one unwrap per login.
KDF = {"kdf": "argon2id", "t": 3, "m": 65536, "p": 4}


@dataclass(frozen=True)
class UnlockedKey:
    key_id: str
    private: Ed25519PrivateKey


@dataclass(frozen=True)
class SignatureCheck:
    """How one decision's signature stands: "valid", "invalid" (the text or the signature was
    changed after signing) or "unsigned" (decided before signatures existed, by mail, or by a
    user whose key was not unlocked)."""

    state: str
    signer_id: int | None = None
    key_id: str = ""
    signed_at: datetime | None = None

    @property
    def valid(self) -> bool:
        return self.state == "valid"


def key_id_of(public_raw: bytes) -> str:
    return hashlib.sha256(public_raw).hexdigest()[:32]


def _raw_public(private: Ed25519PrivateKey) -> bytes:
    return private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def _kek(password: str, salt: bytes, params: dict) -> bytes:
    return hash_secret_raw(password.encode("utf-8"), salt, time_cost=params["t"], memory_cost=params["m"],
                           parallelism=params["p"], hash_len=32, type=Type.ID)


def _seal(private: Ed25519PrivateKey, key_id: str, kek: bytes, salt: bytes) -> dict:
    nonce = os.urandom(12)
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    sealed = AESGCM(kek).encrypt(nonce, raw, key_id.encode("ascii"))
    return {**KDF, "salt": salt.hex(), "nonce": nonce.hex(), "sealed": sealed.hex()}


def wrap(private: Ed25519PrivateKey, key_id: str, password: str) -> dict:
    """The private key sealed under the password, as stored in user_keys.wrapped_private."""
    salt = os.urandom(16)
    return _seal(private, key_id, _kek(password, salt, KDF), salt)


def unwrap(wrapped: dict, key_id: str, password: str) -> Ed25519PrivateKey | None:
    """The private key, or None when the password is not the one it was wrapped under."""
    try:
        kek = _kek(password, bytes.fromhex(wrapped["salt"]), wrapped)
        raw = AESGCM(kek).decrypt(bytes.fromhex(wrapped["nonce"]), bytes.fromhex(wrapped["sealed"]),
                                  key_id.encode("ascii"))
    except (InvalidTag, KeyError, ValueError):
        return None
    return Ed25519PrivateKey.from_private_bytes(raw)


def _add_key(session: Session, user_id: int, now: datetime, seal, issued_by_id: int | None) -> UnlockedKey:
    for old in active_keys(session, user_id):
        old.retired_at, old.retired_reason = now, "replaced"
    private = Ed25519PrivateKey.generate()
    public = _raw_public(private)
    key_id = key_id_of(public)
    session.add(UserKey(user_id=user_id, key_id=key_id, public_key=public.hex(),
                        wrapped_private=seal(private, key_id), created_at=now, issued_by_id=issued_by_id))
    return UnlockedKey(key_id, private)


def new_key(session: Session, user_id: int, password: str, now: datetime,
            issued_by_id: int | None = None) -> UnlockedKey:
    """A fresh key for `user_id`, wrapped under `password`; the user's older keys are retired."""
    key = _add_key(session, user_id, now, lambda private, key_id: wrap(private, key_id, password), issued_by_id)
    session.flush()
    return key


def new_keys_sharing_password(session: Session, user_ids: list[int], password: str,
                              now: datetime) -> dict[int, UnlockedKey]:
    """Fresh keys for accounts that share one password (the demo's users): one argon2 run for all,
    each key sealed with its own nonce and bound to its key id. Never for real accounts: users with
    the same salt and password would have the same wrapping key."""
    salt = os.urandom(16)
    kek = _kek(password, salt, KDF)
    keys = {user_id: _add_key(session, user_id, now, lambda private, key_id: _seal(private, key_id, kek, salt), None)
            for user_id in user_ids}
    session.flush()
    return keys


def active_keys(session: Session, user_id: int) -> list[UserKey]:
    return list(session.scalars(select(UserKey).where(UserKey.user_id == user_id, UserKey.retired_at.is_(None))
                                .order_by(UserKey.id)))


def active_key(session: Session, user_id: int) -> UserKey | None:
    keys = active_keys(session, user_id)
    return keys[-1] if keys else None


class PendingKey:
    """A user's key after a login that checked their password, before its Argon2 unwrap: the start
    does not wait for that run. It is unwrapped once, by Keyring.unwrap_in_background or by the first
    use (a signature, Keyring.get); whoever asks meanwhile waits for that one run, so a decision is
    signed, never left unsigned because the key was not ready yet."""

    def __init__(self, user_id: int, key_id: str, wrapped: dict, password: str) -> None:
        self.user_id, self.key_id = user_id, key_id
        self._wrapped = wrapped
        self._password: str | None = password      # held only until the key is open
        self._lock = threading.Lock()
        self._opened = False
        self._key: UnlockedKey | None = None
        self._replacement: UnlockedKey | None = None

    @property
    def opened(self) -> bool:
        """Unwrapped (or found not to open with the password), so using it waits for nothing."""
        return self._opened

    def key(self) -> UnlockedKey | None:
        """The unwrapped key; None when the password checked at login does not open it."""
        with self._lock:
            if not self._opened:
                private = unwrap(self._wrapped, self.key_id, self._password or "")
                if private is not None:
                    self._key, self._password = UnlockedKey(self.key_id, private), None
                self._opened = True
            return self._key

    def replacement(self, session: Session, now: datetime) -> UnlockedKey:
        """The password opens not the stored key (it was changed or damaged outside the program): a new
        key under it, as a login made one when it unwrapped at once; made again in this session if the
        transaction that made the last one did not commit."""
        with self._lock:
            made = self._replacement
            if made is None or session.scalar(select(UserKey.id).where(
                    UserKey.key_id == made.key_id, UserKey.user_id == self.user_id,
                    UserKey.retired_at.is_(None))) is None:
                self._replacement = new_key(session, self.user_id, self._password or "", now)
            return self._replacement


def unlock(session: Session, user_id: int, password: str, now: datetime) -> UnlockedKey | PendingKey:
    """At login, with the password just checked: the user's key to be unwrapped (PendingKey); a user
    without a key (new, or whose key an administrator retired) gets one now. A key this process holds
    already (unlocking after idle time) is kept: login costs no argon2 run for it."""
    row = active_key(session, user_id)
    held = KEYRING.held_key_id(user_id)
    if row is not None and held == row.key_id:
        return KEYRING.entry(user_id)
    if row is not None:
        return PendingKey(user_id, row.key_id, dict(row.wrapped_private), password)
    return new_key(session, user_id, password, now)


def rewrap(session: Session, user_id: int, old_password: str, new_password: str, now: datetime) -> UnlockedKey:
    """On a password change: the same key, wrapped under the new password."""
    row = active_key(session, user_id)
    private = unwrap(row.wrapped_private, row.key_id, old_password) if row is not None else None
    if private is None:
        return new_key(session, user_id, new_password, now)
    row.wrapped_private = wrap(private, row.key_id, new_password)
    session.flush()
    return UnlockedKey(row.key_id, private)


def retire(session: Session, user_id: int, now: datetime, reason: str) -> None:
    """An administrator's reset: the old key can verify what it signed, never sign again."""
    for row in active_keys(session, user_id):
        row.retired_at, row.retired_reason = now, reason
    session.flush()


class Keyring:
    """The keys of the users logged in to this process, by user id: unwrapped, or still PendingKey."""

    def __init__(self) -> None:
        self._keys: dict[int, UnlockedKey | PendingKey] = {}
        self._lock = threading.Lock()

    def put(self, user_id: int, key: UnlockedKey | PendingKey) -> None:
        with self._lock:
            self._keys[user_id] = key

    def entry(self, user_id: int | None) -> UnlockedKey | PendingKey | None:
        with self._lock:
            return self._keys.get(user_id) if user_id is not None else None

    def held_key_id(self, user_id: int | None) -> str | None:
        """The id of the key held for the user, unwrapped or not; waits for no Argon2 run."""
        entry = self.entry(user_id)
        return entry.key_id if entry is not None else None

    def ready(self, user_id: int | None) -> bool:
        """A key is held for the user and using it waits for no Argon2 run."""
        entry = self.entry(user_id)
        return entry is not None and (isinstance(entry, UnlockedKey) or entry.opened)

    def get(self, user_id: int | None) -> UnlockedKey | None:
        """The user's unwrapped key (unwrapping it first if it is still pending), or None."""
        entry = self.entry(user_id)
        if not isinstance(entry, PendingKey):
            return entry
        key = entry.key()
        if key is not None:
            with self._lock:
                if self._keys.get(entry.user_id) is entry:     # not signed out meanwhile
                    self._keys[entry.user_id] = key
        return key

    def signing_key(self, session: Session, user_id: int | None, now: datetime) -> UnlockedKey | None:
        """The key to sign with in `session`: waits for a pending unwrap; a key the login's password does
        not open is replaced in this session (PendingKey.replacement)."""
        entry = self.entry(user_id)
        key = self.get(user_id)
        if key is None and isinstance(entry, PendingKey):
            key = entry.replacement(session, now)
        return key

    def unwrap_in_background(self) -> None:
        """Unwrap the pending keys on a thread of their own (the main window calls this once its
        first page has its data); a signature asked for meanwhile waits for this run."""
        with self._lock:
            pending = [entry.user_id for entry in self._keys.values() if isinstance(entry, PendingKey)]
        if pending:
            threading.Thread(target=lambda: [self.get(user_id) for user_id in pending],
                             name="signing-key-unwrap", daemon=True).start()

    def forget(self, user_id: int) -> None:
        with self._lock:
            self._keys.pop(user_id, None)

    def clear(self) -> None:
        """When the program ends: no unlocked key outlives the desk."""
        with self._lock:
            self._keys.clear()


KEYRING = Keyring()


@contextmanager
def holding(keys: dict[int, UnlockedKey]) -> Iterator[None]:
    """Keys unlocked for the length of a block (the demo's approvers deciding through the services),
    forgotten afterwards unless they were held before."""
    added = [user_id for user_id in keys if KEYRING.entry(user_id) is None]
    for user_id in added:
        KEYRING.put(user_id, keys[user_id])
    try:
        yield
    finally:
        for user_id in added:
            KEYRING.forget(user_id)


def _utc_text(at: datetime) -> str:
    if at.tzinfo is None:
        at = at.replace(tzinfo=timezone.utc)
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def signed_text(subject: str, subject_id: int, content_sha256: str, verdict: str, comment: str,
                signed_at: datetime, signer_id: int, key_id: str) -> bytes:
    """The exact bytes a decision's signature covers (also written into archive packages)."""
    return json.dumps({"subject": subject, "subject_id": subject_id, "content_sha256": content_sha256,
                       "verdict": verdict, "comment": comment, "signed_at": _utc_text(signed_at),
                       "signer_id": signer_id, "key_id": key_id},
                      ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def sign(session: Session, signer_id: int | None, subject: str, subject_id: int, content_sha256: str,
         verdict: str, comment: str, signed_at: datetime) -> Signature | None:
    """Sign one decision with the signer's unlocked key; None (the decision stays unsigned, and is
    shown so) when the signer has no unlocked key in this process, e.g. a decision by mail, or when
    the key held is no longer the signer's active key (an administrator issued a new one meanwhile,
    or the key belongs to another database)."""
    key = KEYRING.signing_key(session, signer_id, signed_at)
    if key is None:
        return None
    if session.scalar(select(UserKey.id).where(UserKey.key_id == key.key_id, UserKey.user_id == signer_id,
                                               UserKey.retired_at.is_(None))) is None:
        return None
    text = signed_text(subject, subject_id, content_sha256, verdict, comment, signed_at, signer_id, key.key_id)
    row = Signature(subject=subject, subject_id=subject_id, signer_id=signer_id, key_id=key.key_id,
                    content_sha256=content_sha256, verdict=verdict, comment=comment, signed_at=signed_at,
                    signature=key.private.sign(text).hex())
    session.add(row)
    return row


def verify_text(public_key_hex: str, text: bytes, signature_hex: str) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex)).verify(bytes.fromhex(signature_hex), text)
    except (InvalidSignature, ValueError):
        return False
    return True


def check(session: Session, subject: str, subject_id: int, content_sha256: str, verdict: str,
          comment: str) -> SignatureCheck:
    """Whether the decision as recorded now (its content hash, verdict and comment) carries a valid
    signature of its signer's key."""
    row = session.scalar(select(Signature).where(Signature.subject == subject, Signature.subject_id == subject_id)
                         .order_by(Signature.id.desc()).limit(1))
    if row is None:
        return SignatureCheck("unsigned")
    key = session.scalar(select(UserKey).where(UserKey.key_id == row.key_id))
    text = signed_text(subject, subject_id, content_sha256, verdict, comment, row.signed_at, row.signer_id, row.key_id)
    ok = key is not None and key.user_id == row.signer_id and verify_text(key.public_key, text, row.signature)
    return SignatureCheck("valid" if ok else "invalid", row.signer_id, row.key_id, row.signed_at)


def signer_name(session: Session, signer_id: int | None) -> str:
    user = session.get(User, signer_id) if signer_id is not None else None
    return user.display_name if user is not None else ""
