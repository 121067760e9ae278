"""档案包 Archive packages, a tab of the Archive page: the register of past exports, "Export package"
(date range, department, destination folder, folder or .zip; runs off the UI thread with progress
and can be cancelled) and "Verify package" (a folder or .zip, checked without the database)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup, QComboBox, QDateEdit, QDialog, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget,
)
from sqlalchemy.orm import Session

from desktop.core.archive import export as exporting
from desktop.core.archive.export import ExportRequest, ExportResult, ExportRow
from desktop.core.archive.verify import VerifyReport, verify
from desktop.core.permissions import Action
from desktop.core.services.departments import list_departments
from desktop.core.services.paging import ListQuery, Page
from desktop.ui.listview import PagedTableView
from desktop.ui.messages import describe, export_failure_text, package_problem_text
from desktop.ui.paged_model import PagedTableModel
from desktop.ui.widgets import SearchBox, hint_label, primary_button, show_outcome, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

PROGRESS_DELAY_MS = 500      # quick exports never flash a progress bar


class ExportsTableModel(PagedTableModel[ExportRow]):
    COL_AT, COL_BY, COL_RANGE, COL_DEPARTMENT, COL_COUNT, COL_DIGEST, COL_DESTINATION = range(7)
    SORT_KEYS = ("exported_at", None, None, None, "dossiers", None, "destination")
    ELASTIC = (COL_DESTINATION,)
    ENTITIES = frozenset({"archive_export"})
    DEFAULT_SORT = ""

    def fetch(self, session: Session, query: ListQuery) -> Page[ExportRow]:
        return exporting.exports(session, self.ctx.actor, query)

    def headers(self) -> list[str]:
        return [self.tr("Exported"), self.tr("By"), self.tr("Formation dates"), self.tr("Department"),
                self.tr("Dossiers"), self.tr("Package digest (SHA-256)"), self.tr("Destination")]

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):
        """The digest and the destination are cut to fit; their whole text shows as a tooltip."""
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (self.COL_DIGEST, self.COL_DESTINATION):
            return super().data(index, Qt.ItemDataRole.DisplayRole)
        return super().data(index, role)

    def display(self, row: ExportRow, column: int) -> str:
        span = self.tr("{0} to {1}").format(row.date_from.isoformat() if row.date_from else "",
                                             row.date_to.isoformat() if row.date_to else "")
        return {self.COL_AT: self.ctx.format_time(row.exported_at), self.COL_BY: row.exported_by,
                self.COL_RANGE: span, self.COL_DEPARTMENT: row.department_code or self.tr("All"),
                self.COL_COUNT: str(row.dossiers), self.COL_DIGEST: row.package_sha256,
                self.COL_DESTINATION: row.destination}.get(column, "")


class PackagesPage(QWidget):
    """The register of exports, with the two actions above it."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.model = ExportsTableModel(ctx, self)
        self.table = PagedTableView(self.model)
        self.count = hint_label()
        self.search = SearchBox(self.tr("Search by destination, department or digest"))
        self.search.sig_search.connect(self.model.set_search)
        self.export_button = primary_button(self.tr("Export package…"))
        self.export_button.setDefault(False)
        self.export_button.setVisible(ctx.may(Action.ARCHIVE_EXPORT))
        self.export_button.clicked.connect(self.open_export)
        self.verify_button = QPushButton(self.tr("Verify package…"))
        self.verify_button.clicked.connect(self.open_verify)
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Archive packages")))
        head.addSpacing(16)
        head.addWidget(self.search)
        head.addWidget(self.count, 1)
        head.addWidget(self.verify_button)
        head.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(hint_label(self.tr(
            "Each export is a folder or .zip file with the dossiers, their metadata, the signed decisions, the "
            "signers' public keys and a manifest of SHA-256 digests. The package digest is the SHA-256 of its "
            "manifest: compare it with the register to know a package is the one exported.")))
        layout.addWidget(self.table, 1)
        self.model.sig_loaded.connect(lambda total: self.count.setText(self.tr("%n export(s)", "", total)))
        self.model.refresh()

    def open_export(self) -> None:
        ExportDialog(self.ctx, self).exec()

    def open_verify(self) -> None:
        VerifyDialog(self.ctx, self).exec()


