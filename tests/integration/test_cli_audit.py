"""`interviewdesk audit verify --anchors` and `db check` from the IT office's console: a log
rewritten with the key fails naming the first anchored head it no longer extends; records changed
behind the program's back are named one by one."""

from __future__ import annotations

import json
from email.message import EmailMessage

from sqlalchemy import select, text, update

from desktop.core import anchors
from desktop.core.audit import entry_hash
from desktop.core.model import AuditEntry, AuditHead, Candidate
from desktop.core.storage.database import open_embedded
from desktop.core.storage.keys import key_file_for
from storage_helpers import add_people
from test_cli_support import PASSPHRASE, cli, database, template  # noqa: F401  (fixtures)

LOG, HEAD = AuditEntry.__table__, AuditHead.__table__


def saved_mail(path, anchor: anchors.Anchor) -> None:
    """The archive office's anchor message as a mail program saves it (.eml, base64 UTF-8 body)."""
    subject, body = anchors.message({"seq": anchor.seq, "hash": anchor.hash, "at": "2026-11-23T01:00:00+00:00"})
    message = EmailMessage()
    message["Subject"], message["From"], message["To"] = subject, "hr@hospital.example.cn", "archive@example.cn"
    message.set_content(body, charset="utf-8", cte="base64")
    path.write_bytes(bytes(message))


def test_verify_with_anchors_passes_then_names_the_first_head_a_rewritten_log_no_longer_extends(
        cli, database, tmp_path, monkeypatch, clock):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    add_people(db, clock)
    witnesses = tmp_path / "witnesses"
    witnesses.mkdir()
    with db.session() as s:
        early = anchors.current_anchor(s)
    saved_mail(witnesses / "锚点-1.eml", early)
    with db.session(write=True) as s:
        s.get(Candidate, 2).major = "临床医学"
    db.dispose()

    backup = cli("--db", path, "db", "backup", tmp_path / "backups" / "b1.db")
    assert backup.code == 0, backup.err
    assert "审计日志" in backup.out
    manifest = json.loads(key_file_for(tmp_path / "backups" / "b1.db").read_text(encoding="utf-8"))["backup"]
    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    with db.session() as s:
        backed_up = s.scalar(select(AuditEntry.hash).where(AuditEntry.seq == manifest["audit_anchor"]["seq"]))
    assert manifest["audit_anchor"]["hash"] == backed_up
    with db.session(write=True) as s:
        s.get(Candidate, 1).major = "法学"
        s.flush()
    with db.session() as s:
        anchors.write_file(witnesses, anchors.current_anchor(s))
    db.dispose()
    (witnesses / "b1.db.keys").write_bytes(key_file_for(tmp_path / "backups" / "b1.db").read_bytes())
    (witnesses / "说明.txt").write_text("这里保存审计锚点。", encoding="utf-8")

    good = cli("--db", path, "audit", "verify", "--anchors", witnesses, lang="en")
    assert good.code == 0, good.text
    assert "extends all 3 anchored head(s)" in good.out

    # Someone with the key edits the entry after the early anchor and recomputes every later hash.
    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    edited = early.seq + 1
    with db.engine.begin() as conn:
        row = conn.execute(select(LOG).where(LOG.c.seq == edited)).one()
        conn.execute(update(LOG).where(LOG.c.id == row.id).values(actor_name="admin"))
        prev = row.prev_hash
        for later in conn.execute(select(LOG).where(LOG.c.seq >= edited).order_by(LOG.c.seq)).all():
            actor = "admin" if later.seq == edited else later.actor_name
            digest = entry_hash(prev, later.seq, later.at, later.actor_id, actor, later.action, later.entity,
                                later.entity_id, later.changes)
            conn.execute(update(LOG).where(LOG.c.id == later.id).values(prev_hash=prev, hash=digest))
            prev, last = digest, later.seq
        conn.execute(update(HEAD).where(HEAD.c.id == 1).values(seq=last, hash=prev))
    db.dispose()
    plain = cli("--db", path, "audit", "verify")
    assert plain.code == 0                  # the chain alone holds again
    caught = cli("--db", path, "audit", "verify", "--anchors", witnesses)
    assert caught.code == 1
    assert "审计日志已被改写" in caught.out and "b1.db.keys" in caught.out and f"#{manifest['audit_anchor']['seq']}" in caught.out


def test_verify_with_a_folder_without_anchors_is_a_usage_error(cli, database, tmp_path, monkeypatch):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "note.txt").write_text("nothing here", encoding="utf-8")
    result = cli("--db", path, "audit", "verify", "--anchors", tmp_path / "empty")
    assert result.code == 2 and "没有找到审计日志锚点" in result.text


def test_db_check_names_each_record_changed_behind_the_programs_back(cli, database, monkeypatch, clock):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    ids = add_people(db, clock)
    db.dispose()
    sound = cli("--db", path, "db", "check", lang="en")
    assert sound.code == 0, sound.text
    assert "Records compared with the audit log" in sound.out

    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE candidates SET name = '李四', id_number = '110101198001020013' WHERE id = :id"),
                     {"id": ids[0]})
        conn.execute(text("INSERT INTO role_grants (user_id, role, department_id) VALUES (1, 'reception', NULL)"))
    db.dispose()
    broken = cli("--db", path, "db", "check", lang="en")
    assert broken.code == 1
    assert f"Candidate #{ids[0]} (candidates): differs from the audit log in name, id_number" in broken.out
    assert "RoleGrant #3 (role_grants): has no history in the audit log" in broken.out
    zh = cli("--db", path, "db", "check")
    assert "与审计日志记录不一致" in zh.out


def test_reordered_entries_are_reported_out_of_order_not_missing(cli, database, monkeypatch, clock):
    path, _recovery = database
    monkeypatch.setenv("INTERVIEWDESK_PASSPHRASE", PASSPHRASE)
    db = open_embedded(path, passphrase=PASSPHRASE, clock=clock)
    add_people(db, clock)
    with db.engine.begin() as conn:          # entries 3 and 4 swap places; none is missing
        conn.execute(update(LOG).where(LOG.c.seq == 3).values(seq=-1))
        conn.execute(update(LOG).where(LOG.c.seq == 4).values(seq=3))
        conn.execute(update(LOG).where(LOG.c.seq == -1).values(seq=4))
    db.dispose()
    result = cli("--db", path, "audit", "verify")
    assert result.code == 1
    assert "#3" in result.out and "记录顺序错乱" in result.out and "缺失" not in result.out
