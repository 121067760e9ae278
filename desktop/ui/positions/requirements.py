"""The requirements editor of the position form: one row per requirement (kind, name, what is
required, weight 1–10), added and removed freely; core checks every row when the position is saved
(desktop/core/services/requirements.py) and the form names the rows at fault."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QHeaderView, QLineEdit, QPushButton, QSpinBox, QTableWidget,
    QVBoxLayout, QWidget,
)

from desktop.core import labels
from desktop.core.model import RequirementKind
from desktop.core.services.requirements import MAX_REQUIREMENTS, MAX_WEIGHT, MAX_YEARS, RequirementInput
from desktop.ui.widgets import hint_label, select_data

_KINDS = {
    "education": QT_TRANSLATE_NOOP("RequirementsEditor", "Education"),
    "major": QT_TRANSLATE_NOOP("RequirementsEditor", "Major"),
    "years": QT_TRANSLATE_NOOP("RequirementsEditor", "Years of experience"),
    "certificate": QT_TRANSLATE_NOOP("RequirementsEditor", "Certificates"),
    "skill": QT_TRANSLATE_NOOP("RequirementsEditor", "Skills / keywords"),
    "custom": QT_TRANSLATE_NOOP("RequirementsEditor", "Own field"),
}
_PLACEHOLDERS = {
    "major": QT_TRANSLATE_NOOP("RequirementsEditor", "Accepted majors, e.g. 临床医学, 内科学"),
    "certificate": QT_TRANSLATE_NOOP("RequirementsEditor", "e.g. 执业医师资格证"),
    "skill": QT_TRANSLATE_NOOP("RequirementsEditor", "Separate with commas, e.g. Python, 公文写作"),
    "custom": QT_TRANSLATE_NOOP("RequirementsEditor", "Words looked for, e.g. 英语六级"),
}
DEFAULT_WEIGHTS = {"education": 2, "major": 2, "years": 2, "certificate": 2, "skill": 3, "custom": 1}
COL_KIND, COL_LABEL, COL_VALUE, COL_WEIGHT = range(4)


def kind_word(kind: str) -> str:
    return QCoreApplication.translate("RequirementsEditor", _KINDS[kind]) if kind in _KINDS else kind


def _value_widget(kind: str, value: str) -> QWidget:
    if kind == RequirementKind.EDUCATION:
        combo = QComboBox()
        for code in labels.EDUCATIONS[1:]:               # "none" is no requirement
            combo.addItem(labels.education(code), code)
        select_data(combo, value or "bachelor")
        return combo
    if kind == RequirementKind.YEARS:
        spin = QSpinBox()
        spin.setRange(0, MAX_YEARS)
        spin.setValue(int(value) if value.isdigit() else 1)
        return spin
    line = QLineEdit(value)
    line.setPlaceholderText(QCoreApplication.translate("RequirementsEditor", _PLACEHOLDERS.get(kind, "")))
    return line


def _value_of(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return str(widget.currentData() or "")
    if isinstance(widget, QSpinBox):
        return str(widget.value())
    return widget.text() if isinstance(widget, QLineEdit) else ""


class RequirementsEditor(QWidget):
    """`set_requirements(items)` fills the table; `requirements()` gives what it holds, in order."""

    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = hint_label(self.tr(
            "The match report measures every candidate against these requirements. Weight 1–10 says how much each "
            "counts; a requirement partly met counts half. Without any, the report uses the minimum education, "
            "years and skills of the position."))
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Kind"), self.tr("Name"), self.tr("What is required"),
                                              self.tr("Weight")])
        self.table.verticalHeader().setVisible(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_LABEL, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_VALUE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_WEIGHT, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setColumnWidth(COL_LABEL, 120)
        self.table.setMinimumHeight(180)
        self.add_kind = QComboBox()
        for kind in _KINDS:
            self.add_kind.addItem(kind_word(kind), kind)
        self.add_button = QPushButton(self.tr("Add requirement"))
        self.add_button.clicked.connect(lambda: self.add_row(self.add_kind.currentData()))
        self.remove_button = QPushButton(self.tr("Remove selected"))
        self.remove_button.clicked.connect(self.remove_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_kind)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def set_requirements(self, items: list[RequirementInput]) -> None:
        self.table.setRowCount(0)
        for item in items:
            self.add_row(item.kind, item.label, item.value, item.weight)

    def add_row(self, kind: str, label: str = "", value: str = "", weight: int | None = None) -> None:
        if self.table.rowCount() >= MAX_REQUIREMENTS:
            return
        row = self.table.rowCount()
        self.table.insertRow(row)
        kinds = QComboBox()
        for code in _KINDS:
            kinds.addItem(kind_word(code), code)
        select_data(kinds, kind)
        name = QLineEdit(label)
        name.setMaxLength(100)
        weights = QSpinBox()
        weights.setRange(1, MAX_WEIGHT)
        weights.setValue(weight if weight is not None else DEFAULT_WEIGHTS.get(kind, 1))
        self.table.setCellWidget(row, COL_KIND, kinds)
        self.table.setCellWidget(row, COL_LABEL, name)
        self.table.setCellWidget(row, COL_WEIGHT, weights)
        self._set_value(row, kind, value)
        kinds.currentIndexChanged.connect(lambda _i, combo=kinds: self._kind_changed(combo))
        name.textChanged.connect(self.sig_changed)
        weights.valueChanged.connect(self.sig_changed)
        self.add_button.setEnabled(self.table.rowCount() < MAX_REQUIREMENTS)
        self.sig_changed.emit()

    def _set_value(self, row: int, kind: str, value: str) -> None:
        widget = _value_widget(kind, value)
        self.table.setCellWidget(row, COL_VALUE, widget)
        signal = getattr(widget, "textChanged", None) or getattr(widget, "valueChanged", None) \
            or widget.currentIndexChanged
        signal.connect(self.sig_changed)
        name = self.table.cellWidget(row, COL_LABEL)
        name.setPlaceholderText(self.tr("Required, e.g. 外语水平") if kind == RequirementKind.CUSTOM
                                else self.tr("Optional"))

    def _kind_changed(self, combo: QComboBox) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, COL_KIND) is combo:
                self._set_value(row, combo.currentData(), "")
                self.sig_changed.emit()
                return

    def remove_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.add_button.setEnabled(True)
            self.sig_changed.emit()

    def requirements(self) -> list[RequirementInput]:
        found = []
        for row in range(self.table.rowCount()):
            found.append(RequirementInput(self.table.cellWidget(row, COL_KIND).currentData(),
                                          self.table.cellWidget(row, COL_LABEL).text(),
                                          _value_of(self.table.cellWidget(row, COL_VALUE)),
                                          self.table.cellWidget(row, COL_WEIGHT).value()))
        return found
