"""The positions page: list model, create and edit forms, detail with rounds and applicants."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from ui_helpers import add_candidates, add_department, add_position

from desktop.core.model import Application, ApplicationStage, Position
from desktop.core.storage.database import Actor
from desktop.ui.positions.model import COL_CODE, COL_HEADCOUNT, COL_STATUS, PositionTableModel
from desktop.ui.positions.page import PositionsPage


@pytest.fixture
def dept(embedded_db) -> int:
    return add_department(embedded_db, "信息中心", "XXZX")


@pytest.fixture
def page(qtbot, ctx, dept):
    widget = PositionsPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.loaded_once and ctx.tasks.is_idle, timeout=10_000)
    return widget


def test_the_model_lists_sorts_and_filters_in_the_database(qtbot, ctx, embedded_db, dept):
    add_position(embedded_db, "IT-01", "软件工程师", dept, headcount=3)
    add_position(embedded_db, "IT-02", "网络管理员", dept, headcount=1, status="closed")
    add_position(embedded_db, "IT-03", "数据分析师", dept, headcount=2)
    model = PositionTableModel(ctx)
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.refresh()
    assert [model.index(r, COL_CODE).data() for r in range(3)] == ["IT-01", "IT-02", "IT-03"]
    assert model.index(1, COL_STATUS).data() == "已关闭"
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.sort(COL_HEADCOUNT, Qt.SortOrder.DescendingOrder)
    assert [model.index(r, COL_CODE).data() for r in range(3)] == ["IT-01", "IT-03", "IT-02"]
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.set_filter("status", "open")
    assert model.total == 2
    with qtbot.waitSignal(model.sig_loaded, timeout=10_000):
        model.set_search("网络")
    assert model.total == 0


def test_a_new_position_is_validated_then_saved_with_three_rounds(qtbot, page, embedded_db, dept):
    page.new_button.click()
    form = page.form
    qtbot.waitUntil(lambda: form.department.ready, timeout=10_000)
    form.code.setText("it 01")          # a space is not allowed in a code
    form.title.setText("软件工程师")
    form.department.select(dept)
    form.opened_on.set_value(date(2026, 12, 1))
    form.closes_on.set_value(date(2026, 11, 1))
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.saving, timeout=10_000)
    assert form.isVisible()
    assert form.form.error_text("code").startswith("编号")
    assert form.form.error_text("closes_on") != ""

    form.code.setText("it-01")
    form.closes_on.set_value(date(2026, 12, 31))
    form.headcount.setValue(2)
    form.skills.setText("Python；SQL，Linux")
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)
    qtbot.waitUntil(lambda: page.model.total == 1 and page.detail.detail is not None, timeout=10_000)
    detail = page.detail.detail
    assert detail.data.code == "IT-01" and detail.data.skills == "Python, SQL, Linux"
    assert [r.name for r in detail.rounds] == ["初试", "复试", "终试"]
    assert page.detail.rounds.rowCount() == 3


def test_editing_a_position_saves_the_change_and_a_duplicate_code_is_refused(qtbot, page, embedded_db, dept):
    first = add_position(embedded_db, "IT-01", "软件工程师", dept)
    add_position(embedded_db, "IT-02", "网络管理员", dept)
    page.model.refresh()
    qtbot.waitUntil(lambda: page.model.total == 2, timeout=10_000)
    assert page.table.select_id(first)
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=10_000)
    page.detail.edit_button.click()
    form = page.form
    # the save button waits for the departments and for the position's requirements (read apart):
    # clicked before, it does nothing, as for a user
    qtbot.waitUntil(lambda: form.department.ready and form.save_button.isEnabled(), timeout=10_000)
    assert form.code.text() == "IT-01"

    form.code.setText("IT-02")
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.saving, timeout=10_000)
    assert form.isVisible() and form.form.error_text("code") == "编号已被使用。"

    form.code.setText("IT-01")
    form.title.setText("高级软件工程师")
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.isVisible(), timeout=10_000)
    with embedded_db.session() as session:
        assert session.get(Position, first).title == "高级软件工程师"
    qtbot.waitUntil(lambda: page.detail.title.text() == "高级软件工程师", timeout=10_000)


def test_the_detail_counts_applicants_per_stage(qtbot, page, ctx, embedded_db, dept):
    position_id = add_position(embedded_db, "IT-01", "软件工程师", dept)
    ids = add_candidates(embedded_db, 3)
    with embedded_db.session(Actor.command_line(), write=True) as session:
        for n, candidate_id in enumerate(ids):
            session.add(Application(candidate_id=candidate_id, position_id=position_id, applied_at=ctx.clock.now(),
                                    stage=ApplicationStage.INTERVIEWING if n else ApplicationStage.APPLIED))
    page.detail.show_position(position_id)
    qtbot.waitUntil(lambda: page.detail.detail is not None, timeout=10_000)
    stages = {page.detail.stages.item(r, 0).text(): page.detail.stages.item(r, 1).text()
              for r in range(page.detail.stages.rowCount())}
    assert stages["已投递"] == "1" and stages["面试中"] == "2" and stages["已录用"] == "0"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_list_fits_a_1280_pixel_window_without_scrolling_sideways(qtbot, ctx, embedded_db, dept, qapp,
                                                                      language):
    from desktop.ui import i18n
    from desktop.ui.main_window import MainWindow

    i18n.install(qapp, language)
    add_position(embedded_db, "YWK-2026-001", "临床医学博士后研究人员（心血管内科方向）", dept, headcount=12)
    add_position(embedded_db, "IT-02", "网络管理员", dept, headcount=1, status="closed")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    page = window.open_page("positions")
    qtbot.waitUntil(lambda: page.model.loaded_once and ctx.tasks.is_idle, timeout=10_000)
    qtbot.wait(50)
    assert page.table.horizontalScrollBar().maximum() == 0
    assert page.table.columnWidth(1) >= 160          # the title keeps room to be read
    window.close()
