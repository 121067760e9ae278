"""Settings → 通知渠道: which channels carry what to whom. Staff always get the in-app notice (and
the desktop notification); the rest is ticked here: the candidate by e-mail and SMS, interviewers
through their Exchange calendar and the OA system, approvers and HR through OA."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QCheckBox, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.core.errors import DeskError
from desktop.core.notifications import routing
from desktop.core.services import config
from desktop.ui import labels, messages
from desktop.ui.errors import show_error
from desktop.ui.widgets import hint_label, primary_button

if TYPE_CHECKING:
    from desktop.app import AppContext

AUDIENCES = {
    routing.CANDIDATE: QT_TRANSLATE_NOOP("ChannelRouting", "Candidates (invitation, change, cancellation, reminder)"),
    routing.INTERVIEWER: QT_TRANSLATE_NOOP("ChannelRouting", "Interviewers (their interviews and changes)"),
    routing.APPROVER: QT_TRANSLATE_NOOP("ChannelRouting", "Approvers (a change waiting for them)"),
    routing.HR: QT_TRANSLATE_NOOP("ChannelRouting", "HR officers (approval results, late and overdue alerts)"),
}


def key_of(audience: str) -> str:
    return f"notify.{audience}_channels"


class ChannelRouting(QWidget):
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
        self.save_button = primary_button(self.tr("Save channels"))
        self.status = hint_label()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "Staff always receive the in-app notice and a desktop notification. Tick the other channels each "
            "group hears through; a channel also has to be set up (Mail, SMS and OA, Exchange) before anything "
            "goes out through it.")))
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        self.load()

    def load(self) -> None:
        machine_file = self.ctx.machine_file
        keys = {key_of(a) for a in AUDIENCES}
        self.ctx.read(lambda session: {v.key: v.value for v in config.list_values(session, machine_file)
                                       if v.key in keys}, self._loaded, self._refused, owner=self)

    def _loaded(self, values: dict[str, str]) -> None:
        for (audience, channel), box in self.boxes.items():
            box.setChecked(channel in str(values.get(key_of(audience), "")).split(","))
        self.save_button.setEnabled(True)

    def chosen(self) -> dict[str, str]:
        return {key_of(audience): ",".join(c for c in routing.CHANNELS[audience] if self.boxes[(audience, c)].isChecked())
                for audience in AUDIENCES}

    def save(self) -> None:
        values, actor, machine_file = self.chosen(), self.ctx.actor, self.ctx.machine_file
        self.save_button.setEnabled(False)
        self.status.setText("")
        self.ctx.write(lambda session: config.set_values(session, actor, machine_file, values),
                       lambda _keys: self._saved(values), self._refused, entity="settings", owner=self)

    def _saved(self, values: dict[str, str]) -> None:
        self.save_button.setEnabled(True)
        self.ctx.use_institution_settings(values)
        self.status.setText(self.tr("Saved. New messages follow these channels."))

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, DeskError):
            self.status.setText(messages.describe(error))
        else:
            show_error(error, self)
