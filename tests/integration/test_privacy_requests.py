"""Personal-data requests (issue 13 §5), on both backends: the deadline in working days, each kind
handled end to end with its answer queued through the outbox, deletion inside and outside retention,
consent withdrawal, the overdue alert, the audit log, and bad input refused before anything is written."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from factories import SYSTEM, add_application, add_candidate, add_position, add_user, audit_entries, department_tree
from sqlalchemy import select

from desktop.core import audit
from desktop.core.errors import InvalidState, ValidationFailed
from desktop.core.lifecycle import request_answers, requests
from desktop.core.model import (
    Alert, Application, ApplicationStage, Candidate, Holiday, OutboxEntry, PersonalDataRequest, Role, TalentPoolEntry,
)
from desktop.core.scheduling import reminders
from desktop.integrations.documents import personal_data

PHONE, EMAIL = "13812345678", "li.ming@example.cn"


@pytest.fixture
def office(db):
    depts = department_tree(db)
    hr = add_user(db, "hr.wang", [(Role.HR_OFFICER, None)], display_name="王丽")
    hr2 = add_user(db, "hr.zhao", [(Role.HR_OFFICER, depts.a)], display_name="赵敏")
    position = add_position(db, depts.a, "NK-01", "住院医师")
    candidate = add_candidate(db, "李明", depts.a, phone=PHONE, email=EMAIL, talent_pool_consent=True)
    with db.session(SYSTEM, write=True) as s:
        s.add(TalentPoolEntry(candidate_id=candidate, added_at=s.info["clock"].now()))
    return {"db": db, "hr": hr, "hr2": hr2, "depts": depts, "position": position, "candidate": candidate}


def _record(db, actor, candidate_id, kind, *, channel="email", received_on=date(2026, 11, 23), **more):
    data = requests.RequestInput(candidate_id=candidate_id, kind=kind, channel=channel, received_on=received_on,
                                 **more)
    with db.session(actor, write=True) as s:
        return requests.record(s, actor, data)


def _answer(db, actor, request_id, **options):
    with db.session(actor, write=True) as s:
        version = s.get(PersonalDataRequest, request_id).version
        return request_answers.answer(s, actor, request_id, version, **options)


def _outbox(db):
    with db.session() as s:
        return [(e.channel, e.kind, e.recipient, dict(e.payload)) for e in s.scalars(select(OutboxEntry))]


def test_the_deadline_counts_working_days_and_skips_the_office_holidays(office):
    db = office["db"]
    with db.session(SYSTEM) as s:
        # received Monday 23 Nov: 15 working days → Monday 14 Dec, end of the working day (17:30 Shanghai)
        assert requests.deadline(s, date(2026, 11, 23)) == datetime(2026, 12, 14, 9, 30, tzinfo=timezone.utc)
    with db.session(SYSTEM, write=True) as s:
        s.add(Holiday(day=date(2026, 12, 1), name="单位假日", is_workday=False))
        s.add(Holiday(day=date(2026, 12, 12), name="调休", is_workday=True))   # a working Saturday counts
        s.add(Holiday(day=date(2026, 12, 3), name="单位假日", is_workday=False))
    with db.session(SYSTEM) as s:   # two days off, one working Saturday: one day later
        assert requests.deadline(s, date(2026, 11, 23)) == datetime(2026, 12, 15, 9, 30, tzinfo=timezone.utc)
        assert requests.deadline(s, date(2026, 11, 23), 3) == datetime(2026, 11, 26, 9, 30, tzinfo=timezone.utc)
        assert requests.deadline(s, date(2026, 11, 27), 3) == datetime(2026, 12, 4, 9, 30, tzinfo=timezone.utc)
    request_id = _record(db, office["hr"], office["candidate"], "access")
    with db.session() as s:
        request = s.get(PersonalDataRequest, request_id)
        assert request.due_at == datetime(2026, 12, 15, 9, 30, tzinfo=timezone.utc)
        assert (request.status, request.owner_id, request.channel) == ("open", office["hr"].user_id, "email")


def test_the_deadline_follows_the_setting(office):
    db = office["db"]
    from desktop.core.settings import store_institution
    with db.session(SYSTEM, write=True) as s:
        store_institution(s, "privacy.request_days", 5, "test")
    request_id = _record(db, office["hr"], office["candidate"], "restrict")
    with db.session() as s:
        assert s.get(PersonalDataRequest, request_id).due_at == datetime(2026, 11, 30, 9, 30, tzinfo=timezone.utc)


def test_access_exports_pdf_and_json_and_the_answer_carries_them(office, tmp_path):
    db, hr = office["db"], office["hr"]
    request_id = _record(db, hr, office["candidate"], "access", note="来信要求查阅本人信息")
    with db.session(hr, write=True) as s:
        with pytest.raises(ValidationFailed) as refused:     # no copy yet and none attached
            request_answers.answer(s, hr, request_id, s.get(PersonalDataRequest, request_id).version, attach=False)
        assert refused.value.problems == {"export": "required"}
    with db.session(hr, write=True) as s:
        written = personal_data.export(s, hr, request_id, tmp_path)
    assert [p.suffix for p in written] == [".pdf", ".json"] and all(p.exists() for p in written)
    assert "李明" not in written[0].name
    assert not list(tmp_path.glob("*.part"))
    assert written[0].read_bytes().startswith(b"%PDF")
    data = json.loads(written[1].read_text(encoding="utf-8"))
    assert data["profile"]["name"] == "李明" and data["profile"]["phone"] == PHONE
    assert data["talent_pool"] is not None
    with db.session(hr) as s:
        plan = request_answers.plan(s, hr, request_id)
        assert plan.outcome == "access" and plan.attach and plan.exported
        assert "李明先生" not in plan.text and "李明" in plan.text and "附在本邮件中" in plan.text
    answered = _answer(db, hr, request_id)
    assert (answered.outcome, answered.channel, answered.queued) == ("access", "email", True)
    [(channel, kind, recipient, payload)] = _outbox(db)
    assert (channel, kind, recipient, payload["export_attached"]) == ("email", "privacy_access", EMAIL, True)
    with db.session() as s:
        request = s.get(PersonalDataRequest, request_id)
        assert (request.status, request.outcome) == ("answered", "access")
        assert "查阅、复制个人信息" in request.answer
        from desktop.integrations.mail.smtp import SmtpConfig, message_for
        from desktop.core.delivery.outbox import Item
        entry = s.scalar(select(OutboxEntry))
        item = Item(entry.id, entry.dedupe_key, None, "email", entry.kind, entry.recipient, dict(entry.payload), 1, 1)
        config = SmtpConfig("smtp.example.cn", 25, "none", "", "", "", "hr@example.cn", "人事处", 10)
        message = message_for(s, config, item)
        names = sorted(part.get_filename() for part in message.iter_attachments())
    assert names == [p.name for p in sorted(written)]
    exports = audit_entries(db, action="export", entity="Candidate")
    assert len(exports) == 1 and exports[0].changes["request_id"] == request_id


def test_correction_goes_through_the_candidate_checks_and_the_answer_reaches_the_new_number(office):
    db, hr = office["db"], office["hr"]
    request_id = _record(db, hr, office["candidate"], "correct", channel="sms",
                         corrections={"phone": "139 0000 1111", "school": "北京大学"})
    with db.session() as s:
        assert s.get(PersonalDataRequest, request_id).details["corrections"] == {"phone": "13900001111",
                                                                                 "school": "北京大学"}
    answered = _answer(db, hr, request_id)
    assert answered.outcome == "corrected"
    with db.session() as s:
        candidate = s.get(Candidate, office["candidate"])
        assert (candidate.phone, candidate.phone_tail, candidate.school) == ("13900001111", "1111", "北京大学")
    [(channel, kind, recipient, payload)] = _outbox(db)
    assert (channel, kind, recipient) == ("sms", "privacy_correct", "13900001111")
    assert payload["corrected_fields"] == ["phone", "school"]
    changed = [e for e in audit_entries(db, action="update", entity="Candidate")]
    assert changed and changed[-1].changes["phone"]["after"] == "139****1111"


def test_withdrawal_of_consent_leaves_the_talent_pool(office):
    db, hr = office["db"], office["hr"]
    request_id = _record(db, hr, office["candidate"], "withdraw_consent")
    _answer(db, hr, request_id, note="如需再次加入人才库，欢迎随时联系。")
    with db.session() as s:
        candidate = s.get(Candidate, office["candidate"])
        assert (candidate.talent_pool_consent, candidate.consent_date) == (False, None)
        assert s.scalar(select(TalentPoolEntry).where(TalentPoolEntry.candidate_id == candidate.id)) is None
    [(_channel, kind, _recipient, payload)] = _outbox(db)
    assert kind == "privacy_withdraw" and payload["answer"] == "如需再次加入人才库，欢迎随时联系。"
    assert audit_entries(db, action="delete", entity="TalentPoolEntry")


def test_restriction_keeps_the_candidate_out_of_new_applications(office):
    db, hr = office["db"], office["hr"]
    request_id = _record(db, hr, office["candidate"], "restrict")
    _answer(db, hr, request_id)
    with db.session() as s:
        assert s.get(Candidate, office["candidate"]).restricted is True
    from desktop.core.services import applications
    with db.session(SYSTEM, write=True) as s:
        with pytest.raises(ValidationFailed) as refused:
            applications.apply(s, SYSTEM, applications.ApplicationInput(candidate_id=office["candidate"],
                                                                        position_id=office["position"]))
        assert refused.value.problems == {"candidate_id": "restricted"}


def test_delete_inside_retention_restricts_and_explains_until_when(office):
    db, hr = office["db"], office["hr"]
    application = add_application(db, office["candidate"], office["position"], ApplicationStage.REJECTED)
    with db.session(SYSTEM, write=True) as s:
        s.get(Application, application).closed_at = s.info["clock"].now() - timedelta(days=30)
        kept = request_answers.retention(s, office["candidate"])
    assert kept.in_retention and kept.until is not None
    request_id = _record(db, hr, office["candidate"], "delete")
    answered = _answer(db, hr, request_id)
    assert (answered.outcome, answered.retained_until) == ("retained", kept.until)
    with db.session() as s:
        candidate = s.get(Candidate, office["candidate"])
        assert candidate.restricted and candidate.purged_at is None and candidate.name == "李明"
        assert not candidate.talent_pool_consent     # asking for deletion withdraws the pool's consent
        assert s.get(PersonalDataRequest, request_id).details["restricted_until"] == kept.until.isoformat()
    [(_channel, kind, recipient, payload)] = _outbox(db)
    assert (kind, recipient, payload["retained_until"]) == ("privacy_retained", EMAIL, kept.until.isoformat())
    with db.session() as s:
        text = s.get(PersonalDataRequest, request_id).answer
    assert f"{kept.until.year}年{kept.until.month}月{kept.until.day}日" in text and "第四十七条" in text


def test_delete_outside_retention_anonymises_and_the_answer_names_nobody(office, clock):
    db, hr = office["db"], office["hr"]
    with db.session(SYSTEM) as s:    # entered today, never hired: kept as "not hired" for 5 years
        assert request_answers.retention(s, office["candidate"]).in_retention
    clock.set(datetime(2032, 3, 1, 2, 0, tzinfo=timezone.utc))
    with db.session(SYSTEM) as s:    # the talent pool's consent does not keep them: the request withdraws it
        assert not request_answers.retention(s, office["candidate"]).in_retention
    request_id = _record(db, hr, office["candidate"], "delete", channel="sms", received_on=date(2032, 3, 1))
    answered = _answer(db, hr, request_id)
    assert answered.outcome == "anonymised"
    with db.session() as s:
        candidate = s.get(Candidate, office["candidate"])
        assert candidate.purged_at is not None and candidate.phone is None and "李明" not in candidate.name
        assert s.get(PersonalDataRequest, request_id).outcome == "anonymised"
    [(channel, kind, recipient, payload)] = _outbox(db)
    assert (channel, kind, recipient) == ("sms", "privacy_delete", PHONE)
    assert "candidate_name" not in payload and "李明" not in json.dumps(payload, ensure_ascii=False)
    with db.session(hr, write=True) as s:         # nothing left to ask about
        with pytest.raises(ValidationFailed) as refused:
            requests.record(s, hr, requests.RequestInput(office["candidate"], "access", "sms", date(2032, 3, 1)))
        assert refused.value.problems["candidate_id"] == "purged"
    with db.session() as s:
        assert audit.verify_chain(s).ok


def test_delete_with_an_open_application_asks_to_close_it_first(office):
    db, hr = office["db"], office["hr"]
    add_application(db, office["candidate"], office["position"], ApplicationStage.INTERVIEWING)
    request_id = _record(db, hr, office["candidate"], "delete")
    with db.session(hr) as s:
        with pytest.raises(InvalidState) as refused:
            request_answers.plan(s, hr, request_id)
        assert refused.value.params["status"] == "privacy_open_application"
    with db.session(hr, write=True) as s:
        with pytest.raises(InvalidState):
            request_answers.answer(s, hr, request_id, s.get(PersonalDataRequest, request_id).version)
    assert not _outbox(db)


def test_refusal_answers_with_the_reason_and_changes_nothing(office):
    db, hr = office["db"], office["hr"]
    request_id = _record(db, hr, office["candidate"], "delete")
    answered = _answer(db, hr, request_id, refuse_reason="无法核实请求人身份，请携带身份证件到人事处办理。")
    assert answered.outcome == "refused"
    with db.session() as s:
        assert s.get(Candidate, office["candidate"]).restricted is False
    [(_channel, kind, _recipient, payload)] = _outbox(db)
    assert kind == "privacy_refused" and payload["reason"].startswith("无法核实")
    with db.session(hr, write=True) as s:         # answered once
        with pytest.raises(InvalidState):
            request_answers.answer(s, hr, request_id, s.get(PersonalDataRequest, request_id).version)


def test_an_overdue_request_alerts_its_owner_once(office, clock):
    db, hr2 = office["db"], office["hr2"]
    request_id = _record(db, office["hr"], office["candidate"], "access", owner_id=hr2.user_id,
                         received_on=date(2026, 11, 23))
    with db.session(SYSTEM, write=True) as s:
        assert "privacy_request_overdue" not in reminders.evaluate(s).kinds
    clock.set(datetime(2026, 12, 14, 9, 31, tzinfo=timezone.utc))
    with db.session(SYSTEM, write=True) as s:
        assert reminders.evaluate(s).kinds.count("privacy_request_overdue") == 1
    with db.session(SYSTEM, write=True) as s:
        assert "privacy_request_overdue" not in reminders.evaluate(s).kinds
    with db.session() as s:
        alert = s.scalar(select(Alert).where(Alert.kind == "privacy_request_overdue"))
        assert (alert.user_id, alert.detail["request_id"]) == (hr2.user_id, request_id)


def test_every_change_is_audited_with_personal_values_masked(office):
    db, hr = office["db"], office["hr"]
    request_id = _record(db, hr, office["candidate"], "correct", note="李明来电，手机号码写错",
                         corrections={"phone": "13900001111"})
    _answer(db, hr, request_id)
    entries = audit_entries(db, entity="PersonalDataRequest")
    assert [e.action for e in entries] == ["create", "update"]
    assert all(e.actor_name == "hr.wang" for e in entries)
    dumped = json.dumps([e.changes for e in entries], ensure_ascii=False)
    assert "13900001111" not in dumped and "李明" not in dumped and "手机号码写错" not in dumped
    assert entries[1].changes["status"] == {"before": "open", "after": "answered"}
    with db.session() as s:
        assert audit.verify_chain(s).ok


def test_bad_input_is_refused_before_anything_is_written(office, clock):
    db, hr, candidate = office["db"], office["hr"], office["candidate"]
    cases = [
        (dict(candidate_id=999999, kind="access", channel="email"), {"candidate_id": "unknown_candidate"}),
        (dict(candidate_id=None, kind="access", channel="email"), {"candidate_id": "required"}),
        (dict(candidate_id=candidate, kind="correct", channel="email", corrections={}), {"corrections": "required"}),
        (dict(candidate_id=candidate, kind="correct", channel="email", corrections={"phone": PHONE}),
         {"corrections": "nothing_changes"}),
        (dict(candidate_id=candidate, kind="correct", channel="email", corrections={"phone": "12345"}),
         {"corrections.phone": "phone_format"}),
        (dict(candidate_id=candidate, kind="access", channel="email", due_on=date(2026, 11, 20)), {"due_on": "past"}),
        (dict(candidate_id=candidate, kind="access", channel="email", received_on=date(2026, 11, 24)),
         {"received_on": "future"}),
        (dict(candidate_id=candidate, kind="erase", channel="fax"), {"kind": "choice", "channel": "choice"}),
        (dict(candidate_id=candidate, kind="access", channel="email", owner_id=999), {"owner_id": "choice"}),
    ]
    for fields, problems in cases:
        fields.setdefault("received_on", date(2026, 11, 23))
        with db.session(hr, write=True) as s:
            with pytest.raises(ValidationFailed) as refused:
                requests.record(s, hr, requests.RequestInput(**fields))
            assert refused.value.problems == problems, fields
    no_mail = add_candidate(db, "张伟", office["depts"].a, phone=PHONE)
    with db.session(hr, write=True) as s:
        with pytest.raises(ValidationFailed) as refused:
            requests.record(s, hr, requests.RequestInput(no_mail, "access", "email", date(2026, 11, 23)))
        assert refused.value.problems == {"channel": "no_address"}
    with db.session() as s:
        assert s.scalar(select(PersonalDataRequest.id)) is None
    assert not audit_entries(db, entity="PersonalDataRequest")


def test_the_lists_show_open_requests_by_deadline_to_hr_of_the_department(office):
    db, hr, hr2 = office["db"], office["hr"], office["hr2"]
    late = _record(db, hr, office["candidate"], "access", received_on=date(2026, 11, 20))
    early = _record(db, hr, office["candidate"], "restrict")
    outsider = add_candidate(db, "周涛", office["depts"].b, phone="13700001234")
    other = _record(db, hr, outsider, "access", channel="sms")
    with db.session(hr2) as s:
        assert [r.id for r in requests.list_requests(s, hr2)] == [late, early]
    with db.session(hr) as s:
        rows = requests.list_requests(s, hr)
        assert [r.id for r in rows] == [late, early, other]
        assert rows[0].candidate == "李明" and rows[0].owner == "王丽" and rows[0].received_on == date(2026, 11, 20)
    _answer(db, hr, early)
    with db.session(hr) as s:
        assert [r.id for r in requests.list_requests(s, hr, done=True)] == [early]
        assert [r.id for r in requests.list_requests(s, hr, candidate_id=office["candidate"])] == [late]


def test_hand_over_and_close_without_answer(office):
    db, hr, hr2 = office["db"], office["hr"], office["hr2"]
    request_id = _record(db, hr, office["candidate"], "access")
    with db.session(hr, write=True) as s:
        version = s.get(PersonalDataRequest, request_id).version
        with pytest.raises(ValidationFailed) as refused:          # not an HR officer of the department
            requests.reassign(s, hr, request_id, 999, version)
        assert refused.value.problems == {"owner_id": "choice"}
    with db.session(hr, write=True) as s:
        requests.reassign(s, hr, request_id, hr2.user_id, s.get(PersonalDataRequest, request_id).version)
    with db.session(hr2) as s:
        assert [r.owner for r in requests.list_requests(s, hr2, mine=True)] == ["赵敏"]
    with db.session(hr2, write=True) as s:
        version = s.get(PersonalDataRequest, request_id).version
        with pytest.raises(ValidationFailed) as refused:
            requests.close(s, hr2, request_id, version, "  ")
        assert refused.value.problems == {"reason": "required"}
    with db.session(hr2, write=True) as s:
        requests.close(s, hr2, request_id, s.get(PersonalDataRequest, request_id).version, "候选人书面撤回请求")
    with db.session() as s:
        request = s.get(PersonalDataRequest, request_id)
        assert (request.status, request.outcome, request.handled_by_id) == ("closed", "withdrawn", hr2.user_id)
    assert not _outbox(db)
    with db.session(hr2, write=True) as s:
        with pytest.raises(InvalidState):
            requests.close(s, hr2, request_id, s.get(PersonalDataRequest, request_id).version, "again")


def test_an_export_to_a_folder_that_cannot_be_written_leaves_nothing_and_records_nothing(office, tmp_path):
    db, hr = office["db"], office["hr"]
    request_id = _record(db, hr, office["candidate"], "access")
    out = tmp_path / "out"
    out.mkdir()
    not_a_folder = out / "copy.pdf"                # a file where a folder was expected (tests run as root:
    not_a_folder.write_bytes(b"x")                 # permissions would not stop them)
    with pytest.raises(OSError):
        with db.session(hr, write=True) as s:
            personal_data.export(s, hr, request_id, not_a_folder)
    assert sorted(p.name for p in out.iterdir()) == ["copy.pdf"]
    with pytest.raises(OSError):
        with db.session(hr, write=True) as s:
            personal_data.export(s, hr, request_id, out / "missing")
    with db.session() as s:
        assert "exported_at" not in s.get(PersonalDataRequest, request_id).details
    assert not audit_entries(db, action="export")
