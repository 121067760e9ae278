"""Running work off the UI thread, the way Anki's operations and Picard's run_task do it.

`run_in_background(fn, on_done, on_error)` runs `fn` on a thread pool and calls `on_done(result)` or
`on_error(exception)` back on the UI thread. Writes go through a pool of ONE thread, so they reach
the database one after another in the order they were asked for; reads share a few threads. The
runner reports "busy" only when work has been running for a while (~0.5 s), so quick queries never
flash a progress indicator.
"""

from __future__ import annotations

import functools
import itertools
import sys
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal

Callback = Callable[[Any], None]
NONE_PIN = 1 << 40


def pin_none() -> None:
    """Keep `None` alive however its reference count drifts.

    PySide6 6.12 on Python 3.11 changes None's reference count without holding the GIL in some
    wrappers (QWidget.update, QLabel.setText, processEvents). While a worker thread runs Python at
    that moment, updates are lost, the count drifts down, and Python aborts with "deallocating None"
    (reproduced within a minute by loading a busy schedule week while the window repaints). Python
    3.12 made None immortal; on 3.11 we give it a count so high it cannot drift to zero."""
    if sys.version_info >= (3, 12):
        return
    import ctypes

    count = ctypes.c_ssize_t.from_address(id(None))
    if count.value < NONE_PIN:
        count.value += NONE_PIN


class _Task:
    """The work asked for, what to call with its outcome, and the outcome. Only the runner holds it, until
    the outcome is delivered: the worker thread reaches it by its number and lets go of it before it
    reports, so the closures and the outcome (either may hold the last reference to a window) are
    released on the UI thread."""

    __slots__ = ("fn", "on_done", "on_error", "owner", "outcome")

    def __init__(self, fn: Callable[[], Any], on_done: Callback | None, on_error: Callback | None,
                 owner: QObject | None) -> None:
        self.fn = fn
        self.on_done = on_done
        self.on_error = on_error
        self.owner = owner
        self.outcome: tuple[bool, Any] = (False, None)


class TaskRunner(QObject):
    """Background work with results delivered on the UI thread."""

    sig_busy = Signal(bool)          # True once work has been running longer than the busy delay
    sig_idle = Signal()              # every queued task has delivered its result
    _sig_deliver = Signal(object)

    def __init__(self, parent: QObject | None = None, *, busy_delay_ms: int = 500, read_threads: int = 4) -> None:
        super().__init__(parent)
        pin_none()   # before any worker thread runs Python beside the UI thread
        self._reads = QThreadPool(self)
        self._reads.setMaxThreadCount(read_threads)
        self._writes = QThreadPool(self)
        self._writes.setMaxThreadCount(1)
        self._pending: dict[int, _Task] = {}
        self._numbers = itertools.count()
        self._starting = 0               # calls of when_idle queued to run once the event loop comes round
        self._busy = False
        self._busy_timer = QTimer(self)
        self._busy_timer.setSingleShot(True)
        self._busy_timer.setInterval(busy_delay_ms)
        self._busy_timer.timeout.connect(self._become_busy)
        self._sig_deliver.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self.default_error_handler: Callback | None = None

    # --- public --------------------------------------------------------------------------------

    def run_in_background(self, fn: Callable[[], Any], on_done: Callback | None = None,
                          on_error: Callback | None = None, *, write: bool = False,
                          owner: QObject | None = None) -> None:
        """Run `fn()` on a worker thread. When `owner` has been deleted by the time the result
        arrives (a closed dialog), the callbacks are skipped."""
        number = next(self._numbers)
        self._pending[number] = _Task(fn, on_done, on_error, owner)
        if len(self._pending) == 1 and not self._busy:
            self._busy_timer.start()
        # A plain callable: the pool lets go of it once it ran. (A QRunnable that the pool may not delete
        # stays a child of the pool's wrapper for good: every task, its closures and what they held.)
        (self._writes if write else self._reads).start(functools.partial(self._run, number))

    @property
    def is_idle(self) -> bool:
        return not self._pending and not self._starting

    def when_idle(self, fn: Callable[[], Any], *, owner: QObject | None = None) -> None:
        """Call `fn()` on the UI thread once every task queued so far has delivered its result and the
        event loop has drawn what they brought (at once when nothing is queued): background work of the
        desk's own (the minute tick, the outbox worker) starts after the first page is on screen, instead
        of sharing the workers, the CPU and the GIL with its query and its painting. Until `fn` has run
        the runner is not idle, so whoever waits for idle waits for what it starts as well. Skipped when
        `owner` has been deleted by then."""
        if self.is_idle:
            fn()
            return
        self.sig_idle.connect(lambda: self._start_soon(fn, owner), Qt.ConnectionType.SingleShotConnection)

    def _start_soon(self, fn: Callable[[], Any], owner: QObject | None) -> None:
        self._starting += 1      # queued after the repaint that the delivered results posted
        QTimer.singleShot(0, self, lambda: self._start(fn, owner))

    def _start(self, fn: Callable[[], Any], owner: QObject | None) -> None:
        self._starting -= 1
        try:
            if owner is None or shiboken6.isValid(owner):
                fn()
        finally:
            if self.is_idle:
                self.sig_idle.emit()

    @property
    def is_busy(self) -> bool:
        return self._busy

    def wait_for_done(self, msecs: int = 30_000) -> bool:
        """Block until the worker threads are finished (at shutdown). Results not yet delivered
        are dropped."""
        done = self._writes.waitForDone(msecs) and self._reads.waitForDone(msecs)
        return done

    # --- internals -----------------------------------------------------------------------------

    def _become_busy(self) -> None:
        if self._pending and not self._busy:
            self._busy = True
            self.sig_busy.emit(True)

    def _run(self, number: int) -> None:
        """On a worker thread: nothing of the task is referred to from here once it is reported."""
        task = self._pending[number]
        try:
            task.outcome = (True, task.fn())
        except BaseException as exc:  # handed to the UI thread, which decides how to show it
            task.outcome = (False, exc)
        del task
        self._sig_deliver.emit(number)

    def _deliver(self, number: int) -> None:
        task = self._pending.pop(number)
        ok, value = task.outcome
        if not self._pending:
            self._busy_timer.stop()
            if self._busy:
                self._busy = False
                self.sig_busy.emit(False)
        try:
            if task.owner is not None and not shiboken6.isValid(task.owner):
                return
            if ok:
                if task.on_done is not None:
                    task.on_done(value)
            else:
                handler = task.on_error or self.default_error_handler
                if handler is None:
                    raise value
                handler(value)
        finally:
            if self.is_idle:
                self.sig_idle.emit()
