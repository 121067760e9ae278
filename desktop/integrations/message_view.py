"""What one outbox entry says, as its recipient sees it (发件箱 → open a message, and the messages
of an interview in its detail panel).

Rendered by the code the delivery uses — the e-mail as `mail.smtp.message_for` composes it (text,
HTML and the .ics attachment), the SMS text and its parts as the gateway sends them, the OA notice's
title and text, the meeting's subject, place and body as Exchange gets them — from the entry's own
payload. A message that went out is shown from the copy kept when it was sent (outbox
`sent_copy`), exactly as its recipient got it; one still waiting is rendered from the message
templates as they are now (the viewer says which). A viewer who may not see the candidate's contacts (or name) gets the message rendered with
them masked, so nothing in clear reaches the window."""

from __future__ import annotations

import base64
from dataclasses import dataclass, field, replace
from email import policy as email_policy
from email.parser import BytesParser
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.delivery.outbox import DeliveryFailed, Item
from desktop.core.errors import DeskError, NotFound
from desktop.core.model import Application, Candidate, Interview, OutboxEntry, Position
from desktop.core.permissions import Action, visible_departments
from desktop.core.services import overview
from desktop.core.services.paging import ListQuery
from desktop.core.storage.database import Actor

CANCELLED_MEETING = "面试已取消。"     # the body Exchange's cancellation carries (exchange.sender)


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    size: int            # bytes, as attached
    text: str            # the attachment decoded as text (an .ics is text)


@dataclass(frozen=True)
class MessageView:
    row: overview.OutboxRow
    subject: str = ""
    text: str = ""
    html: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)   # (name, value): From, To, Location, …
    attachments: list[Attachment] = field(default_factory=list)
    sms_parts: list[str] = field(default_factory=list)
    sms_characters: int = 0
    problem: str = ""        # why the message could not be rendered (it would fail the same way when sent)
    masked: bool = False     # contacts (and maybe the name) shown masked to this viewer
    as_sent: bool = False    # the copy kept when it went out, not rendered again from the templates


def interview_messages(session: Session, actor: Actor, interview_id: int) -> list[overview.OutboxRow]:
    """The interview's messages, newest first (its detail panel)."""
    query = ListQuery(limit=500, sort="created_at", descending=True, filters={"interview_id": interview_id})
    return overview.outbox(session, actor, query).rows


def view(session: Session, actor: Actor, entry_id: int) -> MessageView:
    visible_departments(session, actor, Action.OUTBOX_VIEW)   # raises PermissionDenied when not allowed
    found = session.execute(select(OutboxEntry, Position.department_id, Candidate.name, Position.title)
                            .outerjoin(Interview, Interview.id == OutboxEntry.interview_id)
                            .outerjoin(Application, Application.id == Interview.application_id)
                            .outerjoin(Candidate, Candidate.id == Application.candidate_id)
                            .outerjoin(Position, Position.id == Application.position_id)
                            .where(OutboxEntry.id == entry_id)).first()
    if found is None:
        raise NotFound("outbox entry", entity="outbox")
    entry, department_id, name, title = found
    may = overview.rights(session, actor, department_id)
    payload = dict(entry.payload or {})
    starts = payload.get("starts_at")
    row = overview.OutboxRow(entry.id, entry.created_at, entry.channel, entry.kind, may.recipient(entry.recipient),
                             entry.state.value, entry.attempts, entry.last_error, entry.interview_id,
                             entry.next_attempt_at, entry.sent_at, may.name(name or ""), title or "",
                             datetime.fromisoformat(starts) if starts else None)
    if not may.names:
        for key in ("candidate_name", "candidate_id"):
            payload.pop(key, None)
        payload["candidate_name"] = may.name(name or "")
        payload["candidate_gender"] = ""
    item = Item(entry.id, entry.dedupe_key, entry.interview_id, entry.channel, entry.kind,
                may.recipient(entry.recipient), payload, entry.attempts, entry.version)
    masked = not (may.contacts and may.names)
    if entry.sent_copy and not masked:   # a masked view is rendered anew, masked; the copy is in clear
        return replace(_sent(entry.channel, entry.sent_copy, item), row=row, as_sent=True)
    try:
        shown = _render(session, item)
    except (DeliveryFailed, DeskError, KeyError, ValueError) as error:
        reason = getattr(error, "reason", "") or getattr(error, "detail", "") or type(error).__name__
        return MessageView(row, problem=str(reason), masked=masked)
    return replace(shown, row=row, masked=masked)


