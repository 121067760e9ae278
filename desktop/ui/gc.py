"""Garbage collection on the UI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. If that is a background worker, it may destroy Qt objects (widgets, models, signals
caught in reference cycles) outside the thread that owns them, which crashes the process. So the
automatic collector is switched off and a timer on the UI thread collects instead (as Anki does).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GarbageCollector(QObject):
    INTERVAL_MS = 1000

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                gc.collect(generation)
                break


def install(app: QObject) -> GarbageCollector:
    """Once per QApplication; the collector lives as long as the application."""
    existing = app.findChild(GarbageCollector)
    return existing if existing is not None else GarbageCollector(app)
