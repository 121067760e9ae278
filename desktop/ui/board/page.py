"""前台 Room board: for reception and HR, each room's day — who is expected when (candidate,
position, time) and where they stand — with a check-in button per candidate. Names only: reception
sees no contact data."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDateEdit, QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout,
    QWidget,
)

from desktop.core.permissions import Action
from desktop.core.scheduling import attendance, views
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.schedule import colors, words
from desktop.ui.schedule.booking_dialog import pydate, qdate
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

EXPECTED = ("unconfirmed", "confirmed", "pending_approval", "late", "no_show")
COLUMNS = 3


class RoomCard(QFrame):
    def __init__(self, room: views.BoardRoom, page: "RoomBoardPage") -> None:
        super().__init__()
        self.setObjectName("roomCard")
        self.setStyleSheet("QFrame#roomCard { background: #ffffff; border: 1px solid #d9dde3; border-radius: 4px; }")
        self.buttons: dict[int, QPushButton] = {}
        layout = QVBoxLayout(self)
        head = title_label(room.name, "sectionTitle")
        layout.addWidget(head)
        if room.location:
            layout.addWidget(hint_label(room.location))
        if not room.entries:
            layout.addWidget(hint_label(self.tr("Nobody expected.")))
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        for row, entry in enumerate(room.entries):
            grid.addWidget(QLabel(f"{page.ctx.local(entry.starts_at):%H:%M}–{page.ctx.local(entry.ends_at):%H:%M}"),
                           row, 0)
            who = QLabel(f"<b>{entry.candidate}</b><br><span style='color:#5c6370'>{entry.position}</span>")
            grid.addWidget(who, row, 1)
            grid.addWidget(colors.state_chip(entry.state), row, 2, Qt.AlignmentFlag.AlignLeft)
            if page.ctx.may(Action.CHECK_IN):
                button = QPushButton(self.tr("Check in"))
                button.setProperty("interview_id", entry.interview_id)
                button.setEnabled(entry.state in EXPECTED)
                button.clicked.connect(page.check_in)
                grid.addWidget(button, row, 3)
                self.buttons[entry.interview_id] = button
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)


class RoomBoardPage(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.day = ctx.today()
        self.rooms: list[views.BoardRoom] = []
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
        self.ctx.read(lambda session: views.room_board(session, actor, day),
                      lambda rooms: self._arrived(generation, rooms),
                      lambda error: self._failed(generation, error), owner=self)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(error, self)

    def _arrived(self, generation: int, rooms: list[views.BoardRoom]) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.rooms = rooms
        for card in self.cards:
            card.deleteLater()
        self.cards = [RoomCard(room, self) for room in rooms]
        for n, card in enumerate(self.cards):
            self.grid.addWidget(card, n // COLUMNS, n % COLUMNS, Qt.AlignmentFlag.AlignTop)
        expected = sum(len(r.entries) for r in rooms)
        self.summary.setText(words.day_label(self.day) + " · " + self.tr("%n candidate(s) expected", "", expected))

    def button_for(self, interview_id: int) -> QPushButton | None:
        return next((c.buttons[interview_id] for c in self.cards if interview_id in c.buttons), None)

    def check_in(self) -> None:
        interview_id, actor = self.sender().property("interview_id"), self.ctx.actor
        self.sender().setEnabled(False)
        self.ctx.write(lambda session: attendance.check_in(session, actor, interview_id), self._checked_in,
                       self._refused, entity="interview", ids=lambda _late: (interview_id,), owner=self)

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
