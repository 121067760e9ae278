"""Cold start to a usable window on the 100,000-candidate benchmark database.

    .venv/bin/python bench/bench_start.py                 # 5 runs each: passphrase, OS key slot
    .venv/bin/python bench/bench_start.py --runs 3 --importtime

Each run is a new process that starts the real app (desktop.app.run_gui) on a copy of the encrypted
benchmark database (bench/bench_storage.py builds it, cached in bench/out/) with an administrator
account. A timer answers the dialogs at once, so no typing time is counted. "Usable" is the moment
the main window is shown and the first page's queries have all answered. The time from the
process's start (measured by the parent before it spawns the child) is split into: interpreter and
imports up to the first dialog, opening the database (Argon2 unwrap of the passphrase, or the OS
key slot), the login (Argon2 verify of the password), building the main window, and the first page's
data. --importtime adds Python's `-X importtime` top items of one run.

The OS key slot runs use keyring's file backend (keyrings.alt) in the bench home, configured with
PYTHON_KEYRING_BACKEND; on Windows the slot would use DPAPI instead.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
PASSPHRASE = "Bench-passphrase-2026"   # bench/bench_storage.py
USER, PASSWORD = "bench-admin", "Bench-pass-2026"
TARGET_SECONDS = 3.0


# --- the child: one start of the app ---------------------------------------------------------------

def child(mode: str, spawned_at: float) -> None:
    marks: dict[str, float] = {"spawned": spawned_at, "python_ready": time.time()}
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    marks["qt_imported"] = time.time()
    from desktop.app import run_gui
    from desktop.ui.login import LoginDialog, UnlockDialog
    from desktop.ui.main_window import MainWindow

    marks["app_imported"] = time.time()
    app = QApplication([])
    acted: set[int] = set()

    def tick() -> None:
        for widget in QApplication.topLevelWidgets():
            if not widget.isVisible() or id(widget) in acted:
                continue
            if isinstance(widget, UnlockDialog):
                acted.add(id(widget))
                marks["unlock_shown"] = time.time()
                if getattr(widget, "asks_passphrase", True):
                    widget.passphrase.setText(PASSPHRASE)
                    widget.open_button.click()
            elif isinstance(widget, LoginDialog):
                acted.add(id(widget))
                marks["login_shown"] = time.time()
                widget.username.setText(USER)
                widget.password.setText(PASSWORD)
                widget.login_button.click()
            elif isinstance(widget, MainWindow):
                acted.add(id(widget))
                marks["window_shown"] = time.time()
                tasks = widget.ctx.tasks

                def usable(window=widget) -> None:
                    # the first page is built and every query it asked has answered
                    if not window.pages or not tasks.is_idle:
                        QTimer.singleShot(5, lambda: usable(window))
                        return
                    marks["usable"] = time.time()
                    print("MARKS " + json.dumps(marks), flush=True)
                    QTimer.singleShot(0, window.close)
                    QTimer.singleShot(3000, lambda: os._exit(0))   # measured; do not wait for slow shutdowns

                QTimer.singleShot(0, usable)

    poll = QTimer()
    poll.setInterval(5)
    poll.timeout.connect(tick)
    poll.start()
    from desktop.core.storage.connect import Target

    run_gui(Target(path=Path(os.environ["INTERVIEWDESK_HOME"]) / "data" / "interviewdesk.db"), "zh_CN")


# --- the parent --------------------------------------------------------------------------------------

def prepare(home: Path, with_slot: bool) -> None:
    """A copy of the benchmark database with an administrator (and, if asked, an OS key slot)."""
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_data import Size
    from bench_storage import build

    size = Size()
    folder = OUT / f"{size.candidates}c-{size.interviews}i"
    build(folder, size, rebuild=False)
    if home.exists():
        shutil.rmtree(home)
    data = home / "data"
    data.mkdir(parents=True)
    for name in ("encrypted.db", "encrypted.db.keys"):
        shutil.copyfile(folder / name, data / name.replace("encrypted", "interviewdesk"))
    os.environ["INTERVIEWDESK_HOME"] = str(home)
    os.environ["XDG_DATA_HOME"] = str(home / "xdg-data")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    from desktop.core import accounts
    from desktop.core.model import Role
    from desktop.core.storage.database import Actor, open_embedded

    db = open_embedded(data / "interviewdesk.db", passphrase=PASSPHRASE)
    try:
        with db.session(Actor.command_line(), write=True) as session:
            info = accounts.add_user(session, Actor.command_line(), username=USER, display_name="基准管理员",
                                     password=PASSWORD, roles=[(Role.ADMIN, None), (Role.HR_OFFICER, None)])
            admin = accounts.actor_for_user(session, info.id)
        if with_slot:
            from desktop.core.storage import os_slot
            from desktop.integrations.keystore import system_keystore

            with db.session(admin, write=True) as session:
                os_slot.turn_on(session, admin, db, system_keystore())
    finally:
        db.dispose()


def one_run(home: Path, mode: str, importtime: bool = False) -> tuple[dict[str, float], str]:
    env = dict(os.environ, INTERVIEWDESK_HOME=str(home), XDG_DATA_HOME=str(home / "xdg-data"),
               PYTHON_KEYRING_BACKEND="keyrings.alt.file.PlaintextKeyring",
               QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    args = [sys.executable] + (["-X", "importtime"] if importtime else []) + [__file__, "--child", mode]
    spawned = time.time()
    try:
        done = subprocess.run(args + [repr(spawned)], env=env, capture_output=True, text=True, timeout=120, cwd=ROOT)
    except subprocess.TimeoutExpired as late:
        raise SystemExit(f"the app did not reach a usable window in 120 s:\n{late.stdout}\n{str(late.stderr)[-3000:]}")
    line = next((l for l in done.stdout.splitlines() if l.startswith("MARKS ")), None)
    if line is None:
        raise SystemExit(f"the app did not reach a usable window:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return json.loads(line[6:]), done.stderr


def phases(marks: dict[str, float]) -> dict[str, float]:
    opened = marks.get("unlock_shown", marks["login_shown"])
    return {
        "interpreter + imports to first dialog": opened - marks["spawned"],
        "open database (unlock)": marks["login_shown"] - opened,
        "login + main window built": marks["window_shown"] - marks["login_shown"],
        "first page's data": marks["usable"] - marks["window_shown"],
        "TOTAL start → usable": marks["usable"] - marks["spawned"],
    }


def top_imports(stderr: str, count: int = 15) -> list[tuple[int, str]]:
    found = []
    for row in stderr.splitlines():
        match = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", row)
        if match:
            found.append((int(match.group(2)), match.group(4)))
    return sorted(found, reverse=True)[:count]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--importtime", action="store_true")
    parser.add_argument("--child", nargs=2, metavar=("MODE", "SPAWNED"))
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], float(args.child[1]))
        return 0
    report = {}
    for mode in ("passphrase", "os-slot"):
        home = OUT / "start" / mode
        prepare(home, with_slot=mode == "os-slot")
        runs = [phases(one_run(home, mode)[0]) for _ in range(args.runs)]
        report[mode] = {name: {"median_s": round(statistics.median(r[name] for r in runs), 3),
                               "max_s": round(max(r[name] for r in runs), 3)} for name in runs[0]}
        print(f"\n{mode} ({args.runs} cold starts, seconds: median / max)")
        for name, value in report[mode].items():
            print(f"  {name:<40} {value['median_s']:>7.3f} / {value['max_s']:.3f}")
        total = report[mode]["TOTAL start → usable"]["median_s"]
        print(f"  target < {TARGET_SECONDS} s: {'met' if total < TARGET_SECONDS else 'NOT met'}")
    if args.importtime:
        _marks, stderr = one_run(OUT / "start" / "passphrase", "passphrase", importtime=True)
        tops = top_imports(stderr)
        report["importtime_top_us"] = tops
        print("\n-X importtime, cumulative microseconds (one start, passphrase mode):")
        for micros, name in tops:
            print(f"  {micros:>9}  {name}")
    (OUT / "start_results.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
