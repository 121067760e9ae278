"""Saving a booking: the app against the raw-SQL floor of the same statements.

    .venv/bin/python bench/bench_booking.py                                  # 10k, 100k and 1M candidates
    .venv/bin/python bench/bench_booking.py --scales 10000 --runs 50         # a quick look
    .venv/bin/python bench/bench_booking.py --scales 1000000 --build-only --encrypted-only   # then --encrypted-only
    .venv/bin/python bench/bench_booking.py --db-url postgresql://postgres@127.0.0.1/bench_booking

The app books an interview the way the booking dialog's unit of work does: `booking.book` (conflict
check, interview and panel, audit entries, timeline, outbox and notice rows) in a write session,
committed. The floor is the same statements on a raw DB-API connection to the same file
(sqlcipher3 keyed and configured as the app's, or psycopg on the same database), committed too:
SQLite or PostgreSQL, encryption and fsync, no app layer.

A booking writes, so its statements cannot be replayed twice. Each sample therefore books two
equivalent interviews (different days, rooms, candidates): one through the app, timed; for the
other the app's statements are captured in a dry run that is rolled back (on PostgreSQL the id
sequences are put back), then replayed raw and committed at once, on the same database state, so
every id, audit-chain link and key the replay writes is what the app would have written. The two
alternate which goes first.

SQLite also runs on a plain copy of the data opened the same way (bench_search's plain opening;
both files carry sqlite_stat1), for encrypted/plain. Candidates 10k/100k/1M with 5 interviews per
candidate (the issue's 100k/500k); the table line says how many the database holds.

Targets (issue 14): app p50 <= 2x raw p50; encrypted/plain <= 1.3. Databases cached in
bench/out/booking-<n>c/ (PostgreSQL: <name>_<n>).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import make_url, select, text  # noqa: E402

from bench_data import EPOCH, Size, fill  # noqa: E402
from bench_search import (  # noqa: E402
    PLAIN_RATIO, RATIO, Captured, analysed, open_plain, plain_connection, verdict,
)
from bench_storage import OUT, PASSPHRASE, build, build_encrypted, ms_since, summary  # noqa: E402
from desktop.core.clock import ManualClock  # noqa: E402
from desktop.core.errors import ConflictsFound  # noqa: E402
from desktop.core.model import (  # noqa: E402
    CLOSED_STAGES, Application, InterviewMode, Role, RoleGrant, Room, User,
)
from desktop.core.scheduling import booking  # noqa: E402
from desktop.core.scheduling import conflicts as rules  # noqa: E402
from desktop.core.storage import migrate  # noqa: E402
from desktop.core.storage.connect import Target, open_target  # noqa: E402
from desktop.core.storage.database import (  # noqa: E402
    Actor, Database, open_server, open_sqlcipher_connection, unlock_master_key,
)

INTERVIEWERS = 20
HR = 1000                          # the HR officer's user id; interviewers are 1001..1020
ROOM_BASE, ROOMS = 1000, 40        # rooms of the bench's own bookings (the data's 12 rooms are full)
DEPARTMENT = 1


# --- the people who book -----------------------------------------------------------------------

def add_people(engine) -> None:
    """An HR officer, a panel of interviewers and rooms, once per database (bench_data has none)."""
    now = EPOCH
    with engine.begin() as conn:
        if conn.execute(select(User.id).where(User.id == HR)).first():
            return
        conn.execute(User.__table__.insert(), [
            {"id": u, "username": f"bench{u}", "display_name": f"面试官{u}", "department_id": DEPARTMENT,
             "password_hash": "-", "is_active": True, "must_change_password": False, "failed_logins": 0,
             "created_at": now, "version": 1} for u in range(HR, HR + INTERVIEWERS + 1)])
        conn.execute(RoleGrant.__table__.insert(), [
            {"user_id": u, "role": Role.INTERVIEWER.value, "department_id": DEPARTMENT}
            for u in range(HR + 1, HR + INTERVIEWERS + 1)] + [
            {"user_id": HR, "role": Role.HR_OFFICER.value, "department_id": None}])
        conn.execute(Room.__table__.insert(), [
            {"id": r, "name": f"面试室{r - ROOM_BASE:02d}", "location": "综合楼", "capacity": 8, "is_active": True,
             "version": 1} for r in range(ROOM_BASE + 1, ROOM_BASE + ROOMS + 1)])


def size_of(candidates: int) -> Size:
    return Size(candidates=candidates, interviews=5 * candidates)


# --- what is booked ----------------------------------------------------------------------------

class Inputs:
    """Bookings that the conflict check accepts: a weekday in the data's years (so the checks walk
    real neighbours), 10:00-16:00 local, a free bench room, two bench interviewers, an open application."""

    def __init__(self, db: Database, candidates: int, seed: int) -> None:
        self.db, self.rng = db, random.Random(seed)
        self.applications = 2 * candidates
        self.actor = Actor(user_id=HR, username="hr", grants=(("hr_officer", None),))

    def next(self, clock: ManualClock) -> booking.BookingInput:
        while True:
            day = EPOCH.date() + timedelta(days=30 + self.rng.randrange(900))
            if day.weekday() >= 5:
                continue
            starts = datetime.combine(day, datetime.min.time(), tzinfo=timezone.utc) + timedelta(
                hours=2, minutes=30 * self.rng.randrange(12))
            clock.set(starts - timedelta(days=1))
            application_id = self.rng.randrange(1, self.applications + 1)
            with self.db.session(self.actor) as s:
                application = s.get(Application, application_id)
                if application.stage in CLOSED_STAGES:
                    continue
                data = booking.BookingInput(
                    application_id=application_id, round_id=(application.position_id - 1) * 3 + 1,
                    starts_at=starts, duration_minutes=30, mode=InterviewMode.ONSITE,
                    room_id=ROOM_BASE + 1 + self.rng.randrange(ROOMS),
                    interviewer_ids=tuple(self.rng.sample(range(HR + 1, HR + INTERVIEWERS + 1), 2)))
                proposal = rules.Proposal(starts_at=starts, duration_minutes=30, mode=data.mode, room_id=data.room_id,
                                          interviewer_ids=data.interviewer_ids, candidate_id=application.candidate_id)
                if not rules.check(s, proposal, clock.now()):
                    return data


# --- the app and its floor ---------------------------------------------------------------------

class Statements(Captured):
    """Captured with executemany kept apart (bench_search's reads never use it)."""

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append((statement, parameters, executemany))


class DryRun(Exception):
    pass


CPU: dict[str, list[float]] = {"app": [], "raw": []}   # this process's CPU ms per booking (no fsync wait)


def app_once(db: Database, actor: Actor, data: booking.BookingInput) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    with db.session(actor, write=True) as session:
        booking.book(session, actor, data)
    CPU["app"].append((time.process_time() - cpu) * 1000)
    return ms_since(start)


def dry_run(db: Database, actor: Actor, data: booking.BookingInput) -> list[tuple[str, Any, bool]]:
    """The app's statements for `data`, rolled back."""
    with Statements(db) as seen:
        try:
            with db.session(actor, write=True) as session:
                booking.book(session, actor, data)
                raise DryRun
        except DryRun:
            pass
    return seen.statements


def raw_once(conn: Any, statements: list[tuple[str, Any, bool]], sqlite: bool) -> float:
    start, cpu = time.perf_counter(), time.process_time()
    cursor = conn.cursor()
    for statement, parameters, many in statements:
        if many and isinstance(parameters, list):   # SQLAlchemy's insertmanyvalues batches are single rows
            cursor.executemany(statement, parameters)
        else:
            cursor.execute(statement, parameters)
        if cursor.description is not None:
            cursor.fetchall()
    if sqlite:
        if conn.in_transaction:
            cursor.execute("COMMIT")
    else:
        conn.commit()
    cursor.close()
    CPU["raw"].append((time.process_time() - cpu) * 1000)
    return ms_since(start)


class Sequences:
    """PostgreSQL: a rolled-back dry run still used up sequence values; put every written table's id
    sequence back to max(id)+1 before and after it, so the raw replay writes the dry run's ids."""

    def __init__(self, conn: Any) -> None:
        self.conn = conn
        rows = conn.execute("SELECT table_name, pg_get_serial_sequence(table_name, 'id') FROM information_schema.columns"
                            " WHERE table_schema = 'public' AND column_name = 'id'").fetchall()
        conn.commit()
        self.tables = {t: s for t, s in rows if s}

    def reset(self, statements: list[tuple[str, Any, bool]] | None = None) -> None:
        names = self.tables if statements is None else {
            t for t in self.tables if any(f"INSERT INTO {t} " in s for s, _, _ in statements)}
        for table in names:
            self.conn.execute(f"SELECT setval('{self.tables[table]}', coalesce((SELECT max(id) FROM {table}), 0) + 1,"
                              " false)")
        self.conn.commit()


def measure(db: Database, raw: Any, candidates: int, runs: int, warmup: int, seed: int, sqlite: bool) -> dict:
    clock = db.clock
    inputs = Inputs(db, candidates, seed)
    actor = inputs.actor
    sequences = None if sqlite else Sequences(raw)
    if sequences:
        sequences.reset()    # the data was written with its ids: the sequences start behind them
    # The dry runs roll back. On PostgreSQL a rollback makes psycopg drop the connection's prepared
    # statements, so they run on an engine of their own, not on the pooled connection the app's own
    # bookings use (which the app otherwise keeps: its reads end with COMMIT).
    dry = db if sqlite else open_server(db.engine.url.render_as_string(hide_password=False), clock=clock)

    def floor() -> tuple[float, int]:
        data = inputs.next(clock)
        if sequences:
            sequences.reset()
        statements = dry_run(dry, actor, data)
        if sequences:
            sequences.reset(statements)
        return raw_once(raw, statements, sqlite), len(statements)

    def app() -> float:
        data = inputs.next(clock)
        return app_once(db, actor, data)

    for _ in range(warmup):
        app()
        floor()
    app_ms, raw_ms, counts = [], [], []
    CPU["app"].clear()
    CPU["raw"].clear()
    for i in range(runs):
        try:
            if i % 2:
                took, n = floor()
                app_ms.append(app())
            else:
                app_ms.append(app())
                took, n = floor()
        except ConflictsFound as exc:   # should not happen: every input was checked just before
            raise SystemExit(f"a checked booking conflicted: {exc}")
        raw_ms.append(took)
        counts.append(n)
    if dry is not db:
        dry.dispose()
    with db.engine.connect() as conn:
        interviews = conn.execute(text("SELECT count(*) FROM interviews")).scalar()
    return {"app": summary(app_ms), "raw": summary(raw_ms), "statements": sorted(counts)[len(counts) // 2],
            "interviews": interviews, "app_cpu": summary(CPU["app"]), "raw_cpu": summary(CPU["raw"])}


# --- the databases -----------------------------------------------------------------------------

def sqlite_scale(candidates: int, runs: int, warmup: int, seed: int, encrypted_only: bool = False) -> dict:
    folder = OUT / f"booking-{candidates}c"
    if encrypted_only:    # a plain copy of a large office takes as long again to build
        return encrypted_scale(folder, candidates, runs, warmup, seed)
    build(folder, size_of(candidates), False)
    key = unlock_master_key(folder / "encrypted.db", passphrase=PASSPHRASE)
    analysed(folder, key)
    clock = ManualClock(datetime(2024, 1, 1, tzinfo=timezone.utc))
    encrypted = open_target(Target(path=folder / "encrypted.db"), passphrase=PASSPHRASE, clock=clock)
    plain = open_plain(folder / "plain.db", key)
    plain.clock = clock
    for db in (encrypted, plain):
        add_people(db.engine)
    raw_enc = open_sqlcipher_connection(folder / "encrypted.db", key)
    raw_plain = plain_connection(folder / "plain.db")
    try:
        return {"encrypted": measure(encrypted, raw_enc, candidates, runs, warmup, seed, True),
                "plain": measure(plain, raw_plain, candidates, runs, warmup, seed, True)}
    finally:
        raw_enc.close()
        raw_plain.close()
        encrypted.dispose()
        plain.dispose()


def encrypted_scale(folder: Path, candidates: int, runs: int, warmup: int, seed: int) -> dict:
    """The encrypted file alone (built by an earlier --build-only, its plain copy not needed)."""
    key = unlock_master_key(folder / "encrypted.db", passphrase=PASSPHRASE)
    marker = folder / "analysed-encrypted"
    if not marker.exists() and not (folder / "analysed").exists():
        conn = open_sqlcipher_connection(folder / "encrypted.db", key)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        marker.write_text("ANALYZE done\n", encoding="utf-8")
    clock = ManualClock(datetime(2024, 1, 1, tzinfo=timezone.utc))
    encrypted = open_target(Target(path=folder / "encrypted.db"), passphrase=PASSPHRASE, clock=clock)
    add_people(encrypted.engine)
    raw = open_sqlcipher_connection(folder / "encrypted.db", key)
    try:
        return {"encrypted": measure(encrypted, raw, candidates, runs, warmup, seed, True)}
    finally:
        raw.close()
        encrypted.dispose()


def server_scale(url: str, candidates: int, runs: int, warmup: int, seed: int) -> dict:
    import psycopg

    target, plain_url = server_build(url, candidates)
    clock = ManualClock(datetime(2024, 1, 1, tzinfo=timezone.utc))
    db = open_target(Target(url=target.render_as_string(hide_password=False)), clock=clock)
    raw = psycopg.connect(plain_url)
    try:
        return {"postgresql": measure(db, raw, candidates, runs, warmup, seed, False)}
    finally:
        raw.close()
        db.dispose()


def server_build(url: str, candidates: int) -> tuple[Any, str]:
    import psycopg

    base = make_url(url).set(drivername="postgresql+psycopg")
    name = f"{base.database}_{candidates}"
    admin = base.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    target = base.set(database=name)
    plain_url = target.set(drivername="postgresql").render_as_string(hide_password=False)
    db = open_server(target.render_as_string(hide_password=False))
    try:
        if migrate.is_empty(db):
            print(f"building PostgreSQL {name} ({candidates:,} candidates)")
            migrate.upgrade(db)
            fill(db.engine, size_of(candidates))
            add_people(db.engine)
            with psycopg.connect(plain_url, autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
        add_people(db.engine)
    finally:
        db.dispose()
    return target, plain_url


# --- report ------------------------------------------------------------------------------------

def print_scale(candidates: int, results: dict) -> list[str]:
    misses = []
    head = (f"{'side':<11}{'app p50':>8}{'app p95':>8}{'raw p50':>8}{'raw p95':>8}{'app/raw':>8}{'enc/plain':>10}"
            f"{'stmts':>6}  target  {'cpu app/raw p50 ms':>18}")
    interviews = next(iter(results.values()))["interviews"]
    print(f"\nbooking save, {candidates:,} candidates, {interviews:,} interviews\n{head}\n{'-' * (len(head) + 4)}")
    for side, r in results.items():
        app, raw = r["app"], r["raw"]
        ratio = app["p50"] / raw["p50"] if raw["p50"] else float("inf")
        plain = results.get("plain") if side == "encrypted" else None
        enc_plain = f"{app['p50'] / plain['app']['p50']:>10.2f}" if plain else f"{'':>10}"
        ok = verdict(app["p50"], raw["p50"])
        if not ok:
            misses.append(f"{candidates} {side}")
        if plain and app["p50"] / plain["app"]["p50"] > PLAIN_RATIO:
            misses.append(f"{candidates} enc/plain")
        print(f"{side:<11}{app['p50']:>8.2f}{app['p95']:>8.2f}{raw['p50']:>8.2f}{raw['p95']:>8.2f}{ratio:>8.2f}"
              f"{enc_plain}{r['statements']:>6}  {'PASS' if ok else 'MISS':<6}  "
              f"{r['app_cpu']['p50']:>7.2f} / {r['raw_cpu']['p50']:.2f}")
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10000,100000,1000000", help="candidates, comma-separated")
    parser.add_argument("--runs", type=int, default=200, help="timed bookings per side")
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--db-url", help="PostgreSQL: measure there (a database per scale, <name>_<n>)")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--build-only", action="store_true", help="build (or check) the databases and stop")
    parser.add_argument("--encrypted-only", action="store_true",
                        help="SQLite: the encrypted file alone (no plain copy, no encrypted/plain)")
    args = parser.parse_args(argv)

    report: dict[str, Any] = {"load_before": os.getloadavg()}
    misses: list[str] = []
    for candidates in (int(s) for s in args.scales.split(",")):
        if args.build_only:
            if args.db_url:
                server_build(args.db_url, candidates)
            elif args.encrypted_only:
                build_encrypted(OUT / f"booking-{candidates}c", size_of(candidates))
            else:
                build(OUT / f"booking-{candidates}c", size_of(candidates), False)
            continue
        results = (server_scale(args.db_url, candidates, args.runs, args.warmup, args.seed) if args.db_url
                   else sqlite_scale(candidates, args.runs, args.warmup, args.seed, args.encrypted_only))
        report[str(candidates)] = results
        misses += print_scale(candidates, results)
    report["load_after"] = os.getloadavg()
    print(f"\nload average before {report['load_before']}, after {report['load_after']} on {os.cpu_count()} CPUs")
    print(f"targets: app p50 <= {RATIO:g}x raw p50; encrypted/plain <= {PLAIN_RATIO}")
    print("all met" if not misses else "missed: " + "; ".join(misses))
    out = OUT / ("booking_results_pg.json" if args.db_url else "booking_results.json")
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"results written to {out}")
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
