"""候选人提问 in the window: the owner's list with the time left (red once overdue), the answer dialog
with its preview sending the answer to the candidate, HR handing a question over; and the kiosk,
which the candidate cannot leave (Esc, Alt+F4, close(), losing focus) and the interviewer leaves
only with the right password, with every question typed saved."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QColor
from scheduling_ui import STORY_DAY, book, idle, local
from sqlalchemy import select

from desktop.core import questions
from desktop.core.model import CandidateQuestion, OutboxEntry, User
from desktop.ui.questions.kiosk import KioskWindow, open_kiosk
from desktop.ui.questions.page import AnswerDialog, QuestionsPage
from desktop.ui.reassign import ReassignDialog
from factories import PASSWORD


@pytest.fixture
def interview(world, clock) -> int:
    clock.set(local(STORY_DAY, 8, 0))
    iid = book(world, 0, local(STORY_DAY, 10, 0))
    clock.set(local(STORY_DAY, 10, 40))
    return iid


def capture(world, interview_id: int, text: str) -> questions.Captured:
    with world.db.session(world.wang, write=True) as s:
        return questions.capture(s, world.wang, candidate_id=world.candidates[0], interview_id=interview_id,
                                 text=text, source="room")


def open_page(qtbot, make_ctx, actor) -> QuestionsPage:
    ctx = make_ctx(actor)
    page = QuestionsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def test_the_owner_sees_the_question_with_the_time_left_and_answers_it(qtbot, make_ctx, world, interview, clock):
    growth = capture(world, interview, "以后有哪些培训和进修机会？")
    capture(world, interview, "工资待遇怎么样？")                      # HR's, not the leader's
    page = open_page(qtbot, make_ctx, world.leader)
    assert page.model.rowCount() == 1
    model = page.model
    assert model.index(0, model.COL_CANDIDATE).data() == "候选人1"
    assert "培训" in model.index(0, model.COL_QUESTION).data()
    assert model.index(0, model.COL_DUE).data(Qt.ItemDataRole.ForegroundRole) is None   # not yet overdue
    page.table.selectRow(0)
    assert page.answer_button.isEnabled() and page.reassign_button.isHidden()

    page.answer_selected()
    dialog = page.dialog
    assert isinstance(dialog, AnswerDialog)
    dialog.send_button.click()                                    # empty: refused in the dialog
    assert not dialog.error.isHidden() and dialog.isVisible()
    dialog.answer.setPlainText("每年有两次外出进修机会。")
    dialog.refresh_preview()
    idle(qtbot, page.ctx)
    assert "每年有两次外出进修机会。" in dialog.preview.toPlainText()
    assert "以后有哪些培训和进修机会？" in dialog.preview.toPlainText()
    dialog.send_button.click()
    idle(qtbot, page.ctx)
    assert not dialog.isVisible()
    assert page.model.rowCount() == 0
    with world.db.session() as s:
        assert s.get(CandidateQuestion, growth.id).status == "answered"
        assert sorted(s.scalars(select(OutboxEntry.channel).where(OutboxEntry.kind == "question_answer"))) == [
            "email", "sms"]
    page.state.setCurrentIndex(1)                                 # answered ones
    idle(qtbot, page.ctx)
    assert page.model.rowCount() == 1


def test_overdue_questions_are_red_and_hr_may_hand_one_over(qtbot, make_ctx, world, interview, clock):
    growth = capture(world, interview, "以后有哪些培训和进修机会？")
    clock.set(growth.due_at + (growth.due_at - growth.due_at) + (local(STORY_DAY, 11, 0) - local(STORY_DAY, 10, 0)))
    page = open_page(qtbot, make_ctx, world.hr)
    assert page.model.rowCount() == 1
    color = page.model.index(0, page.model.COL_DUE).data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(color, QColor)
    page.table.selectRow(0)
    assert not page.reassign_button.isHidden()
    page.reassign_selected()
    dialog = page.dialog
    assert isinstance(dialog, ReassignDialog)
    idle(qtbot, page.ctx)
    index = dialog.people.findData(world.li.user_id)
    assert index >= 0
    dialog.people.setCurrentIndex(index)
    dialog.ok.click()
    idle(qtbot, page.ctx)
    with world.db.session() as s:
        assert s.get(CandidateQuestion, growth.id).owner_id == world.li.user_id


@pytest.fixture
def kiosks():
    """Kiosk windows still open after a test are unlocked and closed (they delete themselves)."""
    from shiboken6 import isValid

    opened: list[KioskWindow] = []
    yield opened
    for window in opened:
        if isValid(window):
            window.unlocked = True
            window.close()


def open_kiosk_window(qtbot, make_ctx, world, interview, kiosks) -> KioskWindow:
    ctx = make_ctx(world.wang)
    window = open_kiosk(ctx, interview, None)
    kiosks.append(window)
    idle(qtbot, ctx)
    return window


def kiosk_questions(world) -> list[str]:
    with world.db.session() as s:
        return list(s.scalars(select(CandidateQuestion.question).where(CandidateQuestion.source == "kiosk")
                              .order_by(CandidateQuestion.id)))


def test_the_kiosk_shows_only_the_form_and_saves_each_question(qtbot, make_ctx, world, interview, kiosks):
    window = open_kiosk_window(qtbot, make_ctx, world, interview, kiosks)
    assert window.isFullScreen() or window.windowState() & Qt.WindowState.WindowFullScreen
    flags = window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint and flags & Qt.WindowType.WindowStaysOnTopHint
    assert window.position.text() == "内科住院医师" and window.minimum == 2
    assert "候选人1" not in window.findChildren(type(window.position))[0].text()
    window.submit_button.click()                                   # nothing typed
    assert not window.message.isHidden() and kiosk_questions(world) == []
    window.text.setPlainText("问" * 1001)
    window.submit_button.click()
    assert not window.message.isHidden() and window.text.toPlainText() == "问" * 1001   # kept for correcting
    window.text.setPlainText("科室有多少位医生？")
    window.submit_button.click()
    idle(qtbot, window.ctx)
    window.text.setPlainText("需要值夜班吗？")
    window.submit_button.click()
    idle(qtbot, window.ctx)
    assert kiosk_questions(world) == ["科室有多少位医生？", "需要值夜班吗？"]
    assert window.asked.count() == 2 and window.text.toPlainText() == ""
    window.done_button.click()
    assert not window.thanks.isHidden() and window.isVisible()


def test_the_candidate_cannot_leave_the_kiosk(qtbot, make_ctx, world, interview, kiosks):
    window = open_kiosk_window(qtbot, make_ctx, world, interview, kiosks)
    qtbot.keyClick(window.text, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    assert window.close() is False
    assert window.isVisible()
    window.setWindowState(Qt.WindowState.WindowMinimized)       # minimised: back to full screen
    qtbot.waitUntil(window.isFullScreen, timeout=2000)
    other = QuestionsPage(window.ctx)             # another window takes the focus
    qtbot.addWidget(other)
    other.show()
    other.activateWindow()
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))
    qtbot.waitUntil(lambda: window.isVisible() and window.text.hasFocus() or window.isActiveWindow(), timeout=2000)
    assert window.isVisible()


def test_a_wrong_password_keeps_the_kiosk_and_counts_like_a_sign_in(qtbot, make_ctx, world, interview, kiosks):
    window = open_kiosk_window(qtbot, make_ctx, world, interview, kiosks)
    window.corner.click()
    assert window.pages.currentIndex() == 1
    window.password.setText("not-the-password")
    window.unlock_button.click()
    idle(qtbot, window.ctx)
    assert window.isVisible() and not window.unlock_error.isHidden()
    with world.db.session() as s:
        assert s.get(User, world.wang.user_id).failed_logins == 1
    window.back_to_form()
    assert window.pages.currentIndex() == 0


def test_the_right_password_returns_to_the_interviewer_and_keeps_what_was_typed(qtbot, make_ctx, world, interview, kiosks):
    window = open_kiosk_window(qtbot, make_ctx, world, interview, kiosks)
    closed = []
    window.sig_closed.connect(closed.append)
    window.text.setPlainText("第一个问题：科室有几个病区？")
    window.submit_button.click()
    idle(qtbot, window.ctx)
    window.text.setPlainText("还没提交的问题：可以参观病房吗？")      # the interviewer unlocks mid-typing
    window.corner.click()
    window.password.setText(PASSWORD)
    window.unlock_button.click()
    idle(qtbot, window.ctx)
    qtbot.waitUntil(lambda: closed == [2], timeout=5000)
    from shiboken6 import isValid
    assert not isValid(window) or not window.isVisible()      # closed (and deleted)
    assert kiosk_questions(world) == ["第一个问题：科室有几个病区？", "还没提交的问题：可以参观病房吗？"]


def test_the_settings_tab_routes_topics_and_sets_the_deadline(qtbot, make_ctx, world, hr_admin):
    from desktop.core import settings
    from desktop.ui.settings.questions import QuestionSettings

    ctx = make_ctx(hr_admin)
    tab = QuestionSettings(ctx)
    qtbot.addWidget(tab)
    idle(qtbot, ctx)
    assert tab.owners["pay"].currentData() == "hr" and tab.owners["growth"].currentData() == "dept_leader"
    assert (tab.amount.value(), tab.unit.currentData()) == (1, "d")
    tab.owners["other"].setCurrentIndex(tab.owners["other"].findData("user:li"))
    tab.amount.setValue(4)
    tab.unit.setCurrentIndex(tab.unit.findData("h"))
    tab.save_button.click()
    idle(qtbot, ctx)
    with world.db.session() as s:
        assert settings.question_routing(settings.institution_value(s, "questions.routing"))["other"] == "user:li"
        assert settings.institution_value(s, "questions.deadline") == "4h"


def test_the_kiosk_promises_the_configured_answer_time(qtbot, make_ctx, world, interview, kiosks):
    """The candidate is told the deadline the office set (questions.deadline), not always one day."""
    ctx = make_ctx(world.wang)
    ctx.institution["questions.deadline"] = "4h"
    window = open_kiosk(ctx, interview, None)
    kiosks.append(window)
    idle(qtbot, ctx)
    text = window.welcome.text()
    assert ("4 个工作小时" in text or "within 4 working hour" in text) and "一个工作日" not in text


def test_the_candidates_record_keeps_each_question_with_its_answer(qtbot, make_ctx, world, interview, clock):
    from desktop.ui.candidates.detail import CandidateDetailPanel

    pay = capture(world, interview, "请问试用期的工资是多少？")
    capture(world, interview, "请问科室一般几点下班？")
    clock.set(local(STORY_DAY, 11, 0))
    with world.db.session(world.hr, write=True) as s:
        questions.answer(s, world.hr, pay.id, "试用期工资为转正后的百分之九十。")
    ctx = make_ctx(world.hr)
    panel = CandidateDetailPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_candidate(world.candidates[0])
    idle(qtbot, ctx)
    assert panel.questions_title.isVisible() and panel.questions_title.text() == "提问与答复"
    blocks = panel.questions.text().split("\n\n")
    assert len(blocks) == 2
    answered = next(b for b in blocks if "试用期" in b)
    assert "问：请问试用期的工资是多少？" in answered
    assert "答：试用期工资为转正后的百分之九十。（" in answered and "按时" in answered
    waiting = next(b for b in blocks if "下班" in b)
    assert "待答复：负责人" in waiting and "截止" in waiting
