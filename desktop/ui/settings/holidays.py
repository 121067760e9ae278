"""节假日 Holidays, for administrators: the year's days off and weekend working days (调休), which
the conflict check and the slot finder use. Days are added, removed or switched between day off
and working day one at a time, or imported from the .ics holiday calendar an office publishes."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QDateEdit, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton,
    QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core.scheduling import calendar_files
from desktop.core.scheduling.calendar_files import HolidayDay, ImportCounts
from desktop.integrations import ical
from desktop.ui import messages
from desktop.ui.schedule import words
from desktop.ui.widgets import hint_label, primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

COL_DAY, COL_WEEKDAY, COL_NAME, COL_KIND = range(4)


def import_holiday_file(session, actor, path: str, zone: str) -> ImportCounts:
    """Read, check and import a holiday calendar in one unit of work (on the writer thread)."""
    days = ical.parse_holidays(ical.read_file(Path(path)), zone=zone)
    return calendar_files.import_holidays(session, actor, days)


class HolidaysPanel(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.days: list[HolidayDay] = []
        self.busy = False
        self.year = QSpinBox()
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today().year)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Weekday"), self.tr("Name"), self.tr("Kind")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)

        self.day = QDateEdit(QDate(ctx.today().year, ctx.today().month, ctx.today().day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. National Day"))
        self.name.setMaxLength(100)
        self.workday = QCheckBox(self.tr("Working day (weekend day worked instead)"))
        self.add_button = primary_button(self.tr("Add day"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.toggle_button = QPushButton(self.tr("Switch day off / working day"))
        self.import_button = QPushButton(self.tr("Import .ics…"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.hide()

        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Year")))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.import_button)
        adding = QHBoxLayout()
        for widget in (self.day, self.name, self.workday, self.add_button):
            adding.addWidget(widget)
        adding.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.remove_button)
        row.addWidget(self.toggle_button)
        row.addStretch(1)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 16, 16, 16)
        column.addWidget(hint_label(self.tr("Days off and weekend working days (调休) of the whole institution. "
                                            "Interviews on a day off are reported as conflicts.")))
        column.addLayout(top)
        column.addWidget(self.table, 1)
        column.addLayout(row)
        column.addLayout(adding)
        column.addWidget(self.status)

        self.year.valueChanged.connect(self.load)
        self.add_button.clicked.connect(self.add_day)
        self.remove_button.clicked.connect(self.remove_selected)
        self.toggle_button.clicked.connect(self.toggle_selected)
        self.import_button.clicked.connect(self.choose_file)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self._selection_changed()
        self.load()

    # --- showing ---------------------------------------------------------------------------------

    def load(self, *_args) -> None:
        actor, year = self.ctx.actor, self.year.value()
        self.ctx.read(lambda session: calendar_files.list_holidays(session, actor, year), self._arrived,
                      self._failed, owner=self)

    def _arrived(self, days: list[HolidayDay]) -> None:
        if days and days[0].day.year != self.year.value():
            return    # an answer for a year no longer shown
        self.days = days
        self.table.setRowCount(len(days))
        for row, item in enumerate(days):
            kind = self.tr("Working day") if item.is_workday else self.tr("Day off")
            for col, text in ((COL_DAY, item.day.isoformat()), (COL_WEEKDAY, words.weekday(item.day)),
                              (COL_NAME, item.name), (COL_KIND, kind)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, item.day.isoformat())
                self.table.setItem(row, col, cell)
        self.table.resizeColumnToContents(COL_DAY)
        self._selection_changed()

    def selected(self) -> HolidayDay | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        return self.days[min(rows)] if rows and min(rows) < len(self.days) else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.remove_button.setEnabled(chosen and not self.busy)
        self.toggle_button.setEnabled(chosen and not self.busy)

    def show_status(self, text: str, ok: bool = True) -> None:
        self.status.setObjectName("success" if ok else "formError")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # --- changing ---------------------------------------------------------------------------------

    def _write(self, fn, on_done) -> None:
        self.busy = True
        for button in (self.add_button, self.import_button, self.remove_button, self.toggle_button):
            button.setEnabled(False)
        self.ctx.write(fn, lambda result: self._written(on_done, result), self._failed, entity="holiday", owner=self)

    def _written(self, on_done, result) -> None:
        self._done()
        on_done(result)
        self.load()

    def _done(self) -> None:
        self.busy = False
        self.add_button.setEnabled(True)
        self.import_button.setEnabled(True)
        self._selection_changed()

    def _failed(self, error: BaseException) -> None:
        self._done()
        self.show_status(messages.describe(error) + " " + self.tr("Nothing was changed."), ok=False)

    def add_day(self) -> None:
        name = self.name.text().strip()
        if not name:
            self.show_status(self.tr("Give the day a name."), ok=False)
            return
        value = self.day.date()
        item = HolidayDay(date(value.year(), value.month(), value.day()), name, self.workday.isChecked())
        actor = self.ctx.actor
        self._write(lambda session: calendar_files.save_holiday(session, actor, item), self._added)

    def _added(self, _counts: ImportCounts) -> None:
        self.name.clear()
        self.workday.setChecked(False)
        self.show_status(self.tr("Saved."))

    def remove_selected(self) -> None:
        item = self.selected()
        if item is not None:
            actor = self.ctx.actor
            self._write(lambda session: calendar_files.remove_holiday(session, actor, item.day),
                        lambda _none: self.show_status(self.tr("Removed {0}.").format(item.day.isoformat())))

    def toggle_selected(self) -> None:
        item = self.selected()
        if item is not None:
            actor, switched = self.ctx.actor, HolidayDay(item.day, item.name, not item.is_workday)
            self._write(lambda session: calendar_files.save_holiday(session, actor, switched),
                        lambda _counts: self.show_status(self.tr("Saved.")))

    def choose_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(self, self.tr("Import holiday calendar"), "",
                                                    self.tr("Calendar files (*.ics);;All files (*)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> None:
        """Parse and import off the UI thread; a file that cannot be read changes nothing."""
        actor, zone = self.ctx.actor, str(self.ctx.tz)
        self.show_status("")
        self._write(lambda session: import_holiday_file(session, actor, path, zone), self._imported)

    def _imported(self, counts: ImportCounts) -> None:
        self.show_status(self.tr("Imported %n day(s), updated {0}.", "", counts.added).format(counts.updated))
