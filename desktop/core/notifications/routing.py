"""Who hears of what, through which channels: configuration, not code.

The in-app notice (and the desktop notification it raises) always reaches staff; the other channels
are chosen per audience in the institution settings, e.g. candidate: e-mail + SMS; interviewer:
Exchange calendar + OA; approver: OA; HR: OA; and an event may be routed apart from its audience
(say the day-before reminder by SMS only, or approval requests also by e-mail). Each call here writes outbox rows in the caller's
transaction, with a dedupe key per event and version, so a message is queued once.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desktop.core import audit, settings
from desktop.core.model import OutboxEntry, User
from desktop.core.model.base import run_built
from desktop.core.notifications.audiences import (  # noqa: F401  (re-exported: routing's vocabulary)
    ALERT_EVENTS, APPROVER, CANDIDATE, CHANNELS, DEFAULTS, EVENT_AUDIENCE, HR, INTERVIEWER, RECEPTION, _split,
    check_overrides)

def overrides(session: Session) -> dict[str, str]:
    """The events an administrator routed apart from their audience: {event: "channel,channel"}."""
    text = settings.institution_value(session, "notify.event_channels")
    return json.loads(text) if text else {}


def channels(session: Session, audience: str, event: str | None = None) -> tuple[str, ...]:
    """The channels that carry `event` (or, without one, anything) to `audience`, in a fixed order.
    The interviewers' calendar follows the audience setting only: it carries meetings, not messages."""
    chosen = _split(settings.institution_value(session, f"notify.{audience}_channels"))
    routed = overrides(session).get(event) if event else None
    if routed is not None:
        chosen = (chosen & {"calendar"}) | _split(routed)
    return tuple(c for c in CHANNELS[audience] if c in chosen)


_QUEUED = select(OutboxEntry.dedupe_key).where(OutboxEntry.dedupe_key.in_(bindparam("keys", expanding=True)))


def _unqueued(session: Session, entries: list[tuple[str, dict[str, Any]]]) -> list[tuple[str, dict[str, Any]]]:
    """The entries whose dedupe key is not queued yet (nor earlier in `entries`), in order: one query."""
    keys = [key for key, _ in entries]
    if not keys:
        return []
    queued = set(run_built(session, _QUEUED, {"keys": keys}).scalars())
    fresh = []
    for key, values in entries:
        if key not in queued:
            queued.add(key)
            fresh.append((key, values))
    return fresh


def queue(session: Session, entries: list[tuple[str, dict[str, Any]]]) -> list[OutboxEntry]:
    """Add the outbox rows whose dedupe key is not queued yet; returns the rows added (empty: all
    were queued before)."""
    now = session.info["clock"].now()
    added = [OutboxEntry(dedupe_key=key, created_at=now, **values) for key, values in _unqueued(session, entries)]
    session.add_all(added)
    return added


def queue_rows(session: Session, entries: list[tuple[str, dict[str, Any]]]) -> list[str]:
    """`queue` for a caller that needs no rows back: one dedupe query and, inside audit.one_append,
    one INSERT for every entry, logged as queue's rows are; returns the dedupe keys added. A booking
    queues six to a dozen, the minute job what each of its parts raised."""
    now = session.info["clock"].now()
    rows = [{"dedupe_key": key, "created_at": now, "next_attempt_at": None} | values
            for key, values in _unqueued(session, entries)]
    audit.insert_rows(session, OutboxEntry, rows, by="dedupe_key")
    return [row["dedupe_key"] for row in rows]


def staff_messages(session: Session, audience: str, user_ids: set[int], event: str, key: str,
                   payload: dict[str, Any], interview_id: int | None = None,
                   email_extra: dict[int, dict[str, Any]] | None = None) -> None:
    """Queue `event` for these staff members on the channels chosen for it other than the calendar
    (which carries meetings, not messages): OA by user name, e-mail and SMS to the address and phone
    in their account when they have one. `key` makes the dedupe key unique per occasion.
    `email_extra` adds values to one user's e-mail only (an approval mail's one-time reply code)."""
    queue(session, staff_entries(session, audience, user_ids, event, key, payload, interview_id, email_extra))


def staff_entries(session: Session, audience: str, user_ids: set[int], event: str, key: str,
                  payload: dict[str, Any], interview_id: int | None = None,
                  email_extra: dict[int, dict[str, Any]] | None = None) -> list[tuple[str, dict[str, Any]]]:
    """The outbox rows `staff_messages` queues, for a caller that queues many occasions at once."""
    wanted = [c for c in channels(session, audience, event) if c != "calendar"]
    if not wanted or not user_ids:
        return []
    users = _contacts(session, user_ids)
    entries = []
    for channel in wanted:
        for user_id, username, name, email, phone in users:
            recipient = {"oa": username, "email": email, "sms": phone}[channel]
            if recipient:
                extra = (email_extra or {}).get(user_id, {}) if channel == "email" else {}
                entries.append((f"{channel}:{key}:user{user_id}", dict(
                    interview_id=interview_id, channel=channel, kind=event, recipient=recipient,
                    payload=payload | {"user_id": user_id, "recipient_name": name} | extra)))
    return entries


def know_contacts(session: Session, user_ids: set[int]) -> None:
    """Read the contacts of all these people in one query, for a caller about to message many of
    them one occasion at a time (staff_entries then finds them read)."""
    _contacts(session, {u for u in user_ids if u is not None})


def know_people(session: Session, rows: Any) -> None:
    """Contacts read by a caller anyway (rows with id, username, display_name, email, phone,
    is_active): staff_entries then needs no query of its own."""
    known: dict[int, tuple | None] = session.info.setdefault("_staff_contacts", {})
    for row in rows:
        known[row.id] = (row.id, row.username, row.display_name, row.email, row.phone) if row.is_active else None


def _contacts(session: Session, user_ids: set[int]) -> list[tuple]:
    """(id, user name, name, e-mail, phone) of the active ones among `user_ids`, by id; read once per
    unit of work and person (the minute job messages the same few people about many things)."""
    known: dict[int, tuple | None] = session.info.setdefault("_staff_contacts", {})
    missing = set(user_ids) - known.keys()
    if missing:
        rows = {row[0]: tuple(row) for row in session.execute(
            select(User.id, User.username, User.display_name, User.email, User.phone)
            .where(User.id.in_(missing), User.is_active))}
        known.update({user_id: rows.get(user_id) for user_id in missing})
    return [known[u] for u in sorted(user_ids) if known[u] is not None]
