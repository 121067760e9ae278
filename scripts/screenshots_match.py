"""Screenshots of the match report's windows, which scripts/screenshots.py (one picture per page)
does not reach: the position form's requirements tab, and the candidate page with an application
selected and its report shown.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_match.py --out shots/match

Builds the demo database like scripts/screenshots.py, gives the first position of the candidate
shown first a few weighted requirements (so the report has something to measure), and saves
position_form_<lang>.png, candidate_report_<lang>.png and match_settings_<lang>.png."""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from screenshots import _wait  # noqa: E402  (same folder; after the path is set)

REQUIREMENTS = (("education", "", "master", 3), ("major", "", "计算机科学与技术, 软件工程", 2), ("years", "", "3", 2),
                ("skill", "", "Python, SQL, 数据治理", 3), ("certificate", "", "软考高级", 1),
                ("custom", "外语水平", "英语六级", 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "shots" / "match")
    parser.add_argument("--size", default="1366x768")
    args = parser.parse_args(argv)

    from PySide6.QtWidgets import QApplication

    from desktop.core import accounts, demo
    from desktop.core.clock import SystemClock
    from desktop.core.model import Application
    from desktop.core.paths import app_dirs
    from desktop.core.services import requirements
    from desktop.core.storage import migrate
    from desktop.core.storage.database import Actor, create_embedded
    from desktop.ui import i18n, style
    from desktop.ui.context import AppContext
    from desktop.ui.main_window import MainWindow
    from desktop.ui.settings.matching import MatchSettings
    from desktop.ui.tasks import TaskRunner

    app = QApplication.instance() or QApplication(sys.argv[:1])
    style.apply(app)
    width, height = (int(v) for v in args.size.split("x"))
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db, _recovery = create_embedded(Path(folder) / "demo.db", "screenshots-passphrase-1", clock=SystemClock())
        migrate.upgrade(db)
        demo.populate(db)
        system = Actor.command_line()
        with db.session(system) as session:
            users = {u.username: u.id for u in accounts.list_users(session, system)}
            hr = accounts.actor_for_user(session, users["hr.wangli"])
            admin = accounts.actor_for_user(session, users["demo.admin"])
        for lang in ("zh_CN", "en"):
            i18n.install(app, lang)
            tasks = TaskRunner()
            ctx = AppContext(db, hr, clock=SystemClock(), dirs=app_dirs(), tasks=tasks, language=lang)
            window = MainWindow(ctx)
            window.resize(width, height)
            window.show()
            _wait(app, tasks)
            page = window.open_page("candidates")
            _wait(app, tasks)
            page.table.selectRow(0)
            _wait(app, tasks)
            candidate_id = page.detail.candidate_id
            if lang == "zh_CN":
                with db.session(system, write=True) as session:
                    position_id = session.query(Application.position_id).filter(
                        Application.candidate_id == candidate_id).first()[0]
                    requirements.replace_requirements(session, system, position_id, [
                        requirements.RequirementInput(*r) for r in REQUIREMENTS], None)
                page.detail.show_candidate(candidate_id)
                _wait(app, tasks)
            page.detail.applications.table.selectRow(0)
            _wait(app, tasks)
            page.detail.parentWidget().parentWidget().ensureWidgetVisible(page.detail.applications.match)
            _wait(app, tasks, 0.5)
            window.grab().save(str(args.out / f"candidate_report_{lang}.png"))

            positions = window.open_page("positions")
            _wait(app, tasks)
            with db.session(system) as session:
                position_id = session.query(Application.position_id).filter(
                    Application.candidate_id == candidate_id).first()[0]
            positions.table.select_id(position_id)
            _wait(app, tasks)
            positions.edit_position(positions.detail.detail)
            _wait(app, tasks)
            positions.form.tabs.setCurrentWidget(positions.form.requirements)
            positions.form.resize(760, 560)
            _wait(app, tasks, 0.5)
            positions.form.grab().save(str(args.out / f"position_form_{lang}.png"))
            positions.form.reject()

            settings_ctx = AppContext(db, admin, clock=SystemClock(), dirs=app_dirs(), tasks=tasks, language=lang)
            tab = MatchSettings(settings_ctx)
            tab.resize(1100, 500)
            tab.show()
            _wait(app, tasks)
            tab.grab().save(str(args.out / f"match_settings_{lang}.png"))
            tab.close()
            window.close()
            tasks.wait_for_done()
        db.dispose()
    for path in sorted(args.out.glob("*.png")):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
