"""Which channels this institution has set up, and their senders for the outbox worker.

A channel that is not configured gets no sender: its entries wait in the outbox (and show as
waiting on the 发件箱 page) until an administrator sets it up, instead of failing. Both the desktop
application and `interviewdesk outbox run` build their worker from here.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from desktop.core import settings
from desktop.core.delivery.outbox import Sender
from desktop.core.storage.database import Database

CHANNELS = ("calendar", "email", "sms", "oa")


def _exchange_configured(session: Session) -> bool:
    if not settings.institution_value(session, "exchange.enabled"):
        return False            # the Exchange client (exchangelib, a large import) only when switched on
    from desktop.integrations.exchange import config
    return config.configured(session)


CONFIGURED: dict[str, Callable[[Session], bool]] = {
    "calendar": _exchange_configured,
    "email": lambda s: bool(settings.institution_value(s, "mail.smtp_host")
                            and settings.institution_value(s, "mail.from_address")),
    "sms": lambda s: bool(settings.institution_value(s, "sms.url")),
    "oa": lambda s: bool(settings.institution_value(s, "oa.url")),
}


def configured_channels(session: Session) -> tuple[str, ...]:
    return tuple(c for c in CHANNELS if CONFIGURED[c](session))


def sender_for(db: Database, channel: str) -> Sender:
    if channel == "calendar":
        from desktop.integrations.exchange.sender import ExchangeSender
        return ExchangeSender(db)
    if channel == "email":
        from desktop.integrations.mail.smtp import MailSender
        return MailSender(db)
    if channel == "sms":
        from desktop.integrations.http_channels.sms import SmsSender
        return SmsSender(db)
    if channel == "oa":
        from desktop.integrations.http_channels.oa import OaSender
        return OaSender(db)
    raise ValueError(channel)


def configured_senders(db: Database) -> list[Sender]:
    with db.session() as session:
        channels = configured_channels(session)
    return [sender_for(db, channel) for channel in channels]


def waiting_unconfigured(session: Session) -> dict[str, int]:
    """Entries due on channels that are not set up: they wait for an administrator."""
    from desktop.core.delivery import outbox
    ready = set(configured_channels(session))
    return {c: n for c, n in outbox.due_channels(session).items() if c not in ready}
