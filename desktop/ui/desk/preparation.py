"""The right side of 我的面试: one interview's preparation in sections — time and place, the
candidate (masked by role), the position's requirements, the match report, the earlier rounds.

The match report section stays hidden until a report view is put in it with `set_match_view`
(desktop/ui/matching/report.py's MatchReportView, filled by the page)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Qt, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget,
)

from desktop.core import labels
from desktop.core.permissions import Action
from desktop.core.scheduling.my_interviews import Preparation
from desktop.ui.desk import words as desk_words
from desktop.ui.schedule import colors, words
from desktop.ui.schedule.detail import fill_table, small_table
from desktop.ui.widgets import hint_label, scrolling, title_label

if TYPE_CHECKING:
    from desktop.ui.context import AppContext


def _value() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    # as tall as its wrapped text needs: a form row would otherwise keep one line's height
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
    return label


class Section(QWidget):
    """A titled block of label/value rows; a row whose value is empty is hidden. A grid, not a
    form layout: it gives a wrapped value the height its lines need."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title_label(title, "sectionTitle")
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(0, 8, 0, 0)
        self.column.addWidget(self.title)
        self.column.addLayout(self.grid)

    def row(self, key: str, label: str) -> QLabel:
        value = _value()
        caption = QLabel(label)
        row = len(self.values)
        self.grid.addWidget(caption, row, 0, Qt.AlignmentFlag.AlignTop)
        self.grid.addWidget(value, row, 1)
        self.values[key], self.captions[key] = value, caption
        return value

    def set(self, key: str, text: str) -> None:
        self.values[key].setText(text)
        self.values[key].setVisible(bool(text))
        self.captions[key].setVisible(bool(text))