def _render(session: Session, item: Item) -> MessageView:
    # The senders' own composing code (with the e-mail and iCalendar libraries) loads when a message
    # is first shown, off the UI thread, not with the interview detail that lists the messages.
    from desktop.integrations.http_channels.texts import rendered_text
    from desktop.integrations.mail.smtp import SmtpConfig, message_for

    empty = overview.OutboxRow(item.id, datetime.min, item.channel, item.kind, item.recipient, "", 0, "", None)
    if item.channel == "email":
        return _email(message_for(session, SmtpConfig.load(session), item), empty)
    if item.channel == "sms":
        return _sms(empty, rendered_text(session, item.kind, "sms", item.payload).text, item.recipient)
    if item.channel == "oa":
        shown = rendered_text(session, item.kind, "oa", item.payload)
        return MessageView(empty, subject=shown.subject, text=shown.text, headers=[("To", item.recipient)])
    if item.channel == "calendar":
        return _meeting(item, empty)
    raise ValueError(f"no view for channel {item.channel}")


def _sent(channel: str, copy: dict[str, Any], item: Item) -> MessageView:
    """The message as it went out (outbox.Delivered.copy)."""
    empty = overview.OutboxRow(item.id, datetime.min, item.channel, item.kind, item.recipient, "", 0, "", None)
    if channel == "email":
        message = BytesParser(policy=email_policy.default).parsebytes(base64.b64decode(copy["eml"]))
        shown = _email(message, empty)
        date = [("Date", str(message["Date"]))] if message["Date"] else []
        return replace(shown, headers=shown.headers + date)
    if channel == "sms":
        return _sms(empty, str(copy.get("text", "")), item.recipient)
    return MessageView(empty, subject=str(copy.get("subject", "")), text=str(copy.get("text", "")),
                       headers=[("To", item.recipient)])


def _sms(row: overview.OutboxRow, text: str, recipient: str) -> MessageView:
    # the templates' module (its fields and their queries) loads with the first message shown, not with
    # the interview detail that imports this module to list the messages
    from desktop.core.notifications import templates

    return MessageView(row, text=text, sms_parts=templates.sms_parts(text),
                       sms_characters=templates.sms_segments(text)[0], headers=[("To", recipient)])


def _email(message: EmailMessage, row: overview.OutboxRow) -> MessageView:
    text = html = ""
    attachments = []
    for part in message.walk():
        if part.is_multipart():
            continue
        if part.get_filename():
            body = part.get_payload(decode=True) or b""
            attachments.append(Attachment(part.get_filename(), part.get_content_type(), len(body),
                                          body.decode(part.get_content_charset() or "utf-8", errors="replace")))
        elif part.get_content_type() == "text/plain" and not text:
            text = part.get_content().replace("\r\n", "\n")     # the wire's line ends, as a reader sees them
        elif part.get_content_type() == "text/html" and not html:
            html = part.get_content().replace("\r\n", "\n")
    headers = [(name, str(message[name])) for name in ("From", "To") if message[name]]   # Date: when it goes out
    return MessageView(row, subject=str(message["Subject"] or ""), text=text.rstrip("\n"), html=html,
                       headers=headers, attachments=attachments)


def _meeting(item: Item, row: overview.OutboxRow) -> MessageView:
    from desktop.integrations.exchange import meeting

    payload: dict[str, Any] = item.payload
    title, body, place = meeting.texts(payload)
    headers = [("To", item.recipient), ("Location", place), ("Time", str(payload.get("local_time") or ""))]
    if item.kind == "cancel":
        return MessageView(row, subject=title, text=CANCELLED_MEETING, headers=headers)
    return MessageView(row, subject=title, text=body, headers=headers)

