"""The colour of each live state, shared by the schedule, Today and the room board, and a legend."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QWidget

from desktop.core import labels

# live state -> (fill, border, text)
STATE_COLORS: dict[str, tuple[str, str, str]] = {
    "unconfirmed": ("#fff1c2", "#d9a400", "#5a4300"),
    "confirmed": ("#d7f0d8", "#3c9a45", "#1e4d22"),
    "pending_approval": ("#e8defa", "#7b55c7", "#3b2466"),
    "arrived": ("#cfe8f7", "#2a86c2", "#103d5a"),
    "late": ("#ffd9c7", "#e0571b", "#6b2300"),
    "in_progress": ("#c9dcff", "#2f5fd1", "#142c66"),
    "done": ("#e6e8eb", "#9aa1ab", "#3f4650"),
    "cancelled": ("#f2f3f5", "#c4c8ce", "#80868f"),
    "no_show": ("#f3d0d4", "#a8323e", "#5c1019"),
}
CONFLICT = "#d62828"
UNKNOWN = ("#eef0f3", "#9aa1ab", "#333333")


def fill(state: str) -> QColor:
    return QColor(STATE_COLORS.get(state, UNKNOWN)[0])


def border(state: str) -> QColor:
    return QColor(STATE_COLORS.get(state, UNKNOWN)[1])


def text(state: str) -> QColor:
    return QColor(STATE_COLORS.get(state, UNKNOWN)[2])


def chip_style(state: str) -> str:
    f, b, t = STATE_COLORS.get(state, UNKNOWN)
    return f"background:{f}; border:1px solid {b}; color:{t}; border-radius:3px; padding:1px 6px;"


def state_chip(state: str) -> QLabel:
    chip = QLabel(labels.live_state(state))
    chip.setStyleSheet(chip_style(state))
    chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
    return chip


class Legend(QWidget):
    """A row of coloured chips naming each state, and the conflict marking."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for state in labels.LIVE_STATES:
            row.addWidget(state_chip(state))
        conflict = QLabel(self.tr("Conflict"))
        conflict.setStyleSheet(f"border:2px solid {CONFLICT}; color:{CONFLICT}; border-radius:3px; padding:0 6px;")
        conflict.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row.addWidget(conflict)
        row.addStretch(1)
