"""Candidate notices by e-mail through the institution's SMTP relay (the outbox's channel "email").

Each notice is a multipart/alternative message (plain text and HTML from the message templates);
invitations, change notices and cancellations carry the interview as an iCalendar attachment
(METHOD:REQUEST or CANCEL) so the candidate's mail program can put it in their calendar and answer
it. The Message-ID we generate is returned as the entry's external id: replies name it in
In-Reply-To, which is how `replies` finds the interview a candidate answered about.

The settings and the admins' templates are read once per claim of the outbox worker (`refresh`,
in the worker's own transaction), not per message, and the configuration built from them is kept
while they stay the same, so a change in Settings → 邮件 applies to the next entries claimed without
a restart. Each worker thread keeps one SMTP connection open while the settings stay the same (after a few idle
seconds a NOOP checks it is still alive before it is reused), because logging in again for every
message costs more than the message itself.
"""

from __future__ import annotations

import base64
import re
import smtplib
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import astuple, dataclass, replace
from datetime import datetime
from email.message import EmailMessage
from email.parser import BytesParser, Parser
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.delivery.outbox import (
    Delivered,
    DeliveryFailed,
    Item,
    PermanentFailure,
    TemporaryFailure,
    Unsettled,
)
from desktop.core.notifications import templates
from desktop.core.notifications.fields import FACT_KEYS, Facts, load_facts, load_facts_many
from desktop.core.storage.database import Database
from desktop.integrations import ical
from desktop.integrations.mail import mime
from desktop.integrations.mail.tls import ConfigurationProblem, context

CHANNEL = "email"
CALENDAR_METHODS = {"invitation": "REQUEST", "change_notice": "REQUEST", "cancellation": "CANCEL"}
FRESH_SECONDS = 5.0   # a connection used this recently is reused without asking the server first
_ADDRESS = re.compile(r"[^@\s<>\"(),;:]+@[^@\s<>\"(),;:]+\.[^@\s<>\"(),;:]+")


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str          # none | starttls | ssl
    username: str
    password: str
    ca_file: str
    from_address: str
    from_name: str
    timeout: int

    @classmethod
    def load(cls, session: Session) -> SmtpConfig:
        value = lambda key: settings.institution_value(session, f"mail.{key}")
        return cls(value("smtp_host"), int(value("smtp_port")), value("smtp_security"), value("smtp_username"),
                   value("smtp_password"), value("ca_file"), value("from_address"), value("from_name"),
                   int(value("timeout_seconds")))

    def check(self) -> None:
        if not self.host:
            raise PermanentFailure("未设置邮件服务器（设置 → 邮件）")
        if not _ADDRESS.fullmatch(self.from_address):
            raise PermanentFailure("未设置发件人地址或格式不对（设置 → 邮件）")

    @property
    def domain(self) -> str:
        return self.from_address.rpartition("@")[2]


def _code(exc: smtplib.SMTPResponseException) -> int:
    return int(exc.smtp_code or 0)


