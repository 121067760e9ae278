"""Candidate notices by e-mail, delivered through a real SMTP relay on loopback (aiosmtpd with
STARTTLS from a test CA and AUTH required): the invitation arrives readable, in Chinese, with the
interview attached as iCalendar; refusals and outages end as the 通知 page should show them."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import event, select

from desktop.core import settings
from desktop.core.delivery.outbox import Item, PermanentFailure, TemporaryFailure, Unsettled
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import Interview, OutboxEntry, OutboxState
from desktop.core.notifications import templates
from desktop.integrations.mail import smtp
from desktop.integrations.mail.smtp import MailSender

from factories import SYSTEM
from mail_certs import Certs, make_certs
from scheduling_helpers import BACKENDS, book, world_copy
from scheduling_world import STORY_DAY, World, local
from smtp_server import PASSWORD, USER, Mailbox, SmtpServer, free_port


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def configure(w: World, port: int, certs: Certs, **changes) -> None:
    values = {"mail.smtp_host": "127.0.0.1", "mail.smtp_port": port, "mail.smtp_security": "starttls",
              "mail.smtp_username": USER, "mail.smtp_password": PASSWORD, "mail.ca_file": str(certs.ca_file),
              "mail.from_address": "hr@hospital.example.cn", "mail.from_name": "市第一医院人事处",
              "mail.timeout_seconds": 5} | changes
    with w.db.session(SYSTEM, write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key, value, "测试")


def email_entries(w: World) -> list[OutboxEntry]:
    with w.db.session() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.channel == "email").order_by(OutboxEntry.id)).all()
        s.expunge_all()
        return rows


def item_of(entry: OutboxEntry) -> Item:
    return Item(entry.id, entry.dedupe_key, entry.interview_id, entry.channel, entry.kind, entry.recipient,
                dict(entry.payload), 1, entry.version)


def test_an_invitation_arrives_in_chinese_with_the_interview_attached(world, relay, certs):
    configure(world, relay.port, certs)
    booked = book(world, 0, local(STORY_DAY, 10))
    progress = OutboxWorker(world.db, [MailSender(world.db)]).run_once()

    [entry] = email_entries(world)
    assert progress.outcome.sent == 1 and entry.state == OutboxState.SENT
    [(recipients, _raw)] = relay.mailbox.received
    [message] = relay.mailbox.messages()
    assert recipients == ["c1@example.cn"]
    assert message["Message-ID"] == entry.external_id and entry.external_id.endswith("@hospital.example.cn>")
    with world.db.session() as s:
        expected = templates.render(s, "invitation", "email", entry.payload)
        interview = s.get(Interview, booked.interview_id)
        uid, sequence = interview.uid, interview.sequence
    assert expected.subject and any("\u4e00" <= ch <= "\u9fff" for ch in expected.subject)
    assert str(message["Subject"]) == expected.subject
    assert message["From"].addresses[0].display_name == "市第一医院人事处"
    assert message["To"].addresses[0].display_name == "候选人1"
    assert message.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == expected.text.strip()
    assert "候选人1" in message.get_body(("html",)).get_content()

    [calendar_part] = [p for p in message.walk() if p.get_content_type() == "text/calendar"]
    assert calendar_part.get_param("method") == "REQUEST"
    assert calendar_part.get_filename() == "invitation.ics"
    event_calendar = Calendar.from_ical(calendar_part.get_payload(decode=True))
    assert str(event_calendar["METHOD"]) == "REQUEST"
    [event] = event_calendar.walk("VEVENT")
    assert str(event["UID"]) == uid and int(event["SEQUENCE"]) == sequence
    assert event.decoded("DTSTART") == local(STORY_DAY, 10)


def test_the_delivery_threads_read_nothing_the_claim_read_each_message_s_facts(world, relay, certs):
    """MailSender.prepare reads every claimed message's facts in the worker's claiming transaction:
    a delivery thread opens no unit of work (one each cost more than composing the message), and
    sends what the test above checks."""
    configure(world, relay.port, certs)
    for n in range(3):
        book(world, n, local(STORY_DAY, 9 + n))
    begun: list[str] = []

    def began(_conn) -> None:
        begun.append(threading.current_thread().name)

    event.listen(world.db.engine, "begin", began)
    try:
        progress = OutboxWorker(world.db, [MailSender(world.db)]).run_once()
    finally:
        event.remove(world.db.engine, "begin", began)
    assert progress.outcome.sent == 3 and len(relay.mailbox.received) == 3
    assert begun and not [name for name in begun if name.startswith("outbox-email")]
    with world.db.session() as s:
        expected = {e.recipient: templates.render(s, "invitation", "email", e.payload) for e in email_entries(world)}
    for message in relay.mailbox.messages():
        rendered = expected[message["To"].addresses[0].addr_spec]
        assert str(message["Subject"]) == rendered.subject
        assert message.get_body(("plain",)).get_content().replace("\r\n", "\n").strip() == rendered.text.strip()


def test_one_login_serves_many_messages_from_a_worker_thread(world, relay, certs):
    configure(world, relay.port, certs)
    for n in range(3):
        book(world, n, local(STORY_DAY, 9 + n))
    progress = OutboxWorker(world.db, [MailSender(world.db, concurrency=1)]).run_once()
    assert progress.outcome.sent == 3 and len(relay.mailbox.received) == 3
    assert relay.mailbox.logins == 1
    assert len({m["Message-ID"] for m in relay.mailbox.messages()}) == 3


def test_a_delivery_stopped_before_its_end_of_data_leaves_nothing_at_the_relay(world, relay, certs):
    """When the previous delivery's outcome will never be recorded (the worker stops, the database
    fails), the message under way has had its envelope and bytes sent but not its end of data: the
    sender hangs up, the relay keeps nothing of it, and the entry is left to its lease. The next
    message on that thread goes out on a new connection."""
    configure(world, relay.port, certs)
    book(world, 0, local(STORY_DAY, 10))
    [entry] = email_entries(world)
    sender = MailSender(world.db)

    def never() -> None:
        raise Unsettled("outbox worker stopped")

    with pytest.raises(Unsettled):
        sender.deliver(item_of(entry), settled=never)
    delivered = sender.deliver(item_of(entry))     # answered by the relay once it has the message
    assert [to for [to], _raw in relay.mailbox.received] == ["c1@example.cn"]
    assert [m["Message-ID"] for m in relay.mailbox.messages()] == [delivered.external_id]
    assert relay.mailbox.logins == 2
    sender.close()


def test_a_running_worker_sends_with_the_settings_and_templates_changed_since_its_last_message(
        world, relay, certs):
    """The sender reads the settings and templates once per claim, not per message, and keeps what
    it made of them only while they stay the same: the next claim after a change uses the change."""
    configure(world, relay.port, certs)
    sender = MailSender(world.db, concurrency=1)
    worker = OutboxWorker(world.db, [sender])
    book(world, 0, local(STORY_DAY, 9))
    assert worker.run_once().outcome.sent == 1
    configure(world, relay.port, certs, **{"mail.from_name": "市第一医院组织人事科"})
    with world.db.session(SYSTEM, write=True) as s:
        default = templates.default_text("invitation", "email")
        templates.save(s, SYSTEM, "invitation", "email", "zh_CN", "新标题：{position}", default.body)
    book(world, 1, local(STORY_DAY, 10))
    assert worker.run_once().outcome.sent == 2
    sender.close()

    first, second = relay.mailbox.messages()
    assert first["From"].addresses[0].display_name == "市第一医院人事处"
    assert second["From"].addresses[0].display_name == "市第一医院组织人事科"
    assert not str(first["Subject"]).startswith("新标题：") and str(second["Subject"]).startswith("新标题：")


def test_a_refused_recipient_fails_at_once_with_the_server_code(world, relay, certs):
    configure(world, relay.port, certs)
    relay.mailbox.refuse["c1@example.cn"] = "550 5.1.1 <c1@example.cn>: Recipient address rejected"
    book(world, 0, local(STORY_DAY, 10))
    OutboxWorker(world.db, [MailSender(world.db)]).run_once()
    [entry] = email_entries(world)
    assert entry.state == OutboxState.FAILED and entry.attempts == 1
    assert entry.last_error == "收件人被邮件服务器拒绝（550）"
    assert relay.mailbox.received == []


@pytest.mark.parametrize("pipelining", [True, False])
def test_refusals_and_deliveries_keep_the_session_in_step_with_or_without_pipelining(world, certs, pipelining):
    """On one connection: a refused recipient, then messages that go out. With PIPELINING the three
    envelope answers come together; a refusal must leave no answer unread, or the next message would
    read the last one's."""
    relay = SmtpServer(certs, Mailbox(refuse={"c2@example.cn": "550 5.1.1 No such user"},
                                      pipelining=pipelining)).start()
    try:
        configure(world, relay.port, certs)
        for n in range(3):
            book(world, n, local(STORY_DAY, 9 + n))
        progress = OutboxWorker(world.db, [MailSender(world.db, concurrency=1)]).run_once()
        assert (progress.outcome.sent, progress.outcome.failed) == (2, 1)
        assert sorted(to for [to], _raw in relay.mailbox.received) == ["c1@example.cn", "c3@example.cn"]
        assert relay.mailbox.logins == 1
    finally:
        relay.stop()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")   # aiosmtpd: TLS is implicit here
