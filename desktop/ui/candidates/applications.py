"""Applications in the UI: applying a candidate to a position (from the candidate page, the position
page and the booking dialog), changing an application's stage, and the panel that lists a candidate's
applications or a position's applicants with the selected application's timeline."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QButtonGroup, QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QListWidget,
    QPushButton, QRadioButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core import labels, matching
from desktop.core.errors import InvalidState, ValidationFailed
from desktop.core.permissions import Action
from desktop.core.scheduling import lookups
from desktop.core.services import applications
from desktop.core.services.applications import ApplicationInput, ApplicationRow, StageMove
from desktop.ui import messages
from desktop.ui.archive.dossiers import DossierBar
from desktop.ui.candidates.offer_section import OfferSection
from desktop.ui.forms import EditDialog
from desktop.ui.matching.report import MatchReportView, report_locale
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

SEARCH_DELAY_MS = 300


class ApplyDialog(EditDialog):
    """应聘: one candidate for one position, with the stage it starts in and where it came from. Either
    side may be given (the page it was opened from); the other is chosen here."""

    def __init__(self, ctx: "AppContext", *, candidate: tuple[int, str] | None = None,
                 position: tuple[int, str] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Apply to a position"))
        self.save_button.setText(self.tr("Apply"))
        self.fixed_candidate, self.fixed_position = candidate, position
        self.candidate_search: QLineEdit | None = None
        self.candidate = QComboBox()
        self.candidate.setMinimumWidth(300)
        self.position = QComboBox()
        self.position.setMinimumWidth(300)
        self.stage = QComboBox()
        for stage in applications.STARTING_STAGES:
            self.stage.addItem(labels.stage(stage.value), stage.value)
        self.source = QLineEdit()
        self.source.setMaxLength(50)
        self.source.setPlaceholderText(self.tr("Empty: the candidate's source channel"))
        self.hint = hint_label(self.tr("An interview is booked for an application. A candidate may apply to "
                                       "several positions; to the same position only once while it is open."))

        add = self.form.add
        if candidate is not None:
            self.candidate.addItem(candidate[1], candidate[0])
            self.candidate.setEnabled(False)
            add("candidate_id", self.tr("Candidate"), self.candidate)
        else:
            self.candidate_search = QLineEdit()
            self.candidate_search.setPlaceholderText(self.tr("Part of the candidate's name"))
            self.candidate_search.setClearButtonEnabled(True)
            add("candidate_search", self.tr("Find candidate"), self.candidate_search)
            add("candidate_id", self.tr("Candidate *"), self.candidate)
        if position is not None:
            self.position.addItem(position[1], position[0])
            self.position.setEnabled(False)
            add("position_id", self.tr("Position"), self.position)
        else:
            add("position_id", self.tr("Position *"), self.position)
        add("stage", self.tr("Stage"), self.stage)
        add("source", self.tr("Source"), self.source)
        self.assemble(self.hint)
        self.resize(560, 0)

        if position is None:
            self.save_button.setEnabled(False)
            actor = ctx.actor
            ctx.read(lambda session: lookups.positions(session, actor), self._positions_arrived, self._failed,
                     owner=self)
        if candidate is None:
            self._timer = QTimer(self)
            self._timer.setSingleShot(True)
            self._timer.setInterval(SEARCH_DELAY_MS)
            self._timer.timeout.connect(self.find_candidates)
            self.candidate_search.textChanged.connect(self._timer.start)
            self.find_candidates()

    def _failed(self, error: BaseException) -> None:
        self.form.show_message(messages.describe(error))

    def _positions_arrived(self, found: list[lookups.PositionChoice]) -> None:
        self.position.clear()
        for p in found:
            self.position.addItem(labels.with_note(p.title, p.code), p.id)
        if not found:
            self.form.show_message(self.tr("There is no open position in the departments where you book "
                                           "interviews."))
        self.save_button.setEnabled(not self.saving)

    def find_candidates(self) -> None:
        actor, text = self.ctx.actor, self.candidate_search.text() if self.candidate_search else ""
        position_id = self.fixed_position[0] if self.fixed_position else None
        self.ctx.read(lambda session: applications.candidates_to_apply(session, actor, text, position_id=position_id),
                      self._candidates_arrived, self._failed, owner=self)

    def _candidates_arrived(self, found: list[applications.CandidateChoice]) -> None:
        kept = self.candidate.currentData()
        self.candidate.clear()
        for c in found:
            self.candidate.addItem(labels.with_note(c.name, c.department) if c.department else c.name, c.id)
        index = self.candidate.findData(kept)
        self.candidate.setCurrentIndex(index if index >= 0 else (0 if found else -1))

    def work(self):
        problems = {}
        if self.candidate.currentData() is None:
            problems["candidate_id"] = "required"
        if self.position.currentData() is None:
            problems["position_id"] = "required"
        if problems:
            raise ValidationFailed(problems)
        data = ApplicationInput(self.candidate.currentData(), self.position.currentData(), self.stage.currentData(),
                                self.source.text())
        actor = self.ctx.actor
        return ((lambda session: applications.apply(session, actor, data)), "application",
                (lambda applied: (applied.application_id,)))


class StageDialog(EditDialog):
    """Move an application to another stage. A closing stage with interviews still booked asks first
    whether to keep them or to cancel them (through the approval chain)."""

    def __init__(self, ctx: "AppContext", row: ApplicationRow, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.row = row
        self.setWindowTitle(self.tr("Change stage"))
        self.save_button.setText(self.tr("Change stage"))
        self.stage = QComboBox()
        for stage in applications.MOVABLE_STAGES:
            if stage.value != row.stage:
                self.stage.addItem(labels.stage(stage.value), stage.value)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Kept on the application's timeline"))
        self.keep = QRadioButton(self.tr("Keep the booked interviews"))
        self.cancel = QRadioButton(self.tr("Cancel them (through the approval chain, everyone is told)"))
        self.choice = QButtonGroup(self)
        self.choice.addButton(self.keep)
        self.choice.addButton(self.cancel)
        self.booked_box = QWidget()
        column = QVBoxLayout(self.booked_box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.keep)
        column.addWidget(self.cancel)
        self.booked_box.hide()

        self.form.add("application", self.tr("Application"),
                      QLabel(f"{row.candidate} — " + labels.with_note(row.position, row.position_code)))
        self.form.add("current", self.tr("Current stage"), QLabel(labels.stage(row.stage)))
        self.form.add("stage", self.tr("New stage"), self.stage)
        self.form.add("reason", self.tr("Reason"), self.reason)
        self.form.add("booked", self.tr("Booked interviews"), self.booked_box)
        self._booked_label = self.form_layout.labelForField(self.booked_box.parentWidget())
        if self._booked_label is not None:
            self._booked_label.hide()
        self.assemble()
        self.resize(560, 0)

    def booked_choice(self) -> str:
        if self.booked_box.isHidden():
            return applications.ASK
        if self.keep.isChecked():
            return applications.KEEP
        if self.cancel.isChecked():
            return applications.CANCEL
        return applications.ASK

    def work(self):
        if not self.booked_box.isHidden() and self.booked_choice() == applications.ASK:
            raise ValidationFailed({"booked": "required"})
        move = StageMove(self.row.id, self.stage.currentData(), self.row.version, self.booked_choice(),
                         self.reason.text())
        actor = self.ctx.actor
        return ((lambda session: applications.move_stage(session, actor, move)), "application",
                (lambda moved: (moved.application_id,)))

    def _refused(self, error: BaseException) -> None:
        super()._refused(error)
        if isinstance(error, InvalidState) and error.params.get("status") == "booked_interviews":
            self.booked_box.show()
            if self._booked_label is not None:
                self._booked_label.show()


class ApplicationsPanel(QWidget):
    """A candidate's applications (`for_position=False`) or a position's applicants, with buttons to
    apply and to change the stage, and the timeline of the selected application."""

    sig_loaded = Signal()

    def __init__(self, ctx: "AppContext", *, for_position: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.for_position = for_position
        self.owner: tuple[int, str] | None = None
        self.rows: list[ApplicationRow] = []
        self.dialog: EditDialog | None = None
        self.headcount: int | None = None
        self._select_after: int | None = None    # a new application, selected once the list has it
        self._generation = 0
        self.title = title_label(self.tr("Applicants") if for_position else self.tr("Applications"), "sectionTitle")
        self.summary = hint_label()
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Candidate") if for_position else self.tr("Position"),
                                              self.tr("Stage"), self.tr("Applied")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(150)
        self.apply_button = QPushButton(self.tr("Add applicant…") if for_position else self.tr("Apply to a position…"))
        self.stage_button = QPushButton(self.tr("Change stage…"))
        self.stage_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.stage_button)
        buttons.addStretch(1)
        may = ctx.may(Action.INTERVIEW_SCHEDULE)
        self.apply_button.setVisible(may)
        self.stage_button.setVisible(may)
        self.dossier = DossierBar(ctx)          # 生成档案 / 打开档案 of the selected application
        self.history = QListWidget()
        self.history.setMaximumHeight(96)
        self.history.setWordWrap(True)
        self.history.hide()
        self.offer = OfferSection(ctx)
        self.match_title = title_label(self.tr("Match with the position"), "sectionTitle")
        self.match = MatchReportView()
        self.match_title.hide()
        self.match.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.dossier)
        layout.addWidget(self.history)
        layout.addWidget(self.offer)
        layout.addWidget(self.match_title)
        layout.addWidget(self.match)
        self.summary.hide()

        self.apply_button.clicked.connect(self.apply)
        self.stage_button.clicked.connect(self.change_stage)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        ctx.sig_changed.connect(self._changed)

    # --- loading -----------------------------------------------------------------------------------

    def show_for(self, owner_id: int | None, name: str = "", headcount: int | None = None) -> None:
        """The candidate's (or position's) applications; `headcount` of a position for the summary."""
        self._generation += 1
        self.owner = (owner_id, name) if owner_id is not None else None
        self.headcount = headcount
        if owner_id is None:
            self._fill([], 0, 0)
            return
        generation, actor, for_position = self._generation, self.ctx.actor, self.for_position

        def load(session):
            if for_position:
                rows, total = applications.of_position(session, actor, owner_id)
                return rows, total, applications.hired_count(session, owner_id)
            rows = applications.of_candidate(session, actor, owner_id)
            return rows, len(rows), sum(r.stage == "hired" for r in rows)

        self.ctx.read(load, lambda found: self._arrived(generation, found), self._failed, owner=self)

    def _arrived(self, generation: int, found) -> None:
        if generation == self._generation:
            self._fill(*found)
            self.sig_loaded.emit()

    def _failed(self, error: BaseException) -> None:
        self.summary.setText(messages.describe(error))
        self.summary.show()

    def _fill(self, rows: list[ApplicationRow], total: int, hired: int) -> None:
        selected = self.selected()
        self.rows = rows
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            first = row.candidate if self.for_position else labels.with_note(row.position, row.position_code)
            for column, text in enumerate((first, labels.stage(row.stage), self.ctx.format_time(row.applied_at)[:10])):
                item = QTableWidgetItem(text)
                item.setToolTip(text + ("\n" + self.tr("Source: {0}").format(row.source) if row.source else ""))
                self.table.setItem(number, column, item)
        parts = []
        if self.for_position and self.headcount is not None:
            parts.append(self.tr("Hired {0} of {1}").format(hired, self.headcount))
        if total > len(rows):
            parts.append(self.tr("showing {0} of {1}").format(len(rows), total))
        if not rows and self.owner is not None:
            parts.append(self.tr("No applicants yet.") if self.for_position
                         else self.tr("No application yet: apply to a position before booking an interview."))
        self.summary.setText(" · ".join(parts))
        self.summary.setVisible(bool(parts))
        self.apply_button.setEnabled(self.owner is not None)
        wanted = self._select_after or (selected.id if selected else None)
        if wanted is not None and self.select(wanted) and wanted == self._select_after:
            self._select_after = None
        self._selection_changed()

    def _changed(self, entity: str, _ids: object) -> None:
        # On the position page the detail panel reloads everything (its counts per stage too), this included.
        if entity in ("application", "interview") and self.owner is not None and not self.for_position:
            self.show_for(self.owner[0], self.owner[1], self.headcount)

    # --- selection and timeline --------------------------------------------------------------------

    def selected(self) -> ApplicationRow | None:
        rows = self.table.selectionModel().selectedRows()
        return self.rows[rows[0].row()] if rows and rows[0].row() < len(self.rows) else None

    def select(self, application_id: int) -> bool:
        for number, row in enumerate(self.rows):
            if row.id == application_id:
                self.table.selectRow(number)
                return True
        return False

    def _selection_changed(self) -> None:
        row = self.selected()
        self.stage_button.setEnabled(row is not None)
        self.dossier.show_for(row.id if row is not None else None)
        if row is None:
            self.history.clear()
            self.history.hide()
            self.offer.show_for(None)
            self._show_match(None)
            return
        self.offer.show_for(row.id, f"{row.candidate} — " + labels.with_note(row.position, row.position_code))
        actor, generation = self.ctx.actor, self._generation
        self.ctx.read(lambda session: applications.timeline(session, actor, row.id),
                      lambda events: self._timeline_arrived(generation, events), self._failed, owner=self)
        locale = report_locale(self.ctx.language)
        self.ctx.read(lambda session: matching.report_for_application(session, actor, row.id, locale),
                      lambda report: self._match_arrived(generation, row.id, report),
                      lambda _error: self._show_match(None), owner=self)

    def _match_arrived(self, generation: int, application_id: int, report: matching.MatchReport) -> None:
        selected = self.selected()
        if generation == self._generation and selected is not None and selected.id == application_id:
            self._show_match(report)

    def _show_match(self, report: matching.MatchReport | None) -> None:
        """The selected application's match report; none (not selected, or not for this user's eyes): hidden."""
        self.match.show_report(report)
        self.match_title.setVisible(report is not None)
        self.match.setVisible(report is not None)

    def _timeline_arrived(self, generation: int, events: list[applications.EventRow]) -> None:
        if generation != self._generation:
            return
        self.history.clear()
        for event in events:
            self.history.addItem(self.event_text(event))
        self.history.setVisible(bool(events))

    def event_text(self, event: applications.EventRow) -> str:
        d = event.detail
        text = f"{self.ctx.format_time(event.at)} " + labels.labelled(event.actor, labels.application_event(event.kind))
        if d.get("before"):
            text += f" {labels.stage(d['before'])} → {labels.stage(d.get('stage', ''))}"
        elif d.get("stage"):
            text += f" {labels.stage(d['stage'])}"
        if d.get("source"):
            text += " " + self.tr("(source: {0})").format(d["source"])
        if d.get("kept_interviews"):
            text += " " + self.tr("{0} booked interview(s) kept").format(len(d["kept_interviews"]))
        if d.get("cancel_requests"):
            text += " " + self.tr("cancellation requested for {0} interview(s)").format(len(d["cancel_requests"]))
        if d.get("reason") or d.get("note") or d.get("comment"):
            text += f" — {d.get('reason') or d.get('note') or d.get('comment')}"
        return text

    # --- actions -----------------------------------------------------------------------------------

    def apply(self) -> None:
        if self.owner is None:
            return
        side = {"position": self.owner} if self.for_position else {"candidate": self.owner}
        self.dialog = ApplyDialog(self.ctx, parent=self, **side)
        self.dialog.sig_saved.connect(self._applied)
        self.dialog.open()

    def _applied(self, applied: applications.Applied) -> None:
        self._select_after = applied.application_id

    def change_stage(self) -> None:
        row = self.selected()
        if row is not None:
            self.dialog = StageDialog(self.ctx, row, self)
            self.dialog.open()
