"""Candidates' answers read from the reply mailbox over IMAP (a real IMAP server on loopback with
STARTTLS from a test CA, tests/imap_server): a calendar acceptance and a "确认" reply confirm, a
question lands on the timeline for HR, each message is processed once."""

from __future__ import annotations

from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

import pytest
from icalendar import Calendar, Event, vCalAddress
from sqlalchemy import select, update

from desktop.core import settings
from desktop.core.model import Channel, Confirmation, Interview, OutboxEntry, Party
from desktop.core.scheduling import timeline
from desktop.integrations.mail import replies
from desktop.integrations.mail.replies import MailboxUnavailable, poll_replies

from factories import SYSTEM
from imap_server import ImapServer, Mailbox
from mail_certs import Certs
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local

USER, PASSWORD = "hr-replies@hospital.example.cn", 'Pa"ss-回复'


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def mailbox(certs):
    box = Mailbox(USER, PASSWORD)
    server = ImapServer(box, tls=certs.server_context()).start()
    box.port = server.port
    yield box
    server.stop()


def configure(w: World, port: int, certs: Certs, **changes) -> None:
    values = {"mail.imap_host": "127.0.0.1", "mail.imap_port": port, "mail.imap_security": "starttls",
              "mail.imap_username": USER, "mail.imap_password": PASSWORD, "mail.ca_file": str(certs.ca_file),
              "mail.timeout_seconds": 5} | changes
    with w.db.session(SYSTEM, write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key, value, "测试")


def sent_notice(w: World, candidate: int, hour: int) -> tuple[int, str, int]:
    """Book an interview and give its e-mail notice the Message-ID the relay accepted it under
    (sending is test_mail_smtp's subject). Returns (interview id, Message-ID, sequence)."""
    booked = book(w, candidate, local(STORY_DAY, hour))
    message_id = make_msgid(domain="hospital.example.cn")
    with w.db.session(SYSTEM, write=True) as s:
        s.execute(update(OutboxEntry).where(OutboxEntry.interview_id == booked.interview_id,
                                            OutboxEntry.channel == "email").values(external_id=message_id))
        sequence = s.get(Interview, booked.interview_id).sequence
    return booked.interview_id, message_id, sequence


def text_reply(sender: str, answers: str | None, body: str, *, html: bool = False) -> bytes:
    message = EmailMessage(policy=SMTP)
    message["From"], message["To"] = sender, USER
    message["Subject"] = "回复：面试邀请"
    message["Message-ID"] = make_msgid(domain="example.cn")
    if answers:
        message["In-Reply-To"] = answers
        message["References"] = f"<older@hospital.example.cn> {answers}"
    if html:
        message.set_content(body.replace("\n", "<br>"), subtype="html")
    else:
        message.set_content(body)
    return bytes(message)


def calendar_reply(w: World, interview_id: int, sender: str, partstat: str) -> bytes:
    with w.db.session() as s:
        interview = s.get(Interview, interview_id)
        uid, sequence = interview.uid, interview.sequence
    calendar = Calendar()
    calendar.add("prodid", "-//Candidate Mail//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "REPLY")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", sequence)
    event.add("dtstamp", local(STORY_DAY, 8, 5))
    attendee = vCalAddress(f"mailto:{sender}")
    attendee.params["PARTSTAT"] = partstat
    event.add("attendee", attendee)
    calendar.add_component(event)
    message = EmailMessage(policy=SMTP)
    message["From"], message["To"], message["Subject"] = sender, USER, "已接受：面试"
    message["Message-ID"] = make_msgid(domain="example.cn")
    message.set_content("已接受")
    message.add_attachment(calendar.to_ical(), maintype="text", subtype="calendar", params={"method": "REPLY"})
    return bytes(message)


def confirmations(w: World, interview_id: int) -> list[Confirmation]:
    with w.db.session() as s:
        rows = s.scalars(select(Confirmation).where(Confirmation.interview_id == interview_id,
                                                    Confirmation.party == Party.CANDIDATE)).all()
        s.expunge_all()
        return rows


def replies_on(w: World, interview_id: int) -> list[timeline.TimelineEntry]:
    with w.db.session() as s:
        return [e for e in timeline.entries(s, interview_id) if e.kind == timeline.Event.CANDIDATE_REPLIED.value]


