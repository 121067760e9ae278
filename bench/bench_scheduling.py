"""Scheduling benchmark (a script, not a test): run by hand, figures go into the closing note.

    .venv/bin/python bench/bench_scheduling.py [--rebuild] [--runs N] [--measures week]
    .venv/bin/python bench/bench_scheduling.py --db-url postgresql://postgres@127.0.0.1/bench_scheduling

Builds (once, cached in bench/out/scheduling/) an encrypted database with 50 interviewers in one
department tree, 20 rooms and 200,000 booked interviews over ten years of working days (about 77 a day), each
with one to three interviewers, then measures through the app's own services:

- the slot finder: the earliest 5 slots for 2–3 interviewers and a room in a two-week range
  (target: under 50 ms);
- saving a booking with its conflict check, audit entries and outbox rows, committed
  (target: p95 under 20 ms);
- loading the schedule week view, by interviewer, for a department of 30 interviewers, against the
  raw-SQL floor of the same statements (captured once with a cursor event, replayed with the same
  parameters on a raw sqlcipher3 or psycopg connection, interleaved with the app in the same run,
  alternating which goes first: bench_search's method), and on SQLite also through a plain copy of
  the file opened the same way (encrypted/plain). The weeks are drawn across the ten years (their
  pages mostly not in SQLite's cache: the bench's interviews, applications and candidates are
  written in random order of time, so a week's rows are on several hundred pages each), or with
  --near-weeks within four weeks of one (an officer switching back and forth). With --layout booked
  the rows are written in the order an office writes them (each interview booked 1-21 days before
  it, its candidate and application with it), so a week's rows lie on a few dozen pages; SQLCipher
  decrypts each page the first time it is read, so encrypted/plain depends on that layout. Targets (issue 14): app p50 <= 1.5x raw p50,
  encrypted/plain <= 1.3.

--db-url builds the same data in PostgreSQL (once, in the database named there) and measures there.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import shutil
import statistics
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import make_url, select, text  # noqa: E402

from bench_search import Captured, open_plain, plain_connection, raw_once  # noqa: E402

from desktop.core.clock import ManualClock  # noqa: E402
from desktop.core.model import (  # noqa: E402
    Application, ApplicationStage, Candidate, Department, Education, Gender, Interview, InterviewMode,
    InterviewParticipant, InterviewStatus, ParticipantRole, Position, PositionStatus, Role, RoleGrant, Room, Round,
    RoundKind, User,
)
from desktop.core.scheduling import booking, slots, views  # noqa: E402
from desktop.core.scheduling.office import OfficeHours  # noqa: E402
from desktop.core.storage import migrate  # noqa: E402
from desktop.core.storage.connect import Target, open_target  # noqa: E402
from desktop.core.storage.database import (  # noqa: E402
    Actor, Database, create_embedded, open_server, open_sqlcipher_connection, unlock_master_key,
)

OUT = ROOT / "bench" / "out" / "scheduling"
PASSPHRASE = "Bench-passphrase-2026"  # protects generated data only
FORMAT = 3   # 3: the interviews drawn before they are written (--layout)
INTERVIEWERS, ROOMS, INTERVIEWS, BIG_DEPARTMENT = 50, 20, 200_000, 30
FIRST_DAY = date(2019, 1, 7)
WORKING_DAYS = 2600  # ten years of weekdays: about 77 interviews a working day
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂玉萍红玲芬燕彬鹏辉宇浩然轩涵诺欣怡"


def weekdays(first: date, count: int) -> list[date]:
    days, day = [], first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def build(path: Path) -> None:
    db, _ = create_embedded(path, PASSPHRASE)
    migrate.upgrade(db)
    fill(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()


def fill(db: Database) -> None:
    rng = random.Random(11)
    now = datetime(2025, 1, 1, tzinfo=timezone.utc)
    with db.engine.begin() as conn:
        conn.execute(Department.__table__.insert(), [
            {"id": 1, "name": "医务部", "code": "YW", "parent_id": None, "is_active": True, "created_at": now, "version": 1},
            {"id": 2, "name": "内科", "code": "NK", "parent_id": 1, "is_active": True, "created_at": now, "version": 1},
            {"id": 3, "name": "外科", "code": "WK", "parent_id": 1, "is_active": True, "created_at": now, "version": 1}])
        conn.execute(User.__table__.insert(), [
            {"id": u, "username": f"interviewer{u}", "display_name": rng.choice(SURNAMES) + rng.choice(GIVEN) + str(u),
             "department_id": 2 if u <= BIG_DEPARTMENT else 3, "password_hash": "-", "is_active": True,
             "must_change_password": False, "failed_logins": 0, "created_at": now, "version": 1}
            for u in range(1, INTERVIEWERS + 2)])  # the last one is the HR officer
        conn.execute(RoleGrant.__table__.insert(), [
            {"user_id": u, "role": "interviewer", "department_id": 2 if u <= BIG_DEPARTMENT else 3}
            for u in range(1, INTERVIEWERS + 1)] + [{"user_id": INTERVIEWERS + 1, "role": "hr_officer",
                                                     "department_id": None}])
        conn.execute(Room.__table__.insert(), [
            {"id": r, "name": f"会议室{r:02d}", "location": "", "capacity": rng.choice((4, 6, 8, 12)), "is_active": True,
             "version": 1} for r in range(1, ROOMS + 1)])
        conn.execute(Position.__table__.insert(), [
            {"id": p, "code": f"P{p:03d}", "title": f"岗位{p}", "department_id": 2 if p % 2 else 3, "headcount": 2,
             "education": Education.BACHELOR, "min_years": 0, "skills": "", "description": "",
             "status": PositionStatus.OPEN, "created_at": now, "updated_at": now, "version": 1} for p in range(1, 41)])
        conn.execute(Round.__table__.insert(), [
            {"id": p, "position_id": p, "sequence": 1, "name": "初试", "kind": RoundKind.HR, "duration_minutes": 30}
            for p in range(1, 41)])
        candidates, applications = [], []
        for c in range(1, INTERVIEWS + 1001):
            candidates.append({"id": c, "name": rng.choice(SURNAMES) + rng.choice(GIVEN), "gender": Gender.UNSPECIFIED,
                               "phone": f"139{c:08d}", "phone_tail": f"{c % 10000:04d}", "education": Education.BACHELOR,
                               "school": "", "major": "", "years_experience": 0, "experience": "", "skills": "",
                               "resume_summary": "", "source_channel": "", "department_id": 2,
                               "talent_pool_consent": False, "restricted": False, "reschedule_count": 0,
                               "no_show_count": 0, "late_count": 0, "created_at": now, "updated_at": now, "version": 1})
            applications.append({"id": c, "candidate_id": c, "position_id": c % 40 + 1,
                                 "stage": ApplicationStage.INTERVIEWING, "applied_at": now, "version": 1})
        conn.execute(Candidate.__table__.insert(), candidates)
        conn.execute(Application.__table__.insert(), applications)
        hours = OfficeHours(zone=__import__("zoneinfo").ZoneInfo("Asia/Shanghai"))
        days = weekdays(FIRST_DAY, WORKING_DAYS)
        interviews, participants = [], []
        starts = [hours.at(days[rng.randrange(len(days))], datetime.min.time())
                  + timedelta(hours=8, minutes=30 + 30 * rng.randrange(16)) for _ in range(INTERVIEWS)]
        if LAYOUT == "booked":   # the rows in the order an office writes them: each booked 1-21 days ahead
            ahead = {k: timedelta(days=rng.randint(1, 21)) for k in range(INTERVIEWS)}
            starts = [start for _, start in sorted((start - ahead[k], start) for k, start in enumerate(starts))]
        for i, start in enumerate(starts, 1):
            interviews.append({"id": i, "uid": f"bench-{i}", "application_id": i, "round_id": i % 40 + 1,
                               "starts_at": start, "duration_minutes": rng.choice((30, 30, 45, 60)),
                               "mode": InterviewMode.ONSITE, "room_id": rng.randrange(ROOMS) + 1,
                               "status": InterviewStatus.SCHEDULED, "sequence": 0, "notes": "", "created_at": now,
                               "version": 1})
            for u in rng.sample(range(1, INTERVIEWERS + 1), rng.choice((1, 2, 2, 3))):
                participants.append({"interview_id": i, "user_id": u, "role": ParticipantRole.INTERVIEWER,
                                     "response": "none", "seen_sequence": -1})
        conn.execute(Interview.__table__.insert(), interviews)
        conn.execute(InterviewParticipant.__table__.insert(), participants)
    if db.kind == "postgresql":
        with db.engine.begin() as conn:      # explicit ids were written: move the id sequences past them
            for table in ("departments", "users", "role_grants", "rooms", "positions", "rounds", "candidates",
                          "applications", "interviews", "interview_participants"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"(SELECT coalesce(max(id), 1) FROM {table}))"))


def plain_copy(path: Path, key) -> Path:
    """The same data in a plain file (sqlcipher_export), both files with sqlite_stat1, made once."""
    plain = path.with_name("plain.db")
    if not plain.exists():
        conn = open_sqlcipher_connection(path, key)
        conn.execute("ANALYZE")
        conn.execute("ATTACH DATABASE ? AS plain KEY ''", (str(plain),))
        conn.execute("SELECT sqlcipher_export('plain')")
        conn.execute("DETACH DATABASE plain")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        conn = plain_connection(plain)
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    return plain


def server_database(url: str) -> str:
    """The PostgreSQL database named in `url`, created and filled once."""
    import psycopg

    base = make_url(url).set(drivername="postgresql+psycopg")
    admin = base.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (base.database,)).fetchone():
            conn.execute(f'CREATE DATABASE "{base.database}"')
    target = base.render_as_string(hide_password=False)
    db = open_server(target)
    try:
        if migrate.is_empty(db):
            print(f"building PostgreSQL {base.database}: {INTERVIEWS:,} interviews ...")
            migrate.upgrade(db)
            fill(db)
            with psycopg.connect(base.set(drivername="postgresql").render_as_string(hide_password=False),
                                 autocommit=True) as conn:
                conn.execute("VACUUM ANALYZE")
    finally:
        db.dispose()
    return target


def summary(samples: list[float]) -> dict:
    ordered = sorted(samples)
    return {"n": len(ordered), "p50": round(statistics.median(ordered), 2),
            "p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2), "max": round(ordered[-1], 2)}


WEEK_RATIO, PLAIN_RATIO = 1.5, 1.3
# The app runs with Python's automatic collection off (desktop/ui/gc.py: the UI thread collects on a
# timer, and those pauses are measured by bench/soak_gc.py); --auto-gc measures with it on instead.
AUTO_GC = True
LAYOUT = "random"    # or "booked" (--layout)


def week_once(db: Database, actor: Actor, monday: date) -> tuple[float, int]:
    start = time.perf_counter()
    with db.session(actor) as s:
        view = views.schedule(s, actor, monday, 7, by="interviewer", department_id=2)
    took = (time.perf_counter() - start) * 1000
    return took, hash((tuple(view.blocks), tuple(view.lanes)))


def week_views(db: Database, raw, actor: Actor, mondays: list[date], warmup: int) -> dict:
    """The week view through the app and its statements replayed raw, interleaved."""
    replays, answers = [], []
    for monday in mondays:
        with Captured(db) as seen:
            answers.append(week_once(db, actor, monday)[1])
        replays.append(seen.statements)
    for i in range(min(warmup, len(mondays))):
        week_once(db, actor, mondays[i])
        raw_once(raw, replays[i])
    app, floor = [], []
    for i, monday in enumerate(mondays):
        if not AUTO_GC:
            gc.collect()       # what the UI thread's collector does between loads (untimed, as there)
        if i % 2:
            floor.append(raw_once(raw, replays[i])[0])
            took, answer = week_once(db, actor, monday)
        else:
            took, answer = week_once(db, actor, monday)
            floor.append(raw_once(raw, replays[i])[0])
        app.append(took)
        if answer != answers[i]:
            raise SystemExit("week view: the app answered differently on a second run")
    with db.session(actor) as s:
        view = views.schedule(s, actor, mondays[-1], 7, by="interviewer", department_id=2)
    return {"app": summary(app), "raw": summary(floor), "statements": len(replays[-1]),
            "blocks_last": len(view.blocks), "lanes_last": len(view.lanes)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rebuild", action="store_true")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=200, help="week views timed (each side)")
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--measures", default="finder,booking,week", help="comma-separated: finder,booking,week")
    parser.add_argument("--db-url", help="PostgreSQL: build there once and measure there")
    parser.add_argument("--near-weeks", action="store_true",
                        help="weeks within four of one week (as an officer switches), not across ten years")
    parser.add_argument("--layout", choices=("random", "booked"), default="random",
                        help="rows in random order of time (default), or in the order they were booked, "
                             "1-21 days ahead, as an office's file holds them (built in bench/out/scheduling-booked)")
    parser.add_argument("--auto-gc", action="store_true",
                        help="week view with Python's automatic garbage collection on (the app turns it off)")
    args = parser.parse_args(argv)
    global AUTO_GC, LAYOUT, OUT
    AUTO_GC, LAYOUT = args.auto_gc, args.layout
    if LAYOUT == "booked":
        OUT = OUT.with_name("scheduling-booked")
    wanted_measures = set(args.measures.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    path, meta = OUT / "scheduling.db", OUT / "meta.json"
    clock = ManualClock(datetime(2026, 6, 1, tzinfo=timezone.utc))
    if args.db_url:
        db = open_target(Target(url=server_database(args.db_url)), clock=clock)
    else:
        wanted = {"format": FORMAT, "schema": migrate.head_revision(), "interviews": INTERVIEWS} | (
            {"layout": LAYOUT} if LAYOUT != "random" else {})
        if args.rebuild or not meta.exists() or json.loads(meta.read_text()) != wanted or not path.exists():
            shutil.rmtree(OUT)
            OUT.mkdir(parents=True)
            started = time.perf_counter()
            print(f"building {INTERVIEWS:,} interviews for {INTERVIEWERS} interviewers and {ROOMS} rooms ...")
            build(path)
            print(f"    done in {time.perf_counter() - started:.0f} s")
            meta.write_text(json.dumps(wanted))
        db = open_target(Target(path=path), passphrase=PASSPHRASE, clock=clock)  # as the app opens it
    days = weekdays(FIRST_DAY, WORKING_DAYS)
    hr = Actor(user_id=INTERVIEWERS + 1, username="hr", grants=(("hr_officer", None),))
    rng = random.Random(3)
    results: dict[str, dict] = {"load_before": {"loadavg": os.getloadavg()}}

    if "finder" in wanted_measures:
        finder = []
        for _ in range(args.runs):
            first = days[rng.randrange(len(days) - 10)]
            clock.set(datetime.combine(first, datetime.min.time(), tzinfo=timezone.utc) - timedelta(hours=8))
            request = slots.SlotRequest(
                interviewer_ids=tuple(rng.sample(range(1, INTERVIEWERS + 1), rng.choice((2, 3)))),
                duration_minutes=rng.choice((30, 60)), first_day=first, last_day=first + timedelta(days=13), count=5)
            with db.session(hr) as s:
                start = time.perf_counter()
                found = slots.find_slots(s, request, clock.now())
                finder.append((time.perf_counter() - start) * 1000)
            assert len(found) == 5, f"only {len(found)} slots for {request}"
        results["slot finder, 5 slots in two weeks"] = summary(finder)

    if "booking" in wanted_measures:
        saves = []
        with db.session(hr) as s:
            booked = set(s.scalars(select(Interview.application_id).where(Interview.application_id > INTERVIEWS)))
        free_apps = [a for a in range(INTERVIEWS + 1, INTERVIEWS + 1001) if a not in booked]
        for application_id in free_apps[: args.runs]:
            first = days[rng.randrange(len(days) - 10)]
            clock.set(datetime.combine(first, datetime.min.time(), tzinfo=timezone.utc) - timedelta(hours=8))
            people = tuple(rng.sample(range(1, INTERVIEWERS + 1), 2))
            with db.session(hr) as s:
                slot = slots.find_slots(s, slots.SlotRequest(
                    interviewer_ids=people, duration_minutes=30, first_day=first,
                    last_day=first + timedelta(days=13), count=1), clock.now())[0]
            start = time.perf_counter()
            with db.session(hr, write=True) as s:
                booking.book(s, hr, booking.BookingInput(
                    application_id=application_id, round_id=application_id % 40 + 1, starts_at=slot.starts_at,
                    duration_minutes=30, mode=InterviewMode.ONSITE, room_id=slot.room_id, interviewer_ids=people))
            saves.append((time.perf_counter() - start) * 1000)
        results["save a booking with conflict check (committed)"] = summary(saves)

    week: dict[str, dict] = {}
    if "week" in wanted_measures:
        if not AUTO_GC:
            gc.disable()
        clock.set(datetime(2026, 6, 1, tzinfo=timezone.utc))
        mondays = []
        for _ in range(args.weeks):
            first = days[rng.randrange(len(days) - 10)]
            mondays.append(first - timedelta(days=first.weekday()))
        if args.near_weeks:     # an officer going back and forth around one week: pages in cache
            mondays = [mondays[0] + timedelta(weeks=rng.randrange(-4, 5)) for _ in mondays]
        if args.db_url:
            import psycopg

            raw = psycopg.connect(make_url(args.db_url).set(drivername="postgresql")
                                  .render_as_string(hide_password=False))
            try:
                week["postgresql"] = week_views(db, raw, hr, mondays, args.warmup)
            finally:
                raw.close()
        else:
            key = unlock_master_key(path, passphrase=PASSPHRASE)
            plain = open_plain(plain_copy(path, key), key)
            plain.clock = clock
            raw_enc, raw_plain = open_sqlcipher_connection(path, key), plain_connection(path.with_name("plain.db"))
            try:
                week["encrypted"] = week_views(db, raw_enc, hr, mondays, args.warmup)
                week["plain"] = week_views(plain, raw_plain, hr, mondays, args.warmup)
            finally:
                raw_enc.close()
                raw_plain.close()
                plain.dispose()
        gc.enable()
        results[f"week view, by interviewer, {BIG_DEPARTMENT}-interviewer department"] = week
        results["week view garbage collection"] = {"automatic": AUTO_GC}
    db.dispose()
    results["load_after"] = {"loadavg": os.getloadavg()}

    print(f"\n{'measure':58} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, r in results.items():
        if "p50" in r:
            print(f"{name:58} {r['p50']:8.2f} {r['p95']:8.2f} {r['max']:8.2f}")
    verdict: dict[str, bool] = {}
    if week:
        head = (f"{'week view (' + str(BIG_DEPARTMENT) + ' interviewers)':<30}{'side':<11}{'app p50':>8}"
                f"{'app p95':>8}{'raw p50':>8}{'raw p95':>8}{'app/raw':>8}{'enc/plain':>10}  statements, blocks")
        print(f"\n{head}\n{'-' * len(head)}")
        for side, r in week.items():
            ratio = r["app"]["p50"] / r["raw"]["p50"]
            enc_plain = r["app"]["p50"] / week["plain"]["app"]["p50"] if side == "encrypted" else None
            verdict[f"week view app/raw {side}"] = ratio <= WEEK_RATIO
            if enc_plain is not None:
                verdict["week view encrypted/plain"] = enc_plain <= PLAIN_RATIO
            print(f"{'':<30}{side:<11}{r['app']['p50']:>8.2f}{r['app']['p95']:>8.2f}{r['raw']['p50']:>8.2f}"
                  f"{r['raw']['p95']:>8.2f}{ratio:>8.2f}{'' if enc_plain is None else f'{enc_plain:.2f}':>10}"
                  f"  {r['statements']}, {r['blocks_last']}")
    limits = {"slot finder, 5 slots in two weeks": 50.0, "save a booking with conflict check (committed)": 20.0}
    verdict |= {name: results[name]["p95"] < limit for name, limit in limits.items() if name in results}
    if week:
        print("garbage collection:", "automatic (--auto-gc)" if AUTO_GC else
              "as in the app: automatic collection off, collected between views (untimed)")
    print(f"\nload average before {results['load_before']['loadavg']}, after {results['load_after']['loadavg']}"
          f" on {os.cpu_count()} CPUs")
    print("targets:", ", ".join(f"{n}: {'met' if ok else 'MISSED'}" for n, ok in verdict.items()))
    name = "results_pg.json" if args.db_url else "results.json"
    (OUT / name).write_text(json.dumps({"results": results, "targets_met": verdict}, ensure_ascii=False,
                                       indent=2, default=str), encoding="utf-8")
    return 0 if all(verdict.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
