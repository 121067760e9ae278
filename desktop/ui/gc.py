"""Garbage collection on the UI thread only, in short pauses.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. If that is a background worker, it may destroy Qt objects (widgets, models, signals
caught in reference cycles) outside the thread that owns them, which crashes the process. So the
automatic collector is switched off and a timer on the UI thread collects instead (as Anki does).

A collection walks every object of the generations it collects, and the window freezes while it
does: a full collection of the heap after the sign-in (the modules, Qt's wrappers, the pinyin
dictionaries: 400,000 objects and more) takes 70-150 ms. So the oldest objects are frozen
(gc.freeze: kept out of every later collection) instead of walked again and again:

- once the desk is up (`settle`), and whenever modules were imported since the last look (a lazy
  import such as pypinyin's dictionaries, loaded by a worker after the start, is a big load of
  objects that stay);
- after every full collection: what survived one has lived through every generation, so the next
  full collection walks only what was promoted since (a couple of minutes of survivors), not all
  that survived before. And after a generation-1 collection slower than 10 ms (its survivors are
  many: they would be walked once more by the next full collection).

What is frozen is not collected as a cycle: cyclic garbage that was alive when frozen (a closed
dialog's widgets and their slots, say) stays in memory (little: a whole collection after a 5-minute
soak found 673 unreachable objects). To keep memory bounded, the whole heap is collected now and
then, thawed and frozen again (`collect_all`): when what is frozen has grown by a quarter since the
last time (CPython's own rule for its oldest generation: a full collection only when the objects new
to it exceed 25% of those that were there) and no window of the program is in use (the user works in
another program, or the screen is locked), so that its 100 ms or more go unnoticed; and, if the
window is never left, once the frozen heap has doubled: frozen garbage can then at worst double the
objects, and a long session pays one such pause each time it does. The growth is counted from what
each freeze froze (an upper bound: much of it dies later) and counted exactly, a walk of the frozen
heap, only when that says due. bench/soak_gc.py measures the pauses and the memory over a long
session.
"""

from __future__ import annotations

import gc
import logging
import sys
import time

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)


class GarbageCollector(QObject):
    INTERVAL_MS = 1000
    SLOW_MS = 10.0        # a generation-1 collection that took longer freezes what survived it
    GROWTH_AWAY = 0.25    # the frozen heap grew by this much: collected whole once the window is left
    GROWTH_ANYWAY = 1.0   # grew by this much: collected whole even while the window is in use

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.modules = len(sys.modules)
        # What is frozen, counted without gc.get_freeze_count (a walk of the whole frozen heap): after the
        # last whole collection, and frozen since (an upper bound of the growth: much of it died since).
        self.long_lived = gc.get_freeze_count()
        self.frozen_since = 0
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(self.INTERVAL_MS)

    def check(self) -> None:
        if len(sys.modules) != self.modules:      # imported since the last look: long-lived, not garbage
            self.long_lived += self.freeze("modules imported")
            return
        if self.whole_collection_due():
            self.collect_all()
            return
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self.threshold[generation]:
                started = time.perf_counter()
                gc.collect(generation)
                took = (time.perf_counter() - started) * 1000
                if generation == 2:
                    self.frozen_since += self.freeze(f"survived a full collection ({took:.0f} ms)")
                elif generation == 1 and took > self.SLOW_MS:
                    self.frozen_since += self.freeze(f"generation 1 collected in {took:.0f} ms")
                break

    def whole_collection_due(self) -> bool:
        if not self._grown(self.frozen_since):
            return False
        self.frozen_since = gc.get_freeze_count() - self.long_lived    # what is left of it
        return self._grown(self.frozen_since)

    def _grown(self, growth: int) -> bool:
        if growth > self.GROWTH_ANYWAY * self.long_lived:
            return True
        return growth > self.GROWTH_AWAY * self.long_lived and not self.window_in_use()

    @staticmethod
    def window_in_use() -> bool:
        """Whether one of the program's windows has the keyboard (not when the user works in another
        program, or the screen is locked)."""
        return QGuiApplication.focusWindow() is not None

    def collect_all(self) -> None:
        """The whole heap, the frozen part too: the cyclic garbage frozen since the last time goes."""
        started = time.perf_counter()
        gc.unfreeze()
        found = gc.collect()
        self.long_lived = self.freeze(f"whole heap collected in {(time.perf_counter() - started) * 1000:.0f} ms, "
                                      f"{found} unreachable")
        self.frozen_since = 0

    def settle(self) -> None:
        """Once the desk is up: what the start made stays for the session. Frozen without `freeze`'s count
        of what is not frozen yet: listing the start's 150,000 objects took 10-17 ms while the first
        page's data waited for the event loop, on top of the walk of the frozen heap (7-12 ms) that
        counts them all anyway."""
        gc.freeze()
        self.modules = len(sys.modules)
        self.long_lived, self.frozen_since = gc.get_freeze_count(), 0
        log.debug("garbage collection: %s objects frozen in all (the desk is up)", self.long_lived)

    def freeze(self, why: str) -> int:
        """Freezes what is not frozen yet; returns how many objects that was."""
        frozen = sum(len(gc.get_objects(generation)) for generation in range(3))
        gc.freeze()
        self.modules = len(sys.modules)
        log.debug("garbage collection: %s objects frozen (%s)", frozen, why)
        return frozen


def install(app: QObject) -> GarbageCollector:
    """Once per QApplication; the collector lives as long as the application."""
    existing = app.findChild(GarbageCollector)
    return existing if existing is not None else GarbageCollector(app)
