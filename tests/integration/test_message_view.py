"""What HR reads when opening a message in the 发件箱 is what the recipient got: the e-mail as it
arrived at a real SMTP relay on loopback (subject, text, HTML, the .ics byte for byte), the SMS and
its parts as the gateway would be asked to send them; and a viewer who may not see the candidate's
contacts reads them masked everywhere, the calendar file included."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from desktop.core.delivery.worker import OutboxWorker
from desktop.core.errors import PermissionDenied
from desktop.core.model import OutboxEntry, Role
from desktop.core.notifications import templates
from desktop.integrations import message_view
from desktop.integrations.mail.smtp import MailSender
from factories import actor
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from smtp_server import SmtpServer
from test_mail_smtp import configure

ADMIN = actor(Role.ADMIN, None)


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def entry_id(w: World, channel: str) -> int:
    with w.db.session() as s:
        return s.scalar(select(OutboxEntry.id).where(OutboxEntry.channel == channel))


def test_the_viewer_shows_the_email_exactly_as_the_relay_received_it(world, certs):
    relay = SmtpServer(certs).start()
    try:
        configure(world, relay.port, certs)
        book(world, 0, local(STORY_DAY, 10))
        email = entry_id(world, "email")
        with world.db.session(world.hr) as s:
            before = message_view.view(s, world.hr, email)       # waiting: what it will say
        OutboxWorker(world.db, [MailSender(world.db)]).run_once()
        [message] = relay.mailbox.messages()
    finally:
        relay.stop()
    with world.db.session(world.hr) as s:
        shown = message_view.view(s, world.hr, email)
    assert (before.subject, before.text, before.attachments) == (shown.subject, shown.text, shown.attachments)
    assert shown.row.state == "sent" and not shown.masked and shown.problem == ""
    assert (shown.row.candidate, shown.row.position, shown.row.starts_at) == ("候选人1", "内科住院医师",
                                                                            local(STORY_DAY, 10))
    assert shown.subject == str(message["Subject"])
    assert shown.text == message.get_body(("plain",)).get_content().replace("\r\n", "\n").rstrip("\n")
    assert shown.html.replace("\r\n", "\n") == message.get_body(("html",)).get_content().replace("\r\n", "\n")
    [sent_ics] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    [ics] = shown.attachments
    assert (ics.name, ics.content_type) == ("invitation.ics", "text/calendar")
    assert ics.text.encode() == sent_ics.get_payload(decode=True) and ics.size == len(ics.text.encode())
    assert "METHOD:REQUEST" in ics.text and "c1@example.cn" in ics.text
    assert ("To", "候选人1 <c1@example.cn>") in shown.headers
    assert shown.as_sent and not before.as_sent

    # An administrator rewords the invitation afterwards: the sent message still reads as it went out.
    with world.db.session(ADMIN, write=True) as s:
        current = templates.template_for(s, "invitation", "email")
        templates.save(s, ADMIN, "invitation", "email", "zh_CN", "新标题 {position}", current.body)
    with world.db.session(world.hr) as s:
        again = message_view.view(s, world.hr, email)
    assert (again.subject, again.text, again.html, again.attachments) == (
        shown.subject, shown.text, shown.html, shown.attachments)
    assert again.subject == str(message["Subject"]) and not again.subject.startswith("新标题")


def test_the_sms_is_shown_with_its_parts_and_counts(world):
    book(world, 0, local(STORY_DAY, 10))
    with world.db.session(world.hr) as s:
        shown = message_view.view(s, world.hr, entry_id(world, "sms"))
        entry = s.get(OutboxEntry, entry_id(world, "sms"))
        expected = templates.render(s, "invitation", "sms", entry.payload).text
    characters, count = templates.sms_segments(expected)
    assert shown.text == expected and shown.sms_characters == characters and len(shown.sms_parts) == count > 1
    assert "".join(shown.sms_parts) == expected
    assert all(len(part) <= 67 for part in shown.sms_parts)
    assert shown.row.recipient == "13800138000"


def test_a_viewer_without_contact_rights_sees_contacts_and_name_masked(world):
    book(world, 0, local(STORY_DAY, 10))
    with world.db.session(ADMIN) as s:
        email = message_view.view(s, ADMIN, entry_id(world, "email"))
        sms = message_view.view(s, ADMIN, entry_id(world, "sms"))
        listed = message_view.interview_messages(s, ADMIN, email.row.interview_id)
    assert email.masked and email.row.recipient == "c***@example.cn" and email.row.candidate == "候***"
    everything = " ".join([email.subject, email.text, email.html, *(a.text for a in email.attachments),
                           *(v for _, v in email.headers), sms.text, sms.row.recipient])
    assert "c1@example.cn" not in everything and "13800138000" not in everything and "候选人1" not in everything
    assert "c***@example.cn" in email.attachments[0].text.replace("\r\n ", "")
    assert sms.row.recipient == "138****8000"
    assert {r.recipient for r in listed if r.channel in ("email", "sms")} == {"c***@example.cn", "138****8000"}
    with world.db.session(world.reception) as s, pytest.raises(PermissionDenied):
        message_view.view(s, world.reception, entry_id(world, "email"))


def test_calendar_and_oa_entries_show_what_the_interviewer_gets(world):
    book(world, 0, local(STORY_DAY, 10))
    with world.db.session(world.hr) as s:
        meeting = message_view.view(s, world.hr, entry_id(world, "calendar"))
        oa = message_view.view(s, world.hr, entry_id(world, "oa"))
    assert meeting.subject == "面试：内科住院医师 初试"
    assert meeting.text.startswith("时间：2026-11-24 星期二 10:00–10:30") and "地点：行政楼301" in meeting.text
    assert oa.subject and "候选人1" in oa.text and oa.row.recipient == "wang"
