"""档案 → 数据维护 Data maintenance: the review list of stale candidates (not passed, no contact for N
months; desktop/core/lifecycle/maintenance.py) with each person's reason, ticked and proposed for
anonymisation (two people, like a purge), and the database's size with "Compact now", which shows
the size before and after (SQLCipher: checkpoint and VACUUM; PostgreSQL: VACUUM)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from desktop.core import settings
from desktop.core.lifecycle import compaction, maintenance
from desktop.ui.archive import lifecycle_words as words
from desktop.ui.archive.retention import CLASS_ROLE, ID_ROLE, ProposeRow
from desktop.ui.errors import show_error
from desktop.ui.widgets import hint_label, show_outcome, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class MaintenanceTab(QWidget):
    RELOAD_ON = ("purge", "candidate", "application", "settings")

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.months = QSpinBox()
        spec = settings.spec_of("maintenance.stale_months")
        self.months.setRange(spec.minimum, spec.maximum)
        self.months.setValue(int(ctx.institution.get("maintenance.stale_months", spec.default)))
        self.months.setSuffix(self.tr(" months"))
        self.review = QPushButton(self.tr("Review"))
        self.review.clicked.connect(self.load)
        self.tree = QTreeWidget()
        self.tree.setObjectName("maintenance_review")
        self.tree.setHeaderLabels([self.tr("Person"), self.tr("Why")])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = hint_label(self.tr("Nobody meets the rule."))
        self.outcome = QLabel()
        self.outcome.setWordWrap(True)
        self.outcome.hide()
        self.propose_row = ProposeRow(ctx, self.tree, self.tr("Propose anonymisation ({0})"), self.outcome)
        self.size = QLabel()
        self.compact_button = QPushButton(self.tr("Compact now"))
        self.compact_button.clicked.connect(self.compact)
        self.size_outcome = QLabel()
        self.size_outcome.setWordWrap(True)
        self.size_outcome.hide()

        rule = QHBoxLayout()
        rule.addWidget(QLabel(self.tr("Not passed, nothing open, and no contact for")))
        rule.addWidget(self.months)
        rule.addWidget(self.review)
        rule.addStretch(1)
        sizes = QHBoxLayout()
        sizes.addWidget(self.size)
        sizes.addWidget(self.compact_button)
        sizes.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(self.tr(
            "Candidates who did not pass and have not been in touch for the months below can be anonymised "
            "before their retention ends (the institution's routine clean-up, e.g. every quarter). Anonymising "
            "removes their personal data like a purge and also needs the personnel office's approval.")))
        layout.addLayout(rule)
        layout.addWidget(self.empty)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.propose_row)
        layout.addWidget(self.outcome)
        layout.addWidget(title_label(self.tr("Database size"), "sectionTitle"))
        layout.addLayout(sizes)
        layout.addWidget(self.size_outcome)
        if not ctx.db.is_embedded:
            layout.addWidget(hint_label(self.tr(
                "On PostgreSQL, VACUUM frees the space of removed values for reuse; until it is reused, and in "
                "the server's write-ahead log and backups, old row versions remain on the server's disks.")))
        ctx.sig_changed.connect(self._changed)
        self.load()
        self.measure()

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in self.RELOAD_ON:
            self.load()

    def load(self) -> None:
        actor, months, today = self.ctx.actor, self.months.value(), self.ctx.today()
        self.ctx.read(lambda session: maintenance.stale(session, actor, today, months), self._arrived,
                      lambda error: show_error(error, self), owner=self)

    def reason(self, person: maintenance.StalePerson) -> str:
        return self.tr("Not passed ({0}); last contact {1}, %n month(s) ago", "", person.months).format(
            person.not_passed or "—", person.last_contact.isoformat())

    def _arrived(self, people: list[maintenance.StalePerson]) -> None:
        self.tree.blockSignals(True)
        self.tree.clear()
        if people:
            head = QTreeWidgetItem([self.tr("%n person(s) meet the rule", "", len(people))])
            head.setData(0, CLASS_ROLE, maintenance.STALE)
            head.setFlags(head.flags() | Qt.ItemFlag.ItemIsAutoTristate | Qt.ItemFlag.ItemIsUserCheckable)
            head.setCheckState(0, Qt.CheckState.Unchecked)
            for person in people:
                child = QTreeWidgetItem([person.name, self.reason(person)])
                child.setData(0, ID_ROLE, person.candidate_id)
                child.setFlags(child.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                child.setCheckState(0, Qt.CheckState.Unchecked)
                head.addChild(child)
            self.tree.addTopLevelItem(head)
            head.setExpanded(True)
        self.tree.blockSignals(False)
        self.tree.setVisible(bool(people))
        self.empty.setVisible(not people)
        self.propose_row.update_button()

    def measure(self) -> None:
        db = self.ctx.db
        self.ctx.tasks.run_in_background(lambda: compaction.size_of(db),
                                         lambda size: self.size.setText(self.tr("Now: {0}").format(words.size(size))),
                                         lambda error: show_error(error, self), owner=self)

    def compact(self) -> None:
        db = self.ctx.db
        self.compact_button.setEnabled(False)
        show_outcome(self.size_outcome, self.tr("Compacting…"), "")
        self.ctx.tasks.run_in_background(lambda: compaction.compact(db), self._compacted, self._not_compacted,
                                         write=True, owner=self)

    def _compacted(self, result: compaction.Compacted) -> None:
        self.compact_button.setEnabled(True)
        text = self.tr("Before: {0}; after: {1}.").format(words.size(result.before), words.size(result.after))
        if not result.complete:
            text += " " + self.tr("Another program held the database open, so its log could not be emptied; "
                                  "compact again when it has closed.")
        show_outcome(self.size_outcome, text, "success" if result.complete else "error")
        self.size.setText(self.tr("Now: {0}").format(words.size(result.after)))

    def _not_compacted(self, error: BaseException) -> None:
        self.compact_button.setEnabled(True)
        self.size_outcome.hide()
        show_error(error, self)