def _shown(dialog: "ExportDialog | VerifyDialog", text: str, style: str) -> None:
    """The dialog's outcome line, the dialog grown to show it whole."""
    show_outcome(dialog.outcome, text, style)
    dialog.adjustSize()


class _Progress(QObject):
    """Carries the export's progress from the worker thread to the dialog (queued)."""

    sig_progress = Signal(int, int)


class ExportDialog(QDialog):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.cancel: exporting.Cancel | None = None
        self.setWindowTitle(self.tr("Export archive package"))
        today = ctx.today()
        first = date(today.year, 1, 1)
        self.date_from = self._date_edit(first)
        self.date_to = self._date_edit(today)
        self.department = QComboBox()
        self.department.addItem(self.tr("All departments"), "")
        self.folder = QLineEdit()
        self.folder.setObjectName("exportFolder")
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self.choose_folder)
        self.as_folder = QRadioButton(self.tr("Folder"))
        self.as_zip = QRadioButton(self.tr("ZIP file"))
        self.as_zip.setChecked(True)
        kinds = QButtonGroup(self)
        kinds.addButton(self.as_folder)
        kinds.addButton(self.as_zip)
        self.name = hint_label()
        for signal in (self.date_from.dateChanged, self.date_to.dateChanged, self.department.currentIndexChanged,
                       self.folder.textChanged, self.as_zip.toggled):
            signal.connect(lambda *_: self._show_name())
        self.progress = QProgressBar()
        self.progress.hide()
        self.progress_timer = QTimer(self)
        self.progress_timer.setSingleShot(True)
        self.progress_timer.setInterval(PROGRESS_DELAY_MS)
        self.progress_timer.timeout.connect(self.progress.show)
        self.bridge = _Progress(self)
        self.bridge.sig_progress.connect(self._progressed, Qt.ConnectionType.QueuedConnection)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.ok_button = primary_button(self.tr("Export"))
        self.ok_button.clicked.connect(self.run)
        self.close_button = QPushButton(self.tr("Cancel"))
        self.close_button.clicked.connect(self._cancel_or_close)

        dates = QHBoxLayout()
        dates.addWidget(self.date_from)
        dates.addWidget(QLabel(self.tr("to")))
        dates.addWidget(self.date_to)
        dates.addStretch(1)
        picker = QHBoxLayout()
        picker.addWidget(self.folder, 1)
        picker.addWidget(choose)
        kind = QHBoxLayout()
        kind.addWidget(self.as_zip)
        kind.addWidget(self.as_folder)
        kind.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Formation dates"), dates)
        form.addRow(self.tr("Department"), self.department)
        form.addRow(self.tr("Save in"), picker)
        form.addRow(self.tr("As"), kind)
        form.addRow(self.tr("Package"), self.name)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.ok_button)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(hint_label(self.tr(
            "The dossiers of the applications closed (hired, not hired, withdrawn) on these days, in the department "
            "and its sub-departments. Dossiers not produced yet, or whose record changed, are produced first so "
            "that the archive register names what the package holds.")))
        column.addWidget(self.progress)
        column.addWidget(self.outcome)
        column.addLayout(buttons)
        self.setMinimumWidth(620)
        ctx.read(list_departments, self._departments_arrived, self._failed, owner=self)

    @staticmethod
    def _date_edit(day: date) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def _departments_arrived(self, departments) -> None:
        for d in departments:
            self.department.addItem("　" * d.depth + f"{d.name} ({d.code})", d.code)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Save the package in"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _package(self) -> tuple[str, str]:
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        name = exporting.package_name(first, last, self.department.currentData() or "")
        return name, ".zip" if self.as_zip.isChecked() else ""

    def _show_name(self) -> None:
        name, suffix = self._package()
        self.name.setText(name + suffix if self.folder.text().strip() else self.tr("Choose a folder."))

    def run(self) -> None:
        folder = self.folder.text().strip()
        if not folder:
            _shown(self, self.tr("Choose the folder to save the package in."), "formError")
            return
        name, suffix = self._package()
        first, last = self.date_from.date().toPython(), self.date_to.date().toPython()
        department = self.department.currentData() or ""
        self.cancel = exporting.Cancel()
        self.ok_button.setEnabled(False)
        self.close_button.setText(self.tr("Cancel export"))
        self.outcome.hide()
        self.progress.setRange(0, 0)
        self.progress_timer.start()
        db, actor, bridge, cancel = self.ctx.db, self.ctx.actor, self.bridge, self.cancel

        def work() -> ExportResult:     # the folder is looked at off the UI thread too (it may be a share)
            destination = exporting.free_path(Path(folder).expanduser(), name, suffix)
            return exporting.export(db, actor, ExportRequest(first, last, destination, department),
                                    progress=bridge.sig_progress.emit, cancelled=cancel)

        self.ctx.run(work, self._exported, self._failed, owner=self)

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.setFormat(self.tr("%v of %m dossiers"))

    def _finished(self) -> None:
        self.cancel = None
        self.progress_timer.stop()
        self.progress.hide()
        self.ok_button.setEnabled(True)
        self.close_button.setEnabled(True)
        self.close_button.setText(self.tr("Close"))

    def _exported(self, result: ExportResult) -> None:
        self._finished()
        self.ok_button.setEnabled(False)
        _shown(self, self.tr("%n dossier(s) exported to {0}.\nPackage digest (SHA-256 of its manifest): {1}", "",
                           result.dossiers).format(result.path, result.package_sha256), "success")
        self.ctx.sig_changed.emit("archive_export", (result.export_id,))
        self.ctx.sig_changed.emit("archive", ())

    def _failed(self, error: BaseException) -> None:
        self._finished()
        _shown(self, export_failure_text(error), "formError")

    def _cancel_or_close(self) -> None:
        if self.cancel is not None:
            self.cancel.set()
            self.close_button.setEnabled(False)
            return
        self.reject()

    def reject(self) -> None:
        if self.cancel is not None:       # running: ask it to stop; the dialog closes when it has
            self.cancel.set()
            return
        super().reject()


