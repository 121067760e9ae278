"""Candidate search and list paging: the app against the raw-SQL floor of the same statements.

    .venv/bin/python bench/bench_search.py                                  # 10k, 100k and 1M candidates
    .venv/bin/python bench/bench_search.py --scales 10000 --queries 100     # a quick look
    .venv/bin/python bench/bench_search.py --db-url postgresql://postgres@127.0.0.1/bench_search

For every measure the app runs `list_candidates` in a unit of work as the list does (a read
session; an identifier search records its audit entry in it, rolled back here on both sides so
that the fsync of a commit does not drown the difference). The statements it sent (captured once
with a cursor event, which is removed before timing) are then replayed with the same parameters
on a raw DB-API connection -- sqlcipher3 on the same file, keyed and configured as the app's, or
psycopg on the same PostgreSQL database -- interleaved with the app in the same run, alternating
which goes first. That is the floor: SQLite (or PostgreSQL), encryption and fsync, no app layer.

SQLite also runs every measure on a plain copy of the data opened the same way (the same sqlcipher3
library and pragmas, no key; both files carry sqlite_stat1), for encrypted/plain: through the app
(the target) and of the raw floors ("raw e/p": what encryption costs the same statements alone).

Targets (issue 14): app p50 <= 2x raw p50, or <= raw + 1 ms where raw is under 1 ms;
encrypted/plain <= 1.3. The built databases are cached in bench/out/search-<n>c/.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import sqlcipher3  # noqa: E402
from sqlalchemy import event, make_url, text  # noqa: E402

from bench_data import Size, fill  # noqa: E402
from bench_storage import OUT, PASSPHRASE, build, summary  # noqa: E402
from desktop.core.services.candidates import list_candidates  # noqa: E402
from desktop.core.services.paging import ListQuery  # noqa: E402
from desktop.core.storage import migrate  # noqa: E402
from desktop.core.storage.connect import Target, open_target  # noqa: E402
from desktop.core.storage import database  # noqa: E402
from desktop.core.storage.database import (  # noqa: E402
    BUSY_TIMEOUT_MS, CACHE_SIZE_KIB, Actor, Database, _sqlcipher_engine, open_server, open_sqlcipher_connection,
    unlock_master_key,
)

ACTOR = Actor.command_line()
RATIO = 2.0
SLACK_MS = 1.0
PLAIN_RATIO = 1.3
IDENTIFIER = {"search_phone_full", "search_phone_tail_4"}
# What a measure's time is: the wall clock, or with --cpu this thread's CPU time (SQLite only, where
# every statement runs in this thread): on a machine shared with other work, waiting for a core
# swamps the difference between the app and its floor, CPU time does not.
CLOCK = time.perf_counter


def _ms_since(start: float) -> float:
    return (CLOCK() - start) * 1000


# --- opening the files alike -------------------------------------------------------------------

def plain_connection(path: Path) -> sqlcipher3.Connection:
    """open_sqlcipher_connection without the key: the same library, the same pragmas."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False,
                              timeout=BUSY_TIMEOUT_MS / 1000)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON", "secure_delete = FAST",
                   f"busy_timeout = {BUSY_TIMEOUT_MS}", f"cache_size = -{CACHE_SIZE_KIB}"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


_PLAIN_FILES: set[Path] = set()
_keyed_connection = database.open_sqlcipher_connection


def _app_connection(path: Path, key, *, create: bool = False) -> sqlcipher3.Connection:
    return plain_connection(path) if Path(path) in _PLAIN_FILES else _keyed_connection(path, key, create=create)


database.open_sqlcipher_connection = _app_connection     # what the app's engine calls for each connection


def open_plain(path: Path, key) -> Database:
    """The app's engine (its BEGIN and error handling) on the plain file; the key only derives the
    audit log's digest key, as on the encrypted file."""
    _PLAIN_FILES.add(Path(path))
    return Database(_sqlcipher_engine(path, key), "sqlcipher", path, _key=key)


def analysed(folder: Path, key) -> None:
    """sqlite_stat1 on both files, once (the app keeps it with PRAGMA optimize)."""
    marker = folder / "analysed"
    if marker.exists():
        return
    for conn in (open_sqlcipher_connection(folder / "encrypted.db", key), plain_connection(folder / "plain.db")):
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    marker.write_text("ANALYZE done\n", encoding="utf-8")


# --- what is asked -----------------------------------------------------------------------------

