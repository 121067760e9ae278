"""The audit chain's head is published outside the database (the archive office's mailbox and OA,
an anchor folder, backups); a log rewritten by someone holding the key — entries cut off the end
with audit_head moved, or an entry edited and every later hash recomputed — verifies as a chain but
no longer extends the anchored heads, and the first such head is named. On both backends."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from desktop.core import anchors, settings
from desktop.core.audit import entry_hash, verify_chain
from desktop.core.delivery import outbox
from desktop.core.delivery.outbox import Delivered
from desktop.core.model import AuditAnchor, AuditEntry, AuditHead, Candidate, OutboxEntry
from desktop.core.scheduling import desk_views
from desktop.integrations.mail.smtp import MailSender
from factories import SYSTEM
from mail_certs import make_certs
from smtp_server import PASSWORD, USER, SmtpServer
from storage_helpers import add_people

LOG, HEAD = AuditEntry.__table__, AuditHead.__table__


def configure(db, **values) -> None:
    with db.session(SYSTEM, write=True) as s:
        for key, value in values.items():
            settings.store_institution(s, key, value, "测试")


def head(db) -> tuple[int, str]:
    with db.session() as s:
        return tuple(s.execute(select(AuditHead.seq, AuditHead.hash)).one())


def publish(db) -> anchors.Published:
    with db.session(SYSTEM, write=True) as s:
        return anchors.publish_due(s)


def anchored(db, found: list[anchors.Anchor]) -> anchors.AnchorCheck:
    with db.session() as s:
        return anchors.check(s, found)


def chain_ok(db) -> bool:
    with db.session() as s:
        return verify_chain(s).ok


def test_the_head_goes_to_every_configured_witness_once_per_interval(db, clock, tmp_path):
    add_people(db, clock)
    folder = tmp_path / "anchors"
    configure(db, **{"audit.anchor_email": "archive@hospital.example.cn", "audit.anchor_oa_recipient": "dangan",
                     "audit.anchor_folder": str(folder), "audit.anchor_interval_hours": 24})
    seq, digest = head(db)

    first = publish(db)
    assert first.witnesses == ("email", "oa", "folder")
    assert (first.anchor.seq, first.anchor.hash) == (seq, digest)
    with db.session() as s:
        queued = s.execute(select(OutboxEntry.channel, OutboxEntry.kind, OutboxEntry.recipient, OutboxEntry.payload)
                           .where(OutboxEntry.kind == anchors.KIND).order_by(OutboxEntry.channel)).all()
        made = s.scalars(select(AuditAnchor.witness).order_by(AuditAnchor.id)).all()
    assert [(c, k, r) for c, k, r, _p in queued] == [("email", "audit_anchor", "archive@hospital.example.cn"),
                                                     ("oa", "audit_anchor", "dangan")]
    assert all((p["seq"], p["hash"]) == (seq, digest) for *_x, p in queued)
    assert made == ["email", "oa", "folder"]
    [file] = folder.iterdir()
    assert [(a.seq, a.hash) for a in anchors.read_anchors(file)] == [(seq, digest)]

    clock.advance(timedelta(hours=23))
    assert publish(db).witnesses == ()              # not due yet
    clock.advance(timedelta(hours=1))
    with db.session(SYSTEM, write=True) as s:       # the minute tick publishes when due
        desk_views.tick(s, SYSTEM)
    assert len(list(folder.iterdir())) == 2
    with db.session() as s:
        assert s.scalar(select(AuditAnchor.seq).order_by(AuditAnchor.id.desc()).limit(1)) > seq


def test_nothing_is_published_without_a_witness(db, clock):
    add_people(db, clock)
    assert publish(db) == anchors.Published(None, ())


def test_the_anchor_mail_reaches_the_archive_and_can_be_checked_from_the_saved_message(db, clock, tmp_path):
    certs = make_certs(tmp_path / "certs")
    relay = SmtpServer(certs).start()
    try:
        add_people(db, clock)
        configure(db, **{"mail.smtp_host": "127.0.0.1", "mail.smtp_port": relay.port,
                         "mail.smtp_security": "starttls", "mail.smtp_username": USER, "mail.smtp_password": PASSWORD,
                         "mail.ca_file": str(certs.ca_file), "mail.from_address": "hr@hospital.example.cn",
                         "mail.timeout_seconds": 5, "audit.anchor_email": "archive@hospital.example.cn"})
        published = publish(db)
        with db.session(write=True) as s:
            [item] = outbox.claim(s, "test", "email", 10)
        sender = MailSender(db)
        delivered = sender.deliver(item)
        sender.close()
        with db.session(write=True) as s:
            assert outbox.mark_sent(s, item, delivered)
        [(recipients, raw)] = relay.mailbox.received
    finally:
        relay.stop()
    assert recipients == ["archive@hospital.example.cn"]
    saved = tmp_path / "锚点邮件.eml"
    saved.write_bytes(raw)
    [found] = anchors.read_anchors(saved)
    assert (found.seq, found.hash) == (published.anchor.seq, published.anchor.hash)
    assert anchored(db, [found]).ok
    with db.session() as s:
        status = anchors.status(s)
    assert status.last_out == clock.now() and not status.warn


# --- rewriting the log with the key ------------------------------------------------------------------

def _rehash_from(conn, first_seq: int) -> None:
    """Recompute every hash from `first_seq` on and move audit_head: the chain verifies again."""
    prev = conn.execute(select(LOG.c.hash).where(LOG.c.seq == first_seq - 1)).scalar() or "0" * 64
    last = None
    for row in conn.execute(select(LOG).where(LOG.c.seq >= first_seq).order_by(LOG.c.seq)).all():
        digest = entry_hash(prev, row.seq, row.at, row.actor_id, row.actor_name, row.action, row.entity,
                            row.entity_id, row.changes)
        conn.execute(update(LOG).where(LOG.c.id == row.id).values(prev_hash=prev, hash=digest))
        prev, last = digest, row.seq
    conn.execute(update(HEAD).where(HEAD.c.id == 1).values(seq=last, hash=prev))


def _anchors_along_the_way(db, clock) -> list[anchors.Anchor]:
    """Three moments of a working day, each anchored."""
    taken = []
    ids = add_people(db, clock)
    for n, cid in enumerate(ids[:3]):
        with db.session() as s:
            taken.append(anchors.current_anchor(s))
        clock.advance(timedelta(hours=1))
        with db.session(write=True) as s:
            s.get(Candidate, cid).major = f"专业{n}"
    return taken


def test_cutting_entries_off_the_end_and_moving_the_head_is_caught(db, clock):
    taken = _anchors_along_the_way(db, clock)
    assert anchored(db, taken).ok
    keep = taken[1].seq - 1
    with db.engine.begin() as conn:
        last = conn.execute(select(LOG.c.hash).where(LOG.c.seq == keep)).scalar_one()
        conn.execute(delete(LOG).where(LOG.c.seq > keep))
        conn.execute(update(HEAD).where(HEAD.c.id == 1).values(seq=keep, hash=last))
    assert chain_ok(db)                  # the chain alone cannot tell
    check = anchored(db, taken)
    assert (check.ok, check.broken, check.problem) == (False, taken[1], "missing")


def test_editing_an_entry_and_recomputing_every_later_hash_is_caught(db, clock):
    taken = _anchors_along_the_way(db, clock)
    edited = taken[0].seq + 1            # after the first anchor, before the second
    with db.engine.begin() as conn:
        row = conn.execute(select(LOG).where(LOG.c.seq == edited)).one()
        conn.execute(update(LOG).where(LOG.c.id == row.id).values(actor_name="somebody_else"))
        _rehash_from(conn, edited)
    assert chain_ok(db)
    check = anchored(db, taken)
    assert (check.ok, check.broken, check.problem) == (False, taken[1], "differs")


def test_an_administrator_is_warned_after_seven_quiet_days(db, clock, tmp_path):
    add_people(db, clock)
    with db.session() as s:
        assert not anchors.status(s).warn            # a young database
    clock.advance(timedelta(days=7))
    with db.session() as s:
        status = anchors.status(s)
    assert status.warn and status.last_out is None and status.quiet_days == 7
    configure(db, **{"audit.anchor_folder": str(tmp_path / "anchors")})
    publish(db)
    with db.session() as s:
        assert not anchors.status(s).warn
    clock.advance(timedelta(days=7, minutes=1))
    with db.session() as s:
        assert anchors.status(s).warn


def test_an_archive_package_carries_an_anchor_that_verify_reads_back(db, clock, tmp_path):
    """The archive (电子档案) does not exist yet; its packages will put for_package() in their
    manifest, and `audit verify --anchors` reads it from there like any other witness."""
    add_people(db, clock)
    with db.session() as s:
        anchor = anchors.for_package(s)
    assert (anchor["seq"], anchor["hash"]) == head(db)
    manifest = tmp_path / "archive" / "WS-2026-0001" / "manifest.json"
    manifest.parent.mkdir(parents=True)
    manifest.write_text(json.dumps({"archive_code": "WS-2026-0001", "files": [], "audit_anchor": anchor},
                                   ensure_ascii=False), encoding="utf-8")
    found, files = anchors.collect(tmp_path / "archive")
    assert files == 1 and [(a.seq, a.hash, a.source) for a in found] == [(*head(db), "manifest.json")]
    assert anchored(db, found).ok


def test_the_anchor_reaches_the_archive_offices_oa_account(db, clock, tmp_path):
    from desktop.integrations.http_channels.oa import OaSender
    from http_gateway import Gateway

    gateway = Gateway()
    try:
        add_people(db, clock)
        configure(db, **{"oa.url": gateway.url + "/notices", "audit.anchor_oa_recipient": "dangan"})
        published = publish(db)
        with db.session(write=True) as s:
            [item] = outbox.claim(s, "test", "oa", 10)
        OaSender(db).deliver(item)
        [got] = gateway.received
    finally:
        gateway.close()
    notice = got.json()
    assert (notice["event"], notice["recipient"]) == ("audit_anchor", "dangan")
    assert published.anchor.token in notice["text"]
    saved = tmp_path / "oa-notice.json"            # the OA system's record, saved as it came
    saved.write_bytes(got.body)
    assert [(a.seq, a.hash) for a in anchors.read_anchors(saved)] == [(published.anchor.seq, published.anchor.hash)]
