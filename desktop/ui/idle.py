"""Locking the window after idle time: any key, click or wheel counts as activity; a timer checks
against the clock (a ManualClock in tests) and reports when `security.idle_lock_minutes` passed.

The input is watched on the app's top-level windows (QWindow), where the system hands it to Qt before
Qt passes it on to a widget; a window is watched from when it first gets the focus (a new dialog, a
menu) or, at the latest, from the next check. A filter on the whole application would see it too, but
it brings every event of every object into Python (paints, layouts, timers: some 4,000 while the first
page is built) and makes PySide build the Python enum classes of each kind of widget and event it
meets on the way (about 130 of them, a few dozen milliseconds of the start)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QWindow

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
        self._app = QGuiApplication.instance()
        if self._app is not None:
            self._app.focusWindowChanged.connect(self._watch)
        self.watch_windows()

    def _watch(self, window: QWindow | None) -> None:
        if window is not None:
            window.installEventFilter(self)      # installed once however often it is asked

    def watch_windows(self) -> None:
        """Every top-level window there is now, focused or not (a popup that never took the focus)."""
        for window in QGuiApplication.topLevelWindows():
            window.installEventFilter(self)

    def start(self) -> None:
        self.last_activity = self.clock.now()
        self.watch_windows()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        if self._app is not None:      # once: the window stops it on signing out and again on closing
            self._app.focusWindowChanged.disconnect(self._watch)
            self._app = None
        for window in QGuiApplication.topLevelWindows():
            window.removeEventFilter(self)

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
        self.watch_windows()
        if self.paused:
            return False
        if self.clock.now() - self.last_activity >= timedelta(minutes=max(1, int(self.minutes()))):
            self.paused = True
            self.sig_idle.emit()
            return True
        return False
