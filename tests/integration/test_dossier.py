"""Dossiers (面试档案, issue 13 §2): the demo's story application (the interview day's held
interview, with its kiosk questions, timeline and checklist) closes → its dossier is produced in
the archive store and registered; PDFBox Preflight finds it valid PDF/A-1b; its XMP carries the
filing fields; it has bookmarks per section and round; the same record renders the same bytes and
a changed record a different digest; approval decisions print their signature state (valid,
invalid after a change, unsigned). On both backends."""

from __future__ import annotations

import hashlib
import re
import subprocess
from datetime import timedelta
from types import SimpleNamespace

import pytest
from pdfa import violations
from pyhanko.pdf_utils.reader import PdfFileReader
from sqlalchemy import func, select

from desktop.core import demo, settings, signing
from desktop.core.accounts import actor_for_user
from desktop.core.archive import dossier
from desktop.core.errors import DossierUnavailable, PermissionDenied
from desktop.core.model import (
    Application, ApplicationEvent, ApplicationStage, ArchiveRecord, AuditEntry, Candidate, ChangeRequest, Decision, Interview, User, UserKey,
)
from desktop.core.services import applications


def _user(session, username: str):
    return actor_for_user(session, session.scalar(select(User.id).where(User.username == username)))


def _story_application(session) -> int:
    """The interview day's held interview (yesterday, with the candidate's kiosk questions)."""
    return session.scalar(select(Interview.application_id).where(Interview.uid.like("demo-day-%"),
                                                                 Interview.ended_at.is_not(None))
                          .order_by(Interview.starts_at).limit(1))


def _text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "text.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def _outline_titles(path) -> list[str]:
    with open(path, "rb") as handle:
        root = PdfFileReader(handle).root
        titles, item = [], root["/Outlines"].get("/First")
        stack = []
        while item is not None:
            item = item.get_object()
            titles.append(str(item["/Title"]))
            if "/First" in item:
                stack.append(item.get("/Next"))
                item = item["/First"]
                continue
            item = item.get("/Next")
            while item is None and stack:
                item = stack.pop()
        return titles


@pytest.fixture
def story(db, clock):
    demo.populate(db, candidates=30, interviews=8)
    with db.session() as s:
        application_id = _story_application(s)
        assert application_id is not None
        assert s.scalar(select(func.count()).select_from(ArchiveRecord)
                        .where(ArchiveRecord.application_id == application_id)) == 0
    return application_id


def _row(session, application_id: int) -> SimpleNamespace:
    """The register row's values, usable after the unit of work."""
    found = session.scalar(select(ArchiveRecord).where(ArchiveRecord.application_id == application_id))
    return SimpleNamespace(**{c.key: getattr(found, c.key) for c in ArchiveRecord.__table__.columns},
                           path=dossier.file_path(session, found))


def _close(db, application_id: int, stage: str = "rejected") -> None:
    with db.session(write=True) as s:
        hr = _user(s, "hr.wangli")
        version = s.get(Application, application_id).version
        applications.move_stage(s, hr, applications.StageMove(application_id, stage, version, booked="keep",
                                                               reason="面试未通过"))


def test_the_story_application_closes_and_its_dossier_is_a_valid_pdfa_with_its_filing(db, clock, story, tmp_path):
    clock.advance(timedelta(hours=2))
    _close(db, story)
    with db.session() as s:
        row = _row(s, story)
        path = row.path
        application = s.get(Application, story)
        candidate = s.get(Candidate, application.candidate_id)
        assert row.reason == "closed" and row.formed_on == clock.now().astimezone(dossier._zone(s)).date()
        assert row.archive_code == f"MS-{row.formed_on.year}-{row.department_code}-{story:06d}"
        assert row.retention_label == "5年" and row.pages >= 3 and row.size_bytes == path.stat().st_size
        assert row.dispose_after.astimezone(dossier._zone(s)).date() == row.formed_on.replace(year=row.formed_on.year + 5)
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row.sha256
        name, phone = candidate.name, candidate.phone
    assert violations(path) == []
    data = path.read_bytes()
    assert b"/GTS_PDFA1" in data and b"/FontFile2" in data and b"/Encrypt" not in data and b"/SMask" not in data
    xmp = re.search(rb"<x:xmpmeta.*?</x:xmpmeta>", data, re.S).group(0).decode("utf-8")
    assert f"<dc:identifier>{row.archive_code}</dc:identifier>" in xmp
    assert row.title in xmp and name in row.title
    assert "<pdfaid:part>1</pdfaid:part>" in xmp and "<pdfaid:conformance>B</pdfaid:conformance>" in xmp
    assert "<idarc:RetentionPeriod>5年</idarc:RetentionPeriod>" in xmp and "<xmp:CreateDate>" in xmp
    assert "<dc:creator><rdf:Seq><rdf:li>" in xmp
    titles = _outline_titles(path)
    assert {"一、应聘人员", "二、应聘岗位", "四、面试", "档案信息"} <= set(titles)
    assert any(t.startswith("第") and "轮" in t for t in titles), titles
    text = _text(data, tmp_path)
    assert name in text and "应聘人员提问与答复" in text and row.archive_code in text and "保管期限" in text
    assert phone not in text and phone[-4:] in text          # contacts masked by default
    assert "王丽" in text                                      # the producer, on the last page


