"""The Qt binding keeps Python's reference counts: PySide6 6.12.0 on Python 3.11 dropped a reference
to None on every call of a method that returns nothing (and to True on other paths), and the
interpreter aborted ("Fatal Python error: none_dealloc" / "bool_dealloc") once they ran out, after
some 45 minutes of scrolling, switching weeks and booking (bench/soak_gc.py). pyproject keeps that
release off Python 3.11; this fails on any binding that does it again. On Python 3.12+ None, True and
False are immortal and their counts do not move."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QCheckBox, QLabel, QWidget

CALLS = 500


def counts() -> tuple[int, int, int]:
    return sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)


def test_calls_into_qt_leave_the_counts_of_none_true_and_false_as_they_were(qapp):
    widget, label, box, timer = QWidget(), QLabel(), QCheckBox(), QTimer()
    calls = [lambda: widget.setEnabled(True), lambda: widget.setEnabled(False), lambda: label.setText("面试"),
             lambda: widget.resize(10, 10), lambda: timer.setSingleShot(True), lambda: widget.isEnabled(),
             lambda: box.setChecked(True), lambda: box.isChecked(), lambda: widget.isVisible()]
    for call in calls:
        call()
    before = counts()
    for _ in range(CALLS):
        for call in calls:
            call()
    after = counts()
    assert [a - b for a, b in zip(after, before)] == [0, 0, 0]
