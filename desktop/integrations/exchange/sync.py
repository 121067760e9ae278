"""Read-back from the Exchange calendars we write to: interviewers' answers (accepted, tentative,
declined), and meetings moved or deleted in Outlook.

Per calendar mailbox (the organizer's, or each interviewer's own) SyncFolderItems returns what
changed since the stored sync state. Each change lands on the interview's timeline; a decline and a
meeting moved or deleted in Outlook also raise an alert for the HR owner. Everything is keyed so that
reading the same changes again (a sync state not saved after a crash, two desktops) records nothing
twice: an answer is recorded only when it differs from the one we have, and alerts carry a dedupe key.

Our own writes come back through the same sync: a meeting whose time equals what we last wrote, or
the interview's current time, was not moved by anyone else; a deletion of a meeting for an interview
that is cancelled, or for an interviewer taken off it, is ours.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from exchangelib import CalendarItem
from exchangelib.properties import ItemId
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.model import (
    CalendarSyncState,
    Interview,
    InterviewStatus,
    ResponseState,
    User,
)
from desktop.core.model import CalendarItem as CalendarRow
from desktop.core.scheduling import alerts, attendance, timeline
from desktop.core.storage.database import Database
from desktop.integrations.exchange import failures, meeting
from desktop.integrations.exchange.account import UID_FIELD, account
from desktop.integrations.exchange.config import ORGANIZER, ExchangeConfig
from desktop.integrations.exchange.sender import ACTOR

log = logging.getLogger(__name__)

RESPONSES = {"Accept": ResponseState.ACCEPTED, "Tentative": ResponseState.TENTATIVE,
             "Decline": ResponseState.DECLINED}
SYNC_FIELDS = ("subject", "start", "end", "is_cancelled", "my_response_type", "required_attendees", "uid", UID_FIELD)
DECLINED_ALERT = "interviewer_declined"
CHANGED_ALERT = "meeting_changed_in_outlook"


@dataclass(frozen=True)
class Seen:
    """One change as read from Exchange, as plain data."""

    kind: str                      # create, update, delete
    item_id: str
    uid: str = ""
    start: str | None = None
    end: str | None = None
    cancelled: bool = False
    my_response: str = ""
    answers: dict[str, tuple[str, datetime | None]] = field(default_factory=dict)   # address → (response, when)


@dataclass
class SyncSummary:
    mailboxes: int = 0
    changes: int = 0
    responses: int = 0
    moved: int = 0
    deleted: int = 0
    alerts: int = 0
    errors: list[str] = field(default_factory=list)    # one worded reason per mailbox that could not be read


def sync_responses(db: Database) -> SyncSummary:
    summary = SyncSummary()
    with db.session() as session:
        config = ExchangeConfig.load(session)
        if not (config.enabled and config.complete):
            return summary
        mailboxes = sorted(set(session.scalars(select(CalendarRow.mailbox).where(CalendarRow.cancelled.is_(False)))))
        states = dict(session.execute(select(CalendarSyncState.mailbox, CalendarSyncState.sync_state)).all())
    for mailbox in mailboxes:
        try:
            seen, state = read_changes(config, mailbox, states.get(mailbox) or None)
        except Exception as exc:  # noqa: BLE001 - one unreadable mailbox must not stop the others
            reason = failures.classify(exc).reason
            log.warning("calendar read-back failed for one mailbox: %s", type(exc).__name__)
            summary.errors.append(reason)
            continue
        with db.session(ACTOR, write=True) as session:
            for change in seen:
                apply(session, config, mailbox, change, summary)
            _save_state(session, mailbox, state)
        summary.mailboxes += 1
        summary.changes += len(seen)
    return summary


def read_changes(config: ExchangeConfig, mailbox: str, state: str | None) -> tuple[list[Seen], str]:
    folder = account(config, mailbox).calendar
    seen: list[Seen] = []
    for kind, item in folder.sync_items(sync_state=state, only_fields=list(SYNC_FIELDS)):
        if kind == "delete":
            seen.append(Seen("delete", item.id if isinstance(item, ItemId) else getattr(item, "id", "")))
        elif kind in ("create", "update") and isinstance(item, CalendarItem):
            answers = {(a.mailbox.email_address or "").lower(): (a.response_type or "", a.last_response_time)
                       for a in item.required_attendees or [] if a.mailbox}
            seen.append(Seen(kind, item.id, getattr(item, UID_FIELD, None) or item.uid or "",
                             meeting.iso(item.start) if item.start else None,
                             meeting.iso(item.end) if item.end else None, bool(item.is_cancelled),
                             item.my_response_type or "", answers))
    return seen, folder.item_sync_state or ""


def _save_state(session: Session, mailbox: str, state: str) -> None:
    row = session.scalar(select(CalendarSyncState).where(CalendarSyncState.mailbox == mailbox))
    if row is None:
        row = CalendarSyncState(mailbox=mailbox)
        session.add(row)
    row.sync_state, row.synced_at = state, session.info["clock"].now()


# --- what a change means -----------------------------------------------------------------------------


def apply(session: Session, config: ExchangeConfig, mailbox: str, change: Seen, summary: SyncSummary) -> None:
    if change.kind == "delete":
        row = session.scalar(select(CalendarRow).where(CalendarRow.mailbox == mailbox,
                                                       CalendarRow.item_id == change.item_id))
    else:
        interview_id = session.scalar(select(Interview.id).where(Interview.uid == change.uid)) if change.uid else None
        row = session.scalar(select(CalendarRow).where(CalendarRow.mailbox == mailbox,
                                                       CalendarRow.interview_id == interview_id)) \
            if interview_id else None
    if row is None or row.cancelled:
        return   # not one of ours, or one we cancelled ourselves
    interview = session.get(Interview, row.interview_id)
    owners = _owners(session, interview, config, mailbox)
    if change.kind == "delete" or change.cancelled:
        if interview.status != InterviewStatus.CANCELLED and owners:
            row.cancelled = True   # the next change of the interview creates it again
            if alerts.for_hr(session, f"exchange_deleted:{interview.id}:{mailbox}:{interview.sequence}", CHANGED_ALERT,
                      interview, change="deleted", who=_names(session, owners)):
                timeline.add(session, interview, timeline.Event.MEETING_DELETED_IN_OUTLOOK, None,
                             who=_names(session, owners))
                summary.deleted += 1
                summary.alerts += 1
        return
    _record_answers(session, config, interview, change, owners, summary)
    sent = row.sent or {}
    ends = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    ours = {(sent.get("start"), sent.get("end")), (meeting.iso(interview.starts_at), meeting.iso(ends))}
    moved = bool(change.start) and (change.start, change.end) not in ours
    if moved and alerts.for_hr(session, f"exchange_moved:{interview.id}:{mailbox}:{change.start}", CHANGED_ALERT, interview,
                        change="moved", who=_names(session, owners), start=change.start, end=change.end):
        timeline.add(session, interview, timeline.Event.MEETING_MOVED_IN_OUTLOOK, None,
                     who=_names(session, owners), start=change.start, end=change.end)
        summary.moved += 1
        summary.alerts += 1


def _owners(session: Session, interview: Interview, config: ExchangeConfig, mailbox: str) -> dict[str, int]:
    """Interviewers (address → user id) whose answers this calendar shows: all of them in the
    organizer's calendar, the owner in an interviewer's own."""
    people = {p.user_id for p in interview.participants}
    users = session.scalars(select(User).where(User.id.in_(people))).all() if people else []
    by_address = {meeting.address_of(u).lower(): u.id for u in users if meeting.address_of(u)}
    if config.mode == ORGANIZER:
        return by_address
    return {a: uid for a, uid in by_address.items() if a == mailbox.lower()}


def _names(session: Session, owners: dict[str, int]) -> str:
    if not owners:
        return ""
    names = session.scalars(select(User.display_name).where(User.id.in_(set(owners.values())))).all()
    return "、".join(sorted(names))


def _record_answers(session: Session, config: ExchangeConfig, interview: Interview, change: Seen,
                    owners: dict[str, int], summary: SyncSummary) -> None:
    if config.mode == ORGANIZER:
        answers = {a: answer for a, answer in change.answers.items() if a in owners}
    else:   # the interviewer's own copy: their answer is "my response" (or theirs on the attendee list)
        answers = {a: change.answers.get(a) or (change.my_response, None) for a in owners}
    participants = {p.user_id: p for p in interview.participants}
    for address, (response, when) in sorted(answers.items()):
        state = RESPONSES.get(response)
        user_id = owners[address]
        participant = participants.get(user_id)
        if state is None or participant is None or participant.response == state:
            continue
        name = session.scalar(select(User.display_name).where(User.id == user_id)) or ""
        attendance.record_response(session, interview.id, user_id, state, name, at=_aware(when))
        summary.responses += 1
        if state == ResponseState.DECLINED and alerts.for_hr(
                session, f"exchange_declined:{interview.id}:{user_id}:{interview.sequence}", DECLINED_ALERT,
                interview, who=name, user_id=user_id, starts_at=meeting.iso(interview.starts_at)):
            summary.alerts += 1


def _aware(when: Any) -> datetime | None:
    if isinstance(when, datetime) and when.tzinfo is not None:
        return datetime.fromisoformat(meeting.iso(when))
    return None
