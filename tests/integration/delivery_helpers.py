"""Settings that point the app's delivery at the loopback servers of the `mail_servers` fixture
(tests/integration/conftest.py): the SMTP relay with STARTTLS and AUTH, the candidate-reply IMAP
mailbox, the SMS gateway and, where a test wants it, the OA webhook; the outbox worker's pass over
them, and the candidate answering our mail."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid
from typing import Any

from factories import SYSTEM
from imap_server import Mailbox
from scheduling_world import World
from smtp_server import PASSWORD, USER

from desktop.core import settings
from desktop.core.delivery.worker import OutboxWorker
from desktop.integrations import senders

IMAP_USER, IMAP_PASSWORD = "hr-replies@hospital.example.cn", "Imap-pass-1"


def delivery_settings(servers: dict[str, Any], *, oa: bool = False) -> dict[str, Any]:
    """Mail out through the relay and replies read from the IMAP mailbox (both STARTTLS with the test CA),
    SMS through the gateway; with `oa`, pushes to the OA webhook too."""
    values = {
        "mail.smtp_host": "127.0.0.1", "mail.smtp_port": servers["relay"].port, "mail.smtp_security": "starttls",
        "mail.smtp_username": USER, "mail.smtp_password": PASSWORD, "mail.ca_file": str(servers["certs"].ca_file),
        "mail.from_address": "hr@hospital.example.cn", "mail.from_name": "市第一医院人事处",
        "mail.imap_host": "127.0.0.1", "mail.imap_port": servers["imap"].port, "mail.imap_security": "starttls",
        "mail.imap_username": IMAP_USER, "mail.imap_password": IMAP_PASSWORD,
        "sms.url": servers["sms"].url + "/send",
    }
    if oa:
        values |= {"oa.url": servers["oa"].url + "/hook", "oa.secret": "oa-secret"}
    return values


def store_settings(w: World, values: dict[str, Any]) -> None:
    """The institution settings, stored as the system would."""
    with w.db.session(SYSTEM, write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key, value, "测试")


def configure(w: World, servers: dict[str, Any], *, oa: bool = False, **changes: Any) -> None:
    """Delivery through the `mail_servers` (see delivery_settings), a mail server given 5 seconds to
    answer, and the other settings a test changes."""
    store_settings(w, delivery_settings(servers, oa=oa) | {"mail.timeout_seconds": 5} | changes)


def deliver(w: World) -> int:
    """The outbox worker's pass; every configured channel delivers (a channel without settings, such as
    the calendar without Exchange, waits). Returns how many were sent."""
    outcome = OutboxWorker(w.db, senders.configured_senders(w.db)).run_once().outcome
    assert outcome.failed == 0, outcome.errors
    return outcome.sent


def reply(box: Mailbox, answers: str, text: str, *, subject: str = "回复：感谢您参加面试", quoted: str = "",
          automatic: bool = False) -> None:
    """The candidate answers our mail `answers` (its Message-ID) from their mail program: a new
    Message-ID, In-Reply-To and References naming ours, the new text above the quoted message (its
    sender line, then `quoted`); `automatic`: an auto-reply."""
    message = EmailMessage(policy=SMTP)
    message["From"], message["To"], message["Subject"] = "c1@example.cn", IMAP_USER, subject
    message["Message-ID"] = make_msgid(domain="example.cn")
    message["In-Reply-To"] = message["References"] = answers
    if automatic:
        message["Auto-Submitted"] = "auto-replied"
    message.set_content(text + "\n\n-----原始邮件-----\n发件人: 市第一医院人事处" + (f"\n{quoted}" if quoted else ""))
    box.put(message.as_bytes())
