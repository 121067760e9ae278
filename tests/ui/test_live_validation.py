"""Marks on a form follow the input: a field error clears as soon as the field is corrected, the
banner goes once nothing marked is left, and a field the user finishes wrongly is marked at once
(candidate form and 新建面试)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTime
from scheduling_ui import STORY_DAY, book, idle, local

from desktop.ui.candidates.form import CandidateForm
from desktop.ui.schedule.booking_dialog import BookingDialog


@pytest.fixture
def candidate_form(qtbot, ctx):
    form = CandidateForm(ctx)
    qtbot.addWidget(form)
    form.show()
    qtbot.waitUntil(lambda: form.department.ready, timeout=10_000)
    return form


def save(qtbot, form) -> None:
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.saving, timeout=10_000)


def test_candidate_form_errors_clear_as_each_field_is_corrected(qtbot, candidate_form):
    form = candidate_form
    form.phone.setText("12345")
    save(qtbot, form)
    assert form.form.error_text("name") and form.form.error_text("phone")
    assert form.form.banner.isVisible()

    form.name.setText("李娜")
    assert form.form.error_text("name") == ""
    assert form.form.error_text("phone") and form.form.banner.isVisible()   # the phone is still wrong

    form.phone.setText("138 0013 800")       # one digit short: still marked, with the current problem
    assert form.form.error_text("phone")
    form.phone.setText("138 0013 8000")
    assert form.form.error_text("phone") == ""
    assert not form.form.banner.isVisible()


def test_a_field_left_with_a_wrong_value_is_marked_without_saving(qtbot, candidate_form):
    form = candidate_form
    form.email.setText("lina@")
    assert form.form.error_text("email") == ""        # not while typing
    form.email.editingFinished.emit()
    assert form.form.error_text("email").startswith("电子邮箱")
    form.email.setText("lina@example.cn")
    assert form.form.error_text("email") == ""


@pytest.fixture
def booking_ctx(make_ctx, world):
    return make_ctx(world.hr)


@pytest.fixture
def dialog(qtbot, booking_ctx):
    widget = BookingDialog(booking_ctx, day=STORY_DAY)
    qtbot.addWidget(widget)
    widget.show()
    idle(qtbot, booking_ctx)
    return widget


def test_booking_marks_clear_when_the_interviewer_is_chosen(qtbot, world, dialog):
    dialog.find_button.click()            # no interviewer yet
    assert dialog.form.error_text("interviewer_ids")
    assert dialog.form.banner.isVisible()

    dialog.interviewers.set_checked({world.wang.user_id})
    assert dialog.form.error_text("interviewer_ids") == ""
    assert not dialog.form.banner.isVisible()


def test_a_refused_booking_banner_goes_when_the_time_is_changed(qtbot, world, dialog):
    book(world, 1, local(STORY_DAY, 10, 0))
    dialog.interviewers.set_checked({world.wang.user_id})
    dialog.start.setTime(QTime(10, 0))
    idle(qtbot, dialog.ctx)
    dialog.save_button.click()            # 王主任 is busy at 10:00: refused
    qtbot.waitUntil(lambda: not dialog.saving and dialog.form.banner.isVisible(), timeout=10_000)

    dialog.start.setTime(QTime(11, 0))
    assert not dialog.form.banner.isVisible()
