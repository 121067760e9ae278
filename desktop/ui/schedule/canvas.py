"""The schedule drawn as lanes (interviewers or rooms) over the office's working hours, one column
per day; interviews are blocks coloured by their live state, conflicts outlined in red and hatched.

A click on a block reports it; dragging a movable block to another time or lane reports the move
(snapped to 15 minutes), and the page turns it into a change request. The lane names and the day
header stay in place while the rest scrolls. Only what is visible is painted, so a department with
thirty interviewers and a busy week stays smooth."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent, QPen
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


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


class ScheduleCanvas(QAbstractScrollArea):
    sig_block_clicked = Signal(int)       # interview id
    sig_block_moved = Signal(object)      # Move

    LANE_WIDTH = 150
    HEADER_HEIGHT = 44
    ROW_HEIGHT = 50
    SNAP_MINUTES = 15
    COLLAPSED_DAY = 46

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
        self.pph = max(72.0 if len(days) == 1 else 20.0, available / (wide * hours))
        self.day_x, self.day_w, x = [], [], float(self.LANE_WIDTH)
        for open_day in self.expanded:
            width = self.pph * hours if open_day else float(self.COLLAPSED_DAY)
            self.day_x.append(x)
            self.day_w.append(width)
            x += width
        self._content_width = x
        self._content_height = self.HEADER_HEIGHT + self.ROW_HEIGHT * len(board.view.lanes)
        self._place_blocks()
        self.horizontalScrollBar().setRange(0, max(0, int(self._content_width - self.viewport().width())))
        self.horizontalScrollBar().setPageStep(self.viewport().width())
        self.verticalScrollBar().setRange(0, max(0, int(self._content_height - self.viewport().height())))
        self.verticalScrollBar().setPageStep(self.viewport().height())
        self.viewport().update()

    def _local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.zone)

    def _x_of(self, day_index: int, minute_of_day: float) -> float:
        return self.day_x[day_index] + (minute_of_day - self.range_start) * self.pph / 60

    def _place_blocks(self) -> None:
        """Blocks overlapping in one lane and day share the row in tracks, so both stay visible."""
        self.placed = []
        groups: dict[tuple[int, int], list[Block]] = {}
        for block in self.board.view.blocks:
            day_index = (self._local(block.starts_at).date() - self.first_day).days
            if 0 <= day_index < len(self.day_x) and block.lane_id in self.lane_index:
                groups.setdefault((block.lane_id, day_index), []).append(block)
        for (lane_id, day_index), blocks in groups.items():
            blocks.sort(key=lambda b: (b.starts_at, b.interview_id))
            track_ends: list[datetime] = []
            tracks: list[int] = []
            for block in blocks:
                free = next((n for n, end in enumerate(track_ends) if end <= block.starts_at), None)
                if free is None:
                    track_ends.append(block.ends_at)
                    free = len(track_ends) - 1
                else:
                    track_ends[free] = block.ends_at
                tracks.append(free)
            height = (self.ROW_HEIGHT - 6) / max(1, len(track_ends))
            top = self.HEADER_HEIGHT + self.lane_index[lane_id] * self.ROW_HEIGHT + 3
            for block, track in zip(blocks, tracks, strict=True):
                start, end = self._local(block.starts_at), self._local(block.ends_at)
                start_min = start.hour * 60 + start.minute
                end_min = min(self.range_end, start_min + (end - start).total_seconds() / 60)
                x0, x1 = self._x_of(day_index, start_min), self._x_of(day_index, end_min)
                self.placed.append(_Placed(block, QRectF(x0 + 1, top + track * height, max(6.0, x1 - x0 - 2),
                                                         height - 2)))

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
        y = self.HEADER_HEIGHT + self.lane_index[lane_id] * self.ROW_HEIGHT + self.ROW_HEIGHT / 2
        return QPointF(x, y)

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
        left = point.x() - (grab.x() - placed.rect.left())
        day_index = next((i for i in range(len(self.day_x)) if self.expanded[i]
                          and self.day_x[i] <= left + 1 < self.day_x[i] + self.day_w[i]), None)
        if day_index is None:
            return None
        minute = self.range_start + (left - self.day_x[day_index]) * 60 / self.pph
        minute = round(minute / self.SNAP_MINUTES) * self.SNAP_MINUTES
        duration = (placed.block.ends_at - placed.block.starts_at).total_seconds() / 60
        minute = max(self.range_start, min(minute, self.range_end - duration))
        lanes = self.board.view.lanes
        row = int((point.y() - self.HEADER_HEIGHT) // self.ROW_HEIGHT)
        lane = lanes[max(0, min(row, len(lanes) - 1))].id
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
        if moved and self.can_drag and placed.block.state in MOVABLE:
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
                QToolTip.showText(event.globalPos(), self._tooltip(placed.block), self)
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _tooltip(self, block: Block) -> str:
        lines = [f"<b>{block.candidate}</b> · {block.position} · {block.round}",
                 words.when(self.zone, block.starts_at, block.ends_at)]
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
        first = max(0, int((off.y()) // self.ROW_HEIGHT))
        last = min(len(self.board.view.lanes), int((off.y() + height) // self.ROW_HEIGHT) + 1)
        return range(first, last)

    def _paint_grid(self, painter: QPainter, off: QPointF, width: int, height: int) -> None:
        bottom = self._content_height
        for row in self._visible_rows(off, height):
            if row % 2:
                y = self.HEADER_HEIGHT + row * self.ROW_HEIGHT
                painter.fillRect(QRectF(self.LANE_WIDTH, y, self._content_width, self.ROW_HEIGHT), QColor("#fafbfc"))
        for i, day in enumerate(self.board.days):
            x, w = self.day_x[i], self.day_w[i]
            if x > off.x() + width or x + w < off.x():
                continue
            if not day.working:
                painter.fillRect(QRectF(x, self.HEADER_HEIGHT, w, bottom), QBrush(QColor("#e9ebef"),
                                                                                   Qt.BrushStyle.BDiagPattern))
            elif self.board.lunch and self.expanded[i]:
                a, b = (_minutes(t) for t in self.board.lunch)
                painter.fillRect(QRectF(self._x_of(i, a), self.HEADER_HEIGHT, (b - a) * self.pph / 60, bottom),
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
            y = self.HEADER_HEIGHT + (row + 1) * self.ROW_HEIGHT - 0.5
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
        metrics = QFontMetrics(painter.font())
        for placed in self.placed:
            if not placed.rect.intersects(visible):
                continue
            block, rect = placed.block, placed.rect
            painter.setBrush(colors.fill(block.state))
            selected = block.interview_id == self.selected_id
            pen = QPen(colors.border(block.state), 1)
            if block.conflict:
                pen = QPen(QColor(colors.CONFLICT), 2.2)
            if selected:
                pen = QPen(QColor("#1d4f9c"), 2.6)
            painter.setPen(pen)
            painter.drawRoundedRect(rect, 3, 3)
            if block.conflict:
                painter.fillRect(rect.adjusted(2, 2, -2, -2), QBrush(QColor(214, 40, 40, 90),
                                                                     Qt.BrushStyle.BDiagPattern))
            if rect.width() < 22:
                continue   # too narrow for a word: the colour, the tooltip and the detail tell the rest
            painter.setPen(colors.text(block.state))
            inner = rect.adjusted(4, 1, -3, -1)
            start = self._local(block.starts_at)
            lines = [block.candidate, f"{start:%H:%M}"] if rect.height() > 30 else [f"{start:%H:%M} {block.candidate}"]
            line_h = inner.height() / len(lines)
            for n, line in enumerate(lines):
                shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, int(inner.width()))
                if len(shown) > 1:   # a lone ellipsis says nothing
                    painter.drawText(QRectF(inner.left(), inner.top() + n * line_h, inner.width(), line_h),
                                     Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, shown)
        if self._drag is not None:
            placed, start, lane = self._drag
            duration = placed.block.ends_at - placed.block.starts_at
            local = self._local(start)
            day_index = (local.date() - self.first_day).days
            x0 = self._x_of(day_index, local.hour * 60 + local.minute)
            top = self.HEADER_HEIGHT + self.lane_index[lane] * self.ROW_HEIGHT + 3
            ghost = QRectF(x0 + 1, top, max(6.0, duration.total_seconds() / 3600 * self.pph - 2), self.ROW_HEIGHT - 8)
            painter.setBrush(QColor(47, 111, 209, 60))
            painter.setPen(QPen(QColor("#2f6fd1"), 1.5, Qt.PenStyle.DashLine))
            painter.drawRoundedRect(ghost, 3, 3)
            painter.setPen(QColor("#1d4f9c"))
            painter.drawText(ghost.adjusted(4, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, f"{local:%H:%M}")

    def _paint_header(self, painter: QPainter) -> None:
        painter.fillRect(QRectF(self.LANE_WIDTH, 0, self._content_width, self.HEADER_HEIGHT), QColor("#f5f6f8"))
        metrics = QFontMetrics(painter.font())
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
                             metrics.elidedText(title, Qt.TextElideMode.ElideRight, int(w - 8)))
            if self.expanded[i]:
                painter.setPen(QColor("#7a818c"))
                step = 60 if self.pph >= 40 else 120
                for minute in range(-(-self.range_start // 60) * 60, self.range_end, step):
                    hx = self._x_of(i, minute)
                    label = f"{minute // 60:02d}:00" if self.pph >= 60 else f"{minute // 60}"
                    painter.drawText(QRectF(hx + 2, 22, self.pph * step / 60 - 2, 20),
                                     Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, label)
            painter.setPen(QColor("#c9ced6"))
            painter.drawLine(QPointF(x + w - 0.5, 0), QPointF(x + w - 0.5, self.HEADER_HEIGHT))

    def _paint_lanes(self, painter: QPainter, off: QPointF, height: int) -> None:
        painter.fillRect(QRectF(0, self.HEADER_HEIGHT, self.LANE_WIDTH, self._content_height), QColor("#f8f9fb"))
        metrics = QFontMetrics(painter.font())
        lanes = self.board.view.lanes
        for row in self._visible_rows(off, height):
            y = self.HEADER_HEIGHT + row * self.ROW_HEIGHT
            painter.setPen(QColor("#1f2329"))
            painter.drawText(QRectF(8, y, self.LANE_WIDTH - 14, self.ROW_HEIGHT), Qt.AlignmentFlag.AlignVCenter,
                             metrics.elidedText(lanes[row].name, Qt.TextElideMode.ElideRight, self.LANE_WIDTH - 14))
            painter.setPen(QColor("#e4e7ec"))
            painter.drawLine(QPointF(0, y + self.ROW_HEIGHT - 0.5), QPointF(self.LANE_WIDTH, y + self.ROW_HEIGHT - 0.5))
