"""The position detail panel: requirements, interview rounds, and applicants per stage."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core.services import positions
from desktop.core.services.positions import PositionDetail
from desktop.core import labels
from desktop.ui import messages
from desktop.ui.candidates.applications import ApplicationsPanel
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def _table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return table


def _fit_height(table: QTableWidget) -> None:
    """Show every row of these short tables without a scroll bar."""
    rows = sum(table.rowHeight(r) for r in range(table.rowCount()))
    table.setFixedHeight(table.horizontalHeader().height() + rows + 2 * table.frameWidth())


class PositionDetailPanel(QFrame):
    sig_edit = Signal(object)   # the PositionDetail to edit (carries the version)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("detailPanel")
        self.setMinimumWidth(330)
        self.position_id: int | None = None
        self.detail: PositionDetail | None = None
        self._generation = 0

        self.title = title_label("", "sectionTitle")
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.clicked.connect(self._edit_clicked)
        self.edit_button.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.edit_button)
        self.placeholder = hint_label(self.tr("Select a position to see the details."))

        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for name, label in (("code", self.tr("Code")), ("department", self.tr("Department")),
                            ("headcount", self.tr("Headcount")), ("post_type", self.tr("Post type")),
                            ("education", self.tr("Minimum education")),
                            ("min_years", self.tr("Minimum years")), ("skills", self.tr("Skills")),
                            ("status", self.tr("Status")), ("dates", self.tr("Open")),
                            ("description", self.tr("Description"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[name] = value
            form.addRow(label, value)
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.hide()

        self.rounds_title = title_label(self.tr("Interview rounds"), "sectionTitle")
        self.rounds = _table([self.tr("Round"), self.tr("Kind"), self.tr("Minutes")])
        self.rounds_button = QPushButton(self.tr("Room settings of the rounds…"))
        self.rounds_button.setToolTip(self.tr("Planned duration, closing checklist and the candidate's questions "
                                              "of each round"))
        self.rounds_button.clicked.connect(self.edit_rounds)
        self.rounds_form = None
        self.stages_title = title_label(self.tr("Applicants per stage"), "sectionTitle")
        self.stages = _table([self.tr("Stage"), self.tr("Applicants")])
        self.applicants = ApplicationsPanel(ctx, for_position=True)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        for widget in (self.placeholder, self.body, self.message, self.applicants, self.rounds_title, self.rounds,
                       self.rounds_button, self.stages_title, self.stages):
            layout.addWidget(widget)
        layout.addStretch(1)
        self._sections = (self.body, self.applicants, self.rounds_title, self.rounds, self.stages_title, self.stages)
        self._show_empty()
        ctx.sig_changed.connect(self._changed)

    def _edit_clicked(self) -> None:
        if self.detail is not None:
            self.sig_edit.emit(self.detail)

    def edit_rounds(self) -> None:
        """The rounds' room settings (desktop/ui/positions/rounds.py), read fresh before editing."""
        from desktop.core.services import rounds
        from desktop.ui.errors import show_error
        from desktop.ui.positions.rounds import RoundsForm

        if self.position_id is None:
            return
        actor, position_id = self.ctx.actor, self.position_id

        def arrived(found) -> None:
            self.rounds_form = RoundsForm(self.ctx, position_id, found, self)
            self.rounds_form.open()
        self.ctx.read(lambda session: rounds.position_rounds(session, actor, position_id), arrived,
                      lambda error: show_error(error, self), owner=self)

    def _show_empty(self) -> None:
        self.rounds_button.hide()
        self.title.setText("")
        self.placeholder.show()
        self.edit_button.hide()
        self.message.hide()
        for widget in self._sections:
            widget.hide()

    def show_position(self, position_id: int | None) -> None:
        self._generation += 1
        self.position_id = position_id
        if position_id is None:
            self.detail = None
            self._show_empty()
            self.applicants.show_for(None)
            return
        generation, actor = self._generation, self.ctx.actor
        self.ctx.read(lambda session: positions.get_position(session, actor, position_id),
                      lambda detail: self._arrived(generation, detail),
                      lambda error: self._failed(generation, error), owner=self)

    def _arrived(self, generation: int, detail: PositionDetail) -> None:
        if generation != self._generation:
            return
        self.detail = detail
        d = detail.data
        self.title.setText(d.title)
        self.placeholder.hide()
        self.message.hide()
        for widget in self._sections:
            widget.show()
        self.edit_button.setVisible(detail.can_edit)
        self.rounds_button.setVisible(detail.can_edit)
        v = self.values
        v["code"].setText(d.code)
        v["department"].setText(detail.department)
        v["headcount"].setText(str(d.headcount))
        v["post_type"].setText(labels.post_type(d.post_type) if d.post_type else self.tr("Not set"))
        v["education"].setText(labels.education(d.education))
        v["min_years"].setText(str(d.min_years))
        v["skills"].setText(d.skills)
        v["status"].setText(labels.position_status(d.status))
        v["dates"].setText(self.tr("{0} to {1}").format(d.opened_on.isoformat() if d.opened_on else "—",
                                                        d.closes_on.isoformat() if d.closes_on else "—"))
        v["description"].setText(d.description)
        self.rounds.setRowCount(len(detail.rounds))
        for row, r in enumerate(detail.rounds):
            for column, text in enumerate((r.name, labels.round_kind(r.kind), str(r.duration_minutes))):
                self.rounds.setItem(row, column, QTableWidgetItem(text))
        self.stages.setRowCount(len(labels.STAGES))
        for row, stage in enumerate(labels.STAGES):
            self.stages.setItem(row, 0, QTableWidgetItem(labels.stage(stage)))
            self.stages.setItem(row, 1, QTableWidgetItem(str(detail.applicants_by_stage.get(stage, 0))))
        _fit_height(self.stages)
        _fit_height(self.rounds)
        self.applicants.show_for(detail.id, d.title, d.headcount)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._show_empty()
        self.placeholder.hide()
        self.message.setText(messages.describe(error))
        self.message.show()

    def _changed(self, entity: str, ids: object) -> None:
        if entity in ("position", "application") and self.position_id is not None and \
                (not ids or self.position_id in ids or entity == "application"):
            self.show_position(self.position_id)
