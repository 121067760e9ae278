"""Settings → 匹配度 (administrators): when HR and the panel are warned of a candidate who matches the
position poorly, and the institution's own profile fields candidates are asked for
(desktop/core/matching.py, desktop/core/scheduling/match_alerts.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.ui.settings.inputs import StoredSettingsTab, save_row, setting_column, setting_form, setting_input
from desktop.ui.widgets import hint_label

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
        layout = setting_form(self, ctx)
        for key in _LABELS:
            self.inputs[key] = self.form.add(key, match_label(key), setting_input(key, width=420))
        self.inputs["match.alert_threshold"].setSuffix(" %")
        self.inputs["match.alert_minutes_before"].setSuffix(self.tr(" min"))
        self.inputs["match.profile_fields"].setPlaceholderText(
            self.tr("Separate with commas, e.g. 外语水平, 政治面貌, 职称"))
        buttons = save_row(self, self.tr("Save match settings"))
        setting_column(self, self.tr(
            "Every candidate is measured against the position's weighted requirements (edited with the position). "
            "When an interview is about to start and its candidate matches below the threshold, HR and every "
            "panel member get an alert here and a message through their channels, with the main gaps and what "
            "to check; a threshold of 0 sends none."), layout, hint_label(self.tr(
                "Own profile fields are asked for on every candidate's form, besides the names of the positions' "
                "own-field requirements.")), buttons)
        self.load()
