"""Settings → 短信与OA: an administrator describes the SMS gateway and OA webhook, sends a test to
each (the answer, or the Chinese reason it failed, shows in the tab), previews the request with
the secret masked, and a template with an unknown placeholder is refused by name."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from http_gateway import Gateway, answer

from desktop.core import settings
from desktop.ui.settings.gateways import GatewaySettings
from desktop.ui.settings.page import SettingsPage

SECRET = "gateway-secret-123"


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


@pytest.fixture
def panel(qtbot, ctx):
    widget = GatewaySettings(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.save_button.isEnabled, timeout=10_000)
    return widget


def save(qtbot, panel) -> None:
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.save_button.isEnabled() and (not panel.saved.isHidden()
                                                               or not panel.banner.isHidden()), timeout=10_000)


def test_the_tab_is_there_for_administrators(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.gateways is not None
    assert page.tabs.tabText(page.tabs.indexOf(page.gateways)) == "短信与OA"
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)


def test_settings_are_saved_the_secret_kept_and_a_test_sms_reaches_the_gateway(qtbot, panel, gateway, embedded_db):
    panel.inputs["sms.url"].setText(gateway.url + "/sms")
    panel.inputs["sms.secret"].setText(SECRET)
    panel.inputs["sms.signature_header"].setText("X-Sign")
    panel.inputs["sms.sign_name"].setText("滨江医院")
    save(qtbot, panel)
    assert not panel.saved.isHidden()
    assert panel.inputs["sms.secret"].text() == "" and "已设置" in panel.inputs["sms.secret"].placeholderText()

    panel.inputs["sms.sign_name"].setText("滨江市第一人民医院")      # saved again without retyping the secret
    save(qtbot, panel)
    with embedded_db.session() as s:
        assert settings.institution_value(s, "sms.secret") == SECRET
        assert settings.institution_value(s, "sms.sign_name") == "滨江市第一人民医院"

    panel.test_phone.setText("13800138000")
    panel.test_sms_button.click()
    qtbot.waitUntil(panel.test_sms_button.isEnabled, timeout=10_000)
    assert "已发送" in panel.sms_result.text()
    [got] = gateway.received
    body = got.json()
    assert body["mobile"] == "13800138000" and body["sign"] == "滨江市第一人民医院" and "测试" in body["content"]
    signed = got.headers["x-timestamp"].encode() + b"\n" + got.body
    assert got.headers["x-sign"] == hmac.new(SECRET.encode(), signed, hashlib.sha256).hexdigest()


def test_a_failed_test_sms_shows_the_reason_in_chinese(qtbot, panel, gateway):
    gateway.script = [answer(401, {"message": "invalid appkey"})]
    panel.inputs["sms.url"].setText(gateway.url)       # not saved: the test uses what is typed
    panel.test_phone.setText("13800138000")
    panel.test_sms_button.click()
    qtbot.waitUntil(panel.test_sms_button.isEnabled, timeout=10_000)
    text = panel.sms_result.text()
    assert "未发送" in text and "短信网关拒绝了请求（HTTP 401）" in text and "invalid appkey" in text

    panel.test_phone.setText("12345")
    panel.test_sms_button.click()
    qtbot.waitUntil(panel.test_sms_button.isEnabled, timeout=10_000)
    assert "手机号码为空或无效" in panel.sms_result.text() and len(gateway.received) == 1


def test_a_test_push_reaches_the_oa_webhook_signed_or_says_why_not(qtbot, panel, gateway):
    panel.inputs["oa.url"].setText(gateway.url + "/hook")
    panel.inputs["oa.secret"].setText(SECRET)
    panel.test_push_button.click()
    qtbot.waitUntil(panel.test_push_button.isEnabled, timeout=10_000)
    assert "已发送" in panel.push_result.text()
    [got] = gateway.received
    assert got.json()["recipient"] == "wangfang"
    assert got.headers["x-interviewdesk-signature"] == "sha256=" + hmac.new(
        SECRET.encode(), got.body, hashlib.sha256).hexdigest()

    gateway.script = [answer(503, "maintenance")]
    panel.test_push_button.click()
    qtbot.waitUntil(panel.test_push_button.isEnabled, timeout=10_000)
    assert "OA 接口暂时不可用（HTTP 503）" in panel.push_result.text()


def test_an_unknown_placeholder_is_refused_by_name_and_nothing_is_saved(qtbot, panel, embedded_db):
    panel.inputs["sms.url"].setText("http://127.0.0.1:9/sms")
    panel.inputs["sms.body_template"].setPlainText('{"to": "{mobile}", "content": "{text}"}')
    save(qtbot, panel)
    assert "{mobile}" in panel.form.error_text("sms.body_template")
    assert "未保存" in panel.banner.text() or "没有保存" in panel.banner.text()
    with embedded_db.session() as s:
        assert settings.institution_value(s, "sms.url") == ""


def test_the_preview_shows_the_request_with_the_secret_masked(qtbot, panel):
    panel.inputs["sms.url"].setText("https://sms.example.cn/send")
    panel.inputs["sms.secret"].setText(SECRET)
    panel.inputs["sms.body_template"].setPlainText('{"to": "{phone}", "text": "{text}", "key": "' + SECRET + '"}')
    panel.inputs["oa.url"].setText("https://oa.example.cn/hook")
    panel.preview_button.click()
    qtbot.waitUntil(lambda: "POST https://oa.example.cn/hook" in panel.preview.toPlainText(), timeout=10_000)
    shown = panel.preview.toPlainText()
    assert "POST https://sms.example.cn/send" in shown and '"key":"******"' in shown
    assert SECRET not in shown and '"to":"13800000000"' in shown
