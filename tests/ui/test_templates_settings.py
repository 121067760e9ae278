"""Settings → 消息模板: the preview follows typing, an unknown field is refused on save with its name,
a saved text is kept and reset brings the shipped one back, and text messages show their part count."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.model import MessageTemplate
from desktop.core.notifications import templates
from desktop.ui.settings.page import SettingsPage
from desktop.ui.settings.templates import TemplatesPanel
from desktop.ui.widgets import select_data


@pytest.fixture
def panel(qtbot, ctx):
    widget = TemplatesPanel(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.sample is not None and widget.save_button.isEnabled(), timeout=10_000)
    return widget


def choose(qtbot, panel: TemplatesPanel, event: str, channel: str) -> None:
    select_data(panel.event_choice, event)
    select_data(panel.channel_choice, channel)
    qtbot.waitUntil(lambda: panel.loaded is not None and (panel.loaded.event, panel.loaded.channel) == (event, channel)
                    and panel.save_button.isEnabled(), timeout=10_000)


def rows(db) -> list[tuple[str, str, str, str]]:
    with db.session() as s:
        return [(r.event, r.channel, r.subject, r.body) for r in s.scalars(select(MessageTemplate))]


def test_the_default_invitation_is_shown_with_its_preview(panel):
    assert panel.state.text() == "系统默认文本。"
    assert panel.subject.text() == "面试通知：{position}岗位{round}"
    assert panel.preview_subject.text() == "标题：面试通知：人事专员岗位初试"
    assert panel.preview.toPlainText().startswith("张伟先生，您好：")
    assert not panel.reset_button.isEnabled()                 # nothing to reset yet


def test_the_preview_follows_typing(qtbot, panel):
    panel.body.setPlainText("{salutation}，您好：请于{interview_time}到{place}参加{position}面试。")
    assert panel.preview.toPlainText().startswith("张伟先生，您好：请于")
    assert "到行政楼301会议室（行政楼三层）参加人事专员面试。" in panel.preview.toPlainText()
    panel.body.moveCursor(panel.body.textCursor().MoveOperation.End)
    qtbot.keyClicks(panel.body, " Thanks")
    assert panel.preview.toPlainText().endswith("面试。 Thanks")
    panel.fields.setCurrentRow(0)
    panel.insert_button.click()                                # inserts {salutation} at the cursor
    assert panel.body.toPlainText().endswith("Thanks{salutation}")
    assert panel.preview.toPlainText().endswith("Thanks张伟先生")
    qtbot.keyClicks(panel.body, "{plcae")
    assert "花括号" in panel.preview.toPlainText()             # a half-typed field explains itself
    qtbot.keyClicks(panel.body, "}")
    assert panel.preview.toPlainText() == "模板引用了未知字段：{plcae}"


def test_an_unknown_field_is_refused_on_save_with_its_name_and_nothing_is_saved(qtbot, panel, embedded_db):
    panel.body.setPlainText("{salutation}，您好：请到{plcae}参加面试。")
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.problem.isHidden(), timeout=10_000)
    assert panel.problem.text() == "未保存任何内容。 模板引用了未知字段：{plcae}"
    assert panel.save_button.isEnabled()
    assert rows(embedded_db) == []


def test_a_saved_text_is_kept_and_reset_brings_back_the_default(qtbot, panel, ctx, embedded_db):
    choose(qtbot, panel, "cancellation", "sms")
    assert not panel.subject.isEnabled()                      # a text message has no subject
    panel.body.setPlainText("{salutation}您好，原定{interview_time_short}的面试取消，另行通知。")
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.saved.isHidden(), timeout=10_000)
    assert rows(embedded_db) == [("cancellation", "sms", "", "{salutation}您好，原定{interview_time_short}的面试取消，另行通知。")]
    assert panel.state.text().startswith("已由管理员修改")
    assert panel.reset_button.isEnabled()

    again = TemplatesPanel(ctx)                               # opened afresh, the saved text is there
    qtbot.addWidget(again)
    choose(qtbot, again, "cancellation", "sms")
    assert again.body.toPlainText() == "{salutation}您好，原定{interview_time_short}的面试取消，另行通知。"

    panel.reset_button.click()
    qtbot.waitUntil(lambda: panel.loaded.is_default, timeout=10_000)
    assert panel.body.toPlainText() == templates.default_text("cancellation", "sms").body
    assert rows(embedded_db) == []


def test_a_text_message_shows_its_length_and_parts(qtbot, panel):
    choose(qtbot, panel, "thank_you", "sms")
    panel.body.setPlainText("好" * 70)
    assert panel.sms_count.text().startswith("70 个字，按 1 条短信计费")
    panel.body.setPlainText("好" * 71)
    assert panel.sms_count.text().startswith("71 个字，按 2 条短信计费")
    choose(qtbot, panel, "thank_you", "email")
    assert panel.sms_count.text() == ""


def test_administrators_find_the_tab_in_settings(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.templates is not None
    assert page.tabs.tabText(page.tabs.indexOf(page.templates)) == "消息模板"
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)


def test_the_contact_person_set_in_institution_settings_appears_in_the_preview(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    institution = page.institution
    qtbot.waitUntil(lambda: institution.save_button.isEnabled(), timeout=10_000)
    institution.inputs["notify.contact_name"].setText("刘老师")
    institution.inputs["notify.contact_phone"].setText("0571-8765 4321")
    institution.save_button.click()
    qtbot.waitUntil(lambda: not institution.saved.isHidden(), timeout=10_000)

    panel = TemplatesPanel(ctx)
    qtbot.addWidget(panel)
    qtbot.waitUntil(lambda: panel.sample is not None and panel.save_button.isEnabled(), timeout=10_000)
    assert "如有疑问，请联系刘老师（电话：0571-8765 4321）。" in panel.preview.toPlainText()


def test_edits_are_kept_when_another_message_is_looked_at(qtbot, panel, embedded_db):
    choose(qtbot, panel, "invitation", "email")
    panel.body.setPlainText("{salutation}，改过的正文。")
    choose(qtbot, panel, "cancellation", "email")
    assert "改过的正文" not in panel.body.toPlainText()
    choose(qtbot, panel, "invitation", "email")
    assert panel.body.toPlainText() == "{salutation}，改过的正文。"
    assert "尚未保存" in panel.state.text()
    assert rows(embedded_db) == []                          # nothing was written by looking around
    panel.save_button.click()
    qtbot.waitUntil(lambda: not panel.saved.isHidden(), timeout=10_000)
    choose(qtbot, panel, "cancellation", "email")
    choose(qtbot, panel, "invitation", "email")
    assert "尚未保存" not in panel.state.text() and panel.body.toPlainText() == "{salutation}，改过的正文。"


def test_every_field_shows_whole_in_the_settings_page_at_1366(qtbot, ctx, qapp):
    from desktop.ui import i18n

    i18n.install(qapp, "en")       # the longer labels
    try:
        page = SettingsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1366 - 150, 700)
        page.show()
        page.tabs.setCurrentWidget(page.templates)
        qtbot.waitUntil(lambda: ctx.tasks.is_idle and page.templates.fields.count() > 0, timeout=10_000)
        qtbot.wait(20)
        assert page.templates.fields.horizontalScrollBar().maximum() == 0
        assert page.minimumSizeHint().width() <= 1366 - 150
    finally:
        i18n.install(qapp, "zh_CN")
