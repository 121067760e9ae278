"""Garbage collection on the UI thread only, in short pauses.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. If that is a background worker, it may destroy Qt objects (widgets, models, signals
caught in reference cycles) outside the thread that owns them, which crashes the process. So the
automatic collector is switched off and a timer on the UI thread collects instead (as Anki does).

A collection walks every object of the generations it collects, and the window freezes while it
does: a full collection of the heap after the sign-in (the modules, Qt's wrappers, the pinyin
dictionaries: 300,000 objects and more) took 70-100 ms. What is alive then lives as long as the
program, so it is frozen (gc.freeze: kept out of every later collection) instead of walked again and
again: once the desk is up (`settle`), whenever modules were imported since the last look (a lazy
import such as pypinyin's dictionaries, loaded by a worker after the start, is a big load of
objects that stay), and when a collection was slow anyway (its survivors have lived through it).
What is frozen is never collected as a cycle; the price is that cyclic garbage which was alive when
frozen stays in memory, which the frozen moments (imports, the start, a rare slow collection) keep
small. bench/soak_gc.py measures the pauses over a long session.
"""

from __future__ import annotations

import gc
import logging
import sys
import time

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger(__name__)


class GarbageCollector(QObject):
    INTERVAL_MS = 1000
    SLOW_MS = 10.0      # a collection that took longer freezes what survived it

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.modules = len(sys.modules)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        if len(sys.modules) != self.modules:      # imported since the last look: long-lived, not garbage
            self.freeze("modules imported")
            return
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                started = time.perf_counter()
                gc.collect(generation)
                took = (time.perf_counter() - started) * 1000
                if generation > 0 and took > self.SLOW_MS:
                    self.freeze(f"generation {generation} collected in {took:.0f} ms")
                break

    def settle(self) -> None:
        """Once the desk is up: what the start made stays for the session."""
        self.freeze("the desk is up")

    def freeze(self, why: str) -> None:
        gc.freeze()
        self.modules = len(sys.modules)
        if log.isEnabledFor(logging.DEBUG):     # the count walks every frozen object: not for a line nobody keeps
            log.debug("garbage collection: %s objects frozen (%s)", gc.get_freeze_count(), why)


def install(app: QObject) -> GarbageCollector:
    """Once per QApplication; the collector lives as long as the application."""
    existing = app.findChild(GarbageCollector)
    return existing if existing is not None else GarbageCollector(app)
