"""Settings that point the app's delivery at the loopback servers of the `mail_servers` fixture
(tests/integration/conftest.py): the SMTP relay with STARTTLS and AUTH, the candidate-reply IMAP
mailbox, the SMS gateway and, where a test wants it, the OA webhook."""

from __future__ import annotations

from typing import Any

from factories import SYSTEM
from scheduling_world import World
from smtp_server import PASSWORD, USER

from desktop.core import settings

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
