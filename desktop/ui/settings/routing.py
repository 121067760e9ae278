"""Settings → 通知渠道: which channels carry what to whom. Staff always get the in-app notice (and
the desktop notification); the rest is ticked here: per group of recipients (the candidate by e-mail
and SMS, interviewers through their Exchange calendar and the OA system, approvers and HR through
OA), and per message where one should go differently from the rest of its group."""

from __future__ import annotations

from typing import TYPE_CHECKING

import json

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QCheckBox, QGridLayout, QHBoxLayout, QHeaderView, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core.notifications import routing, templates
from desktop.core import labels
from desktop.ui.settings.inputs import ComposedSettingsTab, listed
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

AUDIENCES = {
    routing.CANDIDATE: QT_TRANSLATE_NOOP("ChannelRouting", "Candidates (invitation, change, cancellation, reminder)"),
    routing.INTERVIEWER: QT_TRANSLATE_NOOP("ChannelRouting", "Interviewers (their interviews and changes)"),
    routing.APPROVER: QT_TRANSLATE_NOOP("ChannelRouting", "Approvers (a change waiting for them)"),
    routing.HR: QT_TRANSLATE_NOOP("ChannelRouting", "HR officers (approval results, late and overdue alerts)"),
    routing.RECEPTION: QT_TRANSLATE_NOOP("ChannelRouting", "Reception (an expected interview moved or cancelled)"),
}


EVENT_KEY = "notify.event_channels"
MESSAGE_CHANNELS = ("email", "sms", "oa")     # the calendar carries meetings, set per audience above


def _centred(widget: QWidget) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(widget, 0, Qt.AlignmentFlag.AlignCenter)
    return holder


def key_of(audience: str) -> str:
    return f"notify.{audience}_channels"


class ChannelRouting(ComposedSettingsTab, QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.boxes: dict[tuple[str, str], QCheckBox] = {}
        grid = QGridLayout()
        grid.setColumnStretch(len(routing.CHANNELS[routing.INTERVIEWER]) + 2, 1)
        for row, (audience, text) in enumerate(AUDIENCES.items()):
            grid.addWidget(QLabel(QCoreApplication.translate("ChannelRouting", text)), row, 0)
            for column, channel in enumerate(routing.CHANNELS[audience], start=1):
                box = QCheckBox(labels.channel(channel))
                self.boxes[(audience, channel)] = box
                grid.addWidget(box, row, column)
        self.events = QTableWidget(len(routing.EVENT_AUDIENCE), 2 + len(MESSAGE_CHANNELS))
        self.events.setHorizontalHeaderLabels([self.tr("Message"), self.tr("As for its recipients")]
                                              + [labels.channel(c) for c in MESSAGE_CHANNELS])
        self.events.verticalHeader().hide()
        self.events.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.event_boxes: dict[tuple[str, str], QCheckBox] = {}
        self.follows: dict[str, QCheckBox] = {}
        for row, event in enumerate(routing.EVENT_AUDIENCE):
            self.events.setItem(row, 0, QTableWidgetItem(templates.EVENTS[event].label(ctx.language)))
            follow = QCheckBox()
            follow.toggled.connect(lambda on, e=event: self._follow(e, on))
            self.follows[event] = follow
            self.events.setCellWidget(row, 1, _centred(follow))
            for column, channel in enumerate(MESSAGE_CHANNELS, start=2):
                if channel in routing.CHANNELS[routing.EVENT_AUDIENCE[event]]:
                    box = QCheckBox()
                    self.event_boxes[(event, channel)] = box
                    self.events.setCellWidget(row, column, _centred(box))
        self.events.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        buttons = self.composed_save_row(self.tr("Save channels"),
                                         self.tr("Saved. New messages follow these channels."))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "Staff always receive the in-app notice and a desktop notification. Tick the other channels each "
            "group hears through; a channel also has to be set up (Mail, SMS and OA, Exchange) before anything "
            "goes out through it.")))
        layout.addLayout(grid)
        layout.addWidget(hint_label(self.tr(
            "SMS reaches mobile numbers only: a candidate whose phone is a landline gets no text message, so keep "
            "e-mail ticked for candidates.")))
        layout.addWidget(hint_label(self.tr(
            "A message can be sent differently from the rest: untick \"As for its recipients\" and choose "
            "its channels, for example the day-before reminder by SMS only.")))
        layout.addWidget(self.events, 1)
        layout.addLayout(buttons)
        for box in self.boxes.values():
            box.toggled.connect(self._defaults_changed)
        self.load()

    def load(self) -> None:
        machine_file = self.ctx.machine_file
        keys = {key_of(a) for a in AUDIENCES} | {EVENT_KEY}
        self.ctx.read(lambda session: listed(session, machine_file, keys), self._loaded, self._refused, owner=self)

    def _loaded(self, values: dict[str, str]) -> None:
        for (audience, channel), box in self.boxes.items():
            box.setChecked(channel in str(values.get(key_of(audience), "")).split(","))
        routed = json.loads(values.get(EVENT_KEY) or "{}")
        for event, follow in self.follows.items():
            if event in routed:
                follow.setChecked(False)
                for channel in MESSAGE_CHANNELS:
                    if (event, channel) in self.event_boxes:
                        self.event_boxes[(event, channel)].setChecked(channel in routed[event].split(","))
            follow.setChecked(event not in routed)
            self._follow(event, event not in routed)
        self.save_button.setEnabled(True)

    def _audience_channels(self, audience: str) -> set[str]:
        return {c for c in routing.CHANNELS[audience] if self.boxes[(audience, c)].isChecked()}

    def _follow(self, event: str, following: bool) -> None:
        """A message that follows its recipients shows their channels, greyed; otherwise its own."""
        audience = self._audience_channels(routing.EVENT_AUDIENCE[event])
        for channel in MESSAGE_CHANNELS:
            box = self.event_boxes.get((event, channel))
            if box is not None:
                box.setEnabled(not following)
                if following:
                    box.setChecked(channel in audience)

    def _defaults_changed(self, _checked: bool) -> None:
        for event, follow in self.follows.items():
            if follow.isChecked():
                self._follow(event, True)

    def chosen(self) -> dict[str, str]:
        values = {key_of(audience): ",".join(c for c in routing.CHANNELS[audience]
                                             if self.boxes[(audience, c)].isChecked()) for audience in AUDIENCES}
        routed = {event: ",".join(c for c in MESSAGE_CHANNELS if (event, c) in self.event_boxes
                                  and self.event_boxes[(event, c)].isChecked())
                  for event, follow in self.follows.items() if not follow.isChecked()}
        values[EVENT_KEY] = json.dumps(routed, ensure_ascii=False) if routed else ""
        return values
