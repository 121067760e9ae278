"""Settings → Exchange → Test connection names the layer that failed, in Chinese, against the
loopback EWS server (NTLM and Basic, plain HTTP and TLS with a throwaway CA)."""

from __future__ import annotations

import socket

import pytest
from ews_server import EwsServer
from exchange_helpers import SERVICE_ACCOUNT, SERVICE_PASSWORD, WANG
from exchangelib.protocol import close_connections

from desktop.integrations.exchange.config import ExchangeConfig
from desktop.integrations.exchange.connection import test_connection as check_connection


def config(url: str, **changes) -> ExchangeConfig:
    values = {"enabled": True, "ews_url": url, "auth": "NTLM", "username": SERVICE_ACCOUNT,
              "password": SERVICE_PASSWORD, "service_mailbox": SERVICE_ACCOUNT, "mode": "impersonation",
              "organizer_mailbox": "", "version": "auto", "ca_file": "", "timeout_seconds": 5,
              "office_timezone": "Asia/Shanghai"} | changes
    return ExchangeConfig(**values)


@pytest.fixture
def tls_server():
    srv = EwsServer(auth="Basic", tls=True)
    srv.add_account(SERVICE_ACCOUNT, password=SERVICE_PASSWORD)
    srv.add_mailbox(WANG)
    srv.grant_impersonation(SERVICE_ACCOUNT)
    srv.start()
    yield srv
    close_connections()
    srv.stop()


def test_working_settings_report_success_with_ntlm(ews_server):
    report = check_connection(config(ews_server.url), WANG)
    assert report.ok and report.layer == "ok", report
    assert "连接成功" in report.message and "模拟" in report.message
    assert report.server_version == "Exchange2016"


def test_wrong_password(ews_server):
    report = check_connection(config(ews_server.url, password="wrong"), WANG)
    assert (report.ok, report.layer) == (False, "auth")
    assert "用户名或密码错误" in report.message and "wrong" not in report.message


def test_no_impersonation_right(ews_server):
    ews_server.add_account("other@example.cn", password="Other-Pa55")
    report = check_connection(config(ews_server.url, username="other@example.cn", password="Other-Pa55",
                                     service_mailbox="other@example.cn"), WANG)
    assert report.layer == "impersonation" and "模拟" in report.message


def test_no_delegate_right(ews_server):
    report = check_connection(config(ews_server.url, mode="delegate"), WANG)
    assert report.layer == "delegate" and "代理" in report.message
    ews_server.grant_delegate(owner=WANG, delegate=SERVICE_ACCOUNT)
    assert check_connection(config(ews_server.url, mode="delegate"), WANG).ok


def test_unknown_mailbox(ews_server):
    report = check_connection(config(ews_server.url), "ghost@example.cn")
    assert report.layer == "mailbox" and "找不到邮箱" in report.message


def test_dns_and_refused_connection():
    report = check_connection(config("https://no-such-host.invalid/EWS/Exchange.asmx"))
    assert report.layer == "dns" and "DNS" in report.message
    with socket.socket() as probe:               # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    report = check_connection(config(f"http://127.0.0.1:{port}/EWS/Exchange.asmx"))
    assert report.layer == "tcp" and "拒绝" in report.message


def test_tls_needs_the_internal_ca_and_basic_works_with_it(tls_server):
    report = check_connection(config(tls_server.url, auth="Basic"), WANG)
    assert report.layer == "tls" and "证书不受信任" in report.message and "CA" in report.message
    report = check_connection(config(tls_server.url, auth="Basic", ca_file=str(tls_server.ca_file)), WANG)
    assert report.ok, report
    missing = check_connection(config(tls_server.url, auth="Basic", ca_file="/nowhere/ca.pem"), WANG)
    assert missing.layer == "config"
