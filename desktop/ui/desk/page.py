"""我的面试 My interviews: the interviewer's desk. On the left the user's interviews, today first and
then the next two weeks by day (paged: "Show more" loads the next page); on the right the chosen
one's preparation (desktop/ui/desk/preparation.py). Opening an interview the user has not seen in
its current version records "seen" on its timeline, as opening its notice does.

Reached from the navigation, from a notice or tray message about an interview on the user's
panel, and from a deep link interviewdesk://interview/<id> (desktop/ui/links.py)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout, QListWidget, QListWidgetItem, QPushButton, QSplitter, QVBoxLayout, QWidget,
)

from desktop.core import labels, matching
from desktop.core.scheduling import my_interviews
from desktop.core.scheduling.my_interviews import DeskList, DeskRow, Preparation
from desktop.ui.desk.preparation import PreparationView
from desktop.ui.errors import show_error
from desktop.ui.matching.report import MatchReportView, report_locale
from desktop.ui.schedule import words
from desktop.ui.widgets import hint_label, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext

ID_ROLE = Qt.ItemDataRole.UserRole


class MyInterviewsPage(QWidget):
    sig_open_page = Signal(str)
    sig_show_in_schedule = Signal(int, object)     # interview id, its start: the main window opens Schedule

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None, *,
                 page_size: int = my_interviews.PAGE_SIZE) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.page_size = page_size
        self.rows: list[DeskRow] = []
        self.total = 0
        self.day: date | None = None
        self.loading = False
        self._generation = 0
        self._opening = 0
        self.wanted: int | None = None      # the interview to show once the list has it (a link, a notice)

        self.count = hint_label()
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.load)
        head = QHBoxLayout()
        head.addWidget(title_label(self.tr("My interviews")))
        head.addSpacing(16)
        head.addWidget(self.count, 1)
        head.addWidget(self.refresh_button)

        self.list = QListWidget()
        self.list.setObjectName("myInterviews")
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(300)
        self.empty = hint_label(self.tr("No interviews for you today or in the next {0} days.")
                                .format(my_interviews.DAYS_AHEAD))
        self.more_button = QPushButton(self.tr("Show more"))
        self.more_button.clicked.connect(self.load_more)
        self.more_button.hide()
        self.detail = PreparationView(ctx)
        self.detail.sig_show_in_schedule.connect(self.sig_show_in_schedule)
        self.match_view = MatchReportView()
        self.detail.set_match_view(self.match_view)
        self.detail.match_section.hide()          # until an interview's report arrives
        self.problem = hint_label()
        self.problem.setObjectName("formError")
        self.problem.hide()

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.empty)
        column.addWidget(self.list, 1)
        column.addWidget(self.more_button)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.problem)
        layout.addWidget(splitter, 1)

        self.list.currentItemChanged.connect(self._picked)
        ctx.sig_changed.connect(self._changed)
        self.load()

    # --- the list ------------------------------------------------------------------------------

    def load(self) -> None:
        """The first page again (after a change, or the clock's minute: live states move)."""
        self._fetch(0, max(self.page_size, len(self.rows)))

    def load_more(self) -> None:
        self._fetch(len(self.rows), self.page_size)

    def _fetch(self, offset: int, limit: int) -> None:
        self._generation += 1
        generation, actor = self._generation, self.ctx.actor
        self.loading = True
        self.ctx.read(lambda session: my_interviews.my_interviews(session, actor, offset=offset, limit=limit),
                      lambda found: self._arrived(generation, found),
                      lambda error: self._failed(generation, error), owner=self)

    def _failed(self, generation: int, error: BaseException) -> None:
        if generation == self._generation:
            self.loading = False
            show_error(error, self)

    def _changed(self, entity: str, _ids: object) -> None:
        if entity in ("interview", "change_request", "clock"):
            self.load()

    def _arrived(self, generation: int, found: DeskList) -> None:
        if generation != self._generation:
            return
        self.loading = False
        self.rows = (self.rows[:found.offset] if found.offset else []) + found.rows
        self.total, self.day = found.total, found.day
        self._fill()
        self.count.setText(self.tr("%n interview(s)", "", self.total))
        self.more_button.setVisible(len(self.rows) < self.total)
        self.empty.setVisible(not self.rows)
        self.list.setVisible(bool(self.rows))
        if self.wanted is not None and self.select(self.wanted):
            self.wanted = None

    def _fill(self) -> None:
        kept = self.selected_interview()
        self.list.blockSignals(True)
        self.list.clear()
        shown_day: date | None = None
        for row in self.rows:
            day = self.ctx.local(row.starts_at).date()
            if day != shown_day:
                shown_day = day
                self.list.addItem(self._day_item(day))
            self.list.addItem(self._row_item(row))
        self.list.blockSignals(False)
        if kept is not None:
            self.select(kept, open_it=False)

    def _day_item(self, day: date) -> QListWidgetItem:
        text = words.day_label(day)
        if day == self.day:
            text = labels.with_note(self.tr("Today"), text)
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)       # a heading: shown in full colour, not selectable
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        return item

    def _row_item(self, row: DeskRow) -> QListWidgetItem:
        time = f"{self.ctx.local(row.starts_at):%H:%M}–{self.ctx.local(row.ends_at):%H:%M}"
        first = f"{time}  {row.candidate}  {labels.live_state(row.state)}"
        place = row.place if row.mode != "video" else labels.interview_mode(row.mode)
        second = " · ".join(t for t in (row.position, row.round, place) if t)
        if row.role == "observer":
            second = labels.with_note(second, labels.participant_role(row.role))
        item = QListWidgetItem(first + "\n" + second)
        item.setData(ID_ROLE, row.interview_id)
        if not row.seen_current:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
            item.setToolTip(self.tr("Not opened yet in this version"))
        return item

    def selected_interview(self) -> int | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None else None

    def select(self, interview_id: int, *, open_it: bool = True) -> bool:
        for n in range(self.list.count()):
            item = self.list.item(n)
            if item.data(ID_ROLE) == interview_id:
                if not open_it:
                    self.list.blockSignals(True)
                self.list.setCurrentItem(item)
                self.list.blockSignals(False)
                return True
        return False

    # --- one interview -------------------------------------------------------------------------

    def open_interview(self, interview_id: int) -> None:
        """Show this interview (from a notice or a link): selected in the list when it is there,
        otherwise (further ahead, or on a page not loaded) opened on the right all the same."""
        if self.select(interview_id):
            return
        if self.loading:
            self.wanted = interview_id
        self._open(interview_id, seen=False)

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        interview_id = item.data(ID_ROLE) if item is not None else None
        if interview_id is None:
            return
        row = next((r for r in self.rows if r.interview_id == interview_id), None)
        self._open(interview_id, seen=row is not None and row.seen_current)

    def _open(self, interview_id: int, *, seen: bool) -> None:
        """Seen already: only read. Not yet: open it in a write, which records "seen"."""
        self._opening += 1
        opening, actor = self._opening, self.ctx.actor
        self.problem.hide()
        if seen:
            self.ctx.read(lambda session: my_interviews.preparation(session, actor, interview_id),
                          lambda found: self._prepared(opening, found),
                          lambda error: self._not_opened(opening, error), owner=self)
        else:
            self.ctx.write(lambda session: my_interviews.open_interview(session, actor, interview_id),
                           lambda found: self._prepared(opening, found),
                           lambda error: self._not_opened(opening, error), entity="interview",
                           ids=lambda found: (found.interview_id,), owner=self)

    def _prepared(self, opening: int, found: Preparation) -> None:
        if opening != self._opening:
            return
        self.detail.show_preparation(found)
        self.detail.match_section.hide()
        actor, locale, interview_id = self.ctx.actor, report_locale(self.ctx.language), found.interview_id
        self.ctx.read(lambda session: matching.report_for_interview(session, actor, interview_id, locale),
                      lambda report: self._matched(opening, report), lambda _error: None, owner=self)

    def _matched(self, opening: int, report: matching.MatchReport) -> None:
        """The match report under the position's requirements (read apart: the preparation shows at once)."""
        if opening == self._opening:
            self.match_view.show_report(report)
            self.detail.match_section.show()

    def _not_opened(self, opening: int, error: BaseException) -> None:
        if opening != self._opening:
            return
        from desktop.ui.messages import describe
        self.detail.show_preparation(None)
        self.problem.setText(describe(error))
        self.problem.show()
