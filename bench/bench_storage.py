"""Storage benchmark: how an encrypted InterviewDesk database of a large office performs, and what
the encryption costs compared with the same data in a plain SQLite file.

    .venv/bin/python bench/bench_storage.py              # build once (cached in bench/out/), then measure
    .venv/bin/python bench/bench_storage.py --rebuild    # build the databases again
    .venv/bin/python bench/bench_storage.py --candidates 10000 --interviews 50000 --queries 50   # quick look

Measures, through the same code the app uses (open_target, Database.session, list_candidates with
the command line's system Actor): opening and unlocking (Argon2id key-file unwrap, schema check,
first page), candidate search by name prefix, by full phone number and by the last four digits,
and one page of 200 rows of the list sorted by name (first page and a random offset).
Targets: search p95 under 30 ms; encrypted/plain under 1.3. Results: a table and bench/out/results.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without installing
sys.path.insert(0, str(Path(__file__).resolve().parent))

import sqlcipher3  # noqa: E402
from sqlalchemy import create_engine, event, text  # noqa: E402

from bench_data import Size, fill  # noqa: E402
from desktop.core.services.candidates import list_candidates  # noqa: E402
from desktop.core.services.paging import ListQuery  # noqa: E402
from desktop.core.storage import migrate  # noqa: E402
from desktop.core.storage.connect import Target, open_target  # noqa: E402
from desktop.core.storage.database import (  # noqa: E402
    BUSY_TIMEOUT_MS, CACHE_SIZE_KIB, Actor, Database, create_embedded, unlock_master_key,
)
from desktop.core.storage.keys import key_file_for  # noqa: E402

OUT = ROOT / "bench" / "out"
PASSPHRASE = "Bench-passphrase-2026"  # protects generated data only
FORMAT = 2   # 2: candidates carry their pinyin sort keys (the list sorts by them)
SEARCH_P95_MS = 30.0
RATIO_LIMIT = 1.3
ACTOR = Actor.command_line()


# --- the two databases -------------------------------------------------------------------------

def open_plain(path: Path) -> Database:
    """The same schema in an unencrypted file through the standard library's sqlite3, with the
    pragmas the encrypted connection uses, so that the difference is the encryption."""
    engine = create_engine("sqlite:///" + path.as_posix(), pool_size=5, max_overflow=5)

    @event.listens_for(engine, "connect")
    def _pragmas(conn, _record) -> None:
        for pragma in ("journal_mode = WAL", "synchronous = FULL", "foreign_keys = ON",
                       f"busy_timeout = {BUSY_TIMEOUT_MS}", f"cache_size = -{CACHE_SIZE_KIB}"):
            conn.execute(f"PRAGMA {pragma}")

    return Database(engine, "sqlite", path)


def _upgraded(folder: Path, meta: dict) -> dict:
    """The cached databases of an older schema, upgraded by its migrations as an office's file is
    (a large office's data takes long to build again); their statistics are gathered again after."""
    print(f"upgrading the databases cached in {folder} to revision {meta['schema']}")
    for label in ("encrypted", "plain"):
        path = folder / f"{label}.db"
        db = open_target(Target(path=path), passphrase=PASSPHRASE) if label == "encrypted" else open_plain(path)
        try:
            migrate.upgrade(db)
            _checkpoint(db)
        finally:
            db.dispose()
    for marker in folder.glob("analysed*"):    # bench_search.analysed: ANALYZE again, the new indexes too
        marker.unlink()
    (folder / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


def _checkpoint(db: Database) -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def _build_one(label: str, path: Path, size: Size) -> float:
    """One of the two files, made from the seed; returns the seconds it took."""
    print(f"building the {label} database ({size.candidates:,} candidates, {size.interviews:,} interviews)")
    start = time.perf_counter()
    db = create_embedded(path, PASSPHRASE)[0] if label == "encrypted" else open_plain(path)
    try:
        migrate.upgrade(db)
        fill(db.engine, size)
        _checkpoint(db)
    finally:
        db.dispose()
    seconds = round(time.perf_counter() - start, 1)
    print(f"    done in {seconds} s")
    return seconds


def build_encrypted(folder: Path, size: Size) -> None:
    """The encrypted file alone, when it is not there yet (a large office's plain copy takes as long
    again to build, and measures that need no encrypted/plain do without it)."""
    if (folder / "encrypted.db").exists():
        print(f"using the encrypted database in {folder}")
        return
    folder.mkdir(parents=True, exist_ok=True)
    _build_one("encrypted", folder / "encrypted.db", size)


def build(folder: Path, size: Size, rebuild: bool) -> dict:
    encrypted, plain, meta_file = folder / "encrypted.db", folder / "plain.db", folder / "meta.json"
    wanted = {"format": FORMAT, "size": asdict(size), "schema": migrate.head_revision()}
    if not rebuild and meta_file.exists() and encrypted.exists() and plain.exists():
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if all(meta.get(k) == v for k, v in wanted.items()):
            print(f"using the databases cached in {folder} (--rebuild to make them again)")
            return meta
        if all(meta.get(k) == v for k, v in wanted.items() if k != "schema") and meta.get("schema") in \
                migrate.all_revisions():
            return _upgraded(folder, meta | {"schema": wanted["schema"]})
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    timings = {label: _build_one(label, path, size) for label, path in (("encrypted", encrypted), ("plain", plain))}
    meta = wanted | {"build_seconds": timings}
    meta_file.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return meta


# --- measuring ---------------------------------------------------------------------------------

def ms_since(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]

    return {"n": len(ordered), "p50": round(statistics.median(ordered), 2), "p95": round(pct(95), 2),
            "max": round(ordered[-1], 2)}


def first_page() -> ListQuery:
    return ListQuery(sort="name", offset=0, limit=200)


def measure_open(encrypted: Path, plain: Path, runs: int) -> dict[str, dict]:
    """Open, unlock and read the first page of the list, as the app does after the passphrase."""
    kdf, enc, pln = [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        unlock_master_key(encrypted, passphrase=PASSPHRASE)
        kdf.append(ms_since(start))

        start = time.perf_counter()
        db = open_target(Target(path=encrypted), passphrase=PASSPHRASE)
        with db.session(ACTOR) as session:
            list_candidates(session, ACTOR, first_page())
        enc.append(ms_since(start))
        db.dispose()

        start = time.perf_counter()
        db = open_plain(plain)
        migrate.ensure_current(db, lambda *_: None)
        with db.session(ACTOR) as session:
            list_candidates(session, ACTOR, first_page())
        pln.append(ms_since(start))
        db.dispose()
    return {"open_unlock_first_page": {"encrypted": summary(enc), "plain": summary(pln)},
            "argon2_key_unwrap": {"encrypted": summary(kdf), "plain": None}}


def query_sets(plain: Database, size: Size, count: int, seed: int) -> dict[str, list[ListQuery]]:
    rng = random.Random(seed)
    ids = rng.sample(range(1, size.candidates + 1), count)
    with plain.engine.connect() as conn:
        people = conn.execute(text("SELECT name, phone FROM candidates WHERE id IN (%s)" % ",".join(map(str, ids)))).all()
    rng.shuffle(people)
    top = max(0, size.candidates - 200)
    return {
        "search_name_prefix_2": [ListQuery(search=p.name[:2], sort="name") for p in people],
        "search_surname_1": [ListQuery(search=p.name[:1], sort="name") for p in people],
        "search_phone_full": [ListQuery(search=p.phone, sort="name") for p in people],
        "search_phone_tail_4": [ListQuery(search=p.phone[-4:], sort="name") for p in people],
        "page_first_by_name": [first_page() for _ in people],
        "page_random_offset_by_name": [ListQuery(sort="name", offset=rng.randrange(top + 1), limit=200)
                                       for _ in people],
    }


def _one(db: Database, query: ListQuery) -> tuple[float, int]:
    start = time.perf_counter()
    with db.session(ACTOR) as session:
        page = list_candidates(session, ACTOR, query)
    return ms_since(start), page.total * 1000 + len(page.rows)


def measure_queries(encrypted: Database, plain: Database, sets: dict[str, list[ListQuery]],
                    warmup: int = 10) -> dict[str, dict]:
    """Each query runs on both databases back to back (alternating which goes first), so that
    whatever else the machine is doing weighs on both sides alike."""
    results = {}
    for name, queries in sets.items():
        for query in queries[:warmup]:
            _one(encrypted, query)
            _one(plain, query)
        enc, pln = [], []
        for i, query in enumerate(queries):
            order = (encrypted, plain) if i % 2 == 0 else (plain, encrypted)
            (first_ms, first_found), (second_ms, second_found) = _one(order[0], query), _one(order[1], query)
            if first_found != second_found:
                raise SystemExit(f"{name}: the encrypted and the plain database answered differently")
            enc.append(first_ms if i % 2 == 0 else second_ms)
            pln.append(second_ms if i % 2 == 0 else first_ms)
        results[name] = {"encrypted": summary(enc), "plain": summary(pln)}
    return results


# --- report ------------------------------------------------------------------------------------

def ratios(entry: dict) -> dict:
    enc, pln = entry["encrypted"], entry.get("plain")
    if not pln:
        return {}
    return {k: round(enc[k] / pln[k], 2) if pln[k] else None for k in ("p50", "p95")}


def verdicts(results: dict) -> dict[str, bool]:
    out = {}
    for name, entry in results.items():
        if name.startswith("search_"):
            out[f"{name}: p95 < {SEARCH_P95_MS:g} ms"] = entry["encrypted"]["p95"] < SEARCH_P95_MS
        if entry.get("plain") and not name.startswith("open_"):  # opening is dominated by Argon2 by design
            out[f"{name}: encrypted/plain p50 < {RATIO_LIMIT}"] = entry["ratio"]["p50"] < RATIO_LIMIT
    return out


def print_table(results: dict) -> None:
    head = f"{'measurement (ms)':<30}{'enc p50':>9}{'enc p95':>9}{'plain p50':>11}{'plain p95':>11}{'ratio p50':>11}{'ratio p95':>11}"
    print("\n" + head + "\n" + "-" * len(head))
    for name, entry in results.items():
        enc, pln, ratio = entry["encrypted"], entry.get("plain") or {}, entry.get("ratio") or {}
        cells = [f"{enc['p50']:>9.2f}", f"{enc['p95']:>9.2f}"]
        cells += [f"{pln[k]:>11.2f}" if pln else f"{'-':>11}" for k in ("p50", "p95")]
        cells += [f"{ratio[k]:>11.2f}" if ratio.get(k) is not None else f"{'-':>11}" for k in ("p50", "p95")]
        print(f"{name:<30}" + "".join(cells))


def _load() -> float:
    return round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--interviews", type=int, default=500_000)
    parser.add_argument("--queries", type=int, default=200, help="timed queries per measurement")
    parser.add_argument("--open-runs", type=int, default=5)
    parser.add_argument("--rebuild", action="store_true", help="build the cached databases again")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args(argv)

    size = Size(candidates=args.candidates, interviews=args.interviews)
    folder = OUT / f"{size.candidates}c-{size.interviews}i"
    meta = build(folder, size, args.rebuild)
    encrypted_path, plain_path = folder / "encrypted.db", folder / "plain.db"

    load_before = _load()
    results = measure_open(encrypted_path, plain_path, args.open_runs)
    encrypted = open_target(Target(path=encrypted_path), passphrase=PASSPHRASE)
    plain = open_plain(plain_path)
    try:
        with encrypted.engine.connect() as conn:
            cipher = {p: conn.exec_driver_sql(f"PRAGMA {p}").scalar() for p in
                      ("cipher_version", "cipher_page_size", "cache_size", "cipher_memory_security")}
        sets = query_sets(plain, size, args.queries, args.seed)
        results |= measure_queries(encrypted, plain, sets)
    finally:
        encrypted.dispose()
        plain.dispose()
    for entry in results.values():
        entry["ratio"] = ratios(entry)

    load = {"before": load_before, "after": _load(), "cpus": os.cpu_count()}
    print_table(results)
    if max(load["before"], load["after"]) > (os.cpu_count() or 1) / 2:
        print(f"\nnote: the machine was busy (load average {load['before']} -> {load['after']} on "
              f"{os.cpu_count()} CPUs): times are inflated and ratios noisy; measure again on a quiet machine")
    checks = verdicts(results)
    print()
    for label, ok in checks.items():
        print(f"{'PASS' if ok else 'MISS'}  {label}")
    files = {p.name: p.stat().st_size for p in (encrypted_path, key_file_for(encrypted_path), plain_path)}
    report = {
        "size": asdict(size), "queries": args.queries, "results": results, "targets": checks,
        "files_bytes": files, "sqlcipher": cipher, "build_seconds": meta.get("build_seconds"),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "load": load,
                    "sqlcipher3": getattr(sqlcipher3, "__version__", "")},
    }
    (OUT / "results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(f"\nfiles: " + ", ".join(f"{k} {v / 2**20:.1f} MiB" for k, v in files.items()))
    print(f"SQLCipher: {cipher}")
    print(f"results written to {OUT / 'results.json'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
