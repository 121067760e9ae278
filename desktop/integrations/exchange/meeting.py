"""What a meeting in Exchange should look like for an interview right now, as plain field values.

The sender compares these values with what it wrote last time (`calendar_items.sent`) and sends
only the fields that differ. The values come from the interview's current state in the database,
not from the outbox entry's snapshot: entries for different interviewers may be delivered in any
order, and in organizer mode they all reconcile the same meeting, so an older entry delivered late
must not put back an older time. An entry delivered after a newer one then finds nothing to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.model import Interview, InterviewMode, InterviewStatus, Room, User
from desktop.core.scheduling import effects
from desktop.integrations.exchange.config import ORGANIZER, ExchangeConfig

# Our field names → exchangelib CalendarItem field names, in the order they are compared.
FIELDS = {"subject": "subject", "body": "body", "location": "location", "start": "start", "end": "end",
          "attendees": "required_attendees", "resources": "resources"}


@dataclass(frozen=True)
class Target:
    """One meeting to reconcile: in `mailbox`, for `interview_id`; `fields` None means there should
    be no meeting (the interview was cancelled, or this interviewer was taken off it)."""

    interview_id: int
    uid: str
    sequence: int
    mailbox: str
    fields: dict[str, Any] | None
    attendee_users: dict[str, int] = field(default_factory=dict)   # address (lower case) → user id

    @property
    def wanted(self) -> bool:
        return self.fields is not None


def address_of(user: User) -> str:
    return (user.exchange_mailbox or user.email or "").strip()


def texts(info: dict[str, Any]) -> tuple[str, str, str]:
    """The meeting's subject, body and location (also what the 发件箱 viewer shows)."""
    title = "面试：" + " ".join(part for part in (info["position"], info["round"]) if part)
    if info["mode"] == InterviewMode.VIDEO.value:
        place = "视频面试"
        where = f"视频链接：{info['video_link']}" if info["video_link"] else "视频面试"
    else:
        place = "，".join(part for part in (info["room"], info["room_location"]) if part)
        where = f"地点：{place}" if place else ""
    note = "（由面试协同台发送，请勿在日历中修改时间；如需调整请联系人事处。）"
    body = "\n".join(line for line in (f"时间：{info['local_time']}", where, note) if line)
    return title, body, place


def target(session: Session, config: ExchangeConfig, interview_id: int, user_id: int | None,
           recipient: str) -> Target:
    """The meeting an outbox entry for interviewer `user_id` (addressed to `recipient`) reconciles."""
    interview = session.get(Interview, interview_id)
    people = sorted(interview.participants, key=lambda p: p.user_id)
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_([p.user_id for p in people])))}
    organizer = config.mode == ORGANIZER
    mailbox = config.calendar_mailbox(recipient)
    taking_part = user_id in users
    if interview.status == InterviewStatus.CANCELLED or not people or (not organizer and not taking_part):
        return Target(interview.id, interview.uid, interview.sequence, mailbox, None)

    info = effects.details(session, interview)
    title, body, place = texts(info)
    room = session.get(Room, interview.room_id) if interview.room_id and interview.mode == InterviewMode.ONSITE \
        else None
    # One booking of the room: on the organizer's meeting, or on the first interviewer's own meeting
    # (a room mailbox would otherwise get one request per interviewer and decline all but the first).
    books_room = organizer or user_id == people[0].user_id
    resources = [room.exchange_mailbox.strip()] if room is not None and room.exchange_mailbox and books_room else []
    attendees = {address_of(users[p.user_id]).lower(): p.user_id for p in people if address_of(users[p.user_id])}
    fields = {
        "subject": title, "body": body, "location": place,
        "start": iso(interview.starts_at),
        "end": iso(interview.starts_at + timedelta(minutes=interview.duration_minutes)),
        "attendees": sorted(attendees) if organizer else [],
        "resources": resources,
    }
    return Target(interview.id, interview.uid, interview.sequence, mailbox, fields,
                  attendees if organizer else {recipient.lower(): user_id} if user_id else {})


def changed(sent: dict[str, Any] | None, wanted: dict[str, Any]) -> list[str]:
    """Our field names whose value differs from what was last written (all of them when nothing was)."""
    if not sent:
        return list(FIELDS)
    return [name for name in FIELDS if sent.get(name) != wanted.get(name)]


def instant(text: str) -> datetime:
    return datetime.fromisoformat(text)


def iso(moment: datetime) -> str:
    """An instant as stored in `sent`: ISO 8601 in UTC, whatever zone or datetime class it came in."""
    if moment.tzinfo is None:
        raise ValueError("naive datetime")   # never guess a zone for a meeting time
    return datetime.fromtimestamp(moment.timestamp(), tz=UTC).isoformat()
