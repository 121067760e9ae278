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

Closing exchangelib between tests: exchangelib caches one Protocol (with its pooled HTTP sessions,
the detected auth type and server version) per (endpoint, credentials) in a class-level cache.
Each test's server listens on a new port, so entries never collide, but they keep sockets open and
pile up. Close them after each test with

    from exchangelib.protocol import close_connections
    close_connections()          # closes every cached Protocol's sessions and clears the cache

(the `ews_server` fixture in tests/integration/conftest.py does this in its teardown). A test that
must make exchangelib forget a server inside one test (e.g. after changing a password) can call
`account.protocol.close()` and `del CachingProtocol[config]`-style removal is not needed: use a
fresh Configuration with the same credentials only after close_connections().
"""

from ews_server.calendar_items import Meeting
from ews_server.server import EwsServer

__all__ = ["EwsServer", "Meeting"]
