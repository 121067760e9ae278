"""档案 → 到期清理 Retention: who has reached the end of their retention, grouped by record class with
counts (desktop/core/lifecycle/retention.py); HR ticks people and proposes a purge with a reason,
which then waits for 人事处 in the Approvals inbox (desktop/core/lifecycle/purges.py). Below, the
purge requests with their state; HR may withdraw one still waiting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
    QWidget,
)

from desktop.core.errors import DeskError, ValidationFailed
from desktop.core.lifecycle import purges
from desktop.core.permissions import Action
from desktop.ui import messages
from desktop.ui.archive import lifecycle_words as words
from desktop.ui.errors import show_error
from desktop.ui.widgets import hint_label, primary_button, show_outcome, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CLASS_ROLE = Qt.ItemDataRole.UserRole + 2


def checked_people(tree: QTreeWidget) -> dict[str, list[int]]:
    """{record class: [candidate ids ticked]} of a tree of groups with checkable people."""
    chosen: dict[str, list[int]] = {}
    for g in range(tree.topLevelItemCount()):
        group = tree.topLevelItem(g)
        for i in range(group.childCount()):
            item = group.child(i)
            if item.checkState(0) == Qt.CheckState.Checked:
                chosen.setdefault(group.data(0, CLASS_ROLE), []).append(item.data(0, ID_ROLE))
    return chosen


class ProposeRow(QWidget):
    """The reason and the button that proposes what is ticked in `tree` (one request per class)."""

    def __init__(self, ctx: "AppContext", tree: QTreeWidget, button_text: str, outcome: QLabel,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.tree, self.button_text, self.outcome = ctx, tree, button_text, outcome
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("Reason for the approvers (required)"))
        self.reason.setMaxLength(purges.REASON_MAX)
        self.button = primary_button("")
        self.button.clicked.connect(self.propose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.reason, 1)
        row.addWidget(self.button)
        tree.itemChanged.connect(lambda *_: self.update_button())
        self.setVisible(ctx.may(Action.CANDIDATE_DELETE))
        self.update_button()

    def update_button(self) -> None:
        count = sum(len(ids) for ids in checked_people(self.tree).values())
        self.button.setText(self.button_text.format(count))
        self.button.setEnabled(count > 0)

    def propose(self) -> None:
        chosen = checked_people(self.tree)
        reason = self.reason.text().strip()
        if not reason:
            show_outcome(self.outcome, messages.validation_text(ValidationFailed({"reason": "required"})),
                         "error")
            self.reason.setFocus()
            return
        actor = self.ctx.actor
        self.button.setEnabled(False)

        def work(session):
            return [purges.propose(session, actor, record_class, ids, reason) for record_class, ids in chosen.items()]

        self.ctx.write(work, self._proposed, self._refused, entity="purge", owner=self)

    def _proposed(self, ids: list[int]) -> None:
        self.reason.clear()
        show_outcome(self.outcome, self.tr("Proposed: request {0}. It now waits for the personnel office in "
                                           "their Approvals inbox.").format(", ".join(f"#{i}" for i in ids)),
                     "success")

    def _refused(self, error: BaseException) -> None:
        self.update_button()
        show_outcome(self.outcome, messages.describe(error), "error")
        if not isinstance(error, DeskError):
            show_error(error, self)


class RequestsList(QTreeWidget):
    """The purge requests (newest first) with their state; a waiting one can be withdrawn."""

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setRootIsDecorated(False)
        self.setHeaderLabels([self.tr("Request"), self.tr("Class"), self.tr("People"), self.tr("State"),
                              self.tr("Proposed by"), self.tr("Proposed"), self.tr("Carried out"), self.tr("Reason")])
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.header().setStretchLastSection(True)

    def show_rows(self, rows: list[purges.PurgeRow]) -> None:
        self.clear()
        for r in rows:
            item = QTreeWidgetItem([f"#{r.id}", words.record_class(r.record_class), str(r.people),
                                    words.request_state(r.status), r.proposed_by, self.ctx.format_time(r.proposed_at),
                                    self.ctx.format_time(r.executed_at), r.reason])
            item.setData(0, ID_ROLE, (r.id, r.version, r.status))
            self.addTopLevelItem(item)

    def selected(self) -> tuple[int, int, str] | None:
        items = self.selectedItems()
        return items[0].data(0, ID_ROLE) if items else None


class RetentionTab(QWidget):
    RELOAD_ON = ("purge", "candidate", "application", "retention_policy")

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.summary = hint_label()
        self.tree = QTreeWidget()
        self.tree.setObjectName("retention_due")
        self.tree.setHeaderLabels([self.tr("Person"), self.tr("Positions"), self.tr("Counted from"),
                                   self.tr("Retention ended")])
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.empty = hint_label(self.tr("Nobody has reached the end of their retention period."))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.propose_row = ProposeRow(ctx, self.tree, self.tr("Propose purge ({0})"), self.outcome)
        self.requests = RequestsList(ctx)
        self.withdraw = QPushButton(self.tr("Withdraw the selected request"))
        self.withdraw.clicked.connect(self._withdraw)
        self.withdraw.setVisible(ctx.may(Action.CANDIDATE_DELETE))
        self.requests.itemSelectionChanged.connect(self._request_selected)
        self._request_selected()

        top = QWidget()
        column = QVBoxLayout(top)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(title_label(self.tr("Due for purge"), "sectionTitle"))
        column.addWidget(self.summary)
        column.addWidget(self.empty)
        column.addWidget(self.tree, 1)
        column.addWidget(self.propose_row)
        column.addWidget(self.outcome)
        bottom = QWidget()
        lower = QVBoxLayout(bottom)
        lower.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Purge requests"), "sectionTitle"))
        head.addStretch(1)
        head.addWidget(self.withdraw)
        lower.addLayout(head)
        lower.addWidget(self.requests, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "Personal data is kept as long as the retention policy of its record class says (Settings → "
            "Retention). A purge removes names, contacts, ID numbers, files and free texts from the live "
            "database and leaves a tombstone with counts and dates; archived dossiers are not touched. It takes "
            "two people: HR proposes, the personnel office approves.")))
        layout.addWidget(splitter, 1)
        ctx.sig_changed.connect(self._changed)
        self.load()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in self.RELOAD_ON:
            self.load()

    def load(self) -> None:
        actor = self.ctx.actor

        def fetch(session):
            return purges.due_today(session, actor), purges.requests(session, actor)

        self.ctx.read(fetch, self._arrived, lambda error: show_error(error, self), owner=self)

    def _arrived(self, found) -> None:
        groups, requests = found
        self.tree.blockSignals(True)
        self.tree.clear()
        for group in groups:
            head = QTreeWidgetItem([self.tr("{0} · {1} {2} · %n person(s)", "", len(group.items)).format(
                words.record_class(group.record_class), words.period(group.policy.period_years),
                words.starts_from(group.policy.starts_from))])
            head.setData(0, CLASS_ROLE, group.record_class)
            head.setFlags(head.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
            head.setCheckState(0, Qt.CheckState.Unchecked)
            for item in group.items:
                child = QTreeWidgetItem([item.name, item.positions, item.started_on.isoformat(), item.until.isoformat()])
                child.setData(0, ID_ROLE, item.candidate_id)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                head.addChild(child)
            self.tree.addTopLevelItem(head)
            head.setFirstColumnSpanned(True)
            head.setExpanded(True)
        self.tree.blockSignals(False)
        total = sum(len(g.items) for g in groups)
        self.summary.setText(self.tr("%n person(s) past retention", "", total) if total else "")
        self.tree.setVisible(bool(groups))
        self.empty.setVisible(not groups)
        self.propose_row.update_button()
        self.requests.show_rows(requests)

    def _request_selected(self) -> None:
        chosen = self.requests.selected()
        self.withdraw.setEnabled(chosen is not None and chosen[2] == purges.PENDING)

    def _withdraw(self) -> None:
        chosen = self.requests.selected()
        if chosen is None:
            return
        request_id, version, _status = chosen
        actor = self.ctx.actor
        self.ctx.write(lambda session: purges.withdraw(session, actor, request_id, version),
                       lambda _r: show_outcome(self.outcome, self.tr("Request #{0} withdrawn.").format(request_id),
                                               "success"),
                       lambda error: show_outcome(self.outcome, messages.describe(error), "error"),
                       entity="purge", owner=self)
