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
import os
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
    parser.add_argument("--kiosk", action="store_true",
                        help="also the candidate's question form (kiosk) of that room, with a question typed "
                             "(kiosk.png) and its password prompt (kiosk-password.png); implies --room")
    parser.add_argument("--privacy", action="store_true",
                        help="also the personal-data requests tab of the Archive page with a few requests recorded "
                             "(privacy.png), its record dialog (privacy-record.png) and the handle dialog of a "
                             "correction and of a deletion (privacy-handle-*.png); the requests are written to the "
                             "throwaway demo database")
    parser.add_argument("--dialogs", action="store_true",
                        help="also the dialogs of the pages: the answer to a candidate question (answer.png), the "
                             "position form's requirements tab (position-form.png, position-form-1.png)")
    parser.add_argument("--retention-due", type=int, default=0, metavar="DAYS",
                        help="move the clock DAYS on after the demo is made (needs --now), so that people reach "
                             "the end of their retention, and let hr.wangli propose a purge of the first class due "
                             "(Archive → Retention, Approvals → Purges waiting for me)")
    parser.add_argument("--signatures", action="store_true",
                        help="also the signed decisions: a change request with its decisions and their signatures "
                             "(signed-request.png) and a candidate whose offer went through approval "
                             "(signed-offer.png)")
    parser.add_argument("--dossier", action="store_true",
                        help="also the dossier buttons (生成档案 / 打开档案): the archive register with its first "
                             "dossier selected (archive-dossier.png) and that candidate's application "
                             "(candidate-dossier.png)")
    parser.add_argument("--candidates", type=int, default=0, metavar="N",
                        help="add N generated people (bench/bench_data.py) to the demo, so that the candidate "
                             "list is long and its count reads 1,000+ when more match than it counts")
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
        os.environ["INTERVIEWDESK_HOME"] = folder      # the demo's dossiers go into this archive store
        db, _recovery = create_embedded(Path(folder) / "demo.db", "screenshots-passphrase-1", clock=clock)
        migrate.upgrade(db)
        demo.populate(db)
        if args.candidates:
            _more_candidates(db, args.candidates)
        if args.retention_due and args.now:
            _retention_due(db, clock, args.retention_due)
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
            if key == "desk":                   # the rest of the preparation, a screen at a time
                _scrolled_shots(app, tasks, window, page, args.out / key)
            tabs = page.findChild(QTabWidget) if args.tabs else None
            for index in range(1, tabs.count() if tabs is not None else 0):
                tabs.setCurrentIndex(index)
                _wait(app, tasks)
                path = args.out / f"{key}-{index}.png"
                window.grab().save(str(path))
                print(path)
        if args.dialogs:
            _dialog_shots(app, tasks, window, args.out)
        if args.privacy:
            _privacy_shots(app, tasks, window, ctx, args.out)
        if args.signatures:
            _signature_shots(app, tasks, window, db, args.out)
        if args.dossier:
            _dossier_shots(app, tasks, window, args.out)
        if args.room or args.kiosk:
            _room_shots(app, tasks, ctx, clock, args.out, kiosk=args.kiosk)
        window.close()
        tasks.wait_for_done()
        db.dispose()
    return 0


def _more_candidates(db, count: int) -> None:
    """`count` generated people after the demo's own, spread over the demo's departments."""
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_data import Size, candidates
    from sqlalchemy import func, select

    from desktop.core.model import Candidate, Department

    with db.engine.begin() as conn:
        first = conn.execute(select(func.max(Candidate.id))).scalar() or 0
        departments = conn.execute(select(Department.id).order_by(Department.id)).scalars().all()
        for chunk in candidates(Size(candidates=count)):
            for row in chunk:
                row["id"] += first
                row["email"] = f"c{row['id']}@mail.example.cn"
                row["department_id"] = departments[row["id"] % len(departments)] if departments else None
            conn.execute(Candidate.__table__.insert(), chunk)


def _retention_due(db, clock, days: int) -> None:
    """Years later: the demo's closed applications past retention, one purge proposed by HR."""
    from datetime import timedelta

    from desktop.core import accounts
    from desktop.core.lifecycle import purges
    from desktop.core.storage.database import Actor

    clock.set(clock.now() + timedelta(days=days))
    with db.session(Actor.command_line()) as session:
        hr_id = next(u.id for u in accounts.list_users(session, Actor.command_line()) if u.username == "hr.wangli")
        hr = accounts.actor_for_user(session, hr_id)
        groups = purges.due_today(session, hr)
    if groups:
        with db.session(hr, write=True) as session:
            purges.propose(session, hr, groups[0].record_class, [i.candidate_id for i in groups[0].items[:5]],
                           "保管期限届满，按《档案管理规定》清除个人信息")