def failure_of(exc: BaseException) -> DeliveryFailed:
    """What an HR officer reads on the 通知 page: the server's code, never the address or password."""
    if isinstance(exc, DeliveryFailed):
        return exc
    if isinstance(exc, ConfigurationProblem):
        return PermanentFailure(exc.reason)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code = min((c for c, _ in exc.recipients.values()), default=550)
        if 400 <= code < 500:
            return TemporaryFailure(f"邮件服务器暂时不接收该收件人（{code}），稍后重试")
        return PermanentFailure(f"收件人被邮件服务器拒绝（{code}）")
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        if 400 <= _code(exc) < 500:
            return TemporaryFailure(f"邮件服务器暂时无法登录（{_code(exc)}），稍后重试")
        return PermanentFailure("邮件服务器登录失败，请检查账号和密码")
    if isinstance(exc, smtplib.SMTPSenderRefused):
        if 400 <= _code(exc) < 500:
            return TemporaryFailure(f"邮件服务器暂时不接收（{_code(exc)}），稍后重试")
        return PermanentFailure(f"发件人地址被邮件服务器拒绝（{_code(exc)}），请检查发件人设置")
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return PermanentFailure("邮件服务器不支持所设的加密或登录方式，请检查邮件设置")
    if isinstance(exc, smtplib.SMTPResponseException):
        if 400 <= _code(exc) < 500:
            return TemporaryFailure(f"邮件服务器暂时无法接收（{_code(exc)}），稍后重试")
        return PermanentFailure(f"邮件被邮件服务器拒绝（{_code(exc)}）")
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        if isinstance(exc.__context__, TimeoutError):   # smtplib reports a silent server as a disconnect
            return TemporaryFailure("邮件服务器响应超时，稍后重试")
        return TemporaryFailure("邮件服务器断开了连接，稍后重试")
    if isinstance(exc, smtplib.SMTPException):
        return TemporaryFailure("邮件服务器的应答无法识别，稍后重试")
    if isinstance(exc, UnicodeEncodeError):   # smtplib sends the account and password as ASCII only
        return PermanentFailure("邮件账号或密码含有中文等非英文字符，邮件服务器登录不支持，请改用英文字母、数字和符号")
    if isinstance(exc, ssl.SSLCertVerificationError):
        return PermanentFailure("无法验证邮件服务器的证书，请检查 CA 证书文件和服务器名称")
    if isinstance(exc, ssl.SSLError):
        return PermanentFailure("无法与邮件服务器建立加密连接，请检查端口和加密方式")
    if isinstance(exc, (TimeoutError, socket.timeout)):
        return TemporaryFailure("邮件服务器响应超时，稍后重试")
    if isinstance(exc, ConnectionRefusedError):
        return TemporaryFailure("无法连接邮件服务器（连接被拒绝），稍后重试")
    if isinstance(exc, socket.gaierror):
        return TemporaryFailure("找不到邮件服务器（主机名无法解析），请检查设置或网络")
    if isinstance(exc, OSError):
        return TemporaryFailure("无法连接邮件服务器，稍后重试")
    return TemporaryFailure(f"发送邮件时出错（{type(exc).__name__}）")


@contextmanager
def reasons() -> Iterator[None]:
    """Turn any library error inside the block into a Temporary/PermanentFailure with a reason."""
    try:
        yield
    except (DeliveryFailed, ConfigurationProblem, smtplib.SMTPException, OSError, UnicodeEncodeError) as exc:
        raise failure_of(exc) from None


def _local_name() -> str:
    # smtplib's default (getfqdn) asks DNS and can hang for seconds on an office desktop.
    name = socket.gethostname()
    return name if name.isascii() and name else "localhost"


def connect(config: SmtpConfig) -> smtplib.SMTP:
    """An SMTP session, encrypted as configured and logged in when an account is set."""
    tls = context(config.ca_file) if config.security != "none" else None
    if config.security == "ssl":
        conn: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.port, local_hostname=_local_name(),
                                              timeout=config.timeout, context=tls)
    else:
        conn = smtplib.SMTP(config.host, config.port, local_hostname=_local_name(), timeout=config.timeout)
    try:
        # The end of data goes out on its own, after the message's bytes (_sendmail): without this,
        # Nagle's algorithm holds it until the relay acknowledges the bytes, which it delays (40 ms).
        conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        if config.security == "starttls":
            conn.starttls(context=tls)
            conn.ehlo()
        if config.username:
            conn.login(config.username, config.password)
    except BaseException:
        conn.close()
        raise
    return conn


@dataclass(frozen=True)
class Outgoing:
    """A message ready to go: its bytes (what is sent is what the 发件箱 keeps) and its Message-ID."""

    raw: bytes
    message_id: str
    sender: str
    recipient: str

    @property
    def international(self) -> bool:
        """An address in Chinese: the relay must offer SMTPUTF8."""
        return mime.needs_smtputf8(self.sender, self.recipient)


