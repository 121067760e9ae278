"""前台 Room board: for reception and HR, each room's day — who is expected when (candidate,
position, time) and where they stand — with a check-in per candidate. Check-in is offered on the
office's today only, within each interview's check-in window, and asks first; a mistaken one can
be undone with a reason. An interview whose time or room changed is marked 已改期 with the old and
the new time. Names only: reception sees no contact data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
    QWidget,
)

from desktop.core.permissions import Action
from desktop.core.scheduling import attendance, reception
from desktop.ui import messages
from desktop.ui.board.dialogs import CheckInConfirmation, UndoCheckInDialog
from desktop.ui.errors import show_error
from desktop.ui.schedule import colors, words
from desktop.ui.schedule.booking_dialog import pydate, qdate
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

EXPECTED = ("unconfirmed", "confirmed", "pending_approval", "late", "no_show")
COLUMNS = 3
MOVED_STYLE = "color: #6b2300; background: #ffe7c2; border-radius: 3px; padding: 1px 4px;"


class RoomCard(QFrame):
    def __init__(self, room: reception.BoardRoom, page: "RoomBoardPage") -> None:
        super().__init__()
        self.setObjectName("roomCard")
        self.setStyleSheet("QFrame#roomCard { background: #ffffff; border: 1px solid #d9dde3; border-radius: 4px; }")
        self.buttons: dict[int, QPushButton] = {}
        self.undo_buttons: dict[int, QPushButton] = {}
        self.moved_marks: dict[int, QLabel] = {}
        layout = QVBoxLayout(self)
        head = title_label(room.name, "sectionTitle")
        layout.addWidget(head)
        if room.location:
            layout.addWidget(hint_label(room.location))
        if not room.entries:
            layout.addWidget(hint_label(self.tr("Nobody expected.")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        local = page.ctx.local
        for row, entry in enumerate(room.entries):
            grid.addWidget(QLabel(f"{local(entry.starts_at):%H:%M}–{local(entry.ends_at):%H:%M}"), row, 0,
                           Qt.AlignmentFlag.AlignTop)
            who = QVBoxLayout()
            who.setSpacing(2)
            who.addWidget(QLabel(f"<b>{entry.candidate}</b><br><span style='color:#5c6370'>{entry.position}</span>"))
            if entry.moved is not None:
                mark = QLabel(self._moved_text(page, entry))
                mark.setStyleSheet(MOVED_STYLE)
                mark.setWordWrap(True)
                mark.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
                who.addWidget(mark)
                self.moved_marks[entry.interview_id] = mark
            grid.addLayout(who, row, 1)
            grid.addWidget(colors.state_chip(entry.state), row, 2, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            if page.ctx.may(Action.CHECK_IN) and page.is_today():
                button = self._action(page, entry)
                if button is not None:
                    grid.addWidget(button, row, 3, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def _moved_text(self, page: "RoomBoardPage", entry: reception.BoardEntry) -> str:
        moved, local = entry.moved, page.ctx.local
        old_day, new_day = local(moved.starts_at).date(), local(entry.starts_at).date()
        old = f"{local(moved.starts_at):%H:%M}" if old_day == new_day else words.when(page.ctx.tz, moved.starts_at)
        text = self.tr("Rescheduled {0} → {1}").format(old, f"{local(entry.starts_at):%H:%M}")
        if moved.room and moved.room != page.room_name(entry):
            text += self.tr(" (was in {0})").format(moved.room)
        return text

    def _action(self, page: "RoomBoardPage", entry: reception.BoardEntry) -> QPushButton | None:
        if entry.state == "arrived":
            button = QPushButton(self.tr("Undo check-in"))
            button.setProperty("interview_id", entry.interview_id)
            button.clicked.connect(page.undo_check_in)
            self.undo_buttons[entry.interview_id] = button
            return button
        if entry.state not in EXPECTED:
            return None
        button = QPushButton(self.tr("Check in"))
        button.setProperty("interview_id", entry.interview_id)
        now, local = page.board.now, page.ctx.local
        button.setEnabled(entry.may_check_in(now))
        if entry.checkin_opens is not None and now < entry.checkin_opens:
            button.setToolTip(self.tr("Check-in opens at {0}.").format(f"{local(entry.checkin_opens):%H:%M}"))
        elif entry.checkin_closes is not None and now > entry.checkin_closes:
            button.setToolTip(self.tr("Check-in closed at {0}.").format(f"{local(entry.checkin_closes):%H:%M}"))
        button.clicked.connect(page.check_in)
        self.buttons[entry.interview_id] = button
        return button


class RoomBoardPage(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = ctx.today()
        self.board: reception.RoomBoard | None = None
        self.rooms: list[reception.BoardRoom] = []
        self.dialog: CheckInConfirmation | UndoCheckInDialog | None = None
        self.cards: list[RoomCard] = []
        self._generation = 0
        self.loading = False

        self.previous = QPushButton("◀")
        self.previous.setFixedWidth(34)
        self.today_button = QPushButton(self.tr("Today"))
        self.next = QPushButton("▶")
        self.next.setFixedWidth(34)
        self.date = QDateEdit(qdate(self.day))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.summary = hint_label()
        self.other_day = hint_label(self.tr("Check-in is possible on the interview's day only; this board shows "
                                            "another day."))
        self.other_day.hide()
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Room board")))
        head.addSpacing(16)
        for widget in (self.previous, self.today_button, self.next, self.date):
            head.addWidget(widget)
        head.addWidget(self.summary, 1)

        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignTop)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.grid_host)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.status)
        layout.addWidget(self.other_day)
        layout.addWidget(scroll, 1)

        self.previous.clicked.connect(self.show_previous)
        self.next.clicked.connect(self.show_next)
        self.today_button.clicked.connect(self.show_today)
        self.date.dateChanged.connect(self._date_picked)
        ctx.sig_changed.connect(self._changed)
        self.load()

    def show_day(self, day: date) -> None:
        self.day = day
        self.date.blockSignals(True)
        self.date.setDate(qdate(day))
        self.date.blockSignals(False)
        self.load()

    def show_previous(self) -> None:
        self.show_day(self.day - timedelta(days=1))

    def show_next(self) -> None:
        self.show_day(self.day + timedelta(days=1))

    def show_today(self) -> None:
        self.show_day(self.ctx.today())

    def _date_picked(self, value) -> None:
        self.show_day(pydate(value))

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("interview", "alert", "clock"):
            self.load()

    def load(self) -> None:
        self._generation += 1
        generation, actor, day = self._generation, self.ctx.actor, self.day
        self.loading = True
        self.ctx.read(lambda session: reception.board(session, actor, day),
                      lambda board: self._arrived(generation, board),
                      lambda error: self._failed(generation, error), owner=self)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(error, self)

    def is_today(self) -> bool:
        return self.board is not None and self.board.day == self.board.today

    def room_name(self, entry: reception.BoardEntry) -> str:
        return next((r.name for r in self.rooms if entry in r.entries), "")

    def entry(self, interview_id: int) -> tuple[reception.BoardEntry, str] | None:
        return next(((e, r.name) for r in self.rooms for e in r.entries if e.interview_id == interview_id), None)

    def _arrived(self, generation: int, board: reception.RoomBoard) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.board = board
        self.rooms = rooms = board.rooms
        self.other_day.setVisible(not self.is_today() and self.ctx.may(Action.CHECK_IN))
        for card in self.cards:   # gone at once, not only when Qt gets round to deleting them
            self.grid.removeWidget(card)
            card.hide()
            card.deleteLater()
        self.cards = [RoomCard(room, self) for room in rooms]
        for n, card in enumerate(self.cards):
            self.grid.addWidget(card, n // COLUMNS, n % COLUMNS, Qt.AlignmentFlag.AlignTop)
        expected = sum(len(r.entries) for r in rooms)
        self.summary.setText(words.day_label(self.day) + " · " + self.tr("%n candidate(s) expected", "", expected))

    def button_for(self, interview_id: int) -> QPushButton | None:
        return next((c.buttons[interview_id] for c in self.cards if interview_id in c.buttons), None)

    def undo_button_for(self, interview_id: int) -> QPushButton | None:
        return next((c.undo_buttons[interview_id] for c in self.cards if interview_id in c.undo_buttons), None)

    def moved_mark_for(self, interview_id: int) -> QLabel | None:
        return next((c.moved_marks[interview_id] for c in self.cards if interview_id in c.moved_marks), None)

    def check_in(self) -> None:
        """Asks first, naming the candidate, position, time and room; records on "Check in"."""
        interview_id = self.sender().property("interview_id")
        found = self.entry(interview_id)
        if found is None:
            return
        entry, room = found
        self.dialog = CheckInConfirmation(self.ctx.tz, entry.candidate, entry.position, entry.starts_at,
                                          entry.ends_at, room, self)
        self.dialog.accepted.connect(lambda: self._record_check_in(interview_id))
        self.dialog.open()

    def _record_check_in(self, interview_id: int) -> None:
        actor = self.ctx.actor
        button = self.button_for(interview_id)
        if button is not None:
            button.setEnabled(False)
        self.ctx.write(lambda session: attendance.check_in(session, actor, interview_id), self._checked_in,
                       self._refused, entity="interview", ids=lambda _late: (interview_id,), owner=self)

    def undo_check_in(self) -> None:
        interview_id = self.sender().property("interview_id")
        found = self.entry(interview_id)
        if found is None:
            return
        entry, _room = found
        self.dialog = UndoCheckInDialog(self.ctx.tz, entry.candidate, entry.starts_at, self)
        self.dialog.accepted.connect(lambda dialog=self.dialog: self._record_undo(interview_id, dialog.reason_text()))
        self.dialog.open()

    def _record_undo(self, interview_id: int, reason: str) -> None:
        actor = self.ctx.actor
        self.ctx.write(lambda session: attendance.undo_check_in(session, actor, interview_id, reason),
                       lambda _none: self._show_status(self.tr("Check-in undone; the candidate is expected again.")),
                       self._refused, entity="interview", ids=lambda _none: (interview_id,), owner=self)

    def _checked_in(self, minutes_late: int) -> None:
        text = self.tr("Checked in, {0} min late.").format(minutes_late) if minutes_late else self.tr("Checked in.")
        self._show_status(text)

    def _refused(self, error: BaseException) -> None:
        self._show_status(messages.describe(error), True)
        self.load()

    def _show_status(self, text: str, problem: bool = False) -> None:
        self.status.setStyleSheet("color: #c0392b;" if problem else "color: #2e7d32;")
        self.status.setText(text)
        self.status.show()
