"""Settings → 录用模板 (administrators): the offer templates per post type (desktop/core/offer_templates.py).
The list on the left (the shipped 事业单位 templates and the default until something is saved), the
editor on the right: name, post type, the salary structure's lines (add, remove, move; an empty amount
is left for HR to fill in each offer), probation, work place, days to reply and to the start, and the
letter's own text with {placeholders}. Saving refuses bad input with every problem named, nothing saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
    QPushButton, QSpinBox, QSplitter, QVBoxLayout, QWidget,
)

from desktop.core import labels, offer_templates
from desktop.core.offer_templates import TemplateInput, TemplateView
from desktop.core.offers import PLACE_MAX
from desktop.ui import messages
from desktop.ui.candidates.offer_dialogs import PayTable
from desktop.ui.errors import show_error
from desktop.ui.widgets import hint_label, primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class OfferTemplateSettings(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.templates: tuple[TemplateView, ...] = ()
        self.current: TemplateView | None = None      # None: a new template being written
        self.pending: tuple[str, str] | None = None   # the result to show once the list is back
        self.list = QListWidget()
        self.list.setSpacing(3)
        self.list.currentRowChanged.connect(self._picked)
        self.new_button = QPushButton(self.tr("New template"))
        self.new_button.clicked.connect(self.new_template)
        left = QWidget()
        left_column = QVBoxLayout(left)
        left_column.setContentsMargins(0, 0, 0, 0)
        left_column.addWidget(self.list, 1)
        left_column.addWidget(self.new_button)

        self.name = QLineEdit()
        self.name.setMaxLength(offer_templates.NAME_MAX)
        self.post_type = QComboBox()
        self.post_type.addItem(self.tr("Default (positions without a template of their type)"), "")
        for code in labels.POST_TYPES:
            self.post_type.addItem(labels.post_type(code), code)
        self.pay = PayTable(())
        self.pay.table.setMinimumHeight(120)
        self.probation = QSpinBox()
        self.probation.setRange(0, offer_templates.MAX_PROBATION)
        self.probation.setSuffix(self.tr(" month(s)"))
        self.place = QLineEdit()
        self.place.setMaxLength(PLACE_MAX)
        self.place.setPlaceholderText(self.tr("Empty: the institution's address (Settings → Labour contracts)"))
        self.reply_days = QSpinBox()
        self.reply_days.setRange(0, 99)
        self.reply_days.setSuffix(self.tr(" day(s)"))
        self.start_days = QSpinBox()
        self.start_days.setRange(0, 999)
        self.start_days.setSuffix(self.tr(" day(s)"))
        days = QHBoxLayout()
        days.setContentsMargins(0, 0, 0, 0)
        for label, box in ((self.tr("Probation"), self.probation), (self.tr("Reply within"), self.reply_days),
                           (self.tr("Start after"), self.start_days)):
            days.addWidget(QLabel(label))
            days.addWidget(box)
        days.addStretch(1)
        self.body = QPlainTextEdit()
        self.body.setPlaceholderText(self.tr("Empty: the standard letter text"))
        self.body.setMinimumHeight(70)
        self.state = QLabel()
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.hide()
        self.save_button = primary_button(self.tr("Save"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.active_button = QPushButton(self.tr("Deactivate"))
        self.active_button.setEnabled(False)
        self.active_button.clicked.connect(self.toggle_active)

        form = QFormLayout()
        form.addRow(self.tr("Template name *"), self.name)
        form.addRow(self.tr("Post type"), self.post_type)
        form.addRow(self.tr("Salary structure *"), self.pay)
        form.addRow("", days)
        form.addRow(self.tr("Work place"), self.place)
        fields = "、".join("{" + name + "}" for name in offer_templates.PLACEHOLDERS)
        form.addRow(self.tr("Letter text"), self.body)
        form.addRow("", hint_label(self.tr("One paragraph per line, after the title and the greeting; the salary "
                                           "table and how to answer follow the text. Fields: {0}").format(fields)))
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.active_button)
        buttons.addWidget(self.state, 1)
        right = QWidget()
        right_column = QVBoxLayout(right)
        right_column.setContentsMargins(0, 0, 0, 0)
        right_column.addLayout(form, 1)
        right_column.addWidget(self.result)
        right_column.addLayout(buttons)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(1, 1)
        split.setSizes([260, 900])
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr(
            "A position's post type chooses the template its offers start from; without one of its type, the "
            "default. Leave an amount empty for HR to fill in for each person; offers already made keep "
            "their values and letter text.")))
        column.addWidget(split, 1)
        self.reload()

    # --- list --------------------------------------------------------------------------------------

    def reload(self, select_name: str | None = None) -> None:
        self.ctx.read(offer_templates.list_templates, lambda found: self._listed(found, select_name),
                      lambda error: show_error(error, self), owner=self)

    def _caption(self, t: TemplateView) -> str:
        kind = labels.post_type(t.post_type) if t.post_type else self.tr("Default")
        text = f"{t.name}\n{kind}"
        return text if t.active else text + " · " + self.tr("inactive")

    def _listed(self, found: tuple[TemplateView, ...], select_name: str | None) -> None:
        self.templates = found
        self.list.blockSignals(True)
        self.list.clear()
        for t in found:
            item = QListWidgetItem(self._caption(t))
            if not t.active:
                item.setForeground(Qt.GlobalColor.gray)
            self.list.addItem(item)
        self.list.blockSignals(False)
        names = [t.name for t in found]
        row = names.index(select_name) if select_name in names else 0 if found else -1
        self.list.setCurrentRow(row)
        if row >= 0:
            self._picked(row)
        if self.pending is not None:
            self._report(*self.pending)
            self.pending = None

    def _picked(self, row: int) -> None:
        if 0 <= row < len(self.templates):
            self._show(self.templates[row])

    def _show(self, t: TemplateView | None) -> None:
        self.current = t
        data = t.as_input() if t else TemplateInput("", "", ())
        self.name.setText(data.name)
        self.post_type.setCurrentIndex(max(self.post_type.findData(data.post_type), 0))
        self.pay.set_lines(data.pay)
        self.probation.setValue(data.probation_months if t else 3)
        self.place.setText(data.work_place)
        self.reply_days.setValue(data.reply_days)
        self.start_days.setValue(data.start_days)
        self.body.setPlainText(data.body)
        if t is None:
            self.state.setText(self.tr("New template"))
        elif t.shipped:
            self.state.setText(self.tr("Shipped template, saved when first changed"))
        else:
            self.state.setText(self.tr("Active") if t.active else self.tr("Inactive"))
        self.active_button.setText(self.tr("Reactivate") if t and not t.active else self.tr("Deactivate"))
        self.active_button.setEnabled(t is not None)
        self.save_button.setEnabled(True)
        self.result.hide()

    def new_template(self) -> None:
        self.list.clearSelection()
        self._show(None)
        self.pay.add_line()
        self.name.setFocus()

    # --- writes ------------------------------------------------------------------------------------

    def entered(self) -> TemplateInput:
        return TemplateInput(self.name.text(), self.post_type.currentData() or "", self.pay.lines(),
                             self.probation.value(), self.place.text(), self.reply_days.value(),
                             self.start_days.value(), self.body.toPlainText())

    def save(self) -> None:
        actor, data, current = self.ctx.actor, self.entered(), self.current
        template_id, version = (current.id, current.version) if current else (None, None)
        self._busy()
        self.ctx.write(lambda s: offer_templates.save(s, actor, template_id, data, version), self._saved,
                       self._refused, entity="offer_template", owner=self)

    def toggle_active(self) -> None:
        current, actor = self.current, self.ctx.actor
        if current is None:
            return
        self._busy()
        self.ctx.write(lambda s: offer_templates.set_active(s, actor, current.id, not current.active,
                                                            current.version),
                       self._saved, self._refused, entity="offer_template", owner=self)

    def _busy(self) -> None:
        self.save_button.setEnabled(False)
        self.active_button.setEnabled(False)
        self.result.hide()
        self.pay.mark_problems(())

    def _saved(self, template: TemplateView) -> None:
        self.pending = (self.tr("Saved: {0}").format(template.name), "success")
        self.reload(template.name)

    def _refused(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.active_button.setEnabled(self.current is not None)
        problems = getattr(error, "problems", {}) or {}
        self.pay.mark_problems(int(k[3:]) - 1 for k in problems if k.startswith("pay") and k[3:].isdigit())
        self._report(messages.describe(error), "error")

    def _report(self, text: str, name: str) -> None:
        self.result.setObjectName(name)
        self.result.setText(text)
        self.result.style().unpolish(self.result)
        self.result.style().polish(self.result)
        self.result.show()