def compose_bytes(config: SmtpConfig, *, to: tuple[str, str], subject: str, text: str, html: str, now: datetime,
                  calendar: tuple[bytes | str, str] | None = None,
                  attachments: tuple[tuple[bytes, str], ...] = ()) -> Outgoing:
    """The message as sent. `to` and the sender are (display name, address); `calendar` is the
    iCalendar object and its METHOD. Headers in Chinese are encoded words (see mime)."""
    if not _ADDRESS.fullmatch(to[1]):
        raise PermanentFailure("收件人邮件地址格式不对")
    message_id = make_msgid(domain=config.domain)
    headers = [mime.unstructured("Subject", subject)]
    if config.from_address:   # always set when sending (SmtpConfig.check); the 发件箱 viewer may show it unset
        headers.append(mime.address("From", config.from_name, config.from_address))
    headers += [mime.address("To", to[0], to[1]), f"Date: {format_datetime(now)}", f"Message-ID: {message_id}",
                "Auto-Submitted: auto-generated"]   # out-of-office replies stay away from the reply box
    parts = []
    if calendar is not None:
        body, method = calendar
        name = "cancel.ics" if method == "CANCEL" else "invitation.ics"
        parts.append(mime.Part("text/calendar", body if isinstance(body, bytes) else body.encode("utf-8"),
                               (("method", method), ("charset", "utf-8")), name))
    for content, filename in attachments:       # (bytes, file name): the offer letter, a personal-data copy
        subtype = "json" if filename.endswith(".json") else "pdf"
        parts.append(mime.Part(f"application/{subtype}", content, (), filename))
    return Outgoing(mime.message(headers, text, html, parts), message_id, config.from_address, to[1])


def parsed(outgoing: Outgoing) -> EmailMessage:
    """The message as a mail program reads it (the 发件箱 viewer). An address in Chinese is UTF-8 in
    the header (RFC 6532), which the email package reads from text, not from bytes."""
    if outgoing.international:
        return Parser(policy=SMTP).parsestr(outgoing.raw.decode("utf-8"))
    return BytesParser(policy=SMTP).parsebytes(outgoing.raw)


def attaches_files(item: Item) -> bool:
    """Whether the message carries a document made from the database when it is sent."""
    return ((item.kind == "offer_notice" and bool(item.payload.get("offer_id")))
            or (item.kind == "privacy_access" and bool(item.payload.get("export_attached"))
                and bool(item.payload.get("request_id"))))


def outgoing_for(session: Session | None, config: SmtpConfig, item: Item, *,
                 saved: dict[tuple[str, str, str], templates.TemplateText] | None = None,
                 facts: Facts | None = None, now: datetime | None = None) -> Outgoing:
    """The e-mail an outbox entry sends: the template's text and HTML, with the interview as an
    .ics attachment for invitations, changes and cancellations, the offer letter as a PDF with an
    offer notice, the copy of their personal information with the answer to an access request.
    With `saved`, `facts` and `now` read beforehand, a message without attachments reads nothing:
    `session` may then be None (MailSender.prepare)."""
    rendered = templates.render(session, item.kind, CHANNEL, item.payload, saved=saved, facts=facts)
    now = now if now is not None else session.info["clock"].now()
    name = str(item.payload.get("candidate_name") or "")
    calendar = None
    if item.kind in CALENDAR_METHODS:
        method = CALENDAR_METHODS[item.kind]
        calendar = (ical.invitation(item.payload, organizer=(config.from_name, config.from_address),
                                    attendee=(name, item.recipient), method=method, stamp=now), method)
    attachments: tuple[tuple[bytes, str], ...] = ()
    if attaches_files(item):
        if item.kind == "offer_notice":
            from desktop.integrations.documents.offer_letter import letter_for, render_offer_letter

            attachments = ((render_offer_letter(letter_for(session, int(item.payload["offer_id"]))), "录用通知书.pdf"),)
        else:
            from desktop.integrations.documents.personal_data import attachments_for

            attachments = attachments_for(session, int(item.payload["request_id"]))
    return compose_bytes(config, to=(name, item.recipient), subject=rendered.subject, text=rendered.text,
                         html=rendered.html, now=now, calendar=calendar, attachments=attachments)


