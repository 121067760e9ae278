"""From an authenticated SOAP request to the response envelope: schema version, impersonation, the
operation itself, and errors reported the way Exchange reports them (response message or SOAP fault)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from ews_server.soap import (
    NSMAP,
    EwsError,
    ServerRelease,
    SoapFaultError,
    SoapRequest,
    envelope,
    m,
    response_message,
    serialize,
    soap_fault,
    sub,
)
from ews_server.store import Store, utc_now


@dataclass
class Context:
    """One request as the operations see it. `actor` is whose rights apply: the impersonated mailbox
    under ExchangeImpersonation, otherwise the account that logged in."""

    store: Store
    login: str
    actor: str
    timezone_id: str | None
    now: datetime


Operation = Callable[[Context, etree._Element], etree._Element]


def response_root(operation: str) -> tuple[etree._Element, etree._Element]:
    root = etree.Element(m(f"{operation}Response"), nsmap=NSMAP)
    return root, sub(root, "m:ResponseMessages")


def error_response(operation: str, error: EwsError, count: int = 1) -> etree._Element:
    """The whole operation failed for this mailbox: every response message carries the error."""
    if operation == "GetUserAvailability":
        root = etree.Element(m("GetUserAvailabilityResponse"), nsmap=NSMAP)
        array = sub(root, "m:FreeBusyResponseArray")
        for _ in range(count):
            fb = sub(array, "m:FreeBusyResponse")
            msg = sub(fb, "m:ResponseMessage", ResponseClass="Error")
            sub(msg, "m:MessageText", error.message)
            sub(msg, "m:ResponseCode", error.code)
        return root
    root, messages = response_root(operation)
    for _ in range(count):
        response_message(messages, operation, error)
    return root


def acting_mailbox(request: SoapRequest, login: str, anchor: str | None) -> str:
    """Whose mailbox the request is about, for the request log."""
    return request.impersonate or (anchor or login).lower()


def request_count(request: SoapRequest) -> int:
    """How many response messages an error answer needs (one per id, item or folder asked for)."""
    for path in ("m:ItemIds", "m:Items", "m:FolderIds", "m:ParentFolderIds", "m:ItemChanges", "m:MailboxDataArray",
                 "m:SourceIds"):
        found = request.body.find(path, NSMAP)
        if found is not None:
            return max(len(found), 1)
    return 1


class Dispatcher:
    def __init__(self, store: Store, release: ServerRelease, operations: dict[str, Operation]):
        self.store = store
        self.release = release
        self.operations = operations

    def handle(self, request: SoapRequest, login: str, injected: EwsError | None = None) -> tuple[int, bytes]:
        """(HTTP status, body). Request-level failures are SOAP faults with status 500, as from IIS."""
        try:
            body = self._answer(request, login, injected)
        except SoapFaultError as fault:
            return 500, serialize(envelope(self.release, soap_fault(fault.code, fault.message, fault.back_off_ms)))
        return 200, serialize(envelope(self.release, body))

    def busy(self, back_off_ms: int) -> tuple[int, bytes]:
        """Throttling: the ErrorServerBusy fault with the back-off Exchange asks the client to wait."""
        fault = soap_fault("ErrorServerBusy", "The server cannot service this request right now. Try again later.",
                           back_off_ms)
        return 500, serialize(envelope(self.release, fault))

    def _answer(self, request: SoapRequest, login: str, injected: EwsError | None) -> etree._Element:
        if request.requested_schema and request.requested_schema not in self.release.accepted_schemas:
            raise SoapFaultError("ErrorInvalidServerVersion", "The specified server version is invalid.")
        operation = self.operations.get(request.operation)
        if operation is None:
            raise SoapFaultError("ErrorInvalidOperation", f"{request.operation} is not supported by this server.")
        with self.store.lock:
            actor = self._actor(request, login)
            if injected is not None:
                return error_response(request.operation, injected, request_count(request))
            context = Context(self.store, login, actor, request.timezone_id, utc_now())
            return operation(context, request.body)

    def _actor(self, request: SoapRequest, login: str) -> str:
        if request.impersonate is None:
            return login
        if login not in self.store.impersonators:
            raise SoapFaultError("ErrorImpersonateUserDenied",
                                 "The account does not have permission to impersonate the requested user.")
        if request.impersonate not in self.store.mailboxes:
            raise SoapFaultError("ErrorNonExistentMailbox", "The SMTP address has no mailbox associated with it.")
        return request.impersonate
