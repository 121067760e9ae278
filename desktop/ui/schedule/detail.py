"""One interview in detail: time, place, state, a change awaiting approval (拟改为 …, and which
step it waits for), each participant's answer and whether they saw the current version, and the
timeline; with the actions HR and reception take on it (HR's 调整时间 with a reason, the candidate's
request to move, cancelling, recording the candidate's confirmation, check-in, no-show)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core.model import ChangeKind, Channel, Party
from desktop.core.permissions import Action
from desktop.core.scheduling import attendance, lookups, views
from desktop.core import labels
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.outbox.interview_messages import InterviewMessages
from desktop.ui.schedule import change_words, colors, words
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.core.scheduling.changes import RequestResult
    from desktop.ui.board.dialogs import CheckInConfirmation
    from desktop.ui.context import AppContext
    from desktop.ui.schedule.change_dialog import ChangeRequestDialog

ACTIVE = ("scheduled", "confirmed", "pending_approval")


def small_table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def fill_table(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            table.setItem(r, c, item)
    table.resizeRowsToContents()


class InterviewDetailPanel(QFrame):
    sig_status = Signal(str)     # a sentence for the page's status line after an action

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("detailPanel")
        self.setMinimumWidth(360)
        self.interview_id: int | None = None
        self.detail: views.InterviewDetail | None = None
        self.facts: lookups.InterviewFacts | None = None
        self.dialog: ChangeRequestDialog | None = None
        self.check_in_dialog: CheckInConfirmation | None = None
        self._generation = 0

        self.title = title_label("", "sectionTitle")
        self.title.setWordWrap(True)
        self.close_button = QPushButton(self.tr("Close"))
        self.close_button.clicked.connect(self.close_panel)
        self.state = QLabel()
        self.placeholder = hint_label(self.tr("Click an interview to see its details."))
        self.message = QLabel()
        self.message.setObjectName("formError")
        self.message.setWordWrap(True)
        self.message.hide()

        self.body = QWidget()
        form = QFormLayout(self.body)
        form.setContentsMargins(0, 0, 0, 0)
        self.values: dict[str, QLabel] = {}
        for key, text in (("time", self.tr("Time")), ("pending", self.tr("Change")), ("place", self.tr("Place")),
                          ("round", self.tr("Round")), ("confirm_by", self.tr("Confirm by"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(text, value)
        self.values["pending"].setObjectName("pendingChange")
        self.values["pending"].setStyleSheet(f"color: {colors.STATE_COLORS['pending_approval'][1]}; font-weight: bold;")
        self.form = form

        self.change_time_button = QPushButton(self.tr("Change time…"))
        self.change_time_button.setToolTip(self.tr("Move the interview to a new time, with the reason; it goes "
                                                   "through the approval chain (dragging the block does the same)"))
        self.reschedule_button = QPushButton(self.tr("Candidate asks to move"))
        self.cancel_button = QPushButton(self.tr("Cancel interview"))
        self.confirm_button = QPushButton(self.tr("Record confirmation"))
        confirm_menu = QMenu(self.confirm_button)
        self.confirm_phone = confirm_menu.addAction(self.tr("Confirmed by phone"))
        self.confirm_in_person = confirm_menu.addAction(self.tr("Confirmed in person"))
        self.confirm_button.setMenu(confirm_menu)
        self.check_in_button = QPushButton(self.tr("Check in"))
        self.no_show_button = QPushButton(self.tr("Mark as no-show"))
        self.room_button = QPushButton(self.tr("Enter interview room"))
        self.room_button.setToolTip(self.tr("The timer, closing checklist, notes and closing scripts of the running "
                                            "interview, in a window of its own"))
        self.room_window = None
        self.calibration_button = QPushButton(self.tr("Calibrate scores"))
        self.calibration_button.setToolTip(self.tr("The panel's scorecards side by side, the round's decision, and "
                                                   "reopening a submitted scorecard"))
        self.calibration_dialog = None
        self.calibration_button.setVisible(ctx.may(Action.INTERVIEW_SCHEDULE) or ctx.may(Action.APPROVAL_DECIDE))
        self.actions = QWidget()
        grid = QGridLayout(self.actions)
        grid.setContentsMargins(0, 4, 0, 4)
        for n, button in enumerate((self.change_time_button, self.reschedule_button, self.cancel_button,
                                    self.confirm_button, self.check_in_button, self.no_show_button,
                                    self.room_button, self.calibration_button)):
            grid.addWidget(button, n // 2, n % 2)
        self.change_time_button.clicked.connect(self.change_time)
        self.reschedule_button.clicked.connect(self.candidate_moves)
        self.cancel_button.clicked.connect(self.cancel_interview)
        self.confirm_phone.triggered.connect(self.confirmed_by_phone)
        self.confirm_in_person.triggered.connect(self.confirmed_in_person)
        self.check_in_button.clicked.connect(self.check_in)
        self.no_show_button.clicked.connect(self.mark_no_show)
        self.room_button.clicked.connect(self.enter_room)
        self.calibration_button.clicked.connect(self.calibrate)

        self.people_title = title_label(self.tr("Participants"), "sectionTitle")
        self.people = small_table([self.tr("Name"), self.tr("Role"), self.tr("Answer"), self.tr("Saw this version")])
        self.people.setMaximumHeight(150)
        self.timeline_title = title_label(self.tr("Timeline"), "sectionTitle")
        self.timeline = small_table([self.tr("Time"), self.tr("By"), self.tr("Event")])
        # what each party was told, for those who may see the Outbox (a section of its own)
        self.messages = InterviewMessages(ctx) if ctx.may(Action.OUTBOX_VIEW) else None

        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        for widget in (self.placeholder, self.message, self.body, self.actions, self.people_title, self.people,
                       self.timeline_title):
            layout.addWidget(widget)
        layout.addWidget(self.timeline, 1)
        self._sections = (self.body, self.actions, self.people_title, self.people, self.timeline_title,
                          self.timeline, self.state)
        if self.messages is not None:
            layout.addWidget(self.messages, 1)
            self._sections += (self.messages,)
        self._show_empty()
        ctx.sig_changed.connect(self._changed)

    # --- loading -------------------------------------------------------------------------------

    def _show_empty(self) -> None:
        self.title.setText("")
        self.placeholder.show()
        self.message.hide()
        for widget in self._sections:
            widget.hide()

    def close_panel(self) -> None:
        """The page gets the room back until another interview is chosen."""
        self.show_interview(None)
        self.hide()

    def show_interview(self, interview_id: int | None) -> None:
        self._generation += 1
        self.interview_id = interview_id
        if interview_id is None:
            self.detail = self.facts = None
            self._show_empty()
            return
        self.show()
        if self.messages is not None:
            self.messages.show_interview(interview_id)
        generation, actor = self._generation, self.ctx.actor
        self.ctx.read(lambda session: (views.interview_detail(session, actor, interview_id),
                                       lookups.interview_facts(session, actor, interview_id)),
                      lambda found: self._arrived(generation, *found),
                      lambda error: self._failed(generation, error), owner=self)

    def _arrived(self, generation: int, detail: views.InterviewDetail, facts: lookups.InterviewFacts) -> None:
        if generation != self._generation:
            return
        self.detail, self.facts = detail, facts
        self.placeholder.hide()
        self.message.hide()
        for widget in self._sections:
            widget.show()
        self.title.setText(f"{detail.candidate} · {detail.position}")
        self.state.setText(labels.live_state(detail.state))
        self.state.setStyleSheet(colors.chip_style(detail.state))
        zone = self.ctx.tz
        self.values["time"].setText(words.when(zone, detail.starts_at, detail.ends_at))
        self._show_pending(detail)
        place = detail.room if detail.mode == "onsite" else self.tr("Video: {0}").format(detail.video_link)
        self.values["place"].setText(labels.with_note(place, labels.interview_mode(detail.mode)))
        self.values["round"].setText(detail.round)
        self.values["confirm_by"].setText(words.when(zone, detail.confirmation_due_at)
                                          if detail.confirmation_due_at else "—")
        fill_table(self.people, [
            (p.name, labels.participant_role(p.role), labels.response(p.response), self._seen(p))
            for p in detail.participants])
        fill_table(self.timeline, [
            (self.ctx.local(e.at).strftime("%m-%d %H:%M"), e.actor,
             "\n".join(t for t in (labels.timeline_event(e.kind), words.timeline_detail(e.kind, e.detail, zone))
                       if t))
            for e in detail.timeline])
        self.timeline.scrollToBottom()
        self._update_buttons()
        me = next((p for p in detail.participants if p.user_id == self.ctx.actor.user_id), None)
        if me is not None and not me.seen_current and detail.status in ACTIVE:
            self._record_seen(detail.id)

    def _show_pending(self, detail: views.InterviewDetail) -> None:
        """拟改为 12-07 17:00–17:30（待部门领导审批）, or nothing when no change awaits approval."""
        move = detail.pending_change
        label = self.form.labelForField(self.values["pending"])
        if move is None:
            self.values["pending"].hide()
            label.hide()
            return
        minutes = int((detail.ends_at - detail.starts_at).total_seconds() // 60)
        step = change_words.step_name(detail.pending_step, detail.pending_step_role)
        text = change_words.proposed_text(self.ctx.tz, move.starts_at, minutes, step)
        if move.kind not in ("reschedule", "cancel"):
            text = f"{labels.change_kind(move.kind)} · {text}"
        self.values["pending"].setText(text)
        self.values["pending"].show()
        label.show()

    def _seen(self, participant: views.Participant) -> str:
        if participant.seen_current and participant.seen_at is not None:
            return self.tr("Yes, {0}").format(self.ctx.local(participant.seen_at).strftime("%m-%d %H:%M"))
        if participant.seen_at is not None:
            return self.tr("Only an earlier version")
        return self.tr("Not yet")

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation != self._generation:
            return
        self.detail = self.facts = None
        self._show_empty()
        self.placeholder.hide()
        self.message.setText(messages.describe(error))
        self.message.show()

    def _changed(self, entity: str, ids: object) -> None:
        if entity in ("interview", "alert") and self.interview_id is not None and \
                (not ids or self.interview_id in ids or entity == "alert"):
            self.show_interview(self.interview_id)

    def _update_buttons(self) -> None:
        d, may = self.detail, self.ctx.may
        active = d is not None and d.status in ACTIVE
        arrived = d is not None and d.state == "arrived"
        started = d is not None and self.ctx.clock.now() >= d.starts_at
        pending = d is not None and d.pending_change is not None
        for button in (self.change_time_button, self.reschedule_button, self.cancel_button):
            button.setEnabled(active and not pending and may(Action.CHANGE_REQUEST))
            button.setToolTip(self.tr("A change of this interview is awaiting approval.") if pending else "")
        self.confirm_button.setEnabled(active and not arrived and d.status != "confirmed"
                                       and may(Action.INTERVIEW_SCHEDULE))
        self.check_in_button.setEnabled(d is not None and (active or d.status == "no_show") and not arrived
                                        and may(Action.CHECK_IN))
        self.no_show_button.setEnabled(active and not arrived and started and may(Action.INTERVIEW_SCHEDULE))
        for button in (self.change_time_button, self.reschedule_button, self.cancel_button):
            button.setVisible(may(Action.CHANGE_REQUEST))
        for button in (self.confirm_button, self.no_show_button):
            button.setVisible(may(Action.INTERVIEW_SCHEDULE))
        self.check_in_button.setVisible(may(Action.CHECK_IN))
        # the interview room: for the panel and HR, on the interview's day
        on_panel = d is not None and any(p.user_id == self.ctx.actor.user_id for p in d.participants)
        self.room_button.setVisible(on_panel or may(Action.INTERVIEW_SCHEDULE))
        self.room_button.setEnabled(d is not None and d.status not in ("cancelled", "no_show")
                                    and self.ctx.local(d.starts_at).date() == self.ctx.today())
        # 评分校准 (shown to HR and leaders only): once the interview has begun
        self.calibration_button.setEnabled(d is not None and started and d.status not in ("cancelled", "no_show"))

    # --- actions -------------------------------------------------------------------------------

    def change_time(self) -> None:
        """HR moves the interview: a new time typed or picked from the free slots, with the reason."""
        if self.facts is not None:
            self._open_dialog(kind=ChangeKind.RESCHEDULE, party=Party.HR, find_slots=True, edit_time=True)

    def candidate_moves(self) -> None:
        if self.facts is not None:
            self._open_dialog(kind=ChangeKind.RESCHEDULE, party=Party.CANDIDATE, find_slots=True, edit_time=True,
                              reason_code="candidate_request")

    def cancel_interview(self) -> None:
        if self.facts is not None:
            self._open_dialog(kind=ChangeKind.CANCEL, party=Party.CANDIDATE)

    def _open_dialog(self, **options) -> None:
        # the change dialog (and the booking rules and slot search behind it) is loaded when first asked
        # for, not with the Today page that shows this panel at start-up
        from desktop.ui.schedule.change_dialog import ChangeRequestDialog

        self.dialog = dialog = ChangeRequestDialog(self.ctx, self.facts, **options, parent=self)
        dialog.sig_saved.connect(self._requested)
        dialog.open()

    def _requested(self, result: RequestResult) -> None:
        self.sig_status.emit(request_outcome(result))

    def confirmed_by_phone(self) -> None:
        self._confirm(Channel.PHONE)

    def confirmed_in_person(self) -> None:
        self._confirm(Channel.IN_PERSON)

    def _confirm(self, channel: Channel) -> None:
        self._act(lambda session, actor, iid: attendance.record_confirmation(session, actor, iid, channel),
                  self.tr("The candidate's confirmation ({0}) is recorded.").format(labels.channel(channel.value)))

    def check_in(self) -> None:
        """Asks first, naming the candidate and the time, as on the room board."""
        d = self.detail
        if d is None:
            return
        from desktop.ui.board.dialogs import CheckInConfirmation

        self.check_in_dialog = CheckInConfirmation(self.ctx.tz, d.candidate, d.position, d.starts_at, d.ends_at,
                                                   d.room if d.mode == "onsite" else "", self)
        self.check_in_dialog.accepted.connect(lambda: self._act(
            lambda session, actor, iid: attendance.check_in(session, actor, iid), self.tr("Checked in.")))
        self.check_in_dialog.open()

    def enter_room(self) -> None:
        from desktop.ui.room.window import InterviewRoomWindow

        if self.interview_id is not None:
            self.room_window = InterviewRoomWindow(self.ctx, self.interview_id)
            self.room_window.show()

    def calibrate(self) -> None:
        from desktop.ui.desk.calibration import CalibrationDialog

        if self.interview_id is not None and self.detail is not None:
            self.calibration_dialog = CalibrationDialog(self.ctx, self.interview_id, self.detail.candidate, self)
            self.calibration_dialog.open()

    def mark_no_show(self) -> None:
        self._act(lambda session, actor, iid: attendance.mark_no_show(session, actor, iid),
                  self.tr("Marked as no-show."))

    def _act(self, fn, done_text: str) -> None:
        if self.interview_id is None:
            return
        actor, iid = self.ctx.actor, self.interview_id
        self.ctx.write(lambda session: fn(session, actor, iid), lambda _result: self.sig_status.emit(done_text),
                       lambda error: show_error(error, self), entity="interview", ids=lambda _result: (iid,),
                       owner=self)

    def _record_seen(self, interview_id: int) -> None:
        actor = self.ctx.actor
        self.ctx.write(lambda session: attendance.mark_seen(session, actor, interview_id), None,
                       lambda error: None, entity="interview", ids=lambda _seen: (interview_id,), owner=self)


def request_outcome(result: RequestResult) -> str:
    if result.applied and result.status == "pending":
        return QCoreApplication.translate("InterviewDetailPanel", "Change request #{0} is in effect today and awaits "
                                          "approval afterwards.").format(result.change_request_id)
    if result.applied:
        return QCoreApplication.translate("InterviewDetailPanel", "Change #{0} is in effect; everyone is being "
                                          "notified.").format(result.change_request_id)
    return QCoreApplication.translate("InterviewDetailPanel", "Change request #{0} submitted; it awaits "
                                      "approval.").format(result.change_request_id)