def message_for(session: Session, config: SmtpConfig, item: Item, *,
                saved: dict[tuple[str, str, str], templates.TemplateText] | None = None) -> EmailMessage:
    """The e-mail an outbox entry sends, as a mail program reads it: the 发件箱 viewer shows this
    same message, so HR reads what the candidate reads."""
    return parsed(outgoing_for(session, config, item, saved=saved))


# An address smtplib's quoteaddr gives back as it is, in <>: dot-atoms of letters, digits and - _ . +
_DOT_ATOM = re.compile(r"[A-Za-z0-9_+-]+(\.[A-Za-z0-9_+-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def _quoted(address: str) -> str:
    """The address as smtplib writes it in MAIL FROM and RCPT TO (quoteaddr), without parsing an
    ordinary one as a header (email.utils.parseaddr was half of smtplib's work per message)."""
    return f"<{address}>" if _DOT_ATOM.fullmatch(address) else smtplib.quoteaddr(address)


def _settled() -> None:
    """Nothing to wait for before the end of data (a message sent on its own)."""


def _sendmail(conn: smtplib.SMTP, sender: str, recipient: str, raw: bytes,
              settled: Callable[[], None] = _settled) -> None:
    """smtplib's sendmail for one recipient and no options: the same commands, answers and errors,
    with the addresses quoted by `_quoted`. The message's bytes go out before `settled` is called, the
    end of data after it: until the relay has that, it delivers nothing of the message (RFC 5321 4.1.1.4),
    so the outbox worker can record the previous delivery meanwhile (see outbox.Sender).

    A relay that offers PIPELINING (RFC 2920; Postfix and Exchange do) gets MAIL, RCPT and DATA in one
    write and answers them together: a message costs two round trips to the relay instead of four."""
    conn.ehlo_or_helo_if_needed()
    size = f" size={len(raw)}" if conn.does_esmtp and conn.has_extn("size") else ""
    envelope = (("mail", f"FROM:{_quoted(sender)}{size}"), ("rcpt", f"TO:{_quoted(recipient)}"), ("data", ""))
    if conn.does_esmtp and conn.has_extn("pipelining"):
        _envelope_pipelined(conn, envelope, sender, recipient)
    else:
        for command, argument in envelope:   # `data` as smtplib's SMTP.data, with `settled` before the end of data
            conn.putcmd(command, argument)
            _answered(conn, command, *conn.getreply(), sender, recipient)
    body = smtplib._quote_periods(raw)
    conn.send(body if body.endswith(b"\r\n") else body + b"\r\n")
    settled()
    conn.send(b".\r\n")
    code, answer = conn.getreply()
    if code != 250:
        _refused(conn, code)
        raise smtplib.SMTPDataError(code, answer)


def _envelope_pipelined(conn: smtplib.SMTP, envelope: tuple[tuple[str, str], ...], sender: str,
                        recipient: str) -> None:
    """MAIL, RCPT and DATA in one write, then their three answers; raises what sendmail raises for the
    first refusal (and resets or hangs up as it does). A relay that closes the service (421) says nothing
    more; one that answers DATA with 354 after refusing the recipient gets an empty end of data, which it
    refuses, so that the session is back in step."""
    conn.send("".join((f"{command} {argument}" if argument else command) + "\r\n" for command, argument in envelope))
    answers = []
    for _ in envelope:
        answers.append(conn.getreply())
        if answers[-1][0] == 421:
            break
    _answered(conn, "mail", *answers[0], sender, recipient)
    rcpt_code = answers[1][0]
    if rcpt_code not in (250, 251, 421) and answers[2][0] == 354:
        conn.send(b".\r\n")
        conn.getreply()
    _answered(conn, "rcpt", *answers[1], sender, recipient)
    _answered(conn, "data", *answers[2], sender, recipient)


def _answered(conn: smtplib.SMTP, command: str, code: int, answer: bytes, sender: str, recipient: str) -> None:
    """Raise what smtplib's sendmail raises when the relay refuses `command` (mail, rcpt or data), after
    resetting or hanging up as it does."""
    if command == "mail" and code != 250:
        _refused(conn, code)
        raise smtplib.SMTPSenderRefused(code, answer, sender)
    if command == "rcpt" and code not in (250, 251):
        _refused(conn, code)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, answer)})
    if command == "data" and code != 354:
        raise smtplib.SMTPDataError(code, answer)


