""""通知" named two things: the queue of outgoing messages and the user's own notices. They are
named apart everywhere a user meets them — 发件箱 / Outbox for the queue, 我的通知 / My notices for
the personal notices — in Chinese and in English."""

from __future__ import annotations

import pytest
from factories import add_outbox_entry
from scheduling_ui import idle

from desktop.core.model import OutboxState
from desktop.ui import i18n
from desktop.ui.main_window import MainWindow
from desktop.ui.outbox.page import OutboxPage

NAMES = {"zh_CN": ("发件箱", "发件箱 (1)", "我的通知", "共 1 条消息", "1 条消息发送失败", "我的通知：没有未读"),
         "en": ("Outbox", "Outbox (1)", "My notices", "1 message", "1 message failed to send",
                "My notices: none unread")}


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_outbox_and_my_notices_have_different_names(qtbot, qapp, make_ctx, world, language):
    i18n.install(qapp, language)
    add_outbox_entry(world.db, "c1@example.cn", channel="email", state=OutboxState.FAILED)
    window = MainWindow(make_ctx(world.hr))
    qtbot.addWidget(window)
    idle(qtbot, window.ctx)
    outbox, badge, notices, count, failed, unread = NAMES[language]
    row = window.page_keys().index("outbox")
    assert window.navigation.item(row).text() == badge
    assert window.navigation.item(row).toolTip() == failed
    assert window.notice_button.text() == notices and window.notice_button.toolTip() == unread
    dialog = window.open_notices()
    dialog_title = dialog.windowTitle()
    assert dialog_title == notices
    dialog.close()
    page = window.open_page("outbox")
    idle(qtbot, window.ctx)
    assert isinstance(page, OutboxPage) and page.count.text() == count
    titles = {label.text() for label in page.findChildren(type(page.count)) if label.objectName() == "pageTitle"}
    assert titles == {outbox}
    everything = [window.navigation.item(i).text() for i in range(window.navigation.count())] + [
        window.notice_button.text(), dialog_title]
    assert not any(text in ("通知", "Notices") or text.startswith("通知 (") for text in everything)
