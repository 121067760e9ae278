"""日历文件 Calendar files on the schedule: export the shown days of one interviewer or room as an
.ics (to import into Outlook or a phone), and import an interviewer's (or room's) busy time from
the .ics their calendar program exports, so bookings see it. Files are read and written on the
worker threads, never on the UI thread."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QToolButton,
    QVBoxLayout, QWidget,
)

from desktop.core.scheduling import calendar_files
from desktop.core.scheduling.calendar_files import ImportCounts
from desktop.core.scheduling.views import Lane
from desktop.integrations import ical
from desktop.ui import messages
from desktop.ui.widgets import hint_label, primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

EXPORT, IMPORT = "export", "import"
IMPORT_DAYS = 180     # busy time is taken from today on, half a year ahead


def export_file(session, actor, path: str, by: str, subject_id: int, name: str, first: date, last: date,
                zone: str) -> int:
    """Write the subject's interviews to `path`; returns how many."""
    key = "room_id" if by == "room" else "user_id"
    entries = calendar_files.schedule_entries(session, actor, first, last, **{key: subject_id})
    data = ical.export_schedule(entries, zone=zone, name=name, stamp=session.info["clock"].now())
    Path(path).write_bytes(data)
    return len(entries)


def import_file(session, actor, path: str, by: str, subject_id: int, first: date, last: date,
                zone: str) -> ImportCounts:
    """Read and check the whole file, then replace what the same file brought in before."""
    file = Path(path)
    blocks = ical.parse_busy(ical.read_file(file), zone=zone, first=first, last=last)
    key = "room_id" if by == "room" else "user_id"
    return calendar_files.import_busy(session, actor, blocks, file.name, **{key: subject_id})


class CalendarFileDialog(QDialog):
    """Choose whose calendar and which file, then export or import."""

    sig_done = Signal(str)

    def __init__(self, ctx: "AppContext", mode: str, by: str, lanes: list[Lane], first: date, last: date,
                 selected: int | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.mode, self.by, self.first, self.last = ctx, mode, by, first, last
        self.working = False
        exporting = mode == EXPORT
        self.setWindowTitle(self.tr("Export schedule (.ics)") if exporting else self.tr("Import availability (.ics)"))
        self.subject = QComboBox()
        for lane in lanes:
            self.subject.addItem(lane.name, lane.id)
        if selected is not None and self.subject.findData(selected) >= 0:
            self.subject.setCurrentIndex(self.subject.findData(selected))
        self.path = QLineEdit()
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self.choose)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.ok_button = primary_button(self.tr("Export") if exporting else self.tr("Import"))
        self.ok_button.clicked.connect(self.run)
        cancel = QPushButton(self.tr("Cancel"))
        cancel.clicked.connect(self.reject)

        picker = QHBoxLayout()
        picker.addWidget(self.path, 1)
        picker.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("Room") if by == "room" else self.tr("Interviewer"), self.subject)
        form.addRow(self.tr("File"), picker)
        if exporting:
            span = self.tr("{0} to {1}").format(first.isoformat(), last.isoformat())
            note = self.tr("The interviews from {0}, without candidates' names.").format(span)
        else:
            note = self.tr("Busy time from the file counts for bookings from {0} to {1}. Importing the same file "
                           "again replaces what it brought in before.").format(first.isoformat(), last.isoformat())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(hint_label(note))
        column.addWidget(self.error)
        column.addLayout(buttons)
        self.resize(520, self.sizeHint().height())

    def choose(self) -> None:
        files = self.tr("Calendar files (*.ics);;All files (*)")
        if self.mode == EXPORT:
            name = f"{self.subject.currentText()}-{self.first:%Y%m%d}.ics"
            path, _ = QFileDialog.getSaveFileName(self, self.windowTitle(), name, files)
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.windowTitle(), "", files)
        if path:
            self.path.setText(path)

    def _refuse(self, text: str) -> None:
        self.working = False
        self.ok_button.setEnabled(True)
        self.error.setText(text)
        self.error.show()

    def run(self) -> None:
        path, subject_id = self.path.text().strip(), self.subject.currentData()
        if subject_id is None or not path:
            self._refuse(self.tr("Choose a file.") if subject_id is not None else self.tr("Nobody to choose."))
            return
        self.working = True
        self.ok_button.setEnabled(False)
        self.error.hide()
        actor, by, first, last, zone = self.ctx.actor, self.by, self.first, self.last, str(self.ctx.tz)
        if self.mode == EXPORT:
            name = self.subject.currentText()
            self.ctx.read(lambda s: export_file(s, actor, path, by, subject_id, name, first, last, zone),
                          self._exported, self._failed, owner=self)
        else:
            self.ctx.write(lambda s: import_file(s, actor, path, by, subject_id, first, last, zone),
                           self._imported, self._failed, entity="busy_block", owner=self)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            self._refuse(self.tr("The file could not be opened or written ({0}).").format(error.strerror or ""))
        else:
            self._refuse(messages.describe(error) + " " + self.tr("Nothing was changed."))

    def _exported(self, count: int) -> None:
        self.working = False
        self.sig_done.emit(self.tr("%n interview(s) written to {0}.", "", count).format(Path(self.path.text()).name))
        self.accept()

    def _imported(self, counts: ImportCounts) -> None:
        self.working = False
        self.sig_done.emit(self.tr("%n busy period(s) imported for {0}.", "", counts.added).format(
            self.subject.currentText()))
        self.accept()


class CalendarFilesButton(QToolButton):
    """The schedule's "Calendar files" menu. `sig_open(mode)` asks the page to open the dialog."""

    sig_open = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(self.tr("Calendar files"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        self.export_action = menu.addAction(self.tr("Export schedule (.ics)…"))
        self.import_action = menu.addAction(self.tr("Import availability (.ics)…"))
        self.export_action.triggered.connect(lambda: self.sig_open.emit(EXPORT))
        self.import_action.triggered.connect(lambda: self.sig_open.emit(IMPORT))
        self.setMenu(menu)


def dialog_for(ctx: "AppContext", mode: str, board, first: date, days: int,
               parent: QWidget | None = None) -> CalendarFileDialog:
    """Export covers the days shown; an import covers today and the half year after it."""
    lanes = list(board.view.lanes) if board is not None else []
    by = board.view.by if board is not None else "interviewer"
    if mode == EXPORT:
        start, end = first, first + timedelta(days=days - 1)
    else:
        start = ctx.today()
        end = start + timedelta(days=IMPORT_DAYS)
    return CalendarFileDialog(ctx, mode, by, lanes, start, end, parent=parent)
