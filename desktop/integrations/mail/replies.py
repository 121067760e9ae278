"""Candidates' answers by e-mail, read from the institution's reply mailbox over IMAP.

The app polls the mailbox every few minutes, off the UI thread (`poll_replies`). For each unseen
message:

- a calendar answer (text/calendar, METHOD:REPLY) from the candidate's mail program is recorded by
  the iCalendar capability (`calendar_files.record_reply`);
- otherwise the message is matched to the notice it answers by In-Reply-To/References against the
  Message-IDs the outbox recorded. The new text (the quoted notice stripped) goes to
  `desktop.core.candidate_replies`, which takes it for a confirmation (a keyword on its first
  line), a progress query, a survey answer to the thank-you, or a question for the question
  desk; every matched text also lands on the interview's timeline, so HR reads replies such as
  "可以改到明天吗" where they look after the interview.

- a reply to an approval mail (or one carrying an approval mail's one-time code) goes to
  `scheduling.mail_approval`, which decides the step or refuses and says why on the timeline; it is
  never taken for a candidate's answer.

A processed message is marked \\Seen, so it is read once; the timeline entry carries the message's
own Message-ID, so a message whose flag could not be set is still recorded only once. Messages
that match nothing are left unseen for a person to read, and counted.
"""

from __future__ import annotations

import base64
import hashlib
import imaplib
import re
import ssl
from dataclasses import dataclass
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import parseaddr
from html import unescape

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.errors import CalendarFileInvalid, CalendarReplyRefused
from desktop.core import candidate_replies
from desktop.core.model import Application, Channel, Interview, OutboxEntry
from desktop.core.notifications import routing
from desktop.core.scheduling import calendar_files, mail_approval, timeline
from desktop.core.storage.database import Actor, Database
from desktop.integrations import ical
from desktop.integrations.mail.tls import ConfigurationProblem, context

EXCERPT = 500
READER = Actor(user_id=None, username="mail-replies", display_name="邮件回复", system=True)
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
# Where the quoted notice begins in the usual mail programs (Outlook, Foxmail, QQ/163 web mail, Apple).
_QUOTE_START = re.compile(
    r"^\s*(-{2,}\s*(原始邮件|Original Message|回复的原邮件)\s*-{2,}|(发件人|From)\s*[:：]|"
    r"On .+ wrote:\s*$|在.+写道[:：]\s*$|_{10,})", re.IGNORECASE)


class MailboxUnavailable(Exception):
    """The reply mailbox could not be read. `reason` is Chinese text for the admin or HR."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class ReplySummary:
    fetched: int = 0          # unseen messages looked at
    calendar_replies: int = 0
    confirmations: int = 0    # text replies that confirmed
    noted: int = 0            # text replies put on the timeline for HR to read
    questions: int = 0        # of those noted: captured as candidate questions (desktop/core/candidate_replies.py)
    surveys: int = 0          # of those noted: survey answers stored
    progress: int = 0         # of those noted: progress queries answered
    unmatched: int = 0        # left unseen: not an answer to anything we sent
    repeated: int = 0         # processed before (the \Seen flag had not stuck)
    decisions: int = 0        # approval steps decided by a reply to the approval mail
    refused: int = 0          # replies to approval mails that decided nothing (on the timeline for HR)


@dataclass(frozen=True)
class ImapConfig:
    host: str
    port: int
    security: str
    username: str
    password: str
    ca_file: str
    folder: str
    timeout: int
    keywords: tuple[str, ...]

    @classmethod
    def load(cls, session: Session) -> ImapConfig:
        value = lambda key: settings.institution_value(session, f"mail.{key}")
        words = tuple(w.strip().casefold() for w in re.split(r"[,，;；\n]", value("confirm_keywords")) if w.strip())
        return cls(value("imap_host"), int(value("imap_port")), value("imap_security"), value("imap_username"),
                   value("imap_password"), value("ca_file"), value("imap_folder") or "INBOX",
                   int(value("timeout_seconds")), words)


# --- reading a message --------------------------------------------------------------------------

def referenced_ids(message: EmailMessage) -> list[str]:
    """The Message-IDs this message answers, nearest first."""
    found: list[str] = []
    for header in ("In-Reply-To", "References"):
        values = _MESSAGE_ID.findall(str(message.get(header, "")))
        found.extend(reversed(values) if header == "References" else values)
    return list(dict.fromkeys(found))


def _calendar_replies(message: EmailMessage) -> list[calendar_files.Reply]:
    """The iTIP answers in the message's text/calendar parts (other calendar parts are ignored)."""
    replies: list[calendar_files.Reply] = []
    for part in message.walk():
        if part.get_content_type() != "text/calendar":
            continue
        try:
            replies.extend(ical.parse_replies(part.get_payload(decode=True) or b""))
        except CalendarFileInvalid:
            continue
    return replies


