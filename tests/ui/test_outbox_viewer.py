"""HR can see what anyone was told: a message of the 发件箱 opens (double-click or "Open message")
to its subject, the e-mail rendered, its plain text, the .ics listed with name and size and readable
as text, or the SMS with its parts and counts; contacts masked for a role that may not see them;
and an interview's detail panel lists its messages, opened in the same viewer."""

from __future__ import annotations

from datetime import date

from scheduling_ui import book, idle, local
from sqlalchemy import select
from ui_helpers import add_user

from desktop.core.model import OutboxEntry, Role
from desktop.ui.outbox.page import OutboxPage
from desktop.ui.outbox.viewer import MessageViewer
from desktop.ui.schedule.page import SchedulePage

MONDAY = date(2026, 11, 23)


def entry_of(world, channel: str) -> int:
    with world.db.session() as s:
        return s.scalar(select(OutboxEntry.id).where(OutboxEntry.channel == channel))


def open_page(qtbot, make_ctx, actor) -> OutboxPage:
    page = OutboxPage(make_ctx(actor))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(qtbot, page.ctx)
    return page


def opened(qtbot, page: OutboxPage, entry_id: int) -> MessageViewer:
    page.table.select_id(entry_id)
    index = page.model.index(page.model.row_of(entry_id), 0)
    page.table.doubleClicked.emit(index)
    viewer = page.viewer
    idle(qtbot, page.ctx)
    assert viewer is not None and viewer.isVisible()
    return viewer


def test_an_invitation_opens_to_its_subject_text_html_and_calendar_file(qtbot, make_ctx, world):
    book(world, 0, local(MONDAY, 10, 0))
    page = open_page(qtbot, make_ctx, world.hr)
    viewer = opened(qtbot, page, entry_of(world, "email"))
    assert viewer.fact_labels["about"].text() == "候选人1 · 内科住院医师 · 2026-11-23 10:00"
    assert viewer.fact_labels["recipient"].text() == "c1@example.cn"
    assert "初试" in viewer.subject.text() and "内科住院医师" in viewer.subject.text()
    assert viewer.tab_titles() == ["收件人看到的样子", "纯文本", "附件"]
    assert "候选人1" in viewer.rendered.toPlainText() and "候选人1" in viewer.plain.toPlainText()
    assert viewer.attachments.item(0, 0).text() == "invitation.ics"
    assert viewer.attachments.item(0, 2).text().endswith(("B", "KB"))
    viewer.show_tab("attachments")
    viewer.attachments.selectRow(0)
    assert viewer.attachment_text.toPlainText().startswith("BEGIN:VCALENDAR")
    assert "METHOD:REQUEST" in viewer.attachment_text.toPlainText()
    assert "模板" in viewer.note.text()


def test_a_text_message_shows_its_parts_and_counts(qtbot, make_ctx, world):
    book(world, 0, local(MONDAY, 10, 0))
    page = open_page(qtbot, make_ctx, world.hr)
    viewer = opened(qtbot, page, entry_of(world, "sms"))
    assert viewer.tab_titles() == ["纯文本", "短信分条"]
    parts = viewer.shown.sms_parts
    assert viewer.sms_count.text() == f"共 {viewer.shown.sms_characters} 字，分 {len(parts)} 条发送"
    assert viewer.sms.rowCount() == len(parts) > 1
    assert viewer.sms.item(0, 1).text() == "67" and viewer.sms.item(0, 2).text() == parts[0]


def test_a_role_without_contact_rights_sees_them_masked(qtbot, make_ctx, world):
    admin = add_user(world.db, "it_admin", [(Role.ADMIN, None)], display_name="信息中心管理员")
    book(world, 0, local(MONDAY, 10, 0))
    page = open_page(qtbot, make_ctx, admin)
    assert page.candidate.isHidden()                       # names are not searched by who may not see them
    viewer = opened(qtbot, page, entry_of(world, "email"))
    shown = viewer.fact_labels["recipient"].text() + viewer.plain.toPlainText() + viewer.rendered.toPlainText()
    viewer.show_tab("attachments")
    viewer.attachments.selectRow(0)
    shown += viewer.attachment_text.toPlainText()
    assert viewer.fact_labels["recipient"].text() == "c***@example.cn"
    assert "c1@example.cn" not in shown and "候选人1" not in shown
    assert "屏蔽" in viewer.note.text()


def test_the_interview_detail_lists_its_messages_and_opens_them(qtbot, make_ctx, world):
    iid = book(world, 0, local(MONDAY, 10, 0))
    book(world, 1, local(MONDAY, 11, 0))
    page = SchedulePage(make_ctx(world.hr))
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(qtbot, page.ctx)
    page.detail.show_interview(iid)
    idle(qtbot, page.ctx)
    section = page.detail.messages
    texts = [[section.table.item(r, c).text() for c in range(3)] for r in range(section.table.rowCount())]
    assert sorted(t[1:] for t in texts) == sorted([                # this interview's four, not the other's
        ["13800138000", "面试邀请（短信）· 待发送"], ["c1@example.cn", "面试邀请（电子邮件）· 待发送"],
        ["wang", "日历：新建（面试官日历）· 待发送"], ["wang", "面试官安排（OA 系统）· 待发送"]])
    row = next(r for r, t in enumerate(texts) if t[2] == "面试邀请（短信）· 待发送")
    section.table.selectRow(row)
    section.open_button.click()
    idle(qtbot, page.ctx)
    assert section.viewer.isVisible() and section.viewer.tab_titles() == ["纯文本", "短信分条"]