class PreparationView(QFrame):
    sig_show_in_schedule = Signal(int, object)    # interview id, its start

    def __init__(self, ctx: "AppContext", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("detailPanel")
        self.setMinimumWidth(420)
        self.preparation: Preparation | None = None

        self.heading = title_label("", "sectionTitle")
        self.heading.setWordWrap(True)
        self.state = QLabel()
        self.placeholder = hint_label(self.tr("Pick an interview on the left to prepare for it."))
        self.schedule_button = QPushButton(self.tr("Show in schedule"))
        self.schedule_button.setVisible(ctx.may(Action.INTERVIEW_VIEW))
        self.schedule_button.clicked.connect(self._show_in_schedule)
        self.open_video_button = QPushButton(self.tr("Open video link"))
        self.open_video_button.clicked.connect(self._open_video)
        self.copy_video_button = QPushButton(self.tr("Copy video link"))
        self.copy_video_button.clicked.connect(self._copy_video)
        self.copied = hint_label()
        self.room_button = QPushButton(self.tr("Enter interview room"))
        self.room_button.setToolTip(self.tr("The timer, closing checklist, notes and closing scripts of the running "
                                            "interview, in a window of its own"))
        self.room_button.clicked.connect(self.enter_room)
        self.room_window = None
        self.scorecard_button = QPushButton(self.tr("Scorecard"))
        self.scorecard_button.setToolTip(self.tr("Score the candidate on the round's criteria; the draft is saved "
                                                 "as you type"))
        self.scorecard_button.clicked.connect(self.open_scorecard)
        self.scorecard_dialog = None
        self.calibration_button = QPushButton(self.tr("Calibration"))
        self.calibration_button.setToolTip(self.tr("The panel's scores side by side (for interviewers once their own "
                                                   "scorecard is submitted)"))
        self.calibration_button.clicked.connect(self.open_calibration)
        self.calibration_dialog = None

        self.when = Section(self.tr("Time and place"))
        for key, text in (("time", self.tr("Time")), ("planned", self.tr("Planned duration")),
                          ("place", self.tr("Place")), ("video", self.tr("Video link")),
                          ("panel", self.tr("Panel")), ("me", self.tr("My role"))):
            self.when.row(key, text)
        self.candidate = Section(self.tr("Candidate"))
        for key, text in (("name", self.tr("Name")), ("gender", self.tr("Gender")), ("phone", self.tr("Phone")),
                          ("email", self.tr("E-mail")), ("education", self.tr("Education")),
                          ("school", self.tr("School")), ("major", self.tr("Major")),
                          ("years", self.tr("Years of experience")), ("certificates", self.tr("Certificates")),
                          ("skills", self.tr("Skills")), ("experience", self.tr("Experience")),
                          ("summary", self.tr("Résumé summary")), ("extra", self.tr("Further details"))):
            self.candidate.row(key, text)
        self.candidate_hidden = hint_label(self.tr("Your roles may not see this department's candidate profiles; "
                                                   "ask HR if you need them to prepare."))
        self.candidate.column.addWidget(self.candidate_hidden)
        self.position = Section(self.tr("Position requirements"))
        for key, text in (("title", self.tr("Position")), ("department", self.tr("Department")),
                          ("education", self.tr("Education")), ("years", self.tr("Minimum years")),
                          ("skills", self.tr("Skills")), ("description", self.tr("Description"))):
            self.position.row(key, text)
        self.requirements = small_table([self.tr("Requirement"), self.tr("Wanted"), self.tr("Weight")])
        self.requirements.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.no_requirements = hint_label(self.tr("No weighted requirements recorded for this position."))
        self.position.column.addWidget(self.requirements)
        self.position.column.addWidget(self.no_requirements)

        # 匹配报告: the report view is put here by the page once the match report exists
        self.match_section = QWidget()
        self.match_section.setObjectName("matchSection")
        match_column = QVBoxLayout(self.match_section)
        match_column.setContentsMargins(0, 8, 0, 0)
        match_column.addWidget(title_label(self.tr("Match report"), "sectionTitle"))
        self.match_layout = match_column
        self.match_section.hide()

        self.earlier_title = title_label(self.tr("Earlier rounds"), "sectionTitle")
        self.earlier = small_table([self.tr("Round"), self.tr("Date"), self.tr("Status"), self.tr("Results")])
        self.earlier.setMaximumHeight(170)
        self.earlier_note = hint_label()

        buttons = QHBoxLayout()
        for button in (self.room_button, self.scorecard_button, self.calibration_button, self.schedule_button, self.open_video_button, self.copy_video_button):
            buttons.addWidget(button)
        buttons.addWidget(self.copied, 1)
        self.content = QWidget()
        body = QVBoxLayout(self.content)
        body.setContentsMargins(0, 0, 8, 0)
        for widget in (self.when, self.candidate, self.position, self.match_section, self.earlier_title,
                       self.earlier, self.earlier_note):
            body.addWidget(widget)
        body.addStretch(1)
        head = QHBoxLayout()
        head.addWidget(self.heading, 1)
        head.addWidget(self.state, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(head)
        layout.addWidget(self.placeholder)
        layout.addLayout(buttons)
        self.scroll = scrolling(self.content)
        # a scroll bar appearing after the rows were measured would narrow them and clip wrapped text
        self.scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        layout.addWidget(self.scroll, 1)
        self.show_preparation(None)

    @property
    def interview_id(self) -> int | None:
        return self.preparation.interview_id if self.preparation else None

    def set_match_view(self, view: QWidget) -> None:
        """Show the match report in its section (the page calls this with the report's view)."""
        self.match_layout.addWidget(view)
        self.match_section.show()

    def show_preparation(self, found: Preparation | None) -> None:
        self.preparation = found
        shown = found is not None
        self.placeholder.setVisible(not shown)
        self.scroll.setVisible(shown)
        self.schedule_button.setEnabled(shown)
        # the interview room opens on the interview's day, for the panel and HR (the room checks again)
        self.room_button.setVisible(shown and (bool(found.my_role) or self.ctx.may(Action.INTERVIEW_SCHEDULE)))
        self.room_button.setEnabled(shown and found.status not in ("cancelled", "no_show")
                                    and self.ctx.local(found.starts_at).date() == self.ctx.today())
        # 评分: for the interviewers of the panel (observers do not score), once the interview has begun
        self.scorecard_button.setVisible(shown and found.my_role == "interviewer")
        self.scorecard_button.setEnabled(shown and found.status not in ("cancelled", "no_show")
                                         and found.starts_at <= self.ctx.clock.now())
        self.calibration_button.setVisible(shown and (found.my_role == "interviewer"
                                                      or self.ctx.may(Action.INTERVIEW_SCHEDULE)))
        self.copied.clear()
        if found is None:
            self.heading.clear()
            self.state.clear()
            self.state.setStyleSheet("")
            for button in (self.open_video_button, self.copy_video_button):
                button.hide()
            return
        self.heading.setText(" · ".join((found.candidate.name, found.position.title, found.round)))
        self.state.setText(labels.live_state(found.state))
        self.state.setStyleSheet(colors.chip_style(found.state))
        for button in (self.open_video_button, self.copy_video_button):
            button.setVisible(bool(found.video_link))
        self._when(found)
        self._candidate(found)
        self._position(found)
        self._earlier(found)

    def _when(self, p: Preparation) -> None:
        s = self.when
        s.set("time", words.when(self.ctx.tz, p.starts_at, p.ends_at))
        booked = int((p.ends_at - p.starts_at).total_seconds() // 60)
        planned = words.minutes(p.planned_minutes)
        s.set("planned", planned if booked == p.planned_minutes else labels.with_note(
            planned, self.tr("booked: {0}").format(words.minutes(booked))))
        place = labels.with_note(p.room, p.room_location) if p.room and p.room_location else p.room
        s.set("place", place or (labels.interview_mode(p.mode) if p.mode == "video" else ""))
        s.set("video", p.video_link)
        s.set("panel", labels.joined(labels.with_note(m.name, labels.participant_role(m.role)) for m in p.panel))
        s.set("me", labels.participant_role(p.my_role) if p.my_role else self.tr("Not on the panel"))

    def _candidate(self, p: Preparation) -> None:
        c, s = p.candidate, self.candidate
        self.candidate_hidden.setVisible(not c.visible)
        s.set("name", c.name)
        s.set("gender", labels.gender(c.gender) if c.gender else "")
        s.set("phone", c.phone)
        s.set("email", c.email)
        s.set("education", labels.education(c.education) if c.education else "")
        s.set("school", c.school)
        s.set("major", c.major)
        s.set("years", self.tr("%n year(s)", "", c.years_experience) if c.visible else "")
        s.set("certificates", desk_words.requirement_value("certificate", c.certificates))
        s.set("skills", desk_words.requirement_value("skill", c.skills))
        s.set("experience", c.experience)
        s.set("summary", c.resume_summary)
        s.set("extra", "\n".join(labels.labelled(str(k), str(v)) for k, v in c.profile_extra.items() if v))

    def _position(self, p: Preparation) -> None:
        pos, s = p.position, self.position
        s.set("title", labels.with_note(pos.title, pos.code))
        s.set("department", pos.department)
        legacy = not pos.requirements       # the weighted table below says it all when there is one
        s.set("education", desk_words.requirement_value("education", pos.education) if legacy else "")
        s.set("years", desk_words.requirement_value("years", str(pos.min_years)) if legacy and pos.min_years else "")
        s.set("skills", desk_words.requirement_value("skill", pos.skills) if legacy else "")
        s.set("description", pos.description)
        fill_table(self.requirements, [(desk_words.requirement_kind(r.kind, r.label),
                                        desk_words.requirement_value(r.kind, r.value), str(r.weight))
                                       for r in pos.requirements])
        # every row at once: a table scrolling inside the scrolling preparation hides rows
        table = self.requirements
        table.setFixedHeight(table.horizontalHeader().height() + table.verticalHeader().length()
                             + 2 * table.frameWidth())
        table.setVisible(bool(pos.requirements))
        self.no_requirements.setVisible(legacy)

    def _earlier(self, p: Preparation) -> None:
        rows = []
        for e in p.earlier:
            results = labels.joined(labels.labelled(r.interviewer, desk_words.recommendation(r.recommendation))
                                    for r in e.results)
            rows.append((e.round, f"{self.ctx.local(e.starts_at):%Y-%m-%d}", labels.interview_status(e.status),
                         results or (self.tr("None submitted") if p.earlier_results_shown else self.tr("Not shown"))))
        fill_table(self.earlier, rows)
        self.earlier.setVisible(bool(rows))
        if not rows:
            self.earlier_note.setText(self.tr("This is the candidate's first round for this position."))
        elif not p.earlier_results_shown:
            self.earlier_note.setText(self.tr("Your institution does not show earlier rounds' results here "
                                              "(Settings → Institution)."))
        else:
            self.earlier_note.setText("")
        self.earlier_note.setVisible(bool(self.earlier_note.text()))

    # --- actions -------------------------------------------------------------------------------

    def _show_in_schedule(self) -> None:
        if self.preparation is not None:
            self.sig_show_in_schedule.emit(self.preparation.interview_id, self.preparation.starts_at)

    def enter_room(self) -> None:
        from desktop.ui.room.window import InterviewRoomWindow

        if self.interview_id is not None:
            self.room_window = InterviewRoomWindow(self.ctx, self.interview_id)
            self.room_window.show()

    def open_scorecard(self) -> None:
        from desktop.ui.desk.scorecard import ScorecardDialog

        if self.preparation is not None:
            self.scorecard_dialog = ScorecardDialog(self.ctx, self.preparation.interview_id,
                                                    self.preparation.candidate.name, self)
            self.scorecard_dialog.show()

    def open_calibration(self) -> None:
        from desktop.ui.desk.calibration import CalibrationDialog

        if self.preparation is not None:
            self.calibration_dialog = CalibrationDialog(self.ctx, self.preparation.interview_id,
                                                        self.preparation.candidate.name, self)
            self.calibration_dialog.show()

    def _open_video(self) -> None:
        if self.preparation is not None and self.preparation.video_link:
            QDesktopServices.openUrl(QUrl(self.preparation.video_link))

    def _copy_video(self) -> None:
        if self.preparation is not None and self.preparation.video_link:
            QGuiApplication.clipboard().setText(self.preparation.video_link)
            self.copied.setText(self.tr("Copied."))