def _refused(conn: smtplib.SMTP, code: int) -> None:
    """What sendmail does with a refused command before raising: a relay closing the service (421)
    is hung up on, any other refusal resets the transaction for the next message."""
    if code == 421:
        conn.close()
    else:
        conn._rset()


def transmit(conn: smtplib.SMTP, outgoing: Outgoing, settled: Callable[[], None] = _settled) -> None:
    """Hand the message to the relay, calling `settled` before the end of data (see _sendmail). An
    address in Chinese needs SMTPUTF8 (as smtplib's send_message negotiates it); otherwise the bytes go
    as they are."""
    if not outgoing.international:
        _sendmail(conn, outgoing.sender, outgoing.recipient, outgoing.raw, settled)
        return
    conn.ehlo_or_helo_if_needed()
    if not conn.has_extn("smtputf8"):
        raise smtplib.SMTPNotSupportedError("the relay does not offer SMTPUTF8, which an address in Chinese needs")
    settled()
    conn.sendmail(outgoing.sender, [outgoing.recipient], outgoing.raw, mail_options=["SMTPUTF8", "BODY=8BITMIME"])


@dataclass(frozen=True)
class _Read:
    """What `MailSender.refresh` read, and the configuration made from it."""

    stored: dict
    saved: dict
    config: SmtpConfig


