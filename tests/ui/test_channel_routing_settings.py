"""Settings → 通知渠道: an administrator ticks which channels carry messages to candidates,
interviewers, approvers and HR; the next booking follows the choice."""

from __future__ import annotations

from datetime import date

from scheduling_ui import book, idle, local
from sqlalchemy import select

from desktop.core import settings
from desktop.core.model import OutboxEntry
from desktop.ui.settings.routing import ChannelRouting


def test_unticking_sms_and_oa_stops_those_messages(qtbot, make_ctx, world, hr_admin):
    ctx = make_ctx(hr_admin)
    panel = ChannelRouting(ctx)
    qtbot.addWidget(panel)
    panel.show()
    idle(qtbot, ctx)
    assert panel.boxes[("candidate", "sms")].isChecked() and panel.boxes[("interviewer", "oa")].isChecked()
    assert panel.boxes[("candidate", "sms")].text() == "短信"
    panel.boxes[("candidate", "sms")].setChecked(False)
    panel.boxes[("interviewer", "oa")].setChecked(False)
    panel.save_button.click()
    idle(qtbot, ctx)
    assert "已保存" in panel.status.text()
    with world.db.session() as s:
        assert settings.institution_value(s, "notify.candidate_channels") == "email"
        assert settings.institution_value(s, "notify.interviewer_channels") == "calendar"

    book(world, 0, local(date(2026, 11, 24), 10, 0))
    with world.db.session() as s:
        assert sorted(s.scalars(select(OutboxEntry.channel))) == ["calendar", "email"]

    reopened = ChannelRouting(ctx)
    qtbot.addWidget(reopened)
    idle(qtbot, ctx)
    assert not reopened.boxes[("candidate", "sms")].isChecked() and reopened.boxes[("candidate", "email")].isChecked()


def test_one_message_can_go_differently_from_its_recipients_group(qtbot, make_ctx, world, hr_admin):
    ctx = make_ctx(hr_admin)
    panel = ChannelRouting(ctx)
    qtbot.addWidget(panel)
    panel.show()
    idle(qtbot, ctx)
    follow = panel.follows["reminder_day_before"]
    sms, email = panel.event_boxes[("reminder_day_before", "sms")], panel.event_boxes[("reminder_day_before", "email")]
    assert follow.isChecked() and sms.isChecked() and email.isChecked() and not sms.isEnabled()
    panel.boxes[("candidate", "email")].setChecked(False)          # the group's choice shows in the row
    assert not email.isChecked()
    panel.boxes[("candidate", "email")].setChecked(True)
    follow.setChecked(False)
    assert sms.isEnabled()
    email.setChecked(False)
    panel.save_button.click()
    idle(qtbot, ctx)
    with world.db.session() as s:
        assert settings.institution_value(s, "notify.event_channels") == '{"reminder_day_before": "sms"}'
    reopened = ChannelRouting(ctx)
    qtbot.addWidget(reopened)
    idle(qtbot, ctx)
    assert not reopened.follows["reminder_day_before"].isChecked()
    assert reopened.event_boxes[("reminder_day_before", "sms")].isChecked()
    assert not reopened.event_boxes[("reminder_day_before", "email")].isChecked()
    assert reopened.follows["invitation"].isChecked()
