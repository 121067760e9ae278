"""Who hears of what, through which channels: configuration, not code.

The in-app notice (and the desktop notification it raises) always reaches staff; the other channels
are chosen per audience in the institution settings, e.g. candidate: e-mail + SMS; interviewer:
Exchange calendar + OA; approver: OA; HR: OA. Each call here writes outbox rows in the caller's
transaction, with a dedupe key per event and version, so a message is queued once.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.model import OutboxEntry, User

CANDIDATE, INTERVIEWER, APPROVER, HR = "candidate", "interviewer", "approver", "hr"
CHANNELS = {CANDIDATE: ("email", "sms"), INTERVIEWER: ("calendar", "oa"), APPROVER: ("oa",), HR: ("oa",)}
ALERT_EVENTS = {"late": "late_alert", "confirmation_overdue": "confirmation_overdue"}  # alerts with a message


def channels(session: Session, audience: str) -> tuple[str, ...]:
    """The configured channels of an audience, in a fixed order."""
    chosen = {c.strip() for c in settings.institution_value(session, f"notify.{audience}_channels").split(",")}
    return tuple(c for c in CHANNELS[audience] if c in chosen)


def queue(session: Session, entries: list[tuple[str, dict[str, Any]]]) -> int:
    """Add the outbox rows whose dedupe key is not queued yet; returns how many were added."""
    keys = [key for key, _ in entries]
    if not keys:
        return 0
    queued = set(session.scalars(select(OutboxEntry.dedupe_key).where(OutboxEntry.dedupe_key.in_(keys))))
    now = session.info["clock"].now()
    added = 0
    for key, values in entries:
        if key not in queued:
            queued.add(key)
            session.add(OutboxEntry(dedupe_key=key, created_at=now, **values))
            added += 1
    return added


def staff_messages(session: Session, audience: str, user_ids: set[int], event: str, key: str,
                   payload: dict[str, Any], interview_id: int | None = None) -> None:
    """Queue `event` for these staff members on their audience's channels other than the calendar
    (which carries meetings, not messages). `key` makes the dedupe key unique per occasion."""
    wanted = [c for c in channels(session, audience) if c != "calendar"]
    if not wanted or not user_ids:
        return
    users = session.execute(select(User.id, User.username, User.display_name)
                            .where(User.id.in_(user_ids), User.is_active)).all()
    entries = [(f"{channel}:{key}:user{user_id}", dict(
        interview_id=interview_id, channel=channel, kind=event, recipient=username,
        payload=payload | {"user_id": user_id, "recipient_name": name}))
        for channel in wanted for user_id, username, name in sorted(users)]
    queue(session, entries)
