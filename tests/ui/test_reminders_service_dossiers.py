"""The dossiers a closing could not write are produced after the minute tick, in a transaction of
their own — not inside the minute job, whose every run every desktop waits on."""

from __future__ import annotations

from desktop.core.scheduling import desk_views
from desktop.ui.today import reminders


def test_the_service_produces_due_dossiers_after_every_fifth_tick(monkeypatch, qtbot):
    calls = []

    class Ctx:
        actor = None

        class sig_changed:                 # noqa: N801  (a stand-in for the context's signal)
            @staticmethod
            def emit(*_args):
                pass

        def write(self, fn, on_done=None, on_error=None, *, entity, owner=None, ids=None):
            calls.append((getattr(fn, "__name__", ""), entity))

    service = reminders.ReminderService(Ctx())
    tick = desk_views.Tick(raised=(), alerts=[], notices=[])
    for _ in range(2 * reminders.DOSSIER_EVERY + 1):
        service._ticked(tick)
    assert calls == [("produce_due_dossiers", "archive")] * 2