def _scrolled_shots(app, tasks, window, page, stem: Path) -> None:
    from PySide6.QtWidgets import QScrollArea

    area = max(page.findChildren(QScrollArea), key=lambda a: a.verticalScrollBar().maximum(), default=None)
    if area is None:
        return
    bar, n = area.verticalScrollBar(), 0
    while bar.value() < bar.maximum() and n < 5:
        n += 1
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        _wait(app, tasks, 0.3)
        _save(window, stem.with_name(f"{stem.name}-more-{n}.png"))
    bar.setValue(0)


def _save(widget, path: Path) -> None:
    widget.grab().save(str(path))
    print(path)


def _dialog_shots(app, tasks, window, out: Path) -> None:
    """The dialogs a page opens, each on top of its page as the user would see it."""
    from desktop.ui.paged_model import ROW_ROLE

    keys = window.page_keys()
    if "questions" in keys:
        page = window.open_page("questions")
        _wait(app, tasks)
        asker = page.model.index(0, 0).data(ROW_ROLE).candidate if page.model.rowCount() else ""
        for row in range(page.model.rowCount()):
            page.table.selectRow(row)
            if page.selected() is not None and page.selected().can_answer:
                page.answer_selected()
                _wait(app, tasks)
                page.dialog.answer.setPlainText("您好！本岗位实行岗位绩效工资，由基本工资、绩效工资和津贴补贴组成，"
                                                "试用期满后按医院薪酬制度执行。")   # demo text, as typed
                _wait(app, tasks)
                _save(page.dialog, out / "answer.png")
                page.dialog.reject()
                break
        else:
            print("no question this user may answer")
        if asker and "candidates" in keys and "*" not in asker:    # the asker's record: 提问与答复
            candidates = window.open_page("candidates")
            candidates.model.set_search(asker)
            _wait(app, tasks)
            candidates.table.selectRow(0)
            _wait(app, tasks)
            _scrolled_shots(app, tasks, window, candidates, out / "candidate-questions")
    if "positions" in keys:
        page = window.open_page("positions")
        _wait(app, tasks)
        page.table.selectRow(0)
        _wait(app, tasks)
        detail = page.detail.detail
        if detail is not None and detail.can_edit:
            page.edit_position(detail)
            _wait(app, tasks)
            for index in range(page.form.tabs.count()):
                page.form.tabs.setCurrentIndex(index)
                _wait(app, tasks, 0.5)
                _save(page.form, out / ("position-form.png" if index == 0 else f"position-form-{index}.png"))
            page.form.reject()
        else:
            print("no position this user may edit")
    _calibration_shot(app, tasks, window, out)
    _scorecard_shot(app, tasks, window, out)
    _archive_package_shots(app, tasks, window, out)
    if "candidates" in keys:                      # 录用通知… of the first candidate's first application
        page = window.open_page("candidates")
        _wait(app, tasks)
        page.table.selectRow(0)
        _wait(app, tasks)
        panel = page.detail.applications
        if panel.rows:
            panel.table.selectRow(0)
            _wait(app, tasks)
            section = panel.offer
            if section.offer_button.isVisible() and section.offer_button.isEnabled():
                section.edit_offer()
                _wait(app, tasks)
                amounts = iter(("2,800 元/月", "1,200 元/月", "1,450 元/月"))
                for row in section.dialog.pay.open_rows()[:3]:     # demo text, as typed; the last left open
                    section.dialog.pay.set_amount(row, next(amounts))
                section.dialog.place.setText("本院门诊楼二层人事处报到")
                _wait(app, tasks, 0.5)
                _save(section.dialog, out / "offer-dialog.png")
                section.dialog.reject()


