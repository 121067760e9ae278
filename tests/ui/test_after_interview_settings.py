"""Settings → 面试后 and the SMS replies part of 短信与OA: an administrator edits the thank-you's
survey (three to five questions, refused by name otherwise), chooses what a "进度" reply is told,
and asks the SMS gateway for replies with 测试收取 (a real HTTP server on loopback) without
recording anything."""

from __future__ import annotations

import pytest
from http_gateway import Gateway, answer
from sqlalchemy import select

from desktop.core import settings
from desktop.core.model import InboundMessage
from desktop.ui.settings.after import AfterInterviewSettings
from desktop.ui.settings.gateways import GatewaySettings
from desktop.ui.settings.page import SettingsPage


@pytest.fixture
def gateway():
    server = Gateway()
    yield server
    server.close()


def ready(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.save_button.isEnabled, timeout=10_000)
    return widget


def save(qtbot, panel) -> None:
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.save_button.isEnabled() and (
        not panel.saved.isHidden() or not panel.form.banner.isHidden()), timeout=10_000)


def test_the_tab_is_there_for_administrators(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.after is not None and page.tabs.tabText(page.tabs.indexOf(page.after)) == "面试后"
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)


def test_survey_and_progress_answer_are_saved_and_two_questions_are_refused(qtbot, ctx, embedded_db):
    panel = ready(qtbot, AfterInterviewSettings(ctx))
    assert panel.inputs["survey.questions"].toPlainText() == settings.SURVEY_DEFAULT
    assert panel.inputs["replies.progress_visibility"].currentText() == "当前阶段及下一步"

    panel.inputs["survey.questions"].setPlainText("整体体验？\n流程介绍？")
    save(qtbot, panel)
    error = panel.form.errors["survey.questions"]
    assert not error.isHidden() and "请填写3至5道题" in error.text() and "现为2道" in error.text()
    with embedded_db.session() as s:
        assert settings.institution_value(s, "survey.questions") == settings.SURVEY_DEFAULT   # nothing saved

    panel.inputs["survey.questions"].setPlainText("整体体验？\n流程介绍？\n时间安排？\n环境？")
    panel.inputs["survey.questions_en"].setPlainText("")
    panel.inputs["replies.progress_visibility"].setCurrentIndex(2)
    panel.inputs["survey.enabled"].setChecked(False)
    save(qtbot, panel)
    assert not panel.saved.isHidden()
    with embedded_db.session() as s:
        assert settings.institution_value(s, "survey.questions").count("\n") == 3
        assert settings.institution_value(s, "replies.progress_visibility") == "contact_only"
        assert settings.institution_value(s, "survey.enabled") is False


def test_test_fetch_asks_the_gateway_and_records_nothing(qtbot, ctx, embedded_db, gateway):
    panel = ready(qtbot, GatewaySettings(ctx))
    panel.inputs["sms_inbox.url"].setText(gateway.url + "/mo")        # not saved: the test uses what is typed
    panel.inputs["sms_inbox.list_path"].setText("rows")
    gateway.script = [answer(200, {"rows": [{"id": "a", "mobile": "13800138000", "content": "进度", "time": ""},
                                            {"id": "b", "mobile": "13800138001", "content": "1", "time": ""}]}),
                      answer(502, "bad gateway")]
    panel.test_fetch_button.click()
    qtbot.waitUntil(panel.test_fetch_button.isEnabled, timeout=10_000)
    assert panel.fetch_result.text() == "网关应答：自上次收取以来有 2 条短信。"
    assert gateway.received[0].path == "/mo" and "since" in dict(gateway.received[0].query)

    panel.test_fetch_button.click()
    qtbot.waitUntil(panel.test_fetch_button.isEnabled, timeout=10_000)
    assert "无法收取回复" in panel.fetch_result.text() and "HTTP 502" in panel.fetch_result.text()
    with embedded_db.session() as s:
        assert s.scalars(select(InboundMessage)).all() == []

    panel.inputs["sms_inbox.enabled"].setChecked(True)
    panel.inputs["sms_inbox.headers"].setPlainText("[1]")
    save(qtbot, panel)
    assert "JSON" in panel.inbox_form.errors["sms_inbox.headers"].text()
