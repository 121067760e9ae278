"""Changes as HR and approvers see them (issue 9): HR moves an interview from the detail panel with a
reason (调整时间), not only by dragging; a pending change shows 拟改为 … and the step it waits for,
old → new time on the timeline and in the approval lists, steps by name (部门领导审批); a decision
never lets the next request slide under the buttons; the candidate can never be in two interviews
at once; the institution settings for an interviewer's overlap and for decisions by mail."""

from __future__ import annotations



import pytest
from PySide6.QtCore import QDateTime, QTime
from scheduling_ui import STORY_DAY, book, idle, local
from sqlalchemy import select

from desktop.core import settings
from desktop.core.model import ChangeKind, ChangeRequest, Party, Verdict
from desktop.core.scheduling import changes
from desktop.ui.approvals.page import ApprovalsPage
from desktop.ui.schedule.change_dialog import ChangeRequestDialog
from desktop.ui.schedule.page import SchedulePage
from desktop.ui.settings.institution import InstitutionSettings


@pytest.fixture
def schedule(qtbot, make_ctx, world) -> SchedulePage:
    ctx = make_ctx(world.hr)
    page = SchedulePage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(qtbot, ctx)
    return page


def open_detail(qtbot, page: SchedulePage, interview_id: int) -> None:
    page.detail.show_interview(interview_id)
    idle(qtbot, page.ctx)


def requests_of(db, interview_id: int) -> list[ChangeRequest]:
    with db.session() as s:
        found = s.scalars(select(ChangeRequest).where(ChangeRequest.interview_id == interview_id)).all()
        s.expunge_all()
        return list(found)


def ask(world, interview_id: int, hh: int, party: Party = Party.CANDIDATE) -> int:
    with world.db.session(world.hr, write=True) as s:
        return changes.request_change(s, world.hr, changes.ChangeInput(
            interview_id=interview_id, kind=ChangeKind.RESCHEDULE, party=party, reason="候选人上午有考试",
            reason_code="candidate_request", starts_at=local(STORY_DAY, hh))).change_request_id


def set_time(dialog: ChangeRequestDialog, hh: int, mm: int = 0) -> None:
    value = dialog.new_time.dateTime()
    dialog.new_time.setDateTime(QDateTime(value.date(), QTime(hh, mm)))


def test_hr_changes_the_time_from_the_detail_panel_with_a_reason(qtbot, world, schedule):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    open_detail(qtbot, schedule, iid)
    button = schedule.detail.change_time_button
    assert button.text() == "调整时间…" and button.isEnabled() and not button.isHidden()
    button.click()
    dialog = schedule.detail.dialog
    idle(qtbot, schedule.ctx)
    assert dialog.windowTitle() == "调整面试时间"
    assert [dialog.reason_code.itemText(i) for i in range(dialog.reason_code.count())] == [
        "请选择…", "面试官时间冲突", "候选人申请", "会议室问题", "其他"]
    assert dialog.party.currentData() == "hr"

    set_time(dialog, 14)
    idle(qtbot, schedule.ctx)
    assert dialog.proposed_labels["time"].text() == "<b>11-24 周二 14:00–14:30</b>"
    assert "未发现冲突" in dialog.conflicts.text()
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("other"))
    dialog.save_button.click()
    idle(qtbot, schedule.ctx)
    assert dialog.isVisible() and dialog.form.error_text("reason") == "理由：为必填项"   # 其他 needs words
    assert requests_of(world.db, iid) == []

    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("interviewer_conflict"))
    assert dialog.party.currentData() == "interviewer"          # who it is for follows the reason
    dialog.save_button.click()                                  # the category alone is reason enough
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    idle(qtbot, schedule.ctx)
    [request] = requests_of(world.db, iid)
    assert (request.kind, request.requested_by_party, request.reason_code, request.reason) == (
        ChangeKind.RESCHEDULE, Party.INTERVIEWER, "interviewer_conflict", "面试官时间冲突")
    assert request.proposed["starts_at"] == local(STORY_DAY, 14).isoformat() and request.current_step == 1


def test_a_pending_change_shows_what_it_proposes_and_which_step_it_awaits(qtbot, world, schedule):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    rid = ask(world, iid, 17)
    open_detail(qtbot, schedule, iid)
    detail = schedule.detail
    assert detail.state.text() == "待审批"
    assert detail.values["time"].text() == "11-24 周二 10:00–10:30"          # it has not moved yet
    assert not detail.values["pending"].isHidden()
    assert detail.values["pending"].text() == "拟改为 11-24 17:00–17:30（待部门领导审批）"
    assert not any(b.isEnabled() for b in (detail.change_time_button, detail.reschedule_button,
                                           detail.cancel_button))   # one change at a time
    events = [detail.timeline.item(r, 2).text() for r in range(detail.timeline.rowCount())]
    asked = next(e for e in events if e.startswith("提出变更申请"))
    assert "候选人上午有考试" in asked and "11-24 10:00 → 11-24 17:00" in asked

    with world.db.session(world.leader, write=True) as s:       # the leader agrees by mail
        changes.decide(s, world.leader, rid, Verdict.APPROVED, "同意", 1, channel="email")
    open_detail(qtbot, schedule, iid)
    assert detail.values["pending"].text() == "拟改为 11-24 17:00–17:30（待人事处备案）"
    events = [detail.timeline.item(r, 2).text() for r in range(detail.timeline.rowCount())]
    assert any("部门领导审批：同意（邮件审批） — 同意" in e for e in events)

    other = book(world, 1, local(STORY_DAY, 11, 0), room=world.big_room, interviewers=(world.li.user_id,))
    open_detail(qtbot, schedule, other)
    assert detail.values["pending"].isHidden() and detail.change_time_button.isEnabled()