def _privacy_shots(app, tasks, window, ctx, out: Path) -> None:
    """个人信息请求: four requests as HR would record them (one received weeks ago, so overdue), the tab,
    the record dialog with a correction typed, and the handle dialogs of a correction and a deletion."""
    from datetime import timedelta

    from sqlalchemy import select

    from desktop.core.lifecycle import requests
    from desktop.core.model import Application, Candidate
    from desktop.core.model.recruiting import CLOSED_STAGES

    today = ctx.today()
    with ctx.db.session(ctx.actor, write=True) as session:
        closed = session.scalars(select(Candidate).where(~Candidate.applications.any(
            Application.stage.not_in(list(CLOSED_STAGES))), Candidate.email.is_not(None),
            Candidate.phone.is_not(None)).order_by(Candidate.id).limit(4)).all()
        asks = (("correct", "email", 3, "来信称手机号码已更换", {"phone": "13900001111"}),
                ("delete", "email", 20, "来电要求删除本人全部信息", {}),
                ("access", "sms", 1, "现场提交书面申请，要求复制本人信息", {}),
                ("withdraw_consent", "email", 0, "回复邮件：不再希望保留在人才库", {}))
        for candidate, (kind, channel, days_ago, note, corrections) in zip(closed, asks):
            requests.record(session, ctx.actor, requests.RequestInput(
                candidate.id, kind, channel, today - timedelta(days=days_ago), note=note, corrections=corrections,
                received_via="letter" if kind != "access" else "in_person"))
    hub = window.open_page("archive")
    hub.tabs.setCurrentWidget(hub.pages["privacy"])
    page = hub.pages["privacy"]
    page.load()
    _wait(app, tasks)
    page.table.selectRow(0)
    _wait(app, tasks, 0.5)
    _save(window, out / "privacy.png")
    page.record()
    _wait(app, tasks)
    dialog = page.dialog
    dialog.search.setText(closed[0].name)
    dialog.find(closed[0].name)
    _wait(app, tasks)
    dialog.kind.setCurrentIndex(dialog.kind.findData("correct"))
    dialog.correction_inputs["school"].setText("北京协和医学院")       # demo text, as typed
    dialog.note.setPlainText("来信称毕业院校填写有误")
    _wait(app, tasks, 0.5)
    _save(dialog, out / "privacy-record.png")
    dialog.reject()
    candidates = window.open_page("candidates")       # the same from the candidate's record
    candidates.model.set_search(closed[1].name)
    _wait(app, tasks)
    candidates.table.selectRow(0)
    _wait(app, tasks)
    _save(window, out / "privacy-candidate.png")
    hub = window.open_page("archive")
    for kind in ("correct", "delete"):
        row = next((r for r in range(page.model.rowCount()) if page.model.rows[r].kind == kind), None)
        if row is None:
            continue
        page.table.selectRow(row)
        page.handle_selected()
        _wait(app, tasks, 2.0)
        _save(page.dialog, out / f"privacy-handle-{kind}.png")
        page.dialog.reject()
        _wait(app, tasks)


def _signature_shots(app, tasks, window, db, out: Path) -> None:
    """签名有效 / 签名无效 / 未签名 where decisions are shown: the approvals page's request dialog
    (the demo's request with two decisions, the second's comment changed behind the program's back to
    show an invalid signature — in this throw-away copy only) and the offer section of a hired candidate."""
    from sqlalchemy import func, select, update

    from desktop.core.model import Application, Candidate, Decision, Offer
    from desktop.core.scheduling import changes

    with db.session(write=True) as session:
        request_id = session.scalar(select(Decision.change_request_id).group_by(Decision.change_request_id)
                                    .order_by(func.count().desc(), Decision.change_request_id).limit(1))
        if request_id is not None:
            session.execute(update(Decision).where(Decision.change_request_id == request_id,
                                                   Decision.step_position == 2)
                            .values(comment=Decision.comment + "（事后改动）"))
        offered = session.scalar(select(Candidate.name).join(Application, Application.candidate_id == Candidate.id)
                                 .join(Offer, Offer.application_id == Application.id).order_by(Offer.id).limit(1))
    keys = window.page_keys()
    if "approvals" in keys and request_id is not None:
        page = window.open_page("approvals")
        _wait(app, tasks)
        page.open_request(request_id)
        _wait(app, tasks)
        if page.request_dialog is not None:
            _save(page.request_dialog, out / "signed-request.png")
            page.request_dialog.reject()
    with db.session() as session:
        print("signatures of request", request_id, [c.state for _d, c in
                                                     changes.decisions_with_signatures(session, request_id)])
    if "candidates" in keys and offered:
        page = window.open_page("candidates")
        page.model.set_search(offered)
        _wait(app, tasks)
        page.table.selectRow(0)
        _wait(app, tasks)
        panel = page.detail.applications
        for row, application in enumerate(panel.rows):
            panel.table.selectRow(row)
            _wait(app, tasks)
            if not panel.offer.steps.isHidden():
                from PySide6.QtWidgets import QScrollArea

                for area in page.findChildren(QScrollArea):
                    if area.isAncestorOf(panel.offer.steps):
                        area.ensureWidgetVisible(panel.offer.steps, 0, 120)
                _wait(app, tasks, 0.5)
                _save(window, out / "signed-offer.png")
                break


