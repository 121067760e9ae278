"""A real SMTP server on loopback (aiosmtpd) that behaves like an institution's relay: STARTTLS
with a certificate from the internal CA, AUTH LOGIN/PLAIN required, and recipients it refuses."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default as default_policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from mail_certs import Certs

USER, PASSWORD = "hr-notices", "S3cret-pass!"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Mailbox:
    """What the server accepted, and which recipients it refuses (address -> SMTP reply)."""

    refuse: dict[str, str] = field(default_factory=dict)
    received: list[tuple[list[str], bytes]] = field(default_factory=list)
    logins: int = 0
    pipelining: bool = True
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        """PIPELINING offered, as Postfix and Exchange offer it (aiosmtpd reads commands in order, so
        it serves pipelined ones; it only does not say so)."""
        session.host_name = hostname
        if not self.pipelining:
            return responses
        return [*responses[:-1], "250-PIPELINING", responses[-1]]

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def messages(self) -> list[EmailMessage]:
        with self.lock:
            return [message_from_bytes(raw, policy=default_policy) for _, raw in self.received]

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == USER.encode()
              and auth_data.password == PASSWORD.encode())
        if ok:
            with self.lock:
                self.logins += 1
        return AuthResult(success=ok, handled=False)   # handled=False: the server answers 535 itself


class SmtpServer:
    """Start and stop the relay on a fixed port (so a test can take it down and bring it back)."""

    def __init__(self, certs: Certs, mailbox: Mailbox | None = None, port: int | None = None, *,
                 implicit_tls: bool = False) -> None:
        self.mailbox = mailbox or Mailbox()
        self.port = port or free_port()
        self.certs = certs
        self.implicit_tls = implicit_tls      # SMTPS (port 465 style): TLS from the first byte, no STARTTLS
        self.controller: Controller | None = None

    def start(self) -> SmtpServer:
        if self.implicit_tls:
            self.controller = Controller(
                self.mailbox, hostname="127.0.0.1", port=self.port, ssl_context=self.certs.server_context(),
                auth_required=True, auth_require_tls=False,   # the whole session is encrypted already
                authenticator=self.mailbox.authenticate, ready_timeout=5)
            self.controller.start()
            return self
        self.controller = Controller(
            self.mailbox, hostname="127.0.0.1", port=self.port, tls_context=self.certs.server_context(),
            require_starttls=True, auth_required=True, auth_require_tls=True,
            authenticator=self.mailbox.authenticate, ready_timeout=5)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
