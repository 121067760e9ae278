"""A program killed at random moments while it writes (for tests/integration/test_crash_writer.py
and the longer soak, bench/soak_crash.py; no tests here).

The writer is a separate process doing one committed write after another (a department, so that
each write also appends to the audit chain) and printing each one's code only after its commit
returned: a printed code is an acknowledged write. It is killed with SIGKILL, which no code can
intercept, at a random moment; then the database is opened again and must hold every acknowledged
write, pass SQLite's and SQLCipher's integrity checks and have an intact audit chain."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from desktop.core.model import Department
from desktop.core.storage import admin, migrate
from desktop.core.storage.database import create_embedded, open_embedded

ROOT = Path(__file__).resolve().parents[1]

WRITER = textwrap.dedent("""
    import os, sys
    from datetime import datetime, timezone
    from desktop.core.model import Department
    from desktop.core.storage.database import open_embedded
    db = open_embedded(sys.argv[1], recovery_key=os.environ["CRASH_RECOVERY_KEY"])
    prefix, n = sys.argv[2], 0
    print("ready", flush=True)
    while True:
        code = f"{prefix}-{n}"
        with db.session(write=True) as s:
            s.add(Department(name="科室" + code, code=code, created_at=datetime.now(timezone.utc)))
        print(code, flush=True)
        n += 1
""")


@dataclass
class Tally:
    kills: int = 0
    acknowledged: int = 0
    lost: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)   # "kill 3: integrity", ...

    @property
    def sound(self) -> bool:
        return not self.lost and not self.problems


def create(path: Path, passphrase: str) -> str:
    """A new database at the current schema; returns its recovery key, which both sides unlock
    with (HKDF: no Argon2 on every start, so more of the run is spent writing and killing)."""
    db, recovery = create_embedded(path, passphrase)
    try:
        migrate.upgrade(db)
    finally:
        db.dispose()
    return recovery


def kill_once(path: Path, recovery_key: str, prefix: str, delay: float) -> set[str]:
    """Start the writer, let it write for `delay` seconds after it opened the database, SIGKILL it;
    the codes it acknowledged (whole lines only: a half-printed line was not acknowledged)."""
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), prefix], cwd=ROOT, stdout=subprocess.PIPE,
                              text=True, env=os.environ | {"PYTHONPATH": str(ROOT), "CRASH_RECOVERY_KEY": recovery_key})
    try:
        first = writer.stdout.readline()
        if first.strip() != "ready":
            raise RuntimeError("the writer did not start")
        time.sleep(delay)
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(30)
    rest = writer.stdout.read()
    writer.stdout.close()
    return {line for line in rest.split("\n")[:-1] if line}   # the last element lacks its newline


def verify(path: Path, recovery_key: str, acknowledged: set[str]) -> tuple[list[str], tuple[str, ...]]:
    """(acknowledged codes missing, problems of the health check incl. the audit chain)."""
    db = open_embedded(path, recovery_key=recovery_key)
    try:
        with db.session() as s:
            present = set(s.scalars(select(Department.code)))
        report = admin.check(db)
    finally:
        db.dispose()
    return sorted(acknowledged - present), report.problems


def soak(path: Path, recovery_key: str, kills: int, *, seed: int, max_delay: float = 0.4,
         progress=None) -> Tally:
    rng = random.Random(seed)
    tally = Tally()
    acknowledged: set[str] = set()
    for k in range(kills):
        acknowledged |= kill_once(path, recovery_key, f"k{k}", rng.uniform(0.0, max_delay))
        tally.kills += 1
        lost, problems = verify(path, recovery_key, acknowledged)
        tally.lost.extend(c for c in lost if c not in tally.lost)
        tally.problems.extend(f"kill {k}: {p}" for p in problems)
        if progress is not None:
            progress(tally.kills, len(acknowledged), len(tally.lost))
    tally.acknowledged = len(acknowledged)
    return tally
