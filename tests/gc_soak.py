"""An HR officer's normal use, for timing the UI thread's garbage-collection pauses: the candidate
list scrolled (the next page fetched as it reaches its end, a new search once it has no more), the
schedule switched week by week, now and then an interview booked through the writer. Every
collection is timed with gc.callbacks (start and stop, generation, duration).

tests/ui/test_gc_pauses.py runs a few dozen steps of it; bench/soak_gc.py runs it for minutes on the
scheduling bench database."""

from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

SEARCHES = ("王", "李", "", "张", "陈", "")


class Pauses:
    """Every collection while entered: (generation, milliseconds), and the CPU time the collecting
    thread spent in it (on a loaded machine the wall time also holds the time the thread waited for
    a core)."""

    def __init__(self) -> None:
        self.took: list[tuple[int, float]] = []
        self.cpu: list[float] = []
        self._started = self._cpu_started = 0.0

    def __enter__(self) -> "Pauses":
        gc.callbacks.append(self._seen)
        return self

    def __exit__(self, *_exc: Any) -> None:
        gc.callbacks.remove(self._seen)

    def _seen(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started, self._cpu_started = time.perf_counter(), time.thread_time()
        else:
            self.took.append((info["generation"], (time.perf_counter() - self._started) * 1000))
            self.cpu.append((time.thread_time() - self._cpu_started) * 1000)

    @property
    def longest(self) -> float:
        return max((ms for _, ms in self.took), default=0.0)

    def summary(self) -> dict:
        ordered = sorted(ms for _, ms in self.took)
        if not ordered:
            return {"collections": 0}

        def pct(p: float) -> float:
            return round(ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))], 2)

        longest: dict[int, float] = {}
        for generation, ms in self.took:
            longest[generation] = round(max(longest.get(generation, 0.0), ms), 2)
        return {"collections": len(ordered), "by_generation": dict(sorted(Counter(g for g, _ in self.took).items())),
                "longest_by_generation": dict(sorted(longest.items())), "longest_ms": round(ordered[-1], 2),
                "p50_ms": pct(50), "p99_ms": pct(99), "over_50_ms": sum(1 for ms in ordered if ms > 50),
                "longest_cpu_ms": round(max(self.cpu), 2)}


class Use:
    """One step at a time: scroll, scroll, next week, scroll, previous week, book (and again)."""

    STEPS = ("scroll", "scroll", "week", "scroll", "week", "book")

    def __init__(self, qtbot: Any, ctx: Any, candidates: Any, schedule: Any,
                 booking: Callable[[Any], object], weeks: int = 4) -> None:
        self.qtbot, self.ctx = qtbot, ctx
        self.candidates, self.schedule = candidates, schedule
        self.booking = booking        # fn(session): books one interview (the writer runs it)
        self.weeks = weeks            # forward this many weeks, then back
        self.done: Counter[str] = Counter()
        self.errors: list[BaseException] = []
        self._searches = 0
        self._week = 0

    def step(self, number: int) -> str:
        kind = self.STEPS[number % len(self.STEPS)]
        getattr(self, kind)()
        self.done[kind] += 1
        return kind

    def idle(self) -> None:
        self.qtbot.waitUntil(lambda: self.ctx.tasks.is_idle, timeout=60_000)

    def scroll(self) -> None:
        model = self.candidates.model
        if model.canFetchMore():
            self.candidates.table.scrollToBottom()
            model.fetchMore()           # what the view asks for at the end (a no-op if it asked already)
        else:
            self._searches += 1
            text = SEARCHES[self._searches % len(SEARCHES)]
            self.candidates.search.setText(text)
            self.qtbot.waitUntil(lambda: model.search == text, timeout=10_000)   # the typing pause
        self.qtbot.waitUntil(lambda: not model.loading and self.ctx.tasks.is_idle, timeout=60_000)

    def week(self) -> None:
        forward = (self._week // self.weeks) % 2 == 0
        self._week += 1
        (self.schedule.show_next if forward else self.schedule.show_previous)()
        self.idle()

    def book(self) -> None:
        self.ctx.write(self.booking, None, self.errors.append, entity="interview")
        self.idle()
