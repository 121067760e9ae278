"""Settings → 消息模板 (administrators): the text of every message per event, channel and language,
with the fields to insert, a live preview on a sample interview, the SMS part count, and reset to
the shipped text. Rendering is pure once the sample is loaded, so the preview follows every
keystroke without touching the database; loading and saving go through ctx.read/ctx.write."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.errors import DeskError
from desktop.core.notifications import fields, templates
from desktop.core.notifications.templates import EVENTS, LOCALES, TemplateText
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.widgets import hint_label, primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

LANGUAGE_NAMES = {"zh_CN": "中文（简体）", "en": "English"}    # each language in its own words


class TemplatesPanel(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ui_locale = "en" if ctx.language == "en" else "zh_CN"
        self.sample: dict[str, Any] | None = None
        self.facts: fields.Facts | None = None
        self.loaded: TemplateText | None = None
        self.shown: tuple[str, str, str] | None = None            # the message whose text is in the editor
        self.drafts: dict[tuple[str, str, str], tuple[str, str]] = {}   # unsaved edits of other messages

        self.event_choice = QComboBox()
        for event in EVENTS.values():
            self.event_choice.addItem(event.label(self.ui_locale), event.id)
        self.channel_choice = QComboBox()
        self.locale_choice = QComboBox()
        for code in LOCALES:
            self.locale_choice.addItem(LANGUAGE_NAMES[code], code)
        self.state = hint_label()
        self.subject = QLineEdit()
        self.body = QPlainTextEdit()
        self.body.setMinimumHeight(220)
        self.fields = QListWidget()
        self.fields.setToolTip(self.tr("Double-click a field to insert it at the cursor"))
        self.insert_button = QPushButton(self.tr("Insert field"))
        self.problem = QLabel()
        self.problem.setObjectName("error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        self.saved = QLabel(self.tr("Saved."))
        self.saved.setObjectName("success")
        self.saved.hide()
        self.save_button = primary_button(self.tr("Save template"))
        self.reset_button = QPushButton(self.tr("Reset to default"))
        self.preview_subject = QLabel()
        self.preview_subject.setWordWrap(True)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.sms_count = hint_label()
        self._build()

        self.event_choice.currentIndexChanged.connect(self._event_chosen)
        self.channel_choice.currentIndexChanged.connect(lambda _i: self.load())
        self.locale_choice.currentIndexChanged.connect(lambda _i: self.load())
        self.subject.textChanged.connect(self.update_preview)
        self.body.textChanged.connect(self.update_preview)
        self.fields.itemDoubleClicked.connect(lambda _item: self.insert_field())
        self.insert_button.clicked.connect(self.insert_field)
        self.save_button.clicked.connect(self.save)
        self.reset_button.clicked.connect(self.reset)
        self._event_chosen()
        ctx.read(lambda s: self._sample_of(s), self._sample_arrived, lambda error: show_error(error, self), owner=self)

    def _build(self) -> None:
        pick = QHBoxLayout()
        for label, combo in ((self.tr("Message"), self.event_choice), (self.tr("Channel"), self.channel_choice),
                             (self.tr("Language"), self.locale_choice)):
            pick.addWidget(QLabel(label))
            pick.addWidget(combo)
        pick.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Text"), self.body)
        editor = QVBoxLayout()
        editor.addLayout(form)
        editor.addWidget(self.problem)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.saved)
        buttons.addStretch(1)
        editor.addLayout(buttons)
        side = QVBoxLayout()
        side.addWidget(QLabel(self.tr("Fields")))
        side.addWidget(self.fields, 1)
        side.addWidget(self.insert_button)
        preview = QVBoxLayout()
        preview.addWidget(QLabel(self.tr("Preview on a sample interview")))
        preview.addWidget(self.preview_subject)
        preview.addWidget(self.preview, 1)
        preview.addWidget(self.sms_count)
        grid = QGridLayout()
        grid.addLayout(editor, 0, 0)
        grid.addLayout(side, 0, 1)
        grid.addLayout(preview, 0, 2)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 3)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr(
            "Texts of the messages sent to candidates and staff. Write fields as {field}; unknown fields are "
            "refused. Without a saved version, the shipped default text is used.")))
        column.addLayout(pick)
        column.addWidget(self.state)
        column.addLayout(grid, 1)

    @staticmethod
    def _sample_of(session) -> tuple[dict[str, Any], fields.Facts]:
        sample = templates.sample_payload(session)
        return sample, fields.load_facts(session, sample)

    def _sample_arrived(self, result: tuple[dict[str, Any], fields.Facts]) -> None:
        self.sample, self.facts = result
        self.update_preview()

    # --- choosing a template --------------------------------------------------------------------

    def key(self) -> tuple[str, str, str]:
        return self.event_choice.currentData(), self.channel_choice.currentData(), self.locale_choice.currentData()

    def _event_chosen(self, _index: int = -1) -> None:
        event = EVENTS[self.event_choice.currentData()]
        chosen = self.channel_choice.currentData()
        self.channel_choice.blockSignals(True)
        self.channel_choice.clear()
        for channel in event.channels:
            zh, en = templates.CHANNEL_LABELS[channel]
            self.channel_choice.addItem(en if self.ui_locale == "en" else zh, channel)
        self.channel_choice.setCurrentIndex(max(self.channel_choice.findData(chosen), 0))
        self.channel_choice.blockSignals(False)
        self.fields.clear()
        for field_id in sorted(event.fields, key=list(fields.FIELDS).index):
            item = QListWidgetItem(f"{fields.FIELDS[field_id].label(self.ui_locale)}  {{{field_id}}}")
            item.setData(Qt.ItemDataRole.UserRole, field_id)
            self.fields.addItem(item)
        bar = self.fields.verticalScrollBar().sizeHint().width()   # each field whole, no sideways scrolling
        self.fields.setMinimumWidth(self.fields.sizeHintForColumn(0) + 2 * self.fields.frameWidth() + bar + 4)
        self.load()

    def _stash(self) -> None:
        """Keep unsaved edits of the message shown, so choosing another message loses nothing."""
        if self.loaded is None or self.shown is None:
            return
        edits = (self.subject.text(), self.body.toPlainText())
        if edits != ((self.loaded.subject if self.subject.isEnabled() else ""), self.loaded.body):
            self.drafts[self.shown] = edits
        else:
            self.drafts.pop(self.shown, None)

    def has_unsaved_changes(self) -> bool:
        """Asked before signing out (desktop/ui/main_window.py)."""
        self._stash()
        return bool(self.drafts)

    def load(self) -> None:
        event, channel, locale = self.key()
        if channel is None:
            return
        if self.shown != (event, channel, locale):
            self._stash()
        self.save_button.setEnabled(False)
        self.reset_button.setEnabled(False)
        self.ctx.read(lambda s: templates.template_for(s, event, channel, locale), self._arrived,
                      lambda error: show_error(error, self), owner=self)

    def _arrived(self, text: TemplateText) -> None:
        if (text.event, text.channel, text.locale) != self.key():
            return                          # another choice was made meanwhile; its own load follows
        self.loaded = text
        has_subject = templates.has_subject(text.channel)
        self.subject.setEnabled(has_subject)
        self.subject.setText(text.subject if has_subject else "")
        self.body.setPlainText(text.body)
        self.problem.hide()
        self.saved.hide()
        self.state.setText(self.tr("Shipped default text.") if text.is_default
                           else self.tr("Changed by an administrator on {0}.").format(
                               self.ctx.format_time(text.updated_at)))
        self.save_button.setEnabled(True)
        self.reset_button.setEnabled(not text.is_default)
        self.shown = self.key()
        draft = self.drafts.get(self.shown)
        if draft is not None:
            if has_subject:
                self.subject.setText(draft[0])
            self.body.setPlainText(draft[1])
            self.state.setText(self.state.text() + " " + self.tr("Your unsaved changes are kept; save or reset."))

    def insert_field(self) -> None:
        item = self.fields.currentItem()
        if item is None:
            return
        target = self.subject if self.subject.hasFocus() and self.subject.isEnabled() else self.body
        placeholder = "{" + item.data(Qt.ItemDataRole.UserRole) + "}"
        if target is self.subject:
            self.subject.insert(placeholder)
        else:
            self.body.insertPlainText(placeholder)
            self.body.setFocus()

    # --- preview --------------------------------------------------------------------------------

    def update_preview(self) -> None:
        event, channel, locale = self.key()
        if self.sample is None or self.facts is None or channel is None:
            return
        subject, body = self.subject.text(), self.body.toPlainText()
        try:
            templates.validate(subject, event)
            templates.validate(body, event)
        except DeskError as error:
            self.preview_subject.setText("")
            self.preview.setPlainText(messages.describe(error))
            self.sms_count.setText("")
            return
        done = templates.render_text(event, channel, subject, body, self.sample, self.facts, locale)
        self.preview_subject.setText(self.tr("Subject: {0}").format(done.subject) if done.subject else "")
        self.preview.setPlainText(done.text)
        if channel == "sms":
            chars, parts = templates.sms_segments(done.text)
            self.sms_count.setText(self.tr("{0} characters: %n text message(s) (70 characters fit in one, "
                                           "67 per part when longer)", "", parts).format(chars))
        else:
            self.sms_count.setText("")

    # --- saving ---------------------------------------------------------------------------------

    def save(self) -> None:
        event, channel, locale = self.key()
        subject, body, actor = self.subject.text(), self.body.toPlainText(), self.ctx.actor
        self.problem.hide()
        self.saved.hide()
        self.save_button.setEnabled(False)
        self.ctx.write(lambda s: templates.save(s, actor, event, channel, locale, subject, body), self._saved,
                       self._refused, entity="message_templates", owner=self)

    def reset(self) -> None:
        event, channel, locale = self.key()
        actor = self.ctx.actor
        self.problem.hide()
        self.saved.hide()
        self.reset_button.setEnabled(False)
        self.drafts.pop((event, channel, locale), None)
        self.ctx.write(lambda s: templates.reset(s, actor, event, channel, locale), self._arrived,
                       self._refused, entity="message_templates", owner=self)

    def _saved(self, text: TemplateText) -> None:
        self.drafts.pop((text.event, text.channel, text.locale), None)
        self._arrived(text)
        self.saved.show()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.reset_button.setEnabled(self.loaded is not None and not self.loaded.is_default)
        if not isinstance(error, DeskError):
            show_error(error, self)
            return
        self.problem.setText(self.tr("Nothing was saved.") + " " + messages.describe(error))
        self.problem.show()
