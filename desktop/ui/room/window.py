"""面试进行: a compact window for the running interview (fits a small second screen and can stay on
top). A big timer against the round's planned duration turns amber at the planned end and red ten
minutes later, with a notice each time; 开始面试 is proposed once the candidate is checked in and the
booked time has come. The closing checklist is ticked with times, the next step and notes are saved
as they are written, the closing scripts are filled and copyable, and 请候选人提问 hands over to the
candidate's question form (sig_ask_questions). Ending asks once about unticked items and, when it ran
over, for the reason.

The clock is read from ctx.clock by a QTimer every second, so tests move a controllable clock and
call `tick()` instead of waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QTabWidget,
    QVBoxLayout, QWidget,
)

from desktop.core import closing_scripts, interview_room, labels
from desktop.core.closing_scripts import ScriptValues
from desktop.core.interview_room import OVERTIME_MINUTES, RoomState
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.room.panels import EndDialog, ScriptsPanel
from desktop.ui.widgets import hint_label, primary_button, scrolling, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

# timer colours: (text, background) per phase
PHASE_COLORS = {"running": ("#142c66", "#e8efff"), "planned_end": ("#6b4a00", "#ffe3a3"),
                "overtime": ("#ffffff", "#c62828"), "ended": ("#3f4650", "#e6e8eb"),
                "waiting": ("#3f4650", "#f2f3f5"), "ready": ("#103d5a", "#cfe8f7")}


def clock_text(seconds: int) -> str:
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60:02d}:{seconds % 60:02d}"


class InterviewRoomWindow(QWidget):
    sig_ask_questions = Signal(int)     # the interview whose candidate is to type their questions

    def __init__(self, ctx: "AppContext", interview_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.ctx = ctx
        self.interview_id = interview_id
        self.locale = "en" if ctx.language == "en" else "zh_CN"
        self.state: RoomState | None = None
        self.phase = ""
        self.end_dialog: EndDialog | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Interview room"))
        self.resize(480, 640)
        self.setMinimumSize(420, 520)

        self.title = title_label("", "sectionTitle")
        self.title.setWordWrap(True)
        self.on_top = QCheckBox(self.tr("Stay on top"))
        self.timer_label = QLabel("00:00")
        self.timer_label.setObjectName("roomTimer")
        self.timer_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        font = QFont(self.timer_label.font())
        font.setPointSizeF(font.pointSizeF() * 3.2)
        font.setBold(True)
        self.timer_label.setFont(font)
        self.planned_label = QLabel()
        self.planned_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.notice = QLabel()
        self.notice.setObjectName("roomNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self.start_button = primary_button(self.tr("Start interview"))
        self.end_button = QPushButton(self.tr("End interview"))

        self.checklist = QListWidget()
        self.next_step = QLineEdit()
        self.next_step.setMaxLength(interview_room.NEXT_STEP_MAX)
        self.next_step.setPlaceholderText(self.tr("e.g. results within 2 working days"))
        self.ask_button = QPushButton()
        self.questions_taken = hint_label()
        self.kiosk = None
        self.note_edit = QPlainTextEdit()
        self.note_edit.setPlaceholderText(self.tr("A note about the interview (kept with it for the scorecard)"))
        self.note_edit.setMaximumHeight(90)
        self.note_button = QPushButton(self.tr("Save note"))
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.scripts = ScriptsPanel(self.locale)
        self.tabs = QTabWidget()
        self._build()

        self.on_top.toggled.connect(self.set_on_top)
        self.start_button.clicked.connect(self.start)
        self.end_button.clicked.connect(self.end)
        self.checklist.itemChanged.connect(self._item_changed)
        self.next_step.editingFinished.connect(self.save_next_step)
        self.next_step.textChanged.connect(lambda _t: self._script_values())
        self.note_button.clicked.connect(self.save_note)
        self.ask_button.clicked.connect(lambda: self.sig_ask_questions.emit(self.interview_id))
        self.sig_ask_questions.connect(self.ask_questions)
        ctx.sig_changed.connect(self._changed)
        self.clock = QTimer(self)
        self.clock.setInterval(1000)
        self.clock.timeout.connect(self.tick)
        self.clock.start()
        self._set_enabled()
        self._loads = 0          # reloads asked for; only the newest one's answer is shown (load())
        self.load()
        locale = self.locale
        ctx.read(lambda s: closing_scripts.all_scripts(s, locale), self.scripts.set_scripts,
                 lambda error: show_error(error, self), owner=self)

    def _build(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.on_top, 0, Qt.AlignmentFlag.AlignTop)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.end_button)
        close = QWidget()
        close_layout = QVBoxLayout(close)
        close_layout.addWidget(QLabel(self.tr("Closing checklist")))
        close_layout.addWidget(self.checklist, 1)
        close_layout.addWidget(QLabel(self.tr("Next step told to the candidate")))
        close_layout.addWidget(self.next_step)
        close_layout.addWidget(self.ask_button)
        close_layout.addWidget(self.questions_taken)
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.addWidget(self.note_edit)
        notes_layout.addWidget(self.note_button, 0, Qt.AlignmentFlag.AlignRight)
        notes_layout.addWidget(self.notes, 1)
        self.tabs.addTab(close, self.tr("Closing"))
        self.tabs.addTab(notes, self.tr("Notes"))
        self.tabs.addTab(scrolling(self.scripts), self.tr("Closing script"))
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.timer_label)
        layout.addWidget(self.planned_label)
        layout.addWidget(self.notice)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        """Reads run side by side: each write's reload is numbered, and only the newest one's answer
        is shown (an older read, answered later, would put back the state before a later write)."""
        actor, iid, locale = self.ctx.actor, self.interview_id, self.locale
        self._loads += 1
        number = self._loads
        self.ctx.read(lambda s: interview_room.room_state(s, actor, iid, locale),
                      lambda state: self._arrived(state) if number == self._loads else None,
                      lambda error: self._failed(error) if number == self._loads else None, owner=self)

    def _arrived(self, state: RoomState) -> None:
        self.state = state
        self.title.setText(" · ".join((state.salutation, state.position, state.round)))
        self.planned_label.setText(self.tr("Planned: {0} min").format(state.planned_minutes))
        self.ask_button.setText(self.tr("Ask the candidate's questions (at least {0})").format(state.min_questions))
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for item in state.checklist:
            row = QListWidgetItem(self._item_text(item))
            row.setData(Qt.ItemDataRole.UserRole, item.ordinal)
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            row.setCheckState(Qt.CheckState.Checked if item.ticked_at else Qt.CheckState.Unchecked)
            self.checklist.addItem(row)
        self.checklist.blockSignals(False)
        if not self.next_step.hasFocus():
            self.next_step.setText(state.next_step)
        self.notes.clear()
        for note in state.notes:
            self.notes.addItem(labels.labelled(f"{self.ctx.local(note.at):%H:%M} {note.author}", note.text))
        self._script_values()
        self._set_enabled()
        self.phase = ""          # announce the phase the loaded state is in
        self.tick()

    def _item_text(self, item: interview_room.ChecklistItem) -> str:
        if item.ticked_at is None:
            return item.label
        return labels.with_note(item.label, self.tr("ticked {0}").format(f"{self.ctx.local(item.ticked_at):%H:%M}"))

    def _failed(self, error: BaseException) -> None:
        self.state = None
        self._set_enabled()
        self._show_notice(messages.describe(error), "ended")

    def _changed(self, entity: str, ids: object) -> None:
        if entity == "interview" and (not ids or self.interview_id in ids):
            self.load()

    def _script_values(self) -> None:
        s = self.state
        if s is not None:
            self.scripts.set_values(ScriptValues(s.salutation, s.candidate_name, s.position,
                                                 next_step=self.next_step.text()))

    def _set_enabled(self) -> None:
        s = self.state
        running = s is not None and s.started_at is not None and s.ended_at is None
        self.start_button.setEnabled(s is not None and s.started_at is None and
                                     s.status in ("scheduled", "confirmed", "pending_approval"))
        self.end_button.setEnabled(running)
        self.checklist.setEnabled(running)
        self.next_step.setEnabled(running)
        self.ask_button.setEnabled(running)
        self.note_button.setEnabled(s is not None and s.started_at is not None)
        self.note_edit.setEnabled(s is not None and s.started_at is not None)

    # --- the clock -------------------------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: the timer, its colour, and a notice when the phase changes."""
        s = self.state
        if s is None:
            return
        now = self.ctx.clock.now()
        seconds = int(s.elapsed(now).total_seconds())
        self.timer_label.setText(f"{clock_text(seconds)} / {clock_text(s.planned_minutes * 60)}")
        phase = s.phase(now)
        color, background = PHASE_COLORS[phase]
        self.timer_label.setStyleSheet(f"color: {color}; background: {background}; border-radius: 6px;")
        self.timer_label.setProperty("phase", phase)
        if phase == self.phase:
            return
        self.phase = phase
        if phase == "ready":
            self._show_notice(self.tr("The candidate has checked in and the booked time has come. "
                                      "Start the interview?"), phase)
        elif phase == "planned_end":
            self._show_notice(self.tr("The interview has reached its planned duration ({0} min).").format(
                s.planned_minutes), phase)
        elif phase == "overtime":
            self._show_notice(self.tr("The interview is {0} minutes over time, please wrap up.").format(
                OVERTIME_MINUTES), phase)
        elif phase == "ended":
            self._show_notice(self.tr("The interview has ended."), phase)
        else:
            self.notice.hide()
        if phase in ("ready", "planned_end", "overtime"):
            self.raise_()
            self.activateWindow()

    def ask_questions(self, interview_id: int) -> None:
        """The candidate's own question form, full screen on this PC or tablet, until the interviewer
        unlocks it with their password."""
        from desktop.ui.questions.kiosk import open_kiosk

        if self.kiosk is None:
            self.kiosk = open_kiosk(self.ctx, interview_id, None)
            self.kiosk.sig_closed.connect(self._questions_taken)

    def _questions_taken(self, count: int) -> None:
        self.kiosk = None
        self.questions_taken.setText(self.tr("The candidate sent %n question(s); each is routed to its owner.",
                                             "", count))
        self.raise_()
        self.activateWindow()

    def _show_notice(self, text: str, phase: str) -> None:
        color, background = PHASE_COLORS.get(phase, PHASE_COLORS["waiting"])
        self.notice.setText(text)
        self.notice.setStyleSheet(f"color: {color}; background: {background}; padding: 6px; border-radius: 4px;")
        self.notice.show()

    def set_on_top(self, on: bool) -> None:
        self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, on)
        self.show()          # changing a window flag hides the window

    # --- actions ---------------------------------------------------------------------------------

    def _write(self, fn, on_done=None) -> None:
        actor, iid = self.ctx.actor, self.interview_id
        self.ctx.write(lambda s: fn(s, actor, iid), on_done, lambda error: self._refused(error),
                       entity="interview", ids=lambda _r: (iid,), owner=self)

    def _refused(self, error: BaseException) -> None:
        show_error(error, self)
        self.load()           # what the database holds, not what the refused click showed

    def start(self) -> None:
        self.start_button.setEnabled(False)
        self._write(interview_room.start)

    def _item_changed(self, row: QListWidgetItem) -> None:
        ordinal, label = row.data(Qt.ItemDataRole.UserRole), row.text()
        if row.checkState() == Qt.CheckState.Checked:
            item = next((i for i in self.state.checklist if i.ordinal == ordinal), None) if self.state else None
            shown = item.label if item is not None else label
            self._write(lambda s, a, i: interview_room.tick_item(s, a, i, ordinal, shown))
        else:
            self._write(lambda s, a, i: interview_room.untick_item(s, a, i, ordinal))

    def save_next_step(self) -> None:
        text = self.next_step.text()
        if self.state is None or text.strip() == self.state.next_step or self.state.ended_at is not None \
                or self.state.started_at is None:
            return
        self._write(lambda s, a, i: interview_room.set_next_step(s, a, i, text))

    def save_note(self) -> None:
        text = self.note_edit.toPlainText()
        self._write(lambda s, a, i: interview_room.add_note(s, a, i, text), lambda _note: self.note_edit.clear())

    def end(self) -> None:
        """Asks once (unticked items, the reason for an overrun) and only then writes."""
        s = self.state
        if s is None or s.started_at is None:
            return
        over = s.elapsed(self.ctx.clock.now()).total_seconds() / 60 - s.planned_minutes
        needs_reason = over > OVERTIME_MINUTES
        unticked = s.unticked()
        if not unticked and not needs_reason:
            self._end("")
            return
        self.end_dialog = EndDialog(unticked, int(over), needs_reason, self)
        self.end_dialog.accepted.connect(lambda: self._end(self.end_dialog.reason.text()))
        self.end_dialog.open()

    def _end(self, reason: str) -> None:
        next_step = self.next_step.text()
        self.end_button.setEnabled(False)
        self._write(lambda s, a, i: interview_room.end(s, a, i, reason, confirm_unticked=True, next_step=next_step))

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.clock.stop()
        self.save_next_step()
        super().closeEvent(event)