def _archive_package_shots(app, tasks, window, out: Path) -> None:
    """档案 → 档案包: the export dialog before and after exporting this year's dossiers, the register
    with the export, and the verify dialog's answer for the package (archive-*.png)."""
    import shutil
    import tempfile
    from datetime import date

    from PySide6.QtCore import QDate

    from desktop.ui.archive.packages import ExportDialog, VerifyDialog

    if "archive" not in window.page_keys():
        return
    hub = window.open_page("archive")
    page = hub.pages.get("packages")
    if page is None:
        return
    hub.tabs.setCurrentWidget(page)
    folder = Path(tempfile.mkdtemp(prefix="archive-shots-"))
    if page.export_button.isVisible():
        dialog = ExportDialog(page.ctx, page)
        dialog.date_from.setDate(QDate(date.today().year, 1, 1))
        dialog.folder.setText(str(folder))
        dialog.show()
        _wait(app, tasks)
        _save(dialog, out / "archive-export.png")
        dialog.run()
        _wait(app, tasks, 8)
        _save(dialog, out / "archive-export-done.png")
        dialog.close()
        _wait(app, tasks)
        _save(window, out / "archive-packages.png")
    packages = [p for p in folder.iterdir() if not p.name.startswith(".")]
    verifier = VerifyDialog(page.ctx, page)
    if packages:
        verifier.path.setText(str(packages[0]))
        verifier.run()
    verifier.show()
    _wait(app, tasks, 3)
    _save(verifier, out / "archive-verify.png")
    if packages:
        damaged = folder / "damaged.zip"
        shutil.copyfile(packages[0], damaged)
        with open(damaged, "r+b") as fh:       # one byte of the first PDF (stored, not compressed)
            data = fh.read()
            at = data.index(b"%PDF") + 200
            fh.seek(at)
            fh.write(bytes([data[at] ^ 1]))
        verifier.path.setText(str(damaged))
        verifier.run()
        _wait(app, tasks, 3)
        _save(verifier, out / "archive-verify-failed.png")
    verifier.close()
    shutil.rmtree(folder, ignore_errors=True)


def _dossier_shots(app, tasks, window, out: Path) -> None:
    """The archive register with a dossier selected, and the same application on its candidate's page."""
    from PySide6.QtWidgets import QWidget

    page = window.open_page("archive")
    _wait(app, tasks)
    register = page.findChild(QWidget, "archive_tabs").widget(0)
    register.table.selectRow(0)
    _wait(app, tasks)
    _save(window, out / "archive-dossier.png")
    row = register.model.rows[0] if register.model.rows else None
    if row is None or "candidates" not in window.page_keys():
        return
    candidates = window.open_page("candidates")
    candidates.model.set_search(row.title.split(" ")[0])
    _wait(app, tasks)
    candidates.table.selectRow(0)
    _wait(app, tasks)
    panel = candidates.detail.applications
    for number, application in enumerate(panel.rows):
        if application.id == row.application_id:
            panel.table.selectRow(number)
    _wait(app, tasks)
    _scroll_to(app, tasks, candidates, panel.dossier)
    _save(window, out / "candidate-dossier.png")


def _scroll_to(app, tasks, page, widget) -> None:
    from PySide6.QtWidgets import QScrollArea

    for area in page.findChildren(QScrollArea):
        if area.widget() is not None and area.widget().isAncestorOf(widget):
            area.ensureWidgetVisible(widget, 50, 200)
            _wait(app, tasks, 0.3)


