"""日程 Schedule: a day or a week, by interviewer or by room, for one department or all; blocks to
click for the detail and to drag for a change request; booking one interview or a batch."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QButtonGroup, QDateEdit, QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from desktop.core.model import ChangeKind
from desktop.core.permissions import Action
from desktop.core.scheduling import desk_views, lookups
from desktop.core.scheduling.booking import BatchResult
from desktop.ui.errors import show_error
from desktop.ui.forms import DepartmentPicker
from desktop.ui.schedule.batch_dialog import BatchDialog
from desktop.ui.schedule.booking_dialog import BookingDialog, pydate, qdate
from desktop.ui.schedule.calendar_files import CalendarFilesButton, dialog_for
from desktop.ui.schedule.canvas import Move, ScheduleCanvas
from desktop.ui.schedule.change_dialog import ChangeRequestDialog
from desktop.ui.schedule.colors import Legend
from desktop.ui.schedule.detail import InterviewDetailPanel, request_outcome
from desktop.ui.widgets import hint_label, primary_button, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def _toggle(texts: list[str], parent: QWidget) -> tuple[QButtonGroup, list[QPushButton]]:
    group = QButtonGroup(parent)
    buttons = []
    for n, text in enumerate(texts):
        button = QPushButton(text)
        button.setCheckable(True)
        button.setProperty("toggle", True)
        group.addButton(button, n)
        buttons.append(button)
    buttons[0].setChecked(True)
    return group, buttons


class SchedulePage(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = ctx.today()
        self.board: desk_views.ScheduleBoard | None = None
        self.dialog = None
        self._generation = 0
        self.loading = False

        self.span_group, (self.day_button, self.week_button) = _toggle([self.tr("Day"), self.tr("Week")], self)
        self.week_button.setChecked(True)
        self.by_group, (self.by_interviewer, self.by_room) = _toggle([self.tr("By interviewer"), self.tr("By room")],
                                                                     self)
        self.previous = QPushButton("◀")
        self.previous.setToolTip(self.tr("Earlier"))
        self.today_button = QPushButton(self.tr("Today"))
        self.next = QPushButton("▶")
        self.next.setToolTip(self.tr("Later"))
        self.date = QDateEdit(qdate(self.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.department = DepartmentPicker(ctx, optional=True, none_text=self.tr("All departments"))
        self.range = QLabel()
        self.new_button: QPushButton | None = None
        self.batch_button: QPushButton | None = None

        # two rows, so that the page fits 1280 pixels in Chinese and in English: what is shown and
        # what to do on top, how it is shown (span, lanes, date, department) below
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Schedule")))
        head.addSpacing(12)
        head.addWidget(self.range)
        head.addStretch(1)
        self.setStyleSheet(
            "QPushButton[toggle=true] { padding: 4px 12px; border: 1px solid #c4c8ce; border-radius: 3px;"
            " background: #ffffff; }"
            "QPushButton[toggle=true]:checked { background: #e3ecfa; border-color: #2f6fd1; color: #1d4f9c; }")
        self.calendar_files = CalendarFilesButton()
        self.calendar_files.sig_open.connect(self.open_calendar_files)
        self.calendar_files.import_action.setVisible(ctx.may(Action.INTERVIEW_SCHEDULE))
        head.addWidget(self.calendar_files)
        if ctx.may(Action.INTERVIEW_SCHEDULE):
            self.new_button = primary_button(self.tr("New interview"))
            self.batch_button = QPushButton(self.tr("Batch scheduling"))
            head.addWidget(self.new_button)
            head.addWidget(self.batch_button)
            self.new_button.clicked.connect(self.new_interview)
            self.batch_button.clicked.connect(self.batch)
        controls = QHBoxLayout()
        for widget in (self.day_button, self.week_button):
            controls.addWidget(widget)
        controls.addSpacing(8)
        for widget in (self.by_interviewer, self.by_room):
            controls.addWidget(widget)
        controls.addSpacing(8)
        for button in (self.previous, self.next):
            button.setFixedWidth(34)
        for widget in (self.previous, self.today_button, self.next, self.date, self.department):
            controls.addWidget(widget)
        controls.addSpacing(16)

        self.status = QLabel()
        self.status.setObjectName("success")
        self.status.setWordWrap(True)
        self.canvas = ScheduleCanvas()
        self.detail = InterviewDetailPanel(ctx)
        board = QWidget()
        column = QVBoxLayout(board)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.canvas, 1)
        column.addWidget(Legend())
        splitter = QSplitter()
        splitter.addWidget(board)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        self.detail.hide()     # shown when an interview is clicked: the week gets the whole width until then
        layout = QVBoxLayout(self)
        if ctx.may(Action.CHANGE_REQUEST):
            controls.addWidget(hint_label(self.tr("Drag an interview to another time or lane to propose a change.")),
                               1)
        else:
            controls.addStretch(1)
        layout.addLayout(head)
        layout.addLayout(controls)
        layout.addWidget(self.status)
        layout.addWidget(splitter, 1)
        self.status.hide()

        self.span_group.idClicked.connect(self._view_changed)
        self.by_group.idClicked.connect(self._view_changed)
        self.previous.clicked.connect(self.show_previous)
        self.next.clicked.connect(self.show_next)
        self.today_button.clicked.connect(self.show_today)
        self.date.dateChanged.connect(self._date_picked)
        self.department.currentIndexChanged.connect(self._view_changed)
        self.canvas.sig_block_clicked.connect(self.detail.show_interview)
        self.canvas.sig_block_moved.connect(self.propose_move)
        self.detail.sig_status.connect(self.show_status)
        ctx.sig_changed.connect(self._changed)
        self.load()

    # --- what is shown -----------------------------------------------------------------------

    @property
    def days(self) -> int:
        return 1 if self.day_button.isChecked() else 7

    @property
    def by(self) -> str:
        return "room" if self.by_room.isChecked() else "interviewer"

    @property
    def first_day(self) -> date:
        return self.day if self.days == 1 else self.day - timedelta(days=self.day.weekday())

    def show_day(self, day: date) -> None:
        self.day = day
        self.date.blockSignals(True)
        self.date.setDate(qdate(day))
        self.date.blockSignals(False)
        self.load()

    def open_interview(self, interview_id: int, starts_at=None) -> None:
        """Go to the interview's day and open its detail (from a notice, for instance)."""
        if starts_at is not None:
            self.show_day(self.ctx.local(starts_at).date())
        self.detail.show_interview(interview_id)

    def show_previous(self) -> None:
        self.show_day(self.day - timedelta(days=self.days))

    def show_next(self) -> None:
        self.show_day(self.day + timedelta(days=self.days))

    def show_today(self) -> None:
        self.show_day(self.ctx.today())

    def _date_picked(self, value) -> None:
        self.show_day(pydate(value))

    def _view_changed(self, *_args) -> None:
        self.load()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("interview", "change_request", "alert") or (entity == "clock" and not self.canvas.dragging):
            self.load()

    def load(self) -> None:
        self._generation += 1
        generation, actor = self._generation, self.ctx.actor
        first, days, by, dept = self.first_day, self.days, self.by, self.department.department_id()
        last = first + timedelta(days=days - 1)
        self._range_text = first.isoformat() if days == 1 else self.tr("{0} to {1}").format(first.isoformat(),
                                                                                          last.isoformat())
        self.range.setText(self._range_text)
        self.loading = True
        self.ctx.read(lambda session: desk_views.schedule_board(session, actor, first, days, by, dept),
                      lambda board: self._arrived(generation, board),
                      lambda error: self._failed(generation, error), owner=self)

    def _arrived(self, generation: int, board: desk_views.ScheduleBoard) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.board = board
        self.canvas.set_board(board, self.ctx.tz, can_drag=self.ctx.may(Action.CHANGE_REQUEST))
        interviews = len({b.interview_id for b in board.view.blocks})
        self.range.setText(self._range_text + " · " + self.tr("%n interview(s)", "", interviews))

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(error, self)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # --- booking -------------------------------------------------------------------------------

    def new_interview(self) -> None:
        self.dialog = BookingDialog(self.ctx, day=self.day, parent=self)   # it moves on to the next working slot
        self.dialog.sig_saved.connect(self._booked)
        self.dialog.open()

    def _booked(self, booked) -> None:
        self.show_status(self.tr("Interview booked; the invitations are on their way."))
        self.detail.show_interview(booked.interview_id)

    def batch(self) -> None:
        self.dialog = BatchDialog(self.ctx, day=self.day, parent=self)   # it moves on to the next working slot
        self.dialog.sig_saved.connect(self._batch_booked)
        self.dialog.open()

    def _batch_booked(self, result: BatchResult) -> None:
        text = self.tr("%n interview(s) booked.", "", len(result.booked))
        if result.unplaced:
            text += " " + self.tr("%n applicant(s) did not fit into the day.", "", len(result.unplaced))
        self.show_status(text)

    def open_calendar_files(self, mode: str) -> None:
        self.dialog = dialog_for(self.ctx, mode, self.board, self.first_day, self.days, parent=self)
        self.dialog.sig_done.connect(self.show_status)
        self.dialog.open()

    # --- dragging ------------------------------------------------------------------------------

    def propose_move(self, move: Move) -> None:
        actor = self.ctx.actor
        self.ctx.read(lambda session: lookups.interview_facts(session, actor, move.interview_id),
                      lambda facts: self._open_change(move, facts), lambda error: show_error(error, self),
                      owner=self)

    def _open_change(self, move: Move, facts: lookups.InterviewFacts) -> None:
        lanes = {lane.id: lane.name for lane in self.board.view.lanes} if self.board else {}
        options: dict = {"starts_at": move.starts_at}
        if move.to_lane != move.from_lane:
            if self.board is not None and self.board.view.by == "room":
                options.update(room_id=move.to_lane, room_name=lanes.get(move.to_lane, ""))
            else:
                people = [i for i in facts.interviewer_ids if i != move.from_lane]
                if move.to_lane not in people:
                    people.append(move.to_lane)
                names = dict(zip(facts.interviewer_ids, facts.interviewer_names, strict=True)) | lanes
                options.update(interviewer_ids=tuple(people), interviewer_names=tuple(names.get(i, "") for i in people))
        self.dialog = ChangeRequestDialog(self.ctx, facts, kind=ChangeKind.RESCHEDULE, parent=self, **options)
        self.dialog.sig_saved.connect(self._change_requested)
        self.dialog.open()

    def _change_requested(self, result) -> None:
        self.show_status(request_outcome(result))
