"""HR's offer and labour contract on the candidate's applications panel: drafting an offer with its
salary lines and sending it (no chain for offers: out at once), a bad salary line marked with nothing
saved, the candidate's phone answer with its note, issuing the contract (a missing certificate is
refused in words, then signed with a test certificate), attaching the signed scan, and opening the
contract: valid, then one flipped byte in the stored PDF shown as tampered. Also withdrawing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from scheduling_ui import STORY_DAY, idle, local
from sqlalchemy import select

from dataclasses import replace

from desktop.core import offer_templates, settings
from desktop.core.offers import PayLine
from desktop.core.model import Application, ContractDocument, Offer, OfferStatus
from desktop.core.storage.database import Actor
from desktop.ui.candidates.applications import ApplicationsPanel
from desktop.ui.candidates.contract_dialogs import ContractViewDialog, IssueContractDialog, SignedCopyDialog
from desktop.ui.candidates.offer_dialogs import AnswerDialog, OfferDialog, WithdrawDialog
from tests.signing_certs import make_signing_certs

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def ctx(make_ctx, world, clock):
    clock.set(local(STORY_DAY, 9, 0))
    return make_ctx(world.hr)


def panel_for(qtbot, ctx, world, n: int = 0) -> ApplicationsPanel:
    panel = ApplicationsPanel(ctx, for_position=False)
    qtbot.addWidget(panel)
    panel.resize(1000, 700)
    panel.show()
    with world.db.session() as s:
        candidate_id = s.get(Application, world.applications[n]).candidate_id
    panel.show_for(candidate_id, "")
    qtbot.waitUntil(lambda: panel.table.rowCount() >= 1, timeout=10_000)
    panel.select(world.applications[n])
    qtbot.waitUntil(lambda: panel.offer.isVisible() and panel.offer.application is not None, timeout=10_000)
    idle(qtbot, ctx)
    return panel


def save(qtbot, ctx, dialog) -> None:
    dialog.save_button.click()
    idle(qtbot, ctx)


class OfferRow:
    def __init__(self, offer: Offer) -> None:
        self.status, self.pay = offer.status, list(offer.pay)


def offer_row(world) -> OfferRow | None:
    with world.db.session() as s:
        found = s.scalars(select(Offer).where(Offer.application_id == world.applications[0])).first()
        return None if found is None else OfferRow(found)


def default_template(world, lines=("岗位工资", "薪级工资", "绩效工资")) -> None:
    """The institution's default offer template (the shipped one changed): the dialog opens with its lines."""
    admin = Actor.command_line()
    with world.db.session(admin, write=True) as s:
        default = next(t for t in offer_templates.list_templates(s) if not t.post_type)
        offer_templates.save(s, admin, default.id, replace(default.as_input(), pay=tuple(PayLine(x, "") for x in lines)))


