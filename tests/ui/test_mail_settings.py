"""Settings → 邮件: an administrator sets up the SMTP relay, sends a test message to a real SMTP
server on loopback and reads the server's refusal in words; the password is never shown again."""

from __future__ import annotations

import pytest
from mail_certs import make_certs
from smtp_server import PASSWORD, USER, SmtpServer

from desktop.core import settings
from desktop.ui.settings.page import SettingsPage


@pytest.fixture(scope="module")
def certs(tmp_path_factory):
    return make_certs(tmp_path_factory.mktemp("certs"))


@pytest.fixture
def relay(certs):
    server = SmtpServer(certs).start()
    yield server
    server.stop()


@pytest.fixture
def panel(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.mail.save_button.isEnabled(), timeout=10_000)
    yield page.mail          # the page stays alive while the test runs


def fill(panel, relay, certs, password: str) -> None:
    inputs = panel.inputs
    inputs["mail.smtp_host"].setText("127.0.0.1")
    inputs["mail.smtp_port"].setValue(relay.port)
    inputs["mail.smtp_username"].setText(USER)
    inputs["mail.smtp_password"].setText(password)
    inputs["mail.ca_file"].setText(str(certs.ca_file))
    inputs["mail.from_address"].setText("hr@hospital.example.cn")
    inputs["mail.from_name"].setText("市第一医院人事处")
    panel.test_address.setText("admin@hospital.example.cn")


def test_a_test_message_is_sent_with_the_settings_on_screen(qtbot, panel, relay, certs, embedded_db):
    fill(panel, relay, certs, PASSWORD)
    panel.test_button.click()
    qtbot.waitUntil(lambda: panel.test_button.isEnabled() and not panel.result.isHidden(), timeout=10_000)
    assert panel.result.objectName() == "success"
    assert "admin@hospital.example.cn" in panel.result.text()
    [message] = relay.mailbox.messages()
    assert str(message["To"]) == "admin@hospital.example.cn"
    with embedded_db.session() as s:
        assert settings.institution_value(s, "mail.smtp_password") == PASSWORD
        assert settings.institution_value(s, "mail.smtp_port") == relay.port
    assert panel.inputs["mail.smtp_password"].text() == ""          # never shown again


def test_a_refused_login_is_explained_in_words(qtbot, panel, relay, certs):
    fill(panel, relay, certs, "not-the-password")
    panel.test_button.click()
    qtbot.waitUntil(lambda: panel.test_button.isEnabled() and not panel.result.isHidden(), timeout=10_000)
    assert panel.result.objectName() == "error"
    assert panel.result.text() == "邮件服务器登录失败，请检查账号和密码"
    assert relay.mailbox.received == []


def test_an_empty_password_field_keeps_the_stored_password(qtbot, panel, relay, certs, embedded_db):
    fill(panel, relay, certs, PASSWORD)
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.saved.isHidden(), timeout=10_000)
    panel.inputs["mail.from_name"].setText("人事处")
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.saved.isHidden() and panel.save_button.isEnabled(), timeout=10_000)
    with embedded_db.session() as s:
        assert settings.institution_value(s, "mail.smtp_password") == PASSWORD
        assert settings.institution_value(s, "mail.from_name") == "人事处"


def test_a_wrong_sender_address_is_refused_and_nothing_is_saved(qtbot, panel, embedded_db):
    panel.inputs["mail.from_address"].setText("not an address")
    panel.inputs["mail.smtp_host"].setText("mail.example.cn")
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.forms[0].banner.isHidden(), timeout=10_000)
    assert not panel.forms[0].errors["mail.from_address"].isHidden()
    with embedded_db.session() as s:
        assert settings.institution_value(s, "mail.smtp_host") == ""
