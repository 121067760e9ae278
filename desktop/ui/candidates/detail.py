"""The candidate detail panel: personal fields masked, a "Show" button per masked field for users
who may reveal (each reveal is audited by core), and the candidate's applications."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout, QFrame, QHBoxLayout, QInputDialog, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from desktop.core.services import candidates
from desktop.core.services.candidates import CandidateDetail
from desktop.core import labels
from desktop.core.lifecycle import requests
from desktop.ui import messages
from desktop.ui.candidates.applications import ApplicationsPanel
from desktop.ui.errors import show_error
from desktop.ui.questions.models import sla_word
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

REVEALABLE = ("phone", "email", "id_number", "birth_date")


class CandidateDetailPanel(QFrame):
    sig_edit = Signal(int)   # the user asked to edit this candidate

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("detailPanel")
        self.setMinimumWidth(330)
        self.candidate_id: int | None = None
        self.detail: CandidateDetail | None = None
        self._generation = 0

        self.title = title_label("", "sectionTitle")
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.clicked.connect(self._edit_clicked)
        self.edit_button.hide()
        # a PIPL request (access, correction, deletion, restriction, consent) recorded from the record
        self.request_button = QPushButton(self.tr("Personal-data request…"))
        self.request_button.setToolTip(self.tr("Record a request of this candidate about their personal data"))
        self.request_button.clicked.connect(self._request_clicked)
        self.request_button.hide()
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.request_button)
        head.addWidget(self.edit_button)
        self.restricted = QLabel(self.tr("Processing restricted on the candidate's request (PIPL): no new "
                                         "applications or interviews."))
        self.restricted.setObjectName("formError")
        self.restricted.setWordWrap(True)
        self.restricted.hide()
        self.lift_button = QPushButton(self.tr("Lift restriction…"))
        self.lift_button.setToolTip(self.tr("The candidate withdrew the restriction, or its ground is gone: "
                                            "processing may go on (the reason is kept in the audit log)"))
        self.lift_button.clicked.connect(self._lift_clicked)
        self.lift_button.hide()
        restriction = QHBoxLayout()
        restriction.setContentsMargins(0, 0, 0, 0)
        restriction.addWidget(self.restricted, 1)
        restriction.addWidget(self.lift_button, 0, Qt.AlignmentFlag.AlignTop)

        self.placeholder = hint_label(self.tr("Select a candidate to see the details."))
        self.body = QWidget()
        self.fields = QFormLayout(self.body)
        self.fields.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        self.reveal_buttons: dict[str, QPushButton] = {}
        for name, label in (("gender", self.tr("Gender")), ("phone", self.tr("Phone")),
                            ("email", self.tr("E-mail")), ("id_number", self.tr("ID number")),
                            ("birth_date", self.tr("Date of birth")), ("education", self.tr("Education")),
                            ("school", self.tr("School")), ("major", self.tr("Major")),
                            ("years_experience", self.tr("Years of experience")), ("source_channel", self.tr("Source")),
                            ("department", self.tr("Department")), ("skills", self.tr("Skills")),
                            ("certificates", self.tr("Certificates and more")),
                            ("talent_pool", self.tr("Talent pool")), ("history", self.tr("Attendance")),
                            ("updated", self.tr("Updated"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[name] = value
            if name in REVEALABLE:
                row = QHBoxLayout()
                row.addWidget(value, 1)
                button = QPushButton(self.tr("Show"))
                button.setToolTip(self.tr("Show in clear; the access is recorded in the audit log"))
                button.setProperty("field", name)
                button.clicked.connect(self._reveal_clicked)
                button.hide()
                row.addWidget(button)
                self.reveal_buttons[name] = button
                self.fields.addRow(label, row)
            else:
                self.fields.addRow(label, value)
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.hide()

        self.applications = ApplicationsPanel(ctx, for_position=False)
        # 提问与答复: what the candidate asked (room, kiosk, mail, text message) and what we answered
        self.questions_title = title_label(self.tr("Questions and answers"), "sectionTitle")
        self.questions = QLabel()
        self.questions.setWordWrap(True)
        self.questions.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addLayout(restriction)
        layout.addWidget(self.placeholder)
        layout.addWidget(self.body)
        layout.addWidget(self.message)
        layout.addWidget(self.applications)
        layout.addWidget(self.questions_title)
        layout.addWidget(self.questions)
        layout.addStretch(1)
        self._show_empty()
        ctx.sig_changed.connect(self._changed)

    def _edit_clicked(self) -> None:
        if self.candidate_id is not None:
            self.sig_edit.emit(self.candidate_id)

    def _request_clicked(self) -> None:
        if self.detail is None:
            return
        from desktop.ui.archive.privacy_dialogs import RecordRequestDialog

        self.request_dialog = RecordRequestDialog(self.ctx, self, candidate=(self.detail.id, self.detail.data.name))
        self.request_dialog.open()

    def _lift_clicked(self) -> None:
        if self.detail is None:
            return
        reason, ok = QInputDialog.getMultiLineText(
            self, self.tr("Lift restriction"),
            self.tr("Why may %1's data be processed again? (required, kept in the audit log)").replace(
                "%1", self.detail.data.name))
        if not ok:
            return
        candidate_id, actor = self.detail.id, self.ctx.actor
        self.ctx.write(lambda session: requests.lift_restriction(session, actor, candidate_id, reason),
                       None, lambda error: show_error(error, self), entity="candidate", ids=lambda _r: (candidate_id,),
                       owner=self)

    def _reveal_clicked(self) -> None:
        self.reveal(self.sender().property("field"))

    def _show_empty(self) -> None:
        self.title.setText("")
        self.placeholder.show()
        for widget in (self.body, self.applications, self.edit_button, self.message, self.questions_title,
                       self.questions, self.request_button, self.restricted, self.lift_button):
            widget.hide()

    def show_candidate(self, candidate_id: int | None) -> None:
        self._generation += 1
        self.candidate_id = candidate_id
        if candidate_id is None:
            self.detail = None
            self._show_empty()
            self.applications.show_for(None)
            return
        generation, actor = self._generation, self.ctx.actor
        self.ctx.read(lambda session: candidates.get_candidate(session, actor, candidate_id),
                      lambda detail: self._arrived(generation, detail),
                      lambda error: self._failed(generation, error), owner=self)

    def _arrived(self, generation: int, detail: CandidateDetail) -> None:
        if generation != self._generation:
            return
        self.detail = detail
        d = detail.data
        self.title.setText(d.name)
        self.placeholder.hide()
        self.message.hide()
        for widget in (self.body, self.applications):
            widget.show()
        self.edit_button.setVisible(detail.can_edit)
        self.request_button.setVisible(detail.can_edit)
        self.restricted.setVisible(detail.restricted)
        self.lift_button.setVisible(detail.restricted and detail.can_edit)
        v = self.values
        v["gender"].setText(labels.gender(d.gender))
        v["phone"].setText(d.phone)
        v["email"].setText(d.email)
        v["id_number"].setText(d.id_number)
        v["birth_date"].setText(detail.birth_date)
        v["education"].setText(labels.education(d.education))
        v["school"].setText(d.school)
        v["major"].setText(d.major)
        v["years_experience"].setText(str(d.years_experience))
        v["source_channel"].setText(d.source_channel)
        v["department"].setText(detail.department)
        v["skills"].setText(d.skills)
        v["certificates"].setText("\n".join([d.certificates] * bool(d.certificates)
                                            + [labels.labelled(k, t) for k, t in d.profile_extra.items()]))
        v["talent_pool"].setText(
            self.tr("Consent given on {0}").format(detail.consent_date.isoformat())
            if d.talent_pool_consent and detail.consent_date else labels.yes_no(d.talent_pool_consent))
        v["history"].setText(labels.joined([self.tr("%n reschedule(s)", "", detail.reschedule_count),
                                            self.tr("%n no-show(s)", "", detail.no_show_count),
                                            self.tr("%n late arrival(s)", "", detail.late_count)]))
        v["updated"].setText(self.ctx.format_time(detail.updated_at))
        for name, button in self.reveal_buttons.items():
            has_value = bool(v[name].text())
            button.setVisible(detail.can_reveal and name in detail.masked and has_value)
        self._show_questions(detail.questions)
        if self.applications.owner is None or self.applications.owner[0] != detail.id:
            self.applications.show_for(detail.id, d.name)

    def _show_questions(self, asked: list) -> None:
        self.questions_title.setVisible(bool(asked))
        self.questions.setVisible(bool(asked))
        blocks = []
        for q in asked:
            head = " · ".join((self.ctx.format_time(q.asked_at), labels.question_topic(q.topic),
                               labels.question_source(q.source)))
            lines = [head, labels.labelled(self.tr("Q"), q.question)]
            if q.status == "answered":
                by = self.tr("answered by {0} on {1}, {2}").format(q.answered_by or "—", self.ctx.format_time(q.answered_at),
                                                                   sla_word(q.sla_met))
                lines.append(labels.with_note(labels.labelled(self.tr("A"), q.answer), by))
            else:
                lines.append(self.tr("Not answered yet: {0}, due {1}").format(q.owner or "—",
                                                                             self.ctx.format_time(q.due_at)))
            blocks.append("\n".join(lines))
        self.questions.setText("\n\n".join(blocks))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self._show_empty()
        self.placeholder.hide()
        self.message.setText(messages.describe(error))
        self.message.show()

    def reveal(self, field: str) -> None:
        """Ask core for the clear value; core writes the audit entry in the same transaction."""
        if self.candidate_id is None:
            return
        candidate_id, actor, generation = self.candidate_id, self.ctx.actor, self._generation
        button = self.reveal_buttons[field]
        button.setEnabled(False)

        def shown(value: str) -> None:
            button.setEnabled(True)
            if generation == self._generation:
                self.values[field].setText(value)
                button.hide()

        def refused(error: BaseException) -> None:
            button.setEnabled(True)
            self.message.setText(messages.describe(error))
            self.message.show()

        self.ctx.write(lambda session: candidates.reveal(session, actor, candidate_id, field), shown, refused,
                       entity="audit", ids=lambda _value: (candidate_id,), owner=self)

    def _changed(self, entity: str, ids: object) -> None:
        if entity == "candidate" and self.candidate_id is not None and (not ids or self.candidate_id in ids):
            self.show_candidate(self.candidate_id)
