"""Settings → 节假日: an administrator sees the year's days off and 调休 working days, adds, switches
and removes a day, and imports an office's .ics holiday calendar; a broken file is explained and
changes nothing. Only administrators see the tab."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select
from ui_helpers import add_user

from desktop.core.model import Holiday, Role
from desktop.ui.settings.page import SettingsPage

FIXTURES = Path(__file__).parent.parent / "fixtures" / "ical"


@pytest.fixture
def page(qtbot, ctx):
    widget = SettingsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    widget.holidays.year.setValue(2026)
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)
    return widget


def idle(qtbot, panel) -> None:
    qtbot.waitUntil(lambda: panel.ctx.tasks.is_idle and not panel.busy, timeout=10_000)


def rows(panel) -> list[tuple[str, str, str, str]]:
    table = panel.table
    return [tuple(table.item(r, c).text() for c in range(4)) for r in range(table.rowCount())]


def stored(db) -> dict[date, tuple[str, bool]]:
    with db.session() as s:
        return {h.day: (h.name, h.is_workday) for h in s.scalars(select(Holiday))}


def test_importing_a_holiday_calendar_shows_the_year(qtbot, page, embedded_db):
    panel = page.holidays
    panel.import_file(str(FIXTURES / "holidays_cn_2026.ics"))
    idle(qtbot, panel)
    assert panel.status.text() == "导入 14 天，更新 0 天。"
    assert len(stored(embedded_db)) == 14
    shown = rows(panel)
    assert ("2026-10-01", "周四", "国庆节、中秋节", "休息日") in shown
    assert ("2026-10-10", "周六", "国庆节补班", "工作日") in shown

    panel.import_file(str(FIXTURES / "holidays_cn_2026.ics"))     # the same file again changes nothing
    idle(qtbot, panel)
    assert panel.status.text() == "导入 0 天，更新 0 天。"


def test_a_broken_file_is_explained_with_its_line_and_nothing_is_imported(qtbot, page, embedded_db, tmp_path):
    panel = page.holidays
    broken = tmp_path / "broken.ics"
    broken.write_bytes((FIXTURES / "holidays_cn_2026.ics").read_bytes().replace(b"END:VEVENT\r\nBEGIN:VEVENT\r\n"
                                                                                b"UID:2026-1001", b"UID:2026-1001"))
    panel.import_file(str(broken))
    idle(qtbot, panel)
    assert panel.status.text().startswith("日历文件无法读取：第 ")
    assert "未做任何更改" in panel.status.text()
    assert stored(embedded_db) == {}


def test_a_day_is_added_switched_to_a_working_day_and_removed(qtbot, page, embedded_db):
    panel = page.holidays
    panel.day.setDate(panel.day.date().fromString("2026-11-25", "yyyy-MM-dd"))
    panel.name.setText("院庆日")
    panel.add_button.click()
    idle(qtbot, panel)
    assert rows(panel) == [("2026-11-25", "周三", "院庆日", "休息日")]
    panel.table.selectRow(0)
    panel.toggle_button.click()
    idle(qtbot, panel)
    assert stored(embedded_db) == {date(2026, 11, 25): ("院庆日", True)}
    panel.table.selectRow(0)
    panel.remove_button.click()
    idle(qtbot, panel)
    assert rows(panel) == [] and stored(embedded_db) == {}


def test_a_day_needs_a_name(qtbot, page, embedded_db):
    panel = page.holidays
    panel.name.setText("  ")
    panel.add_button.click()
    assert not panel.status.isHidden() and panel.status.text() != ""
    idle(qtbot, panel)
    assert stored(embedded_db) == {}


def test_only_administrators_see_the_holidays(qtbot, make_ctx, embedded_db):
    hr = add_user(embedded_db, "hr_li", [(Role.HR_OFFICER, None)], display_name="李人事")
    page = SettingsPage(make_ctx(hr))
    qtbot.addWidget(page)
    assert page.holidays is None
    assert "节假日" not in [page.tabs.tabText(i) for i in range(page.tabs.count())]
