"""Anchors: the audit chain's head, published where the database cannot rewrite it.

The hash chain shows an edit to one entry, but whoever holds the database key can rewrite the log
wholesale — cut entries off the end and move `audit_head`, or edit an entry and recompute every
later hash. An anchor (the head's seq and hash at a moment) kept outside the database defeats
that: a later chain must still have, at that seq, that hash. Witnesses:

- a message to the archive office, by mail and/or OA, through the outbox (`audit.anchor_email`,
  `audit.anchor_oa_recipient`), every `audit.anchor_interval_hours`, sent by the minute tick;
- a file in the anchor folder (`audit.anchor_folder`), at the same times;
- every backup's manifest (desktop/core/storage/admin.py) and, later, every archive package
  (`for_package`).

`interviewdesk audit verify --anchors FILE|DIR` reads anchors from saved messages (.eml or text),
anchor files, backup key files and archive manifests, and checks that the live chain extends each.
"""

from __future__ import annotations

import email
import json
import logging
import os
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from email import policy
from pathlib import Path
from typing import Any, Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.notifications import routing
from desktop.core.model import AuditAnchor, AuditEntry, AuditHead, OutboxEntry, OutboxState

log = logging.getLogger(__name__)

FORMAT = "interviewdesk-audit-anchor/1"
KIND = "audit_anchor"                      # the outbox message kind
TOKEN = re.compile(r"IDAUDIT-ANCHOR seq=(\d+) sha256=([0-9a-f]{64})")
QUIET_DAYS = 7                             # the administrator is warned after this long without one
MAX_FILE_BYTES = 20 * 1024 * 1024          # larger files are not anchors (nor saved messages)


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    at: datetime | None = None
    source: str = ""          # where it was read: a file name (for the verification's message)

    @property
    def token(self) -> str:
        return f"IDAUDIT-ANCHOR seq={self.seq} sha256={self.hash}"

    def as_dict(self) -> dict[str, Any]:
        """The anchor as backups, archive packages and anchor files carry it."""
        return {"format": FORMAT, "seq": self.seq, "hash": self.hash,
                "at": self.at.astimezone(timezone.utc).isoformat() if self.at else None, "token": self.token}


def current_anchor(session: Session) -> Anchor | None:
    """The head as this session sees it (None for an empty log). Call it before the unit of work
    writes anything: an anchor must name an entry that is committed."""
    head = session.execute(select(AuditHead.seq, AuditHead.hash).where(AuditHead.id == 1)).first()
    if head is None or head.seq <= 0:
        return None
    return Anchor(head.seq, head.hash, session.info["clock"].now())


def for_package(session: Session) -> dict[str, Any] | None:
    """What an archive package (电子档案) includes as its anchor: `audit_anchor` in its manifest."""
    anchor = current_anchor(session)
    return anchor.as_dict() if anchor else None


# --- publishing ------------------------------------------------------------------------------------

def message(payload: dict[str, Any]) -> tuple[str, str]:
    """The subject and text of the anchor message (mail and OA). The token line is what
    `audit verify --anchors` reads back from the saved message; the rest is for the archivist."""
    office = payload.get("office") or "面试协同台"
    subject = f"{office}：审计日志锚点 第 {payload['seq']} 条 (InterviewDesk audit anchor)"
    text = (f"这是{office}面试协同台审计日志的锚点，请原样存档，不要修改或删除。\n"
            "This is an anchor of the InterviewDesk audit log: please archive it unchanged.\n\n"
            f"序号 (seq)：{payload['seq']}\n"
            f"哈希 (SHA-256)：{payload['hash']}\n"
            f"时间 (UTC)：{payload.get('at') or ''}\n\n"
            "核验方法：将本消息另存为文件，运行 interviewdesk audit verify --anchors 文件或文件夹\n"
            f"IDAUDIT-ANCHOR seq={payload['seq']} sha256={payload['hash']}")
    return subject, text


@dataclass(frozen=True)
class Published:
    anchor: Anchor | None
    witnesses: tuple[str, ...]     # "email", "oa", "folder"


