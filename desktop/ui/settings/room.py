"""Settings → 面试间 (administrators): the institution's default closing checklist and number of
candidate questions (a round may set its own in the position's rounds), and the closing scripts per
scenario and language, edited like message templates with a preview on a sample candidate."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QGridLayout, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSpinBox, QVBoxLayout,
    QWidget,
)

from desktop.core import closing_scripts
from desktop.core.closing_scripts import ScriptText, ScriptValues
from desktop.core.interview_room import DEFAULT_CHECKLIST, parse_checklist
from desktop.core.notifications.templates import TemplateInvalid
from desktop.core.services import config
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}    # each language in its own words
SAMPLE = {"zh_CN": ScriptValues("张伟先生", "张伟", "人事专员", ("专业基础扎实", "表达清晰"), ("相关经验偏少",),
                                "2个工作日内通知结果"),
          "en": ScriptValues("Mr Zhang Wei", "Zhang Wei", "HR officer", ("a solid professional grounding",),
                             ("limited related experience",), "we will tell you the result within 2 working days")}


class RoomSettings(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui_locale = "en" if ctx.language == "en" else "zh_CN"
        self.loaded: ScriptText | None = None
        self.checklist = QPlainTextEdit()
        self.checklist.setPlaceholderText("\n".join(DEFAULT_CHECKLIST[self.ui_locale]))
        self.checklist.setFixedHeight(90)
        self.min_questions = QSpinBox()
        self.min_questions.setRange(0, 10)
        self.min_questions.setMaximumWidth(90)
        self.save_defaults = primary_button(self.tr("Save defaults"))
        self.defaults_state = hint_label()

        self.scenario = QComboBox()
        for code in closing_scripts.SCENARIOS:
            self.scenario.addItem(closing_scripts.label(code, self.ui_locale), code)
        self.locale = QComboBox()
        for code in closing_scripts.LOCALES:
            self.locale.addItem(LANGUAGE_NAMES[code], code)
        self.body = QPlainTextEdit()
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.script_state = hint_label()
        self.save_script = primary_button(self.tr("Save script"))
        self.reset_script = QPushButton(self.tr("Reset to default"))
        self._build()

        self.save_defaults.clicked.connect(self.store_defaults)
        self.scenario.currentIndexChanged.connect(lambda _i: self.load_script())
        self.locale.currentIndexChanged.connect(lambda _i: self.load_script())
        self.body.textChanged.connect(self.update_preview)
        self.save_script.clicked.connect(self.store_script)
        self.reset_script.clicked.connect(self.reset)
        ctx.read(lambda s: (config.get_value(s, ctx.machine_file, "room.closing_checklist"),
                            config.get_value(s, ctx.machine_file, "questions.min_per_round")),
                 self._defaults_arrived, lambda error: show_error(error, self), owner=self)
        self.load_script()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Closing checklist"), self.checklist)
        form.addRow(self.tr("Candidate's questions at least"), self.min_questions)
        defaults = QHBoxLayout()
        defaults.addWidget(self.save_defaults)
        defaults.addWidget(self.defaults_state, 1)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(self.tr("Scenario")))
        pick.addWidget(self.scenario)
        pick.addWidget(QLabel(self.tr("Language")))
        pick.addWidget(self.locale)
        pick.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_script)
        buttons.addWidget(self.reset_script)
        buttons.addWidget(self.script_state, 1)
        fields = "  ".join("{" + name + "}" for name in closing_scripts.FIELDS)
        grid = QGridLayout()
        grid.addWidget(QLabel(self.tr("Text")), 0, 0)
        grid.addWidget(QLabel(self.tr("Preview on a sample candidate")), 0, 1)
        grid.addWidget(self.body, 1, 0)
        grid.addWidget(self.preview, 1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(hint_label(self.tr(
            "Defaults for every round; a position's round may set its own checklist and number of questions. "
            "Leave the checklist empty to use the shipped list in each user's language; one item a line.")))
        layout.addLayout(form)
        layout.addLayout(defaults)
        layout.addWidget(title_label(self.tr("Closing scripts"), "sectionTitle"))
        layout.addWidget(hint_label(self.tr("Fields: {0}. A line whose field is empty is left out.").format(fields)))
        layout.addLayout(pick)
        layout.addLayout(grid, 1)
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    # --- defaults ------------------------------------------------------------------------------

    def _defaults_arrived(self, values: tuple[str, int]) -> None:
        checklist, minimum = values
        self.checklist.setPlainText(str(checklist or ""))
        self.min_questions.setValue(int(minimum))

    def store_defaults(self) -> None:
        values = {"room.closing_checklist": "\n".join(parse_checklist(self.checklist.toPlainText())),
                  "questions.min_per_round": self.min_questions.value()}
        ctx, actor = self.ctx, self.ctx.actor
        self.save_defaults.setEnabled(False)
        self.ctx.write(lambda s: config.set_values(s, actor, ctx.machine_file, values), self._defaults_saved,
                       self._defaults_refused, entity="settings", owner=self)

    def _defaults_saved(self, _keys) -> None:
        self.save_defaults.setEnabled(True)
        self.defaults_state.setText(self.tr("Saved."))

    def _defaults_refused(self, error: BaseException) -> None:
        self.save_defaults.setEnabled(True)
        self.defaults_state.setText(messages.describe(error))

    # --- scripts -------------------------------------------------------------------------------

    def key(self) -> tuple[str, str]:
        return self.scenario.currentData(), self.locale.currentData()

    def load_script(self) -> None:
        scenario, locale = self.key()
        self.save_script.setEnabled(False)
        self.ctx.read(lambda s: closing_scripts.script_for(s, scenario, locale), self._script_arrived,
                      lambda error: show_error(error, self), owner=self)

    def _script_arrived(self, text: ScriptText) -> None:
        if (text.scenario, text.locale) != self.key():
            return
        self.loaded = text
        self.body.setPlainText(text.body)
        self.problem.hide()
        self.save_script.setEnabled(True)
        self.reset_script.setEnabled(not text.is_default)
        self.script_state.setText(self.tr("Shipped text") if text.is_default else self.tr("Edited text"))

    def update_preview(self) -> None:
        _scenario, locale = self.key()
        try:
            closing_scripts.check(self.key()[0], locale, self.body.toPlainText())
        except TemplateInvalid as error:     # shown while typing; saving checks again
            self.problem.setText(messages.describe(error))
            self.problem.show()
        else:
            self.problem.hide()
        self.preview.setPlainText(closing_scripts.render(self.body.toPlainText(), SAMPLE[locale], locale))

    def store_script(self) -> None:
        (scenario, locale), body, actor = self.key(), self.body.toPlainText(), self.ctx.actor
        self.ctx.write(lambda s: closing_scripts.save(s, actor, scenario, locale, body), self._script_arrived,
                       self._script_refused, entity="closing_script", owner=self)

    def reset(self) -> None:
        (scenario, locale), actor = self.key(), self.ctx.actor
        self.ctx.write(lambda s: closing_scripts.reset(s, actor, scenario, locale), self._script_arrived,
                       self._script_refused, entity="closing_script", owner=self)

    def _script_refused(self, error: BaseException) -> None:
        self.problem.setText(messages.describe(error))
        self.problem.show()
