"""Settings → Exchange: an administrator types the EWS settings, tests the connection against the
loopback EWS server off the UI thread and reads which layer failed; the password is never shown."""

from __future__ import annotations

import pytest
from ews_server import EwsServer
from exchangelib.protocol import close_connections

from desktop.core import settings
from desktop.ui.settings.page import SettingsPage

SERVICE, PASSWORD, WANG = "svc@example.cn", "Svc-Pa55word!", "wang@example.cn"


@pytest.fixture
def server():
    srv = EwsServer(auth="NTLM")
    srv.add_account(SERVICE, password=PASSWORD)
    srv.add_mailbox(WANG, name="王主任")
    srv.start()
    yield srv
    close_connections()
    srv.stop()


@pytest.fixture
def panel(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.exchange.save_button.isEnabled(), timeout=10_000)
    yield page.exchange


def fill(panel, srv, password: str) -> None:
    panel.inputs["exchange.enabled"].setChecked(True)
    panel.inputs["exchange.ews_url"].setText(srv.url)
    panel.inputs["exchange.username"].setText(SERVICE)
    panel.inputs["exchange.password"].setText(password)
    panel.inputs["exchange.service_mailbox"].setText(SERVICE)
    panel.test_mailbox.setText(WANG)


def connection_result(qtbot, panel) -> None:
    panel.test_button.click()
    qtbot.waitUntil(lambda: panel.test_button.isEnabled() and panel.result.text() != panel.tr("Connecting…"),
                    timeout=10_000)


def test_missing_impersonation_right_is_named_and_then_granted(qtbot, panel, server):
    fill(panel, server, PASSWORD)
    connection_result(qtbot, panel)
    assert panel.result.objectName() == "error" and "模拟" in panel.result.text()
    server.grant_impersonation(SERVICE)
    connection_result(qtbot, panel)
    assert panel.result.objectName() == "success" and "连接成功" in panel.result.text()


def test_wrong_password_and_the_password_is_kept_hidden(qtbot, panel, server, embedded_db):
    fill(panel, server, "wrong")
    connection_result(qtbot, panel)
    assert "用户名或密码错误" in panel.result.text()
    fill(panel, server, PASSWORD)
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.saved.isHidden() and panel.save_button.isEnabled(), timeout=10_000)
    assert panel.inputs["exchange.password"].text() == ""
    with embedded_db.session() as s:
        assert settings.institution_value(s, "exchange.password") == PASSWORD
        assert settings.institution_value(s, "exchange.ews_url") == server.url
