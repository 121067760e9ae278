"""The dossier rendering benchmark (a script, not a test): run by hand, figures go into the closing note.

    .venv/bin/python bench/bench_dossier.py [--candidates N] [--interviews N] [--rounds N]

Builds a throwaway encrypted database with the demo (`interviewdesk demo`'s data: --candidates,
default 200, --interviews booked, default 50), then renders the dossier of every application that
has an interview or has closed (desktop.core.archive.dossier.render, as `produce` does, without
the file write), `--rounds` times over, each application in a fresh read session as the writer
thread would. Prints dossiers per second (target ≥ 20/s; also per CPU second, as the figure on a
shared machine depends on its load), p50/p95/max per dossier, pages and size,
and the share of the time spent reading the record (record_of) vs laying out the PDF.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import or_, select  # noqa: E402

from desktop.core import demo  # noqa: E402
from desktop.core.archive import dossier  # noqa: E402
from desktop.core.clock import ManualClock  # noqa: E402
from desktop.core.model import Application, Interview  # noqa: E402
from desktop.core.storage import migrate  # noqa: E402
from desktop.core.storage.database import Actor, create_embedded  # noqa: E402

PASSPHRASE = "Bench-passphrase-2026"  # protects generated data only
START = datetime(2026, 11, 24, 2, 0, tzinfo=timezone.utc)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--interviews", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["INTERVIEWDESK_HOME"] = folder          # the demo's own dossiers go here
        clock = ManualClock(START)
        db, _ = create_embedded(Path(folder) / "bench.db", PASSPHRASE, clock=clock)
        migrate.upgrade(db)
        started = time.perf_counter()
        demo.populate(db, candidates=args.candidates, interviews=args.interviews)
        print(f"demo built in {time.perf_counter() - started:.1f} s")
        system = Actor.command_line()
        with db.session(system) as s:
            ids = list(s.scalars(select(Application.id).where(or_(
                Application.closed_at.is_not(None),
                Application.id.in_(select(Interview.application_id)))).order_by(Application.id)))
        with db.session(system) as s:                         # the font and the labels, loaded once
            dossier.render(s, ids[0], produced_by="bench", now=clock.now())
        times, reading, pages, sizes, cpu = [], [], [], [], 0.0
        for _ in range(args.rounds):
            for application_id in ids:
                with db.session(system) as s:
                    t0 = time.perf_counter()
                    dossier.record_of(s, application_id)
                    t1 = time.perf_counter()
                with db.session(system) as s:
                    t2, c2 = time.perf_counter(), time.process_time()
                    made = dossier.render(s, application_id, produced_by="bench", now=clock.now())
                    t3, c3 = time.perf_counter(), time.process_time()
                cpu += c3 - c2
                reading.append(t1 - t0)
                times.append(t3 - t2)
                pages.append(made.pages)
                sizes.append(len(made.pdf))
        total = sum(times)
        times.sort()
        print(f"{len(ids)} applications × {args.rounds} rounds = {len(times)} dossiers in {total:.2f} s: "
              f"{len(times) / total:.1f} dossiers/s ({len(times) / cpu:.1f} per CPU second; "
              f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
        print(f"per dossier: p50 {statistics.median(times) * 1000:.0f} ms, "
              f"p95 {times[int(len(times) * 0.95) - 1] * 1000:.0f} ms, max {times[-1] * 1000:.0f} ms; "
              f"reading the record {statistics.mean(reading) / statistics.mean(times) * 100:.0f}% of it")
        print(f"pages: mean {statistics.mean(pages):.1f}, max {max(pages)}; "
              f"size: mean {statistics.mean(sizes) / 1024:.0f} KiB, max {max(sizes) / 1024:.0f} KiB")
        db.dispose()


if __name__ == "__main__":
    main()
