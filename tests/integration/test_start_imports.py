"""Starting the app imports only what the configuration uses: opening a database whose schema is
current reads its version row without Alembic, the Exchange client waits until Exchange is switched
on, and the pinyin dictionaries until a name is sorted or saved (bench/bench_start.py measures the
time this saves). Checked in a fresh interpreter, where nothing else has imported them yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.core import accounts
from desktop.core.model import Role
from desktop.core.storage import migrate
from desktop.core.storage.database import Actor, create_embedded

from storage_helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
LATER = ("alembic", "exchangelib", "pypinyin", "reportlab")     # reportlab: dossiers and letters, rendered later
# The desk's own code that the first page (Today, with the interview detail it opens) does not run: the reminder
# engine comes with the first minute tick, on the writer thread; the change dialog, the message templates and
# the backup copier when first used (bench/bench_start.py --importtime lists what a start loads).
DESK_LATER = ("desktop.core.scheduling.reminders", "desktop.core.offers", "desktop.core.questions",
              "desktop.core.interview_room", "desktop.ui.schedule.change_dialog", "desktop.core.scheduling.booking",
              "desktop.core.notifications.templates", "desktop.core.storage.admin", "desktop.core.decision_effects",
              "desktop.integrations.message_view", "desktop.core.services.overview")

START = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    import desktop.app
    from desktop.core.storage.connect import Target, open_target
    from desktop.ui import crash, errors, gc, i18n, links, style
    from desktop.ui.delivery import DeliveryService
    from desktop.ui.login import LoginDialog, UnlockDialog
    from desktop.ui.main_window import MainWindow
    from desktop.ui.signin import Desk, sign_in
    from desktop.ui.today import page                  # the first page, with the interview detail it opens
    db = open_target(Target(path=Path(sys.argv[1])), passphrase=sys.argv[2])
    with db.session() as session:
        from desktop.integrations import senders
        channels = senders.configured_channels(session)
    db.dispose()
    print(json.dumps([name for name in sys.argv[3:] if name in sys.modules]))
""")


DESK = ("desktop.ui.main_window", "desktop.ui.today.page")     # the main window and the page most users open on
# A start through the dialogs (run_gui, answered at once as bench/bench_start.py answers them): what the desk is
# built from has been imported by the time the password check answers, as it has when the passphrase's has.
SIGN_IN = textwrap.dedent("""
    import json, sys
    from pathlib import Path
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from desktop.app import run_gui
    from desktop.core import model
    from desktop.core.storage.connect import Target
    from desktop.ui import login
    loaded = {}
    configured = []
    configure = model.configure
    model.configure = lambda: (configured.append(model.User.__mapper__.configured), configure())

    def answered(kind, deliver):
        def deliver_and_note(dialog, result):     # the check's result, handed to the dialog on the UI thread
            loaded[kind] = [name for name in sys.argv[4:] if name not in sys.modules]
            loaded[kind + ": mappers configured before"] = configured[:1]    # [configured when asked]
            deliver(dialog, result)
        return deliver_and_note

    login.UnlockDialog._opened = answered("unlock", login.UnlockDialog._opened)
    login.LoginDialog._signed_in = answered("login", login.LoginDialog._signed_in)
    done = set()

    def tick():
        for widget in QApplication.topLevelWidgets():
            kind = type(widget).__name__
            if not widget.isVisible() or kind in done:
                continue
            done.add(kind)
            if kind == "UnlockDialog":
                widget.passphrase.setText(sys.argv[2])
                widget.open_button.click()
            elif kind == "LoginDialog":
                widget.username.setText("wangfang")
                widget.password.setText(sys.argv[3])
                widget.login_button.click()
            elif kind == "MainWindow":
                QTimer.singleShot(0, widget.close)

    app = QApplication([])
    poll = QTimer()
    poll.timeout.connect(tick)
    poll.start(5)
    assert run_gui(Target(path=Path(sys.argv[1])), "zh_CN") == 0
    print(json.dumps(loaded))
""")


def _loaded_by_a_start(path: Path, names: tuple[str, ...] = LATER) -> list[str]:
    done = subprocess.run([sys.executable, "-c", START, str(path), PASSPHRASE, *names], cwd=ROOT, text=True,
                          capture_output=True, timeout=120,
                          env=os.environ | {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_start_on_a_current_database_loads_no_alembic_exchange_client_pinyin_or_pdf_library(tmp_path):
    db, _recovery = create_embedded(tmp_path / "interviewdesk.db", PASSPHRASE)
    migrate.upgrade(db)
    db.dispose()
    assert _loaded_by_a_start(tmp_path / "interviewdesk.db") == []


def test_a_start_loads_none_of_the_desk_the_first_page_does_not_use(tmp_path):
    db, _recovery = create_embedded(tmp_path / "interviewdesk.db", PASSPHRASE)
    migrate.upgrade(db)
    db.dispose()
    assert _loaded_by_a_start(tmp_path / "interviewdesk.db", DESK_LATER) == []


def test_the_desk_is_loaded_while_the_passphrase_and_the_password_are_checked(tmp_path):
    """Argon2 leaves the UI thread free: the main window's modules are imported then, not after the check;
    and the start asks for the mappers to be configured before the database is open, not leaving them to
    the login's first query."""
    db, _recovery = create_embedded(tmp_path / "interviewdesk.db", PASSPHRASE)
    migrate.upgrade(db)
    with db.session(Actor.command_line(), write=True) as session:
        accounts.add_user(session, Actor.command_line(), username="wangfang", display_name="王芳",
                          password="Sign-in-2026", roles=[(Role.HR_OFFICER, None)])
    db.dispose()
    done = subprocess.run([sys.executable, "-c", SIGN_IN, str(tmp_path / "interviewdesk.db"), PASSPHRASE,
                           "Sign-in-2026", *DESK], cwd=ROOT, text=True, capture_output=True, timeout=120,
                          env=os.environ | {"PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen",
                                            "INTERVIEWDESK_HOME": str(tmp_path / "home")})
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout.strip().splitlines()[-1]) == {"unlock": [], "login": [],     # none left to load
                                                                 "unlock: mappers configured before": [False],
                                                                 "login: mappers configured before": [False]}


def test_the_revisions_read_without_alembic_are_alembics():
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.all_revisions() == [r.revision for r in reversed(list(scripts.walk_revisions()))]
    assert migrate.head_revision() == scripts.get_current_head()
