"""The dialogs of the personal-data requests tab: recording a request (find the candidate, kind,
channel, dates, owner, what was asked, the corrections asked for), handling it (what will happen, the
copy of the data for an access request, a remark or a refusal, the answer as the candidate reads it)
and closing it without an answer. Every database step runs off the UI thread."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTimer
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout, QLabel,
    QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop.core import labels
from desktop.core.errors import DeskError, ValidationFailed
from desktop.core.lifecycle import request_answers, requests
from desktop.core.model import Education, Gender
from desktop.core.services import candidates
from desktop.core.services.paging import ListQuery
from desktop.ui import messages
from desktop.ui.archive import lifecycle_words
from desktop.ui.errors import show_error
from desktop.ui.widgets import SearchBox, ValidatedForm, hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

ENTITY = "personal_data_request"
TEXT_FIELDS = ("name", "phone", "email", "id_number", "school", "major", "years_experience", "skills",
               "certificates", "experience")


def _date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class RecordRequestDialog(QDialog):
    """登记请求: a candidate's request as it arrived. `candidate` presets who (from the candidate's record)."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None,
                 candidate: tuple[int, str] | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.recorded_id: int | None = None
        self.setWindowTitle(self.tr("Record a personal-data request"))
        self.search = SearchBox(self.tr("Candidate's name"))
        self.search.setMinimumWidth(220)
        self.candidate = QComboBox()
        self.candidate.setMinimumWidth(260)
        self.kind = QComboBox()
        for code in requests.KINDS:
            self.kind.addItem(labels.privacy_kind(code), code)
        self.channel = QComboBox()
        self.channel.addItem(labels.channel("email"), "email")
        self.channel.addItem(labels.channel("sms"), "sms")
        self.received_via = QComboBox()
        for code in requests.RECEIVED_VIA:
            self.received_via.addItem(labels.received_via(code), code)
        today = ctx.today()
        self.received_on = QDateEdit(_qdate(today))
        self.received_on.setCalendarPopup(True)
        self.received_on.setDisplayFormat("yyyy-MM-dd")
        self.own_deadline = QCheckBox(self.tr("Another deadline:"))
        self.due_on = QDateEdit(_qdate(today))
        self.due_on.setCalendarPopup(True)
        self.due_on.setDisplayFormat("yyyy-MM-dd")
        self.due_on.setEnabled(False)
        self.own_deadline.toggled.connect(self.due_on.setEnabled)
        due_row = QWidget()
        due_layout = QHBoxLayout(due_row)
        due_layout.setContentsMargins(0, 0, 0, 0)
        due_layout.addWidget(hint_label(self.tr("{0} working days after receipt, unless:").format(
            ctx.institution.get("privacy.request_days", 15))))
        due_layout.addWidget(self.own_deadline)
        due_layout.addWidget(self.due_on, 1)
        self.owner = QComboBox()
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("What the candidate asked for, in your words"))
        self.note.setMaximumHeight(70)
        self.banner = QLabel()
        self.form = ValidatedForm(QFormLayout(), self.banner)
        who = QWidget()
        who_layout = QHBoxLayout(who)
        who_layout.setContentsMargins(0, 0, 0, 0)
        who_layout.addWidget(self.search)
        who_layout.addWidget(self.candidate, 1)
        self.form.add("candidate_id", self.tr("Candidate"), who)
        self.form.add("kind", self.tr("Request"), self.kind)
        self.form.add("received_on", self.tr("Received on"), self.received_on)
        self.form.add("received_via", self.tr("How it came"), self.received_via)
        self.form.add("due_on", self.tr("Deadline"), due_row)
        self.form.add("channel", self.tr("Answer by"), self.channel)
        self.form.add("owner_id", self.tr("Owner"), self.owner)
        self.form.add("note", self.tr("Details"), self.note)
        # the corrections the candidate asks for: empty means unchanged
        self.corrections_box = QWidget()
        corrections = QFormLayout(self.corrections_box)
        corrections.setContentsMargins(0, 0, 0, 0)
        self.correction_inputs: dict[str, QWidget] = {}
        self.correction_form = ValidatedForm(corrections, QLabel())
        for name in ("name", "gender", "phone", "email", "id_number", "education", "school", "major",
                     "years_experience", "certificates", "skills", "experience"):
            if name in ("gender", "education"):
                widget = QComboBox()
                widget.addItem(self.tr("(unchanged)"), None)
                for value in (Gender if name == "gender" else Education):
                    widget.addItem(labels.gender(value.value) if name == "gender" else labels.education(value.value),
                                   value.value)
            else:
                widget = QLineEdit()
                widget.setPlaceholderText(self.tr("(unchanged)"))
            self.correction_inputs[name] = widget
            self.correction_form.add(f"corrections.{name}", messages.field_label(name), widget)
        self.buttons = QDialogButtonBox()
        self.save_button = primary_button(self.tr("Record"))
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.save_button.clicked.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addLayout(self.form.layout)
        self.corrections_title = title_label(self.tr("Corrections asked for"), "sectionTitle")
        layout.addWidget(self.corrections_title)
        layout.addWidget(self.corrections_box)
        layout.addWidget(self.correction_form.banner)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.search.sig_search.connect(self.find)
        self.candidate.currentIndexChanged.connect(self._candidate_changed)
        self._kind_changed()
        self.resize(620, 480)
        if candidate is not None:
            self.search.setText(candidate[1])
            self.search.setEnabled(False)
            self.candidate.addItem(candidate[1], candidate[0])
        self._candidate_changed()

    def _kind_changed(self, *_args) -> None:
        correcting = self.kind.currentData() == "correct"
        self.corrections_title.setVisible(correcting)
        self.corrections_box.setVisible(correcting)
        self.adjustSize()

    def find(self, text: str) -> None:
        if not text:
            return
        actor = self.ctx.actor
        query = ListQuery(search=text, limit=30)

        def search(session):
            return candidates.list_candidates(session, actor, query).rows

        def failed(error: BaseException) -> None:
            self.form.show_message(messages.describe(error))

        if candidates.is_identifier_search(text):   # a phone or ID number: the search is recorded (a write)
            self.ctx.write(search, self._found, failed, entity="audit", owner=self)
        else:
            self.ctx.read(search, self._found, failed, owner=self)

    def _found(self, rows) -> None:
        self.candidate.clear()
        for row in rows:
            self.candidate.addItem(labels.joined([row.name, row.department or "—", row.phone or "—"]), row.id)
        if not rows:
            self.form.show_message(self.tr("No candidate of that name; check the spelling."))

    def _candidate_changed(self, *_args) -> None:
        candidate_id = self.candidate.currentData()
        self.owner.clear()
        if candidate_id is None:
            return
        actor = self.ctx.actor
        self.ctx.read(lambda session: requests.owner_choices(session, actor, candidate_id), self._owners,
                      lambda error: self.form.show_message(messages.describe(error)), owner=self)

    def _owners(self, people: list[tuple[int, str]]) -> None:
        self.owner.clear()
        for user_id, name in people:
            self.owner.addItem(name, user_id)
        mine = self.owner.findData(self.ctx.actor.user_id)
        if mine >= 0:
            self.owner.setCurrentIndex(mine)

    def data(self) -> requests.RequestInput:
        asked: dict[str, str] = {}
        if self.kind.currentData() == "correct":
            for name, widget in self.correction_inputs.items():
                value = widget.currentData() if isinstance(widget, QComboBox) else widget.text().strip()
                if value:
                    asked[name] = value
        return requests.RequestInput(
            candidate_id=self.candidate.currentData(), kind=self.kind.currentData(), channel=self.channel.currentData(),
            received_on=_date(self.received_on.date()), received_via=self.received_via.currentData(),
            owner_id=self.owner.currentData(), note=self.note.toPlainText(), corrections=asked,
            due_on=_date(self.due_on.date()) if self.own_deadline.isChecked() else None)

    def save(self) -> None:
        data, actor = self.data(), self.ctx.actor
        self.form.clear()
        self.correction_form.clear()
        self.save_button.setEnabled(False)
        self.ctx.write(lambda session: requests.record(session, actor, data), self._recorded, self._refused,
                       entity=ENTITY, ids=lambda request_id: (request_id,), owner=self)

    def _recorded(self, request_id: int) -> None:
        self.recorded_id = request_id
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, ValidationFailed):     # the corrections' problems beside them, below the form
            theirs = {k: v for k, v in error.problems.items() if k.startswith("corrections")}
            mine = {k: v for k, v in error.problems.items() if k not in theirs}
            if theirs:
                self.correction_form.show_problems(ValidationFailed(theirs))
            if mine:
                self.form.show_problems(ValidationFailed(mine))
            return
        self.form.show_message(messages.describe(error))
        if not isinstance(error, DeskError):
            show_error(error, self)