def query_sets(db: Database, candidates: int, count: int, seed: int) -> dict[str, list[ListQuery]]:
    rng = random.Random(seed)
    ids = rng.sample(range(1, candidates + 1), count)
    with db.engine.connect() as conn:
        people = conn.execute(text("SELECT id, name, phone, name_sort_key FROM candidates WHERE id IN (%s)"
                                   % ",".join(map(str, ids)))).all()
        offsets = sorted(rng.randrange(max(1, candidates - 200)) for _ in people)
    rng.shuffle(people)
    return {
        "search_name_prefix_2": [ListQuery(search=p.name[:2], sort="name") for p in people],
        "search_surname_1": [ListQuery(search=p.name[:1], sort="name") for p in people],
        "search_phone_full": [ListQuery(search=p.phone, sort="name") for p in people],
        "search_phone_tail_4": [ListQuery(search=p.phone[-4:], sort="name") for p in people],
        "page_first_by_name": [ListQuery(sort="name") for _ in people],
        # scrolling deep: the page after a row somewhere in the list, continued by its key
        "page_deep_scroll_by_name": [ListQuery(sort="name", offset=200, after=(p.name_sort_key, p.id))
                                     for p in people],
        # what a jump to a random offset would cost (the list itself never jumps: it scrolls)
        "page_random_offset_by_name": [ListQuery(sort="name", offset=o) for o in offsets],
    }


# --- the app and its floor ---------------------------------------------------------------------