def _due(session: Session, now: datetime) -> bool:
    hours = int(settings.institution_value(session, "audit.anchor_interval_hours"))
    last = session.scalar(select(func.max(AuditAnchor.made_at)).where(AuditAnchor.witness.in_(("email", "oa", "folder"))))
    return last is None or last <= now - timedelta(hours=hours)


def publish_due(session: Session) -> Published:
    """Publish the head to the configured witnesses when the interval has passed since the last
    time. Runs first in the minute tick's unit of work (before it writes), on every desktop; two
    desktops in the same minute queue one message (dedupe key) but may both write a folder file."""
    now = session.info["clock"].now()
    email_to = str(settings.institution_value(session, "audit.anchor_email") or "").strip()
    oa_to = str(settings.institution_value(session, "audit.anchor_oa_recipient") or "").strip()
    folder = str(settings.institution_value(session, "audit.anchor_folder") or "").strip()
    if not (email_to or oa_to or folder) or not _due(session, now):
        return Published(None, ())
    anchor = current_anchor(session)
    if anchor is None:
        return Published(None, ())
    witnesses = []
    office = str(settings.institution_value(session, "office.name") or "")
    payload = {"seq": anchor.seq, "hash": anchor.hash, "at": now.isoformat(), "office": office}
    for channel, recipient in (("email", email_to), ("oa", oa_to)):
        if not recipient:
            continue
        key = f"{KIND}:{channel}:{anchor.seq}:{now:%Y%m%d%H}"
        added = routing.queue(session, [(key, {"channel": channel, "kind": KIND, "recipient": recipient,
                                               "payload": payload})])
        if not added:
            continue      # another desktop queued it this hour
        session.flush()
        session.add(AuditAnchor(seq=anchor.seq, hash=anchor.hash, made_at=now, witness=channel, target=recipient,
                                outbox_entry_id=added[0].id))
        witnesses.append(channel)
    if folder:
        try:
            path = write_file(Path(folder), anchor)
        except OSError as exc:     # an unreachable share must not stop the tick; the Today warning will tell
            log.warning("anchor folder not writable: %s", exc.strerror or type(exc).__name__)
        else:
            session.add(AuditAnchor(seq=anchor.seq, hash=anchor.hash, made_at=now, witness="folder",
                                    target=str(path)[:500]))
            witnesses.append("folder")
    session.flush()
    return Published(anchor, tuple(witnesses))