def test_answers_are_recorded_once_and_strangers_are_left_for_a_person(world, mailbox, certs):
    configure(world, mailbox.port, certs)
    first, _, _ = sent_notice(world, 0, 9)
    second, second_id, second_seq = sent_notice(world, 1, 10)
    third, third_id, _ = sent_notice(world, 2, 11)
    accepted = mailbox.put(calendar_reply(world, first, "c1@example.cn", "ACCEPTED"))
    confirmed = mailbox.put(text_reply("c2@example.cn", second_id,
                                       "确认\n\n在 2026年11月23日 09:00，市第一医院人事处 写道：\n> 请回复“确认”"))
    asked = mailbox.put(text_reply("c3@example.cn", third_id,
                                   "请问可以改到明天吗？\n谢谢\n\n-----原始邮件-----\n发件人: 市第一医院人事处\n确认"))
    stranger = mailbox.put(text_reply("someone@example.org", None, "确认"))

    summary = poll_replies(world.db)

    assert (summary.fetched, summary.calendar_replies, summary.confirmations, summary.noted, summary.unmatched) \
        == (4, 1, 1, 1, 1)
    [by_calendar] = confirmations(world, first)
    assert by_calendar.channel == Channel.ICAL
    [by_mail] = confirmations(world, second)
    assert by_mail.channel == Channel.EMAIL and by_mail.sequence == second_seq and by_mail.recorded_by_id is None
    assert confirmations(world, third) == []
    [question] = replies_on(world, third)
    assert question.detail["text"] == "请问可以改到明天吗？\n谢谢" and question.detail["confirmed"] is False
    [answer] = replies_on(world, second)
    assert answer.detail["text"] == "确认" and answer.detail["confirmed"] is True
    with world.db.session() as s:
        assert s.get(Interview, second).status.value == "confirmed"
        assert s.get(Interview, third).status.value == "scheduled"
    for uid in (accepted, confirmed, asked):
        assert "\\Seen" in mailbox.flags(uid)
    assert "\\Seen" not in mailbox.flags(stranger)

    again = poll_replies(world.db)
    assert (again.fetched, again.unmatched, again.confirmations, again.noted) == (1, 1, 0, 0)
    assert len(confirmations(world, second)) == 1 and len(replies_on(world, third)) == 1


def test_a_reply_whose_seen_flag_does_not_stick_is_still_recorded_once(world, mailbox, certs):
    configure(world, mailbox.port, certs)
    interview, message_id, _ = sent_notice(world, 0, 9)
    mailbox.fail_store = True
    mailbox.put(text_reply("c1@example.cn", message_id, "CONFIRM\n"))
    first = poll_replies(world.db)
    second = poll_replies(world.db)
    assert (first.confirmations, second.confirmations, second.repeated) == (1, 0, 1)
    assert len(confirmations(world, interview)) == 1 and len(replies_on(world, interview)) == 1


def test_keywords_are_a_setting_and_html_replies_are_read(world, mailbox, certs):
    configure(world, mailbox.port, certs, **{"mail.confirm_keywords": "好的，收到"})
    _, message_id, _ = sent_notice(world, 0, 9)
    mailbox.put(text_reply("c1@example.cn", message_id, "<p>收到</p>\n<blockquote>原邮件</blockquote>", html=True))
    assert poll_replies(world.db).confirmations == 1
    other, other_id, _ = sent_notice(world, 1, 10)
    mailbox.put(text_reply("c2@example.cn", other_id, "确认"))   # no longer a keyword here
    summary = poll_replies(world.db)
    assert (summary.confirmations, summary.noted) == (0, 1) and confirmations(world, other) == []


def test_a_wrong_password_or_missing_folder_is_explained(world, mailbox, certs):
    configure(world, mailbox.port, certs, **{"mail.imap_password": "wrong"})
    with pytest.raises(MailboxUnavailable) as failure:
        poll_replies(world.db)
    assert failure.value.reason == "收件邮箱登录失败，请检查账号和密码"
    configure(world, mailbox.port, certs, **{"mail.imap_folder": "候选人回复"})
    with pytest.raises(MailboxUnavailable) as failure:
        poll_replies(world.db)
    assert failure.value.reason == "收件邮箱中找不到所设的文件夹"


def test_new_text_strips_the_quoted_notice():
    assert replies.new_text("1\r\n\r\nOn Tue, 24 Nov 2026 HR wrote:\r\n> 请确认") == "1"
    assert replies.new_text("> 请确认\n确认参加") == "确认参加"


def test_a_folder_with_a_chinese_name_is_read(world, certs):
    box = Mailbox(USER, PASSWORD, folder="候选人回复 & 确认")
    server = ImapServer(box, tls=certs.server_context()).start()
    try:
        configure(world, server.port, certs, **{"mail.imap_folder": "候选人回复 & 确认"})
        _, message_id, _ = sent_notice(world, 0, 9)
        box.put(text_reply("c1@example.cn", message_id, "确认"))
        assert poll_replies(world.db).confirmations == 1
    finally:
        server.stop()
