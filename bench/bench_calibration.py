"""The calibration view benchmark (a script, not a test): run by hand, figures go into the closing note.

    .venv/bin/python bench/bench_calibration.py [--runs N] [--interviews N]

Builds a throwaway encrypted database as the app opens it (in a temporary folder), with one position,
its HR round scored on the shipped HR面 template, and `--interviews` (default 200) other interviews each
scored by 3 interviewers, so the scorecard tables are not empty; then one interview with a panel of
8 interviewers who all submit through the real service (scorecards.submit). Times
scorecard_panel.calibration for HR in a fresh read session each run, as the UI's worker does (target
p95 < 50 ms), and prints p50/p95/max.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sqlalchemy import select  # noqa: E402

from desktop.core import scorecard_panel, scorecards  # noqa: E402
from desktop.core.clock import ManualClock  # noqa: E402
from desktop.core.model import InterviewMode, Recommendation, Role, Round  # noqa: E402
from desktop.core.scheduling import booking  # noqa: E402
from desktop.core.scorecards import CardInput, ScoreInput  # noqa: E402
from desktop.core.storage import migrate  # noqa: E402
from desktop.core.storage.database import create_embedded  # noqa: E402
from factories import SYSTEM, add_application, add_candidate, add_position, add_user, department_tree  # noqa: E402

PASSPHRASE = "Bench-passphrase-2026"  # protects generated data only
START = datetime(2026, 11, 2, 1, 0, tzinfo=timezone.utc)   # a Monday, 09:00 in Shanghai


def _submit(db, who, interview_id: int, rng: random.Random) -> None:
    scores = {p: ScoreInput(rng.randint(4, 8)) for p in (1, 2, 3)}
    with db.session(who, write=True) as s:
        scorecards.submit(s, who, interview_id, CardInput(scores, rng.choice(list(Recommendation))))


def _book(db, hr, app_id: int, round_id: int, at: datetime, panel) -> int:
    with db.session(hr, write=True) as s:
        return booking.book(s, hr, booking.BookingInput(
            application_id=app_id, round_id=round_id, starts_at=at, duration_minutes=30, mode=InterviewMode.VIDEO,
            video_link="https://meet.example.cn/bench", interviewer_ids=tuple(p.user_id for p in panel))).interview_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--interviews", type=int, default=200)
    args = parser.parse_args()
    rng = random.Random(12)
    with tempfile.TemporaryDirectory() as folder:
        clock = ManualClock(START)
        db, _ = create_embedded(Path(folder) / "bench.db", PASSPHRASE, clock=clock)
        migrate.upgrade(db)
        dept = department_tree(db).a
        hr = add_user(db, "hr", [(Role.HR_OFFICER, dept)], display_name="张人事", department_id=dept)
        panel = [add_user(db, f"iv{i}", [(Role.INTERVIEWER, dept)], display_name=f"面试官{i}", department_id=dept)
                 for i in range(8)]
        position = add_position(db, dept, "NK-2026-01", "内科住院医师")
        with db.session(SYSTEM) as s:
            round_id = s.scalar(select(Round.id).where(Round.position_id == position, Round.sequence == 1))
        booked = []
        for n in range(args.interviews + 1):
            app = add_application(db, add_candidate(db, f"候选人{n}", dept), position)
            at = START + timedelta(weeks=n // 5, days=n % 5)      # one a weekday at 09:00
            who = panel if n == args.interviews else rng.sample(panel, 3)
            booked.append((_book(db, hr, app, round_id, at, who), who))
        clock.set(at + timedelta(hours=1))      # scorecards are submitted once the interviews have begun
        for iid, who in booked:
            for person in who:
                _submit(db, person, iid, rng)
        times = []
        for _ in range(args.runs):
            began = time.perf_counter()
            with db.session(hr) as s:
                view = scorecard_panel.calibration(s, hr, iid)
            times.append((time.perf_counter() - began) * 1000)
        db.dispose()
    assert len(view.interviewers) == 8 and len(view.rows) == 3
    times.sort()
    print(f"calibration view, 8 interviewers, {args.interviews} other scored interviews, {args.runs} runs: "
          f"p50 {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
          f"max {times[-1]:.1f} ms (target p95 < 50 ms)")


if __name__ == "__main__":
    main()
