"""档案 → 到期清理 / 数据维护, 审批 → 清除审批 and Settings → 保管期限, as HR, the personnel office and
an administrator use them: HR ticks the people past retention and proposes a purge with a reason;
the personnel office approves it in the Approvals page and the database is compacted; the stale
review list gives each person's reason; an administrator changes a class's period."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from scheduling_ui import idle
from sqlalchemy import select

from desktop.core.lifecycle import retention
from desktop.core.model import Candidate, PurgeRequest, Role
from desktop.ui.approvals.page import ApprovalsPage
from desktop.ui.archive.page import ArchiveHub
from desktop.ui.settings.retention import RetentionSettings
from factories import actor
from lifecycle_helpers import closed_world


def shown(qtbot, widget):
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


def test_hr_proposes_and_the_personnel_office_approves_a_purge(qtbot, make_ctx, embedded_db, clock):
    w, _iid = closed_world(embedded_db, clock)
    clock.set(clock.now() + timedelta(days=365 * 5 + 2))
    ctx = make_ctx(w.hr)
    hub = shown(qtbot, ArchiveHub(ctx))
    idle(qtbot, ctx)
    tab = hub.pages["retention"]
    hub.tabs.setCurrentWidget(tab)
    assert tab.tree.topLevelItemCount() == 2
    first = tab.tree.topLevelItem(0)
    assert "未录用" in first.text(0) and "5 年" in first.text(0)
    assert not tab.propose_row.button.isEnabled()
    first.child(0).setCheckState(0, Qt.CheckState.Checked)
    assert tab.propose_row.button.isEnabled() and "1" in tab.propose_row.button.text()
    tab.propose_row.button.click()                                  # no reason: refused in words
    assert not tab.outcome.isHidden() and tab.outcome.text()
    tab.propose_row.reason.setText("保管期限届满")
    tab.propose_row.button.click()
    idle(qtbot, ctx)
    assert "#" in tab.outcome.text()
    assert tab.requests.topLevelItemCount() == 1 and tab.tree.topLevelItemCount() == 1   # proposed ones leave

    approver = make_ctx(w.personnel)
    page = shown(qtbot, ApprovalsPage(approver))
    idle(qtbot, approver)
    page.tabs.setCurrentWidget(page.purges)
    inbox = page.purges
    assert inbox.model.rowCount() == 1 and inbox.panel.entry is not None
    assert "候选人1" in inbox.panel.facts.text() and "保管期限届满" in inbox.panel.facts.text()
    inbox.panel.approve.click()
    idle(qtbot, approver)
    idle(qtbot, approver)
    assert "已压缩" in page.status.text() or "compacted" in page.status.text(), page.status.text()
    with embedded_db.session() as s:
        assert s.get(Candidate, w.candidates[0]).purged_at is not None
        assert s.scalar(select(PurgeRequest.status)) == "done"
    assert inbox.model.rowCount() == 0


def test_the_stale_review_list_and_compacting(qtbot, make_ctx, embedded_db, clock):
    w, _iid = closed_world(embedded_db, clock)
    clock.set(clock.now() + timedelta(days=200))
    ctx = make_ctx(w.hr)
    hub = shown(qtbot, ArchiveHub(ctx))
    idle(qtbot, ctx)
    tab = hub.pages["maintenance"]
    hub.tabs.setCurrentWidget(tab)
    assert tab.tree.topLevelItemCount() == 1
    person = tab.tree.topLevelItem(0).child(0)
    assert person.text(0) == "候选人1" and "内科住院医师" in person.text(1) and "6 个月" in person.text(1)
    tab.months.setValue(12)
    tab.review.click()
    idle(qtbot, ctx)
    assert tab.tree.topLevelItemCount() == 0 and not tab.empty.isHidden()
    assert "MB" in tab.size.text()
    tab.compact_button.click()
    idle(qtbot, ctx)
    assert "MB" in tab.size_outcome.text() and not tab.size_outcome.isHidden()


def test_an_administrator_sets_the_retention_periods(qtbot, make_ctx, embedded_db, clock):
    admin = actor(Role.ADMIN, None)
    ctx = make_ctx(admin)
    page = shown(qtbot, RetentionSettings(ctx))
    idle(qtbot, ctx)
    assert page.inputs["not_hired"].value() == 5 and page.inputs["talent_pool"].value() == 2
    page.inputs["withdrawn"].years.setValue(3)
    page.inputs["hired"].permanent.setChecked(True)
    page.stale_months.setValue(3)
    page.save.click()
    idle(qtbot, ctx)
    assert not page.result.isHidden()
    with embedded_db.session() as s:
        policies = retention.policies(s)
    assert policies["withdrawn"].period_years == 3 and policies["hired"].period_years is None
    assert policies["not_hired"].period_years == 5
