"""Background reads and the UI thread together: with PySide6 6.12 on Python 3.11, some Qt wrappers
change None's reference count without the GIL, so a busy worker beside a repainting window made
Python abort ("deallocating None"). The task runner pins None before any worker starts."""

from __future__ import annotations

import sys
import threading

import pytest
from PySide6.QtWidgets import QLabel

from desktop.ui.tasks import NONE_PIN, TaskRunner


def test_the_task_runner_keeps_none_alive(qtbot):
    TaskRunner()
    if sys.version_info >= (3, 12):
        pytest.skip("None is immortal from Python 3.12 on")
    assert sys.getrefcount(None) > NONE_PIN // 2


def test_a_busy_worker_beside_a_repainting_label_does_not_bring_none_down(qtbot):
    TaskRunner()
    label = QLabel("x")
    qtbot.addWidget(label)
    label.show()
    stop = threading.Event()

    def busy() -> None:       # what SQLAlchemy does while fetching rows with NULLs
        while not stop.is_set():
            rows = [None] * 1000
            del rows

    worker = threading.Thread(target=busy)
    worker.start()
    try:
        for n in range(20_000):
            label.setText(str(n % 7))
    finally:
        stop.set()
        worker.join()
    assert sys.getrefcount(None) > NONE_PIN // 2
