"""Checking an archive package from the package alone (`interviewdesk archive verify`), years later and
without the database: every file against the manifest, nothing missing and nothing added, every
metadata record against its PDF, every signed decision against its signed text and its signer's
public key. The first problem found is named (the file, and the signature inside it); a package
with none is sound.

Files are read once; PDFs are hashed, not kept, so a package of thousands of dossiers needs little
memory. The package may come from anywhere: its XML is read without DTDs or entities, names with
".." or absolute paths are refused.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from xml.etree import ElementTree as ET

from desktop.core import signing
from desktop.core.archive.package import (
    DIGEST_ALGORITHM, FORMAT, KEYS, MANIFEST, PACKAGE_INFO, SCHEMA_FILE, sha256,
)

_LINE = re.compile(r"^([0-9a-f]{64}) [ *](.+)$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Problem:
    """What failed, where: `path` is the file in the package ("" for the package itself); `code` says
    what (desktop/ui/messages.py words it); `params` add the signature's number, a line, a value."""

    path: str
    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class VerifyReport:
    package: str
    problem: Problem | None
    dossiers: int = 0
    files: int = 0
    signatures: int = 0
    package_sha256: str = ""                            # the manifest's digest, as the register keeps it
    warnings: tuple[Problem, ...] = ()                  # signatures already invalid when exported

    @property
    def ok(self) -> bool:
        return self.problem is None


class _Failed(Exception):
    def __init__(self, path: str, code: str, **params: Any) -> None:
        super().__init__(code)
        self.problem = Problem(path, code, params)


# --- reading a folder or a zip ------------------------------------------------------------------------

def _hashed(stream: BinaryIO) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    return digest.hexdigest(), size


class _Folder:
    def __init__(self, root: Path) -> None:
        self.root = root

    def names(self) -> list[str]:
        found = []
        for folder, dirs, files in os.walk(self.root):
            dirs.sort()
            for name in files:
                found.append((Path(folder) / name).relative_to(self.root).as_posix())
        return found

    def read(self, name: str) -> bytes:
        return (self.root / name).read_bytes()

    def digest(self, name: str) -> tuple[str, int]:
        with open(self.root / name, "rb") as fh:
            return _hashed(fh)

    def close(self) -> None:
        pass


class _Zip:
    def __init__(self, path: Path) -> None:
        self.zip = zipfile.ZipFile(path)

    def names(self) -> list[str]:
        return [i.filename for i in self.zip.infolist() if not i.is_dir()]

    def read(self, name: str) -> bytes:
        return self.zip.read(name)

    def digest(self, name: str) -> tuple[str, int]:
        with self.zip.open(name) as fh:
            return _hashed(fh)

    def close(self) -> None:
        self.zip.close()


def _open(path: Path) -> _Folder | _Zip:
    if path.is_dir():
        return _Folder(path)
    if not path.exists():
        raise _Failed("", "not_found")
    try:
        return _Zip(path)
    except (zipfile.BadZipFile, OSError):
        raise _Failed("", "not_package") from None


# --- the checks ----------------------------------------------------------------------------------------

def verify(path: Path) -> VerifyReport:
    """Check the package at `path` (a folder or a .zip); the report names the first problem."""
    try:
        reader = _open(path)
    except _Failed as failed:               # the package itself: named by its path
        return VerifyReport(str(path), Problem(str(path), failed.problem.code))
    check = _Check(reader)
    try:
        check.run()
        problem = None
    except _Failed as failed:
        problem = failed.problem
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError):
        problem = Problem(check.current, "unreadable")
    finally:
        reader.close()
    return VerifyReport(str(path), problem, dossiers=check.dossiers, files=len(check.manifest),
                        signatures=check.signatures, package_sha256=check.manifest_sha256,
                        warnings=tuple(check.warnings))


