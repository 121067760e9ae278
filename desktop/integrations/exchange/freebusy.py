"""Free/busy of interviewers and rooms from Exchange (GetUserAvailability), for the conflict check
and the slot finder.

Answers are kept for a minute per (mailboxes, window): the booking dialog asks again on every
change of a field, and the slot finder asks for the same days repeatedly. When Exchange cannot be
reached, or cannot say for one mailbox, those people and rooms are reported as `unknown` — never as
free. Unknown answers are kept for a shorter time so a server that comes back is noticed soon."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

from desktop.core.scheduling.provider import BusyTimes, Interval, Subject
from desktop.core.storage.database import Database
from desktop.integrations.exchange import account as accounts
from desktop.integrations.exchange.config import ExchangeConfig

log = logging.getLogger(__name__)

FRESH_SECONDS = 60.0
UNKNOWN_SECONDS = 15.0
BUSY_TYPES = {"Busy", "OOF", "Tentative", "WorkingElsewhere"}   # WorkingElsewhere: not in this building


class ExchangeCalendar:
    """The CalendarProvider when Exchange is configured (desktop.core.scheduling.provider)."""

    def __init__(self, db: Database, *, monotonic: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self._monotonic = monotonic
        self._cache: dict[tuple, tuple[float, BusyTimes]] = {}
        self._lock = threading.Lock()

    def busy_times(self, mailboxes: Mapping[Subject, str], start: datetime, end: datetime) -> BusyTimes:
        wanted = {subject: address.strip() for subject, address in mailboxes.items() if address and address.strip()}
        if not wanted:
            return BusyTimes()
        with self.db.session() as session:
            config = ExchangeConfig.load(session)
        if not (config.enabled and config.complete):
            return BusyTimes()
        key = (config.ews_url, frozenset(wanted.items()), start, end)
        now = self._monotonic()
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None and cached[0] > now:
                return cached[1]
        found = ask(config, wanted, start, end)
        with self._lock:
            self._cache = {k: v for k, v in self._cache.items() if v[0] > now}   # forget what is stale
            self._cache[key] = (now + (UNKNOWN_SECONDS if found.unknown else FRESH_SECONDS), found)
        return found

    def forget(self) -> None:
        """Drop cached answers (after a booking, so the next check sees the new meeting)."""
        with self._lock:
            self._cache.clear()


def ask(config: ExchangeConfig, mailboxes: Mapping[Subject, str], start: datetime, end: datetime) -> BusyTimes:
    """One GetUserAvailability call for all mailboxes; every subject it could not answer is unknown."""
    subjects = list(mailboxes)
    zone = accounts.office_zone(config)
    try:
        acc = accounts.account(config, config.acting_mailbox or mailboxes[subjects[0]])
        views = list(acc.protocol.get_free_busy_info(
            [(mailboxes[s], "Room" if s[0] == "room" else "Required", False) for s in subjects],
            accounts.in_office_zone(start, zone), accounts.in_office_zone(end, zone),
            requested_view="FreeBusy"))
    except Exception as exc:  # noqa: BLE001 - unreachable, refused, TLS, 401: nobody's free/busy is known
        log.warning("free/busy from Exchange unavailable: %s", type(exc).__name__)
        return BusyTimes(unknown=frozenset(subjects))
    busy: dict[Subject, list[Interval]] = {}
    unknown: set[Subject] = set()
    for subject, view in zip(subjects, views + [None] * (len(subjects) - len(views))):
        if view is None or isinstance(view, Exception):
            unknown.add(subject)
            continue
        events = view.calendar_events or []
        if any(e.busy_type == "NoData" for e in events):
            unknown.add(subject)
            continue
        busy[subject] = [(_utc(e.start), _utc(e.end)) for e in events if e.busy_type in BUSY_TYPES]
    return BusyTimes(busy=busy, unknown=frozenset(unknown))


def _utc(moment: datetime) -> datetime:
    return datetime.fromtimestamp(moment.timestamp(), tz=UTC)
