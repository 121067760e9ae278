"""审批 → 清除审批: the purge requests waiting for this user's step (desktop/core/lifecycle/purges.py) —
the record class, the people (by name, as the due list showed them), the reason, who proposed it —
approved (signed with the approver's key) or rejected with a comment. The last approval removes the
people's personal data at once; the database is then compacted in the background so nothing of them
stays on the disk, and the sizes before and after are told."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.core.lifecycle import compaction, purges
from desktop.ui.approvals.inbox import DecisionInbox, InboxPanel
from desktop.ui.archive import lifecycle_words as words
from desktop.ui.errors import show_error
from desktop.ui.list_model import ListTableModel
from desktop.ui.paged_model import ID_ROLE
from desktop.ui.schedule import change_words
from desktop.ui.widgets import primary_button

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def _entries(session, actor) -> list[tuple[purges.PurgeRow, purges.PurgeView]]:
    return [(row, purges.view(session, actor, row.id)) for row in purges.pending_for(session, actor)]


class PurgeInboxModel(ListTableModel):
    COL_REQUEST, COL_CLASS, COL_PEOPLE, COL_BY = range(4)

    def __init__(self, ctx: "AppContext", parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx

    def headers(self) -> list[str]:
        return [self.tr("Request"), self.tr("Class"), self.tr("People"), self.tr("Proposed by")]

    def display(self, entry, column: int) -> str:
        row = entry[0]
        return {self.COL_REQUEST: f"#{row.id}", self.COL_CLASS: words.record_class(row.record_class),
                self.COL_PEOPLE: str(row.people), self.COL_BY: row.proposed_by}.get(column, "")

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == ID_ROLE:
            return self.rows[index.row()][0].id
        return super().data(index, role)


class PurgeDecisionPanel(InboxPanel):
    def __init__(self, ctx: "AppContext", tab: "PurgeApprovals", parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.tab = tab
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.approve = primary_button("")
        self.reject = QPushButton("")
        self.approve.clicked.connect(lambda: self.decide(True))
        self.reject.clicked.connect(lambda: self.decide(False))
        self.lay_out(self.tr("Select a purge request to decide on it."), self.tr("Comment (required to reject)"),
                     (self.facts,), (self.approve, self.reject))

    def key(self, entry) -> tuple:
        return entry[0].id, entry[0].version

    def fill(self, entry) -> None:
        row, view = entry
        self.title.setText(self.tr("Purge of personal data: {0} (#{1})").format(words.record_class(row.record_class),
                                                                                 row.id))
        self.step.setText(f"<b>{change_words.step_name('approve', row.step_role)}</b>")
        names = "、".join(name for _cid, name in view.people[:50])
        more = len(view.people) - 50
        if more > 0:
            names += " " + self.tr("and %n more", "", more)
        lines = [self.tr("Proposed by {0} on {1}").format(row.proposed_by, self.ctx.format_time(row.proposed_at)),
                 self.tr("Reason: {0}").format(row.reason),
                 self.tr("%n person(s): {0}", "", row.people).format(names),
                 self.tr("Approving removes their names, contacts, ID numbers, files and free texts from the live "
                         "database for good; archived dossiers are kept. Your decision is signed with your key.")]
        self.facts.setText("<br>".join(lines))
        self.approve.setText(self.tr("Approve purge (#{0})").format(row.id))
        self.reject.setText(self.tr("Reject (#{0})").format(row.id))
        for button in (self.approve, self.reject):
            button.setEnabled(True)

    def decide(self, approve: bool) -> None:
        if self.entry is None:
            return
        comment = self.comment_for(not approve)
        if comment is None:
            return
        row, actor = self.entry[0], self.ctx.actor
        self.ctx.write(lambda session: purges.decide(session, actor, row.id, approve, comment, row.version),
                       lambda result: self.tab.decided(row, result), self.tab.refused, entity="purge", owner=self)


class PurgeApprovals(DecisionInbox, QWidget):
    RELOAD_ON = ("purge", "approval_chain")
    fetch = staticmethod(_entries)

    def __init__(self, ctx: "AppContext", show_status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.show_status = ctx, show_status
        self.tab_of_inbox(PurgeInboxModel(ctx, self), PurgeDecisionPanel(ctx, self), self.tr("No purge request is waiting for your decision."))

    def entry_id(self, entry) -> int:
        return entry[0].id

    def count_text(self, count: int) -> str:
        return self.tr("%n purge request(s) waiting for you", "", count)

    def decided(self, row: purges.PurgeRow, result: purges.Decided) -> None:
        if result.status == purges.REJECTED:
            self.show_status(self.tr("Purge request #{0} rejected.").format(row.id))
        elif result.status != purges.DONE:
            self.show_status(self.tr("Purge request #{0} approved; it moves on to the next step.").format(row.id))
        else:
            done = self.tr("Purge request #{0} carried out: %n person(s) purged", "", len(result.purged)).format(row.id)
            if result.skipped:
                done += self.tr("; %n skipped (no longer due)", "", len(result.skipped))
            self.show_status(done + self.tr("; compacting the database…"))
            db = self.ctx.db
            self.ctx.tasks.run_in_background(lambda: compaction.compact(db),
                                             lambda sized: self._compacted(done, sized),
                                             lambda error: show_error(error, self), write=True, owner=self)

    def _compacted(self, done: str, sized: compaction.Compacted) -> None:
        self.show_status(done + self.tr("; database compacted ({0} → {1}).").format(words.size(sized.before),
                                                                                      words.size(sized.after)))
