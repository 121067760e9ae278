"""exchangelib accounts built from the settings: NTLM, Basic or Windows sign-on, impersonation or
delegate access, the internal CA trusted for this server only, and no retries inside exchangelib.

Retries belong to the outbox worker (it records each attempt and respects the server's back-off),
so the protocol uses exchangelib's FailFast policy: a busy or unreachable server raises at once
instead of sleeping for up to an hour inside a worker thread, and a wrong password is reported as
such (under FaultTolerance exchangelib takes a 401 for throttling and keeps retrying)."""

from __future__ import annotations

import threading
from datetime import datetime
from urllib.parse import urlsplit

import requests.adapters
from exchangelib import (
    BASIC,
    DELEGATE,
    IMPERSONATION,
    NTLM,
    Account,
    Build,
    CalendarItem,
    Configuration,
    Credentials,
    EWSDateTime,
    EWSTimeZone,
    ExtendedProperty,
    FailFast,
    Version,
)
from exchangelib.protocol import BaseProtocol, CachingProtocol
from exchangelib.transport import SSPI

from desktop.integrations.exchange.config import IMPERSONATION as IMPERSONATION_MODE
from desktop.integrations.exchange.config import ExchangeConfig

AUTH_TYPES = {"NTLM": NTLM, "Basic": BASIC, "SSPI": SSPI}
BUILDS = {"Exchange2013": Build(15, 0), "Exchange2016": Build(15, 1), "Exchange2019": Build(15, 2)}
UID_FIELD = "interviewdesk_uid"


class InterviewUid(ExtendedProperty):
    """Our interview's UID and sequence ("<uid>#<sequence>" is not needed: the UID alone finds the
    meeting; the sequence is kept in calendar_items). Stored on every meeting we create, so a retry
    after a lost response finds the meeting instead of creating a second one."""

    distinguished_property_set_id = "PublicStrings"
    property_name = "InterviewDeskUid"
    property_type = "String"


_setup_lock = threading.Lock()
_trusted: dict[tuple[str, int], str] = {}   # (host, port) → internal CA file


class InternalCaAdapter(requests.adapters.HTTPAdapter):
    """Verifies the Exchange server against the institution's internal CA when one is configured
    for its address; every other address keeps the normal verification. Verification is never
    switched off."""

    def send(self, request, stream=False, timeout=None, verify=True, cert=None, proxies=None):
        ca_file = _trusted.get(_origin(request.url))
        if ca_file and verify is not False:   # True, or a bundle from REQUESTS_CA_BUNDLE
            verify = ca_file
        return super().send(request, stream=stream, timeout=timeout, verify=verify, cert=cert, proxies=proxies)


def _origin(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.port or (443 if parts.scheme == "https" else 80)


def _setup(config: ExchangeConfig) -> None:
    """Once per process: our adapter and extended property; per server: its CA file. exchangelib
    offers these only as class-level hooks (BaseProtocol.HTTP_ADAPTER_CLS, CalendarItem.register)."""
    with _setup_lock:
        if not issubclass(BaseProtocol.HTTP_ADAPTER_CLS, InternalCaAdapter):
            BaseProtocol.HTTP_ADAPTER_CLS = InternalCaAdapter
        if UID_FIELD not in {f.name for f in CalendarItem.FIELDS}:
            CalendarItem.register(UID_FIELD, InterviewUid)
        origin = _origin(config.ews_url)
        if config.ca_file:
            _trusted[origin] = config.ca_file
        else:
            _trusted.pop(origin, None)


def office_zone(config: ExchangeConfig) -> EWSTimeZone:
    """The office zone as exchangelib sends it: Asia/Shanghai goes out as "China Standard Time"."""
    return EWSTimeZone(config.office_timezone or "Asia/Shanghai")


def in_office_zone(moment: datetime, zone: EWSTimeZone) -> EWSDateTime:
    """An aware instant as exchangelib sends it: local wall time in the office zone, never naive."""
    local = moment.astimezone(zone)
    return local if isinstance(local, EWSDateTime) else EWSDateTime.from_datetime(local)


def configuration(config: ExchangeConfig) -> Configuration:
    _setup(config)
    credentials = Credentials(config.username, config.password) if config.username else None
    version = Version(build=BUILDS[config.version]) if config.version in BUILDS else None
    return Configuration(service_endpoint=config.ews_url, credentials=credentials,
                         auth_type=AUTH_TYPES[config.auth], version=version, retry_policy=FailFast(),
                         max_connections=4)


def account(config: ExchangeConfig, mailbox: str) -> Account:
    """The account for `mailbox` as the service account reaches it: impersonating the owner in
    impersonation mode, otherwise as the owner's delegate (organizer mode: the organizer mailbox is
    the service account's own or one it has delegate rights on)."""
    own = mailbox.lower() == config.service_mailbox.lower()
    access = IMPERSONATION if config.mode == IMPERSONATION_MODE and not own else DELEGATE
    found = Account(primary_smtp_address=mailbox, config=configuration(config), autodiscover=False,
                    access_type=access, default_timezone=office_zone(config))
    # A call must never block a worker for minutes on a silent server.
    found.protocol.TIMEOUT = config.timeout_seconds
    return found


def close_all() -> None:
    """Close exchangelib's cached connections (after a settings change, at exit, between tests)."""
    CachingProtocol.clear_cache()
