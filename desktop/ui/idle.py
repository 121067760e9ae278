"""Locking the window after idle time: any key, click or wheel counts as activity; a timer checks
against the clock (a ManualClock in tests) and reports when `security.idle_lock_minutes` passed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desktop.core.clock import Clock

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick,
                      QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.MouseMove})


class IdleWatcher(QObject):
    sig_idle = Signal()

    def __init__(self, clock: Clock, minutes: Callable[[], int], *, check_every_ms: int = 15_000,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.clock = clock
        self.minutes = minutes
        self.last_activity: datetime = clock.now()
        self.paused = False
        self._timer = QTimer(self)
        self._timer.setInterval(check_every_ms)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def start(self) -> None:
        self.last_activity = self.clock.now()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def pause(self) -> None:
        """While locked nothing is watched; `resume` starts a new idle period."""
        self.paused = True

    def resume(self) -> None:
        self.paused = False
        self.last_activity = self.clock.now()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.paused and event.type() in ACTIVITY:
            self.last_activity = self.clock.now()
        return False

    def check(self) -> bool:
        if self.paused:
            return False
        if self.clock.now() - self.last_activity >= timedelta(minutes=max(1, int(self.minutes()))):
            self.paused = True
            self.sig_idle.emit()
            return True
        return False