def body_text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except (LookupError, UnicodeError):
        text = (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
    if part.get_content_type() == "text/html":
        text = re.sub(r"(?is)<(script|style).*?</\1>", "", text)
        text = re.sub(r"(?i)<br\s*/?>|</p>|</div>", "\n", text)
        text = unescape(re.sub(r"<[^>]+>", "", text))
    return text


def new_text(text: str) -> str:
    """The candidate's own words: everything above the quoted notice, without '>' lines."""
    kept: list[str] = []
    for line in text.replace("\r\n", "\n").split("\n"):
        if _QUOTE_START.match(line):
            break
        if not line.lstrip().startswith(">"):
            kept.append(line.rstrip())
    return "\n".join(kept).strip()


# --- recording ----------------------------------------------------------------------------------

def _answered_entry(session: Session, ids: list[str]) -> OutboxEntry | None:
    if not ids:
        return None
    rows = session.scalars(select(OutboxEntry).where(OutboxEntry.channel == "email",
                                                     OutboxEntry.external_id.in_(ids),
                                                     OutboxEntry.interview_id.is_not(None))).all()
    by_id = {row.external_id: row for row in rows}
    return next((by_id[i] for i in ids if i in by_id), None)


def record_message(session: Session, raw: bytes, keywords: tuple[str, ...], summary: ReplySummary) -> bool:
    """Record one message in `session`. Returns whether it was ours to process (then it is marked seen)."""
    message = message_from_bytes(raw, policy=default_policy)
    replies = _calendar_replies(message)
    if replies:
        recorded = 0
        for reply in replies:
            try:
                calendar_files.record_reply(session, reply)
                recorded += 1
            except CalendarReplyRefused:   # not one of our interviews, or not its candidate: a person looks
                pass
        summary.calendar_replies += recorded
        if not recorded:
            summary.unmatched += 1
        return recorded > 0
    entry = _answered_entry(session, referenced_ids(message))
    message_id = str(message.get("Message-ID", "")).strip() or f"<{hashlib.sha256(raw).hexdigest()}@no-id>"
    whole = body_text(message)
    text = new_text(whole)
    codes = mail_approval.codes_in(whole)
    to_approver = entry is not None and entry.kind == "approval_request"
    if codes or to_approver:
        decided = mail_approval.decide_by_mail(session, mail_approval.MailReply(
            sender=parseaddr(str(message.get("From", "")))[1], text=text, codes=tuple(codes), message_id=message_id,
            automatic=str(message.get("Auto-Submitted", "no")).strip().lower() != "no",
            interview_id=entry.interview_id if to_approver else None))
        if decided is not None:
            if decided.repeated:
                summary.repeated += 1
            elif decided.decided:
                summary.decisions += 1
            else:
                summary.refused += 1
            return True
    if entry is None or routing.EVENT_AUDIENCE.get(entry.kind, routing.CANDIDATE) != routing.CANDIDATE:
        summary.unmatched += 1      # not a candidate's answer (staff mail is answered by people, to people)
        return False
    if timeline.has_message(session, entry.interview_id, message_id, (timeline.Event.CANDIDATE_REPLIED,)):
        summary.repeated += 1       # recorded before inbound_messages existed, or by the handler below
        return True
    sequence = int(entry.payload.get("sequence", 0)) if entry.payload else None
    candidate_id = (entry.payload or {}).get("candidate_id") or _candidate_of(session, entry.interview_id)
    handled = candidate_replies.handle(session, candidate_replies.Reply(
        channel=Channel.EMAIL.value, message_id=message_id, candidate_id=candidate_id,
        interview_id=entry.interview_id, sequence=sequence, text=text, sender=parseaddr(str(message.get("From", "")))[1],
        automatic=str(message.get("Auto-Submitted", "no")).strip().lower() != "no", keywords=keywords))
    if handled.kind == "repeated":
        summary.repeated += 1
    elif handled.kind == "confirmation":
        summary.confirmations += 1
    else:
        summary.noted += 1
        summary.questions += handled.kind == "question"
        summary.surveys += handled.kind == "survey"
        summary.progress += handled.kind == "progress"
    session.flush()
    return True


def _candidate_of(session: Session, interview_id: int) -> int | None:
    return session.scalar(select(Application.candidate_id).join(Interview, Interview.application_id == Application.id)
                          .where(Interview.id == interview_id))


# --- the mailbox --------------------------------------------------------------------------------

def _open(config: ImapConfig) -> imaplib.IMAP4:
    if not config.host:
        raise MailboxUnavailable("未设置收取回复的邮箱服务器（设置 → 邮件）")
    try:
        tls = context(config.ca_file) if config.security != "none" else None
        if config.security == "ssl":
            box: imaplib.IMAP4 = imaplib.IMAP4_SSL(config.host, config.port, ssl_context=tls, timeout=config.timeout)
        else:
            box = imaplib.IMAP4(config.host, config.port, timeout=config.timeout)
            if config.security == "starttls":
                box.starttls(ssl_context=tls)
    except ConfigurationProblem as exc:
        raise MailboxUnavailable(exc.reason) from None
    except ssl.SSLCertVerificationError:
        raise MailboxUnavailable("无法验证收件服务器的证书，请检查 CA 证书文件和服务器名称") from None
    except (ssl.SSLError, imaplib.IMAP4.error):
        raise MailboxUnavailable("无法与收件服务器建立加密连接，请检查端口和加密方式") from None
    except TimeoutError:
        raise MailboxUnavailable("收件服务器响应超时，稍后再试") from None
    except OSError:
        raise MailboxUnavailable("无法连接收件服务器，请检查服务器地址和端口") from None
    try:
        if (config.username + config.password).isascii():
            box.login(config.username, config.password)
        else:   # LOGIN is ASCII-only in imaplib; AUTHENTICATE PLAIN carries UTF-8
            box.authenticate("PLAIN", lambda _challenge: f"\0{config.username}\0{config.password}".encode())
    except imaplib.IMAP4.error:
        _logout(box)
        raise MailboxUnavailable("收件邮箱登录失败，请检查账号和密码") from None
    status, _ = box.select(folder_name(config.folder))
    if status != "OK":
        _logout(box)
        raise MailboxUnavailable("收件邮箱中找不到所设的文件夹")
    return box


def folder_name(folder: str) -> str:
    """The folder as IMAP names it: modified UTF-7 (RFC 3501 5.1.3), so "候选人回复" works, quoted."""
    out: list[str] = []
    wide: list[str] = []

    def shift() -> None:
        if wide:
            encoded = base64.b64encode("".join(wide).encode("utf-16-be")).decode().rstrip("=")
            out.append("&" + encoded.replace("/", ",") + "-")
            wide.clear()

    for ch in folder:
        if 0x20 <= ord(ch) <= 0x7E:
            shift()
            out.append("&-" if ch == "&" else ch)
        else:
            wide.append(ch)
    shift()
    return '"' + "".join(out).replace("\\", "\\\\").replace('"', '\\"') + '"'


def _logout(box: imaplib.IMAP4) -> None:
    try:
        box.logout()
    except (imaplib.IMAP4.error, OSError):
        pass


def _fetch(box: imaplib.IMAP4, uid: bytes) -> bytes | None:
    status, data = box.uid("FETCH", uid, "(BODY.PEEK[])")
    if status != "OK":
        return None
    return next((item[1] for item in data if isinstance(item, tuple)), None)


def poll_replies(db: Database) -> ReplySummary:
    """Read the unseen messages of the reply mailbox and record what candidates answered. One
    transaction per message: a message that fails to record stays unseen and is tried next time."""
    with db.session() as session:
        config = ImapConfig.load(session)
    summary = ReplySummary()
    box = _open(config)
    try:
        status, data = box.uid("SEARCH", None, "UNSEEN")
        uids = data[0].split() if status == "OK" and data and data[0] else []
        for uid in uids:
            raw = _fetch(box, uid)
            if raw is None:
                continue
            summary.fetched += 1
            with db.session(READER, write=True) as session:
                ours = record_message(session, raw, config.keywords, summary)
            if ours:
                box.uid("STORE", uid, "+FLAGS", "(\\Seen)")
    except (imaplib.IMAP4.error, OSError):
        raise MailboxUnavailable("读取收件邮箱时连接中断，稍后再试") from None
    finally:
        _logout(box)
    return summary
