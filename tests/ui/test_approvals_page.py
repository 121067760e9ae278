"""审批: the department leader's inbox shows what a request changes and the live conflict check;
approving moves it to the next step; an approver looking at a step someone else already decided is
told so; sending back needs a comment; the personnel office can only file."""

from __future__ import annotations

import pytest
from scheduling_ui import STORY_DAY, book, idle, local

from desktop.core.model import ChangeKind, ChangeRequest, ChangeStatus, Party, Verdict
from desktop.core.scheduling import changes
from desktop.ui.approvals.page import ApprovalsPage


@pytest.fixture
def request_id(world) -> int:
    """HR asks, on the candidate's behalf, to move Tuesday 10:00 to 14:00."""
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    with world.db.session(world.hr, write=True) as s:
        return changes.request_change(s, world.hr, changes.ChangeInput(
            interview_id=iid, kind=ChangeKind.RESCHEDULE, party=Party.CANDIDATE, reason="候选人上午有考试",
            starts_at=local(STORY_DAY, 14, 0))).change_request_id


def open_page(qtbot, make_ctx, actor) -> ApprovalsPage:
    ctx = make_ctx(actor)
    page = ApprovalsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1400, 800)
    page.show()
    idle(qtbot, ctx)
    return page


def stored(db, request_id: int) -> tuple[ChangeStatus, int]:
    with db.session() as s:
        request = s.get(ChangeRequest, request_id)
        return request.status, request.current_step


def test_the_leader_sees_the_request_and_approving_moves_it_to_the_next_step(qtbot, make_ctx, world, request_id):
    page = open_page(qtbot, make_ctx, world.leader)
    assert page.model.rowCount() == 1 and page.count.text() == "1 项待您处理"
    panel = page.panel
    assert panel.entry.item.change_request_id == request_id
    assert "部门领导审批" in panel.step.text()            # the step by its name, not "1/3"
    compare = [tuple(panel.compare.item(r, c).text() for c in range(3)) for r in range(panel.compare.rowCount())]
    assert compare == [("时间", "11-24 周二 10:00–10:30", "11-24 周二 14:00–14:30"),
                       ("地点", "行政楼301", "行政楼301"), ("面试官", "王主任", "王主任")]
    assert panel.compare.item(0, 2).font().bold() and not panel.compare.item(1, 2).font().bold()
    assert "候选人上午有考试" in panel.reason.text() and "候选人" in panel.reason.text()
    assert "未发现冲突" in panel.conflicts.text()
    visible = {v for v, b in panel.buttons.items() if not b.isHidden()}
    assert visible == {Verdict.APPROVED, Verdict.REJECTED}

    panel.comment.setText("同意")
    panel.buttons[Verdict.APPROVED].click()
    idle(qtbot, page.ctx)
    assert stored(world.db, request_id) == (ChangeStatus.PENDING, 2)
    assert "人事处备案" in page.status.text()
    assert page.model.rowCount() == 0 and not page.empty.isHidden()


def test_a_second_approver_on_a_stale_step_is_told_it_was_already_decided(qtbot, make_ctx, world, request_id):
    leader = open_page(qtbot, make_ctx, world.leader)
    deputy = open_page(qtbot, make_ctx, world.deputy)       # the other department leader sees the same step
    assert deputy.panel.entry.item.step == 1

    leader.panel.buttons[Verdict.APPROVED].click()
    idle(qtbot, leader.ctx)
    deputy.ctx.sig_changed.disconnect(deputy._changed)      # as on another desktop: no broadcast reaches it
    deputy.panel.buttons[Verdict.APPROVED].click()
    idle(qtbot, deputy.ctx)
    assert "已被他人处理" in deputy.status.text()
    assert deputy.model.rowCount() == 0                       # refreshed: nothing left for the deputy
    assert stored(world.db, request_id) == (ChangeStatus.PENDING, 2)


def test_sending_back_needs_a_comment(qtbot, make_ctx, world, request_id):
    page = open_page(qtbot, make_ctx, world.leader)
    page.panel.buttons[Verdict.REJECTED].click()
    idle(qtbot, page.ctx)
    assert not page.panel.error.isHidden() and "意见" in page.panel.error.text()
    assert stored(world.db, request_id) == (ChangeStatus.PENDING, 1)
    page.panel.comment.setText("请与候选人协商其他时间")
    page.panel.buttons[Verdict.REJECTED].click()
    idle(qtbot, page.ctx)
    assert stored(world.db, request_id)[0] == ChangeStatus.REJECTED


def test_the_personnel_office_files_and_sees_the_decisions_so_far(qtbot, make_ctx, world, request_id):
    with world.db.session(world.leader, write=True) as s:
        changes.decide(s, world.leader, request_id, Verdict.APPROVED, "同意调整", expected_step=1)
    page = open_page(qtbot, make_ctx, world.personnel)
    panel = page.panel
    assert "人事处备案" in panel.step.text()
    assert {v for v, b in panel.buttons.items() if not b.isHidden()} == {Verdict.FILED}
    history = [tuple(panel.history.item(0, c).text() for c in (0, 1, 2, 3, 6))]
    assert history == [("部门领导审批", "赵科长", "部门领导", "同意", "同意调整")]
    assert panel.history.item(0, 4).text() == "未签名"      # 赵科长 did not sign in on this desktop
    panel.buttons[Verdict.FILED].click()
    idle(qtbot, page.ctx)
    assert stored(world.db, request_id) == (ChangeStatus.PENDING, 3)
