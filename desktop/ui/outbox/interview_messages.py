"""An interview's messages, for its detail panel: every message and calendar operation about it
(who, through which channel, what kind, where it stands), each opened in the Outbox's viewer to
read exactly what it says. Shown to those who may see the Outbox."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core import labels
from desktop.ui import messages
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.core.services.overview import OutboxRow
    from desktop.ui.context import AppContext
    from desktop.ui.outbox.viewer import MessageViewer


class InterviewMessages(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.interview_id: int | None = None
        self.rows: list[OutboxRow] = []
        self.viewer: MessageViewer | None = None
        self._generation = 0
        self.title = title_label(self.tr("Messages"), "sectionTitle")
        self.empty = hint_label(self.tr("No messages about this interview."))
        self.empty.hide()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Created"), self.tr("To"), self.tr("Message")])
        self.table.setMinimumHeight(120)     # a few rows even on a 768-pixel screen
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.open_button = QPushButton(self.tr("Open message"))
        self.open_button.setEnabled(False)
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(head)
        layout.addWidget(self.empty)
        layout.addWidget(self.table, 1)
        self.table.itemSelectionChanged.connect(
            lambda: self.open_button.setEnabled(bool(self.table.selectionModel().selectedRows())))
        self.table.cellDoubleClicked.connect(lambda row, _column: self.open_row(row))
        self.open_button.clicked.connect(self.open_selected)
        ctx.sig_changed.connect(self._changed)

    def show_interview(self, interview_id: int | None) -> None:
        self._generation += 1
        self.interview_id = interview_id
        if interview_id is None:
            self.rows = []
            self.table.setRowCount(0)
            return
        generation, actor = self._generation, self.ctx.actor

        def read(session):
            # the message views (mail parsing, the outbox's row types) load with the first interview
            # shown, on the reader thread, not with the Today page that holds this panel
            from desktop.integrations import message_view

            return message_view.interview_messages(session, actor, interview_id)

        self.ctx.read(read, lambda rows: self._arrived(generation, rows), lambda error: self._failed(generation, error),
                      owner=self)

    def _changed(self, entity: str, ids: object) -> None:
        if self.interview_id is not None and (entity == "outbox" or (entity == "interview" and (
                not ids or self.interview_id in ids))):
            self.show_interview(self.interview_id)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.empty.setText(messages.describe(error))
            self.empty.show()

    def _arrived(self, generation: int, rows: list[OutboxRow]) -> None:
        if generation != self._generation:
            return
        self.rows = rows
        self.empty.setText(self.tr("No messages about this interview."))
        self.empty.setVisible(not rows)
        self.table.setRowCount(len(rows))
        for n, row in enumerate(rows):
            texts = (self.ctx.local(row.created_at).strftime("%m-%d %H:%M"), row.recipient,
                     self.tr("{0} ({1}) · {2}").format(labels.outbox_kind(row.kind), labels.channel(row.channel),
                                                       labels.outbox_state(row.state)))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, row.id)
                self.table.setItem(n, column, item)
        self.open_button.setEnabled(False)

    def open_selected(self) -> MessageViewer | None:
        rows = self.table.selectionModel().selectedRows()
        return self.open_row(rows[0].row()) if rows else None

    def open_row(self, row: int) -> MessageViewer | None:
        if not 0 <= row < len(self.rows):
            return None
        from desktop.ui.outbox.viewer import MessageViewer

        self.viewer = MessageViewer(self.ctx, self.rows[row].id, self)
        self.viewer.open()
        return self.viewer