def test_the_same_record_renders_the_same_bytes_and_a_changed_one_another_file(db, clock, story):
    _close(db, story)
    with db.session() as s:
        row = _row(s, story)
        first_sha, first_source, first_file = row.sha256, row.source_sha256, row.path
        again = dossier.render(s, story, produced_by="someone else", now=clock.now() + timedelta(days=3))
        assert again.sha256 == first_sha and again.source_sha256 == first_source
    clock.advance(timedelta(days=2))
    with db.session(write=True) as s:
        hr = _user(s, "hr.wangli")
        assert dossier.produce_now(s, hr, story).sha256 == first_sha     # regenerated: the same file
    with db.session(write=True) as s:
        candidate = s.get(Candidate, s.get(Application, story).candidate_id)
        candidate.school = candidate.school + "（更正）"
    with db.session(write=True) as s:
        hr = _user(s, "hr.wangli")
        changed = dossier.produce_now(s, hr, story)
        assert changed.source_sha256 != first_source and changed.sha256 != first_sha
        assert changed.archive_code == row.archive_code and changed.reason == "closed"
        new_file = dossier.file_path(s, changed)
        assert new_file != first_file and new_file.is_file() and first_file.is_file()   # the old file is kept
        assert s.scalar(select(func.count()).select_from(ArchiveRecord)
                        .where(ArchiveRecord.application_id == story)) == 1


def test_decisions_print_their_signature_state(db, clock, tmp_path):
    demo.populate(db, candidates=30, interviews=8)
    with db.session(write=True) as s:
        decisions = list(s.scalars(select(Decision).join(ChangeRequest).order_by(Decision.id)))
        assert len(decisions) >= 2
        signed, tampered = decisions[0], decisions[1]
        for d in (signed, tampered):
            key = signing.new_key(s, d.approver_id, "口令-足够长的密码", clock.now())
            signing.KEYRING.put(d.approver_id, key)
            signing.sign(s, d.approver_id, "change_decision", d.id, d.change_sha256, d.verdict.value, d.comment,
                         d.decided_at)
        tampered.comment = tampered.comment + "（事后改动）"
        application_ids = {s.scalar(select(Interview.application_id).join(ChangeRequest)
                                    .where(ChangeRequest.id == d.change_request_id)) for d in (signed, tampered)}
    try:
        texts = []
        with db.session() as s:
            for application_id in sorted(application_ids):
                made = dossier.render(s, application_id, produced_by="王丽", now=clock.now())
                texts.append(_text(made.pdf, tmp_path))
                if any(x.subject_id == signed.id for x in made.signed):
                    found = next(x for x in made.signed if x.subject_id == signed.id)
                    assert found.content_sha256 == signed.change_sha256
                    text = signing.signed_text(found.subject, found.subject_id, found.content_sha256, found.verdict,
                                               found.comment, found.signed_at, found.signer_id, found.key_id)
                    public = s.scalar(select(UserKey.public_key).where(UserKey.key_id == found.key_id))
                    assert signing.verify_text(public, text, found.signature)
                assert all(x.subject_id != tampered.id for x in made.signed)   # an invalid one is not carried
        joined = "\n".join(texts)
        assert "签名有效" in joined and "签名无效" in joined and "未签名" in joined
    finally:
        for d in (signed, tampered):
            signing.KEYRING.forget(d.approver_id)