def _scorecard_shot(app, tasks, window, out: Path) -> None:
    """面试评价 of the last interview that has begun on the user's panel, with scores and a comment
    typed as an interviewer would (not saved)."""
    from sqlalchemy import select

    from desktop.core.model import Interview, InterviewParticipant
    from desktop.ui.desk.scorecard import ScorecardDialog

    ctx = window.ctx
    if ctx.actor.user_id is None:
        return
    with ctx.db.session() as session:
        interview_id = session.scalar(
            select(Interview.id).join(InterviewParticipant, InterviewParticipant.interview_id == Interview.id)
            .where(InterviewParticipant.user_id == ctx.actor.user_id, Interview.starts_at <= ctx.clock.now())
            .order_by(Interview.starts_at.desc()).limit(1))
    if interview_id is None:
        print("no interview on this user's panel has begun")
        return
    dialog = ScorecardDialog(ctx, interview_id, "", window)
    dialog.show()
    _wait(app, tasks)
    for row, score in zip(dialog.rows, (8, 7, 9)):
        if row.score.isEnabled():
            row.score.setValue(score)
    if dialog.rows and dialog.rows[-1].comment.isEnabled():
        dialog.rows[-1].comment.setText("现场排查演示思路清晰，超出预期")      # demo text, as typed
    _wait(app, tasks, 0.3)
    _save(dialog, out / "scorecard.png")
    dialog.reject()


def _calibration_shot(app, tasks, window, out: Path) -> None:
    """评分校准 of the demo's decided round (three interviewers), with the decision and, for HR, the
    feedback summary editor (shown as with feedback visibility "summary")."""
    from sqlalchemy import select

    from desktop.core.model import RoundDecision
    from desktop.ui.desk.calibration import CalibrationDialog

    ctx = window.ctx
    with ctx.db.session() as session:
        interview_id = session.scalar(select(RoundDecision.interview_id).limit(1))
    if interview_id is None:
        print("no decided round in the demo")
        return
    dialog = CalibrationDialog(ctx, interview_id, "", window)
    dialog.show()
    _wait(app, tasks)
    if dialog.hr:
        dialog.visibility = "summary"
        dialog._decision_shown(dialog.decision)
        dialog.summary.setPlainText("您在接口开发和故障排查方面表现突出；建议进一步加强数据库调优经验。")  # demo text
        _wait(app, tasks, 0.3)
    _save(dialog, out / "calibration.png")
    dialog.close()


def _room_shots(app, tasks, ctx, clock, out: Path, kiosk: bool = False) -> None:
    """The room of the interview the user is running (the demo has one today), else of the next one
    they may run, started and 35 minutes on (amber soon)."""
    from datetime import timedelta

    from PySide6.QtWidgets import QTabWidget
    from sqlalchemy import select

    from desktop.core import interview_room
    from desktop.core.model import Interview
    from desktop.core.storage.database import Actor
    from desktop.ui.room.window import InterviewRoomWindow

    from desktop.core.model import InterviewStatus

    now = clock.now()
    with ctx.db.session(ctx.actor) as session:
        running = session.scalars(select(Interview.id).where(
            Interview.starts_at >= now - timedelta(hours=10), Interview.starts_at <= now,
            Interview.status == InterviewStatus.IN_PROGRESS).order_by(Interview.starts_at)).all()
        iid = next((i for i in running if interview_room.may_run(session, ctx.actor, i)), None)
        rows = session.execute(select(Interview.id, Interview.starts_at).where(
            Interview.starts_at >= now - timedelta(hours=10),
            Interview.status.in_(interview_room.STARTABLE)).order_by(Interview.starts_at).limit(200)).all()
        found = next(((i, at) for i, at in rows if interview_room.may_run(session, ctx.actor, i)), None)
    if iid is None and (found is None or not hasattr(clock, "set")):
        print("no interview to open the room of (the room needs --now)")
        return
    if iid is None:
        iid, starts_at = found
        clock.set(max(starts_at, now))        # go to the interview's start
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
    if kiosk:
        room.ask_questions(iid)
        _wait(app, tasks)
        form = room.kiosk
        form.text.setPlainText("请问入职后是否有带教老师？试用期多长时间？")
        _wait(app, tasks, 0.5)
        _save(form, out / "kiosk.png")
        form.ask_password()
        _wait(app, tasks, 0.5)
        _save(form, out / "kiosk-password.png")
        form._leave()        # as the interviewer's password does
    room.close()


if __name__ == "__main__":
    sys.exit(main())
