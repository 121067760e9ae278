"""Crash soak: a writer killed with SIGKILL at random moments, many times over, on one encrypted
database; after every kill the database must hold every acknowledged write, pass the integrity and
cipher checks and keep its audit chain intact. The suite runs the same harness with a few kills
(tests/integration/test_crash_writer.py); this is the long run.

    .venv/bin/python bench/soak_crash.py                 # 200 kills in a temporary folder
    .venv/bin/python bench/soak_crash.py --kills 50 --seed 7 --max-delay 1.0

Prints kills, acknowledged writes and lost writes; exit code 0 only when nothing was lost and
every check passed. POSIX only (SIGKILL).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))               # run from a checkout without installing
sys.path.insert(0, str(ROOT / "tests"))     # the harness shared with the test suite

from crash_writer import create, soak  # noqa: E402

PASSPHRASE = "Soak-passphrase-1"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=None, help="default: random (printed, to repeat a run)")
    parser.add_argument("--max-delay", type=float, default=0.5, help="longest time a writer runs before its kill (s)")
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "big")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="interviewdesk-soak-") as folder:
        path = Path(folder) / "interviewdesk.db"
        recovery_key = create(path, PASSPHRASE)

        def progress(kills: int, acknowledged: int, lost: int) -> None:
            if kills % 10 == 0:
                print(f"  {kills} kills, {acknowledged} acknowledged, {lost} lost", flush=True)

        tally = soak(path, recovery_key, args.kills, seed=seed, max_delay=args.max_delay, progress=progress)
        size = path.stat().st_size
    print(f"seed {seed}, {time.monotonic() - started:.0f} s, database {size // 1024} KiB")
    print(f"kills: {tally.kills}")
    print(f"acknowledged writes: {tally.acknowledged}")
    print(f"lost writes: {len(tally.lost)}" + (f" ({', '.join(tally.lost[:10])})" if tally.lost else ""))
    print(f"check problems: {len(tally.problems)}" + (f" ({'; '.join(tally.problems[:10])})" if tally.problems else ""))
    return 0 if tally.sound else 1


if __name__ == "__main__":
    sys.exit(main())
