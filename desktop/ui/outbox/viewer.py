"""One message of the 发件箱 as its recipient sees it: the e-mail rendered (and its plain text), its
attachments listed with name and size and readable as text (the .ics), the SMS with its parts and
counts, the OA notice, or the calendar meeting. Opened from the Outbox page (double-click or
"Open") and from an interview's message list in its detail panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QDialog, QDialogButtonBox, QFormLayout, QHeaderView, QLabel, QPlainTextEdit, QTableWidget, QTableWidgetItem, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from desktop.core import labels
from desktop.integrations import message_view
from desktop.ui import messages
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def size_text(size: int) -> str:
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KB"


def _fact_value() -> QLabel:
    """A value beside its name (recipient, a header, the subject): wrapped, and selectable so that
    HR can copy it."""
    value = QLabel()
    value.setWordWrap(True)
    value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return value


class MessageViewer(QDialog):
    def __init__(self, ctx: "AppContext", entry_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.entry_id = entry_id
        self.shown: message_view.MessageView | None = None
        self.setWindowTitle(self.tr("Message #{0}").format(entry_id))
        self.resize(820, 640)
        self.title = title_label(self.tr("Loading…"), "sectionTitle")
        self.title.setWordWrap(True)
        self.facts = QFormLayout()
        self.fact_labels: dict[str, QLabel] = {}
        for key, text in (("about", self.tr("About")), ("kind", self.tr("Kind")), ("recipient", self.tr("Recipient")),
                          ("state", self.tr("State"))):
            value = _fact_value()
            self.fact_labels[key] = value
            self.facts.addRow(text, value)
        self.header_labels: dict[str, QLabel] = {}
        self.subject = _fact_value()
        self.facts.addRow(self.tr("Subject"), self.subject)
        self.note = hint_label()
        self.note.setWordWrap(True)
        self.problem = QLabel()
        self.problem.setObjectName("formError")
        self.problem.setWordWrap(True)
        self.problem.hide()

        self.tabs = QTabWidget()
        self.rendered = QTextBrowser()
        self.rendered.setOpenLinks(False)
        self.plain = QPlainTextEdit()
        self.plain.setReadOnly(True)
        self.sms = QTableWidget(0, 3)
        self.sms.setHorizontalHeaderLabels([self.tr("Part"), self.tr("Characters"), self.tr("Text")])
        self._table(self.sms)
        self.sms_count = hint_label()
        sms_page = QWidget()
        sms_layout = QVBoxLayout(sms_page)
        sms_layout.addWidget(self.sms_count)
        sms_layout.addWidget(self.sms, 1)
        self.attachments = QTableWidget(0, 3)
        self.attachments.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Type"), self.tr("Size")])
        self._table(self.attachments)
        self.attachments.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.attachments.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.attachment_text = QPlainTextEdit()
        self.attachment_text.setReadOnly(True)
        self.attachment_text.setPlaceholderText(self.tr("Choose an attachment to read it as text."))
        attachments_page = QWidget()
        attachments_layout = QVBoxLayout(attachments_page)
        attachments_layout.addWidget(self.attachments)
        attachments_layout.addWidget(self.attachment_text, 1)
        self.attachments.itemSelectionChanged.connect(self._attachment_chosen)
        self.pages = {"rendered": (self.rendered, self.tr("As the recipient sees it")),
                      "plain": (self.plain, self.tr("Plain text")), "sms": (sms_page, self.tr("SMS parts")),
                      "attachments": (attachments_page, self.tr("Attachments"))}

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(self.facts)
        layout.addWidget(self.problem)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.load()

    @staticmethod
    def _table(table: QTableWidget) -> None:
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(True)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    def load(self) -> None:
        actor, entry_id = self.ctx.actor, self.entry_id
        self.ctx.read(lambda session: message_view.view(session, actor, entry_id), self._arrived, self._failed,
                      owner=self)

    def _failed(self, error: BaseException) -> None:
        self.title.setText(self.tr("The message cannot be shown."))
        self.problem.setText(messages.describe(error))
        self.problem.show()

    def _arrived(self, shown: message_view.MessageView) -> None:
        self.shown = shown
        row = shown.row
        self.title.setText(self.tr("{0} by {1}").format(labels.outbox_kind(row.kind), labels.channel(row.channel)))
        about = " · ".join(part for part in (row.candidate, row.position, self.ctx.format_time(row.starts_at)) if part)
        self.fact_labels["about"].setText(about or "—")
        self.fact_labels["kind"].setText(labels.outbox_kind(row.kind))
        self.fact_labels["recipient"].setText(row.recipient)
        state = labels.outbox_state(row.state)
        if row.sent_at is not None:
            state = self.tr("{0}, {1}").format(state, self.ctx.format_time(row.sent_at))
        self.fact_labels["state"].setText(state)
        for name, value in shown.headers:
            if name in ("To",) or not value:
                continue
            label = self.header_labels.get(name)
            if label is None:
                label = _fact_value()
                self.header_labels[name] = label
                self.facts.addRow(self._header_name(name), label)
            label.setText(value)
        self.subject.setText(shown.subject)
        self.facts.setRowVisible(self.subject, bool(shown.subject))   # an SMS has none
        if shown.problem:
            self.problem.setText(self.tr("This message cannot be made from its template: {0}").format(shown.problem))
            self.problem.show()
        self._fill_tabs(shown)
        notes = [self.tr("Exactly as it was sent.") if shown.as_sent
                 else self.tr("Made from the message templates as they are now.")]
        if shown.masked:
            notes.append(self.tr("Contact data you may not see is masked."))
        self.note.setText(" ".join(notes))

    def _header_name(self, name: str) -> str:
        return {"From": self.tr("From"), "Location": self.tr("Location"), "Date": self.tr("Sent"),
                "Time": self.tr("Time")}.get(name, name)

    def _fill_tabs(self, shown: message_view.MessageView) -> None:
        self.tabs.clear()
        wanted = []
        if shown.html:
            self.rendered.setHtml(shown.html)
            wanted.append("rendered")
        if shown.text:
            self.plain.setPlainText(shown.text)
            wanted.append("plain")
        if shown.sms_parts:
            self.sms_count.setText(self.tr("{0} characters, sent as {1} message(s)").format(
                shown.sms_characters, len(shown.sms_parts)))
            self.sms.setRowCount(len(shown.sms_parts))
            for n, part in enumerate(shown.sms_parts):
                for column, text in enumerate((str(n + 1), str(len(part.encode("utf-16-le")) // 2), part)):
                    self.sms.setItem(n, column, QTableWidgetItem(text))
            self.sms.resizeRowsToContents()
            wanted.append("sms")
        if shown.attachments:
            self.attachments.setRowCount(len(shown.attachments))
            for n, attachment in enumerate(shown.attachments):
                for column, text in enumerate((attachment.name, attachment.content_type, size_text(attachment.size))):
                    self.attachments.setItem(n, column, QTableWidgetItem(text))
            wanted.append("attachments")
        for key in wanted:
            widget, text = self.pages[key]
            self.tabs.addTab(widget, text)
        if "sms" in wanted:   # the parts and counts are what one opens an SMS for
            self.show_tab("sms")

    def tab_titles(self) -> list[str]:
        return [self.tabs.tabText(i) for i in range(self.tabs.count())]

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentWidget(self.pages[key][0])

    def _attachment_chosen(self) -> None:
        rows = self.attachments.selectionModel().selectedRows()
        if self.shown is None or not rows:
            self.attachment_text.clear()
            return
        self.attachment_text.setPlainText(self.shown.attachments[rows[0].row()].text)
