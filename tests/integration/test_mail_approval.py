"""Approvers decide by replying to the approval mail (邮件审批): the mail goes out through a real SMTP
relay on loopback (tests/smtp_server.py) with a one-time code, the approver's answer comes back
through the reply mailbox on a real IMAP server (tests/imap_server), and the step is decided "by
mail". Replies from another address, with a wrong or used code, or for a step already decided are
refused, put on the timeline for HR, and never applied. Both backends."""

from __future__ import annotations

import hashlib
import re
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

import pytest
from sqlalchemy import select, update

from desktop.core.model import AuditEntry
from desktop.core.reconcile import reconcile

from desktop.core import settings
from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import (
    ApprovalMailCode, ChangeKind, ChangeRequest, ChangeStatus, Decision, OutboxEntry, Party, User, Verdict,
)
from desktop.core.scheduling import changes, mail_approval, timeline
from desktop.integrations.mail.replies import poll_replies
from desktop.integrations.mail.smtp import MailSender

from factories import SYSTEM
from imap_server import ImapServer, Mailbox
from mail_certs import Certs
from scheduling_helpers import BACKENDS, book, decide, world_copy
from scheduling_world import STORY_DAY, World, local
from smtp_server import PASSWORD as SMTP_PASSWORD
from smtp_server import USER as SMTP_USER

IMAP_USER, IMAP_PASSWORD = "approvals@hospital.example.cn", "imap-Pass1"
ADDRESSES = {"leader": "zhao.kz@hospital.example.cn", "personnel": "qian.cz@hospital.example.cn",
             "director": "sun.yz@hospital.example.cn"}


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def reply_box(certs):
    box = Mailbox(IMAP_USER, IMAP_PASSWORD)
    server = ImapServer(box, tls=certs.server_context()).start()
    box.port = server.port
    yield box
    server.stop()


def configure(w: World, relay, box, certs: Certs, *, by_mail: bool = True) -> None:
    values = {"mail.smtp_host": "127.0.0.1", "mail.smtp_port": relay.port, "mail.smtp_security": "starttls",
              "mail.smtp_username": SMTP_USER, "mail.smtp_password": SMTP_PASSWORD, "mail.ca_file": str(certs.ca_file),
              "mail.from_address": "hr@hospital.example.cn", "mail.from_name": "市第一医院人事处",
              "mail.timeout_seconds": 5, "mail.imap_host": "127.0.0.1", "mail.imap_port": box.port,
              "mail.imap_security": "starttls", "mail.imap_username": IMAP_USER, "mail.imap_password": IMAP_PASSWORD,
              "notify.approver_channels": "oa,email", "approval.decide_by_mail": by_mail}
    with w.db.session(SYSTEM, write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key, value, "测试")
        for name, address in ADDRESSES.items():
            s.execute(update(User).where(User.username == name).values(email=address))


def ask_for_new_time(w: World) -> tuple[int, int]:
    """HR moves a booked interview; returns (interview id, change request id)."""
    interview = book(w, 0, local(STORY_DAY, 10)).interview_id
    with w.db.session(w.hr, write=True) as s:
        result = changes.request_change(s, w.hr, changes.ChangeInput(
            interview_id=interview, kind=ChangeKind.RESCHEDULE, party=Party.CANDIDATE, reason="候选人上午有考试",
            starts_at=local(STORY_DAY, 15)))
    return interview, result.change_request_id


def deliver(w: World) -> None:
    OutboxWorker(w.db, [MailSender(w.db)]).run_once()


def approval_mail(relay, address: str) -> EmailMessage:
    """The newest approval mail the relay accepted for `address`."""
    mails = [m for m in relay.mailbox.messages() if address in str(m["To"]) and "审批" in str(m["Subject"])]
    assert mails, f"no approval mail for {address}"
    return mails[-1]


def code_of(mail: EmailMessage) -> str:
    return re.search(r"审批码 ([A-Z2-9]{4}-[A-Z2-9]{4})", mail.get_body(("plain",)).get_content()).group(1)


def reply(mail: EmailMessage, sender: str, text: str, *, quote: bool = True, answers: bool = True) -> bytes:
    """An approver's answer the way a mail program writes it: their words on top, the mail quoted."""
    message = EmailMessage(policy=SMTP)
    message["From"], message["To"] = sender, IMAP_USER
    message["Subject"] = "回复：" + str(mail["Subject"])
    message["Message-ID"] = make_msgid(domain="hospital.example.cn")
    if answers:
        message["In-Reply-To"] = mail["Message-ID"]
    quoted = "\n".join("> " + line for line in mail.get_body(("plain",)).get_content().split("\n"))
    message.set_content(text + ("\n\n在 2026年11月23日 08:01，市第一医院人事处 写道：\n" + quoted if quote else ""))
    return bytes(message)


