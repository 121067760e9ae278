"""Settings → 劳动合同 (administrators): the institution's signing certificate for labour contracts
(a PKCS#12 file and its password, kept as a secret; the CA file contracts are validated against)
and the institution's standing texts the contract template fills in (劳动合同法 第十七条). "Check
certificate" saves what changed and opens the file with the stored password, saying what is wrong
(desktop/integrations/documents/issuing.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFileDialog, QLabel, QPlainTextEdit, QPushButton, QWidget

from desktop.core.errors import SigningCertificateInvalid
from desktop.integrations.documents import issuing, signing
from desktop.ui.errors import show_error
from desktop.ui.settings.inputs import StoredSettingsTab, save_row, setting_column, setting_form, setting_input
from desktop.ui.widgets import show_outcome

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

CONTEXT = "ContractSettings"
_LABELS = {
    "contracts.pkcs12_path": QT_TRANSLATE_NOOP("ContractSettings", "Signing certificate (.p12/.pfx)"),
    "contracts.pkcs12_password": QT_TRANSLATE_NOOP("ContractSettings", "Certificate password"),
    "contracts.ca_file": QT_TRANSLATE_NOOP("ContractSettings", "CA certificate file"),
    "contracts.employer_address": QT_TRANSLATE_NOOP("ContractSettings", "Institution's address"),
    "contracts.employer_representative": QT_TRANSLATE_NOOP("ContractSettings", "Legal representative"),
    "contracts.signing_place": QT_TRANSLATE_NOOP("ContractSettings", "Place of signing"),
    "contracts.working_hours": QT_TRANSLATE_NOOP("ContractSettings", "Working hours"),
    "contracts.rest_and_leave": QT_TRANSLATE_NOOP("ContractSettings", "Rest and leave"),
    "contracts.social_insurance": QT_TRANSLATE_NOOP("ContractSettings", "Social insurance"),
    "contracts.labour_protection": QT_TRANSLATE_NOOP("ContractSettings", "Labour protection"),
    "contracts.other_legal_matters": QT_TRANSLATE_NOOP("ContractSettings", "Other statutory matters"),
}
_TEXTS = ("contracts.working_hours", "contracts.rest_and_leave", "contracts.social_insurance",
          "contracts.labour_protection", "contracts.other_legal_matters")


def label_of(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, _LABELS[key]) if key in _LABELS else key


class ContractSettings(StoredSettingsTab, QWidget):
    setting_label = staticmethod(label_of)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = setting_form(self, ctx, fields_grow=True)
        for key in _LABELS:
            if key in _TEXTS:
                widget: QWidget = QPlainTextEdit()
                widget.setFixedHeight(48)
                widget.setMinimumWidth(520)
            else:
                widget = setting_input(key, width=360)
            self.inputs[key] = self.form.add(key, label_of(key), widget)
        buttons = save_row(self, self.tr("Save"))
        self.choose_button = QPushButton(self.tr("Choose certificate file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.check_button = QPushButton(self.tr("Check certificate"))
        self.check_button.clicked.connect(self.check_certificate)
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.check_button)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        setting_column(self, self.tr(
            "Issued labour contracts are signed with the institution's certificate (PAdES). The texts below "
            "fill the mandatory items of Article 17 of the Labour Contract Law; the institution's name is "
            "the one on the Institution tab."), layout, buttons, self.result)
        self.load()

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Signing certificate"), "",
                                                    self.tr("PKCS#12 certificates (*.p12 *.pfx)"))
        if path:
            self.inputs["contracts.pkcs12_path"].setText(path)

    def check_certificate(self) -> None:
        """Save what changed, then open the certificate with the stored password."""
        self.check_button.setEnabled(False)
        self.result.hide()
        self.save(then=lambda: self.ctx.read(issuing.check_certificate, self._checked, self._failed, owner=self))

    def _idle(self) -> None:
        self.check_button.setEnabled(True)

    def _checked(self, summary: tuple) -> None:
        self._idle()
        subject, until = summary
        show_outcome(self.result, self.tr("The certificate can sign: {0}, valid until {1}.")
                     .format(subject, until.strftime("%Y-%m-%d")), "success")

    def _failed(self, error: BaseException) -> None:
        self._idle()
        if isinstance(error, SigningCertificateInvalid):
            show_outcome(self.result, signing.reason_text(error, self.ctx.language), "error")
        else:
            show_error(error, self)
