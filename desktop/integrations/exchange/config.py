"""The Exchange settings as one checked value, read fresh for every operation so that a change in
Settings → Exchange applies without a restart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from desktop.core import settings

KEYS = ("exchange.enabled", "exchange.ews_url", "exchange.auth", "exchange.username", "exchange.password",
        "exchange.service_mailbox", "exchange.mode", "exchange.organizer_mailbox", "exchange.version",
        "exchange.ca_file", "exchange.timeout_seconds")

IMPERSONATION, DELEGATE, ORGANIZER = "impersonation", "delegate", "organizer"


@dataclass(frozen=True)
class ExchangeConfig:
    enabled: bool
    ews_url: str
    auth: str                 # NTLM, Basic, SSPI (Windows integrated sign-on)
    username: str
    password: str
    service_mailbox: str      # the service account's own SMTP address
    mode: str                 # impersonation, delegate, organizer
    organizer_mailbox: str    # organizer mode: the mailbox that sends the meeting requests
    version: str              # auto or Exchange2013/2016/2019
    ca_file: str
    timeout_seconds: int
    office_timezone: str      # IANA; sent as its Windows name (Asia/Shanghai → China Standard Time)

    @classmethod
    def load(cls, session: Session, overrides: Mapping[str, Any] | None = None) -> ExchangeConfig:
        """The saved settings with `overrides` (typed in Settings, not saved yet) checked and laid on
        top. An empty password override keeps the saved one (secrets are never shown back)."""
        values = {key: settings.institution_value(session, key) for key in KEYS}
        for key, value in (overrides or {}).items():
            if key not in values or (key == "exchange.password" and not value):
                continue   # other settings of the tab; an empty password keeps the saved one
            values[key] = settings.spec_of(key).parse(value)
        values["exchange.office_timezone"] = settings.institution_value(session, "office.timezone")
        return cls(**{key.split(".", 1)[1]: value for key, value in values.items()})

    @property
    def complete(self) -> bool:
        """Enough is filled in to talk to a server."""
        if not self.ews_url or (self.auth != "SSPI" and not (self.username and self.password)):
            return False
        return bool(self.organizer_mailbox) if self.mode == ORGANIZER else True

    @property
    def acting_mailbox(self) -> str:
        """The mailbox whose own rights the free/busy lookups use (any mailbox works for that)."""
        return self.organizer_mailbox if self.mode == ORGANIZER and self.organizer_mailbox else self.service_mailbox

    def calendar_mailbox(self, interviewer_mailbox: str) -> str:
        """Whose calendar holds an interviewer's meeting."""
        return self.organizer_mailbox if self.mode == ORGANIZER else interviewer_mailbox

    def with_password(self, password: str) -> ExchangeConfig:
        return replace(self, password=password)


def configured(session: Session) -> bool:
    """Exchange is switched on and filled in: calendars are written, free/busy is asked."""
    config = ExchangeConfig.load(session)
    return config.enabled and config.complete
