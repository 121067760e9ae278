"""Exchange settings for administrators: where the EWS endpoint is, how the service account signs in,
and how it reaches the interviewers' calendars (impersonation, delegate access, or an organizer
mailbox that invites them). The password is never shown: an empty field keeps the stored one.
"Test connection" checks what is typed (saved or not) off the UI thread and names the layer that
failed in the words of desktop.integrations.exchange.connection."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import settings
from desktop.integrations.exchange.config import ExchangeConfig
from desktop.integrations.exchange.connection import ConnectionReport, test_connection
from desktop.ui.errors import show_error
from desktop.ui.settings import inputs
from desktop.ui.widgets import ValidatedForm, hint_label, show_outcome

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

_LABELS = {
    "exchange.enabled": QT_TRANSLATE_NOOP("ExchangeSettings", "Write interviews into Exchange calendars"),
    "exchange.ews_url": QT_TRANSLATE_NOOP("ExchangeSettings", "EWS address"),
    "exchange.auth": QT_TRANSLATE_NOOP("ExchangeSettings", "Sign-in method"),
    "exchange.username": QT_TRANSLATE_NOOP("ExchangeSettings", "Service account"),
    "exchange.password": QT_TRANSLATE_NOOP("ExchangeSettings", "Password"),
    "exchange.service_mailbox": QT_TRANSLATE_NOOP("ExchangeSettings", "Service account's mailbox"),
    "exchange.mode": QT_TRANSLATE_NOOP("ExchangeSettings", "Access to interviewers' calendars"),
    "exchange.organizer_mailbox": QT_TRANSLATE_NOOP("ExchangeSettings", "Organizer mailbox"),
    "exchange.version": QT_TRANSLATE_NOOP("ExchangeSettings", "Server version"),
    "exchange.ca_file": QT_TRANSLATE_NOOP("ExchangeSettings", "Internal CA certificate file"),
    "exchange.timeout_seconds": QT_TRANSLATE_NOOP("ExchangeSettings", "Timeout (seconds)"),
    "exchange.sync_interval_minutes": QT_TRANSLATE_NOOP("ExchangeSettings", "Read answers every (minutes)"),
}
_CHOICES = {
    "NTLM": QT_TRANSLATE_NOOP("ExchangeSettings", "NTLM (domain account)"),
    "Basic": QT_TRANSLATE_NOOP("ExchangeSettings", "Basic (over HTTPS only)"),
    "SSPI": QT_TRANSLATE_NOOP("ExchangeSettings", "Windows integrated sign-on"),
    "impersonation": QT_TRANSLATE_NOOP("ExchangeSettings", "Impersonation: the service account acts in each "
                                                           "interviewer's mailbox"),
    "delegate": QT_TRANSLATE_NOOP("ExchangeSettings", "Delegate access to each interviewer's calendar"),
    "organizer": QT_TRANSLATE_NOOP("ExchangeSettings", "Organizer mailbox sends meeting requests"),
    "auto": QT_TRANSLATE_NOOP("ExchangeSettings", "Detect automatically"),
    "Exchange2013": QT_TRANSLATE_NOOP("ExchangeSettings", "Exchange 2013"),
    "Exchange2016": QT_TRANSLATE_NOOP("ExchangeSettings", "Exchange 2016"),
    "Exchange2019": QT_TRANSLATE_NOOP("ExchangeSettings", "Exchange 2019"),
}
KEYS = tuple(_LABELS)


def _label(key: str) -> str:
    return QCoreApplication.translate("ExchangeSettings", _LABELS[key])


class ExchangeSettings(inputs.StoredSettingsTab, QWidget):
    setting_label = staticmethod(_label)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: dict[str, Any] = {}
        self.inputs: dict[str, QWidget] = {}
        banner = QLabel()
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr("Interviews are written into the interviewers' Exchange calendars with "
                                            "the room as a resource; their free/busy times count in the conflict "
                                            "check, and their answers come back to the interview's history.")))
        column.addWidget(banner)
        layout = QFormLayout()
        self.form = ValidatedForm(layout, banner)
        for key in KEYS:
            widget = self._widget(key)
            if key == "exchange.ca_file":
                holder = QWidget()
                row = QHBoxLayout(holder)
                row.setContentsMargins(0, 0, 0, 0)
                row.addWidget(widget, 1)
                browse = QPushButton(self.tr("Choose…"))
                browse.clicked.connect(self.choose_ca_file)
                row.addWidget(browse)
                self.form.add(key, _label(key), holder)
            else:
                self.form.add(key, _label(key), widget)
            self.inputs[key] = widget
        column.addLayout(layout)

        row = inputs.save_row(self, self.tr("Save Exchange settings"))
        self.test_mailbox = QLineEdit()
        self.test_mailbox.setPlaceholderText(self.tr("An interviewer's mailbox to try (optional)"))
        self.test_mailbox.setMinimumWidth(240)
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.clicked.connect(self.test)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        row.addWidget(self.test_mailbox)
        row.addWidget(self.test_button)
        column.addLayout(row)
        column.addWidget(self.result)
        column.addStretch(1)
        self.load()

    def _widget(self, key: str) -> QWidget:
        spec = settings.spec_of(key)
        if spec.choices:
            combo = QComboBox()
            for code in spec.choices:
                combo.addItem(QCoreApplication.translate("ExchangeSettings", _CHOICES[code]), code)
            return combo
        return inputs.setting_input(key, width=320)

    def choose_ca_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Internal CA certificate"), "",
                                              self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.inputs["exchange.ca_file"].setText(path)

    # --- trying the server ---------------------------------------------------------------------------

    def test(self) -> None:
        """Test what is typed, saved or not: the stored password is used when the field is empty."""
        typed, mailbox = self.entered(), self.test_mailbox.text().strip()
        self.form.clear()
        self.test_button.setEnabled(False)
        show_outcome(self.result, self.tr("Connecting…"), "")
        self.ctx.read(lambda session: ExchangeConfig.load(session, typed),
                      lambda cfg: self.ctx.run(lambda: test_connection(cfg, mailbox), self._tested,
                                               self._test_failed, owner=self),
                      self._refused, owner=self)

    def _idle(self) -> None:
        self.test_button.setEnabled(True)

    def _tested(self, report: ConnectionReport) -> None:
        self.test_button.setEnabled(True)
        show_outcome(self.result, report.message, "success" if report.ok else "error")

    def _test_failed(self, error: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.result.hide()
        show_error(error, self)
