"""Offer templates per post type on both backends: the shipped 事业单位 templates and the default shown
before anything is saved and written at the first write, every bad input refused with nothing saved,
the position's post type choosing the template (else the default), the offer prefilled from it with
the controllable clock, the template recorded on the offer, and an amount the template leaves open
refused before the offer goes anywhere — naming the line."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from desktop.core import offer_templates, offers, settings
from desktop.core.errors import DuplicateRecord, InvalidState, PermissionDenied, ValidationFailed
from desktop.core.model import Offer, OfferTemplate, Position, Role
from desktop.core.notifications.templates import TemplateInvalid
from desktop.core.offer_templates import TemplateInput
from desktop.core.offers import PayLine
from desktop.integrations.documents.offer_letter import letter_for, render_offer_letter

from factories import actor
from scheduling_helpers import BACKENDS, world_copy
from scheduling_world import STORY_DAY, World, local
from tests.integration.documents_helpers import pdf_text

ADMIN = actor(Role.ADMIN, None)
GOOD = TemplateInput("医院专业技术岗位", "professional", (PayLine("岗位工资", "2,800 元/月"), PayLine("薪级工资", ""),
                                                         PayLine("绩效工资", "", "按考核发放")),
                     probation_months=6, work_place="本院门诊楼", reply_days=5, start_days=20)


@pytest.fixture(params=BACKENDS)
def world(request, clock) -> World:
    clock.set(local(STORY_DAY, 8, 0))
    return world_copy(request, request.param, clock)


def write(w: World, fn, *args, **kwargs):
    with w.db.session(ADMIN, write=True) as s:
        return fn(s, *args, **kwargs)


def saved_count(w: World) -> int:
    with w.db.session() as s:
        return s.scalar(select(func.count(OfferTemplate.id)))


def set_post_type(w: World, post_type: str) -> None:
    with w.db.session(write=True) as s:
        s.get(Position, w.position).post_type = post_type


def test_shipped_templates_are_shown_before_anything_is_saved_and_written_at_the_first_save(world):
    w = world
    with w.db.session() as s:
        shown = offer_templates.list_templates(s)
    assert [(t.name, t.post_type, t.id < 0) for t in shown] == [
        ("事业单位管理岗位", "management", True), ("事业单位专业技术岗位", "professional", True),
        ("事业单位工勤技能岗位", "skilled", True), ("通用（基本工资 + 绩效奖金）", "", True)]
    professional = shown[1]
    assert [p.label for p in professional.pay] == ["岗位工资", "薪级工资", "基础性绩效工资", "奖励性绩效工资"]
    assert all(p.amount == "" for p in professional.pay)          # amounts are for HR, per person
    assert [p.label for p in shown[3].pay] == ["基本工资", "绩效奖金"]
    assert all(0 <= t.probation_months <= 6 for t in shown)
    assert saved_count(w) == 0                                    # reading wrote nothing
    made = write(w, offer_templates.save, ADMIN, None, GOOD)
    assert made.id > 0 and made.name == "医院专业技术岗位"
    with w.db.session() as s:
        names = [t.name for t in offer_templates.list_templates(s)]
    assert len(names) == 5 and "事业单位专业技术岗位" in names and saved_count(w) == 5


def test_bad_templates_are_refused_with_every_problem_and_nothing_saved(world):
    w = world
    bad = TemplateInput(" ", "clerk", (PayLine("", "1"), PayLine("岗位工资", "-100"), PayLine("薪级工资", "按考核")),
                        probation_months=7, reply_days=0, start_days=400, body="x" * 4001)
    with pytest.raises(ValidationFailed) as refused:
        write(w, offer_templates.save, ADMIN, None, bad)
    assert refused.value.problems == {
        "name": "required", "post_type": "choice", "pay1": "required", "pay2": "amount", "pay3": "amount",
        "probation_months": "range", "reply_days": "range", "start_days": "range", "body": "too_long"}
    with pytest.raises(ValidationFailed) as refused:
        write(w, offer_templates.save, ADMIN, None, replace(GOOD, pay=()))
    assert refused.value.problems == {"pay": "required"}
    with pytest.raises(ValidationFailed) as refused:               # the answer must come before the start
        write(w, offer_templates.save, ADMIN, None, replace(GOOD, reply_days=10, start_days=5))
    assert refused.value.problems == {"reply_days": "exceeds_start"}
    with pytest.raises(TemplateInvalid) as unknown:
        write(w, offer_templates.save, ADMIN, None, replace(GOOD, body="{candidate}：请于{reply_by}前答复，{salary}{bonus}"))
    assert (unknown.value.params["reason"], unknown.value.params["fields"]) == ("unknown_field", ("bonus", "salary"))
    with pytest.raises(TemplateInvalid) as braces:
        write(w, offer_templates.save, ADMIN, None, replace(GOOD, body="报到日期 {start_date"))
    assert braces.value.params["reason"] == "braces"
    with pytest.raises(PermissionDenied):                          # like the contract template: settings managers
        with w.db.session(w.hr, write=True) as s:
            offer_templates.save(s, w.hr, None, GOOD)
    assert saved_count(w) == 0
    write(w, offer_templates.save, ADMIN, None, GOOD)
    with pytest.raises(DuplicateRecord) as taken:
        write(w, offer_templates.save, ADMIN, None, replace(GOOD, post_type="skilled"))
    assert taken.value.params["field"] == "name"
    assert saved_count(w) == 5


def test_editing_a_shipped_template_writes_them_and_a_stale_version_is_refused(world):
    w = world
    with w.db.session() as s:
        skilled = offer_templates.list_templates(s)[2]
    changed = write(w, offer_templates.save, ADMIN, skilled.id,
                    replace(skilled.as_input(), pay=skilled.pay[:2] + (PayLine("夜班津贴", "300"),), probation_months=2))
    assert changed.id > 0 and changed.version == 2 and changed.probation_months == 2
    assert [p.label for p in changed.pay] == ["岗位工资", "薪级工资", "夜班津贴"] and saved_count(w) == 4
    from desktop.core.errors import StaleWrite
    with pytest.raises(StaleWrite):
        write(w, offer_templates.save, ADMIN, changed.id, changed.as_input(), 1)


def test_the_post_type_chooses_the_template_else_the_default(world):
    w = world
    with w.db.session() as s:
        assert offer_templates.template_for(s, "professional").name == "事业单位专业技术岗位"
        assert offer_templates.template_for(s, "").name == "通用（基本工资 + 绩效奖金）"
    own = write(w, offer_templates.save, ADMIN, None, GOOD)
    with w.db.session() as s:                       # two for the type: the first made
        assert offer_templates.template_for(s, "professional").name == "事业单位专业技术岗位"
        shipped = next(t for t in offer_templates.list_templates(s) if t.name == "事业单位专业技术岗位")
    write(w, offer_templates.set_active, ADMIN, shipped.id, False, shipped.version)
    with w.db.session() as s:
        assert offer_templates.template_for(s, "professional").id == own.id
        assert offer_templates.template_for(s, "skilled").name == "事业单位工勤技能岗位"
        default = next(t for t in offer_templates.list_templates(s) if not t.post_type)
    write(w, offer_templates.set_active, ADMIN, own.id, False)
    with w.db.session() as s:
        assert offer_templates.template_for(s, "professional").id == default.id
    with pytest.raises(InvalidState) as refused:    # positions without a type of their own need it
        write(w, offer_templates.set_active, ADMIN, default.id, False)
    assert refused.value.params["status"] == "last_default_template"
    with pytest.raises(InvalidState):
        write(w, offer_templates.save, ADMIN, default.id, replace(default.as_input(), post_type="management"))
    with w.db.session() as s:
        assert s.get(OfferTemplate, default.id).active and s.get(OfferTemplate, default.id).post_type is None


def test_the_offer_is_prefilled_from_the_position_s_template_and_records_it(world, clock):
    w = world
    set_post_type(w, "professional")
    with w.db.session(write=True) as s:
        settings.store_institution(s, "contracts.employer_address", "某市健康路 12 号", "admin")
    clock.set(local(STORY_DAY, 16, 30))
    with w.db.session(w.hr) as s:
        filled = offer_templates.prefill(s, w.hr, w.applications[0])
    offer = filled.offer
    assert filled.template.name == "事业单位专业技术岗位" and filled.template.id < 0
    assert [p.label for p in offer.pay] == ["岗位工资", "薪级工资", "基础性绩效工资", "奖励性绩效工资"]
    assert offer.start_date == STORY_DAY + timedelta(days=30)
    assert offer.reply_by == local(STORY_DAY + timedelta(days=7), 17, 30)     # end of the working day
    assert (offer.probation_months, offer.work_place, offer.grade) == (6, "某市健康路 12 号", "专业技术岗位")
    assert len(filled.templates) == 4 and saved_count(w) == 0

    with w.db.session(w.hr) as s:                   # switching template: its own values
        other = offer_templates.prefill(s, w.hr, w.applications[0], filled.templates[3].id).offer
    assert [p.label for p in other.pay] == ["基本工资", "绩效奖金"] and other.probation_months == 3

    with pytest.raises(ValidationFailed) as refused:     # amounts left open: refused, the lines named
        with w.db.session(w.hr, write=True) as s:
            offers.create(s, w.hr, offer)
    assert refused.value.problems == {f"pay{i}": "amount_open" for i in (1, 2, 3, 4)}
    assert saved_count(w) == 0
    amounts = ("2,800 元/月", "1,200 元/月", "1,500 元/月", "按考核发放")
    ready = replace(offer, pay=tuple(replace(p, amount=a) for p, a in zip(offer.pay, amounts)))
    with w.db.session(w.hr, write=True) as s:
        offer_id = offers.create(s, w.hr, ready)
    with w.db.session() as s:
        row = s.get(Offer, offer_id)
        template = s.get(OfferTemplate, row.template_id)
        assert (template.name, row.template_name, row.grade) == ("事业单位专业技术岗位", "事业单位专业技术岗位", "专业技术岗位")
    assert saved_count(w) == 4


def test_an_open_amount_is_refused_at_submit_naming_the_line(world):
    w = world
    with w.db.session(w.hr) as s:
        offer = offer_templates.prefill(s, w.hr, w.applications[0]).offer
    filled = replace(offer, pay=tuple(replace(p, amount="100") for p in offer.pay), work_place="本院门诊楼")
    with w.db.session(w.hr, write=True) as s:
        offer_id = offers.create(s, w.hr, filled)
    with w.db.session(write=True) as s:             # a draft kept from before the amounts were required
        row = s.get(Offer, offer_id)
        row.pay = [list(line) for line in row.pay[:1]] + [["绩效奖金", "", "按考核发放"]]
    with pytest.raises(InvalidState) as refused:
        with w.db.session(w.hr, write=True) as s:
            offers.submit(s, w.hr, offer_id)
    assert (refused.value.params["status"], refused.value.params["line"]) == ("pay_amount_open", "绩效奖金")
    with w.db.session() as s:
        assert s.get(Offer, offer_id).status.value == "draft"


def test_the_template_s_letter_text_is_the_letter_with_its_placeholders_filled(world):
    w = world
    body = ("{candidate}：\n经研究，决定聘用您为{department}{position}（{grade}），报到日期{start_date}，"
            "试用期{probation}，工作地点{work_place}。\n请于{reply_by}前答复。")
    made = write(w, offer_templates.save, ADMIN, None, replace(GOOD, body=body))
    set_post_type(w, "professional")
    with w.db.session(w.hr) as s:
        offer = offer_templates.prefill(s, w.hr, w.applications[0], made.id).offer
    assert offer.template_id == made.id and offer.reply_by == local(STORY_DAY + timedelta(days=5), 17, 30)
    filled = replace(offer, pay=tuple(replace(p, amount=p.amount or "1,000 元/月") for p in offer.pay))
    with w.db.session(w.hr, write=True) as s:
        offer_id = offers.create(s, w.hr, filled)
    write(w, offer_templates.save, ADMIN, made.id, replace(GOOD, body="改过的文字"))   # the offer keeps its text
    with w.db.session() as s:
        text = "".join(pdf_text(render_offer_letter(letter_for(s, offer_id))).split())
    assert "试用期6个月，工作地点本院门诊楼" in text and "（专业技术岗位）" in text
    assert "请于2026年11月29日17:30前答复" in text and "改过的文字" not in text
    assert "{" not in text and "岗位工资" in text and "2,800元/月" in text
