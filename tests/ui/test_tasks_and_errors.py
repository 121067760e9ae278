"""Background work comes back to the UI thread; writes go one at a time; errors are shown in the
user's words with details that carry no personal data; every write is broadcast."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from sqlalchemy.exc import IntegrityError

from desktop.core.errors import StaleWrite
from desktop.core.services import candidates
from desktop.core.services.candidates import CandidateInput
from desktop.ui.errors import ErrorDialog, error_details, install_excepthook, uninstall_excepthook
from desktop.ui.tasks import TaskRunner


def test_results_and_errors_arrive_on_the_ui_thread(qtbot, runner):
    seen = {}
    ui_thread = QThread.currentThread()
    runner.run_in_background(lambda: threading.get_ident(),
                             lambda ident: seen.update(worker=ident, done_on_ui=QThread.currentThread() is ui_thread))
    runner.run_in_background(lambda: 1 / 0, None, lambda error: seen.update(error=error))
    qtbot.waitUntil(lambda: runner.is_idle, timeout=5_000)
    assert seen["worker"] != threading.get_ident() and seen["done_on_ui"]
    assert isinstance(seen["error"], ZeroDivisionError)


def test_writes_run_one_at_a_time_in_the_order_asked(qtbot, runner):
    running, overlap, order = [0], [False], []
    gate = threading.Lock()

    def write(n: int):
        with gate:
            running[0] += 1
            overlap[0] |= running[0] > 1
        threading.Event().wait(0.01)   # long enough for a second writer to collide if it could
        order.append(n)
        with gate:
            running[0] -= 1

    for n in range(6):
        runner.run_in_background(lambda n=n: write(n), write=True)
    qtbot.waitUntil(lambda: runner.is_idle, timeout=5_000)
    assert order == list(range(6)) and not overlap[0]


def test_busy_is_reported_only_for_work_that_takes_a_while(qtbot):
    runner = TaskRunner(busy_delay_ms=100)
    reports = []
    runner.sig_busy.connect(reports.append)
    runner.run_in_background(lambda: None)
    qtbot.waitUntil(lambda: runner.is_idle, timeout=5_000)
    assert reports == []

    release = threading.Event()
    runner.run_in_background(lambda: release.wait(5))
    with qtbot.waitSignal(runner.sig_busy, timeout=5_000):
        pass
    release.set()
    qtbot.waitUntil(lambda: runner.is_idle, timeout=5_000)
    assert reports == [True, False]
    runner.wait_for_done()


def test_callbacks_for_a_closed_window_are_dropped(qtbot, runner):
    owner = QObject()
    called = []
    release = threading.Event()
    runner.run_in_background(lambda: release.wait(5), called.append, owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner), timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: runner.is_idle, timeout=5_000)
    assert called == []


def test_work_started_when_idle_waits_for_the_queued_results_and_counts_as_queued_itself(qtbot, runner):
    order = []
    release = threading.Event()
    runner.run_in_background(lambda: release.wait(5), lambda _r: order.append("page's data"))
    runner.when_idle(lambda: order.append("tick"))
    runner.when_idle(lambda: order.append("never"), owner=(gone := QObject()))
    idle_then = []
    runner.sig_idle.connect(lambda: idle_then.append(runner.is_idle))
    gone.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(gone), timeout=5_000)
    assert order == [] and not runner.is_idle
    release.set()
    qtbot.waitUntil(lambda: runner.is_idle, timeout=5_000)
    assert order == ["page's data", "tick"]        # an owner deleted meanwhile: its call is dropped
    assert idle_then == [False, True]              # not idle until what waited for idle has started
    runner.when_idle(lambda: order.append("at once"))
    assert order[-1] == "at once"                  # nothing queued: no wait


def test_a_delivered_task_keeps_nothing_alive_and_lets_go_of_it_on_the_ui_thread(qtbot, runner):
    """What a task's work and callbacks hold (a page's model, a dialog) is released once its outcome is
    delivered, not kept by the thread pool for the session; and released on the UI thread, where a
    window may be destroyed."""
    released = []

    class Held:
        def __del__(self) -> None:
            released.append(threading.get_ident())

    for fails, write in ((False, False), (True, False), (False, True)):
        held = Held()
        runner.run_in_background(lambda held=held, fails=fails: 1 / 0 if fails else None,
                                 lambda _result, held=held: None, lambda _error, held=held: None, write=write)
    del held
    qtbot.waitUntil(lambda: runner.is_idle, timeout=5_000)
    runner.wait_for_done()
    assert released == [threading.get_ident()] * 3


def test_an_unexpected_error_shows_details_without_personal_data(qtbot):
    try:
        try:
            raise ValueError("boom")
        except ValueError as inner:
            raise IntegrityError("INSERT INTO candidates (phone) VALUES (?)", ("13800138000",), inner) from inner
    except IntegrityError as error:
        failure = error
    details = error_details(failure)
    assert "13800138000" not in details and "ValueError: boom" in details and "test_tasks_and_errors" in details
    dialog = ErrorDialog(failure)
    qtbot.addWidget(dialog)
    assert "意外" in dialog.message.text()
    dialog.copy_details()
    assert "ValueError" in QApplication.clipboard().text()


def test_the_excepthook_shows_the_error_dialog(qtbot):
    import sys

    install_excepthook()
    try:
        try:
            raise RuntimeError("unexpected")
        except RuntimeError as error:
            sys.excepthook(type(error), error, error.__traceback__)
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErrorDialog) and w.isVisible()]
        assert dialogs
        for dialog in dialogs:
            dialog.close()
    finally:
        uninstall_excepthook()


def test_a_write_is_broadcast_with_the_entity_and_ids(qtbot, ctx):
    with qtbot.waitSignal(ctx.sig_changed, timeout=10_000) as signal:
        ctx.write(lambda s: candidates.create_candidate(s, ctx.actor, CandidateInput(name="周杰")),
                  entity="candidate", ids=lambda new_id: (new_id,))
    entity, ids = signal.args
    assert entity == "candidate" and len(ids) == 1

    failures = []
    ctx.write(lambda s: (_ for _ in ()).throw(StaleWrite("x")), None, failures.append, entity="candidate")
    qtbot.waitUntil(lambda: bool(failures), timeout=10_000)
    assert isinstance(failures[0], StaleWrite)