def request_state(w: World, request_id: int) -> tuple[str, int]:
    with w.db.session() as s:
        r = s.get(ChangeRequest, request_id)
        return r.status.value, r.current_step


def entries(w: World, interview_id: int, kind: str) -> list[timeline.TimelineEntry]:
    with w.db.session() as s:
        return [e for e in timeline.entries(s, interview_id) if e.kind == kind]


def test_approvers_decide_every_step_by_replying_and_the_timeline_says_by_mail(world, relay, reply_box, certs):
    w = world
    configure(w, relay, reply_box, certs)
    interview, request_id = ask_for_new_time(w)
    deliver(w)
    first = approval_mail(relay, ADDRESSES["leader"])
    code = code_of(first)
    # only the hash is kept: not in the code table, not in the outbox once the mail is sent
    with w.db.session() as s:
        stored = [(c.code_sha256, c.approver_id, c.step_position) for c in s.scalars(select(ApprovalMailCode))]
        payloads = [e.payload for e in s.scalars(select(OutboxEntry).where(OutboxEntry.kind == "approval_request"))]
    assert stored == [(hashlib.sha256(code.replace("-", "").encode()).hexdigest(), w.leader.user_id, 1)]
    assert all("approval_code" not in p for p in payloads) and code not in repr(payloads)

    reply_box.put(reply(first, ADDRESSES["leader"], "同意，请通知候选人。"))
    summary = poll_replies(w.db)
    assert (summary.decisions, summary.refused, summary.confirmations, summary.noted) == (1, 0, 0, 0)
    assert request_state(w, request_id) == ("pending", 2)
    [step] = entries(w, interview, "change_step")
    assert (step.actor, step.detail["verdict"], step.detail["comment"], step.detail["by_mail"]) == (
        "赵科长", "approved", "请通知候选人。", True)
    with w.db.session() as s:
        assert [(d.approver_id, d.channel, d.verdict) for d in s.scalars(select(Decision))] == [
            (w.leader.user_id, "email", Verdict.APPROVED)]

    deliver(w)                                   # step 2 (filing) and step 3 (confirmation), each by mail
    reply_box.put(reply(approval_mail(relay, ADDRESSES["personnel"]), ADDRESSES["personnel"], "同意"))
    assert poll_replies(w.db).decisions == 1 and request_state(w, request_id) == ("pending", 3)
    deliver(w)
    reply_box.put(reply(approval_mail(relay, ADDRESSES["director"]), ADDRESSES["director"], "同意\n按新时间执行"))
    assert poll_replies(w.db).decisions == 1
    assert request_state(w, request_id) == ("applied", 3)
    verdicts = [(e.detail["verdict"], e.detail["by_mail"]) for e in entries(w, interview, "change_step")]
    assert verdicts == [("approved", True), ("filed", True), ("confirmed", True)]
    assert entries(w, interview, "change_step")[-1].detail["comment"] == "按新时间执行"
    with w.db.session() as s:   # the codes dropped from sent entries are no tampering, and the log never held them
        report = reconcile(s)
        logged = [e.changes for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "OutboxEntry"))]
    assert [f for f in report.findings if f.entity == "OutboxEntry"] == []   # (the test set e-mails by SQL)
    assert "approval_code" not in repr(logged)


def test_a_disagreement_by_mail_sends_the_request_back_with_the_reason(world, relay, reply_box, certs):
    w = world
    configure(w, relay, reply_box, certs)
    interview, request_id = ask_for_new_time(w)
    deliver(w)
    mail = approval_mail(relay, ADDRESSES["leader"])
    reply_box.put(reply(mail, ADDRESSES["leader"], "不同意"))               # a rejection needs its reason
    assert poll_replies(w.db).refused == 1 and request_state(w, request_id) == ("pending", 1)
    reply_box.put(reply(mail, ADDRESSES["leader"], "不同意：下午科室有手术安排"))
    assert poll_replies(w.db).decisions == 1
    assert request_state(w, request_id) == ("rejected", 1)
    [rejected] = entries(w, interview, "change_rejected")
    assert (rejected.detail["comment"], rejected.detail["by_mail"]) == ("下午科室有手术安排", True)
    assert [e.detail["reason"] for e in entries(w, interview, "mail_decision_refused")] == ["comment_required"]


