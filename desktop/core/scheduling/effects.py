"""What a booking, change or cancellation sends out, written in the same transaction as the change.

One outbox row per effect: a calendar operation per interviewer (delivered through the calendar
provider by the Exchange capability), a notice to the candidate with a confirmation request (mail
and SMS), an OA message per interviewer, and an in-app notice per interviewer; which channels is
configuration (notifications.routing). The
dedupe key carries the interview's sequence number, so an effect is never queued twice for the
same version of the interview. The room board reads the interviews themselves and needs no row;
reception is told of a new time or room, or a cancellation (scheduling.reception)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from desktop.core import audit, settings
from desktop.core.model import (
    Application,
    Candidate,
    Interview,
    Notice,
    Position,
    Room,
    Round,
    User,
)
from desktop.core.model.base import run_built
from desktop.core.notifications import routing
from desktop.core.scheduling import reception
from desktop.core.scheduling.office import OfficeHours

CALENDAR = "calendar"
WEEKDAYS = "一二三四五六日"


# Read for every booking, change and reminder: built once, bound per interview.
_WHAT = (select(Position.title, Round.name).join(Application, Application.position_id == Position.id)
         .join(Round, Round.id == bindparam("round")).where(Application.id == bindparam("application")))
_ROOM = select(Room.name, Room.location, Room.exchange_mailbox).where(Room.id == bindparam("room"))
_PEOPLE = select(User.id, User.username, User.display_name, User.email, User.phone, User.exchange_mailbox,
                 User.is_active).where(User.id.in_(bindparam("people", expanding=True)))
_CANDIDATE = (select(Candidate.id, Candidate.name, Candidate.email, Candidate.phone, Candidate.restricted)
              .join(Application, Application.candidate_id == Candidate.id)
              .where(Application.id == bindparam("application")))


def details(session: Session, interview: Interview) -> dict[str, Any]:
    """A snapshot of what the parties are told, so delivery sends exactly this version."""
    position, rnd = run_built(session, _WHAT, {"application": interview.application_id,
                                            "round": interview.round_id}).one()
    room = run_built(session, _ROOM, {"room": interview.room_id}).first() if interview.room_id else None
    hours = OfficeHours.load(session)
    local = hours.local(interview.starts_at)
    ends = interview.starts_at + timedelta(minutes=interview.duration_minutes)
    return {
        "interview_id": interview.id, "uid": interview.uid, "sequence": interview.sequence,
        "starts_at": interview.starts_at.isoformat(), "ends_at": ends.isoformat(),
        "local_time": f"{local:%Y-%m-%d} 星期{WEEKDAYS[local.weekday()]} {local:%H:%M}–"
                      f"{hours.local(ends):%H:%M}",
        "zone": str(hours.zone), "mode": interview.mode.value,
        "room": room.name if room else "", "room_location": room.location if room else "",
        "room_mailbox": room.exchange_mailbox if room else None, "video_link": interview.video_link or "",
        "position": position or "", "round": rnd or "",
        "status": interview.status.value,
    }


def confirmation_deadline(session: Session, now: datetime, starts_at: datetime) -> datetime:
    minutes = settings.institution_value(session, "confirmation.deadline_minutes")
    return min(now + timedelta(minutes=minutes), max(starts_at, now))


def announce(session: Session, interview: Interview, kind: str, *, added: set[int] = frozenset(),
             removed: set[int] = frozenset(), reason: str = "", previous: dict[str, Any] | None = None,
             candidate: Any = None) -> None:
    """Queue every party's effect of `kind` ("create", "update" or "cancel") for the interview's
    current sequence. `added`/`removed` interviewers get a create/cancel instead of an update.
    `candidate`: the candidate's id, name, email and phone when the caller has read them.
    `previous` (the interview's values before a change) lets reception hear of a new time or room."""
    now = session.info["clock"].now()
    info = details(session, interview)
    seq = interview.sequence
    people = {p.user_id: p for p in interview.participants}
    users = {u.id: u for u in run_built(session, _PEOPLE, {"people": sorted(set(people) | set(removed))})}
    routing.know_people(session, users.values())   # their contacts for the interviewer messages below
    entries: list[tuple[str, dict[str, Any]]] = []
    staff = routing.channels(session, routing.INTERVIEWER)
    told: dict[str, set[int]] = {}
    notices = []
    for user_id in sorted(set(people) | set(removed)):
        user = users[user_id]
        op = "cancel" if (user_id in removed or kind == "cancel") else ("create" if user_id in added or kind == "create"
                                                                       else "update")
        told.setdefault(op, set()).add(user_id)
        if CALENDAR in staff:
            entries.append((f"{CALENDAR}:{interview.id}:user{user_id}:{seq}:{op}", dict(
                interview_id=interview.id, channel=CALENDAR, kind=op,
                recipient=user.exchange_mailbox or user.email or user.username,
                payload=info | {"user_id": user_id, "reason": reason})))
        title = {"create": "新的面试安排", "update": "面试安排有变更", "cancel": "面试已取消"}[op]
        notices.append({"user_id": user_id, "interview_id": interview.id, "title": title, "created_at": now,
                        "seen_at": None, "body": f"{info['position']} {info['round']}：{info['local_time']} "
                                                 f"{info['room'] or info['video_link']}"})
    audit.insert_rows(session, Notice, notices, by="user_id")

    messages = []     # one message per interviewer, queued per kind of change
    for op, user_ids in told.items():
        messages += routing.staff_entries(session, routing.INTERVIEWER, user_ids,
                                          "interviewer_assignment" if op == "create" else "interviewer_change",
                                          f"{interview.id}:{seq}:{op}", info | {"reason": reason, "operation": op},
                                          interview.id)
    notice_kind = {"create": "invitation", "update": "change_notice", "cancel": "cancellation"}[kind]
    entries += candidate_messages(session, interview, notice_kind, info, reason=reason,
                                  confirm=kind != "cancel", candidate=candidate)
    routing.queue_rows(session, messages + entries)   # one dedupe query, one INSERT
    if kind != "create":
        reception.tell_reception(session, interview, info, previous, kind, reason)


def candidate_of(session: Session, application_id: int) -> Any:
    """The applicant's id, name, email, phone and restricted flag, as candidate_messages reads them."""
    return run_built(session, _CANDIDATE, {"application": application_id}).one()


def candidate_messages(session: Session, interview: Interview, event: str, info: dict[str, Any] | None = None, *,
                       reason: str = "", confirm: bool = True, candidate: Any = None) -> list[tuple[str, dict[str, Any]]]:
    """The candidate's outbox rows for `event` on the configured channels (e-mail, SMS), keyed by
    the interview's version so each goes out once. `candidate` as in announce."""
    if candidate is None:
        candidate = candidate_of(session, interview.application_id)
    payload = (info or details(session, interview)) | {
        "candidate_id": candidate.id, "candidate_name": candidate.name, "reason": reason}
    if confirm:
        payload["confirm_by"] = interview.confirmation_due_at.isoformat() if interview.confirmation_due_at else None
    wanted = routing.channels(session, routing.CANDIDATE, event)
    return [(f"{channel}:{interview.id}:candidate:{interview.sequence}:{event}", dict(
        interview_id=interview.id, channel=channel, kind=event, recipient=address, payload=payload))
        for channel, address in (("email", candidate.email), ("sms", candidate.phone)) if address and channel in wanted]
