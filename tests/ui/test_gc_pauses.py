"""Garbage is collected on the UI thread in short pauses: during a session of scrolling the candidate
list, switching weeks on the schedule and booking, no collection holds the window for 50 ms or more.
A scaled-down run of the soak in bench/soak_gc.py: the collector ticks once per step (besides its
timer), with thresholds lowered so that a few dozen steps include full collections."""

from __future__ import annotations

from datetime import timedelta

from gc_soak import Pauses, Use
from scheduling_ui import STORY_DAY, local
from ui_helpers import add_candidates

from desktop.core.model import InterviewMode
from desktop.core.scheduling import booking
from desktop.ui import gc as ui_gc
from desktop.ui.candidates.model import CandidateTableModel
from desktop.ui.candidates.page import CandidatesPage
from desktop.ui.schedule.page import SchedulePage
from factories import add_application


def test_scrolling_switching_weeks_and_booking_never_pause_the_window_for_50_ms(qtbot, qapp, make_ctx, world,
                                                                                 embedded_db, monkeypatch):
    w = world
    monkeypatch.setattr(CandidateTableModel, "PAGE_SIZE", 20)
    people = add_candidates(embedded_db, 60, w.dept)
    applications = iter([add_application(embedded_db, c, w.position) for c in people[:10]])
    starts = iter([local(STORY_DAY + timedelta(days=d), h) for d in (0, 1, 2, 3, 6) for h in (9, 10, 11, 14, 15)])

    def book_next(session):
        return booking.book(session, w.hr, booking.BookingInput(
            application_id=next(applications), round_id=w.round1, starts_at=next(starts), duration_minutes=30,
            mode=InterviewMode.ONSITE, room_id=w.room, interviewer_ids=(w.wang.user_id,)))

    ctx = make_ctx(w.hr)
    candidates, schedule = CandidatesPage(ctx), SchedulePage(ctx)
    for page in (candidates, schedule):
        qtbot.addWidget(page)
        page.show()
    qtbot.waitUntil(lambda: candidates.model.loaded_once and ctx.tasks.is_idle, timeout=10_000)
    collector = ui_gc.install(qapp)
    monkeypatch.setattr(collector, "threshold", (30, 3, 3))
    collector.settle()          # as the app does once the desk is up
    use = Use(qtbot, ctx, candidates, schedule, book_next)

    with Pauses() as pauses:
        for n in range(48):
            use.step(n)
            collector.check()

    assert use.errors == [] and use.done["book"] == 8 and use.done["week"] == 16
    summary = pauses.summary()
    assert summary["by_generation"].get(2, 0) >= 1, summary      # a full collection was part of it
    print(summary)
    assert pauses.longest < 50, summary
