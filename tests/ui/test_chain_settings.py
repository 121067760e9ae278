"""Settings → 审批链: the administrator sees the chains, builds one with ordered steps (by role or
a named person, with deadlines and a deputy), reorders steps, and names a delegate for an absent
approver; core then routes changes through the saved chain."""

from __future__ import annotations

import pytest
from scheduling_ui import idle
from sqlalchemy import select
from ui_helpers import add_user

from desktop.core.model import ApprovalChain, ChangeKind, Delegation, Role
from desktop.core.scheduling import chains
from desktop.core.storage.database import Actor
from desktop.ui.settings.chains import ChainDialog, DelegationDialog
from desktop.ui.settings.page import SettingsPage


@pytest.fixture
def settings_page(qtbot, make_ctx, world, embedded_db):
    admin = add_user(embedded_db, "xitong", [(Role.ADMIN, None)], display_name="系统管理员甲")
    ctx = make_ctx(admin)
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, ctx)
    assert page.tabs.tabText(page.tabs.indexOf(page.chains)) == "审批链"
    return page


@pytest.fixture
def panel(settings_page):
    return settings_page.chains


def chain_named(db, name: str) -> chains.ChainInfo:
    with db.session() as s:
        return next(c for c in chains.list_chains(s, Actor.command_line()) if c.data.name == name)


def test_the_default_chain_is_listed_in_words(panel):
    rows = [panel.model.index(r, panel.model.COL_STEPS).data() for r in range(panel.model.rowCount())]
    assert "部门领导审批 → 人事处备案 → 主管领导确认" in rows


def test_a_new_chain_is_saved_with_its_steps_in_order(qtbot, world, panel):
    panel.new_button.click()
    dialog: ChainDialog = panel.dialog
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    dialog.name.setText("内科取消面试审批")
    dialog.department.select(world.dept)
    dialog.kind.setCurrentIndex(dialog.kind.findData("cancel"))
    dialog.same_day.setChecked(True)
    steps = dialog.steps
    steps.add_step()                                 # a second step: filed by the personnel office
    table = steps.table
    table.cellWidget(1, steps.COL_KIND).setCurrentIndex(table.cellWidget(1, steps.COL_KIND).findData("file"))
    approver = table.cellWidget(1, steps.COL_APPROVER)
    approver.setCurrentIndex(approver.findData("role:personnel_office"))
    table.cellWidget(1, steps.COL_DEADLINE).setValue(480)
    steps.add_step()                                 # a third: confirmed by a named person, deputy 吴副科长
    table.cellWidget(2, steps.COL_KIND).setCurrentIndex(table.cellWidget(2, steps.COL_KIND).findData("confirm"))
    approver = table.cellWidget(2, steps.COL_APPROVER)
    approver.setCurrentIndex(approver.findData(f"user:{world.director.user_id}"))
    escalate = table.cellWidget(2, steps.COL_ESCALATE)
    escalate.setCurrentIndex(escalate.findData(world.deputy.user_id))
    table.selectRow(2)
    steps.move_up()                                  # the director now confirms before the filing
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    idle(qtbot, panel.ctx)

    saved = chain_named(world.db, "内科取消面试审批")
    assert (saved.data.department_id, saved.data.change_kind, saved.data.allow_same_day_apply) == (
        world.dept, "cancel", True)
    assert [(s.kind, s.role, s.user_id, s.deadline_minutes, s.escalate_to_id) for s in saved.data.steps] == [
        ("approve", "dept_leader", None, 120, None),
        ("confirm", None, world.director.user_id, 120, world.deputy.user_id),
        ("file", "personnel_office", None, 480, None)]
    with world.db.session() as s:
        assert chains.chain_for(s, world.dept, ChangeKind.CANCEL).name == "内科取消面试审批"
    assert any(row.data.name == "内科取消面试审批" for row in panel.model.rows)


def test_editing_a_chain_keeps_the_users_input_when_core_refuses(qtbot, world, panel):
    row = next(n for n, c in enumerate(panel.model.rows) if c.data.department_id is None)
    panel.table.selectRow(row)
    panel.edit_button.click()
    dialog: ChainDialog = panel.dialog
    qtbot.waitUntil(lambda: dialog.save_button.isEnabled(), timeout=10_000)
    dialog.name.setText("   ")
    dialog.save_button.click()
    idle(qtbot, panel.ctx)
    assert dialog.isVisible() and dialog.form.error_text("name")
    dialog.name.setText("全院默认审批链（两步）")
    dialog.steps.table.selectRow(2)
    dialog.steps.remove_step()
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    with world.db.session() as s:
        chain = s.scalar(select(ApprovalChain).where(ApprovalChain.name == "全院默认审批链（两步）"))
        assert [step.kind.value for step in chain.steps] == ["approve", "file"]


def test_a_delegation_is_saved_for_the_absent_approver(qtbot, world, panel):
    panel.delegate_button.click()
    dialog: DelegationDialog = panel.dialog
    dialog.approver.setCurrentIndex(dialog.approver.findData(world.leader.user_id))
    dialog.delegate.setCurrentIndex(dialog.delegate.findData(world.deputy.user_id))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    with world.db.session() as s:
        delegation = s.scalar(select(Delegation))
        assert (delegation.user_id, delegation.delegate_id) == (world.leader.user_id, world.deputy.user_id)
        assert delegation.starts_at == panel.ctx.clock.now()
    assert panel.status.text() == "代理审批已保存。"
