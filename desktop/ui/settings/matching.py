"""Settings → 匹配度 (administrators): when HR and the panel are warned of a candidate who matches the
position poorly, and the institution's own profile fields candidates are asked for
(desktop/core/matching.py, desktop/core/scheduling/match_alerts.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from desktop.core import settings
from desktop.ui.settings.inputs import StoredSettingsTab
from desktop.ui.widgets import ValidatedForm, hint_label, primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

_LABELS = {
    "match.alert_threshold": QT_TRANSLATE_NOOP("MatchSettings", "Warn below this match (%)"),
    "match.alert_minutes_before": QT_TRANSLATE_NOOP("MatchSettings", "Minutes before the interview"),
    "match.profile_fields": QT_TRANSLATE_NOOP("MatchSettings", "Own profile fields"),
}


def match_label(key: str) -> str:
    return QCoreApplication.translate("MatchSettings", _LABELS[key]) if key in _LABELS else key


class MatchSettings(StoredSettingsTab, QWidget):
    setting_label = staticmethod(match_label)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.loaded: dict[str, Any] = {}
        layout = QFormLayout()
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.form = ValidatedForm(layout, QLabel())
        self.inputs: dict[str, QWidget] = {}
        for key in _LABELS:
            spec = settings.spec_of(key)
            if spec.kind is int:
                widget: QWidget = QSpinBox()
                widget.setRange(spec.minimum or 0, spec.maximum or 100)
            else:
                widget = QLineEdit()
                widget.setMinimumWidth(420)
                widget.setPlaceholderText(self.tr("Separate with commas, e.g. 外语水平, 政治面貌, 职称"))
            self.inputs[key] = self.form.add(key, match_label(key), widget)
        self.inputs["match.alert_threshold"].setSuffix(" %")
        self.inputs["match.alert_minutes_before"].setSuffix(self.tr(" min"))
        self.saved = QLabel(self.tr("Saved."))
        self.saved.setObjectName("success")
        self.saved.hide()
        self.save_button = primary_button(self.tr("Save match settings"))
        self.save_button.clicked.connect(lambda: self.save())
        self.save_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.saved)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr(
            "Every candidate is measured against the position's weighted requirements (edited with the position). "
            "When an interview is about to start and its candidate matches below the threshold, HR and every "
            "panel member get an alert here and a message through their channels, with the main gaps and what "
            "to check; a threshold of 0 sends none.")))
        column.addWidget(self.form.banner)
        column.addLayout(layout)
        column.addWidget(hint_label(self.tr(
            "Own profile fields are asked for on every candidate's form, besides the names of the positions' own-field "
            "requirements.")))
        column.addLayout(buttons)
        column.addStretch(1)
        self.load()
