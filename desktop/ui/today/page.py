"""今日 Today: the day's interviews with their live state and no-show risk, the candidates worth a
call ahead, the user's open alerts ("知道了") and follow-up tasks, and how many approvals wait for
them; clicking an interview shows it in detail with its actions. The alert "已通过：请安排下一轮面试"
also offers 安排下一轮: the booking dialog prefilled (booking it closes the alert)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSplitter, QTableView, QVBoxLayout,
    QWidget,
)

from desktop.core import anchors, backups
from desktop.core.scheduling import desk_views
from desktop.core.scheduling import inbox as desk
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.paged_model import ID_ROLE
from desktop.ui.schedule import words
from desktop.ui.schedule.detail import InterviewDetailPanel
from desktop.ui.today.models import (
    AlertTableModel, PendingTableModel, TaskTableModel, TodayTableModel, risk_reasons,
)
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def _table(model) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setWordWrap(False)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(30)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class SettingsWarning(QFrame):
    """An administrator's warning above the day's work, with a button to the settings tab that fixes it."""

    sig_open_settings = Signal(str)   # the settings tab to open

    def __init__(self, name: str, button: str, tab: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setStyleSheet(f"QFrame#{name} {{ background: #fdecea; border: 1px solid #e0a39b; border-radius: 3px; }}")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.button = QPushButton(button)
        self.button.clicked.connect(lambda: self.sig_open_settings.emit(tab))
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 10, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.button)
        self.hide()


class AnchorWarning(SettingsWarning):
    """The audit log's head has not been published for a week: a rewritten log could then no longer
    be told (desktop/core/anchors.py)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("anchorWarning", self.tr("Audit anchor settings"), "anchors", parent)

    def show_status(self, status: anchors.AnchorStatus | None, local) -> None:
        if status is None or not status.warn:
            self.hide()
            return
        if status.last_out is None:
            first = self.tr("No audit log anchor has gone out for {0} days.").format(status.quiet_days)
        else:
            first = self.tr("No audit log anchor has gone out since {0} ({1} days).").format(
                local(status.last_out).strftime("%Y-%m-%d"), status.quiet_days)
        self.text.setText(self.tr(
            "{0} Without anchors outside the database, a rewritten audit log cannot be detected. Set the archive "
            "office's mailbox, OA account or an anchor folder, and check in the Outbox that the anchor messages "
            "are sent.").format(first))
        self.show()


