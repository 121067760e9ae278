"""个人信息请求 in the window: HR records a correction request from the Archive page's tab (bad input
shown beside its field, nothing saved), sees it with its deadline and time left, handles it with the
answer previewed, and the answer goes out through the outbox; the candidate's record offers the same
dialog with the candidate filled in, and shows a restriction."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from scheduling_ui import idle
from sqlalchemy import select

from desktop.core.lifecycle import requests
from desktop.core.model import AuditEntry, Candidate, OutboxEntry, PersonalDataRequest
from desktop.ui.archive.page import ArchiveHub
from desktop.ui.archive.privacy import PrivacyRequestsPage
from desktop.ui.archive.privacy_dialogs import HandleDialog, RecordRequestDialog
from desktop.ui.candidates.detail import CandidateDetailPanel


def open_page(qtbot, ctx) -> PrivacyRequestsPage:
    page = PrivacyRequestsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1300, 700)
    page.show()
    idle(qtbot, ctx)
    return page


def test_hr_records_a_correction_handles_it_and_the_answer_goes_out(qtbot, make_ctx, world):
    ctx = make_ctx(world.hr)
    hub = ArchiveHub(ctx)
    qtbot.addWidget(hub)
    assert "privacy" in hub.pages
    page = open_page(qtbot, ctx)
    assert page.model.rowCount() == 0 and not page.empty.isHidden()
    page.record()
    dialog = page.dialog
    assert isinstance(dialog, RecordRequestDialog)
    dialog.search.setText("候选人1")
    dialog.find("候选人1")
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.owner.count() > 0, timeout=5000)
    assert dialog.candidate.currentData() == world.candidates[0]
    assert dialog.owner.currentData() == world.hr.user_id
    dialog.kind.setCurrentIndex(dialog.kind.findData("correct"))
    assert dialog.corrections_box.isVisibleTo(dialog)
    dialog.save_button.click()                                   # no correction typed: refused beside it
    idle(qtbot, ctx)
    assert dialog.isVisible() and "更正内容" in dialog.correction_form.banner.text()
    dialog.correction_inputs["phone"].setText("12345")
    dialog.save_button.click()
    idle(qtbot, ctx)
    assert dialog.isVisible() and dialog.correction_form.error_text("corrections.phone")
    with world.db.session() as s:
        assert s.scalar(select(PersonalDataRequest.id)) is None
    dialog.correction_inputs["phone"].setText("13900001111")
    dialog.channel.setCurrentIndex(dialog.channel.findData("sms"))
    dialog.note.setPlainText("电话来信：手机号码换了")
    dialog.save_button.click()
    idle(qtbot, ctx)
    assert not dialog.isVisible()
    idle(qtbot, ctx)
    model = page.model
    assert model.rowCount() == 1
    assert model.index(0, model.COL_CANDIDATE).data() == "候选人1"
    assert model.index(0, model.COL_KIND).data() == "更正"
    assert "剩余" in model.index(0, model.COL_LEFT).data()
    assert model.index(0, model.COL_LEFT).data(Qt.ItemDataRole.ForegroundRole) is None

    page.table.selectRow(0)
    assert "13900001111" in page.detail.text()
    page.handle_selected()
    handle = page.dialog
    assert isinstance(handle, HandleDialog)
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: handle.plan is not None, timeout=5000)
    assert "手机号码" in handle.preview.toPlainText() and "候选人1" in handle.preview.toPlainText()
    assert handle.send_button.isEnabled()
    handle.send_button.click()
    idle(qtbot, ctx)
    assert not handle.isVisible()
    idle(qtbot, ctx)
    assert "短信" in page.status.text()
    assert page.model.rowCount() == 0
    with world.db.session() as s:
        entry = s.scalar(select(OutboxEntry).where(OutboxEntry.kind == "privacy_correct"))
        assert (entry.channel, entry.recipient) == ("sms", "13900001111")
        assert s.get(Candidate, world.candidates[0]).phone == "13900001111"
    page.state.setCurrentIndex(1)
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1 and "已更正" in page.model.index(0, page.model.COL_LEFT).data()


def test_an_overdue_request_is_red(qtbot, make_ctx, world, clock):
    with world.db.session(world.hr, write=True) as s:
        requests.record(s, world.hr, requests.RequestInput(world.candidates[1], "access", "email",
                                                           date(2026, 10, 12)))
    page = open_page(qtbot, make_ctx(world.hr))
    model = page.model
    assert "逾期" in model.index(0, model.COL_LEFT).data()
    assert model.index(0, model.COL_LEFT).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert page.count.text() == "1 项请求（1 项逾期）"


def record_of(qtbot, ctx, candidate_id: int) -> CandidateDetailPanel:
    """The candidate's record as HR sees it in the candidate list's detail panel."""
    panel = CandidateDetailPanel(ctx)
    qtbot.addWidget(panel)
    panel.show()
    panel.show_candidate(candidate_id)
    idle(qtbot, ctx)
    return panel


def test_the_candidate_record_opens_the_dialog_for_that_candidate_and_shows_a_restriction(qtbot, make_ctx, world):
    ctx = make_ctx(world.hr)
    panel = record_of(qtbot, ctx, world.candidates[2])
    assert panel.request_button.isVisible() and panel.restricted.isHidden()
    panel.request_button.click()
    dialog = panel.request_dialog
    idle(qtbot, ctx)
    assert dialog.candidate.currentData() == world.candidates[2] and not dialog.search.isEnabled()
    dialog.reject()
    with world.db.session(world.hr, write=True) as s:
        s.get(Candidate, world.candidates[2]).restricted = True
    panel.show_candidate(world.candidates[2])
    idle(qtbot, ctx)
    assert panel.restricted.isVisible() and panel.lift_button.isVisible()


def test_hr_lifts_a_restriction_from_the_candidate_record(qtbot, make_ctx, world, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    with world.db.session(world.hr, write=True) as s:
        s.get(Candidate, world.candidates[2]).restricted = True
    ctx = make_ctx(world.hr)
    panel = record_of(qtbot, ctx, world.candidates[2])
    asked = []
    monkeypatch.setattr(QInputDialog, "getMultiLineText",
                        staticmethod(lambda parent, title, label, *a, **k: (asked.append(label), ("候选人来电撤回请求", True))[1]))
    panel.lift_button.click()
    idle(qtbot, ctx)
    idle(qtbot, ctx)
    assert asked and "必填" in asked[0]
    with world.db.session() as s:
        assert not s.get(Candidate, world.candidates[2]).restricted
    assert panel.restricted.isHidden() and panel.lift_button.isHidden()


def test_the_overdue_alert_names_the_request_and_where_to_find_it(qapp):
    from datetime import datetime, timezone
    from zoneinfo import ZoneInfo

    from desktop.core.scheduling.desk_views import DeskAlert
    from desktop.ui.today.models import alert_text

    alert = DeskAlert(id=1, kind="privacy_request_overdue", raised_at=datetime(2026, 12, 14, 9, 31, tzinfo=timezone.utc),
                      interview_id=None, change_request_id=None, candidate="", starts_at=None, room="",
                      detail={"request_id": 12, "due_at": "2026-12-14T09:30:00+00:00"})
    text = alert_text(alert, ZoneInfo("Asia/Shanghai"))
    assert "#12" in text and "12-14" in text and "17:30" in text and "个人信息请求" in text


def test_hr_hands_a_request_over_and_closes_another_without_answer(qtbot, make_ctx, world):
    from desktop.core.model import Role
    from desktop.ui.archive.privacy_dialogs import CloseDialog
    from desktop.ui.reassign import ReassignDialog
    from ui_helpers import add_user

    other = add_user(world.db, "hr_li", [(Role.HR_OFFICER, world.dept)], display_name="李人事")
    with world.db.session(world.hr, write=True) as s:
        for n in (0, 1):
            requests.record(s, world.hr, requests.RequestInput(world.candidates[n], "access", "email",
                                                               date(2026, 11, 23)))
    ctx = make_ctx(world.hr)
    page = open_page(qtbot, ctx)
    assert page.model.rowCount() == 2
    page.table.selectRow(0)
    page.reassign_selected()
    dialog = page.dialog
    assert isinstance(dialog, ReassignDialog)
    idle(qtbot, ctx)
    assert dialog.people.currentData() == other.user_id
    dialog.ok.click()
    idle(qtbot, ctx)
    assert not dialog.isVisible()
    idle(qtbot, ctx)
    assert page.model.index(0, page.model.COL_OWNER).data() == "李人事"
    page.table.selectRow(1)
    page.close_selected()
    closing = page.dialog
    assert isinstance(closing, CloseDialog)
    closing.ok.click()                                       # no reason: refused, still open
    idle(qtbot, ctx)
    assert closing.isVisible() and not closing.error.isHidden()
    closing.reason.setPlainText("候选人书面撤回请求")
    closing.ok.click()
    idle(qtbot, ctx)
    assert not closing.isVisible()
    idle(qtbot, ctx)
    assert page.model.rowCount() == 1
    with world.db.session() as s:
        assert sorted(s.scalars(select(PersonalDataRequest.status))) == ["closed", "open"]


def test_finding_the_candidate_by_phone_number_is_recorded_as_the_list_records_it(qtbot, make_ctx, world):
    """A phone or ID number typed in the request dialog is an identifier search: it is checked and
    recorded in the audit log (it ran in a read that was rolled back, so the entry was lost, and on
    PostgreSQL a read cannot write at all)."""
    ctx = make_ctx(world.hr)
    page = open_page(qtbot, ctx)
    page.record()
    dialog = page.dialog
    dialog.find("13800138000")
    idle(qtbot, ctx)
    qtbot.waitUntil(lambda: dialog.candidate.count() > 0, timeout=5000)
    assert dialog.candidate.currentData() == world.candidates[0]
    with world.db.session() as s:
        searches = s.execute(select(AuditEntry.actor_name, AuditEntry.changes)
                             .where(AuditEntry.action == "search")).all()
    assert [(name, changes["by"].startswith("phone")) for name, changes in searches] == [(world.hr.username, True)]
    assert "13800138000" not in repr(searches[0].changes)      # the number itself only masked
