"""Settings → 候选人提问: who answers each topic of candidate questions (the position's department
leader, the interview's HR officer, or a named person), the reply deadline (working days on the
office calendar, or working hours) and how many questions the closing step asks for."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QSpinBox, QVBoxLayout, QWidget

from desktop.core import labels, questions, settings
from desktop.ui.errors import show_error
from desktop.ui.settings.inputs import ComposedSettingsTab, listed
from desktop.ui.widgets import hint_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

KEYS = ("questions.routing", "questions.deadline")   # the minimum per round: the interview room tab


class QuestionSettings(ComposedSettingsTab, QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.owners: dict[str, QComboBox] = {}
        form = QFormLayout()
        for topic in labels.QUESTION_TOPICS:
            box = QComboBox()
            box.addItem(self.tr("Leader of the position's department"), "dept_leader")
            box.addItem(self.tr("HR officer of the interview"), "hr")
            self.owners[topic] = box
            form.addRow(labels.question_topic(topic), box)
        self.amount = QSpinBox()
        self.amount.setRange(1, 99)
        self.unit = QComboBox()
        self.unit.addItem(self.tr("working days"), "d")
        self.unit.addItem(self.tr("working hours"), "h")
        deadline = QHBoxLayout()
        deadline.addWidget(self.amount)
        deadline.addWidget(self.unit)
        deadline.addStretch(1)
        form.addRow(self.tr("Answer within"), deadline)
        buttons = self.composed_save_row(self.tr("Save"), self.tr("Saved. New questions follow these rules."))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "Each candidate question goes to the owner of its topic. Working days follow the holiday calendar, "
            "including working weekend days. The owner is reminded at half time; at the deadline their superior "
            "and HR are told. A round may ask for its own number of questions.")))
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addStretch(1)
        self.load()

    def load(self) -> None:
        machine_file = self.ctx.machine_file

        def read(session):
            return listed(session, machine_file, KEYS), questions.owner_choices(session)

        self.ctx.read(read, self._loaded, lambda error: show_error(error, self), owner=self)

    def _loaded(self, arrived) -> None:
        values, people = arrived
        for box in self.owners.values():
            for _user_id, name, username in people:
                box.addItem(labels.with_note(name, username), f"user:{username}")
        routing = settings.question_routing(str(values.get("questions.routing") or ""))
        for topic, box in self.owners.items():
            index = box.findData(routing.get(topic, "hr"))
            if index < 0:          # a named person no longer active: shown so the admin sees it
                box.addItem(routing[topic], routing[topic])
                index = box.count() - 1
            box.setCurrentIndex(index)
        deadline = str(values.get("questions.deadline") or "1d")
        self.amount.setValue(int(deadline[:-1]))
        self.unit.setCurrentIndex(max(self.unit.findData(deadline[-1]), 0))
        self.save_button.setEnabled(True)

    def chosen(self) -> dict[str, str]:
        routing = {topic: box.currentData() for topic, box in self.owners.items()}
        return {"questions.routing": json.dumps(routing, ensure_ascii=False),
                "questions.deadline": f"{self.amount.value()}{self.unit.currentData()}"}
