"""Screenshots of every page as a given user sees it, for looking at what was built.

    xvfb-run -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots.py --out shots/zh
    .venv/bin/python scripts/screenshots.py --lang en --user rs.gaojun --size 1280x720 --out shots/en

Builds a demo database in a temporary folder (the same data as `interviewdesk demo`), signs the
chosen demo user in the way the login dialog does, opens the main window at the given size and saves
one PNG per page the user may see. Under Xvfb (QT_QPA_PLATFORM=xcb) the pictures are of a real
window; with QT_QPA_PLATFORM=offscreen they are rendered the same way without a screen.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _wait(app, tasks, seconds: float = 1.5) -> None:
    """Let the page's background reads come back and the window repaint."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline or not tasks.is_idle:
        app.processEvents()
        time.sleep(0.02)
        if time.monotonic() > deadline + 15:
            break


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "shots")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--user", default="hr.wangli", help="a demo user (desktop/core/demo.py USERS)")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--pages", default="", help="comma-separated page keys (default: all the user sees)")
    parser.add_argument("--tabs", action="store_true",
                        help="also save every tab of a page that has tabs (settings, approvals), as <page>-<n>.png")
    parser.add_argument("--now", default="", help="the clock, e.g. 2026-12-07T09:30+08:00 (default: now)")
    parser.add_argument("--room", action="store_true",
                        help="also the interview room window (面试进行) of the next interview the user may run, "
                             "started and 35 minutes on (needs --now), each tab as room-<n>.png")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication, QTabWidget

    from desktop.core import accounts, demo
    from desktop.core.clock import ManualClock, SystemClock
    from desktop.core.paths import app_dirs
    from desktop.core.storage import migrate
    from desktop.core.storage.database import Actor, create_embedded
    from desktop.ui import i18n, style
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    style.apply(app)
    i18n.install(app, args.lang)
    width, height = (int(v) for v in args.size.split("x"))
    clock = (ManualClock(datetime.fromisoformat(args.now).astimezone(timezone.utc)) if args.now
             else SystemClock())

    with tempfile.TemporaryDirectory() as folder:
        db, _recovery = create_embedded(Path(folder) / "demo.db", "screenshots-passphrase-1", clock=clock)
        migrate.upgrade(db)
        demo.populate(db)
        with db.session(Actor.command_line()) as session:
            user_id = next(u.id for u in accounts.list_users(session, Actor.command_line())
                           if u.username == args.user)
            actor = accounts.actor_for_user(session, user_id)
        tasks = TaskRunner()
        ctx = AppContext(db, actor, clock=clock, dirs=app_dirs(), tasks=tasks, language=args.lang)
        window = MainWindow(ctx)
        window.resize(width, height)
        window.show()
        _wait(app, tasks)
        args.out.mkdir(parents=True, exist_ok=True)
        keys = [k for k in args.pages.split(",") if k] or window.page_keys()
        for key in keys:
            page = window.open_page(key)
            _wait(app, tasks)
            if key == "desk" and page.rows:     # 我的面试 with its first interview's preparation
                page.list.setCurrentRow(1)
                _wait(app, tasks)
            path = args.out / f"{key}.png"
            window.grab().save(str(path))
            print(path)
            tabs = page.findChild(QTabWidget) if args.tabs else None
            for index in range(1, tabs.count() if tabs is not None else 0):
                tabs.setCurrentIndex(index)
                _wait(app, tasks)
                path = args.out / f"{key}-{index}.png"
                window.grab().save(str(path))
                print(path)
        if args.room:
            _room_shots(app, tasks, ctx, clock, args.out)
        window.close()
        tasks.wait_for_done()
        db.dispose()
    return 0


def _room_shots(app, tasks, ctx, clock, out: Path) -> None:
    """The room of the next interview the user may run, 35 minutes after it started (amber soon)."""
    from datetime import timedelta

    from PySide6.QtWidgets import QTabWidget
    from sqlalchemy import select

    from desktop.core import interview_room
    from desktop.core.model import Interview
    from desktop.core.storage.database import Actor
    from desktop.ui.room.window import InterviewRoomWindow

    now = clock.now()
    with ctx.db.session(ctx.actor) as session:
        rows = session.execute(select(Interview.id, Interview.starts_at).where(
            Interview.starts_at >= now - timedelta(hours=10),
            Interview.status.in_(interview_room.STARTABLE)).order_by(Interview.starts_at).limit(200)).all()
        found = next(((i, at) for i, at in rows if interview_room.may_run(session, ctx.actor, i)), None)
    if found is None or not hasattr(clock, "set"):
        print("no interview to open the room of (the room needs --now)")
        return
    iid, starts_at = found
    clock.set(max(starts_at, now))        # the demo books from tomorrow on: go to the interview's start
    with ctx.db.session(Actor.command_line(), write=True) as session:
        interview_room.start(session, Actor.command_line(), iid)
    clock.set(max(starts_at, now) + timedelta(minutes=35))
    room = InterviewRoomWindow(ctx, iid)
    room.show()
    _wait(app, tasks)
    room.tick()
    tabs = room.findChild(QTabWidget)
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        if tabs.widget(index).findChild(type(room.scripts)) is not None or tabs.widget(index) is room.scripts:
            room.scripts.strengths.boxes[0].setChecked(True)
            room.scripts.concerns.boxes[0].setChecked(True)
        _wait(app, tasks, 0.5)
        path = out / f"room-{index}.png"
        room.grab().save(str(path))
        print(path)
    room.close()


if __name__ == "__main__":
    sys.exit(main())
