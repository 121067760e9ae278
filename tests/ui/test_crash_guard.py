"""Every crash leaves a log entry (without personal data) and a dialog: errors on the UI thread and
on other threads, Qt's messages, and a hard crash noticed at the next start."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading

import pytest
from PySide6.QtCore import qCritical
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.core.paths import app_dirs
from desktop.ui.crash import LOG_FILE, NATIVE_FILE, CrashGuard
from desktop.ui.errors import ErrorDialog

PHONE = "13912345678"


@pytest.fixture
def guard(qapp):
    installed = CrashGuard(app_dirs().logs).install()
    yield installed
    installed.uninstall()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, (ErrorDialog, QMessageBox)):
            widget.close()


def log_text() -> str:
    return (app_dirs().logs / LOG_FILE).read_text(encoding="utf-8")


def error_dialogs() -> list[ErrorDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]


def crash_in_a_slot() -> None:
    raise ValueError(f"candidate {PHONE} not found")


def test_an_error_in_a_slot_is_logged_without_its_text_and_shown(qtbot, guard):
    assert sys.excepthook == guard._excepthook     # what Qt calls for an error escaping a slot
    sys.excepthook(ValueError, ValueError(f"candidate {PHONE} not found"), None)
    qtbot.waitUntil(lambda: bool(error_dialogs()), timeout=5_000)
    text = log_text()
    assert "unhandled error: ValueError" in text
    assert PHONE not in text


def test_the_log_says_where_the_error_happened(qtbot, guard):
    try:
        crash_in_a_slot()
    except ValueError as error:
        guard._excepthook(ValueError, error, error.__traceback__)
    text = log_text()
    assert "in crash_in_a_slot" in text and PHONE not in text


def test_an_error_on_another_thread_is_logged_and_shown_by_the_ui_thread(qtbot, guard):
    def work() -> None:
        raise KeyError(f"王小明 {PHONE}")

    thread = threading.Thread(target=work, name="worker-x")
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: bool(error_dialogs()), timeout=5_000)
    text = log_text()
    assert "unhandled error in thread worker-x: KeyError" in text
    assert PHONE not in text and "王小明" not in text


def test_qt_critical_messages_go_to_the_log(qtbot, guard):
    qCritical("the offscreen platform lost its surface")
    assert "Qt: the offscreen platform lost its surface" in log_text()


def test_a_hard_crash_is_written_and_reported_at_the_next_start(qtbot, tmp_path, qapp):
    home = app_dirs().logs.parent
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["INTERVIEWDESK_HOME"] = {str(home)!r}
        from PySide6.QtWidgets import QApplication
        from desktop.core.paths import app_dirs
        from desktop.ui.crash import CrashGuard
        app = QApplication([])
        CrashGuard(app_dirs().logs).install()
        import ctypes
        ctypes.string_at(0)          # an access violation, as a broken native library would cause
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode != 0
    assert "Fatal Python error" in (app_dirs().logs / NATIVE_FILE).read_text(encoding="utf-8")

    guard = CrashGuard(app_dirs().logs).install()
    try:
        box = guard.tell_about_previous_crash()
        assert box is not None and box.isVisible() and "意外关闭" in box.text()
        assert "the previous run ended in a hard crash" in log_text()
        assert (app_dirs().logs / NATIVE_FILE).read_text(encoding="utf-8") == ""
        assert guard.tell_about_previous_crash() is None       # told once
        box.close()
    finally:
        guard.uninstall()