class MailSender:
    """The outbox's sender for channel "email" (see desktop.core.delivery.outbox.Sender)."""

    channel = CHANNEL
    settles = True     # calls `settled` before the end of data (see outbox.Sender)

    def __init__(self, db: Database, *, concurrency: int = 4) -> None:
        self.db = db
        self.concurrency = concurrency
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: set[smtplib.SMTP] = set()
        self._read: _Read | None = None

    def refresh(self, session: Session) -> None:
        """Read the settings and the e-mail templates (the outbox worker calls this in each claiming
        transaction); the configuration built from them is kept while they stay the same."""
        stored, saved = settings.stored_values(session), templates.saved_versions(session, CHANNEL)
        settings.use_stored(session, stored)   # the claim's `prepare` reads them too: not a second query
        current = self._read
        if current is None or current.stored != stored or current.saved != saved:
            self._read = _Read(stored, saved, SmtpConfig.load(session))

    def prepare(self, session: Session, items: list[Item]) -> list[Item]:
        """In the worker's claiming transaction: each message's facts (the candidate's name, the
        confirmation deadline ...), so that its delivery thread reads nothing and opens no unit of work
        of its own (that cost more than composing the message). The claim's messages are read
        together, one query per kind of record rather than three per message; should that fail, each
        on its own, so that only the message at fault goes without. Messages with a document attached
        read it when sent; an item whose payload names its records other than by number is left to
        read its facts itself, as any error of it is that message's failure, not the claim's."""
        ready = [item for item in items
                 if not attaches_files(item) and all(isinstance(item.payload.get(key), int | None) for key in FACT_KEYS)]
        try:
            facts = dict(zip((item.id for item in ready), load_facts_many(session, [item.payload for item in ready])))
        except (LookupError, TypeError, ValueError):   # one of them is wrong: each on its own, as below
            facts = {}
            for item in ready:
                try:
                    facts[item.id] = load_facts(session, item.payload)
                except (LookupError, TypeError, ValueError):   # the delivery meets it again and says so
                    pass
        return [replace(item, context=facts.get(item.id)) for item in items]

    def deliver(self, item: Item, settled: Callable[[], None] = _settled) -> Delivered:
        read = self._read
        if read is not None and item.context is not None:    # prepared: nothing left to read
            read.config.check()
            config = read.config
            outgoing = outgoing_for(None, config, item, saved=read.saved, facts=item.context, now=self.db.clock.now())
        else:
            with self.db.session() as session:
                if read is None:             # used without a worker's refresh: read them now
                    config, saved = SmtpConfig.load(session), None
                else:
                    settings.use_stored(session, read.stored)
                    config, saved = read.config, read.saved
                config.check()
                outgoing = outgoing_for(session, config, item, saved=saved)
        with reasons():   # only the conversation with the server: a template or file error keeps its own name
            self._send(config, outgoing, settled)
        return Delivered(external_id=outgoing.message_id, copy={"eml": base64.b64encode(outgoing.raw).decode("ascii")})

    def _send(self, config: SmtpConfig, outgoing: Outgoing, settled: Callable[[], None]) -> None:
        conn = self._connection(config)
        try:
            transmit(conn, outgoing, settled)
        except Unsettled:
            # The message's bytes are out, its end of data is not: hang up without a word (a QUIT now
            # would be read as more of the message), and the relay drops the unfinished message.
            self._drop(say_goodbye=False)
            raise
        except smtplib.SMTPRecipientsRefused:
            # The session is still good; RSET so the next message starts clean.
            try:
                conn.rset()
            except (smtplib.SMTPException, OSError):
                self._drop()
            raise
        except BaseException:
            self._drop()
            raise

    def _connection(self, config: SmtpConfig) -> smtplib.SMTP:
        conn, now = getattr(self._local, "conn", None), time.monotonic()
        # The connection serves the settings it was made with; the same configuration object (the one
        # `refresh` keeps) needs no field-by-field comparison (astuple copies every field each time).
        key = self._local.key if conn is not None and self._local.config is config else astuple(config)
        if conn is not None and self._local.key == key:
            if now - self._local.used_at < FRESH_SECONDS:
                self._local.used_at = now
                return conn
            try:   # idle for a while: the server may have hung up (they do after a minute or so)
                if conn.noop()[0] == 250:
                    self._local.used_at = now
                    return conn
            except (smtplib.SMTPException, OSError):
                pass
        self._drop()
        conn = connect(config)
        self._local.conn, self._local.key, self._local.config, self._local.used_at = conn, key, config, now
        with self._lock:
            self._open.add(conn)
        return conn

    def _drop(self, *, say_goodbye: bool = True) -> None:
        conn = getattr(self._local, "conn", None)
        self._local.conn = None
        if conn is not None:
            with self._lock:
                self._open.discard(conn)
            if say_goodbye:
                _quit(conn)
            else:
                conn.close()

    def close(self) -> None:
        """Say goodbye on every open connection (when the app or the command line stops)."""
        with self._lock:
            conns, self._open = list(self._open), set()
        for conn in conns:
            _quit(conn)


def _quit(conn: smtplib.SMTP) -> None:
    try:
        conn.quit()
    except (smtplib.SMTPException, OSError):
        conn.close()


def send_test(db: Database, address: str) -> str:
    """Send a short test message with the current settings; returns its Message-ID. Raises a
    Temporary/PermanentFailure whose reason says what is wrong (Settings → 邮件, off the UI thread)."""
    with db.session() as session:
        config = SmtpConfig.load(session)
        now = session.info["clock"].now()
        office = settings.institution_value(session, "office.name")
    config.check()
    text = ("这是面试协同台（InterviewDesk）发出的测试邮件。\n"
            "收到此邮件说明邮件服务器设置正确，候选人通知可以正常发出。")
    outgoing = compose_bytes(config, to=("", address.strip()), subject=f"{office or '面试协同台'}：邮件设置测试",
                             text=text, html="", now=now)
    with reasons():
        conn = connect(config)
        try:
            transmit(conn, outgoing)
        finally:
            _quit(conn)
    return outgoing.message_id