def write_file(folder: Path, anchor: Anchor) -> Path:
    """One anchor file; never overwrites (a name taken gets a counter)."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = (anchor.at or datetime.now(timezone.utc)).astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    path, n = folder / f"interviewdesk-anchor-{anchor.seq:09d}-{stamp}.json", 1
    while True:
        try:
            with open(path, "x", encoding="utf-8") as fh:
                fh.write(json.dumps(anchor.as_dict(), indent=2) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
            return path
        except FileExistsError:
            n += 1
            path = path.with_name(f"interviewdesk-anchor-{anchor.seq:09d}-{stamp}-{n}.json")


def record_witness(session: Session, anchor: Anchor, witness: str, target: str) -> None:
    """Remember an anchor that went out another way (a backup's manifest)."""
    session.add(AuditAnchor(seq=anchor.seq, hash=anchor.hash, made_at=session.info["clock"].now(),
                            witness=witness, target=target[:500]))


@dataclass(frozen=True)
class AnchorStatus:
    last_out: datetime | None       # when an anchor last went out (a message sent, a file, a backup)
    quiet_days: int                 # whole days since then (or since the log began, when never)
    warn: bool


def status(session: Session) -> AnchorStatus:
    """For the administrator's Today page: how long since an anchor last went out. A message counts
    once it was sent; a young database (its log began less than QUIET_DAYS ago) is not warned yet."""
    now = session.info["clock"].now()
    direct = session.scalar(select(func.max(AuditAnchor.made_at)).where(AuditAnchor.witness.in_(("folder", "backup"))))
    sent = session.scalar(select(func.max(OutboxEntry.sent_at)).where(OutboxEntry.kind == KIND,
                                                                        OutboxEntry.state == OutboxState.SENT))
    last = max((t for t in (direct, sent) if t is not None), default=None)
    since = last or session.scalar(select(func.min(AuditEntry.at)))
    if since is None:
        return AnchorStatus(None, 0, False)
    quiet = now - since
    return AnchorStatus(last, quiet.days, quiet >= timedelta(days=QUIET_DAYS))


# --- reading anchors back and checking the chain against them --------------------------------------

def _from_json(data: Any, source: str) -> Iterable[Anchor]:
    if isinstance(data, dict):
        if data.get("format") == FORMAT and isinstance(data.get("seq"), int) and TOKEN.fullmatch(
                f"IDAUDIT-ANCHOR seq={data['seq']} sha256={data.get('hash')}"):
            at = None
            if isinstance(data.get("at"), str):
                try:
                    at = datetime.fromisoformat(data["at"])
                except ValueError:
                    at = None
            yield Anchor(data["seq"], data["hash"], at, source)
            return
        for value in data.values():
            yield from _from_json(value, source)
    elif isinstance(data, list):
        for value in data:
            yield from _from_json(value, source)


def _text_of(raw: bytes) -> str:
    """The readable text of a saved message (any transfer encoding) or a plain text file."""
    texts = [raw.decode("utf-8", errors="replace")]
    message_ = email.message_from_bytes(raw, policy=policy.default)
    if message_.keys():
        for part in message_.walk():
            if part.get_content_maintype() == "text":
                try:
                    texts.append(part.get_content())
                except (LookupError, ValueError):
                    continue
    return "\n".join(texts)


def read_anchors(path: Path) -> list[Anchor]:
    """Every anchor in one file: JSON (anchor files, backup key files, archive manifests) or text
    (saved mail and OA messages)."""
    if path.stat().st_size > MAX_FILE_BYTES:
        return []
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        data = None
    found = list(_from_json(data, path.name)) if data is not None else []
    if not found:
        found = [Anchor(int(seq), digest, None, path.name) for seq, digest in TOKEN.findall(_text_of(raw))]
    return list({(a.seq, a.hash): a for a in found}.values())


def collect(location: Path) -> tuple[list[Anchor], int]:
    """Anchors from a file, or from every file in a folder (and its subfolders); also how many files were read."""
    files = [location] if location.is_file() else sorted(p for p in location.rglob("*") if p.is_file())
    anchors: list[Anchor] = []
    for file in files:
        try:
            anchors.extend(read_anchors(file))
        except OSError:
            continue
    return anchors, len(files)


@dataclass(frozen=True)
class AnchorCheck:
    anchors: int                     # distinct anchored heads checked
    newest: Anchor | None
    broken: Anchor | None = None     # the first (lowest) anchored head the chain no longer extends
    problem: str = ""                # "missing" (no entry at that seq) or "differs" (another hash there)

    @property
    def ok(self) -> bool:
        return self.broken is None


def check(session: Session, anchors: list[Anchor]) -> AnchorCheck:
    """Does the live chain extend every anchored head (the entry at that seq still has that hash)?"""
    distinct = sorted({(a.seq, a.hash): a for a in anchors}.values(), key=lambda a: (a.seq, a.hash))
    newest = distinct[-1] if distinct else None
    for start in range(0, len(distinct), 500):
        chunk = distinct[start:start + 500]
        live = dict(session.execute(select(AuditEntry.seq, AuditEntry.hash)
                                    .where(AuditEntry.seq.in_({a.seq for a in chunk}))).all())
        for anchor in chunk:
            if anchor.seq not in live:
                return AnchorCheck(len(distinct), newest, anchor, "missing")
            if live[anchor.seq] != anchor.hash:
                return AnchorCheck(len(distinct), newest, anchor, "differs")
    return AnchorCheck(len(distinct), newest)
