"""新建面试: book one interview — the application (candidate and position), round, time, place and
panel — with the slot finder offering the earliest free times and the conflict check shown before
saving; soft conflicts may be overridden with a reason, hard ones never.

安排下一轮: opened with a `prefill` (desktop.core.next_round.NextRound) after a round was passed, it
starts on that application, its next round with the round's duration, and the panel most recently
booked for that round; HR still chooses the time and may change everything."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QTime, QTimer
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QPushButton, QSpinBox, QTimeEdit, QVBoxLayout, QWidget,
)

from desktop.core.errors import ConflictsFound, ValidationFailed
from desktop.core.model import InterviewMode, Role
from desktop.core.permissions import Action
from desktop.core.next_round import NextRound
from desktop.core.scheduling import booking, lookups, slots
from desktop.core.services import applications
from desktop.core.scheduling.office import OfficeHours
from desktop.core import labels
from desktop.ui import messages
from desktop.ui.candidates.applications import ApplyDialog
from desktop.ui.forms import EditDialog
from desktop.ui.schedule.pickers import ConflictList, PeoplePicker, RoomCombo, SlotList
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

CHECK_DELAY_MS = 350
SLOT_DAYS = 14


def first_free_start(session, day: date) -> datetime:
    """Where a new booking starts by default: the next working slot from the day the schedule shows,
    never in the past (weekends, holidays and working weekend days from the holiday calendar)."""
    hours = OfficeHours.load(session)
    return hours.next_working_start(max(session.info["clock"].now(), hours.at(day, time(0, 0))))


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class BookingDialog(EditDialog):
    def __init__(self, ctx: "AppContext", *, day: date | None = None, prefill: NextRound | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.prefill = prefill
        self.setWindowTitle(self.tr("Book the next round") if prefill else self.tr("New interview"))
        self.save_button.setText(self.tr("Book"))
        self.applications: list[lookups.ApplicationChoice] = []
        self._generation = 0
        self._time_touched = False     # the user's own date or time is never replaced by the default
        self._conflict_banner = False  # the banner says why the last save was refused for conflicts

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Candidate name, position title or code"))
        self.search.setClearButtonEnabled(True)
        self.application = QComboBox()
        self.application.setMinimumWidth(320)
        # Candidates the search finds who have no open application yet: applied here, then booked.
        self.unapplied = QComboBox()
        self.unapplied.setMinimumWidth(200)
        self.apply_button = QPushButton(self.tr("Apply to a position…"))
        self.apply_hint = hint_label()
        self.unapplied_box = QWidget()
        box = QVBoxLayout(self.unapplied_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(self.apply_hint)
        choose = QHBoxLayout()
        choose.addWidget(self.unapplied, 1)
        choose.addWidget(self.apply_button)
        box.addLayout(choose)
        self.apply_dialog: ApplyDialog | None = None
        self._wanted_application: int | None = None
        self._wanted_round: int | None = None
        self.round = QComboBox()
        self.day = QDateEdit(qdate(day or ctx.today() + timedelta(days=1)))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.start = QTimeEdit(QTime(9, 0))
        self.start.setDisplayFormat("HH:mm")
        when = QWidget()
        row = QHBoxLayout(when)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.day)
        row.addWidget(self.start)
        self.duration = QSpinBox()
        self.duration.setRange(10, 480)
        self.duration.setSingleStep(5)
        self.duration.setValue(30)
        self.duration.setSuffix(self.tr(" min"))
        self.mode = QComboBox()
        for code in (InterviewMode.ONSITE.value, InterviewMode.VIDEO.value):
            self.mode.addItem(labels.interview_mode(code), code)
        self.room = RoomCombo()
        self.video_link = QLineEdit()
        self.video_link.setPlaceholderText("https://")
        self.interviewers = PeoplePicker(self.tr("Filter by name or department"))
        self.observers = PeoplePicker(self.tr("Filter by name or department"))
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("Why the conflict is acceptable (recorded in the audit log)"))

        self.round.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.round.setMinimumWidth(220)
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mode.setMinimumWidth(220)
        self.room.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.room.setMinimumWidth(220)
        add = self.form.add
        add("search", self.tr("Find"), self.search)
        add("application_id", self.tr("Application *"), self.application)
        add("unapplied", self.tr("Not yet applied"), self.unapplied_box)
        add("round_id", self.tr("Round *"), self.round)
        add("starts_at", self.tr("Date and time *"), when)
        add("duration_minutes", self.tr("Duration"), self.duration)
        add("mode", self.tr("Mode"), self.mode)
        add("room_id", self.tr("Room"), self.room)
        add("video_link", self.tr("Video link"), self.video_link)
        add("interviewer_ids", self.tr("Interviewers *"), self.interviewers)
        add("observer_ids", self.tr("Observers"), self.observers)
        add("override_reason", self.tr("Override reason"), self.override)

        self.find_button = QPushButton(self.tr("Find free slots"))
        self.slot_list = SlotList(ctx.tz)
        self.conflicts = ConflictList(ctx.tz)
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Free slots"), "sectionTitle"))
        side.addWidget(hint_label(self.tr("The earliest times in the next two weeks when the interviewers, "
                                          "the observers, the candidate and a room are free.")))
        side.addWidget(self.find_button)
        side.addWidget(self.slot_list, 1)
        side.addWidget(title_label(self.tr("Conflict check"), "sectionTitle"))
        side.addWidget(self.conflicts)
        columns = QHBoxLayout()
        columns.addLayout(self.form_layout, 3)
        columns.addLayout(side, 2)
        self.prefill_hint = hint_label()
        self.prefill_hint.setWordWrap(True)
        self.prefill_hint.setObjectName("prefillHint")
        self.prefill_hint.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.banner)
        layout.addWidget(self.prefill_hint)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self.resize(940, 640)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(self.load_applications)
        self._check_timer = QTimer(self)
        self._check_timer.setSingleShot(True)
        self._check_timer.setInterval(CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_conflicts)
        self.search.textChanged.connect(self._search_timer.start)
        self.application.currentIndexChanged.connect(self._application_changed)
        self.round.currentIndexChanged.connect(self._round_changed)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        for signal in (self.day.dateChanged, self.start.timeChanged, self.duration.valueChanged,
                       self.room.currentIndexChanged, self.interviewers.sig_changed, self.observers.sig_changed):
            signal.connect(self._input_changed)
        self.apply_button.clicked.connect(self.apply_candidate)
        self.find_button.clicked.connect(self.find_slots)
        self.slot_list.sig_picked.connect(self.use_slot)
        self._set_override_visible(False)
        self._mode_changed()
        self.save_button.setEnabled(False)
        for signal in (self.day.dateChanged, self.start.timeChanged):
            signal.connect(self._time_changed)
        self.validate_live()
        if prefill is not None:
            self._use_prefill(prefill)
        shown = day or ctx.today()
        ctx.read(lambda session: (lookups.rooms(session), lookups.people(session, Role.INTERVIEWER),
                                  lookups.people(session), first_free_start(session, shown)),
                 self._choices_arrived, self._failed, owner=self)
        self.load_applications()

    def _use_prefill(self, prefill: NextRound) -> None:
        self._wanted_application = prefill.application_id
        self._wanted_round = prefill.round_id
        self.interviewers.set_checked(prefill.interviewer_ids)
        if prefill.interviewer_ids and prefill.panel_from is not None:
            note = self.tr("The panel is the one last booked for this round ({0}); change it if needed.").format(
                f"{self.ctx.local(prefill.panel_from):%Y-%m-%d}")
        else:
            note = self.tr("This round has not been booked before: choose its panel.")
        if prefill.booked:
            note += " " + self.tr("This round is already booked for this candidate.")
        self.prefill_hint.setText(labels.labelled(labels.with_note(self.tr("Next round"), prefill.round), note))
        self.prefill_hint.show()

    # --- choices -------------------------------------------------------------------------------

    def _choices_arrived(self, found) -> None:
        rooms, interviewers, everyone, first_free = found
        if not self._time_touched:
            local = first_free.astimezone(self.ctx.tz)
            self.day.setDate(qdate(local.date()))
            self.start.setTime(QTime(local.hour, local.minute))
            self._time_touched = False
        self.room.set_rooms(rooms)
        if self.prefill is not None:    # the proposed panel is listed even where someone lacks the interviewer role
            listed, proposed = {p.id for p in interviewers}, set(self.prefill.interviewer_ids)
            interviewers = [*interviewers, *(p for p in everyone if p.id in proposed - listed)]
        self.interviewers.set_people(interviewers)
        self.observers.set_people(everyone)
        self.save_button.setEnabled(not self.saving)

    def _failed(self, error: BaseException) -> None:
        self.form.show_message(messages.describe(error))

    def load_applications(self) -> None:
        actor, text = self.ctx.actor, self.search.text()
        may_apply = self.ctx.may(Action.CANDIDATE_VIEW)

        only = self.prefill.application_id if self.prefill is not None and not text.strip() else None

        def find(session):
            found = lookups.find_applications(session, actor, text, application_id=only)
            return found, (applications.candidates_to_apply(session, actor, text) if may_apply else [])

        self.ctx.read(find, self._found, self._failed, owner=self)

    def _found(self, found) -> None:
        apps, unapplied = found
        self._show_unapplied(unapplied, bool(apps))
        self._applications_arrived(apps)

    def _show_unapplied(self, unapplied: list[applications.CandidateChoice], any_application: bool) -> None:
        self.unapplied.clear()
        for c in unapplied:
            self.unapplied.addItem(labels.with_note(c.name, c.department) if c.department else c.name, (c.id, c.name))
        if not any_application:
            self.apply_hint.setText(self.tr("No application matches: apply the candidate to a position first."))
        else:
            self.apply_hint.setText(self.tr("These candidates have no open application yet."))
        visible = bool(unapplied) or not any_application
        self.unapplied.setVisible(bool(unapplied))
        self.apply_button.setVisible(bool(unapplied))
        self.unapplied_box.setVisible(visible)
        label = self.form_layout.labelForField(self.unapplied_box.parentWidget())
        if label is not None:
            label.setVisible(visible)

    def apply_candidate(self) -> None:
        """Apply the chosen candidate to a position; the new application is then chosen for booking."""
        chosen = self.unapplied.currentData()
        if chosen is None:
            return
        self.apply_dialog = ApplyDialog(self.ctx, candidate=chosen, parent=self)
        self.apply_dialog.sig_saved.connect(self._applied)
        self.apply_dialog.open()

    def _applied(self, applied: applications.Applied) -> None:
        self._wanted_application = applied.application_id
        self.load_applications()

    def _applications_arrived(self, found: list[lookups.ApplicationChoice]) -> None:
        kept = self._wanted_application or self.application.currentData()
        if self._wanted_application is not None and any(a.id == self._wanted_application for a in found):
            self._wanted_application = None
        self.applications = found
        self.application.blockSignals(True)
        self.application.clear()
        for app in found:
            self.application.addItem(labels.with_note(f"{app.candidate} — {app.position}", app.position_code), app.id)
        index = self.application.findData(kept)
        self.application.setCurrentIndex(index if index >= 0 else (0 if found else -1))
        self.application.blockSignals(False)
        self._application_changed()

    def chosen(self) -> lookups.ApplicationChoice | None:
        return next((a for a in self.applications if a.id == self.application.currentData()), None)

    def _application_changed(self, _index: int = -1) -> None:
        app = self.chosen()
        kept = self._wanted_round or self.round.currentData()
        if app is not None and any(r.id == self._wanted_round for r in app.rounds):
            self._wanted_round = None          # the next round is chosen once; then it is the user's choice
        self.round.blockSignals(True)
        self.round.clear()
        for rnd in app.rounds if app else ():
            self.round.addItem(labels.with_note(rnd.name, labels.round_kind(rnd.kind)), rnd.id)
        index = self.round.findData(kept)
        self.round.setCurrentIndex(index if index >= 0 else (0 if self.round.count() else -1))
        self.round.blockSignals(False)
        self._round_changed()

    def _round_changed(self, _index: int = -1) -> None:
        app = self.chosen()
        rnd = next((r for r in (app.rounds if app else ()) if r.id == self.round.currentData()), None)
        if rnd is not None:
            self.duration.setValue(rnd.duration_minutes)
        self._input_changed()

    def _mode_changed(self, _index: int = -1) -> None:
        onsite = self.mode.currentData() == InterviewMode.ONSITE.value
        self.room.setEnabled(onsite)
        self.video_link.setEnabled(not onsite)
        self._input_changed()

    def _time_changed(self, *_args) -> None:
        self._time_touched = True

    def _input_changed(self, *_args) -> None:
        if self._conflict_banner:   # the refusal was about the input as it was; the check below is current
            self.form.banner.hide()
            self._conflict_banner = False
        self.conflicts.show_pending()
        self._set_override_visible(False)
        self._check_timer.start()

    def _set_override_visible(self, visible: bool) -> None:
        self.override.setVisible(visible)
        label = self.form_layout.labelForField(self.override.parentWidget())
        if label is not None:
            label.setVisible(visible)

    # --- what would be booked -----------------------------------------------------------------

    def starts_at(self) -> datetime:
        local = datetime.combine(pydate(self.day.date()), time(self.start.time().hour(), self.start.time().minute()),
                                 tzinfo=self.ctx.tz)
        return local.astimezone(timezone.utc)

    def booking_input(self) -> booking.BookingInput:
        problems = {}
        if self.chosen() is None:
            problems["application_id"] = "required"
        if self.round.currentData() is None:
            problems["round_id"] = "required"
        if problems:
            raise ValidationFailed(problems)
        return self._entered(self.chosen().id, self.round.currentData())

    def _entered(self, application_id: int, round_id: int) -> booking.BookingInput:
        mode = InterviewMode(self.mode.currentData())
        return booking.BookingInput(
            application_id=application_id, round_id=round_id, starts_at=self.starts_at(),
            duration_minutes=self.duration.value(), mode=mode, interviewer_ids=self.interviewers.checked_ids(),
            room_id=self.room.room_id() if mode == InterviewMode.ONSITE else None,
            video_link=self.video_link.text() if mode == InterviewMode.VIDEO else "",
            observer_ids=tuple(i for i in self.observers.checked_ids() if i not in self.interviewers.checked_ids()))

    def live_problems(self) -> dict[str, str]:
        problems = {}
        if self.chosen() is None:
            problems["application_id"] = "required"
        if self.round.currentData() is None:
            problems["round_id"] = "required"
        try:
            booking.validate(self._entered(0, 0))
        except ValidationFailed as found:
            problems.update(found.problems)
        return problems

    def check_conflicts(self) -> None:
        try:
            data = self.booking_input()
        except ValidationFailed:
            return
        if not data.interviewer_ids or (data.mode == InterviewMode.ONSITE and data.room_id is None):
            return
        self._generation += 1
        generation = self._generation
        self.conflicts.show_checking()
        self.ctx.read(lambda session: lookups.check_booking(
            session, data.application_id, data.starts_at, data.duration_minutes, data.mode, data.room_id,
            data.interviewer_ids, data.observer_ids), lambda found: self._checked(generation, found),
            self._failed, owner=self)

    def _checked(self, generation: int, found) -> None:
        if generation == self._generation:
            self.conflicts.show_conflicts(found)
            self._set_override_visible(self.conflicts.soft)

    def find_slots(self) -> None:
        app, interviewers = self.chosen(), self.interviewers.checked_ids()
        if app is None or not interviewers:
            self.form.show_problems(ValidationFailed({"application_id": "required"} if app is None
                                                     else {"interviewer_ids": "required"}))
            return
        self.form.clear()
        first = max(pydate(self.day.date()), self.ctx.today())
        request = slots.SlotRequest(
            interviewer_ids=interviewers, duration_minutes=self.duration.value(), first_day=first,
            last_day=first + timedelta(days=SLOT_DAYS), mode=InterviewMode(self.mode.currentData()),
            candidate_id=app.candidate_id, observer_ids=self.observers.checked_ids(), count=10)
        self.find_button.setEnabled(False)
        self.ctx.read(lambda session: slots.find_slots(session, request, session.info["clock"].now()),
                      self._slots_found, self._slots_failed, owner=self)

    def _slots_found(self, found) -> None:
        self.find_button.setEnabled(True)
        self.slot_list.set_slots(found)

    def _slots_failed(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        self._failed(error)

    def use_slot(self, slot: slots.Slot) -> None:
        local = slot.starts_at.astimezone(self.ctx.tz)
        self.day.setDate(qdate(local.date()))
        self.start.setTime(QTime(local.hour, local.minute))
        if slot.room_id is not None:
            self.room.setCurrentIndex(max(0, self.room.findData(slot.room_id)))

    # --- saving --------------------------------------------------------------------------------

    def work(self):
        data = self.booking_input()
        actor = self.ctx.actor
        override = self.override.text() if not self.override.isHidden() else ""
        return ((lambda session: booking.book(session, actor, data, override_reason=override)), "interview",
                (lambda booked: (booked.interview_id,)))

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, ConflictsFound):
            self.saving = False
            self.save_button.setEnabled(True)
            self.conflicts.show_conflicts(error.conflicts)
            self._set_override_visible(error.overridable)
            self.form.show_message(messages.describe(error))
            self._conflict_banner = True
            return
        super()._refused(error)
