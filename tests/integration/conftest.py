"""Fixtures for integration tests that talk to Exchange: a loopback EWS server (tests/ews_server)
with a service account that may impersonate, three interviewers and a room, and a factory for
exchangelib accounts pointed at it; and for those that send or read mail: a test CA and an SMTP
relay on loopback."""

from __future__ import annotations

import pytest
from ews_helpers import (
    INTERVIEWERS,
    ROOM,
    SERVICE_ACCOUNT,
    SERVICE_PASSWORD,
    make_account,
)


@pytest.fixture
def ews_server():
    """A started EwsServer (NTLM, plain HTTP, Exchange 2016). exchangelib's cached protocols are closed
    after the test so no pooled connection outlives the server."""
    from ews_server import EwsServer
    from exchangelib.protocol import close_connections

    srv = EwsServer(auth="NTLM", tls=False, version="Exchange2016")
    srv.add_account(SERVICE_ACCOUNT, password=SERVICE_PASSWORD, name="面试协同台服务账号")
    for address, name in INTERVIEWERS.items():
        srv.add_mailbox(address, name=name)
    srv.add_mailbox(ROOM, name="101会议室", room=True)
    srv.grant_impersonation(SERVICE_ACCOUNT)
    srv.start()
    try:
        yield srv
    finally:
        close_connections()
        srv.stop()


@pytest.fixture
def ews_account(ews_server):
    """ews_account(mailbox, access_type="impersonation", login=..., password=..., **config) -> an
    exchangelib Account acting for `mailbox`, by default with the service account's credentials."""

    def make(mailbox: str = SERVICE_ACCOUNT, access_type: str = "impersonation", **kwargs):
        return make_account(ews_server.url, mailbox, access_type, **kwargs)

    return make


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    """A test CA and a server certificate for 127.0.0.1 (tests/mail_certs.py), one per test module."""
    from mail_certs import make_certs

    return make_certs(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def relay(certs):
    """A started SMTP relay on loopback: STARTTLS from the test CA, AUTH required (tests/smtp_server.py)."""
    from smtp_server import SmtpServer

    server = SmtpServer(certs).start()
    yield server
    server.stop()


@pytest.fixture
def mail_servers(certs):
    """Every delivery server on loopback, started: the SMTP relay ("relay"), the candidate-reply IMAP
    mailbox ("box", served by "imap" with STARTTLS), an SMS gateway ("sms") and an OA webhook ("oa"),
    both tests/http_gateway.py; "certs" is the test CA. Point the app at them with
    delivery_helpers.delivery_settings."""
    from delivery_helpers import IMAP_PASSWORD, IMAP_USER
    from http_gateway import Gateway
    from imap_server import ImapServer, Mailbox
    from smtp_server import SmtpServer

    relay = SmtpServer(certs).start()
    sms, oa = Gateway(), Gateway()
    box = Mailbox(IMAP_USER, IMAP_PASSWORD)
    imap = ImapServer(box, tls=certs.server_context()).start()
    yield {"certs": certs, "relay": relay, "sms": sms, "oa": oa, "box": box, "imap": imap}
    imap.stop()
    oa.close()
    sms.close()
    relay.stop()
