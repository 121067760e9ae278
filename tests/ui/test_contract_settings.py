"""Settings → 劳动合同: an administrator points at the institution's PKCS#12 file, enters its password
(stored as a secret, never shown again) and checks it: a wrong password is named, the right one says
whom the certificate signs for; the standing contract texts are saved."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core import settings
from desktop.ui.settings.contracts import ContractSettings
from desktop.ui.settings.page import SettingsPage
from tests.signing_certs import make_signing_certs


@pytest.fixture(scope="module")
def certs():
    from tests.conftest import START
    return make_signing_certs(START - timedelta(days=1))


def ready(qtbot, widget):
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(widget.save_button.isEnabled, timeout=10_000)
    return widget


def check(qtbot, panel) -> str:
    panel.check_button.click()
    qtbot.waitUntil(lambda: panel.check_button.isEnabled() and not panel.result.isHidden(), timeout=20_000)
    return panel.result.text()


def test_the_tab_is_there_for_administrators(qtbot, ctx):
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    assert page.contracts is not None and page.tabs.tabText(page.tabs.indexOf(page.contracts)) == "劳动合同"
    qtbot.waitUntil(lambda: ctx.tasks.is_idle, timeout=10_000)


def test_certificate_checked_with_a_wrong_then_the_right_password(qtbot, ctx, embedded_db, certs, tmp_path):
    p12 = tmp_path / "institution.p12"
    p12.write_bytes(certs.pkcs12)
    panel = ready(qtbot, ContractSettings(ctx))
    assert panel.inputs["contracts.social_insurance"].toPlainText().startswith("甲方依法为乙方缴纳")
    panel.inputs["contracts.pkcs12_path"].setText(str(p12))
    panel.inputs["contracts.pkcs12_password"].setText("错误的密码")
    assert check(qtbot, panel) == "单位签名证书的密码不正确。"
    assert panel.result.objectName() == "error"

    panel.inputs["contracts.pkcs12_password"].setText(certs.password)
    panel.inputs["contracts.employer_representative"].setText("张院长")
    text = check(qtbot, panel)
    assert panel.result.objectName() == "success" and "某市第一人民医院 电子签章" in text, text
    with embedded_db.session() as s:
        assert settings.institution_value(s, "contracts.pkcs12_password") == certs.password
        assert settings.institution_value(s, "contracts.employer_representative") == "张院长"
    assert certs.password not in panel.inputs["contracts.pkcs12_password"].text()


def test_no_certificate_file_is_named(qtbot, ctx):
    panel = ready(qtbot, ContractSettings(ctx))
    assert check(qtbot, panel) == "未找到单位签名证书文件，或文件为空。"


def test_the_contract_template_is_saved_in_versions_and_one_without_social_insurance_is_refused(qtbot, ctx,
                                                                                                 embedded_db):
    from sqlalchemy import func, select

    from desktop.core import contract_issuing
    from desktop.core.model import ContractTemplateRow
    from desktop.ui.settings.contract_template import ContractTemplateSettings

    panel = ContractTemplateSettings(ctx)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(panel.save_button.isEnabled, timeout=10_000)
    assert panel.version.text() == "正在使用内置模板" and "== 第五条 社会保险" in panel.text.toPlainText()

    text = panel.text.toPlainText()
    panel.text.setPlainText(text.replace("== 第五条 社会保险\n{social_insurance}。\n", ""))
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.save_button.isEnabled() and not panel.result.isHidden(), timeout=10_000)
    assert panel.result.text() == "合同模板缺少《劳动合同法》第十七条规定的必备条款：社会保险。劳动合同不能签发。"
    with embedded_db.session() as s:
        assert s.scalar(select(func.count()).select_from(ContractTemplateRow)) == 0

    panel.text.setPlainText(text.replace("劳动合同书", "聘用合同书", 1))
    panel.save_button.click()
    qtbot.waitUntil(lambda: panel.save_button.isEnabled() and not panel.result.isHidden(), timeout=10_000)
    assert panel.version.text() == "正在使用第1版"
    with embedded_db.session() as s:
        assert contract_issuing.current_template(s).title == "聘用合同书"
