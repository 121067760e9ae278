"""The first start: an encrypted database, its recovery key shown once, the first administrator."""

from __future__ import annotations

import importlib.util

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from desktop.core.model import Candidate, User
from desktop.core.storage.connect import Target
from desktop.core.storage.database import open_embedded
from desktop.ui.first_run import STEP_ADMIN, STEP_CREATE, STEP_RECOVERY, FirstRunDialog

GOOD = "Wintersonne-2026"


@pytest.fixture
def dialog(qtbot, runner, tmp_path, clock):
    target = Target(path=tmp_path / "data" / "interviewdesk.db")
    dlg = FirstRunDialog(runner, target, clock)
    qtbot.addWidget(dlg)
    dlg.show()
    yield dlg
    qtbot.waitUntil(lambda: runner.is_idle, timeout=10_000)
    if dlg.database is not None:
        dlg.database.dispose()


def create_database(qtbot, dlg) -> None:
    dlg.passphrase.setText(GOOD)
    dlg.passphrase_again.setText(GOOD)
    qtbot.mouseClick(dlg.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dlg.steps.currentIndex() == STEP_RECOVERY, timeout=15_000)


def test_weak_or_mismatched_passphrases_cannot_create_anything(qtbot, dialog):
    dialog.passphrase.setText("kurz1")
    assert "太短" in dialog.strength_text.text()
    assert not dialog.create_button.isEnabled()
    dialog.passphrase.setText(GOOD)
    dialog.passphrase_again.setText(GOOD + "x")
    assert not dialog.create_button.isEnabled()
    dialog.passphrase_again.setText(GOOD)
    assert dialog.create_button.isEnabled()
    assert dialog.strength.value() >= 3
    assert not dialog.target.path.exists()


def test_first_run_creates_an_encrypted_database_a_recovery_key_and_the_admin(qtbot, dialog):
    assert dialog.steps.currentIndex() == STEP_CREATE
    create_database(qtbot, dialog)
    path = dialog.target.path
    assert path.read_bytes()[:16] != b"SQLite format 3\x00"

    lines = dialog.key_label.text().splitlines()
    assert [len(line.split("-")) for line in lines] == [4, 4]      # broken between groups,
    assert not any(line.startswith("-") or line.endswith("-") for line in lines)   # no dash left hanging
    key = "-".join(lines)
    assert len(key.split("-")) == 8 and all(len(group) == 4 for group in key.split("-"))
    assert not dialog.continue_button.isEnabled()
    dialog.reject()                      # the key step cannot be closed before it is acknowledged
    assert dialog.isVisible()
    dialog.written_down.setChecked(True)
    qtbot.mouseClick(dialog.continue_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentIndex() == STEP_ADMIN
    assert dialog.key_label.text() == ""  # shown once

    by_key = open_embedded(path, recovery_key=key)
    by_key.dispose()

    dialog.username.setText("renshi")
    dialog.display_name.setText("王芳")
    dialog.password.setText("Renshi-2026")
    dialog.password_again.setText("Renshi-2026")
    dialog.with_demo.setChecked(False)
    qtbot.mouseClick(dialog.finish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.signed_in is not None, timeout=15_000)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    actor = dialog.signed_in.actor
    assert actor.username == "renshi"
    assert {role for role, _ in actor.grants} == {"admin", "hr_officer"}
    with dialog.database.session() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 1
        assert session.scalar(select(func.count()).select_from(Candidate)) == 0


def test_different_admin_passwords_are_refused_before_anything_is_written(qtbot, dialog):
    create_database(qtbot, dialog)
    dialog.written_down.setChecked(True)
    dialog.continue_button.click()
    dialog.password.setText("Renshi-2026")
    dialog.password_again.setText("Renshi-2027")
    dialog.finish_button.click()
    assert "不一致" in dialog.error.text()
    with dialog.database.session() as session:
        assert session.scalar(select(func.count()).select_from(User)) == 0


@pytest.mark.skipif(importlib.util.find_spec("desktop.core.demo") is None, reason="demo data not available")
def test_demo_data_can_be_filled_in_at_the_first_start(qtbot, dialog):
    create_database(qtbot, dialog)
    dialog.written_down.setChecked(True)
    dialog.continue_button.click()
    dialog.display_name.setText("王芳")
    dialog.password.setText("Renshi-2026")
    dialog.password_again.setText("Renshi-2026")
    assert not dialog.with_demo.isHidden()
    dialog.with_demo.setChecked(True)
    dialog.finish_button.click()
    qtbot.waitUntil(lambda: not dialog.working, timeout=60_000)
    assert dialog.error.isHidden(), dialog.error.text()
    assert dialog.signed_in is not None
    with dialog.database.session() as session:
        assert session.scalar(select(func.count()).select_from(Candidate)) > 0
