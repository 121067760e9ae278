"""审批 → 录用审批: HR submits an offer into the two-step chain for offers (人事处 → 分管领导); the
personnel office sees it with its salary lines and approves it in the page, the director approves
it and the offer goes out (mail and text message through the outbox); sending back without a
comment is refused in words with nothing written, and with one it returns the offer to HR."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scheduling_ui import STORY_DAY, idle, local
from sqlalchemy import select

from desktop.core import offers
from desktop.core.model import Offer, OfferStatus, OutboxEntry, Role
from desktop.core.offers import OfferInput, PayLine
from desktop.core.scheduling.chains import ChainInput, StepInput, save_chain
from desktop.ui.approvals.page import ApprovalsPage
from factories import actor

ADMIN = actor(Role.ADMIN, None)
PAY = (PayLine("岗位工资", "2,800 元/月"), PayLine("薪级工资", "1,200 元/月"),
       PayLine("绩效工资", "按考核", "按单位绩效考核办法发放"))


@pytest.fixture
def offer_id(world, clock) -> int:
    clock.set(local(STORY_DAY, 9, 0))
    with world.db.session(ADMIN, write=True) as s:
        save_chain(s, ADMIN, ChainInput("录用审批", None, "offer", False, (
            StepInput("approve", role="personnel_office", deadline_minutes=24 * 60),
            StepInput("approve", role="director", deadline_minutes=24 * 60))))
    with world.db.session(world.hr, write=True) as s:
        created = offers.create(s, world.hr, OfferInput(
            world.applications[0], PAY, STORY_DAY + timedelta(days=30), 3, "本院门诊楼",
            local(STORY_DAY + timedelta(days=7), 17)))
    with world.db.session(world.hr, write=True) as s:
        assert offers.submit(s, world.hr, created) == OfferStatus.PENDING_APPROVAL
    return created


def open_offers(qtbot, make_ctx, who) -> ApprovalsPage:
    ctx = make_ctx(who)
    page = ApprovalsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(qtbot, ctx)
    page.tabs.setCurrentWidget(page.offers)
    return page


def stored(world, offer_id: int) -> tuple[OfferStatus, int]:
    with world.db.session() as s:
        offer = s.get(Offer, offer_id)
        return offer.status, offer.current_step


def test_two_approvers_approve_in_the_page_and_the_offer_is_sent(qtbot, make_ctx, world, offer_id):
    assert open_offers(qtbot, make_ctx, world.director).offers.model.rowCount() == 0   # not the director's step yet
    page = open_offers(qtbot, make_ctx, world.personnel)
    tab = page.offers
    assert tab.model.rowCount() == 1 and tab.count.text() == "1 份录用通知待您审批"
    panel = tab.panel
    assert panel.entry.offer_id == offer_id
    assert "人事处审批" in panel.step.text() and "第 1 步，共 2 步" in panel.step.text()
    assert [panel.pay.item(r, 0).text() for r in range(panel.pay.rowCount())] == ["岗位工资", "薪级工资", "绩效工资"]
    assert "本院门诊楼" in panel.facts.text() and (STORY_DAY + timedelta(days=30)).isoformat() in panel.facts.text()
    assert world.hr.label in panel.facts.text()
    assert not panel.send_back.isHidden() and str(offer_id) in panel.approve.text()

    panel.comment.setText("同意")
    panel.approve.click()
    idle(qtbot, page.ctx)
    assert stored(world, offer_id) == (OfferStatus.PENDING_APPROVAL, 2)
    assert f"#{offer_id}" in page.status.text()
    assert tab.model.rowCount() == 0 and not tab.empty.isHidden()

    director = open_offers(qtbot, make_ctx, world.director)
    assert director.offers.model.rowCount() == 1
    director.offers.panel.approve.click()
    idle(qtbot, director.ctx)
    assert stored(world, offer_id)[0] == OfferStatus.SENT
    with world.db.session() as s:
        kinds = {(e.channel, e.kind) for e in s.scalars(select(OutboxEntry))}
    assert ("email", "offer_notice") in kinds
    assert "候选人" in director.status.text()


def test_sending_back_needs_a_comment(qtbot, make_ctx, world, offer_id):
    page = open_offers(qtbot, make_ctx, world.personnel)
    panel = page.offers.panel
    panel.send_back.click()
    idle(qtbot, page.ctx)
    assert not panel.error.isHidden() and "意见" in panel.error.text()
    assert stored(world, offer_id) == (OfferStatus.PENDING_APPROVAL, 1)
    panel.comment.setText("薪级工资有误，请核对")
    panel.send_back.click()
    idle(qtbot, page.ctx)
    assert stored(world, offer_id) == (OfferStatus.DRAFT, 0)
    assert "退回" in page.status.text()