def test_a_relay_with_tls_from_the_start_gets_the_messages(world, certs):
    """Encryption "ssl" (SMTPS, TLS from the first byte; had no test before): the connection is made,
    its TLS socket takes the no-delay option, and the messages, pipelined, arrive."""
    relay = SmtpServer(certs, implicit_tls=True).start()
    try:
        configure(world, relay.port, certs, **{"mail.smtp_security": "ssl"})
        for n in range(2):
            book(world, n, local(STORY_DAY, 9 + n))
        progress = OutboxWorker(world.db, [MailSender(world.db, concurrency=1)]).run_once()
        assert progress.outcome.sent == 2 and len(relay.mailbox.received) == 2
    finally:
        relay.stop()


def test_a_wrong_password_is_named_and_the_password_is_not(world, relay, certs):
    configure(world, relay.port, certs, **{"mail.smtp_password": "wrong-Pa55"})
    book(world, 0, local(STORY_DAY, 10))
    [entry] = email_entries(world)
    with pytest.raises(PermanentFailure) as failure:
        MailSender(world.db).deliver(item_of(entry))
    assert failure.value.reason == "邮件服务器登录失败，请检查账号和密码"
    assert "wrong-Pa55" not in str(failure.value) and USER not in str(failure.value)


def test_a_password_smtp_cannot_send_is_explained_not_retried(world, relay, certs):
    configure(world, relay.port, certs, **{"mail.smtp_password": "人事处密码2026"})
    book(world, 0, local(STORY_DAY, 10))
    [entry] = email_entries(world)
    with pytest.raises(PermanentFailure) as failure:
        MailSender(world.db).deliver(item_of(entry))
    assert "非英文字符" in failure.value.reason and "人事处密码" not in failure.value.reason


