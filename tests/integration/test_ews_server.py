"""The loopback EWS server speaks EWS the way real, unpatched exchangelib needs: login, version,
access modes, TLS and the failures a deployment sees. Meetings themselves: test_ews_server_meetings.py."""

from __future__ import annotations

import time

import pytest
from ews_helpers import SERVICE_ACCOUNT, SERVICE_PASSWORD, make_account, meeting
from ews_server import EwsServer
from exchangelib import DELEGATE, IMPERSONATION, FaultTolerance
from exchangelib.errors import (
    ErrorAccessDenied,
    ErrorImpersonateUserDenied,
    ErrorNonExistentMailbox,
    ErrorServerBusy,
    ErrorTimeoutExpired,
    TransportError,
    UnauthorizedError,
)
from exchangelib.protocol import close_connections
from exchangelib.transport import BASIC, NTLM
from exchangelib.version import Build


@pytest.fixture
def standalone():
    """Servers a test configures itself; stopped, and exchangelib's cache closed, afterwards."""
    started: list[EwsServer] = []

    def make(**kwargs) -> EwsServer:
        srv = EwsServer(**kwargs)
        srv.add_account(SERVICE_ACCOUNT, password=SERVICE_PASSWORD, name="服务账号")
        srv.add_mailbox("wang@example.cn", name="王主任")
        started.append(srv.start())
        return srv

    yield make
    close_connections()
    for srv in started:
        srv.stop()


def _account(srv, password=SERVICE_PASSWORD, **config):
    return make_account(srv.url, SERVICE_ACCOUNT, DELEGATE, password=password, **config)


@pytest.mark.parametrize(("scheme", "detected"), [("NTLM", NTLM), ("Basic", BASIC)])
def test_the_login_scheme_is_probed_and_the_service_account_logs_in(standalone, scheme, detected):
    srv = standalone(auth=scheme)
    account = _account(srv)
    assert account.calendar.name == "Calendar"
    assert account.protocol.auth_type == detected
    assert ("GetFolder", SERVICE_ACCOUNT) in srv.requests


@pytest.mark.parametrize("scheme", ["NTLM", "Basic"])
def test_a_wrong_password_is_refused(standalone, scheme):
    srv = standalone(auth=scheme)
    with pytest.raises(UnauthorizedError):
        _account(srv, password="wrong").calendar  # noqa: B018 (the property does the request)
    assert srv.requests == []          # nothing got past authentication


@pytest.mark.parametrize(("release", "build", "api"), [("Exchange2013", Build(15, 0, 1497, 2), "Exchange2013_SP1"),
                                                       ("Exchange2016", Build(15, 1, 2507, 6), "Exchange2016"),
                                                       ("Exchange2019", Build(15, 2, 1118, 7), "Exchange2016")])
def test_exchangelib_detects_the_configured_version(standalone, release, build, api):
    account = _account(standalone(version=release))
    assert account.version.build == build
    assert account.version.api_version == api


def test_impersonation_needs_the_grant(ews_server, ews_account):
    wang = ews_account("wang@example.cn", access_type=IMPERSONATION)
    meeting(wang).save(send_meeting_invitations="SendToNone")
    assert [m.subject for m in ews_server.calendar("wang@example.cn")] == ["初试"]
    assert ("CreateItem", "wang@example.cn") in ews_server.requests

    ews_server.add_account("other@example.cn", password="Other-Pa55!")
    stranger = ews_account("wang@example.cn", access_type=IMPERSONATION, login="other@example.cn",
                           password="Other-Pa55!")
    with pytest.raises(ErrorImpersonateUserDenied):
        stranger.calendar  # noqa: B018
    with pytest.raises(ErrorNonExistentMailbox):
        ews_account("nobody@example.cn", access_type=IMPERSONATION).calendar  # noqa: B018


def test_delegate_access_needs_the_grant(ews_server, ews_account):
    with pytest.raises(ErrorAccessDenied):
        ews_account("li@example.cn", access_type=DELEGATE).calendar  # noqa: B018

    ews_server.grant_delegate(owner="li@example.cn", delegate=SERVICE_ACCOUNT)
    li = ews_account("li@example.cn", access_type=DELEGATE)
    meeting(li, attendees=()).save(send_meeting_invitations="SendToNone")
    [booked] = ews_server.calendar("li@example.cn")
    assert booked.organizer == "li@example.cn"
    assert ews_server.calendar(SERVICE_ACCOUNT) == []


