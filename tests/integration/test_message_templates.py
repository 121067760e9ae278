"""Message templates against real databases: an administrator's version replaces the default in
what is sent, a refused version writes nothing, reset brings the default back, only administrators
may change texts, and the real outbox payloads of a booking and a change request render in full."""

from __future__ import annotations

from datetime import timedelta

import pytest
from factories import SYSTEM, actor, add_user, audit_entries, count
from scheduling_helpers import BACKENDS, book, request, world_copy
from scheduling_world import STORY_DAY, World, local
from sqlalchemy import select

from desktop.core import settings
from desktop.core.errors import PermissionDenied
from desktop.core.model import ChangeKind, MessageTemplate, OutboxEntry, Party, Role
from desktop.core.notifications import fields, templates
from desktop.core.notifications.templates import TemplateInvalid
from desktop.core.scheduling import changes


@pytest.fixture
def admin(db):
    return add_user(db, "admin_wang", [(Role.ADMIN, None)], display_name="王管理")


def test_an_administrators_version_is_used_until_it_is_reset(db, admin, clock):
    with db.session(admin) as s:
        payload = templates.sample_payload(s)
        shipped = templates.render(s, "invitation", "sms", payload)
    assert "人事专员" in shipped.text and "张伟先生您好" in shipped.text

    with db.session(admin, write=True) as s:
        saved = templates.save(s, admin, "invitation", "sms", "zh_CN", "ignored for SMS",
                               "{salutation}：{interview_time_short}请到{place}参加{position}面试。{confirm_request}")
    assert saved.subject == "" and not saved.is_default
    with db.session() as s:
        row = s.scalar(select(MessageTemplate))
        assert (row.event, row.channel, row.locale, row.updated_by_id) == ("invitation", "sms", "zh_CN", admin.user_id)
        assert row.updated_at == clock.now()
        mine = templates.render(s, "invitation", "sms", payload)
        english = templates.render(s, "invitation", "sms", payload, locale="en")
    assert mine.text.startswith("张伟先生：") and "请到行政楼301会议室（行政楼三层）参加人事专员面试。" in mine.text
    assert english.text.startswith("Dear Mr 张伟")            # the English text is still the default

    with db.session(admin, write=True) as s:
        back = templates.reset(s, admin, "invitation", "sms", "zh_CN")
    assert back.is_default
    with db.session() as s:
        assert templates.render(s, "invitation", "sms", payload) == shipped
        assert templates.template_for(s, "invitation", "sms").is_default
    assert count(db, MessageTemplate) == 0
    assert [e.action for e in audit_entries(db, entity="MessageTemplate")] == ["create", "delete"]


def test_a_template_with_an_unknown_field_is_refused_and_nothing_is_written(db, admin):
    with db.session(admin, write=True) as s:
        templates.save(s, admin, "cancellation", "email", "zh_CN", "面试取消", "{salutation}：面试取消。")
    with pytest.raises(TemplateInvalid) as caught, db.session(admin, write=True) as s:
        templates.save(s, admin, "cancellation", "email", "zh_CN", "面试取消：{position}",
                       "{salutation}：原定{interview_time}的面试取消，原因：{cancel_reason}。")
    assert caught.value.params["fields"] == ["cancel_reason"]
    assert "模板引用了未知字段：{cancel_reason}" == str(caught.value)
    with db.session() as s:
        kept = templates.template_for(s, "cancellation", "email")
    assert (kept.subject, kept.body) == ("面试取消", "{salutation}：面试取消。")


def test_only_administrators_change_templates(db):
    hr = actor(Role.HR_OFFICER, None)
    with pytest.raises(PermissionDenied), db.session(hr, write=True) as s:
        templates.save(s, hr, "invitation", "email", "zh_CN", "面试通知", "{salutation}，您好：")
    with pytest.raises(PermissionDenied), db.session(hr, write=True) as s:
        templates.reset(s, hr, "invitation", "email", "zh_CN")
    assert count(db, MessageTemplate) == 0


def test_the_signature_and_contact_come_from_the_institution_settings(db, admin):
    with db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "office.name", "滨江市第一人民医院", "test")
        settings.store_institution(s, "notify.contact_name", "刘老师", "test")
        settings.store_institution(s, "notify.contact_phone", "0571-8765 4321", "test")
    with db.session(admin) as s:
        done = templates.render(s, "thank_you", "email", templates.sample_payload(s))
    assert "如有疑问，请联系刘老师（电话：0571-8765 4321）。" in done.text
    assert done.text.endswith("滨江市第一人民医院人事处")
    with db.session(SYSTEM, write=True) as s:
        settings.store_institution(s, "notify.sender_name", "滨江市第一人民医院组织人事科", "test")
    with db.session(admin) as s:
        assert templates.render(s, "thank_you", "email", templates.sample_payload(s)).text.endswith("组织人事科")


