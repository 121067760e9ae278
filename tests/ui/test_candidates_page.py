"""The candidates page as an HR officer uses it: search, create, edit, and reveal."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from ui_helpers import add_candidates, add_department, phone_of, valid_id_number

from desktop.core.model import AuditEntry, Candidate
from desktop.core.services import candidates
from desktop.core.services.candidates import CandidateInput
from desktop.core.storage.database import Actor
from desktop.ui.candidates.model import CandidateTableModel
from desktop.ui.candidates.page import CandidatesPage


@pytest.fixture
def page(qtbot, ctx):
    widget = CandidatesPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.loaded_once and ctx.tasks.is_idle, timeout=10_000)
    return widget


def open_new_form(qtbot, page):
    page.new_button.click()
    form = page.form
    qtbot.waitUntil(lambda: form.department.ready, timeout=10_000)
    return form


def save(qtbot, form) -> None:
    form.save_button.click()
    qtbot.waitUntil(lambda: not form.saving, timeout=10_000)


def candidate_count(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(Candidate))


def test_the_search_box_filters_after_typing_pauses(qtbot, ctx, embedded_db):
    add_candidates(embedded_db, 40)
    widget = CandidatesPage(ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.total == 40, timeout=10_000)
    widget.search.setText(phone_of(17)[-4:])
    qtbot.waitUntil(lambda: widget.model.total == 1, timeout=10_000)
    assert widget.count.text() == "共 1 名候选人"
    widget.search.setText("")
    qtbot.waitUntil(lambda: widget.model.total == 40, timeout=10_000)


def test_a_search_matching_more_than_the_cap_shows_the_cap_and_a_plus(qtbot, ctx, embedded_db, monkeypatch):
    from desktop.core.services import paging

    add_candidates(embedded_db, 40)
    monkeypatch.setattr(paging, "COUNT_CAP", 30)
    monkeypatch.setattr(CandidateTableModel, "PAGE_SIZE", 20)
    widget = CandidatesPage(ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.loaded_once and ctx.tasks.is_idle, timeout=10_000)
    assert widget.model.capped and widget.count.text() in ("共 30+ 名候选人", "30+ candidates")
    widget.model.fetchMore()       # scrolled to the end: all 40 are there, and counted
    qtbot.waitUntil(lambda: widget.model.rowCount() == 40 and ctx.tasks.is_idle, timeout=10_000)
    assert widget.count.text() == "共 40 名候选人"
    widget.search.setText(phone_of(17)[-4:])
    qtbot.waitUntil(lambda: widget.model.total == 1, timeout=10_000)
    assert widget.count.text() == "共 1 名候选人"


def test_an_id_number_with_a_wrong_check_digit_is_explained_and_nothing_is_saved(qtbot, page, embedded_db):
    form = open_new_form(qtbot, page)
    good = valid_id_number(123)
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    form.name.setText("李娜")
    form.phone.setText("138 0013 8000")
    form.id_number.setText(wrong)
    save(qtbot, form)
    assert form.isVisible()
    assert form.form.error_text("id_number") == "身份证号：校验位不正确，请再核对一遍号码"
    assert form.form.error_text("phone") == ""
    assert form.id_number.text() == wrong and form.name.text() == "李娜"   # the input stays
    assert candidate_count(embedded_db) == 0


def test_a_valid_candidate_is_saved_and_appears_selected_in_the_list(qtbot, page, embedded_db):
    dept = add_department(embedded_db, "信息中心", "XXZX")
    form = open_new_form(qtbot, page)
    qtbot.waitUntil(lambda: form.department.findData(dept) >= 0, timeout=10_000)
    form.name.setText("李娜")
    form.phone.setText("+86 138-0013-8000")
    form.email.setText("Lina@Example.cn")
    form.id_number.setText(valid_id_number(123))
    form.department.select(dept)
    save(qtbot, form)
    assert not form.isVisible()
    qtbot.waitUntil(lambda: page.model.total == 1 and page.table.selected_id() is not None, timeout=10_000)
    assert page.model.rows[0].name == "李娜" and page.model.rows[0].department == "信息中心"
    qtbot.waitUntil(lambda: page.detail.title.text() == "李娜", timeout=10_000)
    assert page.detail.values["phone"].text() == "13800138000"
    assert page.detail.values["id_number"].text().startswith("110") and "*" in page.detail.values["id_number"].text()


def test_saving_over_a_newer_version_is_refused_and_keeps_the_input(qtbot, page, ctx, embedded_db):
    [candidate_id] = add_candidates(embedded_db, 1)
    page.edit_candidate(candidate_id)
    qtbot.waitUntil(lambda: page.form is not None and page.form.department.ready, timeout=10_000)
    form = page.form
    assert form.phone.text() == phone_of(0)   # the edit form shows personal fields in clear

    with embedded_db.session(Actor.command_line(), write=True) as session:  # a colleague saves first
        data, version = candidates.get_for_edit(session, Actor.command_line(), candidate_id)
        candidates.update_candidate(session, Actor.command_line(), candidate_id,
                                    CandidateInput(**{**data.__dict__, "school": "清华大学"}), version)
    form.name.setText("王伟（改）")
    save(qtbot, form)
    assert form.isVisible()
    assert form.form.banner.text().startswith("在此期间其他人已保存了这条记录")
    assert form.name.text() == "王伟（改）"
    with embedded_db.session() as session:
        stored = session.get(Candidate, candidate_id)
        assert stored.school == "清华大学" and stored.name != "王伟（改）"


def test_an_edit_on_the_current_version_is_saved(qtbot, page, embedded_db):
    [candidate_id] = add_candidates(embedded_db, 1)
    page.model.refresh()
    qtbot.waitUntil(lambda: page.model.total == 1, timeout=10_000)
    page.edit_candidate(candidate_id)
    qtbot.waitUntil(lambda: page.form is not None and page.form.department.ready, timeout=10_000)
    page.form.school.setText("浙江大学")
    save(qtbot, page.form)
    assert not page.form.isVisible()
    qtbot.waitUntil(lambda: page.model.rows and page.model.rows[0].school == "浙江大学", timeout=10_000)


def test_revealing_a_masked_field_shows_it_and_writes_an_audit_entry(qtbot, page, ctx, embedded_db):
    with embedded_db.session(Actor.command_line(), write=True) as session:
        candidate_id = candidates.create_candidate(session, Actor.command_line(), CandidateInput(
            name="赵敏", id_number=valid_id_number(5)))
    page.detail.show_candidate(candidate_id)
    qtbot.waitUntil(lambda: page.detail.title.text() == "赵敏", timeout=10_000)
    button = page.detail.reveal_buttons["id_number"]
    assert not button.isHidden() and "*" in page.detail.values["id_number"].text()
    assert page.detail.reveal_buttons["phone"].isHidden()   # nothing to show

    button.click()
    qtbot.waitUntil(lambda: page.detail.values["id_number"].text() == valid_id_number(5), timeout=10_000)
    assert button.isHidden()
    with embedded_db.session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "reveal")).one()
        assert (entry.actor_id, entry.entity, entry.entity_id) == (ctx.actor.user_id, "Candidate", str(candidate_id))
        assert entry.changes.get("field") == "id_number"


def test_an_interviewer_typing_phone_digits_is_told_to_search_by_name_and_sees_no_rows(qtbot, make_ctx, embedded_db):
    from ui_helpers import add_user

    from desktop.core.model import Role

    add_candidates(embedded_db, 5)
    interviewer = add_user(embedded_db, "wangzr", [(Role.INTERVIEWER, None)], display_name="王主任")
    ctx = make_ctx(interviewer)
    widget = CandidatesPage(ctx)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.total == 5, timeout=10_000)
    assert "****" in widget.model.rows[0].phone
    assert widget.search.placeholderText() == "姓名"      # not offered a search it may not make
    audits = count_audit(embedded_db)
    widget.search.setText(phone_of(3)[:5])
    qtbot.waitUntil(lambda: widget.model.rowCount() == 0, timeout=10_000)
    assert widget.count.text() == "只有有权查看手机号、邮箱和身份证号的角色才能按这些信息搜索。请按姓名搜索。"
    assert count_audit(embedded_db) == audits


def test_an_hr_officers_phone_search_is_recorded_in_the_audit_log(qtbot, page, ctx, embedded_db):
    add_candidates(embedded_db, 5)
    page.model.refresh()
    qtbot.waitUntil(lambda: page.model.total == 5, timeout=10_000)
    page.search.setText(phone_of(3)[-4:])
    qtbot.waitUntil(lambda: page.model.total == 1 and ctx.tasks.is_idle, timeout=10_000)
    with embedded_db.session() as session:
        entry = session.execute(select(AuditEntry.actor_name, AuditEntry.changes)
                                .where(AuditEntry.action == "search")).one()
    assert (entry.actor_name, entry.changes["by"], entry.changes["term"]) == ("wangfang", "phone_tail", "****")


def count_audit(db) -> int:
    with db.session() as session:
        return session.scalar(select(func.count()).select_from(AuditEntry))