class Captured:
    """The statements the app sends to the driver, with their parameters, for a raw replay."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.statements: list[tuple[str, Any]] = []

    def __enter__(self) -> "Captured":
        event.listen(self.db.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *_: Any) -> None:
        event.remove(self.db.engine, "before_cursor_execute", self._seen)

    def _seen(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append((statement, parameters))


def app_once(db: Database, query: ListQuery, identifier: bool) -> tuple[float, tuple]:
    start = CLOCK()
    # A search by phone number writes its audit entry, so it runs in a write unit of work as the app
    # runs it (on PostgreSQL a read cannot write); the entry is rolled back here, so the bench's data
    # stays as it was. Other searches: a read unit of work.
    with db.session(ACTOR, write=identifier) as session:
        page = list_candidates(session, ACTOR, query)
        if identifier:
            session.rollback()
    took = _ms_since(start)
    return took, (page.total, page.capped, tuple(r.id for r in page.rows))


def raw_once(conn: Any, statements: list[tuple[str, Any]]) -> tuple[float, int]:
    start = CLOCK()
    cursor = conn.cursor()
    rows = 0
    for statement, parameters in statements:
        cursor.execute(statement, parameters)
        if cursor.description is not None:
            rows += len(cursor.fetchall())
    conn.rollback()
    cursor.close()
    return _ms_since(start), rows


def measure(db: Database, raw: Any, sets: dict[str, list[ListQuery]], warmup: int) -> dict[str, dict]:
    out = {}
    for name, queries in sets.items():
        identifier = name in IDENTIFIER
        replays, answers = [], []
        for query in queries:
            with Captured(db) as seen:
                answers.append(app_once(db, query, identifier)[1])
            replays.append(seen.statements)
        for i in range(min(warmup, len(queries))):
            app_once(db, queries[i], identifier)
            raw_once(raw, replays[i])
        app, floor = [], []
        for i, query in enumerate(queries):
            if i % 2:
                floor.append(raw_once(raw, replays[i])[0])
                took, answer = app_once(db, query, identifier)
            else:
                took, answer = app_once(db, query, identifier)
                floor.append(raw_once(raw, replays[i])[0])
            app.append(took)
            if answer != answers[i]:
                raise SystemExit(f"{name}: the app answered differently on a second run")
        out[name] = {"app": summary(app), "raw": summary(floor),
                     "statements": len(replays[0]), "matches": _matches(answers)}
    return out


def _matches(answers: list[tuple]) -> str:
    totals = sorted(a[0] for a in answers)
    capped = sum(1 for a in answers if a[1])
    return f"{totals[len(totals) // 2]} median" + (f", {capped} capped" if capped else "")


def verdict(app_p50: float, raw_p50: float) -> bool:
    return app_p50 <= RATIO * raw_p50 or (raw_p50 < 1.0 and app_p50 <= raw_p50 + SLACK_MS)


# --- the databases -----------------------------------------------------------------------------

def chosen(sets: dict[str, list[ListQuery]], measures: list[str] | None) -> dict[str, list[ListQuery]]:
    return {name: queries for name, queries in sets.items() if not measures or name in measures}


def sqlite_scale(candidates: int, queries: int, seed: int, warmup: int, measures: list[str] | None = None) -> dict:
    folder = OUT / f"search-{candidates}c"
    build(folder, Size(candidates=candidates, interviews=0), False)
    key = unlock_master_key(folder / "encrypted.db", passphrase=PASSPHRASE)
    analysed(folder, key)
    encrypted = open_target(Target(path=folder / "encrypted.db"), passphrase=PASSPHRASE)
    plain = open_plain(folder / "plain.db", key)
    raw_enc = open_sqlcipher_connection(folder / "encrypted.db", key)
    raw_plain = plain_connection(folder / "plain.db")
    try:
        sets = chosen(query_sets(plain, candidates, queries, seed), measures)
        results = {"encrypted": measure(encrypted, raw_enc, sets, warmup),
                   "plain": measure(plain, raw_plain, sets, warmup)}
    finally:
        raw_enc.close()
        raw_plain.close()
        encrypted.dispose()
        plain.dispose()
    return results


def server_scale(url: str, candidates: int, queries: int, seed: int, warmup: int,
                 measures: list[str] | None = None) -> dict:
    import psycopg

    base = make_url(url).set(drivername="postgresql+psycopg")
    name = f"{base.database}_{candidates}"
    admin = base.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    target = base.set(database=name)
    db = open_server(target.render_as_string(hide_password=False))
    try:
        if migrate.is_empty(db):
            print(f"building PostgreSQL {name} ({candidates:,} candidates)")
            migrate.upgrade(db)
            fill(db.engine, Size(candidates=candidates, interviews=0))
            with psycopg.connect(target.set(drivername="postgresql").render_as_string(hide_password=False),
                                 autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
    finally:
        db.dispose()
    db = open_target(Target(url=target.render_as_string(hide_password=False)))
    raw = psycopg.connect(target.set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        sets = chosen(query_sets(db, candidates, queries, seed), measures)
        return {"postgresql": measure(db, raw, sets, warmup)}
    finally:
        raw.close()
        db.dispose()


# --- report ------------------------------------------------------------------------------------

def print_scale(candidates: int, results: dict) -> list[str]:
    misses = []
    head = (f"{'measure':<28}{'side':<11}{'app p50':>8}{'app p95':>8}{'raw p50':>8}{'raw p95':>8}{'app/raw':>8}"
            f"{'enc/plain':>10}{'raw e/p':>8}  {'target':<7}{'matches'}")
    print(f"\n{candidates:,} candidates\n{head}\n{'-' * (len(head) + 14)}")
    for measure_name in next(iter(results.values())):
        for side, by_measure in results.items():
            r = by_measure[measure_name]
            app, raw = r["app"], r["raw"]
            ratio = app["p50"] / raw["p50"] if raw["p50"] else float("inf")
            plain = results.get("plain", {}).get(measure_name) if side == "encrypted" else None
            enc_plain = f"{app['p50'] / plain['app']['p50']:>10.2f}" if plain else f"{'':>10}"
            # the same ratio of the floors: what encryption costs these statements without the app
            enc_plain += f"{raw['p50'] / plain['raw']['p50']:>8.2f}" if plain else f"{'':>8}"
            ok = verdict(app["p50"], raw["p50"])
            if not ok:
                misses.append(f"{candidates} {side} {measure_name}")
            if plain and app["p50"] / plain["app"]["p50"] > PLAIN_RATIO:
                misses.append(f"{candidates} enc/plain {measure_name}")
            print(f"{measure_name:<28}{side:<11}{app['p50']:>8.2f}{app['p95']:>8.2f}{raw['p50']:>8.2f}"
                  f"{raw['p95']:>8.2f}{ratio:>8.2f}{enc_plain}  {'PASS' if ok else 'MISS':<7}{r['matches']}")
    return misses


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scales", default="10000,100000,1000000", help="candidates, comma-separated")
    parser.add_argument("--queries", type=int, default=200, help="timed queries per measure")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--db-url", help="PostgreSQL: measure there (a database per scale, <name>_<n>)")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--measures", help="only these measures, comma-separated (default: all)")
    parser.add_argument("--cpu", action="store_true", help="time in this thread's CPU time (SQLite only)")
    args = parser.parse_args(argv)
    if args.cpu and args.db_url:
        parser.error("--cpu times SQLite only: PostgreSQL's work is done in the server's processes")
    global CLOCK
    CLOCK = time.thread_time if args.cpu else time.perf_counter

    report: dict[str, Any] = {"load_before": os.getloadavg()}
    misses: list[str] = []
    for candidates in (int(s) for s in args.scales.split(",")):
        queries = min(args.queries, candidates)
        measures = args.measures.split(",") if args.measures else None
        results = (server_scale(args.db_url, candidates, queries, args.seed, args.warmup, measures) if args.db_url
                   else sqlite_scale(candidates, queries, args.seed, args.warmup, measures))
        report[str(candidates)] = results
        misses += print_scale(candidates, results)
    report["load_after"] = os.getloadavg()
    print(f"\nload average before {report['load_before']}, after {report['load_after']} on {os.cpu_count()} CPUs; "
          f"times are {'thread CPU time' if args.cpu else 'wall clock'}")
    report["clock"] = "thread CPU time" if args.cpu else "wall clock"
    print("targets: app p50 <= 2x raw p50 (or <= raw + 1 ms under 1 ms); encrypted/plain <= 1.3")
    print("all met" if not misses else "missed: " + "; ".join(misses))
    out = OUT / ("search_results_pg.json" if args.db_url else f"search_results{'_cpu' if args.cpu else ''}.json")
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False, default=str), encoding="utf-8")
    print(f"results written to {out}")
    return 0 if not misses else 1


if __name__ == "__main__":
    sys.exit(main())
