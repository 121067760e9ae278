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
