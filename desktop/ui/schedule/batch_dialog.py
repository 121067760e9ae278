"""批量安排: place several applicants of one position and round into consecutive slots of one
interview day (the lunch break kept, taken times skipped), preview the plan, then book it."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTime
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
    QTimeEdit, QVBoxLayout, QWidget,
)

from desktop.core.errors import ValidationFailed
from desktop.core.model import InterviewMode, Role
from desktop.core.scheduling import booking, lookups
from desktop.core import labels
from desktop.ui import messages
from desktop.ui.forms import EditDialog
from desktop.ui.schedule import words
from desktop.ui.schedule.booking_dialog import first_free_start, pydate, qdate
from desktop.ui.schedule.detail import fill_table, small_table
from desktop.ui.schedule.pickers import PeoplePicker, RoomCombo
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class BatchDialog(EditDialog):
    def __init__(self, ctx: "AppContext", *, day=None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Batch scheduling"))
        self.save_button.setText(self.tr("Book them all"))
        self.positions: list[lookups.PositionChoice] = []
        self.names: dict[int, str] = {}
        self.planned = False

        self.position = QComboBox()
        self.position.setMinimumWidth(300)
        self.round = QComboBox()
        self.applicants = QListWidget()
        self.applicants.setMinimumHeight(140)
        self.all_box = QCheckBox(self.tr("Select all"))
        applicants = QWidget()
        column = QVBoxLayout(applicants)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.all_box)
        column.addWidget(self.applicants)
        self.day = QDateEdit(qdate(day or ctx.today()))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.first = QTimeEdit(QTime(9, 0))
        self.first.setDisplayFormat("HH:mm")
        self.duration = QSpinBox()
        self.duration.setRange(10, 480)
        self.duration.setSingleStep(5)
        self.duration.setValue(30)
        self.duration.setSuffix(self.tr(" min"))
        self.gap = QSpinBox()
        self.gap.setRange(0, 120)
        self.gap.setSingleStep(5)
        self.gap.setSuffix(self.tr(" min"))
        self.mode = QComboBox()
        for code in (InterviewMode.ONSITE.value, InterviewMode.VIDEO.value):
            self.mode.addItem(labels.interview_mode(code), code)
        self.room = RoomCombo()
        self.video_link = QLineEdit()
        self.video_link.setPlaceholderText("https://")
        self.interviewers = PeoplePicker(self.tr("Filter by name or department"))

        self.round.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.round.setMinimumWidth(220)
        self.mode.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.mode.setMinimumWidth(220)
        self.room.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.room.setMinimumWidth(220)
        add = self.form.add
        add("position", self.tr("Position *"), self.position)
        add("round_id", self.tr("Round *"), self.round)
        add("application_ids", self.tr("Applicants *"), applicants)
        add("day", self.tr("Day *"), self.day)
        add("first_start", self.tr("First start"), self.first)
        add("duration_minutes", self.tr("Duration each"), self.duration)
        add("gap_minutes", self.tr("Pause between"), self.gap)
        add("mode", self.tr("Mode"), self.mode)
        add("room_id", self.tr("Room"), self.room)
        add("video_link", self.tr("Video link"), self.video_link)
        add("interviewer_ids", self.tr("Interviewers *"), self.interviewers)

        self.preview_button = QPushButton(self.tr("Preview plan"))
        self.plan = small_table([self.tr("Candidate"), self.tr("Time")])
        self.unplaced = hint_label()
        side = QVBoxLayout()
        side.addWidget(title_label(self.tr("Plan"), "sectionTitle"))
        side.addWidget(hint_label(self.tr("Consecutive slots inside working hours; times when an interviewer, the "
                                          "room or the candidate is taken are skipped.")))
        side.addWidget(self.preview_button)
        side.addWidget(self.plan, 1)
        side.addWidget(self.unplaced)
        columns = QHBoxLayout()
        columns.addLayout(self.form_layout, 3)
        columns.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form.banner)
        layout.addLayout(columns, 1)
        layout.addWidget(self.buttons)
        self.resize(900, 640)

        self.position.currentIndexChanged.connect(self._position_changed)
        self.round.currentIndexChanged.connect(self._round_changed)
        self.all_box.toggled.connect(self._select_all)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.preview_button.clicked.connect(self.preview)
        self._mode_changed()
        self.save_button.setEnabled(False)
        actor = ctx.actor
        shown = day or ctx.today()
        ctx.read(lambda session: (lookups.positions(session, actor), lookups.rooms(session),
                                  lookups.people(session, Role.INTERVIEWER), first_free_start(session, shown)),
                 self._choices_arrived, self._failed, owner=self)

    def _failed(self, error: BaseException) -> None:
        self.form.show_message(messages.describe(error))

    def _choices_arrived(self, found) -> None:
        self.positions, rooms, interviewers, first_free = found
        local = first_free.astimezone(self.ctx.tz)     # the next working slot, as 新建面试 starts
        self.day.setDate(qdate(local.date()))
        self.first.setTime(QTime(local.hour, local.minute))
        self.room.set_rooms(rooms)
        self.interviewers.set_people(interviewers)
        self.position.blockSignals(True)
        for p in self.positions:
            self.position.addItem(labels.with_note(p.title, p.code), p.id)
        self.position.blockSignals(False)
        self._position_changed()
        self.save_button.setEnabled(True)

    def chosen_position(self) -> lookups.PositionChoice | None:
        return next((p for p in self.positions if p.id == self.position.currentData()), None)

    def _position_changed(self, _index: int = -1) -> None:
        position = self.chosen_position()
        self.round.blockSignals(True)
        self.round.clear()
        for rnd in position.rounds if position else ():
            self.round.addItem(labels.with_note(rnd.name, labels.round_kind(rnd.kind)), rnd.id)
        self.round.blockSignals(False)
        self._round_changed()
        self.applicants.clear()
        if position is None:
            return
        actor, position_id = self.ctx.actor, position.id
        self.ctx.read(lambda session: lookups.find_applications(session, actor, position_id=position_id, limit=500),
                      self._applicants_arrived, self._failed, owner=self)

    def _round_changed(self, _index: int = -1) -> None:
        position = self.chosen_position()
        rnd = next((r for r in (position.rounds if position else ()) if r.id == self.round.currentData()), None)
        if rnd is not None:
            self.duration.setValue(rnd.duration_minutes)

    def _applicants_arrived(self, found: list[lookups.ApplicationChoice]) -> None:
        self.applicants.clear()
        self.names = {a.id: a.candidate for a in found}
        for app in found:
            item = QListWidgetItem(labels.with_note(app.candidate, labels.stage(app.stage)))
            item.setData(Qt.ItemDataRole.UserRole, app.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.applicants.addItem(item)

    def _select_all(self, checked: bool) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for row in range(self.applicants.count()):
            self.applicants.item(row).setCheckState(state)

    def _mode_changed(self, _index: int = -1) -> None:
        onsite = self.mode.currentData() == InterviewMode.ONSITE.value
        self.room.setEnabled(onsite)
        self.video_link.setEnabled(not onsite)

    def checked_applications(self) -> tuple[int, ...]:
        return tuple(self.applicants.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.applicants.count())
                     if self.applicants.item(r).checkState() == Qt.CheckState.Checked)

    def batch_input(self) -> booking.BatchInput:
        apps, round_id = self.checked_applications(), self.round.currentData()
        problems = {}
        if not apps:
            problems["application_ids"] = "required"
        if round_id is None:
            problems["round_id"] = "required"
        if not self.interviewers.checked_ids():
            problems["interviewer_ids"] = "required"
        if problems:
            raise ValidationFailed(problems)
        day = pydate(self.day.date())
        first = datetime.combine(day, time(self.first.time().hour(), self.first.time().minute()),
                                 tzinfo=self.ctx.tz).astimezone(timezone.utc)
        mode = InterviewMode(self.mode.currentData())
        return booking.BatchInput(
            application_ids=apps, round_id_by_application={a: round_id for a in apps}, day=day,
            duration_minutes=self.duration.value(), mode=mode, interviewer_ids=self.interviewers.checked_ids(),
            room_id=self.room.room_id() if mode == InterviewMode.ONSITE else None,
            video_link=self.video_link.text() if mode == InterviewMode.VIDEO else "", first_start=first,
            gap_minutes=self.gap.value())

    def preview(self) -> None:
        try:
            data = self.batch_input()
        except ValidationFailed as problems:
            self.form.show_problems(problems)
            return
        self.form.clear()
        self.preview_button.setEnabled(False)
        self.ctx.read(lambda session: booking.plan_batch(session, data, session.info["clock"].now()),
                      self._planned, self._preview_failed, owner=self)

    def _preview_failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        self._failed(error)

    def _planned(self, found) -> None:
        plan, unplaced = found
        self.preview_button.setEnabled(True)
        self.planned = True
        duration = self.duration.value()
        fill_table(self.plan, [(self.names.get(app, f"#{app}"),
                                words.when(self.ctx.tz, start, start + timedelta(minutes=duration)))
                               for app, start in plan])
        self.unplaced.setText(self.tr("No room in the day for: {0}").format(
            labels.joined(self.names.get(a, f"#{a}") for a in unplaced)) if unplaced else "")

    def work(self):
        data = self.batch_input()
        actor = self.ctx.actor
        return ((lambda session: booking.book_batch(session, actor, data)), "interview",
                (lambda result: tuple(iid for _app, iid, _start in result.booked)))