def test_folders_of_the_own_mailbox(ews_account):
    account = ews_account(SERVICE_ACCOUNT, access_type=DELEGATE)
    assert account.root.id
    assert {account.calendar.name, account.inbox.name, account.sent.name} == {"Calendar", "Inbox", "Sent Items"}


def test_server_busy_fails_fast_by_default_and_is_retried_under_fault_tolerance(ews_server, ews_account):
    ews_server.fail(operation="CreateItem", kind="server_busy", back_off_ms=50)
    account = ews_account("wang@example.cn")
    with pytest.raises(ErrorServerBusy) as busy:
        meeting(account).save(send_meeting_invitations="SendToNone")
    assert busy.value.back_off == 0.05
    assert ews_server.calendar("wang@example.cn") == []

    # The retry policy lives on the Protocol that exchangelib caches per endpoint and credentials: a
    # new Configuration with another policy is ignored until the cache is closed.
    close_connections()
    ews_server.fail(operation="CreateItem", kind="server_busy", back_off_ms=50, times=2)
    patient = ews_account("zhao@example.cn", retry_policy=FaultTolerance(max_wait=5))
    meeting(patient).save(send_meeting_invitations="SendToNone")
    assert len(ews_server.calendar("zhao@example.cn")) == 1
    assert ews_server.count("CreateItem") == 4      # 1 refused above, then 2 refused and 1 accepted


def test_http_503_reaches_exchangelib_as_server_busy(ews_server, ews_account):
    account = ews_account("wang@example.cn")
    account.calendar  # noqa: B018
    ews_server.fail(operation=None, kind="http_503")
    with pytest.raises(ErrorServerBusy, match="503"):
        meeting(account).save(send_meeting_invitations="SendToNone")
    meeting(account).save(send_meeting_invitations="SendToNone")
    assert len(ews_server.calendar("wang@example.cn")) == 1


def test_a_dropped_connection_before_or_after_the_server_acted(ews_server, ews_account):
    account = ews_account("wang@example.cn")
    account.calendar  # noqa: B018
    ews_server.fail(operation="CreateItem", kind="drop")
    with pytest.raises(ErrorTimeoutExpired):
        meeting(account, subject="没有到达").save(send_meeting_invitations="SendToNone")
    assert ews_server.calendar("wang@example.cn") == []

    ews_server.fail(operation="CreateItem", kind="drop", after_apply=True)
    with pytest.raises(ErrorTimeoutExpired):
        meeting(account, subject="回执丢失").save(send_meeting_invitations="SendToNone")
    assert [m.subject for m in ews_server.calendar("wang@example.cn")] == ["回执丢失"]
    # the connection is gone, the next request opens a new one
    assert [i.subject for i in account.calendar.all()] == ["回执丢失"]


def test_a_slow_answer_still_arrives(ews_server, ews_account):
    account = ews_account("wang@example.cn")
    account.calendar  # noqa: B018
    ews_server.fail(operation="FindItem", kind="slow", delay=0.3)
    began = time.monotonic()
    assert list(account.calendar.all()) == []
    assert time.monotonic() - began >= 0.3


@pytest.mark.parametrize(("kind", "error"), [("access_denied", ErrorAccessDenied),
                                             ("mailbox_not_found", ErrorNonExistentMailbox)])
def test_scheduled_mailbox_errors(ews_server, ews_account, kind, error):
    account = ews_account("wang@example.cn")
    account.calendar  # noqa: B018
    ews_server.fail(operation="CreateItem", kind=kind)
    with pytest.raises(error):
        meeting(account).save(send_meeting_invitations="SendToNone")
    assert ews_server.calendar("wang@example.cn") == []


def test_tls_is_trusted_only_with_the_test_ca(standalone, monkeypatch):
    srv = standalone(tls=True)
    assert srv.url.startswith("https://127.0.0.1:")
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    with pytest.raises(TransportError):
        _account(srv).calendar  # noqa: B018
    close_connections()

    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(srv.ca_file))
    assert _account(srv).calendar.name == "Calendar"


def test_stop_closes_kept_alive_connections(standalone):
    srv = standalone(auth="NTLM")
    account = _account(srv)
    assert list(account.calendar.all()) == []        # an authenticated connection is now pooled
    srv.stop()
    with pytest.raises(ErrorTimeoutExpired):
        list(account.calendar.all())
