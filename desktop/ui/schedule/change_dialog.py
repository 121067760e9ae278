"""The change request dialog: the interview as it is and as proposed, the conflict check in plain
words, who asked for the change and why (a category kept for analysis: the interviewer's time
conflict, the candidate's request, a room problem, or another reason told in words), and a reason
for overriding when only soft conflicts stand in the way (hard ones cannot be overridden). Used for
HR's 调整时间 (a new time typed or picked from the free slots), a dragged block, the candidate's
request to move and a cancellation."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QComboBox, QDateTimeEdit, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget,
)

from desktop.core.errors import ConflictsFound, ValidationFailed
from desktop.core.model import ChangeKind, InterviewMode, Party
from desktop.core.scheduling import changes, lookups, slots
from desktop.core.scheduling.lookups import InterviewFacts
from desktop.core import labels
from desktop.ui import messages
from desktop.ui.forms import EditDialog
from desktop.ui.schedule import change_words, words
from desktop.ui.schedule.pickers import ConflictList, SlotList
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

SLOT_DAYS = 14
# who the change is for, by the reason's category (the "Asked by" choice follows the category)
PARTY_OF_REASON = {"interviewer_conflict": Party.INTERVIEWER, "candidate_request": Party.CANDIDATE,
                   "room": Party.HR, "other": Party.HR}


class ChangeRequestDialog(EditDialog):
    def __init__(self, ctx: "AppContext", facts: InterviewFacts, *, kind: ChangeKind,
                 starts_at: datetime | None = None, room_id: int | None = None, room_name: str = "",
                 interviewer_ids: tuple[int, ...] | None = None, interviewer_names: tuple[str, ...] = (),
                 party: Party = Party.HR, find_slots: bool = False, edit_time: bool = False,
                 reason_code: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.facts, self.kind = facts, kind
        self.starts_at, self.room_id, self.room_name = starts_at, room_id, room_name
        self.interviewer_ids, self.interviewer_names = interviewer_ids, interviewer_names
        self._generation = 0
        self.setMinimumWidth(560)
        self.setWindowTitle(self.tr("Cancel the interview") if kind == ChangeKind.CANCEL
                            else self.tr("Change the time") if edit_time else self.tr("Request a change"))
        self.save_button.setText(self.tr("Submit cancellation") if kind == ChangeKind.CANCEL
                                 else self.tr("Submit change request"))

        heading = title_label(f"{facts.candidate} · {facts.position} · {facts.round}", "sectionTitle")
        self.compare = QGridLayout()
        self.proposed_labels: dict[str, QLabel] = {}
        self.compare.addWidget(hint_label(self.tr("Now")), 0, 1)
        self.compare.addWidget(hint_label(self.tr("Proposed")), 0, 2)
        for row, (key, text) in enumerate((("time", self.tr("Time")), ("place", self.tr("Place")),
                                           ("people", self.tr("Interviewers"))), start=1):
            self.compare.addWidget(QLabel(text), row, 0)
            self.compare.addWidget(QLabel(self._current(key)), row, 1)
            self.proposed_labels[key] = QLabel()
            self.compare.addWidget(self.proposed_labels[key], row, 2)
        compare_box = QWidget()
        compare_box.setLayout(self.compare)

        self.finder: QWidget | None = None
        self.slot_list: SlotList | None = None
        self.new_time: QDateTimeEdit | None = None
        if find_slots:
            self.finder = self._slot_finder()

        self.conflicts = ConflictList(ctx.tz)
        self.party = QComboBox()
        for code in labels.PARTIES:
            self.party.addItem(labels.party(code), code)
        self.party.setCurrentIndex(self.party.findData(party.value))
        self.reason_code = QComboBox()
        self.reason_code.addItem(self.tr("Choose…"), None)
        for code in changes.REASON_CODES:
            self.reason_code.addItem(change_words.reason(code), code)
        self.reason_code.setCurrentIndex(max(self.reason_code.findData(reason_code), 0) if reason_code else 0)
        self.reason_code.currentIndexChanged.connect(self._reason_picked)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("e.g. the candidate has an exam that morning"))
        self.override = QLineEdit()
        self.override.setPlaceholderText(self.tr("Why the conflict is acceptable (recorded in the audit log)"))
        add = self.form.add
        if edit_time:
            self.new_time = QDateTimeEdit()
            self.new_time.setDisplayFormat("yyyy-MM-dd HH:mm")
            self.new_time.setCalendarPopup(True)
            local = facts.starts_at.astimezone(ctx.tz)
            self.new_time.setDateTime(QDateTime(local.date(), local.time().replace(second=0, microsecond=0)))
            self.new_time.dateTimeChanged.connect(self._time_typed)
            add("starts_at", self.tr("New time"), self.new_time)
        add("reason_code", self.tr("Why *"), self.reason_code)
        add("party", self.tr("Asked by"), self.party)
        add("reason", self.tr("Reason"), self.reason)
        add("override_reason", self.tr("Override reason"), self.override)
        self._set_override_visible(False)
        extra = [w for w in (self.finder,) if w is not None]
        self.layout_widgets = [heading, compare_box, *extra, self.conflicts]
        self._assemble_top()
        self._show_proposal()

    def _assemble_top(self) -> None:
        self.assemble()
        layout = self.layout()
        for n, widget in enumerate(self.layout_widgets):
            layout.insertWidget(1 + n, widget)

    # --- what is and what would be -------------------------------------------------------------

    def _current(self, key: str) -> str:
        f = self.facts
        if key == "time":
            return words.when(self.ctx.tz, f.starts_at, f.ends_at)
        if key == "place":
            return f.room if f.mode == InterviewMode.ONSITE.value else self.tr("Video: {0}").format(f.video_link)
        return labels.joined(f.interviewer_names)

    def proposed(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if self.kind == ChangeKind.CANCEL:
            return {"status": "cancelled"}
        if self.starts_at is not None and self.starts_at != self.facts.starts_at:
            values["starts_at"] = self.starts_at
        if self.room_id is not None and self.room_id != self.facts.room_id:
            values["room_id"] = self.room_id
            values["mode"] = InterviewMode.ONSITE.value
        if self.interviewer_ids is not None and set(self.interviewer_ids) != set(self.facts.interviewer_ids):
            values["interviewer_ids"] = list(self.interviewer_ids)
        return values

    def _show_proposal(self) -> None:
        p = self.proposed_labels
        if self.kind == ChangeKind.CANCEL:
            p["time"].setText(self.tr("Cancelled"))
            p["place"].setText("—")
            p["people"].setText("—")
            self.conflicts.show_pending(self.tr("A cancellation does not need a conflict check."))
            return
        proposal = self.proposed()
        start = proposal.get("starts_at", self.facts.starts_at)
        changed = "<b>{0}</b>"
        time_text = words.when(self.ctx.tz, start, start + timedelta(minutes=self.facts.duration_minutes))
        p["time"].setText(changed.format(time_text) if "starts_at" in proposal else time_text)
        place = self.room_name if "room_id" in proposal else self._current("place")
        p["place"].setText(changed.format(place) if "room_id" in proposal else place)
        people = labels.joined(self.interviewer_names) if "interviewer_ids" in proposal else self._current("people")
        p["people"].setText(changed.format(people) if "interviewer_ids" in proposal else people)
        if not proposal:
            self.conflicts.show_pending(self.tr("Pick a new time to see the conflict check."))
            return
        self._check(proposal)

    def _check(self, proposal: dict[str, Any]) -> None:
        self._generation += 1
        generation, facts = self._generation, self.facts
        self.conflicts.show_checking()
        self.ctx.read(lambda session: lookups.check_change(session, facts, proposal),
                      lambda found: self._checked(generation, found),
                      lambda error: self._check_failed(generation, error), owner=self)

    def _checked(self, generation: int, found) -> None:
        if generation == self._generation:
            self.conflicts.show_conflicts(found)
            self._set_override_visible(self.conflicts.soft)

    def _check_failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.conflicts.show_pending(messages.describe(error))

    def _set_override_visible(self, visible: bool) -> None:
        self.override.setVisible(visible)
        label = self.form_layout.labelForField(self.override.parentWidget())
        if label is not None:
            label.setVisible(visible)

    def _reason_picked(self, _index: int) -> None:
        code = self.reason_code.currentData()
        if code in PARTY_OF_REASON:
            self.party.setCurrentIndex(self.party.findData(PARTY_OF_REASON[code].value))

    def _time_typed(self, value: QDateTime) -> None:
        day, moment = value.date().toPython(), value.time().toPython()
        self.starts_at = datetime.combine(day, moment, tzinfo=self.ctx.tz).astimezone(UTC)
        self._show_proposal()

    def reason_text(self) -> str:
        """What the request says why: the words typed, or else the category's name."""
        typed, code = self.reason.text().strip(), self.reason_code.currentData()
        return typed or (change_words.reason(code) if code and code != "other" else "")

    # --- the candidate's quick path: pick a free slot ---------------------------------------------

    def _slot_finder(self) -> QWidget:
        box = QWidget()
        row = QHBoxLayout()
        self.find_button = QPushButton(self.tr("Find free slots"))
        self.find_button.clicked.connect(self.find_slots)
        row.addWidget(hint_label(self.tr("Earliest times when the interviewers, the candidate and a room are free:")),
                      1)
        row.addWidget(self.find_button)
        self.slot_list = SlotList(self.ctx.tz)
        self.slot_list.sig_picked.connect(self.use_slot)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(row)
        column.addWidget(self.slot_list)
        self.find_slots()
        return box

    def slot_request(self) -> slots.SlotRequest:
        f, today = self.facts, self.ctx.today()
        return slots.SlotRequest(interviewer_ids=f.interviewer_ids, duration_minutes=f.duration_minutes,
                                 first_day=today, last_day=today + timedelta(days=SLOT_DAYS), mode=InterviewMode(f.mode),
                                 candidate_id=f.candidate_id, observer_ids=f.observer_ids, count=8,
                                 exclude_interview_id=f.id)

    def find_slots(self) -> None:
        request = self.slot_request()
        self.find_button.setEnabled(False)
        self.ctx.read(lambda session: slots.find_slots(session, request, session.info["clock"].now()),
                      self._slots_found, self._slots_failed, owner=self)

    def _slots_found(self, found) -> None:
        self.find_button.setEnabled(True)
        self.slot_list.set_slots(found)

    def _slots_failed(self, error: BaseException) -> None:
        self.find_button.setEnabled(True)
        self.form.show_message(messages.describe(error))

    def use_slot(self, slot: slots.Slot) -> None:
        if slot.room_id is not None:
            self.room_id, self.room_name = slot.room_id, slot.room_name
        if self.new_time is not None:   # the typed time follows the picked slot (and shows the proposal)
            local = slot.starts_at.astimezone(self.ctx.tz)
            self.new_time.setDateTime(QDateTime(local.date(), local.time()))
            if self.starts_at == slot.starts_at:
                return
        self.starts_at = slot.starts_at
        self._show_proposal()

    # --- saving --------------------------------------------------------------------------------

    def change_input(self) -> changes.ChangeInput:
        proposal = self.proposed()
        if self.kind != ChangeKind.CANCEL and not proposal:
            raise ValidationFailed({"starts_at": "required"} if self.finder is not None else {"kind": "nothing_changes"})
        kind = self.kind
        if kind != ChangeKind.CANCEL:
            kind = (ChangeKind.RESCHEDULE if "starts_at" in proposal else
                    ChangeKind.ROOM if "room_id" in proposal else ChangeKind.SWAP_INTERVIEWER)
        return changes.ChangeInput(
            interview_id=self.facts.id, kind=kind, party=Party(self.party.currentData()), reason=self.reason_text(),
            reason_code=self.reason_code.currentData(),
            starts_at=proposal.get("starts_at"), room_id=proposal.get("room_id"),
            mode=InterviewMode.ONSITE if "room_id" in proposal else None,
            interviewer_ids=tuple(proposal["interviewer_ids"]) if "interviewer_ids" in proposal else None)

    def work(self):
        problems = {}
        if self.reason_code.currentData() is None:
            problems["reason_code"] = "required"
        if not self.reason_text():
            problems["reason"] = "required"
        if problems:
            raise ValidationFailed(problems)
        data = self.change_input()
        actor, override = self.ctx.actor, self.override.text() if not self.override.isHidden() else ""
        return ((lambda session: changes.request_change(session, actor, data, override_reason=override)),
                "interview", (lambda _result: (data.interview_id,)))

    def _refused(self, error: BaseException) -> None:
        if isinstance(error, ConflictsFound):
            self.saving = False
            self.save_button.setEnabled(True)
            self.conflicts.show_conflicts(error.conflicts)
            self._set_override_visible(error.overridable)
            self.form.show_message(messages.describe(error))
            if error.overridable:
                self.override.setFocus()
            return
        super()._refused(error)
