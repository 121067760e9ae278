"""The outbox as a work queue: claim what is due, deliver it, record the outcome.

Every effect of a change is written to `outbox_entries` in the change's own transaction; this module
hands those rows to senders and records what happened, so that nothing is lost when a channel is
down or the program dies:

- An entry is *due* when it is pending and its next attempt time has come, or when it was claimed
  by a worker whose lease ran out (the worker died mid-delivery: it is tried again; a sent entry is
  never claimed again).
- Order is strict per interview, channel and recipient: an entry waits while an older one for the
  same interview, channel and recipient is still pending or in progress, so a cancellation never
  overtakes the booking it cancels.
- A temporary failure is retried with exponential back-off and jitter (or the server's own
  back-off when it names one) until `outbox.max_attempts`; a permanent failure, or the last
  attempt, leaves the entry failed with the reason for the 发件箱 (Outbox) page, where HR can retry it.

State changes are single UPDATE statements guarded by the row's version (the same optimistic lock
the ORM uses), so two workers on two desktops sharing a PostgreSQL database never both deliver an
entry. They are not audited one by one: the entry itself is the record, and HR's retry or cancel
is audited in `inbox`.
"""

from __future__ import annotations

import functools
import random
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Protocol

from sqlalchemy import and_, bindparam, exists, func, or_, select, update
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.model import OutboxEntry, OutboxState
from desktop.core.model.base import run_built, time_param
from desktop.core.validation import mask_email, mask_phone

LEASE = timedelta(minutes=5)      # longer than any sender may take (their timeouts are far shorter)
FIRST_DELAY_SECONDS = 2.0
LONGEST_DELAY_SECONDS = 15 * 60.0
ERROR_LENGTH = 500
# Payload values needed only to write the message (an approval mail's one-time code): dropped once the
# entry is sent or has failed for good, so the database keeps only the code's hash.
TRANSIENT_KEYS = OutboxEntry.payload.info["transient_keys"]   # never kept once the entry is done


@dataclass(frozen=True)
class Item:
    """One entry as a sender sees it: plain data, no live ORM object."""

    id: int
    dedupe_key: str
    interview_id: int | None
    channel: str
    kind: str
    recipient: str
    payload: dict[str, Any]
    attempts: int        # including this one
    version: int         # the claimed row's version; finishing checks it
    context: Any = None  # what the sender read for it in the claiming transaction (Sender.prepare), if anything


@dataclass(frozen=True)
class Delivered:
    external_id: str | None = None   # Message-ID, Exchange ItemId, gateway message id
    # What went out, as the recipient got it (e-mail: the message's bytes in base64; SMS: the text;
    # OA: title and text), kept with the entry so the 发件箱 viewer shows a sent message exactly
    # even after its template is edited. None where the payload alone makes the message (meetings).
    copy: dict[str, Any] | None = None


