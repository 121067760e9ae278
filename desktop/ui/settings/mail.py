"""邮件 Mail settings for administrators: the SMTP relay candidate notices go out through, and the
mailbox their replies are read from. Passwords are never shown: an empty password field keeps the
stored one. Sending a test message and checking the mailbox run off the UI thread and report the
server's answer in words (the reasons come from desktop.integrations.mail in Chinese)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core import settings
from desktop.core.delivery.outbox import DeliveryFailed
from desktop.integrations.mail import replies, smtp
from desktop.ui.errors import show_error
from desktop.ui.settings import inputs
from desktop.ui.widgets import ValidatedForm, hint_label, show_outcome

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

_LABELS = {
    "mail.smtp_host": QT_TRANSLATE_NOOP("MailSettings", "SMTP server"),
    "mail.smtp_port": QT_TRANSLATE_NOOP("MailSettings", "Port"),
    "mail.smtp_security": QT_TRANSLATE_NOOP("MailSettings", "Encryption"),
    "mail.smtp_username": QT_TRANSLATE_NOOP("MailSettings", "Account"),
    "mail.smtp_password": QT_TRANSLATE_NOOP("MailSettings", "Password"),
    "mail.from_address": QT_TRANSLATE_NOOP("MailSettings", "Sender address"),
    "mail.from_name": QT_TRANSLATE_NOOP("MailSettings", "Sender name"),
    "mail.ca_file": QT_TRANSLATE_NOOP("MailSettings", "Internal CA certificate file"),
    "mail.timeout_seconds": QT_TRANSLATE_NOOP("MailSettings", "Timeout (seconds)"),
    "mail.replies_enabled": QT_TRANSLATE_NOOP("MailSettings", "Read candidates' replies"),
    "mail.replies_interval_minutes": QT_TRANSLATE_NOOP("MailSettings", "Check every (minutes)"),
    "mail.imap_host": QT_TRANSLATE_NOOP("MailSettings", "IMAP server"),
    "mail.imap_port": QT_TRANSLATE_NOOP("MailSettings", "Port"),
    "mail.imap_security": QT_TRANSLATE_NOOP("MailSettings", "Encryption"),
    "mail.imap_username": QT_TRANSLATE_NOOP("MailSettings", "Account"),
    "mail.imap_password": QT_TRANSLATE_NOOP("MailSettings", "Password"),
    "mail.imap_folder": QT_TRANSLATE_NOOP("MailSettings", "Folder"),
    "mail.confirm_keywords": QT_TRANSLATE_NOOP("MailSettings", "Words that confirm (comma-separated)"),
}
_SECURITY = {
    "starttls": QT_TRANSLATE_NOOP("MailSettings", "STARTTLS"),
    "ssl": QT_TRANSLATE_NOOP("MailSettings", "SSL/TLS"),
    "none": QT_TRANSLATE_NOOP("MailSettings", "None (internal network only)"),
}
SMTP_KEYS = ("mail.smtp_host", "mail.smtp_port", "mail.smtp_security", "mail.smtp_username", "mail.smtp_password",
             "mail.from_address", "mail.from_name", "mail.ca_file", "mail.timeout_seconds")
IMAP_KEYS = ("mail.replies_enabled", "mail.replies_interval_minutes", "mail.imap_host", "mail.imap_port",
             "mail.imap_security", "mail.imap_username", "mail.imap_password", "mail.imap_folder",
             "mail.confirm_keywords")


def _label(key: str) -> str:
    return QCoreApplication.translate("MailSettings", _LABELS[key])


class MailSettings(inputs.StoredSettingsTab, QWidget):
    setting_label = staticmethod(_label)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: dict[str, Any] = {}
        self.inputs: dict[str, QWidget] = {}
        self.forms: list[ValidatedForm] = []
        banner = QLabel()
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr("Candidates get their invitations, changes and cancellations by e-mail "
                                            "through this server, and may answer them by replying.")))
        column.addWidget(banner)
        boxes = QHBoxLayout()
        for title, keys in ((self.tr("Sending (SMTP)"), SMTP_KEYS), (self.tr("Replies (IMAP)"), IMAP_KEYS)):
            group = QGroupBox(title)
            layout = QFormLayout(group)
            form = ValidatedForm(layout, banner) if not self.forms else ValidatedForm(layout, QLabel())
            self.forms.append(form)
            for key in keys:
                self.inputs[key] = form.add(key, _label(key), self._widget(key))
            boxes.addWidget(group, 1)
        column.addLayout(boxes)

        row = inputs.save_row(self, self.tr("Save mail settings"))
        self.test_address = QLineEdit()
        self.test_address.setPlaceholderText(self.tr("Address for the test message"))
        self.test_address.setMinimumWidth(240)
        self.test_button = QPushButton(self.tr("Send test message"))
        self.test_button.clicked.connect(self.send_test)
        self.check_button = QPushButton(self.tr("Check mailbox now"))
        self.check_button.clicked.connect(self.check_mailbox)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        row.addWidget(self.test_address)
        row.addWidget(self.test_button)
        row.addWidget(self.check_button)
        column.addLayout(row)
        column.addWidget(self.result)
        column.addStretch(1)
        self.load()

    def _widget(self, key: str) -> QWidget:
        spec = settings.spec_of(key)
        if spec.choices:
            combo = QComboBox()
            for code in ("starttls", "ssl", "none"):
                combo.addItem(QCoreApplication.translate("MailSettings", _SECURITY[code]), code)
            return combo
        return inputs.setting_input(key, width=220)

    # --- trying the servers --------------------------------------------------------------------------

    def setting_forms(self) -> tuple:
        return tuple(self.forms)

    def _busy(self, text: str) -> None:
        self.test_button.setEnabled(False)
        self.check_button.setEnabled(False)
        show_outcome(self.result, text, "")

    def _idle(self) -> None:
        self.test_button.setEnabled(True)
        self.check_button.setEnabled(True)

    def _failed(self, error: BaseException) -> None:
        self._idle()
        reason = getattr(error, "reason", None)
        if isinstance(error, (DeliveryFailed, replies.MailboxUnavailable)) and reason:
            show_outcome(self.result, reason, "error")
        else:
            self.result.hide()
            show_error(error, self)

    def send_test(self) -> None:
        """Save what was changed, then send a test message with it."""
        address = self.test_address.text().strip()
        if not address:
            show_outcome(self.result, self.tr("Enter the address the test message goes to."), "error")
            return
        db = self.ctx.db
        self._busy(self.tr("Sending…"))
        self.save(then=lambda: self.ctx.run(
            lambda: smtp.send_test(db, address),
            lambda _id: (self._idle(), show_outcome(
                self.result, self.tr("Test message sent to {0}.").format(address), "success")),
            self._failed, owner=self))

    def check_mailbox(self) -> None:
        db = self.ctx.db
        self._busy(self.tr("Checking the mailbox…"))
        self.save(then=lambda: self.ctx.run(lambda: replies.poll_replies(db), self._checked, self._failed,
                                            owner=self))

    def _checked(self, summary: replies.ReplySummary) -> None:
        self._idle()
        show_outcome(self.result, self.tr(
            "{0} new messages: {1} confirmed, {2} calendar replies, {3} replies put on the "
            "interview's history, {4} not about an interview (left unread).").format(
            summary.fetched, summary.confirmations, summary.calendar_replies, summary.noted, summary.unmatched),
            "success")
