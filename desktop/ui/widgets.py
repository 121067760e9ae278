"""Small widgets shared by the pages: a debounced search box, a form that shows validation problems
next to its fields, titles and buttons."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QFrame, QLabel, QLineEdit, QPushButton, QScrollArea, QSizePolicy, QVBoxLayout, QWidget,
)

from desktop.core.errors import ValidationFailed
from desktop.ui import messages

SEARCH_DELAY_MS = 300


class SearchBox(QLineEdit):
    """Emits `sig_search(text)` once typing pauses, so every keystroke does not query the database."""

    sig_search = Signal(str)

    def __init__(self, placeholder: str, parent: QWidget | None = None, delay_ms: int = SEARCH_DELAY_MS) -> None:
        super().__init__(parent)
        self.setPlaceholderText(placeholder)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(300)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._typing_paused)
        self.textChanged.connect(self._typed)

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def _typing_paused(self) -> None:
        self.sig_search.emit(self.text().strip())


def title_label(text: str, name: str = "pageTitle") -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    return label


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("hint")
    label.setWordWrap(True)
    return label


def show_outcome(label: QLabel, text: str, name: str) -> None:
    """Shows `text` in `label` styled as `name` ("success", "error", or "" for plain words), the
    style sheet applied again at once for the new name."""
    label.setObjectName(name)
    label.setText(text)
    label.style().unpolish(label)
    label.style().polish(label)
    label.show()


def primary_button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("primary")
    button.setDefault(True)
    return button


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area that scrolls vertically only."""
    area = QScrollArea()
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setMinimumWidth(widget.minimumWidth() + 16)
    return area


def select_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    if index >= 0:
        combo.setCurrentIndex(index)


class ValidatedForm:
    """A QFormLayout whose fields each carry an error line underneath, filled from core's
    ValidationFailed problems; the input stays as typed."""

    def __init__(self, layout: QFormLayout, banner: QLabel) -> None:
        self.layout = layout
        self.banner = banner
        self.banner.setObjectName("formError")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.inputs: dict[str, QWidget] = {}
        self.errors: dict[str, QLabel] = {}
        self.banner_for_fields = False         # the banner only summarises the field errors below
        self.elsewhere: dict[str, str] = {}    # problems about fields the form does not show

    def add(self, name: str, label: str, widget: QWidget) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        error = QLabel()
        error.setObjectName("fieldError")
        # A field kept at its size hint (a settings tab) lends its error line no width to wrap in, and
        # the form would then clip the second line: there the line runs on beside the page instead.
        error.setWordWrap(self.layout.fieldGrowthPolicy() != QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        error.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        error.hide()
        column.addWidget(error)
        self.layout.addRow(label, box)
        self.inputs[name] = widget
        self.errors[name] = error
        return widget

    def clear(self) -> None:
        self.banner.hide()
        self.banner.clear()
        for label in self.errors.values():
            label.hide()
            label.clear()

    def show_problems(self, error: ValidationFailed) -> None:
        """Each problem beside its field; problems about fields the form does not show go on top."""
        self.clear()
        elsewhere = {}
        first: QWidget | None = None
        for name, code in error.problems.items():
            label = self.errors.get(name)
            if label is None:
                elsewhere[name] = code
                continue
            label.setText(messages.validation_text(ValidationFailed({name: code})))
            label.show()
            first = first or self.inputs[name]
        text = QCoreApplication.translate("ValidatedForm", "Nothing was saved. Please correct the marked fields.")
        if elsewhere:
            text += "\n" + messages.validation_text(ValidationFailed(elsewhere))
        self.show_message(text)
        self.banner_for_fields, self.elsewhere = True, elsewhere
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_message(self, text: str) -> None:
        self.banner_for_fields = False
        self.banner.setText(text)
        self.banner.show()

    def recheck(self, problems: dict[str, str], edited: str | None = None, *, reveal: bool = False) -> None:
        """Live validation against `problems` (the input as it stands): a marked field shows its
        current problem or clears once fixed; the field just edited shows its problem too when
        `reveal` (the user has finished with it); a banner that only summarised the field errors
        goes once none is left."""
        for name, label in self.errors.items():
            code = problems.get(name)
            if code and (not label.isHidden() or (reveal and name == edited)):
                label.setText(messages.validation_text(ValidationFailed({name: code})))
                label.show()
            elif not code and not label.isHidden():
                label.hide()
                label.clear()
        marked = any(not label.isHidden() for label in self.errors.values())
        if self.banner_for_fields and not marked and not any(name in problems for name in self.elsewhere):
            self.banner.hide()
            self.banner.clear()
            self.banner_for_fields = False

    def error_text(self, name: str) -> str:
        label = self.errors[name]
        return label.text() if not label.isHidden() else ""
