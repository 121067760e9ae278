"""The schedule drawn as lanes (interviewers or rooms) over the office's working hours, one column
per day; interviews are blocks coloured by their live state, conflicts outlined in red and hatched.

Every block is at least as wide as its candidate's name and start time, whatever the zoom: blocks
that would then overlap go into tracks, and a lane grows as tall as its tracks need, so the week
fits the window without horizontal scrolling and every block stays readable. A pending change
request shows where it would move the interview as a dashed ghost block in the 待审批 colour.

A click on a block reports it; dragging a movable block to another time or lane reports the move
(snapped to 15 minutes), and the page turns it into a change request. The lane names and the day
header stay in place while the rest scrolls. Only what is visible is painted, so a department with
thirty interviewers and a busy week stays smooth."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from desktop.core.scheduling.desk_views import ScheduleBoard
from desktop.core.scheduling.views import Block
from desktop.core import labels
from desktop.ui.schedule import colors, words

MOVABLE = frozenset({"unconfirmed", "confirmed", "pending_approval", "late"})


@dataclass(frozen=True)
class Move:
    """A block dropped somewhere else: the page proposes this as a change request."""

    interview_id: int
    from_lane: int
    to_lane: int
    old_start: datetime
    starts_at: datetime


@dataclass
class _Placed:
    block: Block
    rect: QRectF          # content coordinates
    anchor_x: float = 0.0  # where the start time is; the rect may sit left of it near the day's end
    ghost: bool = False    # the proposed time of a pending change request, not the interview itself


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


class ScheduleCanvas(QAbstractScrollArea):
    sig_block_clicked = Signal(int)       # interview id
    sig_block_moved = Signal(object)      # Move

    LANE_WIDTH = 150
    HEADER_HEIGHT = 44
    ROW_HEIGHT = 50            # a lane with one track; lanes with overlapping blocks grow
    SNAP_MINUTES = 15
    COLLAPSED_DAY = 46
    PADDING = 4                # between a block's border and its text
    MAX_BLOCK_WIDTH = 160      # a very long name is elided beyond this

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.board: ScheduleBoard | None = None
        self.zone: tzinfo = timezone.utc
        self.can_drag = False
        self.selected_id: int | None = None
        self.placed: list[_Placed] = []
        self.lane_index: dict[int, int] = {}
        self.day_x: list[float] = []
        self.day_w: list[float] = []
        self.expanded: list[bool] = []
        self.lane_top: list[float] = []
        self.lane_height: list[float] = []
        self.range_start = 8 * 60
        self.range_end = 18 * 60
        self.pph = 60.0
        self._press: tuple[_Placed, QPointF] | None = None
        self._drag: tuple[_Placed, datetime, int] | None = None
        self.viewport().setMouseTracking(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMinimumHeight(240)

    # --- data ----------------------------------------------------------------------------------

    def set_board(self, board: ScheduleBoard, zone: tzinfo, *, can_drag: bool) -> None:
        self.board, self.zone, self.can_drag = board, zone, can_drag
        self._press = self._drag = None
        self.lane_index = {lane.id: n for n, lane in enumerate(board.view.lanes)}
        self._relayout()

    @property
    def first_day(self) -> date:
        return self.board.view.first_day if self.board else date.today()

    def _relayout(self) -> None:
        board = self.board
        if board is None:
            return
        days = board.days
        starts = [self._local(b.starts_at) for b in board.view.blocks]
        begin = [s.hour * 60 + s.minute for s in starts]
        finish = [m + (b.ends_at - b.starts_at).total_seconds() / 60 for m, b in zip(begin, board.view.blocks, strict=True)]
        earliest = int(min([_minutes(board.day_start)] + begin))   # bookings outside hours stay visible
        latest = int(max([_minutes(board.day_end)] + [min(24 * 60, m) for m in finish]))
        self.range_start = max(0, earliest // 30 * 30)
        self.range_end = min(24 * 60, -(-latest // 30) * 30)
        busy_days = {s.date() for s in starts}
        self.expanded = [d.working or d.day in busy_days for d in days]
        hours = (self.range_end - self.range_start) / 60
        wide = max(1, sum(self.expanded))
        available = self.viewport().width() - self.LANE_WIDTH - self.COLLAPSED_DAY * (len(days) - wide)
        self.pph = max(6.0, available / (wide * hours))   # the whole span fits; blocks widen to their text
        self.day_x, self.day_w, x = [], [], float(self.LANE_WIDTH)
        for open_day in self.expanded:
            width = self.pph * hours if open_day else float(self.COLLAPSED_DAY)
            self.day_x.append(x)
            self.day_w.append(width)
            x += width
        self._content_width = x
        self._place_blocks()
        self._content_height = self.lane_top[-1] + self.lane_height[-1] if self.lane_top else self.HEADER_HEIGHT
        self.horizontalScrollBar().setRange(0, max(0, int(self._content_width - self.viewport().width())))
        self.horizontalScrollBar().setPageStep(self.viewport().width())
        self.verticalScrollBar().setRange(0, max(0, int(self._content_height - self.viewport().height())))
        self.verticalScrollBar().setPageStep(self.viewport().height())
        self.viewport().update()

    def _local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    def _x_of(self, day_index: int, minute_of_day: float) -> float:
        return self.day_x[day_index] + (minute_of_day - self.range_start) * self.pph / 60

    def text_lines(self, placed: _Placed) -> list[str]:
        """What a block says: the candidate, then the start time (a ghost: the proposed time)."""
        start = f"{self._local(placed.block.starts_at):%H:%M}"
        return [placed.block.candidate, self.tr("proposed {0}").format(start) if placed.ghost else start]

    def metrics(self) -> QFontMetricsF:
        return QFontMetricsF(self.viewport().font())

    @property
    def track_height(self) -> float:
        return 2 * self.metrics().lineSpacing() + 6

    def _place_blocks(self) -> None:
        """Blocks of one lane and day go into tracks so that none covers another: each block is
        placed at its start time and made wide enough for its text, then takes the first track
        where it overlaps nothing. The lane is as tall as its busiest day needs."""
        self.placed = []
        groups: dict[tuple[int, int], list[_Placed]] = {}
        view = self.board.view
        for block, ghost in [(b, False) for b in view.blocks] + [(b, True) for b in view.ghosts]:
            day_index = (self._local(block.starts_at).date() - self.first_day).days
            if 0 <= day_index < len(self.day_x) and block.lane_id in self.lane_index:
                groups.setdefault((block.lane_id, day_index), []).append(self._sized(block, day_index, ghost))
        tracks_of: dict[tuple[int, int], int] = {}
        for key, items in groups.items():
            items.sort(key=lambda p: (p.rect.left(), p.block.starts_at, p.ghost, p.block.interview_id))
            track_ends: list[float] = []
            for placed in items:
                free = next((n for n, end in enumerate(track_ends) if end <= placed.rect.left()), None)
                if free is None:
                    track_ends.append(0.0)
                    free = len(track_ends) - 1
                track_ends[free] = placed.rect.right() + 2
                placed.rect.moveTop(free * self.track_height)   # relative to the lane until the lanes are known
            tracks_of[key] = len(track_ends)
            self.placed.extend(items)
        self.lane_top, self.lane_height, y = [], [], float(self.HEADER_HEIGHT)
        for lane in view.lanes:
            tracks = max([t for (lane_id, _d), t in tracks_of.items() if lane_id == lane.id], default=1)
            height = max(float(self.ROW_HEIGHT), tracks * self.track_height + 6)
            self.lane_top.append(y)
            self.lane_height.append(height)
            y += height
        single = {lane.id for lane in view.lanes
                  if all(t <= 1 for (lane_id, _d), t in tracks_of.items() if lane_id == lane.id)}
        for placed in self.placed:
            row = self.lane_index[placed.block.lane_id]
            height = self.lane_height[row] - 6 if placed.block.lane_id in single else self.track_height - 2
            placed.rect = QRectF(placed.rect.left(), self.lane_top[row] + 3 + placed.rect.top(), placed.rect.width(),
                                 height)

    def _sized(self, block: Block, day_index: int, ghost: bool) -> _Placed:
        start, end = self._local(block.starts_at), self._local(block.ends_at)
        start_min = start.hour * 60 + start.minute
        end_min = min(self.range_end, start_min + (end - start).total_seconds() / 60)
        x0, x1 = self._x_of(day_index, start_min), self._x_of(day_index, end_min)
        placed = _Placed(block, QRectF(), x0, ghost)
        metrics = self.metrics()
        text = max(metrics.horizontalAdvance(line) for line in self.text_lines(placed)) + 2 * self.PADDING + 2
        day_right = self.day_x[day_index] + self.day_w[day_index]
        width = min(max(6.0, x1 - x0 - 2, min(text, self.MAX_BLOCK_WIDTH)), self.day_w[day_index] - 2)
        left = max(self.day_x[day_index] + 1, min(x0 + 1, day_right - 1 - width))   # late blocks stay in their day
        placed.rect = QRectF(left, 0, width, 0)
        return placed

    def lane_at(self, y: float) -> int:
        """The row of the lane at content height `y` (clamped to the first and last lane)."""
        return max(0, min(bisect.bisect_right(self.lane_top, y) - 1, len(self.lane_top) - 1))

    @property
    def dragging(self) -> bool:
        return self._press is not None

    # --- geometry helpers (also used by tests) ------------------------------------------------------

    def offset(self) -> QPointF:
        return QPointF(self.horizontalScrollBar().value(), self.verticalScrollBar().value())

    def placed_blocks(self, interview_id: int) -> list[_Placed]:
        return [p for p in self.placed if p.block.interview_id == interview_id]

    def reveal(self, rect: QRectF) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        view_w = self.viewport().width() - self.LANE_WIDTH
        view_h = self.viewport().height() - self.HEADER_HEIGHT
        if not (h.value() + self.LANE_WIDTH <= rect.left() and rect.right() <= h.value() + self.LANE_WIDTH + view_w):
            h.setValue(int(rect.left() - self.LANE_WIDTH - 20))
        if not (v.value() + self.HEADER_HEIGHT <= rect.top() and rect.bottom() <= v.value() + self.HEADER_HEIGHT + view_h):
            v.setValue(int(rect.top() - self.HEADER_HEIGHT - 10))

    def viewport_point(self, content: QPointF) -> QPoint:
        return (content - self.offset()).toPoint()

    def content_point(self, day: date, local_time: time, lane_id: int) -> QPointF:
        day_index = (day - self.first_day).days
        x = self._x_of(day_index, local_time.hour * 60 + local_time.minute)
        row = self.lane_index[lane_id]
        return QPointF(x, self.lane_top[row] + self.lane_height[row] / 2)

    def _hit(self, viewport_pos: QPointF) -> _Placed | None:
        if viewport_pos.x() < self.LANE_WIDTH or viewport_pos.y() < self.HEADER_HEIGHT:
            return None
        point = viewport_pos + self.offset()
        for placed in reversed(self.placed):
            if placed.rect.contains(point):
                return placed
        return None

    def _target(self, placed: _Placed, viewport_pos: QPointF) -> tuple[datetime, int] | None:
        """Where a block dragged by the point it was grabbed at would land: start time and lane."""
        assert self._press is not None
        grab = self._press[1]
        point = viewport_pos + self.offset()
        left = placed.anchor_x + point.x() - grab.x()
        day_index = next((i for i in range(len(self.day_x)) if self.expanded[i]
                          and self.day_x[i] <= left + 1 < self.day_x[i] + self.day_w[i]), None)
        if day_index is None:
            return None
        minute = self.range_start + (left - self.day_x[day_index]) * 60 / self.pph
        minute = round(minute / self.SNAP_MINUTES) * self.SNAP_MINUTES
        duration = (placed.block.ends_at - placed.block.starts_at).total_seconds() / 60
        minute = max(self.range_start, min(minute, self.range_end - duration))
        lanes = self.board.view.lanes
        lane = lanes[self.lane_at(point.y())].id
        day = self.first_day + timedelta(days=day_index)
        local = datetime.combine(day, time(0, 0), tzinfo=self.zone) + timedelta(minutes=minute)
        return local.astimezone(timezone.utc), lane

    # --- events --------------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        self.viewport().update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        placed = self._hit(event.position())
        if placed is not None:
            self._press = (placed, event.position() + self.offset())
            self._drag = None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None:
            return
        placed, grabbed = self._press
        moved = (event.position() + self.offset() - grabbed).manhattanLength() > 4
        if moved and self.can_drag and not placed.ghost and placed.block.state in MOVABLE:
            target = self._target(placed, event.position())
            self._drag = (placed, *target) if target else None
            if target:
                QToolTip.showText(event.globalPosition().toPoint(), words.when(self.zone, target[0]), self)
            self.viewport().update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        press, drag = self._press, self._drag
        self._press = self._drag = None
        if press is None:
            return
        placed = press[0]
        block = placed.block
        if drag is not None:
            _p, start, lane = drag
            self.viewport().update()
            if start != block.starts_at or lane != block.lane_id:
                self.sig_block_moved.emit(Move(block.interview_id, block.lane_id, lane, block.starts_at, start))
            return
        self.selected_id = block.interview_id
        self.viewport().update()
        self.sig_block_clicked.emit(block.interview_id)

    def viewportEvent(self, event) -> bool:
        if event.type() == event.Type.ToolTip:
            placed = self._hit(QPointF(event.pos()))
            if placed is not None:
                QToolTip.showText(event.globalPos(), self._tooltip(placed.block, placed.ghost), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, block: Block, ghost: bool = False) -> str:
        lines = [f"<b>{block.candidate}</b> · {block.position} · {block.round}",
                 words.when(self.zone, block.starts_at, block.ends_at)]
        if ghost:
            lines.insert(1, self.tr("Proposed by a change request waiting for approval"))
        if block.room:
            lines.append(block.room)
        lines.append(labels.live_state(block.state))
        if block.conflict:
            lines.append(f"<span style='color:{colors.CONFLICT}'>" + self.tr("Overlaps another interview in this lane")
                         + "</span>")
        return "<br>".join(lines)

    # --- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.viewport().rect(), QColor("#ffffff"))
        if self.board is None:
            return
        off = self.offset()
        width, height = self.viewport().width(), self.viewport().height()
        painter.save()
        painter.setClipRect(QRectF(self.LANE_WIDTH, self.HEADER_HEIGHT, width, height))
        painter.translate(-off)
        self._paint_grid(painter, off, width, height)
        self._paint_blocks(painter, off, width, height)
        painter.restore()
        painter.save()
        painter.setClipRect(QRectF(self.LANE_WIDTH, 0, width, self.HEADER_HEIGHT))
        painter.translate(-off.x(), 0)
        self._paint_header(painter)
        painter.restore()
        painter.save()
        painter.setClipRect(QRectF(0, self.HEADER_HEIGHT, self.LANE_WIDTH, height))
        painter.translate(0, -off.y())
        self._paint_lanes(painter, off, height)
        painter.restore()
        painter.fillRect(QRectF(0, 0, self.LANE_WIDTH, self.HEADER_HEIGHT), QColor("#f5f6f8"))
        painter.setPen(QColor("#d9dde3"))
        painter.drawLine(QPointF(0, self.HEADER_HEIGHT - 0.5), QPointF(width, self.HEADER_HEIGHT - 0.5))
        painter.drawLine(QPointF(self.LANE_WIDTH - 0.5, 0), QPointF(self.LANE_WIDTH - 0.5, height))
        painter.setPen(QColor("#5c6370"))
        painter.drawText(QRectF(8, 0, self.LANE_WIDTH - 12, self.HEADER_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                         self.tr("Interviewer") if self.board.view.by == "interviewer" else self.tr("Room"))

    def _visible_rows(self, off: QPointF, height: int) -> range:
        if not self.lane_top:
            return range(0)
        return range(self.lane_at(off.y()), self.lane_at(off.y() + height) + 1)

    def _paint_grid(self, painter: QPainter, off: QPointF, width: int, height: int) -> None:
        bottom = self._content_height
        for row in self._visible_rows(off, height):
            if row % 2:
                painter.fillRect(QRectF(self.LANE_WIDTH, self.lane_top[row], self._content_width, self.lane_height[row]),
                                 QColor("#fafbfc"))
        for i, day in enumerate(self.board.days):
            x, w = self.day_x[i], self.day_w[i]
            if x > off.x() + width or x + w < off.x():
                continue
            if not day.working:
                painter.fillRect(QRectF(x, self.HEADER_HEIGHT, w, bottom - self.HEADER_HEIGHT), QBrush(QColor("#e9ebef"),
                                                                                   Qt.BrushStyle.BDiagPattern))
            elif self.board.lunch and self.expanded[i]:
                a, b = (_minutes(t) for t in self.board.lunch)
                painter.fillRect(QRectF(self._x_of(i, a), self.HEADER_HEIGHT, (b - a) * self.pph / 60,
                                        bottom - self.HEADER_HEIGHT),
                                 QColor("#f1f2f4"))
            if self.expanded[i]:
                painter.setPen(QPen(QColor("#eceef1"), 1))
                for minute in range(self.range_start // 60 * 60 + 60, self.range_end, 60):
                    hx = self._x_of(i, minute)
                    painter.drawLine(QPointF(hx, self.HEADER_HEIGHT), QPointF(hx, bottom))
            painter.setPen(QPen(QColor("#c9ced6"), 1))
            painter.drawLine(QPointF(x + w - 0.5, 0), QPointF(x + w - 0.5, bottom))
        painter.setPen(QPen(QColor("#e4e7ec"), 1))
        for row in self._visible_rows(off, height):
            y = self.lane_top[row] + self.lane_height[row] - 0.5
            painter.drawLine(QPointF(self.LANE_WIDTH, y), QPointF(self._content_width, y))
        now = self._local(self.board.now)
        day_index = (now.date() - self.first_day).days
        minute = now.hour * 60 + now.minute
        if 0 <= day_index < len(self.day_x) and self.expanded[day_index] and \
                self.range_start <= minute <= self.range_end:
            nx = self._x_of(day_index, minute)
            painter.setPen(QPen(QColor(colors.CONFLICT), 1.5))
            painter.drawLine(QPointF(nx, self.HEADER_HEIGHT), QPointF(nx, bottom))

    def _paint_blocks(self, painter: QPainter, off: QPointF, width: int, height: int) -> None:
        visible = QRectF(off.x(), off.y(), width, height)
        for placed in self.placed:
            if placed.rect.intersects(visible):
                self._paint_ghost(painter, placed) if placed.ghost else self._paint_block(painter, placed)
        if self._drag is not None:
            placed, start, lane = self._drag
            duration = placed.block.ends_at - placed.block.starts_at
            local = self._local(start)
            day_index = (local.date() - self.first_day).days
            x0 = self._x_of(day_index, local.hour * 60 + local.minute)
            row = self.lane_index[lane]
            ghost = QRectF(x0 + 1, self.lane_top[row] + 3, max(placed.rect.width(), duration.total_seconds() / 3600
                                                               * self.pph - 2), self.lane_height[row] - 8)
            painter.setBrush(QColor(47, 111, 209, 60))
            painter.setPen(QPen(QColor("#2f6fd1"), 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(ghost, 3, 3)
            painter.setPen(QColor("#1d4f9c"))
            painter.drawText(ghost.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, f"{local:%H:%M}")

    def _paint_block(self, painter: QPainter, placed: _Placed) -> None:
        block, rect = placed.block, placed.rect
        painter.setBrush(colors.fill(block.state))
        pen = QPen(colors.border(block.state), 1)
        if block.conflict:
            pen = QPen(QColor(colors.CONFLICT), 2.2)
        if block.interview_id == self.selected_id:
            pen = QPen(QColor("#1d4f9c"), 2.6)
        painter.setPen(pen)
        painter.drawRoundedRect(rect, 3, 3)
        if block.conflict:
            painter.fillRect(rect.adjusted(2, 2, -2, -2), QBrush(QColor(214, 40, 40, 90), Qt.BrushStyle.BDiagPattern))
        self._paint_text(painter, placed, colors.text(block.state))

    def _paint_ghost(self, painter: QPainter, placed: _Placed) -> None:
        fill = colors.fill("pending_approval")
        fill.setAlpha(150)
        painter.setBrush(fill)
        painter.setPen(QPen(colors.border("pending_approval"), 1.6, Qt.PenStyle.DashLine))
        painter.drawRoundedRect(placed.rect, 3, 3)
        self._paint_text(painter, placed, colors.text("pending_approval"))

    def text_rects(self, placed: _Placed) -> list[QRectF]:
        """Where the lines of a block are written (content coordinates); tests measure against them."""
        inner = placed.rect.adjusted(self.PADDING, 2, -self.PADDING + 1, -2)
        line_h = inner.height() / 2
        return [QRectF(inner.left(), inner.top() + n * line_h, inner.width(), line_h) for n in range(2)]

    def _paint_text(self, painter: QPainter, placed: _Placed, color: QColor) -> None:
        if placed.rect.width() < 22:
            return   # too narrow for a word: the colour, the tooltip and the detail tell the rest
        painter.setPen(color)
        metrics = QFontMetricsF(painter.font())
        for line, box in zip(self.text_lines(placed), self.text_rects(placed), strict=True):
            shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, box.width() + 1)
            if len(shown) > 1:   # a lone ellipsis says nothing
                painter.drawText(box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)

    def hour_labels(self, day_index: int) -> list[tuple[QRectF, str]]:
        """The hour marks over one open day: as many as fit side by side without touching, each
        inside its own day (so the last hour of a day never runs into the first of the next)."""
        metrics = self.metrics()
        long_text, short_text = metrics.horizontalAdvance("00:00") + 6, metrics.horizontalAdvance("00") + 6
        step = next((s for s in (60, 120, 180, 240, 360, 480, 720) if self.pph * s / 60 >= short_text), 1440)
        use_long = self.pph * step / 60 >= long_text
        right = self.day_x[day_index] + self.day_w[day_index]
        found = []
        for minute in range(-(-self.range_start // 60) * 60, self.range_end, step):
            label = f"{minute // 60:02d}:00" if use_long else f"{minute // 60}"
            hx = self._x_of(day_index, minute)
            box = QRectF(hx + 2, 22, metrics.horizontalAdvance(label) + 2, 20)
            if box.right() <= right - 2:
                found.append((box, label))
        return found

    def _paint_header(self, painter: QPainter) -> None:
        painter.fillRect(QRectF(self.LANE_WIDTH, 0, self._content_width, self.HEADER_HEIGHT), QColor("#f5f6f8"))
        metrics = QFontMetricsF(painter.font())
        for i, day in enumerate(self.board.days):
            x, w = self.day_x[i], self.day_w[i]
            today = day.day == self._local(self.board.now).date()
            painter.setPen(QColor("#1d4f9c") if today else QColor("#1f2329"))
            title = words.day_label(day.day) if w > 60 else f"{day.day:%d}"
            if day.holiday and w > 60:
                title += f" {day.holiday}"
            elif not day.working and w > 90:
                title += " " + self.tr("(day off)")
            painter.drawText(QRectF(x + 4, 2, w - 8, 20), Qt.AlignmentFlag.AlignCenter,
                             metrics.elidedText(title, Qt.TextElideMode.ElideRight, w - 8))
            if self.expanded[i]:
                painter.setPen(QColor("#7a818c"))
                for box, label in self.hour_labels(i):
                    painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(QColor("#c9ced6"))
            painter.drawLine(QPointF(x + w - 0.5, 0), QPointF(x + w - 0.5, self.HEADER_HEIGHT))

    def _paint_lanes(self, painter: QPainter, off: QPointF, height: int) -> None:
        painter.fillRect(QRectF(0, self.HEADER_HEIGHT, self.LANE_WIDTH, self._content_height - self.HEADER_HEIGHT),
                         QColor("#f8f9fb"))
        metrics = QFontMetricsF(painter.font())
        lanes = self.board.view.lanes
        for row in self._visible_rows(off, height):
            y, row_h = self.lane_top[row], self.lane_height[row]
            painter.setPen(QColor("#1f2329"))
            painter.drawText(QRectF(8, y, self.LANE_WIDTH - 14, self.ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(lanes[row].name, Qt.TextElideMode.ElideRight, self.LANE_WIDTH - 14))
            painter.setPen(QColor("#e4e7ec"))
            painter.drawLine(QPointF(0, y + row_h - 0.5), QPointF(self.LANE_WIDTH, y + row_h - 0.5))