def test_opening_checks_the_file_against_the_register(db, clock, story):
    with db.session() as s:
        hr = _user(s, "hr.wangli")
    with db.session(write=True) as s, pytest.raises(DossierUnavailable) as caught:
        dossier.open_file(s, hr, story)
    assert caught.value.params["reason"] == "not_produced"
    _close(db, story)
    with db.session(write=True) as s:
        path = dossier.open_file(s, hr, story)
        assert path.is_file()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "dossier_opened")) == 1
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    with db.session(write=True) as s, pytest.raises(DossierUnavailable) as caught:
        dossier.open_file(s, hr, story)
    assert caught.value.params["reason"] == "file_changed"
    path.unlink()
    with db.session(write=True) as s, pytest.raises(DossierUnavailable) as caught:
        dossier.open_file(s, hr, story)
    assert caught.value.params["reason"] == "file_missing"
    with db.session(write=True) as s, pytest.raises(PermissionDenied):
        dossier.produce_now(s, _user(s, "xx.lingang"), story)                  # an interviewer may not


def test_a_failing_archive_store_does_not_undo_the_closing_and_the_minute_job_catches_up(db, clock, story, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the archive folder should be")
    with db.session(write=True) as s:
        settings.store_institution(s, "archive.folder", str(blocked), "test")
    _close(db, story, "withdrawn")
    with db.session() as s:
        assert s.get(Application, story).stage == ApplicationStage.WITHDRAWN          # closed all the same
        assert story in dossier.due(s, limit=1000)
    with db.session(write=True) as s:
        assert dossier.produce_due(s) == 0                                           # still failing
        settings.store_institution(s, "archive.folder", str(tmp_path / "archive"), "test")
    with db.session(write=True) as s:
        assert dossier.produce_due(s, limit=1000) >= 1
    with db.session() as s:
        row = _row(s, story)
        assert row.path.parent.parent == tmp_path / "archive"
        assert story not in dossier.due(s, limit=1000)
        assert dossier.AUTOMATIC in _text(row.path.read_bytes(), tmp_path)


def test_a_long_history_breaks_over_pages_with_its_header_repeated(db, clock, story, tmp_path):
    with db.session(write=True) as s:
        for n in range(90):
            s.add(ApplicationEvent(application_id=story, at=clock.now() - timedelta(minutes=200 - n), kind="stage_changed",
                                   actor_label="李静", detail={"before": "screening", "stage": "on_hold",
                                                              "reason": f"第{n}次复核：材料补充"}))
    with db.session() as s:
        made = dossier.render(s, story, produced_by="王丽", now=clock.now())
    path = tmp_path / "long.pdf"
    path.write_bytes(made.pdf)
    assert made.pages >= 5 and violations(path) == []
    pages = [subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True).stdout for n in range(1, made.pages + 1)]
    continued = [text for text in pages if "第89次复核" in text or "第45次复核" in text]
    assert len(continued) >= 2 and all("经办人" in text for text in continued)     # the header on each page


def test_a_signed_offer_step_is_verified_and_carried(db, clock, tmp_path):
    """The demo's offers went through their chain with the approvers' keys: each step prints
    签名有效 and is carried (for the package) with the offer hash it was signed over; a step whose
    recorded comment was changed afterwards prints 签名无效 and is not carried."""
    demo.populate(db)                                           # the full demo has offers approved in two steps
    with db.session() as s:
        step = s.scalars(select(ApplicationEvent).where(ApplicationEvent.kind == "offer_step")
                         .order_by(ApplicationEvent.id)).first()
        application_id, step_id = step.application_id, step.id
        steps = {e.id: e.detail["content_sha256"] for e in s.scalars(select(ApplicationEvent).where(
            ApplicationEvent.application_id == application_id, ApplicationEvent.kind == "offer_step"))}
        made = dossier.render(s, application_id, produced_by="王丽", now=clock.now())
    assert steps and {(x.subject_id, x.content_sha256) for x in made.signed if x.subject == "offer_step"} \
        == set(steps.items())
    assert "签名有效" in _text(made.pdf, tmp_path)

    with db.session(write=True) as s:                           # behind the program's back
        event = s.get(ApplicationEvent, step_id)
        event.detail = {**event.detail, "comment": event.detail.get("comment", "") + "（事后改动）"}
    with db.session() as s:
        changed = dossier.render(s, application_id, produced_by="王丽", now=clock.now())
    assert step_id not in {x.subject_id for x in changed.signed if x.subject == "offer_step"}
    assert "签名无效" in _text(changed.pdf, tmp_path)
