"""The day in DESIGN.md with real delivery: every server on loopback (the EWS test server for the
interviewers' Exchange calendars, an SMTP relay with STARTTLS and AUTH, an SMS gateway and an OA
webhook over HTTP, an IMAP mailbox for the candidate's replies). After the last approval the
background worker that the app runs gets everything out: the interviewer's meeting moves to 17:00,
the candidate's mail and SMS and the OA push arrive; the candidate answers "确认" and the
timeline turns to confirmed. The time from approval to the last delivery is printed (the note
reports it; the target is under 2 seconds)."""

from __future__ import annotations

import time
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import make_msgid

import pytest
from delivery_helpers import IMAP_USER, delivery_settings, store_settings
from exchange_helpers import SERVICE_ACCOUNT, SERVICE_PASSWORD, WANG, give_mailboxes
from icalendar import Calendar
from scheduling_helpers import BACKENDS, approve_default_chain, book, request, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select

from desktop.core.delivery.worker import OutboxWorker
from desktop.core.model import ChangeKind, Interview, OutboxEntry, OutboxState, Party
from desktop.core.scheduling import changes, timeline
from desktop.integrations import senders
from desktop.integrations.mail.replies import poll_replies


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


@pytest.fixture
def servers(mail_servers, ews_server):
    return mail_servers | {"ews": ews_server}


def configure(w: World, servers) -> None:
    exchange = {
        "exchange.enabled": True, "exchange.ews_url": servers["ews"].url, "exchange.auth": "NTLM",
        "exchange.username": SERVICE_ACCOUNT, "exchange.password": SERVICE_PASSWORD,
        "exchange.service_mailbox": SERVICE_ACCOUNT, "exchange.mode": "impersonation",
        "exchange.version": "Exchange2016", "exchange.timeout_seconds": 5,
    }
    store_settings(w, exchange | delivery_settings(servers, oa=True) | {"mail.replies_enabled": True})
    give_mailboxes(w)


def wait_until(condition, seconds: float) -> float:
    """Seconds until `condition()` held (fails after `seconds`)."""
    started = time.monotonic()
    while not condition():
        assert time.monotonic() - started < seconds, "not delivered in time"
        time.sleep(0.01)
    return time.monotonic() - started


def test_after_approval_every_party_hears_at_once_and_the_candidates_reply_confirms(world, servers, clock):
    w = world
    configure(w, servers)
    ews, relay, sms, oa = servers["ews"], servers["relay"], servers["sms"], servers["oa"]
    iid = book(w, 0, local(STORY_DAY, 10)).interview_id
    with w.db.session() as s:
        assert senders.configured_channels(s) == ("calendar", "email", "sms", "oa")
        uid = s.get(Interview, iid).uid
    first = OutboxWorker(w.db, senders.configured_senders(w.db)).run_once()
    assert first.outcome.failed == 0 and first.outcome.sent == 4, first.outcome.errors
    assert ews.meeting(WANG, uid).start == local(STORY_DAY, 10)

    worker = OutboxWorker(w.db, senders.configured_senders(w.db))   # as the app runs it, in the background
    worker.start()
    try:
        asked = request(w, changes.ChangeInput(iid, ChangeKind.RESCHEDULE, Party.CANDIDATE, "候选人临时有事，申请改到17:00",
                                               starts_at=local(STORY_DAY, 17)))
        approve_default_chain(w, asked.change_request_id)
        approved_at = time.monotonic()
        worker.wake()                                   # the app wakes it after every write
        calendar = wait_until(lambda: ews.meeting(WANG, uid).start == local(STORY_DAY, 17), 10)
        everything = wait_until(lambda: len(relay.mailbox.received) == 2 and len(sms.received) == 2
                                and any(r.json()["event"] == "interviewer_change" for r in oa.received), 10)
        last = time.monotonic() - approved_at
    finally:
        worker.stop()
    print(f"\napproval → interviewer's meeting at 17:00: {calendar:.3f} s; → last delivery: {last:.3f} s")
    assert calendar < 2 and last < 2

    change_mail = relay.mailbox.messages()[-1]
    assert "变更" in change_mail["Subject"]
    ics = next(p for p in change_mail.walk() if p.get_content_type() == "text/calendar")
    event = Calendar.from_ical(ics.get_payload(decode=True)).walk("VEVENT")[0]
    assert (str(event["UID"]), int(event["SEQUENCE"])) == (uid, 1)
    assert "17:00" in sms.received[-1].body.decode("utf-8")
    with w.db.session() as s:
        pending = s.scalars(select(OutboxEntry).where(OutboxEntry.state != OutboxState.SENT)).all()
        assert pending == []
        notice_id = s.scalar(select(OutboxEntry.external_id).where(
            OutboxEntry.channel == "email", OutboxEntry.kind == "change_notice"))

    reply = EmailMessage(policy=SMTP)
    reply["From"], reply["To"], reply["Subject"] = "c1@example.cn", IMAP_USER, "回复：面试时间变更通知"
    reply["Message-ID"], reply["In-Reply-To"], reply["References"] = make_msgid(), notice_id, notice_id
    reply.set_content("确认\n\n> 您的面试时间已调整为 17:00")
    servers["box"].put(reply.as_bytes())
    summary = poll_replies(w.db)
    assert summary.confirmations == 1
    with w.db.session() as s:
        entries = timeline.entries(s, iid)
        confirmed = [e for e in entries if e.kind == "confirmed"]
        assert confirmed[-1].detail["channel"] == "email" and confirmed[-1].detail["sequence"] == 1
        assert s.get(Interview, iid).status.value == "confirmed"