class HandleDialog(QDialog):
    """处理与答复: what answering will do, the copy of the data (access), a remark or a refusal, and the
    answer as the candidate will read it. Opening it takes the request up (open → in progress)."""

    def __init__(self, ctx: "AppContext", row: requests.RequestRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.plan: request_answers.Plan | None = None
        self.answered: requests.Answered | None = None
        self._generation = 0
        self.setWindowTitle(self.tr("Handle and answer the request"))
        head = QLabel(labels.joined([row.candidate, labels.privacy_kind(row.kind),
                                     self.tr("received {0}").format(row.received_on.isoformat()),
                                     self.tr("due {0}").format(ctx.format_time(row.due_at))]))
        head.setObjectName("sectionTitle")
        head.setWordWrap(True)
        self.asked = hint_label(row.note)
        self.asked.setVisible(bool(row.note))
        self.effect = QLabel()
        self.effect.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export the copy to a folder…"))
        self.export_button.clicked.connect(self.export)
        self.attach = QCheckBox(self.tr("Attach the copy (PDF and JSON) to the e-mail answer"))
        self.attach.setChecked(True)
        self.export_state = hint_label()
        export_row = QHBoxLayout()
        export_row.addWidget(self.export_button)
        export_row.addWidget(self.attach)
        export_row.addStretch(1)
        is_access = row.kind == "access"
        self.export_button.setVisible(is_access)
        self.attach.setVisible(is_access and row.channel == "email")
        self.export_state.setVisible(is_access)
        self.refuse = QCheckBox(self.tr("Refuse the request, for this reason:"))
        self.reason = QPlainTextEdit()
        self.reason.setMaximumHeight(60)
        self.reason.setEnabled(False)
        self.refuse.toggled.connect(self.reason.setEnabled)
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(self.tr("A remark for the candidate (optional)"))
        self.note.setMaximumHeight(60)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setObjectName("answerPreview")
        self.preview.setMinimumHeight(180)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.send_button = primary_button(self.tr("Send the answer"))
        self.send_button.setEnabled(False)
        self.buttons.addButton(self.send_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.send_button.clicked.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(400)
        self._timer.timeout.connect(self.refresh)
        for edit in (self.note, self.reason):
            edit.textChanged.connect(self._timer.start)
        self.refuse.toggled.connect(lambda _on: self.refresh())
        self.attach.toggled.connect(lambda _on: self.refresh())
        layout = QVBoxLayout(self)
        layout.addWidget(head)
        layout.addWidget(self.asked)
        layout.addWidget(self.effect)
        layout.addLayout(export_row)
        layout.addWidget(self.export_state)
        layout.addWidget(self.refuse)
        layout.addWidget(self.reason)
        layout.addWidget(title_label(self.tr("Remark"), "sectionTitle"))
        layout.addWidget(self.note)
        layout.addWidget(title_label(self.tr("The answer the candidate receives"), "sectionTitle"))
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(700, 680)
        self._take_up()

    def _take_up(self) -> None:
        actor, request_id, version = self.ctx.actor, self.row.id, self.row.version
        if self.row.status != requests.OPEN:
            self.refresh()
            return
        self.ctx.write(lambda session: requests.start(session, actor, request_id, version),
                       lambda _version: self.refresh(), self._failed, entity=ENTITY,
                       ids=lambda _version: (request_id,), owner=self)

    def refresh(self) -> None:
        self._generation += 1
        generation, actor, request_id = self._generation, self.ctx.actor, self.row.id
        note, reason = self.note.toPlainText(), self.reason.toPlainText() if self.refuse.isChecked() else ""
        attach = self.attach.isChecked()
        self.ctx.read(lambda session: request_answers.plan(session, actor, request_id, note=note,
                                                           refuse_reason=reason, attach=attach),
                      lambda plan: self._planned(generation, plan), self._failed, owner=self)

    def _planned(self, generation: int, plan: request_answers.Plan) -> None:
        if generation != self._generation:
            return
        self.plan = plan
        self.error.hide()
        self.effect.setText(self._effect_text(plan))
        if self.row.kind == "access":
            self.export_state.setText(self.tr("The copy was exported to a folder.") if plan.exported
                                      else self.tr("Not exported yet."))
        via = labels.with_note(labels.channel(plan.channel), plan.recipient)
        head = labels.labelled(self.tr("To"), via)
        subject = labels.labelled(self.tr("Subject"), plan.subject) + "\n" if plan.subject else ""
        self.preview.setPlainText(f"{head}\n{subject}\n{plan.text}")
        self.send_button.setText(self._send_words(plan.outcome))
        ready = plan.outcome != "access" or plan.exported or plan.attach
        self.send_button.setEnabled(ready)

    def _effect_text(self, plan: request_answers.Plan) -> str:
        if plan.outcome == "refused":
            return self.tr("Nothing is changed; the candidate is told why the request is refused.")
        if plan.outcome == "access":
            return self.tr("The candidate receives a copy of their data: a readable PDF and the same data as JSON.")
        if plan.outcome == "corrected":
            changes = labels.joined(labels.labelled(messages.field_label(k), str(v)) for k, v in plan.corrections.items())
            return self.tr("These corrections are made in the candidate's record: {0}").format(changes)
        if plan.outcome == "anonymised":
            return self.tr("Outside retention: the candidate's personal data is deleted for good (anonymised). "
                           "This cannot be undone.")
        if plan.outcome == "retained":
            until = plan.retention.until.isoformat() if plan.retention and plan.retention.until else self.tr("permanently")
            return self.tr("Inside retention ({0}, until {1}): the data cannot be deleted yet. Its processing is "
                           "restricted instead (no new applications or interviews), the talent pool is left, and the "
                           "answer explains why and until when.").format(
                lifecycle_words.record_class(plan.retention.record_class) if plan.retention else "", until)
        if plan.outcome == "restricted":
            return self.tr("Processing is restricted: no new applications or interviews for this candidate.")
        if plan.in_talent_pool:
            return self.tr("The candidate leaves the talent pool and their consent is withdrawn.")
        return self.tr("The candidate is not in the talent pool; their consent is recorded as withdrawn.")

    def _send_words(self, outcome: str) -> str:
        return {"corrected": self.tr("Correct and send the answer"),
                "anonymised": self.tr("Anonymise and send the answer"),
                "retained": self.tr("Restrict and send the answer"), "restricted": self.tr("Restrict and send the answer"),
                "consent_withdrawn": self.tr("Withdraw consent and send the answer"),
                "refused": self.tr("Send the refusal")}.get(outcome, self.tr("Send the answer"))

    def export(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Folder for the copy"))
        if not folder:
            return
        from desktop.integrations.documents import personal_data

        actor, request_id = self.ctx.actor, self.row.id
        self.export_button.setEnabled(False)

        def done(paths) -> None:
            self.export_button.setEnabled(True)
            self.export_state.setText(self.tr("Written: {0}").format(labels.joined(p.name for p in paths)))
            self.refresh()

        def failed(error: BaseException) -> None:
            self.export_button.setEnabled(True)
            self._failed(error)

        self.ctx.write(lambda session: personal_data.export(session, actor, request_id, folder), done, failed,
                       entity=ENTITY, ids=lambda _paths: (request_id,), owner=self)

    def send(self) -> None:
        plan = self.plan
        if plan is None:
            return
        if plan.outcome == "anonymised" and QMessageBox.question(
                self, self.tr("Anonymise the candidate"),
                self.tr("The candidate's personal data will be deleted for good. Continue?")) \
                != QMessageBox.StandardButton.Yes:
            return
        actor, request_id, version = self.ctx.actor, self.row.id, plan.version
        note, reason = self.note.toPlainText(), self.reason.toPlainText() if self.refuse.isChecked() else ""
        if self.refuse.isChecked() and not reason.strip():
            self._failed(ValidationFailed({"reason": "required"}))
            return
        attach = self.attach.isChecked()
        self.send_button.setEnabled(False)
        self.ctx.write(lambda session: request_answers.answer(session, actor, request_id, version, note=note,
                                                             refuse_reason=reason, attach=attach),
                       self._sent, self._refused, entity=ENTITY, ids=lambda _answered: (request_id,), owner=self)

    def _sent(self, answered: requests.Answered) -> None:
        self.answered = answered
        self.ctx.sig_changed.emit("candidate", (self.row.candidate_id,))
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.send_button.setEnabled(True)
        self._failed(error)

    def _failed(self, error: BaseException) -> None:
        self.error.setText(messages.describe(error))
        self.error.show()
        if not isinstance(error, DeskError):
            show_error(error, self)


class CloseDialog(QDialog):
    """Close a request without an answer (the requester withdrew it, a duplicate): the reason stays."""

    def __init__(self, ctx: "AppContext", row: requests.RequestRow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.row = ctx, row
        self.setWindowTitle(self.tr("Close without an answer"))
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText(self.tr("Why, e.g. the candidate withdrew the request in writing"))
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox()
        self.ok = primary_button(self.tr("Close the request"))
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.ok.clicked.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(labels.joined([row.candidate, labels.privacy_kind(row.kind)])))
        layout.addWidget(self.reason)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def save(self) -> None:
        actor, request_id, version, reason = self.ctx.actor, self.row.id, self.row.version, self.reason.toPlainText()
        self.ok.setEnabled(False)
        self.ctx.write(lambda session: requests.close(session, actor, request_id, version, reason),
                       lambda _none: self.accept(), self._refused, entity=ENTITY, ids=lambda _none: (request_id,),
                       owner=self)

    def _refused(self, error: BaseException) -> None:
        self.ok.setEnabled(True)
        self.error.setText(messages.describe(error))
        self.error.show()

