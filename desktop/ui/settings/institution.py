"""Institution-wide settings for administrators, checked by core's setting registry before any is
written (one bad value and nothing changes)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QSpinBox, QWidget

from desktop.core import settings
from desktop.core.errors import DeskError, InvalidSetting
from desktop.core.services import config
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.settings.inputs import save_row, setting_column, setting_form, setting_input

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

TIMEZONES = ("Asia/Shanghai", "Asia/Urumqi", "Asia/Hong_Kong", "Asia/Macau", "Asia/Taipei")


_LABELS = {
    "office.name": QT_TRANSLATE_NOOP("InstitutionSettings", "Institution name"),
    "office.timezone": QT_TRANSLATE_NOOP("InstitutionSettings", "Time zone"),
    "office.working_day_start": QT_TRANSLATE_NOOP("InstitutionSettings", "Working day starts (HH:MM)"),
    "office.working_day_end": QT_TRANSLATE_NOOP("InstitutionSettings", "Working day ends (HH:MM)"),
    "security.idle_lock_minutes": QT_TRANSLATE_NOOP("InstitutionSettings", "Lock after idle minutes"),
    "security.max_failed_logins": QT_TRANSLATE_NOOP("InstitutionSettings", "Failed logins before lockout"),
    "security.lockout_minutes": QT_TRANSLATE_NOOP("InstitutionSettings", "Lockout minutes"),
    "security.min_password_length": QT_TRANSLATE_NOOP("InstitutionSettings", "Minimum password length"),
    "security.identifier_searches_per_hour": QT_TRANSLATE_NOOP(
        "InstitutionSettings", "Searches by phone, e-mail or ID number per user and hour"),
    "confirmation.deadline_minutes": QT_TRANSLATE_NOOP("InstitutionSettings",
                                                       "Candidate confirmation deadline (minutes)"),
    "privacy.request_days": QT_TRANSLATE_NOOP("InstitutionSettings",
                                              "Personal-data requests answered within (working days)"),
    "attendance.checkin_window_before_minutes": QT_TRANSLATE_NOOP(
        "InstitutionSettings", "Check-in opens before the interview (minutes)"),
    "attendance.checkin_window_after_minutes": QT_TRANSLATE_NOOP(
        "InstitutionSettings", "Check-in closes after the start (minutes)"),
    "notify.sender_name": QT_TRANSLATE_NOOP("InstitutionSettings", "Messages signed by (empty: institution's HR office)"),
    "notify.contact_name": QT_TRANSLATE_NOOP("InstitutionSettings", "Contact person named in messages"),
    "notify.contact_phone": QT_TRANSLATE_NOOP("InstitutionSettings", "Contact phone named in messages"),
    "scheduling.allow_interviewer_overlap_override": QT_TRANSLATE_NOOP(
        "InstitutionSettings", "Interviewer in two interviews at once"),
    "approval.decide_by_mail": QT_TRANSLATE_NOOP("InstitutionSettings", "Decisions by replying to the approval mail"),
    "desk.show_earlier_results": QT_TRANSLATE_NOOP("InstitutionSettings", "Earlier rounds' results on My interviews"),
}
_CHECKS = {   # what ticking a yes/no setting means
    "scheduling.allow_interviewer_overlap_override": QT_TRANSLATE_NOOP(
        "InstitutionSettings", "HR may allow it with a reason (e.g. a joint panel); otherwise it is refused"),
    "approval.decide_by_mail": QT_TRANSLATE_NOOP(
        "InstitutionSettings",
        "Approvers may answer “agree” or “disagree” (同意 / 不同意) to the approval mail, with its one-time code"),
    "desk.show_earlier_results": QT_TRANSLATE_NOOP(
        "InstitutionSettings", "Interviewers preparing a later round see the recommendations submitted in earlier rounds"),
}
_TIPS = {
    "approval.decide_by_mail": QT_TRANSLATE_NOOP(
        "InstitutionSettings", "Needs e-mail among the approvers' channels (Settings → Notification channels) and "
        "the reply mailbox (Settings → Mail). A reply from another address, with a wrong or used code, or for a "
        "step already decided is refused and shown on the interview's timeline."),
}


def setting_label(key: str) -> str:
    return QCoreApplication.translate("InstitutionSettings", _LABELS[key]) if key in _LABELS else key


class InstitutionSettings(QWidget):
    KEYS = ("office.name", "office.timezone", "office.working_day_start", "office.working_day_end",
            "security.idle_lock_minutes", "security.max_failed_logins", "security.lockout_minutes",
            "security.min_password_length", "security.identifier_searches_per_hour",
            "confirmation.deadline_minutes", "privacy.request_days", "attendance.checkin_window_before_minutes",
            "attendance.checkin_window_after_minutes", "notify.sender_name",
            "notify.contact_name", "notify.contact_phone", "scheduling.allow_interviewer_overlap_override",
            "approval.decide_by_mail", "desk.show_earlier_results")

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = setting_form(self, ctx)
        for key in self.KEYS:
            spec = settings.spec_of(key)
            if spec.kind is bool:
                widget: QWidget = QCheckBox(QCoreApplication.translate("InstitutionSettings", _CHECKS[key]))
                if key in _TIPS:
                    widget.setToolTip(QCoreApplication.translate("InstitutionSettings", _TIPS[key]))
            elif key == "office.timezone":
                widget = QComboBox()
                widget.setEditable(True)
                widget.addItems(TIMEZONES)
            else:
                widget = setting_input(key)
            widget.setMinimumWidth(320 if key in ("office.name", "notify.sender_name") else 160)
            self.inputs[key] = self.form.add(key, setting_label(key), widget)
        buttons = save_row(self, self.tr("Save institution settings"))
        setting_column(self, self.tr("These settings apply to every desktop using this database."), layout, buttons)
        self.load()

    def load(self) -> None:
        machine_file = self.ctx.machine_file
        self.ctx.read(lambda session: config.list_values(session, machine_file), self._arrived,
                      lambda error: show_error(error, self), owner=self)

    def _arrived(self, values: list[config.SettingValue]) -> None:
        self.loaded = {v.key: v.value for v in values if v.key in self.inputs}
        for key, value in self.loaded.items():
            widget = self.inputs[key]
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QSpinBox):
                widget.setValue(int(value))
            elif isinstance(widget, QComboBox):
                widget.setCurrentText(str(value))
            else:
                widget.setText(str(value))
        self.save_button.setEnabled(True)

    def entered(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, widget in self.inputs.items():
            if isinstance(widget, QCheckBox):
                values[key] = widget.isChecked()
            elif isinstance(widget, QSpinBox):
                values[key] = widget.value()
            elif isinstance(widget, QComboBox):
                values[key] = widget.currentText().strip()
            else:
                values[key] = widget.text().strip()
        return values

    def save(self) -> None:
        changed = {k: v for k, v in self.entered().items() if self.loaded.get(k) != v}
        self.form.clear()
        self.saved.hide()
        if not changed:
            self.saved.show()
            return
        actor, machine_file = self.ctx.actor, self.ctx.machine_file
        self.save_button.setEnabled(False)
        self.ctx.write(lambda session: config.set_values(session, actor, machine_file, changed),
                       lambda _keys: self._saved(changed), self._refused, entity="settings", owner=self)

    def _saved(self, changed: dict[str, Any]) -> None:
        self.save_button.setEnabled(True)
        self.loaded.update(changed)
        self.ctx.use_institution_settings(changed)
        self.saved.show()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if not isinstance(error, DeskError):
            show_error(error, self)
            return
        text = messages.describe(error)
        key = error.params.get("key") if isinstance(error, InvalidSetting) else None
        if key in self.form.errors:
            text = text.replace(str(key), setting_label(str(key)))
            self.form.errors[key].setText(text)
            self.form.errors[key].show()
        self.form.show_message(messages.sentences(self.tr("Nothing was saved."), text))
