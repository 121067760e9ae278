"""Widgets the booking and change dialogs share: people to tick, a room choice, the worded result
of a conflict check, and the slot finder's list of free times."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import tzinfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core.scheduling.conflicts import Conflict
from desktop.core.scheduling.lookups import PersonChoice, RoomChoice
from desktop.core.scheduling.slots import Slot
from desktop.ui import messages
from desktop.ui.schedule import colors, words
from desktop.core import labels


class PeoplePicker(QWidget):
    """People with a tick box each, narrowed by typing part of a name or department."""

    sig_changed = Signal()

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(placeholder)
        self.filter.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMinimumHeight(110)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(3)
        layout.addWidget(self.filter)
        layout.addWidget(self.list)
        self._wanted: set[int] = set()
        self.filter.textChanged.connect(self._narrow)
        self.list.itemChanged.connect(self._item_changed)

    def set_people(self, people: Iterable[PersonChoice]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for person in people:
            text = labels.with_note(person.name, person.department) if person.department else person.name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, person.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if person.id in self._wanted else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._narrow(self.filter.text())
        self.sig_changed.emit()

    def set_checked(self, ids: Iterable[int]) -> None:
        self._wanted = set(ids)
        self.list.blockSignals(True)
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in self._wanted
                               else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)
        self.sig_changed.emit()

    def checked_ids(self) -> tuple[int, ...]:
        return tuple(self.list.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.list.count())
                     if self.list.item(r).checkState() == Qt.CheckState.Checked)

    def _item_changed(self, item: QListWidgetItem) -> None:
        person = item.data(Qt.ItemDataRole.UserRole)
        if item.checkState() == Qt.CheckState.Checked:
            self._wanted.add(person)
        else:
            self._wanted.discard(person)
        self.sig_changed.emit()

    def _narrow(self, text: str) -> None:
        text = text.strip()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(bool(text) and text not in item.text())


class RoomCombo(QComboBox):
    def set_rooms(self, rooms: Iterable[RoomChoice], selected: int | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        for room in rooms:
            self.addItem(self.tr("{0} ({1} seats)").format(room.name, room.capacity), room.id)
        index = self.findData(selected)
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)
        self.currentIndexChanged.emit(self.currentIndex())

    def room_id(self) -> int | None:
        return self.currentData()


class ConflictList(QWidget):
    """The conflict check in plain words: nothing found, or each conflict marked as one that can be
    overridden with a reason or one that cannot."""

    def __init__(self, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.conflicts: list[Conflict] = []
        self.checked = False
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        self.show_pending()

    @property
    def hard(self) -> bool:
        return any(c.hard for c in self.conflicts)

    @property
    def soft(self) -> bool:
        return bool(self.conflicts) and not self.hard

    def show_pending(self, text: str = "") -> None:
        self.checked = False
        self.conflicts = []
        self.label.setStyleSheet("color:#5c6370;")
        self.label.setText(text or self.tr("Conflict check: waiting for a complete proposal."))

    def show_checking(self) -> None:
        self.checked = False
        self.label.setStyleSheet("color:#5c6370;")
        self.label.setText(self.tr("Checking for conflicts…"))

    def show_conflicts(self, found: list[Conflict]) -> None:
        self.checked = True
        self.conflicts = list(found)
        if not found:
            self.label.setStyleSheet("color:#2e7d32;")
            self.label.setText(self.tr("✓ No conflicts: interviewers, candidate and room are free, within working hours."))
            return
        self.label.setStyleSheet("")
        lines = []
        for conflict in found:
            mark = (f"<span style='color:{colors.CONFLICT}'>■ " + self.tr("Cannot be overridden") + "</span>"
                    if conflict.hard else "<span style='color:#b26a00'>▲ " + self.tr("May be overridden with a reason")
                    + "</span>")
            lines.append(labels.labelled(mark, messages.conflict_text(conflict, self.zone)))
        self.label.setText("<br>".join(lines))

    def text(self) -> str:
        return self.label.text()


class SlotList(QListWidget):
    """The earliest free slots; double-click (or select) one to use it."""

    sig_picked = Signal(object)   # Slot

    def __init__(self, zone: tzinfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.slots: list[Slot] = []
        self.setMinimumHeight(100)
        self.currentRowChanged.connect(self._row_changed)

    def set_slots(self, slots: list[Slot]) -> None:
        self.blockSignals(True)
        self.clear()
        self.slots = list(slots)
        for slot in slots:
            text = words.when(self.zone, slot.starts_at, slot.ends_at)
            if slot.room_name:
                text += "  " + slot.room_name
            self.addItem(text)
        if not slots:
            item = QListWidgetItem(self.tr("No free slot in the next two weeks for everyone taking part."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.addItem(item)
        self.blockSignals(False)

    def _row_changed(self, row: int) -> None:
        if 0 <= row < len(self.slots):
            self.sig_picked.emit(self.slots[row])

    def pick(self, row: int) -> None:
        self.setCurrentRow(row)
