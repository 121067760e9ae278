"""Settings → 备份 (administrators): the daily backup's folder, time and switch, "back up now", the
last good backup and the backups the rotation keeps (desktop/core/backups.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QPushButton, QTableView, QWidget

from desktop.core import backups
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.list_model import ListTableModel
from desktop.ui.settings.inputs import (
    StoredSettingsTab, add_folder_row, save_row, setting_column, setting_form, setting_input, stored,
)
from desktop.ui.widgets import show_outcome, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

_LABELS = {
    "backup.enabled": QT_TRANSLATE_NOOP("BackupSettings", "Back up every day"),
    "backup.time": QT_TRANSLATE_NOOP("BackupSettings", "At (office time, HH:MM)"),
    "backup.folder": QT_TRANSLATE_NOOP("BackupSettings", "Backup folder"),
}
_TIERS = {"daily": QT_TRANSLATE_NOOP("BackupSettings", "daily"), "weekly": QT_TRANSLATE_NOOP("BackupSettings", "weekly"),
          "monthly": QT_TRANSLATE_NOOP("BackupSettings", "monthly")}
_TRIGGERS = {"scheduled": QT_TRANSLATE_NOOP("BackupSettings", "scheduled"),
             "manual": QT_TRANSLATE_NOOP("BackupSettings", "by hand")}


def backup_label(key: str) -> str:
    return QCoreApplication.translate("BackupSettings", _LABELS[key]) if key in _LABELS else key


def size_text(size: int) -> str:
    for unit, scale in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


class KeptBackupsModel(ListTableModel):
    """The backups the rotation keeps, newest first."""

    COL_MADE, COL_TIER, COL_TRIGGER, COL_SIZE, COL_CHECKED, COL_FILE = range(6)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("Made"), self.tr("Kept as"), self.tr("How"), self.tr("Size"), self.tr("Verified"),
                self.tr("File")]

    def display(self, row: backups.BackupRunInfo, column: int) -> str:
        return {self.COL_MADE: self.ctx.format_time(row.started_at),
                self.COL_TIER: QCoreApplication.translate("BackupSettings", _TIERS.get(row.tier, row.tier)),
                self.COL_TRIGGER: QCoreApplication.translate("BackupSettings", _TRIGGERS.get(row.trigger, row.trigger)),
                self.COL_SIZE: size_text(row.size),
                self.COL_CHECKED: self.tr("yes") if row.verified else self.tr("no"),
                self.COL_FILE: row.path}.get(column, "")


class BackupSettings(StoredSettingsTab, QWidget):
    setting_label = staticmethod(backup_label)

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = setting_form(self, ctx)
        for key in _LABELS:
            self.inputs[key] = setting_input(key, width=420)
        self.inputs["backup.time"].setMinimumWidth(80)
        self.inputs["backup.time"].setPlaceholderText("12:30")
        self.form.add("backup.enabled", backup_label("backup.enabled"), self.inputs["backup.enabled"])
        self.form.add("backup.time", backup_label("backup.time"), self.inputs["backup.time"])
        self.browse = add_folder_row(self, "backup.folder", backup_label("backup.folder"),
                                     backup_label("backup.folder"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        buttons = save_row(self, self.tr("Save backup settings"))
        self.now_button = QPushButton(self.tr("Back up now"))
        self.now_button.setObjectName("backUpNow")
        self.now_button.clicked.connect(self.back_up_now)
        self.now_button.setEnabled(False)      # until the stored values are in (it saves them first)
        self.working = False                   # a backup asked for here is being written
        buttons.addWidget(self.now_button)
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.kept = KeptBackupsModel(ctx, self)
        self.table = QTableView()
        self.table.setModel(self.kept)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(180)
        column = setting_column(self, self.tr(
            "Every day at the set time a desktop that is running writes an encrypted copy of the database into the "
            "backup folder and checks that it restores; a day the computers were off is made up when the program "
            "next starts. Use a folder on another computer (a network share) so that a broken disk does not take "
            "the backups with it. Kept: the newest backup of each of the last 7 days, 4 weeks and 12 months; older "
            "ones are removed. An empty folder means beside the database file (embedded database only)."),
            layout, buttons, self.outcome, self.state, title_label(self.tr("Kept backups"), "sectionTitle"), self.table)
        column.setStretch(column.count() - 1, 0)
        column.setStretchFactor(self.table, 1)
        ctx.sig_changed.connect(self._changed)
        self.load()

    def load(self) -> None:
        keys, default = tuple(_LABELS), backups.default_folder(self.ctx.db)
        self.ctx.read(lambda session: (stored(session, keys), backups.status(session, default)), self._loaded,
                      lambda error: show_error(error, self), owner=self)

    def _loaded(self, found: tuple[dict[str, Any], backups.BackupStatus]) -> None:
        values, status = found
        self._arrived(values)
        self.show_status(status)
        self.now_button.setEnabled(not self.working)

    def _changed(self, entity: str, _ids: object) -> None:
        """A backup made or settings saved (here or on another tab): the state and the list again; the
        inputs keep what is being typed."""
        if entity in ("backup", "settings"):
            default = backups.default_folder(self.ctx.db)
            self.ctx.read(lambda session: backups.status(session, default), self.show_status,
                          lambda error: show_error(error, self), owner=self)

    def show_status(self, status: backups.BackupStatus) -> None:
        lines = []
        if status.last_success is None:
            lines.append(self.tr("No backup has been made yet."))
        else:
            last = status.last_success
            lines.append(self.tr("Last good backup: {0} ({1}, verified).").format(
                self.ctx.format_time(last.finished_at or last.started_at), size_text(last.size)))
        if status.last_failure is not None:
            lines.append(self.tr("The backup of {0} failed: {1}").format(
                self.ctx.format_time(status.last_failure.started_at),
                messages.backup_failure_text(status.last_failure.error)))
        if status.effective_folder:
            lines.append(self.tr("Backups go to: {0}").format(status.effective_folder))
        else:
            lines.append(self.tr("No backup folder is set: choose one above. On a server, the IT office can also "
                                 "run “interviewdesk db backup --if-due” as a scheduled task on the server."))
        if not status.enabled:
            lines.append(self.tr("Daily backups are switched off."))
        self.state.setObjectName("formError" if status.warn or status.last_failure else "hint")
        self.state.setText("\n".join(lines))
        self.state.style().unpolish(self.state)
        self.state.style().polish(self.state)
        self.kept.set_rows(list(status.kept))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(KeptBackupsModel.COL_FILE, QHeaderView.ResizeMode.Stretch)

    # --- back up now (立即备份): saved settings first, then claim, write and record ------------------

    def back_up_now(self) -> None:
        self.outcome.hide()
        self.save(then=self._claim)

    def _claim(self) -> None:
        db, actor, default = self.ctx.db, self.ctx.actor, backups.default_folder(self.ctx.db)
        self.working = True
        self.now_button.setEnabled(False)
        show_outcome(self.outcome, self.tr("Writing the backup…"), "")
        self.ctx.write(lambda session: backups.claim_now(session, actor, default), self._claimed, self._refused_now,
                       entity="backup", owner=self)

    def _claimed(self, claim: backups.Claim) -> None:
        db, zone = self.ctx.db, self.ctx.tz
        self.ctx.run(lambda: backups.perform(db, claim, zone), lambda outcome: self._record(claim, outcome),
                     self._refused_now, owner=self)

    def _record(self, claim: backups.Claim, outcome: backups.Outcome) -> None:
        self.ctx.write(lambda session: backups.finish(session, claim, outcome), self._done, self._refused_now,
                       entity="backup", ids=lambda info: (info.id,), owner=self)

    def _done(self, info: backups.BackupRunInfo) -> None:
        self.working = False
        self.now_button.setEnabled(True)
        if info.status == "ok":
            show_outcome(self.outcome, self.tr("Backup written and verified: {0}").format(info.path), "success")
        else:
            show_outcome(self.outcome, messages.backup_failure_text(info.error), "error")

    def _refused_now(self, error: BaseException) -> None:
        self.working = False
        self.now_button.setEnabled(True)
        show_outcome(self.outcome, messages.describe(error), "error")
