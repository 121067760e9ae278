"""Settings → 备份: folder, time and switch, 立即备份 with the outcome worded, the kept backups; the
desktop's own scheduler (one desktop of several runs it); and the 今日 warning after two days
without a good backup, for administrators only, leading to the settings."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from scheduling_ui import idle
from ui_helpers import shots
from sqlalchemy import select

from desktop.core import settings
from desktop.core.model import BackupRun
from desktop.core.storage import admin
from desktop.core.storage.database import open_embedded
from desktop.ui.backup_schedule import BackupScheduler
from desktop.ui.main_window import MainWindow
from desktop.ui.settings.backups import BackupSettings, KeptBackupsModel
from desktop.ui.today.page import TodayPage
from factories import PASSPHRASE

SHOTS = Path("/work/wt/shots/backups")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _tab(qtbot, ctx) -> BackupSettings:
    tab = BackupSettings(ctx)
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    idle(qtbot, ctx)
    return tab


def _runs(db) -> list[tuple[str, str]]:
    with db.session() as s:
        return [(r.trigger, r.status) for r in s.scalars(select(BackupRun).order_by(BackupRun.id))]


def test_back_up_now_writes_a_verified_backup_and_lists_it(qtbot, ctx, embedded_db, tmp_path, clock):
    tab = _tab(qtbot, ctx)
    assert "还没有做过备份" in tab.state.text()
    assert str(embedded_db.path.parent / "backups" / "scheduled") in tab.state.text()   # the default
    assert tab.inputs["backup.enabled"].isChecked() and tab.inputs["backup.time"].text() == "12:30"

    folder = tmp_path / "share"
    tab.inputs["backup.folder"].setText(str(folder))
    tab.inputs["backup.time"].setText("18:05")
    tab.now_button.click()                                 # saves the settings first
    idle(qtbot, ctx)

    assert tab.outcome.objectName() == "success" and "备份已写入并通过校验" in tab.outcome.text()
    (made,) = folder.glob("*.db")
    assert admin.verify_backup(made, passphrase=PASSPHRASE).ok
    with embedded_db.session() as s:
        assert settings.institution_value(s, "backup.folder") == str(folder)
        assert settings.institution_value(s, "backup.time") == "18:05"
    assert _runs(embedded_db) == [("manual", "ok")]
    assert tab.kept.rowCount() == 1
    assert tab.kept.index(0, KeptBackupsModel.COL_FILE).data() == str(made)
    assert tab.kept.index(0, KeptBackupsModel.COL_TRIGGER).data() == "手动"
    assert "最近一次成功备份" in tab.state.text()
    shots(qtbot, tab, SHOTS, "settings_backups")


def test_a_wrong_time_is_refused_before_anything_is_written(qtbot, ctx, embedded_db, tmp_path):
    tab = _tab(qtbot, ctx)
    tab.inputs["backup.time"].setText("25:00")
    tab.inputs["backup.folder"].setText(str(tmp_path / "share"))
    tab.now_button.click()
    idle(qtbot, ctx)
    assert not tab.form.errors["backup.time"].isHidden()
    assert _runs(embedded_db) == [] and not (tmp_path / "share").exists()


def test_a_folder_that_refuses_writing_is_worded_and_recorded(qtbot, ctx, embedded_db, read_only_folder):
    tab = _tab(qtbot, ctx)
    tab.inputs["backup.folder"].setText(str(read_only_folder / "backups"))
    tab.now_button.click()
    idle(qtbot, ctx)
    assert tab.outcome.objectName() == "error" and "备份文件夹不允许写入" in tab.outcome.text()
    assert _runs(embedded_db) == [("manual", "failed")]
    assert "备份失败" in tab.state.text() and tab.state.objectName() == "formError"
    assert tab.now_button.isEnabled()
    shots(qtbot, tab, SHOTS, "settings_backups_failed")


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=SHANGHAI).astimezone(timezone.utc)


def test_the_desktops_scheduler_runs_the_daily_backup_once_among_several(qtbot, make_ctx, hr_admin, embedded_db,
                                                                          tmp_path, clock):
    with embedded_db.session(write=True) as s:
        settings.store_institution(s, "backup.folder", str(tmp_path / "share"), "test")
    other_db = open_embedded(embedded_db.path, passphrase=PASSPHRASE, clock=clock)   # a second program on the file
    try:
        schedulers = [BackupScheduler(make_ctx(hr_admin)), BackupScheduler(make_ctx(hr_admin, other_db))]
        clock.set(_at(date(2026, 11, 23), 12, 29))
        for scheduler in schedulers:
            scheduler.check_now()                  # the first ever: yesterday's 12:30 is made up
        qtbot.waitUntil(lambda: not any(s.running for s in schedulers), timeout=30_000)
        assert _runs(embedded_db) == [("scheduled", "ok")]
        for scheduler in schedulers:
            scheduler.check_now()
        qtbot.waitUntil(lambda: not any(s.running for s in schedulers), timeout=30_000)
        assert len(_runs(embedded_db)) == 1       # not due again before today's 12:30
        clock.set(_at(date(2026, 11, 23), 12, 30))
        for scheduler in schedulers:
            scheduler.check_now()
        qtbot.waitUntil(lambda: not any(s.running for s in schedulers), timeout=30_000)
        assert _runs(embedded_db) == [("scheduled", "pruned"), ("scheduled", "ok")]   # a day keeps its newest
        with embedded_db.session() as s:
            assert s.scalar(select(BackupRun.verified).order_by(BackupRun.id.desc())) is True
    finally:
        other_db.dispose()


def test_the_administrator_is_warned_after_two_days_without_a_backup(qtbot, make_ctx, hr_admin, world, clock,
                                                                     embedded_db, tmp_path):
    def today(actor) -> TodayPage:
        page = TodayPage(make_ctx(actor))
        qtbot.addWidget(page)
        page.resize(1366, 768)
        page.show()
        idle(qtbot, page.ctx)
        return page

    assert today(hr_admin).backup_warning.isHidden()          # the database began today
    clock.advance(timedelta(days=3))
    page = today(hr_admin)
    assert not page.backup_warning.isHidden()
    assert "数据库已经 3 天没有备份" in page.backup_warning.text.text()
    shots(qtbot, page, SHOTS, "today_backup_warning")
    assert today(world.hr).backup_warning.isHidden()          # not an HR officer's business

    window = MainWindow(page.ctx)
    qtbot.addWidget(window)
    shown = window.open_page("today")
    idle(qtbot, page.ctx)
    shown.backup_warning.button.click()
    idle(qtbot, page.ctx)
    settings_page = window.pages["settings"]
    assert settings_page.tabs.currentWidget() is settings_page.backups

    with embedded_db.session(write=True) as s:
        settings.store_institution(s, "backup.folder", str(tmp_path / "share"), "test")
    settings_page.backups.now_button.click()
    idle(qtbot, page.ctx)
    qtbot.waitUntil(lambda: shown.backup_warning.isHidden(), timeout=10_000)   # Today hears of the backup
