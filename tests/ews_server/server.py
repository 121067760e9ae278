"""EwsServer: the test-facing handle. Accounts, mailboxes and rights are set up before start();
afterwards the hooks play what people do in Outlook (answer, move, delete) and what goes wrong on the
network, and `requests` tells what the client asked for."""

from __future__ import annotations

import shutil
import tempfile
import threading
from datetime import datetime
from pathlib import Path
from typing import Self

from ews_server import availability, folders, items, meetings
from ews_server import calendar_items as ci
from ews_server.auth import Authenticator
from ews_server.dispatch import Dispatcher
from ews_server.faults import FaultPlan
from ews_server.soap import RELEASES, ews_datetime, text_of
from ews_server.store import Mailbox, Store, utc_now
from ews_server.transport import EwsHttpServer

OPERATIONS = {**folders.OPERATIONS, **items.OPERATIONS, **availability.OPERATIONS}


class EwsServer:
    def __init__(self, auth: str = "NTLM", tls: bool = False, version: str = "Exchange2016"):
        if auth not in ("NTLM", "Basic"):
            raise ValueError("auth must be 'NTLM' or 'Basic'")
        if version not in RELEASES:
            raise ValueError(f"version must be one of {', '.join(RELEASES)}")
        self.store = Store()
        self.authenticator = Authenticator(auth)
        self.dispatcher = Dispatcher(self.store, RELEASES[version], OPERATIONS)
        self.faults = FaultPlan()
        self.requests: list[tuple[str, str]] = []
        self._requests_lock = threading.Lock()
        self.tls = tls
        self.url: str | None = None
        self.ca_file: Path | None = None
        self._http: EwsHttpServer | None = None
        self._thread: threading.Thread | None = None
        self._cert_dir: Path | None = None

    # --- directory ------------------------------------------------------------------------------
    def add_account(self, address: str, password: str, name: str = "") -> None:
        """A mailbox whose owner can log in (a service account or a person)."""
        self.add_mailbox(address, name)
        self.authenticator.passwords[address.lower()] = password

    def add_mailbox(self, address: str, name: str = "", room: bool = False) -> None:
        """A mailbox hosted here: an interviewer, or with room=True a room that books itself."""
        with self.store.lock:
            self.store.mailboxes[address.lower()] = Mailbox(address.lower(), name or address, room)

    def grant_impersonation(self, address: str) -> None:
        """ApplicationImpersonation for this account over every mailbox."""
        with self.store.lock:
            self.store.impersonators.add(address.lower())

    def grant_delegate(self, owner: str, delegate: str) -> None:
        """Full access for `delegate` to `owner`'s mailbox."""
        with self.store.lock:
            self.store.delegates.setdefault(owner.lower(), set()).add(delegate.lower())

    # --- life cycle -------------------------------------------------------------------------------
    def start(self) -> EwsServer:
        context = None
        if self.tls:
            from mail_certs import make_certs  # tests/ is on sys.path

            self._cert_dir = Path(tempfile.mkdtemp(prefix="ews-certs-"))
            certs = make_certs(self._cert_dir)
            self.ca_file = certs.ca_file
            context = certs.server_context()
        self._http = EwsHttpServer(self, context)
        port = self._http.server_address[1]
        self.url = f"{'https' if self.tls else 'http'}://127.0.0.1:{port}/EWS/Exchange.asmx"
        self._thread = threading.Thread(target=self._http.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="ews-server", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Close the listening socket and every open connection."""
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http.close_connections()
            self._thread.join(timeout=5)
            self._http = None
        if self._cert_dir is not None:
            shutil.rmtree(self._cert_dir, ignore_errors=True)
            self._cert_dir = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- what tests read --------------------------------------------------------------------------
    def record(self, operation: str, acting: str) -> None:
        with self._requests_lock:
            self.requests.append((operation, acting))

    def count(self, operation: str) -> int:
        with self._requests_lock:
            return sum(1 for op, _ in self.requests if op == operation)

    def calendar(self, address: str) -> list[ci.Meeting]:
        """The meetings in a mailbox's Calendar folder, by start time."""
        with self.store.lock:
            found = [ci.meeting_view(i.elem) for i in self.store.in_folder(address.lower(), "calendar")]
        return sorted(found, key=lambda m: (m.start, m.subject))

    def meeting(self, address: str, uid: str) -> ci.Meeting:
        with self.store.lock:
            item = self._item(address, uid)
            return ci.meeting_view(item.elem)

    # --- what people do in Outlook ----------------------------------------------------------------
    def respond(self, address: str, uid: str, response: str) -> None:
        """The attendee answers (Accept, Tentative, Decline); the organizer's copy records it."""
        with self.store.lock:
            meetings.respond(self.store, address.lower(), uid, response, utc_now())

    def move(self, address: str, uid: str, start: datetime, end: datetime) -> None:
        """The mailbox owner drags the meeting to another time in their own calendar (new ChangeKey)."""
        with self.store.lock:
            item = self._item(address, uid)
            ci.set_text(item.elem, "Start", ews_datetime(start))
            ci.set_text(item.elem, "End", ews_datetime(end))
            item.bump({"Start", "End"}, utc_now())
            self.store.log(item, "update")

    def delete(self, address: str, uid: str, send_response: bool = True) -> None:
        """The owner deletes it from their calendar. An attendee's Outlook sends a decline with it
        (unless send_response=False); an organizer's deletion cancels the meeting for attendees."""
        address = address.lower()
        with self.store.lock:
            item = self._item(address, uid)
            now = utc_now()
            if text_of(item.elem, "t:MyResponseType") == "Organizer":
                meetings.cancel(self.store, item, True, now)
            elif send_response and text_of(item.elem, "t:IsCancelled") != "true":
                meetings.respond(self.store, address, uid, "Decline", now)
            else:
                self.store.move_to(item, "deleteditems")

    def add_busy(self, address: str, start: datetime, end: datetime) -> None:
        """Time that free/busy reports as Busy without a meeting behind it."""
        with self.store.lock:
            self.store.mailbox(address).busy.append((start, end))

    def fail(self, operation: str | None = None, kind: str = "server_busy", back_off_ms: int = 50,
             times: int = 1, after_apply: bool = False, delay: float = 0.5) -> None:
        """Make the next `times` requests for `operation` (None: any) fail; see faults.KINDS."""
        self.faults.add(operation, kind, times, back_off_ms, after_apply, delay)

    def _item(self, address: str, uid: str):
        item = self.store.by_uid(address.lower(), uid)
        if item is None:
            raise KeyError(f"no meeting with that UID in {address}'s calendar")
        return item

