"""Fixtures for integration tests that talk to Exchange: a loopback EWS server (tests/ews_server)
with a service account that may impersonate, three interviewers and a room, and a factory for
exchangelib accounts pointed at it."""

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
