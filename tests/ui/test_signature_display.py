"""Signed decisions on screen (issue 13 §1): the decisions so far of a change request show 签名有效,
签名无效 (the record was changed after signing) and 未签名 (decided without the approver's key), with
the signer and the key in the tooltip; an offer's approval steps the same; Settings → users shows each
user's key and lets an administrator issue a new one after confirming."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtWidgets import QMessageBox
from scheduling_ui import STORY_DAY, book, idle, local
from sqlalchemy import select, update

from desktop.core import accounts, offers, signing
from desktop.core.model import ChangeKind, Decision, Party, Role, UserKey, Verdict
from desktop.core.offers import OfferInput, PayLine
from desktop.core.scheduling import changes
from desktop.core.scheduling.chains import ChainInput, StepInput, save_chain
from desktop.ui.approvals.offers import STEP_SIGNATURE_COLUMN
from desktop.ui.approvals.page import SIGNATURE_COLUMN, ApprovalsPage
from desktop.ui.candidates.offer_section import OfferSection
from desktop.ui.settings.users import UsersPanel, UserTableModel
from desktop.ui.signatures import SIGNATURE_ROLE

from factories import PASSWORD, actor

ADMIN = actor(Role.ADMIN, None)


@pytest.fixture
def decided(world) -> int:
    """Three decisions on one request: 赵科长 signed in and signed, 钱处长 signed in and signed (the
    record is then changed behind the program's back), 孙院长 decided without a key unlocked here."""
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    with world.db.session(world.hr, write=True) as s:
        request_id = changes.request_change(s, world.hr, changes.ChangeInput(
            interview_id=iid, kind=ChangeKind.CANCEL, party=Party.CANDIDATE, reason="候选人放弃")).change_request_id
    accounts.login(world.db, "leader", PASSWORD)
    accounts.login(world.db, "personnel", PASSWORD)
    for who, verdict, comment, step in ((world.leader, Verdict.APPROVED, "同意", 1),
                                        (world.personnel, Verdict.FILED, "已备案", 2)):
        with world.db.session(who, write=True) as s:
            changes.decide(s, who, request_id, verdict, comment, expected_step=step)
    with world.db.session(write=True) as s:
        s.execute(update(Decision).where(Decision.step_position == 2).values(comment="已备案，并同意加薪"))
    return request_id


def signature_cells(table, column: int) -> list[tuple[str, str, str]]:
    return [(table.item(r, column).data(SIGNATURE_ROLE), table.item(r, column).text(), table.item(r, column).toolTip())
            for r in range(table.rowCount())]


def test_the_decisions_so_far_show_valid_invalid_and_unsigned(qtbot, make_ctx, world, decided):
    ctx = make_ctx(world.director)                # the director's step is open: the request is in the inbox
    page = ApprovalsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(qtbot, ctx)
    panel = page.panel
    assert panel.entry.item.change_request_id == decided
    cells = signature_cells(panel.history, SIGNATURE_COLUMN)
    assert [(state, text) for state, text, _tip in cells] == [("valid", "签名有效"), ("invalid", "签名无效")]
    with world.db.session() as s:
        leader_key = s.scalar(select(UserKey.key_id).where(UserKey.user_id == world.leader.user_id))
    assert "赵科长" in cells[0][2] and leader_key[:4] in cells[0][2] and leader_key[4:8] in cells[0][2]
    assert "钱处长" in cells[1][2] and "改动" in cells[1][2]

    panel.comment.setText("确认")
    panel.buttons[Verdict.CONFIRMED].click()            # 孙院长 has no key unlocked on this desktop
    idle(qtbot, ctx)
    page.open_request(decided)                          # the request in full, from the list of all requests
    qtbot.waitUntil(lambda: page.request_dialog is not None and page.request_dialog.isVisible(), timeout=10_000)
    dialog_panel = page.request_dialog.findChild(type(panel))
    cells = signature_cells(dialog_panel.history, SIGNATURE_COLUMN)
    assert [(state, text) for state, text, _tip in cells] == [("valid", "签名有效"), ("invalid", "签名无效"),
                                                              ("unsigned", "未签名")]
    assert "登录" in cells[2][2]
    page.request_dialog.grab().save("/work/wt/shots/signing/approvals_request_zh.png")


def test_an_offers_approval_steps_show_their_signatures(qtbot, make_ctx, world, clock):
    with world.db.session(ADMIN, write=True) as s:
        save_chain(s, ADMIN, ChainInput("录用审批", None, "offer", False, (
            StepInput("approve", role="personnel_office"), StepInput("approve", role="director"))))
    data = OfferInput(application_id=world.applications[0], pay=(PayLine("岗位工资", "2,800 元/月"),),
                      start_date=STORY_DAY + timedelta(days=30), probation_months=3, work_place="本院门诊楼",
                      reply_by=local(STORY_DAY + timedelta(days=7), 17))
    with world.db.session(world.hr, write=True) as s:
        offer_id = offers.create(s, world.hr, data)
        offers.submit(s, world.hr, offer_id)
    accounts.login(world.db, "personnel", PASSWORD)
    with world.db.session(world.personnel, write=True) as s:
        offers.decide(s, world.personnel, offer_id, True, "同意录用")
    ctx = make_ctx(world.hr)
    section = OfferSection(ctx)
    qtbot.addWidget(section)
    section.show()
    section.show_for(world.applications[0], "候选人 — 岗位")
    qtbot.waitUntil(lambda: section.desk is not None, timeout=10_000)
    assert not section.steps.isHidden()
    assert [(state, text) for state, text, _t in signature_cells(section.steps, STEP_SIGNATURE_COLUMN)] == [
        ("valid", "签名有效")]

    with world.db.session(world.director, write=True) as s:          # 孙院长: no key unlocked here
        offers.decide(s, world.director, offer_id, True, "")
    section.show_for(world.applications[0], "候选人 — 岗位")
    qtbot.waitUntil(lambda: section.steps.rowCount() == 2, timeout=10_000)
    assert [state for state, _x, _t in signature_cells(section.steps, STEP_SIGNATURE_COLUMN)] == ["valid", "unsigned"]


def test_an_administrator_sees_the_key_and_issues_a_new_one_after_confirming(qtbot, make_ctx, world, hr_admin):
    accounts.login(world.db, "leader", PASSWORD)
    key_id = signing.KEYRING.get(world.leader.user_id).key_id
    ctx = make_ctx(hr_admin)
    panel = UsersPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(1300, 600)
    panel.show()
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0, timeout=10_000)
    row = next(n for n, u in enumerate(panel.model.rows) if u.username == "leader")
    shown = panel.model.index(row, UserTableModel.COL_KEY)
    assert panel.model.data(shown).startswith(key_id[:4] + " " + key_id[4:8])
    assert key_id[-4:] in panel.model.data(shown, role=3)            # the tooltip has the whole key id
    others = next(n for n, u in enumerate(panel.model.rows) if u.username == "director")
    assert panel.model.data(panel.model.index(others, UserTableModel.COL_KEY)) == "下次登录时生成"

    panel.table.selectRow(others)
    assert not panel.key_button.isEnabled()              # no key to retire
    panel.table.selectRow(row)
    assert panel.key_button.isEnabled()
    panel.key_button.click()
    box = panel.confirmation
    assert isinstance(box, QMessageBox) and "赵科长" in box.text()
    cancel = next(b for b in box.buttons() if b is not panel.retire_key)
    cancel.click()
    idle(qtbot, ctx)
    with world.db.session() as s:
        assert s.scalar(select(UserKey.retired_at).where(UserKey.key_id == key_id)) is None   # cancelled: kept
    panel.grab().save("/work/wt/shots/signing/users_keys_zh.png")

    panel.key_button.click()
    panel.retire_key.click()
    idle(qtbot, ctx)
    with world.db.session() as s:
        assert s.scalar(select(UserKey.retired_reason).where(UserKey.key_id == key_id)) == "reissued"
    qtbot.waitUntil(lambda: panel.model.data(panel.model.index(row, UserTableModel.COL_KEY)) == "下次登录时生成",
                    timeout=10_000)