class BackupWarning(SettingsWarning):
    """No good backup for more than two days while daily backups are on (desktop/core/backups.py)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("backupWarning", self.tr("Backup settings"), "backups", parent)

    def show_status(self, status: backups.BackupStatus | None, local) -> None:
        if status is None or not status.warn:
            self.hide()
            return
        if status.last_success is None:
            first = self.tr("No backup of the database has been made for {0} days.").format(status.quiet_days)
        else:
            first = self.tr("The last good backup of the database was made on {0}, {1} days ago.").format(
                local(status.last_success.started_at).strftime("%Y-%m-%d %H:%M"), status.quiet_days)
        why = (self.tr(" The last attempt failed: {0}").format(messages.backup_failure_text(status.last_failure.error))
               if status.last_failure is not None else "")
        self.text.setText(self.tr("{0}{1} If the disk fails now, the records since then are lost. Check the backup "
                                  "folder in Settings → Backups and click “Back up now”.").format(first, why))
        self.show()


class TodayPage(QWidget):
    sig_open_page = Signal(str)      # the main window opens that page (e.g. "approvals")
    sig_open_request = Signal(int)   # ... or the Approvals page at that change request
    sig_open_settings = Signal(str)  # ... or that tab of Settings

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.desk: desk_views.TodayDesk | None = None
        self.next_round_dialog = None
        self._generation = 0
        self.loading = False

        self.day = hint_label()
        self.approvals_button = QPushButton()
        self.approvals_button.clicked.connect(self._open_approvals)
        self.approvals_button.hide()
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Today")))
        head.addSpacing(16)
        head.addWidget(self.day, 1)
        head.addWidget(self.approvals_button)

        self.interviews = TodayTableModel(ctx, self)
        self.table = _table(self.interviews)
        self.count = hint_label()
        self.risk_title = title_label(self.tr("High no-show risk — call ahead"), "sectionTitle")
        self.risk = QLabel()
        self.risk.setWordWrap(True)
        self.pending_title = title_label(self.tr("Waiting for my approval"), "sectionTitle")
        self.pending = PendingTableModel(ctx, self)
        self.pending_table = _table(self.pending)
        self.pending_table.setMaximumHeight(130)
        self.pending_table.doubleClicked.connect(self._pending_activated)
        self.alerts = AlertTableModel(ctx, self)
        self.alerts_table = _table(self.alerts)
        self.alerts_empty = hint_label(self.tr("No open alerts."))
        self.tasks = TaskTableModel(ctx, self)
        self.tasks_table = _table(self.tasks)
        self.tasks_empty = hint_label(self.tr("No open follow-up tasks."))
        self.status = QLabel()
        self.status.setObjectName("success")
        self.status.hide()
        self.anchor_warning = AnchorWarning()
        self.anchor_warning.sig_open_settings.connect(self.sig_open_settings)
        self.backup_warning = BackupWarning()
        self.backup_warning.sig_open_settings.connect(self.sig_open_settings)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.anchor_warning)
        layout.addWidget(self.backup_warning)
        layout.addWidget(self.status)
        # the splitter and its sides are made inside the page before they are filled: a part built loose and
        # added afterwards is styled again, widget by widget, under the application's style sheet
        splitter = QSplitter(self)
        layout.addWidget(splitter, 1)
        left = QWidget(splitter)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(title_label(self.tr("Today's interviews"), "sectionTitle"))
        row.addWidget(self.count, 1)
        column.addLayout(row)
        column.addWidget(self.table, 2)
        column.addWidget(self.risk_title)
        column.addWidget(self.risk)
        column.addWidget(self.pending_title)
        column.addWidget(self.pending_table)
        column.addWidget(title_label(self.tr("My alerts"), "sectionTitle"))
        column.addWidget(self.alerts_empty)
        column.addWidget(self.alerts_table, 1)
        column.addWidget(title_label(self.tr("My follow-up tasks"), "sectionTitle"))
        column.addWidget(self.tasks_empty)
        column.addWidget(self.tasks_table, 1)
        self.detail = InterviewDetailPanel(ctx, splitter)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        self.detail.hide()     # shown when an interview is selected

        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.detail.sig_status.connect(self.show_status)
        ctx.sig_changed.connect(self._changed)
        self.load()

    # --- loading -------------------------------------------------------------------------------

    def load(self) -> None:
        self._generation += 1
        generation, actor, day = self._generation, self.ctx.actor, self.ctx.today()
        self.loading = True
        self.ctx.read(lambda session: desk_views.today_desk(session, actor, day),
                      lambda found: self._arrived(generation, found),
                      lambda error: self._failed(generation, error), owner=self)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(error, self)

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("interview", "alert", "task", "change_request", "clock", "backup"):
            self.load()

    def _arrived(self, generation: int, found: desk_views.TodayDesk) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.desk = found
        self.day.setText(f"{found.day.isoformat()} {words.weekday(found.day)}")
        self.anchor_warning.show_status(found.anchors, self.ctx.local)
        self.backup_warning.show_status(found.backups, self.ctx.local)
        kept = self.selected_interview()
        self.interviews.set_rows(found.interviews)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(TodayTableModel.COL_INTERVIEWERS,
                                                           QHeaderView.ResizeMode.Stretch)
        if kept is not None:
            rows = [n for n, item in enumerate(found.interviews) if item.interview_id == kept]
            if rows:
                self.table.selectRow(rows[0])
        self.count.setText(self.tr("%n interview(s)", "", len(found.interviews)))
        self._show_risk(found)
        self.alerts.set_rows(found.alerts)
        self._buttons(self.alerts_table, self.alerts, AlertTableModel.COL_ACTION, self.tr("Got it"), self.acknowledge,
                      extra=self._alert_action)
        self.alerts_table.setVisible(bool(found.alerts))
        self.alerts_empty.setVisible(not found.alerts)
        self.tasks.set_rows(found.tasks)
        self._buttons(self.tasks_table, self.tasks, TaskTableModel.COL_ACTION, self.tr("Done"), self.complete)
        self.tasks_table.setVisible(bool(found.tasks))
        self.tasks_empty.setVisible(not found.tasks)
        pending = found.pending_approvals
        self.approvals_button.setText(self.tr("Waiting for my approval: {0} →").format(pending))
        self.approvals_button.setVisible(pending > 0)
        self.pending.set_rows(found.approvals)
        self.pending_table.resizeColumnsToContents()
        self.pending_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.pending_title.setVisible(pending > 0)
        self.pending_table.setVisible(pending > 0)

    def _show_risk(self, found: desk_views.TodayDesk) -> None:
        risky = [item for item in found.interviews if item.risk.call_ahead and item.state in
                 ("unconfirmed", "confirmed", "pending_approval", "late")]
        lines = [self.tr("{0} {1} ({2}): {3}").format(f"{self.ctx.local(item.starts_at):%H:%M}", item.candidate,
                                                     f"{item.risk.probability:.0%}", risk_reasons(item.risk))
                 for item in risky]
        if lines:
            lines.append(self.tr("Call these candidates ahead to confirm they are coming."))
        self.risk.setText("\n".join(lines))
        self.risk_title.setVisible(bool(risky))
        self.risk.setVisible(bool(risky))

    def _buttons(self, table: QTableView, model, column: int, text: str, action, extra=None) -> None:
        """One button per row (and the row's own action before it, from `extra`); each remembers its
        row's id, so a later reload cannot shift it."""
        for row in range(model.rowCount()):
            entity_id = model.rows[row].id
            button = QPushButton(text)
            button.setProperty("entity_id", entity_id)
            button.clicked.connect(action)
            first = extra(model.rows[row]) if extra is not None else None
            if first is None:
                table.setIndexWidget(model.index(row, column), button)
                continue
            cell = QWidget()
            line = QHBoxLayout(cell)
            line.setContentsMargins(0, 0, 0, 0)
            line.setSpacing(4)
            line.addWidget(first)
            line.addWidget(button)
            table.setIndexWidget(model.index(row, column), cell)
        table.resizeColumnsToContents()
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    # --- acting --------------------------------------------------------------------------------

    def selected_interview(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(ID_ROLE) if rows else None

    def _selected(self, *_args) -> None:
        interview_id = self.selected_interview()
        if interview_id is not None and interview_id != self.detail.interview_id:
            self.detail.show_interview(interview_id)

    def _open_approvals(self) -> None:
        self.sig_open_page.emit("approvals")

    def _pending_activated(self, index) -> None:
        self.sig_open_request.emit(index.data(ID_ROLE))

    def _alert_action(self, alert) -> QPushButton | None:
        """安排下一轮 on HR's alert that a round was passed and the next one is to be booked."""
        if alert.kind != "propose_next_round" or alert.interview_id is None:
            return None
        button = QPushButton(self.tr("Book the next round"))
        button.setObjectName("bookNextRound")
        button.setProperty("interview_id", alert.interview_id)
        button.clicked.connect(self.book_next_round)
        return button

    def book_next_round(self) -> None:
        from desktop.ui.schedule.next_round import book_next_round

        book_next_round(self.ctx, self.sender().property("interview_id"), self, lambda error: show_error(error, self))

    def acknowledge(self) -> None:
        alert_id, actor = self.sender().property("entity_id"), self.ctx.actor
        self.sender().setEnabled(False)
        self.ctx.write(lambda session: desk.acknowledge(session, actor, alert_id), None,
                       lambda error: show_error(error, self), entity="alert", ids=lambda _r: (alert_id,), owner=self)

    def complete(self) -> None:
        task_id, actor = self.sender().property("entity_id"), self.ctx.actor
        self.sender().setEnabled(False)
        self.ctx.write(lambda session: desk.complete_task(session, actor, task_id), None,
                       lambda error: show_error(error, self), entity="task", ids=lambda _r: (task_id,), owner=self)

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
