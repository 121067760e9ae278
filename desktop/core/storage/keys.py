"""Key material for the embedded database.

The database is encrypted by SQLCipher with a random 256-bit master key. The master key never
leaves memory in clear: a key file beside the database holds it wrapped (AES-256-GCM) twice, once
under a key derived from the passphrase with Argon2id and once under the recovery key shown to the
admin at creation. Either unlocks the database; changing the passphrase re-wraps the master key and
replaces the key file atomically, so a crash leaves the old or the new file, never half of one.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.core.errors import KeyFileDamaged, KeyFileMissing, WrongPassphrase
from desktop.core.storage.files import write_atomic

FORMAT = "interviewdesk-keys/1"
_RECOVERY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
_RECOVERY_GROUPS = 8


@dataclass(frozen=True)
class MasterKey:
    """The raw SQLCipher key. Its repr and str never show the bytes."""

    raw: bytes = field(repr=False)

    def sqlcipher_literal(self) -> bytes:
        """The form sqlite3_key understands as a raw key (no passphrase derivation)."""
        return b"x'" + self.raw.hex().encode("ascii") + b"'"

    def __str__(self) -> str:
        return "MasterKey(<hidden>)"

    __repr__ = __str__


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 2

    def within_bounds(self) -> bool:
        """Argon2 runs with whatever a key file says, so a damaged or hostile one could ask for
        terabytes of memory or hours of work; these bounds are far above what we write and far below harm."""
        return (1 <= self.time_cost <= MAX_TIME_COST and 1 <= self.parallelism <= MAX_PARALLELISM
                and 8 * self.parallelism <= self.memory_cost <= MAX_MEMORY_COST_KIB)


MAX_TIME_COST = 20
MAX_PARALLELISM = 16
MAX_MEMORY_COST_KIB = 1024 * 1024   # 1 GiB


def key_file_for(database: Path) -> Path:
    return database.with_name(database.name + ".keys")


def new_recovery_key() -> str:
    chars = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(4 * _RECOVERY_GROUPS))
    return "-".join(chars[i : i + 4] for i in range(0, len(chars), 4))


def normalise_recovery_key(text: str) -> str:
    letters = "".join(c for c in text.upper() if c.isalnum())
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def _passphrase_kek(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"), salt, params.time_cost, params.memory_cost,
        params.parallelism, 32, Type.ID,
    )


def _recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    # The recovery key carries 160 bits of randomness, so a fast KDF is enough.
    material = normalise_recovery_key(recovery_key).encode("ascii")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=b"interviewdesk recovery").derive(material)


def _wrap(kek: bytes, slot: str, master: MasterKey) -> dict:
    nonce = os.urandom(12)
    return {"nonce": _b64(nonce), "wrapped": _b64(AESGCM(kek).encrypt(nonce, master.raw, f"{FORMAT}/{slot}".encode()))}


def _unwrap(kek: bytes, slot: str, entry: dict) -> MasterKey:
    try:
        raw = AESGCM(kek).decrypt(_unb64(entry["nonce"]), _unb64(entry["wrapped"]), f"{FORMAT}/{slot}".encode())
    except (InvalidTag, KeyError, ValueError) as exc:
        raise WrongPassphrase("key slot did not open") from exc
    return MasterKey(raw)


@dataclass
class KeyFile:
    """The parsed key file: KDF parameters and the two wrapped copies of the master key."""

    salt: bytes
    params: KdfParams
    slots: dict[str, dict]

    @classmethod
    def create(cls, master: MasterKey, passphrase: str, recovery_key: str, params: KdfParams | None = None) -> "KeyFile":
        params = params or KdfParams()
        salt = os.urandom(16)
        rsalt = os.urandom(16)
        recovery = _wrap(_recovery_kek(recovery_key, rsalt), "recovery", master) | {"salt": _b64(rsalt)}
        return cls(salt=salt, params=params, slots={
            "passphrase": _wrap(_passphrase_kek(passphrase, salt, params), "passphrase", master),
            "recovery": recovery,
        })

    def unlock(self, passphrase: str) -> MasterKey:
        return _unwrap(_passphrase_kek(passphrase, self.salt, self.params), "passphrase", self.slots["passphrase"])

    def unlock_with_recovery_key(self, recovery_key: str) -> MasterKey:
        entry = self.slots["recovery"]
        return _unwrap(_recovery_kek(recovery_key, _unb64(entry["salt"])), "recovery", entry)

    def with_passphrase(self, master: MasterKey, passphrase: str) -> "KeyFile":
        salt = os.urandom(16)
        slots = dict(self.slots)
        slots["passphrase"] = _wrap(_passphrase_kek(passphrase, salt, self.params), "passphrase", master)
        return KeyFile(salt=salt, params=self.params, slots=slots)

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT,
            "kdf": {"name": "argon2id", "salt": _b64(self.salt), "time_cost": self.params.time_cost,
                    "memory_cost": self.params.memory_cost, "parallelism": self.params.parallelism},
            "slots": self.slots,
        }, indent=2)

    @classmethod
    def from_json(cls, text: str, name: str = "") -> "KeyFile":
        """Parse a key file; anything but its shape, with sane KDF parameters, is KeyFileDamaged."""
        try:
            data = json.loads(text)
            if not isinstance(data, dict) or data.get("format") != FORMAT:
                raise ValueError("unknown key file format")
            kdf, slots = data["kdf"], data["slots"]
            if not isinstance(kdf, dict) or not isinstance(slots, dict):
                raise ValueError("unknown key file format")
            values = [kdf["time_cost"], kdf["memory_cost"], kdf["parallelism"]]
            if not all(isinstance(v, int) and not isinstance(v, bool) for v in values):
                raise ValueError("kdf parameters are not whole numbers")
            params = KdfParams(*values)
            salt = _unb64(kdf["salt"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise KeyFileDamaged("format", name) from exc
        if not params.within_bounds():
            raise KeyFileDamaged("kdf_params", name)
        return cls(salt=salt, params=params, slots=dict(slots))

    @classmethod
    def read(cls, path: Path) -> "KeyFile":
        return cls.from_json(read_key_file_text(path), path.name)

    def write(self, path: Path) -> None:
        """Write atomically: a temporary sibling, fsync, then rename over the old file."""
        write_atomic(path, self.to_json())
        fsync_dir(path.parent)


def read_key_file_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise KeyFileMissing(str(path.name)) from exc
    except UnicodeDecodeError:
        raise KeyFileDamaged("encoding", path.name) from None


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows has no directory handles to sync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def new_master_key() -> MasterKey:
    return MasterKey(os.urandom(32))


MIN_PASSPHRASE_LENGTH = 10


def check_passphrase(passphrase: str) -> None:
    """The database passphrase guards every record: at least 10 characters, two kinds of character."""
    from desktop.core.errors import WeakPassword

    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise WeakPassword("passphrase too short", minimum=MIN_PASSPHRASE_LENGTH, reason="length")
    kinds = sum(bool(any(test(c) for c in passphrase))
                for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    if kinds < 2:
        raise WeakPassword("passphrase needs variety", minimum=MIN_PASSPHRASE_LENGTH, reason="variety")


def passphrase_strength(passphrase: str) -> int:
    """0 (weak) to 4 (strong), for the hint shown while typing."""
    kinds = sum(bool(any(test(c) for c in passphrase))
                for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum()))
    score = min(len(passphrase) // 4, 3) + (1 if kinds >= 3 else 0)
    return max(0, min(4, score if len(passphrase) >= MIN_PASSPHRASE_LENGTH else min(score, 1)))
