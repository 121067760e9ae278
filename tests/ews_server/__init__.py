"""A loopback Exchange Web Services server for tests, spoken to by real, unpatched exchangelib.

    from ews_server import EwsServer
    srv = EwsServer(auth="NTLM", tls=False, version="Exchange2016")
    srv.add_account("svc@example.cn", password="...", name="服务账号")
    srv.add_mailbox("wang@example.cn", name="王主任")
    srv.add_mailbox("room101@example.cn", name="101会议室", room=True)
    srv.grant_impersonation("svc@example.cn")
    srv.start()            # srv.url, srv.ca_file (with tls=True)
    ...
    srv.stop()

Modules: transport (HTTP/1.1, TLS, HTTP faults), auth + ntlm (Basic, NTLMv2 with MIC), soap
(envelopes, versions, faults), dispatch (impersonation, errors), folders (GetFolder,
SyncFolderItems, ConvertId), items (Create/Get/Update/Delete/FindItem), restriction, meetings
(invitations, answers, rooms, cancellations), availability + timezones (GetUserAvailability,
GetServerTimeZones), store (mailboxes, rights, change log), faults.

Closing exchangelib between tests: exchangelib caches one Protocol per (service endpoint,
credentials) in a class-level cache (exchangelib.protocol.CachingProtocol). The cached Protocol holds
the pooled HTTP sessions (and so the authenticated NTLM connection), the detected auth type and server
version, and the Configuration it was first made with, including its retry_policy: a later
Configuration with the same endpoint and credentials but another retry policy is silently ignored
while the first Protocol is cached. A TransportError met while creating a Protocol (e.g. failed TLS)
is cached too and raised again for the same key. Close and forget them with

    from exchangelib.protocol import close_connections
    close_connections()          # closes every cached Protocol's sessions and empties the cache

after each test (the `ews_server` fixture in tests/integration/conftest.py does it in its teardown),
and inside a test before building an account that needs a different retry policy, or a second
attempt after a TLS failure.
"""

from ews_server.calendar_items import Meeting
from ews_server.server import EwsServer

__all__ = ["EwsServer", "Meeting"]