class DeliveryFailed(Exception):
    """Raised by a sender. `reason` is shown on the 通知 page: no personal data, no secrets."""

    permanent = False

    def __init__(self, reason: str, *, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class TemporaryFailure(DeliveryFailed):
    """The channel is down, busy or slow: try again later."""


class PermanentFailure(DeliveryFailed):
    """Trying again cannot help (mailbox rejected, access denied, bad configuration)."""

    permanent = True


class Unsettled(Exception):
    """Raised by a sender's `settled()` (see Sender): the previous delivery's outcome will not be
    recorded (the worker stopped or the database failed), so this delivery must not be completed."""


class Sender(Protocol):
    """A channel's delivery. Called from worker threads, at most `concurrency` at a time."""

    channel: str
    concurrency: int

    def deliver(self, item: Item) -> Delivered: ...

    # Optional: `prepare(session, items) -> list[Item]`, called in the claiming transaction with what
    # was just claimed, returns them with `context` set to what their delivery would otherwise open a
    # unit of work of its own to read (a message's facts); an item it cannot prepare keeps None.
    #
    # Optional: `settles = True` and `deliver(item, settled=...)`: the sender calls `settled()` right
    # before the one step that makes its delivery irrevocable (SMTP's end of data) and does the rest
    # before it (composing, the envelope, the message's bytes). `settled` returns once the outcome of
    # the thread's previous delivery is on disk, so the worker can start a delivery while the one
    # before is being recorded and still leave at most one delivered-but-unrecorded entry per thread.
    # If it raises (the worker stops or cannot record), the sender must abandon the delivery so that
    # nothing of it is delivered (SMTP: hang up before the end of data) and let the exception through.


@dataclass
class Outcome:
    sent: int = 0
    retrying: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(\+?86[- ]?)?1\d{2}[- ]?\d{4}[- ]?\d{4}(?!\d)")


def scrub(text: str) -> str:
    """An error text as stored and shown: addresses and phone numbers masked, length bounded."""
    text = _EMAIL.sub(lambda m: mask_email(m.group(0)), text)
    text = _PHONE.sub(lambda m: mask_phone(re.sub(r"\D", "", m.group(0))[-11:]), text)
    return text[:ERROR_LENGTH]


def backoff(attempts: int, *, rng: random.Random = random) -> float:
    """Seconds before attempt `attempts + 1`: doubling from 2 s, capped at 15 min, ±25 % jitter so
    entries that failed together do not all return together."""
    base = min(FIRST_DELAY_SECONDS * 2 ** max(attempts - 1, 0), LONGEST_DELAY_SECONDS)
    return base * rng.uniform(0.75, 1.25)


_T = OutboxEntry.__table__.c      # the worker's statements are Core, built once (see _statements)
_LIVE = (OutboxState.PENDING, OutboxState.IN_PROGRESS)


def _due(now, expired):
    """Pending and due at `now`, or claimed before `expired` (now - LEASE) by a worker that died."""
    return or_(and_(_T.state == OutboxState.PENDING, or_(_T.next_attempt_at.is_(None), _T.next_attempt_at <= now)),
               and_(_T.state == OutboxState.IN_PROGRESS, _T.claimed_at < expired))


def _channel_unindexed():
    """The channel as the claim compares it: through an expression, so the database finds the
    candidates through the state index (the few entries waiting or under way) rather than the
    channel index, which holds every entry ever sent and grows for as long as the office works."""
    return func.coalesce(_T.channel, "")


def _not_behind_another():
    older = OutboxEntry.__table__.alias("older")
    return ~exists().where(older.c.interview_id == _T.interview_id, older.c.channel == _T.channel,
                           older.c.recipient == _T.recipient, older.c.id < _T.id, older.c.state.in_(_LIVE))


@dataclass(frozen=True)
class _Statements:
    waiting: Any        # pending entries of a channel that are due, oldest first, none behind an older one
    abandoned: Any      # entries of a channel claimed by a worker whose lease ran out, oldest first
    take: Any           # claim them where they are still due, returning what the senders need


@functools.cache
def _statements() -> _Statements:
    """The claim's and the outcomes' statements, built once with bound parameters: the worker runs
    them for every entry, and building them anew (ORM attribute operators, cache keys) cost more
    than running them; the claim runs them on the connection (run_built), without the ORM's
    per-statement work.

    Waiting and abandoned entries are looked up apart, each with one state: the state index then
    yields them in id order and the search stops at the limit. Asked for both states at once,
    SQLite checked every live entry (and its interview's older entries) and sorted them all, on
    each claim: with 500 queued, claiming cost grew with the queue."""
    now, expired = time_param("now"), time_param("expired")
    channel, limit = _channel_unindexed() == bindparam("of_channel"), bindparam("limit")
    waiting = (select(_T.id).where(_T.state == OutboxState.PENDING, channel,
                                   or_(_T.next_attempt_at.is_(None), _T.next_attempt_at <= now),
                                   _not_behind_another())
               .order_by(_T.id).limit(limit))
    abandoned = (select(_T.id).where(_T.state == OutboxState.IN_PROGRESS, channel, _T.claimed_at < expired,
                                     _not_behind_another())
                 .order_by(_T.id).limit(limit))
    take = (update(OutboxEntry.__table__)
            .where(_T.id.in_(bindparam("ids", expanding=True)), _T.channel == bindparam("of_channel"),
                   _due(now, expired))
            .values(state=OutboxState.IN_PROGRESS, claimed_by=bindparam("worker"), claimed_at=now,
                    attempts=_T.attempts + 1, version=_T.version + 1)
            .returning(_T.id, _T.dedupe_key, _T.interview_id, _T.kind, _T.recipient, _T.payload, _T.attempts,
                       _T.version))
    return _Statements(waiting, abandoned, take)


@functools.cache
def _finish_statement(columns: tuple[str, ...]):
    """Recording an outcome: one UPDATE per set of columns written, built once like _statements'."""
    return (update(OutboxEntry.__table__)
            .where(_T.id == bindparam("entry"), _T.version == bindparam("claimed_version"),
                   _T.state == OutboxState.IN_PROGRESS)
            .values(claimed_by=None, claimed_at=None, version=bindparam("new_version"),
                    **{column: bindparam(f"new_{column}", type_=_T[column].type) for column in columns}))


def due_channels(session: Session) -> dict[str, int]:
    """How many entries are due per channel now (for the worker's and the command line's summary)."""
    now = session.info["clock"].now()
    return dict(session.execute(select(_T.channel, func.count()).where(_due(now, now - LEASE))
                                .group_by(_T.channel)).all())


def claim(session: Session, worker: str, channel: str, limit: int) -> list[Item]:
    """Take up to `limit` due entries of one channel, oldest first, for `worker`. Entries another
    worker took in the meantime are skipped, never delivered twice.

    One UPDATE takes them all and returns what the senders need: it sets each row's state, claim and
    version only where the row is still due, so a row another worker claimed between the SELECT and
    the UPDATE (two desktops on one PostgreSQL database: the UPDATE re-reads the row it waited for)
    is left out, as the version check did row by row."""
    now = session.info["clock"].now()
    statements, times = _statements(), {"now": now, "expired": now - LEASE}
    search = {"of_channel": channel, "limit": limit} | times
    ids = sorted([*run_built(session, statements.waiting, search).scalars(),
                  *run_built(session, statements.abandoned, search).scalars()])
    ids = ids[:limit]
    if not ids:
        return []
    taken = run_built(session, statements.take, {"ids": ids, "of_channel": channel, "worker": worker} | times).all()
    return sorted((Item(row.id, row.dedupe_key, row.interview_id, channel, row.kind, row.recipient,
                        dict(row.payload or {}), row.attempts, row.version) for row in taken),
                  key=lambda item: item.id)


def _finish(session: Session, item: Item, **values: Any) -> bool:
    columns = tuple(sorted(values))
    done = run_built(session, _finish_statement(columns), {
        "entry": item.id, "claimed_version": item.version, "new_version": item.version + 1,
        **{f"new_{column}": values[column] for column in columns}})
    return done.rowcount == 1


def _without_transient(item: Item) -> dict[str, Any]:
    if any(key in item.payload for key in TRANSIENT_KEYS):
        return {"payload": {k: v for k, v in item.payload.items() if k not in TRANSIENT_KEYS}}
    return {}


def mark_sent(session: Session, item: Item, delivered: Delivered) -> bool:
    """Record a delivery. False when the entry was taken from this worker meanwhile (its lease ran
    out, or HR cancelled it): the delivery happened, but the row now belongs to someone else."""
    now = session.info["clock"].now()
    copy = {"sent_copy": delivered.copy} if delivered.copy is not None else {}
    return _finish(session, item, state=OutboxState.SENT, sent_at=now, last_error="",
                   external_id=delivered.external_id, **copy, **_without_transient(item))


def mark_failed(session: Session, item: Item, failure: DeliveryFailed, *, rng: random.Random = random) -> str:
    """Record a failed attempt; returns the entry's new state ("pending" to retry, or "failed")."""
    now = session.info["clock"].now()
    limit = settings.institution_value(session, "outbox.max_attempts")
    reason = scrub(failure.reason)
    if failure.permanent or item.attempts >= limit:
        _finish(session, item, state=OutboxState.FAILED, last_error=reason, next_attempt_at=None,
                **_without_transient(item))
        return OutboxState.FAILED.value
    delay = max(backoff(item.attempts, rng=rng), failure.retry_after or 0.0)
    _finish(session, item, state=OutboxState.PENDING, last_error=reason,
            next_attempt_at=now + timedelta(seconds=delay))
    return OutboxState.PENDING.value


def next_due_at(session: Session, channels: set[str]) -> datetime | None:
    """When the earliest waiting entry of these channels becomes due (the worker sleeps until then)."""
    if not channels:
        return None
    return session.scalar(select(OutboxEntry.next_attempt_at).where(
        OutboxEntry.channel.in_(channels), OutboxEntry.state == OutboxState.PENDING,
        OutboxEntry.next_attempt_at.is_not(None)).order_by(OutboxEntry.next_attempt_at).limit(1))
