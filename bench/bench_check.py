"""How long `db check` takes on a large office's encrypted database, now that it compares every
audited record with the audit log (desktop/core/reconcile.py) besides recomputing the chain.

    .venv/bin/python bench/bench_check.py                       # 100,000 candidates, 500,000 interviews
    .venv/bin/python bench/bench_check.py --candidates 10000 --interviews 50000    # a quick look

The data comes from bench_data.py (written with Core, without history); each row then gets the
"create" entry the program would have written for it (with the digests of its personal fields), so
the check compares real histories. The database is cached in bench/out/check/ (--rebuild to make it
again). Prints the time of the whole check and of its parts, and the peak memory.

Measured on 2026-12-06 (100,000 candidates, 200,000 applications, 500,000 interviews: 801,232
records and as many log entries, an 830 MiB encrypted file; a 2-core machine shared with other
jobs, so CPU time is the figure to compare): the chain 30 s CPU, the record comparison 35 s CPU,
the whole `db check` (with SQLCipher's integrity and page checks) 85 s CPU, peak memory 213 MiB.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import select  # noqa: E402

from bench_data import Size, fill  # noqa: E402
from desktop.core.audit import AuditWriter, _recorded, digest_key_of, field_digest, hidden, verify_chain  # noqa: E402
from desktop.core.reconcile import audited_mappers, reconcile  # noqa: E402
from desktop.core.storage import health, migrate  # noqa: E402
from desktop.core.storage.database import create_embedded, open_embedded  # noqa: E402

OUT = ROOT / "bench" / "out" / "check"
PASSPHRASE = "Bench-passphrase-2026"  # protects generated data only
CHUNK = 20_000


def give_history(db, progress=print) -> int:
    """A "create" entry for every row, as the program writes it when it adds a record."""
    written = 0
    for mapper in audited_mappers():
        entity, table = mapper.class_.__name__, mapper.local_table
        attrs = [(a.key, a.columns[0]) for a in mapper.column_attrs]
        with db.session() as reader:
            key = digest_key_of(reader)
            rows = reader.execute(select(*[table.c[c.name].label(k) for k, c in attrs]).order_by(
                *[table.c[c.name] for c in mapper.primary_key])).all()
        for start in range(0, len(rows), CHUNK):
            entries = []
            for row in rows[start:start + CHUNK]:
                after = {k: _recorded(c, k, getattr(row, k)) for k, c in attrs}
                changes = {"after": after}
                digests = {k: field_digest(key, entity, k, getattr(row, k)) for k, c in attrs
                           if hidden(c) and getattr(row, k) is not None}
                if digests:
                    changes["digests"] = digests
                record = ",".join(str(getattr(row, c.key)) for c in mapper.primary_key)
                entries.append(("create", entity, record, changes))
            with db.session(write=True) as writer:
                AuditWriter(writer).append_many(entries)
            written += len(entries)
        if rows:
            progress(f"    history of {table.name}: {len(rows):,} entries")
    return written


def build(path: Path, size: Size) -> None:
    if path.parent.exists():
        shutil.rmtree(path.parent)
    db, _recovery = create_embedded(path, PASSPHRASE)
    try:
        migrate.upgrade(db)
        print("  filling the database (bench_data.py)")
        fill(db.engine, size)
        print("  writing each row's create entry")
        give_history(db)
        db.optimise()
    finally:
        db.dispose()
    (path.parent / "size.json").write_text(json.dumps(size.__dict__), encoding="utf-8")


def timed(label: str, fn):
    """Wall time, and the CPU time of this process (the database work is in-process: SQLCipher is a
    library), which tells the cost apart from other load on the machine."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn()
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    print(f"  {label:<38} {seconds:8.1f} s wall {cpu_seconds:8.1f} s CPU")
    return result, seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--interviews", type=int, default=500_000)
    parser.add_argument("--rebuild", action="store_true")
    args = parser.parse_args(argv)
    size = Size(candidates=args.candidates, interviews=args.interviews)
    path = OUT / f"check-{size.candidates}-{size.interviews}" / "interviewdesk.db"
    if args.rebuild or not path.exists():
        print(f"building {path} ({size.candidates:,} candidates, {size.interviews:,} interviews)")
        _, seconds = timed("build", lambda: build(path, size))
    db = open_embedded(path, passphrase=PASSPHRASE)
    try:
        with db.session() as s:
            chain, chain_s = timed("audit chain (verify_chain)", lambda: verify_chain(s))
        with db.session() as s:
            records, records_s = timed("records against the log (reconcile)", lambda: reconcile(s))
        report, total_s = timed("db check (everything)", lambda: health.check(db))
    finally:
        db.dispose()
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  entries {chain.entries:,}; rows compared {records.rows:,} in {records.tables} tables; "
          f"findings {len(records.findings)}; not comparable {records.not_comparable}; check ok: {report.ok}")
    print(f"  peak memory {peak_mib:,.0f} MiB")
    result = {"candidates": size.candidates, "interviews": size.interviews, "entries": chain.entries,
              "rows": records.rows, "chain_s": round(chain_s, 1), "reconcile_s": round(records_s, 1),
              "check_s": round(total_s, 1), "peak_mib": round(peak_mib), "ok": report.ok}
    (path.parent / "results.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0 if report.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
