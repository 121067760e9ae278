"""面试进行 window, with the controllable clock: the start proposed once the candidate is checked in at
the booked time, the timer amber at the planned end and red ten minutes later with a notice each
time, the checklist ticked with times, a note saved, the closing script filled and copied, the
question button handing over to the kiosk, and ending asking once (unticked items, the reason)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from scheduling_ui import STORY_DAY, book, idle, local
from factories import PASSWORD

from sqlalchemy import select

from desktop.core.model import Interview, InterviewNote
from desktop.core import interview_room
from desktop.core.scheduling import attendance, timeline
from desktop.ui.room.window import InterviewRoomWindow


@pytest.fixture
def room(qtbot, make_ctx, world, clock):
    def open_room(interview_id: int, actor=None) -> InterviewRoomWindow:
        window = InterviewRoomWindow(make_ctx(actor or world.wang), interview_id)
        qtbot.addWidget(window)
        window.show()
        idle(qtbot, window.ctx)
        return window
    return open_room


def checked(window: InterviewRoomWindow) -> list[bool]:
    return [window.checklist.item(n).checkState() == Qt.CheckState.Checked for n in range(window.checklist.count())]


def test_the_whole_interview_in_the_window(qtbot, world, clock, room):
    iid = book(world, 0, local(STORY_DAY, 10))
    clock.set(local(STORY_DAY, 9, 50))
    with world.db.session(world.reception, write=True) as s:
        attendance.check_in(s, world.reception, iid)
    window = room(iid)
    assert "候选人1" in window.title.text() and "内科住院医师" in window.title.text()
    assert window.ask_button.text() == "请候选人提问（至少 2 个）"
    assert window.notice.isHidden() and window.start_button.isEnabled() and not window.end_button.isEnabled()
    assert not window.checklist.isEnabled()

    clock.set(local(STORY_DAY, 10, 0))
    window.tick()
    assert window.timer_label.property("phase") == "ready"
    assert "开始面试" in window.notice.text() and not window.notice.isHidden()

    window.start_button.click()
    idle(qtbot, window.ctx)
    assert window.end_button.isEnabled() and window.checklist.isEnabled()
    assert window.timer_label.property("phase") == "running" and window.notice.isHidden()
    clock.set(local(STORY_DAY, 10, 12, ) + timedelta(seconds=5))
    window.tick()
    assert window.timer_label.text() == "12:05 / 40:00"

    window.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    idle(qtbot, window.ctx)
    assert window.checklist.item(0).text() == "告知下一步流程及时限（10:12 已勾选）"
    window.next_step.setText("2个工作日内通知结果")
    window.next_step.editingFinished.emit()
    window.note_edit.setPlainText("规培经历与岗位对口")
    window.note_button.click()
    idle(qtbot, window.ctx)
    assert window.note_edit.toPlainText() == "" and window.notes.count() == 1
    assert window.notes.item(0).text() == "10:12 王主任：规培经历与岗位对口"

    asked = []
    window.sig_ask_questions.connect(asked.append)
    window.ask_button.click()                      # the candidate's form, full screen, until the password
    assert asked == [iid]
    kiosk = window.kiosk
    idle(qtbot, window.ctx)
    assert kiosk.isVisible() and kiosk.isFullScreen()
    kiosk.text.setPlainText("请问科室的值班安排是怎样的？")
    kiosk.submit_button.click()
    idle(qtbot, window.ctx)
    kiosk.corner.click()
    kiosk.password.setText(PASSWORD)
    kiosk.unlock_button.click()
    idle(qtbot, window.ctx)
    qtbot.waitUntil(lambda: window.kiosk is None, timeout=5000)
    assert window.questions_taken.text() == "候选人提交了 1 个问题，每个问题已交给负责回答的人。"

    window.tabs.setCurrentIndex(2)
    window.scripts.scenario.setCurrentIndex(window.scripts.scenario.findData("advance"))
    window.scripts.strengths.boxes[0].setChecked(True)
    window.scripts.concerns.own.setText("到岗时间")
    script = window.scripts.text.toPlainText()
    assert script.startswith("候选人1") and "内科住院医师" in script and "专业基础扎实" in script
    assert "关于到岗时间，" in script and "2个工作日内通知结果" in script
    window.scripts.copy_button.click()
    assert QGuiApplication.clipboard().text() == script

    clock.set(local(STORY_DAY, 10, 40))
    window.tick()
    assert window.timer_label.property("phase") == "planned_end"
    assert window.notice.text() == "面试已到计划时长（40 分钟）。"
    clock.set(local(STORY_DAY, 10, 50))
    window.tick()
    assert window.timer_label.property("phase") == "overtime"
    assert window.notice.text() == "当前面试已超时10分钟，请尽快收尾。"

    clock.set(local(STORY_DAY, 10, 53))
    window.end_button.click()
    dialog = window.end_dialog
    assert dialog is not None and "记录收尾备注" in dialog.findChildren(type(window.title))[0].text()
    dialog.end_button.click()                       # no reason: asked again, nothing written
    assert dialog.isVisible() and not dialog.problem.isHidden()
    dialog.reason.setText("候选人补充说明规培经历")
    dialog.end_button.click()
    idle(qtbot, window.ctx)
    assert window.timer_label.property("phase") == "ended"
    assert not window.end_button.isEnabled() and not window.checklist.isEnabled()
    with world.db.session() as s:
        row = s.get(Interview, iid)
        assert (row.status.value, row.ended_at, row.overtime_reason, row.next_step) == (
            "finished", local(STORY_DAY, 10, 53), "候选人补充说明规培经历", "2个工作日内通知结果")
        finished = [e.detail for e in timeline.entries(s, iid) if e.kind == "finished"]
        assert finished[0]["unticked"] == ["询问候选人问题", "记录收尾备注"]
        assert s.query(InterviewNote).count() == 1


def test_ending_on_time_with_everything_ticked_asks_nothing_and_cancel_keeps_it_running(qtbot, world, clock, room):
    iid = book(world, 0, local(STORY_DAY, 10))
    clock.set(local(STORY_DAY, 10, 0))
    window = room(iid, world.hr)
    window.start_button.click()
    idle(qtbot, window.ctx)
    clock.set(local(STORY_DAY, 10, 30))
    window.checklist.item(0).setCheckState(Qt.CheckState.Checked)
    idle(qtbot, window.ctx)
    window.end_button.click()
    assert window.end_dialog is not None
    assert window.end_dialog.reason.isHidden()          # on time: only the unticked items are named
    window.end_dialog.reject()
    idle(qtbot, window.ctx)
    assert window.end_button.isEnabled()
    for n in (1, 2):
        window.checklist.item(n).setCheckState(Qt.CheckState.Checked)
        idle(qtbot, window.ctx)
    assert checked(window) == [True, True, True]
    window.end_dialog = None
    window.end_button.click()
    idle(qtbot, window.ctx)
    assert window.end_dialog is None and window.timer_label.property("phase") == "ended"


def test_stay_on_top_and_the_english_window(qtbot, world, clock, room, qapp):
    from desktop.ui import i18n

    iid = book(world, 0, local(STORY_DAY, 10))
    clock.set(local(STORY_DAY, 10, 0))
    i18n.install(qapp, "en")
    window = room(iid)
    window.on_top.setChecked(True)
    assert window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint and window.isVisible()
    window.on_top.setChecked(False)
    assert not window.windowFlags() & Qt.WindowType.WindowStaysOnTopHint
    assert window.start_button.text() == "Start interview"


def test_the_schedule_detail_opens_the_room_for_the_panel_on_the_interviews_day(qtbot, world, clock, make_ctx):
    from desktop.ui.schedule.detail import InterviewDetailPanel

    today = book(world, 0, local(STORY_DAY, 10))
    tomorrow = book(world, 1, local(STORY_DAY + timedelta(days=1), 10))
    clock.set(local(STORY_DAY, 9, 0))
    for actor, visible in ((world.wang, True), (world.hr, True), (world.reception, False)):
        panel = InterviewDetailPanel(make_ctx(actor))
        qtbot.addWidget(panel)
        panel.show_interview(today)
        idle(qtbot, panel.ctx)
        assert panel.room_button.isVisible() is visible and panel.room_button.isEnabled()
    panel.ctx.actor = world.wang
    panel = InterviewDetailPanel(make_ctx(world.wang))
    qtbot.addWidget(panel)
    panel.show_interview(tomorrow)
    idle(qtbot, panel.ctx)
    assert panel.room_button.text() == "进入面试间" and not panel.room_button.isEnabled()
    panel.show_interview(today)
    idle(qtbot, panel.ctx)
    panel.room_button.click()
    idle(qtbot, panel.ctx)
    assert isinstance(panel.room_window, InterviewRoomWindow) and panel.room_window.isVisible()
    assert panel.room_window.interview_id == today
    panel.room_window.close()


def test_the_rounds_room_settings_and_the_institutions_defaults(qtbot, world, clock, make_ctx, embedded_db):
    from ui_helpers import add_user

    from desktop.core.model import Role, Round
    from desktop.core.services import rounds
    from desktop.ui.positions.rounds import RoundsForm
    from desktop.ui.settings.page import SettingsPage

    ctx = make_ctx(world.hr)
    with world.db.session(world.hr) as s:
        found = rounds.position_rounds(s, world.hr, world.position)
    assert [(r.name, r.duration_minutes, r.min_questions) for r in found] == [
        ("初试", 40, None), ("复试", 40, None), ("终试", 40, None)]
    form = RoundsForm(ctx, world.position, found)
    qtbot.addWidget(form)
    minutes, questions, checklist = form.inputs[1]
    minutes.setValue(60)
    questions.setValue(3)
    checklist.setPlainText("告知下一步\n\n请候选人提问  ")
    form.inputs[2][2].setPlainText("\n".join(f"第{n}项" for n in range(13)))     # too many: refused, nothing saved
    form.save_button.click()
    idle(qtbot, ctx)
    assert not form.form.errors["closing_checklist3"].isHidden()
    assert form.form.errors["closing_checklist3"].text() == "第 3 轮收尾清单：超出允许范围"
    with world.db.session() as s:
        assert s.scalar(select(Round.duration_minutes).where(Round.position_id == world.position,
                                                             Round.sequence == 2)) == 40
    form.inputs[2][2].setPlainText("")
    form.save_button.click()
    idle(qtbot, ctx)
    with world.db.session() as s:
        second = s.scalar(select(Round).where(Round.position_id == world.position, Round.sequence == 2))
        assert (second.duration_minutes, second.min_questions, second.closing_checklist) == (
            60, 3, ["告知下一步", "请候选人提问"])

    admin = add_user(embedded_db, "xitong", [(Role.ADMIN, None)], display_name="系统管理员甲")
    page = SettingsPage(make_ctx(admin))
    qtbot.addWidget(page)
    page.show()
    idle(qtbot, page.room.ctx)
    assert page.tabs.tabText(page.tabs.indexOf(page.room)) == "面试间"
    tab = page.room
    tab.checklist.setPlainText("告知结果通知时间\n询问候选人问题")
    tab.min_questions.setValue(1)
    tab.save_defaults.click()
    idle(qtbot, tab.ctx)
    assert tab.defaults_state.text() == "已保存。"
    tab.body.setPlainText("{salutation}，{salary}")
    assert not tab.problem.isHidden() and "salary" in tab.problem.text()
    tab.body.setPlainText("{salutation}，感谢您应聘{position}岗位。")
    assert tab.preview.toPlainText() == "张伟先生，感谢您应聘人事专员岗位。"
    tab.save_script.click()
    idle(qtbot, tab.ctx)
    assert tab.script_state.text() == "已修改的文本" and tab.reset_script.isEnabled()
    with world.db.session(world.wang) as s:
        from desktop.core import closing_scripts, interview_room
        assert closing_scripts.script_for(s, "low_match", "zh_CN").body == "{salutation}，感谢您应聘{position}岗位。"
        first = s.scalar(select(Round).where(Round.position_id == world.position, Round.sequence == 1))
        assert interview_room.round_checklist(s, first) == ["告知结果通知时间", "询问候选人问题"]
        assert interview_room.round_min_questions(s, first) == 1


def test_a_reload_answered_after_a_newer_one_is_not_shown(qtbot, world, clock, room, monkeypatch):
    """Reads run side by side: after two quick writes the first write's reload may answer last, and
    must not put back the notes as they were before the second write."""
    iid = book(world, 0, local(STORY_DAY, 10))
    clock.set(local(STORY_DAY, 10, 0))
    window = room(iid)
    window.start_button.click()
    idle(qtbot, window.ctx)
    answers = []                         # each reload's answer, held back to be delivered out of order
    real_read = window.ctx.read
    monkeypatch.setattr(window.ctx, "read", lambda fn, on_done=None, on_error=None, **kw: real_read(
        fn, lambda state, deliver=on_done: answers.append((deliver, state)), on_error, **kw))
    window.load()                        # read before the note: no notes
    idle(qtbot, window.ctx)
    with world.db.session(world.wang, write=True) as s:
        interview_room.add_note(s, world.wang, iid, "规培经历与岗位对口")
    window.load()                        # read after it: one note
    idle(qtbot, window.ctx)
    (older, before), (newer, after) = answers
    assert len(before.notes) == 0 and len(after.notes) == 1
    newer(after)                         # the newer reload answers first ...
    assert window.notes.count() == 1
    older(before)                        # ... and the older one last: not shown
    assert window.notes.count() == 1
