"""A program killed at random moments while it writes loses nothing it acknowledged: after every
SIGKILL the database opens, holds every write whose commit returned, passes SQLite's and SQLCipher's
integrity checks, and its audit chain verifies (the longer run is bench/soak_crash.py)."""

from __future__ import annotations

import os

from crash_writer import create, soak
from factories import PASSPHRASE

KILLS = 8


def test_every_acknowledged_write_survives_sigkill_at_random_moments(tmp_path):
    seed = int.from_bytes(os.urandom(4), "big")
    path = tmp_path / "office" / "interviewdesk.db"
    recovery_key = create(path, PASSPHRASE)

    tally = soak(path, recovery_key, KILLS, seed=seed, max_delay=0.5)

    assert tally.kills == KILLS
    assert tally.acknowledged > KILLS, f"seed {seed}: the writer hardly wrote ({tally.acknowledged})"
    assert tally.lost == [], f"seed {seed}"
    assert tally.problems == [], f"seed {seed}"
