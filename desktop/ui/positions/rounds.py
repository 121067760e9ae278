"""A position's rounds as the interview room uses them: planned duration, how many questions the
candidate is invited to ask, and the closing checklist (empty: the institution's default list)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPlainTextEdit, QSpinBox, QWidget

from desktop.core.interview_room import parse_checklist
from desktop.core.services import rounds
from desktop.core.services.rounds import RoundSettings
from desktop.ui.forms import EditDialog

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class RoundsForm(EditDialog):
    def __init__(self, ctx: "AppContext", position_id: int, settings: list[RoundSettings],
                 parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.position_id = position_id
        self.settings = settings
        self.setWindowTitle(self.tr("Interview rounds in the room"))
        self.setMinimumWidth(480)
        self.inputs: list[tuple[QSpinBox, QSpinBox, QPlainTextEdit]] = []
        add = self.form.add
        for r in settings:
            minutes = add(f"duration_minutes{r.sequence}", self.tr("{0}: planned minutes").format(r.name), QSpinBox())
            minutes.setRange(10, 480)
            minutes.setSingleStep(5)
            minutes.setValue(r.duration_minutes)
            questions = add(f"min_questions{r.sequence}", self.tr("{0}: candidate's questions").format(r.name),
                            QSpinBox())
            questions.setRange(-1, 10)
            questions.setSpecialValueText(self.tr("Institution default"))
            questions.setValue(-1 if r.min_questions is None else r.min_questions)
            checklist = add(f"closing_checklist{r.sequence}", self.tr("{0}: closing checklist").format(r.name),
                            QPlainTextEdit())
            checklist.setPlaceholderText(self.tr("One item a line; empty: the institution's default list"))
            checklist.setPlainText("\n".join(r.closing_checklist or ()))
            checklist.setFixedHeight(70)
            checklist.setTabChangesFocus(True)
            self.inputs.append((minutes, questions, checklist))
        self.assemble()

    def entered(self) -> list[RoundSettings]:
        result = []
        for r, (minutes, questions, checklist) in zip(self.settings, self.inputs):
            items = tuple(parse_checklist(checklist.toPlainText()))
            result.append(RoundSettings(r.id, r.sequence, r.name, r.kind, minutes.value(), items or None,
                                        None if questions.value() < 0 else questions.value()))
        return result

    def work(self):
        data, actor, position_id = self.entered(), self.ctx.actor, self.position_id
        return (lambda session: rounds.update_rounds(session, actor, position_id, data)), "position", \
            (lambda _none: (position_id,))
