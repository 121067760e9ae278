"""候选人 Candidates: search, the paged list, the detail panel, and the create/edit forms."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSplitter, QVBoxLayout, QWidget

from desktop.core.errors import SearchRefused
from desktop.core.permissions import Action
from desktop.core.services import candidates
from desktop.ui.candidates.detail import CandidateDetailPanel
from desktop.ui.candidates.form import CandidateForm
from desktop.ui.candidates.model import CandidateTableModel
from desktop.ui import messages
from desktop.ui.errors import show_error
from desktop.ui.listview import PagedTableView
from desktop.ui.widgets import SearchBox, hint_label, primary_button, scrolling, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


class CandidatesPage(QWidget):
    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.form: CandidateForm | None = None
        self._select_after_load: int | None = None

        # Only roles that may see phone numbers search by them (core refuses the others).
        self.search = SearchBox(self.tr("Name, phone or its last 4 digits, e-mail") if ctx.may(Action.CANDIDATE_REVEAL)
                                else self.tr("Name"))
        self.count = hint_label()
        self.new_button: QPushButton | None = None
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("Candidates")))
        head.addSpacing(16)
        head.addWidget(self.search)
        head.addWidget(self.count, 1)
        if ctx.may(Action.CANDIDATE_CREATE):
            self.new_button = primary_button(self.tr("New candidate"))
            self.new_button.clicked.connect(self.new_candidate)
            head.addWidget(self.new_button)

        self.model = CandidateTableModel(ctx, self)
        self.table = PagedTableView(self.model)
        self.detail = CandidateDetailPanel(ctx)
        splitter = QSplitter()
        splitter.addWidget(self.table)
        splitter.addWidget(scrolling(self.detail))   # the detail with its applications is taller than 768 px
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(splitter, 1)

        self.search.sig_search.connect(self.model.set_search)
        self.model.sig_loaded.connect(self._loaded)
        self.model.sig_failed.connect(self._failed)
        self.table.sig_selected.connect(self.detail.show_candidate)
        self.table.sig_activated.connect(self.edit_candidate)
        self.detail.sig_edit.connect(self.edit_candidate)
        if not self.model.loaded_once and not self.model.loading:
            self.model.refresh()

    def _loaded(self, total: int) -> None:
        if self.model.capped:     # a short search matches too many to count them all
            self.count.setText(self.tr("{0}+ candidates").format(f"{total:,}"))
        else:
            self.count.setText(self.tr("%n candidate(s)", "", total))
        if self._select_after_load is not None and self.table.select_id(self._select_after_load):
            self._select_after_load = None

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, SearchRefused):      # worded beside the search box, not in a dialog
            self.count.setText(messages.describe(error))
            return
        show_error(error, self)

    def new_candidate(self) -> None:
        self.form = CandidateForm(self.ctx, self)
        self.form.sig_saved.connect(self._created)
        self.form.open()

    def _created(self, candidate_id: int) -> None:
        self._select_after_load = candidate_id

    def edit_candidate(self, candidate_id: int) -> None:
        """Opening the form reads the personal fields in clear, which core records as a reveal."""
        actor = self.ctx.actor

        def opened(found: tuple[candidates.CandidateInput, int]) -> None:
            data, version = found
            self.form = CandidateForm(self.ctx, self, candidate_id=candidate_id, data=data, version=version)
            self.form.open()

        def refused(error: BaseException) -> None:
            show_error(error, self)

        if not candidate_id or not self.ctx.may(Action.CANDIDATE_EDIT):
            return
        self.ctx.write(lambda session: candidates.get_for_edit(session, actor, candidate_id), opened, refused,
                       entity="audit", ids=lambda _found: (candidate_id,), owner=self)
