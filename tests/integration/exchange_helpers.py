"""Shared steps of the Exchange tests: point InterviewDesk at the loopback EWS server (the
`ews_server` fixture), give the world's interviewers and room their mailboxes, deliver the calendar
entries through the real outbox worker, and read back."""

from __future__ import annotations

from factories import SYSTEM
from scheduling_world import World
from sqlalchemy import select

from desktop.core import settings
from desktop.core.delivery.worker import OutboxWorker, Progress
from desktop.core.model import Alert, CalendarItem, OutboxEntry, Room, User
from desktop.core.scheduling import timeline
from desktop.integrations.exchange.sender import ExchangeSender

SERVICE_ACCOUNT = "svc@example.cn"        # as tests/integration/conftest.py sets up the server
SERVICE_PASSWORD = "Svc-Pa55word!"
WANG, LI, ROOM = "wang@example.cn", "li@example.cn", "room101@example.cn"


def configure(w: World, srv, **changes) -> None:
    values = {"exchange.enabled": True, "exchange.ews_url": srv.url, "exchange.auth": "NTLM",
              "exchange.username": SERVICE_ACCOUNT, "exchange.password": SERVICE_PASSWORD,
              "exchange.service_mailbox": SERVICE_ACCOUNT, "exchange.mode": "impersonation",
              "exchange.version": "Exchange2016", "exchange.timeout_seconds": 5} | changes
    with w.db.session(SYSTEM, write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key, value, "测试")
    give_mailboxes(w)


def give_mailboxes(w: World) -> None:
    with w.db.session(SYSTEM, write=True) as s:
        s.get(User, w.wang.user_id).exchange_mailbox = WANG
        s.get(User, w.li.user_id).exchange_mailbox = LI
        s.get(Room, w.room).exchange_mailbox = ROOM


def deliver(w: World, sender: ExchangeSender | None = None) -> Progress:
    return OutboxWorker(w.db, [sender or ExchangeSender(w.db)]).run_once()


def calendar_entries(w: World) -> list[OutboxEntry]:
    with w.db.session() as s:
        rows = s.scalars(select(OutboxEntry).where(OutboxEntry.channel == "calendar").order_by(OutboxEntry.id)).all()
        s.expunge_all()
        return rows


def calendar_items(w: World) -> list[CalendarItem]:
    with w.db.session() as s:
        rows = s.scalars(select(CalendarItem).order_by(CalendarItem.id)).all()
        s.expunge_all()
        return rows


def alerts(w: World, kind: str) -> list[Alert]:
    with w.db.session() as s:
        rows = s.scalars(select(Alert).where(Alert.kind == kind).order_by(Alert.id)).all()
        s.expunge_all()
        return rows


def timeline_kinds(w: World, interview_id: int) -> list[str]:
    with w.db.session() as s:
        return [e.kind for e in timeline.entries(s, interview_id)]