class VerifyDialog(QDialog):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Verify archive package"))
        self.path = QLineEdit()
        self.path.setObjectName("packagePath")
        folder = QPushButton(self.tr("Folder…"))
        folder.clicked.connect(self.choose_folder)
        archive = QPushButton(self.tr("ZIP file…"))
        archive.clicked.connect(self.choose_zip)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.outcome.hide()
        self.ok_button = primary_button(self.tr("Verify"))
        self.ok_button.clicked.connect(self.run)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        picker = QHBoxLayout()
        picker.addWidget(self.path, 1)
        picker.addWidget(folder)
        picker.addWidget(archive)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.ok_button)
        form = QFormLayout()
        form.addRow(self.tr("Package"), picker)
        column = QVBoxLayout(self)
        column.addLayout(form)
        column.addWidget(hint_label(self.tr(
            "Every file is checked against the manifest, every metadata record against its PDF and every signed "
            "decision against its signed text and the signer's public key. The database is not needed.")))
        column.addWidget(self.outcome)
        column.addLayout(buttons)
        self.setMinimumWidth(620)

    def choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Package folder"))
        if chosen:
            self.path.setText(chosen)

    def choose_zip(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Package file"), "", self.tr("ZIP files (*.zip)"))
        if chosen:
            self.path.setText(chosen)

    def run(self) -> None:
        text = self.path.text().strip()
        if not text:
            _shown(self, self.tr("Choose a package folder or .zip file."), "formError")
            return
        self.ok_button.setEnabled(False)
        _shown(self, self.tr("Checking…"), "")
        path = Path(text).expanduser()
        self.ctx.run(lambda: verify(path), self._checked, self._failed, owner=self)

    def _checked(self, report: VerifyReport) -> None:
        self.ok_button.setEnabled(True)
        notes = [package_problem_text(w) for w in report.warnings]
        if report.ok:
            text = self.tr("Package OK: {0} dossiers, {1} files and {2} signatures checked.\nPackage digest "
                           "(SHA-256 of its manifest): {3}").format(report.dossiers, report.files,
                                                                    report.signatures, report.package_sha256)
            _shown(self, "\n".join([text, *notes]), "success")
        else:
            _shown(self, self.tr("The package failed its check: {0}").format(package_problem_text(report.problem)),
                       "formError")

    def _failed(self, error: BaseException) -> None:
        self.ok_button.setEnabled(True)
        _shown(self, describe(error), "formError")