def test_offer_drafted_sent_answered_then_contract_issued_signed_and_verified(qtbot, world, ctx, tmp_path, clock):
    default_template(world)
    panel = panel_for(qtbot, ctx, world)
    section = panel.offer
    assert section.state.text() == "录用通知：暂无。"
    assert section.offer_button.isEnabled() and not section.answer_button.isEnabled()

    section.offer_button.click()
    dialog = section.dialog
    assert isinstance(dialog, OfferDialog) and dialog.windowTitle() == "录用通知"
    dialog.place.setText("本院门诊楼")
    save(qtbot, ctx, dialog)                                   # amounts left empty: refused, nothing saved
    assert dialog.isVisible() and offer_row(world) is None
    assert dialog.form.errors["pay"].isVisible() and "薪酬结构" in dialog.form.errors["pay"].text()
    for row, amount in enumerate(("2,800 元/月", "1,200 元/月", "按考核")):
        dialog.pay.set_amount(row, amount)
    dialog.submit.setChecked(True)
    save(qtbot, ctx, dialog)
    assert not dialog.isVisible()
    row = offer_row(world)
    assert row.status == OfferStatus.SENT and [p[0] for p in row.pay] == ["岗位工资", "薪级工资", "绩效工资"]
    qtbot.waitUntil(lambda: section.answer_button.isEnabled(), timeout=10_000)
    assert "已发出" in section.state.text()
    qtbot.waitUntil(lambda: any("录用通知已发给候选人" in panel.history.item(i).text()
                                for i in range(panel.history.count())), timeout=10_000)

    section.answer_button.click()
    answer = section.dialog
    assert isinstance(answer, AnswerDialog)
    answer.accepted.setChecked(True)
    save(qtbot, ctx, answer)                                   # a phone answer needs HR's note
    assert answer.isVisible() and offer_row(world).status == OfferStatus.SENT
    answer.note.setText("12 月 6 日电话确认接受")
    save(qtbot, ctx, answer)
    assert offer_row(world).status == OfferStatus.ACCEPTED
    qtbot.waitUntil(lambda: section.contract_button.isEnabled(), timeout=10_000)

    section.contract_button.click()
    issue = section.dialog
    assert isinstance(issue, IssueContractDialog)
    issue.job_content.setText("门诊及病房诊疗工作")
    issue.address.setText("某市和平街 3 号")
    save(qtbot, ctx, issue)                                    # nothing of Settings → 劳动合同 yet
    assert issue.isVisible() and issue.form.banner.text().endswith("劳动合同不能签发。")
    assert "用人单位名称" in issue.form.banner.text() and "劳动者身份证件号码" in issue.form.banner.text()

    admin = Actor.command_line()

    def configure(values: dict) -> None:
        with world.db.session(admin, write=True) as s:
            for key, value in values.items():
                settings.store_institution(s, key, value, "test")
            s.get(Application, world.applications[0]).candidate.id_number = "110101199001011234"

    configure({"office.name": "某市第一人民医院", "contracts.employer_address": "某市健康路 12 号",
               "contracts.employer_representative": "张院长", "contracts.signing_place": "某市"})
    save(qtbot, ctx, issue)                                    # no certificate configured: refused in words
    assert issue.isVisible() and issue.form.banner.text() == (
        "单位签名证书无法使用：未找到单位签名证书文件，或文件为空。合同未签发。")

    from tests.conftest import START
    certs = make_signing_certs(START - timedelta(days=1))
    p12 = tmp_path / "institution.p12"
    p12.write_bytes(certs.pkcs12)
    configure({"contracts.pkcs12_path": str(p12), "contracts.pkcs12_password": certs.password})
    save(qtbot, ctx, issue)
    assert not issue.isVisible(), issue.form.banner.text()
    qtbot.waitUntil(lambda: section.view_button.isVisible() and section.signed_button.isEnabled(), timeout=10_000)
    assert "劳动合同 HT" in section.state.text() and "待候选人签字" in section.state.text()

    section.signed_button.click()
    signed = section.dialog
    assert isinstance(signed, SignedCopyDialog)
    scan = tmp_path / "scan.png"
    scan.write_bytes(PNG)
    signed.path.setText(str(scan))
    save(qtbot, ctx, signed)
    assert not signed.isVisible()
    qtbot.waitUntil(lambda: "候选人已签字" in section.state.text(), timeout=10_000)

    section.view_button.click()
    view = section.dialog
    assert isinstance(view, ContractViewDialog)
    qtbot.waitUntil(lambda: view.check is not None, timeout=20_000)
    assert view.check.status == "valid" and view.verdict.text().startswith("签名有效")
    out = tmp_path / "saved.pdf"
    view.save_to(str(out))
    idle(qtbot, ctx)
    assert out.read_bytes().startswith(b"%PDF-")
    view.close()

    with world.db.session(admin, write=True) as s:                # one flipped byte in the stored file
        doc = s.scalars(select(ContractDocument).where(ContractDocument.kind == "issued")).one()
        data = bytearray(doc.data)
        data[len(data) // 3] ^= 0x01
        doc.data = bytes(data)
    tampered = ContractViewDialog(ctx, view.contract_id, view.contract_no)
    qtbot.addWidget(tampered)
    qtbot.waitUntil(lambda: tampered.check is not None or "篡改" in tampered.verdict.text(), timeout=20_000)
    assert tampered.check is not None and tampered.check.status != "valid"


def test_an_offer_is_withdrawn_with_its_reason(qtbot, world, ctx):
    default_template(world)
    panel = panel_for(qtbot, ctx, world)
    section = panel.offer
    section.offer_button.click()
    dialog = section.dialog
    for row, amount in enumerate(("2,800 元/月", "1,200 元/月", "按考核")):
        dialog.pay.set_amount(row, amount)
    dialog.place.setText("本院门诊楼")
    save(qtbot, ctx, dialog)
    assert offer_row(world).status == OfferStatus.DRAFT
    qtbot.waitUntil(lambda: section.withdraw_button.isEnabled(), timeout=10_000)
    assert "草稿" in section.state.text()
    section.withdraw_button.click()
    withdraw = section.dialog
    assert isinstance(withdraw, WithdrawDialog)
    save(qtbot, ctx, withdraw)                                  # a reason is required
    assert withdraw.isVisible() and offer_row(world).status == OfferStatus.DRAFT
    withdraw.reason.setText("岗位调整")
    save(qtbot, ctx, withdraw)
    assert offer_row(world).status == OfferStatus.WITHDRAWN
    qtbot.waitUntil(lambda: "已撤回" in section.state.text(), timeout=10_000)
    assert section.offer_button.isEnabled() and not section.withdraw_button.isEnabled()
