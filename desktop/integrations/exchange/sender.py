"""Interview meetings in the interviewers' Exchange calendars (outbox channel "calendar").

Each outbox entry reconciles one meeting with the interview's current state (see meeting.py):
created when missing, updated field by field when it differs from what was last written, cancelled
when the interview is cancelled or the interviewer was taken off it. The ItemId, ChangeKey and the
values written are kept per interview and mailbox in `calendar_items`.

- A retry after a lost response must not create a second meeting: before creating, the calendar is
  searched for our interview UID (an extended property on every meeting we create).
- A stale ChangeKey (the interviewer or Outlook touched the meeting; ErrorIrresolvableConflict) is
  resolved by reading the meeting again and applying the same fields once more.
- A meeting deleted in Outlook (ErrorItemNotFound on update) is created again with the current state.
- exchangelib errors become TemporaryFailure (busy, unreachable; with the server's back-off) or
  PermanentFailure (mailbox unknown, access denied, wrong password) — see failures.py.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from exchangelib import Attendee, Body, CalendarItem, Mailbox
from exchangelib.errors import ErrorIrresolvableConflict, ErrorItemNotFound
from exchangelib.items import SEND_TO_ALL_AND_SAVE_COPY, SEND_TO_NONE
from sqlalchemy import select

from desktop.core.delivery.outbox import Delivered, Item, PermanentFailure
from desktop.core.model import CalendarItem as CalendarRow
from desktop.core.scheduling.effects import CALENDAR
from desktop.core.storage.database import Actor, Database
from desktop.integrations.exchange import failures, meeting
from desktop.integrations.exchange.account import (
    UID_FIELD,
    account,
    in_office_zone,
    office_zone,
)
from desktop.integrations.exchange.config import ExchangeConfig
from desktop.integrations.exchange.meeting import FIELDS, Target

ACTOR = Actor(user_id=None, username="exchange", display_name="Exchange 日历", system=True)
NOT_CONFIGURED = "Exchange 未启用或设置不完整（设置 → Exchange），日历未更新"


@dataclass(frozen=True)
class Known:
    """What calendar_items remembers of a meeting."""

    item_id: str
    change_key: str
    sent: dict[str, Any]
    cancelled: bool


@dataclass(frozen=True)
class Written:
    item_id: str | None
    change_key: str | None
    sent: dict[str, Any]
    cancelled: bool


class ExchangeSender:
    channel = CALENDAR
    concurrency = 4

    def __init__(self, db: Database) -> None:
        self.db = db
        self._locks: dict[tuple[int, str], threading.Lock] = {}
        self._locks_guard = threading.Lock()

    def _lock(self, interview_id: int, mailbox: str) -> threading.Lock:
        # In organizer mode every interviewer's entry reconciles the same meeting: one at a time.
        with self._locks_guard:
            return self._locks.setdefault((interview_id, mailbox.lower()), threading.Lock())

    def deliver(self, item: Item) -> Delivered:
        with self.db.session() as session:
            config = ExchangeConfig.load(session)
        if not (config.enabled and config.complete):
            raise PermanentFailure(NOT_CONFIGURED)
        if item.interview_id is None:
            raise PermanentFailure("日历条目缺少面试编号，无法更新日历")
        mailbox = config.calendar_mailbox(item.recipient)
        with self._lock(item.interview_id, mailbox):
            with self.db.session() as session:
                target = meeting.target(session, config, item.interview_id, item.payload.get("user_id"),
                                        item.recipient)
                row = session.scalar(select(CalendarRow).where(CalendarRow.interview_id == target.interview_id,
                                                               CalendarRow.mailbox == target.mailbox))
                known = Known(row.item_id, row.change_key, dict(row.sent or {}), row.cancelled) if row else None
            try:
                written = reconcile(config, target, known)
            except Exception as exc:  # every exchangelib/requests error is worded for the outbox
                raise failures.classify(exc) from exc
            if written is not None:
                self._remember(target, written)
        return Delivered(written.item_id if written else None)

    def _remember(self, target: Target, written: Written) -> None:
        with self.db.session(ACTOR, write=True) as session:
            now = session.info["clock"].now()
            row = session.scalar(select(CalendarRow).where(CalendarRow.interview_id == target.interview_id,
                                                           CalendarRow.mailbox == target.mailbox))
            if row is None:
                row = CalendarRow(interview_id=target.interview_id, mailbox=target.mailbox)
                session.add(row)
            row.item_id, row.change_key = written.item_id or row.item_id or "", written.change_key or row.change_key or ""
            row.sent, row.cancelled, row.sequence, row.updated_at = written.sent, written.cancelled, target.sequence, now


# --- talking to Exchange ------------------------------------------------------------------------------


def reconcile(config: ExchangeConfig, target: Target, known: Known | None) -> Written | None:
    """Bring the meeting in target.mailbox to target.fields; None when there was nothing to do."""
    acc = account(config, target.mailbox)
    if not target.wanted:
        return _cancel(acc, target, known)
    fields = target.fields
    if known is not None and not known.cancelled:
        names = meeting.changed(known.sent, fields)
        if not names:
            return None
        try:
            item_id, change_key = _update(acc, config, known.item_id, known.change_key, fields, names)
            return Written(item_id, change_key, fields, False)
        except ErrorIrresolvableConflict:
            fresh = _get(acc, known.item_id)     # someone changed it since: take its ChangeKey, apply again
            if fresh is not None:
                item_id, change_key = _update(acc, config, fresh.id, fresh.changekey, fields,
                                              _differing(fresh, fields))
                return Written(item_id, change_key, fields, False)
        except ErrorItemNotFound:
            pass   # deleted in Outlook: the interview still needs it, so it is created again below
    found = find(acc, target.uid)
    if found is not None:   # we created it before and did not hear back (or forgot): adopt it
        names = _differing(found, fields)
        item_id, change_key = (_update(acc, config, found.id, found.changekey, fields, names) if names
                               else (found.id, found.changekey))
        return Written(item_id, change_key, fields, False)
    created = CalendarItem(account=acc, folder=acc.calendar, uid=target.uid, **{UID_FIELD: target.uid},
                           **_values(config, fields, list(FIELDS)))
    created.save(send_meeting_invitations=_sending(fields))
    return Written(created.id, created.changekey, fields, False)


def _cancel(acc, target: Target, known: Known | None) -> Written | None:
    if known is not None and known.cancelled:
        return None
    current = _get(acc, known.item_id) if known is not None else None
    if current is None:
        current = find(acc, target.uid)
    if current is None:
        return Written(None, None, known.sent, True) if known is not None else None
    if current.required_attendees or current.optional_attendees or current.resources:
        current.cancel(body=Body("面试已取消。"))     # CancelCalendarItem: attendees and room get the cancellation
    else:
        current.delete(send_meeting_cancellations=SEND_TO_NONE)
    return Written(current.id, current.changekey, known.sent if known else {}, True)


def find(acc, uid: str):
    """Our meeting for interview `uid` in this calendar, if any (FindItem on the extended property)."""
    for found in acc.calendar.filter(**{UID_FIELD: uid}):
        if isinstance(found, CalendarItem) and not found.is_cancelled:
            return found
    return None


def _get(acc, item_id: str):
    try:
        found = acc.calendar.get(id=item_id)
    except ErrorItemNotFound:
        return None
    return found if isinstance(found, CalendarItem) else None


def _sending(fields: dict[str, Any]) -> str:
    return SEND_TO_ALL_AND_SAVE_COPY if fields["attendees"] or fields["resources"] else SEND_TO_NONE


def _update(acc, config: ExchangeConfig, item_id: str, change_key: str, fields: dict[str, Any],
            names: list[str]) -> tuple[str, str]:
    if not names:
        return item_id, change_key
    item = CalendarItem(account=acc, folder=acc.calendar, id=item_id, changekey=change_key,
                        **_values(config, fields, names))
    item.save(update_fields=[FIELDS[name] for name in names], send_meeting_invitations=_sending(fields))
    return item.id, item.changekey


def _values(config: ExchangeConfig, fields: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """exchangelib values of our fields; times in the office zone (sent with its Windows name)."""
    zone = office_zone(config)
    values: dict[str, Any] = {}
    for name in names:
        value = fields[name]
        if name in ("start", "end"):
            value = in_office_zone(meeting.instant(value), zone)
        elif name == "body":
            value = Body(value)
        elif name in ("attendees", "resources"):
            value = [Attendee(mailbox=Mailbox(email_address=address), response_type="Unknown") for address in value]
        values[FIELDS[name]] = value
    return values


def current_fields(found: CalendarItem) -> dict[str, Any]:
    """A meeting as read from Exchange, in our field names (to compare with what we want)."""
    def addresses(attendees) -> list[str]:
        return sorted((a.mailbox.email_address or "").lower() for a in attendees or [] if a.mailbox)

    return {
        "subject": found.subject or "", "body": str(found.body or "").strip(), "location": found.location or "",
        "start": meeting.iso(found.start) if found.start else None,
        "end": meeting.iso(found.end) if found.end else None,
        "attendees": addresses(found.required_attendees), "resources": addresses(found.resources),
    }


def _differing(found: CalendarItem, fields: dict[str, Any]) -> list[str]:
    now = current_fields(found)
    wanted = dict(fields, resources=sorted(a.lower() for a in fields["resources"]))
    return [name for name in FIELDS if now.get(name) != wanted.get(name)]
