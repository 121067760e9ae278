"""Settings → SMS and OA (短信与OA), for administrators: the institution's SMS gateway request and
OA webhook, a test message to each off the UI thread, and a preview of the request a sample
message would make (secret masked). Secrets are never loaded into the window: their fields stay
empty and keep the stored value unless something is typed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.core import settings
from desktop.core.delivery.outbox import DeliveryFailed
from desktop.core.delivery.placeholders import SMS_PLACEHOLDERS
from desktop.core.errors import DeskError, InvalidSetting
from desktop.core.services import config
from desktop.integrations.http_channels import oa, sms, sms_inbox
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.settings import inputs
from desktop.ui.widgets import ValidatedForm, hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

CONTEXT = "GatewaySettings"
_LABELS = {
    "sms.url": QT_TRANSLATE_NOOP("GatewaySettings", "Gateway URL"),
    "sms.method": QT_TRANSLATE_NOOP("GatewaySettings", "Method"),
    "sms.headers": QT_TRANSLATE_NOOP("GatewaySettings", "Extra headers (JSON object)"),
    "sms.body_format": QT_TRANSLATE_NOOP("GatewaySettings", "Body format"),
    "sms.body_template": QT_TRANSLATE_NOOP("GatewaySettings", "Body template"),
    "sms.sign_name": QT_TRANSLATE_NOOP("GatewaySettings", "SMS signature name"),
    "sms.secret": QT_TRANSLATE_NOOP("GatewaySettings", "Signing secret"),
    "sms.signature_header": QT_TRANSLATE_NOOP("GatewaySettings", "Signature header (optional)"),
    "sms.timestamp_header": QT_TRANSLATE_NOOP("GatewaySettings", "Timestamp header"),
    "sms.success_field": QT_TRANSLATE_NOOP("GatewaySettings", "Success when JSON field"),
    "sms.success_value": QT_TRANSLATE_NOOP("GatewaySettings", "equals"),
    "sms.message_field": QT_TRANSLATE_NOOP("GatewaySettings", "Gateway message field"),
    "sms.message_id_field": QT_TRANSLATE_NOOP("GatewaySettings", "Message id field"),
    "sms.timeout_seconds": QT_TRANSLATE_NOOP("GatewaySettings", "Timeout (seconds)"),
    "sms.ca_file": QT_TRANSLATE_NOOP("GatewaySettings", "Internal CA certificate file"),
    "sms_inbox.enabled": QT_TRANSLATE_NOOP("GatewaySettings", "Read candidates' replies"),
    "sms_inbox.url": QT_TRANSLATE_NOOP("GatewaySettings", "Incoming messages URL"),
    "sms_inbox.method": QT_TRANSLATE_NOOP("GatewaySettings", "Method"),
    "sms_inbox.headers": QT_TRANSLATE_NOOP("GatewaySettings", "Extra headers (JSON object)"),
    "sms_inbox.since_param": QT_TRANSLATE_NOOP("GatewaySettings", "Parameter for “since”"),
    "sms_inbox.since_format": QT_TRANSLATE_NOOP("GatewaySettings", "“Since” as"),
    "sms_inbox.list_path": QT_TRANSLATE_NOOP("GatewaySettings", "Where the list is in the answer"),
    "sms_inbox.id_field": QT_TRANSLATE_NOOP("GatewaySettings", "Message id field"),
    "sms_inbox.phone_field": QT_TRANSLATE_NOOP("GatewaySettings", "Sender number field"),
    "sms_inbox.text_field": QT_TRANSLATE_NOOP("GatewaySettings", "Text field"),
    "sms_inbox.time_field": QT_TRANSLATE_NOOP("GatewaySettings", "Time field"),
    "sms_inbox.interval_minutes": QT_TRANSLATE_NOOP("GatewaySettings", "Read every (minutes)"),
    "oa.url": QT_TRANSLATE_NOOP("GatewaySettings", "Webhook URL"),
    "oa.secret": QT_TRANSLATE_NOOP("GatewaySettings", "Signing secret"),
    "oa.timeout_seconds": QT_TRANSLATE_NOOP("GatewaySettings", "Timeout (seconds)"),
    "oa.ca_file": QT_TRANSLATE_NOOP("GatewaySettings", "Internal CA certificate file"),
}
LONG_TEXT = ("sms.headers", "sms.body_template", "sms_inbox.headers")


def label_of(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, _LABELS[key])


def _save(session, actor, machine_file, changed: dict[str, Any]) -> list[str]:
    """Check the SMS settings together (template fits the format, GET has no body, a signature has
    a secret), then write; one bad value and nothing is written."""
    sms.check_config(sms.SmsConfig.load(session, {k: v for k, v in changed.items() if k.startswith("sms.")}))
    return config.set_values(session, actor, machine_file, changed)


class GatewaySettings(inputs.StoredSettingsTab, QWidget):
    store_settings = staticmethod(_save)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: dict[str, Any] = {}
        self.inputs: dict[str, QWidget] = {}
        self.banner = QLabel()
        sms_form, oa_form = QFormLayout(), QFormLayout()
        self.form = ValidatedForm(sms_form, self.banner)
        for key in sms.KEYS:
            self._add(self.form, key)
        inbox_form = QFormLayout()
        self.inbox_form = ValidatedForm(inbox_form, QLabel())
        for key in sms_inbox.KEYS:
            self._add(self.inbox_form, key)
        self.oa_form = ValidatedForm(oa_form, QLabel())
        for key in oa.KEYS:
            self._add(self.oa_form, key)
        self.inputs["sms.body_template"].setToolTip(self.tr("Placeholders: {0}").format(
            " ".join("{" + name + "}" for name in SMS_PLACEHOLDERS)))

        self.test_phone = QLineEdit()
        self.test_phone.setPlaceholderText(self.tr("Mobile number"))
        self.test_sms_button = QPushButton(self.tr("Send test SMS"))
        self.test_sms_button.clicked.connect(self.send_test_sms)
        self.sms_result = hint_label()
        self.test_recipient = QLineEdit(ctx.actor.username)
        self.test_push_button = QPushButton(self.tr("Send test push"))
        self.test_push_button.clicked.connect(self.send_test_push)
        self.push_result = hint_label()
        sms_form.addRow(self.tr("Test SMS to"), self._row(self.test_phone, self.test_sms_button))
        sms_form.addRow("", self.sms_result)
        self.test_fetch_button = QPushButton(self.tr("Test fetch"))
        self.test_fetch_button.clicked.connect(self.test_fetch)
        self.fetch_result = hint_label()
        inbox_form.addRow("", self._row(self.test_fetch_button, self.fetch_result, stretch=True))
        oa_form.addRow(self.tr("Test push to (OA account)"), self._row(self.test_recipient, self.test_push_button))
        oa_form.addRow("", self.push_result)

        self.preview_button = QPushButton(self.tr("Preview requests"))
        self.preview_button.clicked.connect(self.show_preview)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setMinimumHeight(160)
        saves = inputs.save_row(self, self.tr("Save SMS and OA settings"))

        sms_box, oa_box = QGroupBox(self.tr("SMS gateway")), QGroupBox(self.tr("OA webhook"))
        inbox_box = QGroupBox(self.tr("SMS replies from candidates"))
        sms_box.setLayout(sms_form)
        inbox_box.setLayout(inbox_form)
        oa_box.setLayout(oa_form)
        content = QWidget()
        column = QVBoxLayout(content)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr(
            "Each institution's gateway has its own API: describe the request it expects. The signature is "
            "HMAC-SHA256 of the timestamp, a line break and the body. Secrets stay as saved unless you type "
            "a new one.")))
        column.addWidget(self.banner)
        column.addWidget(sms_box)
        column.addWidget(hint_label(self.tr(
            "Replies are read with the signature settings above. The answer must be JSON: name where the list "
            "of messages is (a dotted path such as data.items; empty when the answer is the list) and the "
            "fields of each message.")))
        column.addWidget(inbox_box)
        column.addWidget(oa_box)
        column.addLayout(saves)
        column.addLayout(self._row(self.preview_button, stretch=True))
        column.addWidget(self.preview)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.load()

    @staticmethod
    def _row(*widgets: QWidget, stretch: bool = False) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget)
        if stretch:
            row.addStretch(1)
        return row

    def _add(self, form: ValidatedForm, key: str) -> None:
        spec = settings.spec_of(key)
        if spec.choices:
            widget: QWidget = QComboBox()
            widget.addItems(spec.choices)
        elif key in LONG_TEXT:
            widget = QPlainTextEdit()
            widget.setFixedHeight(64)
        else:
            widget = inputs.setting_input(key, width=320)
        self.inputs[key] = form.add(key, label_of(key), widget)

    # --- loading and saving ----------------------------------------------------------------------

    def setting_forms(self) -> tuple:
        return (self.form, self.inbox_form, self.oa_form)

    def describe(self, error: DeskError) -> str:
        """The SMS settings' own problems in words; the rest as everywhere else."""
        if isinstance(error, InvalidSetting):
            reason, key = error.params.get("reason"), str(error.params.get("key", ""))
            label = label_of(key) if key in _LABELS else key
            words = {
                "placeholder": self.tr("Unknown placeholder {0}. Allowed: {1}.").format(
                    error.params.get("placeholder", ""), " ".join("{" + p + "}" for p in SMS_PLACEHOLDERS)),
                "json_object": self.tr('Write a JSON object of header names and values, e.g. {"X-Token": "…"}.'),
                "get_needs_query": self.tr("A GET request carries no body: choose the query format."),
                "json_template": self.tr("The body template is not valid JSON (placeholders go inside quotes)."),
                "secret_needed": self.tr("A signature needs the signing secret."),
                "required": self.tr("Enter the URL first."),
            }
            if reason in words:
                return f"{label}: {words[reason]}"
            return messages.describe(error).replace(key, label)
        return messages.describe(error)

    # --- tests and preview -----------------------------------------------------------------------

    def _overrides(self, prefix: str) -> dict[str, Any]:
        return {k: v for k, v in self.changed().items() if k.startswith(prefix)}

    def send_test_sms(self) -> None:
        sender, phone, overrides = sms.SmsSender(self.ctx.db), self.test_phone.text().strip(), self._overrides("sms.")
        self._testing(self.test_sms_button, self.sms_result)
        self.ctx.run(lambda: sender.send_test(phone, overrides),
                     lambda _d: self._tested(self.test_sms_button, self.sms_result, None),
                     lambda error: self._tested(self.test_sms_button, self.sms_result, error), owner=self)

    def send_test_push(self) -> None:
        sender, recipient, overrides = oa.OaSender(self.ctx.db), self.test_recipient.text().strip(), self._overrides("oa.")
        self._testing(self.test_push_button, self.push_result)
        self.ctx.run(lambda: sender.send_test(recipient, overrides),
                     lambda _d: self._tested(self.test_push_button, self.push_result, None),
                     lambda error: self._tested(self.test_push_button, self.push_result, error), owner=self)

    def test_fetch(self) -> None:
        """测试收取: ask the gateway for replies with the values as typed; nothing is recorded."""
        db, overrides = self.ctx.db, {k: v for k, v in self.changed().items() if k.startswith(("sms.", "sms_inbox."))}
        self.test_fetch_button.setEnabled(False)
        self.fetch_result.setObjectName("hint")
        self.fetch_result.setText(self.tr("Asking the gateway…"))
        self.ctx.run(lambda: sms_inbox.try_fetch(db, overrides), self._fetched, self._fetch_failed, owner=self)

    def _fetched(self, count: int) -> None:
        self.test_fetch_button.setEnabled(True)
        self.fetch_result.setObjectName("success")
        self.fetch_result.setText(self.tr("The gateway answered: %n message(s) since the last one read.", "", count))
        self.fetch_result.style().polish(self.fetch_result)

    def _fetch_failed(self, error: BaseException) -> None:
        self.test_fetch_button.setEnabled(True)
        if isinstance(error, sms_inbox.InboxUnavailable):
            self.fetch_result.setObjectName("fieldError")
            self.fetch_result.setText(self.tr("Could not read replies: {0}").format(error.reason))
        elif isinstance(error, DeskError):
            self.fetch_result.setObjectName("fieldError")
            self.fetch_result.setText(self.tr("Could not read replies: {0}").format(self.describe(error)))
        else:
            show_error(error, self)
        self.fetch_result.style().polish(self.fetch_result)

    def _testing(self, button: QPushButton, result: QLabel) -> None:
        button.setEnabled(False)
        result.setObjectName("hint")
        result.setText(self.tr("Sending…"))

    def _tested(self, button: QPushButton, result: QLabel, error: BaseException | None) -> None:
        button.setEnabled(True)
        if error is None:
            result.setObjectName("success")
            result.setText(self.tr("Sent. The gateway accepted the test message."))
        elif isinstance(error, DeliveryFailed):
            result.setObjectName("fieldError")
            result.setText(self.tr("Not sent: {0}").format(error.reason))
        elif isinstance(error, DeskError):
            result.setObjectName("fieldError")
            result.setText(self.tr("Not sent: {0}").format(self.describe(error)))
        else:
            show_error(error, self)
        result.style().polish(result)

    def show_preview(self) -> None:
        sms_overrides, oa_overrides = self._overrides("sms."), self._overrides("oa.")
        phone, recipient = self.test_phone.text().strip(), self.test_recipient.text().strip()

        def both(session) -> list[str | DeskError]:
            parts: list[str | DeskError] = []
            for make in (lambda: sms.preview(session, sms_overrides, phone),
                         lambda: oa.preview(session, oa_overrides, recipient)):
                try:
                    parts.append(make())
                except DeskError as error:      # words are chosen on the UI thread
                    parts.append(error)
                except DeliveryFailed as failure:
                    parts.append(failure.reason)
            return parts

        self.ctx.read(both, self._previewed, lambda error: show_error(error, self), owner=self)

    def _previewed(self, parts: list[str | DeskError]) -> None:
        parts = [self.describe(p) if isinstance(p, DeskError) else p for p in parts]
        self.preview.setPlainText(self.tr("SMS (sample invitation)") + "\n" + parts[0] + "\n\n"
                                  + self.tr("OA (sample approval request)") + "\n" + parts[1])