def test_refused_replies_are_on_the_timeline_and_decide_nothing(world, relay, reply_box, certs):
    w = world
    configure(w, relay, reply_box, certs)
    interview, request_id = ask_for_new_time(w)
    deliver(w)
    mail = approval_mail(relay, ADDRESSES["leader"])
    code = code_of(mail)
    other = "".join("A" if ch != "A" else "B" for ch in code.replace("-", ""))
    reply_box.put(reply(mail, "someone@example.org", "同意"))                           # another address
    reply_box.put(reply(mail, ADDRESSES["leader"], f"同意\n审批码 {other[:4]}-{other[4:]}", quote=False))  # wrong code
    reply_box.put(reply(mail, ADDRESSES["leader"], "收到，稍后处理"))                     # no 同意 / 不同意
    summary = poll_replies(w.db)
    assert (summary.decisions, summary.refused) == (0, 3)
    assert request_state(w, request_id) == ("pending", 1)
    refused = entries(w, interview, "mail_decision_refused")
    assert sorted(e.detail["reason"] for e in refused) == ["no_verdict", "unknown_code", "wrong_sender"]
    assert next(e for e in refused if e.detail["reason"] == "wrong_sender").detail["sender"] == "s***@example.org"
    with w.db.session() as s:
        assert s.scalars(select(Decision)).all() == []

    # decided in the app meanwhile: the step is closed, the mail's code is dead
    decide(w, w.leader, request_id, Verdict.APPROVED, "同意", 1)
    reply_box.put(reply(mail, ADDRESSES["leader"], "同意"))
    assert poll_replies(w.db).refused == 1
    assert entries(w, interview, "mail_decision_refused")[-1].detail["reason"] == "step_decided"
    assert request_state(w, request_id) == ("pending", 2)


def test_a_code_works_once_and_a_message_read_twice_is_recorded_once(world, relay, reply_box, certs):
    w = world
    configure(w, relay, reply_box, certs)
    interview, request_id = ask_for_new_time(w)
    deliver(w)
    mail = approval_mail(relay, ADDRESSES["leader"])
    reply_box.fail_store = True                      # the \Seen flag does not stick: the message comes again
    reply_box.put(reply(mail, ADDRESSES["leader"], "同意"))
    assert poll_replies(w.db).decisions == 1
    again = poll_replies(w.db)
    assert (again.decisions, again.refused, again.repeated) == (0, 0, 1)
    reply_box.fail_store = False
    with w.db.session(SYSTEM, write=True) as s:     # step 1 again (as if HR reset it): the used code stays used
        s.get(ChangeRequest, request_id).current_step = 1
    reply_box.put(reply(mail, ADDRESSES["leader"], "同意"))
    assert poll_replies(w.db).refused == 1
    assert entries(w, interview, "mail_decision_refused")[-1].detail["reason"] == "used_code"
    assert len(entries(w, interview, "change_step")) == 1


def test_off_by_default_the_mail_carries_no_code_and_a_reply_decides_nothing(world, relay, reply_box, certs):
    w = world
    configure(w, relay, reply_box, certs, by_mail=False)
    interview, request_id = ask_for_new_time(w)
    deliver(w)
    mail = approval_mail(relay, ADDRESSES["leader"])
    assert "审批码" not in mail.get_body(("plain",)).get_content()
    with w.db.session() as s:
        assert s.scalars(select(ApprovalMailCode)).all() == []
        assert settings.spec_of("approval.decide_by_mail").default is False
    reply_box.put(reply(mail, ADDRESSES["leader"], "同意"))
    summary = poll_replies(w.db)
    assert (summary.decisions, summary.refused, summary.confirmations) == (0, 1, 0)
    assert request_state(w, request_id) == ("pending", 1)
    assert [e.detail["reason"] for e in entries(w, interview, "mail_decision_refused")] == ["disabled"]


def test_the_answer_and_comment_are_read_from_the_first_line():
    assert mail_approval.verdict_of("同意") == ("agree", "")
    assert mail_approval.verdict_of("不同意，时间太晚\n请改上午") == ("disagree", "时间太晚\n请改上午")
    assert mail_approval.verdict_of("\n  Agree - fine by me") == ("agree", "fine by me")
    assert mail_approval.verdict_of("yesterday I said no") == (None, "")
    assert mail_approval.verdict_of("收到") == (None, "")
    assert mail_approval.codes_in("审批码 abcd-efgh，又 ABCD-EFGH；0OOO-1III") == ["ABCD-EFGH"]
