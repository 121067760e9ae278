"""Settings → 面试后 (administrators): the thank-you after the interview, its short survey (three to
five questions, 1–5, answered by replying with digits) and what an automatic answer to a
candidate's "进度" may tell (desktop/core/after_interview.py, desktop/core/candidate_replies.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from desktop.core import labels
from desktop.core.errors import DeskError, InvalidSetting
from desktop.ui.settings.inputs import StoredSettingsTab, save_row, setting_column, setting_form

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

CONTEXT = "AfterInterviewSettings"
_LABELS = {
    "after.thank_you_enabled": QT_TRANSLATE_NOOP("AfterInterviewSettings", "Thank-you message"),
    "after.next_step_default": QT_TRANSLATE_NOOP("AfterInterviewSettings", "Next step when none was told"),
    "survey.enabled": QT_TRANSLATE_NOOP("AfterInterviewSettings", "Survey"),
    "survey.questions": QT_TRANSLATE_NOOP("AfterInterviewSettings", "Questions (one a line)"),
    "survey.questions_en": QT_TRANSLATE_NOOP("AfterInterviewSettings", "Questions in English"),
    "replies.progress_visibility": QT_TRANSLATE_NOOP("AfterInterviewSettings", "Answer to “进度”"),
}
_VISIBILITY = (
    ("stage_and_next", QT_TRANSLATE_NOOP("AfterInterviewSettings", "Stage and next step")),
    ("stage", QT_TRANSLATE_NOOP("AfterInterviewSettings", "Stage only")),
    ("contact_only", QT_TRANSLATE_NOOP("AfterInterviewSettings", "Only that HR will be in touch")),
)


def label_of(key: str) -> str:
    return QCoreApplication.translate(CONTEXT, _LABELS[key]) if key in _LABELS else key


class AfterInterviewSettings(StoredSettingsTab, QWidget):
    setting_label = staticmethod(label_of)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = setting_form(self, ctx, fields_grow=True)
        thanks = QCheckBox(self.tr("Send within 10 minutes of the interview's end"))
        survey = QCheckBox(self.tr("Ask 3 to 5 questions, answered 1 to 5 by replying with digits"))
        next_step = QLineEdit()
        next_step.setMinimumWidth(360)
        questions, english = QPlainTextEdit(), QPlainTextEdit()
        for box in (questions, english):
            box.setFixedHeight(96)
            box.setMinimumWidth(480)
        visibility = QComboBox()
        for code, text in _VISIBILITY:
            visibility.addItem(QCoreApplication.translate(CONTEXT, text), code)
        for key, widget in (("after.thank_you_enabled", thanks), ("after.next_step_default", next_step),
                            ("survey.enabled", survey), ("survey.questions", questions),
                            ("survey.questions_en", english), ("replies.progress_visibility", visibility)):
            self.inputs[key] = self.form.add(key, label_of(key), widget)
        buttons = save_row(self, self.tr("Save"))
        setting_column(self, self.tr(
            "After each interview the candidate is thanked by e-mail and SMS, told the next step the interviewer "
            "gave at the close, and asked a short survey. The wording is in Message templates. A candidate who "
            "replies “进度” or “progress” is answered at once with what you allow here."), layout, buttons)
        self.load()

    def describe(self, error: DeskError) -> str:
        if isinstance(error, InvalidSetting) and error.params.get("reason") == "survey_count":
            key = str(error.params.get("key", ""))
            return labels.labelled(label_of(key), self.tr("Write 3 to 5 questions, one a line (now {0}).")
                                   .format(error.params.get("count", 0)))
        return super().describe(error)