def open_approvals(qtbot, make_ctx, actor) -> ApprovalsPage:
    ctx = make_ctx(actor)
    page = ApprovalsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(qtbot, ctx)
    return page


def test_the_approval_lists_name_the_step_and_show_old_and_new_time(qtbot, make_ctx, world):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    rid = ask(world, iid, 14)
    page = open_approvals(qtbot, make_ctx, world.leader)
    model = page.model
    assert model.index(0, model.COL_STEP).data() == "部门领导审批"
    assert model.index(0, model.COL_MOVE).data() == "11-24 10:00 → 11-24 14:00"
    assert "部门领导审批" in page.panel.step.text()

    hr = open_approvals(qtbot, make_ctx, world.hr)       # HR follows the requests in the list of all
    everything = hr.all_model
    qtbot.waitUntil(lambda: everything.rowCount() == 1, timeout=10_000)
    assert everything.index(0, everything.COL_STEP).data() == "部门领导审批"
    assert everything.index(0, everything.COL_MOVE).data() == "11-24 10:00 → 11-24 14:00"
    hr.all_table.doubleClicked.emit(everything.index(0, 0))   # a double-click opens the request
    qtbot.waitUntil(lambda: hr.request_dialog is not None and hr.request_dialog.isVisible(), timeout=10_000)
    opened = hr.request_dialog.findChild(type(hr.panel))
    assert opened.entry.item.change_request_id == rid and "部门领导审批" in opened.step.text()
    assert not any(b.isVisible() for b in opened.buttons.values())    # HR reads it; approvers decide
    hr.request_dialog.close()

    page.tabs.setCurrentIndex(1)                          # the leader's double-click goes to the inbox
    qtbot.waitUntil(lambda: page.all_model.rowCount() == 1, timeout=10_000)
    page.all_table.doubleClicked.emit(page.all_model.index(0, 0))
    idle(qtbot, page.ctx)
    assert page.tabs.currentIndex() == 0 and page.selected_id() == rid


def test_after_a_decision_the_next_request_is_not_selected_under_the_buttons(qtbot, make_ctx, world):
    first = ask(world, book(world, 0, local(STORY_DAY, 10, 0)), 14)
    ask(world, book(world, 1, local(STORY_DAY, 11, 0), room=world.big_room, interviewers=(world.li.user_id,)), 15)
    page = open_approvals(qtbot, make_ctx, world.leader)
    assert page.model.rowCount() == 2 and page.selected_id() == first
    approve = page.panel.buttons[Verdict.APPROVED]
    assert approve.text() == f"同意：候选人1（#{first}）"          # the button names the request it decides
    assert page.panel.buttons[Verdict.REJECTED].text() == f"驳回：候选人1（#{first}）"
    approve.click()
    idle(qtbot, page.ctx)
    assert page.model.rowCount() == 1
    assert page.selected_id() is None and page.panel.entry is None
    assert not page.panel.placeholder.isHidden() and not approve.isVisible()
    assert f"#{first}" in page.status.text() and "人事处备案" in page.status.text()


def test_the_candidate_cannot_be_moved_into_their_other_interview(qtbot, world, schedule):
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    book(world, 0, local(STORY_DAY, 14, 0), room=world.big_room, interviewers=(world.li.user_id,))  # round 2, say
    open_detail(qtbot, schedule, iid)
    schedule.detail.change_time_button.click()
    dialog = schedule.detail.dialog
    set_time(dialog, 14)
    idle(qtbot, schedule.ctx)
    assert "候选人该时段已有其他面试" in dialog.conflicts.text() and "不可忽略" in dialog.conflicts.text()
    assert dialog.override.isHidden()
    dialog.reason_code.setCurrentIndex(dialog.reason_code.findData("candidate_request"))
    dialog.save_button.click()
    idle(qtbot, schedule.ctx)
    assert dialog.isVisible() and "不可忽略" in dialog.form.banner.text()
    assert requests_of(world.db, iid) == []


def test_administrators_set_the_overlap_override_and_decisions_by_mail(qtbot, ctx, embedded_db):
    tab = InstitutionSettings(ctx)
    qtbot.addWidget(tab)
    idle(qtbot, ctx)
    overlap = tab.inputs["scheduling.allow_interviewer_overlap_override"]
    by_mail = tab.inputs["approval.decide_by_mail"]
    assert not overlap.isChecked() and not by_mail.isChecked()        # both off until an administrator decides
    assert "邮件回复审批" in tab.form.layout.labelForField(by_mail.parentWidget()).text()
    overlap.setChecked(True)
    by_mail.setChecked(True)
    tab.save_button.click()
    idle(qtbot, ctx)
    with embedded_db.session() as s:
        assert settings.institution_value(s, "scheduling.allow_interviewer_overlap_override") is True
        assert settings.institution_value(s, "approval.decide_by_mail") is True