class _Check:
    def __init__(self, reader: _Folder | _Zip) -> None:
        self.reader = reader
        self.manifest: dict[str, str] = {}
        self.sizes: dict[str, int] = {}
        self.manifest_sha256 = ""
        self.keys: dict[str, dict[str, Any]] = {}
        self.dossiers = self.signatures = 0
        self.warnings: list[Problem] = []
        self.current = ""

    def run(self) -> None:
        names = self.reader.names()
        self._read_manifest(set(names))
        for name in sorted(self.manifest):
            self.current = name
            if name not in self._present:
                raise _Failed(name, "missing")
            try:
                digest, self.sizes[name] = self.reader.digest(name)
            except zipfile.BadZipFile:      # a zip entry whose bytes fail the zip's own CRC: changed in place
                raise _Failed(name, "damaged") from None
            if digest != self.manifest[name]:
                raise _Failed(name, "digest", expected=self.manifest[name], actual=digest)
        extra = sorted(set(names) - set(self.manifest) - {MANIFEST})
        if extra:
            raise _Failed(extra[0], "unlisted")
        self._read_info()
        self._read_keys()
        referenced: set[str] = set()
        for name in sorted(n for n in self.manifest if n.startswith("metadata/") and n.endswith(".xml")):
            self.current = name
            referenced |= self._dossier(name)
        for name in sorted(self.manifest):
            if name.startswith(("dossiers/", "signatures/")) and name not in referenced:
                raise _Failed(name, "no_metadata")

    def _read_manifest(self, present: set[str]) -> None:
        self._present = present
        self.current = MANIFEST
        if MANIFEST not in present:
            raise _Failed(MANIFEST, "manifest_missing")
        data = self.reader.read(MANIFEST)
        self.manifest_sha256 = sha256(data)
        try:
            lines = data.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            raise _Failed(MANIFEST, "manifest_format", line=1) from None
        for number, line in enumerate(lines, 1):
            match = _LINE.match(line)
            name = match.group(2) if match else ""
            if match is None or name in self.manifest or name == MANIFEST or _unsafe(name):
                raise _Failed(MANIFEST, "manifest_format", line=number)
            self.manifest[name] = match.group(1)

    def _json(self, name: str) -> Any:
        self.current = name
        try:
            return json.loads(self.reader.read(name).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise _Failed(name, "format") from None

    def _read_info(self) -> None:
        info = self._json(PACKAGE_INFO) if PACKAGE_INFO in self.manifest else None
        if not isinstance(info, dict) or info.get("format") != FORMAT:
            raise _Failed(PACKAGE_INFO, "format" if PACKAGE_INFO in self.manifest else "missing")

    def _read_keys(self) -> None:
        if KEYS not in self.manifest:
            raise _Failed(KEYS, "missing")
        document = self._json(KEYS)
        entries = document.get("keys") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise _Failed(KEYS, "format")
        for entry in entries:
            try:
                raw = bytes.fromhex(entry["public_key"])
                key_id, user_id = str(entry["key_id"]), int(entry["user_id"])
            except (KeyError, TypeError, ValueError):
                raise _Failed(KEYS, "format") from None
            if len(raw) != 32 or signing.key_id_of(raw) != key_id:
                raise _Failed(KEYS, "key_id", key_id=key_id)
            self.keys[key_id] = {"user_id": user_id, "public_key": raw.hex(),
                                 "user_name": str(entry.get("user_name", ""))}

    def _metadata(self, name: str) -> ET.Element:
        data = self.reader.read(name)
        if b"<!DOCTYPE" in data or b"<!ENTITY" in data:        # no DTDs, no entity expansion
            raise _Failed(name, "format")
        try:
            return ET.fromstring(data)
        except ET.ParseError:
            raise _Failed(name, "format") from None

    def _dossier(self, name: str) -> set[str]:
        """One metadata record: its PDF and its signatures. Returns the files it accounts for."""
        if name == SCHEMA_FILE:
            return set()
        root = self._metadata(name)
        pdf = root.findtext("计算机文件名") or ""
        digest = root.find("数字摘要")
        size = root.findtext("计算机文件大小") or ""
        signed = root.find("签批")
        if root.tag != "电子文件元数据" or not root.findtext("档号") or digest is None or signed is None:
            raise _Failed(name, "format")
        if pdf not in self.manifest or not pdf.startswith("dossiers/"):
            raise _Failed(name, "metadata_file", file=pdf)
        if digest.get("算法") != DIGEST_ALGORITHM:
            raise _Failed(name, "metadata_algorithm", algorithm=digest.get("算法", ""))
        if (digest.text or "").strip() != self.manifest[pdf]:
            raise _Failed(name, "metadata_digest", file=pdf)
        if size.strip() != str(self.sizes[pdf]):
            raise _Failed(name, "metadata_size", file=pdf)
        signatures = signed.get("文件", "")
        if signatures not in self.manifest or not signatures.startswith("signatures/"):
            raise _Failed(name, "metadata_file", file=signatures)
        count = self._signatures(signatures)
        if str(count) != signed.get("数量"):
            raise _Failed(name, "signature_count", file=signatures)
        self.dossiers += 1
        return {pdf, signatures}

    def _signatures(self, name: str) -> int:
        document = self._json(name)
        entries = document.get("signatures") if isinstance(document, dict) else None
        if not isinstance(entries, list):
            raise _Failed(name, "format")
        for number, entry in enumerate(entries, 1):
            self._signature(name, number, entry)
        self.signatures += len(entries)
        return len(entries)

    def _signature(self, name: str, number: int, entry: Any) -> None:
        try:
            text = signing.signed_text(entry["subject"], int(entry["subject_id"]), entry["content_sha256"],
                                       entry["verdict"], entry["comment"],
                                       datetime.fromisoformat(entry["signed_at"]), int(entry["signer_id"]),
                                       entry["key_id"])
            stored, signature = entry["signed_text"].encode("utf-8"), str(entry["signature"])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise _Failed(name, "signature_format", number=number) from None
        where = {"number": number, "subject": str(entry["subject"]), "subject_id": entry["subject_id"],
                 "key_id": str(entry["key_id"])}
        if stored != text:
            raise _Failed(name, "signature_text", **where)
        key = self.keys.get(entry["key_id"])
        if key is None:
            raise _Failed(name, "signature_key", **where)
        if key["user_id"] != int(entry["signer_id"]):
            raise _Failed(name, "signature_signer", **where)
        if not signing.verify_text(key["public_key"], stored, signature):
            if entry.get("verified_at_export") is False:
                self.warnings.append(Problem(name, "signature_invalid_at_export", where))
                return
            raise _Failed(name, "signature_invalid", **where)


def _unsafe(name: str) -> bool:
    parts = name.split("/")
    return name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts) or ":" in parts[0]