def test_a_server_certificate_outside_the_internal_ca_is_refused(world, relay, certs, tmp_path):
    other = make_certs(tmp_path / "other")
    configure(world, relay.port, certs, **{"mail.ca_file": str(other.ca_file)})
    with pytest.raises(PermanentFailure) as failure:
        smtp.send_test(world.db, "admin@hospital.example.cn")
    assert "证书" in failure.value.reason
    assert relay.mailbox.received == []


def test_a_relay_that_is_down_is_retried_and_delivers_exactly_once(world, certs, clock):
    port = free_port()
    configure(world, port, certs)
    book(world, 0, local(STORY_DAY, 10))
    sender = MailSender(world.db)
    worker = OutboxWorker(world.db, [sender])
    worker.run_once()
    [entry] = email_entries(world)
    assert entry.state == OutboxState.PENDING and entry.attempts == 1
    assert entry.last_error == "无法连接邮件服务器（连接被拒绝），稍后重试"

    server = SmtpServer(certs, port=port).start()
    try:
        worker.run_once()                          # the back-off has not passed: nothing is sent
        assert server.mailbox.received == []
        clock.advance(timedelta(seconds=3))
        worker.run_once()
        worker.run_once()
        [entry] = email_entries(world)
        assert entry.state == OutboxState.SENT and entry.attempts == 2
        assert len(server.mailbox.received) == 1
        assert server.mailbox.messages()[0]["Message-ID"] == entry.external_id
    finally:
        sender.close()
        server.stop()


def test_a_timeout_is_temporary(world, certs):
    import socket

    with socket.socket() as silent:           # accepts the connection and never greets
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        configure(world, silent.getsockname()[1], certs, **{"mail.timeout_seconds": 1})
        book(world, 0, local(STORY_DAY, 10))
        [entry] = email_entries(world)
        with pytest.raises(TemporaryFailure) as failure:
            MailSender(world.db).deliver(item_of(entry))
    assert failure.value.reason == "邮件服务器响应超时，稍后重试"


def test_the_settings_test_message_reaches_the_address(world, relay, certs):
    configure(world, relay.port, certs)
    message_id = smtp.send_test(world.db, "admin@hospital.example.cn")
    [message] = relay.mailbox.messages()
    assert message["Message-ID"] == message_id
    assert "邮件设置测试" in str(message["Subject"])
    assert "测试邮件" in message.get_body(("plain",)).get_content()


def test_an_approval_request_by_email_reaches_the_approver_without_a_calendar_file(world, relay, certs):
    """Staff messages go by e-mail when an administrator routes them so: the approver's address from
    their account, the approval text, and no .ics (they are not the candidate)."""
    import json

    from desktop.core.model import ChangeKind, Party, User
    from desktop.core.scheduling import changes
    from scheduling_helpers import request

    configure(world, relay.port, certs)
    with world.db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "notify.event_channels", json.dumps({"approval_request": "email"}), "测试")
        s.get(User, world.leader.user_id).email = "leader@hospital.example.cn"
    iid = book(world, 0, local(STORY_DAY, 10)).interview_id
    request(world, changes.ChangeInput(iid, ChangeKind.RESCHEDULE, Party.CANDIDATE, "候选人申请改时",
                                       starts_at=local(STORY_DAY, 15)))
    progress = OutboxWorker(world.db, [MailSender(world.db)]).run_once()
    assert progress.outcome.failed == 0, progress.outcome.errors
    to_leader = [(to, m) for (to, _raw), m in zip(relay.mailbox.received, relay.mailbox.messages())
                 if to == ["leader@hospital.example.cn"]]
    assert len(to_leader) == 1
    message = to_leader[0][1]
    assert "审批" in str(message["Subject"])
    assert "候选人申请改时" in message.get_body(("plain",)).get_content()
    assert not [p for p in message.walk() if p.get_content_type() == "text/calendar"]