# --- real payloads from scheduling --------------------------------------------------------------

@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def outbox(w: World, kind: str, channel: str, recipient: str | None = None) -> OutboxEntry:
    with w.db.session() as s:
        entry = s.scalar(select(OutboxEntry).where(
            OutboxEntry.kind == kind, OutboxEntry.channel == channel,
            *([OutboxEntry.recipient == recipient] if recipient else [])).order_by(OutboxEntry.id.desc()))
        s.expunge(entry)
        return entry


def test_a_bookings_invitation_renders_from_its_outbox_payload(world):
    booked = book(world, 0, local(STORY_DAY, 10, 0))
    email = outbox(world, "invitation", "email")
    with world.db.session() as s:
        done = templates.render(s, "invitation", "email", email.payload)
        sample = templates.sample_payload(s)
    assert done.text.startswith("候选人1，您好：")                 # no gender recorded: name only
    assert "面试时间：2026年11月24日（星期二）10:00–10:30" in done.text
    assert "面试地点：行政楼301（行政楼三层）" in done.text
    assert "请于2026年11月24日（星期二）09:00前直接回复本邮件“确认”，确认参加。" in done.text
    assert "候选人1" in done.html and "None" not in done.text
    # the preview uses the newest interview's facts, but never a real candidate
    assert sample["position"] == "内科住院医师" and sample["candidate_name"] == "张伟"
    assert "interview_id" not in sample and booked.interview_id


def test_an_approval_request_names_the_requester_and_what_would_change(world, clock):
    booked = book(world, 0, local(STORY_DAY, 15, 0))
    clock.advance(timedelta(minutes=5))
    request(world, changes.ChangeInput(interview_id=booked.interview_id, kind=ChangeKind.RESCHEDULE,
                                       party=Party.CANDIDATE, reason="候选人临时出差",
                                       starts_at=local(STORY_DAY + timedelta(days=1), 16, 0)))
    entry = outbox(world, "approval_request", "oa", recipient="leader")     # 赵科长, one of two leaders
    with world.db.session() as s:
        done = templates.render(s, "approval_request", "email", entry.payload)
        oa = templates.render(s, "approval_request", "oa", entry.payload)
    assert done.text.startswith("赵科长，您好：")
    assert "候选人：候选人1" in done.text and "申请人：张人事" in done.text
    assert "变更内容：时间改为2026年11月25日（星期三）16:00–16:30" in done.text
    assert "申请原因：候选人临时出差" in done.text and "待您审批" in done.text
    assert "处理时限：2026年11月" in done.text          # the step's deadline, from the change request
    assert oa.subject == "待审批：内科住院医师岗位初试面试变更" and oa.html == ""


def test_a_claims_messages_read_together_have_each_their_own_facts(world, clock):
    """The outbox's claim reads its messages' facts together (fields.load_facts_many): each message
    gets what reading it alone gives, its own candidate's name and deadlines, never a neighbour's."""
    booked = [book(world, n, local(STORY_DAY, 9 + n, 0)) for n in range(3)]
    clock.advance(timedelta(minutes=5))
    request(world, changes.ChangeInput(interview_id=booked[1].interview_id, kind=ChangeKind.RESCHEDULE,
                                       party=Party.CANDIDATE, reason="候选人临时出差",
                                       starts_at=local(STORY_DAY + timedelta(days=1), 16, 0)))
    with world.db.session() as s:
        payloads = [e.payload for e in s.scalars(select(OutboxEntry).order_by(OutboxEntry.id))]
        payloads += [{"interview_id": 999_999}, {"candidate_id": 999_999}, {},
                     {"interview_id": booked[0].interview_id, "candidate_id": None,
                      "confirm_by": "2026-11-24T00:00:00+00:00"}]
        together = fields.load_facts_many(s, payloads)
        alone = [fields.load_facts(s, p) for p in payloads]
    assert len(payloads) > 10 and together == alone
    names = {f.known.get("candidate_name") for f in together}
    assert {"候选人1", "候选人2", "候选人3"} <= names
    assert any("requester" in f.known for f in together)
    assert together[-4].known == {} and together[-3].known == {} and "confirm_by" not in together[-1].known
